//! Runs every `testdata/cases/*.toml`: a schedule, a window and the
//! sessions expected in it (cancelled ones included), written by hand.

use chrono::{DateTime, Utc};
use convenor_core::{Occurrence, Schedule, ScheduleSpec, Status, Window};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code)]
    description: String,
    window: [String; 2],
    expect: Vec<String>,
    schedule: ScheduleSpec,
}

/// One line per session: `id start .. end status [due D][: note]`.
pub fn describe(o: &Occurrence<'_>) -> String {
    let mut line = format!(
        "{} {} .. {} {}",
        o.meeting().id(),
        o.start().format("%FT%R%:z"),
        o.end().format("%FT%R%:z"),
        o.status().as_str()
    );
    if o.status() != Status::Scheduled {
        line += &format!(" due {}", o.due());
    }
    if let Some(note) = o.note() {
        line += &format!(": {note}");
    }
    line
}

#[test]
fn every_case_expands_as_written() -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/cases");
    let mut seen = 0;
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        let case: Case = toml::from_str(&std::fs::read_to_string(&path)?)?;
        let schedule = Schedule::try_from(case.schedule)?;
        let instant = |s: &str| {
            DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc))
        };
        let window =
            Window::new(instant(&case.window[0])?, instant(&case.window[1])?)?;
        let got: Vec<String> = schedule
            .occurrences(window)
            .with_cancelled()
            .map(|o| describe(&o))
            .collect();
        assert_eq!(got, case.expect, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 9, "only {seen} cases found in {dir}");
    Ok(())
}
