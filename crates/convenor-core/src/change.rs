//! The history of a meeting: reschedules, cancellations, moves, extra
//! sessions and ends, each with an optional announcement date and note.

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use crate::rule::Pattern;
use crate::values::{Interval, LocalTime, MeetingDuration};

/// One entry of a meeting's history. Plain data: the meeting checks that
/// it can apply when it is built.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::{Change, ChangeKind, LocalTime, Reschedule};
///
/// // The seed's Saturday meeting: announced at 9:30, moved to 7:00 before
/// // its first session.
/// let d = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap();
/// let change = Change::new(ChangeKind::Reschedule(Reschedule {
///     time: Some(LocalTime::constant(7, 0)),
///     ..Reschedule::effective(d(11, 12))
/// }))
/// .announced(d(11, 10))
/// .note("Starts at 7:00am, not 9:30am as first posted");
/// assert_eq!(change.date(), d(11, 12));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// What changes.
    pub kind: ChangeKind,
    /// When it was announced; `None` means always in force.
    pub announced: Option<NaiveDate>,
    /// A note for members ("Holiday", "Starts at 7:00am...").
    pub note: Option<String>,
}

impl Change {
    /// A change with no announcement date and no note.
    pub fn new(kind: ChangeKind) -> Change {
        Change { kind, announced: None, note: None }
    }

    /// The same change, announced on `date`.
    pub fn announced(mut self, date: NaiveDate) -> Change {
        self.announced = Some(date);
        self
    }

    /// The same change, with a note.
    pub fn note(mut self, note: impl Into<String>) -> Change {
        self.note = Some(note.into());
        self
    }

    /// The date the change is about: the effective date, the session's
    /// due date, or the extra session's date.
    pub fn date(&self) -> NaiveDate {
        match &self.kind {
            ChangeKind::Reschedule(r) => r.effective,
            ChangeKind::Cancel { date } | ChangeKind::Move { date, .. } => {
                *date
            }
            ChangeKind::Extra { at, .. } => at.date(),
            ChangeKind::End { effective } => *effective,
        }
    }

    /// The date the change counts as announced on: `announced`, or for a
    /// change without one, the date it is about ([`Change::date`]: its
    /// effective date, or the date of a one-off change), when members
    /// see it at the latest. [`Schedule::changes_since`] picks changes
    /// by it.
    ///
    /// [`Schedule::changes_since`]: crate::Schedule::changes_since
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use convenor_core::{Change, ChangeKind};
    /// let d = |d| NaiveDate::from_ymd_opt(2025, 12, d).unwrap();
    /// let cancel = Change::new(ChangeKind::Cancel { date: d(23) });
    /// assert_eq!(cancel.announced_on(), d(23));
    /// assert_eq!(cancel.announced(d(1)).announced_on(), d(1));
    /// ```
    pub fn announced_on(&self) -> NaiveDate {
        self.announced.unwrap_or_else(|| self.date())
    }

    /// Whether the change was in force as published on `date` (announced
    /// on or before it, or never dated).
    pub fn is_announced_by(&self, date: NaiveDate) -> bool {
        self.announced.is_none_or(|a| a <= date)
    }
}

/// The kinds of change.
///
/// ```
/// use convenor_core::{ChangeKind, Schedule};
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let saturday = seed.meeting("co-occurring-saturday").unwrap();
/// let kinds: Vec<&str> = saturday.changes().iter().map(|c| c.kind.name()).collect();
/// assert_eq!(kinds, ["reschedule"]);
/// assert!(matches!(saturday.changes()[0].kind, ChangeKind::Reschedule(_)));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    /// From `effective` on, a new time, weekday, cadence, rule and/or
    /// duration.
    Reschedule(Reschedule),
    /// The session due on `date` (in the meeting's zone) does not happen.
    Cancel {
        /// The date the session was due.
        date: NaiveDate,
    },
    /// The session due on `date` happens at `to` (local time in the
    /// meeting's zone) instead.
    Move {
        /// The date the session was due.
        date: NaiveDate,
        /// The new local start.
        to: NaiveDateTime,
        /// A different length, if any.
        duration: Option<MeetingDuration>,
    },
    /// A one-off session at `at` (local time in the meeting's zone).
    Extra {
        /// The local start.
        at: NaiveDateTime,
        /// Its length; default: the meeting's duration on that date.
        duration: Option<MeetingDuration>,
    },
    /// No sessions from `effective` on.
    End {
        /// The first date with no session.
        effective: NaiveDate,
    },
}

impl ChangeKind {
    /// The file's name of the kind: `reschedule`, `cancel`, `move`,
    /// `extra` or `end`.
    pub fn name(&self) -> &'static str {
        match self {
            ChangeKind::Reschedule(_) => "reschedule",
            ChangeKind::Cancel { .. } => "cancel",
            ChangeKind::Move { .. } => "move",
            ChangeKind::Extra { .. } => "extra",
            ChangeKind::End { .. } => "end",
        }
    }
}

/// What a reschedule sets; what it leaves `None` stays as before.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use convenor_core::{MeetingDuration, Reschedule};
/// // From 5 December: Mondays, 90 minutes; the time stays as it was.
/// let r = Reschedule {
///     day: Some(Weekday::Mon),
///     duration: Some(MeetingDuration::new(90)?),
///     ..Reschedule::effective(NaiveDate::from_ymd_opt(2022, 12, 5).unwrap())
/// };
/// assert!(r.time.is_none());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Reschedule {
    /// The first date of the new schedule (inclusive).
    pub effective: NaiveDate,
    /// A new wall-clock time.
    pub time: Option<LocalTime>,
    /// A new weekday (weekly rules only).
    pub day: Option<Weekday>,
    /// A new cadence (weekly rules only).
    pub every: Option<Interval>,
    /// A whole new date pattern.
    pub pattern: Option<Pattern>,
    /// A new duration.
    pub duration: Option<MeetingDuration>,
}

impl Reschedule {
    /// A reschedule effective on `date` that sets nothing yet; fill in
    /// fields with struct update syntax.
    pub fn effective(date: NaiveDate) -> Reschedule {
        Reschedule {
            effective: date,
            time: None,
            day: None,
            every: None,
            pattern: None,
            duration: None,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.time.is_none()
            && self.day.is_none()
            && self.every.is_none()
            && self.pattern.is_none()
            && self.duration.is_none()
    }
}
