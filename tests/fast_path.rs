//! The fast paths give exactly what the straightforward path gives:
//! stepping the local date and resolving each local time with
//! `resolve_local`, over random
//! meetings, zones from the whole tz database, and windows at DST edges
//! and far in the future (up to 2099).

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime,
    TimeZone, Utc, Weekday,
};
use convenor::{
    resolve_local, Fit, Interval, LocalTime, Meeting, MeetingDuration,
    MeetingId, Rule, Window, Zone,
};
use proptest::prelude::*;

/// What is compared: start and end with their offsets (so zone names and
/// DST flags too), the fit and the due date.
type Session =
    (DateTime<Zone>, String, DateTime<Zone>, String, Fit, NaiveDate);

fn describe(
    start: DateTime<Zone>,
    end: DateTime<Zone>,
    fit: Fit,
    due: NaiveDate,
) -> Session {
    let show = |t: DateTime<Zone>| format!("{}", t.format("%FT%T%:z %Z"));
    (start, show(start), end, show(end), fit, due)
}

/// The straightforward path: from the first session, step the local
/// date and resolve each local time with `resolve_local`.
fn stepped(
    tz: Zone,
    first: NaiveDate,
    every: u32,
    time: NaiveTime,
    minutes: u32,
    window: Window,
) -> Vec<Session> {
    let step = Duration::days(7 * i64::from(every));
    let dates = std::iter::successors(Some(first), |d| Some(*d + step));
    resolved(tz, dates, time, minutes, window)
}

/// Each due date's session, resolved with `resolve_local`, while it starts
/// before the window's end.
fn resolved(
    tz: Zone,
    dates: impl Iterator<Item = NaiveDate>,
    time: NaiveTime,
    minutes: u32,
    window: Window,
) -> Vec<Session> {
    let mut out = Vec::new();
    for due in dates {
        let (start, fit) = resolve_local(tz, due.and_time(time));
        if start.with_timezone(&Utc) >= window.to() {
            break;
        }
        if start.with_timezone(&Utc) >= window.from() {
            let end = start + Duration::minutes(i64::from(minutes));
            out.push(describe(start, end, fit, due));
        }
    }
    out
}

/// The `n`th `day` of a month (counted from its end when negative), by
/// chrono's calendar.
fn nth_weekday(
    year: i32,
    month: u32,
    n: i32,
    day: Weekday,
) -> Option<NaiveDate> {
    if n > 0 {
        return NaiveDate::from_weekday_of_month_opt(
            year, month, day, n as u8,
        );
    }
    let next = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let last = NaiveDate::from_ymd_opt(next.0, next.1, 1)?.pred_opt()?;
    let back = (7 + last.weekday().num_days_from_monday()
        - day.num_days_from_monday())
        % 7;
    let date = last - Duration::days(i64::from(back) + 7 * i64::from(-n - 1));
    (date.month() == month).then_some(date)
}

/// The dates of `FREQ=MONTHLY;INTERVAL=every;BYDAY=<n><day>` on or after
/// `starts`, month by month with chrono; `starts` is the rule's DTSTART,
/// so INTERVAL counts from its month.
fn monthly_dates(
    starts: NaiveDate,
    n: i32,
    day: Weekday,
    every: u32,
) -> impl Iterator<Item = NaiveDate> {
    let month_of = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let in_month = move |index: i32| {
        nth_weekday(
            index.div_euclid(12),
            index.rem_euclid(12) as u32 + 1,
            n,
            day,
        )
    };
    (0..)
        .map(move |k| month_of(starts) + k * every as i32)
        .take_while(|&i| i < 2101 * 12)
        .filter_map(in_month)
        .filter(move |d| *d >= starts)
}

fn first_on_or_after(from: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday()
        - from.weekday().num_days_from_monday())
        % 7;
    from + Duration::days(i64::from(ahead))
}

#[derive(Debug, Clone)]
struct Case {
    tz: Zone,
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
    let zones = convenor::Tzdata::bundled().names().len();
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
                let db = convenor::Tzdata::bundled();
                let tz = db.zone(db.names()[z]).unwrap();
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
                    let found = tz.transitions(
                        from.timestamp(),
                        (from + Duration::days(3653)).min(limit).timestamp(),
                    );
                    if let Some(&(at, before, _)) = found.first() {
                        let offset = i64::from(before.seconds());
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
    meeting_named(c, "m")
}

fn meeting_named(c: &Case, id: &str) -> Meeting {
    let rule = Rule::weekly(
        c.day,
        LocalTime::new(c.time.hour(), c.time.minute()).unwrap(),
    )
    .with_interval(Interval::new(c.every).unwrap());
    Meeting::new(
        MeetingId::new(id).unwrap(),
        id,
        c.tz,
        rule,
        MeetingDuration::new(c.minutes).unwrap(),
        c.starts,
    )
}

/// A meeting on the `n`th weekday of `c` (from the end when negative)
/// every `c.every` months, and its RRULE text.
fn monthly_meeting(c: &Case, n: i32) -> (Meeting, String) {
    let day = convenor_workload::weekday_code(c.day);
    let text = format!("FREQ=MONTHLY;INTERVAL={};BYDAY={n}{day}", c.every);
    let time = LocalTime::new(c.time.hour(), c.time.minute()).unwrap();
    let m = Meeting::new(
        MeetingId::new("m").unwrap(),
        "m",
        c.tz,
        Rule::rrule(&text, time).unwrap(),
        MeetingDuration::new(c.minutes).unwrap(),
        c.starts,
    );
    (m, text)
}

use chrono::Timelike;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn sessions_equal_the_stepper(c in cases()) {
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

    /// The bulk path (`starts_into`) gives the lazy iterator's starts,
    /// for weekly and monthly rules, cancelled sessions left out.
    #[test]
    fn bulk_starts_equal_the_iterator(c in cases(), monthly: bool) {
        let window = Window::new(c.from, c.to).unwrap();
        let m = if monthly { monthly_meeting(&c, -1).0 } else { meeting(&c) };
        let lazy: Vec<i64> =
            m.occurrences(window).map(|o| o.start_timestamp()).collect();
        let mut bulk = vec![7];
        m.occurrences(window).starts_into(&mut bulk);
        prop_assert_eq!(bulk[0], 7, "appended, not replaced");
        prop_assert_eq!(&bulk[1..], &lazy[..]);
    }

    /// Monthly rules (the nth weekday, from the start or the end of the
    /// month, every one to four months), stepped by integer arithmetic,
    /// give what stepping months with chrono and resolving each local
    /// time gives, at DST edges too.
    #[test]
    fn monthly_sessions_equal_the_chrono_stepper(
        c in cases(),
        n in prop::sample::select(vec![1, 2, 3, 4, 5, -1, -2, -3, -4]),
    ) {
        let window = Window::new(c.from, c.to).unwrap();
        let (m, text) = monthly_meeting(&c, n);
        let fast: Vec<Session> = m
            .occurrences(window)
            .map(|o| describe(o.start(), o.end(), o.fit(), o.due()))
            .collect();
        let dates = monthly_dates(c.starts, n, c.day, c.every);
        let slow = resolved(c.tz, dates, c.time, c.minutes, window);
        prop_assert_eq!(fast, slow, "{}", text);
    }

    /// The merged stream of several meetings is every meeting's sessions
    /// sorted by start, then meeting id (the merge's order).
    #[test]
    fn merged_stream_equals_sorted_sessions(
        cs in prop::collection::vec(cases(), 1..6),
    ) {
        let meetings: Vec<Meeting> = cs
            .iter()
            .enumerate()
            // Ids in reverse order of the meetings: ties go by id.
            .map(|(i, c)| meeting_named(c, &format!("m{}", 9 - i)))
            .collect();
        let schedule = convenor::Schedule::new("p", None, meetings).unwrap();
        let window = Window::new(cs[0].from, cs[0].to).unwrap();
        let key = |o: &convenor::Occurrence<'_>| {
            (o.start_timestamp(), o.meeting().id().to_string())
        };
        let merged: Vec<_> = schedule.occurrences(window).map(|o| key(&o)).collect();
        let mut sorted: Vec<_> = schedule
            .meetings()
            .iter()
            .flat_map(|m| m.occurrences(window))
            .map(|o| key(&o))
            .collect();
        sorted.sort();
        prop_assert_eq!(merged, sorted);
    }

    /// The bulk merge (`starts_into`: sweeps of time, each sorted) is
    /// the merged stream, ties by meeting id included, from the start and
    /// from part way through.
    #[test]
    fn bulk_merge_equals_the_merged_stream(
        cs in prop::collection::vec(cases(), 1..6),
        same_time: bool,
        skip in 0usize..3,
    ) {
        let meetings: Vec<Meeting> = cs
            .iter()
            .enumerate()
            .map(|(i, c)| {
                // Half the time, every meeting at the first one's time and
                // zone: ties at each start.
                let c = if same_time { Case { day: cs[0].day, time: cs[0].time, tz: cs[0].tz, ..c.clone() } } else { c.clone() };
                meeting_named(&c, &format!("m{}", 9 - i))
            })
            .collect();
        let schedule = convenor::Schedule::new("p", None, meetings).unwrap();
        let window = Window::new(cs[0].from, cs[0].to).unwrap();
        let key = |(start, m): (i64, &Meeting)| (start, m.id().to_string());
        let lazy: Vec<_> = schedule
            .occurrences(window)
            .map(|o| key((o.start_timestamp(), o.meeting())))
            .collect();
        let mut sessions = schedule.occurrences(window);
        let mut bulk: Vec<_> = sessions
            .by_ref()
            .take(skip)
            .map(|o| key((o.start_timestamp(), o.meeting())))
            .collect();
        let mut rest = Vec::new();
        sessions.starts_into(&mut rest);
        bulk.extend(rest.into_iter().map(key));
        prop_assert_eq!(&bulk, &lazy);
        prop_assert!(sessions.next().is_none());
        let mut whole = Vec::new();
        schedule.occurrences(window).starts_into(&mut whole);
        let whole: Vec<_> = whole.into_iter().map(key).collect();
        prop_assert_eq!(whole, lazy);
    }

    /// The .ics overrides are exactly the sessions the per-session walk
    /// finds the wall clock cannot carry, up to the horizon, except those
    /// written on their own: a start in a gap, clocks going forward
    /// during the session, or a start in a fold where a series would
    /// start (after a session written alone, or at the first one).
    #[test]
    fn ics_overrides_equal_the_per_session_walk(c in cases()) {
        let m = meeting(&c);
        let schedule = convenor::Schedule::new("p", None, vec![m]).unwrap();
        let opts = convenor::ical::IcalOptions::new(c.from).with_horizon(c.to);
        let ics = convenor::ical::to_string(&schedule, &opts);
        // Overrides are grouped by series (a cut makes several).
        let mut found: Vec<String> = ics
            .lines()
            .filter_map(|l| l.strip_prefix("RECURRENCE-ID;TZID="))
            .map(|l| l.split_once(':').unwrap().1.to_string())
            .collect();
        found.sort();
        let mut expected = Vec::new();
        let mut alone = Vec::new();
        let mut due = first_on_or_after(c.starts, c.day);
        let length = Duration::minutes(i64::from(c.minutes));
        // Whether the next session would be a series' first (DTSTART).
        let mut starts_series = true;
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
            let text = nominal.format("%Y%m%dT%H%M%S").to_string();
            // The clocks go forward during the session (after its start,
            // before its end): written on its own too, so that no RRULE
            // steps across the change (libical drifts after it).
            let second = Duration::seconds(1);
            let forward = fit == Fit::Exact
                && (end - second).naive_local() + second > nominal + length;
            if fit == Fit::Gap || forward || (fit == Fit::Fold && starts_series) {
                alone.push(text);
                starts_series = true;
            } else {
                if !simple {
                    expected.push(text);
                }
                starts_series = false;
            }
            due += Duration::days(7 * i64::from(c.every));
        }
        prop_assert_eq!(found, expected);
        for text in alone {
            let uid = format!("UID:m-{}@", &text[..13]);
            prop_assert!(ics.contains(&uid), "no {} in\n{}", uid, ics);
        }
    }
}
