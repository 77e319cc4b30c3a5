//! `convenor check`: every error and warning of a schedule file, each with
//! `file:line:column`, the source line, a caret and the suggestion.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use convenor::json::FeedOptions;
use convenor::quote::{escape_controls, SourceLines};
use convenor::{
    Error, Invalid, Position, Schedule, Tzdata, TzdataSource, Window, Zone,
};

use crate::config;
use crate::exit;

/// Prints the report; the exit code: 0 clean, 1 warnings denied, 2 errors.
pub fn check(
    file: &Path,
    deny_warnings: bool,
    now: Option<&str>,
    out: &mut impl Write,
) -> Result<u8> {
    let bytes = config::read(file)?;
    // For quoting source lines; an invalid UTF-8 file is reported by
    // load_bytes at its first bad byte.
    let text = String::from_utf8_lossy(&bytes);
    let lines = SourceLines::new(&text);
    let name = escape_controls(&file.display().to_string()).into_owned();
    let schedule = match convenor::load_bytes(&bytes) {
        Ok(s) => s,
        Err(err) => {
            let count = report_error(&err, &name, &lines, out)?;
            writeln!(out, "{name}: {count} error{}", plural(count))?;
            return Ok(exit::BAD_INPUT);
        }
    };
    let now = match now {
        Some(t) => config::instant(t, convenor::Zone::utc())
            .context("invalid --now")?,
        None => Utc::now(),
    };
    let window =
        Window::new(now - Duration::days(366), now + Duration::days(2 * 366))?;
    // Each warning with the field it is about, when it has one.
    let mut warnings: Vec<(String, Option<convenor::FieldPath>)> = schedule
        .warnings(window)
        .iter()
        .map(|w| (w.to_string(), Some(schedule.warning_path(w))))
        .collect();
    warnings.extend(
        tzdata_disagreements(&schedule, window).into_iter().map(|w| (w, None)),
    );
    // What meeting finders would drop or misread in the feed published
    // from this schedule (`convenor json --view meeting-guide`).
    let feed_options = FeedOptions::new(now.date_naive());
    match convenor::json::to_meeting_guide(&schedule, &feed_options) {
        Ok(feed) => {
            warnings.extend(feed.warnings.iter().map(|w| {
                (format!("meeting guide feed: {w}"), w.path(&schedule))
            }))
        }
        Err(e) => warnings.push((format!("meeting guide feed: {e}"), None)),
    }
    // As with errors, the first MAX_SHOWN are shown and the rest
    // counted: 10,000 meetings without an area are 10,000 warnings.
    let shown = &warnings[..warnings.len().min(MAX_SHOWN)];
    let paths: Vec<&convenor::FieldPath> =
        shown.iter().filter_map(|(_, p)| p.as_ref()).collect();
    let mut positions = convenor::positions(&text, &paths).into_iter();
    for (message, path) in shown {
        let position = path.as_ref().and_then(|_| positions.next().flatten());
        block(out, "warning", message, &name, &lines, position, None)?;
    }
    and_more(out, "warning", "warning", warnings.len())?;
    writeln!(out, "{name}: times from tz database {}", schedule.tzdata())?;
    writeln!(
        out,
        "{name}: {} meeting{}, no errors, {} warning{}",
        schedule.meetings().len(),
        plural(schedule.meetings().len()),
        warnings.len(),
        plural(warnings.len())
    )?;
    Ok(if deny_warnings && !warnings.is_empty() { exit::WARNINGS } else { 0 })
}

/// For each zone of the schedule whose UTC offsets in `window` differ
/// between the database in use and the other one on this machine (the
/// system's or the bundled), a warning that says where they part: so a
/// convenor on an out-of-date server learns why two machines disagree.
fn tzdata_disagreements(schedule: &Schedule, window: Window) -> Vec<String> {
    let used = schedule.tzdata();
    let other = match used.source() {
        TzdataSource::Bundled => Tzdata::system(),
        _ => Some(Tzdata::bundled()),
    };
    let Some(other) = other.filter(|o| *o != used) else {
        return Vec::new();
    };
    let zones: BTreeSet<Zone> = schedule
        .timezone()
        .into_iter()
        .chain(schedule.meetings().iter().map(|m| m.zone()))
        .collect();
    let (from, to) = (window.from().timestamp(), window.to().timestamp());
    zones
        .into_iter()
        .filter_map(|zone| {
            let theirs = zone.in_tzdata(other)?;
            let at = zone.first_difference(theirs, from, to)?;
            let at = DateTime::from_timestamp(at, 0)?;
            Some(format!(
                "time zone \"{zone}\" has other UTC offsets in the {} tz \
                 database ({}) than in this run's ({used}) from {}; times \
                 here follow {used} (choose with --tzdata or \
                 CONVENOR_TZDATA)",
                other.source(),
                other.version().unwrap_or("unknown version"),
                at.format("%Y-%m-%d %H:%M UTC"),
            ))
        })
        .collect()
}

/// Says how many of `count` were not shown, when some were not.
fn and_more(
    out: &mut impl Write,
    label: &str,
    noun: &str,
    count: usize,
) -> Result<()> {
    let more = count.saturating_sub(MAX_SHOWN);
    if more > 0 {
        writeln!(
            out,
            "{label}: and {more} more {noun}{} (only the first \
             {MAX_SHOWN} are shown)\n",
            plural(more)
        )?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The most problems, and the most warnings, `check` prints; the rest
/// are counted, so that a file with a million bad values prints a page,
/// not a million blocks.
pub(crate) const MAX_SHOWN: usize = 100;

/// Prints each problem of `err` (the first [`MAX_SHOWN`]); how many
/// there were.
fn report_error(
    err: &Error,
    name: &str,
    lines: &SourceLines,
    out: &mut impl Write,
) -> Result<usize> {
    match err {
        Error::Syntax { message, position, suggestion } => {
            block(
                out,
                "error",
                message,
                name,
                lines,
                *position,
                suggestion.as_deref(),
            )?;
            Ok(1)
        }
        Error::Invalid { .. } => {
            for p in err.problems().take(MAX_SHOWN) {
                // The bare problem: position and suggestion get their own lines.
                let bare =
                    Invalid { position: None, suggestion: None, ..p.clone() };
                block(
                    out,
                    "error",
                    &bare.to_string(),
                    name,
                    lines,
                    p.position,
                    p.suggestion.as_deref(),
                )?;
            }
            let count = err.problems().count();
            and_more(out, "error", "problem", count)?;
            Ok(count)
        }
        other => {
            writeln!(out, "error: {}", escape_controls(&other.to_string()))?;
            Ok(1)
        }
    }
}

fn block(
    out: &mut impl Write,
    label: &str,
    message: &str,
    name: &str,
    lines: &SourceLines,
    position: Option<Position>,
    suggestion: Option<&str>,
) -> Result<()> {
    writeln!(out, "{label}: {}", escape_controls(message))?;
    // The excerpt's gutter is as wide as the line number, plus one.
    let gutter =
        " ".repeat(position.map_or(1, |p| p.line.to_string().len()) + 1);
    match position {
        Some(p) => {
            writeln!(out, "{gutter}--> {name}:{}:{}", p.line, p.column)?;
            if let Some(excerpt) = lines.excerpt(p) {
                write!(out, "{excerpt}")?;
            }
        }
        None => writeln!(out, "{gutter}--> {name}")?,
    }
    if let Some(s) = suggestion {
        writeln!(
            out,
            "{gutter}= help: did you mean \"{}\"?",
            escape_controls(s)
        )?;
    }
    writeln!(out)?;
    Ok(())
}
