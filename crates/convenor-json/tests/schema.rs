//! The schedule file's JSON Schema accepts the seed and every testdata
//! schedule, and rejects files that the loader rejects for their shape.

use serde_json::{json, Value};

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&convenor_json::schedule_schema())
        .expect("the generated schema is a valid JSON Schema")
}

/// A TOML schedule table as the JSON a program would write.
fn toml_to_json(text: &str) -> Value {
    let spec: convenor_core::ScheduleSpec =
        toml::from_str(text).expect("valid TOML schedule");
    serde_json::to_value(spec).expect("a spec serializes")
}

fn seed_json() -> Value {
    let text = include_str!("../../../data/lifering-co-occurring.toml");
    toml_to_json(text)
}

#[test]
fn accepts_the_seed() {
    let v = validator();
    let seed = seed_json();
    assert!(
        v.is_valid(&seed),
        "{:?}",
        v.iter_errors(&seed).map(|e| e.to_string()).collect::<Vec<_>>()
    );
    // The JSON the crate writes, too.
    let written: Value =
        serde_json::from_str(&convenor_json::to_string(&crate::seed()))
            .unwrap();
    assert!(v.is_valid(&written));
}

#[test]
fn accepts_every_testdata_schedule() -> Result<(), Box<dyn std::error::Error>>
{
    let v = validator();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/cases");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let case: toml::Table =
            toml::from_str(&std::fs::read_to_string(&path)?)?;
        let schedule =
            case.get("schedule").ok_or("a case has a schedule table")?;
        let value = serde_json::to_value(schedule)?;
        let errors: Vec<String> =
            v.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        // And the loader agrees.
        convenor_json::from_str(&value.to_string())?;
        seen += 1;
    }
    assert!(seen >= 9, "found only {seen} cases");
    Ok(())
}

#[test]
fn rejects_bad_shapes() {
    let v = validator();
    let mut bad: Vec<(&str, Value)> = Vec::new();
    let mut unknown_top = seed_json();
    unknown_top["timezon"] = json!("America/Los_Angeles");
    bad.push(("unknown top-level field", unknown_top));
    let mut unknown_meeting = seed_json();
    unknown_meeting["meetings"][0]["start"] = json!("2022-10-01");
    bad.push(("unknown meeting field", unknown_meeting));
    let mut unknown_weekly = seed_json();
    unknown_weekly["meetings"][0]["weekly"]["days"] = json!("sunday");
    bad.push(("unknown weekly field", unknown_weekly));
    let mut wrong_type = seed_json();
    // A whole number of minutes is a duration (issue 32 item 10); a
    // fraction is not.
    wrong_type["meetings"][0]["duration"] = json!(1.5);
    bad.push(("duration as a fraction", wrong_type));
    let mut minutes = seed_json();
    minutes["meetings"][0]["duration"] = json!(60);
    assert!(v.is_valid(&minutes), "the schema refuses duration = 60");
    assert!(convenor_json::from_str(&minutes.to_string()).is_ok());
    let mut wrong_tags = seed_json();
    wrong_tags["meetings"][0]["tags"] = json!("open");
    bad.push(("tags as a string", wrong_tags));
    let mut no_name = seed_json();
    no_name.as_object_mut().unwrap().remove("name");
    bad.push(("missing schedule name", no_name));
    let mut no_starts = seed_json();
    no_starts["meetings"][1].as_object_mut().unwrap().remove("starts");
    bad.push(("missing meeting starts", no_starts));
    let mut bad_kind = seed_json();
    bad_kind["meetings"][5]["changes"][0]["kind"] = json!("postpone");
    bad.push(("unknown change kind", bad_kind));
    let mut negative_every = seed_json();
    negative_every["meetings"][0]["weekly"]["every"] = json!(-2);
    bad.push(("negative cadence", negative_every));
    for (what, value) in bad {
        assert!(!v.is_valid(&value), "the schema accepts a file with {what}");
        // The loader rejects the same files.
        assert!(
            convenor_json::from_str(&value.to_string()).is_err(),
            "{what}"
        );
    }
}

/// Issue 32 item 11: `uid_domain` is in the schema, is read from JSON,
/// written back to JSON and by the TOML writer, and gives the UIDs'
/// domain; a value that is not a host name is an error at its field.
#[test]
fn uid_domain_round_trips() {
    let text = "name = \"x\"\nurl = \"https://new.example.net/\"\n\
                uid_domain = \"example.org\"\ntimezone = \"UTC\"\nmeetings = []\n";
    let json = toml_to_json(text);
    assert!(validator().is_valid(&json));
    let schedule =
        convenor_json::from_str(&json.to_string()).expect("valid JSON");
    assert_eq!(schedule.uid_domain(), Some("example.org"));
    assert_eq!(schedule.calendar_domain(), "example.org");
    let written: Value =
        serde_json::from_str(&convenor_json::to_string(&schedule)).unwrap();
    assert_eq!(written["uid_domain"], json!("example.org"));
    let toml = convenor_core::document::to_toml(
        &convenor_core::ScheduleSpec::from(&schedule),
    );
    let again = convenor_core::Schedule::from_toml_str(&toml).unwrap();
    assert_eq!(again.uid_domain(), Some("example.org"));
    let bad = json!({"name": "x", "uid_domain": "https://example.org/", "meetings": []});
    let err = convenor_json::from_str(&bad.to_string()).unwrap_err();
    assert!(err.to_string().contains("uid_domain"), "{err}");
}
