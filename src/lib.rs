//! convenor: correct calendars for recurring peer-support meetings.
//!
//! This facade re-exports the parts: [`convenor_core`] (the model and the
//! arithmetic: rules at wall-clock times, start dates, schedule changes,
//! RFC 5545 time rules) at the top level, and [`ical`] (iCalendar feeds).
//! The README below is the guide; its examples are compiled as doc-tests.
//!
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub use convenor_core::*;

/// iCalendar (.ics) export: [`ical::to_string`], [`ical::IcalOptions`].
pub use convenor_ical as ical;

/// The seed schedule (LifeRing's co-occurring disorders meetings of
/// November 2022), loaded and validated.
///
/// ```
/// let seed = convenor::seed();
/// assert_eq!(seed.meetings().len(), 6);
/// ```
pub fn seed() -> Schedule {
    Schedule::from_toml_str(SEED_TOML)
        .expect("the embedded seed file is valid: the seed tests load it")
}
