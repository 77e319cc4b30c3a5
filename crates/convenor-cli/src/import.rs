//! `convenor import meeting-guide`: a feed becomes a schedule file.

use std::path::PathBuf;

use anyhow::{Context, Result};
use chrono::Utc;
use convenor::json::{from_meeting_guide_str, ImportOptions};
use convenor::ScheduleSpec;

use crate::cli::FileFormat;
use crate::{config, BadInput};

/// What to import and how.
pub struct Request {
    pub file: PathBuf,
    pub timezone: Option<String>,
    pub name: Option<String>,
    pub starts: Option<String>,
    pub format: FileFormat,
}

/// The schedule file's text; warnings (records left out, fields not
/// kept) go to standard error.
pub fn meeting_guide(request: &Request) -> Result<String> {
    let bytes = config::read(&request.file)?;
    let path = request.file.display().to_string();
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        anyhow::Error::new(BadInput(format!("{path}: not UTF-8 text: {e}")))
    })?;
    let name = match &request.name {
        Some(n) => n.clone(),
        None => request.file.file_stem().map_or_else(
            || path.clone(),
            |s| s.to_string_lossy().into_owned(),
        ),
    };
    let starts = match &request.starts {
        Some(d) => config::date(d).context("invalid --starts")?,
        None => Utc::now().date_naive(),
    };
    let mut options = ImportOptions::new(name, starts);
    if let Some(zone) = &request.timezone {
        options = options.with_timezone(config::zone(zone)?);
    }
    let imported = from_meeting_guide_str(text, &options)
        .map_err(|e| anyhow::Error::new(BadInput(format!("{path}: {e}"))))?;
    for w in &imported.warnings {
        let w = w.to_string();
        let shown = convenor::quote::escape_controls(&w);
        eprintln!(
            "convenor: warning: {}: {shown}",
            convenor::quote::escape_controls(&path)
        );
    }
    eprintln!(
        "convenor: {path}: imported {} meeting{}",
        imported.schedule.meetings().len(),
        if imported.schedule.meetings().len() == 1 { "" } else { "s" }
    );
    Ok(match request.format {
        FileFormat::Json => {
            convenor::json::to_string_pretty(&imported.schedule)
        }
        FileFormat::Toml => {
            let spec = ScheduleSpec::from(&imported.schedule);
            toml::to_string(&spec)
                .context("cannot write the schedule as TOML")?
        }
    })
}
