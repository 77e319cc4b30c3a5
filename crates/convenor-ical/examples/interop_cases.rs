//! Writes the interop test cases: for each schedule, `NAME.ics` (our
//! export) and `NAME.expected.json` (what `convenor-core` says a client
//! must list). `interop/run` expands the `.ics` files with real clients
//! and compares.
//!
//! The cases: the seed schedule, every `testdata/cases/*.toml` schedule,
//! and 200 generated schedules (random zones, weekdays and times, and
//! every change kind), each over a two-year window. In every second
//! generated schedule the first meeting meets on the weekday and at the
//! local time of a clock change of its zone, in a spring-forward gap or a
//! fall-back fold, including zones whose clocks change at midnight
//! (Santiago, Havana, Beirut, Asuncion, Cairo).
//!
//! And the odd-zone set (`odd_zones.rs`, issue 31): every zone with a
//! clock change in 2011–2030 at an odd time or of an odd kind, met by
//! weekly meetings at, across and after each odd kind of change.
//!
//! Each feed must also import back (`convenor_ical::import`) to a
//! schedule with the same sessions in the window, without warnings.
//!
//! Prints one line of figures: cases, sessions, overrides (RECURRENCE-ID
//! VEVENTs), sessions written on their own that cut their series (see
//! `parts` in `src/plan.rs`), and how many generated schedules have a
//! session in a DST gap and in a fold. `CONVENOR_INTEROP_SEED` and
//! `CONVENOR_INTEROP_SCHEDULES` generate other schedules, or more.
//!
//! Run: `cargo run -p convenor-ical --example interop_cases -- OUTDIR`.

use std::path::{Path, PathBuf};

#[path = "interop_cases/odd_zones.rs"]
mod odd_zones;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc, Weekday};
use convenor_core::{
    Change, ChangeKind, Fit, Interval, LocalTime, Meeting, MeetingDuration,
    MeetingId, Reschedule, Rule, Schedule, Window, Zone,
};
use convenor_ical::import::ImportOptions;
use convenor_ical::{expected_sessions, IcalOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args().nth(1).ok_or("usage: interop_cases OUTDIR")?,
    );
    std::fs::create_dir_all(&out)?;
    let stamp = Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap();
    let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    let mut figures = Figures::default();
    figures.add(write_case(
        &out,
        "seed",
        &seed,
        window(2022, 11, 1, 2025, 1, 1),
        stamp,
    )?);

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
        figures.add(write_case(
            &out,
            &name,
            &schedule,
            Window::new(from, from + Duration::days(730))?,
            case_stamp,
        )?);
    }

    // CONVENOR_INTEROP_SEED and CONVENOR_INTEROP_SCHEDULES try other
    // schedules than CI's (the seed replays a failure).
    let seed = match std::env::var("CONVENOR_INTEROP_SEED") {
        Ok(s) => s.parse()?,
        Err(_) => 0x5eed_2022_1112,
    };
    let count = match std::env::var("CONVENOR_INTEROP_SCHEDULES") {
        Ok(n) => n.parse()?,
        Err(_) => 200,
    };
    let mut rng = SplitMix(seed);
    let mut generated_figures = Figures::default();
    for n in 0..count {
        let schedule = generated(&mut rng, n);
        let from = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        generated_figures.add(write_case(
            &out,
            &format!("generated-{n:03}"),
            &schedule,
            Window::new(from, from + Duration::days(730))?,
            from,
        )?);
    }
    let (gap, fold) = (generated_figures.gap, generated_figures.fold);
    figures.add(generated_figures);

    let mut odd_figures = Figures::default();
    for case in odd_zones::cases() {
        let stamp = case.window.from();
        odd_figures.add(write_case(
            &out,
            &case.name,
            &case.schedule,
            case.window,
            stamp,
        )?);
    }
    let odd = odd_figures.cases;
    let (odd_gap, odd_fold) = (odd_figures.gap, odd_figures.fold);
    figures.add(odd_figures);
    let Figures { cases, sessions, overrides, cuts, .. } = figures;
    println!(
        "cases: {cases}, sessions: {sessions}, overrides: {overrides}, \
         sessions on their own that cut a series: {cuts}; generated \
         schedules with a session in a DST gap: {gap}, in a fold: {fold} \
         (of {count}); odd clock changes of 2011-2030 (a case each): {odd} \
         (with a session in a gap: {odd_gap}, in a fold: {odd_fold})"
    );
    Ok(())
}

/// What the cases hold, for the summary line.
#[derive(Default)]
struct Figures {
    cases: usize,
    sessions: usize,
    overrides: usize,
    /// Sessions on their own that cut a series (`plan::parts`).
    cuts: usize,
    /// Cases with a session that starts in a gap.
    gap: usize,
    /// Cases with a session that starts in a fold.
    fold: usize,
}

impl Figures {
    fn add(&mut self, case: Figures) {
        self.cases += case.cases;
        self.sessions += case.sessions;
        self.overrides += case.overrides;
        self.cuts += case.cuts;
        self.gap += case.gap;
        self.fold += case.fold;
    }
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
) -> Result<Figures, Box<dyn std::error::Error>> {
    let opts = IcalOptions::new(stamp).with_domain("interop.convenor.test");
    let ics = convenor_ical::to_string(schedule, &opts);
    std::fs::write(out.join(format!("{name}.ics")), &ics)?;
    imports_back(name, schedule, &ics, window)?;
    // A session on its own has a UID ending in its start, `…-YYYYMMDDTHHMM@`
    // (an extra's is `…-extra-YYYYMMDDTHHMM@`).
    let on_its_own = |line: &str| {
        let Some(uid) = line.strip_prefix("UID:") else { return false };
        let Some((head, _)) = uid.split_once('@') else { return false };
        let stamp = head.rsplit('-').next().unwrap_or("");
        stamp.len() == 13
            && stamp.as_bytes()[8] == b'T'
            && !head.ends_with(&format!("-extra-{stamp}"))
    };
    let has = |fit| schedule.occurrences(window).any(|o| o.fit() == fit);
    let figures = Figures {
        cases: 1,
        sessions: 0,
        overrides: ics.matches("\r\nRECURRENCE-ID").count(),
        cuts: ics.split("\r\n").filter(|l| on_its_own(l)).count(),
        gap: usize::from(has(Fit::Gap)),
        fold: usize::from(has(Fit::Fold)),
    };
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
    Ok(Figures {
        sessions: expected["occurrences"].as_array().map_or(0, Vec::len),
        ..figures
    })
}

/// `convenor import ics` of the feed gives a schedule with the same
/// sessions in the window (and, checked in tests/import.rs, over the
/// whole life of the testdata cases).
fn imports_back(
    name: &str,
    schedule: &Schedule,
    ics: &str,
    window: Window,
) -> Result<(), Box<dyn std::error::Error>> {
    let imported =
        convenor_ical::import::from_str(ics, &ImportOptions::new(name))?;
    let happening = |s: &Schedule| {
        let mut all: Vec<_> = s
            .occurrences(window)
            .filter(|o| !o.is_cancelled())
            .map(|o| (o.start().to_utc(), o.end().to_utc()))
            .collect();
        all.sort();
        all
    };
    let (want, got) = (happening(schedule), happening(&imported.schedule));
    if want != got || !imported.warnings.is_empty() {
        let only: Vec<_> =
            want.iter().filter(|s| !got.contains(s)).take(3).collect();
        let extra: Vec<_> =
            got.iter().filter(|s| !want.contains(s)).take(3).collect();
        return Err(format!(
            "{name}: the feed imports back with other sessions: {} vs {}; \
             missing {only:?}, extra {extra:?}; warnings {:?}",
            want.len(),
            got.len(),
            imported.warnings
        )
        .into());
    }
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
    "America/Asuncion",
    "America/St_Johns",
    "Asia/Beirut",
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

/// A zone, a weekday and a local time at which the zone's clocks change
/// in 2023 and 2024 (tz data 2026f): in the spring-forward gap, in the
/// fall-back fold, or both. Santiago, Havana, Beirut, Asuncion and Cairo
/// change at local midnight.
const DST_EDGES: &[(&str, Weekday, u32, u32)] = &[
    ("America/Santiago", Weekday::Sun, 0, 30), // gap, September
    ("America/Santiago", Weekday::Sat, 23, 30), // fold, April
    ("America/Havana", Weekday::Sun, 0, 30),   // gap, March; fold, November
    ("Asia/Beirut", Weekday::Sun, 0, 0),       // gap, March
    ("Asia/Beirut", Weekday::Sat, 23, 30),     // fold, October
    ("America/Asuncion", Weekday::Sun, 0, 30), // gap, October
    ("America/Asuncion", Weekday::Sat, 23, 0), // fold, March
    ("Africa/Cairo", Weekday::Fri, 0, 30),     // gap, April
    ("Africa/Cairo", Weekday::Thu, 23, 30),    // fold, October
    ("America/Los_Angeles", Weekday::Sun, 2, 30), // gap
    ("America/Los_Angeles", Weekday::Sun, 1, 30), // fold
    ("America/St_Johns", Weekday::Sun, 2, 0),  // gap
    ("America/St_Johns", Weekday::Sun, 1, 15), // fold
    ("Europe/Berlin", Weekday::Sun, 2, 30),    // gap, March; fold, October
    ("Europe/London", Weekday::Sun, 1, 0),     // gap, March; fold, October
    ("Australia/Sydney", Weekday::Sun, 2, 30), // gap, October; fold, April
    ("Australia/Lord_Howe", Weekday::Sun, 2, 15), // gap (30 minutes)
    ("Australia/Lord_Howe", Weekday::Sun, 1, 45), // fold (30 minutes)
    ("Pacific/Auckland", Weekday::Sun, 2, 30), // gap, September; fold, April
    ("Pacific/Chatham", Weekday::Sun, 3, 0),   // gap and fold at 02:45/03:45
];

fn generated(rng: &mut SplitMix, n: usize) -> Schedule {
    let meetings = (0..1 + rng.below(3))
        .map(|i| {
            let edge =
                (n.is_multiple_of(2) && i == 0).then(|| *rng.pick(DST_EDGES));
            meeting(rng, &format!("g{n}-m{i}"), edge)
        })
        .collect();
    Schedule::new(format!("generated {n}"), None, meetings)
        .expect("ids are unique")
}

/// A random meeting; with `edge`, one that meets at that zone's clock
/// change (weekly or every two weeks).
fn meeting(
    rng: &mut SplitMix,
    id: &str,
    edge: Option<(&str, Weekday, u32, u32)>,
) -> Meeting {
    let mut tz: Zone = (*rng.pick(ZONES)).parse().expect("a known zone");
    let (mut h, mut m) = *rng.pick(TIMES);
    let mut day = Weekday::try_from(rng.below(7) as u8).expect("0..7");
    let mut pattern = rng.below(6);
    if let Some((zone, d, eh, em)) = edge {
        tz = zone.parse().expect("a known zone");
        (day, h, m) = (d, eh, em);
        pattern = pattern.max(1);
    }
    let time = LocalTime::new(h, m).expect("a valid time");
    let rule = match pattern {
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
