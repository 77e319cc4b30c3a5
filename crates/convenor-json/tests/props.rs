//! Round trips over random schedules: schedule → JSON → schedule, and
//! Meeting Guide export → import.

use chrono::{Datelike, Duration, NaiveDate};
use convenor_core::{
    ChangeSpec, MeetingSpec, OnlineSpec, Schedule, ScheduleSpec, WeeklySpec,
};
use convenor_json::{FeedOptions, ImportOptions, TypeMap};
use proptest::prelude::*;
use serde_json::Value;

const ZONES: &[&str] = &[
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "UTC",
];
const DAYS: &[&str] = &convenor_core::WEEKDAY_NAMES;
const TAGS: &[&str] =
    &["co-occurring", "open", "closed", "women", "speaker", "DD", "LGBTQ"];

#[derive(Clone, Debug)]
struct Gen {
    day: usize,
    hour: u32,
    minute: u32,
    minutes: u32,
    zone: usize,
    start_offset: i64,
    tags: Vec<usize>,
    name: String,
    cancel_week: Option<i64>,
    reschedule: Option<(i64, u32)>,
    online: bool,
    address: Option<String>,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        (0..7usize, 0..24u32, 0..60u32, 1..=240u32, 0..ZONES.len(), 0..400i64),
        proptest::collection::vec(0..TAGS.len(), 0..4),
        "[A-Za-z][A-Za-z ()'é\"\\\\]{0,30}",
        proptest::option::of(0..10i64),
        proptest::option::of((11..20i64, 0..24u32)),
        any::<bool>(),
        proptest::option::of("[0-9]{1,4} [A-Z][a-z]{2,8} St"),
    )
        .prop_map(
            |(
                (day, hour, minute, minutes, zone, start_offset),
                tags,
                name,
                cancel_week,
                reschedule,
                online,
                address,
            )| Gen {
                day,
                hour,
                minute,
                minutes,
                zone,
                start_offset,
                tags,
                name: name.trim_end().to_string(),
                cancel_week,
                reschedule,
                online,
                address,
            },
        )
}

fn meeting(i: usize, g: &Gen) -> MeetingSpec {
    let starts = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
        + Duration::days(g.start_offset);
    let weekday = starts.weekday().num_days_from_monday() as usize;
    let ahead = (g.day + 7 - weekday) % 7;
    let first = starts + Duration::days(ahead as i64);
    let mut changes = Vec::new();
    if let Some(week) = g.cancel_week {
        changes.push(ChangeSpec {
            kind: "cancel".into(),
            date: Some((first + Duration::weeks(week)).to_string()),
            note: Some(format!("closed \"{week}\"")),
            ..ChangeSpec::default()
        });
    }
    if let Some((week, hour)) = g.reschedule {
        changes.push(ChangeSpec {
            kind: "reschedule".into(),
            effective: Some((first + Duration::weeks(week)).to_string()),
            announced: Some(starts.to_string()),
            time: Some(format!("{hour:02}:30")),
            ..ChangeSpec::default()
        });
    }
    let mut tags: Vec<String> =
        g.tags.iter().map(|&t| TAGS[t].to_string()).collect();
    tags.dedup();
    MeetingSpec {
        id: format!("meeting-{i}"),
        name: g.name.clone(),
        timezone: Some(ZONES[g.zone].to_string()),
        weekly: Some(WeeklySpec {
            day: DAYS[g.day].into(),
            time: None,
            every: None,
        }),
        time: Some(format!("{:02}:{:02}", g.hour, g.minute)),
        duration: format!("{}m", g.minutes),
        starts: starts.to_string(),
        tags,
        online: g.online.then(|| OnlineSpec {
            url: Some(format!("https://example.org/{i}")),
            phone: None,
            notes: Some("Passcode 1234".into()),
        }),
        address: g.address.clone(),
        changes,
        ..MeetingSpec::default()
    }
}

fn schedule(gens: &[Gen]) -> Schedule {
    let spec = ScheduleSpec {
        name: "Random".into(),
        url: Some("https://example.org/".into()),
        timezone: Some("America/Los_Angeles".into()),
        meetings: gens
            .iter()
            .enumerate()
            .map(|(i, g)| meeting(i, g))
            .collect(),
        ..ScheduleSpec::default()
    };
    Schedule::try_from(spec).expect("generated schedules are valid")
}

/// The schedule of `gens` with the schedule's own optional fields set
/// or not, as `head` says: uid_domain, languages, area, type map,
/// reminders, and no url or zone.
fn with_head(gens: &[Gen], head: [bool; 6]) -> Schedule {
    let s = schedule(gens);
    let mut spec = ScheduleSpec::from(&s);
    let [uid, languages, area, types, reminders, bare] = head;
    if uid {
        spec.uid_domain = Some("meetings.example.org".into());
    }
    if languages {
        spec.languages = vec!["en".into(), "es".into()];
    }
    if area {
        spec.area = Some("Los Angeles, CA, USA".into());
    }
    if types {
        spec.meeting_guide_types.insert("speaker".into(), "SP".into());
    }
    if reminders {
        spec.reminders = vec!["15m".into(), "1h".into()];
    }
    if bare {
        spec.url = None;
        spec.timezone = None;
        for (m, own) in spec.meetings.iter_mut().zip(s.meetings()) {
            m.timezone = Some(own.zone().name().to_string());
        }
    }
    Schedule::try_from(spec).expect("generated schedules are valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The schedule file and the Meeting Guide feed written as they are
    /// made (a publish's `schedule.json` and `meeting-guide.json`, issue
    /// 30) are the bytes of the whole-value forms.
    #[test]
    fn prop_schedule_writes_as_its_spec(
        gens in proptest::collection::vec(gen(), 0..5),
        head in any::<[bool; 6]>(),
        pretty in any::<bool>(),
        exact_week in any::<bool>(),
        day in 0..500i64,
    ) {
        let s = with_head(&gens, head);
        let spec = ScheduleSpec::from(&s);
        let whole = match pretty {
            true => serde_json::to_string_pretty(&spec).unwrap() + "\n",
            false => serde_json::to_string(&spec).unwrap(),
        };
        let mut streamed = Vec::new();
        match pretty {
            true => convenor_json::to_writer_pretty(&mut streamed, &s).unwrap(),
            false => convenor_json::to_writer(&mut streamed, &s).unwrap(),
        }
        prop_assert_eq!(String::from_utf8(streamed).unwrap(), whole.clone());
        let text = match pretty {
            true => convenor_json::to_string_pretty(&s),
            false => convenor_json::to_string(&s),
        };
        prop_assert_eq!(text, whole);

        let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Duration::days(day);
        let options = FeedOptions::new(as_of).with_pretty(pretty).with_exact_week(exact_week);
        let feed = convenor_json::to_meeting_guide(&s, &options).expect("export");
        let mut streamed = Vec::new();
        let warnings = convenor_json::meeting_guide_to_writer(&mut streamed, &s, &options)
            .expect("export");
        prop_assert_eq!(String::from_utf8(streamed).unwrap(), feed.json);
        prop_assert_eq!(&warnings, &feed.warnings);
        prop_assert_eq!(&convenor_json::meeting_guide_warnings(&s, &options).unwrap(), &feed.warnings);
        let site = convenor_core::Schedules::new([("a.toml".to_string(), s.clone())]).unwrap();
        let site_feed = convenor_json::schedules_to_meeting_guide(&site, &options).expect("export");
        let mut streamed = Vec::new();
        let warnings = convenor_json::schedules_meeting_guide_to_writer(&mut streamed, &site, &options)
            .expect("export");
        prop_assert_eq!(String::from_utf8(streamed).unwrap(), site_feed.json);
        prop_assert_eq!(&warnings, &site_feed.warnings);
        prop_assert_eq!(&convenor_json::schedules_meeting_guide_warnings(&site, &options).unwrap(), &site_feed.warnings);
    }

    #[test]
    fn prop_schedule_json_round_trips(gens in proptest::collection::vec(gen(), 0..5), pretty in any::<bool>()) {
        let s = schedule(&gens);
        let json = if pretty { convenor_json::to_string_pretty(&s) } else { convenor_json::to_string(&s) };
        let back = convenor_json::from_str(&json).expect("written JSON loads");
        prop_assert_eq!(ScheduleSpec::from(&back), ScheduleSpec::from(&s));
        // And writing again is a fixed point.
        let again = if pretty { convenor_json::to_string_pretty(&back) } else { convenor_json::to_string(&back) };
        prop_assert_eq!(again, json);
    }

    #[test]
    fn prop_meeting_guide_round_trips(gens in proptest::collection::vec(gen(), 1..5)) {
        let s = schedule(&gens);
        let as_of = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
        let types = TypeMap::default();
        let feed = convenor_json::to_meeting_guide(&s, &FeedOptions::new(as_of).with_types(types.clone()))
            .expect("export");
        let opts = ImportOptions::new("Random", as_of).with_types(types.clone());
        let imported = convenor_json::from_meeting_guide_str(&feed.json, &opts).expect("import").schedule;
        prop_assert_eq!(imported.meetings().len(), s.meetings().len());
        let again = convenor_json::to_meeting_guide(&imported, &FeedOptions::new(as_of)).expect("export");
        let first: Value = serde_json::from_str(&feed.json).unwrap();
        let second: Value = serde_json::from_str(&again.json).unwrap();
        for (a, b) in first.as_array().unwrap().iter().zip(second.as_array().unwrap()) {
            for field in ["day", "time", "end_time", "timezone", "name", "slug", "types", "conference_url"] {
                prop_assert_eq!(&a[field], &b[field], "{}", field);
            }
        }
        for (orig, back) in s.meetings().iter().zip(imported.meetings()) {
            prop_assert_eq!(orig.id(), back.id());
            prop_assert_eq!(orig.name(), back.name());
            prop_assert_eq!(orig.zone(), back.zone());
            prop_assert_eq!(orig.segments()[0].rule(), back.rule());
        }
    }
}
