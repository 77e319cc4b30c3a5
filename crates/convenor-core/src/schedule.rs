//! The schedule: a named set of meetings with unique ids, and the queries
//! over all of them.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::change::Change;
use crate::error::{Error, FieldPath, Invalid, Problem, Result};
use crate::fast::{ZoneCursor, ZoneCursors};
use crate::meeting::Meeting;
use crate::occurrence::{Occurrence, Occurrences, Window};
use crate::rule::Pattern;
use crate::tzdata::Tzdata;
use crate::values::MeetingDuration;
use crate::web_url::WebUrl;
use crate::zone::{Fit, Zone};

/// The most reminders a meeting's sessions get, each a different length
/// before the session ([`MeetingDuration`]: 1 minute to 24 hours). A
/// schedule file with more is an error ([`Problem::TooManyReminders`]),
/// a length given twice counts once, and calendar exports write at most
/// this many alarms a session (100,000 copies of `15m` gave 100,000
/// alarms; 100 meetings with 10,000 reminders each, a 73 KB file, made
/// `publish` write 460 MB).
///
/// ```
/// assert_eq!(convenor_core::MAX_REMINDERS, 5);
/// ```
pub const MAX_REMINDERS: usize = 5;

/// The UID domain of a schedule without `url` or `uid_domain`: a name
/// that is no one's (RFC 2606).
const NO_DOMAIN: &str = "convenor.invalid";

/// A named set of meetings with unique ids. Immutable once built: every
/// meeting's history has been checked.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// assert_eq!(seed.meetings().len(), 6);
/// // The week of 14 November 2022: six sessions.
/// let week = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 14, 8, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 21, 8, 0, 0).unwrap(),
/// )?;
/// assert_eq!(seed.occurrences(week).count(), 6);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Schedule {
    name: String,
    url: Option<WebUrl>,
    /// The right side of calendar UIDs when the file names one (a host
    /// name, checked and in ASCII form).
    uid_domain: Option<String>,
    /// The languages its page offers, the first shown without
    /// JavaScript.
    languages: Vec<crate::Lang>,
    /// The approximate place of meetings that give none of their own.
    area: Option<String>,
    /// Tag -> Meeting Guide type code, as the file says (plain data here;
    /// `convenor-json` gives it meaning).
    meeting_guide_types: BTreeMap<String, String>,
    /// How long before a session calendars remind, for meetings that do
    /// not say.
    reminders: Vec<MeetingDuration>,
    timezone: Option<Zone>,
    /// Shared by the schedule's copies: [`Schedule::as_of`] a date by
    /// which every change was announced (a publish's page and Meeting
    /// Guide feed each ask for one) copies no meeting (at 100,000
    /// meetings each copy was 66 MB, issue 30).
    meetings: Arc<Vec<Meeting>>,
    /// Rank of each meeting's id in sorted order, for tie-breaks.
    ranks: Vec<usize>,
    /// The meetings' places in id order (the inverse of `ranks`), so a
    /// meeting is found by its id in a binary search.
    by_rank: Vec<usize>,
    /// Each meeting's rule as plain numbers where it is a plain weekly
    /// one, side by side so [`Schedule::next`] reads them in one sweep.
    quick: Vec<Option<Quick>>,
}

/// A meeting with one weekly segment and no cancelled, moved or extra
/// session, as numbers.
#[derive(Clone, Copy, Debug)]
struct Quick {
    tz: Zone,
    /// Local seconds (as if UTC) of the first session.
    first: i64,
    /// Of the last date a session may fall on, at the session time.
    last: i64,
    /// Seconds between sessions.
    step: i64,
}

impl Quick {
    fn of(m: &Meeting) -> Option<Quick> {
        let t = m.timeline();
        if !(t.specials.is_empty()
            && t.cancelled.is_empty()
            && t.moved.is_empty()
            && t.segments.len() == 1)
        {
            return None;
        }
        let segment = &t.segments[0];
        let Pattern::Weekly { every, .. } = segment.rule().pattern() else {
            return None;
        };
        let time = segment.rule().time().to_naive();
        let first = segment.first_session()?.and_utc().timestamp();
        let last = segment
            .last()
            .map_or(i64::MAX, |d| d.and_time(time).and_utc().timestamp());
        Some(Quick {
            tz: m.zone(),
            first,
            last,
            step: 7 * 86_400 * i64::from(every.weeks()),
        })
    }
}

/// One change of one meeting, as listed by [`Schedule::changes_since`].
///
/// ```
/// use chrono::NaiveDate;
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let all = seed.changes_since(NaiveDate::from_ymd_opt(2022, 1, 1).unwrap());
/// assert_eq!(all[0].index, 0);
/// assert_eq!(all[0].change.note.as_deref(), Some("Starts at 7:00am Pacific, not 9:30am as first posted"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChangeRef<'s> {
    /// The meeting.
    pub meeting: &'s Meeting,
    /// The change.
    pub change: &'s Change,
    /// Its index in [`Meeting::changes`].
    pub index: usize,
}

impl ChangeRef<'_> {
    /// The order changes are listed in, for people: by the date the
    /// change is about, then by announcement date.
    pub(crate) fn listing_order(&self) -> (NaiveDate, NaiveDate) {
        (self.change.date(), self.change.announced_on())
    }
}

/// Something legal but worth a look, reported by [`Schedule::warnings`].
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Warning, Window};
/// let text = "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'early'\nname = 'E'\n\
///             weekly = { day = 'sunday', time = '02:30' }\nduration = '60m'\nstarts = '2023-01-01'\n";
/// let schedule = Schedule::from_toml_str(text)?;
/// let year = Window::new(
///     Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
/// )?;
/// let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 12).unwrap();
/// assert_eq!(schedule.warnings(year), [Warning::InGap { meeting: "early".into(), date }]);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A session's local time falls in a DST gap, so it starts later on
    /// the wall clock than the rule says.
    InGap {
        /// The meeting.
        meeting: String,
        /// The first date it happens on.
        date: NaiveDate,
    },
    /// A session's local time happens twice (DST fold); the first is used.
    InFold {
        /// The meeting.
        meeting: String,
        /// The first date it happens on.
        date: NaiveDate,
    },
    /// A zone given by an old name (a tz database link), such as
    /// `Europe/Kiev`: it works, but the canonical name is clearer. An
    /// abbreviation the database has as a link (`EST`, `GMT`, `CET`) is
    /// one too, and rarely the zone meant: `EST` never changes to summer
    /// time.
    LegacyZone {
        /// The meeting, or `None` for the schedule's default zone.
        meeting: Option<String>,
        /// The name as written.
        zone: String,
        /// The name to write: the canonical name, or for an abbreviation
        /// the zone a person means by it (`America/New_York` for `EST`).
        canonical: &'static str,
    },
    /// A moved or extra session overlaps another session of the meeting.
    Overlap {
        /// The meeting.
        meeting: String,
        /// The date of the moved or extra session.
        date: NaiveDate,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::InGap { meeting, date } => write!(
                f,
                "meeting {meeting}: on {date} the session time does not exist \
                 (clocks spring forward); it starts later by the wall clock"
            ),
            Warning::InFold { meeting, date } => write!(
                f,
                "meeting {meeting}: on {date} the session time happens twice \
                 (clocks fall back); the first is used"
            ),
            Warning::LegacyZone { meeting, zone, canonical } => {
                if let Some(m) = meeting {
                    write!(f, "meeting {m}: ")?;
                }
                match crate::suggest::abbreviation_warning(zone, canonical) {
                    Some(words) => f.write_str(&words),
                    None => write!(
                        f,
                        "time zone \"{zone}\" is an old name (a link in the \
                         tz database); write \"{canonical}\""
                    ),
                }
            }
            Warning::Overlap { meeting, date } => write!(
                f,
                "meeting {meeting}: the moved or extra session on {date} \
                 overlaps another session"
            ),
        }
    }
}

/// The first session of a plain weekly meeting starting at or after
/// Unix second `from`: `Some(Some(start))`, `Some(None)` when it has none,
/// `None` when the tables cannot tell (a session in a gap or fold, or
/// past the year 9999): ask its iterator.
fn quick_first(
    q: Quick,
    from: i64,
    cursor: &mut ZoneCursor,
) -> Option<Option<i64>> {
    // Local seconds of the first session that could start at `from` or
    // later (no offset exceeds a day), then step.
    let earliest = from - 86_400;
    let mut local = if earliest <= q.first {
        q.first
    } else {
        q.first + (earliest - q.first + q.step - 1) / q.step * q.step
    };
    // A year 10000 bound, as `Window::starting`.
    const END: i64 = 253_402_300_800;
    loop {
        if local > q.last {
            return Some(None);
        }
        let start = local - cursor.offset_of_local(local)?;
        if start >= END {
            return None;
        }
        if start >= from {
            return Some(Some(start));
        }
        local += q.step;
    }
}

impl Schedule {
    /// A schedule of `meetings`, in the given order.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] with [`Problem::DuplicateId`] for each repeated id.
    pub fn new(
        name: impl Into<String>,
        timezone: Option<Zone>,
        meetings: Vec<Meeting>,
    ) -> Result<Schedule> {
        let mut ids: Vec<(&str, usize)> = meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id().as_str(), i))
            .collect();
        ids.sort();
        let problems: Vec<Invalid> = ids
            .windows(2)
            .filter(|w| w[0].0 == w[1].0)
            .map(|w| {
                let path =
                    FieldPath::root().key("meetings").index(w[1].1).key("id");
                Invalid::new(Problem::DuplicateId(w[1].0.to_string()), path)
            })
            .collect();
        if let Some(err) = Error::from_problems(problems) {
            return Err(err);
        }
        let mut ranks = vec![0; meetings.len()];
        for (rank, (_, i)) in ids.iter().enumerate() {
            ranks[*i] = rank;
        }
        let by_rank = ids.iter().map(|&(_, i)| i).collect();
        let quick = meetings.iter().map(Quick::of).collect();
        Ok(Schedule {
            name: name.into(),
            url: None,
            uid_domain: None,
            languages: Vec::new(),
            area: None,
            meeting_guide_types: BTreeMap::new(),
            reminders: Vec::new(),
            timezone,
            meetings: Arc::new(meetings),
            ranks,
            by_rank,
            quick,
        })
    }

    /// The same schedule with a home page.
    pub fn with_url(mut self, url: Option<WebUrl>) -> Schedule {
        self.url = url;
        self
    }

    /// The same schedule offering `languages` on its page, the first
    /// shown without JavaScript; see [`Schedule::languages`].
    pub fn with_languages(mut self, languages: Vec<crate::Lang>) -> Schedule {
        self.languages = languages;
        self
    }

    /// The languages its page offers as the file says them (`languages
    /// = ["es", "en"]`), the first shown without JavaScript; empty when
    /// the file names none.
    ///
    /// ```
    /// use convenor_core::{Lang, Schedule};
    /// let s = Schedule::from_toml_str("name = 'x'\nlanguages = ['es-MX', 'en']\nmeetings = []\n")?;
    /// assert_eq!(s.languages(), [Lang::Es, Lang::En]);
    /// let err = Schedule::from_toml_str("name = 'x'\nlanguages = ['xx']\nmeetings = []\n").unwrap_err();
    /// assert!(err.to_string().starts_with("convenor does not write in \"xx\""), "{err}");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn languages(&self) -> &[crate::Lang] {
        &self.languages
    }

    /// The same schedule with the right side of its calendar UIDs set
    /// (a host name, as [`WebUrl::host_name`] gives it); see
    /// [`Schedule::uid_domain`].
    pub fn with_uid_domain(mut self, domain: Option<String>) -> Schedule {
        self.uid_domain = domain;
        self
    }

    /// The same schedule with a default approximate place for its
    /// meetings (`Los Angeles, CA, USA`); a meeting's own
    /// [`Place::area`](crate::Place) wins.
    pub fn with_area(mut self, area: Option<String>) -> Schedule {
        self.area = area;
        self
    }

    /// The same schedule with tag -> Meeting Guide type code pairs
    /// (`HWYW = "LIT"`), over the defaults of `convenor-json`.
    pub fn with_meeting_guide_types(
        mut self,
        types: BTreeMap<String, String>,
    ) -> Schedule {
        self.meeting_guide_types = types;
        self
    }

    /// The same schedule with reminders for meetings that set none
    /// (exports write each length once, at most [`MAX_REMINDERS`]).
    pub fn with_reminders(
        mut self,
        reminders: Vec<MeetingDuration>,
    ) -> Schedule {
        self.reminders = reminders;
        self
    }

    /// The reminders of meetings that set none.
    pub fn reminders(&self) -> &[MeetingDuration] {
        &self.reminders
    }

    /// How long before each session of `meeting` calendars remind: its
    /// own reminders, else the schedule's.
    ///
    /// ```
    /// let text = "name = 'x'\ntimezone = 'UTC'\nreminders = ['15m', '1h']\n\
    ///             [[meetings]]\nid = 'a'\nname = 'A'\nweekly = { day = 'monday', time = '18:00' }\n\
    ///             duration = '60m'\nstarts = '2024-01-01'\n\
    ///             [[meetings]]\nid = 'b'\nname = 'B'\nweekly = { day = 'monday', time = '19:00' }\n\
    ///             duration = '60m'\nstarts = '2024-01-01'\nreminders = []\n";
    /// let s = convenor_core::Schedule::from_toml_str(text)?;
    /// let minutes = |i: usize| -> Vec<u32> {
    ///     s.reminders_of(&s.meetings()[i]).iter().map(|d| d.minutes()).collect()
    /// };
    /// assert_eq!(minutes(0), [15, 60]);
    /// assert!(minutes(1).is_empty());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn reminders_of<'a>(
        &'a self,
        meeting: &'a Meeting,
    ) -> &'a [MeetingDuration] {
        meeting.reminders().unwrap_or(&self.reminders)
    }

    /// The default approximate place of its meetings.
    pub fn area(&self) -> Option<&str> {
        self.area.as_deref()
    }

    /// Tag -> Meeting Guide type code pairs the file gives.
    pub fn meeting_guide_types(&self) -> &BTreeMap<String, String> {
        &self.meeting_guide_types
    }

    /// The schedule's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its home page.
    pub fn url(&self) -> Option<&WebUrl> {
        self.url.as_ref()
    }

    /// The right side of its calendar UIDs as the file sets it
    /// (`uid_domain`), if it does.
    pub fn uid_domain(&self) -> Option<&str> {
        self.uid_domain.as_deref()
    }

    /// The domain its calendar UIDs end in (`id@domain`): the file's
    /// `uid_domain`, else the host of its `url`, else
    /// `convenor.invalid`. Changing it changes every UID, so calendar
    /// subscribers would see every event deleted and added again: keep
    /// the old one in `uid_domain` when the `url` moves.
    ///
    /// ```
    /// let text = "name = 'x'\nurl = 'https://new.example.org/'\nmeetings = []\n";
    /// let moved = convenor_core::Schedule::from_toml_str(text)?;
    /// assert_eq!(moved.calendar_domain(), "new.example.org");
    /// let kept = convenor_core::Schedule::from_toml_str(
    ///     &format!("uid_domain = 'lifering.org'\n{text}"),
    /// )?;
    /// assert_eq!(kept.calendar_domain(), "lifering.org");
    /// let bare = convenor_core::Schedule::from_toml_str("name = 'x'\nmeetings = []\n")?;
    /// assert_eq!(bare.calendar_domain(), "convenor.invalid");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn calendar_domain(&self) -> &str {
        self.uid_domain
            .as_deref()
            .or_else(|| self.url.as_ref().map(WebUrl::host))
            .unwrap_or(NO_DOMAIN)
    }

    /// The default zone of its meetings, if the file set one.
    pub fn timezone(&self) -> Option<Zone> {
        self.timezone
    }

    /// The tz database its zones were read from (its default zone's, else
    /// its first meeting's, else the [current](Tzdata::current) one):
    /// what outputs name as the data their times come from.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// assert_eq!(seed.tzdata().to_string(), "2026f; bundled");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn tzdata(&self) -> Tzdata {
        let zone =
            self.timezone.or_else(|| self.meetings.first().map(Meeting::zone));
        zone.map_or_else(Tzdata::current, |z| z.tzdata())
    }

    /// The meetings, in file order.
    pub fn meetings(&self) -> &[Meeting] {
        &self.meetings
    }

    /// The meeting with this id.
    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.index_of(id).map(|i| &self.meetings[i])
    }

    /// The meeting with `id`, or [`Error::UnknownMeeting`] with the
    /// nearest id the schedule has: the one error every crate gives for
    /// a meeting that is not there.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// assert_eq!(seed.try_meeting("co-occurring-monday")?.name(), "Co-Occurring Disorders (Monday)");
    /// assert_eq!(
    ///     seed.try_meeting("co-occuring-monday").unwrap_err().to_string(),
    ///     "no meeting \"co-occuring-monday\" in the schedule; did you mean \"co-occurring-monday\"?",
    /// );
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownMeeting`] when there is no such meeting.
    pub fn try_meeting(&self, id: &str) -> Result<&Meeting> {
        self.meeting(id).ok_or_else(|| {
            let ids = self.meetings.iter().map(|m| m.id().as_str());
            Error::UnknownMeeting {
                id: id.to_string(),
                suggestion: crate::suggest::nearest(id, ids)
                    .map(str::to_string),
            }
        })
    }

    /// Each meeting with the rank of its id among the schedule's, as the
    /// merge of [`Schedule::occurrences`] breaks ties
    /// ([`crate::Schedules`] merges several schedules' this way).
    pub(crate) fn ranked(
        &self,
    ) -> impl ExactSizeIterator<Item = (&Meeting, usize)> + '_ {
        self.meetings.iter().zip(self.ranks.iter().copied())
    }

    /// The rank of meeting `id`'s id among the schedule's ids.
    pub(crate) fn rank_of(&self, id: &str) -> Option<usize> {
        self.by_rank
            .binary_search_by(|&i| self.meetings[i].id().as_str().cmp(id))
            .ok()
    }

    /// The place of the meeting with `id` in [`Schedule::meetings`]: a
    /// binary search, so that naming each of many meetings (a warning a
    /// meeting) costs no more than sorting them.
    fn index_of(&self, id: &str) -> Option<usize> {
        let rank = self
            .by_rank
            .binary_search_by(|&i| self.meetings[i].id().as_str().cmp(id))
            .ok()?;
        Some(self.by_rank[rank])
    }

    /// Every session that starts in `window`, merged in order of (start,
    /// meeting id); lazy, so a far `to` costs nothing until iterated.
    pub fn occurrences(&self, window: Window) -> Occurrences<'_> {
        let meetings = self.meetings.iter().zip(self.ranks.iter().copied());
        Occurrences::new(meetings, window)
    }

    /// The next `n` sessions that start at or after `after`.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::Schedule;
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// // Friday 11 November 2022, noon UTC: Saturday's first session is next.
    /// let now = Utc.with_ymd_and_hms(2022, 11, 11, 12, 0, 0).unwrap();
    /// let next = seed.next(now, 2);
    /// assert_eq!(next[0].meeting().id().as_str(), "co-occurring-saturday");
    /// assert_eq!(next[1].meeting().id().as_str(), "co-occurring-sunday");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn next(&self, after: DateTime<Utc>, n: usize) -> Vec<Occurrence<'_>> {
        let window = Window::starting(after);
        if n == 0 || self.meetings.len() <= 64.max(4 * n) {
            return self.occurrences(window).take(n).collect();
        }
        // Only a meeting whose first session from `after` on is among the
        // n earliest such can have a session among the n earliest: merge
        // just those. For plain weekly meetings the first session is found
        // by arithmetic on local seconds and one table lookup.
        let mut cursors = ZoneCursors::default();
        let from = after.timestamp();
        let exact = after.timestamp_subsec_nanos() == 0;
        let mut firsts: Vec<(u128, usize)> =
            Vec::with_capacity(self.meetings.len());
        for (i, m) in self.meetings.iter().enumerate() {
            let rank = self.ranks[i];
            let quick = self.quick[i]
                .filter(|_| exact)
                .and_then(|q| quick_first(q, from, cursors.get(q.tz)));
            let start = match quick {
                Some(Some(secs)) => {
                    Some(crate::occurrence::merge_key(secs, rank))
                }
                Some(None) => None,
                None => m.occurrences(window).next().map(|o| {
                    crate::occurrence::merge_key(o.start_timestamp(), rank)
                }),
            };
            if let Some(key) = start {
                firsts.push((key, i));
            }
        }
        if firsts.len() > n {
            firsts.select_nth_unstable(n - 1);
            firsts.truncate(n);
        }
        let meetings =
            firsts.iter().map(|&(_, i)| (&self.meetings[i], self.ranks[i]));
        Occurrences::new(meetings, window).take(n).collect()
    }

    /// The sessions running at `at` (`start <= at < end`), in start order.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::Schedule;
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// // Saturday 12 November 2022, 07:30 Pacific.
    /// let at = Utc.with_ymd_and_hms(2022, 11, 12, 15, 30, 0).unwrap();
    /// let now = seed.in_progress(at);
    /// assert_eq!(now.len(), 1);
    /// assert_eq!(now[0].meeting().id().as_str(), "co-occurring-saturday");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn in_progress(&self, at: DateTime<Utc>) -> Vec<Occurrence<'_>> {
        let longest =
            Duration::minutes(i64::from(MeetingDuration::MAX_MINUTES));
        let from =
            at.checked_sub_signed(longest).unwrap_or(DateTime::<Utc>::MIN_UTC);
        let to = at.checked_add_signed(Duration::nanoseconds(1)).unwrap_or(at);
        let Ok(window) = Window::new(from, to) else {
            return Vec::new();
        };
        self.occurrences(window).filter(|o| o.is_in_progress(at)).collect()
    }

    /// The schedule as it was published on `date`: changes announced after
    /// it are left out; undated changes always count.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use convenor_core::Schedule;
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap();
    /// let saturday = |s: &Schedule| {
    ///     let m = s.meeting("co-occurring-saturday").unwrap();
    ///     m.segment_on(d(11, 12)).unwrap().rule().time().to_string()
    /// };
    /// assert_eq!(saturday(&seed.as_of(d(11, 5))?), "09:30");
    /// assert_eq!(saturday(&seed.as_of(d(11, 10))?), "07:00");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When a change announced by then depends on one announced later
    /// (cancelling a session that only a later reschedule created).
    pub fn as_of(&self, date: NaiveDate) -> Result<Schedule> {
        let every_one = self
            .meetings
            .iter()
            .all(|m| m.changes().iter().all(|c| c.is_announced_by(date)));
        if every_one {
            // The same meetings, shared.
            return Ok(self.clone());
        }
        let mut problems = Vec::new();
        let mut meetings = Vec::with_capacity(self.meetings.len());
        for m in self.meetings.iter() {
            match m.retain_changes(|c| c.is_announced_by(date)) {
                Ok(m) => meetings.push(m),
                Err(p) => problems.extend(p),
            }
        }
        if let Some(err) = Error::from_problems(problems) {
            return Err(err);
        }
        let quick = meetings.iter().map(Quick::of).collect();
        Ok(Schedule {
            meetings: Arc::new(meetings),
            quick,
            name: self.name.clone(),
            url: self.url.clone(),
            uid_domain: self.uid_domain.clone(),
            languages: self.languages.clone(),
            area: self.area.clone(),
            meeting_guide_types: self.meeting_guide_types.clone(),
            reminders: self.reminders.clone(),
            timezone: self.timezone,
            ranks: self.ranks.clone(),
            by_rank: self.by_rank.clone(),
        })
    }

    /// The changes announced on or after `date`, in the order of the
    /// dates they are about ([`Change::date`](crate::Change::date): a
    /// reader's calendar order), then by announcement date and file
    /// order. A change without `announced` counts as announced
    /// on the date it is about ([`Change::announced_on`](crate::Change::announced_on): its effective
    /// date, or the date of a one-off change), so a cancellation nobody
    /// dated is still listed once it is near. `changes_since(NaiveDate::MIN)`
    /// is the whole history.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use convenor_core::{Change, ChangeKind, Schedule};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let d = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap();
    /// let since = seed.changes_since(d(11, 6));
    /// assert_eq!(since.len(), 1);
    /// assert_eq!(since[0].meeting.id().as_str(), "co-occurring-saturday");
    ///
    /// // An undated cancellation counts as announced on its date.
    /// let monday = seed.meeting("co-occurring-monday").unwrap().clone();
    /// let monday = monday.with_change(Change::new(ChangeKind::Cancel { date: d(11, 28) }))?;
    /// let seed = Schedule::new(seed.name(), None, vec![monday])?;
    /// assert_eq!(seed.changes_since(d(11, 20)).len(), 1);
    /// assert!(seed.changes_since(d(11, 29)).is_empty());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn changes_since(&self, date: NaiveDate) -> Vec<ChangeRef<'_>> {
        let mut all: Vec<ChangeRef<'_>> = self
            .meetings
            .iter()
            .flat_map(|meeting| {
                meeting.changes().iter().enumerate().map(
                    move |(index, change)| ChangeRef {
                        meeting,
                        change,
                        index,
                    },
                )
            })
            .filter(|c| c.change.announced_on() >= date)
            .collect();
        all.sort_by_key(ChangeRef::listing_order);
        all
    }

    /// The path of meeting `id`'s table in the schedule file
    /// (`meetings[2]`), when the schedule has it.
    ///
    /// ```
    /// use convenor_core::Schedule;
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let id = seed.meetings()[1].id().to_string();
    /// assert_eq!(seed.meeting_path(&id).map(|p| p.to_string()).as_deref(), Some("meetings[1]"));
    /// assert_eq!(seed.meeting_path("no-such-meeting"), None);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn meeting_path(&self, id: &str) -> Option<FieldPath> {
        let index = self.index_of(id)?;
        Some(FieldPath::root().key("meetings").index(index))
    }

    /// The field of the schedule file that `warning` is about, for
    /// pointing at it: the meeting's `weekly` rule for a session in a
    /// gap or fold, its `timezone` (or the schedule's) for an old zone
    /// name, its `changes` for an overlap. A path that the file does not
    /// have (an `rrule` meeting has no `weekly`) is found as its nearest
    /// enclosing table.
    ///
    /// ```
    /// use convenor_core::{Schedule, Warning};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let id = seed.meetings()[2].id().to_string();
    /// let w = Warning::InGap { meeting: id, date: "2023-03-12".parse().unwrap() };
    /// assert_eq!(seed.warning_path(&w).to_string(), "meetings[2].weekly");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn warning_path(&self, warning: &Warning) -> FieldPath {
        let meeting =
            |id: &str| self.meeting_path(id).unwrap_or_else(FieldPath::root);
        match warning {
            Warning::InGap { meeting: id, .. }
            | Warning::InFold { meeting: id, .. } => meeting(id).key("weekly"),
            Warning::LegacyZone { meeting: Some(id), .. } => {
                meeting(id).key("timezone")
            }
            Warning::LegacyZone { meeting: None, .. } => {
                FieldPath::root().key("timezone")
            }
            Warning::Overlap { meeting: id, .. } => meeting(id).key("changes"),
        }
    }

    /// Legal but surprising things: zones given by old (link) names,
    /// session times in a DST gap or fold,
    /// moved or extra sessions that overlap another session. Looks at
    /// sessions in `window` (pass the span you publish), at most
    /// [`crate::MAX_SESSIONS`] of each meeting, so a huge window costs
    /// bounded work.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use convenor_core::{Schedule, Window};
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let w = Window::new(
    ///     Utc.with_ymd_and_hms(2022, 1, 1, 0, 0, 0).unwrap(),
    ///     Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
    /// )?;
    /// assert!(seed.warnings(w).is_empty());
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn warnings(&self, window: Window) -> Vec<Warning> {
        let mut out = Vec::new();
        let legacy = |meeting: Option<String>, zone: Zone| {
            zone.primary_name().map(|primary| Warning::LegacyZone {
                meeting,
                zone: zone.name().to_string(),
                // `EST` is written for US Eastern time, not for the
                // fixed offset the tz database links it to.
                canonical: crate::suggest::abbreviation_meant(zone.name())
                    .unwrap_or(primary),
            })
        };
        out.extend(self.timezone.and_then(|z| legacy(None, z)));
        for m in self.meetings.iter() {
            if Some(m.zone()) != self.timezone {
                out.extend(legacy(Some(m.id().to_string()), m.zone()));
            }
            let id = || m.id().to_string();
            // Bounded work: at most MAX_SESSIONS sessions per meeting are
            // looked at, whatever the window.
            let all: Vec<Occurrence<'_>> =
                m.occurrences(window).take(crate::MAX_SESSIONS).collect();
            if let Some(o) = all.iter().find(|o| o.fit() == Fit::Gap) {
                out.push(Warning::InGap { meeting: id(), date: o.due() });
            }
            if let Some(o) = all.iter().find(|o| o.fit() == Fit::Fold) {
                out.push(Warning::InFold { meeting: id(), date: o.due() });
            }
            let longest = i64::from(MeetingDuration::MAX_MINUTES) * 60;
            for (i, o) in all.iter().enumerate() {
                if !matches!(
                    o.status(),
                    crate::Status::Moved | crate::Status::Extra
                ) {
                    continue;
                }
                // Sorted by start, and no session is longer than a day:
                // only near neighbours can overlap.
                let before = all[..i].iter().rev().take_while(|p| {
                    p.start_timestamp() > o.start_timestamp() - longest
                });
                let after = all[i + 1..]
                    .iter()
                    .take_while(|p| p.start_timestamp() < o.end_timestamp());
                if before.chain(after).any(|p| {
                    p.start_timestamp() < o.end_timestamp()
                        && o.start_timestamp() < p.end_timestamp()
                }) {
                    out.push(Warning::Overlap {
                        meeting: id(),
                        date: o.start().date_naive(),
                    });
                }
            }
        }
        out
    }
}
