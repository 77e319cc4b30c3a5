//! convenor: correct calendars for recurring peer-support meetings.
//!
//! This facade re-exports the parts: [`convenor_core`] (the model and the
//! arithmetic: rules at wall-clock times, start dates, schedule changes,
//! RFC 5545 time rules) at the top level, [`ical`] (iCalendar feeds) and
//! [`json`] (schedule JSON, occurrence lists, Meeting Guide feeds).
//! The README below is the guide; its examples are compiled as doc-tests.
//!
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub use convenor_core::*;

/// iCalendar (.ics) export: [`ical::to_string`], [`ical::IcalOptions`].
pub use convenor_ical as ical;

/// JSON views: [`json::from_str`], [`json::occurrences_to_string`],
/// [`json::to_meeting_guide`].
pub use convenor_json as json;

/// Loads a schedule file written as TOML or JSON, told apart by content
/// (a JSON schedule is an object, `{`; a TOML file cannot start with one).
///
/// ```
/// let toml = convenor::load(convenor::SEED_TOML)?;
/// let json = convenor::load(&convenor::json::to_string(&toml))?;
/// assert_eq!(json.meetings().len(), 6);
/// let err = convenor::load("{\"name\": \"x\", \"timezone\": \"Europe/Lndon\"}").unwrap_err();
/// assert!(err.to_string().ends_with("did you mean \"Europe/London\"?"), "{err}");
/// # Ok::<(), convenor::Error>(())
/// ```
///
/// # Errors
///
/// As [`Schedule::from_toml_str`] and [`json::from_str`]: syntax errors
/// and every invalid value, with line and column.
pub fn load(text: &str) -> Result<Schedule> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with('{') {
        return Schedule::from_toml_str(text);
    }
    convenor_json::from_str(text).map_err(|e| match e {
        convenor_json::Error::Core(core) => core,
        other => Error::Syntax {
            message: other.to_string(),
            position: None,
            suggestion: None,
        },
    })
}

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

#[doc(hidden)]
pub mod workload;
