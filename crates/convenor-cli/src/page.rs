//! The schedule page `publish` writes (`index.html`): one self-contained
//! file, no external request, no cookies. Every session instant is
//! computed here by convenor and embedded as UTC; the page's script only
//! formats those instants in the visitor's zone with the browser's
//! `Intl.DateTimeFormat` (no recurrence or offset arithmetic in
//! JavaScript). Without JavaScript the page lists every session in the
//! schedule's own zone and says so.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, Duration, Timelike, Utc};
use convenor::ical::IcalOptions;
use convenor::{Occurrence, Schedule, Status, Window, Zone};
use serde::Serialize;

/// What the page shows and where its links point.
pub struct PageOptions<'a> {
    /// The instant taken as now.
    pub now: DateTime<Utc>,
    /// How many weeks of sessions to list.
    pub weeks: u32,
    /// Where the published folder is served (`https://example.org/meetings/`),
    /// for `webcal://` and calendar-service subscribe links.
    pub base_url: Option<&'a str>,
    /// For each listed session's own `.ics`.
    pub ical: &'a IcalOptions,
}

/// One session as the page's script reads it.
#[derive(Serialize)]
struct SessionData<'s> {
    meeting: &'s str,
    /// The meeting's own zone: its own time is shown beside a session
    /// shown in another zone.
    zone: &'static str,
    start: String,
    end: String,
    status: &'static str,
}

/// The page and the one-session `.ics` files it links to, as
/// `(path in the published folder, content)`.
pub fn files(
    schedule: &Schedule,
    options: &PageOptions<'_>,
) -> Result<Vec<(PathBuf, String)>> {
    let now = options.now;
    let window = Window::new(
        now,
        now + Duration::weeks(i64::from(options.weeks.max(1))),
    )?;
    // A page is for people: at most PAGE_SESSIONS sessions (and as many
    // one-session files), the rest counted; the feeds hold them all.
    let mut all = schedule.occurrences(window).with_cancelled();
    let sessions: Vec<Occurrence<'_>> =
        all.by_ref().take(PAGE_SESSIONS).collect();
    let more = all.count();
    let home = schedule
        .timezone()
        .or_else(|| schedule.meetings().first().map(|m| m.zone()))
        .unwrap_or_else(Zone::utc);
    let paths = session_paths(&sessions);
    let mut files = Vec::new();
    for (o, path) in sessions.iter().zip(&paths) {
        if let Some(path) = path {
            let ics = convenor::ical::occurrence_to_string(
                schedule,
                o,
                options.ical,
            );
            files.push((path.clone(), ics));
        }
    }
    files.push((
        PathBuf::from("index.html"),
        html(schedule, &sessions, &paths, more, home, options)?,
    ));
    Ok(files)
}

/// Each session's own `.ics` (none for a cancelled one):
/// `sessions/ID-YYYY-MM-DDTHHMM.ics` by its local start, with `-2`, `-3`
/// after a name already taken (two sessions of a meeting may start
/// together: an extra one over a regular one).
fn session_paths(sessions: &[Occurrence<'_>]) -> Vec<Option<PathBuf>> {
    let mut taken = std::collections::HashSet::new();
    sessions
        .iter()
        .map(|o| {
            if o.is_cancelled() {
                return None;
            }
            let stem = format!(
                "{}-{}",
                o.meeting().id(),
                o.start().format("%Y-%m-%dT%H%M")
            );
            let name =
                (1..)
                    .map(|n| {
                        if n == 1 {
                            stem.clone()
                        } else {
                            format!("{stem}-{n}")
                        }
                    })
                    .find(|name| taken.insert(name.clone()))?;
            Some(PathBuf::from("sessions").join(format!("{name}.ics")))
        })
        .collect()
}

/// Text for HTML: `&`, `<`, `>`, `"` and `'` escaped.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `%XX` for everything but unreserved characters (RFC 3986).
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// Subscribe links for a feed at `path` in the published folder.
fn subscribe(label: &str, path: &str, base: Option<&str>) -> String {
    let mut out = String::new();
    match base {
        Some(base) => {
            let https = format!("{}/{path}", base.trim_end_matches('/'));
            let webcal = https
                .strip_prefix("https://")
                .or_else(|| https.strip_prefix("http://"))
                .map(|rest| format!("webcal://{rest}"))
                .unwrap_or_else(|| https.clone());
            let google = format!(
                "https://calendar.google.com/calendar/r?cid={}",
                percent(&webcal)
            );
            let _ = write!(
                out,
                "<a href=\"{}\">Subscribe to {label}</a> \
                 (<a href=\"{}\">Google Calendar</a>, \
                 <a href=\"{}\">address to copy</a>)",
                esc(&webcal),
                esc(&google),
                esc(&https)
            );
        }
        None => {
            let _ =
                write!(out, "<a href=\"{}\">{label} (.ics)</a>", esc(path));
        }
    }
    out
}

fn status_words(o: &Occurrence<'_>) -> Option<String> {
    let due = o.due().format("%A %-d %B");
    match o.status() {
        Status::Cancelled => Some(format!("No meeting on {due}")),
        Status::Moved => Some(format!("Moved from {due}")),
        Status::Extra => Some("Extra session".to_string()),
        _ => None,
    }
}

/// Whether `o` is its meeting's first session ever.
fn is_first(o: &Occurrence<'_>) -> bool {
    let first = o
        .meeting()
        .segments()
        .iter()
        .find_map(|s| s.first_session())
        .map(|f| f.date());
    o.status() == Status::Scheduled && first == Some(o.due())
}

/// The most sessions the page lists.
pub const PAGE_SESSIONS: usize = 400;

fn html(
    schedule: &Schedule,
    sessions: &[Occurrence<'_>],
    paths: &[Option<PathBuf>],
    more: usize,
    home: Zone,
    options: &PageOptions<'_>,
) -> Result<String> {
    let name = esc(schedule.name());
    let home_label = format!(
        "{} time ({})",
        convenor::words::zone_label(home),
        home.name()
    );
    let mut list = String::new();
    let mut day = None;
    for (i, o) in sessions.iter().enumerate() {
        let start = o.start().with_timezone(&home);
        let end = o.end().with_timezone(&home);
        if day != Some(start.date_naive()) {
            if day.is_some() {
                list += "</ul>\n";
            }
            day = Some(start.date_naive());
            let _ = writeln!(
                list,
                "<h3 class=\"day\">{}</h3>\n<ul class=\"sessions\">",
                start.format("%A %-d %B %Y")
            );
        }
        let m = o.meeting();
        let own = format!(
            "{} {}",
            convenor::words::clock12(o.start().hour(), o.start().minute()),
            convenor::words::zone_label(m.zone())
        );
        let own_day = o.start().format("%A").to_string();
        let mut badges = String::new();
        if let Some(words) = status_words(o) {
            let _ = write!(
                badges,
                " <strong class=\"badge\">{}</strong>",
                esc(&words)
            );
        }
        if is_first(o) {
            badges += " <strong class=\"badge\">First session</strong>";
        }
        if let Some(note) = o.note() {
            let _ =
                write!(badges, " <span class=\"note\">{}</span>", esc(note));
        }
        let add = match &paths[i] {
            None => String::new(),
            Some(path) => format!(
                " <a class=\"add\" href=\"{}\">Add to my calendar</a>",
                esc(&path.to_string_lossy())
            ),
        };
        let class =
            if o.is_cancelled() { "session cancelled" } else { "session" };
        let _ = writeln!(
            list,
            "<li class=\"{class}\" id=\"s{i}\" data-start=\"{}\" data-end=\"{}\">\
             <span class=\"when\"><time class=\"start\" datetime=\"{}\">{}</time>–<span class=\"end\">{}</span></span> \
             <span class=\"name\">{}</span> <span class=\"own\"{}>({}, {})</span>\
             <strong class=\"live\" hidden>In progress</strong>{badges}{add}</li>",
            o.start().with_timezone(&Utc).to_rfc3339(),
            o.end().with_timezone(&Utc).to_rfc3339(),
            o.start().with_timezone(&Utc).to_rfc3339(),
            start.format("%H:%M"),
            esc(&end.format("%H:%M %Z").to_string()),
            esc(m.name()),
            if m.zone() == home { " hidden" } else { "" },
            esc(&own_day),
            esc(&own),
        );
    }
    if day.is_some() {
        list += "</ul>\n";
    } else {
        list += "<p>No sessions in these weeks.</p>\n";
    }
    if more > 0 {
        let _ = writeln!(
            list,
            "<p>And {more} more sessions in these weeks: subscribe below to see them all.</p>"
        );
    }

    let now = options.now;
    let as_of = now.with_timezone(&home).date_naive();
    let overview =
        schedule.announcement(as_of, Some(as_of - Duration::days(60)), &[])?;
    let mut weekly = String::from("<ul>\n");
    for line in &overview.lines {
        let marks: String = line
            .footnotes
            .iter()
            .map(|&i| format!(" {}", convenor::announce::mark(i)))
            .collect();
        let _ = writeln!(weekly, "<li>{}{}</li>", esc(&line.text()), marks);
    }
    weekly += "</ul>\n";
    for i in 0..overview.footnotes.len() {
        let _ = writeln!(
            weekly,
            "<p class=\"footnote\">{} {}</p>",
            convenor::announce::mark(i),
            esc(&overview.footnote(i).to_string())
        );
    }

    let base = options.base_url;
    let mut links = format!(
        "<li>{}</li>\n",
        subscribe("all meetings", "schedule.ics", base)
    );
    for m in schedule.meetings() {
        let path = format!("meetings/{}.ics", m.id());
        let _ = writeln!(
            links,
            "<li>{}</li>",
            subscribe(&esc(m.name()), &path, base)
        );
    }

    let data: Vec<SessionData<'_>> = sessions
        .iter()
        .map(|o| SessionData {
            meeting: o.meeting().id().as_str(),
            zone: o.meeting().zone().name(),
            start: o.start().with_timezone(&Utc).to_rfc3339(),
            end: o.end().with_timezone(&Utc).to_rfc3339(),
            status: o.status().as_str(),
        })
        .collect();
    // `<` escaped so the JSON cannot close its script element.
    let data = serde_json::to_string(&data)?.replace('<', "\\u003c");
    let zones: String =
        ZONES.iter().map(|z| format!("<option value=\"{z}\">")).collect();
    let stamp = now.format("%Y-%m-%d %H:%M UTC");
    Ok(format!(
        include_str!("page.html"),
        name = name,
        home = esc(home.name()),
        home_label = esc(&home_label),
        weeks = options.weeks,
        from = now.with_timezone(&home).format("%A %-d %B %Y"),
        list = list,
        weekly = weekly,
        links = links,
        zones = zones,
        data = data,
        stamp = stamp,
        css = include_str!("page.css"),
        js = include_str!("page.js"),
    ))
}

/// Zones offered in the zone field (any IANA name may be typed).
const ZONES: &[&str] = &[
    "America/Los_Angeles",
    "America/Vancouver",
    "America/Denver",
    "America/Edmonton",
    "America/Phoenix",
    "America/Chicago",
    "America/Winnipeg",
    "America/New_York",
    "America/Toronto",
    "America/Halifax",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Athens",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Adelaide",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Honolulu",
    "UTC",
];
