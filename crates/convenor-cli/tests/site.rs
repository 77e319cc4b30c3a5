//! Several schedule files as one site (issue 28): every reading command
//! takes them, or a site file; each schedule keeps its UIDs; a meeting
//! id in two files is refused naming both.

use super::{convenor, golden, scratch, stdout};

const SEED: &str = "../../data/lifering-co-occurring.toml";
const EVENING: &str = "tests/data/site/groups/evening.toml";
const MORNING: &str = "tests/data/site/groups/morning.toml";
const SITE: &str = "tests/data/site/site.toml";

fn agenda(files: &[&str]) -> String {
    let mut args = vec!["agenda"];
    args.extend_from_slice(files);
    args.extend_from_slice(&[
        "--from",
        "2022-11-12",
        "--days",
        "7",
        "--tz",
        "UTC",
    ]);
    stdout(&args)
}

#[test]
fn agenda_of_three_files_is_their_merge() {
    let out = agenda(&[SEED, EVENING, MORNING]);
    // The merge of all three, in time order; a tie (7:00 Pacific is
    // 10:00 New York) goes by the order the files were given.
    let saturday = out.find("Co-Occurring Disorders (Saturday) — LifeRing");
    let early = out.find("Early Birds (Saturday) — Early Birds Co-Occurring");
    assert!(
        saturday.is_some() && early.is_some() && saturday < early,
        "{out}"
    );
    assert!(out.contains("Monday Evening Circle — Evening Recovery Circle"));
    assert_eq!(out.lines().count(), 6 + 2 + 1, "{out}");
    golden("agenda-three-files.txt", &out);
    // The other order puts the tie the other way.
    let swapped = agenda(&[MORNING, EVENING, SEED]);
    assert!(
        swapped.find("Early Birds (Saturday)")
            < swapped.find("Co-Occurring Disorders (Saturday)")
    );
}

#[test]
fn a_site_file_is_its_files() {
    // site.toml lists the seed, then its folder's files by name.
    assert_eq!(agenda(&[SITE]), agenda(&[SEED, EVENING, MORNING]));
    let changes = stdout(&["changes", SITE]);
    golden("changes-site.txt", &changes);
    assert!(changes.contains("[LifeRing Co-Occurring Disorders Meetings] Co-Occurring Disorders (Saturday): from 12 Nov 2022"));
    assert!(changes.contains("[Early Birds Co-Occurring] Early Birds (Saturday): no meeting on Saturday 26 Nov 2022"));
}

#[test]
fn one_file_says_no_group() {
    let out = agenda(&[SEED]);
    assert!(!out.contains(" — "), "{out}");
}

#[test]
fn the_same_id_in_two_files_is_refused_naming_both() {
    let dir = scratch("shared-id");
    let meeting = "[[meetings]]\nid = \"monday\"\nname = \"Monday\"\ntimezone = \"UTC\"\n\
                   weekly = { day = \"monday\", time = \"19:00\" }\nduration = \"60m\"\n\
                   starts = \"2022-11-01\"\n";
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    std::fs::write(&a, format!("name = \"A\"\n{meeting}")).unwrap();
    std::fs::write(&b, format!("name = \"B\"\n# a comment\n{meeting}"))
        .unwrap();
    let (a, b) = (a.display().to_string(), b.display().to_string());
    for command in ["agenda", "ics", "check"] {
        let out = convenor(&[command, &a, &b]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = format!(
            "meeting id \"monday\" is in two schedules: {a}:3:6 and {b}:4:6; \
             ids become calendar UIDs, so each is used once: rename the one \
             in {b}, for example to \"monday-b\""
        );
        assert!(said.contains(&expected), "{command}: {said}");
    }
}

#[test]
fn ics_of_several_keeps_each_schedules_uids() {
    let ics = stdout(&["ics", SEED, EVENING, MORNING, "--now", "2022-11-10"]);
    assert!(ics.contains("UID:co-occurring-saturday@lifering.org\r\n"));
    assert!(ics.contains("UID:evening-monday@evening.example.org\r\n"));
    assert!(ics.contains("UID:early-birds-saturday@morning.example.net\r\n"));
    // One VTIMEZONE a zone, whichever schedules use it.
    assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 3);
    // The seed's own calendar is the same with or without `ics` of many.
    let one = stdout(&["ics", SEED, "--now", "2022-11-10"]);
    let alone = stdout(&["ics", "--example", "--now", "2022-11-10"]);
    assert_eq!(one, alone);
    // A meeting's own feed, from whichever file has it.
    let evening = stdout(&[
        "ics",
        SITE,
        "--meeting",
        "evening-thursday",
        "--now",
        "2022-11-10",
    ]);
    assert!(evening.contains("UID:evening-thursday@evening.example.org\r\n"));
}
