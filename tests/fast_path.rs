//! The fast paths give exactly what the straightforward path gives:
//! stepping the local date and resolving each local time with chrono-tz
//! (`from_local_datetime`, through `resolve_local`), over random
//! meetings, zones from the whole tz database, and windows at DST edges
//! and far in the future (up to 2099).

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime,
    TimeZone, Utc, Weekday,
};
use convenor::{
    resolve_local, Fit, Interval, LocalTime, Meeting, MeetingDuration,
    MeetingId, Rule, Tz, Window,
};
use proptest::prelude::*;

/// What is compared: start and end with their offsets (so zone names and
/// DST flags too), the fit and the due date.
type Session = (DateTime<Tz>, String, DateTime<Tz>, String, Fit, NaiveDate);

fn describe(
    start: DateTime<Tz>,
    end: DateTime<Tz>,
    fit: Fit,
    due: NaiveDate,
) -> Session {
    let show = |t: DateTime<Tz>| format!("{}", t.format("%FT%T%:z %Z"));
    (start, show(start), end, show(end), fit, due)
}

/// The straightforward path: from the first session, step the local
/// date and resolve each local time with chrono-tz.
fn stepped(
    tz: Tz,
    first: NaiveDate,
    every: u32,
    time: NaiveTime,
    minutes: u32,
    window: Window,
) -> Vec<Session> {
    let mut out = Vec::new();
    let mut due = first;
    loop {
        let (start, fit) = resolve_local(tz, due.and_time(time));
        if start.with_timezone(&Utc) >= window.to() {
            break;
        }
        if start.with_timezone(&Utc) >= window.from() {
            let end = start + Duration::minutes(i64::from(minutes));
            out.push(describe(start, end, fit, due));
        }
        due += Duration::days(7 * i64::from(every));
    }
    out
}

fn first_on_or_after(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday()
        - from.weekday().num_days_from_monday())
        % 7;
    from + Duration::days(i64::from(ahead))
}

#[derive(Debug, Clone)]
struct Case {
    tz: Tz,
    day: Weekday,
    every: u32,
    time: NaiveTime,
    minutes: u32,
    starts: NaiveDate,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
}

fn date(days_since_1900: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()
        + Duration::days(days_since_1900)
}

/// Whole tz database; starts from 1900 to 2098; windows from a day to
/// three years, up to 2099. Half the cases sit on a DST edge: the rule's
/// weekday and time are those of a transition of the zone (local time,
/// read with the offset before it) give or take up to 90 minutes, so
/// sessions fall in gaps, in folds and across clock changes.
fn cases() -> impl Strategy<Value = Case> {
    let zones = chrono_tz::TZ_VARIANTS.len();
    (
        0..zones,
        0u8..7,
        1u32..=4,
        (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45])),
        prop::sample::select(vec![1u32, 30, 60, 90, 150, 1440]),
        0i64..72_000,
        0i64..1200,
        1i64..1100,
        any::<bool>(),
        -6i64..7,
    )
        .prop_map(
            |(
                z,
                d,
                every,
                (h, m),
                minutes,
                start_day,
                after,
                length,
                edge,
                around,
            )| {
                let tz = chrono_tz::TZ_VARIANTS[z];
                let starts = date(start_day);
                let mut day = Weekday::try_from(d).unwrap();
                let mut time = NaiveTime::from_hms_opt(h, m, 0).unwrap();
                let mut from = (starts + Duration::days(after - 400))
                    .and_hms_opt(0, 0, 0)
                    .unwrap()
                    .and_utc();
                let limit =
                    Utc.with_ymd_and_hms(2099, 12, 31, 0, 0, 0).unwrap();
                let mut starts = starts;
                if edge {
                    // The first transition in the next ten years.
                    let found = convenor::transitions(
                        tz,
                        from.timestamp(),
                        (from + Duration::days(3653)).min(limit).timestamp(),
                    );
                    if let Some(&(at, before, _)) = found.first() {
                        use chrono::Offset;
                        let offset = i64::from(before.fix().local_minus_utc());
                        let local = Utc
                            .timestamp_opt(at + offset, 0)
                            .unwrap()
                            .naive_utc()
                            + Duration::minutes(15 * around);
                        day = local.date().weekday();
                        time = NaiveTime::from_hms_opt(
                            local.hour(),
                            local.minute() / 15 * 15,
                            0,
                        )
                        .unwrap();
                        from = Utc.timestamp_opt(at, 0).unwrap()
                            - Duration::days(7 * (1 + around.abs()));
                        starts = starts.min(
                            local.date()
                                - Duration::days(7 * 52 * (around.abs() % 3)),
                        );
                    }
                }
                let from = from.min(limit - Duration::days(1));
                let to = (from + Duration::days(length)).min(limit);
                Case { tz, day, every, time, minutes, starts, from, to }
            },
        )
}

fn meeting(c: &Case) -> Meeting {
    let rule = Rule::weekly(
        c.day,
        LocalTime::new(c.time.hour(), c.time.minute()).unwrap(),
    )
    .with_interval(Interval::new(c.every).unwrap());
    Meeting::new(
        MeetingId::new("m").unwrap(),
        "m",
        c.tz,
        rule,
        MeetingDuration::new(c.minutes).unwrap(),
        c.starts,
    )
}

use chrono::Timelike;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn sessions_equal_the_chrono_tz_stepper(c in cases()) {
        let window = Window::new(c.from, c.to).unwrap();
        let m = meeting(&c);
        let fast: Vec<Session> = m
            .occurrences(window)
            .map(|o| describe(o.start(), o.end(), o.fit(), o.due()))
            .collect();
        let first = first_on_or_after(c.starts, c.day);
        let slow = stepped(c.tz, first, c.every, c.time, c.minutes, window);
        prop_assert_eq!(fast, slow);
    }

    /// The .ics overrides (sessions the wall clock cannot carry) are
    /// exactly those the per-session walk finds, up to the horizon.
    #[test]
    fn ics_overrides_equal_the_per_session_walk(c in cases()) {
        let m = meeting(&c);
        let schedule = convenor::Schedule::new("p", None, vec![m]).unwrap();
        let opts = convenor::ical::IcalOptions::new(c.from).with_horizon(c.to);
        let ics = convenor::ical::to_string(&schedule, &opts);
        let found: Vec<String> = ics
            .lines()
            .filter_map(|l| l.strip_prefix("RECURRENCE-ID;TZID="))
            .map(|l| l.split_once(':').unwrap().1.to_string())
            .collect();
        let mut expected = Vec::new();
        let mut due = first_on_or_after(c.starts, c.day);
        let length = Duration::minutes(i64::from(c.minutes));
        loop {
            let nominal: NaiveDateTime = due.and_time(c.time);
            let (start, fit) = resolve_local(c.tz, nominal);
            if start.with_timezone(&Utc) >= c.to {
                break;
            }
            let end = start + length;
            let simple = fit == Fit::Exact
                && end.naive_local() == nominal + length
                && resolve_local(c.tz, end.naive_local()).1 == Fit::Exact;
            if !simple {
                expected.push(nominal.format("%Y%m%dT%H%M%S").to_string());
            }
            due += Duration::days(7 * i64::from(c.every));
        }
        prop_assert_eq!(found, expected);
    }
}
