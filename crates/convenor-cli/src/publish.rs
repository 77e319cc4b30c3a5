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

/// The flags of `publish` beside the viewing ones.
pub struct Request {
    pub domain: Option<String>,
    pub reminders: crate::cli::ReminderFlags,
    pub url: Option<String>,
    pub weeks: u32,
}

/// Writes the feeds and the schedule page into `dir`; prints one line
/// per file written.
pub fn publish(
    view: &View,
    dir: &Path,
    request: &Request,
    out: &mut impl Write,
) -> Result<u8> {
    // Before any work, so that the mistake is the first thing said.
    crate::feedset::check_out(dir)?;
    let c = Config::new(view)?;
    let mut opts = crate::config::reminders(
        &request.reminders,
        convenor::ical::IcalOptions::new(c.now),
    )?;
    if let Some(d) = &request.domain {
        opts = opts.with_domain(d.clone());
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
        let w = w.to_string();
        let shown = convenor::quote::escape_controls(&w);
        eprintln!("convenor: warning: meeting-guide.json: {shown}");
    }
    files.push(("meeting-guide.json".into(), feed.json));
    let page = crate::page::PageOptions {
        now: c.now,
        weeks: request.weeks,
        base_url: request.url.as_deref(),
        ical: &opts,
    };
    files.extend(crate::page::files(&c.schedule, &page)?);

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
