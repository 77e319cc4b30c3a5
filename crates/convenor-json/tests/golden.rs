//! Golden files under `tests/golden/`, compared byte for byte. Run with
//! `UPDATE_GOLDEN=1` to rewrite them, then review the diff.

use chrono::{NaiveDate, TimeZone, Utc};
use convenor_core::Window;
use convenor_json::{FeedOptions, OccurrenceOptions};

use crate::seed;

/// Compares `actual` with the file `name`, or rewrites it with
/// `UPDATE_GOLDEN=1`.
pub fn check(path: &str, actual: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).expect("golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}; run with UPDATE_GOLDEN=1"));
    assert!(
        expected == actual,
        "{path} differs from the output; run with UPDATE_GOLDEN=1 and review \
         the diff\n--- actual\n{actual}"
    );
}

fn golden(name: &str) -> String {
    format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seed_schedule() {
    check(
        &golden("seed.schedule.json"),
        &convenor_json::to_string_pretty(&seed()),
    );
}

#[test]
fn seed_occurrences_november_2022_from_london(
) -> Result<(), Box<dyn std::error::Error>> {
    let s = seed();
    let november = Window::new(
        Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2022, 12, 1, 0, 0, 0).unwrap(),
    )?;
    let opts = OccurrenceOptions::new()
        .with_viewer("Europe/London".parse::<convenor_core::Zone>().unwrap())
        .with_pretty(true);
    let json = convenor_json::occurrences_to_string(
        s.occurrences(november).with_cancelled(),
        &opts,
    );
    check(&golden("seed.occurrences-2022-11.london.json"), &json);
    Ok(())
}

#[test]
fn seed_meeting_guide_as_of_2022_11_05(
) -> Result<(), Box<dyn std::error::Error>> {
    let day = NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    let feed = convenor_json::to_meeting_guide(
        &seed(),
        &FeedOptions::new(day).with_pretty(true),
    )?;
    check(&golden("seed.meeting-guide.2022-11-05.json"), &feed.json);
    Ok(())
}

#[test]
fn seed_meeting_guide_as_of_2022_11_20(
) -> Result<(), Box<dyn std::error::Error>> {
    let day = NaiveDate::from_ymd_opt(2022, 11, 20).unwrap();
    let feed = convenor_json::to_meeting_guide(
        &seed(),
        &FeedOptions::new(day).with_pretty(true),
    )?;
    check(&golden("seed.meeting-guide.2022-11-20.json"), &feed.json);
    Ok(())
}

#[test]
fn checked_in_schema_is_current() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../schema/schedule.schema.json"
    );
    check(path, &convenor_json::schedule_schema_string());
}
