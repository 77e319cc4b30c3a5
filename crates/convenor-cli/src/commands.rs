//! One function per command: each takes its flags, asks the library, and
//! writes text to `out`.

use std::io::Write;

use anyhow::{Context, Result};
use chrono::{Duration, Utc};
use clap::CommandFactory;
use convenor::{Occurrence, Schedule, Status, Window};

use crate::cli::{Cli, Command, Format, ImportKind, JsonView, View};
use crate::config::{self, Config};
use crate::human;
use crate::style;

/// Runs the command; the exit code on success.
pub fn run(cli: Cli, out: &mut impl Write) -> Result<u8> {
    match cli.command {
        Command::Week { view, week, first_day } => {
            week_table(&view, week.as_deref(), &first_day, out)
        }
        Command::Agenda { view, from, to, days, cancelled, format } => {
            let request = AgendaRequest { from, to, days, cancelled, format };
            agenda(&view, &request, out)
        }
        Command::Json { view, which, from, days, as_of, compact, output } => {
            let text = json(
                &view,
                which,
                from.as_deref(),
                days,
                as_of.as_deref(),
                !compact,
            )?;
            crate::output::emit(output.as_deref(), &text, out)?;
            Ok(0)
        }
        Command::Publish { view, out: dir, domain, url, reminders, weeks } => {
            let domain = domain.as_deref().map(config::domain).transpose()?;
            let request =
                crate::publish::Request { domain, url, reminders, weeks };
            crate::publish::publish(&view, &dir, &request, out)
        }
        Command::Next { view, count } => next(&view, count, out),
        Command::Changes { view, since } => {
            changes(&view, since.as_deref(), out)
        }
        Command::Check { file, deny_warnings, now } => {
            crate::check::check(&file, deny_warnings, now.as_deref(), out)
        }
        Command::Ics {
            view,
            meeting,
            occurrence,
            domain,
            keep_since,
            reminders,
            output,
        } => {
            let request = IcsRequest {
                meeting,
                occurrence,
                domain,
                keep_since,
                reminders,
            };
            ics(&view, &request, output.as_deref(), out)
        }
        Command::Announce { view, as_of, since, zones, format } => {
            let request =
                crate::announce::Request { as_of, since, zones, format };
            crate::announce::announce(&view, &request, out)
        }
        Command::Import {
            kind,
            file,
            timezone,
            name,
            starts,
            from,
            format,
            output,
        } => {
            let request = crate::import::Request {
                file,
                timezone,
                name,
                starts,
                from,
                format,
            };
            let text = match kind {
                ImportKind::MeetingGuide => {
                    crate::import::meeting_guide(&request)?
                }
                ImportKind::Ics => crate::import::ics(&request)?,
            };
            crate::output::emit(output.as_deref(), &text, out)?;
            Ok(0)
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "convenor",
                out,
            );
            Ok(0)
        }
    }
}

fn week_table(
    view: &View,
    week: Option<&str>,
    first_day: &str,
    out: &mut impl Write,
) -> Result<u8> {
    let c = Config::new(view)?;
    let date = match week {
        Some(text) => config::date(text).context("invalid --week")?,
        None => c.now.with_timezone(&c.tz).date_naive(),
    };
    let first: chrono::Weekday = first_day.parse().map_err(|_| {
        anyhow::Error::new(crate::BadInput(format!(
            "invalid --first-day \"{first_day}\", expected a weekday such as monday"
        )))
    })?;
    let week = c.schedule.week(c.tz, date, first);
    writeln!(
        out,
        "{} — week of {} ({})",
        shown(c.schedule.name()),
        human::date(week.days[0].date),
        c.tz.name()
    )?;
    for day in &week.days {
        writeln!(
            out,
            "\n{}",
            style::bold(&day.date.format("%A %-d %B %Y").to_string())
        )?;
        if day.sessions.is_empty() {
            writeln!(out, "  no sessions")?;
        }
        for s in &day.sessions {
            let own = human::short(&s.occurrence.start());
            let marker = if s.day_shift() != 0 {
                "  ◂ another day there"
            } else {
                ""
            };
            writeln!(
                out,
                "  {}–{}  {}{}",
                s.start.format("%H:%M"),
                s.end.format("%H:%M %Z"),
                shown(s.occurrence.meeting().name()),
                status_suffix(&s.occurrence),
            )?;
            let own = format!(
                "= {own} {}",
                convenor::words::zone_label(s.occurrence.meeting().zone())
            );
            writeln!(
                out,
                "               {}{}",
                style::dim(&own),
                style::alert(marker)
            )?;
        }
    }
    Ok(0)
}

/// ` [cancelled: Holiday]`, ` [moved from Wed 30 Nov]`, ` [extra]`.
fn status_suffix(o: &Occurrence<'_>) -> String {
    let note = o.note().map(|n| format!(": {}", shown(n))).unwrap_or_default();
    let text = match o.status() {
        Status::Scheduled => return String::new(),
        Status::Cancelled => format!("[cancelled{note}]"),
        Status::Moved => {
            format!("[moved from {}{note}]", o.due().format("%a %-d %b"))
        }
        Status::Extra => format!("[extra session{note}]"),
    };
    format!("  {}", style::alert(&text))
}

/// What `convenor agenda` was asked for.
struct AgendaRequest {
    from: Option<String>,
    to: Option<String>,
    days: Option<u32>,
    cancelled: bool,
    format: Format,
}

/// The longest window a viewing command expands: ten years.
const MAX_DAYS: u32 = 3660;

/// The window of `--from` and `--to` or `--days` (default: a week from
/// now), at most [`MAX_DAYS`] long.
fn window(
    c: &Config,
    from: Option<&str>,
    to: Option<&str>,
    days: Option<u32>,
) -> Result<Window> {
    let from = match from {
        Some(text) => config::instant(text, c.tz).context("invalid --from")?,
        None => c.now,
    };
    let to = match to {
        Some(text) => config::instant(text, c.tz).context("invalid --to")?,
        None => {
            let days = days.unwrap_or(7);
            from.checked_add_signed(Duration::days(i64::from(days)))
                .filter(|_| days <= MAX_DAYS)
                .ok_or_else(|| {
                    anyhow::Error::new(crate::BadInput(format!(
                        "--days {days} is more than {MAX_DAYS} (ten years); \
                         ask for a shorter span"
                    )))
                })?
        }
    };
    if to - from > Duration::days(i64::from(MAX_DAYS)) {
        return Err(anyhow::Error::new(crate::BadInput(format!(
            "the window from {from} to {to} is longer than {MAX_DAYS} days \
             (ten years); ask for a shorter span"
        ))));
    }
    Window::new(from, to)
        .map_err(|e| anyhow::Error::new(e).context("invalid window"))
}

fn agenda(view: &View, r: &AgendaRequest, out: &mut impl Write) -> Result<u8> {
    let c = Config::new(view)?;
    let window = window(&c, r.from.as_deref(), r.to.as_deref(), r.days)?;
    let sessions = c.schedule.occurrences(window);
    let sessions =
        if r.cancelled { sessions.with_cancelled() } else { sessions };
    let sessions: Vec<Occurrence<'_>> =
        sessions.collect_at_most(convenor::MAX_SESSIONS)?;
    if r.format == Format::Json {
        let opts = convenor::json::OccurrenceOptions::new()
            .with_viewer(c.tz)
            .with_pretty(true);
        out.write_all(
            convenor::json::occurrences_to_string(sessions, &opts).as_bytes(),
        )?;
        return Ok(0);
    }
    let mut any = false;
    for o in sessions {
        any = true;
        let here = o.start().with_timezone(&c.tz);
        writeln!(
            out,
            "{}  {}{}{}",
            human::stamp(&here),
            shown(o.meeting().name()),
            other_zone(&o, c.tz),
            status_suffix(&o)
        )?;
    }
    if !any {
        let (from, to) = (
            window.from().with_timezone(&c.tz),
            window.to().with_timezone(&c.tz),
        );
        writeln!(
            out,
            "no sessions from {} to {}",
            human::stamp(&from),
            human::stamp(&to)
        )?;
    }
    Ok(0)
}

/// The text of a JSON view.
fn json(
    view: &View,
    which: JsonView,
    from: Option<&str>,
    days: u32,
    as_of: Option<&str>,
    pretty: bool,
) -> Result<String> {
    let c = Config::new(view)?;
    Ok(match which {
        JsonView::Schedule if pretty => {
            convenor::json::to_string_pretty(&c.schedule)
        }
        JsonView::Schedule => convenor::json::to_string(&c.schedule) + "\n",
        JsonView::Occurrences => {
            let window = window(&c, from, None, Some(days))?;
            let opts = convenor::json::OccurrenceOptions::new()
                .with_viewer(c.tz)
                .with_pretty(pretty);
            convenor::json::occurrences_to_string(
                c.schedule
                    .occurrences(window)
                    .collect_at_most(convenor::MAX_SESSIONS)?,
                &opts,
            )
        }
        JsonView::MeetingGuide => {
            let as_of = match as_of {
                Some(text) => config::date(text).context("invalid --as-of")?,
                None => c.now.with_timezone(&c.tz).date_naive(),
            };
            let opts =
                convenor::json::FeedOptions::new(as_of).with_pretty(pretty);
            let feed = convenor::json::to_meeting_guide(&c.schedule, &opts)?;
            for w in &feed.warnings {
                eprintln!("convenor: warning: {}", shown(&w.to_string()));
            }
            feed.json
        }
    })
}

/// `  (Sun 17:00 PST Pacific)` when the meeting's zone is not the viewer's.
fn other_zone(o: &Occurrence<'_>, viewer: convenor::Zone) -> String {
    if o.meeting().zone() == viewer {
        return String::new();
    }
    format!(
        "  ({} {})",
        human::short(&o.start()),
        convenor::words::zone_label(o.meeting().zone())
    )
}

fn next(view: &View, count: usize, out: &mut impl Write) -> Result<u8> {
    // The sessions are collected before printing: as for every listing,
    // at most MAX_SESSIONS (`-n 100000000` allocated gigabytes, and
    // `-n 18446744073709551615` wrapped to none at all).
    if count > convenor::MAX_SESSIONS {
        return Err(anyhow::Error::new(crate::BadInput(format!(
            "--count {count} is more than the limit of {} sessions; ask \
             for fewer",
            convenor::MAX_SESSIONS
        ))));
    }
    let c = Config::new(view)?;
    let now = c.now;
    let running = c.schedule.in_progress(now);
    for o in &running {
        writeln!(
            out,
            "{:<15} {}  {} (until {}){}",
            "now",
            human::stamp(&o.start().with_timezone(&c.tz)),
            shown(o.meeting().name()),
            o.end().with_timezone(&c.tz).format("%H:%M %Z"),
            other_zone(o, c.tz),
        )?;
    }
    let upcoming: Vec<Occurrence<'_>> = c
        .schedule
        .next(now, count + running.len())
        .into_iter()
        .filter(|o| {
            o.start().with_timezone(&Utc) > now
                || !running.iter().any(|r| same(r, o))
        })
        .take(count)
        .collect();
    for o in &upcoming {
        writeln!(
            out,
            "{:<15} {}  {}{}{}",
            human::relative(now, o.start().with_timezone(&Utc)),
            human::stamp(&o.start().with_timezone(&c.tz)),
            shown(o.meeting().name()),
            other_zone(o, c.tz),
            status_suffix(o),
        )?;
    }
    if running.is_empty() && upcoming.is_empty() {
        writeln!(out, "no upcoming sessions")?;
    }
    Ok(0)
}

fn same(a: &Occurrence<'_>, b: &Occurrence<'_>) -> bool {
    a.meeting().id() == b.meeting().id() && a.start() == b.start()
}

fn changes(
    view: &View,
    since: Option<&str>,
    out: &mut impl Write,
) -> Result<u8> {
    let c = Config::new(view)?;
    let lines = match since {
        Some(text) => {
            let since = config::date(text).context("invalid --since")?;
            c.schedule
                .changes_since(since)
                .into_iter()
                .map(|r| shown(&r.to_string()).into_owned())
                .collect()
        }
        None => all_changes(&c.schedule),
    };
    if lines.is_empty() {
        writeln!(out, "no changes")?;
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(0)
}

fn all_changes(schedule: &Schedule) -> Vec<String> {
    schedule
        .meetings()
        .iter()
        .flat_map(|m| {
            m.changes().iter().enumerate().map(move |(index, change)| {
                shown(
                    &convenor::ChangeRef { meeting: m, change, index }
                        .to_string(),
                )
                .into_owned()
            })
        })
        .collect()
}

/// Text from the schedule file (names, notes, rules) as printed: control
/// characters escaped, so that a file cannot drive the terminal.
fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    convenor::quote::escape_controls(text)
}

/// What `convenor ics` was asked for.
struct IcsRequest {
    meeting: Option<String>,
    occurrence: Option<String>,
    domain: Option<String>,
    keep_since: Option<String>,
    reminders: crate::cli::ReminderFlags,
}

fn ics(
    view: &View,
    request: &IcsRequest,
    path: Option<&std::path::Path>,
    out: &mut impl Write,
) -> Result<u8> {
    let c = Config::new(view)?;
    let mut opts = config::reminders(
        &request.reminders,
        convenor::ical::IcalOptions::new(c.now),
    )?;
    if let Some(d) = &request.domain {
        opts = opts.with_domain(config::domain(d)?);
    }
    if let Some(since) = &request.keep_since {
        opts = opts.with_keep_since(
            config::instant(since, c.tz).context("invalid --keep-since")?,
        );
    }
    let text = match (&request.meeting, &request.occurrence) {
        (Some(id), _) => {
            convenor::ical::meeting_to_string(&c.schedule, id, &opts).map_err(
                |e| anyhow::Error::new(crate::BadInput(e.to_string())),
            )?
        }
        (None, Some(spec)) => {
            let o = find_occurrence(&c.schedule, spec)?;
            convenor::ical::occurrence_to_string(&c.schedule, &o, &opts)
        }
        (None, None) => convenor::ical::to_string(&c.schedule, &opts),
    };
    crate::output::emit(path, &text, out)?;
    Ok(0)
}

/// The session named `ID@DATE` (the date it was due, in the meeting's
/// zone; an extra session by the date it is on).
fn find_occurrence<'s>(
    schedule: &'s Schedule,
    spec: &str,
) -> Result<Occurrence<'s>> {
    let bad = |why: String| anyhow::Error::new(crate::BadInput(why));
    let (id, date) = spec.split_once('@').ok_or_else(|| {
        bad(format!("invalid --occurrence \"{spec}\", expected ID@YYYY-MM-DD"))
    })?;
    let date = config::date(date).context("invalid --occurrence")?;
    let meeting = schedule.meeting(id).ok_or_else(|| {
        let ids = schedule.meetings().iter().map(|m| m.id().as_str());
        let hint = convenor::suggest::nearest(id, ids)
            .map(|s| format!("; did you mean \"{s}\"?"))
            .unwrap_or_default();
        bad(format!("no meeting \"{id}\" in the schedule{hint}"))
    })?;
    let tz = meeting.zone();
    let around = |days: i64| {
        let local =
            date.and_time(chrono::NaiveTime::MIN) + Duration::days(days);
        convenor::resolve_local(tz, local).0.with_timezone(&Utc)
    };
    // A moved session can be far from its due date; look a month around.
    let window = Window::new(around(-31), around(32))?;
    meeting
        .occurrences(window)
        .with_cancelled()
        .find(|o| o.due() == date)
        .ok_or_else(|| {
            bad(format!("meeting {id} has no session due on {date}"))
        })
}
