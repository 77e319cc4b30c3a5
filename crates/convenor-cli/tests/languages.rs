//! Issue 29: what convenor writes into its feeds for members, in every
//! language: the `.ics` descriptions and
//! reminders, `changes.atom` and `changes`, for
//! `tests/data/manchester.toml` (cancelled, moved and extra sessions, a
//! monthly meeting by RRULE). English output is every other golden file,
//! unchanged.

use super::{golden, scratch, stdout};

/// The nine languages besides English.
const OTHERS: [&str; 9] =
    ["es", "fr", "de", "ja", "pt", "nl", "sv", "sk", "th"];

fn manchester() -> String {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/manchester.toml")
        .display()
        .to_string()
}

/// The words of convenor's own English text in feeds: none may be left
/// in another language's.
const ENGLISH: &[&str] = &[
    "starts",
    "ends",
    "join",
    "phone",
    "tags",
    "convenors",
    "minute",
    "minutes",
    "hour",
    "hours",
    "every",
    "week",
    "weeks",
    "next",
    "day",
    "after",
    "meeting",
    "meetings",
    "session",
    "sessions",
    "moves",
    "instead",
    "from",
    "announced",
    "the",
    "of",
    "on",
    "at",
    "and",
    "changes",
    "online",
    "tuesday",
    "thursday",
    "friday",
    "january",
];

/// English words in `text` once the schedule's own text (names, notes,
/// links: written in English by its convenor) is taken out, less those a
/// language shares (Dutch "meeting" and "week" as TSML UI's Dutch says
/// them; "online" in several).
fn english_words(lang: &str, text: &str) -> Vec<String> {
    let schedule = convenor::Schedule::from_toml_str(
        &std::fs::read_to_string(manchester()).expect("manchester.toml"),
    )
    .expect("manchester.toml parses");
    let mut own: Vec<String> = vec![schedule.name().to_string()];
    for m in schedule.meetings() {
        own.push(m.name().to_string());
        own.extend(m.notes().map(str::to_string));
        own.extend(m.changes().iter().filter_map(|c| c.note.clone()));
        own.extend(m.tags().iter().cloned());
        if let Some(url) =
            m.place().online.as_ref().and_then(|o| o.url.as_ref())
        {
            own.push(url.as_str().to_string());
        }
    }
    own.push("https://example.org/manchester/".into());
    own.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut ours = text.to_string();
    for t in &own {
        ours = ours.replace(t.as_str(), " ");
    }
    let shared: &[&str] = match lang {
        "nl" => &["meeting", "meetings", "week", "online"],
        "fr" => &["minute", "minutes"],
        "de" => &["minute", "online"],
        "pt" | "sv" | "sk" => &["online"],
        _ => &[],
    };
    ours.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .filter(|w| !shared.contains(&w.as_str()))
        .collect()
}

/// `changes --lang L`: a golden file per language, no English word.
#[test]
fn changes_in_every_language() {
    let file = manchester();
    for lang in OTHERS {
        let text = stdout(&["changes", &file, "--lang", lang]);
        golden(&format!("changes-manchester-{lang}.txt"), &text);
        let english = english_words(lang, &text);
        assert!(english.is_empty(), "{lang}: {english:?} in {text}");
    }
    // The check can fail: English is full of them.
    let text = stdout(&["changes", &file, "--lang", "en"]);
    assert!(!english_words("es", &text).is_empty());
}

/// `publish --lang L`: the feeds beside the page are in its first
/// language: the lines it adds to each event's description, its reminders, the
/// online link's label, and `changes.atom` (a golden file per
/// language).
#[test]
fn publish_writes_every_feed_in_the_page_s_language() {
    let tmp = scratch("feeds-languages");
    let file = manchester();
    for lang in OTHERS {
        let site = tmp.path().join(lang);
        let out = site.display().to_string();
        stdout(&[
            "publish",
            &file,
            "--out",
            &out,
            "--now",
            "2026-12-06T12:00:00Z",
            "--lang",
            lang,
            "--plain",
            "--remind",
            "15m,1h30m",
        ]);
        let read = |path: &str| {
            std::fs::read_to_string(site.join(path))
                .unwrap_or_else(|e| panic!("{lang} {path}: {e}"))
        };
        let atom = read("changes.atom");
        golden(&format!("changes-manchester-{lang}.atom"), &atom);
        // The words of its titles and contents (not its ids, which name
        // the meetings' ids).
        let texts: Vec<String> = atom
            .split("<title>")
            .skip(1)
            .chain(atom.split("<content type=\"text\">").skip(1))
            .filter_map(|t| t.split('<').next())
            .map(|t| t.replace("&apos;", "'").replace("&amp;", "&"))
            .collect();
        assert_eq!(texts.len(), 9, "{lang}: {atom}");
        for text in &texts {
            let english = english_words(lang, text);
            assert!(english.is_empty(), "{lang}: {english:?} in {text}");
        }

        let ics = read("meetings/tuesday-evening.ics").replace("\r\n ", "");
        let said: Vec<&str> = ics
            .lines()
            .filter(|l| {
                l.starts_with("DESCRIPTION:") || l.starts_with("CONFERENCE")
            })
            .collect();
        assert!(said.iter().any(|l| l.contains("zoom.example")), "{ics}");
        for line in &said {
            let text = line.replace("\\n", " ").replace("\\,", ",");
            let english = english_words(lang, &text);
            assert!(english.is_empty(), "{lang}: {english:?} in {line}");
        }
        assert!(
            said.iter().filter(|l| l.starts_with("DESCRIPTION:")).count() > 2,
            "{lang}: reminders and a description: {said:?}"
        );
    }
}

/// `ics --lang` says what a publish says.
#[test]
fn ics_takes_lang() {
    let file = manchester();
    let ics = stdout(&[
        "ics",
        &file,
        "--meeting",
        "tuesday-evening",
        "--now",
        "2026-12-06T12:00:00Z",
        "--remind",
        "15m",
        "--lang",
        "fr",
    ]);
    assert!(
        ics.contains("DESCRIPTION:Evening Meeting commence dans 15 minutes"),
        "{ics}"
    );
    assert!(ics.contains("LABEL=Rejoindre en ligne"), "{ics}");
}
