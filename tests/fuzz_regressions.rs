//! Inputs that once crashed a fuzz target (`testdata/fuzz/TARGET/`), run
//! through the same entry points as ordinary tests: each must give a
//! result, not a panic. `fuzz/replay` runs them through the targets'
//! full checks too.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/fuzz")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut all: Vec<(String, Vec<u8>)> = entries
        .map(|e| {
            let path = e.expect("a directory entry").path();
            let bytes = std::fs::read(&path).expect("readable");
            (path.display().to_string(), bytes)
        })
        .collect();
    all.sort();
    all
}

/// rrule 0.14 panicked on a BYDAY value with a multi-byte character
/// (`FREQ=WEEKLY;BYDAY=éO`); convenor now refuses non-ASCII RRULE text.
#[test]
fn rrule_text_regressions_are_errors() {
    let all = inputs("rrule_text");
    assert!(!all.is_empty());
    for (name, bytes) in all {
        let text = String::from_utf8_lossy(&bytes);
        let err = convenor::RRulePattern::new(&text).expect_err(&name);
        assert!(
            err.to_string().contains("RRULE text is ASCII"),
            "{name}: {err}"
        );
    }
}

/// The committed corpus of a fuzz target (`fuzz/corpus/TARGET/`) and its
/// regressions: never empty, so the test below cannot pass on nothing.
fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.expect("a directory entry").path();
            (
                path.display().to_string(),
                std::fs::read(&path).expect("readable"),
            )
        })
        .collect();
    all.extend(inputs(target));
    assert!(!all.is_empty(), "no inputs for {target}");
    all
}

/// Every loader's corpus and regressions, through the loaders: no panic.
#[test]
fn loader_regressions_do_not_panic() {
    for target in ["schedule_toml", "schedule_json"] {
        for (_, bytes) in corpus(target) {
            let _ = convenor::load_bytes(&bytes);
        }
    }
    for (_, bytes) in corpus("meeting_guide") {
        let opts = convenor::json::ImportOptions::new(
            "x",
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date"),
        );
        let _ = convenor::json::from_meeting_guide_str(
            &String::from_utf8_lossy(&bytes),
            &opts,
        );
    }
    for (_, bytes) in corpus("ics_roundtrip") {
        let _ =
            convenor::ical::__private::parse(&String::from_utf8_lossy(&bytes));
    }
    let opts = convenor::ical::import::ImportOptions::new("x");
    for (name, bytes) in corpus("ics_import") {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = convenor::ical::import::from_str(&text, &opts) {
            assert!(e.position().is_some(), "{name}: {e}");
        }
    }
}

/// `convenor check` panicked quoting a line under an error past column
/// 65,535 (issue 12): each input's error is quoted, in a window.
#[test]
fn error_excerpt_regressions_quote_a_window() {
    let all = inputs("error_excerpt");
    assert!(!all.is_empty());
    for (name, bytes) in all {
        let text = String::from_utf8(bytes).expect("UTF-8");
        let err = convenor::load(&text).expect_err(&name);
        let at = err.position().expect("a position");
        assert!(at.column > 65_535, "{name}: {at}");
        let shown = convenor::quote::source_excerpt(&text, at).expect(&name);
        let width = convenor::quote::EXCERPT_WIDTH + 4;
        assert!(shown.lines().all(|l| l.chars().count() <= width), "{name}");
    }
}

/// The tz-data target's corpus (real zone files, a `tzdata.zi` head) and
/// regressions (a v2 TZif with no transitions and an empty footer, whose
/// walk never ended: issue 25): every walk over 1900–2200 ends; the real
/// zones read, and Lord Howe's half-hour change of 2025 is found.
#[test]
fn tzdata_walks_end() {
    let (from, to) = (-2_208_988_800, 7_258_118_400);
    let mut read = 0;
    for (name, bytes) in corpus("tzdata") {
        if let Ok(changes) = convenor::__private::read_tzif(&bytes, from, to) {
            read += 1;
            assert!(changes.windows(2).all(|w| w[0].0 < w[1].0), "{name}");
            if name.ends_with("Australia-Lord_Howe") {
                // 2025-04-06 02:00 LHDT (+11) back to 01:30 LHST (+10:30).
                let april = changes.iter().find(|c| c.0 == 1_743_865_200);
                let seconds = april.map(|c| (c.1 .0, c.2 .0));
                assert_eq!(seconds, Some((39_600, 37_800)), "{name}");
            }
        }
    }
    assert!(read >= 9, "{read} zone files read");
}
