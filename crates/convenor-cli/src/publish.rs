//! `convenor publish`: every feed a website needs, as one set that
//! replaces the previous one whole (feedset.rs), so a failed or killed run
//! leaves the previous feeds untouched.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Duration;
use convenor::Window;

use crate::cli::View;
use crate::config::Config;

/// Writes the feeds into `dir`; prints one line per file written.
pub fn publish(
    view: &View,
    dir: &Path,
    domain: Option<String>,
    out: &mut impl Write,
) -> Result<u8> {
    let c = Config::new(view)?;
    let mut opts = convenor::ical::IcalOptions::new(c.now);
    if let Some(d) = domain {
        opts = opts.with_domain(d);
    }
    let today = c.now.with_timezone(&c.tz).date_naive();
    // First, so that a schedule over the session cap fails fast.
    let window = Window::new(c.now, c.now + Duration::days(90))?;
    let sessions = c
        .schedule
        .occurrences(window)
        .with_cancelled()
        .collect_at_most(convenor::MAX_SESSIONS)
        .context("occurrences.json (the next 90 days)")?;
    let mut files: Vec<(PathBuf, String)> = vec![
        ("schedule.ics".into(), convenor::ical::to_string(&c.schedule, &opts)),
        (
            "schedule.json".into(),
            convenor::json::to_string_pretty(&c.schedule),
        ),
    ];
    for m in c.schedule.meetings() {
        let id = m.id().as_str();
        let ics = convenor::ical::meeting_to_string(&c.schedule, id, &opts)?;
        files.push((PathBuf::from("meetings").join(format!("{id}.ics")), ics));
    }
    let pretty = convenor::json::OccurrenceOptions::new().with_pretty(true);
    files.push((
        "occurrences.json".into(),
        convenor::json::occurrences_to_string(sessions, &pretty),
    ));
    let guide = convenor::json::FeedOptions::new(today).with_pretty(true);
    let feed = convenor::json::to_meeting_guide(&c.schedule, &guide)?;
    for w in &feed.warnings {
        eprintln!("convenor: warning: meeting-guide.json: {w}");
    }
    files.push(("meeting-guide.json".into(), feed.json));
    files.push(("index.html".into(), index(&c.schedule, c.now)));

    crate::feedset::replace(dir, &files, || summary(dir, &files, out))?;
    Ok(0)
}

/// Prints one line per file before the new feeds go live, so a summary
/// that cannot be written (a full disk, a closed stdout) fails the run
/// with nothing published (feedset.rs). A reader that left on purpose
/// (`convenor publish | head`) does not stop the publish.
fn summary(
    dir: &Path,
    files: &[(PathBuf, String)],
    out: &mut impl Write,
) -> Result<()> {
    let written = files
        .iter()
        .try_for_each(|(path, _)| {
            writeln!(out, "wrote {}", dir.join(path).display())
        })
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => {
            written.context("cannot write the summary to standard output")
        }
    }
}

/// A small page linking every feed, for people who open the folder's URL.
fn index(
    schedule: &convenor::Schedule,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut items = String::new();
    for m in schedule.meetings() {
        let id = esc(m.id().as_str());
        items += &format!(
            "    <li><a href=\"meetings/{id}.ics\">{}</a></li>\n",
            esc(m.name())
        );
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <title>{name}</title>\n</head>\n<body>\n  <h1>{name}</h1>\n  <p>Subscribe in your calendar app: <a href=\"schedule.ics\">all meetings (.ics)</a>.\n  Times follow each meeting's own time zone; your calendar shows them in yours.</p>\n  <ul>\n{items}  </ul>\n  <p>For programs: <a href=\"schedule.json\">schedule.json</a>,\n  <a href=\"occurrences.json\">occurrences.json</a> (the next 90 days),\n  <a href=\"meeting-guide.json\">meeting-guide.json</a>.</p>\n  <p><small>Published {stamp} by convenor.</small></p>\n</body>\n</html>\n",
        name = esc(schedule.name()),
        stamp = now.format("%Y-%m-%d %H:%M UTC"),
    )
}
