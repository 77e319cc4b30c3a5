//! The occurrence writers format each session by hand, as it comes; here
//! they must equal serde_json's compact and pretty forms of the same
//! records built the straightforward way (chrono's RFC 3339, a derived
//! `Serialize`), for arbitrary text, zones with odd offsets (Kathmandu's
//! +05:45, the local mean times of the 1800s with seconds), and windows.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use convenor_core::{
    ChangeSpec, MeetingSpec, Occurrence, Schedule, ScheduleSpec, Window, Zone,
};
use convenor_json::OccurrenceOptions;
use proptest::prelude::*;
use serde::Serialize;

/// One session as the crate docs list its fields.
#[derive(Serialize)]
struct Expected {
    meeting: String,
    name: String,
    status: &'static str,
    start: String,
    end: String,
    timezone: &'static str,
    due: String,
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_timezone: Option<&'static str>,
}

fn rfc3339<Z: TimeZone>(t: DateTime<Z>) -> String {
    t.fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn expected(o: &Occurrence<'_>, viewer: Option<Zone>) -> Expected {
    Expected {
        meeting: o.meeting().id().to_string(),
        name: o.meeting().name().to_string(),
        status: o.status().as_str(),
        start: rfc3339(o.start()),
        end: rfc3339(o.end()),
        timezone: o.meeting().zone().name(),
        due: o.due().format("%Y-%m-%d").to_string(),
        note: o.note().map(str::to_string),
        local_start: viewer.map(|tz| rfc3339(o.start().with_timezone(&tz))),
        local_end: viewer.map(|tz| rfc3339(o.end().with_timezone(&tz))),
        local_timezone: viewer.map(|tz| tz.name()),
    }
}

const ZONES: [&str; 6] = [
    "America/Los_Angeles",
    "Asia/Kathmandu",
    "Europe/Amsterdam",
    "Africa/Monrovia",
    "Pacific/Chatham",
    "UTC",
];

fn schedule(name: String, note: String, zone: &str, year: i32) -> Schedule {
    let starts = format!("{year}-01-01");
    let spec = ScheduleSpec {
        name: "s".into(),
        timezone: Some(zone.into()),
        meetings: vec![MeetingSpec {
            id: "m".into(),
            name,
            rrule: Some("FREQ=DAILY".into()),
            time: Some("00:30".into()),
            duration: "90m".into(),
            starts: starts.clone(),
            changes: vec![ChangeSpec {
                kind: "cancel".into(),
                date: Some(format!("{year}-01-03")),
                note: Some(note),
                ..ChangeSpec::default()
            }],
            ..MeetingSpec::default()
        }],
        ..ScheduleSpec::default()
    };
    Schedule::try_from(spec).expect("a valid schedule")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn prop_writers_equal_serde_json(
        name in "\\PC{0,12}|[a-z\"\\\\\r\n\t\u{0}\u{7f}\u{2028}]{0,12}",
        note in "\\PC{0,12}|[a-z\"\\\\\r\n\t\u{0}\u{7f}\u{2028}]{0,12}",
        zone in 0..ZONES.len(),
        viewer in proptest::option::of(0..ZONES.len()),
        year in 1850i32..2040,
        days in 0i64..6,
        pretty: bool,
    ) {
        let s = schedule(format!("{name}M"), note, ZONES[zone], year);
        let viewer = viewer.map(|v| ZONES[v].parse::<Zone>().unwrap());
        let from = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
        // `days` 0 is a window with no session at all (before 00:30).
        let to = from + chrono::Duration::hours(1 + days * 24);
        let window = Window::new(from, to).unwrap();
        let records: Vec<Expected> = s
            .occurrences(window)
            .with_cancelled()
            .map(|o| expected(&o, viewer))
            .collect();
        let mut opts = OccurrenceOptions::new().with_pretty(pretty);
        if let Some(viewer) = viewer {
            opts = opts.with_viewer(viewer);
        }
        let sessions = || s.occurrences(window).with_cancelled();
        let array = if pretty {
            serde_json::to_string_pretty(&records).unwrap() + "\n"
        } else {
            serde_json::to_string(&records).unwrap()
        };
        prop_assert_eq!(convenor_json::occurrences_to_string(sessions(), &opts), array);
        let mut lines = Vec::new();
        convenor_json::occurrences_to_json_lines(&mut lines, sessions(), &opts).unwrap();
        let expected_lines: String = records
            .iter()
            .map(|r| serde_json::to_string(r).unwrap() + "\n")
            .collect();
        prop_assert_eq!(String::from_utf8(lines).unwrap(), expected_lines);
    }
}

/// A writer that fails (a full disk, a closed pipe) stops the listing
/// with its error.
#[test]
fn writer_errors_come_back() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let s = schedule("M".into(), "n".into(), "UTC", 2024);
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let window = Window::new(from, from + chrono::Duration::days(3)).unwrap();
    let opts = OccurrenceOptions::new();
    type Writer = fn(
        Full,
        convenor_core::Occurrences<'_>,
        &OccurrenceOptions,
    ) -> std::io::Result<()>;
    let writers: [Writer; 2] = [
        |w, o, opts| convenor_json::occurrences_to_writer(w, o, opts),
        |w, o, opts| convenor_json::occurrences_to_json_lines(w, o, opts),
    ];
    for write in writers {
        let err = write(Full, s.occurrences(window), &opts).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }
}

/// The JSON Lines of several schedules are the objects of their JSON
/// array, one a line, each with its `group`; of one schedule, the
/// one-schedule writer's bytes (issue 28).
#[test]
fn json_lines_of_several_schedules_are_the_array_objects() {
    let other = Schedule::from_toml_str(
        "name = 'Evening'\n[[meetings]]\nid = 'evening'\nname = 'Evening'\n\
         timezone = 'Europe/London'\nrrule = 'FREQ=DAILY'\ntime = '19:00'\n\
         duration = '60m'\nstarts = '2024-01-01'\n",
    )
    .unwrap();
    let first = schedule("M".into(), "n".into(), "Asia/Kathmandu", 2024);
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let window = Window::new(from, from + chrono::Duration::days(4)).unwrap();
    let opts = OccurrenceOptions::new().with_viewer(Zone::utc());
    let site = convenor_core::Schedules::new([
        ("a/first.toml".into(), first.clone()),
        ("b/evening.toml".into(), other),
    ])
    .unwrap();
    type Writer = fn(
        &mut Vec<u8>,
        &convenor_core::Schedules,
        convenor_core::Occurrences<'_>,
        &OccurrenceOptions,
    ) -> std::io::Result<()>;
    let written = |write: Writer| {
        let mut out = Vec::new();
        let sessions = site.occurrences(window).with_cancelled();
        write(&mut out, &site, sessions, &opts).unwrap();
        String::from_utf8(out).unwrap()
    };
    let array = written(|w, s, o, opts| {
        convenor_json::schedules_occurrences_to_writer(w, s, o, opts)
    });
    let lines = written(|w, s, o, opts| {
        convenor_json::schedules_occurrences_to_json_lines(w, s, o, opts)
    });
    // Compact objects hold no raw newline: the lines joined by commas
    // are the array's elements.
    assert!(lines.ends_with("}\n"), "{lines}");
    let joined = lines.trim_end().replace('\n', ",");
    assert_eq!(array, format!("[{joined}]"));
    let array: Vec<serde_json::Value> = serde_json::from_str(&array).unwrap();
    let groups: std::collections::BTreeSet<&str> =
        array.iter().map(|o| o["group"].as_str().unwrap()).collect();
    assert_eq!(groups.into_iter().collect::<Vec<_>>(), ["evening", "first"]);
    // One schedule: no group, the bytes of `occurrences_to_json_lines`.
    let one =
        convenor_core::Schedules::new([("first.toml".into(), first)]).unwrap();
    let (mut of_one, mut plain) = (Vec::new(), Vec::new());
    convenor_json::schedules_occurrences_to_json_lines(
        &mut of_one,
        &one,
        one.occurrences(window),
        &opts,
    )
    .unwrap();
    convenor_json::occurrences_to_json_lines(
        &mut plain,
        one.occurrences(window),
        &opts,
    )
    .unwrap();
    assert!(!plain.is_empty());
    assert_eq!(of_one, plain);
}
