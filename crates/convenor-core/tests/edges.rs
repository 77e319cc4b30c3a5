//! Schedules at the edges of the model, found by review of the fast
//! paths: none may panic, and what they list is what the rules say.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use convenor_core::{
    Change, ChangeKind, LocalTime, Meeting, MeetingDuration, MeetingId,
    Problem, Rule, Schedule, Window, Zone,
};

/// A yearly "31st of January" rule moved to 1 February onward, in a zone
/// west of UTC and in UTC: the later segment is anchored on a month
/// without a 31st, so it has no session at all, and must list none
/// (not a date at the end of chrono's calendar).
#[test]
fn a_segment_with_no_session_lists_none() {
    let cases =
        [("UTC", "23:30", "23:45"), ("America/Los_Angeles", "19:00", "20:00")];
    for (zone, time, later) in cases {
        let text = format!(
            "name = \"x\"\ntimezone = \"{zone}\"\n\
             [[meetings]]\nid = \"m\"\nname = \"M\"\n\
             rrule = \"FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31\"\n\
             time = \"{time}\"\nduration = \"60m\"\nstarts = \"2025-01-31\"\n\
             [[meetings.changes]]\nkind = \"reschedule\"\n\
             effective = \"2025-02-01\"\ntime = \"{later}\"\n"
        );
        let s = Schedule::from_toml_str(&text).expect("valid");
        let window = Window::new(
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2031, 1, 1, 0, 0, 0).unwrap(),
        )
        .unwrap();
        let dues: Vec<NaiveDate> =
            s.occurrences(window).map(|o| o.due()).collect();
        assert_eq!(dues, [NaiveDate::from_ymd_opt(2025, 1, 31).unwrap()]);
        assert!(s.warnings(window).is_empty(), "{zone}");
        let now = Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap();
        assert!(s.next(now, 5).is_empty(), "{zone}");
        let all = Window::starting(now);
        assert_eq!(s.occurrences(all).count(), 0, "{zone}");
    }
}

/// Session times are whole minutes (the file format writes `HH:MM`); a
/// move or extra at a time with seconds, possible through the Rust API,
/// is refused rather than rounded.
#[test]
fn moves_and_extras_with_seconds_are_refused() {
    let meeting = Meeting::new(
        MeetingId::new("sat").unwrap(),
        "Saturday",
        "America/Los_Angeles".parse::<Zone>().unwrap(),
        Rule::weekly(chrono::Weekday::Sat, LocalTime::constant(7, 0)),
        MeetingDuration::new(60).unwrap(),
        NaiveDate::from_ymd_opt(2022, 11, 12).unwrap(),
    );
    let day = NaiveDate::from_ymd_opt(2022, 11, 19).unwrap();
    let odd = day.and_hms_milli_opt(8, 0, 0, 500).unwrap();
    for kind in [
        ChangeKind::Move { date: day, to: odd, duration: None },
        ChangeKind::Extra { at: odd, duration: None },
    ] {
        let err = meeting.clone().with_change(Change::new(kind)).unwrap_err();
        let first = err.problems().next().unwrap();
        assert_eq!(first.problem, Problem::BadTime("08:00:00.500".into()));
    }
    let whole = day.and_hms_opt(8, 0, 0).unwrap();
    let moved = ChangeKind::Move { date: day, to: whole, duration: None };
    assert!(meeting.with_change(Change::new(moved)).is_ok());
}

/// The time functions take any `NaiveDateTime`: at the ends of chrono's
/// calendar they answer, never panic.
#[test]
fn local_times_at_the_ends_of_the_calendar() {
    use chrono::{NaiveDateTime, TimeDelta};
    use convenor_core::{__private::ZoneCursor, resolve_local};
    let zones = [
        Zone::utc(),
        "America/Los_Angeles".parse::<Zone>().unwrap(),
        "Pacific/Kiritimati".parse::<Zone>().unwrap(),
        "Pacific/Apia".parse::<Zone>().unwrap(),
    ];
    let day = TimeDelta::days(1);
    let ends = [
        NaiveDateTime::MIN,
        NaiveDateTime::MIN + day,
        NaiveDateTime::MAX - day,
        NaiveDateTime::MAX,
    ];
    for tz in zones {
        let mut cursor = ZoneCursor::new(tz);
        for at in ends {
            let (start, fit) = resolve_local(tz, at);
            assert_eq!(cursor.resolve(at), (start, fit), "{tz} {at}");
            let (from_cursor, _, end) = cursor.session(at, 3600);
            assert_eq!(from_cursor, start, "{tz} {at}");
            // An hour later, or chrono's last instant.
            assert!(
                end > start || end == DateTime::<Utc>::MAX_UTC,
                "{tz} {at}"
            );
            let _ = cursor.steady_until(at);
        }
    }
}

/// issue 12: Pacific/Apia skipped 2011-12-30 (UTC-10 to UTC+14). A
/// daily session due that day is read with the offset before the gap
/// (RFC 5545 §3.3.5), which is the instant of the 12-31 session: one
/// session, not two (RFC 5545 §3.8.5.3 counts duplicates once), and it is
/// the one due on 12-31, so a change naming that day applies. A weekly
/// session due on the skipped day still moves to 12-31.
#[test]
fn a_skipped_day_gives_no_second_session_at_one_instant() {
    let text = "name = \"x\"\ntimezone = \"Pacific/Apia\"\n\
        [[meetings]]\nid = \"daily\"\nname = \"D\"\nrrule = \"FREQ=DAILY\"\n\
        time = \"19:00\"\nduration = \"60m\"\nstarts = \"2011-12-01\"\n\
        [[meetings]]\nid = \"pair\"\nname = \"P\"\n\
        rrule = \"FREQ=WEEKLY;BYDAY=FR,SA\"\ntime = \"19:00\"\n\
        duration = \"60m\"\nstarts = \"2011-12-01\"\n\
        [[meetings]]\nid = \"fri\"\nname = \"F\"\n\
        weekly = { day = \"friday\", time = \"19:00\" }\n\
        duration = \"60m\"\nstarts = \"2011-12-01\"\n";
    let s = Schedule::from_toml_str(text).expect("valid");
    let window = Window::new(
        Utc.with_ymd_and_hms(2011, 12, 29, 12, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2012, 1, 2, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let seen: Vec<(String, String, NaiveDate)> = s
        .occurrences(window)
        .map(|o| {
            let at = o.start().format("%m-%d %H:%M %:z").to_string();
            (o.meeting().id().to_string(), at, o.due())
        })
        .collect();
    let day = |d| NaiveDate::from_ymd_opt(2011, 12, d).unwrap();
    let row = |id: &str, at: &str, due| (id.to_string(), at.to_string(), due);
    assert_eq!(
        seen,
        [
            row("daily", "12-29 19:00 -10:00", day(29)),
            row("daily", "12-31 19:00 +14:00", day(31)),
            row("fri", "12-31 19:00 +14:00", day(30)),
            row("pair", "12-31 19:00 +14:00", day(31)),
            row(
                "daily",
                "01-01 19:00 +14:00",
                NaiveDate::from_ymd_opt(2012, 1, 1).unwrap()
            ),
        ]
    );
}

/// Found in review: the announcement's other-zone time is the weekly
/// session's even when the next session was moved; its "Ends" is the last
/// session's date; a change is described against the rule just before it
/// when several take effect on one date.
#[test]
fn announcement_lines_follow_the_weekly_rule() {
    let text = r#"
name = "x"
timezone = "America/Los_Angeles"

[[meetings]]
id = "wed"
name = "Wednesday"
weekly = { day = "wednesday", time = "13:00" }
duration = "60m"
starts = "2022-10-05"

[[meetings.changes]]
kind = "move"
date = "2022-11-09"
to = "2022-11-10T19:00"

[[meetings.changes]]
kind = "end"
effective = "2022-12-31"

[[meetings]]
id = "sat"
name = "Saturday"
weekly = { day = "saturday", time = "09:30" }
duration = "60m"
starts = "2022-10-01"

[[meetings.changes]]
kind = "reschedule"
effective = "2022-12-03"
announced = "2022-11-20"
time = "10:00"

[[meetings.changes]]
kind = "reschedule"
effective = "2023-01-07"
announced = "2022-11-21"
time = "11:00"

[[meetings.changes]]
kind = "reschedule"
effective = "2023-01-07"
announced = "2022-11-22"
duration = "90m"
"#;
    let s = Schedule::from_toml_str(text).unwrap();
    let london: convenor_core::Zone = "Europe/London".parse().unwrap();
    let day = NaiveDate::from_ymd_opt(2022, 11, 25).unwrap();
    let list = s
        .announcement(
            day,
            Some(NaiveDate::from_ymd_opt(2022, 11, 1).unwrap()),
            &[london],
        )
        .unwrap();
    let wed = list
        .lines
        .iter()
        .find(|l| list.meeting(l).id().as_str() == "wed")
        .unwrap();
    assert_eq!(
        wed.text(),
        "Wednesday: 1:00pm Pacific · 9:00pm London (Ends December 28th)"
    );
    let moved_week = s
        .announcement(
            NaiveDate::from_ymd_opt(2022, 11, 7).unwrap(),
            None,
            &[london],
        )
        .unwrap();
    let wed = moved_week
        .lines
        .iter()
        .find(|l| moved_week.meeting(l).id().as_str() == "wed")
        .unwrap();
    assert_eq!(wed.elsewhere[0].split(" (").next(), Some("9:00pm London"));
    let notes: Vec<String> =
        (0..list.footnotes.len()).map(|i| list.footnote(i).what()).collect();
    // The undated move counts as announced on its date (9 Nov), so it
    // is one of the changes since 1 Nov, as `changes_since` lists it;
    // so is the undated end still to come (issue 32 item 6). In the
    // order of their dates.
    assert_eq!(
        notes,
        [
            "the Wednesday 9 Nov 2022 session moves to Thu 10 Nov 2022 at 7:00pm Pacific",
            "from 3 Dec 2022, Saturdays at 10:00am Pacific instead of Saturdays at 9:30am Pacific",
            "no more sessions from Saturday 31 Dec 2022",
            "from 7 Jan 2023, Saturdays at 11:00am Pacific instead of Saturdays at 10:00am Pacific",
            "from 7 Jan 2023, Saturdays at 11:00am Pacific instead of Saturdays at 11:00am Pacific, 90 minutes long",
        ]
    );
    // The ends of the calendar: no panic.
    assert!(s.announcement(NaiveDate::MIN, None, &[london]).is_ok());
    assert!(s.announcement(NaiveDate::MAX, None, &[london]).is_ok());
}
