//! `convenor import meeting-guide` and `convenor import ics`: a feed or
//! a calendar becomes a schedule file.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;
use convenor::json::{from_meeting_guide_str, ImportOptions};
use convenor::{Schedule, ScheduleSpec};

use crate::cli::FileFormat;
use crate::{config, BadInput};

/// What to import and how.
pub struct Request {
    pub file: PathBuf,
    pub timezone: Option<String>,
    pub name: Option<String>,
    pub starts: Option<String>,
    pub from: Option<String>,
    pub format: FileFormat,
}

impl Request {
    /// The file's text, and its path as shown in messages.
    fn text(&self) -> Result<(String, String)> {
        let bytes = config::read(&self.file)?;
        let path = self.file.display().to_string();
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow::Error::new(BadInput(format!(
                "{path}: not UTF-8 text: {}",
                e.utf8_error()
            )))
        })?;
        Ok((text, path))
    }

    /// `--name`, else the file's name without its extension.
    fn name(&self, path: &str) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => self.file.file_stem().map_or_else(
                || path.to_string(),
                |s| s.to_string_lossy().into_owned(),
            ),
        }
    }

    fn refuse(&self, flag: &str, kind: &str) -> Result<()> {
        Err(anyhow::Error::new(BadInput(format!(
            "{flag} does not apply to `import {kind}`"
        ))))
    }
}

/// The schedule file's text; warnings (records left out, fields not
/// kept) go to standard error.
pub fn meeting_guide(request: &Request) -> Result<String> {
    if request.from.is_some() {
        request.refuse("--from", "meeting-guide")?;
    }
    let (text, path) = request.text()?;
    let starts = match &request.starts {
        Some(d) => config::date(d).context("invalid --starts")?,
        None => Utc::now().date_naive(),
    };
    let mut options = ImportOptions::new(request.name(&path), starts);
    if let Some(zone) = &request.timezone {
        options = options.with_timezone(config::zone(zone)?);
    }
    let imported = from_meeting_guide_str(&text, &options).map_err(|e| {
        config::rendered(
            e.into(),
            std::path::Path::new(&path),
            text.as_bytes(),
        )
    })?;
    let warnings: Vec<String> =
        imported.warnings.iter().map(ToString::to_string).collect();
    write(&imported.schedule, &path, &warnings, "", request.format)
}

/// The schedule file's text from an iCalendar file; warnings (events or
/// properties left out, and why) go to standard error, each with its
/// line.
pub fn ics(request: &Request) -> Result<String> {
    if request.starts.is_some() {
        request.refuse("--starts", "ics")?;
    }
    let (text, path) = request.text()?;
    let mut options =
        convenor::ical::import::ImportOptions::new(request.name(&path));
    if let Some(zone) = &request.timezone {
        options = options.with_timezone(config::zone(zone)?);
    }
    if let Some(from) = &request.from {
        options =
            options.with_from(config::date(from).context("invalid --from")?);
    }
    // Errors and warnings start with line:column: after the path, as
    // compilers write them.
    let imported =
        convenor::ical::import::from_str(&text, &options).map_err(|e| {
            config::rendered(
                e.into(),
                std::path::Path::new(&path),
                text.as_bytes(),
            )
        })?;
    let warnings: Vec<String> =
        imported.warnings.iter().map(|w| format!(":{w}")).collect();
    let dropped = match imported.ended_before_from {
        0 => String::new(),
        n => format!(" ({n} ended before --from, left out)"),
    };
    write(&imported.schedule, &path, &warnings, &dropped, request.format)
}

/// Prints the warnings (the first [`MAX_SHOWN`] and a count, as `check`
/// shows them: a feed of 900,000 bad records printed 900,000 lines) and
/// the count to standard error and returns the schedule file's text,
/// once it is known to load back.
///
/// [`MAX_SHOWN`]: convenor::site::check::MAX_SHOWN
fn write(
    schedule: &Schedule,
    path: &str,
    warnings: &[String],
    count_note: &str,
    format: FileFormat,
) -> Result<String> {
    let shown_path = convenor::quote::escape_controls(path);
    let max = convenor::site::check::MAX_SHOWN;
    for w in warnings.iter().take(max) {
        // A Meeting Guide warning follows "path: "; an ics one starts
        // with ":line:column: ".
        let sep = if w.starts_with(':') { "" } else { ": " };
        let shown = convenor::quote::escape_controls(w);
        eprintln!("convenor: warning: {shown_path}{sep}{shown}");
    }
    let more = warnings.len().saturating_sub(max);
    if more > 0 {
        eprintln!(
            "convenor: warning: {shown_path}: and {more} more (only the \
             first {max} are shown)"
        );
    }
    let text = match format {
        FileFormat::Json => convenor::json::to_string_pretty(schedule),
        FileFormat::Toml => {
            convenor::document::to_toml(&ScheduleSpec::from(schedule))
        }
    };
    // Whatever is written, convenor reads back (issue 25: 100,000
    // EXDATEs imported with exit 0 into a file `check` refused, "too
    // much in one table"). The check is a load: linear in the text.
    if let Err(e) = convenor::load(&text) {
        // The likely cause, named: a meeting with a huge exception list.
        let most = schedule
            .meetings()
            .iter()
            .max_by_key(|m| m.changes().len())
            .filter(|m| m.changes().len() > 1000)
            .map(|m| {
                format!(
                    " (meeting {} has {} changes: its calendar's \
                     exceptions, EXDATE and RECURRENCE-ID)",
                    m.id(),
                    m.changes().len()
                )
            })
            .unwrap_or_default();
        return Err(anyhow::Error::new(BadInput(format!(
            "{path}: the imported schedule cannot be written as a file \
             convenor reads back, so nothing was written{most}: {e}"
        ))));
    }
    let n = schedule.meetings().len();
    eprintln!(
        "convenor: {path}: imported {n} meeting{}{count_note}",
        if n == 1 { "" } else { "s" }
    );
    Ok(text)
}
