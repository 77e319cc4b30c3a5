//! `convenor announce`: the core's meeting list
//! ([`convenor::announce::Announcement`]) laid out as text, Markdown or
//! an HTML fragment.

use std::io::Write;

use anyhow::{Context, Result};
use convenor::announce::{mark, Announcement};

use crate::cli::{AnnounceFormat, View};
use crate::config::{self, Config};

/// The flags of `announce`.
pub struct Request {
    pub as_of: Option<String>,
    pub since: Option<String>,
    pub zones: Vec<String>,
    pub format: AnnounceFormat,
}

pub fn announce(
    view: &View,
    request: &Request,
    out: &mut impl Write,
) -> Result<u8> {
    let c = Config::new(view)?;
    let as_of = match &request.as_of {
        Some(text) => config::date(text).context("invalid --as-of")?,
        None => c.now.with_timezone(&c.tz).date_naive(),
    };
    let since = match &request.since {
        Some(text) => Some(config::date(text).context("invalid --since")?),
        None => None,
    };
    let zones = request
        .zones
        .iter()
        .map(|z| config::zone(z.trim()))
        .collect::<Result<Vec<_>>>()?;
    let list = c.schedule.announcement(as_of, since, &zones)?;
    let text = match request.format {
        // Text goes to a terminal as often as into a post: a file cannot
        // drive the terminal.
        AnnounceFormat::Text => list
            .to_string()
            .lines()
            .map(|l| convenor::quote::escape_controls(l) + "\n")
            .collect(),
        AnnounceFormat::Markdown => markdown(&list),
        AnnounceFormat::Html => html(&list),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}

fn marks(footnotes: &[usize]) -> String {
    footnotes.iter().map(|&i| format!(" {}", mark(i))).collect()
}

/// `*` is Markdown's emphasis: escaped.
fn markdown(list: &Announcement) -> String {
    let escape = |s: &str| {
        s.chars().fold(String::new(), |mut out, c| {
            if "\\`*_{}[]<>()#+-!|".contains(c) {
                out.push('\\');
            }
            out.push(c);
            out
        })
    };
    let mut out = format!("## {}\n\n", escape(list.schedule.name()));
    for line in &list.lines {
        out += &format!(
            "- {}{}\n",
            escape(&line.text()),
            escape(&marks(&line.footnotes))
        );
    }
    if !list.footnotes.is_empty() {
        out.push('\n');
    }
    for i in 0..list.footnotes.len() {
        out += &format!(
            "{} {}\n\n",
            escape(&mark(i)),
            escape(&list.footnote(i).to_string())
        );
    }
    out
}

fn html(list: &Announcement) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut out = format!(
        "<section class=\"convenor-announcement\">\n<h2>{}</h2>\n<ul>\n",
        escape(list.schedule.name())
    );
    for line in &list.lines {
        out += &format!(
            "  <li>{}{}</li>\n",
            escape(&line.text()),
            escape(&marks(&line.footnotes))
        );
    }
    out += "</ul>\n";
    for i in 0..list.footnotes.len() {
        out += &format!(
            "<p>{} {}</p>\n",
            escape(&mark(i)),
            escape(&list.footnote(i).to_string())
        );
    }
    out + "</section>\n"
}
