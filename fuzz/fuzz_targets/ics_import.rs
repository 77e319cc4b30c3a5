//! iCalendar import: never a panic on any text, errors carry a position,
//! and an imported schedule's own feed imports again with the same
//! sessions (over 2020–2030) in as many meetings or fewer.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use chrono::{TimeZone, Utc};
use convenor::ical::import::{from_str, ImportOptions};
use convenor::ical::IcalOptions;
use convenor::{Schedule, Status, Window};
use libfuzzer_sys::fuzz_target;

fn sessions(s: &Schedule) -> Vec<(i64, i64)> {
    let w = Window::new(
        Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let mut all: Vec<(i64, i64)> = s
        .occurrences(w)
        .filter(|o| o.status() != Status::Cancelled)
        .take(20_000)
        .map(|o| (o.start().timestamp(), o.end().timestamp()))
        .collect();
    all.sort();
    all
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let opts = ImportOptions::new("x");
    let imported = match from_str(text, &opts) {
        Ok(i) => i,
        Err(e) => {
            // Every error names a place; an imported schedule that does not
            // validate would be a bug of the import.
            assert!(e.position().is_some(), "{e}");
            return;
        }
    };
    // A calendar whose dates span more than a century is compared with
    // its schedule over the latest hundred years only, and says so
    // (HARDENING.md): sessions before then may differ on re-import, on
    // either import.
    // Nor does one that says it could not match the file's sessions
    // exactly: a second extra session at the same local time, the later
    // instant of a fall-back fold, which a local `at` cannot name.
    let capped = |i: &convenor::ical::import::Imported| {
        i.warnings.iter().any(|w| {
            w.message.contains("not before")
                || w.message.contains("could not be matched exactly")
        })
    };
    let now = Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap();
    let ics =
        convenor::ical::to_string(&imported.schedule, &IcalOptions::new(now));
    let again = from_str(&ics, &opts).unwrap_or_else(|e| {
        panic!("our own feed does not import: {e}\n{ics}")
    });
    // Meetings of one name that follow one another may be joined the
    // second time (testdata/fuzz/ics_import/ has such a case), never split.
    assert!(
        again.schedule.meetings().len() <= imported.schedule.meetings().len()
    );
    if !capped(&imported) && !capped(&again) {
        assert_eq!(
            sessions(&again.schedule),
            sessions(&imported.schedule),
            "{ics}"
        );
    }
});

maybe_define_main!();
