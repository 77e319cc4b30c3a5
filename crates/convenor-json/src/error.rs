//! The one error type of `convenor-json`.
//!
//! Schedule files keep the core's error (syntax and validation, with
//! positions), so a JSON schedule fails the same way as a TOML one;
//! Meeting Guide feeds add their own variants.

use convenor_core::Position;

/// Everything that can go wrong in `convenor-json`.
///
/// # Example
///
/// ```
/// let err = convenor_json::from_str(r#"{"name": "x", "timezone": 7}"#).unwrap_err();
/// assert!(matches!(err, convenor_json::Error::Core(_)));
/// assert_eq!(
///     err.to_string(),
///     "invalid type: integer `7`, expected a string",
/// );
/// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((1, 27)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A schedule problem: JSON syntax, a wrong type, an unknown field
    /// ([`convenor_core::Error::Syntax`]) or an invalid value or change
    /// ([`convenor_core::Error::Invalid`]), with its position.
    #[error(transparent)]
    Core(#[from] convenor_core::Error),
    /// A Meeting Guide feed that is not JSON or not an array of meeting
    /// records.
    #[error("invalid meeting guide feed: {message}")]
    Feed {
        /// What the parser said.
        message: String,
        /// Where, when known.
        position: Option<Position>,
    },
}

impl From<Error> for convenor_core::Error {
    /// Into the one error type of the `convenor` facade: a schedule's
    /// error as it is, a feed's as a syntax error with its position.
    ///
    /// ```
    /// fn feed() -> Result<(), convenor_core::Error> {
    ///     let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    ///     convenor_json::from_meeting_guide_str("{", &convenor_json::ImportOptions::new("x", day))?;
    ///     Ok(())
    /// }
    /// assert!(feed().unwrap_err().to_string().starts_with("invalid meeting guide feed"));
    /// ```
    fn from(e: Error) -> convenor_core::Error {
        match e {
            Error::Core(core) => core,
            Error::Feed { message, position } => {
                convenor_core::Error::Syntax {
                    message: format!("invalid meeting guide feed: {message}"),
                    position,
                    suggestion: None,
                }
            }
        }
    }
}

impl Error {
    /// Where in the text, when known.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Core(core) => core.position(),
            Error::Feed { position, .. } => *position,
        }
    }
}
