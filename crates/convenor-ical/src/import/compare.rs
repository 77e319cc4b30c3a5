//! Sessions compared: what a schedule gives in a window, against what
//! the calendar means, instant by instant.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use convenor_core::{MeetingSpec, Schedule, ScheduleSpec, Status, Window};

use super::series::Series;

/// The longest span whose sessions an import compares with the
/// calendar's: bounded work whatever dates a file holds.
pub(super) const MAX_SPAN: Duration = Duration::days(100 * 366);

/// A session of the schedule: start, end, status and due date.
pub(super) type Had = (DateTime<Utc>, DateTime<Utc>, Status, NaiveDate);

/// A session of the file: its instants and a note.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Session {
    pub(super) start: DateTime<Utc>,
    pub(super) end: DateTime<Utc>,
    pub(super) note: Option<String>,
}

/// A one-meeting schedule of `spec`.
pub(super) fn validate(
    spec: &MeetingSpec,
) -> Result<Schedule, convenor_core::Error> {
    let mut spec = spec.clone();
    if spec.id.is_empty() {
        spec.id = "import".into();
    }
    if spec.name.is_empty() {
        spec.name = "import".into();
    }
    Schedule::try_from(ScheduleSpec {
        name: "import".into(),
        meetings: vec![spec],
        ..ScheduleSpec::default()
    })
}

/// The sessions of `spec` in `window`: start, end, status and due date.
pub(super) fn sessions(spec: &MeetingSpec, window: Window) -> Vec<Had> {
    let Ok(schedule) = validate(spec) else { return Vec::new() };
    schedule
        .occurrences(window)
        .take(convenor_core::MAX_SESSIONS)
        .map(|o| (o.start().to_utc(), o.end().to_utc(), o.status(), o.due()))
        .collect()
}

/// (sessions only the schedule has, sessions only the file has), by
/// start and end; both lists sorted.
pub(super) fn difference<'t>(
    have: &[Had],
    target: &'t [Session],
) -> (Vec<Had>, Vec<&'t Session>) {
    let mut target_keys: Vec<(DateTime<Utc>, DateTime<Utc>, usize)> =
        target.iter().enumerate().map(|(i, s)| (s.start, s.end, i)).collect();
    target_keys.sort();
    let (mut i, mut j) = (0, 0);
    let (mut surplus, mut missing) = (Vec::new(), Vec::new());
    while i < have.len() || j < target_keys.len() {
        let h = have.get(i).map(|h| (h.0, h.1));
        let t = target_keys.get(j).map(|t| (t.0, t.1));
        match (h, t) {
            (Some(h), Some(t)) if h == t => {
                i += 1;
                j += 1;
            }
            (Some(h), Some(t)) if h < t => {
                surplus.push(have[i]);
                i += 1;
            }
            (Some(_), None) => {
                surplus.push(have[i]);
                i += 1;
            }
            _ => {
                missing.push(&target[target_keys[j].2]);
                j += 1;
            }
        }
    }
    (surplus, missing)
}

/// Where the `n`th session of a series (its COUNT) is.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Nth {
    /// On this date.
    Date(NaiveDate),
    /// Not before 9999-01-01: as far as a schedule can say, the series
    /// does not end.
    Beyond,
    /// Not within the sessions an import may still walk.
    TooFar,
}

/// The `n`th session of a series (COUNT), counting sessions EXDATEs
/// remove (RFC 5545 §3.3.10): the true one, however large `n` (it was
/// cut at 100,000 sessions: `FREQ=DAILY;COUNT=200000` ended in 2296, not
/// 2570). The walk is bounded by the year 9999 (about 2.9 million daily
/// sessions) and by `budget`, the sessions the whole import may still
/// walk, which it uses up. `None` when the series is not a schedule.
pub(super) fn nth_date(s: &Series, n: u32, budget: &mut usize) -> Option<Nth> {
    let mut spec = s.spec();
    spec.id = "series".into();
    spec.name = "series".into();
    let schedule = validate(&spec).ok()?;
    let from =
        s.start.date().and_hms_opt(0, 0, 0)?.and_utc() - Duration::days(2);
    let window = Window::new(
        from,
        NaiveDate::from_ymd_opt(9999, 1, 1)?.and_hms_opt(0, 0, 0)?.and_utc(),
    )
    .ok()?;
    let n = usize::try_from(n).ok()?;
    let mut seen = 0;
    for o in schedule.occurrences(window) {
        if *budget == 0 {
            return Some(Nth::TooFar);
        }
        *budget -= 1;
        seen += 1;
        if seen == n {
            return Some(Nth::Date(o.due()));
        }
    }
    Some(Nth::Beyond)
}
