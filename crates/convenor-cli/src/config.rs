//! Turns flags into what the library needs: a schedule, a viewer zone and
//! "now". The only place that reads the clock, the system zone or files.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use convenor::site::site_file::SiteFile;
use convenor::{Schedule, Schedules, Zone};

use crate::cli::View;
use crate::BadInput;

/// What a viewing command works on.
pub struct Config {
    /// The schedules (one, or a site's).
    pub schedules: Schedules,
    /// The site they make: a site file's (its name, url, languages and
    /// groups), or the files given one by one.
    pub site: SiteFile,
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
        let (schedules, site) = load(&view.source, how)?;
        Ok(Config { schedules, site, tz, now })
    }

    /// The schedule, when there is one; else a mistake for `what`, which
    /// takes one schedule file.
    pub fn single(&self, what: &str) -> Result<&Schedule> {
        match self.schedules.schedules() {
            [one] => Ok(one),
            many => Err(anyhow::Error::new(BadInput(format!(
                "{what} takes one schedule file, not {}",
                many.len()
            )))),
        }
    }

    /// ` — Evening group`: the group of `meeting` after its name, when
    /// there is more than one schedule.
    pub fn group_suffix(&self, meeting: &convenor::Meeting) -> String {
        group_suffix(&self.schedules, meeting)
    }
}

/// ` — Evening group`: the group (its schedule's name) of `meeting` after
/// its name, when there is more than one schedule.
pub fn group_suffix(
    schedules: &Schedules,
    meeting: &convenor::Meeting,
) -> String {
    if schedules.len() < 2 {
        return String::new();
    }
    schedules
        .schedule_of(meeting)
        .map(|s| format!(" — {}", convenor::quote::escape_controls(s.name())))
        .unwrap_or_default()
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

/// The schedules of the source's files (TOML or JSON schedule files, or
/// one site file), or the built-in example as `how` allows; with the
/// site they make.
pub fn load(
    source: &crate::cli::Source,
    how: Use,
) -> Result<(Schedules, SiteFile)> {
    if source.files.is_empty() {
        let seed = example(source, how)?;
        let site = SiteFile::of_files(["example".to_string()]);
        return Ok((Schedules::new([("example".to_string(), seed)])?, site));
    }
    let site = site_of(&source.files)?;
    // Each file's text is kept until the ids are known to be unique:
    // a shared id is said with both files' lines.
    let mut texts: Vec<(String, Vec<u8>)> = Vec::new();
    let mut parts = Vec::with_capacity(site.schedules().len());
    for s in site.schedules() {
        let path = PathBuf::from(&s.file);
        let bytes = read(&path)?;
        let schedule = convenor::load_bytes(&bytes)
            .map_err(|e| rendered(e, &path, &bytes))?;
        parts.push((s.file.clone(), schedule));
        texts.push((s.file.clone(), bytes));
    }
    let groups = site.schedules().iter().map(|s| s.group.clone());
    let schedules = Schedules::new(parts).and_then(|s| s.with_groups(groups));
    let schedules = schedules.map_err(|e| {
        let e = e.locate_sources(|source, path| {
            let (_, bytes) = texts.iter().find(|(name, _)| name == source)?;
            let text = String::from_utf8_lossy(bytes);
            convenor::positions(&text, &[path]).pop().flatten()
        });
        anyhow::Error::new(crate::Rendered {
            text: e.to_string(),
            bad_input: e.is_bad_input(),
        })
    })?;
    Ok(match site.name() {
        Some(name) => (schedules.with_name(name), site),
        None => (schedules, site),
    })
}

/// The site of `files`: a site file's (its schedule files and folder
/// found beside it), or the schedule files themselves.
pub fn site_of(files: &[PathBuf]) -> Result<SiteFile> {
    let shown = |p: &Path| p.display().to_string();
    let [one] = files else {
        return Ok(SiteFile::of_files(files.iter().map(|p| shown(p))));
    };
    let bytes = read(one)?;
    let text = String::from_utf8_lossy(&bytes);
    if !SiteFile::is_site_file(&text) {
        return Ok(SiteFile::of_files([shown(one)]));
    }
    let site = SiteFile::from_toml_str(&text)
        .map_err(|e| rendered(e, one, &bytes))?;
    let base = one.parent().unwrap_or(Path::new(""));
    let mut listed = Vec::new();
    if let Some(folder) = site.folder() {
        let dir = base.join(folder);
        let entries = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read {}", dir.display()))?;
        for entry in entries {
            let entry = entry
                .with_context(|| format!("cannot read {}", dir.display()))?;
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                listed.push(shown(&Path::new(folder).join(entry.file_name())));
            }
        }
    }
    let site = site
        .with_folder_files(listed)
        .map_err(|e| rendered(e, one, &bytes))?;
    // The files are named relative to the site file's folder.
    Ok(site.in_folder(&shown(base)))
}

/// The built-in example, as `how` allows.
fn example(source: &crate::cli::Source, how: Use) -> Result<Schedule> {
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
    Ok(convenor::seed())
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

/// The language of `--lang`, else of the environment (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`: read here, at the edge, never by the library).
pub fn lang(flag: Option<&str>) -> Result<convenor::Lang> {
    match flag {
        Some(tag) => Ok(tag.parse::<convenor::Lang>().map_err(|e| {
            anyhow::Error::new(BadInput(format!("invalid --lang: {e}")))
        })?),
        None => {
            let var = |name| std::env::var(name).ok();
            let values = [var("LC_ALL"), var("LC_MESSAGES"), var("LANG")];
            Ok(convenor::Lang::from_environment(
                values.iter().map(Option::as_deref),
            ))
        }
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
/// (`2022-11-12T07:00:00-08:00` is 12 November). A date written day or
/// month first (`22/12/2026`) is refused with the date meant, as in a
/// schedule file ([`convenor::suggest::DateMeant`]).
pub fn date(text: &str) -> Result<NaiveDate> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return in_range(text, t.date_naive());
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) => in_range(text, d),
        Err(_) => {
            // Only what this flag takes is suggested: `22/12/0001`
            // means a year convenor does not work in.
            let takes = |meant: &str| {
                DateTime::parse_from_rfc3339(meant)
                    .map(|t| t.date_naive())
                    .or_else(|_| NaiveDate::parse_from_str(meant, "%Y-%m-%d"))
                    .is_ok_and(|d| in_range(meant, d).is_ok())
            };
            let hint = convenor::suggest::DateMeant::of(text)
                .filter(|meant| meant.readings().into_iter().all(takes))
                .map(|meant| format!("; {meant}"))
                .unwrap_or_default();
            Err(anyhow::Error::new(BadInput(format!(
                "invalid date or instant \"{text}\", expected YYYY-MM-DD or \
                 an RFC 3339 time such as 2022-11-12T07:00:00-08:00{hint}"
            ))))
        }
    }
}
