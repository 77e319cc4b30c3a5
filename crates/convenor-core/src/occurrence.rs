//! Sessions: the [`Window`] they are asked for in, the [`Occurrence`] each
//! one is, and the lazy, ordered iterators that expand them.

use crate::change::Change;
use crate::zone::{Zone, ZoneOffset};
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Timelike, Utc,
};

use crate::error::{Error, Result};
use crate::fast::ZoneCursor;
use crate::meeting::{Meeting, Special};
use crate::rule::{Dates, UNIX_EPOCH_DAY};
use crate::zone::Fit;

/// A half-open span of instants, `[from, to)`, matched against session
/// *starts*.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::Window;
/// let w = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 12, 1, 0, 0, 0).unwrap(),
/// )?;
/// assert!(w.contains(Utc.with_ymd_and_hms(2022, 11, 30, 23, 59, 0).unwrap()));
/// assert!(!w.contains(w.to()));
/// assert!(Window::new(w.to(), w.from()).is_err());
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    /// What every meeting's iterator needs of the window, found once:
    /// its ends as whole seconds ([`ceil_secs`]), and a date on or before
    /// its first local date in any zone.
    from_secs: i64,
    to_secs: i64,
    lower: NaiveDate,
}

/// The instants a window can hold: years 1 to 9999 with a day to spare,
/// so every zone's local time of either end is a valid date. Schedule
/// dates are years 1 to 9999, so no session lies outside.
fn clamp(t: DateTime<Utc>) -> DateTime<Utc> {
    let edge = |y, m, d| {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
    };
    match (edge(1, 1, 2), edge(9999, 12, 31)) {
        (Some(min), Some(max)) => t.clamp(min, max),
        _ => t,
    }
}

impl Window {
    /// The window `[from, to)`. Instants before year 1 or after year
    /// 9999 are moved to those years' edges: no session lies beyond.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyWindow`] unless `from < to`;
    /// [`Error::WindowOutOfRange`] when nothing of it is in years 1 to
    /// 9999 (so the error names the instants asked for, not the edges).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let from = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
    /// let err = convenor_core::Window::new(from, from + chrono::Duration::days(7)).unwrap_err();
    /// assert!(err.to_string().starts_with("the window from 9999-12-31 23:59:59 UTC"), "{err}");
    /// ```
    pub fn new(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Window> {
        if from >= to {
            return Err(Error::EmptyWindow { from, to });
        }
        let (clamped_from, clamped_to) = (clamp(from), clamp(to));
        if clamped_from < clamped_to {
            Ok(Window::between(clamped_from, clamped_to))
        } else {
            Err(Error::WindowOutOfRange { from, to })
        }
    }

    /// Every instant from `from` on (up to the end of year 9999).
    pub fn starting(from: DateTime<Utc>) -> Window {
        let from = clamp(from);
        let end = clamp(DateTime::<Utc>::MAX_UTC);
        Window::between(from, end.max(from + Duration::seconds(1)))
    }

    /// The window `[from, to)` of instants already clamped, `from < to`.
    fn between(from: DateTime<Utc>, to: DateTime<Utc>) -> Window {
        // A day before the first local date in any zone (UTC offsets are
        // under a day), without looking a zone up: earlier dates are
        // skipped by their start.
        let utc_from = from.date_naive();
        let lower = utc_from
            .checked_sub_days(chrono::Days::new(2))
            .unwrap_or(utc_from);
        Window {
            from,
            to,
            from_secs: ceil_secs(from),
            to_secs: ceil_secs(to),
            lower,
        }
    }

    /// The first instant in the window.
    pub fn from(&self) -> DateTime<Utc> {
        self.from
    }

    /// The first instant after the window.
    pub fn to(&self) -> DateTime<Utc> {
        self.to
    }

    /// Whether `at` is in `[from, to)`.
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.from <= at && at < self.to
    }
}

/// What happened to a session.
///
/// ```
/// use convenor_core::Status;
/// assert_eq!(Status::Cancelled.as_str(), "cancelled");
/// assert!(Status::Scheduled < Status::Cancelled);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// It happens when its rule says.
    Scheduled,
    /// It happens at another time than its rule says.
    Moved,
    /// A one-off session outside the rule.
    Extra,
    /// It does not happen.
    Cancelled,
}

impl Status {
    /// `scheduled`, `moved`, `extra` or `cancelled`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Moved => "moved",
            Status::Extra => "extra",
            Status::Cancelled => "cancelled",
        }
    }
}

/// One session of one meeting: a small `Copy` value of whole seconds and
/// the zone's offset, so listing sessions builds no dates; the accessors
/// give chrono types.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Status, Window};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let window = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 13, 0, 0, 0).unwrap(),
/// )?;
/// let first = seed.occurrences(window).next().unwrap();
/// assert_eq!(first.meeting().id().as_str(), "co-occurring-saturday");
/// assert_eq!(first.start().format("%a %F %H:%M %Z").to_string(), "Sat 2022-11-12 07:00 PST");
/// assert_eq!(first.start_timestamp(), first.start().timestamp());
/// assert_eq!(first.status(), Status::Scheduled);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Occurrence<'s> {
    /// The start in the meeting's zone, as [`Occurrence::start`] gives
    /// it: made where the sessions are expanded (its UTC date one step
    /// from the last session's, see [`UtcYear`]), so that handing it
    /// out is a copy of a value stored whole (BENCHMARKS.md, issue 30).
    start_at: DateTime<Zone>,
    meeting: &'s Meeting,
    /// The start, Unix seconds (sessions start on whole minutes).
    start: i64,
    /// Seconds from start to end (at most a day).
    length: u32,
    /// Days from the common era of the due date.
    due: i32,
    /// An index into [`Meeting::changes`], or [`NO_CHANGE`] (`u32`, so
    /// the session stays 64 bytes: a meeting's changes are read from a
    /// file, far fewer).
    change: u32,
    status: Status,
    fit: Fit,
    /// Whether the offset at the start is also the offset at the end.
    end_same_offset: bool,
}

/// [`Occurrence::change`] of a session no change is behind.
const NO_CHANGE: u32 = u32::MAX;

impl<'s> Occurrence<'s> {
    /// The meeting.
    pub fn meeting(&self) -> &'s Meeting {
        self.meeting
    }

    /// When it starts, in the meeting's zone.
    ///
    /// Cheap: the UTC date comes with the session, the offset too, so
    /// this is a few instructions (BENCHMARKS.md, issue 30).
    #[inline]
    pub fn start(&self) -> DateTime<Zone> {
        self.start_at
    }

    /// When it ends (start + duration, exact elapsed time), in the
    /// meeting's zone.
    ///
    /// Cheap as [`Occurrence::start`]: the end's date is the start's or
    /// the day after, and the end's offset is the start's unless the
    /// expansion found a clock change between them.
    #[inline]
    pub fn end(&self) -> DateTime<Zone> {
        // Seconds from the start's UTC midnight: under two days (a
        // session lasts at most one). Date and time of day are chosen as
        // numbers and the date-time is made once, where it is stored.
        let start = self.start_at.naive_utc();
        let secs = start.time().num_seconds_from_midnight() + self.length;
        let (date, secs) = if secs < 86_400 {
            (start.date(), secs)
        } else {
            match start.date().succ_opt() {
                Some(next) => (next, secs - 86_400),
                None => self.end_utc(),
            }
        };
        let offset = if self.end_same_offset {
            *self.start_at.offset()
        } else {
            self.end_offset()
        };
        DateTime::from_naive_utc_and_offset(
            date.and_time(
                chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)
                    .unwrap_or_default(),
            ),
            offset,
        )
    }

    /// The end's UTC date and second of the day, from its Unix seconds.
    #[cold]
    fn end_utc(&self) -> (NaiveDate, u32) {
        let end = self.end_timestamp();
        // `rem_euclid` is in 0..86_400.
        (utc_date(end), end.rem_euclid(86_400) as u32)
    }

    /// The zone's offset at the end, looked up (a clock change fell
    /// between start and end).
    #[cold]
    fn end_offset(&self) -> ZoneOffset {
        self.meeting.zone().offset_at(self.end_timestamp())
    }

    /// The start as Unix seconds: cheap, for sorting and comparing.
    pub fn start_timestamp(&self) -> i64 {
        self.start
    }

    /// The end as Unix seconds.
    pub fn end_timestamp(&self) -> i64 {
        self.start + i64::from(self.length)
    }

    /// The local date it was due on by its rule (for an extra session,
    /// the date it is on).
    pub fn due(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.due).unwrap_or_default()
    }

    /// What happened to it.
    pub fn status(&self) -> Status {
        self.status
    }

    /// How its local start time fitted the zone.
    pub fn fit(&self) -> Fit {
        self.fit
    }

    /// The change behind a moved, extra or cancelled session.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let text = "name = 'x'\ntimezone = 'UTC'\n[[meetings]]\nid = 'a'\nname = 'A'\n\
    ///             weekly = { day = 'monday', time = '18:00' }\nduration = '60m'\nstarts = '2024-01-01'\n\
    ///             [[meetings.changes]]\nkind = 'cancel'\ndate = '2024-01-08'\nnote = 'holiday'\n";
    /// let s = convenor_core::Schedule::from_toml_str(text)?;
    /// let w = convenor_core::Window::new(
    ///     Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2024, 1, 15, 0, 0, 0).unwrap(),
    /// )?;
    /// let cancelled = s.occurrences(w).with_cancelled().find(|o| o.is_cancelled()).unwrap();
    /// assert_eq!(cancelled.change().and_then(|c| c.note.as_deref()), Some("holiday"));
    /// assert_eq!(cancelled.change_index(), Some(0));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn change(&self) -> Option<&'s Change> {
        self.meeting.changes().get(self.change_index()?)
    }

    /// The index in [`Meeting::changes`] of [`Occurrence::change`].
    pub fn change_index(&self) -> Option<usize> {
        (self.change != NO_CHANGE).then_some(self.change as usize)
    }

    /// Whether the session does not happen.
    pub fn is_cancelled(&self) -> bool {
        self.status == Status::Cancelled
    }

    /// The note of the change behind it, if any.
    pub fn note(&self) -> Option<&'s str> {
        self.change()?.note.as_deref()
    }

    /// Whether the session is running at `at` (`start <= at < end`).
    pub fn is_in_progress(&self, at: DateTime<Utc>) -> bool {
        // Starts and ends are whole seconds, so `at`'s whole seconds
        // decide.
        let at = at.timestamp();
        self.start <= at && at < self.end_timestamp()
    }

    /// A session at a known instant (moved, extra, or resolved through
    /// [`crate::resolve_local`]).
    fn at(
        meeting: &'s Meeting,
        start: DateTime<Zone>,
        length: u32,
        due: NaiveDate,
        status: Status,
        fit: Fit,
        change: Option<usize>,
    ) -> Occurrence<'s> {
        let end = start + chrono::TimeDelta::seconds(i64::from(length));
        Occurrence {
            start_at: start,
            meeting,
            start: start.timestamp(),
            length,
            end_same_offset: end.offset() == start.offset(),
            due: due.num_days_from_ce(),
            status,
            fit,
            change: change.map_or(NO_CHANGE, change_u32),
        }
    }
}

/// A change's index as stored in an [`Occurrence`].
fn change_u32(index: usize) -> u32 {
    // A meeting's changes come from a schedule file: four billion of
    // them would be a file of hundreds of gigabytes, which nothing here
    // reads.
    u32::try_from(index)
        .ok()
        .filter(|&c| c != NO_CHANGE)
        .expect("a meeting has fewer than 2^32 - 1 changes")
}

/// Unix seconds as their UTC date (session times are years 1 to 9999,
/// well inside chrono's range): chrono's conversion from a day count,
/// for the first session of a year and the rare dates [`UtcYear`] and
/// [`Occurrence::end`] do not answer.
#[cold]
fn utc_date(secs: i64) -> NaiveDate {
    DateTime::from_timestamp(secs, 0).unwrap_or_default().date_naive()
}

/// The UTC year of the last session a [`Steps`] gave, so
/// that the next session's UTC date is a change of the day of the year
/// ([`NaiveDate::with_ordinal0`]) rather than chrono's conversion from a
/// day count (a 400-year division and table search, about 60
/// instructions, measured with callgrind for issue 30).
#[derive(Clone, Copy, Debug)]
struct UtcYear {
    /// 1 January of the year.
    first: NaiveDate,
    /// Its Unix day, and the year's length in days (0 before the first
    /// session).
    first_day: i32,
    days: i32,
}

impl UtcYear {
    const NONE: UtcYear =
        UtcYear { first: NaiveDate::MIN, first_day: 0, days: 0 };

    /// Unix second `secs` as a UTC date and time.
    #[inline(always)]
    fn date_time(&mut self, secs: i64) -> NaiveDateTime {
        let day = secs.div_euclid(86_400);
        let ordinal = day - i64::from(self.first_day);
        let date = match self.first.with_ordinal0(ordinal as u32) {
            // In 0..366, and a day of the year `first` is in.
            Some(d) if (0..i64::from(self.days)).contains(&ordinal) => d,
            _ => self.enter(secs),
        };
        // In 0..86_400, a valid time.
        date.and_time(
            chrono::NaiveTime::from_num_seconds_from_midnight_opt(
                (secs - day * 86_400) as u32,
                0,
            )
            .unwrap_or_default(),
        )
    }

    /// Moves to the year of `secs` and gives its date.
    #[cold]
    #[inline(never)]
    fn enter(&mut self, secs: i64) -> NaiveDate {
        let date = utc_date(secs);
        self.first = date.with_ordinal0(0).unwrap_or(date);
        // Unix days of years 1 to 9999 (a window's range) fit an i32;
        // were one not to, no day would be answered from here.
        (self.first_day, self.days) =
            match i32::try_from(secs.div_euclid(86_400)) {
                Ok(day) => (
                    day - date.ordinal0() as i32,
                    if date.leap_year() { 366 } else { 365 },
                ),
                Err(_) => (0, 0),
            };
        date
    }
}

/// One meeting's sessions in a window, in start order. Returned by
/// [`Meeting::occurrences`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let monday = seed.meeting("co-occurring-monday").unwrap();
/// let w = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap(),
/// )?;
/// assert_eq!(monday.occurrences(w).with_cancelled().count(), 7);
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// It finds the sessions a few at a time (sixteen, in one loop with
/// the stepper's state in registers) and hands them out one by one, so
/// each one handed out is a copy of one already made (BENCHMARKS.md,
/// issue 30).
#[derive(Debug)]
pub struct MeetingOccurrences<'m> {
    steps: Steps<'m>,
    /// Sessions found ahead: `taken` of the first `found` handed out
    /// (the rest are placeholders). Not `Option`s: a copy of an
    /// `Option<Occurrence>` is made around its tag byte, in pieces that
    /// overlap, and reading those back stalls the CPU (BENCHMARKS.md).
    ahead: [Occurrence<'m>; AHEAD],
    taken: u8,
    found: u8,
    /// Sessions found before those in `ahead`.
    before: usize,
}

/// How many sessions a [`MeetingOccurrences`] finds at a time: enough
/// that the step's loop runs long, few enough that a meeting's first
/// sessions come at once (1 KB).
const AHEAD: usize = 16;

/// The state of one meeting's expansion: its sessions one at a time
/// ([`Steps::next`], for the merge's sweeps) or a few at a time into a
/// [`MeetingOccurrences`].
#[derive(Debug)]
struct Steps<'m> {
    meeting: &'m Meeting,
    with_cancelled: bool,
    lower: NaiveDate,
    segment: usize,
    dates: Option<Dates>,
    regular_done: bool,
    /// Moved and extra sessions to merge in; `None` once there are none
    /// left (boxed: most meetings have none).
    specials: Option<Box<Specials<'m>>>,
    truncated: bool,
    /// Offsets of the meeting's zone, for [`resolve_local`] as a table
    /// lookup (`fast.rs`).
    ///
    /// [`resolve_local`]: crate::resolve_local
    cursor: ZoneCursor,
    /// The window's ends as the first whole Unix second in it and the
    /// first after it (sessions start on whole seconds).
    from_secs: i64,
    to_secs: i64,
    /// The current segment's local time (seconds after midnight) and
    /// session length (seconds), kept here so that a step reads no more
    /// than this iterator.
    time_secs: i64,
    length: i64,
    /// Whether the meeting has any cancelled or moved session.
    changed: bool,
    /// The UTC year of the last regular session.
    year: UtcYear,
}

impl std::fmt::Debug for Dates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Dates")
    }
}

impl Meeting {
    /// This meeting's sessions that start in `window`, in start order;
    /// cancelled ones are left out unless
    /// [`MeetingOccurrences::with_cancelled`] asks for them.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Schedule, Window};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let monday = seed.meeting("co-occurring-monday").unwrap();
    /// let november = Window::new(
    ///     Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2022, 12, 1, 0, 0, 0).unwrap(),
    /// )?;
    /// // Starts 14 November: 14, 21 and 28.
    /// assert_eq!(monday.occurrences(november).count(), 3);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    #[inline]
    pub fn occurrences(&self, window: Window) -> MeetingOccurrences<'_> {
        let placeholder = Occurrence {
            start_at: DateTime::from_naive_utc_and_offset(
                NaiveDateTime::MIN,
                ZoneOffset::placeholder(self.zone()),
            ),
            meeting: self,
            start: 0,
            length: 0,
            due: 0,
            change: NO_CHANGE,
            status: Status::Scheduled,
            fit: Fit::Exact,
            end_same_offset: true,
        };
        MeetingOccurrences {
            steps: self.steps(window.lower, window.from_secs, window.to_secs),
            ahead: [placeholder; AHEAD],
            taken: 0,
            found: 0,
            before: 0,
        }
    }

    /// The state of [`Meeting::occurrences`] in a window (its first
    /// local date in any zone, its ends as whole seconds), stepped one
    /// session at a time.
    #[inline]
    fn steps(
        &self,
        lower: NaiveDate,
        from_secs: i64,
        to_secs: i64,
    ) -> Steps<'_> {
        let specials = &self.timeline().specials;
        let specials = (!specials.is_empty()).then(|| {
            Box::new(Specials {
                left: specials.iter(),
                regular: None,
                special: None,
            })
        });
        Steps {
            meeting: self,
            with_cancelled: false,
            lower,
            segment: 0,
            dates: None,
            regular_done: false,
            specials,
            truncated: false,
            cursor: ZoneCursor::new(self.zone()),
            from_secs,
            to_secs,
            time_secs: 0,
            length: 0,
            changed: !self.timeline().cancelled.is_empty()
                || !self.timeline().moved.is_empty(),
            year: UtcYear::NONE,
        }
    }
}

impl<'m> MeetingOccurrences<'m> {
    /// Also yield cancelled sessions (at the time they were due).
    pub fn with_cancelled(mut self) -> Self {
        if self.found > 0 && !self.steps.with_cancelled {
            // Sessions were found ahead without the cancelled ones: start
            // again with them, past the sessions handed out (the same
            // with or without cancelled ones between them).
            let s = &self.steps;
            let mut steps = s.meeting.steps(s.lower, s.from_secs, s.to_secs);
            steps.with_cancelled = true;
            let mut left = self.before + usize::from(self.taken);
            while left > 0 {
                match steps.next() {
                    Some(o) if !o.is_cancelled() => left -= 1,
                    Some(_) => {}
                    None => break,
                }
            }
            self.steps = steps;
            (self.taken, self.found) = (0, 0);
        }
        self.steps.with_cancelled = true;
        self
    }

    /// Whether an RRULE's sessions ended early so far because the `rrule`
    /// crate gave up searching for the next one (100,000 steps without a
    /// match): the sessions yielded are then not all there are. (The
    /// iterator finds sessions up to sixteen ahead of those it has
    /// handed out, so this may be known a little before they run out.)
    /// [`Occurrences::collect_at_most`] turns this into
    /// [`Error::RRuleLimit`].
    pub fn is_truncated(&self) -> bool {
        self.steps.truncated
    }

    /// Appends the start of every session left, as Unix seconds, to
    /// `starts`: the bulk form of `map(|o| o.start_timestamp())`, for
    /// callers that want only the instants (the iterator step is inlined
    /// into one loop here, and no [`Occurrence`] is handed out). Ask
    /// [`MeetingOccurrences::is_truncated`] afterwards, as when iterating.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Schedule, Window};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let monday = seed.meeting("co-occurring-monday").unwrap();
    /// let november = Window::new(
    ///     Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2022, 12, 1, 0, 0, 0).unwrap(),
    /// )?;
    /// let mut starts = Vec::new();
    /// monday.occurrences(november).starts_into(&mut starts);
    /// // 18:00 PST on 14, 21 and 28 November.
    /// assert_eq!(starts, [1_668_477_600, 1_669_082_400, 1_669_687_200]);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn starts_into(&mut self, starts: &mut Vec<i64>) {
        let ahead = self
            .ahead
            .get(usize::from(self.taken)..usize::from(self.found))
            .unwrap_or_default();
        starts.extend(ahead.iter().map(|o| o.start));
        self.before += usize::from(self.found);
        (self.taken, self.found) = (0, 0);
        let steps = &mut self.steps;
        if steps.specials.is_none() {
            // As `find_ahead`: runs in the step's tight loop, one at a
            // time where a run stops; only the start is kept, so the
            // date-time each session would carry is never made.
            loop {
                steps.run(i64::MAX, usize::MAX, |o| starts.push(o.start));
                let Some(o) = steps.next_regular() else { break };
                starts.push(o.start);
            }
        } else {
            for o in steps {
                starts.push(o.start);
            }
        }
    }

    /// Finds the next sessions ahead; whether there are any.
    #[inline(never)]
    fn find_ahead(&mut self) -> bool {
        let mut found = 0u8;
        let steps = &mut self.steps;
        if steps.specials.is_none() {
            // Regular sessions only: runs of them in the step's tight
            // loop, and one at a time where a run stops.
            let mut n = 0;
            while n < AHEAD {
                let ahead = &mut self.ahead;
                steps.run(i64::MAX, AHEAD - n, |o| {
                    if let Some(slot) = ahead.get_mut(n) {
                        *slot = o;
                    }
                    n += 1;
                });
                let Some(slot) = self.ahead.get_mut(n) else { break };
                let Some(o) = steps.next_regular() else { break };
                *slot = o;
                n += 1;
            }
            found = n as u8;
        } else {
            for slot in &mut self.ahead {
                let Some(o) = steps.next() else { break };
                *slot = o;
                found += 1;
            }
        }
        self.before += usize::from(self.found);
        (self.taken, self.found) = (0, found);
        found > 0
    }
}

impl<'m> Steps<'m> {
    /// Regular sessions in a row that need nothing looked up: a weekly
    /// segment's sessions in the span of the zone's table last used and
    /// the UTC year last used, of a meeting with no cancelled or moved
    /// session; up to `room` of them, starting before `hi`, each handed
    /// to `each`; how many. It stops at the first session that needs
    /// more (handing nothing of it): [`Steps::next_regular`] takes that
    /// one. The same sessions as [`Steps::next_regular`] gives, in a
    /// loop whose state stays in registers.
    ///
    /// Also the start of the session it stopped at when that is all it
    /// stopped for (it starts at `hi` or later, inside the window): that
    /// is then the next session [`Steps::next_regular`] would give, and
    /// a later `run` with a later `hi` gives it.
    #[inline(always)]
    fn run(
        &mut self,
        hi: i64,
        room: usize,
        mut each: impl FnMut(Occurrence<'m>),
    ) -> (usize, Option<i64>) {
        if self.changed {
            return (0, None);
        }
        let Some(Dates::Weekly { next, step_days, last }) = &mut self.dates
        else {
            return (0, None);
        };
        let Some(&span) = self.cursor.last_span() else {
            return (0, None);
        };
        // A session due on local day `due` starts on UTC day `due +
        // shift` at `time`.
        let utc_secs = self.time_secs - span.secs;
        let shift = utc_secs.div_euclid(86_400);
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(
            // In 0..86_400.
            (utc_secs - shift * 86_400) as u32,
            0,
        )
        .unwrap_or_default();
        let to_secs = self.to_secs;
        let year = self.year;
        let first_ordinal = shift - UNIX_EPOCH_DAY - i64::from(year.first_day);
        let (step, last) = (*step_days, *last);
        // Kept in locals: `each` stores where the compiler cannot tell
        // they do not change.
        let (meeting, length) = (self.meeting, self.length);
        // Minutes of a `MeetingDuration` (at most a day) times 60.
        let length_u32 = length as u32;
        let (time_secs, from_secs) = (self.time_secs, self.from_secs);
        let mut due = *next;
        let mut n = 0;
        let mut parked = None;
        while n < room && due <= last {
            let local = (i64::from(due) - UNIX_EPOCH_DAY) * 86_400 + time_secs;
            if !(span.safe_lo <= local && local < span.safe_hi) {
                break;
            }
            let start = local - span.secs;
            if start >= hi || start >= to_secs {
                parked = (start < to_secs).then_some(start);
                break;
            }
            let ordinal = i64::from(due) + first_ordinal;
            let date = match year.first.with_ordinal0(ordinal as u32) {
                Some(d) if (0..i64::from(year.days)).contains(&ordinal) => d,
                _ => break,
            };
            let this = due;
            due = due.saturating_add(step);
            if start < from_secs {
                continue;
            }
            let end = start + length;
            each(Occurrence {
                start_at: DateTime::from_naive_utc_and_offset(
                    date.and_time(time),
                    span.offset,
                ),
                meeting,
                start,
                length: length_u32,
                // The start is in the span's UTC range (its local time
                // is in the span's), so only the end can leave it.
                end_same_offset: end < span.utc_hi,
                due: this,
                change: NO_CHANGE,
                status: Status::Scheduled,
                fit: Fit::Exact,
            });
            n += 1;
        }
        *next = due;
        (n, parked)
    }

    /// The segment's session length as an [`Occurrence`] holds it.
    #[inline(always)]
    fn length_u32(&self) -> u32 {
        // Minutes of a `MeetingDuration` (at most a day) times 60.
        self.length as u32
    }

    /// Starts the next segment's dates, or notes that none is left.
    #[cold]
    fn next_segment(&mut self) {
        let Some(segment) = self.meeting.timeline().segments.get(self.segment)
        else {
            self.regular_done = true;
            return;
        };
        self.dates = Some(segment.dates(self.lower));
        let time = segment.rule().time().to_naive();
        self.time_secs = i64::from(time.num_seconds_from_midnight());
        self.length = i64::from(segment.duration().minutes()) * 60;
    }

    /// The segment's dates ended: notes whether rrule cut them short and
    /// moves on.
    #[cold]
    fn end_segment(&mut self) {
        self.truncated |= self.dates.as_ref().is_some_and(Dates::is_truncated);
        self.segment += 1;
        self.dates = None;
    }

    /// Small and inlined into the caller's loop; everything rare is out
    /// of line. (In a weekly segment most sessions come from
    /// [`Steps::run`]; this takes those where a run stops.)
    #[inline(always)]
    fn next_regular(&mut self) -> Option<Occurrence<'m>> {
        let meeting = self.meeting;
        while !self.regular_done {
            let Some(dates) = self.dates.as_mut() else {
                self.next_segment();
                continue;
            };
            let Some(due) = dates.next_day() else {
                self.end_segment();
                continue;
            };
            let local =
                (i64::from(due) - UNIX_EPOCH_DAY) * 86_400 + self.time_secs;
            let (start, offset, end_same_offset, fit) =
                match self.cursor.instant(local, self.length) {
                    Some((start, offset, same)) => {
                        (start, offset, same, Fit::Exact)
                    }
                    None => match self.resolved(due)? {
                        Some(found) => found,
                        None => continue,
                    },
                };
            if start >= self.to_secs {
                // A segment's sessions come in start order: none later in
                // it fits. (The next segment's first session may still be
                // earlier, where a change meets a day the zone skipped.)
                self.end_segment();
                continue;
            }
            if start < self.from_secs {
                continue;
            }
            let cancelled = if self.changed {
                match self.change_on(due) {
                    Changed::Moved => continue,
                    Changed::Cancelled(c) => Some(c),
                    Changed::No => None,
                }
            } else {
                None
            };
            if cancelled.is_some() && !self.with_cancelled {
                continue;
            }
            return Some(Occurrence {
                start_at: DateTime::from_naive_utc_and_offset(
                    self.year.date_time(start),
                    offset,
                ),
                meeting,
                start,
                length: self.length_u32(),
                end_same_offset,
                due,
                status: if cancelled.is_some() {
                    Status::Cancelled
                } else {
                    Status::Scheduled
                },
                fit,
                change: cancelled.map_or(NO_CHANGE, change_u32),
            });
        }
        None
    }

    /// Whether the regular session due on day `due` was moved or
    /// cancelled.
    fn change_on(&self, due: i32) -> Changed {
        let timeline = self.meeting.timeline();
        let Some(date) = NaiveDate::from_num_days_from_ce_opt(due) else {
            return Changed::No;
        };
        if timeline.moved.contains_key(&date) {
            return Changed::Moved;
        }
        match timeline.cancelled.get(&date) {
            Some(&c) => Changed::Cancelled(c),
            None => Changed::No,
        }
    }

    /// A regular session the tables do not answer (a gap, a fold):
    /// [`crate::resolve_local`] of its local start; `Some(None)` when it
    /// is the same session as the rule's next one (see below).
    #[cold]
    #[allow(clippy::type_complexity)]
    fn resolved(
        &mut self,
        due: i32,
    ) -> Option<Option<(i64, ZoneOffset, bool, Fit)>> {
        let date = NaiveDate::from_num_days_from_ce_opt(due)?;
        let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(
            u32::try_from(self.time_secs).ok()?,
            0,
        )?;
        let (start, fit, end) =
            self.cursor.session(date.and_time(time), self.length);
        // A zone that skips whole days (Pacific/Apia skipped 2011-12-30)
        // reads a session due on a skipped day with the offset before the
        // gap, so it lands on a later day at the same wall-clock time:
        // the very instant of the session due that day, if the rule has
        // one. RFC 5545 §3.8.5.3 counts duplicate instances once; the
        // session due on the day that exists is kept, so changes naming
        // that day apply to it.
        if fit == Fit::Gap {
            let shifted = start.naive_local();
            let days = shifted.date().num_days_from_ce() - due;
            let same_time = shifted.time() == time;
            let next_due = self.dates.as_ref().and_then(Dates::peek_day);
            if days > 0 && same_time && next_due == Some(due + days) {
                return Some(None);
            }
        }
        Some(Some((
            start.timestamp(),
            *start.offset(),
            end.offset() == start.offset(),
            fit,
        )))
    }

    fn next_special(
        &self,
        left: &mut std::slice::Iter<'m, Special>,
    ) -> Option<Occurrence<'m>> {
        for s in left.by_ref() {
            let utc = s.start.timestamp();
            if utc >= self.to_secs {
                break;
            }
            if utc < self.from_secs {
                continue;
            }
            return Some(Occurrence::at(
                self.meeting,
                s.start,
                s.duration.minutes() * 60,
                s.due,
                if s.moved { Status::Moved } else { Status::Extra },
                s.fit,
                Some(s.change),
            ));
        }
        None
    }
}

/// What happened to a regular session ([`Steps::change_on`]).
enum Changed {
    No,
    Moved,
    /// Cancelled by the change with this index.
    Cancelled(usize),
}

/// The first whole second at or after `t`.
fn ceil_secs(t: DateTime<Utc>) -> i64 {
    t.timestamp() + i64::from(t.timestamp_subsec_nanos() > 0)
}

impl<'m> Iterator for MeetingOccurrences<'m> {
    type Item = Occurrence<'m>;

    // Always inlined: a copy of a session found ahead, so a caller's
    // loop reads a session made a while ago, never one just stored
    // field by field (BENCHMARKS.md).
    #[inline(always)]
    fn next(&mut self) -> Option<Occurrence<'m>> {
        if self.taken >= self.found && !self.find_ahead() {
            return None;
        }
        let next = self.ahead.get(usize::from(self.taken)).copied();
        self.taken += 1;
        next
    }
}

impl std::iter::FusedIterator for MeetingOccurrences<'_> {}

impl<'m> Iterator for Steps<'m> {
    type Item = Occurrence<'m>;

    // Always inlined, so a caller's loop steps without a call.
    #[inline(always)]
    fn next(&mut self) -> Option<Occurrence<'m>> {
        if self.specials.is_none() {
            // No moved or extra session left: regular ones only.
            return self.next_regular();
        }
        self.next_with_specials()
    }
}

/// The moved and extra sessions of a [`Steps`] still to
/// come, and the next regular and special session waiting to be merged.
#[derive(Debug)]
struct Specials<'m> {
    left: std::slice::Iter<'m, Special>,
    regular: Option<Occurrence<'m>>,
    special: Option<Occurrence<'m>>,
}

impl<'m> Steps<'m> {
    /// The next session while moved or extra ones are left to merge in.
    #[inline]
    fn next_with_specials(&mut self) -> Option<Occurrence<'m>> {
        let mut sp = self.specials.take()?;
        if sp.regular.is_none() {
            sp.regular = self.next_regular();
        }
        if sp.special.is_none() {
            sp.special = self.next_special(&mut sp.left);
        }
        let take_special = match (&sp.regular, &sp.special) {
            (Some(r), Some(s)) => (s.start, s.status) < (r.start, r.status),
            (None, Some(_)) => true,
            _ => false,
        };
        let next =
            if take_special { sp.special.take() } else { sp.regular.take() };
        if !sp.left.as_slice().is_empty()
            || sp.special.is_some()
            || sp.regular.is_some()
        {
            self.specials = Some(sp);
        }
        next
    }
}

/// Every meeting's sessions in a window, merged in order of (start,
/// meeting id). Returned by [`crate::Schedule::occurrences`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let w = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 14, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 21, 0, 0, 0).unwrap(),
/// )?;
/// let starts: Vec<_> = seed.occurrences(w).map(|o| o.start().to_utc()).collect();
/// assert!(starts.windows(2).all(|p| p[0] <= p[1]));
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// It sweeps the meetings a stretch of time at a time, as
/// [`Occurrences::starts_into`] does, and hands out each stretch's
/// sessions one by one: still lazy (the first stretches are short, so
/// `take(n)` expands little more than `n` sessions), and about a
/// stretch's sessions in memory (it aims at 2^19 sessions at most,
/// 32 MB). A sweep puts each session it finds in one of up to 64 parts
/// of its stretch by start, and sorts and hands out one part (a few
/// thousand sessions, which stay in the cache) at a time.
#[derive(Debug)]
pub struct Occurrences<'s> {
    streams: Vec<Stream<'s>>,
    /// The merge's state once sessions are asked for.
    sweep: Option<Box<Sweep<'s>>>,
    /// How many sessions the iterator's parts aim at ([`PART`]).
    part: usize,
}

/// The state of a merge under way: the streams in id order, those with
/// sessions left, where and how long the next sweep is, and the lazy
/// iterator's current sweep.
#[derive(Debug)]
struct Sweep<'s> {
    /// Indices of the streams in id order, and their meetings.
    order: Vec<u32>,
    meetings: Vec<&'s Meeting>,
    /// Places in `order` of the streams with sessions left.
    live: Vec<u32>,
    /// The next sweep's first second, and its length in bits of
    /// seconds (0 until the first sweep).
    lo: i64,
    bits: u32,
    keys: Vec<u64>,
    scratch: Vec<u64>,
    /// The iterator's sweep, in parts of time of `2^shift` seconds
    /// from `from`: each part's sessions in the order found (streams
    /// in id order, each in its own order), one list a part. The
    /// sessions go to their part as the sweep finds them, and each
    /// part (about [`PART`] sessions, which stay in the second-level
    /// cache) is sorted and handed out in turn: a sweep's sessions are
    /// read back from memory in order, not one random place a session
    /// (at 100,000 meetings the sweep is 25 MB; issue 30).
    parts: Vec<Vec<Occurrence<'s>>>,
    from: i64,
    shift: u32,
    /// The next part to hand out, and whether `found` holds the one
    /// before it (lent: its place in `parts` holds an empty list).
    next: usize,
    lent: bool,
    /// The part being handed out: its sessions in the order found,
    /// `keys` their (seconds into the part, place in `found`) sorted
    /// by the seconds alone (stably, so ties stay in id order), `taken`
    /// of them handed out, and the mask of a key's bits that hold the
    /// place.
    found: Vec<Occurrence<'s>>,
    taken: usize,
    mask: u64,
    /// How many sessions the iterator's next sweep aims at: from 64 (or
    /// one a meeting), doubling up to [`lazy_aim`].
    aim: usize,
    /// How many sessions a part aims at ([`PART`]; tests make
    /// parts short with a small one), and how many the last sweep
    /// found a part on average.
    part: usize,
    per_part: usize,
}

/// One meeting's sessions in the merge: the iterator, its next session
/// waiting for its turn (side by side, so a step touches one place), and
/// the rank of the meeting's id. A stream with sessions left and no
/// `head` waits for a sweep to reach `parked`, the start of its next
/// session, which [`Steps::run`] makes then.
#[derive(Debug)]
struct Stream<'s> {
    sessions: Steps<'s>,
    head: Option<Occurrence<'s>>,
    parked: i64,
    rank: usize,
}

/// How many sessions [`Occurrences::starts_into`] aims to sort at once
/// (8 MB of keys): enough that each meeting's stream, fetched into the
/// cache once a sweep, steps many sessions each time; few enough that
/// the keys and their copy are reused from sweep to sweep rather than
/// allocated afresh (and zeroed by the kernel) for a long window.
const SWEEP_KEYS: usize = 1 << 20;

/// The shortest and longest sweep, as bits of seconds: 2^16 s (18
/// hours) and 2^25 s (388 days).
const SWEEP_BITS: std::ops::RangeInclusive<u32> = 16..=25;

const WEEK_SECS: usize = 7 * 86_400;

/// The most sessions the lazy iterator aims to hold in a sweep (64
/// bytes each: 32 MB).
const LAZY_MAX: usize = 1 << 19;

/// How many sessions a part of the lazy iterator's sweep aims at: 64
/// bytes each, 256 KB, which with their keys stay in a second-level
/// cache of 1 MB (the bench machine's, BENCHMARKS.md issue 30).
const PART: usize = 1 << 12;

/// The most parts a sweep is cut into (2^6).
const MAX_PART_BITS: u32 = 6;

/// How many sessions the lazy iterator's sweeps grow to for `meetings`
/// meetings: four a meeting (each meeting's stream, fetched from memory
/// once a sweep, steps a few sessions each time), at least 2^16 (4 MB,
/// W1's 10,000 meetings: a sweep of about six weeks), at most
/// [`LAZY_MAX`].
fn lazy_aim(meetings: usize) -> usize {
    meetings.saturating_mul(4).clamp(1 << 16, LAZY_MAX)
}

/// The first sweep's length in bits of seconds, for `live` meetings: as
/// if they met weekly, [`SWEEP_KEYS`] sessions; later sweeps adjust to
/// the sessions found.
fn first_sweep_bits(live: usize, sweep_keys: usize) -> u32 {
    let secs = (sweep_keys.saturating_mul(WEEK_SECS) / live.max(1)).max(1);
    (usize::BITS - 1 - secs.leading_zeros())
        .clamp(*SWEEP_BITS.start(), *SWEEP_BITS.end())
}

/// (start, rank) as one integer that sorts the same way: Unix seconds
/// with the sign bit flipped, then the rank.
pub(crate) fn merge_key(secs: i64, rank: usize) -> u128 {
    let secs = (secs as u64) ^ (1 << 63);
    (u128::from(secs) << 64) | rank as u128
}

impl<'s> Occurrences<'s> {
    /// The sessions of `meetings` (each with the rank of its id) in
    /// `window`, merged.
    pub(crate) fn new(
        meetings: impl ExactSizeIterator<Item = (&'s Meeting, usize)>,
        window: Window,
    ) -> Self {
        let mut streams = Vec::with_capacity(meetings.len());
        for (meeting, rank) in meetings {
            // Built in place: a stream is a few hundred bytes.
            streams.push(Stream {
                sessions: meeting.steps(
                    window.lower,
                    window.from_secs,
                    window.to_secs,
                ),
                head: None,
                parked: i64::MAX,
                rank,
            });
        }
        Occurrences { streams, sweep: None, part: PART }
    }

    /// Collects the sessions into a list of at most `limit`, for callers
    /// that materialise a query (agendas, exports): a window with more
    /// sessions is an error, never a truncated list, and the work stops
    /// a sweep after `limit + 1` sessions (see [`Occurrences`]). [`crate::MAX_SESSIONS`] is the default
    /// limit.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Error, Schedule, Window};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let year = Window::new(
    ///     Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
    /// )?;
    /// assert!(seed.occurrences(year).collect_at_most(1000)?.len() > 200);
    /// let err = seed.occurrences(year).collect_at_most(10).unwrap_err();
    /// assert!(matches!(err, Error::TooManySessions { limit: 10 }));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::TooManySessions`] when the window has more than `limit`,
    /// [`Error::RRuleLimit`] when an RRULE's sessions were cut short
    /// ([`MeetingOccurrences::is_truncated`]).
    pub fn collect_at_most(
        mut self,
        limit: usize,
    ) -> Result<Vec<Occurrence<'s>>> {
        let mut all = Vec::new();
        for o in self.by_ref() {
            if all.len() == limit {
                return Err(Error::TooManySessions { limit });
            }
            all.push(o);
        }
        self.check_complete()?;
        Ok(all)
    }

    /// Whether the sessions yielded so far are all there are: for callers
    /// that stream the sessions (write each as it comes, with no limit)
    /// and ask once they are done.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Schedule, Window};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let year = Window::new(
    ///     Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
    /// )?;
    /// let mut sessions = seed.occurrences(year);
    /// let written = sessions.by_ref().count();
    /// sessions.check_complete()?;
    /// assert!(written > 200);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::RRuleLimit`] when an RRULE's sessions were cut short
    /// ([`MeetingOccurrences::is_truncated`]).
    pub fn check_complete(&self) -> Result<()> {
        match self.streams.iter().find(|s| s.sessions.truncated) {
            Some(s) => Err(Error::RRuleLimit {
                meeting: s.sessions.meeting.id().to_string(),
            }),
            None => Ok(()),
        }
    }

    /// Appends every session left as (start in Unix seconds, meeting),
    /// in order of start, then meeting id: the bulk form of
    /// `map(|o| (o.start_timestamp(), o.meeting()))`, a 16-byte record
    /// per session, the rest of the session on demand (from
    /// [`Meeting::occurrences`] around its start). Ask
    /// [`Occurrences::check_complete`] afterwards, as when iterating.
    ///
    /// A session earlier than one before it of its own meeting (only a
    /// change on a day a zone skipped makes one) comes out as soon as it
    /// is found, here and in the iterator, though not always at the same
    /// place in both; it is never lost.
    ///
    /// It sweeps the meetings in id order, a stretch of time at a time
    /// (about a million sessions, up to 388 days), and radix-sorts that
    /// stretch's sessions by start as integers: each meeting's iterator
    /// is then touched once a sweep and in memory order, not once a
    /// session in the order of starts. The iterator sweeps the same way
    /// with shorter stretches; called part way through, this gives the
    /// rest of the iterator's stretch first.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Schedule, Window};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let november = Window::new(
    ///     Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2022, 12, 1, 0, 0, 0).unwrap(),
    /// )?;
    /// let mut starts = Vec::new();
    /// seed.occurrences(november).starts_into(&mut starts);
    /// let lazy: Vec<_> = seed
    ///     .occurrences(november)
    ///     .map(|o| (o.start_timestamp(), o.meeting()))
    ///     .collect();
    /// assert_eq!(starts.len(), lazy.len());
    /// assert!(starts.iter().zip(&lazy).all(|(a, b)| a.0 == b.0 && std::ptr::eq(a.1, b.1)));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn starts_into(&mut self, out: &mut Vec<(i64, &'s Meeting)>) {
        self.sweep_into(out, SWEEP_KEYS);
    }

    /// [`Occurrences::starts_into`], aiming at `sweep_keys` sessions a
    /// sweep (tests make sweeps short with a small one).
    fn sweep_into(
        &mut self,
        out: &mut Vec<(i64, &'s Meeting)>,
        sweep_keys: usize,
    ) {
        let streams = &mut self.streams;
        if streams.is_empty() {
            return;
        }
        let part = self.part;
        let sweep =
            self.sweep.get_or_insert_with(|| Sweep::start(streams, part));
        // What the iterator found and has not handed out comes first:
        // the rest of its part, then its later parts.
        loop {
            let Sweep { keys, found, taken, mask, .. } = &mut **sweep;
            out.extend(keys.iter().skip(*taken).filter_map(|&k| {
                found.get((k & *mask) as usize).map(|o| (o.start, o.meeting))
            }));
            *taken = keys.len();
            if !sweep.next_part() {
                break;
            }
        }
        let Sweep {
            order,
            meetings,
            live,
            lo,
            bits,
            keys,
            scratch,
            parts,
            found,
            taken,
            mask,
            ..
        } = &mut **sweep;
        (*taken, *mask) = (0, 0);
        *found = Vec::new();
        *parts = Vec::new();
        // Keys are (seconds into the sweep, place in `order`) packed in
        // `bits + index_bits`: swept in id order, a stable sort by start
        // alone keeps equal starts in id order, so the place rides in the
        // low bits of each key and is not sorted.
        let index_bits = u64::BITS - (order.len() as u64).leading_zeros();
        let index_mask = (1 << index_bits) - 1;
        if *bits == 0 {
            *bits = first_sweep_bits(live.len(), sweep_keys);
        }
        // Room for a sweep as the first one's length was chosen (weekly
        // meetings), so that the keys are not copied as they grow.
        let expected = live.len().saturating_mul(1 << *bits) / WEEK_SECS;
        keys.clear();
        keys.reserve(expected.min(4 * sweep_keys));
        while !live.is_empty() {
            let from = *lo;
            let hi = from.saturating_add(1 << *bits);
            keys.clear();
            let earliest = walk(streams, order, live, hi, |p, o| {
                if o.start < from {
                    // Earlier than a session before it of the same
                    // meeting (see above): due now, never lost.
                    out.push((o.start, o.meeting));
                } else {
                    let at = (o.start - from) as u64;
                    keys.push(at << index_bits | u64::from(p));
                }
            });
            crate::radix_sort::sort(
                keys,
                scratch,
                index_bits..index_bits + *bits,
            );
            out.reserve(keys.len());
            out.extend(keys.iter().map(|k| {
                let m = meetings[(k & index_mask) as usize];
                (from + (k >> index_bits) as i64, m)
            }));
            adjust(bits, keys.len(), sweep_keys);
            *lo = next_sweep_start(earliest, hi);
        }
        keys.clear();
    }

    /// Also yield cancelled sessions (at the time they were due).
    pub fn with_cancelled(mut self) -> Self {
        for s in &mut self.streams {
            s.sessions.with_cancelled = true;
        }
        self
    }

    /// The next session once the current sweep's are all handed out:
    /// sweeps on (out of line; [`Occurrences::next`] is the small part).
    #[inline(never)]
    fn next_sweep(&mut self) -> Option<Occurrence<'s>> {
        let streams = &mut self.streams;
        if streams.is_empty() {
            return None;
        }
        let part = self.part;
        let sweep =
            self.sweep.get_or_insert_with(|| Sweep::start(streams, part));
        loop {
            if let Some(&k) = sweep.keys.get(sweep.taken) {
                sweep.taken += 1;
                return sweep.found.get((k & sweep.mask) as usize).copied();
            }
            if sweep.next_part() {
                continue;
            }
            if sweep.live.is_empty() {
                return None;
            }
            sweep.fill(streams);
        }
    }
}

impl<'s> Sweep<'s> {
    /// The merge of `streams` about to begin: each stream's first
    /// session found, the streams put in id order.
    fn start(streams: &mut [Stream<'s>], part: usize) -> Box<Sweep<'s>> {
        let lo = streams.first().map_or(0, |s| s.sessions.from_secs);
        // The streams in id order (indices sorted, the streams left in
        // place).
        let mut order: Vec<u32> = (0..streams.len() as u32).collect();
        order.sort_by_key(|&i| streams[i as usize].rank);
        let meetings = order
            .iter()
            .map(|&i| streams[i as usize].sessions.meeting)
            .collect();
        for s in streams.iter_mut() {
            s.head = s.sessions.next();
        }
        let live = (0..order.len() as u32)
            .filter(|&p| streams[order[p as usize] as usize].head.is_some())
            .collect();
        Box::new(Sweep {
            order,
            meetings,
            live,
            lo,
            bits: 0,
            keys: Vec::new(),
            scratch: Vec::new(),
            parts: Vec::new(),
            from: lo,
            shift: 0,
            next: 0,
            lent: false,
            found: Vec::new(),
            taken: 0,
            mask: 0,
            aim: 0,
            part,
            per_part: 0,
        })
    }

    /// The iterator's next sweep: the sessions of `[lo, lo + 2^bits)`
    /// into their parts, to be handed out by
    /// [`Sweep::next_part`]. Called once the last sweep's are all
    /// handed out.
    fn fill(&mut self, streams: &mut [Stream<'s>]) {
        let Sweep {
            order,
            live,
            lo,
            bits,
            parts,
            from,
            shift,
            next,
            per_part,
            aim,
            part,
            ..
        } = self;
        if *aim == 0 {
            *aim = live.len().clamp(64, lazy_aim(order.len()));
            *bits = first_sweep_bits(live.len(), *aim);
        }
        *from = *lo;
        let start = *from;
        let hi = start.saturating_add(1 << *bits);
        // As many parts as the aim fills with `part` sessions
        // each: a power of two, so a session's part is the high bits
        // of its seconds into the sweep.
        let ways = (*aim / (*part).max(1)).max(1);
        let ways_bits =
            (usize::BITS - 1 - ways.leading_zeros()).min(MAX_PART_BITS);
        *shift = bits.saturating_sub(ways_bits);
        parts.resize_with(1 << (*bits - *shift), Vec::new);
        let last = parts.len() - 1;
        let shift = *shift;
        let mut found = 0usize;
        let earliest = walk(streams, order, live, hi, |_, o| {
            // A session earlier than the sweep (see `starts_into`) comes
            // first in it.
            let at = o.start.saturating_sub(start).max(0) as u64;
            if let Some(list) =
                parts.get_mut(((at >> shift) as usize).min(last))
            {
                list.push(o);
            }
            found += 1;
        });
        *next = 0;
        *per_part = found.div_ceil(parts.len());
        adjust(bits, found, *aim);
        *aim = aim.saturating_mul(2).min(lazy_aim(order.len()));
        *lo = next_sweep_start(earliest, hi);
    }

    /// Hands out the sweep's next part with sessions: its sessions
    /// into `found` and `keys` sorted; false when the sweep has none
    /// left (and the last part's list is back in its place).
    #[inline(never)]
    fn next_part(&mut self) -> bool {
        if self.lent {
            self.lent = false;
            self.found.clear();
            // Bounded memory: a list much longer than the sweep's
            // parts (sessions at a few instants filled it) is not
            // kept for the next sweep.
            let room = self.per_part.max(64);
            if self.found.capacity() > 4 * room {
                self.found.shrink_to(2 * room);
            }
            let back = self.next.checked_sub(1);
            if let Some(list) = back.and_then(|i| self.parts.get_mut(i)) {
                std::mem::swap(list, &mut self.found);
            }
        }
        (self.taken, self.mask) = (0, (1 << PLACE_BITS) - 1);
        while let Some(list) = self.parts.get_mut(self.next) {
            let lo = self.from + ((self.next as i64) << self.shift);
            self.next += 1;
            if list.is_empty() {
                continue;
            }
            std::mem::swap(list, &mut self.found);
            self.lent = true;
            sort_part(
                &self.found,
                lo,
                &mut self.keys,
                &mut self.scratch,
                self.shift,
            );
            return true;
        }
        self.keys.clear();
        false
    }
}

/// The bits of a lazy merge's key that hold its session's place in the
/// part, under the seconds into the part (fewer than 2^25).
const PLACE_BITS: u32 = u64::BITS - *SWEEP_BITS.end();

/// A part shorter than this is sorted by comparisons, not by radix
/// (whose counters would outnumber its keys).
const RADIX_FROM: usize = 256;

/// `keys` to hand out `found` (a part from `lo`, `2^shift` seconds
/// long) in order of start: each key the seconds into the part above
/// the session's place, sorted by the seconds alone and stably, so
/// sessions at the same second stay in the order found (id order).
fn sort_part(
    found: &[Occurrence<'_>],
    lo: i64,
    keys: &mut Vec<u64>,
    scratch: &mut Vec<u64>,
    shift: u32,
) {
    keys.clear();
    // Read in memory order: this also brings the part into the cache
    // before its sessions are handed out in order of start.
    keys.extend(found.iter().enumerate().map(|(place, o)| {
        // A session earlier than the sweep (see `starts_into`) comes
        // first in it.
        let at = o.start.saturating_sub(lo).max(0) as u64;
        at << PLACE_BITS | place as u64
    }));
    if keys.len() < RADIX_FROM {
        // Keys differ in their places: the order of the stable sort.
        keys.sort_unstable();
    } else {
        crate::radix_sort::sort(keys, scratch, PLACE_BITS..PLACE_BITS + shift);
    }
}

/// Steps every live stream (places in `order`) through its sessions
/// before `hi`, in id order, handing each to `each` with the stream's
/// place; drops the streams that end. Each stream is fetched once.
/// Gives the earliest start of the sessions the streams left have next
/// (`i64::MAX` when none is left).
#[inline(always)]
fn walk<'s>(
    streams: &mut [Stream<'s>],
    order: &[u32],
    live: &mut Vec<u32>,
    hi: i64,
    mut each: impl FnMut(u32, Occurrence<'s>),
) -> i64 {
    let mut earliest = i64::MAX;
    live.retain(|&p| {
        let s = &mut streams[order[p as usize] as usize];
        if s.head.is_none() && s.parked >= hi {
            // Waiting for a later sweep (below).
            earliest = earliest.min(s.parked);
            return true;
        }
        // Kept in a local while the meeting steps, stored once.
        let mut head = s.head.take();
        if s.sessions.specials.is_none() {
            // Regular sessions only: runs of them in the step's tight
            // loop, and one at a time where a run stops.
            loop {
                if let Some(o) = head {
                    if o.start >= hi {
                        break;
                    }
                    each(p, o);
                }
                let (_, parked) =
                    s.sessions.run(hi, usize::MAX, |o| each(p, o));
                if let Some(start) = parked {
                    // Stopped only by a later sweep's session: the
                    // stream waits with that session not made (no
                    // `head`); a run in its sweep makes it.
                    s.parked = start;
                    earliest = earliest.min(start);
                    return true;
                }
                head = s.sessions.next_regular();
                if head.is_none() {
                    break;
                }
            }
        } else {
            while let Some(o) = head.filter(|o| o.start < hi) {
                each(p, o);
                head = s.sessions.next();
            }
        }
        if let Some(o) = &head {
            earliest = earliest.min(o.start);
        }
        s.head = head;
        s.head.is_some()
    });
    earliest
}

/// The next sweep's length in bits after one that found `found`
/// sessions, aiming at `aim`.
fn adjust(bits: &mut u32, found: usize, aim: usize) {
    if found > 2 * aim {
        *bits = (*bits - 1).max(*SWEEP_BITS.start());
    } else if found < aim / 2 {
        *bits = (*bits + 1).min(*SWEEP_BITS.end());
    }
}

/// Where the sweep after one that ended at `hi` starts, `earliest`
/// being the earliest next session of the streams left ([`walk`]'s
/// answer): at `hi`, or at that session if later (past a gap in one
/// step).
fn next_sweep_start(earliest: i64, hi: i64) -> i64 {
    if earliest == i64::MAX {
        hi
    } else {
        earliest.max(hi)
    }
}

impl<'s> Iterator for Occurrences<'s> {
    type Item = Occurrence<'s>;

    #[inline]
    fn next(&mut self) -> Option<Occurrence<'s>> {
        if let Some(sweep) = &mut self.sweep {
            if let Some(&k) = sweep.keys.get(sweep.taken) {
                sweep.taken += 1;
                return sweep.found.get((k & sweep.mask) as usize).copied();
            }
        }
        self.next_sweep()
    }
}

impl std::iter::FusedIterator for Occurrences<'_> {}

#[cfg(test)]
mod tests {
    /// A session's size is what the expansion and merge figures in
    /// BENCHMARKS.md were measured with; a change to it should be seen.
    #[test]
    fn occurrence_size() {
        assert_eq!(std::mem::size_of::<super::Occurrence<'_>>(), 64);
        assert_eq!(std::mem::size_of::<Option<super::Occurrence<'_>>>(), 64);
        assert_eq!(std::mem::size_of::<(i64, &crate::Meeting)>(), 16);
        assert_eq!(std::mem::size_of::<super::Stream<'_>>(), 280);
        assert_eq!(std::mem::size_of::<crate::monthly::MonthlyDates>(), 32);
    }

    use crate::{Schedule, Window};
    use chrono::{Duration, TimeZone, Utc};
    use proptest::prelude::*;

    /// Weekly meetings, listed against id order so that ranks and
    /// places differ: `(zone, day, hour, every)` each.
    fn schedule(meetings: &[(usize, usize, u32, u32)]) -> Schedule {
        const ZONES: [&str; 4] =
            ["America/Los_Angeles", "Europe/London", "Asia/Kolkata", "UTC"];
        let mut toml = String::new();
        for (i, &(zone, day, hour, every)) in meetings.iter().enumerate() {
            toml += &format!(
                "[[meetings]]\nid = \"m{:02}\"\nname = \"M\"\n\
                 timezone = \"{}\"\nduration = \"60m\"\n\
                 starts = \"2020-01-01\"\nweekly = {{ day = \"{}\", \
                 time = \"{hour:02}:00\", every = {every} }}\n",
                99 - i,
                ZONES[zone],
                crate::WEEKDAY_NAMES[day],
            );
        }
        Schedule::from_toml_str(&format!("name = \"p\"\n{toml}")).unwrap()
    }

    /// One meeting at `hh:mm` in `zone` every `every` weeks from
    /// `starts`, `minutes` long, with a moved and an extra session.
    fn one_meeting(
        zone: &str,
        day: usize,
        (hour, minute): (u32, u32),
        every: u32,
        minutes: u32,
        starts: chrono::NaiveDate,
    ) -> Schedule {
        use chrono::Datelike;
        let ahead = (day as i64
            - i64::from(starts.weekday().num_days_from_monday()))
        .rem_euclid(7);
        let moved = starts + Duration::days(ahead + 7 * i64::from(every));
        let extra = starts + Duration::days(3);
        Schedule::from_toml_str(&format!(
            "name = \"p\"\n[[meetings]]\nid = \"m\"\nname = \"M\"\n\
             timezone = \"{zone}\"\nduration = \"{minutes}m\"\n\
             starts = \"{starts}\"\nweekly = {{ day = \"{}\", \
             time = \"{hour:02}:{minute:02}\", every = {every} }}\n\
             [[meetings.changes]]\nkind = \"move\"\ndate = \"{moved}\"\n\
             to = \"{moved}T23:59\"\n\
             [[meetings.changes]]\nkind = \"extra\"\nat = \"{extra}T00:00\"\n",
            crate::WEEKDAY_NAMES[day],
        ))
        .unwrap()
    }

    /// Every meeting's sessions, one meeting at a time, sorted by start
    /// then meeting id: what the merge must give.
    fn straightforward(
        schedule: &Schedule,
        window: Window,
    ) -> Vec<(i64, &str)> {
        let mut all: Vec<(i64, &str)> = schedule
            .meetings()
            .iter()
            .flat_map(|m| m.occurrences(window))
            .map(|o| (o.start_timestamp(), o.meeting().id().as_str()))
            .collect();
        all.sort();
        all
    }

    /// Everything a session tells, to compare two ways of finding it.
    #[allow(clippy::type_complexity)]
    fn whole(
        o: &super::Occurrence<'_>,
    ) -> (
        chrono::DateTime<crate::Zone>,
        chrono::DateTime<crate::Zone>,
        (&'static str, &'static str),
        (i64, i64, chrono::NaiveDate),
        (super::Status, crate::Fit, Option<usize>),
    ) {
        (
            o.start(),
            o.end(),
            (
                o.start().offset().abbreviation(),
                o.end().offset().abbreviation(),
            ),
            (o.start_timestamp(), o.end_timestamp(), o.due()),
            (o.status(), o.fit(), o.change_index()),
        )
    }

    proptest! {
        /// A meeting's iterator (sessions found a few at a time, most
        /// of them by the weekly run, issue 30) gives what stepping one
        /// session at a time gives ([`super::Steps`], which never runs):
        /// plain weekly meetings and ones with a cancelled, a moved and
        /// an extra session, across clock changes and new years, with
        /// and without the cancelled sessions; and `with_cancelled`
        /// asked after some sessions were taken gives the rest as if
        /// it had been asked there.
        #[test]
        fn prop_the_iterator_is_the_sessions_one_at_a_time(
            zone in prop::sample::select(vec![
                "America/Los_Angeles", "Pacific/Apia", "Australia/Lord_Howe",
                "Asia/Kolkata", "America/St_Johns", "Europe/London",
                "America/Santiago", "UTC",
            ]),
            day in 0usize..7,
            time in (0u32..24, prop::sample::select(vec![0u32, 30, 45])),
            every in 1u32..3,
            minutes in 1u32..=1440,
            first_day in 0i64..(366 * 4),
            days in 1i64..1500,
            changed in any::<bool>(),
            taken in 0usize..60,
        ) {
            let base = chrono::NaiveDate::from_ymd_opt(2009, 6, 1).unwrap();
            let starts = base + Duration::days(first_day);
            let schedule = if changed {
                one_meeting(zone, day, time, every, minutes, starts)
            } else {
                Schedule::from_toml_str(&format!(
                    "name = \"p\"\n[[meetings]]\nid = \"m\"\nname = \"M\"\n\
                     timezone = \"{zone}\"\nduration = \"{minutes}m\"\n\
                     starts = \"{starts}\"\nweekly = {{ day = \"{}\", \
                     time = \"{:02}:{:02}\", every = {every} }}\n",
                    crate::WEEKDAY_NAMES[day], time.0, time.1,
                ))
                .unwrap()
            };
            let m = &schedule.meetings()[0];
            let from = starts.and_hms_opt(0, 0, 0).unwrap().and_utc()
                - Duration::days(3);
            let window = Window::new(from, from + Duration::days(days)).unwrap();
            let steps = || m.steps(window.lower, window.from_secs, window.to_secs);
            let one: Vec<_> = steps().map(|o| whole(&o)).collect();
            let all: Vec<_> = m.occurrences(window).map(|o| whole(&o)).collect();
            prop_assert_eq!(&all, &one);
            let mut with = steps();
            with.with_cancelled = true;
            let one_with: Vec<_> = with.map(|o| whole(&o)).collect();
            let all_with: Vec<_> =
                m.occurrences(window).with_cancelled().map(|o| whole(&o)).collect();
            prop_assert_eq!(&all_with, &one_with);
            // Asked part way: the first `taken` without, then those with
            // cancelled ones after the last taken.
            let mut part = m.occurrences(window);
            let mut got: Vec<_> = part.by_ref().take(taken).map(|o| whole(&o)).collect();
            let mut expected = got.clone();
            got.extend(part.with_cancelled().map(|o| whole(&o)));
            let kept = one_with.iter().filter(|o| o.4.0 != super::Status::Cancelled);
            let past = match kept.take(taken).last() {
                Some(last) => one_with.iter().position(|o| o == last).unwrap() + 1,
                None => 0,
            };
            if expected.len() == taken {
                expected.extend(one_with[past..].iter().cloned());
                prop_assert_eq!(got, expected);
            }
        }

        /// `start()` and `end()` (the UTC date carried from the
        /// expansion, issue 30) equal chrono's conversion of the Unix
        /// seconds with the zone's offset looked up, across clock
        /// changes, midnight and new year in UTC, and every kind of
        /// session.
        #[test]
        fn prop_start_and_end_equal_the_seconds_converted(
            zone in prop::sample::select(vec![
                "America/Los_Angeles", "Pacific/Apia", "Australia/Lord_Howe",
                "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati",
                "Pacific/Pago_Pago", "Europe/London", "UTC",
            ]),
            day in 0usize..7,
            time in (0u32..24, prop::sample::select(vec![0u32, 15, 30, 45])),
            every in 1u32..3,
            minutes in 1u32..=1440,
            first_day in 0i64..(366 * 4),
            days in 1i64..900,
        ) {
            let base = chrono::NaiveDate::from_ymd_opt(2009, 6, 1).unwrap();
            let starts = base + Duration::days(first_day);
            let schedule = one_meeting(zone, day, time, every, minutes, starts);
            let tz = schedule.meetings()[0].zone();
            let from = starts.and_hms_opt(0, 0, 0).unwrap().and_utc()
                - Duration::days(1);
            let window = Window::new(from, from + Duration::days(days)).unwrap();
            let mut n = 0;
            for o in schedule.occurrences(window).with_cancelled() {
                let start = chrono::DateTime::from_timestamp(o.start_timestamp(), 0)
                    .unwrap()
                    .with_timezone(&tz);
                let end = chrono::DateTime::from_timestamp(o.end_timestamp(), 0)
                    .unwrap()
                    .with_timezone(&tz);
                prop_assert_eq!(o.start(), start);
                prop_assert_eq!(o.start().naive_local(), start.naive_local());
                prop_assert_eq!(o.start().offset().abbreviation(), start.offset().abbreviation());
                prop_assert_eq!(o.end(), end);
                prop_assert_eq!(o.end().naive_local(), end.naive_local());
                prop_assert_eq!(o.end().offset().abbreviation(), end.offset().abbreviation());
                n += 1;
            }
            prop_assert!(n > 0 || days < 21);
        }

        /// The bulk merge gives the merged stream's (start, meeting),
        /// with short sweeps too (a few sessions each, adjusting their
        /// length as they go) over windows of up to four years.
        #[test]
        fn prop_sweeps_of_any_length_give_the_merged_stream(
            meetings in prop::collection::vec(
                (0usize..4, 0usize..7, 0u32..24, 1u32..3), 1..12),
            from_day in 0i64..1500,
            days in 1i64..1500,
            sweep_keys in prop::sample::select(vec![1usize, 2, 5, 40, super::SWEEP_KEYS]),
        ) {
            let schedule = schedule(&meetings);
            let from = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()
                + Duration::days(from_day);
            let window = Window::new(from, from + Duration::days(days)).unwrap();
            let straight = straightforward(&schedule, window);
            let mut bulk = Vec::new();
            schedule.occurrences(window).sweep_into(&mut bulk, sweep_keys);
            let bulk: Vec<(i64, &str)> =
                bulk.iter().map(|&(t, m)| (t, m.id().as_str())).collect();
            prop_assert_eq!(bulk, straight);
        }

        /// The lazy merge (sweeps handed out one by one, issue 30) gives
        /// every meeting's sessions sorted by start, then id, as whole
        /// sessions; and the bulk form called part way through gives the
        /// rest.
        #[test]
        fn prop_the_lazy_merge_is_the_sorted_sessions(
            meetings in prop::collection::vec(
                (0usize..4, 0usize..7, 0u32..24, 1u32..3), 1..12),
            from_day in 0i64..1500,
            days in 1i64..1500,
            taken in 0usize..3000,
        ) {
            let schedule = schedule(&meetings);
            let from = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()
                + Duration::days(from_day);
            let window = Window::new(from, from + Duration::days(days)).unwrap();
            let straight = straightforward(&schedule, window);
            let mut lazy = schedule.occurrences(window);
            let mut got: Vec<(i64, &str)> = Vec::new();
            for o in lazy.by_ref().take(taken) {
                let alone = o.meeting().occurrences(window)
                    .find(|m| m.start_timestamp() == o.start_timestamp());
                prop_assert_eq!(alone.map(|m| (m.end(), m.due(), m.status())),
                    Some((o.end(), o.due(), o.status())));
                got.push((o.start_timestamp(), o.meeting().id().as_str()));
            }
            let mut rest = Vec::new();
            lazy.starts_into(&mut rest);
            got.extend(rest.iter().map(|&(t, m)| (t, m.id().as_str())));
            prop_assert_eq!(got, straight);
        }

        /// The lazy merge handing out its sweeps a part at a time
        /// (issue 30) gives what it gives with one part a sweep, session
        /// for session, and every meeting's sessions sorted by start,
        /// then id: parts of one session and more, many meetings at the
        /// same instant, zones with gaps and folds (sessions at 02:00 on
        /// Sundays), extra sessions, windows from any second; and the
        /// bulk form called part way through gives the rest.
        #[test]
        fn prop_parts_of_any_length_give_the_merged_stream(
            meetings in prop::collection::vec(
                (0usize..5, prop::sample::select(vec![6usize, 0]),
                 prop::sample::select(vec![(2u32, 0u32), (1, 30), (17, 0)]),
                 1u32..3, prop::option::of(0i64..900)),
                1..40),
            from_secs in 0i64..(1500 * 86_400),
            secs in 1i64..(800 * 86_400),
            part in prop::sample::select(vec![1usize, 2, 7, 64, super::PART]),
            taken in 0usize..3000,
        ) {
            const ZONES: [&str; 5] = [
                "America/Los_Angeles", "Australia/Lord_Howe", "Pacific/Apia",
                "Europe/London", "UTC",
            ];
            let starts = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
            let mut toml = String::from("name = \"p\"\n");
            for (i, &(zone, day, (hour, minute), every, extra)) in
                meetings.iter().enumerate()
            {
                // Listed against id order, so that ranks and places differ.
                toml += &format!(
                    "[[meetings]]\nid = \"m{:02}\"\nname = \"M\"\n\
                     timezone = \"{}\"\nduration = \"90m\"\n\
                     starts = \"{starts}\"\nweekly = {{ day = \"{}\", \
                     time = \"{hour:02}:{minute:02}\", every = {every} }}\n",
                    99 - i,
                    ZONES[zone],
                    crate::WEEKDAY_NAMES[day],
                );
                if let Some(days) = extra {
                    let at = starts + Duration::days(days);
                    toml += &format!(
                        "[[meetings.changes]]\nkind = \"extra\"\n\
                         at = \"{at}T12:00\"\n"
                    );
                }
            }
            let schedule = Schedule::from_toml_str(&toml).unwrap();
            let from = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()
                + Duration::seconds(from_secs);
            let window = Window::new(from, from + Duration::seconds(secs)).unwrap();
            let lazy = |part: usize| {
                let mut sessions = schedule.occurrences(window);
                sessions.part = part;
                sessions
            };
            let one_part: Vec<_> = lazy(usize::MAX)
                .map(|o| (o.meeting().id().as_str(), whole(&o)))
                .collect();
            let parts: Vec<_> = lazy(part)
                .map(|o| (o.meeting().id().as_str(), whole(&o)))
                .collect();
            prop_assert_eq!(&parts, &one_part);
            let straight = straightforward(&schedule, window);
            let starts: Vec<(i64, &str)> =
                parts.iter().map(|(id, o)| (o.3.0, *id)).collect();
            prop_assert_eq!(&starts, &straight);
            let mut sessions = lazy(part);
            let mut got: Vec<(i64, &str)> = sessions
                .by_ref()
                .take(taken)
                .map(|o| (o.start_timestamp(), o.meeting().id().as_str()))
                .collect();
            let mut rest = Vec::new();
            sessions.starts_into(&mut rest);
            got.extend(rest.iter().map(|&(t, m)| (t, m.id().as_str())));
            prop_assert_eq!(got, straight);
        }
    }
}
