//! JSON schedule text: never a panic; an accepted schedule survives
//! schedule JSON unchanged and expands a few sessions.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;
#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match convenor::json::from_str(text) {
        Ok(schedule) => common::round_trip(&schedule),
        // Every error of a JSON schedule is a core error, with a position
        // when it comes from the text.
        Err(e) => assert!(matches!(e, convenor::json::Error::Core(_)), "{e}"),
    }
});

maybe_define_main!();
