//! The catalogue of bad input in `testdata/invalid/` (see its README):
//! every file is rejected with exactly the message in its `.expected`
//! sibling, position and suggestion included, and nothing panics. Also
//! the inputs too large to commit (50 MB), generated here.
//!
//! `UPDATE_EXPECTED=1 cargo test --test invalid` rewrites the `.expected`
//! files; review the diff.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

fn catalogue() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/invalid")
}

/// The error message for one catalogue file, by its kind (file name).
fn error_of(name: &str, bytes: &[u8]) -> Result<String, String> {
    if name.ends_with(".mg.json") {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let opts = convenor::json::ImportOptions::new(
            "x",
            NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date"),
        );
        // A bad record is left out with a warning, the rest imported.
        return match convenor::json::from_meeting_guide_str(text, &opts) {
            Ok(imported) => {
                let skipped: Vec<String> = imported
                    .warnings
                    .iter()
                    .filter(|w| {
                        matches!(
                            w,
                            convenor::json::FeedWarning::Skipped { .. }
                        )
                    })
                    .map(ToString::to_string)
                    .collect();
                if skipped.is_empty() {
                    Err(format!("{name}: the feed was accepted"))
                } else {
                    Ok(skipped.join("\n"))
                }
            }
            Err(e) => Ok(e.to_string()),
        };
    }
    // As the CLI prints it: `file:line:column: message`, one a problem.
    let shown = |e: convenor::Error| {
        e.located(name).to_string().trim_end_matches('\n').to_string()
    };
    let from_bytes = match convenor::load_bytes(bytes) {
        Ok(_) => return Err(format!("{name}: the schedule was accepted")),
        Err(e) => shown(e),
    };
    // Text entry points say the same as the bytes one.
    if let Ok(text) = std::str::from_utf8(bytes) {
        let from_text = shown(
            convenor::load(text)
                .err()
                .ok_or_else(|| format!("{name}: load accepted it"))?,
        );
        if from_text != from_bytes {
            return Err(format!("{name}: {from_text} != {from_bytes}"));
        }
        let direct = if name.ends_with(".json") {
            convenor::json::from_str(text).err().map(|e| shown(e.into()))
        } else {
            convenor::Schedule::from_toml_str(text).err().map(shown)
        };
        if direct.as_deref() != Some(from_bytes.as_str()) {
            return Err(format!("{name}: direct parser said {direct:?}"));
        }
    }
    Ok(from_bytes)
}

#[test]
fn every_bad_input_has_its_exact_message() -> Result<(), String> {
    let update = std::env::var_os("UPDATE_EXPECTED").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(catalogue())
        .map_err(|e| e.to_string())?
        .map(|e| e.map(|e| e.path()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    inputs.retain(|p| {
        let ext = p.extension().and_then(|e| e.to_str());
        matches!(ext, Some("toml" | "json"))
    });
    inputs.sort();
    assert!(inputs.len() >= 60, "only {} bad inputs", inputs.len());
    let mut failures = Vec::new();
    for path in &inputs {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let actual = match error_of(name, &bytes) {
            Ok(message) => message,
            Err(why) => {
                failures.push(why);
                continue;
            }
        };
        let stem = name.split('.').next().unwrap_or(name);
        let expected_path = catalogue().join(format!("{stem}.expected"));
        if update {
            std::fs::write(&expected_path, format!("{actual}\n"))
                .map_err(|e| e.to_string())?;
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .map_err(|e| format!("{}: {e}", expected_path.display()))?;
        if expected.trim_end_matches('\n') != actual {
            failures.push(format!(
                "{name}\n  expected: {}\n    actual: {actual}",
                expected.trim_end()
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// 50 MB of otherwise valid TOML (and JSON) is refused up front, in
/// bounded time, with the size and the limit.
#[test]
fn a_50_mb_schedule_is_refused_with_its_size() {
    let meeting = "\n[[meetings]]\nid = \"m\"\nname = \"M\"\n\
                   weekly = { day = \"saturday\", time = \"07:00\" }\n\
                   duration = \"60m\"\nstarts = \"2022-11-12\"\n";
    let mut toml = String::from("name = \"x\"\ntimezone = \"UTC\"\n");
    while toml.len() < 50 * 1024 * 1024 {
        toml.push_str(meeting);
    }
    let started = std::time::Instant::now();
    let err = convenor::load(&toml).expect_err("too large");
    let message = format!(
        "the schedule text is {} bytes, more than the limit of 33554432 \
         bytes; split the schedule into several files",
        toml.len()
    );
    assert_eq!(err.to_string(), message);
    assert_eq!(
        convenor::load_bytes(toml.as_bytes())
            .expect_err("too large")
            .to_string(),
        message
    );
    let json = format!("{{\"name\": \"{}\"}}", "x".repeat(50 * 1024 * 1024));
    assert!(matches!(
        convenor::load(&json),
        Err(convenor::Error::TooLarge { .. })
    ));
    let opts = convenor::json::ImportOptions::new(
        "x",
        NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date"),
    );
    let feed = format!("[{}]", "{},".repeat(20 * 1024 * 1024));
    assert!(convenor::json::from_meeting_guide_str(&feed, &opts)
        .expect_err("too large")
        .to_string()
        .starts_with("the schedule text is 62914562 bytes"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
