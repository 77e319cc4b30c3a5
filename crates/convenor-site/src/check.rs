//! The report of every error and warning of a schedule file, each with
//! `file:line:column`, the source line, a caret and the suggestion: what
//! `convenor check` prints, for any program that checks schedules.
//!
//! ```
//! use convenor_site::check::{check, Verdict};
//!
//! let text = "name = \"x\"\ntimezone = \"Europe/Lndon\"\n";
//! let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
//! let report = check("meetings.toml", text.as_bytes(), now);
//! assert_eq!(report.verdict, Verdict::Errors);
//! assert!(report.text.contains(" --> meetings.toml:2:12\n"), "{}", report.text);
//! assert!(report.text.contains("= help: did you mean \"Europe/London\"?"));
//! ```

use std::collections::BTreeSet;
use std::fmt::Write;

use chrono::{DateTime, Duration, Utc};
use convenor_core::quote::{escape_controls, SourceLines};
use convenor_core::{
    Error, Position, Schedule, Tzdata, TzdataSource, Window, Zone,
};
use convenor_json::FeedOptions;

/// What a check found.
///
/// ```
/// use convenor_site::check::{check, Verdict};
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// assert_eq!(check("x.toml", b"name = 'x'\n", now).verdict, Verdict::Clean);
/// assert_eq!(check("x.toml", b"name = \n", now).verdict, Verdict::Errors);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Verdict {
    /// No errors and no warnings.
    Clean,
    /// Warnings only: the schedule loads.
    Warnings,
    /// Errors: the schedule does not load.
    Errors,
}

/// A check's report: the text to show and what it found.
///
/// ```
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let report = convenor_site::check::check("seed.toml", convenor_core::SEED_TOML.as_bytes(), now);
/// assert_ne!(report.verdict, convenor_site::check::Verdict::Errors);
/// assert!(report.text.ends_with('\n'));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Report {
    /// Every problem as a block (`error: ...`, ` --> file:line:column`,
    /// the source line with a caret, `= help: ...`), then a summary line.
    /// Text from the file is shown with control characters escaped.
    pub text: String,
    /// What was found.
    pub verdict: Verdict,
}

/// Checks the schedule file `bytes` (TOML or JSON) called `name` in the
/// report, with warnings for the sessions from a year before `now` to two
/// years after: the schedule's own warnings, the zones whose offsets the
/// system and bundled tz databases disagree on, and what meeting finders
/// would drop from its Meeting Guide feed.
///
/// ```
/// use convenor_site::check::{check, Verdict};
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let report = check("meetings.json", b"{\"name\": \"x\", \"meetings\": 7}", now);
/// assert_eq!(report.verdict, Verdict::Errors);
/// assert!(report.text.contains(" --> meetings.json:1:27\n"), "{}", report.text);
/// ```
pub fn check(name: &str, bytes: &[u8], now: DateTime<Utc>) -> Report {
    let mut out = String::new();
    let verdict = write_report(&mut out, name, bytes, now);
    Report { text: out, verdict }
}

fn write_report(
    out: &mut String,
    name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Verdict {
    // For quoting source lines; an invalid UTF-8 file is reported by
    // load_bytes at its first bad byte.
    let text = String::from_utf8_lossy(bytes);
    let lines = SourceLines::new(&text);
    let name = escape_controls(name).into_owned();
    let loaded = convenor_json::load_bytes(bytes);
    let schedule = match loaded {
        Ok(s) => s,
        Err(err) => {
            let count = report_error(&err, &name, &lines, out);
            let _ = writeln!(out, "{name}: {count} error{}", plural(count));
            return Verdict::Errors;
        }
    };
    let window = match Window::new(
        now - Duration::days(366),
        now + Duration::days(2 * 366),
    ) {
        Ok(w) => w,
        Err(err) => {
            let _ =
                writeln!(out, "error: {}", escape_controls(&err.to_string()));
            return Verdict::Errors;
        }
    };
    // Each warning with the field it is about, when it has one.
    let mut warnings: Vec<(String, Option<convenor_core::FieldPath>)> =
        schedule
            .warnings(window)
            .iter()
            .map(|w| (w.to_string(), Some(schedule.warning_path(w))))
            .collect();
    warnings.extend(uid_domain_warning(&schedule).map(|w| (w, None)));
    warnings.extend(
        tzdata_disagreements(&schedule, window).into_iter().map(|w| (w, None)),
    );
    // What meeting finders would drop or misread in the feed published
    // from this schedule (`convenor json --view meeting-guide`).
    let feed_options = FeedOptions::at(now);
    match convenor_json::to_meeting_guide(&schedule, &feed_options) {
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
    let paths: Vec<&convenor_core::FieldPath> =
        shown.iter().filter_map(|(_, p)| p.as_ref()).collect();
    let mut positions =
        convenor_json::schedule_positions(&text, &paths).into_iter();
    for (message, path) in shown {
        let position = path.as_ref().and_then(|_| positions.next().flatten());
        block(out, "warning", message, &name, &lines, position, None);
    }
    and_more(out, "warning", "warning", warnings.len());
    let _ =
        writeln!(out, "{name}: times from tz database {}", schedule.tzdata());
    let _ = writeln!(
        out,
        "{name}: {} meeting{}, no errors, {} warning{}",
        schedule.meetings().len(),
        plural(schedule.meetings().len()),
        warnings.len(),
        plural(warnings.len())
    );
    if warnings.is_empty() {
        Verdict::Clean
    } else {
        Verdict::Warnings
    }
}

/// The calendar UIDs of a schedule without `url` (nor `uid_domain`) end
/// in `@convenor.invalid`, and adding a `url` later changes every one of
/// them: calendar subscribers would see every event deleted and added
/// again. A warning that says so while it is still cheap to fix.
///
/// ```
/// use convenor_site::check::{check, Verdict};
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let text = "name = 'x'\ntimezone = 'UTC'\n[[meetings]]\nid = 'a'\nname = 'A'\n\
///             weekly = { day = 'monday', time = '18:00' }\nduration = '60m'\n\
///             starts = '2022-01-03'\n";
/// let report = check("x.toml", text.as_bytes(), now);
/// assert_eq!(report.verdict, Verdict::Warnings);
/// assert!(report.text.contains("@convenor.invalid"), "{}", report.text);
/// assert!(report.text.contains("uid_domain"), "{}", report.text);
/// let with_url = format!("url = 'https://example.org/meetings/'\n{text}");
/// let report = check("x.toml", with_url.as_bytes(), now);
/// assert!(!report.text.contains("@convenor.invalid"), "{}", report.text);
/// let with_domain = format!("uid_domain = 'example.org'\n{text}");
/// let report = check("x.toml", with_domain.as_bytes(), now);
/// assert!(!report.text.contains("@convenor.invalid"), "{}", report.text);
/// ```
fn uid_domain_warning(schedule: &Schedule) -> Option<String> {
    let unnamed = schedule.url().is_none() && schedule.uid_domain().is_none();
    (unnamed && !schedule.meetings().is_empty()).then(|| {
        "the schedule has no `url`, so the UIDs of its calendar events end \
         in `@convenor.invalid`; adding a `url` later changes every UID, and \
         calendar subscribers would see every event deleted and added again. \
         Add the address the schedule is published at now, before anyone \
         subscribes: url = \"https://example.org/meetings/\", or name the \
         UIDs' domain alone: uid_domain = \"example.org\" (or give `ics` \
         and `publish` the same --domain every time)"
            .to_string()
    })
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
fn and_more(out: &mut String, label: &str, noun: &str, count: usize) {
    let more = count.saturating_sub(MAX_SHOWN);
    if more > 0 {
        let _ = writeln!(
            out,
            "{label}: and {more} more {noun}{} (only the first \
             {MAX_SHOWN} are shown)\n",
            plural(more)
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The most problems, and the most warnings, a report shows; the rest
/// are counted, so that a file with a million bad values makes a page,
/// not a million blocks.
///
/// ```
/// // 150 meetings without an id: 150 errors, the first 100 shown.
/// let text = format!("name = 'x'\n{}", "[[meetings]]\n".repeat(150));
/// let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
/// let report = convenor_site::check::check("x.toml", text.as_bytes(), now);
/// assert_eq!(report.text.matches(" --> x.toml:").count(), convenor_site::check::MAX_SHOWN);
/// assert!(report.text.contains("and 50 more problems (only the first 100 are shown)"));
/// ```
pub const MAX_SHOWN: usize = 100;

/// Prints each problem of `err` (the first [`MAX_SHOWN`]); how many
/// there were.
fn report_error(
    err: &Error,
    name: &str,
    lines: &SourceLines,
    out: &mut String,
) -> usize {
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
            );
            1
        }
        Error::Invalid { .. } => {
            for p in err.problems().take(MAX_SHOWN) {
                // Position and suggestion get their own lines.
                block(
                    out,
                    "error",
                    &p.message(),
                    name,
                    lines,
                    p.position,
                    p.suggestion.as_deref(),
                );
            }
            let count = err.problems().count();
            and_more(out, "error", "problem", count);
            count
        }
        other => {
            let _ = writeln!(
                out,
                "error: {}",
                escape_controls(&other.to_string())
            );
            1
        }
    }
}

/// One problem: what, where (with the source line and a caret) and the
/// suggestion. Writing to a String cannot fail.
fn block(
    out: &mut String,
    label: &str,
    message: &str,
    name: &str,
    lines: &SourceLines,
    position: Option<Position>,
    suggestion: Option<&str>,
) {
    let _ = writeln!(out, "{label}: {}", escape_controls(message));
    // The excerpt's gutter is as wide as the line number, plus one.
    let gutter =
        " ".repeat(position.map_or(1, |p| p.line.to_string().len()) + 1);
    let _ = match position {
        Some(p) => {
            let _ =
                writeln!(out, "{gutter}--> {name}:{}:{}", p.line, p.column);
            match lines.excerpt(p) {
                Some(excerpt) => write!(out, "{excerpt}"),
                None => Ok(()),
            }
        }
        None => writeln!(out, "{gutter}--> {name}"),
    };
    if let Some(s) = suggestion {
        let _ = writeln!(
            out,
            "{gutter}= help: did you mean \"{}\"?",
            escape_controls(s)
        );
    }
    out.push('\n');
}
