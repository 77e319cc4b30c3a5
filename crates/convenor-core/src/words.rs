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

use chrono::{NaiveDate, NaiveDateTime, Timelike, Weekday};

use crate::change::ChangeKind;
use crate::meeting::{apply, Meeting};
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
/// Pacific`, `FREQ=MONTHLY;BYDAY=2TU at 7:00pm Eastern`.
///
/// ```
/// use convenor_core::{words, LocalTime, Rule, Zone};
/// let rule = Rule::weekly(chrono::Weekday::Sat, LocalTime::constant(7, 0));
/// assert_eq!(words::rule_words(&rule, "America/Los_Angeles".parse::<Zone>()?), "Saturdays at 7:00am Pacific");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
pub fn rule_words(rule: &Rule, zone: Zone) -> String {
    let at = format!("{} {}", time12(rule.time()), zone_label(zone));
    match rule.pattern() {
        Pattern::Weekly { day, every } if every.weeks() == 1 => {
            format!("{}s at {at}", day_name(*day))
        }
        Pattern::Weekly { day, every } => {
            format!(
                "every {} weeks on {} at {at}",
                every.weeks(),
                day_name(*day)
            )
        }
        Pattern::RRule(r) => format!("{} at {at}", r.as_str()),
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
                format!(
                    "from {}, {} instead of {}{}",
                    dates.day_month_year(r.effective),
                    rule_words(&after, zone),
                    rule_words(&before, zone),
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
