//! The one error type of `convenor-ical`.

use convenor_core::Position;

/// What can go wrong reading or importing a calendar (exporting one fails
/// only for an unknown meeting, which is `convenor_core`'s
/// `Error::UnknownMeeting`). Its `Display` is the message alone; the
/// position is [`Error::position`], and converted into
/// `convenor_core::Error` it renders as `file:line:column: message` with
/// `Error::located`.
///
/// ```
/// let opts = convenor_ical::import::ImportOptions::new("x");
/// let err = convenor_ical::import::from_str("BEGIN:VCALENDAR\r\nX\r\n", &opts).unwrap_err();
/// assert_eq!(err.position().map(|p| p.line), Some(3));
/// let core = convenor_core::Error::from(err);
/// assert!(core.located("x.ics").to_string().starts_with("x.ics:3:"), "{core}");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A calendar (`.ics` text) that cannot be read or imported: where,
    /// which event (UID) and property, and what was expected.
    #[error("{}{message}", context_prefix(.uid, .property))]
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
        }
    }
}
