//! Arbitrary text in every free-text field (unicode, commas, semicolons,
//! backslashes, CR and LF) survives export and parse, and never adds a
//! component or a property.

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use convenor_core::{
    LocalTime, Meeting, MeetingDuration, MeetingId, Online, Place, Rule,
    Schedule, Zone,
};
use convenor_ical::{__private::parse, IcalOptions};
use proptest::prelude::*;

/// Text as a person might type it, and worse.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,60}",
        "[a-z ,;:\\\\\"\r\n\t]{0,40}",
        Just("END:VEVENT\r\nBEGIN:VEVENT".to_string()),
        Just("x\r\nATTACH:evil".to_string()),
    ]
}

/// The same text after RFC 5545 TEXT: line breaks become `\n`, other
/// control characters are dropped.
fn normalised(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn prop_free_text_round_trips(
        name in text(), notes in text(), convenor in text(), tag in text(),
        path in "[a-zA-Z0-9/?=&%._~-]{0,24}", address in text(), schedule_name in text(),
    ) {
        let meeting = Meeting::new(
            MeetingId::new("m").unwrap(),
            name.clone(),
            "Europe/London".parse::<Zone>().unwrap(),
            Rule::weekly(Weekday::Mon, LocalTime::constant(18, 0)),
            MeetingDuration::new(60).unwrap(),
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        )
        .with_notes(notes.clone())
        .with_convenors(vec![convenor.clone()])
        .with_tags(vec![tag.clone(), "open".to_string()])
        .with_place(Place {
            // A link is a checked `WebUrl`, never free text (issue 25).
            online: Some(Online { url: Some(format!("https://example.org/{path}").parse().unwrap()), phone: None, notes: None }),
            venue: None,
            address: Some(address.clone()),
            area: None,
        });
        let schedule = Schedule::new(schedule_name.clone(), None, vec![meeting]).unwrap();
        let opts = IcalOptions::new(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap());
        let ics = convenor_ical::to_string(&schedule, &opts);

        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75);
            prop_assert!(!line.contains(['\r', '\n']));
        }
        let cal = parse(&ics).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(cal.components.len(), 2, "one VTIMEZONE, one VEVENT");
        let event = cal.all("VEVENT").next().unwrap();
        let allowed = [
            "UID", "DTSTAMP", "SEQUENCE", "DTSTART", "DURATION", "RRULE", "SUMMARY",
            "DESCRIPTION", "LOCATION", "URL", "CONFERENCE", "CATEGORIES", "STATUS",
        ];
        for p in &event.properties {
            prop_assert!(allowed.contains(&p.name.as_str()), "injected {}", p.name);
        }
        prop_assert_eq!(event.property("SUMMARY").unwrap().text(), normalised(&name));
        prop_assert_eq!(event.property("LOCATION").unwrap().text(), normalised(&address));
        prop_assert_eq!(cal.property("NAME").unwrap().text(), normalised(&schedule_name));
        let description = event.property("DESCRIPTION").unwrap().text();
        prop_assert!(description.contains(&normalised(&notes)));
        prop_assert!(description.contains(&normalised(&convenor)));
    }
}
