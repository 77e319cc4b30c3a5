//! What members read (issue 32 items 6 and 7): `announce` and `changes`
//! for `tests/data/manchester.toml`, a group in Manchester with members
//! in New York and Sydney, its holiday cancellations and New Year's Day
//! meeting not dated `announced`.

use super::{golden, scratch, stdout};

fn manchester() -> String {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/manchester.toml")
        .display()
        .to_string()
}

fn announce(extra: &[&str]) -> String {
    let file = manchester();
    let mut args = vec![
        "announce",
        file.as_str(),
        "--as-of",
        "2026-12-06",
        "--zones",
        "America/New_York,Australia/Sydney",
    ];
    args.extend_from_slice(extra);
    stdout(&args)
}

/// Item 6: the changes still to come without `announced` are footnotes,
/// as `changes --since` lists them; footnotes are numbered and in the
/// order of their dates.
#[test]
fn announce_lists_undated_changes_numbered_by_date() {
    let text = announce(&[]);
    let notes: Vec<&str> =
        text.lines().filter(|l| l.starts_with('[')).collect();
    assert_eq!(notes.len(), 4, "{text}");
    assert!(
        notes[0].starts_with(
            "[1] Evening Meeting: no meeting on Tuesday 22 Dec 2026"
        ),
        "{text}"
    );
    assert!(
        notes[1].starts_with(
            "[2] Thursday Lunchtime: the Thursday 24 Dec 2026 session moves"
        ),
        "{text}"
    );
    assert!(
        notes[2].starts_with(
            "[3] Evening Meeting: no meeting on Tuesday 29 Dec 2026"
        ),
        "{text}"
    );
    assert!(notes[3].contains("1 Jan 2027"), "{text}");
    assert!(!text.contains('*'), "{text}");
    golden("announce-manchester.txt", &text);
    golden("announce-manchester.html", &announce(&["--format", "html"]));
    golden("announce-manchester.md", &announce(&["--format", "markdown"]));
    // `changes --since` lists the same four, in the same order, from
    // the day the move was announced.
    let file = manchester();
    let changes = stdout(&["changes", &file, "--since", "2026-11-30"]);
    let listed: Vec<&str> = changes.lines().collect();
    let footnoted: Vec<&str> =
        notes.iter().map(|n| n.split_once("] ").unwrap().1).collect();
    assert_eq!(listed, footnoted);
}

/// Item 7: an RRULE meeting in words from the core, on `announce` and
/// on the page; never the rule's text.
#[test]
fn rrule_meetings_are_said_in_words() {
    let text = announce(&[]);
    assert!(
        text.contains("  • First Sunday of each month at 4:00pm London · "),
        "{text}"
    );
    assert!(!text.contains("FREQ="), "{text}");
    let page = page();
    assert!(
        page.contains(
            "<span class=\"weekly\">First Sunday of each month at 4:00pm London</span>"
        ),
        "{page}"
    );
    assert!(!page.contains("FREQ="));
}

/// Item 7: the times elsewhere say when a listed zone's clocks change
/// within the announcement's horizon (26 weeks): New York's on 14 March
/// 2027, London's on 28 March, Sydney's on 4 April. The first-Sunday
/// meeting keeps its time in New York (both change between its
/// sessions) but is two hours earlier in Sydney from April's.
#[test]
fn times_elsewhere_say_when_clocks_change() {
    let text = announce(&[]);
    assert!(
        text.contains(
            "  • First Sunday of each month at 4:00pm London · 11:00am Eastern · \
             3:00am Monday Sydney (1:00am Monday from April 5th)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  • Tuesday: 7:00pm London · 2:00pm Eastern (3:00pm from March 16th, \
             2:00pm from March 30th) · 6:00am Wednesday Sydney (5:00am \
             Wednesday from March 31st, 4:00am Wednesday from April 7th)"
        ),
        "{text}"
    );
    // Spanish says it too, from the same facts.
    let es = announce(&["--lang", "es"]);
    assert!(es.contains("desde el 5 de abril"), "{es}");
}

/// The page as published on 6 December 2026 for six weeks.
fn page() -> String {
    let tmp = scratch("words-page");
    let dir = tmp.path().join("site");
    let out = dir.display().to_string();
    stdout(&[
        "publish",
        &manchester(),
        "--out",
        &out,
        "--now",
        "2026-12-06T12:00:00Z",
        "--weeks",
        "6",
    ]);
    std::fs::read_to_string(dir.join("index.html")).unwrap()
}

/// Item 7: an extra session is listed as extra, not under its meeting's
/// name as if it were the usual one.
#[test]
fn an_extra_session_is_named_as_extra() {
    let page = page();
    assert!(
        page.contains(
            "<span class=\"name\">Extra session: Evening Meeting</span>"
        ),
        "{page}"
    );
}
