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
use crate::feedset::Content;

/// Content made as it is written.
fn made<'a>(write: impl Fn(&mut dyn Write) -> Result<()> + 'a) -> Content<'a> {
    Content::Made(Box::new(write))
}

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
    let schedule = &c.schedule;
    let opts = &opts;
    // The feeds are made as they are written (feedset::Content), one at
    // a time: the sessions of the next 90 days are streamed, however many
    // (a fellowship of 10,000 weekly meetings has 129,000).
    let mut files: Vec<(PathBuf, Content<'_>)> = vec![
        (
            "schedule.ics".into(),
            made(move |w| {
                Ok(w.write_all(
                    convenor::ical::to_string(schedule, opts).as_bytes(),
                )?)
            }),
        ),
        (
            "schedule.json".into(),
            Content::Text(convenor::json::to_string_pretty(schedule)),
        ),
    ];
    for m in schedule.meetings() {
        let id = m.id().as_str();
        let ics = made(move |w| {
            let ics = convenor::ical::meeting_to_string(schedule, id, opts)?;
            Ok(w.write_all(ics.as_bytes())?)
        });
        files.push((PathBuf::from("meetings").join(format!("{id}.ics")), ics));
    }
    let window = Window::new(c.now, c.now + Duration::days(90))?;
    let occurrences = made(move |w| {
        let pretty =
            convenor::json::OccurrenceOptions::new().with_pretty(true);
        let mut sessions = schedule.occurrences(window).with_cancelled();
        convenor::json::occurrences_to_writer(w, sessions.by_ref(), &pretty)?;
        Ok(sessions.check_complete()?)
    });
    files.push(("occurrences.json".into(), occurrences));
    let guide = convenor::json::FeedOptions::new(today).with_pretty(true);
    let feed = convenor::json::to_meeting_guide(&c.schedule, &guide)?;
    // The first ones and a count, as `check` shows them: a schedule of
    // 10,000 meetings without an area has 10,000.
    let max = crate::check::MAX_SHOWN;
    for w in feed.warnings.iter().take(max) {
        let w = w.to_string();
        let shown = convenor::quote::escape_controls(&w);
        eprintln!("convenor: warning: meeting-guide.json: {shown}");
    }
    let more = feed.warnings.len().saturating_sub(max);
    if more > 0 {
        eprintln!(
            "convenor: warning: meeting-guide.json: and {more} more \
             (only the first {max} are shown; `convenor check` shows \
             where they are)"
        );
    }
    files.push(("meeting-guide.json".into(), Content::Text(feed.json)));
    let page = crate::page::PageOptions {
        now: c.now,
        weeks: request.weeks,
        base_url: request.url.as_deref(),
        ical: opts,
    };
    let page_files = crate::page::files(schedule, &page)?;
    files.extend(page_files.into_iter().map(|(p, t)| (p, Content::Text(t))));

    crate::feedset::replace(dir, &files, || summary(dir, &files, out))?;
    Ok(0)
}

/// Prints one line per file before the new feeds go live, so a summary
/// that cannot be written (a full disk, a closed stdout) fails the run
/// with nothing published (feedset.rs). A reader that left on purpose
/// (`convenor publish | head`) does not stop the publish.
fn summary(
    dir: &Path,
    files: &[(PathBuf, Content<'_>)],
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
