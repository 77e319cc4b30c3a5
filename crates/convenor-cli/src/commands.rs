//! One function per command: each takes its flags, asks the library, and
//! writes text to `out`.

use std::io::Write;

use anyhow::{Context, Result};
use chrono::{Duration, Utc};
use clap::{CommandFactory, ValueEnum};
use convenor::{Occurrence, Schedule, Schedules, Status, Window};

use crate::cli::{
    Cli, Command, Format, ImportKind, JsonView, Source, Span, View,
};
use crate::config::{self, Config};
use crate::style;
use convenor::site::relative as human;

/// Runs the command; the exit code on success.
pub fn run(cli: Cli, out: &mut impl Write) -> Result<u8> {
    match cli.command {
        Command::Week { view, week, first_day } => {
            week_table(&view, week.as_deref(), &first_day, out)
        }
        Command::Agenda { view, span, hide_cancelled, cancelled, format } => {
            // `--cancelled` is what the default now does.
            let _ = cancelled;
            let request = AgendaRequest { span, hide_cancelled, format };
            agenda(&view, &request, out)
        }
        Command::Json {
            view,
            which,
            span,
            as_of,
            exact_week,
            lang,
            compact,
            output,
        } => {
            let request = JsonRequest {
                which,
                span,
                as_of,
                exact_week,
                lang: lang.lang,
                compact,
            };
            json(&view, &request, output.as_deref(), out)
        }
        Command::Publish {
            view,
            out: dir,
            domain,
            url,
            reminders,
            weeks,
            exact_week,
            force,
            lang,
            plain,
            verbose,
        } => {
            let domain = domain.as_deref().map(config::domain).transpose()?;
            let languages = lang
                .iter()
                .map(|t| config::lang(Some(t)))
                .collect::<Result<Vec<_>>>()?;
            let request = crate::publish::Request {
                languages,
                force,
                plain,
                verbose,
                domain,
                url,
                reminders,
                weeks,
                exact_week,
            };
            crate::publish::publish(&view, &dir, &request, out)
        }
        Command::Next { view, count, hide_cancelled } => {
            next(&view, count, hide_cancelled, out)
        }
        Command::Changes { source, since, lang } => {
            let lang = config::lang(lang.lang.as_deref())?;
            changes(&source, since.as_deref(), lang, out)
        }
        Command::Check { files, deny_warnings, now } => {
            check(&files, deny_warnings, now.as_deref(), out)
        }
        Command::Ics {
            view,
            meeting,
            occurrence,
            domain,
            keep_since,
            reminders,
            lang,
            output,
        } => {
            let request = IcsRequest {
                meeting,
                occurrence,
                domain,
                keep_since,
                reminders,
                lang: config::lang(lang.lang.as_deref())?,
            };
            ics(&view, &request, output.as_deref(), out)
        }
        Command::Announce {
            view,
            as_of,
            since,
            zones,
            format,
            links,
            lang,
        } => {
            let lang = config::lang(lang.lang.as_deref())?;
            let request =
                AnnounceRequest { as_of, since, zones, format, links, lang };
            announce(&view, &request, out)
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
        Command::Edit { file, action } => crate::edit::run(&file, action, out),
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
    let week = c.schedules.week(c.tz, date, first);
    writeln!(
        out,
        "{} — week of {} ({})",
        shown(&c.schedules.name()),
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
            // A cancelled session says so first, as in `agenda` and `next`.
            let (first, last) = marks(&s.occurrence, c.tz);
            let first = match first {
                "" => String::new(),
                word => format!("{} ", style::alert(word)),
            };
            writeln!(
                out,
                "  {first}{}–{}  {}{}{last}",
                s.start.format("%H:%M"),
                s.end.format("%H:%M %Z"),
                shown(s.occurrence.meeting().name()),
                c.group_suffix(s.occurrence.meeting()),
            )?;
            // The meeting's own time, only where it is not the viewer's.
            let Some(own) = own_time(&s.occurrence, c.tz) else {
                continue;
            };
            let marker = if s.day_shift() != 0 {
                "  ◂ another day there"
            } else {
                ""
            };
            writeln!(
                out,
                "               {}{}",
                style::dim(&format!("= {own}")),
                style::alert(marker)
            )?;
        }
    }
    Ok(0)
}

/// ` [cancelled: Holiday]`, ` [moved from Wed 30 Nov 18:00]`,
/// ` [extra]`; a moved session's usual time in `viewer`'s zone.
fn status_suffix(o: &Occurrence<'_>, viewer: convenor::Zone) -> String {
    let note = o.note().map(|n| format!(": {}", shown(n))).unwrap_or_default();
    let text = match o.status() {
        Status::Scheduled => return String::new(),
        Status::Cancelled => format!("[cancelled{note}]"),
        Status::Moved => format!("[moved from {}{note}]", usual(o, viewer)),
        Status::Extra => format!("[extra session{note}]"),
    };
    format!("  {}", style::alert(&text))
}

/// `Wed 30 Nov 18:00`: when a moved session usually is, in `viewer`'s
/// zone (its due date at the meeting's time that day); the date alone
/// when the meeting has no rule on that date.
fn usual(o: &Occurrence<'_>, viewer: convenor::Zone) -> String {
    match o.usual_start() {
        Some(at) => {
            at.with_timezone(&viewer).format("%a %-d %b %H:%M").to_string()
        }
        None => o.due().format("%a %-d %b").to_string(),
    }
}

/// What `agenda` and `next` write for a session: `CANCELLED` to go
/// first on its line (empty when it is not cancelled), and what goes
/// last (its note, when cancelled; else its status).
fn marks(
    o: &Occurrence<'_>,
    viewer: convenor::Zone,
) -> (&'static str, String) {
    if !o.is_cancelled() {
        return ("", status_suffix(o, viewer));
    }
    let note = o
        .note()
        .map(|n| format!("  {}", style::alert(&format!("[{}]", shown(n)))))
        .unwrap_or_default();
    ("CANCELLED", note)
}

/// What `convenor agenda` was asked for.
struct AgendaRequest {
    span: Span,
    hide_cancelled: bool,
    format: Format,
}

/// The longest window a viewing command expands: ten years.
const MAX_DAYS: u32 = 3660;

/// The window of `--from` and `--to` or `--days` (default: a week from
/// now), at most [`MAX_DAYS`] long.
fn window(c: &Config, span: &Span) -> Result<Window> {
    let from = match &span.from {
        Some(text) => config::instant(text, c.tz).context("invalid --from")?,
        None => c.now,
    };
    let to = match &span.to {
        Some(text) => config::instant(text, c.tz).context("invalid --to")?,
        None => {
            let days = span.days.unwrap_or(7);
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
    let window = window(&c, &r.span)?;
    let sessions = c.schedules.occurrences(window);
    let mut sessions =
        if r.hide_cancelled { sessions } else { sessions.with_cancelled() };
    // Each session is written as it is found: memory does not grow with
    // the window, so only the window's length is capped (MAX_DAYS).
    let opts = convenor::json::OccurrenceOptions::new()
        .with_viewer(c.tz)
        .with_pretty(true);
    match r.format {
        // With several files each session (each line) says its group.
        Format::Json => convenor::json::schedules_occurrences_to_writer(
            &mut *out,
            &c.schedules,
            sessions.by_ref(),
            &opts,
        )?,
        Format::Jsonl => convenor::json::schedules_occurrences_to_json_lines(
            &mut *out,
            &c.schedules,
            sessions.by_ref(),
            &opts,
        )?,
        Format::Text => agenda_text(&c, window, sessions.by_ref(), out)?,
    }
    sessions.check_complete()?;
    Ok(0)
}

/// One line per session in the viewer's zone, or a line saying there
/// are none.
fn agenda_text<'s>(
    c: &Config,
    window: Window,
    sessions: impl Iterator<Item = Occurrence<'s>>,
    out: &mut impl Write,
) -> Result<()> {
    let mut any = false;
    for o in sessions {
        any = true;
        let here = o.start().with_timezone(&c.tz);
        let (first, last) = marks(&o, c.tz);
        let first = match first {
            "" => String::new(),
            mark => format!("{}  ", style::alert(mark)),
        };
        writeln!(
            out,
            "{first}{}  {}{}{}{}",
            human::stamp(&here),
            shown(o.meeting().name()),
            c.group_suffix(o.meeting()),
            own_time(&o, c.tz)
                .map(|own| format!("  ({own})"))
                .unwrap_or_default(),
            last
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
    Ok(())
}

/// What `convenor json` was asked for.
struct JsonRequest {
    which: JsonView,
    span: Span,
    as_of: Option<String>,
    exact_week: bool,
    /// `--lang` as given.
    lang: Option<String>,
    compact: bool,
}

/// A JSON view, to `path` (atomically) or to `out`.
fn json(
    view: &View,
    r: &JsonRequest,
    path: Option<&std::path::Path>,
    out: &mut impl Write,
) -> Result<u8> {
    // A flag the view cannot use is refused, never silently ignored.
    let only_for = [
        (
            "--from, --to and --days are",
            r.span.is_given(),
            JsonView::Occurrences,
        ),
        ("--as-of is", r.as_of.is_some(), JsonView::MeetingGuide),
        ("--exact-week is", r.exact_week, JsonView::MeetingGuide),
        ("--lang is", r.lang.is_some(), JsonView::MeetingGuide),
    ];
    for (flags, given, only) in only_for {
        if given && r.which != only {
            return Err(anyhow::Error::new(crate::BadInput(format!(
                "{flags} for --view {} only, not --view {}",
                view_name(only),
                view_name(r.which)
            ))));
        }
    }
    if r.which == JsonView::Schedule
        && (view.tz.is_some() || view.now.is_some())
    {
        return Err(anyhow::Error::new(crate::BadInput(
            "--tz and --now are not for --view schedule (the file itself \
             as JSON, which neither changes)"
                .to_string(),
        )));
    }
    let c = Config::load(view, config::Use::of_output(path))?;
    let pretty = !r.compact;
    let text = match r.which {
        JsonView::Schedule if pretty => {
            convenor::json::to_string_pretty(c.single("--view schedule")?)
        }
        JsonView::Schedule => {
            convenor::json::to_string(c.single("--view schedule")?) + "\n"
        }
        JsonView::Occurrences => {
            let window = window(&c, &r.span)?;
            let opts = convenor::json::OccurrenceOptions::new()
                .with_viewer(c.tz)
                .with_pretty(pretty);
            // Streamed like `agenda`: written as they are found.
            crate::output::emit_with(path, out, |w| {
                let mut sessions = c.schedules.occurrences(window);
                convenor::json::schedules_occurrences_to_writer(
                    w,
                    &c.schedules,
                    sessions.by_ref(),
                    &opts,
                )
                .map_err(|e| convenor::Error::io(String::new(), e))?;
                sessions.check_complete()
            })?;
            return Ok(0);
        }
        JsonView::MeetingGuide => {
            // Without --as-of, today in each meeting's own zone.
            let opts = match &r.as_of {
                Some(text) => convenor::json::FeedOptions::new(
                    config::date(text).context("invalid --as-of")?,
                ),
                None => convenor::json::FeedOptions::at(c.now),
            };
            let lang = config::lang(r.lang.as_deref())?;
            let opts = opts
                .with_pretty(pretty)
                .with_exact_week(r.exact_week)
                .with_words(convenor::site::l10n::Words::new(lang));
            let feed = convenor::json::schedules_to_meeting_guide(
                &c.schedules,
                &opts,
            )?;
            for w in &feed.warnings {
                eprintln!("convenor: warning: {}", shown(&w.to_string()));
            }
            feed.json
        }
    };
    crate::output::emit(path, &text, out)?;
    Ok(0)
}

/// `meeting-guide`: the view's name as `--view` takes it.
fn view_name(which: JsonView) -> String {
    which
        .to_possible_value()
        .map(|v| v.get_name().to_string())
        .unwrap_or_default()
}

/// `Sun 17:00 PST Pacific`: a session at its meeting's own time, when
/// the meeting's zone is not the viewer's (else the viewer's time says
/// it already).
fn own_time(o: &Occurrence<'_>, viewer: convenor::Zone) -> Option<String> {
    let zone = o.meeting().zone();
    (zone != viewer).then(|| {
        format!(
            "{} {}",
            human::short(&o.start()),
            convenor::words::zone_label(zone)
        )
    })
}

fn next(
    view: &View,
    count: usize,
    hide_cancelled: bool,
    out: &mut impl Write,
) -> Result<u8> {
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
    let running = c.schedules.in_progress(now);
    let wanted = count + running.len();
    // Cancelled sessions too, unless hidden: a member should not find
    // the meeting room empty without a word.
    let found = if hide_cancelled {
        c.schedules.next(now, wanted)
    } else {
        c.schedules
            .occurrences(Window::starting(now))
            .with_cancelled()
            .take(wanted)
            .collect()
    };
    let upcoming: Vec<Occurrence<'_>> = found
        .into_iter()
        .filter(|o| {
            o.start().with_timezone(&Utc) > now
                || !running.iter().any(|r| same(r, o))
        })
        .take(count)
        .collect();
    if running.is_empty() && upcoming.is_empty() {
        writeln!(out, "no upcoming sessions")?;
        return Ok(0);
    }
    // Two lines a session, so that they fit 80 columns: when, where it
    // is in the viewer's zone and its name; then its end if running, its
    // own time and its status.
    let sessions = running
        .iter()
        .map(|o| (true, o))
        .chain(upcoming.iter().map(|o| (false, o)));
    let lines: Vec<(String, &Occurrence<'_>, Option<String>)> = sessions
        .map(|(is_running, o)| {
            let when = if is_running {
                "now".to_string()
            } else {
                human::relative(now, o.start().with_timezone(&Utc))
            };
            // CANCELLED first, in place of how long until it: it will
            // not start.
            let when = match marks(o, c.tz).0 {
                "" => when,
                mark => mark.to_string(),
            };
            let until = is_running.then(|| {
                format!(
                    "until {}",
                    o.end().with_timezone(&c.tz).format("%H:%M %Z")
                )
            });
            (when, o, until)
        })
        .collect();
    let width = lines.iter().map(|(when, ..)| when.chars().count()).max();
    let width = width.unwrap_or(0);
    for (when, o, until) in lines {
        // Padded before it is painted: the escapes take no column.
        let when = match when.as_str() {
            "CANCELLED" => format!(
                "{}{:pad$}",
                style::alert(&when),
                "",
                pad = width.saturating_sub(when.len())
            ),
            _ => format!("{when:<width$}"),
        };
        writeln!(
            out,
            "{when}  {}  {}{}",
            human::day_time(&o.start().with_timezone(&c.tz)),
            shown(o.meeting().name()),
            c.group_suffix(o.meeting()),
        )?;
        let own = own_time(o, c.tz).map(|own| format!("= {own}"));
        let detail: Vec<String> = until.into_iter().chain(own).collect();
        let status = marks(o, c.tz).1;
        if !detail.is_empty() || !status.is_empty() {
            writeln!(
                out,
                "{:width$}  {}{status}",
                "",
                style::dim(&detail.join("  "))
            )?;
        }
    }
    Ok(0)
}

fn same(a: &Occurrence<'_>, b: &Occurrence<'_>) -> bool {
    a.meeting().id() == b.meeting().id() && a.start() == b.start()
}

fn changes(
    source: &Source,
    since: Option<&str>,
    lang: convenor::Lang,
    out: &mut impl Write,
) -> Result<u8> {
    let words = convenor::site::l10n::Words::new(lang);
    let (schedules, _) = config::load(source, config::Use::Print)?;
    let since = match since {
        Some(text) => config::date(text).context("invalid --since")?,
        None => chrono::NaiveDate::MIN,
    };
    let changes = schedules.changes_since(since);
    if changes.is_empty() {
        writeln!(out, "{}", words.message("no-changes", &[]))?;
    }
    for change in changes {
        // Of several schedules, the group first: the line ends with the
        // change's note.
        let group = match schedules.len() {
            0 | 1 => String::new(),
            _ => schedules
                .schedule_of(change.meeting)
                .map(|s| format!("[{}] ", shown(s.name())))
                .unwrap_or_default(),
        };
        writeln!(out, "{group}{}", shown(&words.change(&change)))?;
    }
    Ok(0)
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
    lang: convenor::Lang,
}

fn ics(
    view: &View,
    request: &IcsRequest,
    path: Option<&std::path::Path>,
    out: &mut impl Write,
) -> Result<u8> {
    let c = Config::load(view, config::Use::of_output(path))?;
    let mut opts = config::reminders(
        &request.reminders,
        convenor::ical::IcalOptions::new(c.now)
            .with_words(convenor::site::l10n::Words::new(request.lang)),
    )?;
    if let Some(d) = &request.domain {
        opts = opts.with_domain(config::domain(d)?);
    }
    if let Some(since) = &request.keep_since {
        opts = opts.with_keep_since(
            config::instant(since, c.tz).context("invalid --keep-since")?,
        );
    }
    let bad = |e: convenor::Error| {
        anyhow::Error::new(crate::BadInput(e.to_string()))
    };
    let text = match (&request.meeting, &request.occurrence) {
        (Some(id), _) => {
            let meeting = c.schedules.try_meeting(id).map_err(bad)?;
            let schedule = of_meeting(&c.schedules, meeting)?;
            convenor::ical::meeting_to_string(schedule, id, &opts)
                .map_err(bad)?
        }
        (None, Some(spec)) => {
            let o = find_occurrence(&c.schedules, spec)?;
            let schedule = of_meeting(&c.schedules, o.meeting())?;
            convenor::ical::occurrence_to_string(schedule, &o, &opts)
        }
        // One schedule's calendar is its own (`to_string`); several keep
        // each one's UIDs.
        (None, None) => {
            convenor::ical::schedules_to_string(&c.schedules, &opts)
        }
    };
    crate::output::emit(path, &text, out)?;
    Ok(0)
}

/// The schedule `meeting` is in.
fn of_meeting<'s>(
    schedules: &'s Schedules,
    meeting: &convenor::Meeting,
) -> Result<&'s Schedule> {
    schedules.schedule_of(meeting).ok_or_else(|| {
        anyhow::Error::new(crate::BadInput(format!(
            "no meeting \"{}\" in the schedules",
            meeting.id()
        )))
    })
}

/// The session named `ID@DATE` (the date it was due, in the meeting's
/// zone; an extra session by the date it is on).
fn find_occurrence<'s>(
    schedules: &'s Schedules,
    spec: &str,
) -> Result<Occurrence<'s>> {
    let bad = |why: String| anyhow::Error::new(crate::BadInput(why));
    let (id, date) = spec.split_once('@').ok_or_else(|| {
        bad(format!("invalid --occurrence \"{spec}\", expected ID@YYYY-MM-DD"))
    })?;
    let date = config::date(date).context("invalid --occurrence")?;
    let meeting = schedules.try_meeting(id).map_err(|e| bad(e.to_string()))?;
    // Why none, when none: the dates around, or the session moved onto
    // this date.
    meeting
        .session_due(date)
        .map_err(|why| bad(format!("meeting {id}: {why}")))
}

/// Prints the check report of each file (a site file's schedule files),
/// then, of several, a meeting id two of them use; the exit code: 0
/// clean, 1 warnings denied, 2 errors.
fn check(
    files: &[std::path::PathBuf],
    deny_warnings: bool,
    now: Option<&str>,
    out: &mut impl Write,
) -> Result<u8> {
    use convenor::site::check::Verdict;
    let now = match now {
        Some(t) => config::instant(t, convenor::Zone::utc())
            .context("invalid --now")?,
        None => Utc::now(),
    };
    let site = config::site_of(files)?;
    let mut verdict = Verdict::Clean;
    let mut loaded = Vec::new();
    for s in site.schedules() {
        let path = std::path::Path::new(&s.file);
        let bytes = config::read(path)?;
        let report = convenor::site::check::check(&s.file, &bytes, now);
        out.write_all(report.text.as_bytes())?;
        if severity(report.verdict) > severity(verdict) {
            verdict = report.verdict;
        }
        if let Ok(schedule) = convenor::load_bytes(&bytes) {
            loaded.push((s.file.clone(), schedule, bytes));
        }
    }
    if loaded.len() > 1 {
        let (parts, texts): (Vec<_>, Vec<_>) = loaded
            .into_iter()
            .map(|(name, schedule, bytes)| {
                ((name.clone(), schedule), (name, bytes))
            })
            .unzip();
        if let Err(e) = Schedules::new(parts) {
            let e = e.locate_sources(|source, path| {
                let (_, bytes) =
                    texts.iter().find(|(name, _)| name == source)?;
                let text = String::from_utf8_lossy(bytes);
                convenor::positions(&text, &[path]).pop().flatten()
            });
            writeln!(out, "error: {e}")?;
            verdict = Verdict::Errors;
        }
    }
    Ok(match verdict {
        Verdict::Errors => crate::exit::BAD_INPUT,
        Verdict::Warnings if deny_warnings => crate::exit::WARNINGS,
        _ => 0,
    })
}

/// How bad a check's verdict is: clean, warnings, errors.
fn severity(verdict: convenor::site::check::Verdict) -> u8 {
    use convenor::site::check::Verdict;
    match verdict {
        Verdict::Errors => 2,
        Verdict::Warnings => 1,
        _ => 0,
    }
}

/// The flags of `announce`.
struct AnnounceRequest {
    as_of: Option<String>,
    since: Option<String>,
    zones: Vec<String>,
    format: crate::cli::AnnounceFormat,
    links: bool,
    lang: convenor::Lang,
}

fn announce(
    view: &View,
    request: &AnnounceRequest,
    out: &mut impl Write,
) -> Result<u8> {
    use convenor::site::announce::{render_with, AnnounceOptions, Format};
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
    // Each schedule's list, one after another: each is its own group's
    // post, with its own zone and footnotes.
    let lists = c
        .schedules
        .schedules()
        .iter()
        .map(|s| s.announcement(as_of, since, &zones))
        .collect::<convenor::Result<Vec<_>>>()?;
    let options = AnnounceOptions::new()
        .with_links(request.links)
        .with_lang(request.lang);
    let render = |format| {
        let posts: Vec<String> = lists
            .iter()
            .map(|list| render_with(list, format, &options))
            .collect();
        posts.join("\n")
    };
    let text = match request.format {
        // Text goes to a terminal as often as into a post: a file cannot
        // drive the terminal.
        crate::cli::AnnounceFormat::Text => {
            render(Format::Text).lines().map(|l| shown(l) + "\n").collect()
        }
        crate::cli::AnnounceFormat::Markdown => render(Format::Markdown),
        crate::cli::AnnounceFormat::Html => render(Format::Html),
    };
    out.write_all(text.as_bytes())?;
    Ok(0)
}
