//! Hostile and careless input, run through the binary (issue 12): no
//! panic, bounded work, terminal-safe text, nonsense refused with a
//! clear message.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{convenor, scratch};

/// A file in a scratch folder of its own, removed (with the folder) when
/// dropped.
struct TempFile {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl TempFile {
    fn new(name: &str, text: &str) -> TempFile {
        let dir = scratch("hostile");
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("temp file written");
        TempFile { _dir: dir, path }
    }

    fn path(&self) -> &str {
        self.path.to_str().expect("a UTF-8 temp path")
    }
}

/// One JSON meeting with this duration.
fn json_meeting(i: usize, duration: &str) -> String {
    format!(
        "{{\"id\":\"m{i}\",\"name\":\"Meeting {i}\",\"weekly\":{{\"day\":\
         \"monday\"}},\"time\":\"19:00\",\"duration\":\"{duration}\",\
         \"starts\":\"2022-10-03\"}}"
    )
}

/// A minified (one-line) JSON schedule of `n` meetings.
fn minified(n: usize, duration: impl Fn(usize) -> &'static str) -> String {
    let meetings: Vec<String> =
        (0..n).map(|i| json_meeting(i, duration(i))).collect();
    format!(
        "{{\"name\":\"x\",\"timezone\":\"UTC\",\"meetings\":[{}]}}",
        meetings.join(",")
    )
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

/// issue 12, finding 3: a caret at column 80,000 of a one-line file
/// panicked in `check` (exit 101).
#[test]
fn check_quotes_a_window_of_a_minified_line() {
    let text = minified(800, |i| if i == 799 { "0" } else { "60m" });
    let file = TempFile::new("minified.json", &text);
    let out = convenor(&["check", file.path()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let report = stdout_of(&out);
    assert!(report.contains(":1:"), "{report}");
    assert!(report.lines().all(|l| l.chars().count() < 200), "{report}");
    // The caret is under the bad value.
    let lines: Vec<&str> = report.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("1 | ")).unwrap();
    let caret = lines[at + 1].chars().count() - 1;
    assert_eq!(lines[at + 1].chars().last(), Some('^'));
    let under: String = lines[at].chars().skip(caret).take(3).collect();
    assert_eq!(under, "\"0\"", "{report}");
}

/// issue 12, finding 4: each problem re-parsed the whole file for its
/// position (4,000 bad durations did not finish in 120 s), and every
/// problem was printed. In a debug build this takes about a second.
#[test]
fn check_finds_4000_positions_in_one_pass_and_shows_the_first_100() {
    for (name, text) in
        [("bad.json", minified(4000, |_| "0")), ("bad.toml", bad_toml(4000))]
    {
        let file = TempFile::new(name, &text);
        let started = Instant::now();
        let out = convenor(&["check", file.path()]);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(20), "{name}: {took:?}");
        assert_eq!(out.status.code(), Some(2));
        let report = stdout_of(&out);
        assert_eq!(report.matches("\nerror: ").count() + 1, 101, "{name}");
        assert!(report.contains(
            "error: and 3900 more problems (only the first 100 are shown)"
        ));
        assert!(report.ends_with(": 4000 errors\n"), "{report}");
    }
}

/// issue 18: `check` printed every warning, and found each warned
/// meeting by a linear search and each quoted line from the start of the
/// text: 20,000 meetings without a place took 50 s (release build). Now
/// the first 100 are shown, the rest counted, in linear time.
#[test]
fn check_shows_the_first_100_of_many_warnings_quickly() {
    let file = TempFile::new("many.json", &minified(8000, |_| "60m"));
    let started = Instant::now();
    let out = convenor(&["check", file.path()]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "{took:?}");
    assert_eq!(out.status.code(), Some(0));
    let report = stdout_of(&out);
    assert_eq!(report.matches("\nwarning: ").count() + 1, 101);
    // One for each meeting, and one for the schedule's missing `url`.
    assert!(report.contains(
        "warning: and 7901 more warnings (only the first 100 are shown)"
    ));
    assert!(report.ends_with("8000 meetings, no errors, 8001 warnings\n"));
}

/// issue 12, finding 4: 9,920 copies of one `extra` change (1.2 MB)
/// kept `ics` busy for more than 300 s, finding each problem's
/// position; the first problem reported was `changes[1000]`.
#[test]
fn ics_of_9920_duplicate_extras_is_refused_quickly() {
    let mut text = bad_toml(1).replace("\"0\"", "\"60m\"");
    for _ in 0..9920 {
        text += "[[meetings.changes]]\nkind = \"extra\"\n\
                 at = \"2022-11-12T10:00\"\nnote = \"the same extra session \
                 again and again, about 120 bytes a change\"\n";
    }
    let file = TempFile::new("extras.toml", &text);
    let started = Instant::now();
    let out = convenor(&["ics", file.path(), "--now", "2022-11-01"]);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(20), "{took:?}");
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8(out.stderr).unwrap();
    // `file:line:column: message`, the first 100 of 9,919 and a count.
    assert!(message.contains(":15:6: "), "{message}");
    assert!(message.contains("(field changes[1].at)\n"), "{message}");
    assert!(
        message
            .contains("and 9819 more problems (only the first 100 are shown)"),
        "{message}"
    );
    assert!(message.lines().count() < 500, "{message}");
}

fn bad_toml(n: usize) -> String {
    let mut text = String::from("name = \"x\"\ntimezone = \"UTC\"\n");
    for i in 0..n {
        text += &format!(
            "[[meetings]]\nid = \"m{i}\"\nname = \"M\"\nweekly = {{ day = \
             \"monday\", time = \"19:00\" }}\nduration = \"0\"\nstarts = \
             \"2022-10-03\"\n"
        );
    }
    text
}

/// issue 12, finding 5: names, notes and values reached the terminal
/// with their ESC, OSC and CR.
#[test]
fn control_characters_are_shown_escaped() {
    let evil = r#"\u001b]0;owned\u0007\u001b[2J\r"#;
    let text = format!(
        "name = \"S{evil}\"\ntimezone = \"UTC\"\n[[meetings]]\nid = \"a\"\n\
         name = \"N{evil}\"\nweekly = {{ day = \"monday\", time = \"19:00\" }}\n\
         duration = \"60m\"\nstarts = \"2022-10-03\"\n\
         [[meetings.changes]]\nkind = \"cancel\"\ndate = \"2022-10-10\"\n\
         note = \"holiday{evil}\"\n"
    );
    let file = TempFile::new("evil.toml", &text);
    let f = file.path();
    let now = ["--now", "2022-10-09T00:00:00Z", "--tz", "UTC"];
    // `changes` takes neither --now nor --tz: its words do not depend
    // on them.
    for args in [
        [&["week", f, "--week", "2022-10-10"][..], &now].concat(),
        [&["agenda", f, "--cancelled"][..], &now].concat(),
        [&["next", f][..], &now].concat(),
        vec!["changes", f],
    ] {
        let out = convenor(&args);
        let shown = stdout_of(&out);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {shown:?}"
        );
        assert!(shown.contains("\\u{1b}]0;owned\\u{7}"), "{args:?}: {shown}");
    }
    let shown = stdout_of(&convenor(&["changes", f]));
    assert!(shown.contains("holiday\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\r"));
    // In messages: an unknown zone and a bad value quoted by `check`.
    let bad = TempFile::new(
        "evil-zone.toml",
        &text.replace("\"UTC\"", "\"Mars\\u001b[2J\""),
    );
    let out = convenor(&["agenda", bad.path()]);
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(message.contains("Mars\\u{1b}[2J"), "{message}");
    let out = convenor(&["check", bad.path()]);
    let report = stdout_of(&out);
    assert!(report.contains("Mars\\u{1b}[2J"), "{report}");
    assert!(!report.chars().any(|c| c.is_control() && c != '\n'));
}

/// issue 12, finding 6: `--domain ""` gave UIDs such as `id@`, and an
/// online `url = "javascript:alert(1)"` went into the `.ics` `URL`.
#[test]
fn empty_domains_and_script_urls_are_refused() {
    let tmp = scratch("hostile");
    let dir = tmp.path().join("publish");
    for args in [
        &["ics", "--domain", ""][..],
        &["ics", "--domain", "a b"],
        &[
            "publish",
            "--example",
            "--out",
            dir.to_str().unwrap(),
            "--domain",
            "",
        ],
    ] {
        let out = convenor(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let message = String::from_utf8(out.stderr).unwrap();
        assert!(message.contains("invalid --domain"), "{message}");
    }
    assert!(!dir.exists());
    let mut text = bad_toml(1).replace("\"0\"", "\"60m\"");
    text += "online = { url = \"javascript:alert(1)\" }\n";
    let file = TempFile::new("script-url.toml", &text);
    let out = convenor(&["ics", file.path()]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(
        message.contains(
            "invalid URL \"javascript:alert(1)\", expected an `https:` or \
             `http:` address with a host"
        ) && message.contains("script-url.toml:9:18: ")
            && message.contains("(field online.url)"),
        "{message}"
    );
}

/// issue 12, finding 4: `next -n 100000000` allocated gigabytes, and
/// `-n 18446744073709551615` wrapped around to print nothing.
#[test]
fn next_counts_over_the_session_cap_are_refused() {
    for n in ["100001", "100000000", "18446744073709551615"] {
        let out = convenor(&["next", "-n", n, "--now", "2022-11-12"]);
        assert_eq!(out.status.code(), Some(2), "{n}");
        let message = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            message,
            format!(
                "convenor: --count {n} is more than the limit of 100000 \
                 sessions; ask for fewer\n"
            )
        );
    }
    let out = convenor(&["next", "-n", "100000", "--now", "2022-11-12"]);
    assert!(out.status.success());
    // A line per session, each followed by its indented details.
    let sessions = stdout_of(&out);
    assert_eq!(
        sessions.lines().filter(|l| !l.starts_with(' ')).count(),
        100_000
    );
}

/// issue 12, finding 7: messages that said the wrong thing.
#[test]
fn messages_say_what_happened() {
    // `/dev/zero` is a device, not "0 bytes, more than the limit".
    let out = convenor(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "convenor: /dev/zero is not a regular file, and gave more than the \
         limit of 33554432 bytes of schedule text\n"
    );
    // The time the date flags' message suggests is accepted: its date.
    let as_of = ["json", "--view", "meeting-guide", "--now", "2022-11-20"];
    let by_date = convenor(&[&as_of[..], &["--as-of", "2022-11-12"]].concat());
    let by_time = convenor(
        &[&as_of[..], &["--as-of", "2022-11-12T07:00:00-08:00"]].concat(),
    );
    assert!(by_time.status.success(), "{by_time:?}");
    assert_eq!(by_time.stdout, by_date.stdout);
    // Past year 9999: the instant asked for is refused as it was given,
    // not a clamped window.
    let out = convenor(&["agenda", "--now", "9999-12-31T23:59:59Z"]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8(out.stderr).unwrap();
    assert!(
        message.contains(
            "\"9999-12-31T23:59:59Z\" is outside the years 2 to 9998 that \
             convenor works in"
        ),
        "{message}"
    );
    // A number in a zone name is an offset: no other offset suggested.
    let out = convenor(&["agenda", "--tz", "Etc/GMT+14"]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "convenor: unknown time zone \"Etc/GMT+14\"\n"
    );
    let out = convenor(&["agenda", "--tz", "etc/gmt+5"]);
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .ends_with("did you mean \"Etc/GMT+5\"?\n"));
}

/// `-o` naming a pipe or device (`/dev/null`, `/dev/stdout`) writes to
/// it: the atomic replace renamed a file over `/dev/null` itself. A FIFO
/// stands in for the device, so a failure cannot break the machine.
#[test]
fn output_to_a_pipe_writes_through_it() {
    let tmp = scratch("hostile");
    let fifo = tmp.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.as_ref().is_ok_and(|s| s.success()) {
        let why = format!("mkfifo made no named pipe: {made:?}");
        crate::skip_or_fail("mkfifo", &why);
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo))
    };
    let out = convenor(&["json", "--example", "-o", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Checked before the reader is joined: a replaced pipe never gets a
    // writer, and its reader would wait for ever.
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    std::fs::remove_file(&fifo).unwrap();
    assert!(kind.is_fifo(), "the pipe was replaced: {kind:?}");
    let text = reader.join().unwrap().expect("the pipe read");
    assert!(text.starts_with("{\n  \"name\": \"LifeRing"), "{text}");
}
