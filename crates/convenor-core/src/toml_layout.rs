//! How a TOML schedule file is laid out, found with the toml crate's own
//! lexer and without building any tree: where each meeting's text is, so
//! that each is parsed on its own and the parser's tree only ever holds
//! one meeting (the whole file's tree costs about 75 bytes a token).

use std::ops::Range;

use toml_parser::lexer::{Token, TokenKind};
use toml_parser::Source;

/// The most tokens one piece of a file may have before it is parsed
/// (about 75 MB of the toml crate's tree). A real meeting has tens to a
/// few thousand; a file over it outside `[[meetings]]` blocks or
/// `meetings = [...]` elements is refused instead of bloating memory.
pub(crate) const MAX_TOKENS: usize = 1_000_000;

/// Where a schedule file's meetings are.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `[[meetings]]` blocks: the text before the first one is the
    /// schedule's own table, and each range is one block, from its
    /// header to the next.
    Blocks { root: Range<usize>, meetings: Vec<Range<usize>> },
    /// `meetings = [ {...}, ... ]` in the root table: the range of the
    /// array value, and of each of its elements.
    Inline { array: Range<usize>, meetings: Vec<Range<usize>> },
    /// Anything else (no meetings, `[meetings]`, dotted `meetings.x`, a
    /// table after the blocks, keys the lexer alone cannot name): the
    /// file is read as one document.
    Whole,
}

/// The number of tokens in `text` other than whitespace and comments
/// (what a parse of it costs), when it is over `limit`. Every token is
/// at least a byte, so text of at most `limit` bytes is not lexed.
pub(crate) fn tokens_over(text: &str, limit: usize) -> Option<usize> {
    if text.len() <= limit {
        return None;
    }
    let n = Source::new(text).lex().filter(|t| counts(t.kind())).count();
    (n > limit).then_some(n)
}

fn counts(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::Whitespace | TokenKind::Comment | TokenKind::Eof
    )
}

/// Finds the layout of `text` in one pass of the lexer.
pub(crate) fn layout(text: &str) -> Layout {
    let mut lexer = Source::new(text).lex().filter(|t| {
        !matches!(t.kind(), TokenKind::Whitespace | TokenKind::Comment)
    });
    let mut blocks: Vec<usize> = Vec::new();
    let mut inline: Option<Range<usize>> = None;
    // No header seen yet: keys are the schedule's own.
    let mut in_root = true;
    while let Some(first) = lexer.next() {
        match first.kind() {
            TokenKind::Eof => break,
            TokenKind::Newline => continue,
            TokenKind::LeftSquareBracket => {
                let Some(header) = header(text, first, &mut lexer) else {
                    return Layout::Whole;
                };
                in_root = false;
                let Some(name) = header.first else {
                    return Layout::Whole;
                };
                match (name == "meetings", header.array, header.dotted) {
                    // `[[meetings]]`, after no inline array.
                    (true, true, false) if inline.is_none() => {
                        blocks.push(first.span().start())
                    }
                    // `[meetings.online]`, `[[meetings.changes]]` in a block.
                    (true, _, true) if !blocks.is_empty() => {}
                    // A sub-table of the schedule's, before the blocks.
                    (false, _, _) if blocks.is_empty() => {}
                    _ => return Layout::Whole,
                }
            }
            _ => {
                let Some(keyval) = keyval(text, first, &mut lexer) else {
                    return Layout::Whole;
                };
                let Some(name) = keyval.first else {
                    return Layout::Whole;
                };
                if in_root && name == "meetings" {
                    if !keyval.array || keyval.dotted || inline.is_some() {
                        return Layout::Whole;
                    }
                    inline = Some(keyval.value);
                }
            }
        }
    }
    if let Some(array) = inline {
        let meetings = elements(text, array.clone());
        return Layout::Inline { array, meetings };
    }
    let Some(&first) = blocks.first() else {
        return Layout::Whole;
    };
    let ends = blocks.iter().skip(1).copied().chain([text.len()]);
    Layout::Blocks {
        root: 0..first,
        meetings: blocks.iter().zip(ends).map(|(&s, e)| s..e).collect(),
    }
}

/// A `[table]` or `[[array]]` header line.
struct Header<'t> {
    first: Option<&'t str>,
    array: bool,
    dotted: bool,
}

/// Reads a header after its first `[`, to the end of its line.
fn header<'t>(
    text: &'t str,
    open: Token,
    lexer: &mut impl Iterator<Item = Token>,
) -> Option<Header<'t>> {
    let mut next = lexer.next()?;
    // `[[` must be two brackets with nothing between them.
    let array = next.kind() == TokenKind::LeftSquareBracket
        && next.span().start() == open.span().end();
    if array {
        next = lexer.next()?;
    }
    let (first, dotted, close) =
        key(text, next, lexer, TokenKind::RightSquareBracket)?;
    if array {
        let second = lexer.next()?;
        let adjacent = second.span().start() == close.span().end();
        if second.kind() != TokenKind::RightSquareBracket || !adjacent {
            return None;
        }
    }
    match lexer.next()?.kind() {
        TokenKind::Newline | TokenKind::Eof => {}
        _ => return None,
    }
    Some(Header { first, array, dotted })
}

/// A `key = value` line (or lines, for a multi-line array or string).
struct KeyVal<'t> {
    first: Option<&'t str>,
    dotted: bool,
    /// The value is an array (`[` ...).
    array: bool,
    value: Range<usize>,
}

fn keyval<'t>(
    text: &'t str,
    first: Token,
    lexer: &mut impl Iterator<Item = Token>,
) -> Option<KeyVal<'t>> {
    let (key, dotted, _) = key(text, first, lexer, TokenKind::Equals)?;
    let start = lexer.next()?;
    let end = value_end(start, lexer)?;
    Some(KeyVal {
        first: key,
        dotted,
        array: start.kind() == TokenKind::LeftSquareBracket,
        value: start.span().start()..end,
    })
}

/// Reads a key up to `until`: its first part when the lexer alone can
/// name it (a bare key, or a quoted one without escapes), whether it is
/// dotted, and the closing token. (Borrowed from the text: a key a
/// line, so no allocation for each.)
fn key<'t>(
    text: &'t str,
    mut token: Token,
    lexer: &mut impl Iterator<Item = Token>,
    until: TokenKind,
) -> Option<(Option<&'t str>, bool, Token)> {
    let first = part(text, token);
    let mut dotted = false;
    loop {
        token = lexer.next()?;
        match token.kind() {
            kind if kind == until => return Some((first, dotted, token)),
            TokenKind::Dot => dotted = true,
            TokenKind::Atom
            | TokenKind::BasicString
            | TokenKind::LiteralString => {}
            _ => return None,
        }
    }
}

fn part(text: &str, token: Token) -> Option<&str> {
    let raw = text.get(token.span().start()..token.span().end())?;
    let quoted = |q: char| {
        raw.strip_prefix(q)
            .and_then(|r| r.strip_suffix(q))
            .filter(|r| !r.contains('\\'))
    };
    match token.kind() {
        TokenKind::Atom => Some(raw),
        TokenKind::BasicString => quoted('"'),
        TokenKind::LiteralString => quoted('\''),
        _ => None,
    }
}

/// The end offset of a value that starts with `start`: the last token
/// before the newline (or end) at which every bracket it opened is
/// closed.
fn value_end(
    start: Token,
    lexer: &mut impl Iterator<Item = Token>,
) -> Option<usize> {
    let mut depth = 0usize;
    let mut token = start;
    let mut end = start.span().start();
    loop {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.checked_sub(1)?
            }
            TokenKind::Newline | TokenKind::Eof if depth == 0 => {
                return Some(end)
            }
            TokenKind::Eof => return None,
            _ => {}
        }
        if token.kind() != TokenKind::Newline {
            end = token.span().end();
        }
        token = lexer.next()?;
    }
}

/// The ranges of the elements of the array at `array` (from its `[` to
/// its `]`): what is between its top-level commas.
fn elements(text: &str, array: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current: Option<Range<usize>> = None;
    let inner = &text[array.clone()];
    let tokens = Source::new(inner).lex().filter(|t| {
        !matches!(
            t.kind(),
            TokenKind::Whitespace | TokenKind::Comment | TokenKind::Newline
        )
    });
    for token in tokens {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                if depth == 1 {
                    continue; // the array's own `[`
                }
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break; // its `]`
                }
            }
            TokenKind::Comma if depth == 1 => {
                out.extend(current.take());
                continue;
            }
            _ => {}
        }
        let span = array.start + token.span().start()
            ..array.start + token.span().end();
        current = Some(match current {
            Some(r) => r.start..span.end,
            None => span,
        });
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn finds_blocks() {
        let text =
            "name = 'x'\n[[meetings]]\nid = 'a'\n[[meetings.changes]]\n\
                    kind = 'cancel'\n[[ meetings ]] # b\nid = 'b'\n\
                    notes = '''\n[[meetings]]\n'''\n";
        let Layout::Blocks { root, meetings } = layout(text) else {
            panic!("{:?}", layout(text));
        };
        assert_eq!(&text[root], "name = 'x'\n");
        assert_eq!(pieces(text, &meetings).len(), 2);
        assert!(text[meetings[1].clone()].starts_with("[[ meetings ]] # b"));
    }

    #[test]
    fn finds_inline_elements() {
        let text =
            "name = 'x'\nmeetings = [\n  { id = 'a', tags = ['x', 'y'] },\n  \
                    # c\n  { id = 'b' }, # d\n]\nurl = 'u'\n";
        let Layout::Inline { array, meetings } = layout(text) else {
            panic!("{:?}", layout(text));
        };
        assert!(
            text[array.clone()].starts_with('[') && text[array].ends_with(']')
        );
        assert_eq!(
            pieces(text, &meetings),
            ["{ id = 'a', tags = ['x', 'y'] }", "{ id = 'b' }"]
        );
    }

    #[test]
    fn other_shapes_are_read_whole() {
        for text in [
            "name = 'x'\n",
            "[meetings]\nid = 'a'\n",
            "meetings.x = 1\n[[meetings]]\n",
            "meetings = []\n[[meetings]]\n",
            "[[meetings]]\n[other]\n",
            "[[meetings]]\n[meetings]\n",
            "[[\"meet\\u0069ngs\"]]\n",
            "[[meetings]\n",
            "x = [1,\n",
        ] {
            assert_eq!(layout(text), Layout::Whole, "{text}");
        }
    }

    #[test]
    fn counts_tokens_over_a_limit() {
        assert_eq!(tokens_over("x = [1, 2] # c\n", 7), Some(8));
        assert_eq!(tokens_over("x = [1, 2] # c\n", 8), None);
        // At most a token a byte: short text is not lexed.
        assert_eq!(tokens_over("x = [1, 2] # c\n", 16), None);
    }
}
