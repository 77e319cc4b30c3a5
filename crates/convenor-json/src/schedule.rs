//! The schedule file as JSON: the same [`ScheduleSpec`] model as the TOML
//! file, with `line:column` positions for syntax and validation errors.

use std::io;

use convenor_core::{Position, Schedule, ScheduleSpec};

use crate::error::Error;
use crate::locate::offsets;

/// Loads and validates a schedule from JSON text (the schedule file's
/// model, written as JSON; see the crate docs).
///
/// # Errors
///
/// [`Error::Core`] with [`convenor_core::Error::Syntax`] when the text is
/// not JSON or not a schedule file's shape (the position, and for an
/// unknown field the nearest valid name), or with
/// [`convenor_core::Error::Invalid`] for every invalid value or change,
/// each with the position of the value in the text.
///
/// # Example
///
/// ```
/// let schedule = convenor_json::from_str(r#"{
///   "name": "LifeRing Co-Occurring Disorders Meetings",
///   "timezone": "America/Los_Angeles",
///   "meetings": [{
///     "id": "co-occurring-saturday",
///     "name": "Co-Occurring Disorders (Saturday)",
///     "weekly": { "day": "saturday", "time": "09:30" },
///     "duration": "60m",
///     "starts": "2022-11-12",
///     "changes": [{ "kind": "reschedule", "effective": "2022-11-12", "time": "07:00" }]
///   }]
/// }"#)?;
/// assert_eq!(schedule.meetings().len(), 1);
///
/// let err = convenor_json::from_str(r#"{
///   "name": "x",
///   "timezone": "America/Los_Angles"
/// }"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown time zone \"America/Los_Angles\" (field timezone); \
///      did you mean \"America/Los_Angeles\"?",
/// );
/// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((3, 15)));
/// # Ok::<(), convenor_json::Error>(())
/// ```
pub fn from_str(text: &str) -> Result<Schedule, Error> {
    if text.len() > convenor_core::MAX_INPUT_BYTES {
        return Err(Error::Core(convenor_core::Error::TooLarge {
            bytes: text.len(),
            limit: convenor_core::MAX_INPUT_BYTES,
        }));
    }
    // serde reads a JSON array as a struct's fields in order, which
    // gives confusing messages: a schedule file is one object.
    let first = text.len() - text.trim_start().len();
    if let Some(c) = text[first..].chars().next().filter(|c| *c != '{') {
        return Err(Error::Core(convenor_core::Error::Syntax {
            message: format!(
                "expected a JSON object `{{...}}` for the schedule, found `{c}`"
            ),
            position: Some(Position::at_offset(text, first)),
            suggestion: None,
        }));
    }
    let spec: ScheduleSpec = serde_json::from_str(text).map_err(|e| {
        let position = (e.line() > 0)
            .then(|| Position { line: e.line(), column: e.column().max(1) })
            .map(|p| unknown_key_start(text, &message(&e), p).unwrap_or(p));
        convenor_core::Error::Syntax {
            suggestion: convenor_core::__private::unknown_field(&message(&e)),
            message: message(&e),
            position,
        }
    })?;
    Schedule::try_from(spec).map_err(|e| {
        Error::Core(e.locate_in(text, |paths| offsets(text, paths)))
    })
}

/// serde_json reports an unknown field after its key, at the colon:
/// the position of the key itself (its opening quote), the last such
/// key before `at`.
fn unknown_key_start(
    text: &str,
    message: &str,
    at: Position,
) -> Option<Position> {
    let rest = message.strip_prefix("unknown field `")?;
    let key = &rest[..rest.find('`')?];
    let quoted = serde_json::to_string(key).ok()?;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(at.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line = text[line_start..].split('\n').next().unwrap_or("");
    let column: usize = line.chars().take(at.column).map(char::len_utf8).sum();
    let found = text[..line_start + column].rfind(&quoted)?;
    Some(Position::at_offset(text, found))
}

/// serde_json's message without its ` at line L column C` suffix (the
/// position is kept apart, as the core's errors do).
fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    convenor_core::__private::plain_message(
        full.strip_suffix(&suffix).unwrap_or(&full),
    )
}

/// The schedule file as compact JSON, one line; [`from_str`] loads it
/// back into the same schedule.
///
/// # Example
///
/// ```
/// use convenor_core::Schedule;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let json = convenor_json::to_string(&seed);
/// assert!(json.starts_with(r#"{"name":"LifeRing Co-Occurring Disorders Meetings","url":"#));
/// let back = convenor_json::from_str(&json)?;
/// assert_eq!(convenor_core::ScheduleSpec::from(&back), convenor_core::ScheduleSpec::from(&seed));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_string(schedule: &Schedule) -> String {
    crate::write(schedule, false)
}

/// The schedule file as JSON indented by two spaces, with a final
/// newline, for files people read and diff.
///
/// # Example
///
/// ```
/// use convenor_core::Schedule;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let json = convenor_json::to_string_pretty(&seed);
/// assert!(json.starts_with("{\n  \"name\": \"LifeRing Co-Occurring Disorders Meetings\",\n"));
/// assert!(json.ends_with("}\n"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn to_string_pretty(schedule: &Schedule) -> String {
    crate::write(schedule, true)
}

/// Writes the schedule file as [`to_string`] makes it to `writer`, each
/// meeting as it is made: the file of 100,000 meetings is never held
/// whole.
///
/// # Errors
///
/// The first error of `writer`; what was written before it stays written.
///
/// # Example
///
/// ```
/// use convenor_core::Schedule;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let mut out = Vec::new();
/// convenor_json::to_writer(&mut out, &seed)?;
/// assert_eq!(out, convenor_json::to_string(&seed).as_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_writer<W: io::Write>(
    writer: W,
    schedule: &Schedule,
) -> io::Result<()> {
    serde_json::to_writer(writer, schedule).map_err(io::Error::from)
}

/// Writes the schedule file as [`to_string_pretty`] makes it (with its
/// final newline) to `writer`, each meeting as it is made.
///
/// # Errors
///
/// The first error of `writer`; what was written before it stays written.
///
/// # Example
///
/// ```
/// use convenor_core::Schedule;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let mut out = Vec::new();
/// convenor_json::to_writer_pretty(&mut out, &seed)?;
/// assert_eq!(out, convenor_json::to_string_pretty(&seed).as_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_writer_pretty<W: io::Write>(
    writer: W,
    schedule: &Schedule,
) -> io::Result<()> {
    let mut writer = writer;
    serde_json::to_writer_pretty(&mut writer, schedule)
        .map_err(io::Error::from)?;
    writer.write_all(b"\n")
}
