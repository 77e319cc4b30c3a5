//! What a schedule becomes in iCalendar terms, before any text: one master
//! VEVENT per series segment, overrides for moved sessions and for
//! sessions real clients would misplace, one-off VEVENTs for extras.
//!
//! The choices, each because a real client gets the alternative wrong
//! (the interop tests show each):
//! - DTSTART is always the segment's first session (ical.js drops a
//!   DTSTART the rule does not match);
//! - masters give `DURATION`, not a local `DTEND`, so the length is exact
//!   even when the first session spans a clock change;
//! - a session whose start falls in a DST gap or fold, or that spans a
//!   clock change, gets an override with DTSTART/DTEND in UTC: ical.js and
//!   Python resolve such local times differently, UTC they both read
//!   alike;
//! - extras are their own VEVENTs (an RDATE equal to an instance is listed
//!   twice by ical.js, and `RDATE;VALUE=PERIOD` makes it throw);
//! - a segment that ends gets `UNTIL` in UTC a few hours after its last
//!   session (RFC 5545 §3.3.10: inclusive, UTC with a TZID DTSTART), so
//!   a client that places a DST-edge session an hour late still keeps it.

use std::collections::{BTreeMap, HashMap};

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime,
    Timelike, Utc,
};
use convenor_core::{
    resolve_local, Change, ChangeKind, Fit, Meeting, MeetingDuration, Pattern,
    Schedule, Segment, Zone, ZoneCursor, ZoneCursors,
};

use crate::wire::{push_date, push_number, push_two, push_utc};
use crate::IcalOptions;

/// How long after the last session a segment's `UNTIL` is: more than any
/// client's misreading of a DST edge (an hour), less than the gap to the
/// rule's next instance (a day at least).
const UNTIL_MARGIN: Duration = Duration::hours(3);

/// A start or end as written: wall-clock time with the meeting's TZID, or
/// UTC where the wall clock is ambiguous to clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stamp {
    Local(NaiveDateTime),
    Utc(DateTime<Utc>),
}

/// One VEVENT.
#[derive(Clone, Debug)]
pub(crate) struct Event<'s> {
    pub(crate) meeting: &'s Meeting,
    pub(crate) uid: Uid<'s>,
    pub(crate) sequence: usize,
    pub(crate) last_modified: Option<NaiveDate>,
    pub(crate) start: Stamp,
    pub(crate) length: Length,
    pub(crate) kind: Kind<'s>,
    /// A change's note, for overrides and extras.
    pub(crate) note: Option<&'s str>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Length {
    /// `DURATION`: masters.
    Duration(MeetingDuration),
    /// `DTEND` in the same form as DTSTART: overrides and one-offs.
    End(Stamp),
}

#[derive(Clone, Debug)]
pub(crate) enum Kind<'s> {
    Master {
        /// The segment whose rule [`push_rrule`] writes.
        segment: &'s Segment,
        /// The UNTIL we add: a cut segment's last session, plus a margin.
        until: Option<DateTime<Utc>>,
        exdates: Vec<NaiveDateTime>,
        related_to: Option<Uid<'s>>,
    },
    Override {
        recurrence_id: NaiveDateTime,
    },
    OneOff {
        related_to: Option<Uid<'s>>,
    },
}

/// A VEVENT's UID, kept as its parts and written only with the event.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Uid<'s> {
    /// The series of the segment `index` that starts on `from`: the first
    /// segment keeps the bare meeting id, later ones add their first
    /// date, so an edit to an earlier part of the history never renames
    /// a later series.
    Segment { meeting: &'s Meeting, index: usize, from: NaiveDate },
    /// An extra session.
    Extra { meeting: &'s Meeting, at: NaiveDateTime },
    /// One session exported on its own.
    Session { meeting: &'s Meeting, at: NaiveDateTime },
}

impl Uid<'_> {
    /// Appends the UID, `@domain` included.
    pub(crate) fn push_to(&self, out: &mut String, domain: &str) {
        match *self {
            Uid::Segment { meeting, index, from } => {
                out.push_str(meeting.id().as_str());
                if index > 0 {
                    out.push('-');
                    push_date(out, from);
                }
            }
            Uid::Extra { meeting, at } => {
                out.push_str(meeting.id().as_str());
                out.push_str("-extra-");
                push_minute(out, at);
            }
            Uid::Session { meeting, at } => {
                out.push_str(meeting.id().as_str());
                out.push('-');
                push_minute(out, at);
            }
        }
        out.push('@');
        out.push_str(domain);
    }

    pub(crate) fn to_string(self, domain: &str) -> String {
        let mut out = String::new();
        self.push_to(&mut out, domain);
        out
    }
}

/// `YYYYMMDDTHHMM`: a session's start in a UID.
fn push_minute(out: &mut String, at: NaiveDateTime) {
    push_date(out, at.date());
    out.push('T');
    push_two(out, at.hour());
    push_two(out, at.minute());
}

/// The UID of the segment that starts on `from`; see [`Uid::Segment`].
pub(crate) fn segment_uid(
    meeting: &Meeting,
    index: usize,
    from: NaiveDate,
    domain: &str,
) -> String {
    Uid::Segment { meeting, index, from }.to_string(domain)
}

/// The UID of an extra session.
pub(crate) fn extra_uid(
    meeting: &Meeting,
    at: NaiveDateTime,
    domain: &str,
) -> String {
    Uid::Extra { meeting, at }.to_string(domain)
}

/// The UID domain: the option, else the schedule URL's host.
pub(crate) fn domain(schedule: &Schedule, opts: &IcalOptions) -> String {
    if let Some(d) = &opts.domain {
        return d.clone();
    }
    let host = schedule.url().and_then(|url| {
        let rest = url.split_once("://")?.1;
        let host = rest.split(['/', ':', '?', '#']).next()?;
        let ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        ok.then(|| host.to_ascii_lowercase())
    });
    host.unwrap_or_else(|| "convenor.invalid".to_string())
}

/// Where a session starts and ends as written, and whether the wall
/// clock can be trusted with it.
pub(crate) fn stamps(
    tz: Zone,
    nominal: NaiveDateTime,
    duration: MeetingDuration,
) -> (Stamp, Stamp, bool) {
    let (start, fit) = resolve_local(tz, nominal);
    let end = start + duration.to_chrono();
    let simple = fit == Fit::Exact
        && end.naive_local() == nominal + duration.to_chrono()
        && resolve_local(tz, end.naive_local()).1 == Fit::Exact;
    if simple {
        (Stamp::Local(nominal), Stamp::Local(end.naive_local()), true)
    } else {
        let utc = |t: DateTime<Zone>| Stamp::Utc(t.with_timezone(&Utc));
        (utc(start), utc(end), false)
    }
}

/// What one export shares between meetings: a [`ZoneCursor`] per zone,
/// and the weekly walks already done.
#[derive(Debug, Default)]
pub(crate) struct Cursors {
    zones: ZoneCursors,
    walks: HashMap<Walk, Vec<NaiveDateTime>>,
}

impl Cursors {
    pub(crate) fn get(&mut self, tz: Zone) -> &mut ZoneCursor {
        cursor(&mut self.zones, tz)
    }

    /// [`Walk::run`], done once per distinct walk: a feed's meetings
    /// often share zone, weekday, time, length and first date, and the
    /// walk depends on nothing else.
    fn walk(&mut self, walk: Walk) -> &[NaiveDateTime] {
        let Cursors { zones, walks } = self;
        walks.entry(walk).or_insert_with(|| walk.run(cursor(zones, walk.tz)))
    }
}

fn cursor(zones: &mut ZoneCursors, tz: Zone) -> &mut ZoneCursor {
    zones.get(tz)
}

/// A weekly segment's sessions from `first` to `last` (inclusive) that
/// start before `horizon`: everything that decides which of them the wall
/// clock cannot carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Walk {
    tz: Zone,
    first: NaiveDate,
    last: NaiveDate,
    time: NaiveTime,
    duration: MeetingDuration,
    /// Days between sessions.
    step: i64,
    horizon: DateTime<Utc>,
}

impl Walk {
    /// The nominal starts of the sessions the wall clock cannot carry
    /// (a start in a gap or fold, or a clock change during the session),
    /// cancelled and moved ones included: jumps from one clock change to
    /// the next, since only sessions near one can be among them.
    fn run(&self, cursor: &mut ZoneCursor) -> Vec<NaiveDateTime> {
        let Walk { tz, first, last, time, duration, step, horizon } = *self;
        let length = i64::from(duration.minutes()) * 60;
        let mut found = Vec::new();
        let mut due = first;
        while due <= last {
            let nominal = due.and_time(time);
            let (start, fit, end) = cursor.session(nominal, length);
            if start.with_timezone(&Utc) >= horizon {
                break;
            }
            let steady = cursor.steady_until(nominal).filter(|_| {
                fit == Fit::Exact
                    && end.naive_local() == nominal + Duration::seconds(length)
            });
            let jump = match steady {
                // Start and end in one run of a single offset: the next
                // session to look at is the first that ends at or after
                // the run's end.
                Some(until) if end.naive_local() < until => {
                    let ahead = (until - end.naive_local()).num_seconds();
                    let week = step * 86_400;
                    ((ahead + week - 1) / week).max(1)
                }
                _ => {
                    if !stamps(tz, nominal, duration).2 {
                        found.push(nominal);
                    }
                    1
                }
            };
            let Some(next) =
                due.checked_add_signed(Duration::days(jump * step))
            else {
                break;
            };
            due = next;
        }
        found
    }
}

/// Appends every VEVENT of `meeting` to `events`, masters first, in a
/// stable order.
pub(crate) fn meeting_events<'s>(
    meeting: &'s Meeting,
    domain: &str,
    opts: &IcalOptions,
    cursors: &mut Cursors,
    events: &mut Vec<Event<'s>>,
) {
    let tz = meeting.zone();
    let changes = meeting.changes();
    let mut overrides = Vec::new();
    let mut uids: Vec<(NaiveDate, NaiveDate, Uid<'s>)> = Vec::new();

    // Cancelled and moved sessions, by due date.
    let mut cancelled: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    let mut moved: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for (i, c) in changes.iter().enumerate() {
        match c.kind {
            ChangeKind::Cancel { date } => {
                cancelled.insert(date, i);
            }
            ChangeKind::Move { date, .. } => {
                moved.insert(date, i);
            }
            _ => {}
        }
    }

    for (index, segment) in meeting.segments().iter().enumerate() {
        let Some(first) = segment.first_session() else { continue };
        let time = segment.rule().time().to_naive();
        let last_date = segment.last().unwrap_or(NaiveDate::MAX);
        let uid = Uid::Segment { meeting, index, from: segment.from() };
        let touching: Vec<&Change> = changes
            .iter()
            .filter(|c| touches(c, segment.from(), last_date))
            .collect();
        let sequence = touching.len();
        let last_modified = touching.iter().filter_map(|c| c.announced).max();
        // An override of the instance due at `recurrence_id`.
        let override_of = |recurrence_id, start, end, note| Event {
            meeting,
            uid,
            sequence,
            last_modified,
            start,
            length: Length::End(end),
            kind: Kind::Override { recurrence_id },
            note,
        };

        // Walk the sessions up to the horizon for those the wall clock
        // cannot carry (for overrides); find the last one (for UNTIL) and
        // the cancelled ones (EXDATE).
        let open = segment.last().is_none();
        let mut last_due = None;
        let mut exdates = Vec::new();
        let mut override_at = |nominal: NaiveDateTime| {
            let (s, e, _) = stamps(tz, nominal, segment.duration());
            overrides.push(override_of(nominal, s, e, None));
        };
        if let Pattern::Weekly { every, .. } = segment.rule().pattern() {
            let step = 7 * i64::from(every.weeks());
            let walk = Walk {
                tz,
                first: first.date(),
                last: last_date,
                time,
                duration: segment.duration(),
                step,
                horizon: opts.horizon,
            };
            for &nominal in cursors.walk(walk) {
                let due = nominal.date();
                if !cancelled.contains_key(&due) && !moved.contains_key(&due) {
                    override_at(nominal);
                }
            }
            if !open {
                let steps = (last_date - first.date()).num_days() / step;
                last_due = Some(
                    (first.date() + Duration::days(steps * step))
                        .and_time(time),
                );
            }
            for &due in
                cancelled.range(segment.from()..=last_date).map(|(d, _)| d)
            {
                let nominal = due.and_time(time);
                if open
                    && cursors.get(tz).resolve(nominal).0.with_timezone(&Utc)
                        >= opts.horizon
                {
                    break;
                }
                exdates.push(nominal);
            }
        } else {
            let cursor = cursors.get(tz);
            for due in segment.due_dates(first.date()) {
                if due > last_date {
                    break;
                }
                let nominal = due.and_time(time);
                let start = cursor.resolve(nominal).0;
                if open && start.with_timezone(&Utc) >= opts.horizon {
                    break;
                }
                last_due = Some(nominal);
                if cancelled.contains_key(&due) {
                    exdates.push(nominal);
                    continue;
                }
                if moved.contains_key(&due)
                    || start.with_timezone(&Utc) >= opts.horizon
                {
                    continue;
                }
                if !stamps(tz, nominal, segment.duration()).2 {
                    override_at(nominal);
                }
            }
        }
        for (&due, &i) in moved.range(segment.from()..=last_date) {
            let ChangeKind::Move { to, duration, .. } = &changes[i].kind
            else {
                continue;
            };
            let (s, e, _) =
                stamps(tz, *to, duration.unwrap_or(segment.duration()));
            let note = changes[i].note.as_deref();
            overrides.push(override_of(due.and_time(time), s, e, note));
        }

        let until = match (segment.last(), last_due) {
            (Some(_), Some(last)) => {
                let instant = resolve_local(tz, last).0.with_timezone(&Utc)
                    + UNTIL_MARGIN;
                Some(instant)
            }
            _ => None,
        };
        let related_to = uids.last().map(|&(_, _, u)| u);
        uids.push((segment.from(), last_date, uid));
        events.push(Event {
            meeting,
            uid,
            sequence,
            last_modified,
            start: Stamp::Local(first),
            length: Length::Duration(segment.duration()),
            kind: Kind::Master { segment, until, exdates, related_to },
            note: None,
        });
    }

    for change in changes {
        let ChangeKind::Extra { at, duration } = &change.kind else {
            continue;
        };
        let in_force = meeting.segment_on(at.date());
        let length = duration
            .or(in_force.map(Segment::duration))
            .unwrap_or(meeting.duration());
        let (s, e, _) = stamps(tz, *at, length);
        let related_to = uids
            .iter()
            .find(|(from, last, _)| (*from..=*last).contains(&at.date()))
            .map(|&(_, _, u)| u);
        events.push(Event {
            meeting,
            uid: Uid::Extra { meeting, at: *at },
            sequence: 0,
            last_modified: change.announced,
            start: s,
            length: Length::End(e),
            kind: Kind::OneOff { related_to },
            note: change.note.as_deref(),
        });
    }
    overrides.sort_by_cached_key(|e| match e.kind {
        Kind::Override { recurrence_id } => {
            (e.uid.to_string(domain), recurrence_id)
        }
        _ => (e.uid.to_string(domain), NaiveDateTime::MIN),
    });
    events.extend(overrides);
}

/// Whether a change alters the series of a segment running from `from` to
/// `last`: its reschedules and cancellations inside it, and the reschedule
/// or end that cuts it short.
fn touches(c: &Change, from: NaiveDate, last: NaiveDate) -> bool {
    let inside = |d: NaiveDate| from <= d && d <= last;
    match &c.kind {
        ChangeKind::Reschedule(r) => {
            inside(r.effective) || last.succ_opt() == Some(r.effective)
        }
        ChangeKind::End { effective } => last.succ_opt() == Some(*effective),
        ChangeKind::Cancel { date } | ChangeKind::Move { date, .. } => {
            inside(*date)
        }
        ChangeKind::Extra { .. } => false,
    }
}

/// Appends the RRULE text of a segment (RFC 5545 §3.3.10), from our own
/// model, never from rrule's Display (it writes local UNTILs with `Z`).
pub(crate) fn push_rrule(
    out: &mut String,
    segment: &Segment,
    until: Option<DateTime<Utc>>,
) {
    let start = out.len();
    match segment.rule().pattern() {
        Pattern::Weekly { day, every } => {
            out.push_str("FREQ=WEEKLY");
            if every.weeks() > 1 {
                out.push_str(";INTERVAL=");
                push_number(out, every.weeks().into());
            }
            out.push_str(";BYDAY=");
            out.push_str(convenor_core::weekday_code(*day));
        }
        Pattern::RRule(r) => {
            let parts = r
                .as_str()
                .split(';')
                .filter(|part| !part.is_empty())
                // COUNT and UNTIL must not both appear; a cut segment's
                // UNTIL already says where it stops.
                .filter(|part| until.is_none() || !part.starts_with("COUNT="));
            for (i, part) in parts.enumerate() {
                if i > 0 {
                    out.push(';');
                }
                out.push_str(part);
            }
        }
    }
    if let Some(u) = until {
        if out.len() > start {
            out.push(';');
        }
        out.push_str("UNTIL=");
        push_utc(out, u);
    }
}

/// The UNTIL of the RRULE [`push_rrule`] writes, as a reader of the feed
/// gets it back: ours (a schedule's RRULE has none), unless it is past
/// year 9999, where the text (`+10000…`) is no DATE-TIME and the series
/// reads as endless.
pub(crate) fn rrule_until(
    until: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    until.filter(|u| u.year() <= 9999)
}
