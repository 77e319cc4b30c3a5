//! The `convenor` binary, run as a user would, with a fixed `--now` so
//! output is deterministic. Outputs are golden files in `tests/golden/`;
//! `UPDATE_GOLDEN=1 cargo test -p convenor-cli` rewrites them.

use std::path::PathBuf;
use std::process::{Command, Output};

/// Hostile and careless input (issue 12).
mod hostile;

fn convenor(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convenor"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", "Pacific/Chatham")
        // Pinned, so results do not depend on the machine's zoneinfo.
        .env("CONVENOR_TZDATA", "bundled")
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

fn bad_file() -> PathBuf {
    let path = std::env::temp_dir()
        .join(format!("convenor-bad-{}.toml", std::process::id()));
    std::fs::write(
        &path,
        "name = \"x\"\ntimezone = \"America/Los_Angles\"\n[[meetings]]\nid = \"sat\"\n\
         name = \"S\"\nduration = \"60m\"\nstarts = \"2022-11-12\"\n\
         weekly = { day = \"saturdy\", time = \"7pm\" }\n",
    )
    .expect("temp file written");
    path
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
    let out = stdout(&["changes", "--now", "2022-11-20"]);
    assert!(out.contains("from 12 Nov 2022, Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific (announced 10 Nov 2022)"));
    golden("changes.txt", &out);
}

#[test]
fn check_reports_every_error_with_position_and_exits_2() {
    let path = bad_file();
    let out = convenor(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace(path.to_str().unwrap(), "bad.toml");
    assert!(text.contains("  --> bad.toml:2:12\n"));
    assert!(text.contains("  = help: did you mean \"America/Los_Angeles\"?"));
    golden("check-bad.txt", &text);
    std::fs::remove_file(path).ok();
}

#[test]
fn check_of_the_seed_is_clean() {
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/lifering-co-occurring.toml"
    );
    let out =
        convenor(&["check", seed, "--deny-warnings", "--now", "2022-11-01"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .ends_with("6 meetings, no errors, 0 warnings\n"));
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
    let dir = std::env::temp_dir()
        .join(format!("convenor-ics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("feed.ics");
    stdout(&[
        "ics",
        "--now",
        "2022-11-10T00:00:00Z",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), whole);
    // Nothing but the feed is left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    std::fs::remove_dir_all(dir).ok();
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
    let dir = std::env::temp_dir()
        .join(format!("convenor-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("schedule.json");
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
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn publish_writes_every_feed_or_none() {
    let dir = std::env::temp_dir()
        .join(format!("convenor-publish-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let out = stdout(&[
        "publish",
        "--out",
        dir.to_str().unwrap(),
        "--now",
        "2022-11-10T00:00:00Z",
    ]);
    assert_eq!(out.lines().count(), 11, "{out}");
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
    std::fs::remove_dir_all(dir).ok();
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
        let first = expected.split(" at line ").next().unwrap_or(&expected);
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
    let dir = std::env::temp_dir()
        .join(format!("convenor-hardening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let utf8 = dir.join("latin1.toml");
    std::fs::write(&utf8, b"name = \"Caf\xe9\"\n").expect("written");
    let big = dir.join("big.toml");
    let file = std::fs::File::create(&big).expect("created");
    file.set_len(50 * 1024 * 1024).expect("a sparse 50 MB file");
    for (path, message) in [
        (&utf8, "the text is not UTF-8 (byte 0xE9); save the file as UTF-8 at line 1 column 12"),
        (&big, "the schedule text is 52428800 bytes, more than the limit of 33554432 bytes"),
    ] {
        let p = path.to_str().expect("a UTF-8 path");
        let out = convenor(&["agenda", p, "--now", "2022-11-12"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("convenor: {p}: {message}")), "{stderr}");
    }
    std::fs::remove_dir_all(&dir).expect("cleaned up");
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
    let path = std::env::temp_dir()
        .join(format!("convenor-kiev-{}.toml", std::process::id()));
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
    std::fs::remove_file(&path).expect("cleaned up");
}
