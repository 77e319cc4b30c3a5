//! Issue 25 (hardening, round 3), through the binary: links that
//! cannot run script, imports that write only what convenor reads back,
//! COUNTs that end where they end.

use super::{convenor, scratch};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A schedule of one weekly meeting, with `head` among the schedule's
/// fields and `meeting` among the meeting's.
fn schedule(head: &str, meeting: &str) -> String {
    format!(
        "name = \"x\"\n{head}timezone = \"America/Los_Angeles\"\n\n\
         [[meetings]]\nid = \"sat\"\nname = \"Saturday\"\n\
         weekly = {{ day = \"saturday\", time = \"07:00\" }}\n\
         duration = \"60m\"\nstarts = \"2022-11-12\"\n{meeting}"
    )
}

/// issue 25, finding 1: `publish --url 'javascript:alert(1)//'` wrote
/// `href="javascript:alert(1)/schedule.ics"`, and clicking "Subscribe"
/// ran the script. Every such URL is refused before anything is
/// written, with a message that says what a URL must be.
#[test]
fn publish_refuses_a_base_url_that_is_not_http_or_https() {
    let tmp = scratch("hardening");
    let dir = tmp.path().join("site");
    let dir_text = dir.to_str().unwrap();
    let file = tmp.path().join("schedule.toml");
    std::fs::write(&file, schedule("", "")).unwrap();
    let file = file.to_str().unwrap();
    for url in [
        "javascript:alert(1)//",
        "JaVaScRiPt:alert(1)//",
        " https://example.org/meetings/",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/",
        "https:///evil.example/",
        "ftp://example.org/",
    ] {
        let out =
            convenor(&["publish", file, "--out", dir_text, "--url", url]);
        assert_eq!(out.status.code(), Some(2), "{url}");
        let message = stderr_of(&out);
        assert!(
            message.contains("invalid URL")
                && message.contains("expected an `https:` or `http:` address"),
            "{url}: {message}"
        );
        assert!(!dir.exists(), "{url}");
    }
    // A good one: every link on the page is https:, http:, webcal: (made
    // by convenor from the base URL) or relative.
    let out = convenor(&[
        "publish",
        file,
        "--out",
        dir_text,
        "--url",
        "https://bücher.example/meetings/",
        "--now",
        "2022-11-10T12:00:00Z",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let hrefs: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert!(hrefs.iter().any(|h| h.starts_with("webcal://bücher.example/")));
    for href in hrefs {
        let scheme = href.split_once(':').map(|(s, _)| s);
        assert!(
            matches!(scheme, Some("https" | "http" | "webcal"))
                || !href.contains(':'),
            "{href}"
        );
        assert!(!href.starts_with("//"), "{href}");
    }
}

/// issue 24: four URL parsers disagreed; `https://bücher.example/` was a
/// valid schedule URL but gave UIDs `@convenor.invalid`. The host is now
/// the checked URL's, in its ASCII (punycode) form, and `--domain` is
/// read the same way.
#[test]
fn the_uid_domain_is_the_schedules_host_in_ascii() {
    let tmp = scratch("hardening");
    let file = tmp.path().join("idn.toml");
    std::fs::write(&file, schedule("url = \"https://bücher.example/\"\n", ""))
        .unwrap();
    let file = file.to_str().unwrap();
    let out = convenor(&["ics", file, "--now", "2022-11-10T12:00:00Z"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let ics = String::from_utf8(out.stdout).unwrap();
    assert!(ics.contains("UID:sat@xn--bcher-kva.example\r\n"), "{ics}");
    assert!(!ics.contains("convenor.invalid"));
    let out = convenor(&[
        "ics",
        file,
        "--domain",
        "Bücher.Example",
        "--now",
        "2022-11-10T12:00:00Z",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("UID:sat@xn--bcher-kva.example\r\n"));
    for bad in ["https://x.org", "x.org/meetings", "a_b c"] {
        let out = convenor(&["ics", file, "--domain", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr_of(&out).contains("invalid --domain"), "{bad}");
    }
}

/// issue 25, finding 2: a meeting's own `url = "javascript:alert(1)"`
/// passed `check` and went into `meeting-guide.json` as a link.
#[test]
fn check_refuses_a_meetings_own_script_url_at_its_position() {
    let tmp = scratch("hardening");
    let file = tmp.path().join("script.toml");
    std::fs::write(&file, schedule("", "url = \"javascript:alert(1)\"\n"))
        .unwrap();
    let out = convenor(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains(":10:7\n")
            && report.contains("invalid URL \"javascript:alert(1)\"")
            && report.contains("(field url)"),
        "{report}"
    );
}

/// A Meeting Guide feed with script, data, ftp and protocol-relative
/// links (issue 25, findings 2 and 6).
const HOSTILE_FEED: &str = r#"[
  {"name": "Monday", "slug": "monday", "day": 1, "time": "19:00",
   "conference_url": "javascript:alert(1)", "conference_phone": "+1 555 010 0100",
   "entity_url": "javascript:alert(document.cookie)"},
  {"name": "Tuesday", "slug": "tuesday", "day": 2, "time": "19:00",
   "url": "data:text/html,<script>alert(1)</script>"},
  {"name": "Wednesday", "slug": "wednesday", "day": 3, "time": "19:00",
   "conference_url": "ftp://files.example/"},
  {"name": "Thursday", "slug": "thursday", "day": 4, "time": "19:00",
   "conference_url": "//evil.example/join", "url": "https://good.example/thursday",
   "entity_url": "https://district.example/"}
]"#;

/// issue 25, findings 2 and 6: `import meeting-guide` carried
/// `javascript:`, `data:`, `ftp:` and `//evil` links into the schedule,
/// and one bad `entity_url` failed the whole import ("(field url)").
/// Each bad link is left out with a warning naming its record, slug and
/// field; every record is imported.
#[test]
fn meeting_guide_import_leaves_out_bad_links_and_says_so() {
    let tmp = scratch("hardening");
    let feed = tmp.path().join("feed.json");
    std::fs::write(&feed, HOSTILE_FEED).unwrap();
    let out = convenor(&[
        "import",
        "meeting-guide",
        feed.to_str().unwrap(),
        "--timezone",
        "America/Los_Angeles",
        "--starts",
        "2024-01-01",
    ]);
    let stderr = stderr_of(&out);
    assert!(out.status.success(), "{stderr}");
    for (record, field) in [
        ("record 0 (monday)", "conference_url"),
        ("record 0 (monday)", "entity_url"),
        ("record 1 (tuesday)", "url"),
        ("record 2 (wednesday)", "conference_url"),
        ("record 3 (thursday)", "conference_url"),
    ] {
        assert!(
            stderr.contains(&format!(
                "{record}: `{field}` is left out: invalid URL"
            )),
            "{record} {field}: {stderr}"
        );
    }
    assert!(stderr.contains("imported 4 meetings"), "{stderr}");
    let toml = String::from_utf8(out.stdout).unwrap();
    for bad in ["javascript", "data:", "ftp:", "//evil"] {
        assert!(!toml.contains(bad), "{bad}: {toml}");
    }
    let schedule = convenor::Schedule::from_toml_str(&toml).unwrap();
    assert_eq!(
        schedule.url().map(|u| u.as_str()),
        Some("https://district.example/")
    );
    let thursday = schedule.meeting("thursday").unwrap();
    assert_eq!(
        thursday.url().map(|u| u.as_str()),
        Some("https://good.example/thursday")
    );
}

/// issue 25, finding 13: `import meeting-guide` printed every warning
/// (900,001 lines for 900,000 records); it shows the first 100 and a
/// count, as `check` does.
#[test]
fn meeting_guide_import_shows_the_first_100_warnings_and_a_count() {
    let tmp = scratch("hardening");
    let feed = tmp.path().join("appointments.json");
    let records: Vec<String> = (0..300)
        .map(|i| format!("{{\"name\": \"By appointment {i}\", \"slug\": \"a{i}\"}}"))
        .chain(std::iter::once(
            "{\"name\": \"Monday\", \"slug\": \"monday\", \"day\": 1, \"time\": \"19:00\"}"
                .to_string(),
        ))
        .collect();
    std::fs::write(&feed, format!("[{}]", records.join(","))).unwrap();
    let out = convenor(&[
        "import",
        "meeting-guide",
        feed.to_str().unwrap(),
        "--timezone",
        "UTC",
    ]);
    let stderr = stderr_of(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("is left out: it has no `day`").count(), 100);
    assert!(
        stderr.contains("and 200 more (only the first 100 are shown)"),
        "{stderr}"
    );
    assert!(stderr.lines().count() < 110, "{stderr}");
}

/// A calendar of one daily series at 19:00 New York from 2022-01-01,
/// with `rule` and the extra lines.
fn daily_calendar(rule: &str, extra: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
         BEGIN:VEVENT\r\nUID:daily@test\r\nDTSTAMP:20240101T000000Z\r\n\
         SUMMARY:Daily\r\nDTSTART;TZID=America/New_York:20220101T190000\r\n\
         DURATION:PT1H\r\nRRULE:{rule}\r\n{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// issue 25, finding 5: `FREQ=DAILY;COUNT=200000` imported as ending on
/// the 100,000th session, without a word. It ends on the 200,000th.
#[test]
fn import_ics_count_over_100000_ends_on_the_last_session() {
    let tmp = scratch("hardening");
    let ics = tmp.path().join("count.ics");
    std::fs::write(&ics, daily_calendar("FREQ=DAILY;COUNT=200000", ""))
        .unwrap();
    let out = convenor(&["import", "ics", ics.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let toml = String::from_utf8(out.stdout).unwrap();
    // 2022-01-01 + 199,999 days.
    assert!(toml.contains("ends = \"2569-07-31\""), "{toml}");
    // A yearly COUNT past the year 9999: open-ended, and said.
    std::fs::write(&ics, daily_calendar("FREQ=YEARLY;COUNT=100000", ""))
        .unwrap();
    let out = convenor(&["import", "ics", ics.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out)
            .contains("COUNT=100000: the last session is after the year 9998"),
        "{}",
        stderr_of(&out)
    );
    assert!(!String::from_utf8(out.stdout).unwrap().contains("ends ="));
}

/// issue 25, finding 4: 100,000 EXDATEs imported with exit 0 into a
/// file that `check` refused ("too much in one table"). The import
/// fails instead, says why, and writes nothing.
#[test]
fn import_ics_never_writes_a_file_convenor_cannot_read_back() {
    let tmp = scratch("hardening");
    let ics = tmp.path().join("exdates.ics");
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 2).unwrap();
    let exdates: String = (0..62_000)
        .map(|i| {
            let d = start + chrono::Duration::days(2 * i);
            format!(
                "EXDATE;TZID=America/New_York:{}T190000\r\n",
                d.format("%Y%m%d")
            )
        })
        .collect();
    std::fs::write(&ics, daily_calendar("FREQ=DAILY", &exdates)).unwrap();
    let written = tmp.path().join("out.toml");
    let out = convenor(&[
        "import",
        "ics",
        ics.to_str().unwrap(),
        "-o",
        written.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr_of(&out);
    assert!(
        message.contains("cannot be written as a file convenor reads back, so nothing was written (meeting daily has 62000 changes"),
        "{message}"
    );
    assert!(!written.exists());
}

/// Runs convenor with `args`, killed (and the test failed) if it has
/// not finished after a minute: a hang is the bug under test.
fn convenor_within_a_minute(args: &[&str]) -> std::process::Output {
    convenor_in(args, "bundled")
}

/// As [`convenor_within_a_minute`], with `CONVENOR_TZDATA=tzdata`.
fn convenor_in(args: &[&str], tzdata: &str) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_convenor"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env("CONVENOR_TZDATA", tzdata)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline =
        std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().expect("a status").is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().expect("killed");
            child.wait().expect("reaped");
            panic!("convenor {args:?} was still running after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("its output")
}

/// issue 25, finding 12: a FIFO at `DIR/.convenor/lock` kept publish in
/// `open()` for minutes (the promised 120 s wait never applied). The
/// lock is opened without blocking and only as a regular file.
#[test]
fn a_fifo_at_the_publish_lock_is_refused() {
    let tmp = scratch("hardening");
    let dir = tmp.path().join("site");
    std::fs::create_dir_all(dir.join(".convenor")).unwrap();
    let fifo = dir.join(".convenor").join("lock");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.as_ref().is_ok_and(|s| s.success()) {
        let why = format!("mkfifo made no named pipe: {made:?}");
        crate::skip_or_fail("mkfifo", &why);
        return;
    }
    let file = tmp.path().join("schedule.toml");
    std::fs::write(&file, schedule("", "")).unwrap();
    let out = convenor_within_a_minute(&[
        "publish",
        file.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_ne!(out.status.code(), Some(0));
    let message = stderr_of(&out);
    assert!(
        message.contains(
            "lock is not a regular file, so it cannot be the publish lock"
        ),
        "{message}"
    );
}

/// A TZif version 2 file: no transitions, one type (`offset` seconds,
/// `abbreviation`), the same data in both blocks, then `footer`.
fn tzif(offset: i32, abbreviation: &[u8], footer: &str) -> Vec<u8> {
    let block = || {
        let mut out = b"TZif2".to_vec();
        out.extend_from_slice(&[0; 15]);
        let chars = abbreviation.len() as u32 + 1;
        for count in [0u32, 0, 0, 0, 1, chars] {
            out.extend_from_slice(&count.to_be_bytes());
        }
        out.extend_from_slice(&offset.to_be_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(abbreviation);
        out.push(0);
        out
    };
    let mut data = block();
    data.extend(block());
    data.extend_from_slice(format!("\n{footer}\n").as_bytes());
    data
}

/// A zoneinfo folder with `UTC` and the hostile zones of issue 25.
fn hostile_zoneinfo(dir: &std::path::Path) {
    let evil = dir.join("Evil");
    std::fs::create_dir_all(&evil).unwrap();
    std::fs::write(dir.join("UTC"), tzif(0, b"UTC", "UTC0")).unwrap();
    // Legal, with no transitions and an empty footer (finding 7).
    std::fs::write(evil.join("Empty"), tzif(3600, b"EVL", "")).unwrap();
    // An abbreviation that clears the screen and reverses text (10).
    let abbr = "\u{1b}[2J\u{202e}".as_bytes();
    std::fs::write(evil.join("Abbr"), tzif(3600, abbr, "")).unwrap();
    // Valid data and then junk (9): more than the size limit.
    let mut junk = tzif(0, b"UTC", "UTC0");
    junk.extend(std::iter::repeat_n(b'x', 70_000));
    std::fs::write(evil.join("Junk"), junk).unwrap();
    // Not TZif past its magic (13).
    std::fs::write(evil.join("Corrupt"), b"TZif2garbage").unwrap();
    // A zone that never ends (9).
    std::os::unix::fs::symlink("/dev/zero", evil.join("Zero")).unwrap();
}

/// issue 25, findings 7-10 and 13: zone files are untrusted input. A
/// FIFO (named after a zone, or as `tzdata.zi`) hung every command, a
/// zone symlinked to `/dev/zero` grew to 17.5 GB, junk after valid data
/// was accepted, a legal zone without transitions looped for ever, a
/// corrupt zone was "unknown ... did you mean" itself, and control
/// characters in abbreviations reached the terminal.
#[test]
fn tz_data_is_read_as_untrusted_input() {
    let tmp = scratch("hardening");
    let zoneinfo = tmp.path().join("zoneinfo");
    hostile_zoneinfo(&zoneinfo);
    let fifos = ["Evil/Fifo", "tzdata.zi"].map(|name| {
        std::process::Command::new("mkfifo")
            .arg(zoneinfo.join(name))
            .status()
            .is_ok_and(|s| s.success())
    });
    if !fifos.iter().all(|made| *made) {
        crate::skip_or_fail("mkfifo", "mkfifo made no named pipe");
    }
    let tzdata = zoneinfo.to_str().unwrap();
    let run = |zone: &str| {
        let file = tmp.path().join("schedule.toml");
        let text = schedule("", "").replace("America/Los_Angeles", zone);
        std::fs::write(&file, text).unwrap();
        convenor_in(
            &[
                "agenda",
                file.to_str().unwrap(),
                "--now",
                "2022-11-10T00:00:00Z",
                "--days",
                "7",
            ],
            tzdata,
        )
    };
    let mut unreadable = vec![
        ("Evil/Zero", "is a device, not a regular file"),
        ("Evil/Junk", "more than the limit of 65536"),
        ("Evil/Corrupt", "is not a TZif zone file"),
    ];
    if fifos[0] {
        unreadable.push(("Evil/Fifo", "is a FIFO, not a regular file"));
    }
    for (zone, why) in unreadable {
        let out = run(zone);
        assert_eq!(out.status.code(), Some(2), "{zone}");
        let message = stderr_of(&out);
        assert!(
            message.contains(&format!(
                "time zone \"{zone}\" cannot be read from the tz database"
            )) && message.contains(why)
                && !message.contains("did you mean"),
            "{zone}: {message}"
        );
    }
    let out = run("Evil/Empty");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = run("Evil/Abbr");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let agenda = String::from_utf8(out.stdout).unwrap();
    assert!(agenda.contains("07:00 \\u{1b}[2J\\u{202e}"), "{agenda}");
    assert!(!agenda.contains('\u{1b}') && !agenda.contains('\u{202e}'));
    // A FIFO `tzdata.zi` (where the release is read) hung even this.
    let out = convenor_in(&["--version"], tzdata);
    assert!(out.status.success(), "{}", stderr_of(&out));
}

/// issue 25, finding 11: 100,000 copies of `"15m"` gave 100,000 alarms.
/// A length counts once, and more than five different ones are refused.
#[test]
fn reminders_are_distinct_and_few() {
    let tmp = scratch("hardening");
    let file = tmp.path().join("reminders.toml");
    let copies = vec!["\"15m\""; 10_000].join(", ");
    let text = schedule(&format!("reminders = [{copies}, \"1h\"]\n"), "");
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let out = convenor(&[
        "ics",
        file,
        "--meeting",
        "sat",
        "--now",
        "2022-11-10T00:00:00Z",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let ics = String::from_utf8(out.stdout).unwrap();
    assert_eq!(ics.matches("BEGIN:VALARM").count(), 2, "{ics}");
    let out = convenor(&[
        "ics",
        file,
        "--meeting",
        "sat",
        "--remind",
        "1m,2m,3m,4m,5m,6m",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("6 different reminders, more than the 5"));
    let out =
        convenor(&["ics", file, "--meeting", "sat", "--remind", "5m,5m,5m"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
}

/// issue 25, finding 10: a reversing override and an escape in a name
/// reached the page's link text raw. They are shown escaped, as in the
/// terminal.
#[test]
fn the_page_shows_control_characters_in_names_escaped() {
    let tmp = scratch("hardening");
    let file = tmp.path().join("names.toml");
    let text = schedule("", "")
        .replace("name = \"Saturday\"", "name = \"Sat\\u202eyad\\u001b[2J\"");
    std::fs::write(&file, text).unwrap();
    let dir = tmp.path().join("site");
    let out = convenor(&[
        "publish",
        file.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
        "--now",
        "2022-11-10T12:00:00Z",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let page = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(!page.contains('\u{202e}') && !page.contains('\u{1b}'));
    assert!(page.contains("Sat\\u{202e}yad\\u{1b}[2J"), "{page}");
}

/// issue 25, finding 13: a `TZDIR` whose `tzdata.zi` claimed 2099a while
/// holding other data was chosen over the bundled database and gave
/// wrong times. A claimed release must agree with the bundled data
/// where releases agree (2010 to 2024), or the bundled data is used.
#[test]
fn a_tzdir_that_claims_a_newer_release_than_its_data_is_not_chosen() {
    let tmp = scratch("hardening");
    let zoneinfo = tmp.path().join("zoneinfo");
    let zone = zoneinfo.join("America").join("Los_Angeles");
    std::fs::create_dir_all(zone.parent().unwrap()).unwrap();
    // Los Angeles on UTC: not what any release says.
    std::fs::write(&zone, tzif(0, b"UTC", "UTC0")).unwrap();
    std::fs::write(zoneinfo.join("tzdata.zi"), "# version 2099a\n").unwrap();
    let version = |choice: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_convenor"))
            .arg("--version")
            .env("TZDIR", &zoneinfo)
            .env("CONVENOR_TZDATA", choice)
            .output()
            .expect("the binary runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(version("auto").contains("bundled"), "{}", version("auto"));
    // Asked for by name, it is used (and `check` warns where it differs).
    assert!(
        version("system").contains("2099a; system"),
        "{}",
        version("system")
    );
}
