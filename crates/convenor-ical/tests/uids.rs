//! UIDs name series, and an edit never hands a UID to another series:
//! across every combination of a few edits (reschedules, a cancel, a
//! move, an extra session, an end), the same UID always means the same
//! meeting and the same segment (the stretch starting on the same date),
//! or the same extra session. Overrides (RECURRENCE-ID) share their
//! series' UID, as RFC 5545 §3.8.4.4 requires, and are left out.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use convenor_core::Schedule;
use convenor_ical::{__private::parse, IcalOptions};

const HEAD: &str = r#"name = "x"
timezone = "America/Los_Angeles"

[[meetings]]
id = "sun"
name = "Sunday"
weekly = { day = "sunday", time = "17:00" }
duration = "60m"
starts = "2022-11-13"

[[meetings]]
id = "sat"
name = "Saturday"
weekly = { day = "saturday", time = "07:00" }
duration = "60m"
starts = "2022-11-12"
"#;

const EDITS: [&str; 6] = [
    "kind = \"reschedule\"\neffective = \"2022-12-03\"\ntime = \"08:00\"",
    "kind = \"reschedule\"\neffective = \"2023-01-07\"\nday = \"sunday\"",
    "kind = \"cancel\"\ndate = \"2022-11-19\"",
    "kind = \"move\"\ndate = \"2022-11-26\"\nto = \"2022-11-27T07:00\"",
    "kind = \"extra\"\nat = \"2022-11-16T07:00\"",
    "kind = \"end\"\neffective = \"2023-03-01\"",
];

/// What a series is, independent of its UID.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Series {
    Segment { meeting: String, from: NaiveDate },
    Extra { meeting: String, at: NaiveDateTime },
}

/// UID → series of every VEVENT that is not an override.
fn series(schedule: &Schedule) -> BTreeMap<String, Series> {
    let now = Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap();
    let ics = convenor_ical::to_string(schedule, &IcalOptions::new(now));
    let calendar = parse(&ics).expect("our output parses");
    let mut all = BTreeMap::new();
    for event in calendar.all("VEVENT") {
        if event.property("RECURRENCE-ID").is_some() {
            continue;
        }
        let uid = event.property("UID").expect("a UID").value.clone();
        let name = event.property("SUMMARY").expect("a SUMMARY").text();
        let meeting =
            schedule.meetings().iter().find(|m| m.name() == name).unwrap();
        let start = NaiveDateTime::parse_from_str(
            &event.property("DTSTART").expect("a DTSTART").value,
            "%Y%m%dT%H%M%S",
        )
        .expect("a local DTSTART");
        let id = meeting.id().to_string();
        let s = if event.property("RRULE").is_some() {
            let segment = meeting.segment_on(start.date()).expect("a segment");
            Series::Segment { meeting: id, from: segment.from() }
        } else {
            Series::Extra { meeting: id, at: start }
        };
        let before = all.insert(uid.clone(), s);
        assert!(before.is_none(), "{uid} names two series");
    }
    all
}

#[test]
fn no_edit_gives_a_uid_to_another_series() {
    let mut versions = Vec::new();
    for mask in 0..(1u32 << EDITS.len()) {
        let mut text = HEAD.to_string();
        for (i, edit) in EDITS.iter().enumerate() {
            if mask & (1 << i) != 0 {
                text.push_str(&format!("\n[[meetings.changes]]\n{edit}\n"));
            }
        }
        let schedule = Schedule::from_toml_str(&text)
            .unwrap_or_else(|e| panic!("edits {mask:b}: {e}"));
        versions.push((mask, series(&schedule)));
    }
    assert_eq!(versions.len(), 64);
    for (a, before) in &versions {
        for (b, after) in &versions {
            for (uid, s) in before {
                if let Some(t) = after.get(uid) {
                    assert_eq!(s, t, "{uid}: edits {a:b} vs {b:b}");
                }
            }
        }
    }
}

/// A meeting id that is another meeting's id plus a date keeps its own
/// UID: a later series' UID joins the id and its first date with `--`,
/// which no id can contain.
#[test]
fn an_id_like_a_later_series_keeps_its_own_uid() {
    let text = format!(
        "{HEAD}\n[[meetings.changes]]\n{}\n\n[[meetings]]\nid = \"sat-20221203\"\n\
         name = \"Other\"\nweekly = {{ day = \"monday\", time = \"07:00\" }}\n\
         duration = \"60m\"\nstarts = \"2022-11-12\"\n",
        EDITS[0]
    );
    let schedule = Schedule::from_toml_str(&text).expect("a valid schedule");
    // `series` asserts that no UID names two series.
    let all = series(&schedule);
    let uid = |prefix: &str| all.keys().any(|u| u.starts_with(prefix));
    assert!(uid("sat--20221203@"), "{all:?}");
    assert!(uid("sat-20221203@"), "{all:?}");
}
