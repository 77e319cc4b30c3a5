//! `convenor publish`: the library's set of files
//! ([`convenor::site::publish::Publication`]: of one schedule file, or of
//! a site of several, `Publication::of_site`) switched into `--out`
//! whole, with a summary line (every file with -v) and the feed's
//! warnings on stderr.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use convenor::site::page::PageOptions;
use convenor::site::publish::{
    check_out, Changes, Layout, Outcome, Publication, PublishFolder,
};

use crate::cli::View;
use crate::config::{Config, Use};

/// The flags of `publish` beside the viewing ones.
pub struct Request {
    pub force: bool,
    pub plain: bool,
    pub verbose: bool,
    pub domain: Option<String>,
    pub reminders: crate::cli::ReminderFlags,
    pub url: Option<convenor::WebUrl>,
    pub weeks: u32,
    pub exact_week: bool,
    /// The languages the page offers, the first shown without JavaScript
    /// (`--lang`); empty for the schedule's `languages`, else the
    /// environment's language.
    pub languages: Vec<convenor::Lang>,
}

/// Writes the feeds and the schedule page into `dir`; prints a summary
/// line, and with `verbose` every file first.
pub fn publish(
    view: &View,
    dir: &Path,
    request: &Request,
    out: &mut impl Write,
) -> Result<u8> {
    // Before any work, so that the mistake is the first thing said.
    check_out(dir)?;
    if view.source.files.is_empty() && !view.source.example {
        // Refused before the folder is made or locked.
        Config::load(view, Use::Write)?;
    }
    // The lock comes before the schedule is read: of two publishes into
    // one folder, the one started last wins, whichever finishes first.
    let folder = PublishFolder::lock(dir, || {
        eprintln!(
            "convenor: waiting for another publish into {} to finish",
            dir.display()
        );
    })?;
    let layout = if request.plain { Layout::Plain } else { Layout::Links };
    let folder = folder.with_layout(layout);
    let c = Config::load(view, Use::Write)?;
    let mut ical = crate::config::reminders(
        &request.reminders,
        convenor::ical::IcalOptions::new(c.now),
    )?;
    // A site file, or several schedule files: a site, each schedule a
    // group in its own folder. One schedule file: today's layout.
    let one = match c.schedules.schedules() {
        [one] if c.site.name().is_none() => Some(one),
        _ => None,
    };
    if let Some(d) = &request.domain {
        if one.is_none() {
            return Err(anyhow::Error::new(crate::BadInput(
                "--domain gives every schedule of a site the same UID \
                 domain, and the same calendar UIDs would then name events \
                 of different groups' feeds; give each schedule file its \
                 own uid_domain (or url) instead"
                    .to_string(),
            )));
        }
        ical = ical.with_domain(d.clone());
    }
    // The flag's languages, else the site file's or the schedule's,
    // else the environment's.
    let own = match one {
        Some(schedule) => schedule.languages(),
        None => c.site.languages(),
    };
    let languages = match (request.languages.as_slice(), own) {
        ([], []) => vec![crate::config::lang(None)?],
        ([], own) => own.to_vec(),
        (asked, _) => asked.to_vec(),
    };
    let mut options = PageOptions::new(c.now)
        .with_weeks(request.weeks)
        .with_ical(ical)
        .with_exact_week(request.exact_week)
        .with_languages(languages);
    if let Some(url) = request.url.as_ref().or(c.site.url()) {
        options = options.with_base_url(url.clone());
    }
    let mut set = match one {
        Some(schedule) => Publication::new(schedule, &options)?,
        None => Publication::of_site(&c.schedules, &options)?,
    };
    // The first ones and a count, as `check` shows them: a schedule of
    // 10,000 meetings without an area has 10,000. Taken, so they are not
    // held while the set is written.
    let max = convenor::site::check::MAX_SHOWN;
    let warnings = set.take_warnings();
    for w in warnings.iter().take(max) {
        let w = w.to_string();
        let shown = convenor::quote::escape_controls(&w);
        eprintln!("convenor: warning: meeting-guide.json: {shown}");
    }
    let more = warnings.len().saturating_sub(max);
    if more > 0 {
        eprintln!(
            "convenor: warning: meeting-guide.json: and {more} more \
             (only the first {max} are shown; `convenor check` shows \
             where they are)"
        );
    }
    drop(warnings);
    let said = |changes: &Changes| summary(dir, changes, request.verbose, out);
    match set.write_into(&folder, request.force, said)? {
        Outcome::Superseded => eprintln!(
            "convenor: a publish into {} started after this one is already \
             live; nothing was changed",
            dir.display()
        ),
        Outcome::Published { backup: Some(backup), .. } => eprintln!(
            "convenor: what convenor had not written is kept in {}",
            backup.display()
        ),
        _ => {}
    }
    Ok(0)
}

/// Prints the summary line (and with `verbose` every file first) before
/// the new feeds go live, so a summary that cannot be written (a full
/// disk, a closed stdout) fails the run with nothing published. A reader
/// that left on purpose (`convenor publish | head`) does not stop the
/// publish.
fn summary(
    dir: &Path,
    changes: &Changes,
    verbose: bool,
    out: &mut impl Write,
) -> convenor::Result<()> {
    let written = (|| {
        if verbose {
            let lists = [
                ("wrote", changes.written()),
                ("unchanged", changes.unchanged()),
                ("removed", changes.removed()),
            ];
            for (what, paths) in lists {
                for path in paths {
                    writeln!(out, "{what} {}", dir.join(path).display())?;
                }
            }
        }
        writeln!(out, "{}", changes.summary(dir))?;
        out.flush()
    })();
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written.map_err(|e| {
            convenor::Error::io(
                "cannot write the summary to standard output",
                e,
            )
        }),
    }
}
