//! Expansion of an arbitrary valid schedule (built with `arbitrary`) over
//! an arbitrary window: it terminates, every session starts in the
//! window, sessions are ordered by (start, meeting id), and expanding the
//! two halves of a split window gives the same sessions.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use arbitrary::Arbitrary;
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use convenor::{
    ChangeSpec, MeetingSpec, Schedule, ScheduleSpec, WeeklySpec, Window,
};
use libfuzzer_sys::fuzz_target;

/// RRULEs to pick from (arbitrary text is `rrule_text`'s job).
const RRULES: [&str; 8] = [
    "FREQ=MONTHLY;BYDAY=2TU",
    "FREQ=MONTHLY;BYDAY=-1SU",
    "FREQ=DAILY;INTERVAL=3",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=5",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
];

/// Zones with gaps and folds at awkward times, and one without DST.
const ZONES: [&str; 8] = [
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "Africa/Cairo",
    "Pacific/Apia",
    "UTC",
];

#[derive(Arbitrary, Debug)]
struct Input {
    meetings: Vec<M>,
    from_days: u16,
    hours: u16,
    split: u16,
}

#[derive(Arbitrary, Debug)]
struct M {
    zone: u8,
    day: u8,
    hour: u8,
    minute: u8,
    every: u8,
    rrule: Option<u8>,
    duration: u16,
    starts_days: u16,
    ends_days: Option<u16>,
    changes: Vec<C>,
}

#[derive(Arbitrary, Debug)]
enum C {
    Cancel(u8),
    Move(u8, i16),
    Extra(u16, u8, u8),
    Reschedule(u16, u8, u8, Option<u8>),
    End(u16),
}

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn meeting(i: usize, m: &M) -> MeetingSpec {
    let days = convenor::WEEKDAY_NAMES;
    let day = usize::from(m.day) % 7;
    let time = format!("{:02}:{:02}", m.hour % 24, m.minute % 60);
    let every = u32::from(m.every % 4) + 1;
    let starts = base() + Duration::days(i64::from(m.starts_days % 2000));
    // Due dates of the weekly rule, for changes that name a session.
    let ahead = (7 + day as i64
        - i64::from(starts.weekday().num_days_from_monday()))
        % 7;
    let first = starts + Duration::days(ahead);
    let due = |k: u8| {
        first + Duration::days(7 * i64::from(every) * i64::from(k % 16))
    };
    let (weekly, rrule, top_time) = match m.rrule {
        Some(r) => (
            None,
            Some(RRULES[usize::from(r) % RRULES.len()].to_string()),
            Some(time.clone()),
        ),
        None => (
            Some(WeeklySpec {
                day: days[day].into(),
                time: Some(time.clone()),
                every: Some(every),
            }),
            None,
            None,
        ),
    };
    let changes = m
        .changes
        .iter()
        .take(6)
        .map(|c| match c {
            C::Cancel(k) => ChangeSpec {
                kind: "cancel".into(),
                date: Some(day_text(due(*k))),
                ..ChangeSpec::default()
            },
            C::Move(k, minutes) => {
                let to =
                    due(*k).and_hms_opt(m.hour as u32 % 24, 0, 0).unwrap()
                        + Duration::minutes(i64::from(*minutes));
                ChangeSpec {
                    kind: "move".into(),
                    date: Some(day_text(due(*k))),
                    to: Some(to.format("%Y-%m-%dT%H:%M").to_string()),
                    ..ChangeSpec::default()
                }
            }
            C::Extra(d, h, mi) => {
                let at = (starts + Duration::days(i64::from(d % 1000)))
                    .and_hms_opt(u32::from(*h % 24), u32::from(*mi % 60), 0)
                    .unwrap();
                ChangeSpec {
                    kind: "extra".into(),
                    at: Some(at.format("%Y-%m-%dT%H:%M").to_string()),
                    ..ChangeSpec::default()
                }
            }
            C::Reschedule(d, h, mi, new_day) => ChangeSpec {
                kind: "reschedule".into(),
                effective: Some(day_text(
                    starts + Duration::days(i64::from(d % 1000)),
                )),
                time: Some(format!("{:02}:{:02}", h % 24, mi % 60)),
                day: match (new_day, m.rrule) {
                    (Some(n), None) => Some(days[usize::from(*n) % 7].into()),
                    _ => None,
                },
                ..ChangeSpec::default()
            },
            C::End(d) => ChangeSpec {
                kind: "end".into(),
                effective: Some(day_text(
                    starts + Duration::days(1 + i64::from(d % 1000)),
                )),
                ..ChangeSpec::default()
            },
        })
        .collect();
    MeetingSpec {
        id: format!("m{i}"),
        name: format!("M{i}"),
        timezone: Some(ZONES[usize::from(m.zone) % ZONES.len()].into()),
        weekly,
        rrule,
        time: top_time,
        duration: format!("{}m", m.duration % 1440 + 1),
        starts: day_text(starts),
        ends: m
            .ends_days
            .map(|d| day_text(starts + Duration::days(i64::from(d % 1500)))),
        changes,
        ..MeetingSpec::default()
    }
}

type Key = (chrono::DateTime<Utc>, String, String);

fn keys(schedule: &Schedule, window: Window) -> Vec<Key> {
    schedule
        .occurrences(window)
        .with_cancelled()
        .map(|o| {
            assert!(
                window.contains(o.start().with_timezone(&Utc)),
                "outside {window:?}"
            );
            (
                o.start().with_timezone(&Utc),
                o.meeting().id().to_string(),
                o.status().as_str().to_string(),
            )
        })
        .collect()
}

fuzz_target!(|input: Input| {
    let spec = ScheduleSpec {
        name: "x".into(),
        meetings: input
            .meetings
            .iter()
            .take(4)
            .enumerate()
            .map(|(i, m)| meeting(i, m))
            .collect(),
        ..ScheduleSpec::default()
    };
    let Ok(schedule) = Schedule::try_from(spec) else { return };
    let from = Utc.from_utc_datetime(&base().and_hms_opt(0, 0, 0).unwrap())
        + Duration::hours(i64::from(input.from_days % 3000) * 24);
    // Up to about 14 months, so a run stays fast.
    let to = from + Duration::hours(1 + i64::from(input.hours) % 10_000);
    let window = Window::new(from, to).unwrap();
    let all = keys(&schedule, window);
    for w in all.windows(2) {
        assert!(
            (&w[0].0, &w[0].1) <= (&w[1].0, &w[1].1),
            "out of order: {w:?}"
        );
    }
    let mid =
        from + (to - from) * i32::from(input.split) / i32::from(u16::MAX);
    if from < mid && mid < to {
        let mut halves = keys(&schedule, Window::new(from, mid).unwrap());
        halves.extend(keys(&schedule, Window::new(mid, to).unwrap()));
        assert_eq!(halves, all, "split at {mid}");
    }
});

maybe_define_main!();
