//! Recurring VEVENT masters → series: a zone, a first local start, a
//! length, a weekly rule or an RRULE, a last date (from UNTIL or COUNT),
//! and the sessions its EXDATEs and overrides take away or move. What a
//! schedule cannot hold is left out here, with a warning.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use convenor_core::{
    resolve_local, weekday_name, MeetingSpec, RRulePattern, WeeklySpec, Zone,
};

use super::event::{rrule_parts, When};
use super::warning::Warnings;
use super::Event;

/// A rule as the schedule file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RuleSpec {
    Weekly { day: chrono::Weekday, every: u32 },
    RRule(String),
}

/// One recurring master, typed for a schedule.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub(crate) uid: String,
    pub(crate) event: usize,
    pub(crate) zone: Zone,
    pub(crate) start: NaiveDateTime,
    pub(crate) minutes: u32,
    pub(crate) rule: RuleSpec,
    pub(crate) ends: Option<NaiveDate>,
    /// COUNT, turned into `ends` once the rule can be expanded.
    pub(crate) count: Option<u32>,
    /// Dates (local, due) of EXDATEs.
    pub(crate) exdates: Vec<NaiveDate>,
}

impl Series {
    /// The series of master `ev`, or `None` with a warning when a
    /// schedule cannot hold it.
    pub(crate) fn of(
        index: usize,
        ev: &Event,
        floating: Option<Zone>,
        warnings: &mut Warnings,
    ) -> Option<Series> {
        let uid = Some(ev.uid.as_str());
        let (rrule, rrule_line) = ev.rrule.clone()?;
        let (start, line) = ev.start;
        let zone = zone_of(start, floating, line, uid, "DTSTART", warnings)?;
        let local = start.local_in(zone, floating)?;
        let local = whole_minute(local, line, uid, "DTSTART", warnings);
        let parts = rrule_parts(&rrule);
        let skip = |warnings: &mut Warnings, why: String| {
            warnings.push(
                rrule_line,
                uid,
                "RRULE",
                format!("{why}; the series is left out"),
            );
            None::<Series>
        };
        let freq = parts.get("FREQ").map(String::as_str).unwrap_or("");
        if matches!(freq, "HOURLY" | "MINUTELY" | "SECONDLY") {
            return skip(
                warnings,
                format!("FREQ={freq}: a meeting recurs daily at the most"),
            );
        }
        if let Some(part) = ["BYHOUR", "BYMINUTE", "BYSECOND"]
            .iter()
            .find(|p| parts.contains_key(**p))
        {
            return skip(warnings, format!("{part}: sessions at several times of day are not one meeting"));
        }
        let every: u32 = match parts.get("INTERVAL").map(|i| i.parse()) {
            None => 1,
            Some(Ok(n)) if n >= 1 => n,
            Some(_) => {
                return skip(
                    warnings,
                    "INTERVAL is not a positive number".into(),
                )
            }
        };
        let count = match parts.get("COUNT").map(|c| c.parse::<u32>()) {
            None => None,
            Some(Ok(n)) if n >= 1 => Some(n),
            Some(_) => {
                return skip(warnings, "COUNT is not a positive number".into())
            }
        };
        let plain_weekly = freq == "WEEKLY"
            && every <= 52
            && parts.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "FREQ" | "INTERVAL" | "BYDAY" | "UNTIL" | "COUNT" | "WKST"
                )
            })
            && parts.get("BYDAY").is_none_or(|d| weekday(d).is_some());
        let rule = if plain_weekly {
            let day = parts
                .get("BYDAY")
                .and_then(|d| weekday(d))
                .unwrap_or(local.weekday());
            RuleSpec::Weekly { day, every }
        } else {
            let text: Vec<String> = parts
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "UNTIL" | "COUNT"))
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            // FREQ first, as people write it.
            let mut text = text;
            text.sort_by_key(|p| !p.starts_with("FREQ="));
            let text = text.join(";");
            if let Err(problem) = RRulePattern::new(&text) {
                return skip(warnings, problem.to_string());
            }
            RuleSpec::RRule(text)
        };
        // After the rule: no word about the length of a series left out.
        let minutes = minutes_of(ev, floating, warnings)?;
        if let RuleSpec::Weekly { day, .. } = rule {
            if day != local.weekday() {
                warnings.push(line, uid, "DTSTART", format!("DTSTART is a {} but the rule meets on {}s: clients disagree whether DTSTART is a session; it is not one here (RFC 5545 §3.8.5.3 leaves it undefined)", weekday_name(local.weekday()), weekday_name(day)));
            }
        }
        let ends = match parts.get("UNTIL") {
            Some(until) => Some(until_date(until, zone, local).or_else(|| {
                warnings.push(rrule_line, uid, "RRULE", format!("UNTIL={until} is not a date or date-time; the series is read as open-ended"));
                None
            })?),
            None => None,
        };
        let mut exdates = Vec::new();
        for (when, line) in &ev.exdates {
            match when {
                When::Date(d) => exdates.push(*d),
                _ => match when.local_in(zone, floating) {
                    Some(t) => exdates.push(t.date()),
                    None => warnings.push(*line, uid, "EXDATE", "a floating EXDATE is not applied; give --timezone to read floating times"),
                },
            }
        }
        Some(Series {
            uid: ev.uid.clone(),
            event: index,
            zone,
            start: local,
            minutes,
            rule,
            ends,
            count,
            exdates,
        })
    }

    /// The series as a meeting of its own (id and name left to the
    /// caller), with its EXDATEs as cancellations.
    pub(crate) fn spec(&self) -> MeetingSpec {
        let mut spec = MeetingSpec {
            timezone: Some(self.zone.name().to_string()),
            duration: format!("{}m", self.minutes),
            starts: self.start.date().to_string(),
            ends: self.ends.map(|d| d.to_string()),
            ..MeetingSpec::default()
        };
        self.rule.write(
            &mut spec.weekly,
            &mut spec.rrule,
            &mut spec.time,
            self.start,
        );
        spec
    }
}

impl RuleSpec {
    /// Writes the rule into the `weekly` / `rrule` + `time` fields.
    pub(crate) fn write(
        &self,
        weekly: &mut Option<WeeklySpec>,
        rrule: &mut Option<String>,
        time: &mut Option<String>,
        start: NaiveDateTime,
    ) {
        let hhmm = start.format("%H:%M").to_string();
        match self {
            RuleSpec::Weekly { day, every } => {
                *weekly = Some(WeeklySpec {
                    day: weekday_name(*day).to_string(),
                    time: Some(hhmm),
                    every: (*every > 1).then_some(*every),
                });
            }
            RuleSpec::RRule(text) => {
                *rrule = Some(text.clone());
                *time = Some(hhmm);
            }
        }
    }
}

/// The zone of a value: its TZID, UTC, or for a floating time the
/// `--timezone` zone (with a warning); `None` with a warning for a DATE
/// or a floating time without one.
pub(crate) fn zone_of(
    when: When,
    floating: Option<Zone>,
    line: usize,
    uid: Option<&str>,
    property: &str,
    warnings: &mut Warnings,
) -> Option<Zone> {
    match when {
        When::Zoned(_, z) => Some(z),
        When::Utc(_) => Some(Zone::utc()),
        When::Floating(_) => match floating {
            Some(z) => {
                warnings.push(line, uid, property, format!("a floating time (no TZID) is read in {}, the zone given", z.name()));
                Some(z)
            }
            None => {
                warnings.push(line, uid, property, "a floating time (no TZID, no Z) means the same wall-clock time in every zone, which a meeting cannot; left out (give --timezone to read it in one zone)");
                None
            }
        },
        When::Date(_) => {
            warnings.push(line, uid, property, "an all-day event (VALUE=DATE) has no time of day, which a meeting needs; left out");
            None
        }
    }
}

/// `t` without seconds, with a warning when it had some.
pub(crate) fn whole_minute(
    t: NaiveDateTime,
    line: usize,
    uid: Option<&str>,
    property: &str,
    warnings: &mut Warnings,
) -> NaiveDateTime {
    if t.second() == 0 && t.nanosecond() == 0 {
        return t;
    }
    warnings.push(line, uid, property, format!("{} has seconds; a schedule keeps whole minutes, so it is read as {}", t.format("%H:%M:%S"), t.format("%H:%M")));
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(t)
}

/// The length of each session in whole minutes, 1 to 1440; else `None`
/// with a warning.
pub(crate) fn minutes_of(
    ev: &Event,
    floating: Option<Zone>,
    warnings: &mut Warnings,
) -> Option<u32> {
    let uid = Some(ev.uid.as_str());
    let Some(length) = ev.length(floating) else {
        warnings.push(ev.line, uid, "DTEND", "no DTEND or DURATION: a session of 60 minutes is assumed (RFC 5545 gives such an event no length)");
        return Some(60);
    };
    let minutes = length.num_minutes();
    if length != Duration::minutes(minutes) {
        warnings.push(ev.line, uid, "DTEND", format!("a length of {}s is not whole minutes; {minutes} minutes are kept", length.num_seconds()));
    }
    match u32::try_from(minutes) {
        Ok(m @ 1..=1440) => Some(m),
        _ => {
            warnings.push(ev.line, uid, "DTEND", format!("a length of {minutes} minutes is not 1 minute to 24 hours; left out"));
            None
        }
    }
}

/// A single BYDAY weekday without an ordinal (`SA`).
fn weekday(byday: &str) -> Option<chrono::Weekday> {
    crate::wire::weekday_of_code(byday)
}

/// The last date a session may fall on under UNTIL (RFC 5545 §3.3.10:
/// inclusive): the local date of the UNTIL instant, or the day before
/// when the session time that day is after it. A DATE UNTIL is the date.
fn until_date(
    until: &str,
    zone: Zone,
    start: NaiveDateTime,
) -> Option<NaiveDate> {
    if until.len() == 8 {
        return NaiveDate::parse_from_str(until, "%Y%m%d").ok();
    }
    let (text, utc) = match until.strip_suffix('Z') {
        Some(t) => (t, true),
        None => (until, false),
    };
    let t = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok()?;
    let instant = if utc {
        t.and_utc()
    } else {
        // A local UNTIL (common in real feeds) is in DTSTART's zone.
        resolve_local(zone, t).0.to_utc()
    };
    let date = instant.with_timezone(&zone).date_naive();
    let that_day = resolve_local(zone, date.and_time(start.time())).0.to_utc();
    Some(if that_day > instant { date.pred_opt()? } else { date })
}
