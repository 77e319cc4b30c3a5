//! `convenor publish`: every feed a website needs, written so that a
//! failed run leaves the previous feeds untouched: all files are staged
//! under temporary names first, and renamed over the old ones only when
//! every one of them was written.

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
    let window = Window::new(c.now, c.now + Duration::days(90))?;
    let sessions = convenor::json::OccurrenceOptions::new().with_pretty(true);
    files.push((
        "occurrences.json".into(),
        convenor::json::occurrences_to_string(
            c.schedule.occurrences(window).with_cancelled(),
            &sessions,
        ),
    ));
    let guide = convenor::json::FeedOptions::new(today).with_pretty(true);
    let feed = convenor::json::to_meeting_guide(&c.schedule, &guide)?;
    for w in &feed.warnings {
        eprintln!("convenor: warning: meeting-guide.json: {w}");
    }
    files.push(("meeting-guide.json".into(), feed.json));
    files.push(("index.html".into(), index(&c.schedule, c.now)));

    let staged = stage(dir, &files)?;
    swap_in(&staged)?;
    for (_, path) in &staged {
        writeln!(out, "wrote {}", path.display())?;
    }
    Ok(0)
}

/// Renames every staged file over its target, keeping the old file aside
/// until all are in place; if one rename fails, puts every old file back.
fn swap_in(staged: &[(PathBuf, PathBuf)]) -> Result<()> {
    let mut done: Vec<(&Path, Option<PathBuf>)> = Vec::new();
    let mut failure = None;
    for (temp, path) in staged {
        let backup = path.with_file_name(format!(
            ".{}.old",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ));
        let kept = if path.exists() {
            std::fs::rename(path, &backup).map(|()| Some(backup))
        } else {
            Ok(None)
        };
        let result =
            kept.and_then(|kept| std::fs::rename(temp, path).map(|()| kept));
        match result {
            Ok(kept) => done.push((path, kept)),
            Err(e) => {
                failure = Some(anyhow::Error::new(e).context(format!(
                    "cannot replace {}; the previous feeds were restored",
                    path.display()
                )));
                break;
            }
        }
    }
    let Some(failure) = failure else {
        for (_, backup) in done {
            if let Some(b) = backup {
                let _ = std::fs::remove_file(b);
            }
        }
        return Ok(());
    };
    for (path, backup) in done.into_iter().rev() {
        let _ = match backup {
            Some(b) => std::fs::rename(b, path),
            None => std::fs::remove_file(path),
        };
    }
    for (temp, _) in staged {
        let _ = std::fs::remove_file(temp);
    }
    Err(failure)
}

/// Writes every file under a temporary name beside its final one; on the
/// first failure removes what was staged and says which file failed.
fn stage(
    dir: &Path,
    files: &[(PathBuf, String)],
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let tag = format!(".tmp-{}", std::process::id());
    for (relative, content) in files {
        let path = dir.join(relative);
        let temp = path.with_file_name(format!(
            ".{}{tag}",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ));
        let written = if path.is_dir() {
            Err(std::io::Error::other("a folder is in the way"))
        } else {
            path.parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&temp, content))
        };
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            for (t, _) in &staged {
                let _ = std::fs::remove_file(t);
            }
            return Err(e).with_context(|| {
                format!(
                    "cannot write {}; nothing was published",
                    path.display()
                )
            });
        }
        staged.push((temp, path));
    }
    Ok(staged)
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
