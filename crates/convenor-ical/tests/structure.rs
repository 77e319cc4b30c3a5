//! The rules real clients care about, checked on every golden feed: CRLF
//! only, lines of at most 75 octets, balanced components, required
//! properties, a VTIMEZONE for every TZID, UNTIL in UTC.

use convenor_ical::__private::{parse, Component};

use crate::golden::{opts, schedules};

fn check(name: &str, ics: &str) {
    assert!(ics.ends_with("\r\n"), "{name}: no final CRLF");
    for (n, line) in ics.split("\r\n").enumerate() {
        assert!(!line.contains(['\r', '\n']), "{name}:{n}: a bare CR or LF");
        assert!(line.len() <= 75, "{name}:{n}: {} octets", line.len());
    }
    let cal = parse(ics).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(cal.name, "VCALENDAR");
    for required in ["VERSION", "PRODID", "CALSCALE", "METHOD"] {
        assert!(cal.property(required).is_some(), "{name}: no {required}");
    }
    let declared: Vec<String> = cal
        .all("VTIMEZONE")
        .map(|tz| tz.property("TZID").expect("a TZID").value.clone())
        .collect();
    let mut uids_of_masters = Vec::new();
    for event in cal.all("VEVENT") {
        for required in ["UID", "DTSTAMP", "DTSTART", "SEQUENCE", "SUMMARY"] {
            assert!(
                event.property(required).is_some(),
                "{name}: a VEVENT without {required}"
            );
        }
        let lengths = ["DTEND", "DURATION"]
            .iter()
            .filter(|p| event.property(p).is_some())
            .count();
        assert_eq!(lengths, 1, "{name}: DTEND or DURATION, exactly one");
        assert!(event.property("DTSTAMP").unwrap().value.ends_with('Z'));
        for p in &event.properties {
            if let Some(tzid) = p.param("TZID") {
                assert!(
                    declared.iter().any(|d| d == tzid),
                    "{name}: TZID {tzid} undeclared"
                );
            }
        }
        if let Some(rule) = event.property("RRULE") {
            if let Some(until) =
                rule.value.split(';').find_map(|p| p.strip_prefix("UNTIL="))
            {
                assert!(
                    until.ends_with('Z'),
                    "{name}: UNTIL {until} not in UTC"
                );
            }
            assert!(
                !(rule.value.contains("COUNT=")
                    && rule.value.contains("UNTIL="))
            );
            uids_of_masters.push(event.property("UID").unwrap().value.clone());
        }
        assert_no_unknown_components(event);
    }
    let mut sorted = uids_of_masters.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        uids_of_masters.len(),
        "{name}: two series share a UID"
    );
}

fn assert_no_unknown_components(event: &Component) {
    assert!(event.components.is_empty(), "a VEVENT with sub-components");
}

#[test]
fn every_golden_feed_is_well_formed() {
    for (name, schedule) in schedules() {
        check(&name, &convenor_ical::to_string(&schedule, &opts()));
        for meeting in schedule.meetings() {
            let one = convenor_ical::meeting_to_string(
                &schedule,
                meeting.id().as_str(),
                &opts(),
            )
            .expect("a known id");
            check(&format!("{name}/{}", meeting.id()), &one);
        }
    }
}

/// A writer that counts the writes it is given.
struct Counting {
    bytes: Vec<u8>,
    writes: usize,
}

impl std::io::Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writes += 1;
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_feed_written_as_it_is_made_is_the_whole_feed_in_pieces() {
    // 600 meetings: about 300 KB, several chunks.
    let mut text =
        String::from("name = 'Many'\nurl = 'https://many.example/'\n");
    for i in 0..600 {
        let day = ["monday", "tuesday", "wednesday"][i % 3];
        let zone = ["America/Los_Angeles", "Europe/London"][i % 2];
        text.push_str(&format!(
            "[[meetings]]\nid = 'm{i}'\nname = 'Meeting {i}'\ntimezone = '{zone}'\n\
             weekly = {{ day = '{day}', time = '19:00' }}\nduration = '60m'\nstarts = '2024-01-0{}'\n",
            1 + i % 7
        ));
    }
    let schedule = convenor_core::Schedule::from_toml_str(&text).unwrap();
    let opts = opts();
    let whole = convenor_ical::to_string(&schedule, &opts);
    let mut out = Counting { bytes: Vec::new(), writes: 0 };
    convenor_ical::to_writer(&mut out, &schedule, &opts).unwrap();
    assert_eq!(String::from_utf8(out.bytes).unwrap(), whole);
    assert!(out.writes >= whole.len() / (80 * 1024), "{} writes", out.writes);
    assert!(
        out.writes <= whole.len() / (60 * 1024) + 1,
        "{} writes",
        out.writes
    );
    check("600 meetings", &whole);
}
