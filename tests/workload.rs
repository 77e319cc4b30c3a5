//! The benchmark workloads are what the issue defines: W1 has 521,296
//! sessions in its window, and the fast path lists exactly the sessions
//! of the straightforward chrono-tz stepper.

use convenor::workload::{self, W1Options, W1_SESSIONS};

#[test]
fn w1_has_the_issues_session_count_and_matches_the_stepper() {
    let window = workload::w1_window();
    let s = workload::w1(W1Options::new(10_000));
    let mut n = 0;
    for m in s.meetings() {
        let fast: Vec<_> =
            m.occurrences(window).map(|o| o.start.to_utc()).collect();
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
            .map(|o| (o.start, o.meeting.id().clone()))
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
    let s = convenor::Schedule::new("mixed", None, meetings).unwrap();
    let mut now = Utc.with_ymd_and_hms(2022, 11, 11, 12, 0, 0).unwrap();
    for _ in 0..60 {
        for n in [1, 10, 70] {
            let fast: Vec<_> = s
                .next(now, n)
                .iter()
                .map(|o| (o.start, o.meeting.id().clone(), o.status))
                .collect();
            let merged: Vec<_> = s
                .occurrences(convenor::Window::starting(now))
                .take(n)
                .map(|o| (o.start, o.meeting.id().clone(), o.status))
                .collect();
            assert_eq!(fast, merged, "{now} {n}");
        }
        now += Duration::minutes(60 * 24 * 19 + 17);
    }
}
