//! "Did you mean …?": the nearest known name to a misspelt one.
//!
//! Public so that every parsing crate (TOML here, JSON in
//! `convenor-json`) makes the same suggestions.

/// The candidate closest to `input` by edit distance, ignoring case, if it
/// is close enough to be a plausible typo (at most a third of the input's
/// length, and at least one edit is always allowed).
///
/// ```
/// use convenor_core::suggest::nearest;
/// let days = ["monday", "tuesday", "saturday"];
/// assert_eq!(nearest("saturdy", days), Some("saturday"));
/// assert_eq!(nearest("xyz", days), None);
/// ```
pub fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.to_lowercase();
    let budget = (input.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&input, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= budget)
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the nearest
/// expected field. Works on the messages of any serde format (TOML,
/// JSON) since they come from serde's derive.
///
/// ```
/// use convenor_core::suggest::unknown_field;
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
/// use convenor_core::suggest::plain_message;
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
///
/// ```
/// use convenor_core::suggest::missing_field_hint;
/// assert_eq!(
///     missing_field_hint("missing field `starts`").as_deref(),
///     Some("missing field `starts` (the first date of the meeting, such as `starts = \"2025-04-03\"`)"),
/// );
/// assert_eq!(missing_field_hint("invalid type"), None);
/// ```
pub fn missing_field_hint(message: &str) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_only() {
        let days = ["monday", "tuesday", "saturday"];
        assert_eq!(nearest("saturdy", days), Some("saturday"));
        assert_eq!(nearest("Tuesday", days), Some("tuesday"));
        assert_eq!(nearest("xyz", days), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
