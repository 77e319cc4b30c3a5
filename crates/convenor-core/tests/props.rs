//! Invariants over random meetings, zones and windows.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use convenor_core::{
    resolve_local, Change, ChangeKind, Fit, Interval, LocalTime, Meeting,
    MeetingDuration, MeetingId, Rule, Schedule, Status, Window, Zone,
};
use proptest::prelude::*;

fn zone() -> impl Strategy<Value = Zone> {
    (0..chrono_tz::TZ_VARIANTS.len())
        .prop_map(|i| crate::zone_of(chrono_tz::TZ_VARIANTS[i]))
}

fn date(from_year: i32, to_year: i32) -> impl Strategy<Value = NaiveDate> {
    let days = (NaiveDate::from_ymd_opt(to_year, 1, 1).unwrap()
        - NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap())
    .num_days();
    (0..days).prop_map(move |d| {
        NaiveDate::from_ymd_opt(from_year, 1, 1).unwrap() + Duration::days(d)
    })
}

fn weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|d| Weekday::try_from(d).unwrap())
}

fn rule() -> impl Strategy<Value = Rule> {
    let time =
        (0u32..24, 0u32..60).prop_map(|(h, m)| LocalTime::new(h, m).unwrap());
    let rrules = prop::sample::select(vec![
        "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYDAY=-1SU",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=MO,TH",
        "FREQ=YEARLY;BYMONTH=6;BYDAY=1SA",
    ]);
    prop_oneof![
        3 => (weekday(), 1u32..5, time.clone()).prop_map(|(d, n, t)| {
            Rule::weekly(d, t).with_interval(Interval::new(n).unwrap())
        }),
        1 => (rrules, time).prop_map(|(r, t)| Rule::rrule(r, t).unwrap()),
    ]
}

fn meeting(i: usize) -> impl Strategy<Value = Meeting> {
    (
        zone(),
        rule(),
        1u32..=180,
        date(2016, 2030),
        prop::option::of(0usize..40),
    )
        .prop_map(move |(zone, rule, minutes, starts, cancel)| {
            let id = MeetingId::new(&format!("m{i}")).unwrap();
            let m = Meeting::new(
                id,
                "m",
                zone,
                rule,
                MeetingDuration::new(minutes).unwrap(),
                starts,
            );
            // Cancel the n-th session, when there is one.
            let due = cancel.and_then(|n| {
                let w = Window::new(
                    Utc.from_utc_datetime(&starts.and_time(NaiveTime::MIN))
                        - Duration::days(2),
                    Utc.with_ymd_and_hms(2040, 1, 1, 0, 0, 0).unwrap(),
                )
                .ok()?;
                m.occurrences(w).nth(n).map(|o| o.due())
            });
            match due {
                Some(date) => m
                    .with_change(Change::new(ChangeKind::Cancel { date }))
                    .unwrap(),
                None => m,
            }
        })
}

fn schedule() -> impl Strategy<Value = Schedule> {
    (meeting(0), meeting(1), meeting(2), meeting(3)).prop_map(
        |(a, b, c, d)| {
            Schedule::new("random", None, vec![a, b, c, d]).unwrap()
        },
    )
}

fn window() -> impl Strategy<Value = Window> {
    (date(2015, 2032), 0i64..86_400, 1i64..(200 * 86_400)).prop_map(
        |(d, s, len)| {
            let from = Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
                + Duration::seconds(s);
            Window::new(from, from + Duration::seconds(len)).unwrap()
        },
    )
}

fn key(o: &convenor_core::Occurrence<'_>) -> (DateTime<Utc>, String, Status) {
    (o.start().with_timezone(&Utc), o.meeting().id().to_string(), o.status())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn prop_ordered_inside_window_and_unique(s in schedule(), w in window()) {
        let all: Vec<_> = s.occurrences(w).with_cancelled().map(|o| key(&o)).collect();
        for pair in all.windows(2) {
            prop_assert!(pair[0] < pair[1], "not strictly ordered: {:?}", pair);
        }
        for (start, _, _) in &all {
            prop_assert!(w.contains(*start));
        }
    }

    #[test]
    fn prop_wall_clock_time_is_the_rule_time(s in schedule(), w in window()) {
        for o in s.occurrences(w) {
            let rule_time = o.meeting().segment_on(o.due()).unwrap().rule().time().to_naive();
            let shown = o.start().time();
            match o.fit() {
                Fit::Gap => prop_assert!(o.start().naive_local() > o.due().and_time(rule_time)),
                _ => prop_assert_eq!(shown, rule_time),
            }
            prop_assert_eq!(resolve_local(o.meeting().zone(), o.due().and_time(rule_time)).0, o.start());
            let minutes = o.meeting().duration().minutes();
            prop_assert_eq!((o.end() - o.start()).num_minutes(), i64::from(minutes));
        }
    }

    #[test]
    fn prop_splitting_a_window_changes_nothing(s in schedule(), w in window(), cut in 0.0f64..1.0) {
        let span = (w.to() - w.from()).num_seconds();
        let mid = w.from() + Duration::seconds(((span as f64) * cut) as i64);
        let whole: Vec<_> = s.occurrences(w).map(|o| key(&o)).collect();
        let mut parts: Vec<_> = Vec::new();
        for part in [Window::new(w.from(), mid), Window::new(mid, w.to())].into_iter().flatten() {
            parts.extend(s.occurrences(part).map(|o| key(&o)));
        }
        prop_assert_eq!(whole, parts);
    }

    #[test]
    fn prop_whole_weeks_hold_one_session_per_cadence(
        zone in zone(), day in weekday(), every in 1u32..4,
        h in 0u32..24, m in 0u32..60, from in date(2016, 2032), weeks in 1i64..30,
    ) {
        let rule = Rule::weekly(day, LocalTime::new(h, m).unwrap()).with_interval(Interval::new(every).unwrap());
        let starts = from - Duration::days(400);
        let meeting = Meeting::new(MeetingId::new("w").unwrap(), "w", zone, rule, MeetingDuration::new(60).unwrap(), starts);
        // Local midnights, so DST cannot push a session across the edge.
        let midnight = |d: NaiveDate| resolve_local(zone, d.and_time(NaiveTime::MIN)).0.with_timezone(&Utc);
        let to = from + Duration::weeks(weeks * i64::from(every));
        let w = Window::new(midnight(from), midnight(to)).unwrap();
        let count = meeting.occurrences(w).count() as i64;
        prop_assert_eq!(count, weeks, "{} {:?} every {} from {}", zone.name(), day, every, from);
        let _ = from.weekday();
    }
}
