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
