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

use crate::l10n::{Lang, Words};
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
    /// An HTML fragment: `<section class="convenor-announcement"
    /// lang="en" dir="ltr">`.
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
    lang: Lang,
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

    /// In `lang`: its weekday and month names, clock and zone names
    /// from CLDR, its sentences from its message file
    /// ([`crate::l10n`]). English by default.
    ///
    /// ```
    /// use convenor_site::announce::{render_with, AnnounceOptions, Format};
    /// use convenor_site::l10n::Lang;
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
    /// let list = seed.announcement(day, None, &[])?;
    /// let es = AnnounceOptions::new().with_lang(Lang::Es);
    /// let post = render_with(&list, Format::Text, &es);
    /// assert!(post.contains("  • Sábado: 07:00 hora del Pacífico (Comienza el 12 de noviembre) [1]\n"), "{post}");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    #[must_use]
    pub fn with_lang(mut self, lang: Lang) -> AnnounceOptions {
        self.lang = lang;
        self
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
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
    let words = Words::new(options.lang);
    let post = Post {
        name: list.schedule.name().to_string(),
        lines: list
            .lines
            .iter()
            .map(|l| (words.line(list, l), l.footnotes.clone(), join(l)))
            .collect(),
        footnotes: (0..list.footnotes.len())
            .map(|i| (i, words.change(&list.footnote(i))))
            .collect(),
        words,
    };
    match format {
        Format::Text if !options.links && options.lang == Lang::En => {
            list.to_string()
        }
        Format::Text => text(&post),
        Format::Markdown => markdown(&post),
        Format::Html => html(post),
    }
}

/// An announcement in words, ready to lay out.
struct Post {
    name: String,
    /// Each line's text, its footnotes (indexes) and join details.
    lines: Vec<(String, Vec<usize>, Option<Join>)>,
    /// Each footnote's mark and text.
    /// Each footnote's index and text.
    footnotes: Vec<(usize, String)>,
    words: Words,
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
        words: &Words,
        url: impl Fn(&str) -> String,
        part: impl Fn(&str) -> String,
    ) -> String {
        let join = words.message("join", &[]);
        let phone = words.message("phone", &[]);
        let parts: Vec<String> = [
            self.url.as_deref().map(|u| format!("{join}: {}", url(u))),
            self.phone.as_deref().map(|p| format!("{phone}: {}", part(p))),
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
fn text(post: &Post) -> String {
    let mut out = format!("{}\n\n", post.name);
    for (line, notes, join) in &post.lines {
        let _ = writeln!(out, "  • {line}{}", marks(notes));
        if let Some(j) = join {
            let words = j.words(&post.words, str::to_string, str::to_string);
            let _ = writeln!(out, "    {words}");
        }
    }
    if !post.footnotes.is_empty() {
        out.push('\n');
    }
    for (i, note) in &post.footnotes {
        let _ = writeln!(out, "{} {note}", mark(*i));
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

/// ` [1] [2]`: the marks of a line's footnotes, each after a space
/// (as [`Line::marks`] writes them).
fn marks(footnotes: &[usize]) -> String {
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

fn markdown(post: &Post) -> String {
    let mut out = format!("## {}\n\n", markdown_escape(&post.name));
    for (line, notes, join) in &post.lines {
        let _ = writeln!(
            out,
            "- {}{}",
            markdown_escape(line),
            markdown_escape(&marks(notes))
        );
        // A checked WebUrl has no space, `<` or `>`: an autolink holds it.
        if let Some(j) = join {
            let words =
                j.words(&post.words, |u| format!("<{u}>"), markdown_escape);
            let _ = writeln!(out, "  - {words}");
        }
    }
    if !post.footnotes.is_empty() {
        out.push('\n');
    }
    for (i, note) in &post.footnotes {
        let _ = write!(
            out,
            "{} {}\n\n",
            markdown_escape(&mark(*i)),
            markdown_escape(note)
        );
    }
    out
}

/// The HTML fragment's values; askama escapes each as it is written.
#[derive(Template)]
#[template(
    escape = "html",
    ext = "html",
    source = "<section class=\"convenor-announcement\" lang=\"{{ lang }}\" dir=\"{{ dir }}\">
<h2>{{ name }}</h2>
<ul>
{% for (text, marks, join) in lines %}  <li>{{ text }}{% for n in marks %} <sup>{{ n }}</sup>{% endfor %}{% if let Some(join) = join %}<br><span class=\"join\">{% if let Some(url) = join.url %}<a href=\"{{ url }}\" rel=\"noopener noreferrer\">{{ join_online }}</a>{% if join.phone.is_some() || join.notes.is_some() %} · {% endif %}{% endif %}{% if let Some(phone) = join.phone %}{{ phone_word }}: {{ phone }}{% if join.notes.is_some() %} · {% endif %}{% endif %}{% if let Some(notes) = join.notes %}{{ notes }}{% endif %}</span>{% endif %}</li>
{% endfor %}</ul>
{% for (n, note) in footnotes %}<p><sup>{{ n }}</sup> {{ note }}</p>
{% endfor %}</section>
"
)]
struct Fragment {
    lang: &'static str,
    dir: &'static str,
    join_online: String,
    phone_word: String,
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

fn html(post: Post) -> String {
    let lang = post.words.lang();
    let fragment = Fragment {
        lang: lang.code(),
        dir: post.words.dir(),
        join_online: post.words.message("join-online", &[]),
        phone_word: post.words.message("phone", &[]),
        name: post.name,
        lines: post
            .lines
            .into_iter()
            .map(|(text, notes, join)| (text, numbers(&notes), join))
            .collect(),
        footnotes: post
            .footnotes
            .into_iter()
            .map(|(i, note)| (footnote_number(i), note))
            .collect(),
    };
    // Rendering into a String fails only if a value's Display does,
    // and these are Strings.
    fragment.render().unwrap_or_default()
}
