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
fn the_json_sessions_of_several_files_say_their_group() {
    let window = ["--from", "2022-11-12", "--days", "7", "--tz", "UTC"];
    for command in [
        &["agenda", "--format", "json"][..],
        &["agenda", "--format", "jsonl"],
        &["json", "--view", "occurrences"],
    ] {
        let mut args = command.to_vec();
        args.extend_from_slice(&[SEED, EVENING]);
        args.extend_from_slice(&window);
        let out = stdout(&args);
        let sessions: Vec<serde_json::Value> = match command[..] {
            [_, _, "jsonl"] => out
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect(),
            _ => serde_json::from_str(&out).unwrap(),
        };
        assert!(!sessions.is_empty(), "{command:?}: {out}");
        for s in &sessions {
            let expected = match s["meeting"].as_str().unwrap() {
                id if id.starts_with("co-occurring") => {
                    "lifering-co-occurring"
                }
                _ => "evening",
            };
            assert_eq!(s["group"], expected, "{command:?}: {s}");
        }
        // One file: no group, as before.
        let mut args = command.to_vec();
        args.push(SEED);
        args.extend_from_slice(&window);
        assert!(!stdout(&args).contains("\"group\""), "{command:?}");
    }
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

/// Every file under `dir` (following the published links), by its path
/// relative to `dir`, `.convenor` left out.
fn published(
    dir: &std::path::Path,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(
        root: &std::path::Path,
        at: &std::path::Path,
        into: &mut std::collections::BTreeMap<String, Vec<u8>>,
    ) {
        for entry in std::fs::read_dir(at).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(root).unwrap().display().to_string();
            if name.starts_with(".convenor") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, into);
            } else {
                into.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut files = std::collections::BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn text(
    files: &std::collections::BTreeMap<String, Vec<u8>>,
    path: &str,
) -> String {
    let bytes = files.get(path).unwrap_or_else(|| panic!("no {path}"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// Issue 28's Done-means: `publish` of the seed and two other schedules
/// writes one site whose feed keeps each schedule's UIDs, whose Meeting
/// Guide feed and page list every group's meetings, and whose
/// `changes.atom` has the Saturday 9:30 → 7:00 change dated 2022-11-10;
/// each group's folder holds its own set as a publish of it alone.
#[test]
fn publish_of_three_files_is_one_site() {
    let dir = scratch("publish-site");
    let out = dir.path().join("site");
    let now = "2022-11-11T12:00:00Z";
    let said = stdout(&[
        "publish",
        SEED,
        EVENING,
        MORNING,
        "--out",
        out.to_str().unwrap(),
        "--now",
        now,
        "-v",
    ]);
    let files = published(&out);
    // -v names every file, then the summary.
    let wrote: Vec<&str> =
        said.lines().filter(|l| l.starts_with("wrote ")).collect();
    assert_eq!(wrote.len(), files.len(), "{said}");
    assert!(
        said.ends_with(&format!(
            "published {} files into {}: {} written, 0 unchanged, 0 removed\n",
            files.len(),
            out.display(),
            files.len()
        )),
        "{said}"
    );
    let listing: String =
        files.keys().map(|path| format!("{path}\n")).collect();
    golden("publish-site-files.txt", &listing);

    let ics = text(&files, "schedule.ics");
    assert!(ics.contains("UID:co-occurring-saturday@lifering.org\r\n"));
    assert!(ics.contains("UID:evening-monday@evening.example.org\r\n"));
    assert!(ics.contains("UID:early-birds-saturday@morning.example.net\r\n"));
    assert!(!ics.contains("@convenor.invalid"));

    let guide: serde_json::Value =
        serde_json::from_str(&text(&files, "meeting-guide.json")).unwrap();
    let records = guide.as_array().unwrap();
    let entity_of = |slug: &str| {
        records
            .iter()
            .find(|r| r["slug"] == slug)
            .map(|r| r["entity"].as_str().unwrap().to_string())
    };
    assert_eq!(records.len(), 6 + 2 + 1, "{guide}");
    assert_eq!(
        entity_of("co-occurring-saturday").as_deref(),
        Some("LifeRing Co-Occurring Disorders Meetings")
    );
    assert_eq!(
        entity_of("evening-thursday").as_deref(),
        Some("Evening Recovery Circle")
    );
    assert_eq!(
        entity_of("early-birds-saturday").as_deref(),
        Some("Early Birds Co-Occurring")
    );

    let page = text(&files, "index.html");
    for (group, name, meeting) in [
        (
            "lifering-co-occurring",
            "LifeRing Co-Occurring Disorders Meetings",
            "Co-Occurring Disorders (Saturday)",
        ),
        ("evening", "Evening Recovery Circle", "Monday Evening Circle"),
        ("morning", "Early Birds Co-Occurring", "Early Birds (Saturday)"),
    ] {
        assert!(page.contains(&format!("data-group=\"{group}\"")), "{group}");
        assert!(page.contains(&format!(
            "<span class=\"name\">{meeting}</span> <span class=\"group\">{name}</span>"
        )), "{meeting}");
        assert!(page.contains(&format!("<a href=\"{group}/\">{name}</a>")));
        // The group's page links the site's.
        let own = text(&files, &format!("{group}/index.html"));
        assert!(own.contains(
            "<p class=\"site\"><a href=\"../\">LifeRing Co-Occurring Disorders \
             Meetings, Evening Recovery Circle, Early Birds Co-Occurring</a></p>"
        ), "{group}");
    }
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"changes.atom\""
    ));

    let atom = text(&files, "changes.atom");
    let saturday = atom
        .split("<entry>")
        .find(|e| e.contains("co-occurring-saturday/reschedule"))
        .expect("an entry for the Saturday change");
    assert!(saturday.contains(
        "<id>tag:lifering.org,2022-11-10:co-occurring-saturday/reschedule/2022-11-12</id>"
    ));
    assert!(saturday.contains("<updated>2022-11-10T00:00:00+00:00</updated>"));
    assert!(saturday.contains(
        "Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific"
    ));
    // The morning group's cancellation, announced later, comes first.
    let first = atom.split("<entry>").nth(1).unwrap();
    assert!(
        first.contains("early-birds-saturday/cancel/2022-11-26"),
        "{atom}"
    );

    let sessions: serde_json::Value =
        serde_json::from_str(&text(&files, "occurrences.json")).unwrap();
    let groups: std::collections::BTreeSet<&str> = sessions
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["group"].as_str().expect("each session has its group"))
        .collect();
    assert_eq!(
        groups.into_iter().collect::<Vec<_>>(),
        ["evening", "lifering-co-occurring", "morning"]
    );
    let index: serde_json::Value =
        serde_json::from_str(&text(&files, "groups.json")).unwrap();
    assert_eq!(index[1]["group"], "evening");
    assert_eq!(index[1]["folder"], "evening/");
    assert_eq!(index[1]["meetings"], 2);

    // Each group's folder is what a publish of its file alone makes,
    // but for its page's link to the site.
    let alone = dir.path().join("alone");
    stdout(&["publish", SEED, "--out", alone.to_str().unwrap(), "--now", now]);
    let alone = published(&alone);
    let prefix = "lifering-co-occurring/";
    let group: std::collections::BTreeMap<&str, &Vec<u8>> = files
        .iter()
        .filter_map(|(p, b)| Some((p.strip_prefix(prefix)?, b)))
        .collect();
    let own_paths: Vec<&str> = group.keys().copied().collect();
    let alone_paths: Vec<&str> = alone.keys().map(String::as_str).collect();
    assert_eq!(own_paths, alone_paths);
    for (path, bytes) in &alone {
        if path != "index.html" {
            assert_eq!(&group[path.as_str()], &bytes, "{path}");
        }
    }
    let own = String::from_utf8(group["index.html"].clone()).unwrap();
    let own: Vec<&str> =
        own.lines().filter(|l| !l.starts_with("<p class=\"site\">")).collect();
    let single = text(&alone, "index.html");
    assert_eq!(own, single.lines().collect::<Vec<_>>());
}

/// A site file's url and languages go to the pages; flags override them.
#[test]
fn publish_of_a_site_file_takes_its_url_and_languages() {
    let dir = scratch("publish-site-file");
    let out = dir.path().join("site");
    let args = |lang: Option<&str>| {
        let mut args = vec![
            "publish".to_string(),
            SITE.to_string(),
            "--out".to_string(),
            out.display().to_string(),
            "--now".to_string(),
            "2022-11-11T12:00:00Z".to_string(),
        ];
        if let Some(lang) = lang {
            args.extend(["--lang".to_string(), lang.to_string()]);
        }
        args
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        stdout(&args)
    };
    run(args(None));
    let files = published(&out);
    let page = text(&files, "index.html");
    assert!(page.contains("<h1>Co-Occurring Meetings Together</h1>"));
    assert!(page.contains("<html lang=\"en\""));
    assert!(
        page.contains("href=\"webcal://meetings.example.org/schedule.ics\""),
        "{page}"
    );
    assert!(page.contains(
        "href=\"webcal://meetings.example.org/evening/schedule.ics\""
    ));
    // The site file names the seed's group.
    assert!(page.contains("<a href=\"lifering/\">"));
    let own = text(&files, "lifering/index.html");
    assert!(own.contains("href=\"webcal://meetings.example.org/lifering/meetings/co-occurring-saturday.ics\""));
    let atom = text(&files, "evening/changes.atom");
    assert!(atom.contains("https://meetings.example.org/evening/"), "{atom}");
    run(args(Some("es")));
    let page = text(&published(&out), "index.html");
    assert!(page.contains("<html lang=\"es\""));
    assert!(page.contains("Grupos"));
}

#[test]
fn publish_refuses_the_same_id_in_two_files_naming_both() {
    let dir = scratch("publish-shared-id");
    let meeting = "[[meetings]]\nid = \"monday\"\nname = \"Monday\"\ntimezone = \"UTC\"\n\
                   weekly = { day = \"monday\", time = \"19:00\" }\nduration = \"60m\"\n\
                   starts = \"2022-11-01\"\n";
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    std::fs::write(&a, format!("name = \"A\"\n{meeting}")).unwrap();
    std::fs::write(&b, format!("name = \"B\"\n# a comment\n{meeting}"))
        .unwrap();
    let out = dir.path().join("site");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let run = convenor(&[
        "publish",
        &a,
        &b,
        "--out",
        out.to_str().unwrap(),
        "--now",
        "2022-11-10",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains(&format!(
            "meeting id \"monday\" is in two schedules: {a}:3:6 and {b}:4:6"
        )),
        "{said}"
    );
    assert!(published(&out).is_empty(), "nothing is published");
}

/// A group whose schedule's url moved (no `uid_domain`) would change
/// every UID of that group: refused, naming the group, unless --force.
#[test]
fn publish_of_a_site_refuses_to_change_a_groups_uids() {
    let dir = scratch("publish-site-uids");
    let evening = dir.path().join("evening.toml");
    let original = std::fs::read_to_string(EVENING).unwrap();
    std::fs::write(&evening, &original).unwrap();
    let out = dir.path().join("site");
    let args = |force: bool| {
        let mut args = vec![
            "publish",
            SEED,
            evening.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--now",
            "2022-11-10",
        ];
        if force {
            args.push("--force");
        }
        args.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        convenor(&args)
    };
    assert!(run(args(false)).status.success());
    std::fs::write(
        &evening,
        original.replace("evening.example.org", "circle.example.com"),
    )
    .unwrap();
    let refused = run(args(false));
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains(
        "the calendar UIDs of group evening would change from \
         `@evening.example.org` (the published feeds) to `@circle.example.com`"
    ), "{said}");
    assert!(said.contains("uid_domain = \"evening.example.org\""), "{said}");
    let ics = text(&published(&out), "schedule.ics");
    assert!(ics.contains("UID:evening-monday@evening.example.org\r\n"));
    assert!(run(args(true)).status.success());
    let ics = text(&published(&out), "schedule.ics");
    assert!(ics.contains("UID:evening-monday@circle.example.com\r\n"));
    assert!(ics.contains("UID:co-occurring-saturday@lifering.org\r\n"));
}

#[test]
fn a_sites_changes_atom_reads_in_feedparser_with_no_error() {
    let python = match feedparser() {
        Ok(p) => p,
        Err(why) => return crate::skip_or_fail("feedparser", &why),
    };
    let dir = scratch("site-atom");
    let out = dir.path().join("site");
    stdout(&[
        "publish",
        SITE,
        "--out",
        out.to_str().unwrap(),
        "--now",
        "2022-11-11T12:00:00Z",
    ]);
    let feed = read_feed(&python, &out.join("changes.atom"));
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["title"], "Co-Occurring Meetings Together: changes");
    let entries = feed["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{feed}");
    assert_eq!(entries[1]["updated"], "2022-11-10");
    assert_eq!(
        entries[1]["author"],
        "LifeRing Co-Occurring Disorders Meetings"
    );
    assert_eq!(entries[0]["author"], "Early Birds Co-Occurring");
    for group in ["lifering", "evening", "morning"] {
        let own = read_feed(&python, &out.join(group).join("changes.atom"));
        assert_eq!(own["bozo"], false, "{group}: {own}");
    }
}

/// A site's record of its groups' UID domains outgrows 1 KiB (the limit
/// records had) at a few dozen groups: the next publish read it back and
/// failed. Now it links every unchanged file.
#[test]
fn a_site_of_many_groups_publishes_again() {
    let dir = scratch("publish-many-groups");
    let mut files = Vec::new();
    for g in 0..40 {
        let path = dir.path().join(format!("group-{g:02}.toml"));
        std::fs::write(
            &path,
            format!(
                "name = \"Group {g}\"\nurl = \"https://group-{g:02}.a-rather-long-host-name.example.org/\"\n\
                 [[meetings]]\nid = \"g{g:02}\"\nname = \"Meeting\"\ntimezone = \"UTC\"\n\
                 weekly = {{ day = \"monday\", time = \"19:00\" }}\nduration = \"60m\"\n\
                 starts = \"2022-11-01\"\n"
            ),
        )
        .unwrap();
        files.push(path.display().to_string());
    }
    let out = dir.path().join("site");
    let mut args: Vec<&str> = vec!["publish"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--out", out.to_str().unwrap(), "--now", "2022-11-10"]);
    stdout(&args);
    let record = std::fs::read_to_string(
        std::fs::canonicalize(out.join("schedule.ics"))
            .unwrap()
            .with_file_name(".uid-domains"),
    )
    .unwrap();
    assert!(record.len() > 1024, "{}", record.len());
    let again = stdout(&args);
    assert!(again.contains(": 0 written, "), "{again}");
}
