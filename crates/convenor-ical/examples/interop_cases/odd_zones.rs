//! The odd-zone set (issue 31): a schedule for every zone of the tz
//! database (primary names, the bundled data) that has a clock change in
//! 2011–2030 at an odd time or of an odd kind, chosen from the data by
//! rule, with weekly meetings that meet each odd kind of change:
//!
//! - at a time of day other than 01:00, 02:00 or 03:00 on the clock
//!   before it (midnight, 23:00, 02:45...);
//! - by other than one hour (30-minute DST as on Lord Howe, double
//!   changes, a skipped or repeated day as in Samoa in 2011);
//! - to or from an offset that is not a whole hour (+05:45, -03:30,
//!   +12:45...);
//! - with the daylight-saving flag on the lower offset (negative DST, as
//!   Ireland's winter time);
//! - the last change for over a year while the window runs on (DST
//!   abolished, or a new permanent offset).
//!
//! Each zone's changes are grouped by what makes them odd (the kinds
//! above, the clock time and the size of the step) and the first of each
//! group (up to four a zone) is a case of its own, over the six weeks
//! around it, with three weekly meetings from three weeks before to
//! three weeks after it, on the weekday of the change as the clock
//! showed it: one at the clock time of the change (in a gap or a fold),
//! one that starts an hour earlier and lasts two (the change inside the
//! session), and one at the clock time after the change, on its own
//! weekday (the day after a skipped day).

use chrono::{
    DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Timelike, Utc,
};
use convenor_core::{
    LocalTime, Meeting, MeetingDuration, MeetingId, Rule, Schedule, Tzdata,
    Window, Zone, ZoneOffset,
};

/// At most this many odd kinds of change per zone.
const KINDS_PER_ZONE: usize = 4;

/// A case: its name, schedule and window.
pub struct OddCase {
    pub name: String,
    pub schedule: Schedule,
    pub window: Window,
}

/// What makes a change odd, as a key to group a zone's changes by (empty
/// when nothing does).
fn oddness(
    at: i64,
    before: ZoneOffset,
    after: ZoneOffset,
    last_for_a_year: bool,
) -> Vec<String> {
    let clock = wall(at, before);
    let step = after.seconds() - before.seconds();
    let mut odd = Vec::new();
    if clock.minute() != 0 || !(1..=3).contains(&clock.hour()) {
        odd.push(format!("at {}", clock.format("%H:%M")));
    }
    if step.abs() != 3600 {
        odd.push(format!("step {step}s"));
    }
    if before.seconds() % 3600 != 0 || after.seconds() % 3600 != 0 {
        odd.push(format!("offsets {}/{}", before.seconds(), after.seconds()));
    }
    let dst_on_lower = (after.is_dst() && step < 0)
        || (before.is_dst() && !after.is_dst() && step > 0);
    if dst_on_lower {
        odd.push("daylight saving on the lower offset".to_string());
    }
    if last_for_a_year {
        odd.push("last change for a year".to_string());
    }
    odd
}

/// The clock time Unix second `at` shows at `offset`.
fn wall(at: i64, offset: ZoneOffset) -> NaiveDateTime {
    DateTime::from_timestamp(at + i64::from(offset.seconds()), 0)
        .expect("in range")
        .naive_utc()
}

fn unix(y: i32) -> i64 {
    Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0).unwrap().timestamp()
}

/// Every case, by zone name and change.
pub fn cases() -> Vec<OddCase> {
    let (from, to) = (unix(2011), unix(2031));
    let year = 366 * 86_400;
    let mut cases = Vec::new();
    for &name in Tzdata::bundled().names() {
        let Ok(zone) = Tzdata::bundled().zone(name) else { continue };
        if zone.primary_name().is_some() {
            continue; // a link: its primary zone is a case
        }
        let changes = zone.transitions(from, to);
        let mut kinds: Vec<Vec<String>> = Vec::new();
        let mut chosen = Vec::new();
        for (i, &(at, before, after)) in changes.iter().enumerate() {
            let next = changes.get(i + 1).map_or(to, |c| c.0);
            let last_for_a_year = next - at > year && to - at > year;
            let odd = oddness(at, before, after, last_for_a_year);
            if odd.is_empty() || kinds.contains(&odd) {
                continue;
            }
            kinds.push(odd);
            chosen.push((at, before, after));
            if chosen.len() == KINDS_PER_ZONE {
                break;
            }
        }
        // A case a change, its window the meetings' six weeks: a feed
        // gets exact overrides up to five years after its DTSTAMP (the
        // window's start), as a feed published then would.
        for (k, &(at, before, after)) in chosen.iter().enumerate() {
            let meetings = meeting_change(zone, k, at, before, after);
            let window = Window::new(
                DateTime::from_timestamp(at - 28 * 86_400, 0)
                    .expect("in range"),
                DateTime::from_timestamp(at + 28 * 86_400, 0)
                    .expect("in range"),
            )
            .expect("from < to");
            let schedule = Schedule::new(
                format!("odd changes of {name}, {k}"),
                None,
                meetings,
            )
            .expect("ids are unique");
            cases.push(OddCase {
                name: format!("odd-zone-{}-{k}", name.replace('/', "-")),
                schedule,
                window,
            });
        }
    }
    cases
}

/// The three meetings of change `k` of `zone`.
fn meeting_change(
    zone: Zone,
    k: usize,
    at: i64,
    before: ZoneOffset,
    after: ZoneOffset,
) -> Vec<Meeting> {
    let clock = wall(at, before);
    let earlier = clock - Duration::hours(1);
    let then = wall(at, after);
    [("at", clock, 60), ("across", earlier, 120), ("after", then, 60)]
        .into_iter()
        .map(|(what, local, minutes)| {
            let starts = local.date() - Duration::days(21);
            let ends = local.date() + Duration::days(21);
            let time = LocalTime::new(local.hour(), local.minute())
                .expect("a clock time");
            let id = format!("c{k}-{what}");
            Meeting::new(
                MeetingId::new(&id).expect("a slug"),
                format!("{} change {k}, {what}", zone.name()),
                zone,
                Rule::weekly(local.weekday(), time),
                MeetingDuration::new(minutes).expect("in range"),
                starts,
            )
            .with_ends(Some(ends))
            .expect("ends after it starts")
        })
        .collect()
}
