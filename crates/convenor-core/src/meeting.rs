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
use crate::web_url::WebUrl;
use crate::zone::{resolve_local, Fit};

mod history;
mod sessions;

pub(crate) use history::{apply, Special, Timeline};
pub use sessions::{CancelledSession, ExtraSession, MovedSession};

/// Where a meeting happens: online, in person, or both. Plain data.
///
/// ```
/// use convenor_core::{Online, Place};
/// let place = Place {
///     online: Some(Online { url: Some("https://example.org/join".parse()?), ..Online::default() }),
///     venue: None,
///     address: None,
///     area: Some("Los Angeles, CA, USA".into()),
/// };
/// assert!(place.online.is_some());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// The online part, if any.
    pub online: Option<Online>,
    /// The building's name (`St. Luke's Hall`), if the meeting meets in
    /// person: the Meeting Guide feed's `location`, the `.ics`
    /// `LOCATION`'s first line.
    pub venue: Option<String>,
    /// A street address, if the meeting meets in person.
    pub address: Option<String>,
    /// An approximate place, such as `Los Angeles, CA, USA`: where an
    /// online meeting is run from, for meeting finders that list by
    /// place. Not an address.
    pub area: Option<String>,
}

impl Place {
    /// Where to go in person, as one line: the venue, then the address
    /// (`St. Luke's Hall, 1 Main St, Springfield, IL 62701, USA`), or
    /// whichever of them is given; `None` with neither. The `.ics`
    /// `LOCATION` and the schedule page say it so.
    ///
    /// ```
    /// use convenor_core::Place;
    /// let place = Place {
    ///     venue: Some("St. Luke's Hall".into()),
    ///     address: Some("1 Main St, Springfield, IL 62701, USA".into()),
    ///     ..Place::default()
    /// };
    /// assert_eq!(
    ///     place.in_person().as_deref(),
    ///     Some("St. Luke's Hall, 1 Main St, Springfield, IL 62701, USA")
    /// );
    /// assert_eq!(Place::default().in_person(), None);
    /// ```
    pub fn in_person(&self) -> Option<String> {
        match (&self.venue, &self.address) {
            (Some(venue), Some(address)) => {
                Some(format!("{venue}, {address}"))
            }
            (Some(one), None) | (None, Some(one)) => Some(one.clone()),
            (None, None) => None,
        }
    }
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
    pub url: Option<WebUrl>,
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
    url: Option<WebUrl>,
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
        let mut meeting =
            Meeting::unfolded(id, name.into(), zone, rule, duration, starts);
        // No history and no `ends`: only an RRULE that never matches can
        // fail, and then the meeting simply has no session.
        meeting.timeline =
            meeting.fold_history(&FieldPath::root()).unwrap_or_default();
        meeting
    }

    /// The meeting with its history not yet folded: for the loader,
    /// which sets the history and then folds it once ([`Meeting::rebuilt`]).
    pub(crate) fn unfolded(
        id: MeetingId,
        name: String,
        zone: Zone,
        rule: Rule,
        duration: MeetingDuration,
        starts: NaiveDate,
    ) -> Meeting {
        Meeting {
            id,
            name,
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
        }
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
    pub fn with_url(mut self, url: Option<WebUrl>) -> Meeting {
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
    pub fn url(&self) -> Option<&WebUrl> {
        self.url.as_ref()
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

impl Occurrence<'_> {
    /// When the session was due by its meeting's rule: for a moved
    /// session its usual start (the due date at the rule's time that
    /// day), for a cancelled one the start it would have had; `None` for
    /// an extra session, or a moved one whose date the rule no longer
    /// covers. Views say "moved from" and "no meeting on" with it, on
    /// the day it falls on in the reader's zone.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let text = "name = 'x'\ntimezone = 'Europe/London'\n[[meetings]]\nid = 'a'\nname = 'A'\n\
    ///             weekly = { day = 'thursday', time = '12:30' }\nduration = '60m'\nstarts = '2026-12-03'\n\
    ///             [[meetings.changes]]\nkind = 'move'\ndate = '2026-12-24'\nto = '2026-12-23T12:30'\n";
    /// let s = convenor_core::Schedule::from_toml_str(text)?;
    /// let w = convenor_core::Window::new(
    ///     Utc.with_ymd_and_hms(2026, 12, 22, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2026, 12, 25, 0, 0, 0).unwrap(),
    /// )?;
    /// let moved = s.occurrences(w).next().unwrap();
    /// let usual = moved.usual_start().unwrap().with_timezone(&Utc);
    /// assert_eq!(usual, Utc.with_ymd_and_hms(2026, 12, 24, 12, 30, 0).unwrap());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn usual_start(&self) -> Option<DateTime<Zone>> {
        use crate::occurrence::Status;
        match self.status() {
            Status::Extra => None,
            Status::Moved => {
                let meeting = self.meeting();
                let segment = meeting.segment_on(self.due())?;
                let local =
                    self.due().and_time(segment.rule().time().to_naive());
                Some(resolve_local(meeting.zone(), local).0)
            }
            _ => Some(self.start()),
        }
    }
}
