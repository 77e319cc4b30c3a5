//! Golden `.ics` files: the seed schedule and every `testdata/cases`
//! schedule, with a fixed DTSTAMP. `UPDATE_GOLDEN=1 cargo test -p
//! convenor-ical` rewrites them; review the diff in the commit.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use convenor_core::Schedule;
use convenor_ical::IcalOptions;

pub fn opts() -> IcalOptions {
    IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 10, 12, 0, 0).unwrap())
}

/// Every schedule with a golden file: the seed and the testdata cases.
pub fn schedules() -> Vec<(String, Schedule)> {
    let mut all = vec![(
        "seed".to_string(),
        Schedule::from_toml_str(convenor_core::SEED_TOML)
            .expect("the seed is valid"),
    )];
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/cases exists")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("readable");
        let table: toml::Table = toml::from_str(&text).expect("a TOML case");
        let schedule =
            toml::to_string(&table["schedule"]).expect("re-serialised");
        let schedule =
            Schedule::from_toml_str(&schedule).expect("a valid case schedule");
        let name =
            path.file_stem().expect("a name").to_string_lossy().to_string();
        all.push((name, schedule));
    }
    all
}

#[test]
fn golden_files_are_byte_exact() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    for (name, schedule) in schedules() {
        let ics = convenor_ical::to_string(&schedule, &opts());
        assert_eq!(
            ics,
            convenor_ical::to_string(&schedule, &opts()),
            "{name}: not deterministic"
        );
        let path = dir.join(format!("{name}.ics"));
        if update {
            std::fs::write(&path, &ics).expect("written");
            continue;
        }
        let golden = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!("{} missing: run with UPDATE_GOLDEN=1", path.display())
        });
        assert!(ics == golden, "{name}.ics differs from its golden file; run with UPDATE_GOLDEN=1 and review the diff");
    }
}

#[test]
fn the_seed_feed_says_what_the_post_says() {
    let seed = &schedules()[0].1;
    let ics = convenor_ical::to_string(seed, &opts());
    // The Saturday meeting: one series, at 7:00 from its first session,
    // its SEQUENCE bumped by the announced reschedule.
    let saturday = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:co-occurring-saturday@"))
        .unwrap();
    assert!(saturday
        .contains("DTSTART;TZID=America/Los_Angeles:20221112T070000\r\n"));
    assert!(saturday.contains("SEQUENCE:1\r\n"));
    assert!(saturday.contains("LAST-MODIFIED:20221110T000000Z\r\n"));
    // The Monday meeting starts on 14 November.
    assert!(
        ics.contains("DTSTART;TZID=America/Los_Angeles:20221114T180000\r\n")
    );
    // As published on 5 November: 9:30, SEQUENCE 0.
    let before = seed
        .as_of(chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap())
        .unwrap();
    let old = convenor_ical::to_string(&before, &opts());
    assert!(
        old.contains("DTSTART;TZID=America/Los_Angeles:20221112T093000\r\n")
    );
    assert!(!old.contains("SEQUENCE:1\r\n"));
}
