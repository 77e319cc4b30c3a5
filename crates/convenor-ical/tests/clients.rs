//! The constructs real clients misread are never written (the interop
//! tests in `interop/` show each with the clients themselves): no RRULE
//! steps through a spring-forward gap at its session time, no DTSTART
//! and no changed session of a series sits in a fold, and a master whose
//! first session spans a clock change gives its length as a UTC DTEND.
//! And every UID `expected_sessions` names is a VEVENT of the feed.

use chrono::{TimeZone, Utc};
use convenor_core::{Schedule, Window};
use convenor_ical::{__private::parse, expected_sessions, IcalOptions};

fn opts() -> IcalOptions {
    IcalOptions::new(Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap())
}

/// The schedule of one meeting (`spec` holds its rule lines) in `zone`.
fn one(zone: &str, spec: &str) -> Schedule {
    Schedule::from_toml_str(&format!(
        "name = \"x\"\ntimezone = \"{zone}\"\n[[meetings]]\nid = \"m\"\n\
         name = \"M\"\n{spec}\n"
    ))
    .expect("a valid schedule")
}

/// The VEVENT with `uid` (the master, when there are overrides).
fn event(ics: &str, uid: &str) -> String {
    let at = ics
        .find(&format!("UID:{uid}@convenor.invalid\r\n"))
        .unwrap_or_else(|| panic!("no VEVENT {uid} in\n{ics}"));
    ics[at..].split("END:VEVENT").next().unwrap().to_string()
}

/// Every UID `expected_sessions` gives in 2023–2024 is a VEVENT of the
/// feed, and each series VEVENT's sessions carry its UID.
fn assert_expected_uids_exist(schedule: &Schedule) {
    let ics = convenor_ical::to_string(schedule, &opts());
    let cal = parse(&ics).expect("our output parses");
    let uids: Vec<String> = cal
        .all("VEVENT")
        .map(|e| e.property("UID").unwrap().value.clone())
        .collect();
    let window = Window::new(
        Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    for s in expected_sessions(schedule, window, &opts()) {
        assert!(uids.contains(&s.uid), "{} is no VEVENT of\n{ics}", s.uid);
    }
}

/// K1: a weekly 02:30 session on the spring-forward Sunday is its own
/// VEVENT at its RFC 5545 instant; the series before it ends the week
/// before, and a new one resumes the week after.
#[test]
fn a_gap_day_session_cuts_its_series() {
    let s = one(
        "America/Los_Angeles",
        "weekly = { day = \"sunday\", time = \"02:30\" }\nduration = \"60m\"\n\
         starts = \"2023-01-01\"",
    );
    let ics = convenor_ical::to_string(&s, &opts());
    let first = event(&ics, "m");
    assert!(first.contains("DTSTART;TZID=America/Los_Angeles:20230101T023000"));
    // The last session before the gap day, 2023-03-05 02:30 PST, plus 3 h.
    assert!(first.contains("UNTIL=20230305T133000Z"), "{first}");
    let gap_day = event(&ics, "m-20230312T0230");
    assert!(gap_day.contains("DTSTART:20230312T103000Z\r\n"), "{gap_day}");
    assert!(gap_day.contains("DTEND:20230312T113000Z\r\n"), "{gap_day}");
    assert!(gap_day.contains("RELATED-TO:m@convenor.invalid\r\n"));
    assert!(!gap_day.contains("RRULE"));
    let next = event(&ics, "m--20230319");
    assert!(next.contains("DTSTART;TZID=America/Los_Angeles:20230319T023000"));
    assert!(!ics.contains("RECURRENCE-ID"), "{ics}");
    assert_expected_uids_exist(&s);
}

/// A series whose first session is in the gap (or in a fold) keeps its
/// UID and starts a week later; that session is on its own.
#[test]
fn a_first_session_in_a_gap_or_fold_is_on_its_own() {
    for (time, day, uid, dtstart, own) in [
        (
            "02:30",
            "2023-03-12",
            "m-20230312T0230",
            "20230319T023000",
            "DTSTART:20230312T103000Z",
        ),
        (
            "01:30",
            "2023-11-05",
            "m-20231105T0130",
            "20231112T013000",
            "DTSTART:20231105T083000Z",
        ),
    ] {
        let s = one(
            "America/Los_Angeles",
            &format!(
                "weekly = {{ day = \"sunday\", time = \"{time}\" }}\n\
                 duration = \"60m\"\nstarts = \"{day}\""
            ),
        );
        let ics = convenor_ical::to_string(&s, &opts());
        let master = event(&ics, "m");
        let want = format!("DTSTART;TZID=America/Los_Angeles:{dtstart}\r\n");
        assert!(master.contains(&want), "{master}");
        assert!(event(&ics, uid).contains(own), "{ics}");
        assert_expected_uids_exist(&s);
    }
}

/// A cancelled or moved session in a fold cuts its series too (node-ical
/// and ical.js cannot both be given an EXDATE or a RECURRENCE-ID for
/// it); an unchanged one stays an override that restates it in UTC.
#[test]
fn a_changed_fold_session_cuts_its_series() {
    let s = one(
        "America/Los_Angeles",
        "weekly = { day = \"sunday\", time = \"01:30\" }\nduration = \"60m\"\n\
         starts = \"2023-01-01\"\n[[meetings.changes]]\nkind = \"move\"\n\
         date = \"2023-11-05\"\nto = \"2023-11-04T18:00\"",
    );
    let ics = convenor_ical::to_string(&s, &opts());
    let moved = event(&ics, "m-20231105T0130");
    assert!(moved.contains("DTSTART;TZID=America/Los_Angeles:20231104T180000"));
    assert!(event(&ics, "m--20231112").contains("RRULE:FREQ=WEEKLY;BYDAY=SU"));
    // 2024-11-03, unchanged: an override in UTC at the first instant.
    assert!(
        ics.contains("RECURRENCE-ID;TZID=America/Los_Angeles:20241103T013000")
    );
    assert!(ics.contains("DTSTART:20241103T083000Z"));
    assert_expected_uids_exist(&s);
}

/// A monthly session whose month has a gap at its time is on its own:
/// libical expands the month in an ICU calendar (Berlin, the second
/// Tuesday of March, the gap being on the last Sunday), node-ical steps
/// from the month's first day (Adelaide, 1 October 2023).
#[test]
fn a_monthly_session_in_a_month_with_a_gap_at_its_time_is_on_its_own() {
    for (zone, time, uid, resumes) in [
        ("Europe/Berlin", "02:00", "m-20230314T0200", "m--20230411"),
        ("Australia/Adelaide", "02:00", "m-20231010T0200", "m--20231114"),
    ] {
        let s = one(
            zone,
            &format!(
                "rrule = \"FREQ=MONTHLY;BYDAY=2TU\"\ntime = \"{time}\"\n\
                 duration = \"30m\"\nstarts = \"2023-01-01\""
            ),
        );
        let ics = convenor_ical::to_string(&s, &opts());
        assert!(!event(&ics, uid).contains("RRULE"));
        assert!(event(&ics, resumes).contains("RRULE:FREQ=MONTHLY;BYDAY=2TU"));
        assert_expected_uids_exist(&s);
    }
    // Without a gap at its time, a monthly series is one VEVENT.
    let s = one(
        "Europe/Berlin",
        "rrule = \"FREQ=MONTHLY;BYDAY=2TU\"\ntime = \"19:00\"\n\
         duration = \"30m\"\nstarts = \"2023-01-01\"",
    );
    let ics = convenor_ical::to_string(&s, &opts());
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "{ics}");
}

/// K2: libical adds a DURATION on the wall clock, so a master whose first
/// session spans the fall-back (23:30 PDT + 90 minutes) gives DTEND in
/// UTC; one whose first session is ordinary keeps DURATION.
#[test]
fn a_master_spanning_a_clock_change_ends_in_utc() {
    let spec = |starts| {
        format!(
            "weekly = {{ day = \"saturday\", time = \"23:30\" }}\n\
             duration = \"90m\"\nstarts = \"{starts}\""
        )
    };
    let s = one("America/Los_Angeles", &spec("2023-11-04"));
    let master = event(&convenor_ical::to_string(&s, &opts()), "m");
    assert!(master.contains("DTEND:20231105T080000Z\r\n"), "{master}");
    assert!(!master.contains("DURATION"), "{master}");
    let s = one("America/Los_Angeles", &spec("2023-11-11"));
    let master = event(&convenor_ical::to_string(&s, &opts()), "m");
    assert!(master.contains("DURATION:PT90M\r\n"), "{master}");
}
