//! Colour for people at a terminal, never in pipes or files, and never
//! when `NO_COLOR` is set (<https://no-color.org>).

use std::io::IsTerminal;
use std::sync::OnceLock;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    })
}

fn paint(text: &str, code: &str) -> String {
    if enabled() && !text.is_empty() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Headings.
pub fn bold(text: &str) -> String {
    paint(text, "1")
}

/// Secondary detail: the meeting's own time.
pub fn dim(text: &str) -> String {
    paint(text, "2")
}

/// Warnings to notice: cancelled, moved, another day.
pub fn alert(text: &str) -> String {
    paint(text, "33")
}
