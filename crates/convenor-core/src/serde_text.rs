//! serde's error messages in the schedule file's words: the nearest
//! name for an unknown field, Rust type names as people write them, what
//! a missing field wants. The TOML loader here and the JSON loader of
//! `convenor-json` read them (through `__private`, not part of the API:
//! they parse serde's text, which may change).

use crate::suggest::nearest;

/// For serde's "unknown field `x`, expected one of `a`, `b`": the nearest
/// expected field. Works on the messages of any serde format (TOML,
/// JSON) since they come from serde's derive.
///
/// ```
/// use convenor_core::__private::unknown_field;
/// let message = "unknown field `timezon`, expected one of `name`, `url`, `timezone`, `meetings`";
/// assert_eq!(unknown_field(message).as_deref(), Some("timezone"));
/// assert_eq!(unknown_field("missing field `name`"), None);
/// ```
pub fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let names = expected.split('`').skip(1).step_by(2);
    nearest(field, names).map(str::to_string)
}

/// A serde message in the file's words: Rust type names such as `u32`
/// become what a person writes.
///
/// ```
/// use convenor_core::__private::plain_message;
/// assert_eq!(
///     plain_message("invalid type: string \"2\", expected u32"),
///     "invalid type: string \"2\", expected a positive whole number",
/// );
/// ```
pub fn plain_message(message: &str) -> String {
    let message = message.trim_end();
    match message.strip_suffix("expected u32") {
        Some(head) => format!("{head}expected a positive whole number"),
        None => message.to_string(),
    }
}

/// serde's "missing field `x`" with what to write, for the fields a
/// schedule file must give.
#[cfg(feature = "toml")]
pub(crate) fn missing_field_hint(message: &str) -> Option<String> {
    let field = message.strip_prefix("missing field `")?.strip_suffix('`')?;
    let (what, example) = match field {
        "name" => ("the name people see", "name = \"Co-Occurring Disorders\""),
        "id" => ("the meeting's slug", "id = \"saturday-morning\""),
        "duration" => ("how long each session lasts", "duration = \"60m\""),
        "starts" => {
            ("the first date of the meeting", "starts = \"2025-04-03\"")
        }
        "day" => ("the weekday", "day = \"saturday\""),
        "kind" => (
            "what the change does",
            "kind = \"cancel\" (or \"move\", \"extra\", \"reschedule\")",
        ),
        _ => return None,
    };
    Some(format!("{message} ({what}, such as `{example}`)"))
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_say_what_to_write() {
        assert_eq!(
            missing_field_hint("missing field `starts`").as_deref(),
            Some("missing field `starts` (the first date of the meeting, such as `starts = \"2025-04-03\"`)"),
        );
        assert_eq!(missing_field_hint("invalid type"), None);
    }
}
