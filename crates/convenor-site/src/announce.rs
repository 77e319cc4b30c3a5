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
use convenor_core::announce::{footnote_number, mark, Announcement, Line};
use convenor_core::Meeting;

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

/// What a rendered announcement gives besides the meeting list.
///
/// ```
/// use convenor_site::announce::AnnounceOptions;
/// assert!(!AnnounceOptions::new().links());
/// assert!(AnnounceOptions::new().with_links(true).links());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AnnounceOptions {
    links: bool,
}

impl AnnounceOptions {
    /// The list alone, as [`render`] lays it out.
    pub fn new() -> AnnounceOptions {
        AnnounceOptions::default()
    }

    /// With `links`, each meeting's line also gives how to join it: its
    /// online `url`, dial-in `phone` and `notes` (meeting ID, passcode),
    /// for a meeting that has them.
    #[must_use]
    pub fn with_links(mut self, links: bool) -> AnnounceOptions {
        self.links = links;
        self
    }

    /// Whether each meeting's join details are given.
    pub fn links(&self) -> bool {
        self.links
    }
}

/// `list` laid out as `format`, with what `options` asks for.
///
/// ```
/// use convenor_site::announce::{render_with, AnnounceOptions, Format};
/// let text = "name = 'Group'\ntimezone = 'Europe/London'\n[[meetings]]\nid = 'a'\n\
///             name = 'A'\nweekly = { day = 'monday', time = '19:00' }\nduration = '60m'\n\
///             starts = '2025-01-06'\n\
///             online = { url = 'https://zoom.example/j/1', notes = 'Passcode <42>' }\n";
/// let schedule = convenor_core::Schedule::from_toml_str(text)?;
/// let day = chrono::NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
/// let list = schedule.announcement(day, None, &[])?;
/// let links = AnnounceOptions::new().with_links(true);
/// let post = render_with(&list, Format::Text, &links);
/// assert!(post.contains("  • Monday: 7:00pm London\n    Join: https://zoom.example/j/1 · Passcode <42>\n"), "{post}");
/// let html = render_with(&list, Format::Html, &links);
/// assert!(html.contains("<a href=\"https://zoom.example/j/1\" rel=\"noopener noreferrer\">Join online</a> · Passcode &#60;42&#62;"), "{html}");
/// assert_eq!(render_with(&list, Format::Text, &AnnounceOptions::new()), list.to_string());
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn render_with(
    list: &Announcement,
    format: Format,
    options: &AnnounceOptions,
) -> String {
    let join = |line: &Line| {
        options.links.then(|| Join::of(list.meeting(line))).flatten()
    };
    match format {
        Format::Text if !options.links => list.to_string(),
        Format::Text => text(list, join),
        Format::Markdown => markdown(list, join),
        Format::Html => html(list, join),
    }
}

/// How to join a meeting: its link, dial-in number and notes, each as
/// written (the notes' lines joined with ` · `).
struct Join {
    url: Option<String>,
    phone: Option<String>,
    notes: Option<String>,
}

impl Join {
    /// `None` for a meeting with no online details.
    fn of(meeting: &Meeting) -> Option<Join> {
        let online = meeting.place().online.as_ref()?;
        let notes = online.notes.as_deref().map(|n| {
            n.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        });
        let join = Join {
            url: online.url.as_ref().map(|u| u.as_str().to_string()),
            phone: online.phone.clone().filter(|p| !p.trim().is_empty()),
            notes: notes.filter(|n| !n.is_empty()),
        };
        (join.url.is_some() || join.phone.is_some() || join.notes.is_some())
            .then_some(join)
    }

    /// `Join: URL · Phone: NUMBER · NOTES`, each part written by `part`
    /// (which escapes it for the format) and the URL by `url`.
    fn words(
        &self,
        url: impl Fn(&str) -> String,
        part: impl Fn(&str) -> String,
    ) -> String {
        let parts: Vec<String> = [
            self.url.as_deref().map(|u| format!("Join: {}", url(u))),
            self.phone.as_deref().map(|p| format!("Phone: {}", part(p))),
            self.notes.as_deref().map(&part),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(" · ")
    }
}

/// The plain text of [`Announcement`]'s `Display`, with a line of join
/// details under each meeting that has them.
fn text(list: &Announcement, join: impl Fn(&Line) -> Option<Join>) -> String {
    let mut out = format!("{}\n\n", list.schedule.name());
    for line in &list.lines {
        let _ = writeln!(out, "  • {}{}", line.text(), line.marks());
        if let Some(j) = join(line) {
            let _ = writeln!(
                out,
                "    {}",
                j.words(str::to_string, str::to_string)
            );
        }
    }
    if !list.footnotes.is_empty() {
        out.push('\n');
    }
    for i in 0..list.footnotes.len() {
        let _ = writeln!(out, "{} {}", mark(i), list.footnote(i));
    }
    out
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
    render_with(list, format, &AnnounceOptions::new())
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

fn markdown(
    list: &Announcement,
    join: impl Fn(&Line) -> Option<Join>,
) -> String {
    let mut out = format!("## {}\n\n", markdown_escape(list.schedule.name()));
    for line in &list.lines {
        let _ = writeln!(
            out,
            "- {}{}",
            markdown_escape(&line.text()),
            markdown_escape(&line.marks())
        );
        // A checked WebUrl has no space, `<` or `>`: an autolink holds it.
        if let Some(j) = join(line) {
            let words = j.words(|u| format!("<{u}>"), markdown_escape);
            let _ = writeln!(out, "  - {words}");
        }
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
{% for (text, marks, join) in lines %}  <li>{{ text }}{% for n in marks %} <sup>{{ n }}</sup>{% endfor %}{% if let Some(join) = join %}<br><span class=\"join\">{% if let Some(url) = join.url %}<a href=\"{{ url }}\" rel=\"noopener noreferrer\">Join online</a>{% if join.phone.is_some() || join.notes.is_some() %} · {% endif %}{% endif %}{% if let Some(phone) = join.phone %}Phone: {{ phone }}{% if join.notes.is_some() %} · {% endif %}{% endif %}{% if let Some(notes) = join.notes %}{{ notes }}{% endif %}</span>{% endif %}</li>
{% endfor %}</ul>
{% for (n, note) in footnotes %}<p><sup>{{ n }}</sup> {{ note }}</p>
{% endfor %}</section>
"
)]
struct Fragment {
    name: String,
    /// Each line's text, its footnotes' numbers and how to join.
    lines: Vec<(String, Vec<usize>, Option<Join>)>,
    /// Each footnote's number and text.
    footnotes: Vec<(usize, String)>,
}

/// The numbers of footnotes `footnotes`, as the HTML shows them (in
/// superscript).
pub(crate) fn numbers(footnotes: &[usize]) -> Vec<usize> {
    footnotes.iter().map(|&i| footnote_number(i)).collect()
}

fn html(list: &Announcement, join: impl Fn(&Line) -> Option<Join>) -> String {
    let fragment = Fragment {
        name: list.schedule.name().to_string(),
        lines: list
            .lines
            .iter()
            .map(|l| (l.text(), numbers(&l.footnotes), join(l)))
            .collect(),
        footnotes: (0..list.footnotes.len())
            .map(|i| (footnote_number(i), list.footnote(i).to_string()))
            .collect(),
    };
    // Rendering into a String fails only if a value's Display does,
    // and these are Strings.
    fragment.render().unwrap_or_default()
}
