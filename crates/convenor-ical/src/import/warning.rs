//! What an import leaves out or reads with an assumption: one warning
//! each, naming the line, the event's UID, the property and why.

use std::fmt;

use crate::read::clip;

/// Something in the calendar that the schedule file does not keep as it
/// was, or keeps under an assumption.
///
/// ```
/// use convenor_ical::import::ImportWarning;
/// let w = ImportWarning {
///     line: 12,
///     uid: Some("abc@example.org".into()),
///     property: "ATTENDEE".into(),
///     message: "2 attendees are not kept; a schedule has no attendees".into(),
/// };
/// assert_eq!(
///     w.to_string(),
///     "12:1: event \"abc@example.org\", ATTENDEE: 2 attendees are not kept; a schedule has no attendees"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportWarning {
    /// The line of the property (or of the event's `BEGIN`), from 1.
    pub line: usize,
    /// The UID of the event, when it has one.
    pub uid: Option<String>,
    /// The property, such as `RRULE`, or the component, such as `VEVENT`.
    pub property: String,
    /// What was left out or assumed, and why.
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:1: ", self.line)?;
        if let Some(uid) = &self.uid {
            write!(f, "event {uid:?}, ")?;
        }
        write!(f, "{}: {}", self.property, self.message)
    }
}

/// The warnings of one import, in the order they were found.
#[derive(Debug, Default)]
pub(crate) struct Warnings(pub(crate) Vec<ImportWarning>);

impl Warnings {
    pub(crate) fn push(
        &mut self,
        line: usize,
        uid: Option<&str>,
        property: &str,
        message: impl Into<String>,
    ) {
        // Values a file holds are quoted short (a UID of 10 MB).
        self.0.push(ImportWarning {
            line,
            uid: uid.map(|u| clip(u, 100).into_owned()),
            property: clip(property, 40).into_owned(),
            message: clip(&message.into(), 500).into_owned(),
        });
    }
}
