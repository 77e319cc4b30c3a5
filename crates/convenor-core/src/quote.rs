//! Schedule text shown to people at a terminal: control characters
//! escaped, and the source line of an error cut to a window around its
//! column, with a caret under it.
//!
//! Names, notes, ids and zones come from a file anyone may have written;
//! printed raw, an ESC or OSC sequence in them retitles or clears the
//! terminal, and a CR overwrites the line (issue 12). A minified schedule
//! is one line of megabytes, so the source line is never quoted whole.

use std::borrow::Cow;

use crate::error::Position;

/// `text` with every control character escaped as Rust writes it (`\n`,
/// `\r`, `\t`, `\u{1b}`), so that it prints as itself. Control characters
/// are C0, DEL and C1, and the bidirectional overrides and isolates,
/// which reorder what follows them on screen.
///
/// ```
/// use convenor_core::quote::escape_controls;
/// assert_eq!(escape_controls("Café (Sat)"), "Café (Sat)");
/// assert_eq!(escape_controls("a\u{1b}]0;owned\u{7}\r\n"), "a\\u{1b}]0;owned\\u{7}\\r\\n");
/// assert_eq!(escape_controls("\u{9b}2J \u{202e}"), "\\u{9b}2J \\u{202e}");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_if(text, is_unsafe)
}

fn escape_if(text: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The most terminal columns a quoted source line takes, ellipses
/// included.
///
/// ```
/// use convenor_core::{quote::{source_excerpt, EXCERPT_WIDTH}, Position};
/// let line = "x".repeat(10_000);
/// let shown = source_excerpt(&line, Position { line: 1, column: 5_000 }).unwrap();
/// // The gutter ("1 | ") and at most EXCERPT_WIDTH columns of the line.
/// assert!(shown.lines().nth(1).unwrap().chars().count() <= 4 + EXCERPT_WIDTH);
/// ```
pub const EXCERPT_WIDTH: usize = 100;

/// The line of `text` at `at`, as three lines for a terminal: an empty
/// gutter, the line number and the line, and a caret under the column.
/// A line wider than [`EXCERPT_WIDTH`] is cut to a window around the
/// column, with `…` where it was cut; control characters are escaped and
/// a tab is four spaces, with the caret still under its character. A
/// column past the end of the line points just after it; `None` when
/// the line does not exist.
///
/// ```
/// use convenor_core::{quote::source_excerpt, Position};
/// let text = "name = \"x\"\nduration = \"0\"\n";
/// let shown = source_excerpt(text, Position { line: 2, column: 12 });
/// assert_eq!(shown.as_deref(), Some("  |\n2 | duration = \"0\"\n  |            ^\n"));
///
/// let long = format!("{{\"d\": \"{}0\"}}", " ".repeat(1_000_000));
/// let shown = source_excerpt(&long, Position { line: 1, column: 1_000_008 }).unwrap();
/// let lines: Vec<&str> = shown.lines().collect();
/// assert!(lines[1].starts_with("1 | …   ") && lines[1].ends_with("   0\"}"));
/// assert!(lines[1].chars().count() <= 4 + convenor_core::quote::EXCERPT_WIDTH);
/// let caret = lines[2].chars().count() - 1;
/// assert_eq!(lines[1].chars().nth(caret), Some('0'));
/// ```
pub fn source_excerpt(text: &str, at: Position) -> Option<String> {
    let line = text.split('\n').nth(at.line.checked_sub(1)?)?;
    line_excerpt(line, at)
}

/// The lines of a text, found once: [`source_excerpt`] for many
/// positions in one text at the cost of a lookup each, where each call
/// of [`source_excerpt`] reads the text up to its line (`check` quotes
/// up to 200 lines of a file of any size).
///
/// ```
/// use convenor_core::{quote::{source_excerpt, SourceLines}, Position};
/// let text = "name = \"x\"\r\nduration = \"0\"\n";
/// let lines = SourceLines::new(text);
/// for (line, column) in [(1, 1), (2, 12), (2, 99), (3, 1), (0, 1)] {
///     let at = Position { line, column };
///     assert_eq!(lines.excerpt(at), source_excerpt(text, at));
/// }
/// ```
#[derive(Debug)]
pub struct SourceLines<'t> {
    text: &'t str,
    /// The offset of each line's first byte.
    starts: Vec<usize>,
}

impl<'t> SourceLines<'t> {
    /// Finds the lines of `text` (one pass).
    pub fn new(text: &'t str) -> SourceLines<'t> {
        let breaks = text.match_indices('\n').map(|(i, _)| i + 1);
        SourceLines {
            text,
            starts: std::iter::once(0).chain(breaks).collect(),
        }
    }

    /// [`source_excerpt`] of this text at `at`.
    pub fn excerpt(&self, at: Position) -> Option<String> {
        let start = *self.starts.get(at.line.checked_sub(1)?)?;
        let rest = &self.text[start..];
        let line = rest.find('\n').map_or(rest, |end| &rest[..end]);
        line_excerpt(line, at)
    }
}

/// [`source_excerpt`] of `line` (without its `\n`), line `at.line` of
/// its text.
fn line_excerpt(line: &str, at: Position) -> Option<String> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let split = char_offset(line, at.column.saturating_sub(1));
    let (before, after) = line.split_at(split);
    // Widths up to one more than fits: the work stays bounded by the
    // column and the window, however long the line.
    let before_width = width_upto(before.chars().rev(), EXCERPT_WIDTH);
    let after_width = width_upto(after.chars(), EXCERPT_WIDTH);
    // A long line keeps up to half the width (less the two ellipses)
    // before the caret, and gives what the other side leaves unused.
    let (left_room, right_room) =
        if before_width + after_width <= EXCERPT_WIDTH {
            (before_width, after_width)
        } else {
            let room = EXCERPT_WIDTH - 2;
            let left = (room / 2).max(room.saturating_sub(after_width));
            let left = left.min(before_width);
            (left, room - left)
        };
    let left_start = before.len() - fitting(before.chars().rev(), left_room);
    let left = &before[left_start..];
    let right = &after[..fitting(after.chars(), right_room)];
    let left_mark = if left.len() < before.len() { "…" } else { "" };
    let right_mark = if right.len() < after.len() { "…" } else { "" };
    let caret = usize::from(!left_mark.is_empty()) + shown_width(left);
    let number = at.line.to_string();
    let gutter = " ".repeat(number.len());
    Some(format!(
        "{gutter} |\n{number} | {left_mark}{}{}{right_mark}\n\
         {gutter} | {}^\n",
        shown(left),
        shown(right),
        " ".repeat(caret)
    ))
}

/// `text` as [`source_excerpt`] shows it: tabs as four spaces, control
/// characters escaped.
fn shown(text: &str) -> Cow<'_, str> {
    let text = escape_if(text, |c| is_unsafe(c) && c != '\t');
    match text.contains('\t') {
        true => Cow::Owned(text.replace('\t', "    ")),
        false => text,
    }
}

/// The terminal columns of [`shown`] `text` (a wide character is taken
/// as one column).
fn shown_width(text: &str) -> usize {
    text.chars().map(width).sum()
}

/// The columns of the leading characters of `chars`, counted up to just
/// past `cap`.
fn width_upto(chars: impl Iterator<Item = char>, cap: usize) -> usize {
    let mut used = 0;
    for c in chars {
        used += width(c);
        if used > cap {
            break;
        }
    }
    used
}

/// The byte offset of character `n` of `line` (its length when shorter):
/// a plain loop over bytes, since a minified line runs to megabytes.
fn char_offset(line: &str, n: usize) -> usize {
    let mut seen = 0;
    for (i, b) in line.bytes().enumerate() {
        // Every byte that is not a UTF-8 continuation byte starts a
        // character.
        if b & 0xC0 != 0x80 {
            if seen == n {
                return i;
            }
            seen += 1;
        }
    }
    line.len()
}

fn width(c: char) -> usize {
    match c {
        '\t' => 4,
        c if is_unsafe(c) => c.escape_default().count(),
        _ => 1,
    }
}

/// The length in bytes of the leading characters of `chars` whose shown
/// form fits in `room` columns.
fn fitting(chars: impl Iterator<Item = char>, room: usize) -> usize {
    let mut used = 0;
    let mut bytes = 0;
    for c in chars {
        used += width(c);
        if used > room {
            break;
        }
        bytes += c.len_utf8();
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn short_lines_are_quoted_whole() {
        let text = "a\n\tb\u{1b}[2J = 1\r\nc";
        assert_eq!(
            source_excerpt(text, at(2, 2)).as_deref(),
            Some("  |\n2 |     b\\u{1b}[2J = 1\n  |     ^\n")
        );
        assert_eq!(
            source_excerpt(text, at(2, 4)).as_deref(),
            Some("  |\n2 |     b\\u{1b}[2J = 1\n  |            ^\n")
        );
        // Past the end of the line: just after it.
        assert_eq!(
            source_excerpt(text, at(3, 99)).as_deref(),
            Some("  |\n3 | c\n  |  ^\n")
        );
        assert_eq!(source_excerpt(text, at(4, 1)), None);
        assert_eq!(source_excerpt(text, at(0, 1)), None);
    }

    /// issue 12: a caret at column 80,000 of a minified file panicked in
    /// the CLI's `format!` (a width over 65,535).
    #[test]
    fn long_lines_keep_a_window_around_the_column() {
        let line = format!("{}X{}", "a".repeat(80_000), "b".repeat(80_000));
        let shown = source_excerpt(&line, at(1, 80_001)).unwrap();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1].chars().count(), 4 + EXCERPT_WIDTH);
        assert!(lines[1].starts_with("1 | …a") && lines[1].ends_with("b…"));
        let caret = lines[2].chars().count() - 1;
        assert_eq!(lines[1].chars().nth(caret), Some('X'));
        // At the end: the window is all before it.
        let shown = source_excerpt(&line, at(1, usize::MAX)).unwrap();
        assert!(shown.contains("bbb\n"), "{shown}");
        assert!(shown.lines().nth(2).unwrap().ends_with(" ^"));
    }

    proptest! {
        #[test]
        fn prop_excerpt_is_bounded_with_the_caret_on_its_character(
            text in "[a\t\u{1b}é\u{202e}\n]{0,400}",
            line in 1usize..4,
            column in 1usize..500,
        ) {
            let Some(shown) = source_excerpt(&text, at(line, column)) else {
                return Ok(());
            };
            prop_assert!(!shown.chars().any(|c| is_unsafe(c) && c != '\n'));
            let lines: Vec<&str> = shown.lines().collect();
            prop_assert_eq!(lines.len(), 3);
            let prefix = line.to_string().len() + 3;
            prop_assert!(lines[1].chars().count() <= prefix + EXCERPT_WIDTH);
            // The caret is under the first column of the character at
            // `column` (or just after the line).
            let source = text.split('\n').nth(line - 1).unwrap();
            let source = source.strip_suffix('\r').unwrap_or(source);
            let caret = lines[2].chars().count() - 1;
            let quoted: String = lines[1].chars().skip(caret).collect();
            match source.chars().nth(column - 1) {
                Some(c) => {
                    let expected: String = shown_char(c);
                    prop_assert!(quoted.starts_with(&expected), "{}", shown);
                }
                None => prop_assert!(quoted.is_empty(), "{}", shown),
            }
        }
    }

    fn shown_char(c: char) -> String {
        shown(&c.to_string()).into_owned()
    }
}
