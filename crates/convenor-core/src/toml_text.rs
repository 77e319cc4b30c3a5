//! Loading a schedule from TOML text, with `line:column` positions for
//! syntax errors and for validation problems alike.

use toml::de::{DeTable, DeValue};

use crate::error::{Error, FieldPath, PathPart, Position};
use crate::schedule::Schedule;
use crate::spec::ScheduleSpec;

impl Schedule {
    /// Loads and validates a schedule from TOML text (the file format is
    /// in the README).
    ///
    /// ```
    /// use convenor_core::Schedule;
    ///
    /// let schedule = Schedule::from_toml_str(r#"
    /// name = "LifeRing Co-Occurring Disorders Meetings"
    /// timezone = "America/Los_Angeles"
    ///
    /// [[meetings]]
    /// id = "co-occurring-saturday"
    /// name = "Co-Occurring Disorders (Saturday)"
    /// weekly = { day = "saturday", time = "09:30" }
    /// duration = "60m"
    /// starts = "2022-11-12"
    ///
    /// [[meetings.changes]]
    /// kind = "reschedule"
    /// effective = "2022-11-12"
    /// time = "07:00"
    /// "#)?;
    /// assert_eq!(schedule.meetings().len(), 1);
    ///
    /// let err = Schedule::from_toml_str("name = 'x'\nmeetings = [{ id = 'a' }]").unwrap_err();
    /// assert_eq!(err.to_string(), "missing field `name` at line 2 column 13");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] over [`crate::MAX_INPUT_BYTES`],
    /// [`Error::Syntax`] when the text is not a schedule file's shape,
    /// [`Error::Invalid`] with every problem of its values and changes.
    pub fn from_toml_str(text: &str) -> Result<Schedule, Error> {
        if text.len() > crate::MAX_INPUT_BYTES {
            return Err(Error::TooLarge {
                bytes: text.len(),
                limit: crate::MAX_INPUT_BYTES,
            });
        }
        let spec: ScheduleSpec = toml::from_str(text).map_err(|e| {
            let mut message = crate::suggest::plain_message(e.message());
            let start = e.span().map(|s| s.start);
            // A TOML date (`starts = 2022-11-12`, unquoted) reaches serde
            // as a map; say what it is and what to write.
            let at_digit = start
                .and_then(|s| text.as_bytes().get(s))
                .is_some_and(u8::is_ascii_digit);
            if at_digit && message == "invalid type: map, expected a string" {
                message = "invalid type: TOML date or time, expected a \
                           string; put it in quotes, such as \"2022-11-12\""
                    .to_string();
            }
            Error::Syntax {
                suggestion: crate::suggest::unknown_field(&message),
                position: start.map(|s| Position::at_offset(text, s)),
                message,
            }
        })?;
        Schedule::try_from(spec)
            .map_err(|e| e.locate_with(|path| locate(text, path)))
    }
}

/// The position of the value at `path` in TOML `text`, or of the nearest
/// enclosing value that exists (a missing field points at its table).
fn locate(text: &str, path: &FieldPath) -> Option<Position> {
    let doc = DeTable::parse(text).ok()?;
    let mut span = doc.span();
    let mut table = Some(doc.get_ref());
    let mut array: Option<&toml::de::DeArray<'_>> = None;
    for part in path.parts() {
        let value = match part {
            PathPart::Key(k) => table.and_then(|t| t.get(*k)),
            PathPart::Index(i) => array.and_then(|a| a.get(*i)),
        };
        let Some(value) = value else { break };
        span = value.span();
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    Some(Position::at_offset(text, span.start))
}
