//! `import::from_str` reads back every feed convenor exports: the seed,
//! every `testdata/cases` schedule and generated schedules give
//! schedules whose sessions equal the original's over their whole life.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use convenor_core::{Schedule, Status, Window};
use convenor_ical::import::{from_str, ImportOptions, Imported};
use convenor_ical::IcalOptions;
use proptest::prelude::*;

use crate::golden::schedules;

/// Every session that happens (cancelled ones left out), by instants.
pub fn happening(
    schedule: &Schedule,
    window: Window,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut all: Vec<_> = schedule
        .occurrences(window)
        .filter(|o| o.status() != Status::Cancelled)
        .map(|o| (o.start().to_utc(), o.end().to_utc()))
        .collect();
    all.sort();
    all
}

fn window(from: (i32, u32, u32), to: (i32, u32, u32)) -> Window {
    let at = |(y, m, d)| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
    Window::new(at(from), at(to)).unwrap()
}

/// The feed of `schedule`, imported.
fn round_trip(schedule: &Schedule) -> Imported {
    let stamp = Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap();
    let ics = convenor_ical::to_string(schedule, &IcalOptions::new(stamp));
    from_str(&ics, &ImportOptions::new("x"))
        .unwrap_or_else(|e| panic!("{e}\n{ics}"))
}

/// Differences between the sessions of two schedules, for messages.
fn diff(a: &Schedule, b: &Schedule, w: Window) -> String {
    let (x, y) = (happening(a, w), happening(b, w));
    let only_a: Vec<_> = x.iter().filter(|s| !y.contains(s)).take(5).collect();
    let only_b: Vec<_> = y.iter().filter(|s| !x.contains(s)).take(5).collect();
    format!("{} vs {} sessions; only in the original: {only_a:?}; only imported: {only_b:?}", x.len(), y.len())
}

#[test]
fn the_seed_feed_imports_back_to_six_meetings_with_the_same_sessions() {
    let seed = Schedule::from_toml_str(convenor_core::SEED_TOML).unwrap();
    let imported = round_trip(&seed);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let back = &imported.schedule;
    assert_eq!(back.meetings().len(), 6);
    let w = window((2022, 10, 30), (2024, 12, 31));
    assert_eq!(
        happening(&seed, w),
        happening(back, w),
        "{}",
        diff(&seed, back, w)
    );
    assert!(happening(&seed, w).len() > 600);
    // And over the whole life, as far as 2040.
    let life = window((2020, 1, 1), (2040, 1, 1));
    assert_eq!(happening(&seed, life), happening(back, life));
    assert_eq!(back.name(), seed.name());
    assert_eq!(back.timezone().map(|z| z.name()), Some("America/Los_Angeles"));
    let saturday = back.meeting("co-occurring-disorders-saturday").unwrap();
    assert_eq!(saturday.rule().time().to_string(), "07:00");
    // The lines a convenor feed's DESCRIPTION adds go back to their
    // fields.
    assert_eq!(saturday.convenors(), ["Kara K"]);
    assert_eq!(saturday.tags(), ["co-occurring", "HWYW", "online", "open"]);
    assert_eq!(saturday.notes(), None);
}

#[test]
fn every_testdata_case_imports_back_with_the_same_sessions() {
    let life = window((2015, 1, 1), (2040, 1, 1));
    let mut checked = 0;
    for (name, schedule) in schedules() {
        let imported = round_trip(&schedule);
        let back = &imported.schedule;
        assert_eq!(
            happening(&schedule, life),
            happening(back, life),
            "{name}: {}\nwarnings: {:?}",
            diff(&schedule, back, life),
            imported.warnings
        );
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:?}",
            imported.warnings
        );
        assert_eq!(back.meetings().len(), schedule.meetings().len(), "{name}");
        checked += 1;
    }
    assert!(checked >= 10);
}

/// Found by the proptest below: a series that continues another of the
/// same rule every two weeks, but a week out of step with it (a
/// reschedule effective mid-cadence), is a reschedule, not the old rule
/// continued.
/// Issue 27: the export writes `LOCATION` as "venue, address" (with the
/// venue as a parameter); the import splits it back, so export → import
/// keeps both. A `LOCATION` written by anyone else stays the address.
#[test]
fn venue_and_address_come_back_from_location() {
    let text = "name = 'x'\ntimezone = 'America/Los_Angeles'\n\
        [[meetings]]\nid = 'hall'\nname = 'Hall'\nweekly = { day = 'sunday', time = '10:00' }\n\
        duration = '60m'\nstarts = '2022-11-06'\nvenue = \"St. Luke's Hall, \\\"East\\\" Wing\"\n\
        address = '1 Main St, Los Angeles, CA 90012, USA'\n\
        [[meetings]]\nid = 'chapel'\nname = 'Chapel'\nweekly = { day = 'monday', time = '10:00' }\n\
        duration = '60m'\nstarts = '2022-11-07'\nvenue = 'The Chapel'\n\
        [[meetings]]\nid = 'street'\nname = 'Street'\nweekly = { day = 'tuesday', time = '10:00' }\n\
        duration = '60m'\nstarts = '2022-11-08'\naddress = 'Church Hall, 2 High St, Leeds'\n";
    let s = Schedule::from_toml_str(text).unwrap();
    let imported = round_trip(&s).schedule;
    for id in ["hall", "chapel", "street"] {
        let (a, b) = (
            s.meeting(id).unwrap(),
            imported
                .meetings()
                .iter()
                .find(|m| m.name() == s.meeting(id).unwrap().name())
                .unwrap(),
        );
        assert_eq!(b.place().venue, a.place().venue, "{id}");
        assert_eq!(b.place().address, a.place().address, "{id}");
    }
    // Another calendar's LOCATION: the address, however it starts.
    let other = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\n\
        UID:a\r\nDTSTAMP:20221101T000000Z\r\nDTSTART;TZID=America/Los_Angeles:20221106T100000\r\n\
        DURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:A\r\n\
        LOCATION:St. Luke's Hall\\, 1 Main St\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let plain = from_str(other, &ImportOptions::new("x")).unwrap().schedule;
    let place = plain.meetings()[0].place();
    assert_eq!(place.venue, None);
    assert_eq!(place.address.as_deref(), Some("St. Luke's Hall, 1 Main St"));
}

#[test]
fn a_series_out_of_step_with_the_one_it_continues_is_a_reschedule() {
    let text = "name = \"p\"\n[[meetings]]\nid = \"m0\"\nname = \"M0\"\n\
        timezone = \"America/Los_Angeles\"\n\
        weekly = { day = \"sunday\", time = \"01:30\", every = 2 }\n\
        duration = \"30m\"\nstarts = \"2023-01-01\"\n\
        [[meetings.changes]]\nkind = \"reschedule\"\neffective = \"2023-10-25\"\n\
        day = \"sunday\"\ntime = \"01:30\"\n";
    let schedule = Schedule::from_toml_str(text).unwrap();
    let imported = round_trip(&schedule);
    let life = window((2022, 1, 1), (2040, 1, 1));
    assert_eq!(
        happening(&schedule, life),
        happening(&imported.schedule, life)
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert_eq!(imported.schedule.meetings()[0].changes().len(), 1);
}

/// A weekly or monthly meeting with every change kind, in a zone with
/// DST, starting on a clock-change weekend or not.
fn meeting_toml() -> impl Strategy<Value = String> {
    (
        crate::shared::meeting_toml(),
        prop::option::of((0u32..60, prop::sample::select(vec!["sunday", "tuesday"]), prop::sample::select(vec!["08:00", "01:30", "02:30"]), prop::sample::select(vec![None, Some(45u32)]))),
        prop::option::of((0u32..80, prop::sample::select(vec!["10:00", "02:15"]))),
        prop::option::of(100u32..400),
        prop::sample::select(vec![None, Some(2u32)]),
    )
        .prop_map(|(base, reschedule, extra, ends, every)| {
            let mut t = base;
            let starts = NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
            if let Some(n) = every {
                t = t.replacen("\" }\n", &format!("\", every = {n} }}\n"), 1);
            }
            if let Some((weeks, day, time, minutes)) = reschedule {
                let effective = starts + Duration::weeks(weeks.into()) + Duration::days(3);
                t += &format!("[[meetings.changes]]\nkind = \"reschedule\"\neffective = \"{effective}\"\nday = \"{day}\"\ntime = \"{time}\"\n");
                if let Some(m) = minutes {
                    t += &format!("duration = \"{m}m\"\n");
                }
            }
            if let Some((days, time)) = extra {
                let at = starts + Duration::days(days.into());
                t += &format!("[[meetings.changes]]\nkind = \"extra\"\nat = \"{at}T{time}\"\nduration = \"25m\"\n");
            }
            if let Some(days) = ends {
                t += &format!("[[meetings.changes]]\nkind = \"end\"\neffective = \"{}\"\n", starts + Duration::days(days.into()));
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn prop_generated_schedules_import_back_with_the_same_sessions(
        meetings in prop::collection::vec(meeting_toml(), 1..4)
    ) {
        // A generated change may not apply (a cancelled date that the
        // cadence skips...): such meetings are left out, the rest kept.
        let one = |i: usize, m: &str| {
            format!("[[meetings]]\nid = \"m{i}\"\nname = \"M{i}\"\n{m}")
        };
        let mut text = String::from("name = \"p\"\n");
        for (i, m) in meetings.iter().enumerate() {
            if Schedule::from_toml_str(&format!("name = \"p\"\n{}", one(i, m))).is_ok() {
                text += &one(i, m);
            }
        }
        let schedule = Schedule::from_toml_str(&text).unwrap();
        prop_assume!(!schedule.meetings().is_empty());
        let imported = round_trip(&schedule);
        let life = window((2022, 1, 1), (2032, 1, 1));
        prop_assert_eq!(
            happening(&schedule, life),
            happening(&imported.schedule, life),
            "{}\n{}\nwarnings: {:?}",
            text,
            diff(&schedule, &imported.schedule, life),
            imported.warnings
        );
    }
}
