//! TOML schedule text: never a panic; reading by `[[meetings]]` blocks
//! agrees with reading the whole document; an accepted schedule
//! survives schedule JSON unchanged and expands a few sessions.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;
#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let from_bytes = convenor::load_bytes(data);
    let Ok(text) = std::str::from_utf8(data) else {
        assert!(from_bytes.is_err());
        return;
    };
    assert!(
        convenor::__private::toml_blocks_agree(text),
        "blocks disagree: {text:?}"
    );
    if let Ok(schedule) = convenor::Schedule::from_toml_str(text) {
        common::round_trip(&schedule);
    }
});

maybe_define_main!();
