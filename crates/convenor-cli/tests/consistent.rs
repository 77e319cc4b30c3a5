//! What a convenor meets at the command line (issue 17): suggestions
//! for times and zones, the sessions near a date with none, changes
//! without an announcement date, and flags that mean the same in every
//! command or are refused. `tests/data/berlin.toml` is a small schedule
//! written from the README with 24-hour times.

use std::path::PathBuf;

use super::{convenor, golden, scratch, stdout};

fn berlin() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/berlin.toml")
        .to_str()
        .expect("a UTF-8 path")
        .to_string()
}

/// A file of `text` in a scratch folder of its own, which the caller
/// keeps until it is done with the file.
fn scratch_file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = scratch("consistent");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("temp file written");
    let path = path.to_str().expect("a UTF-8 temp path").to_string();
    (dir, path)
}

/// Each command's standard error, after `$ convenor ARGS`, with bad input
/// asserted (exit 2) and the fixture's path shortened.
fn messages(cases: &[&[&str]]) -> String {
    let file = berlin();
    let mut text = String::new();
    for args in cases {
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "BERLIN" { file.as_str() } else { a })
            .collect();
        let out = convenor(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let shown = args.join(" ").replace(&file, "berlin.toml");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        text += &format!(
            "$ convenor {shown}\n{}\n",
            stderr.replace(&file, "berlin.toml")
        );
    }
    text
}

#[test]
fn suggestions_for_zones_and_sessions_given_by_the_wrong_date() {
    let text = messages(&[
        &["agenda", "--tz", "Berlin"],
        &["week", "--tz", "buenos aires"],
        // The 17 April session was moved to the 16th.
        &[
            "ics",
            "BERLIN",
            "--occurrence",
            "berlin-thursday-biweekly@2025-04-16",
            "--now",
            "2025-04-01",
        ],
        // No session on Christmas Eve: the Tuesdays around it.
        &[
            "ics",
            "BERLIN",
            "--occurrence",
            "berlin-tuesday@2025-12-24",
            "--now",
            "2025-04-01",
        ],
    ]);
    assert!(text.contains("did you mean \"Europe/Berlin\"?"), "{text}");
    assert!(text.contains(
        "(the session due on Thursday 2025-04-17 was moved to 2025-04-16 \
         18:30; name it by 2025-04-17)"
    ));
    assert!(text.contains(
        "(the nearest are Tuesday 2025-12-23 and Tuesday 2025-12-30)"
    ));
    golden("suggestions.txt", &text);
    // By the date it was due, the moved session is found where it went.
    let moved = stdout(&[
        "ics",
        &berlin(),
        "--occurrence",
        "berlin-thursday-biweekly@2025-04-17",
        "--now",
        "2025-04-01",
    ]);
    assert!(
        moved.contains("DTSTART;TZID=Europe/Berlin:20250416T183000"),
        "{moved}"
    );
}

/// Every date and date-time flag answers a date written day or month
/// first as a schedule file's field does: the date meant, or both
/// readings when it could be either (`convenor::suggest::DateMeant`).
#[test]
fn every_date_flag_suggests_the_date_meant() {
    const ONE: &str = "22/12/2026";
    const EITHER: &str = "03/04/2026";
    let cases: &[&[&str]] = &[
        &["agenda", "BERLIN", "--from", ONE],
        &["agenda", "BERLIN", "--to", EITHER],
        &["agenda", "BERLIN", "--now", "12/22/2026"],
        &["next", "BERLIN", "--now", "22/12/2026T19:00:00+01:00"],
        &["week", "BERLIN", "--week", "22.12.2026"],
        &["json", "BERLIN", "--view", "meeting-guide", "--as-of", ONE],
        &["json", "BERLIN", "--view", "occurrences", "--from", EITHER],
        &["changes", "BERLIN", "--since", "22-12-2026"],
        &["announce", "BERLIN", "--as-of", ONE],
        &["announce", "BERLIN", "--since", EITHER],
        &["ics", "BERLIN", "--keep-since", ONE],
        &["ics", "BERLIN", "--occurrence", "berlin-tuesday@23/12/2025"],
        &["check", "BERLIN", "--now", ONE],
        &["import", "meeting-guide", "BERLIN", "--starts", ONE],
        &["import", "ics", "BERLIN", "--from", ONE],
        // edit's dates and date-times are the file's fields.
        &[
            "edit",
            "BERLIN",
            "cancel",
            "berlin-tuesday",
            "30/12/2025",
            "--dry-run",
        ],
        &[
            "edit",
            "BERLIN",
            "move",
            "berlin-tuesday",
            "2025-12-30",
            "--to",
            "31/12/2025T19:00",
            "--dry-run",
        ],
        &[
            "edit",
            "BERLIN",
            "extra",
            "berlin-tuesday",
            "--at",
            "03/04/2026T19:00",
            "--dry-run",
        ],
    ];
    let text = messages(cases);
    for (args, said) in cases.iter().zip(text.split("$ convenor ").skip(1)) {
        let said = said.lines().nth(1).unwrap_or_default();
        assert!(said.starts_with("convenor: "), "{args:?}: {said}");
        let either = args.iter().any(|a| a.contains(EITHER));
        let meant: &[&str] = if either {
            &["\"2026-04-03", "\" if the day comes first, \"2026-03-04"]
        } else if args.contains(&"22/12/2026T19:00:00+01:00") {
            &["did you mean \"2026-12-22T19:00:00+01:00\"?"]
        } else {
            &["did you mean \"20"]
        };
        for part in meant {
            assert!(said.contains(part), "{args:?}: {said}");
        }
    }
    golden("date-flags.txt", &text);
    // No reading, or none this flag takes: no suggestion.
    let none = messages(&[
        &["agenda", "BERLIN", "--from", "31/31/2026"],
        &["agenda", "BERLIN", "--from", "22/12/0001"],
        &["agenda", "BERLIN", "--from", "22/12/2026T19:00"],
    ]);
    assert_eq!(none.matches("expected YYYY-MM-DD").count(), 3, "{none}");
    assert!(!none.contains("did you mean"), "{none}");
    assert!(!none.contains("comes first"), "{none}");
    // The date meant is taken.
    let meant = stdout(&[
        "agenda",
        &berlin(),
        "--from",
        "2026-12-22",
        "--days",
        "1",
        "--tz",
        "Europe/Berlin",
    ]);
    assert!(
        meant.starts_with("Tue 22 Dec 2026 19:30 CET  SMART Tuesday"),
        "{meant}"
    );
}

#[test]
fn check_suggests_times_zones_and_dates() {
    let (_dir, path) = scratch_file(
        "mistakes.toml",
        "name = \"SMART Recovery Berlin\"\n\n[[meetings]]\n\
         id = \"berlin-tuesday\"\nname = \"SMART\"\ntimezone = \"Berlin\"\n\
         weekly = { day = \"tuesday\", time = \"7pm\" }\nduration = \"90m\"\n\
         starts = \"2025-01-07\"\n\n[[meetings]]\nid = \"berlin-wednesday\"\n\
         name = \"SMART\"\ntimezone = \"Europe/Berlin\"\n\
         weekly = { day = \"wednesday\", time = \"19:00\" }\n\
         duration = \"90m\"\nstarts = \"2025-01-08\"\n\n\
         [[meetings.changes]]\nkind = \"cancel\"\ndate = \"2025-12-23\"\n",
    );
    let out = convenor(&["check", &path, "--now", "2025-01-01"]);
    assert_eq!(out.status.code(), Some(2));
    let text =
        String::from_utf8(out.stdout).unwrap().replace(&path, "mistakes.toml");
    assert!(text.contains("help: did you mean \"19:00\"?"), "{text}");
    assert!(text.contains("help: did you mean \"Europe/Berlin\"?"), "{text}");
    assert!(
        text.contains(
            "(the nearest are Wednesday 2025-12-17 and Wednesday 2025-12-24)"
        ),
        "{text}"
    );
    golden("check-suggestions.txt", &text);
}

#[test]
fn changes_without_announced_count_on_their_date_in_one_style() {
    let file = berlin();
    let out = stdout(&["changes", &file, "--since", "2025-04-01"]);
    // The move and the cancellation have no `announced`: listed by
    // their dates. The extra, announced before the 1st, is not.
    assert!(out.contains("the Thursday 17 Apr 2025 session moves to Wed 16 Apr 2025 at 6:30pm Berlin"), "{out}");
    assert!(out.contains("no meeting on Tuesday 23 Dec 2025"), "{out}");
    assert!(!out.contains("extra session"), "{out}");
    // One clock style: no 24-hour time or zone abbreviation beside the
    // 12-hour rule words.
    assert!(!out.contains("CEST") && !out.contains("18:30"), "{out}");
    golden("changes-berlin-since.txt", &out);
    // `--since` means the same in `announce`: the undated move is a
    // footnote of the list as published on its date, and so is the
    // undated cancellation still to come (issue 32 item 6), as
    // `changes --since` lists both, in date order.
    let list = stdout(&[
        "announce",
        &file,
        "--as-of",
        "2025-04-17",
        "--since",
        "2025-04-01",
        "--now",
        "2025-04-17",
    ]);
    assert!(list.contains("\n[1] SMART Thursday (every 2 weeks): the Thursday 17 Apr 2025 session moves to Wed 16 Apr 2025 at 6:30pm Berlin — Maundy Thursday\n"), "{list}");
    assert!(list.ends_with("\n[2] SMART Tuesday: no meeting on Tuesday 23 Dec 2025 — Christmas\n"), "{list}");
    // Nothing changes after the cancellation's date.
    assert_eq!(
        stdout(&["changes", &file, "--since", "2025-12-24"]),
        "no changes\n"
    );
}

#[test]
fn flags_a_command_cannot_use_are_refused() {
    let text = messages(&[
        &["json", "--view", "meeting-guide", "--days", "3"],
        &["json", "--view", "schedule", "--from", "2022-11-12"],
        &["json", "--view", "occurrences", "--as-of", "2022-11-12"],
        &["json", "--view", "schedule", "--tz", "Europe/London"],
        &["changes", "--tz", "Europe/Berlin"],
        // One session's calendar has no history to keep, and a meeting's
        // or a session's own calendar always has its reminders.
        &[
            "ics",
            "--occurrence",
            "co-occurring-saturday@2022-11-19",
            "--keep-since",
            "2022-11-01",
        ],
        &["ics", "--meeting", "co-occurring-saturday", "--reminders-in-feed"],
    ]);
    assert!(text.contains(
        "convenor: --from, --to and --days are for --view occurrences only, \
         not --view meeting-guide"
    ));
    golden("refused-flags.txt", &text);
    // `convenor --help` does not say TOML only: JSON files load too.
    let help = stdout(&["--help"]);
    assert!(help.contains("(TOML or JSON)"), "{help}");
}

#[test]
fn occurrences_take_the_window_flags_of_agenda() {
    let window = [
        "--from",
        "2022-11-12",
        "--to",
        "2022-11-15",
        "--tz",
        "Europe/London",
        "--now",
        "2022-11-01",
    ];
    let json =
        stdout(&[&["json", "--view", "occurrences"][..], &window].concat());
    let agenda =
        stdout(&[&["agenda", "--format", "json"][..], &window].concat());
    assert_eq!(json, agenda);
    assert_eq!(json.matches("\"meeting\": ").count(), 2, "{json}");
}

#[test]
fn publish_into_a_file_says_it_is_not_a_directory() {
    let (_dir, file) = scratch_file("afile", "");
    let out = convenor(&["publish", "--out", &file, "--now", "2022-11-10"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().replace(&file, "afile"),
        "convenor: afile is not a directory; --out names the folder to \
         publish into (created if missing)\n"
    );
}

#[test]
fn week_shows_a_meetings_own_time_only_in_another_zone() {
    let file = berlin();
    let week = ["week", &file, "--week", "2025-04-14", "--now", "2025-04-01"];
    let here = stdout(&[&week[..], &["--tz", "Europe/Berlin"]].concat());
    assert!(!here.contains("= "), "{here}");
    golden("week-berlin-own-zone.txt", &here);
    let london = stdout(&[&week[..], &["--tz", "Europe/London"]].concat());
    assert!(london.contains("= Tue 19:00 CEST Berlin"), "{london}");
}

#[test]
fn next_says_days_and_minutes_in_80_columns() {
    let file = berlin();
    // 2 days and 30 minutes before Tuesday 14 January, 19:00 CET.
    let out = stdout(&[
        "next",
        &file,
        "--tz",
        "Europe/Berlin",
        "--now",
        "2025-01-12T17:30:00Z",
        "-n",
        "2",
    ]);
    assert!(
        out.starts_with(
            "in 2 days 30 min  Tue 14 Jan 19:00 CET  SMART Tuesday\n"
        ),
        "{out}"
    );
    golden("next-two-days.txt", &out);
    super::assert_fits_80_columns(&out);
}

/// Issue 32 item 4: the zone words a convenor writes get the zone meant,
/// never a name spelt alike with other offsets (`BST` once got `EST`),
/// and an abbreviation the tz database has as a link (`EST`, `GMT`) is
/// warned about with the zone a person means by it.
#[test]
fn check_answers_zone_words_with_the_zone_meant() {
    let file = |zone: &str| {
        format!(
            "name = \"Manchester Online\"\ntimezone = \"{zone}\"\n\n\
             [[meetings]]\nid = \"tuesday\"\nname = \"Tuesday\"\n\
             area = \"Manchester, UK\"\n\
             weekly = {{ day = \"tuesday\", time = \"19:00\" }}\n\
             duration = \"60m\"\nstarts = \"2025-01-07\"\n"
        )
    };
    let check = |zone: &str| {
        let (_dir, path) = scratch_file("zone.toml", &file(zone));
        let out = convenor(&["check", &path, "--now", "2025-01-01"]);
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    for (word, meant) in [
        ("BST", "Europe/London"),
        ("EDT", "America/New_York"),
        ("PST", "America/Los_Angeles"),
        ("PDT", "America/Los_Angeles"),
        ("CEST", "Europe/Berlin"),
        ("AEST", "Australia/Sydney"),
        ("AEDT", "Australia/Sydney"),
        ("IST", "Asia/Kolkata"),
        ("Manchester", "Europe/London"),
        ("Europe/Manchester", "Europe/London"),
        ("New York", "America/New_York"),
        ("Sydney", "Australia/Sydney"),
        ("Pacific", "America/Los_Angeles"),
    ] {
        let (code, text) = check(word);
        assert_eq!(code, Some(2), "{word}: {text}");
        assert!(
            text.contains(&format!(
                "error: unknown time zone \"{word}\" (field timezone)"
            )),
            "{word}: {text}"
        );
        assert!(
            text.contains(&format!("help: did you mean \"{meant}\"?")),
            "{word}: {text}"
        );
    }
    // Spelt like an abbreviation but none: no guess at all.
    let (code, text) = check("XST");
    assert_eq!(code, Some(2));
    assert!(!text.contains("did you mean"), "{text}");
    // Links named like abbreviations: the zone meant, and what the link
    // itself keeps.
    for (word, warning) in [
        (
            "GMT",
            "warning: time zone \"GMT\" is an abbreviation that the tz \
             database keeps at one offset all year, without summer time; for \
             UK time (GMT in winter, BST in summer) write \"Europe/London\" \
             (or \"UTC\" for one offset all year)",
        ),
        (
            "EST",
            "warning: time zone \"EST\" is an abbreviation that the tz \
             database keeps at one offset all year, without summer time; for \
             US Eastern time write \"America/New_York\" (or \"America/Panama\" \
             for one offset all year)",
        ),
        (
            "CET",
            "warning: time zone \"CET\" is an abbreviation (a link to \
             \"Europe/Brussels\" in the tz database); for Central European \
             time write \"Europe/Berlin\"",
        ),
    ] {
        let (code, text) = check(word);
        assert_eq!(code, Some(0), "{word}: {text}");
        assert!(text.contains(warning), "{word}: {text}");
    }
    // The viewer's zone too.
    let out = convenor(&["agenda", "--example", "--tz", "BST"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("did you mean \"Europe/London\""), "{stderr}");
}

/// Issue 32 item 5: each session on the page links its meeting's join
/// address and says its phone number and passcode, as the `.ics` does,
/// escaped; a cancelled session offers no way in.
#[test]
fn the_page_links_each_sessions_join_address() {
    let (dir, path) = scratch_file(
        "online.toml",
        "name = \"Manchester Online\"\ntimezone = \"Europe/London\"\n\n\
         [[meetings]]\nid = \"tuesday\"\nname = \"Tuesday\"\n\
         area = \"Manchester, UK\"\n\
         online = { url = \"https://zoom.example/j/123?pwd=a&b=c\", \
         phone = \"+44 20 7946 0000\", \
         notes = \"Meeting ID 123 <b>passcode</b> 456\" }\n\
         weekly = { day = \"tuesday\", time = \"19:00\" }\n\
         duration = \"60m\"\nstarts = \"2025-01-07\"\n\n\
         [[meetings.changes]]\nkind = \"cancel\"\ndate = \"2025-01-14\"\n\n\
         [[meetings]]\nid = \"thursday\"\nname = \"Thursday\"\n\
         area = \"Manchester, UK\"\n\
         weekly = { day = \"thursday\", time = \"19:00\" }\n\
         duration = \"60m\"\nstarts = \"2025-01-09\"\n",
    );
    let site = dir.path().join("site");
    let out = convenor(&[
        "publish",
        &path,
        "--out",
        site.to_str().unwrap(),
        "--now",
        "2025-01-06T12:00:00Z",
    ]);
    assert!(out.status.success(), "{out:?}");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    let join = " <span class=\"join\"><a href=\"https://zoom.example/j/123?pwd=a&#38;b=c\" \
                rel=\"noopener noreferrer\" data-l10n=\"join-online\">Join online</a> \
                <span data-l10n=\"phone\">Phone</span>: +44 20 7946 0000 \
                <span class=\"join-notes\">Meeting ID 123 &#60;b&#62;passcode&#60;/b&#62; \
                456</span></span>";
    // Tuesdays 7, 21 and 28 January, not the cancelled 14th; no
    // Thursday, which has no joining details.
    assert_eq!(html.matches(join).count(), 3, "{html}");
    assert_eq!(html.matches("class=\"join\"").count(), 3, "{html}");
    let cancelled = html
        .split("<li class=\"session cancelled\"")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the cancelled session");
    assert!(!cancelled.contains("join"), "{cancelled}");
}

/// Issue 32 item 8: `week` says a session is cancelled first on its
/// line, not last, as `agenda` and `next` do.
#[test]
fn week_shows_a_cancelled_session_first_on_its_line() {
    let file = berlin();
    let out = stdout(&[
        "week",
        &file,
        "--week",
        "2025-12-22",
        "--tz",
        "Europe/Berlin",
        "--now",
        "2025-12-01",
    ]);
    assert!(
        out.contains(
            "\n  CANCELLED 19:30–21:00 CET  SMART Tuesday  [Christmas]\n"
        ),
        "{out}"
    );
}

/// Issue 32 item 8: `agenda` lists a cancelled session by default,
/// marked first on its line, and hides it with `--hide-cancelled`
/// (`--cancelled`, from before, is still taken); a moved session says
/// its usual time.
#[test]
fn agenda_shows_cancelled_sessions_first_on_the_line() {
    let file = berlin();
    let window = ["--from", "2025-12-22", "--days", "3"];
    let args =
        [&["agenda", &file, "--tz", "Europe/Berlin"][..], &window].concat();
    let out = stdout(&[&args[..], &["--now", "2025-12-01"]].concat());
    assert!(
        out.contains(
            "CANCELLED  Tue 23 Dec 2025 19:30 CET  SMART Tuesday  [Christmas]\n"
        ),
        "{out}"
    );
    let old =
        stdout(&[&args[..], &["--cancelled", "--now", "2025-12-01"]].concat());
    assert_eq!(old, out);
    let hidden = stdout(
        &[&args[..], &["--hide-cancelled", "--now", "2025-12-01"]].concat(),
    );
    assert!(!hidden.contains("SMART Tuesday"), "{hidden}");
    assert!(hidden.starts_with("no sessions"), "{hidden}");
    let moved = stdout(&[
        "agenda",
        &file,
        "--tz",
        "Europe/Berlin",
        "--from",
        "2025-04-14",
        "--days",
        "4",
        "--now",
        "2025-04-01",
    ]);
    assert!(
        moved.contains(
            "Wed 16 Apr 2025 18:30 CEST  SMART Thursday (every 2 weeks)  \
             [moved from Thu 17 Apr 18:30: Maundy Thursday]\n"
        ),
        "{moved}"
    );
}

/// Issue 32 item 8: `next` does not skip a cancelled session without a
/// word; `--hide-cancelled` leaves it out.
#[test]
fn next_shows_cancelled_sessions_first_on_the_line() {
    let file = berlin();
    let args = [
        "next",
        &file,
        "--tz",
        "Europe/Berlin",
        "--now",
        "2025-12-21T17:00:00Z",
        "-n",
        "2",
    ];
    let out = stdout(&args);
    assert!(
        out.starts_with(
            "CANCELLED         Tue 23 Dec 19:30 CET  SMART Tuesday\n"
        ),
        "{out}"
    );
    assert!(out.contains("[Christmas]"), "{out}");
    super::assert_fits_80_columns(&out);
    let hidden = stdout(&[&args[..], &["--hide-cancelled"]].concat());
    assert!(!hidden.contains("CANCELLED"), "{hidden}");
    assert!(!hidden.contains("Tue 23 Dec"), "{hidden}");
}

/// Issue 32 item 11: a schedule without `url` is warned that its
/// calendar UIDs will all change when one is added, and told to add it
/// now; with a `url` it is not.
#[test]
fn check_warns_that_uids_change_when_a_url_is_added() {
    let file = berlin();
    let out = convenor(&["check", &file, "--now", "2025-01-01"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("has no `url`"), "{text}");
    assert!(text.contains("`@convenor.invalid`"), "{text}");
    assert!(text.contains("deleted and added again"), "{text}");
    assert!(text.contains("url = \"https://"), "{text}");
    let denied =
        convenor(&["check", &file, "--deny-warnings", "--now", "2025-01-01"]);
    assert_eq!(denied.status.code(), Some(1));
    let with_url = format!(
        "url = \"https://smart-berlin.example/\"\n{}",
        std::fs::read_to_string(&file).unwrap()
    );
    let (_dir, path) = scratch_file("url.toml", &with_url);
    let out = convenor(&["check", &path, "--now", "2025-01-01"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("has no `url`"), "{text}");
}

/// A group whose Monday meeting is online (a link, a dial-in number and
/// notes that need escaping) and whose Thursday meeting is not.
const LINKS: &str = "name = \"Links & Co\"\ntimezone = \"Europe/London\"\n\
    url = \"https://links.example/\"\n\n[[meetings]]\nid = \"mon\"\n\
    name = \"Monday\"\nweekly = { day = \"monday\", time = \"19:00\" }\n\
    duration = \"60m\"\nstarts = \"2025-01-06\"\n\
    online = { url = \"https://zoom.example/j/123?pwd=a&b=c\", \
    phone = \"+44 20 7946 0000\", notes = \"Passcode <42> & *tea*\" }\n\n\
    [[meetings]]\nid = \"thu\"\nname = \"Thursday\"\n\
    weekly = { day = \"thursday\", time = \"18:00\" }\nduration = \"60m\"\n\
    starts = \"2025-01-09\"\naddress = \"1 High Street\"\n";

/// Issue 32 items 5 and `announce --links`: each meeting's line gives
/// its join link, dial-in number and notes, in text, Markdown and HTML
/// (escaped); without `--links` the post is as before.
#[test]
fn announce_links_gives_each_meetings_join_details() {
    let (_dir, path) = scratch_file("links.toml", LINKS);
    let args = ["announce", path.as_str(), "--as-of", "2025-02-01"];
    let plain = stdout(&args);
    assert!(!plain.contains("zoom.example"), "{plain}");
    let text = stdout(&[&args[..], &["--links"]].concat());
    assert!(
        text.contains(
            "  • Monday: 7:00pm London\n    Join: \
             https://zoom.example/j/123?pwd=a&b=c · Phone: +44 20 7946 0000 \
             · Passcode <42> & *tea*\n  • Thursday: 6:00pm London\n"
        ),
        "{text}"
    );
    let md =
        stdout(&[&args[..], &["--links", "--format", "markdown"]].concat());
    assert!(
        md.contains(
            "- Monday: 7:00pm London\n  - Join: \
             <https://zoom.example/j/123?pwd=a&b=c> · Phone: \\+44 20 7946 0000 \
             · Passcode \\<42\\> & \\*tea\\*\n- Thursday: 6:00pm London\n"
        ),
        "{md}"
    );
    let html = stdout(&[&args[..], &["--links", "--format", "html"]].concat());
    assert!(
        html.contains(
            "<li>Monday: 7:00pm London<br><span class=\"join\"><a \
             href=\"https://zoom.example/j/123?pwd=a&#38;b=c\" \
             rel=\"noopener noreferrer\">Join online</a> · Phone: +44 20 7946 \
             0000 · Passcode &#60;42&#62; &#38; *tea*</span></li>\n  \
             <li>Thursday: 6:00pm London</li>"
        ),
        "{html}"
    );
    assert!(html.contains("<h2>Links &#38; Co</h2>"), "{html}");
}

/// Issue 32 item 10: every command's help ends with its exit codes, the
/// ones `main` really uses (`check` has 1 and 3 too), and an optional
/// schedule file shows as optional in the usage line.
#[test]
fn every_help_gives_the_exit_codes_and_optional_arguments_as_optional() {
    let commands = [
        "week",
        "agenda",
        "next",
        "changes",
        "check",
        "ics",
        "json",
        "publish",
        "announce",
        "import",
        "edit",
        "completions",
    ];
    for name in commands {
        let help = stdout(&["help", name]);
        let codes = help.split("Exit status:").nth(1).unwrap_or_else(|| {
            panic!("help {name} has no exit codes:\n{help}")
        });
        for code in ["0 ", "2 ", "3 "] {
            assert!(codes.contains(code), "help {name}: {codes}");
        }
        let usage = help.lines().find(|l| l.starts_with("Usage:")).unwrap();
        let optional =
            !["check", "import", "edit", "completions"].contains(&name);
        if optional {
            assert!(usage.ends_with(" [FILE]..."), "{usage}");
        }
    }
    let check = stdout(&["help", "check"]);
    assert!(check.contains("1 warnings with --deny-warnings"), "{check}");
    assert!(check.contains("3 the file cannot be read"), "{check}");
    let cancel = stdout(&["edit", "x.toml", "cancel", "--help"]);
    assert!(cancel.contains("Exit status: 0 done"), "{cancel}");
    // And they are the codes a run gives.
    let missing = convenor(&["check", "/nonexistent/schedule.toml"]);
    assert_eq!(missing.status.code(), Some(3));
}
