//! Reminders: `VALARM`s in a meeting's and a session's own calendars,
//! in the whole feed only when asked, from the schedule, the meeting or
//! the options.

use chrono::{TimeZone, Utc};
use convenor_core::{MeetingDuration, Schedule};
use convenor_ical::IcalOptions;

const SCHEDULE: &str = r#"
name = "Reminders"
timezone = "America/Los_Angeles"
reminders = ["15m", "1h"]

[[meetings]]
id = "weekly"
name = "Weekly"
weekly = { day = "saturday", time = "07:00" }
duration = "60m"
starts = "2022-11-05"
online = { url = "https://zoom.us/j/1" }

[[meetings.changes]]
kind = "move"
date = "2022-11-19"
to = "2022-11-18T07:00"

[[meetings]]
id = "quiet"
name = "Quiet"
weekly = { day = "sunday", time = "17:00" }
duration = "60m"
starts = "2022-11-06"
reminders = []
"#;

fn opts() -> IcalOptions {
    IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap())
}

#[test]
fn a_meetings_own_calendar_reminds_on_every_event() {
    let s = Schedule::from_toml_str(SCHEDULE).unwrap();
    let ics = convenor_ical::meeting_to_string(&s, "weekly", &opts()).unwrap();
    // The series and the moved session's override, two alarms each.
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2, "{ics}");
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 4, "{ics}");
    assert!(ics.contains(
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Weekly \
         starts in 15 minutes: https://zoom.us/j/1\r\nEND:VALARM\r\n"
    ));
    assert!(ics.contains("TRIGGER:-PT1H\r\n"));
    // A meeting that says none has none.
    let quiet =
        convenor_ical::meeting_to_string(&s, "quiet", &opts()).unwrap();
    assert!(!quiet.contains("VALARM"));
}

#[test]
fn the_whole_feed_reminds_only_when_asked() {
    let s = Schedule::from_toml_str(SCHEDULE).unwrap();
    assert!(!convenor_ical::to_string(&s, &opts()).contains("VALARM"));
    let asked =
        convenor_ical::to_string(&s, &opts().with_reminders_in_feed(true));
    assert_eq!(asked.matches("BEGIN:VALARM").count(), 4);
}

#[test]
fn options_override_the_schedule() {
    let s = Schedule::from_toml_str(SCHEDULE).unwrap();
    let ten = vec![MeetingDuration::new(10).unwrap()];
    let ics = convenor_ical::meeting_to_string(
        &s,
        "quiet",
        &opts().with_reminders(ten),
    )
    .unwrap();
    assert_eq!(ics.matches("TRIGGER:-PT10M\r\n").count(), 1);
    let none = opts().with_reminders(Vec::new());
    let ics = convenor_ical::meeting_to_string(&s, "weekly", &none).unwrap();
    assert!(!ics.contains("VALARM"));
}

#[test]
fn a_sessions_calendar_reminds_unless_cancelled() {
    let s = Schedule::from_toml_str(SCHEDULE).unwrap();
    let now = Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap();
    let first = &s.next(now, 1)[0];
    let ics = convenor_ical::occurrence_to_string(&s, first, &opts());
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 2);
}

#[test]
fn reminders_round_trip_and_bad_ones_are_positioned() {
    let s = Schedule::from_toml_str(SCHEDULE).unwrap();
    let spec = convenor_core::ScheduleSpec::from(&s);
    // Canonical text: 1h is written back as 60m.
    assert_eq!(spec.reminders, ["15m", "60m"]);
    assert_eq!(spec.meetings[1].reminders, Some(vec![]));
    assert_eq!(spec.meetings[0].reminders, None);
    let bad = SCHEDULE.replace("\"1h\"", "\"soon\"");
    let err =
        Schedule::from_toml_str(&bad).unwrap_err().located("f").to_string();
    assert!(err.contains("\"soon\""), "{err}");
    assert!(err.starts_with("f:4:"), "{err}");
    assert!(err.contains("(field reminders[1])"), "{err}");
}
