//! One export plans many meetings and reuses work between those that
//! share a zone, weekday, time, length and first date; none of that may
//! leak from one meeting into another.

use chrono::{Duration, NaiveDate};
use convenor_core::Schedule;
use proptest::prelude::*;

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
    let feed = |id| convenor_ical::meeting_to_string(&schedule, id, &opts());
    let (a, b, d) =
        (feed("a").unwrap(), feed("b").unwrap(), feed("d").unwrap());
    // Gap sessions cut every series; A's cancelled one is not written at
    // all (neither EXDATE nor override nor a VEVENT of its own).
    assert!(a.contains("UID:a-20230312T0230@"));
    assert!(!a.contains("20240310T0230"));
    assert!(!a.contains("EXDATE"));
    assert!(!a.contains("RECURRENCE-ID"));
    // D, without changes, has the session A gave up, on its own at its
    // instant (RFC 5545 §3.3.5: 03:30 PDT).
    let own = |feed: &str, uid: &str| {
        let at = feed.find(uid).expect(uid);
        feed[at..].split("END:VEVENT").next().unwrap().to_string()
    };
    let gap_day = own(&d, "UID:d-20240310T0230@");
    assert!(gap_day.contains("DTSTART:20240310T103000Z\r\n"), "{gap_day}");
    assert!(gap_day.contains("DTEND:20240310T113000Z\r\n"), "{gap_day}");
    // B's moved gap session is its own VEVENT, at the time it moved to.
    let moved = own(&b, "UID:b-20250309T0230@");
    assert!(
        moved.contains("DTSTART;TZID=America/Los_Angeles:20250309T050000\r\n"),
        "{moved}"
    );
    assert!(!b.contains("RECURRENCE-ID"));
    assert_same_as_alone("shared", &schedule);
    assert_eq!(ics, convenor_ical::to_string(&schedule, &opts()));
}

/// A weekend meeting in TOML near the DST edges of a few zones (most
/// change their clocks early on a Sunday), with a cancellation and a
/// move picked from the same few weekends, so that meetings often share
/// a walk and differ only in their changes.
pub fn meeting_toml() -> impl Strategy<Value = String> {
    let zone = prop::sample::select(vec![
        "America/Los_Angeles",
        "Europe/London",
        "Australia/Lord_Howe",
    ]);
    let saturday = any::<bool>();
    let time = prop::sample::select(vec!["01:30", "02:30", "17:00"]);
    let minutes = prop::sample::select(vec![30u32, 90, 600]);
    let starts =
        prop::sample::select(vec!["2023-01-01", "2023-03-19", "2023-10-15"]);
    // Sundays of clock changes in 2023 and 2024.
    let sunday = prop::sample::select(vec![
        (2023, 3, 12),
        (2023, 3, 26),
        (2023, 4, 2),
        (2023, 10, 1),
        (2023, 10, 29),
        (2023, 11, 5),
        (2024, 3, 10),
        (2024, 3, 31),
        (2024, 4, 7),
        (2024, 10, 6),
        (2024, 10, 27),
        (2024, 11, 3),
    ]);
    let cancel = prop::option::of(sunday.clone());
    let moved = prop::option::of(sunday);
    (zone, saturday, time, minutes, starts, cancel, moved).prop_map(
        |(zone, saturday, time, minutes, starts, cancel, moved)| {
            let day = if saturday { "saturday" } else { "sunday" };
            let starts: NaiveDate = starts.parse().unwrap();
            // The weekend's session, if the meeting has started by then.
            let session = |(y, m, d): (i32, u32, u32)| {
                let sunday = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let date = sunday - Duration::days(i64::from(saturday));
                (date >= starts).then_some(date)
            };
            let mut t = format!(
                "timezone = \"{zone}\"\n\
                 weekly = {{ day = \"{day}\", time = \"{time}\" }}\n\
                 duration = \"{minutes}m\"\n\
                 starts = \"{starts}\"\n"
            );
            let cancel = cancel.and_then(session);
            if let Some(d) = cancel {
                t += "[[meetings.changes]]\nkind = \"cancel\"\n";
                t += &format!("date = \"{d}\"\n");
            }
            if let Some(d) =
                moved.and_then(session).filter(|&d| Some(d) != cancel)
            {
                t += "[[meetings.changes]]\nkind = \"move\"\n";
                t += &format!("date = \"{d}\"\nto = \"{d}T12:00\"\n");
            }
            t
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn prop_whole_feed_equals_meetings_alone(
        meetings in prop::collection::vec(meeting_toml(), 1..8)
    ) {
        let mut text = String::from("name = \"p\"\n");
        for (i, m) in meetings.iter().enumerate() {
            text += &format!("[[meetings]]\nid = \"m{i}\"\nname = \"M{i}\"\n{m}");
        }
        let schedule = Schedule::from_toml_str(&text);
        prop_assert!(schedule.is_ok(), "{text}\n{:?}", schedule.err());
        let schedule = schedule.unwrap();
        assert_same_as_alone("prop", &schedule);
    }
}
