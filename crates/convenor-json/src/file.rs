//! A schedule file as people and programs write it: TOML or JSON, told
//! apart by content.

use convenor_core::{
    Error, FieldPath, Position, Result, Schedule, MAX_INPUT_BYTES,
};

/// Loads a schedule file written as TOML or JSON, told apart by content
/// (a JSON schedule is an object, `{`; a TOML file cannot start with one,
/// nor with `[{` or `[]`).
///
/// ```
/// let toml = convenor_json::load(convenor_core::SEED_TOML)?;
/// let json = convenor_json::load(&convenor_json::to_string(&toml))?;
/// assert_eq!(json.meetings().len(), 6);
/// let err = convenor_json::load("{\"name\": \"x\", \"timezone\": \"Europe/Lndon\"}").unwrap_err();
/// assert!(err.to_string().ends_with("did you mean \"Europe/London\"?"), "{err}");
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// # Errors
///
/// As [`Schedule::from_toml_str`] and [`from_str`](crate::from_str): syntax errors
/// and every invalid value, with line and column.
pub fn load(text: &str) -> Result<Schedule> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !looks_like_json(text) {
        return Schedule::from_toml_str(text);
    }
    crate::from_str(text).map_err(|e| match e {
        crate::Error::Core(core) => core,
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
/// let schedule = convenor_json::load(convenor_core::SEED_TOML)?;
/// let path = convenor_core::FieldPath::root().key("meetings").index(1).key("starts");
/// let at = convenor_json::schedule_positions(convenor_core::SEED_TOML, &[&path]);
/// assert!(at[0].is_some());
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn schedule_positions(
    text: &str,
    paths: &[&FieldPath],
) -> Vec<Option<Position>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match looks_like_json(text) {
        true => crate::positions(text, paths),
        false => convenor_core::toml_positions(text, paths),
    }
}

/// Whether `text` is JSON rather than TOML: an object, or an array of
/// objects or an empty one (never a schedule, but JSON says why better
/// than TOML's "invalid table header").
pub(crate) fn looks_like_json(text: &str) -> bool {
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
/// let err = convenor_json::load_bytes(b"name = \"Caf\xe9\"\n").unwrap_err();
/// assert_eq!(
///     err.located("f.toml").to_string(),
///     "f.toml:1:12: the text is not UTF-8 (byte 0xE9); save the file as UTF-8\n",
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
