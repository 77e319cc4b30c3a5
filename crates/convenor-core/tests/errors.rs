//! Bad input gets a clear error: what, where (line:column), which meeting
//! and field, and the nearest valid value.

use convenor_core::{Problem, Schedule};

/// The error as it is shown: `f:line:column: message`, one a problem.
fn error_of(toml: &str) -> String {
    Schedule::from_toml_str(toml)
        .expect_err("the input is invalid")
        .located("f")
        .to_string()
}

/// One problem as it is shown, position first.
fn shown(p: &convenor_core::Invalid) -> String {
    let at = p.position.expect("a position");
    format!("{}:{}: {p}", at.line, at.column)
}

const HEAD: &str = "name = \"x\"\ntimezone = \"America/Los_Angeles\"\n";

fn meeting(body: &str) -> String {
    format!("{HEAD}[[meetings]]\nid = \"sat\"\nname = \"Saturday\"\nduration = \"60m\"\nstarts = \"2022-11-12\"\n{body}")
}

#[test]
fn misspelt_zone_names_the_meeting_field_position_and_suggestion() {
    let text = meeting("weekly = { day = \"saturday\", time = \"07:00\" }\ntimezone = \"America/Los_Angles\"\n");
    assert_eq!(
        error_of(&text),
        "f:9:12: unknown time zone \"America/Los_Angles\" for meeting sat (field timezone); \
         did you mean \"America/Los_Angeles\"?\n"
    );
}

#[test]
fn bad_times_and_days() {
    let text = meeting("weekly = { day = \"saturdy\", time = \"7pm\" }\n");
    let err = Schedule::from_toml_str(&text).unwrap_err();
    let all: Vec<String> = err.problems().map(shown).collect();
    assert_eq!(all.len(), 2, "{all:?}");
    // In file order: the day is written first.
    assert_eq!(
        all[0],
        "8:18: invalid weekday \"saturdy\", expected a day such as `monday` for meeting sat \
         (field weekly.day); did you mean \"saturday\"?"
    );
    assert!(all[1].starts_with("8:36: invalid time \"7pm\""), "{}", all[1]);
    assert!(all[1].contains("(field weekly.time)"), "{}", all[1]);
}

#[test]
fn unknown_fields_suggest_the_nearest_name() {
    let text = meeting("weekly = { day = \"saturday\", time = \"07:00\" }\ntimzone = \"UTC\"\n");
    let err = Schedule::from_toml_str(&text).unwrap_err();
    assert!(!err.is_syntax());
    assert!(err.to_string().starts_with("unknown field `timzone`"), "{err}");
    assert_eq!(err.position().map(|p| p.line), Some(9));
    let problem = err.problems().next().unwrap();
    assert_eq!(problem.meeting.as_deref(), Some("sat"));
    assert_eq!(problem.suggestion.as_deref(), Some("timezone"));
}

/// Every unknown key and wrong type is reported, not only the first,
/// with the meeting and field of each.
#[test]
fn every_mistake_is_reported() {
    let text = "name = \"x\"\ntimezone = \"UTC\"\ncolour = \"red\"\n\
        [[meetings]]\nid = \"a\"\nname = \"A\"\nweekly = { day = \"monday\", time = \"07:00\", every = \"2\" }\n\
        duration = \"60m\"\nstarts = \"2025-04-01\"\n\
        [[meetings]]\nid = \"b\"\nname = \"B\"\nweekly = { day = \"monday\", time = \"07:00\" }\n\
        duraton = \"60m\"\nstarts = \"2025-04-01\"\n\
        [[meetings]]\nid = \"c\"\nname = \"C\"\nweekly = { day = \"monday\", time = \"25:00\" }\n\
        duration = \"60m\"\nstarts = \"2025-04-01\"\n";
    let err = Schedule::from_toml_str(text).unwrap_err();
    let all: Vec<String> = err.problems().map(shown).collect();
    assert_eq!(all.len(), 5, "{all:#?}");
    assert!(all[0].starts_with("3:1: unknown field `colour`"), "{}", all[0]);
    assert_eq!(
        all[1],
        "7:52: invalid type: string \"2\", expected a positive whole number for meeting a \
         (field weekly.every)"
    );
    // The missing field points at its meeting's table, before the key.
    assert!(
        all[2].starts_with(
            "10:1: missing field `duration` (how long each session lasts"
        ),
        "{}",
        all[2]
    );
    assert!(all[2].ends_with("for meeting b"), "{}", all[2]);
    assert!(all[3].starts_with("14:1: unknown field `duraton`"), "{}", all[3]);
    assert!(
        all[3].contains("for meeting b; did you mean \"duration\"?"),
        "{}",
        all[3]
    );
    assert!(all[4].starts_with("19:"), "{}", all[4]);
    assert!(all[4].contains(": invalid time \"25:00\""), "{}", all[4]);
    assert!(
        all[4].contains("for meeting c (field weekly.time)"),
        "{}",
        all[4]
    );
}

#[test]
fn a_cancel_on_a_date_with_no_session_is_an_error() {
    let text = meeting(
        "weekly = { day = \"saturday\", time = \"07:00\" }\n\
         [[meetings.changes]]\nkind = \"cancel\"\ndate = \"2022-11-13\"\n",
    );
    let err = Schedule::from_toml_str(&text).unwrap_err();
    let p = err.problems().next().unwrap();
    let d = |d| chrono::NaiveDate::from_ymd_opt(2022, 11, d).unwrap();
    let Problem::NoSession(why) = &p.problem else {
        panic!("not NoSession: {:?}", p.problem);
    };
    assert_eq!(
        (why.date, why.before, why.after),
        (d(13), Some(d(12)), Some(d(19)))
    );
    assert_eq!(
        err.located("f").to_string(),
        "f:11:8: no session is due on Sunday 2022-11-13 (the nearest are \
         Saturday 2022-11-12 and Saturday 2022-11-19) for meeting sat \
         (field changes[0].date)\n"
    );
}

#[test]
fn changes_that_cannot_apply() {
    let cases = [
        // A reschedule before the meeting starts.
        ("kind = \"reschedule\"\neffective = \"2022-11-01\"\ntime = \"08:00\"", "is before the meeting starts"),
        // Cancelling the same session twice.
        ("kind = \"cancel\"\ndate = \"2022-11-19\"\n[[meetings.changes]]\nkind = \"cancel\"\ndate = \"2022-11-19\"", "cancelled or moved twice"),
        // A field that does not belong to the kind.
        ("kind = \"cancel\"\ndate = \"2022-11-19\"\nto = \"2022-11-20T07:00\"", "`to` does not apply to a cancel change"),
        // An unknown kind, with a suggestion.
        ("kind = \"cancle\"\ndate = \"2022-11-19\"", "did you mean \"cancel\"?"),
        // A reschedule that sets nothing.
        ("kind = \"reschedule\"\neffective = \"2022-11-19\"", "reschedule changes nothing"),
        // Moving a date with no session.
        ("kind = \"move\"\ndate = \"2022-11-20\"\nto = \"2022-11-21T07:00\"", "no session is due on Sunday 2022-11-20 (the nearest are Saturday 2022-11-19 and Saturday 2022-11-26)"),
    ];
    for (change, expected) in cases {
        let text = meeting(&format!(
            "weekly = {{ day = \"saturday\", time = \"07:00\" }}\n[[meetings.changes]]\n{change}\n"
        ));
        let message = error_of(&text);
        assert!(message.contains(expected), "{change}: {message}");
    }
}

#[test]
fn unsupported_rrules_say_what_to_do_instead() {
    for (rule, expected) in [
        ("FREQ=SECONDLY", "a meeting recurs daily at the most"),
        ("FREQ=WEEKLY;BYHOUR=7", "give the time in the `time` field"),
        ("FREQ=WEEKLY;UNTIL=20230101T000000Z", "`ends` field"),
        (
            "FREQ=WEEKLY;COUNT=3;UNTIL=20230101T000000Z",
            "`UNTIL` is not accepted",
        ),
        ("FREQ=FORTNIGHTLY", "invalid RRULE"),
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "has no session"),
    ] {
        let text = meeting(&format!("rrule = \"{rule}\"\ntime = \"19:00\"\n"));
        let message = error_of(&text);
        assert!(message.contains(expected), "{rule}: {message}");
    }
}

#[test]
fn duplicate_ids_and_bad_slugs() {
    let twice = format!("{}\n{}", meeting("weekly = { day = \"saturday\", time = \"07:00\" }"), 
        "[[meetings]]\nid = \"sat\"\nname = \"Again\"\nduration = \"60m\"\nstarts = \"2022-11-12\"\nweekly = { day = \"sunday\", time = \"07:00\" }\n");
    let shown = error_of(&twice);
    assert!(shown.contains(": duplicate meeting id \"sat\""), "{shown}");
    let text = HEAD.to_string() + "[[meetings]]\nid = \"Saturday Meeting\"\nname = \"S\"\nduration = \"60m\"\nstarts = \"2022-11-12\"\nweekly = { day = \"saturday\", time = \"07:00\" }\n";
    assert!(
        error_of(&text).ends_with("did you mean \"saturday-meeting\"?\n"),
        "{}",
        error_of(&text)
    );
}

#[test]
fn syntax_errors_have_positions() {
    let err =
        Schedule::from_toml_str("name = \"x\"\nmeetings = [\n").unwrap_err();
    assert!(err.is_syntax());
    assert!(err.position().is_some());
    assert!(Schedule::from_toml_str("")
        .unwrap_err()
        .to_string()
        .contains("missing field `name`"));
}

/// A file of `n` meetings, six lines each after the two of [`HEAD`],
/// meeting `i` changed by `edit`.
fn many(n: usize, edit: impl Fn(usize, String) -> String) -> String {
    let mut text = HEAD.to_string();
    for i in 0..n {
        let block = format!(
            "[[meetings]]\nid = \"m{i}\"\nname = \"Meeting {i}\"\nduration = \"60m\"\n\
             starts = \"2022-11-12\"\nweekly = {{ day = \"saturday\", time = \"07:00\" }}\n"
        );
        text.push_str(&edit(i, block));
    }
    text
}

#[test]
fn a_long_file_read_in_two_halves_reports_every_problem_in_file_order() {
    // 1,200 meetings: read half and half, side by side.
    let text = many(1200, |i, block| match i {
        3 => block.replace("name =", "nmae ="),
        650 => block.replace("07:00", "7pm"),
        1100 => block.replace(
            "duration = \"60m\"",
            "duration = \"60m\"\ntimezone = \"Europe/Lodnon\"",
        ),
        _ => block,
    });
    let err = Schedule::from_toml_str(&text).unwrap_err();
    let all: Vec<String> = err.problems().map(shown).collect();
    // Meeting i's block starts on line 3 + 6 i.
    let lines: Vec<&str> =
        all.iter().map(|p| p.split(':').next().unwrap()).collect();
    let expected =
        [3 + 6 * 3, 3 + 6 * 3 + 2, 3 + 6 * 650 + 5, 3 + 6 * 1100 + 4];
    assert_eq!(lines, expected.map(|l| l.to_string()), "{all:#?}");
    assert!(all[0].contains("missing field `name`") && all[0].ends_with("m3"));
    assert!(all[1].contains("`nmae`") && all[1].ends_with("m3"));
    assert!(all[2].contains("\"7pm\"") && all[2].contains("m650"));
    assert!(all[3].contains("Europe/London") && all[3].contains("m1100"));
    // A good file of the same length: every meeting, in file order.
    let good = Schedule::from_toml_str(&many(1200, |_, b| b)).unwrap();
    let ids: Vec<&str> =
        good.meetings().iter().map(|m| m.id().as_str()).collect();
    let expected: Vec<String> = (0..1200).map(|i| format!("m{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_long_file_with_two_syntax_errors_reports_the_first() {
    let text = many(1200, |i, block| match i {
        10 | 900 => block.replace("name = \"Meeting", "name = Meeting"),
        _ => block,
    });
    let shown = error_of(&text);
    assert!(shown.starts_with(&format!("f:{}:", 3 + 6 * 10 + 2)), "{shown}");
}
