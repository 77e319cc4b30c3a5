//! convenor: correct calendars for recurring peer-support meetings.
//!
//! This facade re-exports the parts: [`convenor_core`] (the model and the
//! arithmetic: rules at wall-clock times, start dates, schedule changes,
//! RFC 5545 time rules) at the top level, [`ical`] (iCalendar feeds) and
//! [`json`] (schedule JSON, occurrence lists, Meeting Guide feeds).
//! The README below is the guide; its examples are compiled as doc-tests.
//!
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The public surface, listed: what a program that embeds convenor needs.
// `chrono` is re-exported so `convenor` alone is enough to name times.
pub use chrono;
pub use convenor_core::{announce, quote, suggest, words};
pub use convenor_core::{
    canonical_zone, resolve_local, suggest_zone, tzdata_version_at_least,
    weekday_name, Change, ChangeKind, ChangeRef, ChangeSpec, Day, Error,
    FieldPath, Fit, Interval, Invalid, LocalTime, Meeting, MeetingDuration,
    MeetingId, MeetingOccurrences, MeetingSpec, NoSession, Occurrence,
    Occurrences, Online, OnlineSpec, Pattern, Place, Position, Problem,
    RRulePattern, Reschedule, Result, Rule, Schedule, ScheduleSpec, Segment,
    Status, Tzdata, TzdataError, TzdataSource, UnknownZone, Viewed, Warning,
    Week, WeeklySpec, Window, Zone, ZoneOffset, BUNDLED_VERSION,
    MAX_INPUT_BYTES, MAX_SESSIONS, SEED_TOML, TZDATA_ENV, WEEKDAY_NAMES,
};

/// Plumbing shared by convenor's own crates, benches and fuzz targets;
/// not part of the API and may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use convenor_core::toml_blocks_agree;
    pub use convenor_core::{
        weekday_code, PathPart, ZoneCursor, ZoneCursors, WEEKDAY_CODES,
    };
}

/// iCalendar (.ics) export: [`ical::to_string`], [`ical::IcalOptions`].
pub use convenor_ical as ical;

/// JSON views: [`json::from_str`], [`json::occurrences_to_string`],
/// [`json::to_meeting_guide`].
pub use convenor_json as json;

/// Loads a schedule file written as TOML or JSON, told apart by content
/// (a JSON schedule is an object, `{`; a TOML file cannot start with one,
/// nor with `[{` or `[]`).
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
    if !looks_like_json(text) {
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

/// Where each field is in schedule `text` (TOML or JSON, told apart as
/// [`load`] does): the position of its value, or of the nearest
/// enclosing value that exists. For pointing at a warning's field
/// ([`Schedule::warning_path`]) or any other.
///
/// ```
/// let schedule = convenor::load(convenor::SEED_TOML)?;
/// let path = convenor::FieldPath::root().key("meetings").index(1).key("starts");
/// let at = convenor::positions(convenor::SEED_TOML, &[&path]);
/// assert!(at[0].is_some());
/// # Ok::<(), convenor::Error>(())
/// ```
pub fn positions(text: &str, paths: &[&FieldPath]) -> Vec<Option<Position>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match looks_like_json(text) {
        true => convenor_json::positions(text, paths),
        false => convenor_core::toml_positions(text, paths),
    }
}

/// Whether `text` is JSON rather than TOML: an object, or an array of
/// objects or an empty one (never a schedule, but JSON says why better
/// than TOML's "invalid table header").
fn looks_like_json(text: &str) -> bool {
    let text = text.trim_start();
    match text.strip_prefix('[') {
        Some(rest) => rest.trim_start().starts_with(['{', ']']),
        None => text.starts_with('{'),
    }
}

/// Loads a schedule file from its bytes, as read from disk: like
/// [`load`], and text that is not UTF-8 is bad input with the position
/// of the first bad byte (never a panic, never a lossy guess).
///
/// ```
/// let err = convenor::load_bytes(b"name = \"Caf\xe9\"\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "the text is not UTF-8 (byte 0xE9); save the file as UTF-8 at line 1 column 12",
/// );
/// ```
///
/// # Errors
///
/// [`Error::TooLarge`] over [`MAX_INPUT_BYTES`] (checked before
/// anything else), [`Error::Syntax`] for bytes that are not UTF-8, and
/// then as [`load`].
pub fn load_bytes(bytes: &[u8]) -> Result<Schedule> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            bytes: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The prefix up to `valid_up_to` is UTF-8 by definition.
            let good = std::str::from_utf8(good).unwrap_or_default();
            Err(Error::Syntax {
                message: format!(
                    "the text is not UTF-8 (byte 0x{:02X}); save the file \
                     as UTF-8",
                    bytes[e.valid_up_to()]
                ),
                position: Some(Position::at_offset(good, good.len())),
                suggestion: None,
            })
        }
    }
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
