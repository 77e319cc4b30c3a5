//! A unified diff of a file before and after an edit, to show a change
//! before it is made.

use std::fmt::Write;

/// Lines of context around the change.
const CONTEXT: usize = 3;

/// `old` and `new` as a unified diff (`--- a/NAME`, `+++ b/NAME`, one
/// `@@` hunk around the lines that differ, with three lines of context),
/// as `diff -u` and `git diff` print an edit that touches one place, as
/// every [`Edit`](super::Edit) does. Empty when the texts are the same.
///
/// ```
/// let diff = convenor_core::document::unified_diff("s.toml", "a\nb\nc\n", "a\nb\nx\nc\n");
/// assert_eq!(diff, "--- a/s.toml\n+++ b/s.toml\n@@ -1,3 +1,4 @@\n a\n b\n+x\n c\n");
/// ```
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let (same_start, same_end) = super::edited::common_ends(&a, &b);
    let from = same_start.saturating_sub(CONTEXT);
    let (a_to, b_to) = (a.len() - same_end, b.len() - same_end);
    let a_end = (a_to + CONTEXT).min(a.len());
    let b_end = (b_to + CONTEXT).min(b.len());
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        range(from, a_end - from),
        range(from, b_end - from)
    );
    let mut line = |mark: char, text: &str| {
        out.push(mark);
        match text.strip_suffix('\n') {
            Some(t) => {
                out.push_str(t.strip_suffix('\r').unwrap_or(t));
                out.push('\n');
            }
            None => {
                out.push_str(text);
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    };
    for text in &a[from..same_start] {
        line(' ', text);
    }
    for text in &a[same_start..a_to] {
        line('-', text);
    }
    for text in &b[same_start..b_to] {
        line('+', text);
    }
    for text in &a[a_to..a_end] {
        line(' ', text);
    }
    out
}

/// `start,count` of a hunk, 1-based (for no lines, the line before).
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        n => format!("{},{n}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::unified_diff;

    #[test]
    fn an_insertion_at_the_end_has_context_before_it() {
        let old = "1\n2\n3\n4\n5\n";
        let new = "1\n2\n3\n4\n5\n\n6\n";
        assert_eq!(
            unified_diff("f", old, new),
            "--- a/f\n+++ b/f\n@@ -3,3 +3,5 @@\n 3\n 4\n 5\n+\n+6\n"
        );
    }

    #[test]
    fn a_changed_line_and_a_missing_newline() {
        assert_eq!(
            unified_diff("f", "a\nb", "a\nb\n"),
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
        );
        assert_eq!(
            unified_diff("f", "", "x\n"),
            "--- a/f\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n"
        );
        assert_eq!(unified_diff("f", "same\n", "same\n"), "");
    }
}
