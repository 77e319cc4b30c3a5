//! The integration tests of convenor-core, one module per topic.

// The seed schedule against hand-computed instants.
mod seed;
// The data-driven case table in testdata/cases.
mod cases;
// Invariants over random meetings, zones and windows.
mod props;
// Bad input: messages, positions, suggestions.
mod errors;
// Edge cases of the model and its fast paths.
mod edges;
// The tz database: the 2026 changes, the rule of choice, differential
// checks against chrono-tz and the system zoneinfo.
mod tzdata;

/// The convenor zone of a chrono-tz zone: the same name in the current
/// database, or in the bundled one when the current lacks it (the bundle
/// has every chrono-tz name; a unit test of `zone.rs` checks).
fn zone_of(tz: chrono_tz::Tz) -> convenor_core::Zone {
    convenor_core::Zone::get(tz.name()).unwrap_or_else(|_| {
        convenor_core::Tzdata::bundled()
            .zone(tz.name())
            .expect("the bundled database has every chrono-tz name")
    })
}

/// A test whose outside data is missing calls this and returns: it says
/// `why` on standard error (`--nocapture` shows it) and skips, but fails
/// where `CONVENOR_REQUIRE` (comma-separated, set by `.ci/run`) names
/// `requirement`, so CI cannot take a skip for a pass.
fn skip_or_fail(requirement: &str, why: &str) {
    let required = std::env::var("CONVENOR_REQUIRE").unwrap_or_default();
    if required.split(',').any(|r| r.trim() == requirement) {
        panic!("CONVENOR_REQUIRE names {requirement} but {why}");
    }
    eprintln!("skipped (needs {requirement}): {why}");
}
