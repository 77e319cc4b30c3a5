//! One VEVENT read into typed values: its times (RFC 5545 §3.3.4–5:
//! zoned, UTC, floating or a DATE), its length, its rule, exceptions and
//! what it says about the meeting. Nothing is decided here about what
//! becomes of it; what cannot be read at all is an error with its
//! position.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use convenor_core::{resolve_local, Zone};

use super::warning::Warnings;
use super::zones;
use crate::read::{clip, Component, Property};
use crate::Error;

/// A DATE-TIME or DATE value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// Local time with a TZID.
    Zoned(NaiveDateTime, Zone),
    /// UTC (`...Z`).
    Utc(DateTime<Utc>),
    /// Local time without a zone (RFC 5545 §3.3.5, form #1).
    Floating(NaiveDateTime),
    /// `VALUE=DATE`: an all-day value.
    Date(NaiveDate),
}

impl When {
    /// The instant, for zoned and UTC values (floating ones in `floating`).
    pub(crate) fn instant(
        self,
        floating: Option<Zone>,
    ) -> Option<DateTime<Utc>> {
        match self {
            When::Zoned(t, z) => {
                Some(resolve_local(z, t).0.with_timezone(&Utc))
            }
            When::Utc(t) => Some(t),
            When::Floating(t) => {
                floating.map(|z| resolve_local(z, t).0.with_timezone(&Utc))
            }
            When::Date(_) => None,
        }
    }

    /// The wall-clock time in `zone`: the same local time when the value
    /// is in `zone` (so a time in a gap or fold stays as written), else
    /// the instant seen from `zone`.
    pub(crate) fn local_in(
        self,
        zone: Zone,
        floating: Option<Zone>,
    ) -> Option<NaiveDateTime> {
        match self {
            When::Zoned(t, z) if z == zone => Some(t),
            When::Floating(t) if floating == Some(zone) => Some(t),
            _ => self
                .instant(floating)
                .map(|t| t.with_timezone(&zone).naive_local()),
        }
    }
}

/// A VEVENT, typed.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub(crate) uid: String,
    pub(crate) line: usize,
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) location: Option<String>,
    /// `LOCATION`'s venue parameter, as convenor's export writes it
    /// (`crate::export::VENUE_PARAM`).
    pub(crate) venue: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) conference: Option<String>,
    pub(crate) categories: Vec<String>,
    pub(crate) start: (When, usize),
    pub(crate) end: Option<When>,
    pub(crate) duration: Option<Duration>,
    /// `RRULE` text and its line.
    pub(crate) rrule: Option<(String, usize)>,
    /// `RDATE` values (DATE-TIME or DATE) and their line.
    pub(crate) rdates: Vec<(When, usize)>,
    pub(crate) exdates: Vec<(When, usize)>,
    pub(crate) recurrence_id: Option<(When, usize)>,
    pub(crate) cancelled: bool,
    pub(crate) related_to: Option<String>,
}

/// The properties a schedule keeps or that decide the sessions; any other
/// property is ignored without a word (DTSTAMP, SEQUENCE, CLASS...), and
/// the ones in [`NOT_KEPT`] with a warning.
const NOT_KEPT: &[(&str, &str)] = &[
    ("ATTENDEE", "attendees are not kept; a schedule has no attendees"),
    ("EXRULE", "EXRULE (deprecated by RFC 5545) is not applied; cancel the sessions it removes by hand"),
    ("ORGANIZER", "the organizer is not kept; add them to `convenors` by hand"),
];

impl Event {
    /// Reads `vevent`. `None` (with a warning) when it has no DTSTART or
    /// no UID, which a client could not place either.
    ///
    /// # Errors
    ///
    /// A positioned [`Error::Calendar`] for a value that does not parse
    /// or a TZID no zone matches.
    pub(crate) fn read(
        vevent: &Component,
        warnings: &mut Warnings,
    ) -> Result<Option<Event>, Error> {
        let Some(uid) = vevent.property("UID").map(Property::text) else {
            warnings.push(vevent.line, None, "UID", "an event without a UID is left out; every event needs one (RFC 5545 §3.8.4.7)");
            return Ok(None);
        };
        let fail = |p: &Property, message: String| Error::Calendar {
            message,
            position: Some(p.position()),
            uid: Some(clip(&uid, 100).into_owned()),
            property: Some(clip(&p.name, 40).into_owned()),
        };
        let Some(dtstart) = vevent.property("DTSTART") else {
            warnings.push(
                vevent.line,
                Some(&uid),
                "DTSTART",
                "an event without DTSTART is left out",
            );
            return Ok(None);
        };
        let one = |p: &Property| -> Result<When, Error> {
            let mut all = values(p).map_err(|m| fail(p, m))?;
            if all.len() != 1 {
                return Err(fail(p, "expected one date or date-time".into()));
            }
            Ok(all.remove(0))
        };
        let start = (one(dtstart)?, dtstart.line);
        let end = vevent.property("DTEND").map(one).transpose()?;
        let duration = match vevent.property("DURATION") {
            Some(p) => Some(parse_duration(&p.value).ok_or_else(|| {
                fail(p, format!("{:?} is not a duration such as PT1H30M (RFC 5545 §3.3.6)", clip(&p.value, 60)))
            })?),
            None => None,
        };
        let mut rrules = vevent.properties_named("RRULE");
        let rrule = rrules.next().map(|p| (p.value.clone(), p.line));
        if let Some(extra) = rrules.next() {
            warnings.push(extra.line, Some(&uid), "RRULE", "only the first RRULE is kept; a meeting has one rule (add the other's sessions as another meeting)");
        }
        let mut list = |name: &str| -> Result<Vec<(When, usize)>, Error> {
            let mut out = Vec::new();
            for p in vevent.properties_named(name) {
                if p.param("VALUE")
                    .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
                {
                    warnings.push(p.line, Some(&uid), name, format!("{name};VALUE=PERIOD (a session of its own length) is not kept; add it as an `extra` change with a `duration`"));
                    continue;
                }
                out.extend(
                    values(p)
                        .map_err(|m| fail(p, m))?
                        .into_iter()
                        .map(|w| (w, p.line)),
                );
            }
            Ok(out)
        };
        let rdates = list("RDATE")?;
        let exdates = list("EXDATE")?;
        let recurrence_id = match vevent.property("RECURRENCE-ID") {
            Some(p) => {
                if p.param("RANGE").is_some() {
                    warnings.push(p.line, Some(&uid), "RECURRENCE-ID", "RANGE=THISANDFUTURE is read as changing this one session only");
                }
                Some((one(p)?, p.line))
            }
            None => None,
        };
        for (name, why) in NOT_KEPT {
            let found: Vec<&Property> =
                vevent.properties_named(name).collect();
            if let Some(p) = found.first() {
                let n = found.len();
                let what = if n == 1 {
                    String::new()
                } else {
                    format!("{n} of them: ")
                };
                warnings.push(
                    p.line,
                    Some(&uid),
                    name,
                    format!("{what}{why}"),
                );
            }
        }
        if let Some(alarm) = vevent.all("VALARM").next() {
            warnings.push(alarm.line, Some(&uid), "VALARM", "the event's own alarms are not kept; set `reminders` in the schedule file");
        }
        // Surrounding blank lines (Outlook ends DESCRIPTION with one)
        // are not part of the text.
        let text = |name: &str| {
            vevent
                .property(name)
                .map(|p| p.text().trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let conference = text("CONFERENCE")
            .or_else(|| text("X-GOOGLE-CONFERENCE"))
            .or_else(|| text("X-MICROSOFT-SKYPETEAMSMEETINGURL"))
            .or_else(|| text("X-MICROSOFT-ONLINEMEETINGCONFLINK"));
        let categories = vevent
            .properties_named("CATEGORIES")
            .flat_map(|p| split_list(&p.value))
            .filter(|c| !c.trim().is_empty())
            .collect();
        Ok(Some(Event {
            line: vevent.line,
            summary: text("SUMMARY"),
            description: text("DESCRIPTION"),
            location: text("LOCATION"),
            venue: vevent
                .property("LOCATION")
                .and_then(|p| p.param(crate::export::VENUE_PARAM))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty()),
            url: text("URL"),
            conference,
            categories,
            start,
            end,
            duration,
            rrule,
            rdates,
            exdates,
            recurrence_id,
            cancelled: text("STATUS")
                .is_some_and(|s| s.eq_ignore_ascii_case("CANCELLED")),
            related_to: text("RELATED-TO"),
            uid,
        }))
    }

    /// The length of one session: DTEND − DTSTART, else DURATION, else
    /// `None` (RFC 5545 §3.6.1: a DATE-TIME event without either has no
    /// length).
    pub(crate) fn length(&self, floating: Option<Zone>) -> Option<Duration> {
        if let Some(d) = self.duration {
            return Some(d);
        }
        let end = self.end?.instant(floating)?;
        Some(end - self.start.0.instant(floating)?)
    }
}

/// The comma-separated DATE or DATE-TIME values of `p`, with its TZID.
fn values(p: &Property) -> Result<Vec<When>, String> {
    let date_only =
        p.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"));
    let zone = match p.param("TZID") {
        Some(tzid) => Some(zones::resolve(tzid).map_err(|e| {
            let mut m = format!(
                "unknown time zone {:?}; expected an IANA name such as \
                 America/Los_Angeles or a Windows name such as Pacific \
                 Standard Time",
                clip(&e.name, 60)
            );
            if let Some(s) = e.suggestion {
                m += &format!("; did you mean \"{s}\"?");
            }
            m
        })?),
        None => None,
    };
    p.value
        .split(',')
        .map(|v| {
            let v = v.trim();
            let bad = || {
                format!(
                    "{:?} is not a {} (RFC 5545 §3.3.4–5: 20221112T070000, \
                     20221112T150000Z or 20221112)",
                    clip(v, 60),
                    if date_only { "date" } else { "date-time" }
                )
            };
            if date_only || (v.len() == 8 && !v.contains('T')) {
                return NaiveDate::parse_from_str(v, "%Y%m%d")
                    .map(When::Date)
                    .map_err(|_| bad());
            }
            let (text, utc) = match v.strip_suffix(['Z', 'z']) {
                Some(t) => (t, true),
                None => (v, false),
            };
            let t = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
                .map_err(|_| bad())?;
            Ok(match (utc, zone) {
                (true, _) => When::Utc(Utc.from_utc_datetime(&t)),
                (false, Some(z)) => When::Zoned(t, z),
                (false, None) => When::Floating(t),
            })
        })
        .collect()
}

/// An RFC 5545 §3.3.6 duration: `PT1H30M`, `P1D`, `P1W`, `-PT5M`.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, t.strip_prefix('+').unwrap_or(t)),
    };
    let t = t.strip_prefix('P')?;
    let (mut seconds, mut number, mut in_time, mut any) =
        (0i64, None::<i64>, false, false);
    for c in t.chars() {
        match c {
            '0'..='9' => {
                let d = i64::from(c as u8 - b'0');
                number =
                    Some(number.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
            }
            'T' if !in_time && number.is_none() => in_time = true,
            _ => {
                let unit = match (c, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                seconds =
                    seconds.checked_add(number.take()?.checked_mul(unit)?)?;
                any = true;
            }
        }
    }
    if number.is_some() || !any || seconds > 366 * 86_400 {
        return None;
    }
    Some(Duration::seconds(sign * seconds))
}

/// A TEXT list (CATEGORIES) split on unescaped commas, each unescaped.
fn split_list(raw: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => current.push(match chars.next() {
                Some('n' | 'N') => '\n',
                Some(other) => other,
                None => '\\',
            }),
            ',' => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
}

/// The parts of RRULE text, keys upper case, in order.
pub(crate) fn rrule_parts(text: &str) -> BTreeMap<String, String> {
    text.trim()
        .trim_start_matches("RRULE:")
        .split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            (k.trim().to_ascii_uppercase(), v.trim().to_ascii_uppercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        let m = |t| parse_duration(t).map(|d| d.num_minutes());
        assert_eq!(m("PT1H30M"), Some(90));
        assert_eq!(m("PT60M"), Some(60));
        assert_eq!(m("P1D"), Some(1440));
        assert_eq!(m("P1W"), Some(10080));
        assert_eq!(m("P0DT1H"), Some(60));
        assert_eq!(m("-PT5M"), Some(-5));
        for bad in [
            "",
            "P",
            "PT",
            "1H",
            "PT1",
            "P1H",
            "PT1D",
            "PT99999999999999999999H",
            "P9999W",
        ] {
            assert_eq!(m(bad), None, "{bad}");
        }
    }

    #[test]
    fn lists() {
        assert_eq!(split_list("a\\,b,c"), ["a,b", "c"]);
    }
}
