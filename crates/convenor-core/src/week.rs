//! The week view: one viewer's week, day by day, in the viewer's zone,
//! with each meeting's own local time alongside.

use crate::zone::Zone;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday,
};

use crate::occurrence::{Occurrence, Occurrences, Window};
use crate::schedule::Schedule;
use crate::zone::resolve_local;

/// A viewer's week: seven days from the week's first day, each with its
/// sessions (cancelled ones included, marked) in the viewer's time.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let week = seed.week("Australia/Sydney".parse()?, NaiveDate::from_ymd_opt(2022, 11, 14).unwrap(), Weekday::Mon);
/// assert_eq!(week.days.len(), 7);
/// assert_eq!(week.days.iter().map(|d| d.sessions.len()).sum::<usize>(), 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Week<'s> {
    /// The viewer's zone.
    pub viewer: Zone,
    /// The seven days, in order.
    pub days: Vec<Day<'s>>,
}

/// One day of a [`Week`], in the viewer's zone.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let week = seed.week(convenor_core::Zone::utc(), NaiveDate::from_ymd_opt(2022, 11, 16).unwrap(), Weekday::Sun);
/// assert_eq!(week.days[0].date, NaiveDate::from_ymd_opt(2022, 11, 13).unwrap());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Day<'s> {
    /// The viewer's local date.
    pub date: NaiveDate,
    /// Its sessions, by start.
    pub sessions: Vec<Viewed<'s>>,
}

/// A session seen from the viewer's zone.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let week = seed.week("Asia/Tokyo".parse()?, NaiveDate::from_ymd_opt(2022, 11, 14).unwrap(), Weekday::Mon);
/// let thursday = week.days.iter().flat_map(|d| &d.sessions)
///     .find(|v| v.occurrence.meeting().id().as_str() == "co-occurring-thursday").unwrap();
/// assert_eq!(thursday.start.format("%a %H:%M").to_string(), "Fri 11:30");
/// assert_eq!(thursday.day_shift(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Viewed<'s> {
    /// The session, in the meeting's own zone.
    pub occurrence: Occurrence<'s>,
    /// Its start in the viewer's zone.
    pub start: DateTime<Zone>,
    /// Its end in the viewer's zone.
    pub end: DateTime<Zone>,
}

impl Viewed<'_> {
    /// Days between the meeting's own local date and the viewer's: `1`
    /// when Sunday 17:00 Pacific is Monday 01:00 in London.
    pub fn day_shift(&self) -> i64 {
        (self.start.date_naive() - self.occurrence.start().date_naive())
            .num_days()
    }
}

impl Schedule {
    /// The week containing `date` as `viewer` sees it, starting on
    /// `first_day` (Monday for ISO weeks).
    ///
    /// ```
    /// use chrono::{NaiveDate, Weekday};
    /// use convenor_core::Schedule;
    ///
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let d = NaiveDate::from_ymd_opt(2022, 11, 14).unwrap();
    /// let week = seed.week("Europe/London".parse()?, d, Weekday::Mon);
    /// // Monday 14 November in London starts with Sunday's 17:00 Pacific session.
    /// let first = &week.days[0].sessions[0];
    /// assert_eq!(first.start.format("%a %H:%M %Z").to_string(), "Mon 01:00 GMT");
    /// assert_eq!(first.occurrence.start().format("%a %H:%M %Z").to_string(), "Sun 17:00 PST");
    /// assert_eq!(first.day_shift(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn week(
        &self,
        viewer: Zone,
        date: NaiveDate,
        first_day: Weekday,
    ) -> Week<'_> {
        week_of(|window| self.occurrences(window), viewer, date, first_day)
    }
}

/// The week containing `date` as `viewer` sees it, of the sessions
/// `occurrences` gives for a window: one schedule's or several
/// ([`crate::Schedules::week`]).
pub(crate) fn week_of<'s>(
    occurrences: impl FnOnce(Window) -> Occurrences<'s>,
    viewer: Zone,
    date: NaiveDate,
    first_day: Weekday,
) -> Week<'s> {
    let back = (7 + date.weekday().num_days_from_monday()
        - first_day.num_days_from_monday())
        % 7;
    let first = date
        .checked_sub_signed(Duration::days(i64::from(back)))
        .unwrap_or(date);
    let midnight = |d: NaiveDate| -> DateTime<Utc> {
        resolve_local(viewer, d.and_time(NaiveTime::MIN)).0.with_timezone(&Utc)
    };
    let dates: Vec<NaiveDate> = first.iter_days().take(7).collect();
    let mut days: Vec<Day<'_>> =
        dates.iter().map(|&date| Day { date, sessions: Vec::new() }).collect();
    // At the ends of the calendar a week may be cut short; it then
    // lists no sessions rather than panicking.
    let window = dates
        .last()
        .and_then(|last| last.succ_opt())
        .filter(|_| dates.len() == 7)
        .map(|after| Window::new(midnight(dates[0]), midnight(after)));
    if let Some(Ok(window)) = window {
        for occurrence in occurrences(window).with_cancelled() {
            let start = occurrence.start().with_timezone(&viewer);
            let end = occurrence.end().with_timezone(&viewer);
            let index = (start.date_naive() - first).num_days();
            if let Some(day) =
                usize::try_from(index).ok().and_then(|i| days.get_mut(i))
            {
                day.sessions.push(Viewed { occurrence, start, end });
            }
        }
    }
    Week { viewer, days }
}
