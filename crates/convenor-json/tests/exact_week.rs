//! The exact-week Meeting Guide feed (issue 27), read as TSML UI reads a
//! record: it lists exactly the sessions the core (and so `convenor
//! agenda`) has in the seven days from the feed's date, with unique
//! slugs that stay the same from week to week.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use convenor_core::{resolve_local, Schedule, Window, Zone};
use convenor_json::{to_meeting_guide, FeedOptions};
use serde_json::{Map, Value};

/// The schedule of issue 27's "Done means": a cancel, a move, an extra,
/// two every-2-weeks meetings (one on, one off its week), a monthly
/// rule, a session past midnight, an in-person meeting.
const DONE_MEANS: &str =
    include_str!("../../../testdata/finders/exact-week.toml");

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Midnight starting `date` in `zone`, as the core resolves it.
fn midnight(zone: Zone, date: NaiveDate) -> DateTime<Utc> {
    resolve_local(zone, date.and_time(NaiveTime::MIN)).0.with_timezone(&Utc)
}

fn feed(s: &Schedule, as_of: NaiveDate) -> Vec<Map<String, Value>> {
    let options = FeedOptions::new(as_of).with_exact_week(true);
    let feed = to_meeting_guide(s, &options).expect("a feed");
    let records: Vec<Value> = serde_json::from_str(&feed.json).unwrap();
    records.into_iter().map(|r| r.as_object().unwrap().clone()).collect()
}

/// Where TSML UI puts a record, as its `loadMeetingData` and `formatIcs`
/// do (code4recovery/tsml-ui, src/helpers/load-meeting-data.ts,
/// src/helpers/format-ics.ts): luxon's `DateTime.fromObject({ weekday,
/// hour, minute }, { zone: timezone })` is that weekday and time in the
/// ISO week (Monday to Sunday) of now in the record's zone, and a start
/// already past is taken a week later; the end is `end_time` on the
/// start's day, or without one the start and its default length
/// (`settings.duration`; 60 minutes taken here).
fn tsml_ui_reading(
    record: &Map<String, Value>,
    now: DateTime<Utc>,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let zone = Zone::get(record["timezone"].as_str().unwrap()).unwrap();
    let local_now = now.with_timezone(&zone).date_naive();
    let monday = local_now
        - Duration::days(i64::from(
            local_now.weekday().num_days_from_monday(),
        ));
    // Meeting Guide: 0 is Sunday; luxon's ISO weekday: 7 is Sunday.
    let iso = match record["day"].as_u64().unwrap() {
        0 => 7,
        d => d,
    };
    let date = monday + Duration::days(iso as i64 - 1);
    let at = |date: NaiveDate, field: &str| {
        let time = NaiveTime::parse_from_str(
            record[field].as_str().unwrap(),
            "%H:%M",
        )
        .unwrap();
        resolve_local(zone, date.and_time(time)).0.with_timezone(&Utc)
    };
    // luxon's `plus({ week: 1 })` keeps the wall-clock time across a
    // clock change: a week later on the calendar.
    let date = match at(date, "time") < now {
        true => date + Duration::days(7),
        false => date,
    };
    let start = at(date, "time");
    let end = match record.get("end_time") {
        Some(_) => at(date, "end_time"),
        None => start + Duration::minutes(60),
    };
    (start, end)
}

/// The sessions (meeting id, start) that the core lists in the seven
/// days from `as_of` in each meeting's zone: what `convenor agenda`
/// prints, cancelled ones left out.
fn core_week(s: &Schedule, as_of: NaiveDate) -> BTreeSet<(String, i64)> {
    let mut out = BTreeSet::new();
    for m in s.meetings() {
        let zone = m.zone();
        let window = Window::new(
            midnight(zone, as_of),
            midnight(zone, as_of + Duration::days(7)),
        )
        .unwrap();
        for o in s.occurrences(window) {
            if o.meeting().id() == m.id() {
                out.insert((m.id().to_string(), o.start_timestamp()));
            }
        }
    }
    out
}

/// The sessions TSML UI shows for a feed, read when it is fresh (at the
/// midnight that starts `as_of` in each record's zone).
fn finder_week(
    s: &Schedule,
    records: &[Map<String, Value>],
    as_of: NaiveDate,
) -> BTreeSet<(String, i64)> {
    let mut out = BTreeSet::new();
    for r in records {
        let slug = r["slug"].as_str().unwrap();
        // A record without a day and time is "by appointment": TSML UI
        // gives it no start (it lists it last, with no time), the
        // Meeting Guide app does not show it. The exact week writes one
        // for a meeting whose sessions of the week are all cancelled or
        // moved away, to carry its notes.
        if r.get("day").is_none() {
            assert!(r.get("time").is_none(), "{slug}: a time without a day");
            assert!(r.get("notes").is_some(), "{slug}: says nothing");
            assert!(
                r.get("conference_url").is_none(),
                "{slug}: a link to join"
            );
            continue;
        }
        // The meeting a slug belongs to: its id, or its id and a date.
        let meeting = s
            .meetings()
            .iter()
            .map(|m| m.id().to_string())
            .filter(|id| slug == id || slug.starts_with(&format!("{id}-")))
            .max_by_key(String::len)
            .unwrap_or_else(|| panic!("slug {slug} names no meeting"));
        let zone = Zone::get(r["timezone"].as_str().unwrap()).unwrap();
        let (start, end) = tsml_ui_reading(r, midnight(zone, as_of));
        // Issue 27: no session ends before it starts in a finder.
        assert!(end > start, "{slug} ends before it starts: {r:?}");
        assert!(
            out.insert((meeting, start.timestamp())),
            "{slug}: listed twice"
        );
    }
    out
}

#[test]
fn done_means_week_is_the_agenda_week() {
    let s = Schedule::from_toml_str(DONE_MEANS).unwrap();
    let as_of = day(2022, 11, 20);
    let records = feed(&s, as_of);
    assert_eq!(finder_week(&s, &records, as_of), core_week(&s, as_of));
    let slugs: BTreeMap<&str, (u64, &str)> = records
        .iter()
        .filter(|r| r.get("day").is_some())
        .map(|r| {
            let slug = r["slug"].as_str().unwrap();
            (slug, (r["day"].as_u64().unwrap(), r["time"].as_str().unwrap()))
        })
        .collect();
    let all: BTreeSet<&str> =
        records.iter().map(|r| r["slug"].as_str().unwrap()).collect();
    assert_eq!(all.len(), records.len(), "slugs are unique");
    // Cancelled: not listed as a session, but a record with no day that
    // says why and when it is back (in the core's short words, with its
    // zone-free dates and the note). Moved: at its new day and time.
    // Extra: its own dated slug. Every 2 weeks: only in its week.
    // Monthly: listed.
    assert!(!slugs.contains_key("thursday-night"), "{slugs:?}");
    let off = records.iter().find(|r| r["slug"] == "thursday-night").unwrap();
    assert_eq!(
        off["notes"],
        "Thursday 24 November: no meeting (Thanksgiving), back on Thursday 1 December"
    );
    assert_eq!(off.get("day"), None);
    assert_eq!(off.get("conference_url"), None);
    let moved = records.iter().find(|r| r["slug"] == "midweek").unwrap();
    assert_eq!(
        moved["notes"],
        "Wednesday 23 November: moves to Tuesday 22 November at 6:00pm Pacific \
         (Thanksgiving eve)"
    );
    assert_eq!(slugs["midweek"], (2, "18:00"));
    assert_eq!(slugs["monday-group"], (1, "17:00"));
    assert_eq!(slugs["monday-group-2022-11-24"], (4, "17:00"));
    assert_eq!(slugs["fortnight-on"], (2, "18:00"));
    assert!(!slugs.contains_key("fortnight-off"), "{slugs:?}");
    assert_eq!(slugs["monthly-business"], (6, "10:00"));
    assert_eq!(slugs["hall"], (0, "10:00"));
    // Past midnight: no `end_time`, the end in the notes with its zone.
    let late = records.iter().find(|r| r["slug"] == "late-night").unwrap();
    assert_eq!(late.get("end_time"), None);
    assert_eq!(late["notes"], "Ends at 1:00am Pacific, the next day");
}

#[test]
fn every_day_of_a_season_is_the_agenda_week() {
    // Each day's feed, over a season with both clock changes, the
    // Thanksgiving week and the fortnightly meetings' weeks on and off.
    let s = Schedule::from_toml_str(DONE_MEANS).unwrap();
    let mut as_of = day(2022, 10, 1);
    while as_of < day(2023, 4, 1) {
        let records = feed(&s, as_of);
        assert_eq!(
            finder_week(&s, &records, as_of),
            core_week(&s, as_of),
            "as of {as_of}"
        );
        as_of += Duration::days(1);
    }
}

#[test]
fn slugs_are_stable_from_week_to_week() {
    let s = Schedule::from_toml_str(DONE_MEANS).unwrap();
    // A weekly meeting with one session in each week: the same slug.
    for as_of in [day(2022, 11, 6), day(2022, 11, 13), day(2022, 11, 27)] {
        let records = feed(&s, as_of);
        let slugs: Vec<&str> =
            records.iter().map(|r| r["slug"].as_str().unwrap()).collect();
        for id in ["midweek", "monday-group", "hall", "late-night"] {
            assert!(slugs.contains(&id), "{as_of}: {slugs:?}");
        }
    }
}

#[test]
fn the_default_feed_lists_each_weekly_meeting_once() {
    let s = Schedule::from_toml_str(DONE_MEANS).unwrap();
    let options = FeedOptions::new(day(2022, 11, 20));
    let feed = to_meeting_guide(&s, &options).unwrap();
    let records: Vec<Value> = serde_json::from_str(&feed.json).unwrap();
    let slugs: Vec<&str> =
        records.iter().map(|r| r["slug"].as_str().unwrap()).collect();
    assert_eq!(
        slugs,
        [
            "thursday-night",
            "midweek",
            "monday-group",
            "fortnight-on",
            "fortnight-off",
            "late-night",
            "hall"
        ]
    );
}

#[test]
fn meetings_in_other_zones_are_each_read_in_their_own_week() {
    // TSML UI reads each record in its own zone: a feed of meetings in
    // Kolkata and Auckland as of one date is each meeting's own week.
    let text = "name = 'x'\ntimezone = 'Asia/Kolkata'\narea = 'Kolkata'\n\
        [[meetings]]\nid = 'k'\nname = 'K'\nweekly = { day = 'monday', time = '00:30' }\n\
        duration = '60m'\nstarts = '2024-01-01'\n\
        [[meetings]]\nid = 'a'\nname = 'A'\ntimezone = 'Pacific/Auckland'\n\
        weekly = { day = 'sunday', time = '23:30' }\nduration = '30m'\nstarts = '2024-01-01'\n";
    let s = Schedule::from_toml_str(text).unwrap();
    for d in 1..=14 {
        let as_of = day(2024, 3, d);
        let records = feed(&s, as_of);
        assert_eq!(finder_week(&s, &records, as_of), core_week(&s, as_of));
    }
}

#[test]
fn the_venue_is_the_location_and_comes_back_on_import() {
    let s = Schedule::from_toml_str(DONE_MEANS).unwrap();
    let options = FeedOptions::new(day(2022, 11, 20));
    let feed = to_meeting_guide(&s, &options).unwrap();
    let records: Vec<Value> = serde_json::from_str(&feed.json).unwrap();
    let hall = records.iter().find(|r| r["slug"] == "hall").unwrap();
    assert_eq!(hall["location"], "St. Luke's Hall");
    assert_eq!(
        hall["formatted_address"],
        "1 Main St, Los Angeles, CA 90012, USA"
    );
    // Online meetings have no venue: no `location`.
    assert!(records
        .iter()
        .filter(|r| r["slug"] != "hall")
        .all(|r| r.get("location").is_none()));
    let import = convenor_json::ImportOptions::new("x", day(2022, 11, 1));
    let imported =
        convenor_json::from_meeting_guide_str(&feed.json, &import).unwrap();
    let hall = imported.schedule.meeting("hall").unwrap();
    assert_eq!(hall.place().venue.as_deref(), Some("St. Luke's Hall"));
    // The TOML writer keeps it, and the file reads back the same.
    let spec = convenor_core::ScheduleSpec::from(&imported.schedule);
    let text = convenor_core::document::to_toml(&spec);
    assert!(text.contains("venue = \"St. Luke's Hall\"\n"), "{text}");
    let again = Schedule::from_toml_str(&text).unwrap();
    assert_eq!(again.meeting("hall").unwrap().place(), hall.place());
}

#[test]
fn the_weekly_feed_warns_of_what_finders_will_show() {
    // What `convenor check` prints of the feed: each meeting the weekly
    // pattern misleads about, what finders show, and `--exact-week`.
    let s = Schedule::from_toml_str(DONE_MEANS).unwrap();
    let feed =
        to_meeting_guide(&s, &FeedOptions::new(day(2022, 11, 20))).unwrap();
    let said: Vec<String> =
        feed.warnings.iter().map(ToString::to_string).collect();
    let about = |id: &str, words: &str| {
        assert!(
            said.iter().any(|w| w.starts_with(&format!("meeting {id}"))
                && w.contains(words)
                && (w.contains("`--exact-week`") || id == "late-night")),
            "{id}: {said:#?}"
        );
    };
    about("thursday-night", "1 cancelled session(s) as usual");
    about("midweek", "1 moved session(s) at the usual day and time");
    about("monday-group", "no extra session (1 to come)");
    about("fortnight-on", "finders list it every week");
    about("fortnight-off", "finders list it every week");
    about("monthly-business", "is left out");
    about("late-night", "leaves it out");
    // The exact week has none of these to say.
    let exact = FeedOptions::new(day(2022, 11, 20)).with_exact_week(true);
    let week = to_meeting_guide(&s, &exact).unwrap();
    assert!(
        week.warnings.iter().all(|w| !w.to_string().contains("--exact-week")),
        "{:?}",
        week.warnings
    );
}

/// One generated meeting of [`prop_the_exact_week_is_the_agenda_week`]:
/// weekday, time (hour, minute), every 1 or 2 weeks, a monthly rule
/// instead (the Nth weekday, 5 for the last), length in minutes, a venue
/// and address or online, and which sessions near the week are
/// cancelled, moved (days and time) or added.
#[derive(Clone, Debug)]
struct Generated {
    day: usize,
    at: (u32, u32),
    every: u32,
    monthly: Option<i32>,
    minutes: u32,
    venue: bool,
    cancel: Option<usize>,
    moved: Option<(usize, i64, (u32, u32))>,
    extra: Option<(i64, (u32, u32))>,
}

fn generated() -> impl proptest::strategy::Strategy<Value = Generated> {
    use proptest::prelude::*;
    // Regular, moved and extra sessions at different minutes, so no two
    // sessions of a meeting start at one instant (the readings below
    // are sets).
    let time = (0u32..24, prop_oneof![Just(0u32), Just(30), Just(45)]);
    (
        (
            0usize..7,
            time,
            1u32..=2,
            proptest::option::weighted(0.25, 1i32..=5),
        ),
        (
            prop_oneof![Just(30u32), Just(60), Just(90), Just(150)],
            any::<bool>(),
        ),
        (
            proptest::option::of(0usize..4),
            proptest::option::of((
                0usize..4,
                -3i64..=3,
                (0u32..24, Just(15u32)),
            )),
            proptest::option::of((-2i64..9, (0u32..24, Just(20u32)))),
        ),
    )
        .prop_map(
            |(
                (day, at, every, monthly),
                (minutes, venue),
                (cancel, moved, extra),
            )| {
                Generated {
                    day,
                    at,
                    every,
                    monthly,
                    minutes,
                    venue,
                    cancel,
                    moved,
                    extra,
                }
            },
        )
}

/// The schedule text of `meetings` in `zone`, starting 60 days before
/// `as_of`, with changes naming sessions by their place among the
/// sessions due from 7 days before `as_of` (`dates`, per meeting).
fn generated_toml(
    zone: &str,
    meetings: &[Generated],
    as_of: NaiveDate,
    dates: Option<&[Vec<NaiveDate>]>,
) -> String {
    const CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    let hm = |(h, m): (u32, u32)| format!("{h:02}:{m:02}");
    let mut text = format!(
        "name = 'Generated'\ntimezone = '{zone}'\narea = 'Somewhere'\n"
    );
    for (i, g) in meetings.iter().enumerate() {
        text +=
            &format!("\n[[meetings]]\nid = 'm{i}'\nname = 'Meeting {i}'\n");
        match g.monthly {
            Some(n) => {
                let n = if n == 5 { -1 } else { n };
                text += &format!(
                    "rrule = 'FREQ=MONTHLY;BYDAY={n}{}'\ntime = '{}'\n",
                    CODES[g.day],
                    hm(g.at)
                );
            }
            None => {
                text += &format!(
                    "weekly = {{ day = '{}', time = '{}', every = {} }}\n",
                    convenor_core::WEEKDAY_NAMES[g.day],
                    hm(g.at),
                    g.every
                );
            }
        }
        text += &format!(
            "duration = '{}m'\nstarts = '{}'\n",
            g.minutes,
            as_of - Duration::days(60)
        );
        if g.venue {
            text += "venue = 'The Hall'\naddress = '1 Main St, Springfield, USA'\n";
        } else {
            text += "tags = ['online']\nonline = { url = 'https://zoom.us/j/1234567890' }\n";
        }
        let Some(dates) = dates.map(|d| &d[i]) else { continue };
        let pick = |n: usize| dates.get(n % dates.len().max(1)).copied();
        let cancelled = g.cancel.and_then(pick);
        if let Some(date) = cancelled {
            text += &format!("\n[[meetings.changes]]\nkind = 'cancel'\ndate = '{date}'\nnote = 'Holiday'\n");
        }
        if let Some((n, days, at)) = g.moved {
            if let Some(date) = pick(n).filter(|d| Some(*d) != cancelled) {
                let to = date + Duration::days(days);
                text += &format!(
                    "\n[[meetings.changes]]\nkind = 'move'\ndate = '{date}'\nto = '{to}T{}'\n",
                    hm(at)
                );
            }
        }
        if let Some((days, at)) = g.extra {
            let on = as_of + Duration::days(days);
            text += &format!(
                "\n[[meetings.changes]]\nkind = 'extra'\nat = '{on}T{}'\n",
                hm(at)
            );
        }
    }
    text
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Issue 27: for generated schedules (cancels, moves, extras, every
    /// 2 weeks on and off, monthly rules, sessions past midnight, venues,
    /// zones with odd offsets and clock changes), the exact-week feed
    /// read as TSML UI reads a record lists exactly the sessions the
    /// core gives for the seven days from its date.
    #[test]
    fn prop_the_exact_week_is_the_agenda_week(
        zone in proptest::sample::select(vec![
            "America/Los_Angeles", "Europe/London", "Asia/Kolkata",
            "Pacific/Auckland", "Australia/Lord_Howe", "America/Santiago",
        ]),
        meetings in proptest::collection::vec(generated(), 1..4),
        offset in 0i64..730,
    ) {
        let as_of = day(2024, 1, 1) + Duration::days(offset);
        let plain = generated_toml(zone, &meetings, as_of, None);
        let base = Schedule::from_toml_str(&plain).unwrap();
        let tz = Zone::get(zone).unwrap();
        let near = Window::new(
            midnight(tz, as_of - Duration::days(7)),
            midnight(tz, as_of + Duration::days(14)),
        ).unwrap();
        let dates: Vec<Vec<NaiveDate>> = base
            .meetings()
            .iter()
            .map(|m| m.occurrences(near).map(|o| o.start().date_naive()).collect())
            .collect();
        let text = generated_toml(zone, &meetings, as_of, Some(&dates));
        // A move onto another change's session is refused: not a case.
        let Ok(s) = Schedule::from_toml_str(&text) else {
            return Err(proptest::test_runner::TestCaseError::reject("changes clash"));
        };
        let records = feed(&s, as_of);
        proptest::prop_assert_eq!(
            finder_week(&s, &records, as_of),
            core_week(&s, as_of),
            "as of {}\n{}",
            as_of,
            text
        );
    }
}
