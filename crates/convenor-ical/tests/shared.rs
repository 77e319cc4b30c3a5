//! One export plans many meetings and reuses work between those that
//! share a zone, weekday, time, length and first date; none of that may
//! leak from one meeting into another.

use convenor_core::Schedule;

use crate::golden::{opts, schedules};

/// The VEVENTs of a feed, in order.
fn events(ics: &str) -> Vec<&str> {
    let body = ics.strip_suffix("END:VCALENDAR\r\n").expect("a calendar");
    body.split("BEGIN:VEVENT\r\n").skip(1).collect()
}

/// Every meeting's VEVENTs in the whole feed are those of its own feed.
fn assert_same_as_alone(name: &str, schedule: &Schedule) {
    let whole = convenor_ical::to_string(schedule, &opts());
    let mut alone = Vec::new();
    for m in schedule.meetings() {
        let one = convenor_ical::meeting_to_string(
            schedule,
            m.id().as_str(),
            &opts(),
        )
        .expect("a meeting of the schedule");
        alone.extend(events(&one).into_iter().map(str::to_string));
    }
    let whole: Vec<String> =
        events(&whole).into_iter().map(str::to_string).collect();
    assert_eq!(whole, alone, "{name}");
}

#[test]
fn every_golden_feed_equals_its_meetings_alone() {
    for (name, schedule) in schedules() {
        assert_same_as_alone(&name, &schedule);
    }
}

/// Three Sunday 02:30 meetings in Los Angeles share one walk through the
/// DST gaps; the first cancels a gap session, the second moves one, the
/// third ends early. Each keeps exactly its own overrides and EXDATEs.
#[test]
fn meetings_sharing_a_walk_keep_their_own_changes() {
    let schedule = Schedule::from_toml_str(
        r#"
name = "shared"
timezone = "America/Los_Angeles"
[[meetings]]
id = "a"
name = "A"
weekly = { day = "sunday", time = "02:30" }
duration = "60m"
starts = "2023-03-01"
[[meetings.changes]]
kind = "cancel"
date = "2024-03-10"
[[meetings]]
id = "b"
name = "B"
weekly = { day = "sunday", time = "02:30" }
duration = "60m"
starts = "2023-03-01"
[[meetings.changes]]
kind = "move"
date = "2025-03-09"
to = "2025-03-09T05:00"
[[meetings]]
id = "c"
name = "C"
weekly = { day = "sunday", time = "02:30" }
duration = "60m"
starts = "2023-03-01"
[[meetings.changes]]
kind = "end"
effective = "2024-06-01"
[[meetings]]
id = "d"
name = "D"
weekly = { day = "sunday", time = "02:30" }
duration = "60m"
starts = "2023-03-01"
"#,
    )
    .expect("a valid schedule");
    let ics = convenor_ical::to_string(&schedule, &opts());
    let a = convenor_ical::meeting_to_string(&schedule, "a", &opts()).unwrap();
    let d = convenor_ical::meeting_to_string(&schedule, "d", &opts()).unwrap();
    // The cancelled gap session is an EXDATE of A, not an override.
    assert!(a.contains("EXDATE;TZID=America/Los_Angeles:20240310T023000"));
    assert!(!a.contains("RECURRENCE-ID;TZID=America/Los_Angeles:20240310"));
    // D, without changes, gets the override A gave up.
    assert!(d.contains("RECURRENCE-ID;TZID=America/Los_Angeles:20240310"));
    assert_same_as_alone("shared", &schedule);
    assert_eq!(ics, convenor_ical::to_string(&schedule, &opts()));
}
