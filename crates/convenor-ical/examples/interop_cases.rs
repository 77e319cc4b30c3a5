//! Writes the interop test cases: for each schedule, `NAME.ics` (our
//! export) and `NAME.expected.json` (what `convenor-core` says a client
//! must list). `interop/run` expands the `.ics` files with real clients
//! and compares.
//!
//! The cases: the seed schedule, every `testdata/cases/*.toml` schedule,
//! and 100 generated schedules (random zones, weekdays and times,
//! including times in DST gaps and folds, and every change kind), each
//! over a two-year window.
//!
//! Run: `cargo run -p convenor-ical --example interop_cases -- OUTDIR`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc, Weekday};
use convenor_core::{
    Change, ChangeKind, Interval, LocalTime, Meeting, MeetingDuration,
    MeetingId, Reschedule, Rule, Schedule, Window, Zone,
};
use convenor_ical::{expected_sessions, IcalOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args().nth(1).ok_or("usage: interop_cases OUTDIR")?,
    );
    std::fs::create_dir_all(&out)?;
    let stamp = Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap();
    let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    write_case(&out, "seed", &seed, window(2022, 11, 1, 2025, 1, 1), stamp)?;

    let cases =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&cases)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        let table: toml::Table =
            toml::from_str(&std::fs::read_to_string(&path)?)?;
        let schedule =
            Schedule::from_toml_str(&toml::to_string(&table["schedule"])?)?;
        let from: DateTime<Utc> =
            table["window"][0].as_str().ok_or("window")?.parse()?;
        let from = from - Duration::days(30);
        let name =
            path.file_stem().ok_or("name")?.to_string_lossy().to_string();
        let case_stamp = from;
        write_case(
            &out,
            &name,
            &schedule,
            Window::new(from, from + Duration::days(730))?,
            case_stamp,
        )?;
    }

    let mut rng = SplitMix(0x5eed_2022_1112);
    for n in 0..100 {
        let schedule = generated(&mut rng, n);
        let from = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        write_case(
            &out,
            &format!("generated-{n:03}"),
            &schedule,
            Window::new(from, from + Duration::days(730))?,
            from,
        )?;
    }
    Ok(())
}

fn window(y: i32, m: u32, d: u32, y2: i32, m2: u32, d2: u32) -> Window {
    Window::new(
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(y2, m2, d2, 0, 0, 0).unwrap(),
    )
    .expect("from < to")
}

fn write_case(
    out: &Path,
    name: &str,
    schedule: &Schedule,
    window: Window,
    stamp: DateTime<Utc>,
) -> Result<(), Box<dyn std::error::Error>> {
    let opts = IcalOptions::new(stamp).with_domain("interop.convenor.test");
    std::fs::write(
        out.join(format!("{name}.ics")),
        convenor_ical::to_string(schedule, &opts),
    )?;
    let instant =
        |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let sessions: Vec<serde_json::Value> = expected_sessions(schedule, window, &opts)
        .into_iter()
        .map(|s| serde_json::json!({"uid": s.uid, "start": instant(s.start), "end": instant(s.end)}))
        .collect();
    let expected = serde_json::json!({
        "from": instant(window.from()),
        "to": instant(window.to()),
        "occurrences": sessions,
    });
    std::fs::write(
        out.join(format!("{name}.expected.json")),
        serde_json::to_string_pretty(&expected)? + "\n",
    )?;
    Ok(())
}

/// A deterministic generator (SplitMix64), so cases are the same on every
/// run and a failure can be replayed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Zones with DST in both hemispheres, at odd offsets, changing at
/// midnight, and without DST.
const ZONES: &[&str] = &[
    "America/Los_Angeles",
    "America/New_York",
    "America/Chicago",
    "America/Sao_Paulo",
    "America/Santiago",
    "America/Havana",
    "America/Mexico_City",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Moscow",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "UTC",
];

/// Times that fall in gaps or folds somewhere (00:30, 01:30, 02:30...)
/// and ordinary ones.
const TIMES: &[(u32, u32)] = &[
    (0, 0),
    (0, 30),
    (1, 0),
    (1, 30),
    (1, 45),
    (2, 0),
    (2, 15),
    (2, 30),
    (3, 30),
    (7, 0),
    (9, 30),
    (12, 0),
    (17, 0),
    (18, 30),
    (23, 0),
    (23, 30),
];

const RRULES: &[&str] = &[
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=MONTHLY;BYDAY=-1SU",
    "FREQ=MONTHLY;BYMONTHDAY=1",
];

fn generated(rng: &mut SplitMix, n: usize) -> Schedule {
    let meetings = (0..1 + rng.below(3))
        .map(|i| meeting(rng, &format!("g{n}-m{i}")))
        .collect();
    Schedule::new(format!("generated {n}"), None, meetings)
        .expect("ids are unique")
}

fn meeting(rng: &mut SplitMix, id: &str) -> Meeting {
    let tz: Zone = (*rng.pick(ZONES)).parse().expect("a known zone");
    let (h, m) = *rng.pick(TIMES);
    let time = LocalTime::new(h, m).expect("a valid time");
    let day = Weekday::try_from(rng.below(7) as u8).expect("0..7");
    let rule = match rng.below(6) {
        0 => {
            let text = RRULES[rng.below(RRULES.len() as u64) as usize];
            Rule::rrule(text, time).expect("a valid rule")
        }
        1 => {
            Rule::weekly(day, time).with_interval(Interval::new(2).expect("2"))
        }
        _ => Rule::weekly(day, time),
    };
    let duration = MeetingDuration::new(*rng.pick(&[30, 60, 90, 120, 180]))
        .expect("in range");
    let starts = NaiveDate::from_ymd_opt(2022, 10, 1).unwrap()
        + Duration::days(rng.below(400) as i64);
    let mut meeting = Meeting::new(
        MeetingId::new(id).expect("a slug"),
        format!("Meeting {id}"),
        tz,
        rule,
        duration,
        starts,
    );

    // Up to five changes of random kinds, each kept only if it applies.
    for _ in 0..rng.below(6) {
        let due = due_dates(&meeting);
        if due.is_empty() {
            break;
        }
        let date = *rng.pick(&due);
        // Moves go either way: a session moved before its series' first
        // date, or out of the window, must still be found.
        let shift = Duration::days(rng.below(5) as i64 - 2)
            + Duration::minutes(30 * rng.below(6) as i64);
        let at = date.and_time(time.to_naive()) + shift;
        let kind = match rng.below(5) {
            0 => ChangeKind::Cancel { date },
            1 => ChangeKind::Move { date, to: at, duration: None },
            2 => ChangeKind::Extra {
                at: at + Duration::days(1),
                duration: Some(MeetingDuration::new(45).expect("45")),
            },
            3 => ChangeKind::Reschedule(Reschedule {
                time: Some(
                    LocalTime::new(*rng.pick(&[1u32, 2, 8, 19, 23]), 30)
                        .expect("valid"),
                ),
                day: Some(
                    Weekday::try_from(rng.below(7) as u8).expect("0..7"),
                )
                .filter(|_| {
                    matches!(
                        meeting.rule().pattern(),
                        convenor_core::Pattern::Weekly { .. }
                    )
                }),
                ..Reschedule::effective(date)
            }),
            _ => ChangeKind::End { effective: date + Duration::days(200) },
        };
        if let Ok(m) = meeting
            .clone()
            .with_change(Change::new(kind).note("generated change"))
        {
            meeting = m;
        }
    }
    meeting
}

fn due_dates(meeting: &Meeting) -> Vec<NaiveDate> {
    let from = Utc.with_ymd_and_hms(2022, 10, 1, 0, 0, 0).unwrap();
    let w = Window::new(from, from + Duration::days(900)).expect("from < to");
    meeting
        .occurrences(w)
        .filter(|o| o.status() == convenor_core::Status::Scheduled)
        .map(|o| o.due())
        .take(120)
        .collect()
}
