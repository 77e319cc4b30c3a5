//! The schedule page that `publish` writes, opened in a real browser
//! (headless Chromium, driven by `browser/page.mjs`) as visitors in four
//! zones would: the dated sessions it shows equal `convenor agenda` in
//! that zone, without JavaScript it shows the schedule's own zone, there
//! is no console error, no request leaves the page and axe-core finds no
//! accessibility violation. Where the browser or its driver is missing
//! (`browser/install` installs them) the tests skip and say why, or fail
//! when `CONVENOR_REQUIRE` names `browser`, as `.ci/run` sets it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::{scratch, skip_or_fail};

const NOW: &str = "2022-11-10T12:00:00Z";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Why the browser tests cannot run here, if they cannot. The browser
/// is the one `browser/page.mjs` drives and `browser/install` checks for:
/// `CONVENOR_CHROMIUM`, else Debian's `/usr/bin/chromium`.
fn missing() -> Option<String> {
    let Some(home) = std::env::var_os("CONVENOR_BROWSER_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/convenor-browser"))
        })
    else {
        return Some("neither CONVENOR_BROWSER_HOME nor HOME is set".into());
    };
    let chromium = std::env::var_os("CONVENOR_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.is_file() {
        return Some(format!(
            "no Chromium at {} (run browser/install, or set CONVENOR_CHROMIUM)",
            chromium.display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no node on PATH".into());
    }
    for package in ["puppeteer-core", "axe-core"] {
        if !home.join("node_modules").join(package).exists() {
            return Some(format!(
                "{package} is not in {} (run browser/install)",
                home.display()
            ));
        }
    }
    None
}

fn convenor(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_convenor"))
        .args(args)
        .env("CONVENOR_TZDATA", "bundled")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The seed published on 10 November 2022 into `site` in a scratch
/// folder, which the caller keeps while it opens the page.
fn site() -> (tempfile::TempDir, PathBuf) {
    site_with(&["--url", "https://lifering.example/meetings/"])
}

/// The seed published on 10 November 2022 with `extra` flags.
fn site_with(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = scratch("page");
    let dir = tmp.path().join("site");
    let out = dir.display().to_string();
    let mut args = vec!["publish", "--example", "--out", &out, "--now", NOW];
    args.extend_from_slice(extra);
    convenor(&args);
    (tmp, dir)
}

/// What the page shows a visitor whose zone is `tz`.
fn open(site: &Path, tz: &str, extra: &[&str]) -> Value {
    let out = Command::new("node")
        .arg(repo().join("browser/page.mjs"))
        .arg(site)
        .args(extra)
        .env("TZ", tz)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("page.mjs prints JSON")
}

#[test]
fn the_page_in_four_zones_equals_the_agenda() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = site();
    for tz in [
        "Europe/London",
        "Asia/Kolkata",
        "America/Vancouver",
        "Australia/Sydney",
    ] {
        let seen = open(&site, tz, &[]);
        assert_eq!(
            seen["errors"],
            serde_json::json!([]),
            "{tz}: console errors"
        );
        assert_eq!(seen["external"], serde_json::json!([]), "{tz}: requests");
        assert_eq!(seen["violations"], serde_json::json!([]), "{tz}: axe");
        // The agenda in that zone over the page's four weeks.
        let agenda: Value = serde_json::from_str(&convenor(&[
            "agenda",
            "--tz",
            tz,
            "--from",
            NOW,
            "--days",
            "28",
            "--format",
            "json",
            "--now",
            NOW,
            "--cancelled",
        ]))
        .unwrap();
        let expected: Vec<(String, String)> = agenda
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let local = o["local_start"].as_str().unwrap();
                (
                    local[..16].to_string(),
                    o["status"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let shown: Vec<(String, String)> = seen["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let status = if s["cancelled"].as_bool().unwrap() {
                    "cancelled"
                } else {
                    ""
                };
                (s["local"].as_str().unwrap().to_string(), status.to_string())
            })
            .collect();
        assert_eq!(shown.len(), expected.len(), "{tz}");
        for (s, e) in shown.iter().zip(&expected) {
            assert_eq!(s.0, e.0, "{tz}");
            assert_eq!(s.1 == "cancelled", e.1 == "cancelled", "{tz}");
        }
        // The shown time and day heading agree with the local time.
        for s in seen["sessions"].as_array().unwrap() {
            let local = s["local"].as_str().unwrap();
            assert_eq!(s["shown"].as_str().unwrap(), &local[11..16], "{tz}");
            assert!(
                s["day"]
                    .as_str()
                    .unwrap()
                    .starts_with(s["weekday"].as_str().unwrap()),
                "{tz}"
            );
        }
    }
    // A 360 px wide phone: the text reflows, nothing runs off the side.
    let phone = open(&site, "Europe/London", &["--width", "360"]);
    assert_eq!(phone["overflows"], false);
    assert_eq!(phone["violations"], serde_json::json!([]));
    // London on 10 November 2022: Saturday 12 November 15:00 GMT is the
    // Saturday meeting's first session.
    let london = open(&site, "Europe/London", &[]);
    let first = london["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == "2022-11-12T15:00:00+00:00")
        .expect("the first Saturday session");
    assert_eq!(first["local"], "2022-11-12T15:00");
    assert_eq!(first["day"], "Saturday 12 November 2022");
}

#[test]
fn without_javascript_the_page_shows_the_schedules_zone() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = site();
    let seen = open(&site, "Europe/London", &["--no-js"]);
    assert_eq!(seen["zone"], "Pacific time (America/Los_Angeles)");
    let first = &seen["sessions"][0];
    assert_eq!(first["shown"], "18:30");
    assert_eq!(first["day"], "Thursday 10 November 2022");
}

/// Issue 32 item 4: `?tz=` and the zone field take the words people
/// write (a city, an abbreviation, a name in any case) and show the zone
/// meant; a word that fits no zone is said, not silently replaced.
#[test]
fn the_page_takes_a_city_or_an_abbreviation_for_its_zone() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = site();
    for (asked, label) in [
        ("Sydney", "Sydney time (Australia/Sydney)"),
        ("new%20york", "New York time (America/New_York)"),
        ("Manchester", "London time (Europe/London)"),
        ("Europe/Manchester", "London time (Europe/London)"),
        ("BST", "London time (Europe/London)"),
        ("EST", "New York time (America/New_York)"),
        ("PDT", "Pacific time (America/Los_Angeles)"),
        ("AEDT", "Sydney time (Australia/Sydney)"),
        ("IST", "Kolkata time (Asia/Kolkata)"),
        ("europe/london", "London time (Europe/London)"),
        ("Asia/Kolkata", "Kolkata time (Asia/Kolkata)"),
    ] {
        let seen =
            open(&site, "Asia/Tokyo", &["--query", &format!("?tz={asked}")]);
        assert_eq!(seen["zone"], label, "?tz={asked}");
        assert_eq!(seen["zoneError"], "", "?tz={asked}");
        assert_eq!(seen["errors"], serde_json::json!([]), "?tz={asked}");
    }
    // Not understood: said, and the visitor's own zone shown.
    let seen = open(&site, "Asia/Tokyo", &["--query", "?tz=Atlantis"]);
    assert_eq!(seen["zone"], "Tokyo time (Asia/Tokyo)");
    assert_eq!(
        seen["zoneError"],
        "Did not understand the time zone \u{201c}Atlantis\u{201d}. Try a city or a name \
         such as Europe/London. Showing Tokyo time (Asia/Tokyo)."
    );
    assert_eq!(seen["violations"], serde_json::json!([]));
    // Typed into the zone field: the city's zone, remembered in the URL.
    let seen = open(&site, "Asia/Tokyo", &["--type", "manchester"]);
    assert_eq!(seen["zone"], "London time (Europe/London)");
    assert_eq!(seen["query"], "?tz=Europe%2FLondon");
    let seen = open(&site, "Asia/Tokyo", &["--type", "XST"]);
    assert_eq!(seen["zone"], "Tokyo time (Asia/Tokyo)");
    assert!(seen["zoneError"]
        .as_str()
        .unwrap()
        .starts_with("Did not understand the time zone \u{201c}XST\u{201d}."));
}

/// Issue 29: the page in each of its ten languages. Published with all
/// ten (Spanish first), it shows Spanish without JavaScript; with it,
/// `?lang=L` shows L's headings, buttons and weekday names (CLDR's, from
/// the browser's Intl), `lang` set on the page, remembered next to
/// `?tz=` in the address; a German or Spanish browser gets its language
/// unasked. No console error and no axe violation in any language, and
/// Japanese and Thai fit 360 px.
#[test]
fn the_page_speaks_ten_languages() {
    use convenor::site::l10n::{Lang, Words};
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, dir) = site_with(&["--lang", "es,en,fr,de,ja,pt,nl,sv,sk,th"]);
    let heads = |lang: Lang| -> Vec<String> {
        let words = Words::new(lang);
        ["page-next", "page-every-week", "page-subscribe-heading"]
            .iter()
            .map(|id| words.message(id, &[]))
            .collect()
    };
    // Without JavaScript: the first language, Spanish.
    let seen = open(&dir, "Europe/Madrid", &["--no-js"]);
    assert_eq!(seen["lang"], "es");
    assert_eq!(seen["headings"], serde_json::json!(heads(Lang::Es)));
    assert_eq!(seen["sessions"][0]["day"], "Jueves, 10 de noviembre de 2022");
    for lang in Lang::ALL {
        let query = format!("?lang={lang}");
        let seen = open(&dir, "Europe/Paris", &["--query", &query]);
        let words = Words::new(lang);
        assert_eq!(seen["lang"], lang.code(), "{query}");
        assert_eq!(seen["dir"], "ltr", "{query}");
        assert_eq!(
            seen["headings"],
            serde_json::json!(heads(lang)),
            "{query}"
        );
        let buttons: Vec<String> = ["page-show", "page-my-zone", "page-add"]
            .iter()
            .map(|id| words.message(id, &[]))
            .collect();
        assert_eq!(seen["buttons"][0], buttons[0].as_str(), "{query}");
        assert_eq!(seen["buttons"][1], buttons[1].as_str(), "{query}");
        // The filters' "Show all" comes before the sessions' links.
        assert_eq!(
            seen["buttons"][2],
            words.message("page-filter-reset", &[]).as_str(),
            "{query}"
        );
        assert_eq!(seen["buttons"][3], buttons[2].as_str(), "{query}");
        // The first session in Paris is early on Friday 11 November.
        let day = seen["sessions"][0]["day"].as_str().unwrap().to_lowercase();
        let friday = words.weekday(chrono::Weekday::Fri).to_lowercase();
        assert!(day.contains(&friday), "{query}: {day} without {friday}");
        assert_eq!(
            seen["query"],
            query.as_str(),
            "the address changes only when the visitor chooses"
        );
        assert_eq!(seen["errors"], serde_json::json!([]), "{query}");
        assert_eq!(seen["violations"], serde_json::json!([]), "{query}");
    }
    for (browser, lang) in [("de-DE", Lang::De), ("es-MX", Lang::Es)] {
        let seen = open(&dir, "Europe/Berlin", &["--lang", browser]);
        assert_eq!(seen["lang"], lang.code(), "{browser}");
        assert_eq!(seen["headings"], serde_json::json!(heads(lang)));
        assert_eq!(seen["violations"], serde_json::json!([]), "{browser}");
    }
    // Chosen in the address, the zone typed is kept next to it.
    let seen = open(
        &dir,
        "Asia/Tokyo",
        &["--query", "?lang=fr", "--type", "manchester"],
    );
    assert_eq!(seen["query"], "?tz=Europe%2FLondon&lang=fr");
    assert_eq!(seen["lang"], "fr");
    for lang in ["ja", "th"] {
        let query = format!("?lang={lang}");
        let seen =
            open(&dir, "Asia/Bangkok", &["--query", &query, "--width", "360"]);
        assert_eq!(seen["overflows"], false, "{query} at 360 px");
    }
}

/// Issue 32 item 8: a badge names the day the session was due as it
/// falls in the visitor's zone. London's Tuesday 22 December 19:00
/// cancellation is Wednesday 23 December 06:00 in Sydney: listed under
/// that day and saying it, never "No meeting on Tuesday 22 December"
/// under "Wednesday 23 December"; in London it says Tuesday.
#[test]
fn badges_name_the_day_in_the_visitors_zone() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let tmp = scratch("page-badges");
    let site = tmp.path().join("site");
    let file = repo().join("crates/convenor-cli/tests/data/manchester.toml");
    convenor(&[
        "publish",
        file.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--now",
        "2026-12-06T12:00:00Z",
        "--weeks",
        "6",
    ]);
    let badge = |tz: &str, start: &str| {
        let seen = open(&site, tz, &[]);
        let sessions = seen["sessions"].as_array().unwrap().clone();
        let s = sessions
            .iter()
            .find(|s| s["start"] == start)
            .unwrap_or_else(|| panic!("no session at {start}: {seen}"))
            .clone();
        (
            s["day"].as_str().unwrap().to_string(),
            s["badge"].as_str().unwrap_or("").to_string(),
        )
    };
    let cancelled = "2026-12-22T19:00:00+00:00";
    assert_eq!(
        badge("Australia/Sydney", cancelled),
        (
            "Wednesday 23 December 2026".to_string(),
            "No meeting on Wednesday 23 December".to_string()
        )
    );
    assert_eq!(
        badge("Europe/London", cancelled),
        (
            "Tuesday 22 December 2026".to_string(),
            "No meeting on Tuesday 22 December".to_string()
        )
    );
    // The Thursday 24 December 12:30 session moved to Wednesday 23rd: in
    // Sydney its usual time was 11:30pm on Thursday 24th.
    let moved = "2026-12-23T12:30:00+00:00";
    assert_eq!(
        badge("Australia/Sydney", moved).1,
        "Moved from Thursday 24 December"
    );
    assert_eq!(
        badge("America/New_York", moved).1,
        "Moved from Thursday 24 December"
    );
}

/// Three London meetings to filter (12 sessions in the page's four
/// weeks from Thursday 10 November 2022): Mondays online, Thursdays in
/// a hall, Saturdays both; tags `open`, `closed` and `Big Book`. The
/// page's own tests read it too (`crates/convenor-site/src/page.rs`).
const FILTERED: &str = include_str!("../../../testdata/page/filters.toml");

/// [`FILTERED`] published on 10 November 2022 with `extra` flags.
fn filtered_site(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = scratch("page-filters");
    let file = tmp.path().join("filters.toml");
    std::fs::write(&file, FILTERED).unwrap();
    let dir = tmp.path().join("site");
    let mut args = vec![
        "publish",
        file.to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
        "--now",
        NOW,
    ];
    args.extend_from_slice(extra);
    convenor(&args);
    (tmp, dir)
}

/// The sessions a visitor sees (not hidden by a filter), as
/// `(day key, local start)`.
fn shown(seen: &Value) -> Vec<(String, String)> {
    seen["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["hidden"] == false)
        .map(|s| {
            (
                // Both set by the script: none without it.
                s["dayKey"].as_str().unwrap_or("").to_string(),
                s["local"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn days_of(seen: &Value) -> Vec<String> {
    let mut days: Vec<String> = shown(seen).into_iter().map(|s| s.0).collect();
    days.dedup();
    days
}

/// Issue 28 item 3: the filters used with the keyboard alone (Tab to
/// the summary, Enter, Tab to a box, Space; Tab to "Show all", Enter):
/// the sessions of the days and modes checked are shown, the rest
/// hidden with their empty days' headings, the live region counts
/// them, the focused box has a visible outline and the address keeps
/// the filters; an empty result says so; "Show all" lists every session
/// again and clears the address.
#[test]
fn the_filters_work_by_keyboard_alone() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = filtered_site(&[]);
    let seen = open(
        &site,
        "Europe/London",
        &[
            "--key",
            "open",
            "--key",
            "check:day=sat",
            "--key",
            "check:mode=in-person",
        ],
    );
    let filters = &seen["filters"];
    assert_eq!(filters["open"], true, "{filters}");
    assert_eq!(
        filters["checked"],
        serde_json::json!(["day=sat", "mode=in-person"])
    );
    assert_eq!(filters["focused"], "input[mode=in-person]");
    assert_eq!(filters["focusOutline"], "solid 3px", "visible focus");
    assert_eq!(filters["countRole"], "status");
    assert_eq!(filters["count"], "4 of 12 sessions shown");
    assert_eq!(days_of(&seen), ["sat"]);
    assert_eq!(shown(&seen)[0].1, "2022-11-12T10:00");
    assert_eq!(filters["headingsShown"], 4);
    assert_eq!(seen["query"], "?tz=Europe%2FLondon&day=sat&mode=in-person");
    assert!(seen["presses"].as_u64().unwrap() > 4, "{}", seen["presses"]);
    assert_eq!(seen["errors"], serde_json::json!([]));
    assert_eq!(seen["violations"], serde_json::json!([]), "filters open");

    // In person on Monday: nothing, said so.
    let seen = open(
        &site,
        "Europe/London",
        &[
            "--key",
            "open",
            "--key",
            "check:day=mon",
            "--key",
            "check:mode=in-person",
        ],
    );
    assert_eq!(shown(&seen), []);
    assert_eq!(seen["filters"]["count"], "0 of 12 sessions shown");
    assert_eq!(seen["filters"]["empty"], "No sessions match these filters.");
    assert_eq!(seen["filters"]["headingsShown"], 0);
    assert_eq!(seen["violations"], serde_json::json!([]));

    // Show all: every session, the address without filters.
    let seen = open(
        &site,
        "Europe/London",
        &[
            "--key",
            "open",
            "--key",
            "check:day=mon",
            "--key",
            "check:mode=in-person",
            "--key",
            "reset",
        ],
    );
    assert_eq!(shown(&seen).len(), 12);
    assert_eq!(seen["filters"]["count"], "12 of 12 sessions shown");
    assert_eq!(seen["filters"]["checked"], serde_json::json!([]));
    assert_eq!(seen["filters"]["empty"], Value::Null);
    assert_eq!(seen["filters"]["focused"], "filter-reset");
    assert_eq!(seen["query"], "?tz=Europe%2FLondon");

    // Tags: every tag checked (open and Big Book: Saturdays only).
    let seen = open(
        &site,
        "Europe/London",
        &[
            "--key",
            "open",
            "--key",
            "check:tag=open",
            "--key",
            "check:tag=Big Book",
        ],
    );
    assert_eq!(days_of(&seen), ["sat"]);
    assert_eq!(
        seen["filters"]["tags"],
        serde_json::json!(["Big Book", "closed", "open"])
    );
    // In the order of the boxes.
    assert_eq!(seen["query"], "?tz=Europe%2FLondon&tag=Big+Book&tag=open");
}

/// Issue 28 item 3: the filters read back from the address (a link a
/// member shares): the same boxes checked, the same sessions shown, the
/// filters open; the day is the day in the visitor's zone (London's
/// Monday 19:00 is Tuesday 06:00 in Sydney); values the page does not
/// offer are left out; without JavaScript the filters are hidden and
/// every session listed.
#[test]
fn the_filters_round_trip_through_the_address() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = filtered_site(&[]);
    let query = "?tz=Europe%2FLondon&day=sat&mode=online&tag=Big+Book";
    let seen = open(&site, "Asia/Tokyo", &["--query", query]);
    let filters = &seen["filters"];
    assert_eq!(filters["open"], true);
    assert_eq!(
        filters["checked"],
        serde_json::json!(["day=sat", "mode=online", "tag=Big Book"])
    );
    assert_eq!(days_of(&seen), ["sat"]);
    assert_eq!(filters["count"], "4 of 12 sessions shown");
    assert_eq!(seen["query"], query, "read, not rewritten");
    // Chosen by keyboard, then opened from the address it wrote.
    let keyed = open(
        &site,
        "Europe/London",
        &[
            "--key",
            "open",
            "--key",
            "check:day=sat",
            "--key",
            "check:mode=online",
            "--key",
            "check:tag=Big Book",
        ],
    );
    let again = open(
        &site,
        "Europe/London",
        &["--query", keyed["query"].as_str().unwrap()],
    );
    assert_eq!(again["filters"]["checked"], keyed["filters"]["checked"]);
    assert_eq!(shown(&again), shown(&keyed));
    assert_eq!(again["filters"]["count"], keyed["filters"]["count"]);

    // Days as written by hand, and one the page does not know.
    let seen = open(
        &site,
        "Europe/London",
        &["--query", "?day=mon,thu&day=xyz&tag=nope"],
    );
    assert_eq!(
        days_of(&seen),
        ["thu", "mon", "thu", "mon", "thu", "mon", "thu", "mon"]
    );
    assert_eq!(seen["filters"]["count"], "8 of 12 sessions shown");

    // Sydney: London's Monday evening is Tuesday morning.
    let seen = open(&site, "Australia/Sydney", &["--query", "?day=tue"]);
    let sessions = shown(&seen);
    assert_eq!(sessions.len(), 4);
    assert!(sessions.iter().all(|s| s.1.ends_with("T06:00")), "{sessions:?}");
    for s in seen["sessions"].as_array().unwrap() {
        if s["hidden"] == false {
            assert!(s["day"].as_str().unwrap().starts_with("Tuesday"), "{s}");
        }
    }

    // No script: no filters, every session.
    let seen =
        open(&site, "Europe/London", &["--no-js", "--query", "?day=sat"]);
    assert_eq!(seen["filters"]["visible"], false);
    assert_eq!(shown(&seen).len(), 12);
}

/// Issue 28 item 3 with issue 29: the filters in English, French,
/// Japanese and Slovak at 360 px with the filters open: their legends,
/// CLDR's weekday names and the count in the language's plural form
/// (the browser's plural rules choosing among the message's forms give
/// what Fluent gives), no overflow, no axe violation.
#[test]
fn the_filters_speak_the_pages_languages() {
    use convenor::site::l10n::{capitalize, Lang, Words};
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = filtered_site(&["--lang", "en,fr,ja,sk"]);
    for lang in [Lang::En, Lang::Fr, Lang::Ja, Lang::Sk] {
        let words = Words::new(lang);
        let query = format!("?lang={lang}&mode=in-person&day=thu");
        let seen = open(
            &site,
            "Europe/London",
            &["--query", &query, "--width", "360", "--open-filters"],
        );
        let filters = &seen["filters"];
        let legends: Vec<String> =
            ["page-filter-day", "page-filter-mode", "page-filter-tags"]
                .iter()
                .map(|id| words.message(id, &[]))
                .collect();
        assert_eq!(filters["legends"], serde_json::json!(legends), "{lang}");
        let saturday =
            capitalize(&words.weekday(chrono::Weekday::Sat)).into_owned();
        assert_eq!(filters["labels"][5], saturday.as_str(), "{lang}");
        assert_eq!(
            filters["labels"][8],
            words.message("page-filter-in-person", &[]).as_str()
        );
        let count = words.message(
            "page-filter-count",
            &[("shown", "4".into()), ("total", "12".into())],
        );
        assert_eq!(filters["count"], count.as_str(), "{lang}");
        assert_eq!(
            filters["reset"],
            words.message("page-filter-reset", &[]).as_str()
        );
        assert_eq!(seen["overflows"], false, "{lang} at 360 px");
        assert_eq!(seen["errors"], serde_json::json!([]), "{lang}");
        assert_eq!(seen["violations"], serde_json::json!([]), "{lang}");
        // Nothing left: said in the language.
        let query = format!("?lang={lang}&mode=in-person&day=mon");
        let seen = open(&site, "Europe/London", &["--query", &query]);
        assert_eq!(
            seen["filters"]["empty"],
            words.message("page-filter-none", &[]).as_str()
        );
    }
    // Slovak's count has three forms: 4 is "few", 8 "other".
    let sk = open(&site, "Europe/London", &["--query", "?lang=sk&day=thu"]);
    assert_eq!(sk["filters"]["count"], "Zobrazujú sa 4 z 12 stretnutí");
    let sk =
        open(&site, "Europe/London", &["--query", "?lang=sk&tag=Big+Book"]);
    assert_eq!(sk["filters"]["count"], "Zobrazuje sa 8 z 12 stretnutí");
}

/// A page of more sessions than it lists ([`convenor::site::page::PAGE_SESSIONS`])
/// says how many more there are, with its script as without: the
/// script rewrites the list and once took that sentence with it.
#[test]
fn a_page_over_its_cap_says_how_many_more() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let tmp = scratch("page-cap");
    // 110 weekly meetings: 440 sessions in four weeks, 400 listed.
    let mut toml =
        String::from("name = \"Many\"\ntimezone = \"Europe/London\"\n");
    for i in 0..110 {
        let day =
            ["monday", "tuesday", "wednesday", "thursday", "friday"][i % 5];
        toml += &format!(
            "\n[[meetings]]\nid = \"m{i:03}\"\nname = \"Meeting {i}\"\n\
             weekly = {{ day = \"{day}\", time = \"{:02}:00\" }}\n\
             duration = \"60m\"\nstarts = \"2022-10-03\"\n",
            8 + i % 12
        );
    }
    let file = tmp.path().join("many.toml");
    std::fs::write(&file, toml).unwrap();
    let site = tmp.path().join("site");
    convenor(&[
        "publish",
        file.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--now",
        NOW,
    ]);
    let more = "And 40 more sessions in these weeks: subscribe below to see them all.";
    let seen = open(&site, "Europe/London", &[]);
    assert_eq!(seen["sessions"].as_array().unwrap().len(), 400);
    assert_eq!(seen["more"], more);
    assert_eq!(seen["filters"]["count"], "400 of 400 sessions shown");
    let seen = open(&site, "Europe/London", &["--no-js"]);
    assert_eq!(seen["more"], more);
}

/// Issue 28 item 3: the page of a site of three groups (the test site:
/// the seed, London evenings, New York mornings) filters by group with a
/// menu (a group's own page, of one group, has none): the group chosen
/// by keyboard or from the address, its sessions only, counted, its own
/// page linked (it lists all of them; this one the next ones), the
/// group and day filters together, in English, French and Japanese, at
/// 360 px with the filters open, axe clean.
#[test]
fn the_sites_page_filters_by_group() {
    use convenor::site::l10n::{Lang, Words};
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let tmp = scratch("page-site");
    let site = tmp.path().join("site");
    let file = repo().join("crates/convenor-cli/tests/data/site/site.toml");
    convenor(&[
        "publish",
        file.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--now",
        NOW,
        "--lang",
        "en,fr,ja",
    ]);
    let groups = |seen: &Value| -> Vec<String> {
        let mut groups: Vec<String> = seen["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["hidden"] == false)
            .map(|s| s["group"].as_str().unwrap().to_string())
            .collect();
        groups.dedup();
        groups
    };
    // Four weeks from 10 November 2022: the seed's 24 sessions, the
    // evening group's 8, the morning group's 4 (one cancelled, listed).
    let seen = open(&site, "Europe/London", &["--query", "?group=evening"]);
    let filters = &seen["filters"];
    assert_eq!(
        filters["groups"],
        serde_json::json!(["", "lifering", "evening", "morning"])
    );
    assert_eq!(filters["group"], "evening");
    assert_eq!(filters["open"], true);
    assert_eq!(groups(&seen), ["evening"]);
    assert_eq!(filters["count"], "8 of 36 sessions shown");
    assert_eq!(
        filters["groupPage"],
        serde_json::json!({
            "href": "evening/",
            "text": "All sessions of Evening Recovery Circle, on the group's own page",
        })
    );
    assert_eq!(seen["errors"], serde_json::json!([]));

    // By keyboard: the menu reached with Tab, the group typed.
    let seen = open(
        &site,
        "Europe/London",
        &["--key", "open", "--key", "select:Early", "--key", "check:day=sat"],
    );
    assert_eq!(seen["filters"]["group"], "morning");
    assert_eq!(groups(&seen), ["morning"]);
    assert_eq!(days_of(&seen), ["sat"]);
    assert_eq!(seen["filters"]["count"], "4 of 36 sessions shown");
    assert_eq!(
        seen["query"],
        "?tz=Europe%2FLondon&lang=en&day=sat&group=morning"
    );
    assert_eq!(seen["violations"], serde_json::json!([]));
    // Show all: every group again, no group page.
    let seen = open(
        &site,
        "Europe/London",
        &["--key", "open", "--key", "select:Early", "--key", "reset"],
    );
    assert_eq!(seen["filters"]["group"], "");
    assert_eq!(shown(&seen).len(), 36);
    assert_eq!(seen["filters"]["groupPage"], Value::Null);

    for lang in [Lang::Fr, Lang::Ja] {
        let words = Words::new(lang);
        let query = format!("?lang={lang}&group=morning&day=sat");
        let seen = open(
            &site,
            "America/New_York",
            &["--query", &query, "--width", "360", "--open-filters"],
        );
        let filters = &seen["filters"];
        assert_eq!(groups(&seen), ["morning"], "{lang}");
        let count = words.message(
            "page-filter-count",
            &[("shown", "4".into()), ("total", "36".into())],
        );
        assert_eq!(filters["count"], count.as_str(), "{lang}");
        let link = words.message(
            "page-group-page",
            &[("group", "Early Birds Co-Occurring".into())],
        );
        assert_eq!(filters["groupPage"]["text"], link.as_str(), "{lang}");
        assert_eq!(seen["overflows"], false, "{lang} at 360 px");
        assert_eq!(seen["errors"], serde_json::json!([]), "{lang}");
        assert_eq!(seen["violations"], serde_json::json!([]), "{lang}");
    }

    // A group's own page: one group, no group menu; the other filters.
    let seen = open(
        &site.join("evening"),
        "Europe/London",
        &["--query", "?group=morning"],
    );
    assert_eq!(seen["filters"]["groups"], serde_json::json!([]));
    assert_eq!(shown(&seen).len(), 8);
    assert_eq!(seen["violations"], serde_json::json!([]));
}

/// Issue 29 item 4: a right-to-left language's page (no such file ships
/// yet, so `dir="rtl"` is set on the page's `<html>` after it loads, as
/// `l10n::dir` would for Arabic or Hebrew) mirrors the left-to-right
/// page at 360 px with the filters open: the title, the zone field, the
/// filters, the first filter, the first day and session each start at
/// the right edge, as far from it as they are from the left edge left to
/// right; nothing runs off the side; axe finds nothing.
#[test]
fn page_mirrors_right_to_left() {
    if let Some(why) = missing() {
        skip_or_fail("browser", &why);
        return;
    }
    let (_tmp, site) = site();
    let phone = ["--width", "360", "--open-filters"];
    let ltr = open(&site, "Europe/London", &phone);
    let rtl = open(
        &site,
        "Europe/London",
        &[&phone[..], &["--dir", "rtl"]].concat(),
    );
    assert_eq!(ltr["dir"], "ltr");
    assert_eq!(rtl["dir"], "rtl");
    assert_eq!(rtl["overflows"], false, "rtl at 360 px");
    assert_eq!(rtl["errors"], serde_json::json!([]));
    assert_eq!(rtl["violations"], serde_json::json!([]));
    assert_eq!(rtl["width"], ltr["width"]);
    let width = ltr["width"].as_f64().unwrap();
    let edges = |seen: &Value, name: &str| -> (f64, f64) {
        let b = &seen["boxes"][name];
        assert!(b.is_object(), "{name} not shown: {seen}");
        (b["left"].as_f64().unwrap(), b["right"].as_f64().unwrap())
    };
    for name in [
        "title",
        "zoneField",
        "filters",
        "firstFilter",
        "firstDay",
        "firstSession",
    ] {
        let (ll, lr) = edges(&ltr, name);
        let (rl, rr) = edges(&rtl, name);
        // Left to right it starts at the left, right to left at the right.
        assert!(ll < width / 4.0, "{name}: ltr {ll}..{lr} of {width}");
        assert!(rr > width * 3.0 / 4.0, "{name}: rtl {rl}..{rr} of {width}");
        // Mirrored, to a pixel or two of rounding.
        assert!(
            (rr - (width - ll)).abs() <= 2.0
                && (rl - (width - lr)).abs() <= 2.0,
            "{name}: ltr {ll}..{lr}, rtl {rl}..{rr}, not mirrored in {width}"
        );
    }
}
