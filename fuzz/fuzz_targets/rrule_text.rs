//! RRULE text: never a panic; an accepted rule prints as text that parses
//! to the same rule, and its sessions come in order.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use chrono::{NaiveDate, TimeZone, Utc};
use convenor::{
    LocalTime, Meeting, MeetingDuration, MeetingId, Pattern, RRulePattern,
    Rule, Window, Zone,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(pattern) = RRulePattern::new(text) else { return };
    let again = RRulePattern::new(pattern.as_str()).unwrap_or_else(|e| {
        panic!("{:?} does not parse again: {e}", pattern.as_str())
    });
    assert_eq!(again.as_str(), pattern.as_str());
    let meeting = Meeting::new(
        MeetingId::new("m").unwrap(),
        "m",
        "America/Los_Angeles".parse::<Zone>().expect("a bundled zone"),
        Rule::new(Pattern::RRule(pattern), LocalTime::constant(19, 0)),
        MeetingDuration::new(60).unwrap(),
        NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
    );
    let from = Utc.with_ymd_and_hms(2022, 1, 1, 0, 0, 0).unwrap();
    let first: Vec<_> =
        meeting.occurrences(Window::starting(from)).take(30).collect();
    assert!(first.windows(2).all(|w| w[0].start() < w[1].start()));
});

maybe_define_main!();
