//! Every exported Meeting Guide feed, read by meeting finders' rules
//! ([`Listing`]): every record is kept and listed as the kind its
//! schedule means, and a feed imported and exported again is the same
//! feed, byte for byte.

use chrono::NaiveDate;
use convenor_core::{Schedule, ScheduleSpec};
use convenor_json::{
    from_meeting_guide_str, to_meeting_guide, FeedOptions, FeedWarning,
    ImportOptions, Listing,
};
use serde_json::{Map, Value};

use crate::seed;

/// What a schedule means its meetings to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A usable conference link or phone, an approximate area.
    Online,
    /// A street address, no conference.
    InPerson,
    /// The seed: online, but the post gives no link, so finders show it
    /// by its area as inactive (and `check` says so).
    AreaOnly,
}

fn schedule(toml: &str) -> Schedule {
    Schedule::from_toml_str(toml).expect("a valid test schedule")
}

/// The testdata cases, each with the day its feed is taken on.
fn cases() -> Vec<(String, Schedule)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/cases");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("testdata/cases") {
        let path = entry.expect("an entry").path();
        let case: toml::Table =
            toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let spec: ScheduleSpec = case["schedule"].clone().try_into().unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        out.push((name, Schedule::try_from(spec).unwrap()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

const ONLINE: &str = r#"
name = "Online intergroup"
url = "https://example.org/"
timezone = "America/Chicago"
area = "Chicago, IL, USA"

[[meetings]]
id = "zoom-monday"
name = "Night Recovery"
weekly = { day = "monday", time = "19:00" }
duration = "60m"
starts = "2024-01-01"
tags = ["open", "online"]
online = { url = "https://us02web.zoom.us/j/123456789", notes = "Passcode: 1234" }
url = "https://example.org/meetings/zoom-monday"

[[meetings]]
id = "meet-thursday"
name = "Step Study"
weekly = { day = "thursday", time = "12:00" }
duration = "90m"
starts = "2024-01-01"
tags = ["closed", "step-study"]
online = { url = "https://meet.google.com/abc-defg-hij" }
area = "Evanston, IL, USA"

[[meetings]]
id = "phone-saturday"
name = "Early Dial-in"
weekly = { day = "saturday", time = "08:00" }
duration = "60m"
starts = "2024-01-01"
online = { phone = "+1 312 555 0100,,123456#" }
"#;

const IN_PERSON: &str = r#"
name = "Springfield district"
timezone = "America/Chicago"

[[meetings]]
id = "church-basement"
name = "Keep It Simple"
weekly = { day = "tuesday", time = "19:30" }
duration = "60m"
starts = "2024-01-01"
tags = ["open", "big-book"]
address = "1 Main St, Springfield, IL 62701, USA"

[[meetings]]
id = "library"
name = "Noon Meeting"
weekly = { day = "friday", time = "12:00" }
duration = "60m"
starts = "2024-01-01"
tags = ["closed"]
address = "200 Elm Street, Springfield, IL, 62704, USA"
"#;

/// Every feed under test: the seed on two dates, the testdata cases,
/// and the two schedules above, with the kind each meeting is meant to
/// be.
fn feeds() -> Vec<(String, Schedule, NaiveDate, Kind)> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let mut out = vec![
        ("seed 2022-11-05".into(), seed(), d(2022, 11, 5), Kind::AreaOnly),
        ("seed 2022-11-20".into(), seed(), d(2022, 11, 20), Kind::AreaOnly),
        ("online".into(), schedule(ONLINE), d(2024, 2, 1), Kind::Online),
        (
            "in person".into(),
            schedule(IN_PERSON),
            d(2024, 2, 1),
            Kind::InPerson,
        ),
    ];
    for (name, s) in cases() {
        out.push((name, s, d(2022, 11, 1), Kind::AreaOnly));
    }
    out
}

fn records(json: &str) -> Vec<Map<String, Value>> {
    serde_json::from_str(json).expect("the feed is a JSON array of objects")
}

#[test]
fn every_record_is_kept_and_listed_as_meant() {
    for (name, schedule, day, kind) in feeds() {
        let feed =
            to_meeting_guide(&schedule, &FeedOptions::new(day)).unwrap();
        let records = records(&feed.json);
        let crosses = |slug: &str| {
            feed.warnings.iter().any(|w| {
                matches!(w, FeedWarning::CrossesMidnight { meeting, .. } if meeting == slug)
            })
        };
        for (record, listing) in records.iter().zip(Listing::of_feed(&records))
        {
            let slug = record["slug"].as_str().unwrap();
            let Listing::Listed { online, in_person, ends_before_start } =
                listing
            else {
                panic!("{name}: {slug} is dropped: {listing:?}");
            };
            let expected = match kind {
                Kind::Online => (true, false),
                Kind::InPerson => (false, true),
                Kind::AreaOnly => (false, false),
            };
            assert_eq!((online, in_person), expected, "{name}: {slug}");
            // A session past midnight: its record has no `end_time`, so
            // no finder reads it ending before it starts; the export
            // says so (issue 27).
            assert!(!ends_before_start, "{name}: {slug}");
            if crosses(slug) {
                assert_eq!(record.get("end_time"), None, "{name}: {slug}");
            }
        }
        assert!(
            !records.is_empty() || name == "monthly",
            "{name}: empty feed"
        );
    }
}

#[test]
fn the_test_schedules_export_without_warnings() {
    for toml in [ONLINE, IN_PERSON] {
        let day = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
        let feed =
            to_meeting_guide(&schedule(toml), &FeedOptions::new(day)).unwrap();
        assert_eq!(feed.warnings, [], "{toml}");
    }
}

#[test]
fn export_import_export_is_byte_identical() {
    for (name, schedule, day, _) in feeds() {
        for options in [
            FeedOptions::new(day).with_pretty(true),
            FeedOptions::new(day)
                .with_updated(day.and_hms_opt(9, 30, 0).unwrap()),
        ] {
            let first = to_meeting_guide(&schedule, &options).unwrap();
            // Meetings run from a week before the feed's date, so the
            // import adds no "Starts ..." line of its own.
            let import = ImportOptions::new(
                schedule.name(),
                day - chrono::Duration::days(7),
            );
            let imported =
                from_meeting_guide_str(&first.json, &import).unwrap();
            let skipped: Vec<_> = imported
                .warnings
                .iter()
                .filter(|w| !matches!(w, FeedWarning::NotKept { .. }))
                .collect();
            assert_eq!(skipped, [] as [&FeedWarning; 0], "{name}");
            let again =
                to_meeting_guide(&imported.schedule, &options).unwrap();
            assert_eq!(again.json, first.json, "{name}");
        }
    }
}
