//! The one error type of `convenor-ical`.

use convenor_core::{Position, Schedule};

/// What can go wrong exporting, reading or importing a calendar.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let opts = convenor_ical::IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap());
/// let err = convenor_ical::meeting_to_string(&seed, "co-occuring-monday", &opts).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "no meeting \"co-occuring-monday\" in the schedule; did you mean \"co-occurring-monday\"?"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A meeting id the schedule does not have.
    #[error("no meeting \"{id}\" in the schedule{}", .suggestion.as_ref().map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default())]
    UnknownMeeting {
        /// The id asked for.
        id: String,
        /// The nearest id the schedule has.
        suggestion: Option<String>,
    },
    /// A calendar (`.ics` text) that cannot be read or imported: where,
    /// which event (UID) and property, and what was expected.
    #[error("{}{}{message}", position_prefix(.position), context_prefix(.uid, .property))]
    Calendar {
        /// What is wrong and what was expected.
        message: String,
        /// Where in the text, when known.
        position: Option<Position>,
        /// The UID of the event, when known.
        uid: Option<String>,
        /// The property, such as `DTSTART`, when known.
        property: Option<String>,
    },
}

/// `12:5: `, as compilers write positions.
fn position_prefix(p: &Option<Position>) -> String {
    p.map(|p| format!("{}:{}: ", p.line, p.column)).unwrap_or_default()
}

/// `event "uid", DTSTART: `.
fn context_prefix(uid: &Option<String>, property: &Option<String>) -> String {
    match (uid, property) {
        (Some(u), Some(p)) => format!("event {u:?}, {p}: "),
        (Some(u), None) => format!("event {u:?}: "),
        (None, Some(p)) => format!("{p}: "),
        (None, None) => String::new(),
    }
}

impl From<Error> for convenor_core::Error {
    /// Into the one error type of the `convenor` facade.
    fn from(e: Error) -> convenor_core::Error {
        match e {
            Error::UnknownMeeting { id, suggestion } => {
                convenor_core::Error::UnknownMeeting { id, suggestion }
            }
            Error::Calendar { message, position, uid, property } => {
                convenor_core::Error::Syntax {
                    message: format!(
                        "{}{message}",
                        context_prefix(&uid, &property)
                    ),
                    position,
                    suggestion: None,
                }
            }
        }
    }
}

impl Error {
    /// A calendar error at `position`.
    pub(crate) fn calendar(
        message: impl Into<String>,
        position: Option<Position>,
    ) -> Error {
        Error::Calendar {
            message: message.into(),
            position,
            uid: None,
            property: None,
        }
    }

    /// Where in the calendar text, for [`Error::Calendar`].
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Calendar { position, .. } => *position,
            _ => None,
        }
    }

    pub(crate) fn unknown_meeting(schedule: &Schedule, id: &str) -> Error {
        let ids = schedule.meetings().iter().map(|m| m.id().as_str());
        let suggestion =
            convenor_core::suggest::nearest(id, ids).map(str::to_string);
        Error::UnknownMeeting { id: id.to_string(), suggestion }
    }
}
