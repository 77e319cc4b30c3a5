//! Bad schedule JSON: every error names its line and column, the meeting
//! and the field, and suggests the nearest valid value where one exists.

use convenor_core::Position;

const MISSPELT_ZONE: &str = r#"{
  "name": "LifeRing Co-Occurring Disorders Meetings",
  "timezone": "America/Los_Angeles",
  "meetings": [
    {
      "id": "co-occurring-saturday",
      "name": "Co-Occurring Disorders (Saturday)",
      "timezone": "America/Los_Angles",
      "weekly": { "day": "saturday", "time": "09:30" },
      "duration": "60m",
      "starts": "2022-11-12"
    }
  ]
}"#;

#[test]
fn misspelt_zone_points_at_the_value() {
    let err = convenor_json::from_str(MISSPELT_ZONE).unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown time zone \"America/Los_Angles\" for meeting co-occurring-saturday \
         (field timezone); did you mean \"America/Los_Angeles\"?"
    );
    let convenor_json::Error::Core(core) = err else { panic!("a core error") };
    assert_eq!(core.position(), Some(Position { line: 8, column: 19 }));
    let p = core.problems().next().unwrap();
    assert_eq!(p.suggestion.as_deref(), Some("America/Los_Angeles"));
}

#[test]
fn nested_change_field_points_at_the_value() {
    let text = MISSPELT_ZONE
        .replace("America/Los_Angles", "America/Los_Angeles")
        .replace(
            r#""starts": "2022-11-12""#,
            "\"starts\": \"2022-11-12\",\n      \"changes\": [\n        { \"kind\": \"cancel\", \"date\": \"2022-11-13\" }\n      ]",
        );
    let err = convenor_json::from_str(&text).unwrap_err();
    assert_eq!(
        convenor_core::Error::from(err).located("f.json").to_string(),
        "f.json:13:37: no session is due on Sunday 2022-11-13 (the nearest are Saturday \
         2022-11-12 and Saturday 2022-11-19) for meeting \
         co-occurring-saturday (field changes[0].date)\n"
    );
}

#[test]
fn unknown_field_suggests_the_nearest() {
    let text = MISSPELT_ZONE.replace("\"starts\"", "\"start\"");
    let err = convenor_json::from_str(&text).unwrap_err();
    let convenor_json::Error::Core(convenor_core::Error::Syntax {
        suggestion,
        position,
        message,
    }) = err
    else {
        panic!("a syntax error")
    };
    assert!(
        message.starts_with("unknown field `start`, expected one of"),
        "{message}"
    );
    assert_eq!(suggestion.as_deref(), Some("starts"));
    assert_eq!(position.map(|p| p.line), Some(11));
}

#[test]
fn wrong_type_and_bad_json_have_positions() {
    let err = convenor_json::from_str("{\n  \"name\": 7\n}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: integer `7`, expected a string"
    );
    assert_eq!(err.position(), Some(Position { line: 2, column: 11 }));
    let err = convenor_json::from_str("{\n  \"name\": \"x\",\n}").unwrap_err();
    assert_eq!(err.to_string(), "trailing comma");
    assert_eq!(err.position(), Some(Position { line: 3, column: 1 }));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!(
        "{{\"name\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(convenor_json::from_str(&deep).is_err());
}

/// Issue 32 item 10: the README lists `90` (minutes) as a duration; a
/// file may give it as a number, in TOML and in JSON, for a meeting and
/// for a change, and it means what the text `"90"` means.
#[test]
fn a_duration_in_whole_minutes_is_read_as_its_text() {
    let toml = r#"
name = "x"
timezone = "Europe/London"

[[meetings]]
id = "sat"
name = "Saturday"
weekly = { day = "saturday", time = "07:00" }
duration = 90
starts = "2022-11-12"

[[meetings.changes]]
kind = "reschedule"
effective = "2022-12-03"
duration = 45
"#;
    let from_toml = convenor_core::Schedule::from_toml_str(toml).unwrap();
    let json = r#"{"name": "x", "timezone": "Europe/London", "meetings": [
        {"id": "sat", "name": "Saturday",
         "weekly": {"day": "saturday", "time": "07:00"},
         "duration": 90, "starts": "2022-11-12",
         "changes": [{"kind": "reschedule", "effective": "2022-12-03", "duration": 45}]}]}"#;
    let from_json = convenor_json::from_str(json).unwrap();
    let text = toml.replace("= 90", "= \"90\"").replace("= 45", "= \"45\"");
    let from_text = convenor_core::Schedule::from_toml_str(&text).unwrap();
    for schedule in [&from_toml, &from_json] {
        let spec = convenor_core::ScheduleSpec::from(schedule);
        assert_eq!(spec, convenor_core::ScheduleSpec::from(&from_text));
        let sat = schedule.meeting("sat").unwrap();
        assert_eq!(sat.duration().minutes(), 90);
        let last = sat.segments().last().unwrap();
        assert_eq!(last.duration().minutes(), 45);
    }
}
