//! A meeting: who, where, when (rule, zone, dates) and its history, with
//! the history folded into series segments once, when it is built.

use std::collections::BTreeMap;

use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike};

use crate::change::{Change, ChangeKind, Reschedule};
use crate::error::{Error, FieldPath, Invalid, NoSession, Problem};
use crate::occurrence::{Occurrence, Window};
use crate::rule::{Dates, Pattern, Rule};
use crate::values::{MeetingDuration, MeetingId};
use crate::zone::{resolve_local, Fit};

/// Where a meeting happens: online, in person, or both. Plain data.
///
/// ```
/// use convenor_core::{Online, Place};
/// let place = Place {
///     online: Some(Online { url: Some("https://example.org/join".into()), ..Online::default() }),
///     address: None,
///     area: Some("Los Angeles, CA, USA".into()),
/// };
/// assert!(place.online.is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The online part, if any.
    pub online: Option<Online>,
    /// A street address, if the meeting meets in person.
    pub address: Option<String>,
    /// An approximate place, such as `Los Angeles, CA, USA`: where an
    /// online meeting is run from, for meeting finders that list by
    /// place. Not an address.
    pub area: Option<String>,
}

/// How to join online. Plain data.
///
/// ```
/// use convenor_core::Online;
/// let online = Online { phone: Some("+1 555 0100".into()), ..Online::default() };
/// assert!(online.url.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Online {
    /// The video-conference link.
    pub url: Option<String>,
    /// A dial-in number.
    pub phone: Option<String>,
    /// Meeting ID, passcode and the like.
    pub notes: Option<String>,
}

/// A recurring meeting, validated: every change in its history applies.
///
/// Build one with [`Meeting::new`] and the `with_*` methods, or load a
/// whole [`crate::Schedule`] from a file.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use convenor_core::{LocalTime, Meeting, MeetingDuration, MeetingId, Rule};
///
/// let meeting = Meeting::new(
///     MeetingId::new("co-occurring-sunday")?,
///     "Co-Occurring Disorders (Sunday)",
///     "America/Los_Angeles".parse()?,
///     Rule::weekly(Weekday::Sun, LocalTime::constant(17, 0)),
///     MeetingDuration::new(60)?,
///     NaiveDate::from_ymd_opt(2022, 10, 1).unwrap(),
/// );
/// assert_eq!(meeting.id().as_str(), "co-occurring-sunday");
/// assert_eq!(meeting.segments().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Meeting {
    id: MeetingId,
    name: String,
    notes: Option<String>,
    tags: Vec<String>,
    convenors: Vec<String>,
    place: Place,
    url: Option<String>,
    /// How long before a session calendars remind; `None`: the
    /// schedule's.
    reminders: Option<Vec<MeetingDuration>>,
    zone: Zone,
    rule: Rule,
    duration: MeetingDuration,
    starts: NaiveDate,
    ends: Option<NaiveDate>,
    changes: Vec<Change>,
    timeline: Timeline,
}

/// A stretch of a meeting's life with one rule and one duration: the
/// whole life, or the part between two reschedules. Each becomes one
/// iCalendar VEVENT series.
///
/// ```
/// use chrono::NaiveDate;
/// let text = convenor_core::SEED_TOML.replace(
///     "time = \"07:00\"\nnote",
///     "time = \"07:00\"\nnote = \"x\"\n[[meetings.changes]]\nkind = \"reschedule\"\n\
///      effective = \"2023-01-01\"\nday = \"sunday\"\nnote",
/// );
/// let schedule = convenor_core::Schedule::from_toml_str(&text)?;
/// let saturday = schedule.meeting("co-occurring-saturday").unwrap();
/// let [first, second] = saturday.segments() else { panic!("two segments") };
/// assert_eq!(first.last(), NaiveDate::from_ymd_opt(2022, 12, 31));
/// assert_eq!(second.rule().to_string(), "every sunday at 07:00");
/// assert_eq!(second.first_session().unwrap().to_string(), "2023-01-01 07:00:00");
/// assert_eq!(second.causes(), [1]);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    from: NaiveDate,
    last: NaiveDate,
    rule: Rule,
    duration: MeetingDuration,
    first: Option<NaiveDate>,
    causes: Vec<usize>,
}

impl Segment {
    /// The first date a session may fall on (`starts` or a reschedule's
    /// `effective`).
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last date a session may fall on (inclusive), or `None` when
    /// the series is open-ended.
    pub fn last(&self) -> Option<NaiveDate> {
        (self.last != NaiveDate::MAX).then_some(self.last)
    }

    /// The rule in force.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The session length in force.
    pub fn duration(&self) -> MeetingDuration {
        self.duration
    }

    /// The nominal local start of the first session, if the segment has
    /// any session.
    pub fn first_session(&self) -> Option<NaiveDateTime> {
        self.first.map(|d| d.and_time(self.rule.time().to_naive()))
    }

    /// Indexes into [`Meeting::changes`] of the reschedules that shaped
    /// this segment (it starts with the last of them).
    pub fn causes(&self) -> &[usize] {
        &self.causes
    }

    /// The dates sessions are due on by this segment's rule, on or after
    /// `from`, in order, before any cancellation or move.
    ///
    /// ```
    /// # use convenor_core::Schedule;
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let monday = seed.meeting("co-occurring-monday").unwrap();
    /// let d = |d| chrono::NaiveDate::from_ymd_opt(2022, 11, d).unwrap();
    /// let due: Vec<_> = monday.segments()[0].due_dates(d(1)).take(2).collect();
    /// assert_eq!(due, [d(14), d(21)]);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn due_dates(
        &self,
        from: NaiveDate,
    ) -> impl Iterator<Item = NaiveDate> + use<> {
        self.dates(from)
    }

    /// The session dates of this segment on or after `lower`.
    pub(crate) fn dates(&self, lower: NaiveDate) -> Dates {
        match self.first {
            Some(first) => Dates::new(&self.rule, first, self.last, lower),
            // A segment with no session (a rule that never matches from
            // its start): nothing to list.
            None => Dates::empty(),
        }
    }

    fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.last
    }

    /// Whether a regular session is due on `date`.
    fn has_session(&self, date: NaiveDate) -> bool {
        self.contains(date) && self.dates(date).next() == Some(date)
    }
}

/// Whether a moved or extra session's local time is `HH:MM`, as every
/// session time is (the file format has no seconds; `Occurrence` keeps
/// whole seconds).
fn on_whole_minute(at: NaiveDateTime) -> bool {
    at.second() == 0 && at.nanosecond() == 0
}

/// A session that is not where its rule puts it: a moved or extra one.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Special {
    pub(crate) start: DateTime<Zone>,
    pub(crate) fit: Fit,
    pub(crate) duration: MeetingDuration,
    pub(crate) due: NaiveDate,
    pub(crate) change: usize,
    pub(crate) moved: bool,
}

/// The history folded into what expansion needs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Timeline {
    pub(crate) segments: Vec<Segment>,
    /// Due date of a cancelled session -> index of the change.
    pub(crate) cancelled: BTreeMap<NaiveDate, usize>,
    /// Due date of a moved session -> index of the change.
    pub(crate) moved: BTreeMap<NaiveDate, usize>,
    /// Moved and extra sessions, by start.
    pub(crate) specials: Vec<Special>,
}

impl Meeting {
    /// A weekly or RRULE meeting with no history, starting on `starts`.
    pub fn new(
        id: MeetingId,
        name: impl Into<String>,
        zone: Zone,
        rule: Rule,
        duration: MeetingDuration,
        starts: NaiveDate,
    ) -> Meeting {
        let mut meeting = Meeting {
            id,
            name: name.into(),
            notes: None,
            tags: Vec::new(),
            convenors: Vec::new(),
            place: Place::default(),
            url: None,
            reminders: None,
            zone,
            rule,
            duration,
            starts,
            ends: None,
            changes: Vec::new(),
            timeline: Timeline::default(),
        };
        // No history and no `ends`: only an RRULE that never matches can
        // fail, and then the meeting simply has no session.
        meeting.timeline =
            meeting.fold_history(&FieldPath::root()).unwrap_or_default();
        meeting
    }

    /// The same meeting with notes for members.
    pub fn with_notes(mut self, notes: impl Into<String>) -> Meeting {
        self.notes = Some(notes.into());
        self
    }

    /// The same meeting with tags (`co-occurring`, `online`, `open`...).
    pub fn with_tags(mut self, tags: Vec<String>) -> Meeting {
        self.tags = tags;
        self
    }

    /// The same meeting with convenors.
    pub fn with_convenors(mut self, convenors: Vec<String>) -> Meeting {
        self.convenors = convenors;
        self
    }

    /// The same meeting at a place.
    pub fn with_place(mut self, place: Place) -> Meeting {
        self.place = place;
        self
    }

    /// The same meeting with a page of its own (its listing on the
    /// fellowship's site).
    pub fn with_url(mut self, url: Option<String>) -> Meeting {
        self.url = url;
        self
    }

    /// The same meeting with its own reminders (how long before each
    /// session calendars remind); `None` takes the schedule's, an empty
    /// list none.
    pub fn with_reminders(
        mut self,
        reminders: Option<Vec<MeetingDuration>>,
    ) -> Meeting {
        self.reminders = reminders;
        self
    }

    /// The same meeting with a last date (inclusive).
    ///
    /// # Errors
    ///
    /// When `ends` is before `starts`, or a change no longer applies.
    pub fn with_ends(self, ends: Option<NaiveDate>) -> Result<Meeting, Error> {
        Meeting { ends, ..self }.rebuilt(&FieldPath::root()).map_err(invalid)
    }

    /// The same meeting with `change` added to its history.
    ///
    /// # Errors
    ///
    /// Every problem that stops the change, or the history, applying:
    /// cancelling a date with no session, a reschedule before `starts`...
    ///
    /// ```
    /// # use chrono::{NaiveDate, Weekday};
    /// # use convenor_core::*;
    /// # let meeting = Meeting::new(MeetingId::new("sunday")?, "Sunday", "America/Los_Angeles".parse()?,
    /// #     Rule::weekly(Weekday::Sun, LocalTime::constant(17, 0)),
    /// #     MeetingDuration::new(60)?, NaiveDate::from_ymd_opt(2022, 10, 2).unwrap());
    /// let monday = NaiveDate::from_ymd_opt(2022, 11, 21).unwrap();
    /// let err = meeting.with_change(Change::new(ChangeKind::Cancel { date: monday }));
    /// let err = err.unwrap_err();
    /// let problem = &err.problems().next().unwrap().problem;
    /// assert!(matches!(problem, Problem::NoSession(n) if n.date == monday));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_change(mut self, change: Change) -> Result<Meeting, Error> {
        self.changes.push(change);
        self.rebuilt(&FieldPath::root()).map_err(invalid)
    }

    /// The same meeting with only the changes that `keep` accepts.
    pub(crate) fn retain_changes(
        &self,
        keep: impl Fn(&Change) -> bool,
    ) -> Result<Meeting, Vec<Invalid>> {
        let mut m = self.clone();
        m.changes.retain(keep);
        m.rebuilt(&FieldPath::root())
    }

    pub(crate) fn rebuilt(
        mut self,
        base: &FieldPath,
    ) -> Result<Meeting, Vec<Invalid>> {
        self.timeline = self.fold_history(base)?;
        Ok(self)
    }

    pub(crate) fn set_history(
        mut self,
        ends: Option<NaiveDate>,
        changes: Vec<Change>,
    ) -> Meeting {
        self.ends = ends;
        self.changes = changes;
        self
    }

    /// The stable id (the iCalendar UID's left part).
    pub fn id(&self) -> &MeetingId {
        &self.id
    }

    /// The name members see.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Notes for members.
    pub fn notes(&self) -> Option<&str> {
        self.notes.as_deref()
    }

    /// Tags: focus (`co-occurring`), format (`HWYW`), `open`/`closed`,
    /// `online`.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Who convenes it.
    pub fn convenors(&self) -> &[String] {
        &self.convenors
    }

    /// Where it happens.
    pub fn place(&self) -> &Place {
        &self.place
    }

    /// Its own page, if it has one.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Its own reminders, if it sets them (see
    /// [`Schedule::reminders_of`](crate::Schedule::reminders_of)).
    pub fn reminders(&self) -> Option<&[MeetingDuration]> {
        self.reminders.as_deref()
    }

    /// The IANA zone its rule times are in.
    pub fn zone(&self) -> Zone {
        self.zone
    }

    /// The rule as first published, before any reschedule.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The session length as first published.
    pub fn duration(&self) -> MeetingDuration {
        self.duration
    }

    /// The first date a session may fall on.
    pub fn starts(&self) -> NaiveDate {
        self.starts
    }

    /// The last date a session may fall on, if set.
    pub fn ends(&self) -> Option<NaiveDate> {
        self.ends
    }

    /// The history, in file order.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The series segments: one per rule in force, in date order.
    pub fn segments(&self) -> &[Segment] {
        &self.timeline.segments
    }

    /// The index in [`Meeting::segments`] of the segment whose dates
    /// include `due`, if the meeting runs then.
    ///
    /// ```
    /// # use convenor_core::Schedule;
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let saturday = seed.meeting("co-occurring-saturday").unwrap();
    /// let d = chrono::NaiveDate::from_ymd_opt(2022, 11, 19).unwrap();
    /// assert_eq!(saturday.segment_index(d), Some(0));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn segment_index(&self, due: NaiveDate) -> Option<usize> {
        self.timeline.segments.iter().position(|s| s.contains(due))
    }

    /// The sessions its changes cancel: due date to the index of the
    /// change in [`Meeting::changes`].
    ///
    /// ```
    /// # use convenor_core::Schedule;
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let saturday = seed.meeting("co-occurring-saturday").unwrap();
    /// assert!(saturday.cancelled_sessions().is_empty());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn cancelled_sessions(&self) -> &BTreeMap<NaiveDate, usize> {
        &self.timeline.cancelled
    }

    /// The sessions its changes move: due date to the index of the
    /// change in [`Meeting::changes`].
    pub fn moved_sessions(&self) -> &BTreeMap<NaiveDate, usize> {
        &self.timeline.moved
    }

    /// The rule and duration in force on `date`, if the meeting runs then.
    ///
    /// ```
    /// # use convenor_core::Schedule;
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let saturday = seed.meeting("co-occurring-saturday").unwrap();
    /// let d = chrono::NaiveDate::from_ymd_opt(2022, 11, 12).unwrap();
    /// assert_eq!(saturday.segment_on(d).unwrap().rule().time().to_string(), "07:00");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn segment_on(&self, date: NaiveDate) -> Option<&Segment> {
        self.timeline.segments.iter().find(|s| s.contains(date))
    }

    /// What is near `date` when no session is due on it (the dates
    /// around it, a session moved onto it); `None` when one is due,
    /// cancelled or moved, or an extra session is on it.
    pub fn no_session(&self, date: NaiveDate) -> Option<NoSession> {
        let t = &self.timeline;
        let due = t.segment(date).is_some_and(|s| s.has_session(date));
        let extra = self.changes.iter().any(|c| {
            matches!(c.kind, ChangeKind::Extra { at, .. } if at.date() == date)
        });
        (!due && !extra).then(|| t.no_session(&self.changes, date))
    }

    /// The session due on `date` (in the meeting's zone) wherever it
    /// happens: as scheduled, cancelled (marked so) or moved to another
    /// day; or the extra session on `date`.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let monday = seed.meeting("co-occurring-monday").unwrap();
    /// let d = |d| chrono::NaiveDate::from_ymd_opt(2022, 11, d).unwrap();
    /// assert_eq!(monday.session_due(d(21)).unwrap().due(), d(21));
    /// assert_eq!(monday.session_due(d(22)).unwrap_err().after, Some(d(28)));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`NoSession`] when none is due on `date`: the due dates around
    /// it, or the session moved onto it.
    pub fn session_due(
        &self,
        date: NaiveDate,
    ) -> Result<Occurrence<'_>, NoSession> {
        if let Some(why) = self.no_session(date) {
            return Err(why);
        }
        // A moved session happens on the day it was moved to.
        let on = self
            .timeline
            .moved
            .get(&date)
            .and_then(|&i| match self.changes[i].kind {
                ChangeKind::Move { to, .. } => Some(to.date()),
                _ => None,
            })
            .unwrap_or(date);
        let midnight = |d: Option<NaiveDate>| {
            let local = d.unwrap_or(on).and_time(chrono::NaiveTime::MIN);
            resolve_local(self.zone, local).0.with_timezone(&chrono::Utc)
        };
        let day = chrono::Days::new(1);
        let window = Window::new(
            midnight(on.checked_sub_days(day)),
            midnight(on.checked_add_days(chrono::Days::new(2))),
        );
        window
            .ok()
            .and_then(|w| {
                self.occurrences(w).with_cancelled().find(|o| o.due() == date)
            })
            .ok_or_else(|| self.timeline.no_session(&self.changes, date))
    }

    pub(crate) fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Folds `changes` into segments and session maps, checking that each
    /// change applies. Problems carry paths below `base`.
    fn fold_history(
        &self,
        base: &FieldPath,
    ) -> Result<Timeline, Vec<Invalid>> {
        let mut problems = Vec::new();
        let at = |i: usize, field: &'static str| {
            base.key("changes").index(i).key(field)
        };
        let mut bad = |problem: Problem, path: FieldPath| {
            let mut p = Invalid::new(problem, path);
            p.meeting = Some(self.id.to_string());
            problems.push(p);
        };

        if let Some(ends) = self.ends {
            if ends < self.starts {
                bad(
                    Problem::EndsBeforeStarts { starts: self.starts, ends },
                    base.key("ends"),
                );
            }
        }
        if self.rule.first_on_or_after(self.starts).is_none() {
            bad(
                Problem::RuleNeverMatches(self.rule.to_string()),
                base.key("rrule"),
            );
        }

        // The last date any session may fall on.
        let mut last = self.ends.unwrap_or(NaiveDate::MAX);
        for (i, c) in self.changes.iter().enumerate() {
            if let ChangeKind::End { effective } = c.kind {
                if effective <= self.starts {
                    bad(
                        Problem::BeforeStarts {
                            date: effective,
                            starts: self.starts,
                        },
                        at(i, "effective"),
                    );
                } else {
                    last = last.min(effective.pred_opt().unwrap_or(effective));
                }
            }
        }

        // Reschedules in order of `effective`, then `announced` (the later
        // one wins, so it applies last; undated ones first).
        let mut reschedules: Vec<(usize, &Reschedule)> = self
            .changes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match &c.kind {
                ChangeKind::Reschedule(r) => Some((i, r)),
                _ => None,
            })
            .collect();
        let key = |i: usize, r: &Reschedule| {
            (r.effective, self.changes[i].announced)
        };
        reschedules.sort_by_key(|&(i, r)| (key(i, r), i));
        for pair in reschedules.windows(2) {
            let ((i, a), (j, b)) = (pair[0], pair[1]);
            if key(i, a) == key(j, b) {
                bad(
                    Problem::ConflictingReschedules(b.effective),
                    at(j, "effective"),
                );
            }
        }

        let mut segments = Vec::new();
        let mut current = Segment {
            from: self.starts,
            last,
            rule: self.rule.clone(),
            duration: self.duration,
            first: None,
            causes: Vec::new(),
        };
        for (i, r) in reschedules {
            if r.effective < self.starts {
                bad(
                    Problem::BeforeStarts {
                        date: r.effective,
                        starts: self.starts,
                    },
                    at(i, "effective"),
                );
                continue;
            }
            if r.effective > last {
                bad(
                    Problem::AfterEnds { date: r.effective, last },
                    at(i, "effective"),
                );
                continue;
            }
            if r.is_empty() {
                bad(Problem::EmptyReschedule, base.key("changes").index(i));
                continue;
            }
            if r.effective > current.from {
                let mut next = current.clone();
                current.last = r.effective.pred_opt().unwrap_or(r.effective);
                segments.push(current);
                next.from = r.effective;
                next.causes.clear();
                current = next;
            }
            match apply(&current.rule, r) {
                Ok(rule) => current.rule = rule,
                Err((problem, field)) => bad(problem, at(i, field)),
            }
            current.duration = r.duration.unwrap_or(current.duration);
            current.causes.push(i);
        }
        segments.push(current);
        for s in &mut segments {
            s.first =
                s.rule.first_on_or_after(s.from).filter(|d| *d <= s.last);
        }

        let mut timeline = Timeline { segments, ..Timeline::default() };
        let mut specials = Vec::new();
        for (i, c) in self.changes.iter().enumerate() {
            let due = match &c.kind {
                ChangeKind::Cancel { date }
                | ChangeKind::Move { date, .. } => *date,
                ChangeKind::Extra { at: local, duration } => {
                    if !on_whole_minute(*local) {
                        bad(
                            Problem::BadTime(local.time().to_string()),
                            at(i, "at"),
                        );
                        continue;
                    }
                    let duration = duration
                        .or_else(|| {
                            timeline.segment(local.date()).map(|s| s.duration)
                        })
                        .unwrap_or(self.duration);
                    // RFC 5545 §3.8.4.7: each extra session is its own
                    // VEVENT, and its UID comes from its local start.
                    let twice = self.changes[..i].iter().any(|c| {
                        matches!(c.kind, ChangeKind::Extra { at, .. } if at == *local)
                    });
                    if twice {
                        bad(Problem::ExtraTwice(*local), at(i, "at"));
                        continue;
                    }
                    let (start, fit) = resolve_local(self.zone, *local);
                    specials.push(Special {
                        start,
                        fit,
                        duration,
                        due: local.date(),
                        change: i,
                        moved: false,
                    });
                    continue;
                }
                _ => continue,
            };
            let Some(segment) =
                timeline.segment(due).filter(|s| s.has_session(due))
            else {
                let why = timeline.no_session(&self.changes, due);
                bad(Problem::NoSession(why), at(i, "date"));
                continue;
            };
            if timeline.cancelled.contains_key(&due)
                || timeline.moved.contains_key(&due)
            {
                bad(Problem::SessionChangedTwice(due), at(i, "date"));
                continue;
            }
            if let ChangeKind::Move { to, duration, .. } = &c.kind {
                if !on_whole_minute(*to) {
                    bad(Problem::BadTime(to.time().to_string()), at(i, "to"));
                    continue;
                }
                let (start, fit) = resolve_local(self.zone, *to);
                specials.push(Special {
                    start,
                    fit,
                    duration: duration.unwrap_or(segment.duration),
                    due,
                    change: i,
                    moved: true,
                });
                timeline.moved.insert(due, i);
            } else {
                timeline.cancelled.insert(due, i);
            }
        }
        specials.sort_by_key(|s| (s.start, s.due, s.change));
        timeline.specials = specials;

        if problems.is_empty() {
            Ok(timeline)
        } else {
            // By path, steps compared as numbers: `changes[2]` before
            // `changes[10]`, as in the file.
            problems.sort_by(|a, b| a.path.cmp(&b.path));
            Err(problems)
        }
    }
}

impl Timeline {
    fn segment(&self, date: NaiveDate) -> Option<&Segment> {
        self.segments.iter().find(|s| s.contains(date))
    }

    /// What is near `date`, which has no session due: the due dates
    /// around it and a session of `changes` moved onto it.
    fn no_session(&self, changes: &[Change], date: NaiveDate) -> NoSession {
        let after = date.succ_opt().and_then(|next| {
            self.segments
                .iter()
                .filter(|s| s.last >= next)
                .find_map(|s| s.dates(next.max(s.from)).next())
        });
        // Bounded: the dates of at most LOOKBACK_DAYS are listed.
        let lower = date
            .checked_sub_signed(chrono::Duration::days(
                NoSession::LOOKBACK_DAYS,
            ))
            .unwrap_or(NaiveDate::MIN);
        let before = self
            .segments
            .iter()
            .rev()
            .filter(|s| s.from < date && s.last >= lower)
            .find_map(|s| {
                s.dates(lower.max(s.from)).take_while(|d| *d < date).last()
            });
        let moved_here = changes.iter().find_map(|c| match c.kind {
            ChangeKind::Move { date: due, to, .. } if to.date() == date => {
                Some((due, to))
            }
            _ => None,
        });
        NoSession { date, before, after, moved_here }
    }
}

/// The problems of a rebuild as the crate's one error type
/// ([`Error::Invalid`]). A rebuild fails with at least one problem; the
/// fallback only keeps this total.
fn invalid(problems: Vec<Invalid>) -> Error {
    Error::from_problems(problems).unwrap_or(Error::Invalid {
        first: Box::new(Invalid::new(Problem::NoZone, FieldPath::root())),
        others: Vec::new(),
    })
}

/// The rule after a reschedule, or the problem and its field.
pub(crate) fn apply(
    rule: &Rule,
    r: &Reschedule,
) -> Result<Rule, (Problem, &'static str)> {
    let mut next = match &r.pattern {
        Some(p) => Rule::new(p.clone(), rule.time()),
        None => rule.clone(),
    };
    if r.day.is_some() || r.every.is_some() {
        let field = if r.day.is_some() { "day" } else { "every" };
        let Pattern::Weekly { day, every } = next.pattern() else {
            return Err((Problem::WeeklyFieldOnRRule(field), field));
        };
        let pattern = Pattern::Weekly {
            day: r.day.unwrap_or(*day),
            every: r.every.unwrap_or(*every),
        };
        next = Rule::new(pattern, next.time());
    }
    if let Some(time) = r.time {
        next = next.with_time(time);
    }
    Ok(next)
}
