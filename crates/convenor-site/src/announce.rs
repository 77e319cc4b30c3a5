//! The core's list of weekly meetings
//! ([`convenor_core::announce::Announcement`]) laid out for a post: plain
//! text, Markdown, or an HTML fragment (an askama template, so every name
//! and note is escaped).
//!
//! ```
//! use convenor_site::announce::{render, Format};
//!
//! let schedule = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
//! let date = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
//! let list = schedule.announcement(date, None, &[])?;
//! let markdown = render(&list, Format::Markdown);
//! assert!(markdown.starts_with("## LifeRing Co\\-Occurring Disorders Meetings\n"));
//! assert!(markdown.contains("- Saturday: 7:00am Pacific"));
//! # Ok::<(), convenor_core::Error>(())
//! ```

use std::fmt::Write as _;

use askama::Template;
use convenor_core::announce::{mark, Announcement};

/// How an announcement is laid out.
///
/// ```
/// use convenor_site::announce::{render, Format};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let list = seed.announcement(day, None, &[])?;
/// let markdown = render(&list, Format::Markdown);
/// assert!(markdown.starts_with("## LifeRing Co\\-Occurring Disorders Meetings\n"), "{markdown}");
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, as [`Announcement`]'s `Display` writes it.
    Text,
    /// Markdown: a heading, a list and the footnotes, with Markdown's
    /// own characters escaped.
    Markdown,
    /// An HTML fragment: `<section class="convenor-announcement">`.
    Html,
}

/// `list` laid out as `format`.
///
/// ```
/// use convenor_site::announce::{render, Format};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let list = seed.announcement(day, None, &[])?;
/// assert_eq!(render(&list, Format::Text), list.to_string());
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn render(list: &Announcement, format: Format) -> String {
    match format {
        Format::Text => list.to_string(),
        Format::Markdown => markdown(list),
        Format::Html => html(list),
    }
}

/// ` * **`: the marks of a line's footnotes, each after a space.
pub(crate) fn marks(footnotes: &[usize]) -> String {
    footnotes.iter().map(|&i| format!(" {}", mark(i))).collect()
}

/// Markdown's own characters escaped (`*` is emphasis, `-` a list).
fn markdown_escape(s: &str) -> String {
    s.chars().fold(String::with_capacity(s.len()), |mut out, c| {
        if "\\`*_{}[]<>()#+-!|".contains(c) {
            out.push('\\');
        }
        out.push(c);
        out
    })
}

fn markdown(list: &Announcement) -> String {
    let mut out = format!("## {}\n\n", markdown_escape(list.schedule.name()));
    for line in &list.lines {
        let _ = writeln!(
            out,
            "- {}{}",
            markdown_escape(&line.text()),
            markdown_escape(&marks(&line.footnotes))
        );
    }
    if !list.footnotes.is_empty() {
        out.push('\n');
    }
    for i in 0..list.footnotes.len() {
        let _ = write!(
            out,
            "{} {}\n\n",
            markdown_escape(&mark(i)),
            markdown_escape(&list.footnote(i).to_string())
        );
    }
    out
}

/// The HTML fragment's values; askama escapes each as it is written.
#[derive(Template)]
#[template(
    escape = "html",
    ext = "html",
    source = "<section class=\"convenor-announcement\">
<h2>{{ name }}</h2>
<ul>
{% for (text, marks) in lines %}  <li>{{ text }}{{ marks }}</li>
{% endfor %}</ul>
{% for note in footnotes %}<p>{{ note }}</p>
{% endfor %}</section>
"
)]
struct Fragment {
    name: String,
    lines: Vec<(String, String)>,
    footnotes: Vec<String>,
}

fn html(list: &Announcement) -> String {
    let fragment = Fragment {
        name: list.schedule.name().to_string(),
        lines: list
            .lines
            .iter()
            .map(|l| (l.text(), marks(&l.footnotes)))
            .collect(),
        footnotes: (0..list.footnotes.len())
            .map(|i| format!("{} {}", mark(i), list.footnote(i)))
            .collect(),
    };
    // Rendering into a String fails only if a value's Display does,
    // and these are Strings.
    fragment.render().unwrap_or_default()
}
