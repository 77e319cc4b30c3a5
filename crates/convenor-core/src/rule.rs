//! Recurrence rules: weekly at a local time (the fast common path), or any
//! RFC 5545 RRULE at a local time through the `rrule` crate.
//!
//! Rules produce *local dates*; [`crate::resolve_local`] turns date + time
//! into instants. rrule only ever sees naive local date-times in a
//! fixed-offset stand-in zone (UTC), so none of its zone handling (which
//! drops sessions where clocks change at midnight and reads floating times
//! in the machine's zone) can reach our results.

use std::fmt;

use chrono::{
    Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Weekday,
};
use rrule::{Frequency, NWeekday, RRule, RRuleSet, Unvalidated};

use crate::error::Problem;
use crate::monthly::{MonthlyDates, MonthlyShape};
use crate::values::{weekday_name, Interval, LocalTime};

/// When a meeting happens: a date pattern and a wall-clock time.
///
/// ```
/// use chrono::Weekday;
/// use convenor_core::{Interval, LocalTime, Rule};
///
/// let saturday = Rule::weekly(Weekday::Sat, LocalTime::constant(7, 0));
/// assert_eq!(saturday.to_string(), "every saturday at 07:00");
/// let fortnightly = saturday.with_interval(Interval::new(2)?);
/// assert_eq!(fortnightly.to_string(), "every 2 weeks on saturday at 07:00");
/// let monthly = Rule::rrule("FREQ=MONTHLY;BYDAY=2TU", LocalTime::constant(19, 0))?;
/// assert_eq!(monthly.to_string(), "FREQ=MONTHLY;BYDAY=2TU at 19:00");
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pattern: Pattern,
    time: LocalTime,
}

/// The date part of a [`Rule`].
///
/// ```
/// use chrono::Weekday;
/// use convenor_core::{Interval, LocalTime, Pattern, Rule};
/// let rule = Rule::weekly(Weekday::Thu, LocalTime::constant(18, 30));
/// assert_eq!(rule.pattern(), &Pattern::Weekly { day: Weekday::Thu, every: Interval::WEEKLY });
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    /// On one weekday, every `every` weeks.
    Weekly {
        /// The weekday.
        day: Weekday,
        /// Every how many weeks.
        every: Interval,
    },
    /// Any RFC 5545 recurrence of whole days (DAILY and longer).
    RRule(RRulePattern),
}

/// A validated RRULE of whole days: FREQ is DAILY, WEEKLY, MONTHLY or
/// YEARLY; no BYHOUR/BYMINUTE/BYSECOND (the time is the rule's
/// [`LocalTime`]) and no UNTIL (the meeting's `ends` says that).
///
/// ```
/// use convenor_core::RRulePattern;
/// let r = RRulePattern::new("RRULE:FREQ=MONTHLY;BYDAY=-1SU;COUNT=10")?;
/// assert_eq!(r.as_str(), "FREQ=MONTHLY;BYDAY=-1SU;COUNT=10");
/// assert_eq!(r.count(), Some(10));
/// assert!(RRulePattern::new("FREQ=HOURLY").is_err());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct RRulePattern {
    text: String,
    // Boxed: an RRule is ~350 bytes and most meetings are weekly.
    rule: Box<RRule<Unvalidated>>,
    /// The shape when [`MonthlyDates`] steps it, found once here.
    monthly: Option<MonthlyShape>,
}

impl RRulePattern {
    /// Parses and checks RRULE text such as `FREQ=MONTHLY;BYDAY=-1SU`
    /// (an `RRULE:` prefix is accepted).
    ///
    /// # Errors
    ///
    /// [`Problem::BadRRule`] when it does not parse,
    /// [`Problem::UnsupportedRRule`] for parts convenor does not accept.
    pub fn new(text: &str) -> Result<RRulePattern, Problem> {
        let trimmed = text.trim();
        let body = trimmed
            .strip_prefix("RRULE:")
            .or_else(|| trimmed.strip_prefix("rrule:"))
            .unwrap_or(trimmed)
            .to_ascii_uppercase();
        let bad = |reason: String| Problem::BadRRule {
            rule: text.to_string(),
            reason,
        };
        if body.is_empty() || body.contains(['\n', '\r', ':']) {
            return Err(bad("expected `FREQ=...;...` on one line".into()));
        }
        // rrule 0.14 slices BYDAY values by byte and panics inside a
        // multi-byte character (found by fuzz target rrule_text); RRULE
        // text is ASCII (RFC 5545 §3.3.10), so anything else stops here.
        if let Some(c) = body.chars().find(|c| !c.is_ascii()) {
            return Err(bad(format!(
                "`{c}` is not allowed; RRULE text is ASCII, such as \
                 `FREQ=MONTHLY;BYDAY=2TU`"
            )));
        }
        let rule: RRule<Unvalidated> =
            body.parse().map_err(|e: rrule::RRuleError| {
                bad(lowercase_first(&e.to_string()))
            })?;
        let unsupported = |part: &str, instead| Problem::UnsupportedRRule {
            rule: text.to_string(),
            part: part.to_string(),
            instead,
        };
        match rule.get_freq() {
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly => {
                return Err(unsupported(
                    &format!("FREQ={}", rule.get_freq()),
                    "a meeting recurs daily at the most; use FREQ=DAILY",
                ))
            }
            _ => {}
        }
        let time_parts = [
            ("BYHOUR", rule.get_by_hour().is_empty()),
            ("BYMINUTE", rule.get_by_minute().is_empty()),
            ("BYSECOND", rule.get_by_second().is_empty()),
        ];
        if let Some((part, _)) = time_parts.iter().find(|(_, empty)| !empty) {
            return Err(unsupported(
                part,
                "give the time in the `time` field",
            ));
        }
        if rule.get_until().is_some() {
            return Err(unsupported(
                "UNTIL",
                "give the last date in the meeting's `ends` field or an `end` change",
            ));
        }
        // RFC 5545 §3.3.10: BYSETPOS MUST only be used in conjunction
        // with another BYxxx rule part.
        if !rule.get_by_set_pos().is_empty()
            && rule.get_by_weekday().is_empty()
            && rule.get_by_month_day().is_empty()
            && rule.get_by_year_day().is_empty()
            && rule.get_by_week_no().is_empty()
            && rule.get_by_month().is_empty()
        {
            return Err(unsupported(
                "BYSETPOS",
                "BYSETPOS needs another BYxxx part to pick from, such as \
                 BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            ));
        }
        if rule.get_interval() > 1000 {
            return Err(bad("INTERVAL must be at most 1000".into()));
        }
        // Let rrule check the combination of parts against a sample start.
        let sample =
            rrule::Tz::UTC.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
        rule.clone()
            .validate(sample)
            .map_err(|e| bad(lowercase_first(&e.to_string())))?;
        let monthly = MonthlyShape::of(&rule, &body);
        Ok(RRulePattern { text: body, rule: Box::new(rule), monthly })
    }

    /// The shape of a MONTHLY rule that [`MonthlyDates`] steps.
    pub(crate) fn monthly(&self) -> Option<MonthlyShape> {
        self.monthly
    }

    /// The rule as RFC 5545 RRULE text (upper case, no `RRULE:` prefix).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed parts, as written (nothing filled in from a DTSTART).
    pub(crate) fn parts(&self) -> &RRule<Unvalidated> {
        &self.rule
    }

    /// The COUNT, if the rule has one.
    pub fn count(&self) -> Option<u32> {
        self.rule.get_count()
    }

    /// All session date-times (nominal local) from `start` on: the first
    /// is the first instance on or after `start`.
    pub(crate) fn set_from(&self, start: NaiveDateTime) -> Option<RRuleSet> {
        build(&self.rule, start)
    }

    /// A later start for the series whose first session is `first`: a
    /// rule and a date `d`, `first < d <= lower`, such that the rule
    /// expanded from `d` gives exactly the series' dates from `d` on.
    /// `d` starts a period (day, week from WKST, month or year) a whole
    /// number of INTERVALs after the first session's, and the parts an
    /// RRULE takes from its DTSTART (RFC 5545 §3.3.10: the weekday of a
    /// WEEKLY rule, the day of a MONTHLY one, the month and day of a
    /// YEARLY one) are written out. `None` where that cannot be exact:
    /// COUNT counts from the first session, and BYWEEKNO, BYYEARDAY and
    /// BYEASTER periods reach across year ends.
    fn reanchored(
        &self,
        first: NaiveDate,
        lower: NaiveDate,
    ) -> Option<(RRule<Unvalidated>, NaiveDate)> {
        let r = &*self.rule;
        if r.get_count().is_some()
            || !r.get_by_week_no().is_empty()
            || !r.get_by_year_day().is_empty()
            || self.text.contains("BYEASTER")
            || lower <= first
        {
            return None;
        }
        let every = i64::from(r.get_interval().max(1));
        let month_start = |months: i64| {
            let (y, m) = (months.div_euclid(12), months.rem_euclid(12));
            NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m as u32 + 1, 1)
        };
        // Whole INTERVALs from the first session's period to the one
        // before `lower`'s (so `d` is at least a period before `lower`).
        let at = match r.get_freq() {
            Frequency::Daily => {
                let k = (lower - first).num_days() / every - 1;
                first.checked_add_signed(Duration::days(k.max(0) * every))?
            }
            Frequency::Weekly => {
                let wkst = r.get_week_start().num_days_from_monday();
                let back =
                    (7 + first.weekday().num_days_from_monday() - wkst) % 7;
                let week0 = first - Duration::days(i64::from(back));
                let k = (lower - week0).num_days() / 7 / every - 1;
                week0
                    .checked_add_signed(Duration::days(k.max(0) * every * 7))?
            }
            Frequency::Monthly => {
                let m0 =
                    i64::from(first.year()) * 12 + i64::from(first.month0());
                let ml =
                    i64::from(lower.year()) * 12 + i64::from(lower.month0());
                let k = (ml - m0) / every - 1;
                month_start(m0 + k.max(0) * every)?
            }
            Frequency::Yearly => {
                let k = i64::from(lower.year() - first.year()) / every - 1;
                month_start((i64::from(first.year()) + k.max(0) * every) * 12)?
            }
            _ => return None,
        };
        if at <= first {
            return None;
        }
        let mut rule = r.clone();
        if r.get_by_month_day().is_empty() && r.get_by_weekday().is_empty() {
            let day = i8::try_from(first.day()).ok()?;
            match r.get_freq() {
                Frequency::Yearly => {
                    if r.get_by_month().is_empty() {
                        let month = chrono::Month::try_from(
                            u8::try_from(first.month()).ok()?,
                        )
                        .ok()?;
                        rule = rule.by_month(&[month]);
                    }
                    rule = rule.by_month_day(vec![day]);
                }
                Frequency::Monthly => rule = rule.by_month_day(vec![day]),
                Frequency::Weekly => {
                    rule = rule
                        .by_weekday(vec![NWeekday::Every(first.weekday())]);
                }
                _ => {}
            }
        }
        Some((rule, at))
    }
}

/// The rule expanded from `start` (nominal local, in the UTC stand-in).
fn build(rule: &RRule<Unvalidated>, start: NaiveDateTime) -> Option<RRuleSet> {
    let start = rrule::Tz::UTC.from_utc_datetime(&start);
    rule.clone().build(start).ok().map(RRuleSet::limit)
}

fn lowercase_first(s: &str) -> String {
    let s = s.trim_end_matches('.');
    // rrule prefixes its messages with the stage; ours says "invalid RRULE".
    let s = ["RRule validation error: ", "RRule parsing error: "]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Rule {
    /// Every week on `day` at `time`.
    pub fn weekly(day: Weekday, time: LocalTime) -> Rule {
        Rule {
            pattern: Pattern::Weekly { day, every: Interval::WEEKLY },
            time,
        }
    }

    /// A date pattern at `time`.
    pub fn new(pattern: Pattern, time: LocalTime) -> Rule {
        Rule { pattern, time }
    }

    /// An RRULE (see [`RRulePattern::new`]) at `time`.
    ///
    /// # Errors
    ///
    /// As [`RRulePattern::new`].
    pub fn rrule(text: &str, time: LocalTime) -> Result<Rule, Problem> {
        Ok(Rule { pattern: Pattern::RRule(RRulePattern::new(text)?), time })
    }

    /// The same rule every `every` weeks; a no-op on an RRULE.
    pub fn with_interval(mut self, every: Interval) -> Rule {
        if let Pattern::Weekly { every: e, .. } = &mut self.pattern {
            *e = every;
        }
        self
    }

    /// The same pattern at another time.
    pub fn with_time(mut self, time: LocalTime) -> Rule {
        self.time = time;
        self
    }

    /// The date pattern.
    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// The wall-clock time in the meeting's zone.
    pub fn time(&self) -> LocalTime {
        self.time
    }

    /// The first session date on or after `from`, if any.
    pub(crate) fn first_on_or_after(
        &self,
        from: NaiveDate,
    ) -> Option<NaiveDate> {
        match &self.pattern {
            Pattern::Weekly { day, .. } => Some(next_weekday(from, *day)?),
            Pattern::RRule(r) => {
                let set = r.set_from(from.and_time(self.time.to_naive()))?;
                set.into_iter().next().map(|d| d.date_naive())
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.pattern {
            Pattern::Weekly { day, every } if every.weeks() == 1 => {
                write!(f, "every {} at {}", weekday_name(*day), self.time)
            }
            Pattern::Weekly { day, every } => write!(
                f,
                "every {} weeks on {} at {}",
                every,
                weekday_name(*day),
                self.time
            ),
            Pattern::RRule(r) => write!(f, "{} at {}", r.as_str(), self.time),
        }
    }
}

/// The first date on or after `from` that falls on `day`.
pub(crate) fn next_weekday(
    from: NaiveDate,
    day: Weekday,
) -> Option<NaiveDate> {
    let ahead = (7 + day.num_days_from_monday()
        - from.weekday().num_days_from_monday())
        % 7;
    from.checked_add_signed(Duration::days(i64::from(ahead)))
}

pub(crate) use crate::values::UNIX_EPOCH_DAY;

/// Session dates of one rule from its first session on, lazily and in
/// order, skipping ahead to a lower bound and stopping after a last date.
pub(crate) enum Dates {
    /// Days from the common era (`NaiveDate::num_days_from_ce`), so a
    /// step is one addition; done once `next > last`.
    Weekly { next: i32, step_days: i32, last: i32 },
    RRule {
        pending: Option<NaiveDate>,
        iter: Box<rrule::RRuleSetIter>,
        last: NaiveDate,
        /// Dates taken from `iter` so far, and the rule's COUNT.
        seen: u32,
        count: Option<u32>,
        /// Set when `iter` ended for another reason than COUNT: rrule's
        /// search limit (100,000 steps without a match), see
        /// [`Dates::is_truncated`].
        truncated: bool,
    },
    /// A MONTHLY rule of a common shape, by arithmetic.
    Monthly(MonthlyDates),
}

impl Dates {
    /// Dates of `rule` from `first` (a session date) to `last`
    /// (inclusive), leaving out those before `lower`.
    pub(crate) fn new(
        rule: &Rule,
        first: NaiveDate,
        last: NaiveDate,
        lower: NaiveDate,
    ) -> Dates {
        match &rule.pattern {
            Pattern::Weekly { every, .. } => {
                let step_days = 7 * i64::from(every.weeks());
                let first_day = i64::from(first.num_days_from_ce());
                let lower_day = i64::from(lower.num_days_from_ce());
                let behind = (lower_day - first_day).max(0);
                let steps = (behind + step_days - 1) / step_days;
                let next = first_day + steps * step_days;
                Dates::Weekly {
                    // Past `last` (years up to 9999) means done.
                    next: i32::try_from(next).unwrap_or(i32::MAX),
                    step_days: i32::try_from(step_days).unwrap_or(i32::MAX),
                    last: last.num_days_from_ce(),
                }
            }
            Pattern::RRule(r) => match r.monthly() {
                Some(shape) => Dates::Monthly(MonthlyDates::new(
                    shape, first, last, lower,
                )),
                None => Dates::from_rrule(r, rule.time, first, last, lower),
            },
        }
    }

    /// Dates of any RRULE through the `rrule` crate, as [`Dates::new`].
    pub(crate) fn from_rrule(
        r: &RRulePattern,
        time: LocalTime,
        first: NaiveDate,
        last: NaiveDate,
        lower: NaiveDate,
    ) -> Dates {
        // Anchored at the first session, so a split series and the
        // exported DTSTART expand identically; far from it, at a
        // later period in phase with it (rrule has no skip-ahead).
        let time = time.to_naive();
        let set = match r.reanchored(first, lower) {
            Some((later, at)) => build(&later, at.and_time(time)),
            None => r.set_from(first.and_time(time)),
        };
        let Some(set) = set else {
            return Dates::empty();
        };
        let iter = Box::new((&set).into_iter());
        let mut dates = Dates::RRule {
            pending: None,
            iter,
            last,
            seen: 0,
            count: r.count(),
            truncated: false,
        };
        // Step to the lower bound (at most a period or two once
        // re-anchored).
        while let Some(d) = dates.pull() {
            if d >= lower {
                if let Dates::RRule { pending, .. } = &mut dates {
                    *pending = Some(d);
                }
                break;
            }
        }
        dates
    }
}

impl Dates {
    /// No dates.
    pub(crate) fn empty() -> Dates {
        Dates::Weekly { next: 1, step_days: 7, last: 0 }
    }

    /// The next date as days from the common era: the weekly path never
    /// builds a `NaiveDate` (chrono's date arithmetic is out of line).
    #[inline]
    pub(crate) fn next_day(&mut self) -> Option<i32> {
        match self {
            Dates::Weekly { next, step_days, last } => {
                let current = *next;
                if current > *last {
                    return None;
                }
                *next = current.saturating_add(*step_days);
                Some(current)
            }
            Dates::Monthly(dates) => dates.next_day(),
            _ => self.next().map(|d| d.num_days_from_ce()),
        }
    }

    /// The date [`Dates::next_day`] gives next, without taking it.
    pub(crate) fn peek_day(&self) -> Option<i32> {
        match self {
            Dates::Weekly { next, last, .. } => {
                (next <= last).then_some(*next)
            }
            Dates::Monthly(dates) => dates.clone().next_day(),
            Dates::RRule { pending, .. } => {
                pending.map(|d| d.num_days_from_ce())
            }
        }
    }

    /// The next date from rrule up to `last`, noting why it ended.
    fn pull(&mut self) -> Option<NaiveDate> {
        let Dates::RRule { iter, last, seen, count, truncated, .. } = self
        else {
            return None;
        };
        match iter.next() {
            Some(d) => {
                *seen = seen.saturating_add(1);
                Some(d.date_naive()).filter(|d| d <= last)
            }
            None => {
                // A whole-day RRULE without UNTIL repeats with the 400-year
                // Gregorian cycle: it ends only by COUNT, or when rrule
                // gives up after 100,000 steps without a match.
                *truncated = count.is_none_or(|c| *seen < c);
                None
            }
        }
    }

    /// Whether the dates ended early because rrule gave up searching
    /// (its iteration limit), rather than by COUNT or `last`: a list cut
    /// short, which callers report as an error.
    pub(crate) fn is_truncated(&self) -> bool {
        matches!(self, Dates::RRule { truncated: true, .. })
    }
}

impl Iterator for Dates {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        match self {
            Dates::Weekly { .. } | Dates::Monthly(_) => {
                NaiveDate::from_num_days_from_ce_opt(self.next_day()?)
            }
            Dates::RRule { pending, .. } => {
                let current = pending.take()?;
                let following = self.pull();
                if let Dates::RRule { pending, .. } = self {
                    *pending = following;
                }
                Some(current)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// rrule's search limit ends its iterator silently; Dates notices.
    /// EXDATEs that remove 100,001 dates in a row make rrule give up.
    #[test]
    fn a_search_cut_short_is_noticed() {
        let start =
            rrule::Tz::UTC.with_ymd_and_hms(2022, 1, 1, 19, 0, 0).unwrap();
        let rule: RRule<Unvalidated> = "FREQ=DAILY".parse().unwrap();
        let rule = rule.validate(start).unwrap();
        let mut set = RRuleSet::new(start).rrule(rule);
        for day in 0..=100_000 {
            set = set.exdate(start + Duration::days(day));
        }
        let set = set.limit();
        let mut dates = Dates::RRule {
            pending: None,
            iter: Box::new((&set).into_iter()),
            last: NaiveDate::MAX,
            seen: 0,
            count: None,
            truncated: false,
        };
        assert_eq!(dates.pull(), None);
        assert!(dates.is_truncated());
    }

    /// COUNT and `last` end a list on purpose: not truncated. And a rule
    /// that skips three leap days a century is listed in full.
    #[test]
    fn count_and_last_are_not_truncation() {
        let time = LocalTime::constant(19, 0);
        let count = Rule::rrule("FREQ=WEEKLY;COUNT=3", time).unwrap();
        let mut dates = Dates::new(
            &count,
            date(2022, 1, 1),
            NaiveDate::MAX,
            date(2022, 1, 1),
        );
        assert_eq!(dates.by_ref().count(), 3);
        assert!(!dates.is_truncated());

        let leap =
            Rule::rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", time).unwrap();
        let mut dates = Dates::new(
            &leap,
            date(2000, 2, 29),
            date(2499, 12, 31),
            date(2000, 1, 1),
        );
        let all: Vec<NaiveDate> = dates.by_ref().collect();
        // 2000 to 2496: 125 multiples of 4, less 2100, 2200 and 2300.
        assert_eq!(all.len(), 122);
        assert_eq!(all.last(), Some(&date(2496, 2, 29)));
        assert!(!dates.is_truncated());
    }

    use proptest::prelude::*;

    /// RRULE parts to combine: the shapes real schedules use and some
    /// that stress re-anchoring (BYSETPOS, negative days, WKST, defaults
    /// taken from the first session, day 31).
    fn rules() -> impl Strategy<Value = String> {
        let freq =
            prop::sample::select(vec!["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
        let parts = prop::sample::select(vec![
            "",
            ";BYDAY=MO",
            ";BYDAY=TU,TH",
            ";BYDAY=2TU",
            ";BYDAY=-1SU",
            ";BYDAY=1SA,3SA",
            ";BYMONTHDAY=15",
            ";BYMONTHDAY=-1",
            ";BYMONTHDAY=31",
            ";BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            ";BYMONTH=3,9;BYDAY=1SU",
            ";BYMONTH=2;BYMONTHDAY=29",
            ";BYDAY=FR;BYMONTHDAY=13",
        ]);
        let wkst = prop::sample::select(vec!["", ";WKST=SU", ";WKST=WE"]);
        (freq, 1u32..=5, parts, wkst)
            .prop_map(|(f, n, p, w)| format!("FREQ={f};INTERVAL={n}{p}{w}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Re-anchored expansion lists exactly the dates that stepping
        /// from the first session lists.
        #[test]
        fn reanchoring_keeps_every_date(
            text in rules(),
            starts in 0i64..50_000,
            ahead in 0i64..12_000,
        ) {
            let Ok(rule) = Rule::rrule(&text, crate::LocalTime::constant(19, 0)) else {
                return Ok(());
            };
            let Pattern::RRule(r) = rule.pattern() else { unreachable!() };
            let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap();
            let Some(first) = rule.first_on_or_after(base + Duration::days(starts)) else {
                return Ok(());
            };
            let lower = first + Duration::days(ahead);
            let fast: Vec<NaiveDate> =
                Dates::new(&rule, first, NaiveDate::MAX, lower).take(40).collect();
            let set = r.set_from(first.and_time(rule.time().to_naive())).unwrap();
            let slow: Vec<NaiveDate> = (&set)
                .into_iter()
                .map(|d| d.date_naive())
                .filter(|d| *d >= lower)
                .take(40)
                .collect();
            prop_assert_eq!(fast, slow, "{} from {} lower {}", text, first, lower);
        }
    }
}
