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

/// The Python of the feedparser venv (`feeds/install`), or why there is
/// none.
fn feedparser() -> Result<std::path::PathBuf, String> {
    let home = std::env::var_os("CONVENOR_FEEDS_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| {
                std::path::PathBuf::from(h).join(".cache/convenor-feeds")
            })
        })
        .ok_or("no HOME")?;
    let python = home.join("venv/bin/python");
    let ok = std::process::Command::new(&python)
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|o| o.status.success());
    match ok {
        true => Ok(python),
        false => Err(format!(
            "no feedparser in {} (run feeds/install)",
            python.display()
        )),
    }
}

/// What feedparser reads in `path`: its bozo flag, the feed's title and
/// each entry's id, title, updated date and link, as JSON.
fn read_feed(
    python: &std::path::Path,
    path: &std::path::Path,
) -> serde_json::Value {
    const SCRIPT: &str = "import feedparser, json, sys\n\
        d = feedparser.parse(sys.argv[1])\n\
        print(json.dumps({'bozo': d.bozo, 'error': str(d.get('bozo_exception', '')),\n\
          'title': d.feed.get('title'), 'links': [l['href'] for l in d.feed.get('links', [])],\n\
          'entries': [{'id': e.id, 'title': e.title, 'updated': e.updated[:10],\n\
                       'content': e.content[0].value, 'link': e.link, 'author': e.get('author')}\n\
                      for e in d.entries]}))\n";
    let out = std::process::Command::new(python)
        .args(["-c", SCRIPT])
        .arg(path)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn changes_atom_reads_in_feedparser_with_no_error() {
    let python = match feedparser() {
        Ok(p) => p,
        Err(why) => return crate::skip_or_fail("feedparser", &why),
    };
    let dir = scratch("atom");
    let out = dir.path().join("site");
    let status = convenor(&[
        "publish",
        "--example",
        "--out",
        out.to_str().unwrap(),
        "--now",
        "2022-11-11T12:00:00Z",
        "--url",
        "https://lifering.org/meetings/",
    ]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let feed = read_feed(&python, &out.join("changes.atom"));
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(
        feed["title"],
        "LifeRing Co-Occurring Disorders Meetings: changes"
    );
    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{feed}");
    let saturday = &entries[0];
    assert_eq!(saturday["updated"], "2022-11-10");
    assert_eq!(
        saturday["id"],
        "tag:lifering.org,2022-11-10:co-occurring-saturday/reschedule/2022-11-12"
    );
    assert_eq!(
        saturday["title"],
        "Co-Occurring Disorders (Saturday): from Saturday 12 November 2022, Saturdays at \
         7:00am Pacific instead of Saturdays at 9:30am Pacific"
    );
    assert_eq!(saturday["link"], "https://lifering.org/meetings/");
    // The page says where the feed is, for readers that look.
    let page = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"changes.atom\""
    ));
    // The same now, the same bytes.
    let again = dir.path().join("again");
    convenor(&[
        "publish",
        "--example",
        "--out",
        again.to_str().unwrap(),
        "--now",
        "2022-11-11T12:00:00Z",
        "--url",
        "https://lifering.org/meetings/",
    ]);
    assert_eq!(
        std::fs::read(out.join("changes.atom")).unwrap(),
        std::fs::read(again.join("changes.atom")).unwrap()
    );
}
