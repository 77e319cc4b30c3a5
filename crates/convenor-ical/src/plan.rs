//! What a schedule becomes in iCalendar terms, before any text: one master
//! VEVENT per series segment, overrides for moved sessions and for
//! sessions real clients would misplace, one-off VEVENTs for extras.
//!
//! The choices, each because a real client gets the alternative wrong
//! (the interop tests show each):
//! - DTSTART is always the segment's first session (ical.js drops a
//!   DTSTART the rule does not match);
//! - masters give `DURATION`, not a local `DTEND`, so the length is exact
//!   in ical.js and Python; but when the first session spans a clock
//!   change, `DTEND` in UTC, because libical adds a DURATION on the wall
//!   clock and gives every instance that length ([`master_length`]);
//! - a session whose start falls in a fold, or that spans a clock change,
//!   gets an override with DTSTART/DTEND in UTC: ical.js and Python
//!   resolve such local times differently, UTC they all read alike;
//! - no RRULE steps through a spring-forward gap at its session time, nor
//!   through a session during which the clocks go forward, and no
//!   DTSTART, EXDATE or RECURRENCE-ID of a series names a time in a
//!   fold, except an override restating an unchanged session: libical
//!   and node-ical misplace such instances and then match no override or
//!   EXDATE to them. The series is cut around such a session, which is
//!   its own VEVENT in UTC ([`parts`]);
//! - no RRULE steps across a change of a day or more (a skipped or
//!   repeated day): libical's weekly step there is off by the day. The
//!   series is cut there, no session left out ([`parts`]);
//! - extras are their own VEVENTs (an RDATE equal to an instance is listed
//!   twice by ical.js, and `RDATE;VALUE=PERIOD` makes it throw);
//! - a segment that ends gets `UNTIL` in UTC a few hours after its last
//!   session (RFC 5545 §3.3.10: inclusive, UTC with a TZID DTSTART), so
//!   a client that places a DST-edge session an hour late still keeps it.

use std::collections::HashMap;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime,
    Timelike, Utc, Weekday,
};
use convenor_core::__private::{ZoneCursor, ZoneCursors};
use convenor_core::{
    resolve_local, Fit, Meeting, MeetingDuration, Pattern, Schedule, Segment,
    Zone,
};

use crate::wire::{
    push_date, push_number, push_two, push_utc, weekday_code, weekday_of_code,
};
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
    /// segment keeps the bare meeting id, later ones add `--` and their
    /// first date, so an edit to an earlier part of the history never
    /// renames a later series.
    Segment { meeting: &'s Meeting, index: usize, from: NaiveDate },
    /// A later part of a segment cut around sessions due in a DST gap
    /// (see [`parts`]), by its first date.
    Part { meeting: &'s Meeting, from: NaiveDate },
    /// An extra session.
    Extra { meeting: &'s Meeting, at: NaiveDateTime },
    /// One session exported on its own: "add this session to my
    /// calendar", or a session due in a DST gap (see [`parts`]).
    Session { meeting: &'s Meeting, at: NaiveDateTime },
}

impl Uid<'_> {
    /// Appends the UID, `@domain` included.
    pub(crate) fn push_to(&self, out: &mut String, domain: &str) {
        match *self {
            // `--`, which no meeting id contains: a later series' UID
            // can never be another meeting's.
            Uid::Segment { meeting, index, from } => {
                out.push_str(meeting.id().as_str());
                if index > 0 {
                    out.push_str("--");
                    push_date(out, from);
                }
            }
            Uid::Part { meeting, from } => {
                out.push_str(meeting.id().as_str());
                out.push_str("--");
                push_date(out, from);
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

/// The UID of an extra session.
pub(crate) fn extra_uid(
    meeting: &Meeting,
    at: NaiveDateTime,
    domain: &str,
) -> String {
    Uid::Extra { meeting, at }.to_string(domain)
}

/// The UID domain ([`IcalOptions::uid_domain`]).
pub(crate) fn domain(schedule: &Schedule, opts: &IcalOptions) -> String {
    opts.uid_domain(schedule)
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
    walks: HashMap<Walk, Walked>,
}

impl Cursors {
    pub(crate) fn get(&mut self, tz: Zone) -> &mut ZoneCursor {
        cursor(&mut self.zones, tz)
    }

    /// [`Walk::run`], done once per distinct walk: a feed's meetings
    /// often share zone, weekday, time, length and first date, and the
    /// walk depends on nothing else.
    fn walk(&mut self, walk: Walk) -> &Walked {
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

/// What a [`Walk`] finds.
#[derive(Clone, Debug, Default)]
struct Walked {
    /// The nominal starts of the sessions the wall clock cannot carry (a
    /// start in a gap or fold, or a clock change during the session),
    /// cancelled and moved ones included.
    unsteady: Vec<NaiveDateTime>,
    /// The due dates whose session's UTC offset differs from the previous
    /// session's by a day or more: the rule steps across a skipped or
    /// repeated day to reach them.
    leaps: Vec<NaiveDate>,
}

impl Walk {
    /// Jumps from one clock change to the next, since only sessions near
    /// one can be [`Walked`]'s.
    fn run(&self, cursor: &mut ZoneCursor) -> Walked {
        let Walk { tz, first, last, time, duration, step, horizon } = *self;
        let length = i64::from(duration.minutes()) * 60;
        let mut found = Walked::default();
        // The offset of the last session looked at: a jump skips only
        // sessions of the same offset, so it is the previous session's.
        let mut offset = None;
        let mut due = first;
        while due <= last {
            let nominal = due.and_time(time);
            let (start, fit, end) = cursor.session(nominal, length);
            if start.with_timezone(&Utc) >= horizon {
                break;
            }
            let now = start.offset().seconds();
            if offset.is_some_and(|o: i32| (now - o).abs() >= 86_400) {
                found.leaps.push(due);
            }
            offset = Some(now);
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
                        found.unsteady.push(nominal);
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

/// A stretch of a segment written as one master VEVENT: the whole segment,
/// unless sessions that clients misplace cut it (see [`parts`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Part<'s> {
    /// The date of its first session (DTSTART).
    pub(crate) first: NaiveDate,
    /// The last date a session of it may fall on (inclusive).
    pub(crate) last: NaiveDate,
    pub(crate) uid: Uid<'s>,
}

/// How a segment is written: its parts, and the due dates left out of
/// every part, whose sessions (unless cancelled) are each their own VEVENT
/// at their instant. A session is left out of the series when
///
/// - it is due in a spring-forward gap. libical reads a local time in a
///   gap with the offset after the gap (RFC 5545 §3.3.5 says before;
///   upstream libical issue #1402), so no RECURRENCE-ID or EXDATE names
///   that instance for it; and its RRULE arithmetic (in an ICU calendar)
///   carries the gap day's shifted time into the next instance, an hour
///   late;
/// - under an RRULE pattern, a day of its month (for a MONTHLY rule) is a
///   gap at the session's time. libical expands the month in its ICU
///   calendar, which shifts the month's session an hour late (Berlin,
///   02:00 on the second Tuesday of March 2024, the gap being on 31
///   March); node-ical steps from the month's first day, so when that day
///   is the gap day (Adelaide, 02:00, 1 October 2023) the session and
///   every later one are an hour late. A YEARLY rule's year and a WEEKLY
///   rule's week are treated alike (not measured; the same arithmetic);
/// - the clocks go forward while it runs, not at its start (Nuuk from
///   2024: Saturday 22:30 for an hour, and 23:00 becomes 00:00). libical
///   lists the next week's session an hour late. Measured with Debian
///   12's libical, whose ICU (tz 2022e) still has Nuuk's old rules,
///   which put a gap at 22:00–23:00 that night: a session in a gap of
///   the reader's tz data. A session that only meets that stale gap
///   (22:00 for 30 minutes) drifts alike and cannot be told from the
///   export (see interop/README.md); sessions the clocks go forward in
///   elsewhere (Los Angeles, Berlin, Santiago, Havana, Lord Howe) came
///   out right with an override. The clocks going back during a session
///   cut nothing: its override in UTC is right in all four clients,
///   while a session on its own there would end in the fold, which
///   recurring-ical-events 3.8.2 reads at the first of the two times
///   when the feed has X-WR-TIMEZONE;
/// - it is due in a fall-back fold and is cancelled or moved, or would be
///   a part's first session (DTSTART). node-ical reads a local time in a
///   fold (RECURRENCE-ID, EXDATE) at the later instant but puts the
///   instance at the earlier one, so it ignores the override and keeps
///   the instance; ical.js puts the instance at the later one, and after
///   an EXDATE that names no instance of it (the earlier one, in UTC) it
///   skips the check of the next EXDATE. No override or EXDATE names that
///   instance for all four clients; an unchanged one needs none, its
///   override restates the instance (in UTC) for ical.js.
///
/// So no RRULE of ours steps through such a time. The segment is cut
/// around each of those sessions (up to the horizon, as overrides are);
/// the first part keeps the segment's UID (it starts with the segment's
/// first session that is not left out), each later part is named by its
/// first date. A segment without such sessions is one part under the
/// segment's UID, as before.
///
/// A segment is also cut, no session left out, between two sessions
/// whose UTC offsets differ by a day or more: Samoa skipped Friday 30
/// December 2011 (-10:00 to +14:00), and libical lists a weekly Saturday
/// 10:00 session's 31 December a day late (at 2011-12-31T20:00Z, not
/// 2011-12-30T20:00Z). ICU, which does libical's RRULE arithmetic, adds
/// days keeping the wall clock only up to a change of less than a day
/// (`Calendar::add` takes the offset change modulo 24 hours). The part
/// before ends with the last session before the change, the next starts
/// with the first after it; its DTSTART, a local time after the change,
/// every client reads alike.
pub(crate) fn parts<'s>(
    meeting: &'s Meeting,
    index: usize,
    horizon: DateTime<Utc>,
    cursors: &mut Cursors,
) -> (Vec<Part<'s>>, Vec<NaiveDate>) {
    let segment = &meeting.segments()[index];
    let Some(first) = segment.first_session() else {
        return (Vec::new(), Vec::new());
    };
    let tz = meeting.zone();
    let time = segment.rule().time().to_naive();
    let last = segment.last().unwrap_or(NaiveDate::MAX);
    // A session due in a fold is left out when it is cancelled or moved.
    let changed = |due: NaiveDate| {
        meeting.cancelled(due).is_some() || meeting.moved(due).is_some()
    };
    let duration = segment.duration();
    let left_out =
        |cursor: &mut ZoneCursor, nominal: NaiveDateTime| match cursor
            .resolve(nominal)
            .1
        {
            Fit::Gap => true,
            Fit::Fold => changed(nominal.date()),
            Fit::Exact => springs_forward_inside(cursor, nominal, duration),
        };
    let mut alone = Vec::new();
    // Due dates a new part starts on though no session is left out: the
    // rule would step across a day-long change to reach them.
    let mut leaps = Vec::new();
    match segment.rule().pattern() {
        Pattern::Weekly { every, .. } => {
            // Only sessions the wall clock cannot carry can start in a
            // gap or fold.
            let walk = Walk {
                tz,
                first: first.date(),
                last,
                time,
                duration,
                step: 7 * i64::from(every.weeks()),
                horizon,
            };
            let Walked { unsteady, leaps: found } = cursors.walk(walk).clone();
            let cursor = cursors.get(tz);
            alone.extend(
                unsteady
                    .into_iter()
                    .filter(|&n| left_out(cursor, n))
                    .map(|n| n.date()),
            );
            leaps = found;
        }
        Pattern::RRule(rule) => {
            let cursor = cursors.get(tz);
            let mut offset = None;
            for due in segment.due_dates(first.date()) {
                if due > last {
                    break;
                }
                let (start, _) = cursor.resolve(due.and_time(time));
                if start.with_timezone(&Utc) >= horizon {
                    break;
                }
                let now = start.offset().seconds();
                if offset.is_some_and(|o: i32| (now - o).abs() >= 86_400) {
                    leaps.push(due);
                }
                offset = Some(now);
                let period_in_gap =
                    period(rule.as_str(), due).is_some_and(|(from, to)| {
                        from.iter_days().take_while(|&d| d <= to).any(|d| {
                            cursor.resolve(d.and_time(time)).1 == Fit::Gap
                        })
                    });
                if period_in_gap || left_out(cursor, due.and_time(time)) {
                    alone.push(due);
                }
            }
        }
    }

    let mut parts = Vec::with_capacity(alone.len() + 1);
    let mut folds = Vec::new();
    let cursor = cursors.get(tz);
    let mut part = |from: NaiveDate, to: NaiveDate| {
        // A first session in a fold goes on its own, too.
        let mut from = Some(from);
        while let Some(f) = from.filter(|&f| {
            f <= to && cursor.resolve(f.and_time(time)).1 == Fit::Fold
        }) {
            folds.push(f);
            from = f.succ_opt().and_then(|n| segment.due_dates(n).next());
        }
        let Some(from) = from.filter(|&f| f <= to) else { return };
        let uid = if parts.is_empty() {
            Uid::Segment { meeting, index, from: segment.from() }
        } else {
            Uid::Part { meeting, from }
        };
        parts.push(Part { first: from, last: to, uid });
    };
    // A session left out ends a part and the next starts after it; a
    // leap ends a part and the next starts on it (a leap sorts before a
    // session left out on the same date).
    let mut cuts: Vec<(NaiveDate, bool)> = leaps
        .iter()
        .map(|&d| (d, false))
        .chain(alone.iter().map(|&d| (d, true)))
        .collect();
    cuts.sort_unstable();
    let mut from = Some(first.date());
    for (cut, leave_out) in cuts {
        if let Some(f) = from.filter(|&f| f < cut) {
            part(f, cut.pred_opt().unwrap_or(cut));
        }
        from = if leave_out {
            cut.succ_opt().and_then(|next| segment.due_dates(next).next())
        } else {
            from.map(|f| f.max(cut))
        };
    }
    if let Some(f) = from.filter(|&f| f <= last) {
        part(f, last);
    }
    alone.extend(folds);
    alone.sort_unstable();
    (parts, alone)
}

/// Whether the clocks go forward while the session due at `nominal`
/// runs, not at its start: its start exists once and the UTC offset of
/// its last second is greater.
fn springs_forward_inside(
    cursor: &mut ZoneCursor,
    nominal: NaiveDateTime,
    duration: MeetingDuration,
) -> bool {
    let length = i64::from(duration.minutes()) * 60;
    let (start, fit, end) = cursor.session(nominal, length - 1);
    fit == Fit::Exact && end.offset().seconds() > start.offset().seconds()
}

/// The days of the period of an RRULE's FREQ that `date` lies in, first
/// and last (RFC 5545 §3.3.10; WKST defaults to Monday), or `None` for
/// DAILY.
fn period(rrule: &str, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let part = |name: &str| {
        rrule.split(';').find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
    };
    let (first, next) = match part("FREQ")? {
        "MONTHLY" => {
            let first = date.with_day(1)?;
            (first, first.checked_add_months(chrono::Months::new(1))?)
        }
        "YEARLY" => {
            let first = date.with_ordinal(1)?;
            (first, first.with_year(first.year() + 1)?)
        }
        "WEEKLY" => {
            let code = part("WKST").unwrap_or("MO");
            let wkst = weekday_of_code(code).unwrap_or(Weekday::Mon);
            let first = date.week(wkst).first_day();
            (first, first + Duration::days(7))
        }
        _ => return None,
    };
    Some((first, next.pred_opt()?))
}

/// A master's length: `DURATION` when its first session is simple, else
/// `DTEND` in UTC when its start is exact. libical adds a DURATION on the
/// wall clock (PT90M from 23:30 on the night the clocks go back ends at
/// "01:00" read after the change, 150 minutes) and gives every instance
/// that length; DTEND − DTSTART as instants is the length in every client.
/// A start in a fold keeps DURATION: clients read that DTSTART at
/// different instants, and a DTEND would give each another length.
///
/// Through the zone's cursor, as [`stamps`] decides it: this runs for
/// every master of a feed.
fn master_length(
    cursor: &mut ZoneCursor,
    first: NaiveDateTime,
    duration: MeetingDuration,
) -> Length {
    let length = i64::from(duration.minutes()) * 60;
    let (_, fit, end) = cursor.session(first, length);
    let wall_end = end.naive_local();
    let simple = wall_end == first + Duration::seconds(length)
        && cursor.resolve(wall_end).1 == Fit::Exact;
    if fit == Fit::Exact && !simple {
        Length::End(Stamp::Utc(end.with_timezone(&Utc)))
    } else {
        Length::Duration(duration)
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
    let mut overrides = Vec::new();
    let mut one_offs = Vec::new();
    let mut uids: Vec<(NaiveDate, NaiveDate, Uid<'s>)> = Vec::new();

    // Cancelled and moved sessions, by due date, as the core folded them.
    let cancelled = |due: NaiveDate| meeting.cancelled(due).is_some();
    let moved = |due: NaiveDate| meeting.moved(due).is_some();

    for (index, segment) in meeting.segments().iter().enumerate() {
        let time = segment.rule().time().to_naive();
        // The series' revision: how many changes shape it, and the last
        // announced.
        let (sequence, last_modified) =
            meeting.segment_changes(index).fold((0, None), |(n, last), c| {
                (n + 1, last.max(c.change.announced))
            });
        let (parts, alone) = parts(meeting, index, opts.horizon, cursors);
        // A rule's COUNT counts from the segment's first session: a later
        // part ends by UNTIL instead.
        let counted = matches!(
            segment.rule().pattern(),
            Pattern::RRule(r) if r.count().is_some()
        );
        let n_parts = parts.len();

        for (k, part) in parts.into_iter().enumerate() {
            let Part { first: first_date, last: part_last, uid } = part;
            let first = first_date.and_time(time);
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
            // cannot carry (for overrides); find the last one (for UNTIL)
            // and the cancelled ones (EXDATE).
            let open = k + 1 == n_parts
                && segment.last().is_none()
                && !(k > 0 && counted);
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
                    first: first_date,
                    last: part_last,
                    time,
                    duration: segment.duration(),
                    step,
                    horizon: opts.horizon,
                };
                for &nominal in &cursors.walk(walk).unsteady {
                    let due = nominal.date();
                    if !cancelled(due) && !moved(due) {
                        override_at(nominal);
                    }
                }
                if !open {
                    let steps = (part_last - first_date).num_days() / step;
                    last_due = Some(
                        (first_date + Duration::days(steps * step))
                            .and_time(time),
                    );
                }
                for due in meeting
                    .cancellations(first_date..=part_last)
                    .map(|c| c.due())
                {
                    let nominal = due.and_time(time);
                    if open
                        && cursors
                            .get(tz)
                            .resolve(nominal)
                            .0
                            .with_timezone(&Utc)
                            >= opts.horizon
                    {
                        break;
                    }
                    exdates.push(nominal);
                }
            } else {
                let cursor = cursors.get(tz);
                for due in segment.due_dates(first_date) {
                    if due > part_last {
                        break;
                    }
                    let nominal = due.and_time(time);
                    let start = cursor.resolve(nominal).0;
                    if open && start.with_timezone(&Utc) >= opts.horizon {
                        break;
                    }
                    last_due = Some(nominal);
                    if cancelled(due) {
                        exdates.push(nominal);
                        continue;
                    }
                    if moved(due) || start.with_timezone(&Utc) >= opts.horizon
                    {
                        continue;
                    }
                    if !stamps(tz, nominal, segment.duration()).2 {
                        override_at(nominal);
                    }
                }
            }
            for m in meeting.moves(first_date..=part_last) {
                let (s, e, _) = stamps(tz, m.to(), m.duration());
                let (due, note) = (m.due().and_time(time), m.change().note());
                overrides.push(override_of(due, s, e, note));
            }

            let until = match (open, last_due) {
                (false, Some(last)) => {
                    let instant =
                        resolve_local(tz, last).0.with_timezone(&Utc)
                            + UNTIL_MARGIN;
                    Some(instant)
                }
                _ => None,
            };
            let related_to = uids.last().map(|&(_, _, u)| u);
            uids.push((first_date, part_last, uid));
            events.push(Event {
                meeting,
                uid,
                sequence,
                last_modified,
                start: Stamp::Local(first),
                length: master_length(
                    cursors.get(tz),
                    first,
                    segment.duration(),
                ),
                kind: Kind::Master { segment, until, exdates, related_to },
                note: None,
            });
        }

        // The sessions left out of the series (see [`parts`]), each on its
        // own, moved where a change moved it; a cancelled one is not
        // written.
        let segment_uid =
            Uid::Segment { meeting, index, from: segment.from() };
        for due in alone {
            if cancelled(due) {
                continue;
            }
            let nominal = due.and_time(time);
            let (at, length, note) = match meeting.moved(due) {
                Some(m) => (m.to(), m.duration(), m.change().note()),
                None => (nominal, segment.duration(), None),
            };
            let (s, e, _) = stamps(tz, at, length);
            let related_to = uids
                .iter()
                .rev()
                .find(|&&(from, _, _)| from < due)
                .map_or(segment_uid, |&(_, _, u)| u);
            one_offs.push(Event {
                meeting,
                uid: Uid::Session { meeting, at: nominal },
                sequence,
                last_modified,
                start: s,
                length: Length::End(e),
                kind: Kind::OneOff { related_to: Some(related_to) },
                note,
            });
        }
    }
    events.extend(one_offs);

    // In the order of the history, as feeds have always listed them.
    let mut extras: Vec<_> = meeting.extras().collect();
    extras.sort_by_key(|e| e.change().index);
    for extra in extras {
        let at = extra.at();
        let (s, e, _) = stamps(tz, at, extra.duration());
        let related_to = uids
            .iter()
            .find(|(from, last, _)| (*from..=*last).contains(&at.date()))
            .map(|&(_, _, u)| u);
        events.push(Event {
            meeting,
            uid: Uid::Extra { meeting, at },
            sequence: 0,
            last_modified: extra.change().announced(),
            start: s,
            length: Length::End(e),
            kind: Kind::OneOff { related_to },
            note: extra.change().note(),
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

/// The UID of the VEVENT a regular session due on `due` belongs to,
/// given its segment's [`parts`]: its part's series, or its own when it
/// is left out of them.
pub(crate) fn session_uid(
    meeting: &Meeting,
    index: usize,
    (parts, alone): &(Vec<Part<'_>>, Vec<NaiveDate>),
    due: NaiveDate,
    domain: &str,
) -> String {
    let segment = &meeting.segments()[index];
    let uid = if alone.binary_search(&due).is_ok() {
        let time = segment.rule().time().to_naive();
        Uid::Session { meeting, at: due.and_time(time) }
    } else {
        parts.iter().rev().find(|p| p.first <= due).map_or(
            Uid::Segment { meeting, index, from: segment.from() },
            |p| p.uid,
        )
    };
    uid.to_string(domain)
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
            out.push_str(weekday_code(*day));
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// One meeting in `zone` (`spec` holds its rule lines).
    fn one(zone: &str, spec: &str) -> Schedule {
        Schedule::from_toml_str(&format!(
            "name = \"x\"\ntimezone = \"{zone}\"\n[[meetings]]\nid = \"m\"\n\
             name = \"M\"\n{spec}\n"
        ))
        .expect("a valid schedule")
    }

    /// A weekly meeting in `zone`: `extra` holds more lines (`ends`).
    fn weekly(
        zone: &str,
        (day, time): (&str, &str),
        minutes: u32,
        starts: &str,
        extra: &str,
    ) -> Schedule {
        one(
            zone,
            &format!(
                "weekly = {{ day = \"{day}\", time = \"{time}\" }}\n\
                 duration = \"{minutes}m\"\nstarts = \"{starts}\"\n{extra}"
            ),
        )
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The first segment's parts as `(first, last, UID)`, and the sessions
    /// left out of them, up to a horizon in 2026.
    fn cut(
        schedule: &Schedule,
    ) -> (Vec<(NaiveDate, NaiveDate, String)>, Vec<NaiveDate>) {
        let horizon = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let meeting = &schedule.meetings()[0];
        let (parts, alone) =
            parts(meeting, 0, horizon, &mut Cursors::default());
        let parts = parts
            .iter()
            .map(|p| (p.first, p.last, p.uid.to_string("d")))
            .collect();
        (parts, alone)
    }

    /// Nuuk, Saturday 22:30 for an hour: on 30 March 2024 and 29 March
    /// 2025 the clocks go forward from 23:00 to 00:00 during the session.
    /// Each is on its own and the series resumes the week after.
    #[test]
    fn a_session_the_clocks_go_forward_in_cuts_its_series() {
        let s = weekly(
            "America/Nuuk",
            ("saturday", "22:30"),
            60,
            "2024-03-02",
            "",
        );
        let (parts, alone) = cut(&s);
        assert_eq!(alone, [date(2024, 3, 30), date(2025, 3, 29)]);
        assert_eq!(
            parts,
            [
                (date(2024, 3, 2), date(2024, 3, 29), "m@d".into()),
                (date(2024, 4, 6), date(2025, 3, 28), "m--20240406@d".into()),
                (date(2025, 4, 5), NaiveDate::MAX, "m--20250405@d".into()),
            ]
        );
    }

    /// The clocks going back during a session cut nothing: its override
    /// in UTC is right in all four clients, and a session on its own
    /// there would end in the fold, which recurring-ical-events reads at
    /// the first of the two times when the feed has X-WR-TIMEZONE.
    /// Nor does a session that ends as the clocks go forward, nor one
    /// that starts as they do (03:00 in Los Angeles).
    #[test]
    fn other_sessions_around_a_clock_change_cut_nothing() {
        for (zone, day, time, minutes, starts) in [
            ("America/Nuuk", "saturday", "22:30", 120, "2024-09-07"),
            ("America/Los_Angeles", "sunday", "01:00", 60, "2024-03-03"),
            ("America/Los_Angeles", "sunday", "03:00", 60, "2024-03-03"),
        ] {
            let ends = "ends = \"2024-12-31\"";
            let s = weekly(zone, (day, time), minutes, starts, ends);
            let (parts, alone) = cut(&s);
            assert_eq!(alone, [], "{zone} {time}");
            assert_eq!(parts.len(), 1, "{zone} {time}: {parts:?}");
        }
    }

    /// Samoa skipped Friday 30 December 2011 (-10:00 to +14:00). A
    /// Saturday series ends with 24 December and a new one starts on 31
    /// December: no session is left out. A Friday session on the
    /// skipped day is on its own (a gap), and the series resumes the
    /// week after.
    #[test]
    fn a_skipped_day_cuts_the_series_that_steps_across_it() {
        let saturday = weekly(
            "Pacific/Apia",
            ("saturday", "10:00"),
            60,
            "2011-12-03",
            "",
        );
        let (parts, alone) = cut(&saturday);
        assert_eq!(alone, []);
        assert_eq!(
            parts,
            [
                (date(2011, 12, 3), date(2011, 12, 30), "m@d".into()),
                (date(2011, 12, 31), NaiveDate::MAX, "m--20111231@d".into()),
            ]
        );

        let friday =
            weekly("Pacific/Apia", ("friday", "19:00"), 60, "2011-12-02", "");
        let (parts, alone) = cut(&friday);
        assert_eq!(alone, [date(2011, 12, 30)]);
        assert_eq!(
            parts,
            [
                (date(2011, 12, 2), date(2011, 12, 29), "m@d".into()),
                (date(2012, 1, 6), NaiveDate::MAX, "m--20120106@d".into()),
            ]
        );
    }

    /// An RRULE series is cut alike: a rule that steps from 15 November
    /// to 15 January, across the skipped day (its months have no gap),
    /// starts a new part on 15 January.
    #[test]
    fn a_skipped_day_cuts_an_rrule_series_too() {
        let s = one(
            "Pacific/Apia",
            "rrule = \"FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15\"\n\
             time = \"10:00\"\nduration = \"60m\"\n\
             starts = \"2011-11-01\"\nends = \"2012-03-31\"",
        );
        let (parts, alone) = cut(&s);
        assert_eq!(alone, []);
        assert_eq!(
            parts,
            [
                (date(2011, 11, 15), date(2012, 1, 14), "m@d".into()),
                (date(2012, 1, 15), date(2012, 3, 31), "m--20120115@d".into()),
            ]
        );
    }
}
