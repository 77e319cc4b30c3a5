//! Meeting Guide feed import: never a panic; an imported schedule writes
//! a feed again.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use chrono::NaiveDate;
use convenor::json::{FeedOptions, ImportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let opts =
        ImportOptions::new("x", date).with_timezone(convenor::Zone::utc());
    let Ok(imported) = convenor::json::from_meeting_guide_str(text, &opts)
    else {
        return;
    };
    let feed = convenor::json::to_meeting_guide(
        &imported.schedule,
        &FeedOptions::new(date),
    )
    .expect("an imported schedule has no change to fail as_of");
    let opts = opts.clone();
    let again = convenor::json::from_meeting_guide_str(&feed.json, &opts)
        .unwrap_or_else(|e| {
            panic!("our own feed does not import: {e}\n{}", feed.json)
        });
    assert_eq!(
        again.schedule.meetings().len(),
        imported.schedule.meetings().len()
    );
});

maybe_define_main!();
