//! `convenor edit` (issue 26): a copy of the seed survives every kind of
//! edit with its comments and checks clean; bad edits exit 2 and leave
//! the file as it was; `--dry-run` writes nothing; JSON files too.

use std::path::{Path, PathBuf};

use crate::{convenor, scratch, stdout};

/// A copy of the seed file in a scratch folder.
fn seed_copy(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, convenor::SEED_TOML).unwrap();
    path
}

fn comment_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains('#')).collect()
}

fn edit(file: &Path, args: &[&str]) -> std::process::Output {
    let file = file.display().to_string();
    let mut all = vec!["edit", file.as_str()];
    all.extend(args);
    convenor(&all)
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The Saturday meeting's sessions, cancelled ones too, in its own zone.
fn saturday(file: &Path) -> Vec<String> {
    let file = file.display().to_string();
    let agenda = stdout(&[
        "agenda",
        &file,
        "--from",
        "2022-11-20",
        "--to",
        "2023-01-22",
        "--tz",
        "America/Los_Angeles",
        "--cancelled",
    ]);
    agenda
        .lines()
        .filter(|l| l.contains("(Saturday)") || l.contains("(Friday)"))
        .map(|l| {
            l.split("  ")
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[test]
fn the_seed_survives_cancel_reschedule_extra_move_and_add_with_its_comments() {
    let dir = scratch("edit");
    let file = seed_copy(&dir, "seed.toml");
    let sat = "co-occurring-saturday";
    let edits: [&[&str]; 5] = [
        &[
            "cancel",
            sat,
            "2022-11-26",
            "--note",
            "Thanksgiving weekend",
            "--announced",
            "2022-11-20",
        ],
        &[
            "reschedule",
            sat,
            "--effective",
            "2023-01-07",
            "--time",
            "08:00",
            "--announced",
            "2022-12-10",
        ],
        &[
            "extra",
            sat,
            "--at",
            "2022-12-31T17:00",
            "--duration",
            "90m",
            "--announced",
            "2022-12-10",
        ],
        &[
            "move",
            sat,
            "2022-12-24",
            "--to",
            "2022-12-23T07:00",
            "--announced",
            "2022-12-10",
        ],
        &[
            "add",
            "co-occurring-friday",
            "--name",
            "Co-Occurring Disorders (Friday)",
            "--weekly",
            "friday@12:00",
            "--starts",
            "2023-01-06",
            "--tag",
            "online",
            "--online-url",
            "https://example.org/join",
        ],
    ];
    for args in edits {
        let out = edit(&file, args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(
            comment_lines(&text),
            comment_lines(convenor::SEED_TOML),
            "{args:?}"
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    // The seed's text is all there, in order: the edits only added lines.
    let mut lines = text.lines();
    for line in convenor::SEED_TOML.lines() {
        assert!(lines.any(|l| l == line), "{line:?} lost:\n{text}");
    }
    let check = convenor(&[
        "check",
        &file.display().to_string(),
        "--now",
        "2022-11-20",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr_of(&check));
    let said = String::from_utf8_lossy(&check.stdout).into_owned()
        + &stderr_of(&check);
    assert!(said.contains("no errors"), "{said}");
    assert_eq!(
        saturday(&file),
        [
            "CANCELLED | Sat 26 Nov 2022 07:00 PST | Co-Occurring Disorders (Saturday) | [Thanksgiving weekend]",
            "Sat 3 Dec 2022 07:00 PST | Co-Occurring Disorders (Saturday)",
            "Sat 10 Dec 2022 07:00 PST | Co-Occurring Disorders (Saturday)",
            "Sat 17 Dec 2022 07:00 PST | Co-Occurring Disorders (Saturday)",
            "Fri 23 Dec 2022 07:00 PST | Co-Occurring Disorders (Saturday) | [moved from Sat 24 Dec 07:00]",
            "Sat 31 Dec 2022 07:00 PST | Co-Occurring Disorders (Saturday)",
            "Sat 31 Dec 2022 17:00 PST | Co-Occurring Disorders (Saturday) | [extra session]",
            "Fri 6 Jan 2023 12:00 PST | Co-Occurring Disorders (Friday)",
            "Sat 7 Jan 2023 08:00 PST | Co-Occurring Disorders (Saturday)",
            "Fri 13 Jan 2023 12:00 PST | Co-Occurring Disorders (Friday)",
            "Sat 14 Jan 2023 08:00 PST | Co-Occurring Disorders (Saturday)",
            "Fri 20 Jan 2023 12:00 PST | Co-Occurring Disorders (Friday)",
            "Sat 21 Jan 2023 08:00 PST | Co-Occurring Disorders (Saturday)",
        ]
    );
}

#[test]
fn an_edit_says_what_members_will_see() {
    let dir = scratch("edit");
    let file = seed_copy(&dir, "seed.toml");
    let out = edit(
        &file,
        &[
            "cancel",
            "co-occurring-saturday",
            "2022-11-26",
            "--note",
            "Thanksgiving weekend",
            "--announced",
            "2022-11-20",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        format!(
            "{}: cancel added to meeting co-occurring-saturday\n\nMembers will see:\n\
             Co-Occurring Disorders (Saturday): no meeting on Saturday 26 Nov 2022 \
             (announced 20 Nov 2022) — Thanksgiving weekend\n  \
             Saturday 26 November 2022, 7:00am Pacific: cancelled — Thanksgiving weekend\n",
            file.display()
        )
    );
    // A reschedule: its first sessions and the footnote of the list as
    // posted on the day it was announced.
    let out = edit(
        &file,
        &[
            "reschedule",
            "co-occurring-saturday",
            "--effective",
            "2023-01-07",
            "--time",
            "08:00",
            "--announced",
            "2022-12-10",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.ends_with(
            "  Saturday 7 January 2023, 8:00am Pacific\n  Saturday 14 January 2023, 8:00am Pacific\n  \
             Saturday 21 January 2023, 8:00am Pacific\n  • Saturday: 7:00am Pacific [1]\n  \
             [1] Co-Occurring Disorders (Saturday): from 7 Jan 2023, Saturdays at 8:00am Pacific \
             instead of Saturdays at 7:00am Pacific (announced 10 Dec 2022)\n"
        ),
        "{text}"
    );
}

#[test]
fn bad_edits_exit_2_with_a_suggestion_and_leave_the_file_as_it_was() {
    let dir = scratch("edit");
    let file = seed_copy(&dir, "seed.toml");
    let before = std::fs::read(&file).unwrap();
    let sat = "co-occurring-saturday";
    let cases: [(&[&str], &str); 7] = [
        (
            &["cancel", sat, "2022-11-25"],
            "no session is due on Friday 2022-11-25 (the nearest are Saturday 2022-11-19 and \
             Saturday 2022-11-26) for meeting co-occurring-saturday (field changes[1].date)",
        ),
        (
            &["cancel", "co-occurring-satruday", "2022-11-26"],
            "no meeting \"co-occurring-satruday\" in the schedule; did you mean \
             \"co-occurring-saturday\"?",
        ),
        (&["reschedule", sat, "--effective", "2023-01-07", "--time", "7pm"], "did you mean \"19:00\"?"),
        (
            &["reschedule", sat, "--effective", "2023-01-07", "--time", "07:00"],
            "reschedule changes nothing: from 2023-01-07 the sessions are already Saturdays at \
             7:00am Pacific, 60 minutes long",
        ),
        (&["move", sat, "2022-12-24", "--to", "2022-12-23 7am"], "invalid local date-time \"2022-12-23 7am\""),
        (
            &["add", sat, "--name", "S", "--weekly", "saturday@07:00", "--starts", "2023-01-01"],
            "duplicate meeting id \"co-occurring-saturday\"",
        ),
        (
            &["add", "friday", "--name", "F", "--weekly", "friday@12:00", "--starts", "2023-01-06", "--announced", "2023-01-01"],
            "--announced does not apply to `edit add`",
        ),
    ];
    for (args, message) in cases {
        let out = edit(&file, args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(
            stderr_of(&out).contains(message),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(out.stdout.is_empty());
        assert_eq!(
            std::fs::read(&file).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
    // Nothing else was left in the folder.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["seed.toml"]);
}

#[test]
fn dry_run_prints_the_diff_and_writes_nothing() {
    let dir = scratch("edit");
    let file = seed_copy(&dir, "seed.toml");
    let out = edit(
        &file,
        &[
            "end",
            "co-occurring-monday",
            "--effective",
            "2024-01-01",
            "--announced",
            "2023-12-01",
            "--dry-run",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "--- a/seed.toml\n+++ b/seed.toml\n@@ -61,6 +61,11 @@\n starts = \"2022-11-14\"\n \
             tags = [\"co-occurring\", \"HWYW\", \"online\", \"open\"]\n \n+[[meetings.changes]]\n\
             +kind = \"end\"\n+effective = \"2024-01-01\"\n+announced = \"2023-12-01\"\n+\n [[meetings]]\n"
        ),
        "{text}"
    );
    assert!(text.contains(
        "Members will see:\nCo-Occurring Disorders (Monday): no more sessions from Monday 1 Jan 2024 \
         (announced 1 Dec 2023)\n  Monday 25 December 2023, 6:00pm Pacific: the last session\n  \
         Monday 1 January 2024, 6:00pm Pacific: no longer held\n"
    ));
    assert!(text.ends_with("was not changed.\n"), "{text}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), convenor::SEED_TOML);
}

#[test]
fn a_json_schedule_is_edited_the_same_way_with_its_key_order() {
    let dir = scratch("edit");
    let file = dir.path().join("seed.json");
    let json = convenor::json::to_string_pretty(&convenor::seed());
    std::fs::write(&file, &json).unwrap();
    let out = edit(
        &file,
        &[
            "cancel",
            "co-occurring-monday",
            "2022-11-21",
            "--note",
            "Holiday",
            "--announced",
            "2022-11-15",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find("\"changes\"").unwrap();
    // Everything before the new member is as it was.
    assert!(json.starts_with(text[..at].trim_end().trim_end_matches(',')));
    assert!(text.contains(
        "\"changes\": [\n        {\n          \"kind\": \"cancel\",\n          \"announced\": \"2022-11-15\",\n          \
         \"note\": \"Holiday\",\n          \"date\": \"2022-11-21\"\n        }\n      ]\n"
    ), "{text}");
    let check = convenor(&[
        "check",
        &file.display().to_string(),
        "--now",
        "2022-11-20",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr_of(&check));
    let before = std::fs::read(&file).unwrap();
    let out = edit(&file, &["cancel", "co-occurring-monday", "2022-11-22"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn announced_defaults_to_today() {
    let dir = scratch("edit");
    let file = seed_copy(&dir, "seed.toml");
    let out = edit(
        &file,
        &["extra", "co-occurring-sunday", "--at", "2030-01-01T17:00"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&file).unwrap();
    let today = chrono::Utc::now().date_naive();
    let near = [today.pred_opt().unwrap(), today, today.succ_opt().unwrap()];
    assert!(
        near.iter().any(|d| text.contains(&format!(
            "at = \"2030-01-01T17:00\"\nannounced = \"{d}\"\n"
        ))),
        "{text}"
    );
}
