//! The `convenor` binary, run as a user would, with a fixed `--now` so
//! output is deterministic. Outputs are golden files in `tests/golden/`;
//! `UPDATE_GOLDEN=1 cargo test -p convenor-cli` rewrites them.

mod publish;
// `convenor import ics`.
mod import_ics;

use std::path::PathBuf;
use std::process::{Command, Output};

// Which tz database a run uses.
mod tzdata;
// Hostile and careless input (issue 12).
mod hostile;
// Issue 17: suggestions, changes, flags meaning the same everywhere.
mod consistent;
// The schedule page in a real browser.
mod page;
// Listings written as they are found, with no cap (issue 18).
mod streaming;
// Links, imports and COUNTs (issue 25).
mod hardening;
// Changing a schedule file by command (issue 26).
mod edit;
// What members read: announce and changes in words (issue 32 items 6-7).
mod words;
// Several schedule files as one site (issue 28).
mod site;
// Every feed in every language (issue 29).
mod languages;

/// A test whose outside program is missing calls this and returns: it
/// says `why` on standard error (`--nocapture` shows it) and skips, but
/// fails where `CONVENOR_REQUIRE` (comma-separated, set by `.ci/run`)
/// names `requirement`, so CI cannot take a skip for a pass.
fn skip_or_fail(requirement: &str, why: &str) {
    let required = std::env::var("CONVENOR_REQUIRE").unwrap_or_default();
    if required.split(',').any(|r| r.trim() == requirement) {
        panic!("CONVENOR_REQUIRE names {requirement} but {why}");
    }
    eprintln!("skipped (needs {requirement}): {why}");
}

/// A fresh folder for one test's files (`convenor-NAME-` and a random
/// suffix in the temp folder), removed when dropped, even by a failure.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("convenor-{name}-"))
        .tempdir()
        .expect("a scratch folder")
}

fn convenor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convenor"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", "Pacific/Chatham")
        // Pinned, so results do not depend on the machine's zoneinfo.
        .env("CONVENOR_TZDATA", "bundled")
        // English unless a test asks for a language.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = convenor(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display())
    });
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

/// Output for a terminal: no line wider than 80 columns.
fn assert_fits_80_columns(text: &str) {
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "over 80 columns: {line:?}");
    }
}

/// A schedule file with mistakes, `bad.toml` in a scratch folder.
fn bad_file() -> (tempfile::TempDir, PathBuf) {
    let dir = scratch("bad");
    let path = dir.path().join("bad.toml");
    std::fs::write(
        &path,
        "name = \"x\"\ntimezone = \"America/Los_Angles\"\n[[meetings]]\nid = \"sat\"\n\
         name = \"S\"\nduration = \"60m\"\nstarts = \"2022-11-12\"\n\
         weekly = { day = \"saturdy\", time = \"7pm\" }\n",
    )
    .expect("temp file written");
    (dir, path)
}

#[test]
fn week_in_london() {
    let out = stdout(&[
        "week",
        "--tz",
        "Europe/London",
        "--week",
        "2022-11-14",
        "--now",
        "2022-11-14",
    ]);
    assert!(
        out.contains("  01:00–02:00 GMT  Co-Occurring Disorders (Sunday)\n")
    );
    assert!(out.contains("= Sun 17:00 PST Pacific  ◂ another day there"));
    golden("week-london.txt", &out);
}

#[test]
fn next_from_berlin_during_the_first_saturday() {
    let out = stdout(&[
        "next",
        "--tz",
        "Europe/Berlin",
        "--now",
        "2022-11-12T15:30:00Z",
        "-n",
        "2",
    ]);
    assert!(out.starts_with("now "));
    assert_fits_80_columns(&out);
    golden("next-berlin.txt", &out);
}

#[test]
fn agenda_in_sydney() {
    let out = stdout(&[
        "agenda",
        "--tz",
        "Australia/Sydney",
        "--from",
        "2022-11-12",
        "--days",
        "7",
        "--now",
        "2022-11-01",
    ]);
    golden("agenda-sydney.txt", &out);
}

#[test]
fn changes_in_plain_words() {
    let out = stdout(&["changes"]);
    assert!(out.contains("from 12 Nov 2022, Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific (announced 10 Nov 2022)"));
    golden("changes.txt", &out);
}

#[test]
fn check_reports_every_error_with_position_and_exits_2() {
    let (_dir, path) = bad_file();
    let out = convenor(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace(path.to_str().unwrap(), "bad.toml");
    assert!(text.contains("  --> bad.toml:2:12\n"));
    assert!(text.contains("  = help: did you mean \"America/Los_Angeles\"?"));
    golden("check-bad.txt", &text);
}

#[test]
fn check_of_the_seed_warns_only_what_is_true() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/lifering-co-occurring.toml"
    );
    let out =
        convenor(&["check", seed, "--deny-warnings", "--now", "2022-11-20"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    // For each meeting, what meeting finders would make of the feed: the
    // post gives no conference link (none is invented), HWYW has no type
    // code, and each name says its weekday.
    let warnings: Vec<&str> =
        text.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 18, "{text}");
    for w in warnings {
        assert!(
            w.contains("tag \"HWYW\" has no meeting guide type code")
                || w.contains("has no conference url or phone")
                || w.contains("says the weekday"),
            "{w}"
        );
    }
    assert!(text.ends_with("6 meetings, no errors, 18 warnings\n"), "{text}");
    // Each warning points at its field (the database line depends on
    // the machine's zoneinfo).
    assert!(text.contains("tags = [\"co-occurring\", \"HWYW\""), "{text}");
    let shown: String = text
        .lines()
        .filter(|l| !l.contains("times from tz database"))
        .map(|l| l.replace(seed, "seed.toml") + "\n")
        .collect();
    golden("check-seed-warnings.txt", &shown);
}

#[test]
fn bad_flags_exit_2_with_one_message() {
    let out = convenor(&["week", "--tz", "America/Los_Angles"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "convenor: unknown time zone \"America/Los_Angles\"; did you mean \"America/Los_Angeles\"?\n"
    );
    let missing = convenor(&["week", "/nonexistent/schedule.toml"]);
    assert_eq!(missing.status.code(), Some(3));
}

#[test]
fn completions_are_printed() {
    assert!(stdout(&["completions", "bash"]).contains("convenor"));
}

#[test]
fn ics_of_one_session_and_of_the_schedule() {
    let one = stdout(&[
        "ics",
        "--occurrence",
        "co-occurring-saturday@2022-11-19",
        "--now",
        "2022-11-10T00:00:00Z",
    ]);
    assert!(
        one.contains("DTSTART;TZID=America/Los_Angeles:20221119T070000\r\n")
    );
    golden("ics-occurrence.ics", &one);
    let whole = stdout(&["ics", "--now", "2022-11-10T00:00:00Z"]);
    assert_eq!(whole.matches("BEGIN:VEVENT").count(), 6);
    let dir = scratch("ics");
    let path = dir.path().join("feed.ics");
    stdout(&[
        "ics",
        "--example",
        "--now",
        "2022-11-10T00:00:00Z",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
    // Nothing but the feed is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let unknown = convenor(&["ics", "--meeting", "co-occuring-monday"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("did you mean \"co-occurring-monday\"?"));
}

#[test]
fn json_views_and_agenda_as_json() {
    let guide = stdout(&[
        "json",
        "--view",
        "meeting-guide",
        "--as-of",
        "2022-11-20",
        "--now",
        "2022-11-20",
    ]);
    assert!(guide.contains("\"slug\": \"co-occurring-saturday\""));
    golden("meeting-guide-2022-11-20.json", &guide);
    let agenda = stdout(&[
        "agenda",
        "--format",
        "json",
        "--from",
        "2022-11-12",
        "--days",
        "2",
        "--tz",
        "Europe/London",
        "--now",
        "2022-11-01",
    ]);
    assert!(agenda.contains("\"local_start\": \"2022-11-12T15:00:00+00:00\""));
    // A JSON schedule file loads like a TOML one.
    let dir = scratch("json");
    let file = dir.path().join("schedule.json");
    std::fs::write(&file, stdout(&["json", "--view", "schedule"])).unwrap();
    let week = stdout(&[
        "week",
        file.to_str().unwrap(),
        "--tz",
        "Europe/London",
        "--week",
        "2022-11-14",
        "--now",
        "2022-11-14",
    ]);
    assert_eq!(
        week,
        stdout(&[
            "week",
            "--tz",
            "Europe/London",
            "--week",
            "2022-11-14",
            "--now",
            "2022-11-14"
        ])
    );
}

#[test]
fn publish_writes_every_feed_or_none() {
    let tmp = scratch("publish");
    let dir = tmp.path().join("site");
    let out = stdout(&[
        "publish",
        "--example",
        "--out",
        dir.to_str().unwrap(),
        "--now",
        "2022-11-10T00:00:00Z",
        "-v",
    ]);
    // Twelve feeds (changes.atom the twelfth) and the page, and the
    // page's one-session files, each
    // on its own line with -v, then the summary line (issue 32 item 10).
    let wrote = out.lines().filter(|l| l.starts_with("wrote "));
    let feeds = wrote.filter(|l| !l.contains("/sessions/")).count();
    assert_eq!(feeds, 12, "{out}");
    let summary = out.lines().last().unwrap_or_default();
    let total = out.lines().count() - 1;
    let expected = format!(
        "published {total} files into {}: {total} written, 0 unchanged, 0 removed",
        dir.display()
    );
    assert_eq!(summary, expected);
    assert!(dir
        .join("sessions/co-occurring-saturday-2022-11-12T0700.ics")
        .exists());
    let feed = std::fs::read_to_string(dir.join("schedule.ics")).unwrap();
    assert!(feed.contains("UID:co-occurring-saturday@lifering.org\r\n"));
    assert!(dir.join("meetings/co-occurring-monday.ics").exists());
    // A file that cannot be written: the run fails, says which, and the
    // feeds already published stay as they were.
    std::fs::remove_file(dir.join("meeting-guide.json")).unwrap();
    std::fs::create_dir(dir.join("meeting-guide.json")).unwrap();
    std::fs::write(dir.join("schedule.ics"), "old feed").unwrap();
    let failed = convenor(&[
        "publish",
        "--example",
        "--out",
        dir.to_str().unwrap(),
        "--now",
        "2022-11-12T00:00:00Z",
    ]);
    assert_ne!(failed.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("meeting-guide.json"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("schedule.ics")).unwrap(),
        "old feed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name().to_string_lossy().contains(".tmp-")
                && e.path().is_file()
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// A sample of the bad-input catalogue (`testdata/invalid/`) through
/// `convenor check`: exit 2, the file:line:column, the message and the
/// suggestion on its own line.
#[test]
fn check_reports_catalogue_samples_with_position_and_suggestion() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/invalid");
    let cases = [
        ("toml-zone-misspelt.toml", ":2:12", Some("America/Los_Angeles")),
        ("toml-unknown-field-top.toml", ":2:1", Some("timezone")),
        ("toml-weekday-misspelt.toml", ":7:18", Some("saturday")),
        ("toml-change-kind-misspelt.toml", ":12:8", Some("cancel")),
        ("json-zone-misspelt.json", ":14:19", Some("Europe/London")),
        ("toml-time-24-00.toml", ":7:37", None),
        ("toml-rrule-secondly.toml", ":7:9", None),
        ("json-syntax-trailing-comma.json", ":3:1", None),
        ("toml-invalid-utf8.toml", ":1:12", None),
        ("json-invalid-utf8.json", ":2:15", None),
    ];
    for (file, position, suggestion) in cases {
        let path = dir.join(file);
        let path = path.to_str().expect("a UTF-8 path");
        let out = convenor(&["check", path]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(2), "{file}: {stdout}");
        assert!(
            stdout.contains(&format!("  --> {path}{position}\n")),
            "{file}: {stdout}"
        );
        let expected = std::fs::read_to_string(
            dir.join(file.split('.').next().unwrap_or(file))
                .with_extension("expected"),
        )
        .expect("an .expected file");
        // `file:line:column: message; did you mean "x"?`: check puts the
        // position and the suggestion on lines of their own.
        let message = expected.split_once(": ").map_or(&*expected, |(_, m)| m);
        let first = message.split("; did you mean").next().unwrap_or(message);
        assert!(
            stdout.contains(&format!("error: {}", first.trim_end())),
            "{file}: {stdout}"
        );
        if let Some(s) = suggestion {
            assert!(
                stdout.contains(&format!("  = help: did you mean \"{s}\"?\n")),
                "{file}: {stdout}"
            );
        }
    }
}

/// Viewing commands report a bad file as bad input too: invalid UTF-8
/// and a file over the size limit exit 2 naming the file.
#[test]
fn unreadable_schedules_are_bad_input_with_the_file_name() {
    let dir = scratch("hardening");
    let utf8 = dir.path().join("latin1.toml");
    std::fs::write(&utf8, b"name = \"Caf\xe9\"\n").expect("written");
    let big = dir.path().join("big.toml");
    let file = std::fs::File::create(&big).expect("created");
    file.set_len(50 * 1024 * 1024).expect("a sparse 50 MB file");
    for (path, message) in [
        (&utf8, ":1:12: the text is not UTF-8 (byte 0xE9); save the file as UTF-8"),
        (&big, ": the schedule text is 52428800 bytes, more than the limit of 33554432 bytes"),
    ] {
        let p = path.to_str().expect("a UTF-8 path");
        let out = convenor(&["agenda", p, "--now", "2022-11-12"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("convenor: {p}{message}")), "{stderr}");
    }
}

/// A query for unbounded work is refused with a clear error, not run:
/// `--days` is at most ten years, and a huge value cannot overflow.
#[test]
fn agenda_refuses_unbounded_windows() {
    for days in ["100000", "4000000000"] {
        let out = convenor(&["agenda", "--days", days, "--now", "2022-11-12"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!(
                "--days {days} is more than 3660 (ten years)"
            )),
            "{stderr}"
        );
    }
    let out = convenor(&[
        "agenda",
        "--from",
        "2022-01-01",
        "--to",
        "2099-01-01",
        "--now",
        "2022-11-12",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// `check` warns about zones given by old (link) names.
#[test]
fn check_warns_about_legacy_zone_names() {
    let dir = scratch("kiev");
    let path = dir.path().join("kiev.toml");
    std::fs::write(
        &path,
        "name = \"x\"\ntimezone = \"Europe/Kiev\"\n[[meetings]]\nid = \"sat\"\n\
         name = \"S\"\nduration = \"60m\"\nstarts = \"2022-11-12\"\n\
         timezone = \"US/Pacific\"\n\
         weekly = { day = \"saturday\", time = \"07:00\" }\n",
    )
    .expect("temp file written");
    let p = path.to_str().expect("a UTF-8 path");
    let out = convenor(&["check", p, "--now", "2022-11-12"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(
        "warning: time zone \"Europe/Kiev\" is an old name (a link in the tz database); write \"Europe/Kyiv\""
    ), "{stdout}");
    assert!(stdout.contains(
        "warning: meeting sat: time zone \"US/Pacific\" is an old name (a link in the tz database); write \"America/Los_Angeles\""
    ), "{stdout}");
}

/// The spec README's example records (the first without `timezone`, as
/// in the spec), one bad record and one by appointment.
const MEETING_GUIDE_FEED: &str = r#"[
  {"name": "Sunday Serenity", "slug": "sunday-serenity-14", "day": 0,
   "time": "18:00", "end_time": "19:30", "location": "Alano Club",
   "group": "The Serenity Group", "notes": "Ring buzzer. Meeting is on the 2nd floor.",
   "updated": "2014-05-31 14:32:23", "url": "https://district123.org/meetings/sunday-serenity",
   "types": ["O", "T", "LGBTQ"], "address": "123 Main Street", "city": "Anytown",
   "state": "CA", "postal_code": "98765", "country": "US"},
  {"name": "Online Daily", "slug": "daily", "day": [1, 3], "time": "07:00",
   "timezone": "America/New_York", "conference_url": "https://zoom.us/j/123456789",
   "conference_url_notes": "Password: serenity", "formatted_address": "Chicago, IL, USA"},
  {"name": "Broken", "slug": "broken", "day": 9, "time": "18:00"},
  {"name": "By appointment", "slug": "appointment"}
]"#;

#[test]
fn import_meeting_guide_skips_bad_records_and_writes_a_schedule() {
    let dir = scratch("import");
    let feed = dir.path().join("district-123.json");
    std::fs::write(&feed, MEETING_GUIDE_FEED).unwrap();
    let feed = feed.display().to_string();
    let out = convenor(&[
        "import",
        "meeting-guide",
        &feed,
        "--timezone",
        "America/Los_Angeles",
        "--starts",
        "2024-01-01",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let toml = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(
            "record 2 (broken) is left out: invalid `day`: 9 is not a day \
             from 0 (sunday) to 6 (saturday)"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("record 3 (appointment) is left out"), "{stderr}");
    assert!(
        stderr.contains("not imported: group (1), updated (1)"),
        "{stderr}"
    );
    assert!(stderr.contains("imported 3 meetings"), "{stderr}");
    // The schedule file is valid and says what the feed said.
    let schedule = convenor::Schedule::from_toml_str(&toml).unwrap();
    assert_eq!(schedule.name(), "district-123");
    let ids: Vec<&str> =
        schedule.meetings().iter().map(|m| m.id().as_str()).collect();
    assert_eq!(ids, ["sunday-serenity-14", "daily-1", "daily-3"]);
    let sunday = &schedule.meetings()[0];
    assert_eq!(sunday.zone().name(), "America/Los_Angeles");
    // An in-person record's `location` is its venue.
    assert!(toml.contains("venue = \"Alano Club\"\n"), "{toml}");
    assert_eq!(
        sunday.url().map(|u| u.as_str()),
        Some("https://district123.org/meetings/sunday-serenity")
    );
    let daily = &schedule.meetings()[1];
    assert_eq!(daily.place().area.as_deref(), Some("Chicago, IL, USA"));
    assert_eq!(daily.zone().name(), "America/New_York");
    // JSON too, and to a file.
    let json_path = dir.path().join("schedule.json").display().to_string();
    let out = convenor(&[
        "import",
        "meeting-guide",
        &feed,
        "--timezone",
        "America/Los_Angeles",
        "--starts",
        "2024-01-01",
        "--format",
        "json",
        "-o",
        &json_path,
    ]);
    assert!(out.status.success());
    let json = std::fs::read_to_string(&json_path).unwrap();
    assert_eq!(convenor::json::from_str(&json).unwrap().meetings().len(), 3);
}

/// The seed post's list, line by line (its double space after
/// "Tuesday:" aside), as published on 10 November 2022, with the
/// footnote about the Saturday move.
#[test]
fn announce_reproduces_the_seed_post() {
    let text = stdout(&["announce", "--as-of", "2022-11-10"]);
    let post = [
        "• Sunday: 5:00pm Pacific",
        "• Tuesday: 11:00am Pacific",
        "• Wednesday: 1:00pm Pacific",
        "• Thursday: 6:30pm Pacific",
        "• Monday: 6:00pm Pacific (Starts November 14th)",
        "• Saturday: 7:00am Pacific (Starts November 12th) [1]",
    ];
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('•'))
        .map(str::trim)
        .collect();
    assert_eq!(lines, post, "{text}");
    assert!(
        text.contains(
            "[1] Co-Occurring Disorders (Saturday): from 12 Nov 2022, Saturdays at \
             7:00am Pacific instead of Saturdays at 9:30am Pacific"
        ),
        "{text}"
    );
    golden("announce-2022-11-10.txt", &text);
    // As first posted: 9:30, no footnote yet.
    let before = stdout(&["announce", "--as-of", "2022-11-05"]);
    assert!(
        before.contains("• Saturday: 9:30am Pacific (Starts November 12th)\n")
    );
    assert!(!before.contains("[1]"), "{before}");
    // Other zones, for the week in question: London is an hour closer
    // in the week the clocks change on one side only, and each change
    // within 26 weeks is said.
    let args = |day| {
        stdout(&[
            "announce",
            "--as-of",
            day,
            "--zones",
            "America/New_York,Europe/London",
            "--format",
            "markdown",
        ])
    };
    let usual = args("2022-11-10");
    assert!(
        usual.contains(
            "- Sunday: 5:00pm Pacific · 8:00pm Eastern · 1:00am Monday London \\(12:00am \
             Monday from March 13th, 1:00am Monday from March 27th\\)\n"
        ),
        "{usual}"
    );
    let mismatch = args("2022-10-25");
    assert!(
        mismatch.contains(
            "- Sunday: 5:00pm Pacific · 8:00pm Eastern · 12:00am Monday London \\(1:00am \
             Monday from November 7th, 12:00am Monday from March 13th, 1:00am Monday from \
             March 27th\\)\n"
        ),
        "{mismatch}"
    );
    golden("announce-2022-11-10-zones.md", &usual);
    let html =
        stdout(&["announce", "--as-of", "2022-11-10", "--format", "html"]);
    golden("announce-2022-11-10.html", &html);
}

/// Words convenor would write in English: weekdays, months, the words
/// of its sentences and of its zone names. Not here: words the other
/// languages share with English (`extra`, `online`), which `own` below
/// allows per language.
const ENGLISH: &[&str] = &[
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "october",
    "november",
    "december",
    "starts",
    "ends",
    "from",
    "instead",
    "of",
    "at",
    "on",
    "the",
    "every",
    "week",
    "weeks",
    "minute",
    "minutes",
    "long",
    "announced",
    "no",
    "meeting",
    "meetings",
    "session",
    "sessions",
    "moves",
    "more",
    "join",
    "phone",
    "pacific",
    "eastern",
    "time",
    "am",
    "pm",
    "and",
    "until",
    "weekly",
    "starting",
];

/// `announce --lang L` for each of the nine languages besides English
/// (issue 29): a golden file each, the language's own names for the
/// seed's weekdays and month (from CLDR), and no English word once the
/// schedule's own text (its name, the meetings' names, the change's note,
/// all written in English by its convenor) is taken out.
#[test]
fn announce_in_every_language_has_no_english_words() {
    let seed = convenor::Schedule::from_toml_str(convenor::SEED_TOML)
        .expect("the seed parses");
    let mut own_text: Vec<String> = vec![seed.name().to_string()];
    for m in seed.meetings() {
        own_text.push(m.name().to_string());
        own_text.extend(m.changes().iter().filter_map(|c| c.note.clone()));
    }
    // Longest first, so a name inside another is not cut out first.
    own_text.sort_by_key(|t| std::cmp::Reverse(t.len()));
    // (language, its Saturday, its November, English-looking words that
    // are its own: German "am 14. November", Dutch "meeting" as TSML UI's
    // Dutch says it, and CLDR's Dutch zone names "Pacific-tijd",
    // "Eastern-tijd")
    let languages: &[(&str, &str, &str, &[&str])] = &[
        ("es", "Sábado", "noviembre", &[]),
        ("fr", "Samedi", "novembre", &[]),
        ("de", "Samstag", "November", &["november", "am"]),
        ("ja", "土曜日", "11月", &[]),
        ("pt", "Sábado", "novembro", &[]),
        (
            "nl",
            "Zaterdag",
            "november",
            &["november", "meeting", "pacific", "eastern"],
        ),
        ("sv", "Lördag", "november", &["november"]),
        ("sk", "Sobota", "novembra", &[]),
        ("th", "วันเสาร์", "พฤศจิกายน", &[]),
    ];
    for (lang, saturday, november, own) in languages {
        let text = stdout(&[
            "announce",
            "--as-of",
            "2022-11-10",
            "--lang",
            lang,
            "--zones",
            "America/New_York,Europe/London",
        ]);
        golden(&format!("announce-2022-11-10-{lang}.txt"), &text);
        assert!(text.contains(saturday), "{lang}: no {saturday}: {text}");
        assert!(text.contains(november), "{lang}: no {november}: {text}");
        let mut ours = text.clone();
        for t in &own_text {
            ours = ours.replace(t.as_str(), " ");
        }
        let english: Vec<String> = ours
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .filter(|w| !own.contains(&w.as_str()))
            .collect();
        assert!(
            english.is_empty(),
            "{lang}: English words {english:?} in {text}"
        );
    }
    // The test can fail: English output is full of them.
    let english =
        stdout(&["announce", "--as-of", "2022-11-10", "--lang", "en"]);
    assert!(english.contains("Saturday: 7:00am Pacific"), "{english}");
}

/// `changes --lang L`: the plain words of every kind of change (a
/// cancellation, a move, an extra session of 90 minutes) in L, with
/// CLDR's dates and zone names; "no changes" in L too.
#[test]
fn changes_in_another_language() {
    let manchester =
        format!("{}/tests/data/manchester.toml", env!("CARGO_MANIFEST_DIR"));
    let text = stdout(&["changes", &manchester, "--lang", "es"]);
    golden("changes-manchester-es.txt", &text);
    assert!(text.contains("no hay reunión el martes, 22 de diciembre de 2026"));
    assert!(text.contains("de 90 minutos"));
    let none = stdout(&[
        "changes",
        "--example",
        "--since",
        "2030-01-01",
        "--lang",
        "de",
    ]);
    assert_eq!(none, "keine Änderungen\n");
}

/// A schedule's `languages` are the languages its page offers, the
/// first shown without JavaScript; `publish --lang` overrides them.
#[test]
fn the_schedules_languages_choose_the_pages() {
    let tmp = scratch("page-languages");
    let file = tmp.path().join("meetings.toml");
    let text = convenor::SEED_TOML.replacen(
        "\n",
        "\nlanguages = [\"fr\", \"en\"]\n",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let file = file.display().to_string();
    let site = tmp.path().join("site").display().to_string();
    let now = "2022-11-10T12:00:00Z";
    stdout(&["publish", &file, "--out", &site, "--now", now]);
    let page =
        std::fs::read_to_string(tmp.path().join("site/index.html")).unwrap();
    assert!(page.contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(page.contains("data-l10n=\"page-next\">Prochaines réunions</h2>"));
    assert!(page.contains("<option value=\"en\" lang=\"en\">English</option>"));
    stdout(&["publish", &file, "--out", &site, "--now", now, "--lang", "de"]);
    let page =
        std::fs::read_to_string(tmp.path().join("site/index.html")).unwrap();
    assert!(page.contains("<html lang=\"de\" dir=\"ltr\">"));
    assert!(!page.contains("<select"), "one language, no menu");
}

/// `--lang` takes a tag as people write it, the environment gives the
/// default, and a language convenor does not write in is refused,
/// naming the ones it does.
#[test]
fn lang_flag_and_environment() {
    let es = stdout(&["announce", "--as-of", "2022-11-10", "--lang", "es-MX"]);
    assert!(es.contains("Sábado: 07:00 hora del Pacífico"), "{es}");
    let from_env = Command::new(env!("CARGO_BIN_EXE_convenor"))
        .args(["announce", "--as-of", "2022-11-10"])
        .env("CONVENOR_TZDATA", "bundled")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .expect("the binary runs");
    let fr = String::from_utf8(from_env.stdout).expect("UTF-8");
    assert!(fr.contains("Samedi : 07:00"), "{fr}");
    let out = convenor(&["announce", "--lang", "xx"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("convenor does not write in \"xx\"; use one of en, es, fr, de, ja, pt, nl, sv, sk, th"),
        "{err}"
    );
}

/// The page is a function of the schedule and `--now`: a golden file.
#[test]
fn the_schedule_page_is_deterministic() {
    let tmp = scratch("page-golden");
    let dir = tmp.path().join("site");
    let out = dir.display().to_string();
    stdout(&[
        "publish",
        "--example",
        "--out",
        &out,
        "--now",
        "2022-11-10T12:00:00Z",
        "--url",
        "https://lifering.example/meetings/",
    ]);
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    golden("index-2022-11-10.html", &page);
    // The first Saturday, the footnote about 9:30 -> 7:00, subscribe links.
    assert!(
        page.contains("datetime=\"2022-11-12T15:00:00+00:00\">07:00</time>")
    );
    assert!(page.contains(
        "Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific"
    ));
    assert!(page
        .contains("href=\"webcal://lifering.example/meetings/schedule.ics\""));
    assert!(page.contains(
        "href=\"https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Flifering.example%2Fmeetings%2Fschedule.ics\""
    ));
}

/// Found in review: an extra session on the day of a regular one gets a
/// file of its own (the publish used to fail on the name), and dates
/// past the years convenor works in are bad input, not a panic.
#[test]
fn publish_names_each_session_file_and_extreme_dates_are_refused() {
    let tmp = scratch("extra-same-day");
    let dir = tmp.path();
    let file = dir.join("x.toml");
    std::fs::write(
        &file,
        "name = \"x\"\ntimezone = \"America/Los_Angeles\"\narea = \"LA\"\n\n\
         [[meetings]]\nid = \"wed\"\nname = \"Wed\"\n\
         weekly = { day = \"wednesday\", time = \"13:00\" }\n\
         duration = \"60m\"\nstarts = \"2022-10-05\"\n\n\
         [[meetings.changes]]\nkind = \"extra\"\nat = \"2022-11-09T18:00\"\n",
    )
    .unwrap();
    let (file, out) = (file.display().to_string(), dir.join("site"));
    let site = out.display().to_string();
    stdout(&[
        "publish",
        &file,
        "--out",
        &site,
        "--now",
        "2022-11-01T00:00:00Z",
    ]);
    assert!(out.join("sessions/wed-2022-11-09T1300.ics").exists());
    assert!(out.join("sessions/wed-2022-11-09T1800.ics").exists());
    for args in [
        vec!["announce", "--as-of=-262143-01-01"],
        vec!["check", file.as_str(), "--now=-262143-01-20"],
        vec![
            "publish",
            "--example",
            "--out",
            site.as_str(),
            "--now=+262142-12-20",
        ],
    ] {
        let run = convenor(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(
            err.contains("outside the years 2 to 9998"),
            "{args:?}: {err}"
        );
    }
}

/// Unknown keys, mistyped keys and impossible changes are all reported
/// in one run, in file order.
#[test]
fn check_reports_three_mistakes_at_once() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/invalid/toml-three-mistakes.toml"
    );
    let out = convenor(&["check", path]);
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8(out.stdout).unwrap().replace(path, "three.toml");
    assert!(text.contains("three.toml: 3 errors"), "{text}");
    golden("check-three-mistakes.txt", &text);
}

/// Issue 27: without `--as-of`, the feed's date is today (`--now`) in
/// each meeting's own zone: at 16:00 UTC on Monday 7 December it is
/// already Tuesday in Tokyo, so Tokyo's cancelled Monday session is past
/// and next Monday's is listed; as of Monday 7 December it is not.
#[test]
fn the_feed_date_is_today_in_each_meeting_zone() {
    let tmp = scratch("as-of-zones");
    let file = tmp.path().join("tokyo.toml");
    std::fs::write(
        &file,
        "name = 'x'\n[[meetings]]\nid = 'tokyo'\nname = 'T'\ntimezone = 'Asia/Tokyo'\n\
         area = 'Tokyo'\nweekly = { day = 'monday', time = '19:00' }\n\
         duration = '60m'\nstarts = '2026-11-02'\n\
         [[meetings.changes]]\nkind = 'cancel'\ndate = '2026-12-07'\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let feed = |extra: &[&str]| {
        let mut args = vec!["json", file, "--view", "meeting-guide"];
        args.extend_from_slice(&[
            "--exact-week",
            "--tz",
            "America/Los_Angeles",
        ]);
        args.extend_from_slice(extra);
        stdout(&args)
    };
    let today = feed(&["--now", "2026-12-07T16:00:00Z"]);
    assert!(today.contains("\"day\": 1,"), "{today}");
    let monday =
        feed(&["--now", "2026-12-07T16:00:00Z", "--as-of", "2026-12-07"]);
    assert!(!monday.contains("\"day\""), "{monday}");
    assert!(monday.contains("Monday 7 December: no meeting"), "{monday}");
}

/// Issue 27: `json --view meeting-guide --exact-week` and `publish
/// --exact-week` give the same exact-week feed; the flag is refused
/// with the other views.
#[test]
fn exact_week_feed_from_json_and_publish() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/finders/exact-week.toml"
    );
    let feed = stdout(&[
        "json",
        file,
        "--view",
        "meeting-guide",
        "--exact-week",
        "--as-of",
        "2022-11-20",
    ]);
    golden("meeting-guide-exact-week-2022-11-20.json", &feed);
    assert!(feed.contains("\"slug\": \"monday-group-2022-11-24\""), "{feed}");
    // Its only session cancelled: a record without a day and time that
    // carries the note (TSML UI lists it last, as inactive).
    assert!(
        feed.contains("\"slug\": \"thursday-night\",\n    \"timezone\""),
        "{feed}"
    );
    let weekly = stdout(&[
        "json",
        file,
        "--view",
        "meeting-guide",
        "--as-of",
        "2022-11-20",
    ]);
    assert_ne!(feed, weekly);
    let tmp = scratch("exact-week");
    let dir = tmp.path().join("site");
    // 08:00 UTC is the first hour of 20 November in Los Angeles.
    stdout(&[
        "publish",
        file,
        "--out",
        dir.to_str().unwrap(),
        "--exact-week",
        "--now",
        "2022-11-20T08:00:00Z",
    ]);
    let published =
        std::fs::read_to_string(dir.join("meeting-guide.json")).unwrap();
    assert_eq!(published, feed);
    // The venue before the address: the record's `location`, the .ics
    // LOCATION (RFC 5545 escapes its commas; the venue also as a
    // parameter, for `import ics`), the page.
    assert!(feed.contains("\"location\": \"St. Luke's Hall\""), "{feed}");
    let ics = std::fs::read_to_string(dir.join("meetings/hall.ics")).unwrap();
    assert!(
        ics.contains(
            "LOCATION;X-CONVENOR-VENUE=St. Luke's Hall:St. Luke's Hall\\, 1 Main St"
        ),
        "{ics}"
    );
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(
        page.contains(
            "<span class=\"place\">St. Luke&#39;s Hall, 1 Main St, Los Angeles, CA 90012, USA</span>"
        ),
        "{page}"
    );
    // `check` says what finders will show of the weekly feed, and the fix.
    let check = convenor(&["check", file, "--now", "2022-11-20T08:00:00Z"]);
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    for id in [
        "thursday-night",
        "midweek",
        "monday-group",
        "fortnight-on",
        "fortnight-off",
        "monthly-business",
    ] {
        assert!(
            said.lines().any(|l| l.contains(&format!("meeting {id}"))
                && l.contains("`--exact-week`")),
            "{id}: {said}"
        );
    }
    let refused =
        convenor(&["json", file, "--view", "occurrences", "--exact-week"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains(
        "--exact-week is for --view meeting-guide only, not --view occurrences"
    ));
}
