//! The integration tests of convenor-json, one module per topic.

// Byte-exact golden files of the seed schedule's views.
mod golden;
// JSON schedule errors: positions and suggestions.
mod errors;
// The JSON Schema: checked in, accepts every schedule, rejects bad ones.
mod schema;
// Meeting Guide feeds: hand-written spec records, export details.
mod meeting_guide;
// Round trips over random schedules.
mod props;
// The streamed occurrence writers equal serde_json's forms.
mod streaming;

/// The seed schedule (`data/lifering-co-occurring.toml`).
pub fn seed() -> convenor_core::Schedule {
    convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)
        .expect("the seed schedule is valid")
}
// Arbitrary text in every free-text field survives the JSON outputs.
mod integrity;
// Every exported feed read by meeting finders' rules; the round trip.
mod finders;

// The exact-week feed read as TSML UI reads it (issue 27).
mod exact_week;
