//! The benchmark workloads are what the issue defines: W1 has 521,296
//! sessions in its window, and the fast path lists exactly the sessions
//! of the straightforward stepper.

use convenor_workload::{self as workload, W1Options, W1_SESSIONS};

#[test]
fn w1_has_the_issues_session_count_and_matches_the_stepper() {
    let window = workload::w1_window();
    let s = workload::w1(W1Options::new(10_000));
    let mut n = 0;
    for m in s.meetings() {
        let fast: Vec<_> =
            m.occurrences(window).map(|o| o.start().to_utc()).collect();
        let first = m.segments()[0].first_session().unwrap().date();
        assert_eq!(fast, workload::w1_stepper(m.zone(), first, 1, window));
        n += fast.len();
    }
    assert_eq!(n, W1_SESSIONS);
    assert_eq!(s.occurrences(window).count(), W1_SESSIONS);
}

#[test]
fn w1_files_load_to_the_same_schedule() {
    let opts = W1Options::new(200);
    let from_toml = convenor::load(&workload::w1_toml(opts)).unwrap();
    let built = workload::w1(opts);
    let json = convenor::json::to_string(&from_toml);
    let from_json = convenor::load(&json).unwrap();
    let window = workload::w1_window();
    let starts = |s: &convenor::Schedule| -> Vec<_> {
        s.occurrences(window)
            .map(|o| (o.start(), o.meeting().id().clone()))
            .collect()
    };
    assert_eq!(starts(&from_toml), starts(&built));
    assert_eq!(starts(&from_json), starts(&built));
}

#[test]
fn next_over_many_meetings_equals_the_merged_stream() {
    use chrono::{Duration, TimeZone, Utc};
    // W1 meetings (the quick path) plus the seed's, which have history
    // (the general path).
    let mut meetings = workload::w1(W1Options::new(300)).meetings().to_vec();
    meetings.extend(convenor::seed().meetings().iter().cloned());
    // Sessions in gaps and folds, every few weeks, ending: the quick path
    // must hand these to the iterator or agree with it.
    use convenor::{
        Interval, LocalTime, Meeting, MeetingDuration, MeetingId, Rule,
    };
    let zones = [
        "America/Los_Angeles".parse::<convenor::Zone>().unwrap(),
        "Australia/Lord_Howe".parse::<convenor::Zone>().unwrap(),
        "America/Santiago".parse::<convenor::Zone>().unwrap(),
        "Europe/London".parse::<convenor::Zone>().unwrap(),
    ];
    for i in 0..120u32 {
        let day = chrono::Weekday::try_from((i % 7) as u8).unwrap();
        let time =
            LocalTime::new((i * 5) % 24 / 8 + 1, (i * 15) % 60).unwrap();
        let rule = Rule::weekly(day, time)
            .with_interval(Interval::new(1 + i % 3).unwrap());
        let starts = chrono::NaiveDate::from_ymd_opt(
            2022 + (i % 4) as i32,
            1 + i % 12,
            1,
        )
        .unwrap();
        let m = Meeting::new(
            MeetingId::new(&format!("edge-{i}")).unwrap(),
            "edge",
            zones[i as usize % 4],
            rule,
            MeetingDuration::new(90).unwrap(),
            starts,
        );
        let m = if i % 5 == 0 {
            m.with_ends(Some(starts + chrono::Duration::days(200))).unwrap()
        } else {
            m
        };
        meetings.push(m);
    }
    let s = convenor::Schedule::new("mixed", None, meetings).unwrap();
    let mut now = Utc.with_ymd_and_hms(2022, 11, 11, 12, 0, 0).unwrap();
    for _ in 0..60 {
        for n in [1, 10, 70] {
            let fast: Vec<_> = s
                .next(now, n)
                .iter()
                .map(|o| (o.start(), o.meeting().id().clone(), o.status()))
                .collect();
            let merged: Vec<_> = s
                .occurrences(convenor::Window::starting(now))
                .take(n)
                .map(|o| (o.start(), o.meeting().id().clone(), o.status()))
                .collect();
            assert_eq!(fast, merged, "{now} {n}");
        }
        now += Duration::minutes(60 * 24 * 19 + 17);
    }
}
