//! `convenor publish`, `ics -o` and `json -o` under attack and accident
//! (issue 12, findings 1, 2 and the publishing parts of 4 and 7): planted
//! symlinks, kills at random moments, two publishes at once, removed
//! meetings, the session cap, a full or closed standard output. The
//! safety tests run in both layouts: the links (`Layout::Links`, the
//! default) and ordinary files (`--plain`, issue 32 item 9).

use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{convenor, scratch};

const NOW: &str = "2022-11-12T00:00:00Z";

/// Writes a schedule of `n` meetings whose names carry `tag`: weekly on
/// weekdays, or by `rule` (TOML lines) when given.
fn schedule(dir: &Path, tag: &str, n: usize, rule: Option<&str>) -> PathBuf {
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    let mut text = format!(
        "name = \"Schedule {tag}\"\ntimezone = \"America/Los_Angeles\"\n\
         url = \"https://example.org/\"\n"
    );
    for i in 0..n {
        let weekly = format!(
            "weekly = {{ day = \"{}\", time = \"07:00\" }}\n",
            days[i % days.len()]
        );
        text += &format!(
            "[[meetings]]\nid = \"m{i:04}\"\nname = \"{tag} meeting {i}\"\n\
             {}duration = \"60m\"\nstarts = \"2022-10-01\"\n",
            rule.unwrap_or(&weekly)
        );
    }
    let path = dir.join(format!("{tag}.toml"));
    std::fs::write(&path, text).expect("schedule written");
    path
}

/// How a test publishes: with symlinks (the default) or `--plain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Links,
    Plain,
}

/// `convenor publish SCHEDULE --out OUT`, not yet run.
fn publish(schedule: &Path, out: &Path) -> Command {
    publish_in(Layout::Links, schedule, out)
}

/// `convenor publish SCHEDULE --out OUT` in `layout`, not yet run.
fn publish_in(layout: Layout, schedule: &Path, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_convenor"));
    command
        .arg("publish")
        .arg(schedule)
        .arg("--out")
        .arg(out)
        .args(["--now", NOW])
        .env("CONVENOR_TZDATA", "bundled")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if layout == Layout::Plain {
        command.arg("--plain");
    }
    command
}

fn run(mut command: Command) {
    let status = command.status().expect("convenor runs");
    assert!(status.success(), "{command:?}: {status}");
}

/// What a reader of `out` sees: every public file (links followed) with
/// its bytes, `.convenor` aside.
fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut read = |dir: &Path, prefix: &str| -> Vec<PathBuf> {
        let mut subdirs = Vec::new();
        let Ok(entries) = std::fs::read_dir(dir) else {
            return subdirs;
        };
        for entry in entries {
            let entry = entry.expect("a readable folder");
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == ".convenor" {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                subdirs.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                files.insert(format!("{prefix}{name}"), bytes);
            }
        }
        subdirs
    };
    for sub in read(out, "") {
        let name = sub.file_name().expect("a name").to_string_lossy();
        let prefix = format!("{name}/");
        assert!(read(&sub, &prefix).is_empty(), "nested folders in {prefix}");
    }
    files
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into())
        .collect();
    names.sort();
    names
}

/// After a completed publish, only the live set and the one it replaced
/// remain, with no temporary links or folders; in the plain layout, the
/// record of what convenor wrote and no temporary file anywhere.
fn assert_no_leftovers_in(layout: Layout, out: &Path) {
    let state = out.join(".convenor");
    let mut own = names(&state);
    // What --force moved aside stays until the convenor removes it.
    own.retain(|n| n != "backups");
    if layout == Layout::Plain {
        assert_eq!(own, ["lock", "plain.json"]);
        for dir in [out.to_path_buf(), out.join("meetings")] {
            let temps: Vec<String> = names(&dir)
                .into_iter()
                .filter(|n| n.starts_with(".convenor-new-"))
                .collect();
            assert!(temps.is_empty(), "left in {}: {temps:?}", dir.display());
        }
        assert_no_symlink(out);
        return;
    }
    assert_eq!(own, ["current", "files", "lock", "sets"]);
    let sets = names(&state.join("sets"));
    assert!(sets.len() <= 2, "sets left: {sets:?}");
    // Each meeting's feed and one-session file, outside the sets: no
    // temporary left there.
    for dir in ["files", "files/meetings", "files/sessions"] {
        let Ok(entries) = std::fs::read_dir(state.join(dir)) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name();
            let name = name.to_string_lossy();
            assert!(!name.starts_with(".convenor-new-"), "left: {dir}/{name}");
        }
    }
}

/// Whether `name`, a public path, is one of the files published each on
/// its own (a meeting's feed, a one-session file), not with the set.
fn is_single(name: &str) -> bool {
    name.starts_with("meetings/") || name.starts_with("sessions/")
}

/// The relative `.ics` paths the page `index.html` of `seen` links.
fn page_links(seen: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let page = String::from_utf8_lossy(&seen["index.html"]).into_owned();
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.ends_with(".ics") && !href.contains(':'))
        .map(|href| href.trim_start_matches("./").to_string())
        .collect()
}

fn assert_no_leftovers(out: &Path) {
    assert_no_leftovers_in(Layout::Links, out);
}

/// No symlink anywhere under `dir` (`.convenor` aside).
fn assert_no_symlink(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let entry = entry.expect("an entry");
        if entry.file_name() == ".convenor" {
            continue;
        }
        let kind = entry.file_type().expect("a type");
        assert!(!kind.is_symlink(), "{} is a symlink", entry.path().display());
        if kind.is_dir() {
            assert_no_symlink(&entry.path());
        }
    }
}

/// Runs `test` in both layouts.
macro_rules! both_layouts {
    ($test:ident: $links:ident, $plain:ident) => {
        #[test]
        fn $links() {
            $test(Layout::Links);
        }
        #[test]
        fn $plain() {
            $test(Layout::Plain);
        }
    };
}

both_layouts!(never_write_through_planted_symlinks:
    publish_and_exports_never_write_through_planted_symlinks,
    plain_publish_never_writes_through_planted_symlinks);

/// Finding 1: planted symlinks, at the old predictable temporary names
/// and at the public names, are replaced or removed, never written
/// through; a planted `.convenor` is refused.
fn never_write_through_planted_symlinks(layout: Layout) {
    let publish = |a: &Path, b: &Path| publish_in(layout, a, b);
    let tmp = scratch("plant");
    let base = tmp.path();
    let out = base.join("site");
    let elsewhere = base.join("elsewhere");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let victim = base.join("victim.txt");
    std::fs::write(&victim, "victim").unwrap();
    std::fs::write(elsewhere.join("m0000.ics"), "victim").unwrap();
    // The next pids: the old code staged `.NAME.tmp-<pid>` without O_EXCL.
    let last: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(std::process::id());
    for pid in last..last + 300 {
        for name in ["index.html", "schedule.ics", "feed.ics"] {
            std::os::unix::fs::symlink(
                &victim,
                out.join(format!(".{name}.tmp-{pid}")),
            )
            .unwrap();
        }
    }
    std::os::unix::fs::symlink(&elsewhere, out.join("meetings")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("schedule.ics")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("feed.ics")).unwrap();
    let toml = schedule(base, "A", 3, None);
    // Links convenor did not make stop the publish (issue 32)...
    let refused = publish(&toml, &out).status().unwrap();
    assert_eq!(refused.code(), Some(3));
    // ...and --force moves them aside, never following them.
    run(with(publish(&toml, &out), "--force"));
    let feed = out.join("feed.ics");
    let exported = convenor(&[
        "ics",
        toml.to_str().unwrap(),
        "--now",
        NOW,
        "-o",
        feed.to_str().unwrap(),
    ]);
    assert!(exported.status.success());

    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
    assert_eq!(names(&elsewhere), ["m0000.ics"]);
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("m0000.ics")).unwrap(),
        "victim"
    );
    let inside = out.canonicalize().unwrap();
    for name in ["index.html", "schedule.ics", "meetings/m0000.ics"] {
        let real = out.join(name).canonicalize().unwrap();
        assert!(real.starts_with(&inside), "{name} is {}", real.display());
    }
    assert!(!std::fs::symlink_metadata(&feed).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&feed).unwrap().contains("BEGIN:VEVENT"));
    // The old-style leftovers beside the public names are gone; the
    // `feed.ics` ones are not convenor's to remove.
    let left: Vec<String> = names(&out)
        .into_iter()
        .filter(|n| n.contains(".tmp-") && !n.starts_with(".feed.ics"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    if layout == Layout::Plain {
        // The planted links are gone or aside; the publish wrote none.
        for name in ["index.html", "schedule.ics", "meetings"] {
            let meta = std::fs::symlink_metadata(out.join(name)).unwrap();
            assert!(!meta.is_symlink(), "{name}");
        }
        assert_no_symlink(&out.join("meetings"));
    }

    // A `.convenor` that is not convenor's own folder is refused.
    let other = base.join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::os::unix::fs::symlink(&elsewhere, other.join(".convenor")).unwrap();
    let refused = publish(&toml, &other).status().unwrap();
    assert_eq!(refused.code(), Some(3));
    assert_eq!(names(&elsewhere), ["m0000.ics"]);
}

both_layouts!(killed_at_random:
    publish_killed_at_random_leaves_one_whole_set,
    plain_publish_killed_at_random_leaves_whole_files);

/// Finding 2: SIGKILL at random moments leaves the previous set or the
/// new one, whole, and the next publish removes what killed runs left.
/// Finding 2 in the links layout; in the plain one (issue 32 item 9),
/// each file is replaced atomically, not the set: a kill leaves every
/// file whole, A's or B's, and the next publish completes the set with
/// no --force.
fn killed_at_random(layout: Layout) {
    let publish = |a: &Path, b: &Path| publish_in(layout, a, b);
    let tmp = scratch("kill");
    let base = tmp.path();
    let a = schedule(base, "A", 1000, None);
    let b = schedule(base, "B", 1000, None);
    let (ref_b, out) = (base.join("ref-b"), base.join("site"));
    let started = Instant::now();
    run(publish(&a, &out));
    let span = started.elapsed().as_millis().max(100) as u64;
    run(publish(&b, &ref_b));
    let (whole_a, whole_b) = (snapshot(&out), snapshot(&ref_b));
    // 1,000 meeting feeds, six more files (changes.atom the sixth), and
    // the page's one-session files (at most 400).
    assert_eq!(whole_a.len(), 1406);
    assert!(whole_a != whole_b);
    let random = std::collections::hash_map::RandomState::new();
    for i in 0..10u64 {
        let next = if i % 2 == 0 { &b } else { &a };
        let mut child = publish(next, &out).spawn().unwrap();
        // Anywhere in a run, and now and then after it ended.
        let delay = random.hash_one(i) % (span + span / 4);
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().ok();
        child.wait().unwrap();
        let seen = snapshot(&out);
        if layout == Layout::Links {
            // The set switched whole: every file but the meetings' and
            // sessions' own is A's, or every one is B's.
            let set =
                |w: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
                    w.iter()
                        .filter(|(n, _)| !is_single(n))
                        .map(|(n, b)| (n.clone(), b.clone()))
                        .collect()
                };
            let (seen_set, a_set, b_set) =
                (set(&seen), set(&whole_a), set(&whole_b));
            assert!(
                seen_set == a_set || seen_set == b_set,
                "kill {i} after {delay} ms: a mix of {} files",
                seen.len()
            );
            // Each of those whole, A's or B's; none the page links
            // missing.
            for (name, bytes) in seen.iter().filter(|(n, _)| is_single(n)) {
                let whole = whole_a.get(name) == Some(bytes)
                    || whole_b.get(name) == Some(bytes);
                assert!(whole, "kill {i} after {delay} ms: {name} not whole");
            }
            let links = page_links(&seen);
            assert!(!links.is_empty(), "the page links its files");
            for href in links {
                assert!(
                    seen.contains_key(&href),
                    "kill {i} after {delay} ms: the page links {href}, missing"
                );
            }
            continue;
        }
        // A killed run's hidden temporaries wait for the next publish.
        let shown = seen.iter().filter(|(n, _)| !n.contains(".convenor-new-"));
        for (name, bytes) in shown {
            let whole = whole_a.get(name) == Some(bytes)
                || whole_b.get(name) == Some(bytes);
            assert!(whole, "kill {i} after {delay} ms: {name} is not whole");
        }
    }
    run(publish(&a, &out));
    assert!(snapshot(&out) == whole_a);
    assert_no_leftovers_in(layout, &out);
}

both_layouts!(concurrent_publishes:
    concurrent_publishes_leave_exactly_one_schedule,
    concurrent_plain_publishes_leave_exactly_one_schedule);

/// Finding 2: two publishes at once into one folder take turns; the
/// result is exactly one schedule's feeds.
fn concurrent_publishes(layout: Layout) {
    let publish = |a: &Path, b: &Path| publish_in(layout, a, b);
    let tmp = scratch("concurrent");
    let base = tmp.path();
    let a = schedule(base, "A", 200, None);
    let b = schedule(base, "B", 150, None);
    let (ref_a, ref_b) = (base.join("ref-a"), base.join("ref-b"));
    run(publish(&a, &ref_a));
    run(publish(&b, &ref_b));
    let (whole_a, whole_b) = (snapshot(&ref_a), snapshot(&ref_b));
    for pair in 0..3 {
        let out = base.join(format!("site-{pair}"));
        let mut first = publish(&a, &out).spawn().unwrap();
        let mut second = publish(&b, &out).spawn().unwrap();
        assert!(first.wait().unwrap().success());
        assert!(second.wait().unwrap().success());
        let seen = snapshot(&out);
        assert!(seen == whole_a || seen == whole_b, "pair {pair}: a mix");
        assert_no_leftovers_in(layout, &out);
    }
}

both_layouts!(drops_removed_meetings:
    publish_drops_the_feeds_of_removed_meetings,
    plain_publish_drops_the_feeds_of_removed_meetings);

/// Finding 2: a meeting removed from the schedule loses its feed.
fn drops_removed_meetings(layout: Layout) {
    let publish = |a: &Path, b: &Path| publish_in(layout, a, b);
    let tmp = scratch("removed");
    let base = tmp.path();
    let out = base.join("site");
    run(publish(&schedule(base, "A", 3, None), &out));
    assert!(out.join("meetings/m0002.ics").is_file());
    run(publish(&schedule(base, "B", 2, None), &out));
    assert_eq!(names(&out.join("meetings")), ["m0000.ics", "m0001.ics"]);
    assert!(std::fs::read_to_string(out.join("schedule.json"))
        .unwrap()
        .contains("Schedule B"));
    assert_no_leftovers_in(layout, &out);
}

both_layouts!(keeps_what_it_did_not_write:
    publish_keeps_what_it_did_not_write,
    plain_publish_keeps_what_it_did_not_write);

/// A folder an older convenor published into (plain files, a real
/// `meetings` folder, its `.NAME.tmp-PID` leftovers) is converted: the
/// public names become links into the new set, and the old files go.
/// In the plain layout a folder is not in the way: only the files the
/// set writes are, and the rest of `meetings/` stays where it is.
fn keeps_what_it_did_not_write(layout: Layout) {
    let publish = |a: &Path, b: &Path| publish_in(layout, a, b);
    let plain = layout == Layout::Plain;
    let tmp = scratch("legacy");
    let base = tmp.path();
    let out = base.join("site");
    std::fs::create_dir_all(out.join("meetings")).unwrap();
    for name in ["index.html", "schedule.ics", ".schedule.ics.tmp-123"] {
        std::fs::write(out.join(name), "old").unwrap();
    }
    std::fs::write(out.join("meetings/gone.ics"), "old").unwrap();
    std::fs::write(out.join("notes.txt"), "not convenor's").unwrap();
    let before = snapshot(&out);
    let toml = schedule(base, "A", 2, None);
    // Issue 32: a hand-written page is never replaced silently.
    let refused =
        publish(&toml, &out).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(refused.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    for name in ["index.html", "schedule.ics", "meetings"] {
        let named = stderr.contains(&*out.join(name).to_string_lossy());
        assert!(named || (plain && name == "meetings"), "{stderr}");
    }
    assert!(stderr.contains("--force"), "{stderr}");
    assert!(snapshot(&out) == before);
    // With --force they are moved into a backup the run names.
    let forced = with(publish(&toml, &out), "--force")
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(forced.status.success());
    let stderr = String::from_utf8_lossy(&forced.stderr);
    let backup = stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix(
                "convenor: what convenor had not written is kept in ",
            )
        })
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("no backup named: {stderr}"));
    assert_eq!(std::fs::read(backup.join("index.html")).unwrap(), b"old");
    let gone = if plain { out.clone() } else { backup.clone() };
    let gone = gone.join("meetings");
    assert_eq!(std::fs::read(gone.join("gone.ics")).unwrap(), b"old");
    let fresh = base.join("fresh");
    run(publish(&toml, &fresh));
    let mut expected = snapshot(&fresh);
    expected.insert("notes.txt".into(), b"not convenor's".to_vec());
    if plain {
        expected.insert("meetings/gone.ics".into(), b"old".to_vec());
    }
    assert!(snapshot(&out) == expected);
    for name in ["index.html", "schedule.ics", "meetings"] {
        let link = std::fs::symlink_metadata(out.join(name)).unwrap();
        assert_eq!(link.is_symlink(), !plain, "{name}");
    }
    assert!(!out.join(".schedule.ics.tmp-123").exists());
    // Its own files are convenor's: the next publish needs no --force.
    run(publish(&toml, &out));
    assert_no_leftovers_in(layout, &out);
}

/// `command` with one more argument.
fn with(mut command: Command, arg: &str) -> Command {
    command.arg(arg);
    command
}

/// Finding 4 of issue 12 capped `occurrences.json` at 100,000 sessions,
/// which refused to publish a fellowship of 10,000 weekly meetings
/// (129,000 sessions in 90 days). Since issue 18 it is written as the
/// sessions are found, all of them, with memory that does not grow with
/// their number (BENCHMARKS.md measures it).
#[test]
fn publish_writes_every_session_of_the_90_days() {
    let tmp = scratch("cap");
    let base = tmp.path();
    // 1,200 daily meetings: 108,000 sessions in the 90 days published.
    let daily = "rrule = \"FREQ=DAILY\"\ntime = \"08:00\"\n";
    let toml = schedule(base, "D", 1200, Some(daily));
    let out = base.join("site");
    let result = publish(&toml, &out).stderr(Stdio::piped()).output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(0), "{stderr}");
    let text = std::fs::read_to_string(out.join("occurrences.json")).unwrap();
    let sessions: Vec<serde_json::Value> =
        serde_json::from_str(&text).unwrap();
    assert_eq!(sessions.len(), 108_000);
}

both_layouts!(lost_output:
    lost_output_fails_before_anything_is_published,
    lost_output_fails_before_any_plain_file_is_replaced);

/// Finding 7: a summary that cannot be written (a full disk, a closed
/// standard output) fails the run before the switch, so the previous
/// feeds stay; a reader that left (`| head`) does not stop the publish.
/// Any command whose output is lost exits non-zero.
fn lost_output(layout: Layout) {
    let publish = |a: &Path, b: &Path| publish_in(layout, a, b);
    let tmp = scratch("stdout");
    let base = tmp.path();
    let (a, b) = (schedule(base, "A", 2, None), schedule(base, "B", 1, None));
    let out = base.join("site");
    run(publish(&a, &out));
    let before = snapshot(&out);
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full");
    if let Ok(full) = full {
        let status = publish(&b, &out).stdout(full).status().unwrap();
        assert_eq!(status.code(), Some(3));
        assert!(snapshot(&out) == before);
    }
    let closed = |args: &[&str]| {
        Command::new("sh")
            .args(["-c", "exec \"$0\" \"$@\" >&-"])
            .arg(env!("CARGO_BIN_EXE_convenor"))
            .args(args)
            .env("CONVENOR_TZDATA", "bundled")
            .stderr(Stdio::null())
            .status()
            .unwrap()
    };
    let (b_path, out_path) = (b.to_str().unwrap(), out.to_str().unwrap());
    let mut args = vec!["publish", b_path, "--out", out_path];
    if layout == Layout::Plain {
        args.push("--plain");
    }
    let status = closed(&args);
    assert_eq!(status.code(), Some(3));
    assert!(snapshot(&out) == before);
    assert_eq!(closed(&["week", "--now", NOW]).code(), Some(3));
    let feed = base.join("feed.ics");
    let quiet =
        ["ics", "--example", "--now", NOW, "-o", feed.to_str().unwrap()];
    assert_eq!(closed(&quiet).code(), Some(0));
    // The reader goes away at once: a broken pipe, not a failure.
    let mut child = publish(&b, &out).stdout(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    assert!(child.wait().unwrap().success());
    assert_eq!(names(&out.join("meetings")), ["m0000.ics"]);
}

/// Issue 32: a forgotten FILE never publishes the built-in example over
/// a website; a command that only prints says it shows the example.
#[test]
fn a_forgotten_file_is_never_published() {
    let tmp = scratch("forgotten");
    let out = tmp.path().join("site");
    let refused = convenor(&["publish", "--out", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("--example"), "{stderr}");
    assert!(!out.exists());
    let feed = tmp.path().join("feed.ics");
    let refused = convenor(&["ics", "-o", feed.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!feed.exists());
    let shown = convenor(&["next", "--now", NOW]);
    assert!(shown.status.success());
    let stderr = String::from_utf8_lossy(&shown.stderr);
    assert!(stderr.contains("built-in example"), "{stderr}");
    let meant = convenor(&["next", "--example", "--now", NOW]);
    assert!(meant.stderr.is_empty());
}

/// Issue 32 item 11: a publish records its UIDs' domain, and one whose
/// UIDs would end in another (the `url` moved) is refused, exit 3 with
/// nothing changed, naming both domains and the fix; `uid_domain` keeps
/// the old UIDs, and `--force` changes them.
#[test]
fn publish_refuses_to_change_every_uid() {
    let tmp = scratch("uid-domain");
    let base = tmp.path();
    let out = base.join("site");
    let toml = schedule(base, "A", 2, None);
    run(publish(&toml, &out));
    let before = snapshot(&out);
    let uids = |out: &Path| -> Vec<String> {
        let ics = std::fs::read_to_string(out.join("schedule.ics")).unwrap();
        let uids: Vec<String> = ics
            .lines()
            .filter_map(|l| l.strip_prefix("UID:"))
            .map(str::to_string)
            .collect();
        assert!(!uids.is_empty());
        uids
    };
    assert!(uids(&out).iter().all(|u| u.ends_with("@example.org")));

    let text = std::fs::read_to_string(&toml).unwrap();
    let moved =
        text.replace("https://example.org/", "https://new.example.net/");
    std::fs::write(&toml, &moved).unwrap();
    let refused =
        publish(&toml, &out).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(refused.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    for part in [
        "nothing was published",
        "`@example.org`",
        "`@new.example.net`",
        "uid_domain = \"example.org\"",
        "--force",
    ] {
        assert!(stderr.contains(part), "{part}: {stderr}");
    }
    assert!(snapshot(&out) == before);

    // The old host kept as uid_domain: published, the same UIDs.
    std::fs::write(&toml, format!("uid_domain = \"example.org\"\n{moved}"))
        .unwrap();
    run(publish(&toml, &out));
    assert!(uids(&out).iter().all(|u| u.ends_with("@example.org")));

    // Without it, --force changes them.
    std::fs::write(&toml, &moved).unwrap();
    run(with(publish(&toml, &out), "--force"));
    assert!(uids(&out).iter().all(|u| u.ends_with("@new.example.net")));
    run(publish(&toml, &out));
    assert_no_leftovers(&out);
}

/// Issue 32 item 9: `--plain` writes ordinary files, no symlink; a
/// folder can move between the layouts with no --force; a file whose
/// bytes did not change is left as it was (its modification time too).
/// Item 10: one summary line, every file with -v.
#[test]
fn plain_publish_writes_ordinary_files_and_says_what_changed() {
    let tmp = scratch("plain");
    let base = tmp.path();
    let out = base.join("site");
    let (a, b) = (schedule(base, "A", 3, None), schedule(base, "B", 2, None));
    let said = |mut command: Command| {
        let done = command.stdout(Stdio::piped()).output().unwrap();
        assert!(done.status.success(), "{done:?}");
        String::from_utf8(done.stdout).unwrap()
    };
    // From the links layout to ordinary files, no --force needed.
    run(publish(&a, &out));
    let first = said(publish_in(Layout::Plain, &a, &out));
    assert_no_symlink(&out);
    assert_no_leftovers_in(Layout::Plain, &out);
    let total = snapshot(&out).len();
    assert_eq!(
        first,
        format!(
            "published {total} files into {}: {total} written, 0 unchanged, \
             0 removed\n",
            out.display()
        )
    );
    let page = out.join("index.html");
    let stamp = std::fs::metadata(&page).unwrap().modified().unwrap();
    // The same schedule again: nothing rewritten.
    let again = said(publish_in(Layout::Plain, &a, &out));
    assert!(
        again.contains(&format!("0 written, {total} unchanged")),
        "{again}"
    );
    assert_eq!(std::fs::metadata(&page).unwrap().modified().unwrap(), stamp);
    // A meeting taken out: its feed removed, every file listed with -v.
    let verbose = said(with(publish_in(Layout::Plain, &b, &out), "-v"));
    let lines: Vec<&str> = verbose.lines().collect();
    let removed =
        format!("removed {}", out.join("meetings/m0002.ics").display());
    assert!(lines.contains(&removed.as_str()), "{verbose}");
    let wrote = format!("wrote {}", page.display());
    assert!(lines.contains(&wrote.as_str()), "{verbose}");
    let summary = lines.last().unwrap();
    let gone = lines.iter().filter(|l| l.starts_with("removed ")).count();
    assert!(summary.starts_with("published "), "{verbose}");
    assert!(summary.ends_with(&format!(" {gone} removed")), "{verbose}");
    assert_eq!(lines.len(), snapshot(&out).len() + gone + 1, "{verbose}");
    assert_eq!(names(&out.join("meetings")), ["m0000.ics", "m0001.ics"]);
    // And back to links, again with no --force.
    run(publish(&a, &out));
    for name in ["index.html", "meetings"] {
        let meta = std::fs::symlink_metadata(out.join(name)).unwrap();
        assert!(meta.is_symlink(), "{name}");
    }
    assert_no_leftovers(&out);
    let fresh = base.join("fresh");
    run(publish(&a, &fresh));
    assert!(snapshot(&out) == snapshot(&fresh));
}

both_layouts!(modes_whatever_the_umask:
    publish_gives_every_file_its_mode_whatever_the_umask,
    plain_publish_gives_every_file_its_mode_whatever_the_umask);

/// Every file convenor publishes is 0644 and every folder 0755, so a web
/// server running as another user reads them, whether the umask keeps
/// those modes (022: no fchmod(2) at all) or narrows them (077: each
/// file and folder given its mode after creation); the sets' folders
/// and the files outside them included.
fn modes_whatever_the_umask(layout: Layout) {
    use std::os::unix::fs::PermissionsExt;
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, u32)>) {
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let entry = entry.expect("an entry");
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).expect("a name");
            let name = entry.file_name();
            if meta.file_type().is_symlink() || name == "lock" {
                continue;
            }
            // The backups and records are convenor's own.
            if name == "plain.json" || name == "backups" {
                continue;
            }
            found.push((path.clone(), meta.permissions().mode() & 0o7777));
            if meta.is_dir() {
                walk(&path, found);
            }
        }
    }
    let tmp = scratch("umask");
    let toml = schedule(tmp.path(), "A", 3, None);
    for umask in ["022", "077"] {
        let out = tmp.path().join(format!("site-{umask}"));
        let publish = publish_in(layout, &toml, &out);
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(publish.get_program())
            .args(publish.get_args())
            .env("CONVENOR_TZDATA", "bundled")
            .stdout(Stdio::null());
        run(shell);
        let mut found = Vec::new();
        walk(&out, &mut found);
        assert!(found.len() > 10, "{found:?}");
        for (path, mode) in found {
            let want = if path.is_dir() { 0o755 } else { 0o644 };
            let shown = path.display();
            assert_eq!(mode, want, "umask {umask}: {shown} is {mode:o}");
        }
    }
}
