//! `convenor import ics`: the seed's own feed comes back as the seed's
//! meetings; bad calendars are bad input with file:line:column; warnings
//! name line, UID and property; `--from` leaves out what ended.

use crate::{convenor, scratch, stdout};

#[test]
fn the_seed_feed_imports_back_to_the_seed_sessions() {
    let dir = scratch("import-ics");
    let feed = dir.path().join("seed.ics");
    let feed_s = feed.display().to_string();
    stdout(&["ics", "--example", "--now", "2022-11-01", "-o", &feed_s]);
    let out = convenor(&["import", "ics", &feed_s]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.ends_with("seed.ics: imported 6 meetings\n"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let toml = dir.path().join("seed.toml");
    std::fs::write(&toml, &out.stdout).unwrap();
    let toml_s = toml.display().to_string();
    // The same sessions, day by day, 2022-10-30 to 2024-12-31.
    let agenda = |file: Option<&str>| {
        let mut args = vec![
            "agenda",
            "--from",
            "2022-10-30",
            "--to",
            "2024-12-31",
            "--tz",
            "UTC",
            "--format",
            "json",
            "--cancelled",
        ];
        args.extend(file);
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&args)).unwrap();
        let mut sessions: Vec<(String, String, String)> = json
            .as_array()
            .or_else(|| json["occurrences"].as_array())
            .expect("a list of sessions")
            .iter()
            .map(|o| {
                let s = |k: &str| o[k].as_str().unwrap_or("").to_string();
                (s("start"), s("end"), s("status"))
            })
            .collect();
        sessions.sort();
        sessions
    };
    let (seed, back) = (agenda(None), agenda(Some(&toml_s)));
    assert!(seed.len() > 600, "{}", seed.len());
    assert_eq!(seed, back);
}

#[test]
fn bad_calendars_are_bad_input_at_a_line_and_column() {
    let cases = [
        ("truncated.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n", ":4:1: the calendar ends inside BEGIN:VEVENT of line 2 (END:VEVENT expected)"),
        ("nesting.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", ":3:1: END:VCALENDAR closes BEGIN:VEVENT of line 2"),
        (
            "zone.ics",
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@b\r\nDTSTART;TZID=America/Los_Angles:20240101T100000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            ":4:1: event \"a@b\", DTSTART: unknown time zone \"America/Los_Angles\"; expected an IANA name such as America/Los_Angeles or a Windows name such as Pacific Standard Time; did you mean \"America/Los_Angeles\"?",
        ),
    ];
    let dir = scratch("import-ics");
    for (name, text, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = convenor(&["import", "ics", &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The message, then the calendar's line with a caret.
        let expected = format!("convenor: {}{message}\n", path.display());
        assert!(stderr.starts_with(&expected), "{name}: {stderr}");
        assert!(stderr[expected.len()..].contains("^\n"), "{name}: {stderr}");
    }
}

#[test]
fn warnings_name_line_uid_and_property_and_from_drops_the_past() {
    let text = "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Group\r\n\
        BEGIN:VEVENT\r\nUID:old@x\r\nSUMMARY:Old\r\nDTSTART;TZID=Europe/London:20200106T190000\r\n\
        DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:new@x\r\nSUMMARY:New\r\nDTSTART;TZID=Europe/London:20240108T190000\r\n\
        DURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nATTENDEE:mailto:a@x\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:day@x\r\nSUMMARY:Picnic\r\nDTSTART;VALUE=DATE:20240601\r\nEND:VEVENT\r\n\
        END:VCALENDAR\r\n";
    let dir = scratch("import-ics");
    let path = dir.path().join("warnings.ics");
    std::fs::write(&path, text).unwrap();
    let p = path.display().to_string();
    let out = convenor(&["import", "ics", &p, "--from", "2023-01-01"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("convenor: warning: {p}:16:1: event \"new@x\", ATTENDEE: attendees are not kept")), "{stderr}");
    assert!(stderr.contains(&format!("convenor: warning: {p}:21:1: event \"day@x\", DTSTART: an all-day event (VALUE=DATE)")), "{stderr}");
    assert!(
        stderr
            .contains("imported 1 meeting (1 ended before --from, left out)"),
        "{stderr}"
    );
    let schedule = convenor::Schedule::from_toml_str(
        &String::from_utf8_lossy(&out.stdout),
    )
    .unwrap();
    assert_eq!(schedule.name(), "Group");
    let ids: Vec<&str> =
        schedule.meetings().iter().map(|m| m.id().as_str()).collect();
    assert_eq!(ids, ["new"]);
}
