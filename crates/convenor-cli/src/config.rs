//! Turns flags into what the library needs: a schedule, a viewer zone and
//! "now". The only place that reads the clock, the system zone or files.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use convenor::{Schedule, Zone};

use crate::cli::View;
use crate::BadInput;

/// What a viewing command works on.
pub struct Config {
    /// The schedule.
    pub schedule: Schedule,
    /// The viewer's zone.
    pub tz: Zone,
    /// The instant taken as now.
    pub now: DateTime<Utc>,
}

impl Config {
    /// Reads the schedule, the zone and the clock as the flags say, for a
    /// command that prints.
    pub fn new(view: &View) -> Result<Config> {
        Config::load(view, Use::Print)
    }

    /// As [`Config::new`], for a command that prints or writes files as
    /// `how` says.
    pub fn load(view: &View, how: Use) -> Result<Config> {
        // The flags first: a mistake in one is said alone, before any
        // note about the schedule.
        let tz = viewer_zone(view.tz.as_deref())?;
        let now = match &view.now {
            Some(text) => instant(text, tz).context("invalid --now")?,
            None => Utc::now(),
        };
        let schedule = load(&view.source, how)?;
        Ok(Config { schedule, tz, now })
    }
}

/// What a command does with the schedule it reads.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// Prints it: without a file, the built-in example, with a note.
    Print,
    /// Writes files from it: the built-in example only with --example,
    /// so a forgotten FILE never publishes the example over a website.
    Write,
}

impl Use {
    /// [`Use::Write`] when there is an output file, else [`Use::Print`].
    pub fn of_output(path: Option<&Path>) -> Use {
        if path.is_some() {
            Use::Write
        } else {
            Use::Print
        }
    }
}

/// The schedule in the source's file (TOML or JSON), or the built-in
/// example as `how` allows.
pub fn load(source: &crate::cli::Source, how: Use) -> Result<Schedule> {
    let Some(path) = source.file.as_deref() else {
        if source.example {
            return Ok(convenor::seed());
        }
        if how == Use::Write {
            return Err(anyhow::Error::new(BadInput(
                "no schedule FILE given; this command writes files, so it \
                 will not use the built-in example unless you add --example"
                    .to_string(),
            )));
        }
        eprintln!(
            "convenor: no schedule FILE given: showing the built-in example \
             (LifeRing's meetings of November 2022); add --example to say \
             you mean it"
        );
        return Ok(convenor::seed());
    };
    let bytes = read(path)?;
    convenor::load_bytes(&bytes).map_err(|e| rendered(e, path, &bytes))
}

/// A schedule's error as `file:line:column: message` with the source
/// line under it (`convenor::Error::located`), the shape `check` and
/// compilers print.
pub fn rendered(
    err: convenor::Error,
    path: &Path,
    bytes: &[u8],
) -> anyhow::Error {
    let text = String::from_utf8_lossy(bytes);
    let name = path.display().to_string();
    let shown = err.located(&name).with_source(&text).to_string();
    anyhow::Error::new(crate::Rendered {
        text: shown.trim_end().to_string(),
        bad_input: err.is_bad_input(),
    })
}

/// A file's bytes, with the path in the error. A file over
/// [`convenor::MAX_INPUT_BYTES`] is bad input, and is not read whole.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let name = || PathBuf::from(path).display().to_string();
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot read {}", name()))?;
    let limit = convenor::MAX_INPUT_BYTES;
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know it is too large.
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", name()))?;
    if bytes.len() > limit {
        let metadata = std::fs::metadata(path).ok();
        let size = metadata
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| usize::try_from(m.len()).ok());
        // A device or pipe (`/dev/zero`) has no size to report: its
        // metadata says 0 bytes.
        let Some(size) = size else {
            return Err(anyhow::Error::new(BadInput(format!(
                "{} is not a regular file, and gave more than the limit of \
                 {limit} bytes of schedule text",
                name()
            ))));
        };
        return Err(anyhow::Error::new(convenor::Error::TooLarge {
            bytes: size,
            limit,
        })
        .context(name()));
    }
    Ok(bytes)
}

/// `--tz`, else the system zone, else UTC.
fn viewer_zone(flag: Option<&str>) -> Result<Zone> {
    match flag {
        Some(name) => zone(name),
        None => Ok(iana_time_zone::get_timezone()
            .ok()
            .and_then(|name| name.parse().ok())
            .unwrap_or(Zone::utc())),
    }
}

/// An IANA zone name, with a suggestion when misspelt.
pub fn zone(name: &str) -> Result<Zone> {
    name.parse().map_err(|e: convenor::UnknownZone| {
        if e.unreadable.is_some() {
            return anyhow::Error::new(BadInput(e.to_string()));
        }
        let hint = e
            .suggestion
            .map(|s| format!("; did you mean \"{s}\"?"))
            .unwrap_or_default();
        anyhow::Error::new(BadInput(format!(
            "unknown time zone \"{name}\"{hint}"
        )))
    })
}

/// A `--domain` for UIDs (`id@domain`): a host name, as the schedule
/// URL's host would be; an empty one gave UIDs such as `id@`.
/// Checked as the schedule URL's host is ([`convenor::WebUrl`]), and
/// given in the same ASCII form (`bücher.example` is
/// `xn--bcher-kva.example`).
pub fn domain(text: &str) -> Result<String> {
    convenor::WebUrl::host_name(text).map_err(|_| {
        anyhow::Error::new(BadInput(format!(
            "invalid --domain \"{text}\", expected a host name such as \
             lifering.org"
        )))
    })
}

/// An RFC 3339 instant, or a date meaning its midnight in `tz`.
pub fn instant(text: &str, tz: Zone) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        let t = t.with_timezone(&Utc);
        in_range(text, t.date_naive())?;
        return Ok(t);
    }
    let date = date(text)?;
    Ok(convenor::resolve_local(tz, date.and_time(NaiveTime::MIN))
        .0
        .with_timezone(&Utc))
}

/// Dates and instants of years 2 to 9998: room for the windows commands
/// build around them (a year back, two ahead) inside the years schedule
/// files allow.
fn in_range(text: &str, date: NaiveDate) -> Result<NaiveDate> {
    if (2..=9998).contains(&chrono::Datelike::year(&date)) {
        return Ok(date);
    }
    Err(anyhow::Error::new(BadInput(format!(
        "\"{text}\" is outside the years 2 to 9998 that convenor works in"
    ))))
}

/// Export options with the reminder flags applied.
pub fn reminders(
    flags: &crate::cli::ReminderFlags,
    opts: convenor::ical::IcalOptions,
) -> Result<convenor::ical::IcalOptions> {
    let opts = opts.with_reminders_in_feed(flags.reminders_in_feed);
    let Some(list) = &flags.remind else { return Ok(opts) };
    if list.trim() == "none" {
        return Ok(opts.with_reminders(Vec::new()));
    }
    let parsed = list
        .split(',')
        .map(|item| {
            item.trim().parse::<convenor::MeetingDuration>().map_err(|e| {
                anyhow::Error::new(BadInput(format!("invalid --remind: {e}")))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut distinct = parsed;
    let mut seen = std::collections::HashSet::new();
    distinct.retain(|r| seen.insert(*r));
    if distinct.len() > convenor::MAX_REMINDERS {
        return Err(anyhow::Error::new(BadInput(format!(
            "invalid --remind: {}",
            convenor::Problem::TooManyReminders(distinct.len())
        ))));
    }
    Ok(opts.with_reminders(distinct))
}

/// A `YYYY-MM-DD` date, or the date of an RFC 3339 time as written
/// (`2022-11-12T07:00:00-08:00` is 12 November).
pub fn date(text: &str) -> Result<NaiveDate> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return in_range(text, t.date_naive());
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => in_range(text, d),
        Err(_) => Err(anyhow::Error::new(BadInput(format!(
            "invalid date or instant \"{text}\", expected YYYY-MM-DD or an \
             RFC 3339 time such as 2022-11-12T07:00:00-08:00"
        )))),
    }
}
