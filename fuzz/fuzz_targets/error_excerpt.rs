//! The source lines `convenor check` quotes under an error: never a
//! panic at any line or column (issue 12: a caret past column 65,535
//! panicked), never a raw control character, never wider than
//! `EXCERPT_WIDTH`, and the caret under the character it points at.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use convenor::quote::{source_excerpt, EXCERPT_WIDTH};
use convenor::Position;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Where the loader puts its errors, as `check` shows them...
    let mut positions = match convenor::load(text) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .position()
            .into_iter()
            .chain(e.problems().take(100).filter_map(|p| p.position))
            .collect(),
    };
    // ...and anywhere else, the column as large as the first bytes say.
    let head =
        data.iter().take(8).fold(0usize, |n, b| n << 8 | usize::from(*b));
    positions.push(Position { line: 1 + head % 3, column: head });
    positions.push(Position { line: 1, column: data.len() / 2 + 1 });
    for at in positions {
        let Some(shown) = source_excerpt(text, at) else { continue };
        check(text, at, &shown);
    }
});

fn check(text: &str, at: Position, shown: &str) {
    assert!(
        !shown.chars().any(|c| c.is_control() && c != '\n'),
        "a raw control character: {shown:?}"
    );
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 3, "{shown:?}");
    let prefix = at.line.to_string().len() + 3;
    assert!(lines[1].chars().count() <= prefix + EXCERPT_WIDTH, "{shown:?}");
    assert!(
        lines[2].chars().count() <= prefix + EXCERPT_WIDTH + 1,
        "{shown:?}"
    );
    // The caret is under the character at the column, or just after the
    // line; a character shown as an escape or a tab starts there.
    let source = text.split('\n').nth(at.line - 1).unwrap_or("");
    let source = source.strip_suffix('\r').unwrap_or(source);
    let caret = lines[2].chars().count() - 1;
    let under = lines[1].chars().nth(caret);
    match source.chars().nth(at.column.saturating_sub(1)) {
        Some('\t') => assert_eq!(under, Some(' '), "{shown:?}"),
        Some(c) if c.is_control() => {
            assert_eq!(under, Some('\\'), "{shown:?}")
        }
        Some(c)
            if ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c) =>
        {
            assert_eq!(under, Some('\\'), "{shown:?}")
        }
        Some(c) => assert_eq!(under, Some(c), "{shown:?}"),
        None => assert_eq!(under, None, "{shown:?}"),
    }
}

maybe_define_main!();
