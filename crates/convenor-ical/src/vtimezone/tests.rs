//! The generated VTIMEZONE, read back by a small evaluator written here
//! from RFC 5545 §3.6.5, must give the zone's own offset (from the tz database) at every
//! instant.

use super::*;
use crate::wire::unfold;
use chrono::TimeZone;
use convenor_core::Tzdata;

use proptest::prelude::*;

const ZONES: &[&str] = &[
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "America/Santiago",
    "Europe/London",
    "Europe/Moscow",
    "Africa/Cairo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Asia/Tehran",
    "UTC",
];

/// One observance as a client sees it: its onsets and TZOFFSETTO.
#[derive(Debug)]
struct Observance {
    /// Onset instants, Unix seconds.
    onsets: Vec<i64>,
    to: i32,
}

/// How a client reads an observance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// As RFC 5545 §3.6.5 says.
    Rfc,
    /// As ical.js 2.2 does (`Timezone._expandComponent`): with an RDATE,
    /// DTSTART is not an onset; only an RDATE's first value counts; the
    /// seconds of an offset are ignored.
    IcalJs,
}

/// Reads a VTIMEZONE the way a client does.
fn parse(text: &str, reader: Reader) -> Vec<Observance> {
    let logical = unfold(text);
    let mut out = Vec::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut inside = false;
    for line in logical.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').expect("name:value");
        match (name, value) {
            ("BEGIN", "STANDARD" | "DAYLIGHT") => {
                inside = true;
                fields.clear();
            }
            ("END", "STANDARD" | "DAYLIGHT") => {
                inside = false;
                out.push(observance(&fields, reader));
            }
            _ if inside => fields.push((name.into(), value.into())),
            _ => {}
        }
    }
    out
}

fn values<'a>(
    fields: &'a [(String, String)],
    name: &'static str,
) -> impl Iterator<Item = &'a str> {
    fields.iter().filter(move |(k, _)| k == name).map(|(_, v)| v.as_str())
}

fn observance(fields: &[(String, String)], reader: Reader) -> Observance {
    let one = |n: &'static str| -> &str {
        values(fields, n).next().unwrap_or_else(|| panic!("no {n}"))
    };
    let offset = |n| {
        let secs = parse_offset(one(n));
        match reader {
            Reader::Rfc => secs,
            Reader::IcalJs => secs - secs % 60,
        }
    };
    let (from, to) = (offset("TZOFFSETFROM"), offset("TZOFFSETTO"));
    let dtstart = parse_local(one("DTSTART"));
    let mut locals = Vec::new();
    let has_rdate = values(fields, "RDATE").next().is_some();
    if reader == Reader::Rfc || !has_rdate {
        locals.push(dtstart);
    }
    for list in values(fields, "RDATE") {
        match reader {
            Reader::Rfc => locals.extend(list.split(',').map(parse_local)),
            Reader::IcalJs => {
                locals.extend(list.split(',').next().map(parse_local))
            }
        }
    }
    let mut onsets: Vec<i64> = locals
        .iter()
        .map(|l| l.and_utc().timestamp() - i64::from(from))
        .collect();
    for rule in values(fields, "RRULE") {
        onsets.extend(expand(rule, dtstart, from));
    }
    onsets.sort();
    Observance { onsets, to }
}

/// Expands the yearly rules we write, independently of the writer:
/// for every year, all days of BYMONTH that match BYDAY and BYMONTHDAY.
fn expand(rule: &str, dtstart: NaiveDateTime, from: i32) -> Vec<i64> {
    let mut month = None;
    let mut byday = None;
    let mut monthdays: Option<Vec<u32>> = None;
    let mut until = i64::MAX;
    for part in rule.split(';') {
        let (k, v) = part.split_once('=').unwrap();
        match k {
            "FREQ" => assert_eq!(v, "YEARLY"),
            "BYMONTH" => month = Some(v.parse::<u32>().unwrap()),
            "BYDAY" => byday = Some(v.to_owned()),
            "BYMONTHDAY" => {
                monthdays =
                    Some(v.split(',').map(|d| d.parse().unwrap()).collect())
            }
            "UNTIL" => {
                let t = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%SZ")
                    .unwrap();
                until = t.and_utc().timestamp();
            }
            _ => panic!("unexpected rule part {part}"),
        }
    }
    let month = month.unwrap();
    let byday = byday.unwrap();
    let (nth, wd) = byday.split_at(byday.len() - 2);
    let weekday: Weekday = match wd {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => panic!("bad BYDAY {byday}"),
    };
    let nth: Option<i32> = (!nth.is_empty()).then(|| nth.parse().unwrap());
    let start = dtstart.and_utc().timestamp() - i64::from(from);
    let mut out = Vec::new();
    for year in dtstart.year()..=2100 {
        let days: Vec<NaiveDate> = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
            .filter(|d| d.weekday() == weekday)
            .collect();
        for (i, d) in days.iter().enumerate() {
            let pos = i as i32 + 1;
            let neg = pos - days.len() as i32 - 1;
            if nth.is_some_and(|n| n != pos && n != neg) {
                continue;
            }
            if monthdays.as_ref().is_some_and(|m| !m.contains(&d.day())) {
                continue;
            }
            let t = d.and_time(dtstart.time()).and_utc().timestamp()
                - i64::from(from);
            if t >= start && t <= until {
                out.push(t);
            }
        }
    }
    out
}

fn parse_offset(s: &str) -> i32 {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let n = |r: std::ops::Range<usize>| s[r].parse::<i32>().unwrap();
    let secs = if s.len() == 7 { n(5..7) } else { 0 };
    sign * (n(1..3) * 3600 + n(3..5) * 60 + secs)
}

fn parse_local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y%m%dT%H%M%S").unwrap()
}

/// The offset the VTIMEZONE gives at `t`: TZOFFSETTO of the latest onset
/// at or before `t`.
fn evaluate(obs: &[Observance], t: i64) -> Option<i32> {
    obs.iter()
        .filter_map(|o| {
            let i = o.onsets.partition_point(|&x| x <= t);
            i.checked_sub(1).map(|i| (o.onsets[i], o.to))
        })
        .max_by_key(|&(at, _)| at)
        .map(|(_, to)| to)
}

fn secs(y: i32, m: u32, d: u32) -> i64 {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap().timestamp()
}

fn iana(tz: Zone, t: i64) -> i32 {
    seconds(&tz.offset_at(t))
}

/// Transitions found by a plain hourly scan, independent of the writer's
/// search: the first second of each new offset.
fn scan(tz: Zone, lo: i64, hi: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut t = lo;
    while t < hi {
        let next = (t + 3600).min(hi);
        if iana(tz, next) != iana(tz, t) {
            let mut s = t;
            while iana(tz, s + 1) == iana(tz, t) {
                s += 1;
            }
            out.push(s + 1);
        }
        t = next;
    }
    out
}

/// Checks the VTIMEZONE against IANA at `from`, `to`, every `step`
/// seconds, and one second either side of every transition.
fn check(tz: Zone, from: i64, to: i64, step: i64) -> Vec<Observance> {
    let text = vtimezone(tz, utc(from), utc(to));
    let obs = parse(&text, Reader::Rfc);
    let icaljs = parse(&text, Reader::IcalJs);
    let mut points: Vec<i64> = (from..=to).step_by(step as usize).collect();
    points.push(to);
    for t in scan(tz, from, to) {
        points.extend([t - 1, t, t + 1]);
    }
    for t in points.into_iter().filter(|t| (from..=to).contains(t)) {
        assert_eq!(
            evaluate(&obs, t),
            Some(iana(tz, t)),
            "{} at {}\n{text}",
            tz.name(),
            utc(t),
        );
        assert_eq!(
            evaluate(&icaljs, t),
            Some(iana(tz, t)),
            "ical.js: {} at {}\n{text}",
            tz.name(),
            utc(t),
        );
    }
    obs
}

#[test]
fn every_zone_is_exact_2015_to_2030() {
    for tz in ZONES.iter().map(|n| n.parse::<Zone>().unwrap()) {
        check(tz, secs(2015, 1, 1), secs(2030, 12, 31), 86_400 + 3_607);
    }
}

#[test]
fn every_zone_is_exact_open_ended() {
    for tz in ZONES.iter().map(|n| n.parse::<Zone>().unwrap()) {
        check(tz, secs(2024, 7, 15) + 12_345, MAX_SECS, 7 * 86_400 + 77);
    }
}

#[test]
fn rule_changes_inside_the_span_are_exact() {
    // Mexico City dropped DST in 2022; Moscow went to permanent +04 in
    // 2011 and back to +03 in 2014; Cairo stopped DST in 2015 and
    // restarted it in 2023; Sao Paulo stopped in 2019.
    for (tz, y0, y1) in [
        ("America/Mexico_City".parse::<Zone>().unwrap(), 2018, 2026),
        ("Europe/Moscow".parse::<Zone>().unwrap(), 2009, 2016),
        ("Africa/Cairo".parse::<Zone>().unwrap(), 2009, 2026),
        ("America/Sao_Paulo".parse::<Zone>().unwrap(), 2012, 2022),
        ("America/Santiago".parse::<Zone>().unwrap(), 2010, 2026),
    ] {
        check(tz, secs(y0, 6, 1), secs(y1, 1, 1), 3 * 3600 + 11);
    }
}

#[test]
fn stopped_rules_get_until() {
    let text = vtimezone(
        "America/Mexico_City".parse::<Zone>().unwrap(),
        utc(secs(2015, 1, 1)),
        utc(secs(2030, 1, 1)),
    );
    let rules: Vec<&str> =
        text.lines().filter(|l| l.starts_with("RRULE:")).collect();
    assert!(!rules.is_empty(), "{text}");
    assert!(rules.iter().all(|r| r.contains(";UNTIL=2022")), "{text}");
}

#[test]
fn us_rules_are_two_open_rrules() {
    let text = vtimezone(
        "America/New_York".parse::<Zone>().unwrap(),
        utc(secs(2015, 1, 1)),
        utc(MAX_SECS),
    );
    assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"));
    assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"));
    assert!(!text.contains("RDATE"), "{text}");
}

#[test]
fn lord_howe_half_hour_dst() {
    let text = vtimezone(
        "Australia/Lord_Howe".parse::<Zone>().unwrap(),
        utc(secs(2025, 1, 1)),
        utc(secs(2026, 1, 1)),
    );
    assert!(text.contains("TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030\r\n"));
}

#[test]
fn no_transition_gives_one_fixed_standard() {
    let text =
        vtimezone(Zone::utc(), utc(secs(2025, 1, 1)), utc(secs(2030, 1, 1)));
    assert_eq!(
        text,
        "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\n\
         DTSTART:20250101T000000\r\nTZOFFSETFROM:+0000\r\n\
         TZOFFSETTO:+0000\r\nTZNAME:UTC\r\nEND:STANDARD\r\n\
         END:VTIMEZONE\r\n"
    );
}

#[test]
fn first_observance_starts_at_or_before_from() {
    for tz in ZONES.iter().map(|n| n.parse::<Zone>().unwrap()) {
        let from = secs(2025, 8, 1) + 1;
        let text = vtimezone(tz, utc(from), utc(secs(2026, 1, 1)));
        let obs = parse(&text, Reader::IcalJs);
        let first = obs.iter().map(|o| o.onsets[0]).min().unwrap();
        assert!(first <= from, "{}", tz.name());
    }
}

#[test]
fn extreme_and_reversed_spans_do_not_panic() {
    let tz = "Europe/London".parse::<Zone>().unwrap();
    let text =
        vtimezone(tz, DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC);
    assert!(text.starts_with("BEGIN:VTIMEZONE\r\n"));
    let text = vtimezone(tz, utc(secs(2030, 1, 1)), utc(secs(2020, 1, 1)));
    let obs = parse(&text, Reader::Rfc);
    assert_eq!(evaluate(&obs, secs(2030, 1, 1)), Some(0));
}

#[test]
fn offsets_with_seconds() {
    assert_eq!(offset_text(0), "+0000");
    assert_eq!(offset_text(-(3600 * 3 + 1800)), "-0330");
    assert_eq!(offset_text(-(44 * 60 + 30)), "-004430");
    assert_eq!(offset_text(5 * 3600 + 45 * 60), "+0545");
}

#[test]
fn output_is_deterministic_and_well_formed() {
    for tz in ZONES.iter().map(|n| n.parse::<Zone>().unwrap()) {
        let (a, b) = (utc(secs(2015, 1, 1)), utc(secs(2030, 12, 31)));
        let text = vtimezone(tz, a, b);
        assert_eq!(text, vtimezone(tz, a, b));
        assert!(text.ends_with("END:VTIMEZONE\r\n"));
        for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(line.len() <= crate::wire::MAX_LINE_OCTETS, "{line}");
            assert!(!line.contains(['\r', '\n']));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn prop_any_zone_any_span_is_exact(
        zone in 0..Tzdata::bundled().names().len(),
        from in secs(1990, 1, 1)..secs(2090, 1, 1),
        len in 0i64..(8 * 365 * 86_400),
    ) {
        let tz = Tzdata::bundled().zone(Tzdata::bundled().names()[zone]).unwrap();
        check(tz, from, (from + len).min(MAX_SECS), 5 * 86_400 + 1);
    }
}

/// Every zone of the bundled database, 2000 to 2099. Slow in debug
/// builds: `cargo test --release -p convenor-ical -- --ignored`.
#[test]
#[ignore]
fn all_zones_are_exact_2000_to_2099() {
    for name in Tzdata::bundled().names() {
        let tz = Tzdata::bundled().zone(name).unwrap();
        check(tz, secs(2000, 1, 1), MAX_SECS, 3 * 86_400 + 1);
    }
}
