//! The folded history as exporters read it: the cancelled sessions, the
//! moved ones with their new local start and length, the extra ones with
//! theirs, the changes that shape a series and the one that ends the
//! meeting, each with the change behind it (its note, its announcement
//! date and its words, [`ChangeRef::describe`]). Calendars, feeds and
//! pages ask these; none walks [`Meeting::changes`] to work them out
//! again.

use std::ops::RangeBounds;

use super::*;
use crate::schedule::ChangeRef;

/// A session its meeting's history cancels: [`Meeting::cancellations`].
///
/// ```
/// let s = convenor_core::Schedule::from_toml_str(
///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
///      [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-23'\nannounced = '2022-11-01'\nnote = 'Thanksgiving eve'\n",
/// )?;
/// let d = |d| chrono::NaiveDate::from_ymd_opt(2022, 11, d).unwrap();
/// let cancelled = s.meetings()[0].cancelled(d(23)).unwrap();
/// assert_eq!(cancelled.due(), d(23));
/// let change = cancelled.change();
/// assert_eq!(change.note(), Some("Thanksgiving eve"));
/// assert_eq!(change.announced(), Some(d(1)));
/// assert_eq!(change.what(), "no meeting on Wednesday 23 Nov 2022");
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CancelledSession<'m> {
    due: NaiveDate,
    change: ChangeRef<'m>,
}

impl<'m> CancelledSession<'m> {
    /// The local date the session was due on.
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// The `cancel` change: its note, announcement date and words.
    pub fn change(&self) -> ChangeRef<'m> {
        self.change
    }
}

/// A session its meeting's history moves: [`Meeting::moves`].
///
/// ```
/// let s = convenor_core::Schedule::from_toml_str(
///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
///      [[meetings.changes]]\nkind = 'move'\ndate = '2022-11-30'\nto = '2022-12-01T19:00'\n",
/// )?;
/// let d = |m, d| chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap();
/// let moved = s.meetings()[0].moved(d(11, 30)).unwrap();
/// assert_eq!(moved.to(), d(12, 1).and_hms_opt(19, 0, 0).unwrap());
/// // No length of its own: the meeting's in force on the date it was due.
/// assert_eq!(moved.duration().minutes(), 60);
/// assert_eq!((moved.change().note(), moved.change().announced()), (None, None));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct MovedSession<'m> {
    due: NaiveDate,
    to: NaiveDateTime,
    duration: MeetingDuration,
    change: ChangeRef<'m>,
}

impl<'m> MovedSession<'m> {
    /// The local date the session was due on.
    pub fn due(&self) -> NaiveDate {
        self.due
    }

    /// Its new local start, in the meeting's zone.
    pub fn to(&self) -> NaiveDateTime {
        self.to
    }

    /// Its length: the move's own, else the one in force on the date it
    /// was due.
    pub fn duration(&self) -> MeetingDuration {
        self.duration
    }

    /// The `move` change: its note, announcement date and words.
    pub fn change(&self) -> ChangeRef<'m> {
        self.change
    }
}

/// A one-off session of its meeting's history: [`Meeting::extras`].
///
/// ```
/// let s = convenor_core::Schedule::from_toml_str(
///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
///      [[meetings.changes]]\nkind = 'extra'\nat = '2022-12-10T10:00'\nnote = 'Holiday special'\n",
/// )?;
/// let extra = s.meetings()[0].extras().next().unwrap();
/// assert_eq!(extra.at().to_string(), "2022-12-10 10:00:00");
/// assert_eq!(extra.duration().minutes(), 60);
/// assert_eq!(extra.change().note(), Some("Holiday special"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ExtraSession<'m> {
    at: NaiveDateTime,
    duration: MeetingDuration,
    change: ChangeRef<'m>,
}

impl<'m> ExtraSession<'m> {
    /// Its local start, in the meeting's zone.
    pub fn at(&self) -> NaiveDateTime {
        self.at
    }

    /// Its length: the change's own, else the one in force on its date
    /// (the meeting's first for a date outside every segment).
    pub fn duration(&self) -> MeetingDuration {
        self.duration
    }

    /// The `extra` change: its note, announcement date and words.
    pub fn change(&self) -> ChangeRef<'m> {
        self.change
    }
}

impl<'s> ChangeRef<'s> {
    /// The change's note for members.
    pub fn note(&self) -> Option<&'s str> {
        self.change.note.as_deref()
    }

    /// When the change was announced, if it says (see
    /// [`Change::announced_on`] for when it counts as announced).
    pub fn announced(&self) -> Option<NaiveDate> {
        self.change.announced
    }
}

impl Meeting {
    /// The change at `index` in [`Meeting::changes`] (as
    /// [`Segment::causes`] names them), with its words.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let saturday = seed.meeting("co-occurring-saturday").unwrap();
    /// let cause = saturday.change(saturday.segments()[0].causes()[0]).unwrap();
    /// assert_eq!(cause.what(), "from 12 Nov 2022, Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific");
    /// assert!(saturday.change(1).is_none());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn change(&self, index: usize) -> Option<ChangeRef<'_>> {
        let change = self.changes.get(index)?;
        Some(ChangeRef { meeting: self, change, index })
    }

    /// The session due on `due` if the history cancels it.
    pub fn cancelled(&self, due: NaiveDate) -> Option<CancelledSession<'_>> {
        self.cancellations(due..=due).next()
    }

    /// The session due on `due` if the history moves it.
    pub fn moved(&self, due: NaiveDate) -> Option<MovedSession<'_>> {
        self.moves(due..=due).next()
    }

    /// The sessions the history cancels whose due dates lie in `dates`,
    /// by due date.
    ///
    /// ```
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
    ///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
    ///      [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-30'\n\
    ///      [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-09'\n",
    /// )?;
    /// let d = |d| chrono::NaiveDate::from_ymd_opt(2022, 11, d).unwrap();
    /// let wed = &s.meetings()[0];
    /// let all: Vec<_> = wed.cancellations(..).map(|c| c.due()).collect();
    /// assert_eq!(all, [d(9), d(30)]);
    /// assert_eq!(wed.cancellations(d(10)..).count(), 1);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn cancellations(
        &self,
        dates: impl RangeBounds<NaiveDate>,
    ) -> impl Iterator<Item = CancelledSession<'_>> {
        let cancelled = self.timeline.cancelled.range(dates);
        cancelled.filter_map(|(&due, &index)| {
            Some(CancelledSession { due, change: self.change(index)? })
        })
    }

    /// The local date of the meeting's first session after `date` (a
    /// cancelled one does not count): when it is back after a
    /// cancellation ([`ChangeRef::note_line`]).
    pub(crate) fn next_session_after(
        &self,
        date: NaiveDate,
    ) -> Option<NaiveDate> {
        let midnight = date.succ_opt()?.and_time(chrono::NaiveTime::MIN);
        let from = resolve_local(self.zone(), midnight).0;
        let window = Window::starting(from.with_timezone(&chrono::Utc));
        self.occurrences(window).next().map(|o| o.start().date_naive())
    }

    /// The sessions the history moves whose due dates lie in `dates`, by
    /// due date.
    ///
    /// ```
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
    ///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
    ///      [[meetings.changes]]\nkind = 'move'\ndate = '2022-11-30'\nto = '2022-12-01T19:00'\n\
    ///      duration = '90m'\nnote = 'Thursday this week'\n",
    /// )?;
    /// let moved: Vec<_> = s.meetings()[0].moves(..).collect();
    /// assert_eq!(moved.len(), 1);
    /// assert_eq!(moved[0].duration().minutes(), 90);
    /// assert_eq!(moved[0].change().note(), Some("Thursday this week"));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn moves(
        &self,
        dates: impl RangeBounds<NaiveDate>,
    ) -> impl Iterator<Item = MovedSession<'_>> {
        self.timeline.moved.range(dates).filter_map(|(&due, &index)| {
            let change = self.change(index)?;
            let ChangeKind::Move { to, .. } = change.change.kind else {
                return None;
            };
            // The length the fold gave it.
            let special = self
                .timeline
                .specials
                .iter()
                .find(|s| s.moved && s.change == index)?;
            Some(MovedSession { due, to, duration: special.duration, change })
        })
    }

    /// The extra sessions of the history, by start.
    ///
    /// ```
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
    ///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
    ///      [[meetings.changes]]\nkind = 'reschedule'\neffective = '2022-12-01'\nduration = '45m'\n\
    ///      [[meetings.changes]]\nkind = 'extra'\nat = '2022-12-10T10:00'\n\
    ///      [[meetings.changes]]\nkind = 'extra'\nat = '2022-11-26T10:00'\nduration = '90m'\n",
    /// )?;
    /// let extras: Vec<(String, u32)> = s.meetings()[0]
    ///     .extras()
    ///     .map(|e| (e.at().to_string(), e.duration().minutes()))
    ///     .collect();
    /// // The December one takes the length in force then.
    /// assert_eq!(extras, [("2022-11-26 10:00:00".into(), 90), ("2022-12-10 10:00:00".into(), 45)]);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn extras(&self) -> impl Iterator<Item = ExtraSession<'_>> {
        self.timeline.specials.iter().filter(|s| !s.moved).filter_map(|s| {
            let change = self.change(s.change)?;
            let ChangeKind::Extra { at, .. } = change.change.kind else {
                return None;
            };
            Some(ExtraSession { at, duration: s.duration, change })
        })
    }

    /// The changes that shape the series of segment `index` (of
    /// [`Meeting::segments`]), in history order: the reschedules that
    /// start it and the ones that cut it short, the `end` that ends it
    /// where it ends, and the cancellations and moves of its sessions.
    /// Extra sessions are not part of a series. A calendar counts them
    /// for the series' revision.
    ///
    /// ```
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
    ///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
    ///      [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-23'\n\
    ///      [[meetings.changes]]\nkind = 'reschedule'\neffective = '2022-12-12'\nday = 'friday'\n\
    ///      [[meetings.changes]]\nkind = 'extra'\nat = '2022-12-10T10:00'\n\
    ///      [[meetings.changes]]\nkind = 'end'\neffective = '2023-01-01'\n",
    /// )?;
    /// let wed = &s.meetings()[0];
    /// let kinds = |i| wed.segment_changes(i).map(|c| c.change.kind.name()).collect::<Vec<_>>();
    /// assert_eq!(kinds(0), ["cancel", "reschedule"]);
    /// assert_eq!(kinds(1), ["reschedule", "end"]);
    /// assert_eq!(kinds(2), [] as [&str; 0]);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn segment_changes(
        &self,
        index: usize,
    ) -> impl Iterator<Item = ChangeRef<'_>> {
        let span = self.timeline.segments.get(index).map(|s| (s.from, s.last));
        (0..self.changes.len())
            .filter(move |&i| {
                span.is_some_and(|(from, last)| {
                    shapes(&self.changes[i].kind, from, last)
                })
            })
            .filter_map(|i| self.change(i))
    }

    /// The `end` change that ends the meeting, if one does: the one with
    /// the earliest `effective` (the first of them in the history), unless
    /// the meeting's `ends` comes before it.
    ///
    /// ```
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
    ///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
    ///      [[meetings.changes]]\nkind = 'end'\neffective = '2023-01-01'\nnote = 'Moving to Fridays'\n",
    /// )?;
    /// let end = s.meetings()[0].end_change().unwrap();
    /// assert_eq!(end.what(), "no more sessions from Sunday 1 Jan 2023");
    /// assert_eq!(end.note(), Some("Moving to Fridays"));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn end_change(&self) -> Option<ChangeRef<'_>> {
        let (index, effective) = self
            .changes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| match c.kind {
                ChangeKind::End { effective } => Some((i, effective)),
                _ => None,
            })
            .min_by_key(|&(i, effective)| (effective, i))?;
        let last = effective.pred_opt().unwrap_or(effective);
        if self.ends.is_some_and(|ends| ends < last) {
            return None;
        }
        self.change(index)
    }
}

/// Whether a change of `kind` shapes the series of a segment running from
/// `from` to `last` (see [`Meeting::segment_changes`]).
fn shapes(kind: &ChangeKind, from: NaiveDate, last: NaiveDate) -> bool {
    let inside = |d: NaiveDate| from <= d && d <= last;
    match kind {
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
