//! [`Edit`]: one change a convenor makes to a schedule file.

use crate::spec::{ChangeSpec, MeetingSpec};

/// One change to a schedule file: a cancelled, moved or extra session, a
/// reschedule or an end appended to a meeting's history, or a new
/// meeting.
///
/// Values are text as the file writes them (`2022-11-26`,
/// `2022-12-23T07:00`, `07:00`, `90m`, `saturday`) and are checked as
/// the file's own are, when the edited file is loaded: `7pm` is refused
/// with `19:00` suggested, a date with no session with the nearest
/// session dates. Anything that prints as the file's notation can be
/// given (`NaiveDate`, [`LocalTime`](crate::LocalTime),
/// [`MeetingDuration`](crate::MeetingDuration) through `to_string()`).
///
/// ```
/// use convenor_core::document::Edit;
///
/// let edit = Edit::cancel("co-occurring-saturday", "2022-11-26")
///     .announced("2022-11-20")
///     .note("Thanksgiving weekend");
/// assert_eq!(edit.meeting(), "co-occurring-saturday");
/// assert_eq!(edit.kind(), "cancel");
/// let Edit::Change { change, .. } = &edit else { unreachable!() };
/// assert_eq!(change.date.as_deref(), Some("2022-11-26"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Edit {
    /// A change appended to the history of meeting `meeting` (its id).
    Change {
        /// The meeting's id.
        meeting: String,
        /// The change as the file writes it.
        change: Box<ChangeSpec>,
    },
    /// A new meeting, after the others. Its id must be new.
    Add(Box<MeetingSpec>),
}

impl Edit {
    /// A change of `kind` to `meeting`, its fields set by `set`.
    fn change(
        meeting: impl Into<String>,
        kind: &str,
        set: impl FnOnce(&mut ChangeSpec),
    ) -> Edit {
        let mut change =
            ChangeSpec { kind: kind.into(), ..ChangeSpec::default() };
        set(&mut change);
        Edit::Change { meeting: meeting.into(), change: Box::new(change) }
    }

    /// The session of `meeting` due on `date` does not happen.
    pub fn cancel(
        meeting: impl Into<String>,
        date: impl Into<String>,
    ) -> Edit {
        Edit::change(meeting, "cancel", |c| c.date = Some(date.into()))
    }

    /// The session of `meeting` due on `date` happens at `to`
    /// (`YYYY-MM-DDTHH:MM` in the meeting's zone) instead.
    ///
    /// ```
    /// use convenor_core::document::Edit;
    /// let edit = Edit::move_to("co-occurring-saturday", "2022-12-24", "2022-12-23T07:00")
    ///     .duration("90m");
    /// assert_eq!(edit.kind(), "move");
    /// ```
    pub fn move_to(
        meeting: impl Into<String>,
        date: impl Into<String>,
        to: impl Into<String>,
    ) -> Edit {
        Edit::change(meeting, "move", |c| {
            c.date = Some(date.into());
            c.to = Some(to.into());
        })
    }

    /// A one-off session of `meeting` at `at` (`YYYY-MM-DDTHH:MM` in the
    /// meeting's zone).
    pub fn extra(meeting: impl Into<String>, at: impl Into<String>) -> Edit {
        Edit::change(meeting, "extra", |c| c.at = Some(at.into()))
    }

    /// From `effective` on, `meeting` runs on a new schedule: set what
    /// changes with [`Edit::time`], [`Edit::day`], [`Edit::every`] and
    /// [`Edit::duration`]. One that changes no session is refused.
    ///
    /// ```
    /// use convenor_core::document::Edit;
    /// let edit = Edit::reschedule("co-occurring-saturday", "2023-01-07").time("08:00");
    /// assert_eq!(edit.kind(), "reschedule");
    /// ```
    pub fn reschedule(
        meeting: impl Into<String>,
        effective: impl Into<String>,
    ) -> Edit {
        Edit::change(meeting, "reschedule", |c| {
            c.effective = Some(effective.into());
        })
    }

    /// `meeting` has no sessions from `effective` on.
    pub fn end(
        meeting: impl Into<String>,
        effective: impl Into<String>,
    ) -> Edit {
        Edit::change(meeting, "end", |c| c.effective = Some(effective.into()))
    }

    /// A new meeting, written after the others.
    ///
    /// ```
    /// use convenor_core::document::Edit;
    /// use convenor_core::{MeetingSpec, WeeklySpec};
    /// let edit = Edit::add(MeetingSpec {
    ///     id: "co-occurring-friday".into(),
    ///     name: "Co-Occurring Disorders (Friday)".into(),
    ///     weekly: Some(WeeklySpec { day: "friday".into(), time: Some("12:00".into()), every: None }),
    ///     duration: "60m".into(),
    ///     starts: "2023-01-06".into(),
    ///     ..MeetingSpec::default()
    /// });
    /// assert_eq!((edit.kind(), edit.meeting()), ("add", "co-occurring-friday"));
    /// ```
    pub fn add(meeting: MeetingSpec) -> Edit {
        Edit::Add(Box::new(meeting))
    }

    /// The id of the meeting the edit changes or adds.
    pub fn meeting(&self) -> &str {
        match self {
            Edit::Change { meeting, .. } => meeting,
            Edit::Add(m) => &m.id,
        }
    }

    /// What the edit does: the change's `kind` (`cancel`, `move`,
    /// `extra`, `reschedule`, `end`), or `add`.
    pub fn kind(&self) -> &str {
        match self {
            Edit::Change { change, .. } => &change.kind,
            Edit::Add(_) => "add",
        }
    }

    /// Sets a field of the change; an [`Edit::Add`] is given its fields
    /// in its [`MeetingSpec`] and is returned as it is.
    fn set(mut self, f: impl FnOnce(&mut ChangeSpec)) -> Edit {
        if let Edit::Change { change, .. } = &mut self {
            f(change);
        }
        self
    }

    /// The change's note for members ("Thanksgiving weekend"); for
    /// [`Edit::Add`], the meeting's `notes`.
    #[must_use]
    pub fn note(self, note: impl Into<String>) -> Edit {
        match self {
            Edit::Add(mut m) => {
                m.notes = Some(note.into());
                Edit::Add(m)
            }
            change => change.set(|c| c.note = Some(note.into())),
        }
    }

    /// When the change was announced (`YYYY-MM-DD`): "as of" a date
    /// before it, the change is not yet in force. A new meeting has no
    /// announcement date: an [`Edit::Add`] is returned as it is.
    #[must_use]
    pub fn announced(self, date: impl Into<String>) -> Edit {
        self.set(|c| c.announced = Some(date.into()))
    }

    /// A reschedule's new local time (`HH:MM`).
    #[must_use]
    pub fn time(self, time: impl Into<String>) -> Edit {
        self.set(|c| c.time = Some(time.into()))
    }

    /// A reschedule's new weekday (`sunday`).
    #[must_use]
    pub fn day(self, day: impl Into<String>) -> Edit {
        self.set(|c| c.day = Some(day.into()))
    }

    /// A reschedule's new cadence: every `weeks` weeks.
    #[must_use]
    pub fn every(self, weeks: u32) -> Edit {
        self.set(|c| c.every = Some(weeks))
    }

    /// The length of a moved or extra session, or a reschedule's new
    /// length (`90m`); for [`Edit::Add`], the meeting's `duration`.
    #[must_use]
    pub fn duration(self, duration: impl Into<String>) -> Edit {
        match self {
            Edit::Add(mut m) => {
                m.duration = duration.into();
                Edit::Add(m)
            }
            change => change.set(|c| c.duration = Some(duration.into())),
        }
    }
}
