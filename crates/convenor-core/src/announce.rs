//! The meeting list as a convenor posts it: one line per meeting, in the
//! schedule's zone as people say it ("Saturday: 7:00am Pacific (Starts
//! November 12th)"), the same time in other zones for the week in
//! question, and a footnote for each change announced since a date.
//! Built here so every view (CLI text, Markdown, HTML, the schedule page)
//! lists the same thing; the views only lay it out.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Timelike, Weekday};

use crate::error::Result;
use crate::meeting::{Meeting, Segment};
use crate::occurrence::{Occurrence, Status, Window};
use crate::rule::{Pattern, Rule};
use crate::schedule::{ChangeRef, Schedule};
use crate::values::LocalTime;
use crate::words::{day_name, time12, zone_label, Recurrence};
use crate::zone::Zone;

/// The list, as published on a date ([`Schedule::announcement`]).
///
/// ```
/// use chrono::NaiveDate;
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let list = seed.announcement(day, None, &[])?;
/// assert_eq!(list.lines.len(), 6);
/// assert_eq!(list.meeting(&list.lines[0]).id().as_str(), "co-occurring-sunday");
/// assert!(list.to_string().starts_with("LifeRing Co-Occurring Disorders Meetings\n"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Announcement {
    /// The date the list is as published on.
    pub as_of: NaiveDate,
    /// The schedule as published on the date (changes announced later
    /// left out).
    pub schedule: Schedule,
    /// One line per meeting that has a session on or after the date:
    /// those already running first, then the ones still to start, each
    /// group Sunday to Saturday.
    pub lines: Vec<Line>,
    /// The changes the lines point to, in the order of the dates they
    /// are about ([`Change::date`](crate::Change::date)), as `(meeting
    /// index, change index)` into [`Announcement::schedule`]; footnote
    /// `i` is numbered `i + 1` ([`mark`]).
    pub footnotes: Vec<(usize, usize)>,
}

/// One meeting's line.
///
/// ```
/// use chrono::NaiveDate;
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let london = "Europe/London".parse()?;
/// let list = seed.announcement(day, None, &[london])?;
/// let saturday = &list.lines[5];
/// assert_eq!(saturday.when, "Saturday: 7:00am Pacific");
/// assert_eq!(saturday.starts, NaiveDate::from_ymd_opt(2022, 11, 12));
/// assert_eq!(
///     saturday.text(),
///     "Saturday: 7:00am Pacific · 3:00pm London (2:00pm from March 18th, \
///      3:00pm from April 1st) (Starts November 12th)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The meeting's index in [`Announcement::schedule`].
    pub meeting: usize,
    /// The rule that [`Line::when`] words, in the meeting's zone: the
    /// one in force on the date, or the first one to come.
    pub rule: Rule,
    /// What [`Line::elsewhere`] words: the time in each zone asked for.
    pub times: Vec<Elsewhere>,
    /// Where a zone's clocks change within [`HORIZON_WEEKS`] of the date
    /// so that its time (or weekday) of the sessions changes, in date
    /// order: what [`Line::elsewhere`] adds in brackets.
    pub shifts: Vec<Shift>,
    /// On which days its sessions fall, in parts (for a translation).
    pub recurrence: Recurrence,
    /// `Saturday: 7:00am Pacific`, or for other rules `Every 2 weeks on
    /// Thursday at 6:30pm Pacific`, `First Sunday of each month at
    /// 4:00pm London` ([`Recurrence::heading`]).
    pub when: String,
    /// The same time in each zone asked for, for the week of the date:
    /// `8:00pm Eastern`, `1:00am Monday London` (with the weekday where
    /// it differs), and where it changes within the horizon
    /// ([`Line::shifts`]) the new time from the first session it applies
    /// to: `11:00am Eastern (12:00pm from March 14th)`.
    pub elsewhere: Vec<String>,
    /// The first session's date, when the meeting has not begun.
    pub starts: Option<NaiveDate>,
    /// The last session's date, when the meeting ends.
    pub ends: Option<NaiveDate>,
    /// Indexes into [`Announcement::footnotes`] of its changes.
    pub footnotes: Vec<usize>,
}

/// The time of a line's session in another zone ([`Line::times`]).
///
/// ```
/// use chrono::NaiveDate;
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let london: convenor_core::Zone = "Europe/London".parse()?;
/// let list = seed.announcement(day, None, &[london])?;
/// let sunday = &list.lines[0].times[0];
/// assert_eq!((sunday.time.hour(), sunday.day), (1, Some(chrono::Weekday::Mon)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Elsewhere {
    /// The zone.
    pub zone: Zone,
    /// The local time there.
    pub time: LocalTime,
    /// The weekday there, when it is not the meeting's own.
    pub day: Option<Weekday>,
}

/// How far ahead of its date an announcement looks for clocks changing in
/// the zones asked for ([`Line::shifts`]): 26 weeks, half a year, so one
/// change each way in every zone with summer time.
pub const HORIZON_WEEKS: i64 = 26;

/// A change in a line's time elsewhere ([`Line::shifts`]): from the
/// session on `from` (its date in that zone) on, the session is at `at`.
///
/// ```
/// use chrono::NaiveDate;
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let london: convenor_core::Zone = "Europe/London".parse()?;
/// let list = seed.announcement(day, None, &[london])?;
/// // Pacific time changes on 12 March 2023, London's on 26 March.
/// let sunday = &list.lines[0];
/// assert_eq!(sunday.shifts[0].from, NaiveDate::from_ymd_opt(2023, 3, 13).unwrap());
/// assert_eq!(sunday.shifts[0].at.text(), "12:00am Monday London");
/// assert_eq!(sunday.elsewhere[0], "1:00am Monday London (12:00am Monday from March 13th, 1:00am Monday from March 27th)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Shift {
    /// The date, in the zone, of the first session at the new time.
    pub from: NaiveDate,
    /// The new time there.
    pub at: Elsewhere,
}

impl Shift {
    /// `12:00pm from March 14th`.
    pub fn text(&self) -> String {
        format!("{} from {}", self.at.time_day(), month_day(self.from))
    }
}

impl Elsewhere {
    /// The session's time in `zone`.
    fn of(o: &Occurrence<'_>, zone: Zone) -> Option<Elsewhere> {
        let here = o.start().with_timezone(&zone);
        let own_day = o.start().date_naive().weekday();
        let day = here.date_naive().weekday();
        Some(Elsewhere {
            zone,
            time: LocalTime::new(here.hour(), here.minute()).ok()?,
            day: (day != own_day).then_some(day),
        })
    }

    /// `1:00am Monday London`, `8:00pm Eastern`.
    pub fn text(&self) -> String {
        format!("{} {}", self.time_day(), zone_label(self.zone))
    }

    /// `1:00am Monday`, `8:00pm`: the time, and the weekday where it is
    /// not the meeting's own.
    fn time_day(&self) -> String {
        let t = time12(self.time);
        match self.day {
            Some(day) => format!("{t} {}", day_name(day)),
            None => t,
        }
    }
}

impl Announcement {
    /// The meeting of a line.
    pub fn meeting(&self, line: &Line) -> &Meeting {
        &self.schedule.meetings()[line.meeting]
    }

    /// Footnote `i`'s change.
    pub fn footnote(&self, i: usize) -> ChangeRef<'_> {
        let (m, c) = self.footnotes[i];
        let meeting = &self.schedule.meetings()[m];
        ChangeRef { meeting, change: &meeting.changes()[c], index: c }
    }
}

impl fmt::Display for Announcement {
    /// The list as plain text, as the seed's post has it:
    ///
    /// ```text
    /// LifeRing Co-Occurring Disorders Meetings
    ///
    ///   • Sunday: 5:00pm Pacific
    ///   • Saturday: 7:00am Pacific (Starts November 12th) [1]
    ///
    /// [1] Co-Occurring Disorders (Saturday): from 12 Nov 2022, ...
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}\n", self.schedule.name())?;
        for line in &self.lines {
            writeln!(f, "  • {}{}", line.text(), line.marks())?;
        }
        if !self.footnotes.is_empty() {
            writeln!(f)?;
        }
        for i in 0..self.footnotes.len() {
            writeln!(f, "{} {}", mark(i), self.footnote(i))?;
        }
        Ok(())
    }
}

/// `November 14th`.
///
/// ```
/// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap();
/// assert_eq!(convenor_core::announce::month_day(d(11, 14)), "November 14th");
/// assert_eq!(convenor_core::announce::month_day(d(11, 1)), "November 1st");
/// assert_eq!(convenor_core::announce::month_day(d(11, 22)), "November 22nd");
/// assert_eq!(convenor_core::announce::month_day(d(11, 13)), "November 13th");
/// ```
pub fn month_day(date: NaiveDate) -> String {
    // A day of the month is 1..=31.
    let day = i32::try_from(date.day()).unwrap_or_default();
    format!("{} {}", date.format("%B"), crate::words::nth_day(day))
}

impl Line {
    /// The line's footnote marks as plain text, each after a space:
    /// ` [1] [3]`; empty without footnotes.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
    /// let list = seed.announcement(day, None, &[])?;
    /// assert_eq!(list.lines[5].marks(), " [1]");
    /// assert_eq!(list.lines[0].marks(), "");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn marks(&self) -> String {
        self.footnotes.iter().map(|&i| format!(" {}", mark(i))).collect()
    }

    /// `Saturday: 7:00am Pacific · 3:00pm London (Starts November 12th)`,
    /// without footnote marks.
    pub fn text(&self) -> String {
        let mut text = std::iter::once(self.when.as_str())
            .chain(self.elsewhere.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" · ");
        if let Some(d) = self.starts {
            text += &format!(" (Starts {})", month_day(d));
        }
        if let Some(d) = self.ends {
            text += &format!(" (Ends {})", month_day(d));
        }
        text
    }
}

/// The footnote mark of footnote `i` in plain text: `[1]`, `[2]`,
/// `[3]`... (HTML writes the number [`footnote_number`] as a
/// superscript).
///
/// ```
/// use convenor_core::announce::mark;
/// assert_eq!((mark(0), mark(2), mark(9)), ("[1]".to_string(), "[3]".to_string(), "[10]".to_string()));
/// ```
pub fn mark(i: usize) -> String {
    format!("[{}]", footnote_number(i))
}

/// The number footnote `i` is known by: `i + 1`.
///
/// ```
/// assert_eq!(convenor_core::announce::footnote_number(0), 1);
/// ```
pub fn footnote_number(i: usize) -> usize {
    i.saturating_add(1)
}

impl Schedule {
    /// The meeting list as published on `as_of`, with each session time
    /// also shown in `zones`, and footnotes for the changes announced on
    /// or after `since` (by `as_of`); without `since`, for the changes
    /// announced by `as_of` that are still to take effect. A change
    /// without `announced` counts as announced on its date, as in
    /// [`Schedule::changes_since`], and is in force however early the
    /// list is published (as in [`Schedule::as_of`]): an undated holiday
    /// cancellation still to come is always a footnote. Footnotes are in
    /// the order of the dates the changes are about.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
    /// let list = seed.announcement(day, None, &[])?;
    /// let lines: Vec<String> = list.lines.iter().map(|l| l.text()).collect();
    /// assert_eq!(lines[0], "Sunday: 5:00pm Pacific");
    /// assert_eq!(lines[5], "Saturday: 7:00am Pacific (Starts November 12th)");
    /// assert_eq!(list.lines[5].footnotes, [0]);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Schedule::as_of`].
    pub fn announcement(
        &self,
        as_of: NaiveDate,
        since: Option<NaiveDate>,
        zones: &[Zone],
    ) -> Result<Announcement> {
        let published = self.as_of(as_of)?;
        let mut footnotes: Vec<(NaiveDate, NaiveDate, usize, usize)> =
            Vec::new();
        for (m, meeting) in published.meetings().iter().enumerate() {
            for (c, change) in meeting.changes().iter().enumerate() {
                // As `Schedule::changes_since` counts it, so that
                // `--since` means the same in `announce` and `changes`.
                let announced = change.announced_on();
                let wanted = match since {
                    Some(since) => announced >= since,
                    None => change.date() >= as_of,
                };
                if wanted && change.is_announced_by(as_of) {
                    footnotes.push((change.date(), announced, m, c));
                }
            }
        }
        footnotes.sort();
        let footnotes: Vec<(usize, usize)> =
            footnotes.into_iter().map(|(_, _, m, c)| (m, c)).collect();
        let mut lines: Vec<(bool, u32, Line)> = Vec::new();
        for (m, meeting) in published.meetings().iter().enumerate() {
            let Some(segment) = current_segment(meeting, as_of) else {
                continue;
            };
            let zone = meeting.zone();
            let rule = segment.rule();
            let first = meeting
                .segments()
                .iter()
                .find_map(Segment::first_session)
                .map(|f| f.date());
            let recurrence = Recurrence::of(
                rule,
                segment.first_session().map(|f| f.date()),
            );
            let at = format!("{} {}", time12(rule.time()), zone_label(zone));
            let (when, day) = match rule.pattern() {
                Pattern::Weekly { day, every } if every.weeks() == 1 => {
                    (format!("{}: {at}", day_name(*day)), Some(*day))
                }
                Pattern::Weekly { day, .. } => {
                    (format!("{} at {at}", recurrence.heading()), Some(*day))
                }
                Pattern::RRule(_) => {
                    let day = match &recurrence {
                        Recurrence::MonthlyWeekday { day, .. } => Some(*day),
                        Recurrence::Weekly { days, .. } => {
                            days.first().copied()
                        }
                        _ => None,
                    };
                    (format!("{} at {at}", recurrence.heading()), day)
                }
            };
            let starts = first.filter(|f| *f > as_of);
            let ends = meeting
                .segments()
                .last()
                .and_then(Segment::last)
                .and_then(|last| last_session(meeting, last));
            // The next regular session from the date on (not a moved or
            // extra one): the week in question.
            let from = as_of.and_hms_opt(0, 0, 0).and_then(|t| {
                t.and_utc().checked_sub_signed(Duration::days(1))
            });
            let next = from.and_then(|from| {
                meeting.occurrences(Window::starting(from)).find(|o| {
                    o.status() == Status::Scheduled
                        && o.due() >= as_of
                        && o.due() >= segment.from()
                })
            });
            let times: Vec<Elsewhere> = match &next {
                Some(o) => {
                    zones.iter().filter_map(|z| Elsewhere::of(o, *z)).collect()
                }
                None => Vec::new(),
            };
            let shifts = match &next {
                Some(o) if !times.is_empty() => {
                    shifts(meeting, o, &times, as_of)
                }
                _ => Vec::new(),
            };
            let elsewhere = times
                .iter()
                .map(|e| {
                    let new: Vec<String> = shifts
                        .iter()
                        .filter(|s| s.at.zone == e.zone)
                        .map(Shift::text)
                        .collect();
                    if new.is_empty() {
                        e.text()
                    } else {
                        format!("{} ({})", e.text(), new.join(", "))
                    }
                })
                .collect();
            let notes: Vec<usize> = footnotes
                .iter()
                .enumerate()
                .filter(|(_, (fm, _))| *fm == m)
                .map(|(i, _)| i)
                .collect();
            let order = day.map_or(7, |d| d.num_days_from_sunday());
            let line = Line {
                meeting: m,
                rule: rule.clone(),
                times,
                shifts,
                recurrence,
                when,
                elsewhere,
                starts,
                ends,
                footnotes: notes,
            };
            lines.push((starts.is_some(), order, line));
        }
        // Stable: meetings on the same day keep file order.
        lines.sort_by_key(|(later, day, _)| (*later, *day));
        Ok(Announcement {
            as_of,
            schedule: published,
            lines: lines.into_iter().map(|(_, _, l)| l).collect(),
            footnotes,
        })
    }
}

/// Where the time of `meeting`'s regular sessions in each zone of
/// `times` (their time for the session `next`) changes, over
/// [`HORIZON_WEEKS`] from `as_of`: the sessions at `next`'s own local
/// time and weekday, not moved or cancelled ones, whose time or weekday
/// there differs from the session before.
fn shifts(
    meeting: &Meeting,
    next: &Occurrence<'_>,
    times: &[Elsewhere],
    as_of: NaiveDate,
) -> Vec<Shift> {
    let own = next.start();
    let end = as_of
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc() + Duration::weeks(HORIZON_WEEKS));
    let Some(window) = end.and_then(|end| {
        Window::new(own.with_timezone(&chrono::Utc), end).ok()
    }) else {
        return Vec::new();
    };
    let mut last: Vec<Elsewhere> = times.to_vec();
    let mut out = Vec::new();
    for o in meeting.occurrences(window) {
        let start = o.start();
        if o.status() != Status::Scheduled
            || start.time() != own.time()
            || start.weekday() != own.weekday()
        {
            continue;
        }
        for prev in &mut last {
            let Some(now) = Elsewhere::of(&o, prev.zone) else {
                continue;
            };
            if (now.time, now.day) != (prev.time, prev.day) {
                let from = start.with_timezone(&prev.zone).date_naive();
                out.push(Shift { from, at: now });
                *prev = now;
            }
        }
    }
    out.sort_by_key(|s| s.from);
    out
}

/// The date of the last session due on or before `last` (the last date
/// one may fall on), looking back up to a year and a bit.
fn last_session(meeting: &Meeting, last: NaiveDate) -> Option<NaiveDate> {
    let end =
        last.succ_opt()?.and_hms_opt(0, 0, 0)?.and_utc() + Duration::days(1);
    let start = end.checked_sub_signed(Duration::days(400))?;
    let window = Window::new(start, end).ok()?;
    meeting
        .occurrences(window)
        .filter(|o| o.due() <= last)
        .map(|o| o.start().date_naive())
        .last()
}

/// The segment in force on `date`, or the next one with a session; `None`
/// when the meeting has no session from `date` on.
fn current_segment(meeting: &Meeting, date: NaiveDate) -> Option<&Segment> {
    let segment = meeting.segment_on(date).or_else(|| {
        meeting
            .segments()
            .iter()
            .find(|s| s.from() > date && s.first_session().is_some())
    })?;
    match segment.last() {
        Some(last) if last < date => None,
        _ => Some(segment),
    }
}
