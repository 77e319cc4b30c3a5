//! iCalendar: the reader never panics on any text, and arbitrary text in
//! a meeting's name survives export and parse exactly, with every line
//! at most 75 octets and CRLF only.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use convenor::ical::IcalOptions;
use convenor::{
    LocalTime, Meeting, MeetingDuration, MeetingId, Rule, Schedule, Zone,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = convenor::ical::__private::parse(text);

    let meeting = Meeting::new(
        MeetingId::new("m").unwrap(),
        text,
        "Europe/London".parse::<Zone>().unwrap(),
        Rule::weekly(Weekday::Sat, LocalTime::constant(7, 0)),
        MeetingDuration::new(60).unwrap(),
        NaiveDate::from_ymd_opt(2022, 11, 12).unwrap(),
    )
    .with_notes(text);
    let schedule = Schedule::new(text, None, vec![meeting]).unwrap();
    let now = Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap();
    let ics = convenor::ical::to_string(&schedule, &IcalOptions::new(now));
    for line in ics.split_terminator("\r\n") {
        assert!(line.len() <= 75, "long line {line:?}");
        assert!(!line.contains(['\r', '\n']), "bare line break in {line:?}");
    }
    assert!(ics.ends_with("\r\n"));
    let calendar =
        convenor::ical::__private::parse(&ics).expect("our output parses");
    let events: Vec<_> = calendar.all("VEVENT").collect();
    assert_eq!(events.len(), 1, "{ics}");
    let summary = events[0].property("SUMMARY").expect("a SUMMARY").text();
    assert_eq!(summary, normalized(text));
});

/// What TEXT can carry (RFC 5545 §3.3.11): every line break (CRLF, CR,
/// LF) as LF, no control characters but tab.
fn normalized(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter(|&c| {
            c == '\n' || c == '\t' || !(c.is_ascii_control() || c == '\u{7f}')
        })
        .collect()
}

maybe_define_main!();
