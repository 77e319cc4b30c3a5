//! Fixed benchmark workloads, shared by `benches/` and the tests so that
//! what is measured is also what is checked. Not published: it is no
//! part of convenor's API.
//!
//! W1 (issue 7): `n` weekly meetings at 17:00 local, meeting `i` in zone
//! `i mod 20` of [`W1_ZONES`] on weekday `(i / 20) mod 7` (0 = Monday),
//! 60 minutes long, starting on the first such weekday on or after
//! 2025-01-01 (or on or after [`W1Options::starts`]); window
//! `[2025-01-01T00:00Z, 2026-01-01T00:00Z)`.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday,
};
use convenor_core::{
    Interval, LocalTime, Meeting, MeetingDuration, MeetingId, MeetingSpec,
    Rule, Schedule, ScheduleSpec, WeeklySpec, Window, Zone,
};

/// The RFC 5545 code of a weekday, as RRULE text writes it: `SA`.
pub fn weekday_code(day: Weekday) -> String {
    convenor_core::weekday_name(day)[..2].to_ascii_uppercase()
}

/// The twenty zones of W1, in order.
pub const W1_ZONES: [&str; 20] = [
    "America/Los_Angeles",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "America/Santiago",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Moscow",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Asia/Shanghai",
    "Asia/Tehran",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
];

/// Sessions of W1 with 10,000 meetings in [`w1_window`] (the issue's
/// figure, checked by the tests).
pub const W1_SESSIONS: usize = 521_296;

/// How a W1 schedule is built.
#[derive(Clone, Copy, Debug)]
pub struct W1Options {
    /// How many meetings.
    pub meetings: usize,
    /// Sessions start on the first matching weekday on or after this.
    pub starts: NaiveDate,
    /// Every how many weeks (1 for W1).
    pub every: u32,
}

impl W1Options {
    /// W1 itself with `meetings` meetings.
    pub fn new(meetings: usize) -> W1Options {
        W1Options { meetings, starts: date(2025, 1, 1), every: 1 }
    }

    /// The same with `starts` moved `years` years earlier.
    pub fn years_earlier(mut self, years: i32) -> W1Options {
        self.starts = date(2025 - years, 1, 1);
        self
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid constant date")
}

/// Meeting `i`'s zone and weekday.
pub fn w1_zone_day(i: usize) -> (Zone, Weekday) {
    let day = Weekday::try_from(((i / 20) % 7) as u8).expect("0..7");
    let zone =
        W1_ZONES[i % 20].parse().expect("a zone of the bundled database");
    (zone, day)
}

/// Meeting `i`'s id.
pub fn w1_id(i: usize) -> String {
    format!("w1-{i:06}")
}

/// The first date on or after `from` that is a `day`.
pub fn first_weekday(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday()
        - from.weekday().num_days_from_monday())
        % 7;
    from + Duration::days(i64::from(ahead))
}

/// The W1 schedule.
pub fn w1(opts: W1Options) -> Schedule {
    let meetings = (0..opts.meetings)
        .map(|i| {
            let (tz, day) = w1_zone_day(i);
            let rule = Rule::weekly(day, LocalTime::constant(17, 0))
                .with_interval(Interval::new(opts.every).expect("1..=52"));
            meeting(i, tz, rule, first_weekday(opts.starts, day))
        })
        .collect();
    Schedule::new("W1", None, meetings).expect("unique ids")
}

/// `n` monthly meetings shaped like W1: meeting `i` at 17:00 in zone
/// `i mod 20` on the second weekday `(i / 20) mod 7` of every month
/// (`FREQ=MONTHLY;BYDAY=2MO` ...), from 2025-01-01.
pub fn monthly(n: usize) -> Schedule {
    monthly_from(n, date(2025, 1, 1))
}

/// [`monthly`] with the meetings starting on `starts`.
pub fn monthly_from(n: usize, starts: NaiveDate) -> Schedule {
    let meetings = (0..n)
        .map(|i| {
            let (tz, day) = w1_zone_day(i);
            let text = format!("FREQ=MONTHLY;BYDAY=2{}", weekday_code(day));
            let rule = Rule::rrule(&text, LocalTime::constant(17, 0))
                .expect("a valid rule");
            meeting(i, tz, rule, starts)
        })
        .collect();
    Schedule::new("monthly", None, meetings).expect("unique ids")
}

/// W1 as a schedule file (the `*Spec` shape), for parse benchmarks.
pub fn w1_spec(opts: W1Options) -> ScheduleSpec {
    let meetings = (0..opts.meetings)
        .map(|i| {
            let (tz, day) = w1_zone_day(i);
            MeetingSpec {
                id: w1_id(i),
                name: format!("Meeting {i}"),
                timezone: Some(tz.name().to_string()),
                weekly: Some(WeeklySpec {
                    day: convenor_core::weekday_name(day).to_string(),
                    time: Some("17:00".into()),
                    every: (opts.every > 1).then_some(opts.every),
                }),
                duration: "60m".into(),
                starts: first_weekday(opts.starts, day).to_string(),
                tags: vec!["online".into()],
                ..MeetingSpec::default()
            }
        })
        .collect();
    ScheduleSpec {
        name: "W1".into(),
        url: Some("https://example.org/w1".into()),
        timezone: None,
        meetings,
        ..ScheduleSpec::default()
    }
}

/// W1 as TOML schedule-file text.
pub fn w1_toml(opts: W1Options) -> String {
    let spec = w1_spec(opts);
    let mut out = format!(
        "name = \"{}\"\nurl = \"{}\"\n",
        spec.name,
        spec.url.unwrap_or_default()
    );
    for m in &spec.meetings {
        let w = m.weekly.as_ref().expect("weekly");
        out.push_str(&format!(
            "\n[[meetings]]\nid = \"{}\"\nname = \"{}\"\ntimezone = \"{}\"\nweekly = {{ day = \"{}\", time = \"17:00\" }}\nduration = \"60m\"\nstarts = \"{}\"\ntags = [\"online\"]\n",
            m.id,
            m.name,
            m.timezone.as_deref().unwrap_or_default(),
            w.day,
            m.starts,
        ));
    }
    out
}

/// The W1 window: calendar year 2025 in UTC.
pub fn w1_window() -> Window {
    Window::new(utc(2025, 1, 1), utc(2026, 1, 1)).expect("from < to")
}

/// Midnight UTC on a date.
pub fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).single().expect("a valid date")
}

/// The straightforward stepper the fast path is checked against: every
/// session start of weekly meeting `i` of W1 in `window`, by stepping
/// the local date by `7 * every` days and resolving each local time with
/// [`convenor_core::resolve_local`] (convenor's gap/fold policy).
pub fn w1_stepper(
    tz: Zone,
    first: NaiveDate,
    every: u32,
    window: Window,
) -> Vec<DateTime<Utc>> {
    let mut out = Vec::new();
    let mut d = first;
    let time = chrono::NaiveTime::from_hms_opt(17, 0, 0).expect("17:00");
    loop {
        let start = convenor_core::resolve_local(tz, d.and_time(time))
            .0
            .with_timezone(&Utc);
        if start >= window.to() {
            break;
        }
        if start >= window.from() {
            out.push(start);
        }
        d += Duration::days(7 * i64::from(every));
    }
    out
}

/// Workload meeting `i`: 60 minutes, named and identified by its index.
fn meeting(i: usize, tz: Zone, rule: Rule, starts: NaiveDate) -> Meeting {
    Meeting::new(
        MeetingId::new(&w1_id(i)).expect("a slug"),
        format!("Meeting {i}"),
        tz,
        rule,
        MeetingDuration::new(60).expect("60 minutes"),
        starts,
    )
}
