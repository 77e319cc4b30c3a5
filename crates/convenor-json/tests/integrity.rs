//! Arbitrary text (unicode, quotes, backslashes, control characters, CR
//! and LF, a lone BOM) in every free-text field comes back exactly from
//! schedule JSON and from occurrence JSON: JSON can carry any string, so
//! nothing is normalised, dropped or injected. Names must not be empty,
//! and web addresses and phone numbers have their own shapes (issue 12),
//! so those get text of their shape.

use chrono::{TimeZone, Utc};
use convenor_core::{
    ChangeSpec, MeetingSpec, OnlineSpec, Schedule, ScheduleSpec, Window,
};
use convenor_json::OccurrenceOptions;
use proptest::prelude::*;
use serde_json::Value;

/// Text as a person might type it, and worse.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        "[a-z ,;:{}\\[\\]\\\\\"\r\n\t\u{0}\u{7f}\u{feff}\u{2028}]{0,30}",
        Just("\"}, {\"meeting\": \"evil\"".to_string()),
    ]
}

/// A web address with any of the characters URLs carry, on a host DNS
/// can have (every label starts with a letter: a numeric last label, as
/// `http://08`, is read by WHATWG as IPv4 and refused) and a port below
/// 65536: a `WebUrl`.
fn url() -> impl Strategy<Value = String> {
    "https?://[a-z]([a-z0-9-]{0,8}[a-z0-9])?(\\.[a-z][a-z0-9]{0,7}){0,2}(:[0-9]{1,4})?(/[a-zA-Z0-9/?=&%#._~:@!$'()*+,;-]{0,30})?"
}

/// A dial-in number.
fn phone() -> impl Strategy<Value = String> {
    "(tel:)?[+(]?[0-9][0-9 ()+.,;#*/-]{0,20}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn prop_free_text_survives_schedule_and_occurrence_json(
        schedule_name in text(), url in url(), name in text(),
        notes in text(), tag in text(), convenor in text(),
        online_url in url(), phone in phone(), online_notes in text(),
        address in text(), change_note in text(),
    ) {
        // Text around a letter, so never an empty name.
        let (schedule_name, name) = (format!("{schedule_name}S{schedule_name}"), format!("{name}M{name}"));
        let spec = ScheduleSpec {
            name: schedule_name,
            url: Some(url),
            timezone: Some("Europe/London".into()),
            meetings: vec![MeetingSpec {
                id: "m".into(),
                name: name.clone(),
                notes: Some(notes),
                weekly: Some(convenor_core::WeeklySpec {
                    day: "monday".into(),
                    time: None,
                    every: None,
                }),
                // The canonical shape: the time beside `weekly`.
                time: Some("18:00".into()),
                duration: "60m".into(),
                starts: "2024-01-01".into(),
                tags: vec![tag],
                convenors: vec![convenor],
                online: Some(OnlineSpec {
                    url: Some(online_url),
                    phone: Some(phone),
                    notes: Some(online_notes),
                }),
                address: Some(address),
                changes: vec![ChangeSpec {
                    kind: "cancel".into(),
                    date: Some("2024-01-08".into()),
                    note: Some(change_note.clone()),
                    ..ChangeSpec::default()
                }],
                ..MeetingSpec::default()
            }],
            ..ScheduleSpec::default()
        };
        let schedule = Schedule::try_from(spec.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Schedule JSON, compact and pretty: the same spec back, every
        // text intact.
        prop_assert_eq!(ScheduleSpec::from(&schedule), spec.clone());
        for json in [convenor_json::to_string(&schedule), convenor_json::to_string_pretty(&schedule)] {
            let back = convenor_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(ScheduleSpec::from(&back), spec.clone());
        }
        // Occurrence JSON: the name and the change's note, exactly.
        let window = Window::new(
            Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2024, 1, 16, 0, 0, 0).unwrap(),
        ).unwrap();
        let json = convenor_json::occurrences_to_string(
            schedule.occurrences(window).with_cancelled(),
            &OccurrenceOptions::new(),
        );
        let records: Vec<Value> = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(records.len(), 3, "{}", json);
        for r in &records {
            prop_assert_eq!(r["meeting"].as_str(), Some("m"));
            prop_assert_eq!(r["name"].as_str(), Some(name.as_str()));
        }
        prop_assert_eq!(records[1]["status"].as_str(), Some("cancelled"));
        prop_assert_eq!(records[1]["note"].as_str(), Some(change_note.as_str()));
    }
}
