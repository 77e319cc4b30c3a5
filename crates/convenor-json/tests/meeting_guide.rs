//! Meeting Guide feeds: the spec's own example records import, and the
//! export of the seed says what the spec cannot.

use chrono::NaiveDate;
use convenor_json::{
    from_meeting_guide_str, to_meeting_guide, FeedOptions, FeedWarning,
    ImportOptions,
};
use serde_json::Value;

use crate::seed;

/// The example record of the spec's "Specification" section, with the
/// online-meeting fields of its "Online Meeting Fields" section on a
/// second record and a by-appointment third one.
/// Source: https://github.com/code4recovery/spec (README.md)
const SPEC_FEED: &str = r#"[
	{
		"name": "Sunday Serenity",
		"slug": "sunday-serenity-14",
		"day": 0,
		"time": "18:00",
		"end_time": "19:30",
		"location": "Alano Club",
		"group": "The Serenity Group",
		"notes": "Ring buzzer. Meeting is on the 2nd floor.",
		"updated": "2014-05-31 14:32:23",
		"url": "https://district123.org/meetings/sunday-serenity",
		"types": [
			"O",
			"T",
			"LGBTQ"
		],
		"address": "123 Main Street",
		"city": "Anytown",
		"state": "CA",
		"postal_code": "98765",
		"country": "US",
		"approximate": "no",
		"entity": "District 123",
		"entity_email": "info@district123.org",
		"entity_feedback_emails": [
			"meetingupdates@district123.org"
		],
		"entity_location": "Example County, California",
		"entity_logo": "https://district123.org/images/logo.svg",
		"entity_phone": "+1-123-456-7890",
		"entity_url": "https://district123.org"
	},
	{
		"name": "Online Serenity",
		"slug": 15,
		"day": [1, 3],
		"time": "07:00",
		"timezone": "America/New_York",
		"types": ["C", "ONL"],
		"conference_url": "https://zoom.us/j/123456789",
		"conference_url_notes": "Password: serenity",
		"conference_phone": "+16465588656,,123456789#",
		"formatted_address": "Chicago, IL, USA"
	},
	{ "name": "By appointment", "slug": "appointment" }
]"#;

fn options() -> ImportOptions {
    ImportOptions::new(
        "District 123",
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    )
    .with_timezone(
        "America/Los_Angeles".parse::<convenor_core::Zone>().unwrap(),
    )
}

#[test]
fn spec_example_records_import() -> Result<(), convenor_json::Error> {
    let imported = from_meeting_guide_str(SPEC_FEED, &options())?;
    let not_kept = [
        "entity_email",
        "entity_feedback_emails",
        "entity_location",
        "entity_logo",
        "entity_phone",
        "group",
        "updated",
    ];
    assert_eq!(
        imported.warnings,
        [
            FeedWarning::ByAppointment {
                index: 2,
                slug: Some("appointment".into())
            },
            FeedWarning::NotKept {
                fields: not_kept.map(|f| (f.to_string(), 1)).to_vec()
            }
        ]
    );
    let s = imported.schedule;
    let ids: Vec<&str> =
        s.meetings().iter().map(|m| m.id().as_str()).collect();
    assert_eq!(ids, ["sunday-serenity-14", "15-1", "15-3"]);

    let sunday = &s.meetings()[0];
    assert_eq!(sunday.name(), "Sunday Serenity");
    assert_eq!(sunday.rule().to_string(), "every sunday at 18:00");
    assert_eq!(sunday.duration().minutes(), 90);
    assert_eq!(
        sunday.zone(),
        "America/Los_Angeles".parse::<convenor_core::Zone>().unwrap()
    );
    assert_eq!(sunday.tags(), ["open", "T", "lgbtq"]);
    assert_eq!(
        sunday.notes(),
        Some("Ring buzzer. Meeting is on the 2nd floor.")
    );
    assert_eq!(
        sunday.place().address.as_deref(),
        Some("123 Main Street, Anytown, CA, 98765, US")
    );
    assert!(sunday.place().online.is_none());
    // In person: `location` is the venue.
    assert_eq!(sunday.place().venue.as_deref(), Some("Alano Club"));

    let monday = &s.meetings()[1];
    assert_eq!(monday.rule().to_string(), "every monday at 07:00");
    assert_eq!(monday.duration().minutes(), 60, "the spec's default length");
    assert_eq!(
        monday.zone(),
        "America/New_York".parse::<convenor_core::Zone>().unwrap()
    );
    assert_eq!(monday.tags(), ["closed", "online"]);
    let online = monday.place().online.as_ref().unwrap();
    assert_eq!(
        online.url.as_ref().map(|u| u.as_str()),
        Some("https://zoom.us/j/123456789")
    );
    assert_eq!(online.phone.as_deref(), Some("+16465588656,,123456789#"));
    assert_eq!(online.notes.as_deref(), Some("Password: serenity"));
    // Three parts: a place, not an address, as meeting finders read it.
    assert_eq!(monday.place().area.as_deref(), Some("Chicago, IL, USA"));
    assert_eq!(monday.place().address, None);
    assert_eq!(monday.place().venue, None);
    assert_eq!(s.meetings()[2].rule().to_string(), "every wednesday at 07:00");

    // And it exports back to the same days, times and types.
    let feed = to_meeting_guide(
        &s,
        &FeedOptions::new(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()),
    )?;
    let records: Value = serde_json::from_str(&feed.json).unwrap();
    assert_eq!(records[0]["day"], 0);
    assert_eq!(records[0]["end_time"], "19:30");
    assert_eq!(records[0]["location"], "Alano Club");
    assert_eq!(records[0]["types"], serde_json::json!(["LGBTQ", "O", "T"]));
    assert_eq!(records[2]["day"], 3);
    assert_eq!(records[2]["conference_url_notes"], "Password: serenity");
    Ok(())
}

#[test]
fn bad_records_are_skipped_with_record_and_field() {
    let skipped = |text: &str| -> Vec<String> {
        let imported = from_meeting_guide_str(text, &options()).unwrap();
        imported.warnings.iter().map(ToString::to_string).collect()
    };
    let good = r#"{"name": "ok", "slug": "ok", "day": 2, "time": "18:00", "timezone": "UTC"}"#;
    let feed = |bad: &str| format!("[{bad}, {good}]");
    assert_eq!(
        skipped(&feed(r#"{"name": "x", "slug": "x", "day": 1, "time": "18:00", "timezone": "America/Los_Angles"}"#)),
        ["record 0 (x) is left out: invalid `timezone`: unknown time zone \"America/Los_Angles\"; \
          did you mean \"America/Los_Angeles\"?"]
    );
    assert_eq!(
        skipped(&feed(r#"{"name": "x", "slug": "x", "day": 1, "time": "6pm"}"#)),
        ["record 0 (x) is left out: invalid `time`: \"6pm\" is not a 24-hour `HH:MM` time"]
    );
    assert_eq!(
        skipped(&feed(r#"{"slug": "x", "day": 1, "time": "18:00"}"#)),
        ["record 0 (x) is left out: invalid `name`: missing (the spec requires it)"]
    );
    assert_eq!(
        skipped(&feed(r#"{"name": "a", "slug": "ok", "day": 1, "time": "18:00"}"#)),
        ["record 1 (ok) is left out: invalid `slug`: ok is already taken by an earlier record"]
    );
    // The good record is imported each time.
    for bad in
        [r#"{"name": "x", "slug": "x", "day": 9, "time": "18:00"}"#, "{}"]
    {
        let imported = from_meeting_guide_str(&feed(bad), &options()).unwrap();
        assert_eq!(imported.schedule.meetings().len(), 1, "{bad}");
        assert_eq!(imported.warnings.len(), 1, "{bad}");
    }
    // Without a default zone, a record without one is skipped.
    let no_default =
        ImportOptions::new("x", NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    let imported = from_meeting_guide_str(
        r#"[{"name": "x", "slug": "x", "day": 1, "time": "18:00"}]"#,
        &no_default,
    )
    .unwrap();
    assert_eq!(
        imported.warnings[0].to_string(),
        "record 0 (x) is left out: invalid `timezone`: missing, and no default zone was given to the import"
    );
    // Not JSON at all is an error.
    let err =
        from_meeting_guide_str(r#"{"name": "x"}"#, &options()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid meeting guide feed: invalid type: map, expected a sequence"
    );
    assert_eq!(err.position().map(|p| (p.line, p.column)), Some((1, 1)));
}

#[test]
fn several_days_become_one_meeting_each_with_finders_slugs() {
    let feed = r#"[{"name": "Daily", "slug": "daily", "day": [1, 3], "time": "07:00",
        "timezone": "UTC", "conference_url": "https://zoom.us/j/1",
        "formatted_address": "Leeds, UK", "location": "Online", "regions": ["North"],
        "latitude": 53.8, "group": "G", "updated": "2024-01-01 00:00:00"}]"#;
    let imported = from_meeting_guide_str(feed, &options()).unwrap();
    let ids: Vec<&str> =
        imported.schedule.meetings().iter().map(|m| m.id().as_str()).collect();
    assert_eq!(ids, ["daily-1", "daily-3"]);
    let m = &imported.schedule.meetings()[0];
    assert_eq!(m.place().area.as_deref(), Some("Leeds, UK"));
    assert_eq!(m.place().address, None);
    assert_eq!(
        imported.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["fields the schedule file has no place for were not imported: \
          group (1), latitude (1), location (1), regions (1), updated (1)"]
    );
}

#[test]
fn seed_export_warnings_are_honest() -> Result<(), convenor_json::Error> {
    let feed = to_meeting_guide(
        &seed(),
        &FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap()),
    )?;
    // HWYW has no type code; the seed lists no conference link; each
    // name says its weekday. The seed's area gives every record a place.
    let count = |f: fn(&FeedWarning) -> bool| {
        feed.warnings.iter().filter(|w| f(w)).count()
    };
    let hwyw = count(
        |w| matches!(w, FeedWarning::UnmappedTag { tag, .. } if tag == "HWYW"),
    );
    let no_link = count(|w| matches!(w, FeedWarning::NoConference { .. }));
    let weekday = count(|w| matches!(w, FeedWarning::WeekdayInName { .. }));
    assert_eq!((hwyw, no_link, weekday, feed.warnings.len()), (6, 6, 6, 18));
    Ok(())
}

#[test]
fn monthly_left_out_and_every_two_weeks_noted(
) -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/cases");
    let load = |name: &str| -> Result<
        convenor_core::Schedule,
        Box<dyn std::error::Error>,
    > {
        let case: toml::Table = toml::from_str(&std::fs::read_to_string(
            format!("{dir}/{name}"),
        )?)?;
        let spec: convenor_core::ScheduleSpec =
            case["schedule"].clone().try_into()?;
        Ok(convenor_core::Schedule::try_from(spec)?)
    };
    let day = NaiveDate::from_ymd_opt(2022, 11, 1).unwrap();
    let monthly = load("monthly.toml")?;
    let feed = to_meeting_guide(&monthly, &FeedOptions::new(day))?;
    assert_eq!(feed.json, "[]");
    assert!(
        matches!(feed.warnings[0], FeedWarning::NotWeekly { .. }),
        "{:?}",
        feed.warnings
    );

    let fortnightly = load("every-two-weeks.toml")?;
    let feed = to_meeting_guide(&fortnightly, &FeedOptions::new(day))?;
    assert!(
        matches!(feed.warnings[0], FeedWarning::EveryNWeeks { weeks: 2, .. }),
        "{:?}",
        feed.warnings
    );
    let records: Value = serde_json::from_str(&feed.json)?;
    let notes = records[0]["notes"].as_str().unwrap();
    assert!(
        notes.contains("Every 2 weeks, not every week; next: "),
        "{notes}"
    );
    Ok(())
}

#[test]
fn every_change_kind_in_notes() -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/cases");
    let case: toml::Table = toml::from_str(&std::fs::read_to_string(
        format!("{dir}/every-change-kind.toml"),
    )?)?;
    let spec: convenor_core::ScheduleSpec =
        case["schedule"].clone().try_into()?;
    let s = convenor_core::Schedule::try_from(spec)?;
    let feed = to_meeting_guide(
        &s,
        &FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap()),
    )?;
    let records: Value = serde_json::from_str(&feed.json)?;
    assert_eq!(records[0]["day"], 3);
    assert_eq!(records[0]["time"], "13:00");
    // The core's short words for each change (`ChangeRef::note_line`),
    // its date first, every time with its zone as convenors write it, a
    // cancellation with when the meeting is back.
    assert_eq!(
        records[0]["notes"].as_str().unwrap(),
        "Wednesday 23 November: no meeting (Thanksgiving eve), back on Thursday 1 December\n\
         Wednesday 30 November: moves to Thursday 1 December at 1:00pm Pacific (Thursday this week)\n\
         Saturday 10 December: an extra session at 10:00am Pacific, 90 minutes long (Holiday special)\n\
         From Monday 12 December: Fridays at 2:00pm Pacific instead of Wednesdays at 1:00pm Pacific\n\
         From Sunday 1 January: no more sessions"
    );
    Ok(())
}

#[test]
fn notes_name_the_zone_of_every_time() -> Result<(), Box<dyn std::error::Error>>
{
    // Moved to an evening on a day in London's winter: a finder's
    // visitor in London must not read "19:00" as London time.
    let text = "name = 'x'\ntimezone = 'America/Los_Angeles'\n\
        area = 'Los Angeles, CA, USA'\n[[meetings]]\nid = 'wed'\nname = 'Midweek'\n\
        weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\n\
        starts = '2022-11-02'\n[[meetings.changes]]\nkind = 'move'\n\
        date = '2022-11-16'\nto = '2022-11-23T19:00'\n";
    let s = convenor_core::Schedule::from_toml_str(text)?;
    let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
    let feed = to_meeting_guide(&s, &FeedOptions::new(day))?;
    let records: Value = serde_json::from_str(&feed.json)?;
    let notes = records[0]["notes"].as_str().unwrap();
    assert_eq!(
        notes,
        "Wednesday 16 November: moves to Wednesday 23 November at 7:00pm Pacific"
    );
    assert!(!notes.contains("19:00"), "{notes}");
    Ok(())
}

#[test]
fn seed_saturday_across_its_announcement(
) -> Result<(), Box<dyn std::error::Error>> {
    let saturday = |m, d| -> Result<Value, Box<dyn std::error::Error>> {
        let day = NaiveDate::from_ymd_opt(2022, m, d).unwrap();
        let feed = to_meeting_guide(&seed(), &FeedOptions::new(day))?;
        let records: Value = serde_json::from_str(&feed.json)?;
        assert_eq!(records.as_array().map(Vec::len), Some(6));
        Ok(records[5].clone())
    };
    // Before the update was posted: 9:30, starting on the 12th.
    let r = saturday(11, 5)?;
    assert_eq!(
        (r["day"].clone(), r["time"].clone(), r["end_time"].clone()),
        (6.into(), "09:30".into(), "10:30".into())
    );
    assert_eq!(r["notes"], "Starts Saturday 12 November 2022");
    // Posted on the 10th: 7:00, and the update's own note.
    let r = saturday(11, 10)?;
    assert_eq!(r["time"], "07:00");
    assert_eq!(
        r["notes"],
        "Starts Saturday 12 November 2022\nStarts at 7:00am Pacific, not 9:30am as first posted"
    );
    // `updated` comes from the options only (a schedule file has none).
    assert_eq!(r.get("updated"), None);
    // Running: no start note.
    let r = saturday(11, 12)?;
    assert_eq!((r["time"].clone(), r.get("notes")), ("07:00".into(), None));
    Ok(())
}

/// Found in review: a long slug over several days, a day listed twice,
/// and a time no clock has are read as finders would, without a panic.
#[test]
fn long_slugs_repeated_days_and_odd_times() {
    let slug = "a".repeat(64);
    let feed = format!(
        r#"[{{"name": "x", "slug": "{slug}", "day": [1, 3, 1], "time": "18:00", "timezone": "UTC"}}]"#
    );
    let imported = from_meeting_guide_str(&feed, &options()).unwrap();
    let ids: Vec<&str> =
        imported.schedule.meetings().iter().map(|m| m.id().as_str()).collect();
    assert_eq!(
        ids,
        [format!("{}-1", &slug[..62]), format!("{}-3", &slug[..62])]
    );
    let records: Vec<serde_json::Map<String, Value>> = serde_json::from_str(
        r#"[{"slug": "s", "time": "99999999:00", "end_time": "10:00", "timezone": "UTC", "formatted_address": "a, b, c, d"}]"#,
    )
    .unwrap();
    assert!(matches!(
        convenor_json::Listing::of_feed(&records)[0],
        convenor_json::Listing::Listed { ends_before_start: false, .. }
    ));
}
