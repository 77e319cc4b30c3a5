//! Import: an iCalendar file (a Google, Outlook, Apple or Nextcloud
//! calendar, or a convenor feed) becomes a schedule whose sessions are
//! the ones the file means.
//!
//! - Each recurring master (`RRULE`, `DTSTART;TZID=`) is a series: a
//!   weekly rule (`FREQ=WEEKLY;BYDAY=XX`, `INTERVAL`) becomes `weekly`,
//!   any other rule `rrule` + `time`; the zone comes from the TZID (IANA
//!   names and links, Windows names through CLDR's table, see
//!   [`windows_zone`]); the length from `DTEND` or `DURATION`; `starts`
//!   from `DTSTART`, `ends` from `UNTIL` or `COUNT`.
//! - `EXDATE` becomes `cancel`, an override (`RECURRENCE-ID`) `move`, or
//!   `cancel` when it says `STATUS:CANCELLED`; `RDATE`s and one-off events
//!   that share a series' UID, name or `RELATED-TO` become `extra`.
//! - A series ended with `UNTIL` and continued by another of the same
//!   name (or `RELATED-TO` it) is one meeting with a `reschedule`.
//! - Then the result is checked against the file: the sessions the
//!   schedule gives are compared, instant by instant, with the sessions
//!   of each series, override and one-off, and whatever differs (a
//!   session between two series, an override written in UTC...) is
//!   corrected with a `cancel` or an `extra`; so the schedule's sessions
//!   are the file's, and a difference that remains is a warning.
//! - What a schedule cannot hold (floating times, all-day events, hourly
//!   rules, `RDATE` periods, attendees...) is left out with an
//!   [`ImportWarning`] naming the line, UID, property and why.
//!
//! ```
//! use convenor_ical::import::{from_str, ImportOptions};
//!
//! let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Circle\r\n\
//! BEGIN:VEVENT\r\nUID:a@example.org\r\nSUMMARY:Tuesday Circle\r\n\
//! DTSTART;TZID=Europe/London:20240102T190000\r\nDURATION:PT90M\r\n\
//! RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10\r\n\
//! EXDATE;TZID=Europe/London:20240116T190000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let imported = from_str(ics, &ImportOptions::new("fallback name"))?;
//! let m = &imported.schedule.meetings()[0];
//! assert_eq!(m.id().as_str(), "tuesday-circle");
//! assert_eq!(m.ends().map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
//! assert_eq!(m.changes().len(), 1); // the cancelled 16 January
//! assert!(imported.warnings.is_empty());
//! # Ok::<(), convenor_ical::Error>(())
//! ```

mod compare;
mod describe;
mod event;
mod names;
mod series;
mod warning;
mod zones;

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use convenor_core::__private::PathPart;
use convenor_core::{
    ChangeSpec, MeetingSpec, Schedule, ScheduleSpec, Status, Window, Zone,
};

use self::compare::{
    difference, nth_date, sessions, validate, Had, Nth, Session, MAX_SPAN,
};
use self::describe::{describe, own_note};
use self::event::{Event, When};
use self::names::{most_common, name_key, unique_id, Ids};
use self::series::{minutes_of, whole_minute, zone_of, RuleSpec, Series};
pub use self::warning::ImportWarning;
use self::warning::Warnings;
pub use self::zones::windows_zone;
use crate::read;
use crate::Error;

/// How to import: [`ImportOptions::new`] with the fallback name, the
/// rest set with `with_*` and read with the getters of the same names.
///
/// ```
/// use convenor_ical::import::ImportOptions;
/// let opts = ImportOptions::new("Our meetings")
///     .with_timezone("Europe/Berlin".parse().unwrap())
///     .with_from(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
/// assert_eq!(opts.name(), "Our meetings");
/// assert_eq!(opts.timezone().map(|z| z.name()), Some("Europe/Berlin"));
/// assert_eq!(opts.from().map(|d| d.to_string()).as_deref(), Some("2024-01-01"));
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ImportOptions {
    name: String,
    timezone: Option<Zone>,
    from: Option<NaiveDate>,
}

impl ImportOptions {
    /// Options with a fallback schedule name.
    pub fn new(name: impl Into<String>) -> ImportOptions {
        ImportOptions { name: name.into(), timezone: None, from: None }
    }

    /// Sets the schedule's zone (and the zone of floating times).
    #[must_use]
    pub fn with_timezone(mut self, zone: Zone) -> ImportOptions {
        self.timezone = Some(zone);
        self
    }

    /// Leaves out what ended before `from`.
    #[must_use]
    pub fn with_from(mut self, from: NaiveDate) -> ImportOptions {
        self.from = Some(from);
        self
    }

    /// The schedule's name when the calendar gives none
    /// (`X-WR-CALNAME`, `NAME`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The schedule's zone, and the zone floating times are read in
    /// (without it they are left out). `None`: the calendar's
    /// `X-WR-TIMEZONE`, else the zone most meetings use.
    pub fn timezone(&self) -> Option<Zone> {
        self.timezone
    }

    /// Meetings whose last session ended before this date are left out,
    /// and so are cancellations, moves and extra sessions before it.
    pub fn from(&self) -> Option<NaiveDate> {
        self.from
    }
}

/// An imported schedule and what it could not keep.
///
/// ```
/// use convenor_ical::import::{from_str, ImportOptions};
/// let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
/// BEGIN:VEVENT\r\nUID:a@example.org\r\nSUMMARY:Tuesday Circle\r\n\
/// DTSTART;TZID=Europe/London:20240102T190000\r\nDURATION:PT90M\r\n\
/// RRULE:FREQ=WEEKLY;BYDAY=TU\r\nATTENDEE:mailto:sam@example.org\r\n\
/// END:VEVENT\r\nEND:VCALENDAR\r\n";
/// let imported = from_str(ics, &ImportOptions::new("Circles"))?;
/// assert_eq!(imported.schedule.name(), "Circles");
/// assert_eq!(imported.schedule.meetings()[0].name(), "Tuesday Circle");
/// assert_eq!(imported.ended_before_from, 0);
/// # Ok::<(), convenor_ical::Error>(())
/// ```
#[derive(Debug)]
pub struct Imported {
    /// The schedule (validated).
    pub schedule: Schedule,
    /// What was left out or assumed, in file order.
    pub warnings: Vec<ImportWarning>,
    /// How many meetings `--from` left out.
    pub ended_before_from: usize,
}

/// Imports a calendar.
///
/// ```
/// use convenor_ical::import::{from_str, ImportOptions};
/// let err = from_str("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n", &ImportOptions::new("x"))
///     .unwrap_err();
/// assert_eq!(err.to_string(), "END:VCALENDAR closes BEGIN:VEVENT of line 2");
/// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((3, 1)));
/// ```
///
/// # Errors
///
/// [`Error::Calendar`] with the line and column for text that cannot be
/// read as iCalendar, a value that does not parse, or a TZID no
/// zone matches (naming the event's UID and the property).
pub fn from_str(text: &str, opts: &ImportOptions) -> Result<Imported, Error> {
    let cal = read::parse(text)?;
    if cal.name != "VCALENDAR" {
        return Err(Error::calendar(
            format!(
                "BEGIN:{} where BEGIN:VCALENDAR was expected",
                read::clip(&cal.name, 40)
            ),
            Some(cal.position()),
        ));
    }
    let mut warnings = Warnings::default();
    let mut events = Vec::new();
    for c in &cal.components {
        match c.name.as_str() {
            "VEVENT" => events.extend(Event::read(c, &mut warnings)?),
            "VTIMEZONE" => {}
            other => warnings.push(
                c.line,
                c.property("UID").map(|p| p.value.as_str()),
                other,
                format!("a {other} is not a meeting; left out"),
            ),
        }
    }
    let mut import = Import {
        convenor_feed: cal
            .property("PRODID")
            .is_some_and(|p| p.value.starts_with("-//convenor//")),
        floating: opts.timezone,
        events: &events,
        warnings,
        series: Vec::new(),
        overrides: Vec::new(),
        overrides_of: HashMap::new(),
        count_budget: MAX_COUNT_WALK,
        oneoffs: Vec::new(),
    };
    import.read_series();
    import.read_overrides_and_oneoffs();
    for (i, o) in import.overrides.iter().enumerate() {
        import.overrides_of.entry(o.series).or_default().push(i);
    }
    let groups = import.groups();
    let mut meetings: Vec<(MeetingSpec, NaiveDate)> = Vec::new();
    for group in &groups {
        if let Some(built) = import.build(group) {
            meetings.push(built);
        }
    }
    let mut ended_before_from = 0;
    if let Some(from) = opts.from {
        meetings.retain(|(_, last)| {
            let keep = *last >= from;
            ended_before_from += usize::from(!keep);
            keep
        });
        for (m, _) in &mut meetings {
            m.changes.retain(|c| change_date(c).is_none_or(|d| d >= from));
        }
    }
    let mut spec = ScheduleSpec {
        name: cal
            .property("X-WR-CALNAME")
            .or_else(|| cal.property("NAME"))
            .map(|p| p.text())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| opts.name.clone()),
        url: cal
            .property("URL")
            .map(|p| p.value.clone())
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        ..ScheduleSpec::default()
    };
    let default_zone = opts
        .timezone
        .map(|z| z.name().to_string())
        .or_else(|| {
            let tz = cal.property("X-WR-TIMEZONE")?;
            zones::resolve(&tz.value).ok().map(|z| z.name().to_string())
        })
        .or_else(|| {
            most_common(
                meetings.iter().filter_map(|(m, _)| m.timezone.clone()),
            )
        });
    let mut ids = Ids::default();
    for (mut m, _) in meetings {
        m.id = unique_id(&m.name, &mut ids);
        if m.timezone == default_zone {
            m.timezone = None;
        }
        spec.meetings.push(m);
    }
    if default_zone.is_none() && !spec.meetings.is_empty() {
        spec.timezone = Some("UTC".into());
    } else {
        spec.timezone = default_zone;
    }
    // The calendar's own name and link are kept when valid, else left
    // out with a warning (a URL with a control character...).
    let head = ScheduleSpec {
        name: spec.name.clone(),
        url: spec.url.clone(),
        ..ScheduleSpec::default()
    };
    if let Err(e) = Schedule::try_from(head) {
        let line =
            |name: &str| cal.property(name).map_or(cal.line, |p| p.line);
        for p in e.problems() {
            match p.path.parts() {
                [PathPart::Key("url")] => {
                    import.warnings.push(
                        line("URL"),
                        None,
                        "URL",
                        format!("{}; left out", p.problem),
                    );
                    spec.url = None;
                }
                [PathPart::Key("name")] => {
                    import.warnings.push(
                        line("X-WR-CALNAME"),
                        None,
                        "X-WR-CALNAME",
                        format!("{}; the file's name is used", p.problem),
                    );
                    spec.name = opts.name.clone();
                }
                _ => {}
            }
        }
    }
    // Each meeting was checked on its own, so this holds but for a
    // fallback name that is not valid either.
    let schedule = Schedule::try_from(spec).map_err(|e| {
        Error::calendar(
            format!("the imported schedule is not valid: {e}"),
            Some(cal.position()),
        )
    })?;
    let mut warnings = import.warnings.0;
    warnings.sort_by_key(|w| w.line);
    Ok(Imported { schedule, warnings, ended_before_from })
}

/// The most sessions an import walks to find where COUNTs end: three
/// times the 2.9 million days to the year 9999 (one such walk takes
/// about 0.45 s in a release build), so that any three daily series
/// end exactly, while a calendar of thousands of huge COUNTs costs
/// bounded time: a series past it is left out with a warning.
const MAX_COUNT_WALK: usize = 10_000_000;

/// An override of a series' session.
#[derive(Clone, Debug)]
struct Override {
    series: usize,
    due: NaiveDate,
    /// The new local start (in the series' zone), its instant and length;
    /// `None` when cancelled.
    to: Option<(NaiveDateTime, DateTime<Utc>, u32)>,
    note: Option<String>,
}

/// A session on its own: a one-off event or an RDATE.
#[derive(Clone, Debug)]
struct OneOff {
    event: usize,
    zone: Zone,
    start: NaiveDateTime,
    instant: DateTime<Utc>,
    minutes: u32,
    note: Option<String>,
    /// Where it belongs: a series' UID (same UID, RELATED-TO, an RDATE).
    of_uid: Option<String>,
}

/// A meeting to be: series in order (each continuing the one before),
/// and sessions on their own.
#[derive(Debug, Default)]
struct Group {
    series: Vec<usize>,
    oneoffs: Vec<OneOff>,
}

struct Import<'e> {
    /// Whether convenor wrote the calendar (its DESCRIPTION lines).
    convenor_feed: bool,
    floating: Option<Zone>,
    events: &'e [Event],
    warnings: Warnings,
    series: Vec<Series>,
    overrides: Vec<Override>,
    /// The overrides of each series, by index in `overrides`, in order:
    /// a group finds its own without a pass over all of them.
    overrides_of: HashMap<usize, Vec<usize>>,
    /// The sessions that COUNTs may still walk ([`MAX_COUNT_WALK`]).
    count_budget: usize,
    oneoffs: Vec<OneOff>,
}

impl Import<'_> {
    /// Every recurring master that a schedule can hold.
    fn read_series(&mut self) {
        for (i, ev) in self.events.iter().enumerate() {
            if ev.rrule.is_none() || ev.recurrence_id.is_some() {
                continue;
            }
            let Some(mut s) =
                Series::of(i, ev, self.floating, &mut self.warnings)
            else {
                continue;
            };
            if let (Some(n), None) = (s.count, s.ends) {
                let line = ev.rrule.as_ref().map_or(ev.line, |r| r.1);
                let uid = Some(ev.uid.as_str());
                match nth_date(&s, n, &mut self.count_budget) {
                    Some(Nth::Date(d)) => s.ends = Some(d),
                    Some(Nth::Beyond) => self.warnings.push(
                        line,
                        uid,
                        "RRULE",
                        format!(
                            "COUNT={n}: the last session is after the year \
                             9998, as far as a schedule goes; the series is \
                             read as open-ended"
                        ),
                    ),
                    Some(Nth::TooFar) | None => {
                        self.warnings.push(
                            line,
                            uid,
                            "RRULE",
                            format!(
                                "COUNT={n}: finding the last session takes \
                                 more than the {MAX_COUNT_WALK} sessions an \
                                 import walks in all; left out"
                            ),
                        );
                        continue;
                    }
                }
            }
            for (when, line) in &ev.rdates {
                let uid = Some(ev.uid.as_str());
                if matches!(when, When::Date(_)) {
                    self.warnings.push(
                        *line,
                        uid,
                        "RDATE",
                        "an all-day RDATE (VALUE=DATE) has no time; left out",
                    );
                    continue;
                }
                let Some(t) = when.local_in(s.zone, self.floating) else {
                    self.warnings.push(*line, uid, "RDATE", "a floating RDATE is left out; give --timezone to read floating times");
                    continue;
                };
                let Some(instant) = when.instant(self.floating) else {
                    continue;
                };
                self.oneoffs.push(OneOff {
                    event: i,
                    zone: s.zone,
                    start: whole_minute(
                        t,
                        *line,
                        uid,
                        "RDATE",
                        &mut self.warnings,
                    ),
                    instant,
                    minutes: s.minutes,
                    note: None,
                    of_uid: Some(ev.uid.clone()),
                });
            }
            self.series.push(s);
        }
    }

    fn read_overrides_and_oneoffs(&mut self) {
        // Found once, so that each override costs a lookup, not a pass
        // over every series and event (a calendar of 20,000 series took
        // seconds).
        let mut series_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, s) in self.series.iter().enumerate() {
            series_of.entry(s.uid.as_str()).or_default().push(k);
        }
        let masters: HashSet<&str> = self
            .events
            .iter()
            .filter(|e| e.rrule.is_some() && e.recurrence_id.is_none())
            .map(|e| e.uid.as_str())
            .collect();
        for (i, ev) in self.events.iter().enumerate() {
            let uid = Some(ev.uid.as_str());
            if let Some((rid, line)) = ev.recurrence_id {
                let candidates: &[usize] =
                    series_of.get(ev.uid.as_str()).map_or(&[], Vec::as_slice);
                if candidates.is_empty() {
                    let skipped = masters.contains(ev.uid.as_str());
                    if skipped {
                        self.warnings.push(line, uid, "RECURRENCE-ID", "this override's series was left out, so it is too");
                        continue;
                    }
                    // No master: a session on its own, as clients show it.
                } else {
                    let due_of = |k: usize| match rid {
                        When::Date(d) => Some(d),
                        _ => rid
                            .local_in(self.series[k].zone, self.floating)
                            .map(|t| t.date()),
                    };
                    // The series whose life holds the date.
                    let k = candidates
                        .iter()
                        .copied()
                        .find(|&k| {
                            due_of(k).is_some_and(|d| {
                                d >= self.series[k].start.date()
                                    && self.series[k]
                                        .ends
                                        .is_none_or(|e| d <= e)
                            })
                        })
                        .unwrap_or(candidates[0]);
                    let Some(due) = due_of(k) else {
                        self.warnings.push(line, uid, "RECURRENCE-ID", "a floating RECURRENCE-ID is left out; give --timezone to read floating times");
                        continue;
                    };
                    let s = &self.series[k];
                    let master = &self.events[s.event];
                    let note = own_note(
                        ev.description.as_deref(),
                        master.description.as_deref(),
                    );
                    if ev.cancelled {
                        self.overrides.push(Override {
                            series: k,
                            due,
                            to: None,
                            note,
                        });
                        continue;
                    }
                    let (start, sline) = ev.start;
                    if zone_of(
                        start,
                        self.floating,
                        sline,
                        uid,
                        "DTSTART",
                        &mut self.warnings,
                    )
                    .is_none()
                    {
                        continue;
                    }
                    let Some(local) = start.local_in(s.zone, self.floating)
                    else {
                        continue;
                    };
                    let Some(instant) = start.instant(self.floating) else {
                        continue;
                    };
                    let minutes = if ev.end.is_none() && ev.duration.is_none()
                    {
                        s.minutes
                    } else {
                        match minutes_of(ev, self.floating, &mut self.warnings)
                        {
                            Some(m) => m,
                            None => continue,
                        }
                    };
                    let local = whole_minute(
                        local,
                        sline,
                        uid,
                        "DTSTART",
                        &mut self.warnings,
                    );
                    self.overrides.push(Override {
                        series: k,
                        due,
                        to: Some((local, instant, minutes)),
                        note,
                    });
                    continue;
                }
            } else if ev.rrule.is_some() {
                continue;
            }
            // A one-off event.
            let (start, line) = ev.start;
            if ev.cancelled {
                self.warnings.push(
                    ev.line,
                    uid,
                    "STATUS",
                    "a cancelled event on its own has no session; left out",
                );
                continue;
            }
            let Some(zone) = zone_of(
                start,
                self.floating,
                line,
                uid,
                "DTSTART",
                &mut self.warnings,
            ) else {
                continue;
            };
            let (Some(local), Some(instant)) = (
                start.local_in(zone, self.floating),
                start.instant(self.floating),
            ) else {
                continue;
            };
            let Some(minutes) =
                minutes_of(ev, self.floating, &mut self.warnings)
            else {
                continue;
            };
            for (_, line) in &ev.rdates {
                self.warnings.push(*line, uid, "RDATE", "RDATE on an event without RRULE is left out; add the sessions as `extra` changes");
            }
            self.oneoffs.push(OneOff {
                event: i,
                zone,
                start: whole_minute(
                    local,
                    line,
                    uid,
                    "DTSTART",
                    &mut self.warnings,
                ),
                instant,
                minutes,
                note: None,
                of_uid: None,
            });
        }
    }

    /// The series chained into meetings, and the one-offs given to them.
    fn groups(&mut self) -> Vec<Group> {
        let mut order: Vec<usize> = (0..self.series.len()).collect();
        order.sort_by_key(|&k| (self.series[k].start, k));
        let mut groups: Vec<Group> = Vec::new();
        // The group of each series, and whether a series was continued.
        let mut group_of: HashMap<usize, usize> = HashMap::new();
        // The series seen so far that ended and were not yet continued,
        // by (zone, their event's UID) and by (zone, name), each ordered
        // by (end, place in `order`): a later series finds the one it
        // continues (the latest end before its start, the last seen of
        // equals) with one range lookup, and a continued series is
        // removed, not skipped in every later search (quadratic: 16,000
        // series of one name ended by UNTIL took 6.4 s).
        type Ended = BTreeSet<(NaiveDate, usize, usize)>;
        let mut seen_by_uid: HashMap<(Zone, &str), Ended> = HashMap::new();
        let mut seen_by_name: HashMap<(Zone, String), Ended> = HashMap::new();
        let mut keys: HashMap<usize, (NaiveDate, usize, String)> =
            HashMap::new();
        for (place, &b) in order.iter().enumerate() {
            let sb = &self.series[b];
            let eb = &self.events[sb.event];
            let name_b = name_key(eb);
            let before = (sb.start.date(), 0, 0);
            let seen = match eb.related_to.as_deref() {
                Some(r) => seen_by_uid.get(&(sb.zone, r)),
                None => seen_by_name.get(&(sb.zone, name_b.clone())),
            };
            let pred = seen
                .and_then(|ended| ended.range(..before).next_back())
                .map(|&(_, _, a)| a);
            if let Some(ends) = sb.ends {
                let key = (ends, place, b);
                seen_by_uid
                    .entry((sb.zone, self.events[sb.event].uid.as_str()))
                    .or_default()
                    .insert(key);
                seen_by_name
                    .entry((sb.zone, name_b.clone()))
                    .or_default()
                    .insert(key);
                keys.insert(b, (ends, place, name_b));
            }
            match pred {
                Some(a) => {
                    let (ends, at, name_a) = keys[&a].clone();
                    let sa = &self.series[a];
                    let uid_a = self.events[sa.event].uid.as_str();
                    if let Some(ended) = seen_by_uid.get_mut(&(sa.zone, uid_a))
                    {
                        ended.remove(&(ends, at, a));
                    }
                    if let Some(ended) =
                        seen_by_name.get_mut(&(sa.zone, name_a))
                    {
                        ended.remove(&(ends, at, a));
                    }
                    let g = group_of[&a];
                    groups[g].series.push(b);
                    group_of.insert(b, g);
                }
                None => {
                    group_of.insert(b, groups.len());
                    groups
                        .push(Group { series: vec![b], oneoffs: Vec::new() });
                }
            }
        }
        let mut first_of: HashMap<&str, usize> = HashMap::new();
        for (k, s) in self.series.iter().enumerate().rev() {
            first_of.insert(s.uid.as_str(), k);
        }
        // The groups of series by their first series' name, and the
        // groups of one-offs alone by (name, zone): found by key, not by a
        // pass over every group per one-off (quadratic: 16,000 one-off
        // events took 14.4 s).
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            if let Some(&k) = g.series.first() {
                let key = name_key(&self.events[self.series[k].event]);
                by_name.entry(key).or_default().push(i);
            }
        }
        let mut alone: HashMap<(String, Zone), usize> = HashMap::new();
        let oneoffs = std::mem::take(&mut self.oneoffs);
        for mut o in oneoffs {
            let ev = &self.events[o.event];
            let by_uid = |uid: &str| {
                first_of.get(uid).and_then(|k| group_of.get(k).copied())
            };
            let found =
                o.of_uid
                    .as_deref()
                    .and_then(by_uid)
                    .or_else(|| by_uid(&ev.uid))
                    .or_else(|| ev.related_to.as_deref().and_then(by_uid))
                    .or_else(|| {
                        // The same name: the group whose life is nearest.
                        by_name.get(&name_key(ev))?.iter().copied().min_by_key(
                            |&i| self.distance(&groups[i], o.instant),
                        )
                    });
            match found {
                Some(g) => {
                    // In the meeting's zone (a one-off may be in UTC).
                    let zone = self.series[groups[g].series[0]].zone;
                    if o.zone != zone {
                        o.start = o.instant.with_timezone(&zone).naive_local();
                        o.zone = zone;
                    }
                    let master =
                        &self.events[self.series[groups[g].series[0]].event];
                    o.note = if o.of_uid.is_some() && ev.rrule.is_some() {
                        None // an RDATE
                    } else {
                        own_note(
                            ev.description.as_deref(),
                            master.description.as_deref(),
                        )
                    };
                    groups[g].oneoffs.push(o);
                }
                None => {
                    // A meeting of its own, with others of its name.
                    match alone.entry((name_key(ev), o.zone)) {
                        Entry::Occupied(g) => groups[*g.get()].oneoffs.push(o),
                        Entry::Vacant(v) => {
                            v.insert(groups.len());
                            groups.push(Group {
                                series: Vec::new(),
                                oneoffs: vec![o],
                            });
                        }
                    }
                }
            }
        }
        groups
    }

    /// The overrides of a group's series, by index, in file order.
    fn overrides_in(&self, group: &Group) -> Vec<usize> {
        let mut found: Vec<usize> = group
            .series
            .iter()
            .filter_map(|k| self.overrides_of.get(k))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found
    }

    /// The overrides of series `k`, in file order.
    fn overrides_of_series(
        &self,
        k: usize,
    ) -> impl Iterator<Item = &Override> {
        self.overrides_of
            .get(&k)
            .into_iter()
            .flatten()
            .map(|&i| &self.overrides[i])
    }

    /// How far `t` is from the life of group `g`, in days.
    fn distance(&self, g: &Group, t: DateTime<Utc>) -> i64 {
        let date = t.date_naive();
        let first = g.series.first().map(|&k| self.series[k].start.date());
        let last = g.series.last().and_then(|&k| self.series[k].ends);
        match (first, last) {
            (Some(f), _) if date < f => (f - date).num_days(),
            (_, Some(l)) if date > l => (date - l).num_days(),
            _ => 0,
        }
    }

    /// The meeting of a group and the date of its last session.
    fn build(&mut self, group: &Group) -> Option<(MeetingSpec, NaiveDate)> {
        let first_event = match group.series.first() {
            Some(&k) => self.series[k].event,
            None => group.oneoffs.first()?.event,
        };
        let ev = &self.events[first_event];
        let uid = ev.uid.clone();
        let mut spec = match group.series.first() {
            Some(&k) => self.series[k].spec(),
            None => {
                let o = &group.oneoffs[0];
                let mut spec = MeetingSpec {
                    timezone: Some(o.zone.name().to_string()),
                    duration: format!("{}m", o.minutes),
                    starts: o.start.date().to_string(),
                    ends: Some(o.start.date().to_string()),
                    ..MeetingSpec::default()
                };
                RuleSpec::Weekly { day: o.start.weekday(), every: 1 }.write(
                    &mut spec.weekly,
                    &mut spec.rrule,
                    &mut spec.time,
                    o.start,
                );
                spec
            }
        };
        describe(&mut spec, ev, self.convenor_feed);
        let zone = match group.series.first() {
            Some(&k) => self.series[k].zone,
            None => group.oneoffs[0].zone,
        };
        // Later series: reschedules.
        for pair in group.series.windows(2) {
            let (a, b) = (&self.series[pair[0]], &self.series[pair[1]]);
            let same_rule =
                a.rule == b.rule && a.start.time() == b.start.time();
            // The old rule, continued, gives b's sessions only when b is
            // in step with it: every week, or every N weeks a multiple of
            // N weeks on. An RRULE's instances can hang on DTSTART (a
            // monthly rule without BYDAY takes its day), so a new RRULE
            // series is always a reschedule.
            let in_step = match b.rule {
                RuleSpec::Weekly { every, .. } => {
                    (b.start.date() - a.start.date()).num_days()
                        % (7 * i64::from(every))
                        == 0
                }
                RuleSpec::RRule(_) => false,
            };
            if same_rule && in_step && a.minutes == b.minutes {
                continue;
            }
            let after =
                a.ends.and_then(|d| d.succ_opt()).unwrap_or(b.start.date());
            // The first session on or after `effective` must be b's first:
            // a weekly cadence restarts at the first matching day on or
            // after it, so up to six days before.
            let effective = match b.rule {
                RuleSpec::Weekly { .. } => {
                    after.max(b.start.date() - Duration::days(6))
                }
                RuleSpec::RRule(_) => b.start.date(),
            }
            .min(b.start.date());
            let mut change = ChangeSpec {
                kind: "reschedule".into(),
                effective: Some(effective.to_string()),
                ..ChangeSpec::default()
            };
            if !(same_rule && in_step) {
                b.rule.write(
                    &mut change.weekly,
                    &mut change.rrule,
                    &mut change.time,
                    b.start,
                );
            }
            if a.minutes != b.minutes {
                change.duration = Some(format!("{}m", b.minutes));
            }
            spec.changes.push(change);
        }
        if let Some(&last) = group.series.last() {
            spec.ends = self.series[last].ends.map(|d| d.to_string());
        }
        let durations: BTreeSet<u32> =
            group.series.iter().map(|&k| self.series[k].minutes).collect();
        let base_minutes = durations
            .first()
            .copied()
            .unwrap_or(group.oneoffs.first().map_or(60, |o| o.minutes));
        let always_duration = durations.len() > 1;
        // One cancel a date (an EXDATE may repeat, or name a date an
        // override cancels too).
        let mut cancelled: BTreeSet<NaiveDate> = BTreeSet::new();
        for &k in &group.series {
            let s = &self.series[k];
            for d in &s.exdates {
                if !cancelled.insert(*d) {
                    continue;
                }
                spec.changes.push(ChangeSpec {
                    kind: "cancel".into(),
                    date: Some(d.to_string()),
                    ..ChangeSpec::default()
                });
            }
        }
        for o in self.overrides_in(group) {
            let o = &self.overrides[o];
            let s = &self.series[o.series];
            match o.to {
                None if !cancelled.insert(o.due) => {}
                None => spec.changes.push(ChangeSpec {
                    kind: "cancel".into(),
                    date: Some(o.due.to_string()),
                    note: o.note.clone(),
                    ..ChangeSpec::default()
                }),
                Some((to, instant, minutes)) => {
                    let original = convenor_core::resolve_local(
                        s.zone,
                        o.due.and_time(s.start.time()),
                    )
                    .0
                    .to_utc();
                    if instant == original && minutes == s.minutes {
                        continue; // a restatement (new text, or exact UTC times)
                    }
                    spec.changes.push(ChangeSpec {
                        kind: "move".into(),
                        date: Some(o.due.to_string()),
                        to: Some(to.format("%Y-%m-%dT%H:%M").to_string()),
                        duration: (minutes != s.minutes || always_duration)
                            .then(|| format!("{minutes}m")),
                        note: o.note.clone(),
                        ..ChangeSpec::default()
                    });
                }
            }
        }
        let spec = self.valid(spec, &uid, ev.line)?;
        // A series alone, without overrides or sessions of its own, is
        // exactly what it says: nothing to compare.
        if let ([k], []) = (group.series.as_slice(), group.oneoffs.as_slice())
        {
            if !self.overrides_of.contains_key(k) {
                return Some((
                    spec,
                    self.series[*k].ends.unwrap_or(NaiveDate::MAX),
                ));
            }
        }
        // What the file means, session by session.
        let mut target: Vec<Session> = Vec::new();
        let window = self.window(group)?;
        if window.to() - window.from() >= MAX_SPAN {
            self.warnings.push(ev.line, Some(&uid), "VEVENT", format!("the sessions are checked against the calendar's for the {} years from {}, not before", MAX_SPAN.num_days() / 365, window.from().date_naive()));
        }
        for &k in &group.series {
            let s = &self.series[k];
            let mut alone = s.spec();
            alone.id = "series".into();
            alone.name = "series".into();
            let overridden = self.overrides_of_series(k).map(|o| o.due);
            let dates: BTreeSet<NaiveDate> =
                s.exdates.iter().copied().chain(overridden).collect();
            for d in dates {
                alone.changes.push(ChangeSpec {
                    kind: "cancel".into(),
                    date: Some(d.to_string()),
                    ..ChangeSpec::default()
                });
            }
            let alone = self.valid_quietly(alone)?;
            target.extend(
                sessions(&alone, window)
                    .into_iter()
                    .filter(|o| o.2 != Status::Cancelled)
                    .map(|(start, end, ..)| Session {
                        start,
                        end,
                        note: None,
                    }),
            );
            for o in self.overrides_of_series(k) {
                if let Some((_, instant, minutes)) = o.to {
                    target.push(Session {
                        start: instant,
                        end: instant + Duration::minutes(minutes.into()),
                        note: o.note.clone(),
                    });
                }
            }
        }
        for o in &group.oneoffs {
            target.push(Session {
                start: o.instant,
                end: o.instant + Duration::minutes(o.minutes.into()),
                note: o.note.clone(),
            });
        }
        target.retain(|s| window.contains(s.start));
        target.sort();
        let spec = self.reconcile(
            spec,
            &target,
            window,
            zone,
            base_minutes,
            always_duration,
            &uid,
            ev.line,
        )?;
        let last = target.last().map_or(NaiveDate::MAX, |s| {
            if group
                .series
                .last()
                .is_some_and(|&k| self.series[k].ends.is_none())
            {
                NaiveDate::MAX
            } else {
                s.end.with_timezone(&zone).date_naive()
            }
        });
        Some((spec, last))
    }

    /// The span to compare sessions over: the whole life of a group that
    /// ends; for an open-ended one, three years past the last thing that
    /// differs from its rule (after that, schedule and file follow the
    /// same rule). At most [`MAX_SPAN`], the latest part: the years
    /// nearest the calendar's last change are the ones people meet in.
    fn window(&self, group: &Group) -> Option<Window> {
        let mut dates: Vec<NaiveDate> = Vec::new();
        for &k in &group.series {
            let s = &self.series[k];
            dates.push(s.start.date());
            dates.extend(s.ends);
            dates.extend(s.exdates.iter().copied());
        }
        for o in self.overrides_in(group) {
            let o = &self.overrides[o];
            dates.push(o.due);
            dates.extend(o.to.map(|t| t.1.date_naive()));
        }
        dates.extend(group.oneoffs.iter().map(|o| o.instant.date_naive()));
        let first = *dates.iter().min()?;
        let last = *dates.iter().max()?;
        let open = group
            .series
            .last()
            .is_some_and(|&k| self.series[k].ends.is_none());
        let to = if open {
            last + Duration::days(3 * 366)
        } else {
            last + Duration::days(3)
        };
        let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
        let from = (first - Duration::days(2)).max(to - MAX_SPAN);
        Window::new(at(from)?, at(to)?).ok()
    }

    /// `spec` valid on its own: changes that cannot apply (a cancelled
    /// date with no session...) are left out with a warning naming them;
    /// a meeting that stays invalid is left out with one.
    fn valid(
        &mut self,
        mut spec: MeetingSpec,
        uid: &str,
        line: usize,
    ) -> Option<MeetingSpec> {
        for _ in 0..=spec.changes.len() + 4 {
            let err = match validate(&spec) {
                Ok(_) => return Some(spec),
                Err(e) => e,
            };
            let mut bad: BTreeSet<usize> = BTreeSet::new();
            let mut fields: BTreeSet<&'static str> = BTreeSet::new();
            for p in err.problems() {
                match p.path.parts() {
                    [_, _, PathPart::Key("changes"), PathPart::Index(i), ..] =>
                    {
                        bad.insert(*i);
                    }
                    [_, _, PathPart::Key(
                        f @ ("url" | "online" | "address" | "venue" | "notes"
                        | "tags"),
                    ), ..] => {
                        fields.insert(f);
                    }
                    _ => {}
                }
                let what = match p.path.parts() {
                    [_, _, PathPart::Key("changes"), PathPart::Index(i), ..] => {
                        spec.changes
                            .get(*i)
                            .map(describe_change)
                            .unwrap_or_default()
                    }
                    _ => String::new(),
                };
                let message = format!("{what}{}; left out", p.problem);
                self.warnings.push(line, Some(uid), "VEVENT", message);
            }
            if bad.is_empty() && fields.is_empty() {
                self.warnings.push(
                    line,
                    Some(uid),
                    "VEVENT",
                    format!("the meeting is left out: {err}"),
                );
                return None;
            }
            for f in fields {
                match f {
                    "url" => spec.url = None,
                    "online" => spec.online = None,
                    "address" => spec.address = None,
                    "venue" => spec.venue = None,
                    "notes" => spec.notes = None,
                    _ => spec.tags.clear(),
                }
            }
            for i in bad.into_iter().rev() {
                spec.changes.remove(i);
            }
        }
        None
    }

    /// As [`Import::valid`], for a series checked on its own: a cancel
    /// that names no session is dropped without a word (clients ignore an
    /// EXDATE that matches nothing).
    fn valid_quietly(&mut self, spec: MeetingSpec) -> Option<MeetingSpec> {
        let before = self.warnings.0.len();
        let out = self.valid(spec, "", 0);
        self.warnings.0.truncate(before);
        out
    }

    /// Makes the schedule's sessions of `spec` in `window` equal `target`:
    /// a session the file does not have is cancelled (or its move or
    /// extra undone), a session it has that the schedule lacks is added
    /// as an extra.
    #[allow(clippy::too_many_arguments)]
    fn reconcile(
        &mut self,
        mut spec: MeetingSpec,
        target: &[Session],
        window: Window,
        zone: Zone,
        base_minutes: u32,
        always_duration: bool,
        uid: &str,
        line: usize,
    ) -> Option<MeetingSpec> {
        for _ in 0..3 {
            let mut have: Vec<Had> = sessions(&spec, window);
            have.retain(|o| o.2 != Status::Cancelled);
            have.sort();
            let (surplus, missing) = difference(&have, target);
            if surplus.is_empty() && missing.is_empty() {
                return Some(spec);
            }
            // Extras to undo and moves to make cancels, gathered first so
            // that the changes are passed over once, not once for each.
            let mut extras: HashSet<String> = HashSet::new();
            let mut moves: HashSet<String> = HashSet::new();
            for (start, _, status, due) in surplus {
                match status {
                    Status::Extra => {
                        extras.insert(
                            start
                                .with_timezone(&zone)
                                .naive_local()
                                .format("%Y-%m-%dT%H:%M")
                                .to_string(),
                        );
                    }
                    Status::Moved => {
                        moves.insert(due.to_string());
                    }
                    _ => spec.changes.push(ChangeSpec {
                        kind: "cancel".into(),
                        date: Some(due.to_string()),
                        ..ChangeSpec::default()
                    }),
                }
            }
            spec.changes.retain(|c| {
                !(c.kind == "extra"
                    && c.at.as_ref().is_some_and(|at| extras.contains(at)))
            });
            for c in spec.changes.iter_mut().filter(|c| {
                c.kind == "move"
                    && c.date.as_ref().is_some_and(|d| moves.contains(d))
            }) {
                c.kind = "cancel".into();
                c.to = None;
                c.duration = None;
            }
            for s in missing {
                let minutes = (s.end - s.start).num_minutes();
                let at = s.start.with_timezone(&zone).naive_local();
                spec.changes.push(ChangeSpec {
                    kind: "extra".into(),
                    at: Some(at.format("%Y-%m-%dT%H:%M").to_string()),
                    duration: (always_duration
                        || minutes != i64::from(base_minutes))
                    .then(|| format!("{minutes}m")),
                    note: s.note.clone(),
                    ..ChangeSpec::default()
                });
            }
            spec = self.valid(spec, uid, line)?;
        }
        let mut have = sessions(&spec, window);
        have.retain(|o| o.2 != Status::Cancelled);
        have.sort();
        let (surplus, missing) = difference(&have, target);
        if !surplus.is_empty() || !missing.is_empty() {
            self.warnings.push(line, Some(uid), "VEVENT", format!("{} sessions of the calendar could not be matched exactly ({} more, {} fewer in the schedule)", surplus.len() + missing.len(), surplus.len(), missing.len()));
        }
        Some(spec)
    }
}

fn describe_change(c: &ChangeSpec) -> String {
    let when = c
        .date
        .as_deref()
        .or(c.at.as_deref())
        .or(c.effective.as_deref())
        .unwrap_or("");
    format!("{} {when}: ", c.kind)
}

/// The date a cancel, move or extra is about (`None` for others).
fn change_date(c: &ChangeSpec) -> Option<NaiveDate> {
    match c.kind.as_str() {
        "cancel" => c.date.as_deref()?.parse().ok(),
        "move" => {
            let to: Option<NaiveDate> =
                c.to.as_deref()
                    .and_then(|t| t.get(..10))
                    .and_then(|d| d.parse().ok());
            let date: Option<NaiveDate> = c.date.as_deref()?.parse().ok();
            date.max(to)
        }
        "extra" => c.at.as_deref()?.get(..10)?.parse().ok(),
        _ => None,
    }
}
