//! Calendars in the shapes Google Calendar, Outlook / Exchange and Apple
//! Calendar write (`testdata/ics/`, whose README says where each shape
//! comes from) import with the sessions the file means: checked here
//! against sessions worked out by hand from each file, and by
//! `interop/run-import` against four real clients expanding the same
//! files.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use convenor_core::{Schedule, Status, Window};
use convenor_ical::import::{from_str, ImportOptions, Imported};

fn import(name: &str) -> Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/ics")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("a fixture");
    from_str(&text, &ImportOptions::new(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// The sessions of meeting `id` in 2024 and 2025: (start, minutes).
fn sessions(s: &Schedule, id: &str) -> Vec<(DateTime<Utc>, i64)> {
    let w = Window::new(utc(2024, 1, 1, 0, 0), utc(2026, 1, 1, 0, 0)).unwrap();
    let m = s.meeting(id).unwrap_or_else(|| panic!("no meeting {id}"));
    m.occurrences(w)
        .filter(|o| o.status() != Status::Cancelled)
        .map(|o| (o.start().to_utc(), (o.end() - o.start()).num_minutes()))
        .collect()
}

fn warned(i: &Imported, line: usize, property: &str) -> bool {
    i.warnings.iter().any(|w| w.line == line && w.property == property)
}

#[test]
fn google_calendar_export() {
    let i = import("google.ics");
    let s = &i.schedule;
    assert_eq!(s.name(), "Northside Recovery Group");
    assert_eq!(s.meetings().len(), 2, "{:?}", i.warnings);
    assert!(warned(&i, 36, "ATTENDEE") && warned(&i, 33, "ORGANIZER"));
    assert_eq!(i.warnings.len(), 2, "{:?}", i.warnings);
    // "This and following events" from 3 September: one meeting, with a
    // reschedule to 20:00 and 75 minutes.
    let tue = sessions(s, "tuesday-night-step-study");
    assert_eq!(tue[0], (utc(2024, 1, 3, 0, 30), 60)); // 19:30 EST
    assert!(!tue.iter().any(|t| t.0 == utc(2024, 5, 28, 23, 30))); // EXDATE
    assert!(!tue.iter().any(|t| t.0 == utc(2024, 4, 2, 23, 30))); // moved...
    assert!(tue.contains(&(utc(2024, 4, 3, 23, 0), 60))); // ...to Wednesday
    assert!(tue.contains(&(utc(2024, 8, 27, 23, 30), 60))); // last at 19:30
    assert!(tue.contains(&(utc(2024, 9, 4, 0, 0), 75))); // first at 20:00
    assert!(tue.contains(&(utc(2024, 11, 29, 23, 0), 90))); // one-off, same name
    assert!(!tue.iter().any(|t| t.0 == utc(2024, 12, 25, 1, 0))); // EXDATE
    assert!(tue.contains(&(utc(2025, 1, 8, 1, 0), 75)));
    let meeting = s.meeting("tuesday-night-step-study").unwrap();
    assert_eq!(
        meeting
            .place()
            .online
            .as_ref()
            .and_then(|o| o.url.as_ref())
            .map(|u| u.as_str()),
        Some("https://meet.google.com/abc-defg-hij")
    );
    // Second Thursday, COUNT=12: January to December 2024.
    let thu = sessions(s, "second-thursday-speaker-meeting");
    assert_eq!(thu.len(), 12);
    assert_eq!(thu[0], (utc(2024, 1, 12, 0, 0), 90));
    assert_eq!(thu[11], (utc(2024, 12, 13, 0, 0), 90));
}

#[test]
fn outlook_exchange_export_with_windows_zone_names() {
    let i = import("outlook.ics");
    let s = &i.schedule;
    assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    assert_eq!(s.meetings().len(), 3);
    assert_eq!(s.timezone().map(|z| z.name()), Some("America/Los_Angeles"));
    let berlin = s.meeting("dienstagsgruppe").unwrap();
    assert_eq!(berlin.zone().name(), "Europe/Berlin");
    // COUNT=30 every other Tuesday from 2 January 2024.
    let tue = sessions(s, "dienstagsgruppe");
    assert_eq!(tue.len(), 30);
    assert_eq!(tue[0], (utc(2024, 1, 2, 19, 0), 90));
    assert_eq!(tue[29], (utc(2025, 2, 11, 19, 0), 90));
    // UNTIL in UTC is inclusive of the 26 June session.
    let wed = sessions(s, "wednesday-women-s-meeting");
    assert_eq!(wed.last(), Some(&(utc(2024, 6, 27, 1, 0), 60)));
    assert!(!wed.iter().any(|t| t.0 == utc(2024, 2, 22, 2, 0))); // EXDATE
    assert!(wed.contains(&(utc(2024, 3, 14, 2, 0), 60))); // an hour later
    assert_eq!(wed.len(), 26 - 1);
    let teams = s.meeting("wednesday-women-s-meeting").unwrap();
    assert!(teams
        .place()
        .online
        .as_ref()
        .and_then(|o| o.url.as_ref())
        .is_some_and(|u| u
            .as_str()
            .starts_with("https://teams.microsoft.com/")));
    let monday = sessions(s, "first-monday-business-meeting");
    assert_eq!(monday[0], (utc(2024, 1, 2, 1, 30), 45));
    assert_eq!(monday.len(), 24);
}

#[test]
fn apple_calendar_export() {
    let i = import("apple.ics");
    let s = &i.schedule;
    assert_eq!(s.meetings().len(), 2, "{:?}", i.warnings);
    assert!(warned(&i, 44, "VALARM"), "{:?}", i.warnings);
    assert!(warned(&i, 100, "DTSTART"), "{:?}", i.warnings); // all-day
    assert_eq!(i.warnings.len(), 2, "{:?}", i.warnings);
    let sun = sessions(s, "sunday-morning-meditation");
    assert_eq!(sun[0], (utc(2024, 1, 7, 9, 30), 60));
    assert!(!sun.iter().any(|t| t.0 == utc(2024, 3, 31, 8, 30))); // EXDATE
    assert!(sun.contains(&(utc(2024, 5, 12, 10, 0), 60))); // 11:00 BST
    assert!(sun.contains(&(utc(2024, 4, 14, 8, 30), 60)));
    // A series ended by UNTIL and another of the same name: one meeting.
    let thu = sessions(s, "thursday-group");
    assert!(thu.contains(&(utc(2024, 6, 27, 18, 0), 60)));
    assert!(thu.contains(&(utc(2024, 7, 4, 17, 30), 90)));
    assert!(!thu.iter().any(|t| t.0 == utc(2024, 7, 4, 18, 0)));
}

/// A cancelled override and an RDATE, as Thunderbird and Nextcloud
/// (ical.js) write them, and what a schedule cannot hold.
#[test]
fn cancelled_overrides_rdates_and_what_is_left_out() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
        BEGIN:VEVENT\r\nUID:m@x\r\nSUMMARY:Monday\r\n\
        DTSTART;TZID=America/Chicago:20240101T180000\r\nDURATION:PT1H\r\n\
        RRULE:FREQ=WEEKLY;COUNT=6\r\nRDATE;TZID=America/Chicago:20240103T120000\r\n\
        RDATE;VALUE=PERIOD:20240105T180000Z/PT2H\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:m@x\r\nSUMMARY:Monday\r\nRECURRENCE-ID;TZID=America/Chicago:20240115T180000\r\n\
        DTSTART;TZID=America/Chicago:20240115T180000\r\nDURATION:PT1H\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:h@x\r\nSUMMARY:Hourly\r\nDTSTART;TZID=America/Chicago:20240101T180000\r\n\
        RRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:f@x\r\nSUMMARY:Floating\r\nDTSTART:20240101T180000\r\n\
        RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let i = from_str(text, &ImportOptions::new("x")).unwrap();
    let s = &i.schedule;
    assert_eq!(s.meetings().len(), 1);
    let starts: Vec<_> =
        sessions(s, "monday").into_iter().map(|t| t.0).collect();
    assert_eq!(
        starts,
        [
            utc(2024, 1, 2, 0, 0),
            utc(2024, 1, 3, 18, 0), // the RDATE
            utc(2024, 1, 9, 0, 0),
            utc(2024, 1, 23, 0, 0), // 15 January cancelled
            utc(2024, 1, 30, 0, 0),
            utc(2024, 2, 6, 0, 0),
        ]
    );
    let about: Vec<(usize, &str)> =
        i.warnings.iter().map(|w| (w.line, w.property.as_str())).collect();
    assert_eq!(
        about,
        [(10, "RDATE"), (24, "RRULE"), (29, "DTSTART")],
        "{:?}",
        i.warnings
    );
    assert!(i.warnings[1].message.contains("FREQ=HOURLY"));
    assert!(i.warnings[2].message.contains("floating"));
    // With --timezone, floating times are read in that zone.
    let zone = "Europe/Paris".parse().unwrap();
    let i =
        from_str(text, &ImportOptions::new("x").with_timezone(zone)).unwrap();
    assert_eq!(i.schedule.meetings().len(), 2);
}

/// Found by fuzzing (`testdata/fuzz/ics_import/`): the calendar's own URL
/// with a control character made the whole import fail without a
/// position; it is left out with a warning.
#[test]
fn a_calendar_url_that_is_not_valid_is_left_out() {
    let text =
        "BEGIN:VCALENDAR\r\nURL;VALUE=URI:https://example.org/\\\rx\r\n\
        BEGIN:VEVENT\r\nUID:m@x\r\nSUMMARY:Monday\r\n\
        DTSTART;TZID=America/Chicago:20240101T180000\r\nDURATION:PT1H\r\n\
        RRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let i = from_str(text, &ImportOptions::new("x")).unwrap();
    assert_eq!(i.schedule.url(), None);
    assert_eq!(i.schedule.meetings().len(), 1);
    assert_eq!(
        (i.warnings[0].line, i.warnings[0].property.as_str()),
        (2, "URL")
    );
}
