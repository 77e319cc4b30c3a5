//! The one error type of `convenor-ical`.

use convenor_core::Schedule;

/// What can go wrong exporting a calendar.
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
}

impl From<Error> for convenor_core::Error {
    /// Into the one error type of the `convenor` facade.
    fn from(e: Error) -> convenor_core::Error {
        match e {
            Error::UnknownMeeting { id, suggestion } => {
                convenor_core::Error::UnknownMeeting { id, suggestion }
            }
        }
    }
}

impl Error {
    pub(crate) fn unknown_meeting(schedule: &Schedule, id: &str) -> Error {
        let ids = schedule.meetings().iter().map(|m| m.id().as_str());
        let suggestion =
            convenor_core::suggest::nearest(id, ids).map(str::to_string);
        Error::UnknownMeeting { id: id.to_string(), suggestion }
    }
}
