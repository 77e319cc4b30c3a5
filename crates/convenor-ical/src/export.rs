//! Writing the planned VEVENTs, with a VCALENDAR around them and a
//! VTIMEZONE for every zone they use.
//!
//! We write content lines ourselves instead of through the `icalendar`
//! crate: it fills `DTSTAMP` from the clock and UIDs at random when they
//! are missing, cannot emit a VTIMEZONE, and passes CR through in user
//! text. Output here is a pure function of the
//! schedule and the options.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use convenor_core::words::{Phrase, Phrasebook};
use convenor_core::{
    Meeting, MeetingDuration, Occurrence, Schedule, Schedules, Status, Zone,
};

use crate::plan::{
    self, push_rrule, Cursors, Event, Kind, Length, Stamp, Uid,
};
use crate::vtimezone::write_vtimezone;
use crate::wire::{
    push_escaped, push_local, push_number, push_utc, ContentWriter,
};
use crate::IcalOptions;

/// The whole schedule as one calendar.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::Schedule;
/// use convenor_ical::IcalOptions;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let now = Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap();
/// let ics = convenor_ical::to_string(&seed, &IcalOptions::new(now));
/// assert!(ics.contains("UID:co-occurring-saturday@lifering.org\r\n"));
/// // Rescheduled before its first session: one series, at 7:00, SEQUENCE 1.
/// assert!(ics.contains("DTSTART;TZID=America/Los_Angeles:20221112T070000\r\n"));
/// assert!(ics.contains("RRULE:FREQ=WEEKLY;BYDAY=SA\r\n"));
/// assert!(ics.contains("SEQUENCE:1\r\n"));
/// assert_eq!(ics, convenor_ical::to_string(&seed, &IcalOptions::new(now)));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn to_string(schedule: &Schedule, opts: &IcalOptions) -> String {
    whole(|sink| schedule_calendar(schedule, opts, sink))
}

/// [`to_string`], written to `w` as it is made, a few dozen kilobytes at
/// a time: the feed of 100,000 meetings (27 MB) is never held whole.
///
/// # Errors
///
/// As `w`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::Schedule;
/// use convenor_ical::IcalOptions;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let opts = IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap());
/// let mut out = Vec::new();
/// convenor_ical::to_writer(&mut out, &seed, &opts)?;
/// assert_eq!(out, convenor_ical::to_string(&seed, &opts).into_bytes());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_writer(
    w: &mut dyn std::io::Write,
    schedule: &Schedule,
    opts: &IcalOptions,
) -> std::io::Result<()> {
    schedule_calendar(schedule, opts, &mut |chunk| {
        w.write_all(chunk.as_bytes())
    })
}

/// The text a calendar writer hands on in chunks, whole.
fn whole(
    write: impl FnOnce(
        &mut dyn FnMut(&str) -> std::io::Result<()>,
    ) -> std::io::Result<()>,
) -> String {
    let mut text = String::new();
    let done = write(&mut |chunk: &str| {
        text.push_str(chunk);
        Ok(())
    });
    done.expect("a String takes every chunk");
    text
}

/// The calendar of one schedule, handed to `sink` in chunks.
fn schedule_calendar(
    schedule: &Schedule,
    opts: &IcalOptions,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let alarms = opts.reminders_in_feed;
    let meetings = schedule.meetings().iter().collect();
    let groups = vec![(schedule, meetings)];
    calendar(Head::of(schedule), groups, opts, alarms, sink)
}

/// Several schedules as one calendar (a site's combined feed): each
/// schedule's events keep their own UIDs, from its own url's host (or
/// the options' domain), and its own reminders; one VTIMEZONE per zone
/// of them all. The calendar's name is [`Schedules::name`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Schedules};
/// use convenor_ical::IcalOptions;
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let other = Schedule::from_toml_str(
///     "name = 'Evening'\nurl = 'https://evening.example/'\n\
///      [[meetings]]\nid = 'evening'\nname = 'Evening'\ntimezone = 'America/Los_Angeles'\n\
///      weekly = { day = 'monday', time = '19:00' }\nduration = '60m'\nstarts = '2022-11-01'\n",
/// )?;
/// let site = Schedules::new([("seed.toml".into(), seed), ("evening.toml".into(), other)])?;
/// let now = Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap();
/// let ics = convenor_ical::schedules_to_string(&site, &IcalOptions::new(now));
/// assert!(ics.contains("UID:co-occurring-saturday@lifering.org\r\n"));
/// assert!(ics.contains("UID:evening@evening.example\r\n"));
/// assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn schedules_to_string(
    schedules: &Schedules,
    opts: &IcalOptions,
) -> String {
    let groups = schedules
        .schedules()
        .iter()
        .map(|s| (s, s.meetings().iter().collect()))
        .collect();
    let name = schedules.name();
    let zones: Vec<Option<Zone>> =
        schedules.schedules().iter().map(Schedule::timezone).collect();
    let timezone = zones.first().copied().flatten().filter(|z| {
        zones.iter().all(|o| o.map(|o| o.name()) == Some(z.name()))
    });
    let tzdata = schedules.schedules().first().map(Schedule::tzdata);
    let head = Head {
        name: &name,
        url: schedules
            .schedules()
            .first()
            .and_then(Schedule::url)
            .filter(|_| schedules.len() == 1),
        timezone,
        tzdata: tzdata.map(|t| t.to_string()),
    };
    whole(|sink| calendar(head, groups, opts, opts.reminders_in_feed, sink))
}

/// What the VCALENDAR head says of the calendar.
struct Head<'a> {
    name: &'a str,
    url: Option<&'a convenor_core::WebUrl>,
    timezone: Option<Zone>,
    tzdata: Option<String>,
}

impl<'a> Head<'a> {
    fn of(schedule: &'a Schedule) -> Head<'a> {
        Head {
            name: schedule.name(),
            url: schedule.url(),
            timezone: schedule.timezone(),
            tzdata: Some(schedule.tzdata().to_string()),
        }
    }
}

/// One meeting's own feed.
///
/// # Errors
///
/// [`convenor_core::Error::UnknownMeeting`] when the schedule has no
/// meeting `id`.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use convenor_core::Schedule;
/// # use convenor_ical::IcalOptions;
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let opts = IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap());
/// let ics = convenor_ical::meeting_to_string(&seed, "co-occurring-monday", &opts)?;
/// assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
/// assert!(convenor_ical::meeting_to_string(&seed, "monday", &opts).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn meeting_to_string(
    schedule: &Schedule,
    id: &str,
    opts: &IcalOptions,
) -> convenor_core::Result<String> {
    let meeting = schedule.try_meeting(id)?;
    let groups = vec![(schedule, vec![meeting])];
    Ok(whole(|sink| calendar(Head::of(schedule), groups, opts, true, sink)))
}

/// One session as a calendar with a single, non-recurring event: "add
/// this session to my calendar".
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use convenor_core::{Schedule, Window};
/// # use convenor_ical::IcalOptions;
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let now = Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap();
/// let first = &seed.next(now, 1)[0];
/// let ics = convenor_ical::occurrence_to_string(&seed, first, &IcalOptions::new(now));
/// assert!(ics.contains("UID:co-occurring-saturday-20221112T0700@lifering.org\r\n"));
/// assert!(!ics.contains("RRULE"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn occurrence_to_string(
    schedule: &Schedule,
    occurrence: &Occurrence<'_>,
    opts: &IcalOptions,
) -> String {
    let domain = plan::domain(schedule, opts);
    let meeting = occurrence.meeting();
    let local = occurrence.start().naive_local();
    let minutes = (occurrence.end() - occurrence.start()).num_minutes();
    let duration = u32::try_from(minutes)
        .ok()
        .and_then(|m| convenor_core::MeetingDuration::new(m).ok())
        .unwrap_or(meeting.duration());
    let (start, end, _) = plan::stamps(meeting.zone(), local, duration);
    let event = Event {
        meeting,
        uid: Uid::Session { meeting, at: local },
        sequence: 0,
        last_modified: None,
        start,
        length: Length::End(end),
        kind: Kind::OneOff { related_to: None },
        note: occurrence.note(),
    };
    let mut w = ContentWriter::new();
    head(&mut w, &Head::of(schedule), opts);
    let at = occurrence.start().with_timezone(&Utc);
    write_vtimezone(
        &mut w,
        meeting.zone(),
        at - Duration::days(1),
        at + Duration::days(1),
    );
    let cancelled = occurrence.status() == Status::Cancelled;
    let alarms =
        if cancelled { &[][..] } else { reminders(schedule, meeting, opts) };
    write_event(&mut w, &event, &domain, opts, cancelled, alarms);
    w.end("VCALENDAR");
    w.into_string()
}

/// A calendar of the events of each schedule's `meetings`, each event
/// with its schedule's UID domain and reminders.
fn calendar(
    head_of: Head<'_>,
    groups: Vec<(&Schedule, Vec<&Meeting>)>,
    opts: &IcalOptions,
    with_alarms: bool,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut cursors = plan::Cursors::default();
    let domains: Vec<String> =
        groups.iter().map(|(s, _)| plan::domain(s, opts)).collect();
    let count = groups.iter().map(|(_, m)| m.len()).sum();
    let mut events = Vec::with_capacity(count);
    // The group of each event, side by side with `events`.
    let mut owners: Vec<usize> = Vec::with_capacity(count);
    for (g, (_, meetings)) in groups.iter().enumerate() {
        for m in meetings {
            plan::meeting_events(
                m,
                &domains[g],
                opts,
                &mut cursors,
                &mut events,
            );
            owners.resize(events.len(), g);
        }
    }
    if let Some(since) = opts.keep_since {
        let kept: Vec<bool> =
            events.iter().map(|e| keep(e, since, &mut cursors)).collect();
        let mut at = kept.iter();
        events.retain(|_| at.next().copied().unwrap_or(true));
        let mut at = kept.iter();
        owners.retain(|_| at.next().copied().unwrap_or(true));
    }
    // About 300 octets per event, handed on a chunk at a time: one
    // buffer, reused.
    let room = (4096 + events.len() * 320).min(CHUNK + 16 * 1024);
    let mut w = ContentWriter::with_capacity(room);
    head(&mut w, &head_of, opts);
    for (tz, from, to) in zone_spans(&events, &mut cursors).into_values() {
        write_vtimezone(&mut w, tz, from, to);
    }
    for (event, &g) in events.iter().zip(&owners) {
        let schedule = groups[g].0;
        let alarms = if with_alarms {
            reminders(schedule, event.meeting, opts)
        } else {
            &[]
        };
        write_event(&mut w, event, &domains[g], opts, false, alarms);
        if w.as_str().len() >= CHUNK {
            sink(w.as_str())?;
            w.clear();
        }
    }
    w.end("VCALENDAR");
    sink(w.as_str())
}

/// How many octets of a calendar are handed on at once.
const CHUNK: usize = 64 * 1024;

/// With `keep_since`, whole series and one-offs that ended before it are
/// left out. Overrides and EXDATEs of kept series stay: without them the
/// master would show the sessions at their original times.
fn keep(
    event: &Event<'_>,
    since: DateTime<Utc>,
    cursors: &mut Cursors,
) -> bool {
    match &event.kind {
        Kind::Master { until, .. } => {
            plan::rrule_until(*until).is_none_or(|u| u >= since)
        }
        Kind::Override { .. } => true,
        Kind::OneOff { .. } => end_instant(event, cursors) >= since,
    }
}

/// The instant of a start or end, resolved as [`resolve_local`] does.
///
/// [`resolve_local`]: convenor_core::resolve_local
fn instant(
    meeting: &Meeting,
    stamp: Stamp,
    cursors: &mut Cursors,
) -> DateTime<Utc> {
    match stamp {
        Stamp::Utc(t) => t,
        Stamp::Local(t) => {
            cursors.get(meeting.zone()).resolve(t).0.with_timezone(&Utc)
        }
    }
}

fn end_instant(event: &Event<'_>, cursors: &mut Cursors) -> DateTime<Utc> {
    let start = instant(event.meeting, event.start, cursors);
    end_after(event, start, cursors)
}

/// The end of `event`, which starts at `start`.
fn end_after(
    event: &Event<'_>,
    start: DateTime<Utc>,
    cursors: &mut Cursors,
) -> DateTime<Utc> {
    match event.length {
        Length::End(end) => instant(event.meeting, end, cursors),
        Length::Duration(d) => start + d.to_chrono(),
    }
}

/// For each zone, the span its VTIMEZONE must cover: from the earliest
/// start to the latest end, or to 2099 (the last year VTIMEZONEs spell
/// out) for open-ended series.
fn zone_spans(
    events: &[Event<'_>],
    cursors: &mut Cursors,
) -> BTreeMap<&'static str, (Zone, DateTime<Utc>, DateTime<Utc>)> {
    let far = Utc.with_ymd_and_hms(2099, 12, 31, 0, 0, 0).unwrap();
    let mut spans: BTreeMap<
        &'static str,
        (Zone, DateTime<Utc>, DateTime<Utc>),
    > = BTreeMap::new();
    for e in events {
        let tz = e.meeting.zone();
        let start = instant(e.meeting, e.start, cursors);
        let end = end_after(e, start, cursors);
        let end = match &e.kind {
            Kind::Master { until, .. } => {
                plan::rrule_until(*until).unwrap_or(far).max(end)
            }
            _ => end,
        };
        let span = spans.entry(tz.name()).or_insert((tz, start, end));
        span.1 = span.1.min(start);
        span.2 = span.2.max(end);
    }
    spans
}

/// The VCALENDAR head (RFC 5545 §3.6, RFC 7986 §5).
fn head(w: &mut ContentWriter, head: &Head<'_>, opts: &IcalOptions) {
    w.begin("VCALENDAR");
    w.property("VERSION", &[], "2.0");
    w.property(
        "PRODID",
        &[],
        &format!("-//convenor//convenor {}//EN", env!("CARGO_PKG_VERSION")),
    );
    w.property("CALSCALE", &[], "GREGORIAN");
    w.property("METHOD", &[], "PUBLISH");
    w.text("NAME", &[], head.name);
    w.text("X-WR-CALNAME", &[], head.name);
    if let Some(url) = head.url {
        w.property("URL", &[("VALUE", "URI")], url.as_str());
    }
    if let Some(source) = &opts.source {
        w.property("SOURCE", &[("VALUE", "URI")], source);
    }
    let refresh = format!("PT{}M", opts.refresh_minutes.max(1));
    w.property("REFRESH-INTERVAL", &[("VALUE", "DURATION")], &refresh);
    w.property("X-PUBLISHED-TTL", &[], &refresh);
    if let Some(tz) = head.timezone {
        w.property("X-WR-TIMEZONE", &[], tz.name());
    }
    // Which tz database the times were computed with: results differ
    // between releases, and a reader should be able to tell.
    if let Some(tzdata) = &head.tzdata {
        w.property("X-CONVENOR-TZDATA", &[], tzdata);
    }
}

fn write_stamp(w: &mut ContentWriter, name: &str, tz: Zone, stamp: Stamp) {
    match stamp {
        Stamp::Local(t) => {
            w.property_with(name, &[("TZID", tz.name())], |out| {
                push_local(out, t)
            })
        }
        Stamp::Utc(t) => w.property_with(name, &[], |out| push_utc(out, t)),
    }
}

/// A meeting's reminders: the options' override, else the schedule's.
fn reminders<'a>(
    schedule: &'a Schedule,
    meeting: &'a Meeting,
    opts: &'a IcalOptions,
) -> &'a [MeetingDuration] {
    opts.reminders.as_deref().unwrap_or_else(|| schedule.reminders_of(meeting))
}

/// Each length once, at most [`convenor_core::MAX_REMINDERS`]: whatever
/// a program built, a session gets a handful of alarms (100,000 copies
/// of `15m` gave 100,000).
fn distinct(
    alarms: &[MeetingDuration],
) -> impl Iterator<Item = &MeetingDuration> {
    let mut seen: Vec<MeetingDuration> = Vec::new();
    alarms
        .iter()
        .filter(move |a| {
            let new = !seen.contains(a);
            if new {
                seen.push(**a);
            }
            new
        })
        .take(convenor_core::MAX_REMINDERS)
}

/// `VALARM`s (RFC 5545 §3.6.6) that show a reminder `before` each
/// session, naming the meeting and, when it has one, its link, in the
/// options' words.
fn write_alarms(
    w: &mut ContentWriter,
    m: &Meeting,
    alarms: &[MeetingDuration],
    words: &dyn Phrasebook,
) {
    for before in distinct(alarms) {
        let minutes = before.minutes();
        let trigger = match (minutes / 60, minutes % 60) {
            (24, 0) => "-P1D".to_string(),
            (0, m) => format!("-PT{m}M"),
            (h, 0) => format!("-PT{h}H"),
            (h, m) => format!("-PT{h}H{m}M"),
        };
        let url = m
            .place()
            .online
            .as_ref()
            .and_then(|o| o.url.as_ref())
            .map(|u| u.as_str());
        let text = words.phrase(&Phrase::Reminder {
            meeting: m.name(),
            before: *before,
            url,
        });
        w.begin("VALARM");
        w.property("ACTION", &[], "DISPLAY");
        w.property("TRIGGER", &[], &trigger);
        w.text("DESCRIPTION", &[], &text);
        w.end("VALARM");
    }
}

fn write_event(
    w: &mut ContentWriter,
    e: &Event<'_>,
    domain: &str,
    opts: &IcalOptions,
    cancelled: bool,
    alarms: &[MeetingDuration],
) {
    let m = e.meeting;
    let tz = m.zone();
    w.begin("VEVENT");
    w.property_with("UID", &[], |out| e.uid.push_to(out, domain));
    w.property_with("DTSTAMP", &[], |out| push_utc(out, opts.dtstamp));
    if let Some(d) = e.last_modified {
        w.property_with("LAST-MODIFIED", &[], |out| {
            push_utc(out, d.and_time(chrono::NaiveTime::MIN).and_utc())
        });
    }
    w.property_with("SEQUENCE", &[], |out| {
        push_number(out, e.sequence as u64)
    });
    if let Kind::Override { recurrence_id } = e.kind {
        w.property_with("RECURRENCE-ID", &[("TZID", tz.name())], |out| {
            push_local(out, recurrence_id)
        });
    }
    write_stamp(w, "DTSTART", tz, e.start);
    match e.length {
        Length::Duration(d) => w.property_with("DURATION", &[], |out| {
            out.push_str("PT");
            push_number(out, d.minutes().into());
            out.push('M');
        }),
        Length::End(end) => write_stamp(w, "DTEND", tz, end),
    }
    if let Kind::Master { segment, until, exdates, related_to } = &e.kind {
        w.property_with("RRULE", &[], |out| push_rrule(out, segment, *until));
        // One EXDATE per date: ical.js reads only the first of a list.
        for &x in exdates {
            w.property_with("EXDATE", &[("TZID", tz.name())], |out| {
                push_local(out, x)
            });
        }
        if let Some(r) = related_to {
            w.property_with("RELATED-TO", &[], |out| r.push_to(out, domain));
        }
    }
    if let Kind::OneOff { related_to: Some(r) } = &e.kind {
        w.property_with("RELATED-TO", &[], |out| r.push_to(out, domain));
    }
    w.text("SUMMARY", &[], m.name());
    let words = opts.words();
    let description = description(m, e.note, words);
    if !description.is_empty() {
        w.text("DESCRIPTION", &[], &description);
    }
    let online = m.place().online.as_ref();
    let url = online.and_then(|o| o.url.as_ref()).map(|u| u.as_str());
    // The venue before the address, as one line: TSML UI's "Add to
    // calendar" writes its `location` and address so too. The venue
    // also as a parameter, which clients ignore (RFC 5545 §3.2: an
    // unknown x-param is ignored), so an import can tell it from the
    // address (`import/describe.rs`).
    if let Some(place) = m.place().in_person() {
        match m.place().venue.as_deref() {
            Some(venue) => {
                w.text("LOCATION", &[(VENUE_PARAM, venue)], &place);
            }
            None => w.text("LOCATION", &[], &place),
        }
    } else if let Some(url) = url {
        w.text("LOCATION", &[], url);
    }
    if let Some(url) = url {
        w.property("URL", &[("VALUE", "URI")], url);
        // RFC 7986 §5.11: a link clients can show as "join".
        w.property(
            "CONFERENCE",
            &[
                ("VALUE", "URI"),
                ("FEATURE", "VIDEO"),
                ("LABEL", &words.phrase(&Phrase::JoinOnline)),
            ],
            url,
        );
    }
    if let Some(phone) = online.and_then(|o| o.phone.as_deref()) {
        let tel: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        if !tel.is_empty() {
            w.property(
                "CONFERENCE",
                &[("VALUE", "URI"), ("FEATURE", "PHONE"), ("LABEL", phone)],
                &format!("tel:{tel}"),
            );
        }
    }
    if !m.tags().is_empty() {
        w.property_with("CATEGORIES", &[], |out| {
            for (i, tag) in m.tags().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_escaped(out, tag);
            }
        });
    }
    w.property(
        "STATUS",
        &[],
        if cancelled { "CANCELLED" } else { "CONFIRMED" },
    );
    write_alarms(w, m, alarms, words);
    w.end("VEVENT");
}

/// The `LOCATION` parameter that holds the venue's name (the text
/// starts with it, then `, ` and the address).
pub(crate) const VENUE_PARAM: &str = "X-CONVENOR-VENUE";

/// Notes, the change's note, convenors, joining details and tags, one per
/// line, the labels in `words`.
fn description(
    m: &Meeting,
    note: Option<&str>,
    words: &dyn Phrasebook,
) -> String {
    let mut lines: Vec<String> = Vec::new();
    if let Some(n) = note {
        lines.push(n.to_string());
    }
    if let Some(n) = m.notes() {
        lines.push(n.to_string());
    }
    if !m.convenors().is_empty() {
        lines.push(words.phrase(&Phrase::Convenors(m.convenors())));
    }
    if let Some(o) = &m.place().online {
        if let Some(url) = &o.url {
            lines.push(words.phrase(&Phrase::Join(url.as_str())));
        }
        if let Some(phone) = &o.phone {
            lines.push(words.phrase(&Phrase::Phone(phone)));
        }
        if let Some(n) = &o.notes {
            lines.push(n.clone());
        }
    }
    if !m.tags().is_empty() {
        lines.push(words.phrase(&Phrase::Tags(m.tags())));
    }
    lines.join("\n")
}
