//! Writes the import test cases: for each calendar of `testdata/ics/`
//! (Google, Outlook and Apple shapes), `NAME.ics` (the file itself) and
//! `NAME.expected.json` (the sessions of the schedule `convenor import
//! ics` makes of it). `interop/run-import` expands the `.ics` files with
//! real clients and compares.
//!
//! The sessions carry the UID `*`: a schedule keeps no UIDs of the file,
//! so the clients' sessions are compared by start and end only; and
//! all-day events, which an import leaves out with a warning, are not
//! compared (see `compare.py`).
//!
//! Run: `cargo run -p convenor-ical --example import_cases -- OUTDIR`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use convenor_core::{Status, Window};
use convenor_ical::import::{from_str, ImportOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args().nth(1).ok_or("usage: import_cases OUTDIR")?,
    );
    std::fs::create_dir_all(&out)?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/ics");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "ics"));
    paths.sort();
    let window = Window::new(
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
    )?;
    let instant =
        |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut total = 0;
    for path in &paths {
        let name = path.file_stem().ok_or("name")?.to_string_lossy();
        let text = std::fs::read_to_string(path)?;
        let imported = from_str(&text, &ImportOptions::new(name.as_ref()))?;
        let mut sessions: Vec<(DateTime<Utc>, DateTime<Utc>)> = imported
            .schedule
            .occurrences(window)
            .filter(|o| o.status() != Status::Cancelled)
            .map(|o| (o.start().to_utc(), o.end().to_utc()))
            .collect();
        sessions.sort();
        total += sessions.len();
        let occurrences: Vec<serde_json::Value> = sessions
            .into_iter()
            .map(|(s, e)| serde_json::json!({"uid": "*", "start": instant(s), "end": instant(e)}))
            .collect();
        let expected = serde_json::json!({
            "from": instant(window.from()),
            "to": instant(window.to()),
            "occurrences": occurrences,
        });
        std::fs::write(out.join(format!("{name}.ics")), &text)?;
        std::fs::write(
            out.join(format!("{name}.expected.json")),
            serde_json::to_string_pretty(&expected)? + "\n",
        )?;
    }
    println!("cases: {}, sessions: {total}", paths.len());
    Ok(())
}
