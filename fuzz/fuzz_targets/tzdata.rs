//! tz data as untrusted input (issue 25): any bytes as a zone file
//! (TZif, read as `Tzdata::from_dir` reads a directory's zones) and as
//! the first line of `tzdata.zi` / `+VERSION`. Never a panic; every
//! transition walk ends, lists changes in order inside its window, each
//! a real change that follows on from the one before, and a window split
//! in two gives the same changes as the whole.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use chrono::{TimeZone, Utc};
use convenor::__private::{read_tzif, tzdata_version_line};
use libfuzzer_sys::fuzz_target;

/// Unix seconds at the start of `year` (UTC).
fn year(year: i32) -> i64 {
    Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap().timestamp()
}

fuzz_target!(|data: &[u8]| {
    for prefix in ["# version ", ""] {
        if let Some(v) = tzdata_version_line(data, prefix) {
            assert!(v.is_ascii() && v.len() >= 5, "{v:?} taken as a release");
            assert!(convenor::tzdata_version_at_least(Some(&v), Some(&v)));
        }
    }
    // 1900 to 2200, and a stretch over jiff's last instant (9999) into
    // the 400-year cycles the walk maps back onto it.
    for (from, to, years) in
        [(year(1900), year(2200), 300), (year(9990), year(10040), 50)]
    {
        let Ok(whole) = read_tzif(data, from, to) else { return };
        // A change per transition in the file, and at most two a year
        // from its footer's rule.
        assert!(
            whole.len() <= data.len() + 2 * (years + 1),
            "{} changes",
            whole.len()
        );
        let mut last = from;
        for (i, (at, before, after)) in whole.iter().enumerate() {
            assert!(*at > last && *at <= to, "change at {at} after {last}");
            assert_ne!(before, after, "a change at {at} that changes nothing");
            if let Some(next) = whole.get(i + 1) {
                assert_eq!(
                    after, &next.1,
                    "changes at {at} and {} do not follow on",
                    next.0
                );
            }
            last = *at;
        }
        let middle = from + (to - from) / 2;
        let mut halves = read_tzif(data, from, middle).expect("read once");
        halves.extend(read_tzif(data, middle, to).expect("read once"));
        assert_eq!(halves, whole, "the window split at {middle} differs");
    }
});

maybe_define_main!();
