//! The schedule in plain words, as a convenor would write it: "Saturdays
//! at 7:00am Pacific", "from 12 Nov 2022, Saturdays at 7:00am Pacific
//! instead of Saturdays at 9:30am Pacific". One place, so the CLI, the
//! announcements and the schedule page say the same.
//!
//! One style throughout: times on the 12-hour clock with the zone's
//! common name (`7:00am Pacific`, `6:30pm Berlin`), as convenors post
//! them, for rules and for single sessions alike; dates as `12 Nov 2022`,
//! or spelt out (`Saturday 12 November 2022`, [`DateStyle::Long`]) where
//! the text is read on its own, as in meeting finders' notes.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};

use crate::change::ChangeKind;
use crate::meeting::{apply, Meeting, Segment};
use crate::occurrence::{Occurrence, Status};
use crate::rule::{Pattern, Rule};
use crate::schedule::ChangeRef;
use crate::values::{weekday_name, LocalTime, MeetingDuration};
use crate::zone::{resolve_local, Zone};

/// `7:00am`, `6:30pm`, `12:00pm`, `12:05am`.
///
/// ```
/// use convenor_core::{words, LocalTime};
/// assert_eq!(words::time12(LocalTime::constant(18, 30)), "6:30pm");
/// assert_eq!(words::time12(LocalTime::constant(0, 5)), "12:05am");
/// ```
pub fn time12(t: LocalTime) -> String {
    clock12(t.hour(), t.minute())
}

/// [`time12`] of an hour and minute.
///
/// ```
/// assert_eq!(convenor_core::words::clock12(19, 5), "7:05pm");
/// ```
pub fn clock12(h: u32, m: u32) -> String {
    let suffix = if h < 12 { "am" } else { "pm" };
    let h12 = match h % 12 {
        0 => 12,
        h => h,
    };
    format!("{h12}:{m:02}{suffix}")
}

/// The name people use for a zone: `Pacific` for America/Los_Angeles
/// (and its old names), `Eastern`, ...; else the city (`London`,
/// `Sao Paulo`).
///
/// ```
/// use convenor_core::{words, Zone};
/// assert_eq!(words::zone_label("America/Los_Angeles".parse::<Zone>()?), "Pacific");
/// assert_eq!(words::zone_label("US/Pacific".parse::<Zone>()?), "Pacific");
/// assert_eq!(words::zone_label("America/Sao_Paulo".parse::<Zone>()?), "Sao Paulo");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
pub fn zone_label(zone: Zone) -> String {
    const COMMON: &[(&str, &str)] = &[
        ("America/Los_Angeles", "Pacific"),
        ("America/Denver", "Mountain"),
        ("America/Phoenix", "Arizona"),
        ("America/Chicago", "Central"),
        ("America/New_York", "Eastern"),
        ("America/Anchorage", "Alaska"),
        ("Pacific/Honolulu", "Hawaii"),
        ("Etc/UTC", "UTC"),
        ("UTC", "UTC"),
    ];
    let name = zone.primary_name().unwrap_or(zone.name());
    if let Some((_, label)) = COMMON.iter().find(|(n, _)| *n == name) {
        return label.to_string();
    }
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// `Saturday`.
///
/// ```
/// assert_eq!(convenor_core::words::day_name(chrono::Weekday::Sat), "Saturday");
/// ```
pub fn day_name(day: Weekday) -> String {
    let name = weekday_name(day);
    name[..1].to_uppercase() + &name[1..]
}

/// `Saturdays at 7:00am Pacific`, `every 2 weeks on Thursday at 6:30pm
/// Pacific`, `the second Tuesday of each month at 7:00pm Eastern`: the
/// rule's [`Recurrence`] in words (never the RRULE's text) and its time.
///
/// ```
/// use convenor_core::{words, LocalTime, Rule, Zone};
/// let la = "America/Los_Angeles".parse::<Zone>()?;
/// let rule = Rule::weekly(chrono::Weekday::Sat, LocalTime::constant(7, 0));
/// assert_eq!(words::rule_words(&rule, la), "Saturdays at 7:00am Pacific");
/// let monthly = Rule::rrule("FREQ=MONTHLY;BYDAY=2TU", LocalTime::constant(19, 0))?;
/// assert_eq!(words::rule_words(&monthly, la), "the second Tuesday of each month at 7:00pm Pacific");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rule_words(rule: &Rule, zone: Zone) -> String {
    rule_words_from(rule, zone, None)
}

/// [`rule_words`] of a rule whose first session is on `first` (which
/// gives the day of a rule that takes it from its start).
pub(crate) fn rule_words_from(
    rule: &Rule,
    zone: Zone,
    first: Option<NaiveDate>,
) -> String {
    format!(
        "{} at {} {}",
        Recurrence::of(rule, first),
        time12(rule.time()),
        zone_label(zone)
    )
}

/// [`rule_words`] of a segment of a meeting's history.
pub(crate) fn segment_words(segment: &Segment, zone: Zone) -> String {
    rule_words_from(
        segment.rule(),
        zone,
        segment.first_session().map(|f| f.date()),
    )
}

/// On which days a rule's sessions fall, as parts a translation can put
/// in its own words; [`Recurrence::of`] finds it, its `Display` writes
/// it in English within a sentence (`the first Sunday of each month`)
/// and [`Recurrence::heading`] at the start of a line (`First Sunday of
/// each month`). A rule with no plain words is [`Recurrence::Other`],
/// said as a pattern the calendar lists, never as RRULE text.
///
/// ```
/// use convenor_core::words::Recurrence;
/// use convenor_core::{LocalTime, Rule};
/// let words = |rrule: &str| {
///     let rule = Rule::rrule(rrule, LocalTime::constant(16, 0)).unwrap();
///     Recurrence::of(&rule, None).heading()
/// };
/// assert_eq!(words("FREQ=MONTHLY;BYDAY=1SU"), "First Sunday of each month");
/// assert_eq!(words("FREQ=MONTHLY;BYDAY=2TU"), "Second Tuesday of each month");
/// assert_eq!(words("FREQ=MONTHLY;BYDAY=-1FR"), "Last Friday of each month");
/// assert_eq!(words("FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1"), "Last Friday of each month");
/// assert_eq!(words("FREQ=MONTHLY;BYDAY=1MO,3MO"), "First and third Monday of each month");
/// assert_eq!(words("FREQ=MONTHLY;INTERVAL=2;BYDAY=1SU"), "Every 2 months on the first Sunday");
/// assert_eq!(words("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), "Every 2 weeks on Monday");
/// assert_eq!(words("FREQ=WEEKLY;BYDAY=MO,TH"), "Every week on Monday and Thursday");
/// assert_eq!(words("FREQ=DAILY"), "Every day");
/// assert_eq!(words("FREQ=MONTHLY;BYMONTHDAY=15"), "15th of each month");
/// assert_eq!(words("FREQ=MONTHLY;BYMONTHDAY=-1"), "Last day of each month");
/// assert_eq!(words("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"), "Every year on 31 December");
/// assert_eq!(words("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"), "On a yearly pattern (the calendar lists the dates)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Recurrence {
    /// Every day, or every `every` days.
    Daily {
        /// Every how many days (1 or more).
        every: u32,
    },
    /// On each of `days` (Monday first), every `every` weeks; one day
    /// every week is `Saturdays`.
    Weekly {
        /// The weekdays, at least one, Monday first.
        days: Vec<Weekday>,
        /// Every how many weeks (1 or more).
        every: u32,
    },
    /// The `nth` (`1` first ... `5` fifth; `-1` last, `-2` second to
    /// last) `day` of the month, every `every` months.
    MonthlyWeekday {
        /// Which of the month's such weekdays, in order, none zero.
        nth: Vec<i8>,
        /// The weekday.
        day: Weekday,
        /// Every how many months (1 or more).
        every: u32,
    },
    /// Day `day` of the month (`-1` the last), every `every` months.
    MonthlyDay {
        /// The day, `1..=31` or `-31..=-1` counted from the end.
        day: i8,
        /// Every how many months (1 or more).
        every: u32,
    },
    /// Once a year on a date.
    Yearly {
        /// The month, `1..=12`.
        month: u32,
        /// The day of the month, `1..=31`.
        day: u32,
    },
    /// A pattern with no plain words (week numbers, days of the year,
    /// Easter, several kinds of day at once): said by how often it
    /// repeats, and that the calendar lists its dates.
    Other {
        /// `daily`, `weekly`, `monthly` or `yearly`.
        frequency: &'static str,
    },
}

impl Recurrence {
    /// The recurrence of `rule`; `first`, the date of the first session,
    /// gives the day for a rule that takes it from its start (`FREQ=MONTHLY`
    /// alone is monthly on the first session's day of the month).
    pub fn of(rule: &Rule, first: Option<NaiveDate>) -> Recurrence {
        match rule.pattern() {
            Pattern::Weekly { day, every } => {
                Recurrence::Weekly { days: vec![*day], every: every.weeks() }
            }
            Pattern::RRule(r) => of_rrule(r, first),
        }
    }

    /// At the start of a line: the English words with a capital and
    /// without a leading `the` (`First Sunday of each month`,
    /// `Every 2 weeks on Monday`, `Saturdays`).
    pub fn heading(&self) -> String {
        let text = self.to_string();
        let text = text.strip_prefix("the ").unwrap_or(&text);
        let mut chars = text.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// The recurrence of an RRULE, where its parts have plain words.
fn of_rrule(
    r: &crate::rule::RRulePattern,
    first: Option<NaiveDate>,
) -> Recurrence {
    use rrule::{Frequency, NWeekday};
    let p = r.parts();
    let frequency = match p.get_freq() {
        Frequency::Daily => "daily",
        Frequency::Weekly => "weekly",
        Frequency::Monthly => "monthly",
        _ => "yearly",
    };
    let other = Recurrence::Other { frequency };
    let every = u32::from(p.get_interval().max(1));
    let set_pos = p.get_by_set_pos();
    if !p.get_by_year_day().is_empty()
        || !p.get_by_week_no().is_empty()
        || r.as_str().contains("BYEASTER")
        || set_pos.len() > 1
    {
        return other;
    }
    let by_day = p.get_by_weekday();
    let month_days = p.get_by_month_day();
    let months = p.get_by_month();
    // Plain weekdays (no ordinal), Monday first, without repeats.
    let mut plain: Vec<Weekday> = by_day
        .iter()
        .filter_map(|d| match d {
            NWeekday::Every(w) => Some(*w),
            NWeekday::Nth(..) => None,
        })
        .collect();
    plain.sort_by_key(|w| w.num_days_from_monday());
    plain.dedup();
    let all_plain = plain.len() == by_day.len();
    match p.get_freq() {
        Frequency::Daily
            if month_days.is_empty()
                && months.is_empty()
                && set_pos.is_empty() =>
        {
            if by_day.is_empty() {
                Recurrence::Daily { every }
            } else if all_plain && every == 1 {
                Recurrence::Weekly { days: plain, every: 1 }
            } else {
                other
            }
        }
        Frequency::Weekly
            if month_days.is_empty()
                && months.is_empty()
                && set_pos.is_empty() =>
        {
            if by_day.is_empty() {
                match first {
                    Some(f) => {
                        Recurrence::Weekly { days: vec![f.weekday()], every }
                    }
                    None => other,
                }
            } else if all_plain {
                Recurrence::Weekly { days: plain, every }
            } else {
                other
            }
        }
        Frequency::Monthly if months.is_empty() => {
            match (by_day, month_days, set_pos) {
                ([], [], []) => match first {
                    Some(f) => Recurrence::MonthlyDay {
                        day: i8::try_from(f.day()).unwrap_or(1),
                        every,
                    },
                    None => other,
                },
                ([], [day], []) => Recurrence::MonthlyDay { day: *day, every },
                ([NWeekday::Every(day)], [], [pos]) => {
                    match i8::try_from(*pos) {
                        Ok(n) if (-5..=5).contains(&n) && n != 0 => {
                            Recurrence::MonthlyWeekday {
                                nth: vec![n],
                                day: *day,
                                every,
                            }
                        }
                        _ => other,
                    }
                }
                (days, [], []) => {
                    let mut nth = Vec::new();
                    let mut weekday = None;
                    for d in days {
                        match d {
                            NWeekday::Nth(n, w)
                                if weekday.is_none_or(|x| x == *w)
                                    && (-5..=5).contains(n) =>
                            {
                                weekday = Some(*w);
                                nth.push(*n as i8);
                            }
                            _ => return other,
                        }
                    }
                    // In the month's order: first to fifth, then those
                    // counted from the end.
                    nth.sort_by_key(|n| {
                        if *n > 0 {
                            i16::from(*n)
                        } else {
                            100 + i16::from(*n)
                        }
                    });
                    nth.dedup();
                    match weekday {
                        Some(day) => {
                            Recurrence::MonthlyWeekday { nth, day, every }
                        }
                        None => other,
                    }
                }
                _ => other,
            }
        }
        Frequency::Yearly
            if every == 1 && by_day.is_empty() && set_pos.is_empty() =>
        {
            match (months, month_days, first) {
                ([m], [d], _) if *d > 0 => {
                    Recurrence::Yearly { month: u32::from(*m), day: *d as u32 }
                }
                ([], [], Some(f)) => {
                    Recurrence::Yearly { month: f.month(), day: f.day() }
                }
                ([m], [], Some(f)) if u32::from(*m) == f.month() => {
                    Recurrence::Yearly { month: f.month(), day: f.day() }
                }
                _ => other,
            }
        }
        _ => other,
    }
}

/// `first`, `second`, ... `fifth`; `last`, `second to last`...
fn ordinal(n: i8) -> String {
    const WORDS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];
    match n {
        -1 => "last".to_string(),
        n if n < 0 => format!("{} to last", ordinal(-n)),
        n => WORDS
            .get(usize::from(n.unsigned_abs()).saturating_sub(1))
            .map_or_else(|| nth_day(n), |w| (*w).to_string()),
    }
}

/// `1st`, `2nd`, `15th`, `22nd`.
pub(crate) fn nth_day(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `Monday`, `Monday and Thursday`, `Monday, Wednesday and Friday`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl fmt::Display for Recurrence {
    /// The English words within a sentence: `Saturdays`, `every 2 weeks
    /// on Thursday`, `the first Sunday of each month`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recurrence::Daily { every: 1 } => write!(f, "every day"),
            Recurrence::Daily { every } => write!(f, "every {every} days"),
            Recurrence::Weekly { days, every: 1 } if days.len() == 1 => {
                write!(f, "{}s", day_name(days[0]))
            }
            Recurrence::Weekly { days, every } => {
                let names: Vec<String> =
                    days.iter().map(|d| day_name(*d)).collect();
                match every {
                    1 => write!(f, "every week on {}", and_list(&names)),
                    n => write!(f, "every {n} weeks on {}", and_list(&names)),
                }
            }
            Recurrence::MonthlyWeekday { nth, day, every } => {
                let which: Vec<String> =
                    nth.iter().map(|n| ordinal(*n)).collect();
                let which = and_list(&which);
                match every {
                    1 => write!(
                        f,
                        "the {which} {} of each month",
                        day_name(*day)
                    ),
                    n => write!(
                        f,
                        "every {n} months on the {which} {}",
                        day_name(*day)
                    ),
                }
            }
            Recurrence::MonthlyDay { day, every } => {
                let which = match day {
                    -1 => "last day".to_string(),
                    d if *d < 0 => format!("{} day", ordinal(*d)),
                    d => nth_day(*d),
                };
                match every {
                    1 => write!(f, "the {which} of each month"),
                    n => write!(f, "every {n} months on the {which}"),
                }
            }
            Recurrence::Yearly { month, day } => {
                let name = NaiveDate::from_ymd_opt(2000, *month, 1)
                    .map(|d| d.format("%B").to_string())
                    .unwrap_or_default();
                write!(f, "every year on {day} {name}")
            }
            Recurrence::Other { frequency } => {
                write!(
                    f,
                    "on a {frequency} pattern (the calendar lists the dates)"
                )
            }
        }
    }
}

/// A session's title where sessions are listed: its meeting's name, and
/// for an extra session `Extra session: NAME`, so a one-off at another
/// hour is never taken for the usual meeting.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let text = "name = 'x'\ntimezone = 'Europe/London'\n[[meetings]]\nid = 'a'\nname = 'Evening Meeting'\n\
///             weekly = { day = 'tuesday', time = '19:00' }\nduration = '60m'\nstarts = '2026-12-01'\n\
///             [[meetings.changes]]\nkind = 'extra'\nat = '2027-01-01T12:00'\n";
/// let s = convenor_core::Schedule::from_toml_str(text)?;
/// let w = convenor_core::Window::new(
///     Utc.with_ymd_and_hms(2026, 12, 29, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2027, 1, 2, 0, 0, 0).unwrap(),
/// )?;
/// let titles: Vec<String> = s.occurrences(w).map(|o| convenor_core::words::session_title(&o)).collect();
/// assert_eq!(titles, ["Evening Meeting", "Extra session: Evening Meeting"]);
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn session_title(o: &Occurrence<'_>) -> String {
    let name = o.meeting().name();
    match o.status() {
        Status::Extra => format!("Extra session: {name}"),
        _ => name.to_string(),
    }
}

/// How [`ChangeRef::describe`] writes dates. Times are the same in
/// both: `7:00pm Pacific`.
///
/// ```
/// use convenor_core::words::DateStyle;
/// let d = chrono::NaiveDate::from_ymd_opt(2022, 11, 26).unwrap();
/// assert_eq!(DateStyle::Short.date(d), "Saturday 26 Nov 2022");
/// assert_eq!(DateStyle::Long.date(d), "Saturday 26 November 2022");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateStyle {
    /// Abbreviated, as `convenor changes` and the announcements print
    /// them: `from 12 Nov 2022`, `no meeting on Saturday 26 Nov 2022`,
    /// `moves to Fri 23 Dec 2022 at 7:00am Pacific`.
    #[default]
    Short,
    /// Spelt out, with the weekday, for text read on its own (Meeting
    /// Guide notes): `Saturday 26 November 2022` everywhere.
    Long,
}

impl DateStyle {
    /// A day: `Saturday 26 Nov 2022`, `Saturday 26 November 2022`.
    pub fn date(self, d: NaiveDate) -> String {
        let format = match self {
            DateStyle::Short => "%A %-d %b %Y",
            DateStyle::Long => "%A %-d %B %Y",
        };
        d.format(format).to_string()
    }

    /// The first day of a new rule: `12 Nov 2022`, `Saturday 12
    /// November 2022`.
    fn day_month_year(self, d: NaiveDate) -> String {
        match self {
            DateStyle::Short => d.format("%-d %b %Y").to_string(),
            DateStyle::Long => self.date(d),
        }
    }

    /// A local date-time of `zone` as it happens, in the style of
    /// [`rule_words`]: `Fri 23 Dec 2022 at 7:00am Pacific` (a time in a
    /// DST gap as it is read, 02:30 as 3:30am).
    fn at(self, zone: Zone, t: NaiveDateTime) -> String {
        let at = resolve_local(zone, t).0;
        let day = match self {
            DateStyle::Short => at.format("%a %-d %b %Y").to_string(),
            DateStyle::Long => self.date(at.date_naive()),
        };
        format!(
            "{day} at {} {}",
            clock12(at.hour(), at.minute()),
            zone_label(zone)
        )
    }
}

/// `, 90 minutes long` for a change that sets a length.
fn minutes_long(duration: Option<MeetingDuration>) -> String {
    duration
        .map_or(String::new(), |d| format!(", {} minutes long", d.minutes()))
}

impl ChangeRef<'_> {
    /// What the change does, in plain words, without the meeting's name:
    /// `from 12 Nov 2022, Saturdays at 7:00am Pacific instead of
    /// Saturdays at 9:30am Pacific`, `no meeting on Saturday 26 Nov
    /// 2022`; [`ChangeRef::describe`] with [`DateStyle::Short`].
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let change = &seed.changes_since(chrono::NaiveDate::MIN)[0];
    /// assert_eq!(
    ///     change.what(),
    ///     "from 12 Nov 2022, Saturdays at 7:00am Pacific instead of Saturdays at 9:30am Pacific"
    /// );
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn what(&self) -> String {
        self.describe(DateStyle::Short)
    }

    /// What the change does, in plain words, without the meeting's name,
    /// with dates in `dates`' style; every time gives its zone as
    /// convenors write it (`7:00pm Pacific`), and a move or extra session
    /// with a length of its own says it (`, 90 minutes long`).
    ///
    /// ```
    /// use convenor_core::words::DateStyle;
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'wed'\nname = 'W'\n\
    ///      weekly = { day = 'wednesday', time = '13:00' }\nduration = '60m'\nstarts = '2022-11-02'\n\
    ///      [[meetings.changes]]\nkind = 'move'\ndate = '2022-11-16'\nto = '2022-11-23T19:00'\n\
    ///      duration = '90m'\n",
    /// )?;
    /// let moved = s.meetings()[0].moves(..).next().unwrap().change();
    /// assert_eq!(
    ///     moved.describe(DateStyle::Long),
    ///     "the Wednesday 16 November 2022 session moves to Wednesday 23 November 2022 \
    ///      at 7:00pm Pacific, 90 minutes long"
    /// );
    /// assert_eq!(
    ///     moved.describe(DateStyle::Short),
    ///     "the Wednesday 16 Nov 2022 session moves to Wed 23 Nov 2022 at 7:00pm Pacific, \
    ///      90 minutes long"
    /// );
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn describe(&self, dates: DateStyle) -> String {
        let zone = self.meeting.zone();
        match &self.change.kind {
            ChangeKind::Reschedule(r) => {
                let (before, after) = self.rules();
                let (first_before, first_after) = self.first_sessions();
                format!(
                    "from {}, {} instead of {}{}",
                    dates.day_month_year(r.effective),
                    rule_words_from(&after, zone, first_after),
                    rule_words_from(&before, zone, first_before),
                    minutes_long(r.duration)
                )
            }
            ChangeKind::Cancel { date } => {
                format!("no meeting on {}", dates.date(*date))
            }
            ChangeKind::Move { date, to, duration } => format!(
                "the {} session moves to {}{}",
                dates.date(*date),
                dates.at(zone, *to),
                minutes_long(*duration)
            ),
            ChangeKind::Extra { at, duration } => format!(
                "an extra session on {}{}",
                dates.at(zone, *at),
                minutes_long(*duration)
            ),
            ChangeKind::End { effective } => {
                format!("no more sessions from {}", dates.date(*effective))
            }
        }
    }

    /// The change as a line of a meeting finder's notes (a Meeting
    /// Guide record's `notes`), short and starting with the date it is
    /// about, every time with its zone, the change's note in brackets:
    /// `Saturday 26 November: no meeting (Thanksgiving weekend), back on
    /// Saturday 3 December`, `Wednesday 16 November: moves to Tuesday 22
    /// November at 6:00pm Pacific`. A cancellation says when the meeting
    /// is back (its next session, if any). Dates within half a year of
    /// `today` leave out the year; others give it (`Saturday 2 January
    /// 2027`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let s = convenor_core::Schedule::from_toml_str(
    ///     "name = 'x'\ntimezone = 'America/Los_Angeles'\n[[meetings]]\nid = 'sat'\nname = 'S'\n\
    ///      weekly = { day = 'saturday', time = '10:00' }\nduration = '60m'\nstarts = '2022-11-05'\n\
    ///      [[meetings.changes]]\nkind = 'cancel'\ndate = '2022-11-26'\nnote = 'Thanksgiving weekend'\n\
    ///      [[meetings.changes]]\nkind = 'move'\ndate = '2022-11-19'\nto = '2022-11-22T18:00'\n",
    /// )?;
    /// let m = &s.meetings()[0];
    /// let today = NaiveDate::from_ymd_opt(2022, 11, 15).unwrap();
    /// let cancel = m.cancellations(..).next().unwrap().change();
    /// assert_eq!(
    ///     cancel.note_line(today),
    ///     "Saturday 26 November: no meeting (Thanksgiving weekend), back on Saturday 3 December"
    /// );
    /// let moved = m.moves(..).next().unwrap().change();
    /// assert_eq!(
    ///     moved.note_line(today),
    ///     "Saturday 19 November: moves to Tuesday 22 November at 6:00pm Pacific"
    /// );
    /// // Far ahead, with the year.
    /// let long_before = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    /// assert!(cancel.note_line(long_before).starts_with("Saturday 26 November 2022: no meeting"));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn note_line(&self, today: NaiveDate) -> String {
        self.note_line_in(today, &English)
    }

    /// [`ChangeRef::note_line`] in the language of `words`: the change
    /// as one of the [`Phrase`]s of notes ([`Phrase::NoteCancel`],
    /// [`Phrase::NoteMove`], [`Phrase::NoteExtra`],
    /// [`Phrase::NoteReschedule`], [`Phrase::NoteEnd`]), with its dates,
    /// times, zone and note as data, worded by `words`.
    ///
    /// ```
    /// use convenor_core::words::English;
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let change = &seed.changes_since(chrono::NaiveDate::MIN)[0];
    /// let today = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
    /// assert_eq!(change.note_line_in(today, &English), change.note_line(today));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn note_line_in(
        &self,
        today: NaiveDate,
        words: &dyn Phrasebook,
    ) -> String {
        let zone = self.meeting.zone();
        let note = self.change.note.as_deref();
        match &self.change.kind {
            ChangeKind::Reschedule(r) => {
                let (before, after) = self.rules();
                let (first_before, first_after) = self.first_sessions();
                words.phrase(&Phrase::NoteReschedule {
                    from: r.effective,
                    after: &after,
                    first_after,
                    before: &before,
                    first_before,
                    zone,
                    duration: r.duration,
                    note,
                    today,
                })
            }
            ChangeKind::Cancel { date } => words.phrase(&Phrase::NoteCancel {
                date: *date,
                back_on: self.meeting.next_session_after(*date),
                note,
                today,
            }),
            ChangeKind::Move { date, to, duration } => {
                words.phrase(&Phrase::NoteMove {
                    date: *date,
                    to: *to,
                    zone,
                    duration: *duration,
                    note,
                    today,
                })
            }
            ChangeKind::Extra { at, duration } => {
                words.phrase(&Phrase::NoteExtra {
                    at: *at,
                    zone,
                    duration: *duration,
                    note,
                    today,
                })
            }
            ChangeKind::End { effective } => words.phrase(&Phrase::NoteEnd {
                from: *effective,
                note,
                today,
            }),
        }
    }

    /// The dates of the first sessions of the segments whose rules
    /// [`ChangeRef::rules`] gives (for the words of a rule that takes
    /// its day from its start: [`Recurrence::of`]).
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let change = &seed.changes_since(chrono::NaiveDate::MIN)[0];
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 12);
    /// assert_eq!(change.first_sessions().1, day);
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn first_sessions(&self) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let segments = self.meeting.segments();
        let at =
            segments.iter().position(|s| s.causes().contains(&self.index));
        let before = match at {
            Some(i) if i > 0 => segments[i - 1].first_session(),
            _ => segments.first().and_then(Segment::first_session),
        };
        let after = at.and_then(|i| segments[i].first_session());
        (before.map(|f| f.date()), after.map(|f| f.date()))
    }

    /// The rule in force just before the change and the one it makes,
    /// as [`ChangeRef::describe`] compares them for a reschedule (for a
    /// view that words them in another language); the meeting's rule
    /// twice for other kinds of change.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let change = &seed.changes_since(chrono::NaiveDate::MIN)[0];
    /// let (before, after) = change.rules();
    /// assert_eq!((before.time().hour(), after.time().hour()), (9, 7));
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn rules(&self) -> (Rule, Rule) {
        let m: &Meeting = self.meeting;
        let segments = m.segments();
        let at =
            segments.iter().position(|s| s.causes().contains(&self.index));
        // The rule in force before the segment this change shapes (the
        // file's own for the first), then each change of the segment in
        // order: this one is described against the rule just before it.
        match at {
            Some(i) => {
                let mut rule = match i {
                    0 => m.rule().clone(),
                    i => segments[i - 1].rule().clone(),
                };
                let mut before = rule.clone();
                for &c in segments[i].causes() {
                    if let ChangeKind::Reschedule(r) = &m.changes()[c].kind {
                        before = rule.clone();
                        rule = apply(&rule, r).unwrap_or(rule);
                    }
                    if c == self.index {
                        break;
                    }
                }
                (before, rule)
            }
            None => (m.rule().clone(), m.rule().clone()),
        }
    }
}

impl fmt::Display for ChangeRef<'_> {
    /// `NAME: WHAT (announced DATE) — NOTE`.
    ///
    /// ```
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let change = &seed.changes_since(chrono::NaiveDate::MIN)[0];
    /// assert_eq!(
    ///     change.to_string(),
    ///     "Co-Occurring Disorders (Saturday): from 12 Nov 2022, Saturdays at 7:00am Pacific \
    ///      instead of Saturdays at 9:30am Pacific (announced 10 Nov 2022) — Starts at \
    ///      7:00am Pacific, not 9:30am as first posted"
    /// );
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.meeting.name(), self.what())?;
        if let Some(a) = self.change.announced {
            write!(f, " (announced {})", DateStyle::Short.day_month_year(a))?;
        }
        if let Some(note) = &self.change.note {
            write!(f, " — {note}")?;
        }
        Ok(())
    }
}

/// A sentence convenor writes for members in a feed beside the
/// schedule's own text (a Meeting Guide record's `notes`, an `.ics`
/// event's `DESCRIPTION` and reminders): the facts, which a
/// [`Phrasebook`] words in its language. The exporters build these and
/// never write words themselves, so one owner words each sentence in
/// every language; `Display` is the English ([`English`]).
///
/// ```
/// use convenor_core::words::Phrase;
/// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 12).unwrap();
/// assert_eq!(Phrase::Starts(day).to_string(), "Starts Saturday 12 November 2022");
/// let before = "90m".parse()?;
/// let reminder = Phrase::Reminder { meeting: "Saturday", before, url: None };
/// assert_eq!(reminder.to_string(), "Saturday starts in 1 hour 30 minutes");
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Phrase<'a> {
    /// A meeting's first session is still to come: `Starts Saturday 12
    /// November 2022`.
    Starts(NaiveDate),
    /// A meeting every few weeks in a weekly feed: `Every 2 weeks, not
    /// every week; next: Monday 14 November 2022, ...`.
    EveryWeeks {
        /// Every how many weeks (2 or more).
        weeks: u32,
        /// The dates of the next sessions.
        next: &'a [NaiveDate],
    },
    /// A meeting's `ends` date: `No meetings after Friday 30 December
    /// 2022`.
    NoMeetingsAfter(NaiveDate),
    /// The end of a session past midnight, which a feed cannot give as
    /// a time of the same day: `Ends at 1:00am Pacific, the next day`.
    EndsNextDay {
        /// The local end time, in the meeting's zone.
        time: LocalTime,
        /// The meeting's zone.
        zone: Zone,
        /// A day the session ends on, for the zone's name where a
        /// language names it by its rules of the time.
        on: NaiveDate,
    },
    /// What a change does, without the meeting's name
    /// ([`ChangeRef::describe`]).
    Change {
        /// The change.
        change: ChangeRef<'a>,
        /// How its dates are written.
        dates: DateStyle,
    },
    /// Who convenes a meeting: `Convenors: Kara K, Ann B`.
    Convenors(&'a [String]),
    /// A meeting's online link: `Join: https://...`.
    Join(&'a str),
    /// A meeting's dial-in number: `Phone: +1 ...`.
    Phone(&'a str),
    /// A meeting's tags: `Tags: online, open`.
    Tags(&'a [String]),
    /// A reminder's text: `Saturday starts in 15 minutes:
    /// https://...`.
    Reminder {
        /// The meeting's name.
        meeting: &'a str,
        /// How long before the session the reminder shows.
        before: MeetingDuration,
        /// The meeting's online link, if any.
        url: Option<&'a str>,
    },
    /// The label of a meeting's online link in a calendar: `Join
    /// online`.
    JoinOnline,
    /// A cancelled session as a line of a meeting finder's notes
    /// ([`ChangeRef::note_line`]): `Saturday 26 November: no meeting
    /// (Thanksgiving weekend), back on Saturday 3 December`. Every
    /// date of a note line is written with its year only when
    /// [`note_has_year`] says so for `today`.
    NoteCancel {
        /// The date the session was due.
        date: NaiveDate,
        /// The date of the meeting's next session, if any.
        back_on: Option<NaiveDate>,
        /// The change's note, as the file has it.
        note: Option<&'a str>,
        /// The date the notes are written as of.
        today: NaiveDate,
    },
    /// A moved session as a line of notes: `Saturday 19 November: moves
    /// to Tuesday 22 November at 6:00pm Pacific`.
    NoteMove {
        /// The date the session was due.
        date: NaiveDate,
        /// Its new local date-time in `zone`, as the file gives it (a
        /// time in a DST gap is read as [`resolve_local`] reads it).
        to: NaiveDateTime,
        /// The meeting's zone.
        zone: Zone,
        /// The session's own length, if the change sets one.
        duration: Option<MeetingDuration>,
        /// The change's note, as the file has it.
        note: Option<&'a str>,
        /// The date the notes are written as of.
        today: NaiveDate,
    },
    /// An extra session as a line of notes: `Saturday 10 December: an
    /// extra session at 10:00am Pacific, 90 minutes long`.
    NoteExtra {
        /// Its local date-time in `zone`, as the file gives it.
        at: NaiveDateTime,
        /// The meeting's zone.
        zone: Zone,
        /// The session's own length, if the change sets one.
        duration: Option<MeetingDuration>,
        /// The change's note, as the file has it.
        note: Option<&'a str>,
        /// The date the notes are written as of.
        today: NaiveDate,
    },
    /// A reschedule as a line of notes: `From Monday 12 December:
    /// Fridays at 2:00pm Pacific instead of Wednesdays at 1:00pm
    /// Pacific` (the rules as [`ChangeRef::rules`] and
    /// [`ChangeRef::first_sessions`] give them).
    NoteReschedule {
        /// The first date of the new rule.
        from: NaiveDate,
        /// The rule from `from` on.
        after: &'a Rule,
        /// The first session of `after`, for a rule that takes its day
        /// from it ([`Recurrence::of`]).
        first_after: Option<NaiveDate>,
        /// The rule before.
        before: &'a Rule,
        /// The first session of `before`.
        first_before: Option<NaiveDate>,
        /// The meeting's zone.
        zone: Zone,
        /// The new length, if the change sets one.
        duration: Option<MeetingDuration>,
        /// The change's note, as the file has it.
        note: Option<&'a str>,
        /// The date the notes are written as of.
        today: NaiveDate,
    },
    /// A meeting's end as a line of notes: `From Sunday 1 January: no
    /// more sessions`.
    NoteEnd {
        /// The first date without sessions.
        from: NaiveDate,
        /// The change's note, as the file has it.
        note: Option<&'a str>,
        /// The date the notes are written as of.
        today: NaiveDate,
    },
}

/// Whether a line of notes written on `today` gives `date`'s year: when
/// it is half a year (183 days) or more away, so that a date is never
/// taken for the same day of another year.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::words::note_has_year;
/// let today = NaiveDate::from_ymd_opt(2022, 11, 15).unwrap();
/// assert!(!note_has_year(NaiveDate::from_ymd_opt(2022, 12, 3).unwrap(), today));
/// assert!(note_has_year(NaiveDate::from_ymd_opt(2027, 1, 2).unwrap(), today));
/// ```
pub fn note_has_year(date: NaiveDate, today: NaiveDate) -> bool {
    (date - today).num_days().abs() >= 183
}

/// A date of a line of notes: `Saturday 26 November`, or with its year
/// ([`note_has_year`]).
fn note_date(date: NaiveDate, today: NaiveDate) -> String {
    match note_has_year(date, today) {
        true => DateStyle::Long.date(date),
        false => date.format("%A %-d %B").to_string(),
    }
}

/// `TEXT (NOTE)`, or the text alone.
fn with_note(text: String, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("{text} ({n})"),
        None => text,
    }
}

/// `15 minutes`, `1 hour`, `1 hour 30 minutes`.
fn hours_minutes(minutes: u32) -> String {
    let unit = |n: u32, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    match (minutes / 60, minutes % 60) {
        (0, m) => unit(m, "minute"),
        (h, 0) => unit(h, "hour"),
        (h, m) => format!("{} {}", unit(h, "hour"), unit(m, "minute")),
    }
}

impl fmt::Display for Phrase<'_> {
    /// The English sentence.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let long = |d: NaiveDate| DateStyle::Long.date(d);
        match self {
            Phrase::Starts(d) => write!(f, "Starts {}", long(*d)),
            Phrase::EveryWeeks { weeks, next } => {
                let next: Vec<String> =
                    next.iter().map(|d| long(*d)).collect();
                write!(
                    f,
                    "Every {weeks} weeks, not every week; next: {}",
                    next.join(", ")
                )
            }
            Phrase::NoMeetingsAfter(d) => {
                write!(f, "No meetings after {}", long(*d))
            }
            Phrase::EndsNextDay { time, zone, .. } => write!(
                f,
                "Ends at {} {}, the next day",
                time12(*time),
                zone_label(*zone)
            ),
            Phrase::Change { change, dates } => {
                f.write_str(&change.describe(*dates))
            }
            Phrase::Convenors(names) => {
                write!(f, "Convenors: {}", names.join(", "))
            }
            Phrase::Join(url) => write!(f, "Join: {url}"),
            Phrase::Phone(phone) => write!(f, "Phone: {phone}"),
            Phrase::Tags(tags) => write!(f, "Tags: {}", tags.join(", ")),
            Phrase::Reminder { meeting, before, url } => {
                write!(
                    f,
                    "{meeting} starts in {}",
                    hours_minutes(before.minutes())
                )?;
                match url {
                    Some(url) => write!(f, ": {url}"),
                    None => Ok(()),
                }
            }
            Phrase::JoinOnline => f.write_str("Join online"),
            Phrase::NoteCancel { date, back_on, note, today } => {
                let day = |d: NaiveDate| note_date(d, *today);
                let line =
                    with_note(format!("{}: no meeting", day(*date)), *note);
                match back_on {
                    Some(next) => write!(f, "{line}, back on {}", day(*next)),
                    None => f.write_str(&line),
                }
            }
            Phrase::NoteMove { date, to, zone, duration, note, today } => {
                let at = resolve_local(*zone, *to).0;
                let text = format!(
                    "{}: moves to {} at {} {}{}",
                    note_date(*date, *today),
                    note_date(at.date_naive(), *today),
                    clock12(at.hour(), at.minute()),
                    zone_label(*zone),
                    minutes_long(*duration)
                );
                f.write_str(&with_note(text, *note))
            }
            Phrase::NoteExtra { at, zone, duration, note, today } => {
                let at = resolve_local(*zone, *at).0;
                let text = format!(
                    "{}: an extra session at {} {}{}",
                    note_date(at.date_naive(), *today),
                    clock12(at.hour(), at.minute()),
                    zone_label(*zone),
                    minutes_long(*duration)
                );
                f.write_str(&with_note(text, *note))
            }
            Phrase::NoteReschedule {
                from,
                after,
                first_after,
                before,
                first_before,
                zone,
                duration,
                note,
                today,
            } => {
                let text = format!(
                    "From {}: {} instead of {}{}",
                    note_date(*from, *today),
                    rule_words_from(after, *zone, *first_after),
                    rule_words_from(before, *zone, *first_before),
                    minutes_long(*duration)
                );
                f.write_str(&with_note(text, *note))
            }
            Phrase::NoteEnd { from, note, today } => {
                let text = format!(
                    "From {}: no more sessions",
                    note_date(*from, *today)
                );
                f.write_str(&with_note(text, *note))
            }
        }
    }
}

/// Words [`Phrase`]s in one language: what an exporter that writes for
/// members (`convenor-json`'s Meeting Guide notes, `convenor-ical`'s
/// descriptions and reminders) is given, so that the words have one
/// owner above it. [`English`] is the core's own;
/// `convenor_site::l10n::Words` is every language's.
///
/// ```
/// use convenor_core::words::{English, Phrase, Phrasebook};
/// assert_eq!(English.phrase(&Phrase::JoinOnline), "Join online");
/// assert_eq!(English.lang(), convenor_core::Lang::En);
/// ```
pub trait Phrasebook: fmt::Debug + Send + Sync {
    /// The language it writes.
    fn lang(&self) -> crate::Lang;

    /// The phrase in this language.
    fn phrase(&self, phrase: &Phrase<'_>) -> String;
}

/// The English [`Phrasebook`]: each [`Phrase`]'s `Display`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct English;

impl Phrasebook for English {
    fn lang(&self) -> crate::Lang {
        crate::Lang::En
    }

    fn phrase(&self, phrase: &Phrase<'_>) -> String {
        phrase.to_string()
    }
}
