//! Edits of TOML files: the seed survives every kind with its comments,
//! files of other shapes are edited in place, bad edits say why.

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::{edit_toml, to_toml, Edit};
use crate::{
    MeetingSpec, Schedule, ScheduleSpec, Status, WeeklySpec, Window, SEED_TOML,
};

fn comments(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains('#')).collect()
}

/// Every comment line of `old` is a line of `new`, in the same order.
fn comments_kept(old: &str, new: &str) -> bool {
    let mut lines = new.lines();
    comments(old).iter().all(|c| lines.any(|l| l == *c))
}

fn friday() -> MeetingSpec {
    MeetingSpec {
        id: "co-occurring-friday".into(),
        name: "Co-Occurring Disorders (Friday)".into(),
        weekly: Some(WeeklySpec {
            day: "friday".into(),
            time: Some("12:00".into()),
            every: None,
        }),
        duration: "90m".into(),
        starts: "2023-01-06".into(),
        tags: vec!["co-occurring".into(), "online".into()],
        ..MeetingSpec::default()
    }
}

/// (local start, status) of a meeting's sessions in December 2022 and
/// January 2023.
fn sessions(s: &Schedule, id: &str) -> Vec<(String, Status)> {
    let window = Window::new(
        Utc.with_ymd_and_hms(2022, 12, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2023, 2, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    s.meeting(id)
        .unwrap()
        .occurrences(window)
        .with_cancelled()
        .map(|o| (o.start().format("%a %d %b %H:%M").to_string(), o.status()))
        .collect()
}

#[test]
fn the_seed_survives_every_kind_of_edit_with_its_comments() {
    let sat = "co-occurring-saturday";
    let edits = [
        Edit::cancel(sat, "2022-11-26")
            .announced("2022-11-20")
            .note("Thanksgiving weekend"),
        Edit::move_to(sat, "2022-12-24", "2022-12-23T07:00").duration("90m"),
        Edit::extra(sat, "2022-12-31T17:00"),
        Edit::reschedule(sat, "2023-01-07")
            .time("08:00")
            .announced("2022-12-10"),
        Edit::add(friday()),
        Edit::cancel("co-occurring-tuesday", "2022-12-27").note("Holiday"),
        Edit::end("co-occurring-thursday", "2023-01-19"),
    ];
    let mut text = SEED_TOML.to_string();
    for edit in &edits {
        let edited = edit_toml(&text, edit).unwrap();
        assert!(comments_kept(SEED_TOML, edited.text()), "{}", edited.text());
        assert_eq!(
            Schedule::from_toml_str(edited.text()).unwrap().meetings().len(),
            edited.schedule().meetings().len()
        );
        text = edited.into_text();
    }
    // What the edits mean, session by session.
    let s = Schedule::from_toml_str(&text).unwrap();
    let saturday = sessions(&s, sat);
    assert_eq!(
        saturday,
        [
            ("Sat 03 Dec 07:00".to_string(), Status::Scheduled),
            ("Sat 10 Dec 07:00".into(), Status::Scheduled),
            ("Sat 17 Dec 07:00".into(), Status::Scheduled),
            ("Fri 23 Dec 07:00".into(), Status::Moved),
            ("Sat 31 Dec 07:00".into(), Status::Scheduled),
            ("Sat 31 Dec 17:00".into(), Status::Extra),
            ("Sat 07 Jan 08:00".into(), Status::Scheduled),
            ("Sat 14 Jan 08:00".into(), Status::Scheduled),
            ("Sat 21 Jan 08:00".into(), Status::Scheduled),
            ("Sat 28 Jan 08:00".into(), Status::Scheduled),
        ]
    );
    let moved = s.meeting(sat).unwrap().moved(d(2022, 12, 24)).unwrap();
    assert_eq!(moved.duration().minutes(), 90);
    assert!(s.meeting(sat).unwrap().cancelled(d(2022, 11, 26)).is_some());
    assert_eq!(
        sessions(&s, "co-occurring-friday")[0],
        ("Fri 06 Jan 12:00".to_string(), Status::Scheduled)
    );
    assert!(s
        .meeting("co-occurring-tuesday")
        .unwrap()
        .cancelled(d(2022, 12, 27))
        .is_some());
    let thursday = sessions(&s, "co-occurring-thursday");
    assert_eq!(thursday.last().unwrap().0, "Thu 12 Jan 18:30");
    // The Tuesday cancellation sits in the Tuesday meeting's block, before
    // the Wednesday meeting.
    let tuesday = text.find("date = \"2022-12-27\"").unwrap();
    let wednesday = text.find("id = \"co-occurring-wednesday\"").unwrap();
    assert!(tuesday < wednesday);
    // And the seed's own text is untouched up to its first edit.
    assert!(text.starts_with(
        &SEED_TOML[..SEED_TOML
            .find("[[meetings]]\nid = \"co-occurring-wednesday\"")
            .unwrap()
            - 1]
    ));
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn bad_edits_say_why_and_suggest() {
    let sat = "co-occurring-saturday";
    let cases = [
        (
            Edit::cancel("co-occuring-saturday", "2022-11-26"),
            "no meeting \"co-occuring-saturday\" in the schedule; did you mean \"co-occurring-saturday\"?",
        ),
        (
            Edit::reschedule(sat, "2023-01-07").time("7pm"),
            "invalid time \"7pm\", expected 24-hour `HH:MM` such as `07:00` or `18:30` for meeting \
             co-occurring-saturday (field changes[1].time); did you mean \"19:00\"?",
        ),
        (
            Edit::reschedule(sat, "2023-01-07").time("07:00"),
            "reschedule changes nothing: from 2023-01-07 the sessions are already Saturdays at \
             7:00am Pacific, 60 minutes long; give another `time`, `day`, `every` or `duration` \
             for meeting co-occurring-saturday (field changes[1])",
        ),
        (
            Edit::reschedule(sat, "2023-01-07"),
            "reschedule changes nothing, expected at least one of `time`, `day`, `every`, \
             `duration`, `weekly`, `rrule` for meeting co-occurring-saturday (field changes[1])",
        ),
        (
            Edit::move_to(sat, "2022-11-20", "2022-11-21T07:00"),
            "no session is due on Sunday 2022-11-20 (the nearest are Saturday 2022-11-19 and \
             Saturday 2022-11-26) for meeting co-occurring-saturday (field changes[1].date)",
        ),
        (
            Edit::cancel(sat, "2022-11-26").duration("90m"),
            "`duration` does not apply to a cancel change for meeting co-occurring-saturday \
             (field changes[1].duration)",
        ),
        (
            Edit::add(MeetingSpec { id: sat.into(), ..friday() }),
            "duplicate meeting id \"co-occurring-saturday\" for meeting co-occurring-saturday (field id)",
        ),
        (
            Edit::add(MeetingSpec { starts: "2023-1-6".into(), ..friday() }),
            "invalid date \"2023-1-6\", expected `YYYY-MM-DD` (years 1 to 9999) for meeting \
             co-occurring-friday (field starts)",
        ),
    ];
    for (edit, message) in cases {
        let err = edit_toml(SEED_TOML, &edit).unwrap_err();
        assert_eq!(err.to_string(), message, "{edit:?}");
    }
}

#[test]
fn problems_an_edit_causes_elsewhere_point_into_the_file() {
    let text = format!(
        "{SEED_TOML}\n[[meetings.changes]]\nkind = \"cancel\"\ndate = \"2023-03-04\"\n"
    );
    let err =
        edit_toml(&text, &Edit::end("co-occurring-saturday", "2023-02-01"))
            .unwrap_err();
    let line =
        text.lines().position(|l| l == "date = \"2023-03-04\"").unwrap() + 1;
    assert_eq!(err.position().map(|p| p.line), Some(line), "{err}");
    // A file that does not load is refused as it is, with its position.
    let err = edit_toml(
        "name = 'x'\ntimezone = 'Mars/Olympus'",
        &Edit::end("a", "2023-02-01"),
    )
    .unwrap_err();
    assert_eq!(err.position().map(|p| (p.line, p.column)), Some((2, 12)));
}

#[test]
fn inline_meetings_and_changes_are_edited_in_place() {
    let text = "name = \"x\" # the group\ntimezone = \"Europe/Berlin\"\nmeetings = [\n  # the only one\n  \
                { id = \"a\", name = \"A\", weekly = { day = \"monday\", time = \"19:00\" }, duration = \"1h\", starts = \"2025-01-06\" },\n]\n";
    let edited = edit_toml(text, &Edit::cancel("a", "2025-01-13")).unwrap();
    assert!(comments_kept(text, edited.text()));
    assert!(edited.text().contains("starts = \"2025-01-06\", changes = [{ kind = \"cancel\", date = \"2025-01-13\" }] }"), "{}", edited.text());
    let edited =
        edit_toml(edited.text(), &Edit::cancel("a", "2025-01-20")).unwrap();
    assert!(edited.text().contains("{ kind = \"cancel\", date = \"2025-01-13\" }, { kind = \"cancel\", date = \"2025-01-20\" }"));
    let edited = edit_toml(edited.text(), &Edit::add(friday())).unwrap();
    assert_eq!(edited.schedule().meetings().len(), 2);
    assert!(comments_kept(text, edited.text()));
    // `changes = [...]` inside a [[meetings]] table.
    let text = "name = \"x\"\ntimezone = \"Europe/Berlin\"\n[[meetings]]\nid = \"a\"\nname = \"A\"\n\
                weekly = { day = \"monday\", time = \"19:00\" }\nduration = \"1h\"\nstarts = \"2025-01-06\"\n\
                changes = [] # none yet\n";
    let edited = edit_toml(text, &Edit::cancel("a", "2025-01-13")).unwrap();
    assert!(edited.text().ends_with("changes = [{ kind = \"cancel\", date = \"2025-01-13\" }] # none yet\n"), "{}", edited.text());
}

#[test]
fn sub_tables_crlf_and_a_byte_order_mark_are_kept() {
    let text = "\u{feff}name = \"x\"\r\ntimezone = \"Europe/Berlin\"\r\n\r\n[[meetings]]\r\nid = \"a\"\r\n\
                name = \"A\"\r\nweekly = { day = \"monday\", time = \"19:00\" }\r\nduration = \"1h\"\r\n\
                starts = \"2025-01-06\"\r\n\r\n[meetings.online]\r\nurl = \"https://example.org/j\"\r\n\r\n\
                # the next one\r\n[[meetings]]\r\nid = \"b\"\r\nname = \"B\"\r\n\
                weekly = { day = \"tuesday\", time = \"19:00\" }\r\nduration = \"1h\"\r\nstarts = \"2025-01-07\"\r\n";
    let edited =
        edit_toml(text, &Edit::cancel("a", "2025-01-13").note("x")).unwrap();
    let new = edited.text();
    assert!(new.starts_with('\u{feff}'));
    assert!(!new.replace("\r\n", "").contains('\n'), "{new:?}");
    assert!(new.contains(
        "url = \"https://example.org/j\"\r\n\r\n[[meetings.changes]]\r\nkind = \"cancel\"\r\n\
         date = \"2025-01-13\"\r\nnote = \"x\"\r\n\r\n# the next one\r\n[[meetings]]\r\nid = \"b\""
    ), "{new:?}");
    assert_eq!(edited.schedule().meetings()[0].changes().len(), 1);
    assert_eq!(edited.schedule().meetings()[1].changes().len(), 0);
}

#[test]
fn the_writer_gives_back_the_seed_spec() {
    let seed = Schedule::from_toml_str(SEED_TOML).unwrap();
    let spec = ScheduleSpec::from(&seed);
    let text = to_toml(&spec);
    assert_eq!(
        ScheduleSpec::from(&Schedule::from_toml_str(&text).unwrap()),
        spec
    );
    // And a file written by it is edited like any other.
    let edited =
        edit_toml(&text, &Edit::cancel("co-occurring-sunday", "2022-11-20"))
            .unwrap();
    let diff = super::unified_diff("s.toml", &text, edited.text());
    let changed: Vec<&str> =
        diff.lines().skip(3).filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(
        changed,
        [
            "+[[meetings.changes]]",
            "+kind = \"cancel\"",
            "+date = \"2022-11-20\"",
            "+"
        ]
    );
}

/// One edit of the seed, from parts that are valid or plausibly not.
fn any_edit() -> impl Strategy<Value = Edit> {
    let ids = prop::sample::select(vec![
        "co-occurring-sunday",
        "co-occurring-tuesday",
        "co-occurring-wednesday",
        "co-occurring-thursday",
        "co-occurring-monday",
        "co-occurring-saturday",
        "co-occurring-friday",
        "co-occuring-sunday",
    ]);
    let day = (0u64..500)
        .prop_map(|n| (d(2022, 10, 1) + chrono::Days::new(n)).to_string());
    let time =
        prop::sample::select(vec!["07:00", "18:30", "7pm", "23:59", "00:00"]);
    let note = prop::option::of(prop::sample::select(vec![
        "Holiday",
        "# not a comment",
        "line\nbreak \"quoted\" \\ back",
    ]));
    let duration =
        prop::option::of(prop::sample::select(vec!["90m", "1h", "0m", "25h"]));
    let weekday = prop::option::of(prop::sample::select(vec![
        "sunday", "friday", "fri", "fryday",
    ]));
    (
        ids,
        0..6usize,
        day.clone(),
        day,
        time,
        note,
        duration,
        weekday,
        prop::option::of(1u32..4),
    )
        .prop_map(
            |(id, kind, date, other, time, note, duration, weekday, every)| {
                let edit = match kind {
                    0 => Edit::cancel(id, date),
                    1 => Edit::move_to(id, date, format!("{other}T{time}")),
                    2 => Edit::extra(id, format!("{date}T{time}")),
                    3 => {
                        let mut e = Edit::reschedule(id, date).time(time);
                        if let Some(w) = weekday {
                            e = e.day(w);
                        }
                        if let Some(n) = every {
                            e = e.every(n);
                        }
                        e
                    }
                    4 => Edit::end(id, date),
                    _ => Edit::add(MeetingSpec { starts: date, ..friday() }),
                };
                let edit = match duration {
                    Some(d) if kind != 0 && kind != 4 => edit.duration(d),
                    _ => edit,
                };
                match note {
                    Some(n) => edit.note(n),
                    None => edit,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any accepted sequence of edits gives a file that loads, with every
    /// comment of the seed in place; a refused edit changes nothing.
    #[test]
    fn accepted_edits_load_and_keep_every_comment(edits in prop::collection::vec(any_edit(), 1..8)) {
        let mut text = SEED_TOML.to_string();
        for edit in &edits {
            match edit_toml(&text, edit) {
                Ok(edited) => {
                    let loaded = Schedule::from_toml_str(edited.text());
                    prop_assert!(loaded.is_ok(), "{edit:?}: {loaded:?}");
                    prop_assert!(comments_kept(SEED_TOML, edited.text()), "{}", edited.text());
                    prop_assert!(edited.text().len() > text.len());
                    let _ = edited.notice();
                    text = edited.into_text();
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
