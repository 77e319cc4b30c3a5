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
    "back",
    "more",
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

/// The `notes` of each record of a Meeting Guide feed that has them.
fn notes_of(feed: &serde_json::Value) -> Vec<&str> {
    let records = feed.as_array().expect("a feed is an array");
    records.iter().filter_map(|r| r["notes"].as_str()).collect()
}

/// English words in `text` once the schedule's own text (names, notes,
/// links: written in English by its convenor) is taken out, less those a
/// language shares (Dutch "meeting" and "week" as TSML UI's Dutch says
/// them; "online" in several).
fn english_words(lang: &str, text: &str) -> Vec<String> {
    english_words_of(&manchester(), lang, text)
}

/// [`english_words`] of `text` written from the schedule file `file`.
fn english_words_of(file: &str, lang: &str, text: &str) -> Vec<String> {
    let schedule = convenor::Schedule::from_toml_str(
        &std::fs::read_to_string(file).expect("the schedule file"),
    )
    .expect("the schedule file parses");
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
    own.extend(schedule.url().map(|u| u.as_str().to_string()));
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

        // The Meeting Guide feed's notes (cancelled sessions and when
        // the meeting is back, the move, the extra session).
        let guide: serde_json::Value =
            serde_json::from_str(&read("meeting-guide.json")).unwrap();
        let notes = notes_of(&guide);
        assert_eq!(notes.len(), 2, "{lang}: {notes:?}");
        for text in &notes {
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

/// testdata/finders/exact-week.toml: a cancelled session, a move, an
/// extra session, two every-2-weeks meetings and one past midnight.
fn exact_week() -> String {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/finders/exact-week.toml")
        .display()
        .to_string()
}

/// `json --view meeting-guide --lang L`: the notes convenor writes (a
/// cancelled session and when the meeting is back, a move, an extra
/// session, a cadence, an end past midnight) in L, with CLDR's dates
/// and zone names; a golden file of the notes per language (each
/// record's slug and notes), no English word besides the file's own.
#[test]
fn meeting_guide_notes_in_every_language() {
    let file = exact_week();
    // (each record's slug and notes, the notes alone)
    let notes = |lang: &str| -> (String, String) {
        let args = [
            "json",
            "--view",
            "meeting-guide",
            "--as-of",
            "2022-11-10",
            "--lang",
            lang,
            &file,
        ];
        let feed: serde_json::Value =
            serde_json::from_str(&stdout(&args)).unwrap();
        let (mut text, mut alone) = (String::new(), String::new());
        for record in feed.as_array().unwrap() {
            if let Some(notes) = record["notes"].as_str() {
                let slug = record["slug"].as_str().unwrap();
                text += &format!("{slug}:\n{notes}\n\n");
                alone += &format!("{notes}\n");
            }
        }
        (text, alone)
    };
    for lang in OTHERS {
        let (text, alone) = notes(lang);
        golden(&format!("meeting-guide-notes-{lang}.txt"), &text);
        assert_eq!(alone.lines().count(), 6, "{lang}: {text}");
        let english = english_words_of(&file, lang, &alone);
        assert!(english.is_empty(), "{lang}: {english:?} in {text}");
        // The language's clock, not English's 12-hour one.
        for clock in ["0am", "0pm", "5am", "5pm"] {
            assert!(!alone.contains(clock), "{lang}: {clock} in {alone}");
        }
    }
    // English is the feed as before, and the check can fail on it.
    let (_, en) = notes("en");
    assert!(en.contains("Thursday 24 November: no meeting"), "{en}");
    assert!(!english_words_of(&file, "es", &en).is_empty());
    // Refused for another view, never ignored.
    let out = super::convenor(&[
        "json", "--view", "schedule", "--lang", "fr", &file,
    ]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--lang is for --view meeting-guide only"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The seed's feed as of 10 November 2022 in French (issue 29): its
/// start dates with French weekday and month names, no English word
/// besides the file's own note.
#[test]
fn meeting_guide_of_the_seed_in_french() {
    let text = stdout(&[
        "json",
        "--view",
        "meeting-guide",
        "--as-of",
        "2022-11-10",
        "--lang",
        "fr",
        "--example",
    ]);
    let feed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let seed = convenor::Schedule::from_toml_str(convenor::SEED_TOML).unwrap();
    let own: Vec<String> = seed
        .meetings()
        .iter()
        .flat_map(|m| m.changes().iter().filter_map(|c| c.note.clone()))
        .collect();
    let notes = notes_of(&feed);
    assert_eq!(
        notes,
        [
            "Commence le lundi 14 novembre 2022",
            "Commence le samedi 12 novembre 2022\nStarts at 7:00am Pacific, \
             not 9:30am as first posted",
        ]
    );
    for text in notes {
        let mut ours = text.to_string();
        for t in &own {
            ours = ours.replace(t.as_str(), " ");
        }
        let english: Vec<String> = ours
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_lowercase)
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .collect();
        assert!(english.is_empty(), "{english:?} in {text}");
    }
}
