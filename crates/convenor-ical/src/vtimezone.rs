//! `VTIMEZONE` components generated from the IANA database (RFC 5545
//! §3.6.5).
//!
//! Every TZID a file uses needs a VTIMEZONE (RFC 5545 §3.2.19), and some
//! clients (Mozilla's ical.js) compute offsets from it rather than from
//! their own tz database. So the component must give exactly the IANA
//! offset at every instant the file may use.
//!
//! The transitions come from the zone's own database
//! ([`convenor_core::Zone::transitions`]), the same data that places every
//! session. Each transition becomes an onset of a `STANDARD` or `DAYLIGHT`
//! observance. Onsets that follow a yearly rule (same month, weekday and
//! local time, such as "second Sunday of March at 02:00") in consecutive
//! years become one `RRULE`, checked against every actual transition of
//! the span; the rest are listed as `RDATE`s. A rule that stops inside
//! the span (Mexico City dropped DST in 2022) gets an `UNTIL`; a rule that
//! holds to the end of the span is left open, so the file keeps working
//! after it for as long as the zone keeps its rules.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday,
};
use convenor_core::{Zone, ZoneOffset};

use crate::wire::ContentWriter;

/// How far before the span to look for the transition that set the offset
/// in force at its start, so the first observance can start there.
const LOOKBACK: i64 = 400 * 86_400;

/// 0001-01-01T00:00:00Z, so DATE-TIMEs keep four-digit years.
const MIN_SECS: i64 = -62_135_596_800;

/// 2099-12-31T23:59:59Z: the last instant written out; a yearly rule
/// still in force then is left open, so it goes on after.
const MAX_SECS: i64 = 4_102_444_799;

/// A run of yearly onsets needs this many years to become an `RRULE`;
/// shorter runs are clearer as `RDATE`s.
const MIN_RULE_YEARS: usize = 3;

/// Returns a `VTIMEZONE` component for `tz` that is exact for every
/// instant in `[from, to]`, as CRLF-terminated, folded lines.
///
/// The first observance starts on or before `from`. Instants after 2099
/// are clamped to 2099-12-31 (yearly rules still in force then are left
/// open); for an open-ended series, pass that as `to`. If `to` is before `from`, the
/// span is just `from`. The output depends only on the arguments.
#[cfg(test)]
pub fn vtimezone(tz: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let mut w = ContentWriter::new();
    write_vtimezone(&mut w, tz, from, to);
    w.into_string()
}

/// Writes the component that [`vtimezone`] returns to `w`.
pub fn write_vtimezone(
    w: &mut ContentWriter,
    tz: Zone,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) {
    let from = from.timestamp().clamp(MIN_SECS, MAX_SECS);
    let to = to.timestamp().clamp(from, MAX_SECS);
    let lo = from.saturating_sub(LOOKBACK).max(MIN_SECS);
    let mut found = transitions(tz, lo, to);
    let mut blocks = Vec::new();
    match found.iter().rposition(|t| t.at <= from) {
        // The last transition at or before `from` sets its offset.
        Some(i) => drop(found.drain(..i)),
        None => blocks.push(fixed_block(tz, from)),
    }
    let mut groups: BTreeMap<Key, Vec<Onset>> = BTreeMap::new();
    for t in &found {
        let key = Key {
            daylight: is_daylight(&t.after),
            from: seconds(&t.before),
            to: seconds(&t.after),
            name: tzname(&t.after),
        };
        let local = utc(t.at).naive_utc() + Duration::seconds(key.from.into());
        groups.entry(key).or_default().push(Onset { at: t.at, local });
    }
    for (key, onsets) in groups {
        group_blocks(key, &onsets, to, &mut blocks);
    }
    blocks.sort_by_key(|b| b.first_at);

    w.begin("VTIMEZONE");
    w.text("TZID", &[], tz.name());
    for b in &blocks {
        let kind = if b.key.daylight { "DAYLIGHT" } else { "STANDARD" };
        w.begin(kind);
        w.property("DTSTART", &[], &local_text(b.dtstart));
        if let Some(rule) = &b.rrule {
            w.property("RRULE", &[], rule);
        }
        // ical.js reads only the first value of each RDATE and skips
        // DTSTART when there are RDATEs: one RDATE per onset, all of them.
        for &d in &b.rdates {
            w.property("RDATE", &[], &local_text(d));
        }
        w.property("TZOFFSETFROM", &[], &offset_text(b.key.from));
        w.property("TZOFFSETTO", &[], &offset_text(b.key.to));
        if let Some(name) = &b.key.name {
            w.text("TZNAME", &[], name);
        }
        w.end(kind);
    }
    w.end("VTIMEZONE");
}

/// A change of offset or name: `after` applies from `at` (Unix seconds).
#[derive(Debug, Clone, Copy)]
struct Transition {
    at: i64,
    before: ZoneOffset,
    after: ZoneOffset,
}

/// What makes observances the same: kind, TZOFFSETFROM, TZOFFSETTO and
/// TZNAME (RFC 5545 §3.6.5).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    daylight: bool,
    from: i32,
    to: i32,
    name: Option<String>,
}

/// One onset: its instant and its local time in the offset before it,
/// which is how DTSTART, RDATE and RRULE express it (RFC 5545 §3.6.5).
#[derive(Debug, Clone, Copy)]
struct Onset {
    at: i64,
    local: NaiveDateTime,
}

/// One `STANDARD` or `DAYLIGHT` sub-component.
#[derive(Debug)]
struct Block {
    key: Key,
    first_at: i64,
    dtstart: NaiveDateTime,
    rrule: Option<String>,
    /// Every onset including DTSTART's, or none.
    rdates: Vec<NaiveDateTime>,
}

/// The day of the month that a yearly rule picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Day {
    /// The weekday on or after this day of the month (1..=22), such as
    /// 8 for "second Sunday" or 2 for Chile's "Sun>=2".
    OnOrAfter(u32),
    /// The last such weekday of the month.
    Last,
}

/// Every transition in `(lo, hi]`, exact to the second.
fn transitions(tz: Zone, lo: i64, hi: i64) -> Vec<Transition> {
    tz.transitions(lo, hi)
        .into_iter()
        .map(|(at, before, after)| Transition { at, before, after })
        .collect()
}

/// The only observance of a span without an earlier transition: the
/// offset in force at `from`, from `from` on.
fn fixed_block(tz: Zone, from: i64) -> Block {
    let offset = tz.offset_at(from);
    let secs = seconds(&offset);
    Block {
        key: Key {
            daylight: is_daylight(&offset),
            from: secs,
            to: secs,
            name: tzname(&offset),
        },
        first_at: from,
        dtstart: utc(from).naive_utc() + Duration::seconds(secs.into()),
        rrule: None,
        rdates: Vec::new(),
    }
}

/// Splits one group's onsets into yearly rules and an RDATE list.
fn group_blocks(key: Key, onsets: &[Onset], hi: i64, out: &mut Vec<Block>) {
    let mut rest = Vec::new();
    let mut i = 0;
    while i < onsets.len() {
        let (end, days) = rule_run(onsets, i);
        if end - i < MIN_RULE_YEARS {
            rest.extend_from_slice(&onsets[i..end]);
            i = end;
            continue;
        }
        let (first, last) = (onsets[i], onsets[end - 1]);
        let day = preferred(&days);
        let mut rule = format!(
            "FREQ=YEARLY;BYMONTH={};{}",
            first.local.month(),
            byday(day, first.local.weekday())
        );
        // Leave the rule open only if it predicts nothing wrong inside
        // the span: it covers the group's last onset, and its next one
        // is past the span. Otherwise stop it (UNTIL is in UTC, §3.3.10).
        let next = next_onset(last.local, day).map(|l| instant(l, key.from));
        if end < onsets.len() || next.is_none_or(|n| n <= hi) {
            let until = utc(last.at).format("%Y%m%dT%H%M%SZ");
            rule.push_str(&format!(";UNTIL={until}"));
        }
        out.push(Block {
            key: key.clone(),
            first_at: first.at,
            dtstart: first.local,
            rrule: Some(rule),
            rdates: Vec::new(),
        });
        i = end;
    }
    if let Some(first) = rest.first() {
        out.push(Block {
            key,
            first_at: first.at,
            dtstart: first.local,
            rrule: None,
            rdates: rest.iter().map(|o| o.local).collect(),
        });
    }
}

/// The longest run of onsets from `start` in consecutive years with the
/// same month, weekday and local time and a common [`Day`]; returns its
/// end (exclusive) and the days all its onsets satisfy.
fn rule_run(onsets: &[Onset], start: usize) -> (usize, Vec<Day>) {
    let first = onsets[start].local;
    let mut days = candidates(first.date());
    let mut end = start + 1;
    while let Some(o) = onsets.get(end) {
        let prev = onsets[end - 1].local;
        let l = o.local;
        if l.year() != prev.year() + 1
            || l.month() != first.month()
            || l.weekday() != first.weekday()
            || l.time() != first.time()
        {
            break;
        }
        let here = candidates(l.date());
        let common: Vec<Day> =
            days.iter().copied().filter(|d| here.contains(d)).collect();
        if common.is_empty() {
            break;
        }
        days = common;
        end += 1;
    }
    (end, days)
}

/// Every [`Day`] that picks `date` in its month.
fn candidates(date: NaiveDate) -> Vec<Day> {
    let day = date.day();
    let mut out: Vec<Day> = (day.saturating_sub(6).max(1)..=day.min(22))
        .map(Day::OnOrAfter)
        .collect();
    if day + 7 > days_in_month(date.year(), date.month()) {
        out.push(Day::Last);
    }
    out
}

/// The simplest day to write: "nth weekday", then "last", then "on or
/// after".
fn preferred(days: &[Day]) -> Day {
    let nth = |d: &&Day| matches!(d, Day::OnOrAfter(n) if n % 7 == 1);
    days.iter()
        .find(nth)
        .or_else(|| days.iter().find(|d| **d == Day::Last))
        .or_else(|| days.first())
        .copied()
        .expect("a rule run always has a common day")
}

/// The BYDAY (and BYMONTHDAY) parts for `day` (RFC 5545 §3.3.10).
fn byday(day: Day, weekday: Weekday) -> String {
    let wd = &weekday.to_string().to_uppercase()[..2];
    match day {
        Day::OnOrAfter(n) if n % 7 == 1 => format!("BYDAY={}{wd}", n / 7 + 1),
        Day::Last => format!("BYDAY=-1{wd}"),
        Day::OnOrAfter(n) => {
            let days: Vec<String> =
                (n..n + 7).map(|d| d.to_string()).collect();
            format!("BYDAY={wd};BYMONTHDAY={}", days.join(","))
        }
    }
}

/// The rule's onset in the year after `local`.
fn next_onset(local: NaiveDateTime, day: Day) -> Option<NaiveDateTime> {
    let (year, month) = (local.year() + 1, local.month());
    let weekday = local.weekday();
    let date = match day {
        Day::OnOrAfter(n) => {
            let d = NaiveDate::from_ymd_opt(year, month, n)?;
            let ahead = (7 + weekday.num_days_from_monday()
                - d.weekday().num_days_from_monday())
                % 7;
            d + Duration::days(ahead.into())
        }
        Day::Last => {
            let last = days_in_month(year, month);
            let d = NaiveDate::from_ymd_opt(year, month, last)?;
            let back = (7 + d.weekday().num_days_from_monday()
                - weekday.num_days_from_monday())
                % 7;
            d - Duration::days(back.into())
        }
    };
    Some(date.and_time(local.time()))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map_or(31, |d| d.day())
}

/// `at` is always clamped to [`MIN_SECS`, `MAX_SECS`], well inside
/// chrono's range.
fn utc(at: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(at, 0).expect("clamped to years 1..=2099")
}

/// The instant of a local time in a fixed offset.
fn instant(local: NaiveDateTime, offset: i32) -> i64 {
    local.and_utc().timestamp() - i64::from(offset)
}

fn seconds(offset: &ZoneOffset) -> i32 {
    offset.seconds()
}

/// As the database marks it.
fn is_daylight(offset: &ZoneOffset) -> bool {
    offset.is_dst()
}

/// The abbreviation as TZNAME; none where the database has only a
/// number (`-03`), which says no more than TZOFFSETTO.
fn tzname(offset: &ZoneOffset) -> Option<String> {
    let name = offset.abbreviation();
    (!name.starts_with(['+', '-'])).then(|| name.to_string())
}

/// A local DATE-TIME (RFC 5545 §3.3.5, form #1 as VTIMEZONE requires).
fn local_text(local: NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

/// A UTC-OFFSET: `±HHMM`, or `±HHMMSS` with seconds (RFC 5545 §3.3.14,
/// where `-0000` is not allowed).
fn offset_text(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let s = secs.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

#[cfg(test)]
mod tests;

/// The examples of the items above, as unit tests: the module is
/// private to the crate, so they cannot be doc tests.
#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn vtimezone_example() -> Result<(), convenor_core::UnknownZone> {
        use chrono::{TimeZone, Utc};

        let from = Utc.with_ymd_and_hms(2025, 1, 4, 17, 30, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2099, 12, 31, 23, 59, 59).unwrap();
        let text = vtimezone("America/Los_Angeles".parse()?, from, to);
        assert_eq!(
            text,
            "BEGIN:VTIMEZONE\r\n\
             TZID:America/Los_Angeles\r\n\
             BEGIN:STANDARD\r\n\
             DTSTART:20241103T020000\r\n\
             RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n\
             TZOFFSETFROM:-0700\r\n\
             TZOFFSETTO:-0800\r\n\
             TZNAME:PST\r\n\
             END:STANDARD\r\n\
             BEGIN:DAYLIGHT\r\n\
             DTSTART:20250309T020000\r\n\
             RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n\
             TZOFFSETFROM:-0800\r\n\
             TZOFFSETTO:-0700\r\n\
             TZNAME:PDT\r\n\
             END:DAYLIGHT\r\n\
             END:VTIMEZONE\r\n",
        );
        Ok(())
    }

    #[test]
    fn write_vtimezone_example() -> Result<(), convenor_core::UnknownZone> {
        use chrono::{TimeZone, Utc};

        let at = Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap();
        let mut w = ContentWriter::new();
        write_vtimezone(&mut w, "Asia/Kolkata".parse()?, at, at);
        assert_eq!(
            w.as_str(),
            "BEGIN:VTIMEZONE\r\n\
             TZID:Asia/Kolkata\r\n\
             BEGIN:STANDARD\r\n\
             DTSTART:20250601T053000\r\n\
             TZOFFSETFROM:+0530\r\n\
             TZOFFSETTO:+0530\r\n\
             TZNAME:IST\r\n\
             END:STANDARD\r\n\
             END:VTIMEZONE\r\n",
        );
        Ok(())
    }
}
