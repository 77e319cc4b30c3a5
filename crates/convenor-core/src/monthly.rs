//! Session dates of the common MONTHLY RRULE shapes by integer arithmetic:
//! `BYDAY=nXX` (the nth weekday, or the nth from the end), `BYMONTHDAY=n`
//! and the plain `FREQ=MONTHLY` (the day of DTSTART), each with an
//! optional INTERVAL. Any other shape goes through the `rrule` crate
//! (see [`crate::rule`]), which costs some 850 ns a date; this costs a
//! few, and skips to a lower bound in one division.

use std::iter::FusedIterator;

use chrono::{Datelike, NaiveDate, Weekday};
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

use crate::values::UNIX_EPOCH_DAY;

/// Months in the Gregorian cycle: 400 years are 146,097 days, a whole
/// number of weeks, so the day a shape picks in month `m` depends only
/// on `m` modulo this. A shape that misses this many periods in a row
/// never matches again.
const CYCLE_MONTHS: i32 = 400 * 12;

/// The day of a month a rule picks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Day {
    /// `BYMONTHDAY=n`: day `n` (1..=31), or counted from the end of the
    /// month when negative (-1 is the last day).
    Monthday(i8),
    /// `BYDAY=nXX`: the nth such weekday of the month (1..=5), or counted
    /// from the end when negative.
    Nth(i8, Weekday),
}

/// The dates of a MONTHLY rule of one of the shapes above, from its first
/// session on, in order, from a lower bound to a last date (inclusive).
///
/// Small (32 bytes, checked in `occurrence.rs`) and held in place in
/// [`crate::rule::Dates`], so a meeting's iterator allocates nothing:
/// days and months fit `i32` for every date chrono holds.
#[derive(Clone, Debug)]
pub(crate) struct MonthlyDates {
    day: Day,
    /// The next month to look at, as `year * 12 + month0`.
    month: i32,
    /// INTERVAL, in months (at least 1).
    step: i32,
    /// Dates before this (the later of the first session and the lower
    /// bound) are left out; as days from the common era.
    from: i32,
    last: i32,
    /// The month of `last`; past it the iterator is done.
    last_month: i32,
    /// The year of the month looked at last (as the month index of its
    /// January), its 1 January in days from 1970-01-01, that day's
    /// weekday (0 is Monday) and whether the year is a leap year: each
    /// month of a year then takes table lookups and small additions, no
    /// division.
    january: i32,
    year_start: i32,
    year_weekday: u8,
    leap: bool,
}

/// Days before each month (January first) in a common year, and the
/// same modulo 7.
const DAYS_BEFORE: [i32; 12] =
    [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const DAYS_BEFORE_MOD7: [i32; 12] = {
    let mut t = [0; 12];
    let mut i = 0;
    while i < 12 {
        t[i] = DAYS_BEFORE[i] % 7;
        i += 1;
    }
    t
};

/// Days in each month of a common year.
const DAYS_IN: [i32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// `x` modulo 7 for `0 <= x < 14`: a comparison, no division.
#[inline(always)]
fn mod7_small(x: i32) -> i32 {
    if x >= 7 {
        x - 7
    } else {
        x
    }
}

impl MonthlyDates {
    /// The dates of a rule of `shape` anchored at `first` (its DTSTART,
    /// a session date), from `first` to `last` inclusive, leaving out
    /// those before `lower`; the same dates the `rrule` crate lists.
    pub(crate) fn new(
        shape: MonthlyShape,
        first: NaiveDate,
        last: NaiveDate,
        lower: NaiveDate,
    ) -> MonthlyDates {
        let day = shape.day.unwrap_or_else(|| {
            // RFC 5545 §3.3.10: parts missing from a MONTHLY rule come
            // from DTSTART, here the day of the month (1..=31 fits i8).
            Day::Monthday(first.day() as i8)
        });
        let step = i32::from(shape.interval.max(1));
        let from = first.max(lower);
        let first_month = month_index(first);
        // The period (a whole number of steps from the first) holding
        // `from`; only its date can fall before `from`.
        let behind = month_index(from) - first_month;
        let month = first_month + behind / step * step;
        let mut dates = MonthlyDates {
            day,
            month,
            step,
            from: from.num_days_from_ce(),
            last: last.num_days_from_ce(),
            last_month: month_index(last),
            january: 0,
            year_start: 0,
            year_weekday: 0,
            leap: false,
        };
        dates.set_year(month.div_euclid(12));
        dates
    }

    /// Notes `year` as the year of the months looked at: once a year of
    /// dates, so out of line.
    #[cold]
    #[inline(never)]
    fn set_year(&mut self, year: i32) {
        self.january = year * 12;
        self.year_start = days_of_first(year, 1);
        // Day 0, 1970-01-01, was a Thursday (3 days after a Monday).
        self.year_weekday = (self.year_start + 3).rem_euclid(7) as u8;
        self.leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /// The rule's date in month `index`, if that month has one, as days
    /// from the common era.
    #[inline(always)]
    fn date_in(&mut self, index: i32) -> Option<i32> {
        if !(self.january..self.january + 12).contains(&index) {
            self.set_year(index.div_euclid(12));
        }
        let month0 = (index - self.january) as usize;
        let leap_day = i32::from(self.leap && month0 >= 2);
        let first = self.year_start + DAYS_BEFORE[month0] + leap_day;
        let len = DAYS_IN[month0] + i32::from(self.leap && month0 == 1);
        let day = match self.day {
            Day::Monthday(n) if n > 0 => i32::from(n),
            Day::Monthday(n) => len + 1 + i32::from(n),
            Day::Nth(n, weekday) => {
                // The weekdays (0 is Monday) of the month's first day and
                // of the one wanted; each sum reduced is under 14.
                let start = mod7_small(
                    mod7_small(
                        i32::from(self.year_weekday)
                            + DAYS_BEFORE_MOD7[month0],
                    ) + leap_day,
                );
                let want = weekday.num_days_from_monday() as i32;
                if n > 0 {
                    1 + mod7_small(7 + want - start) + 7 * (i32::from(n) - 1)
                } else {
                    // The last day's weekday, (start + len - 1) mod 7:
                    // 21 days are three weeks, and start + len - 22 is 6
                    // to 15.
                    let end = mod7_small(mod7_small(start + len - 22));
                    len - mod7_small(7 + end - want) - 7 * (-i32::from(n) - 1)
                }
            }
        };
        if !(1..=len).contains(&day) {
            return None;
        }
        Some(first + day - 1 + UNIX_EPOCH_DAY as i32)
    }

    /// The next date as days from the common era.
    pub(crate) fn next_day(&mut self) -> Option<i32> {
        // At most one period is skipped for falling before `from` (the
        // first one looked at), and a shape that matches at all matches
        // within a cycle of periods: so this loop is bounded whatever
        // the dates.
        for _ in 0..=CYCLE_MONTHS {
            let index = self.month;
            if index > self.last_month {
                return None;
            }
            self.month = index.saturating_add(self.step);
            match self.date_in(index) {
                Some(d) if d > self.last => break,
                // In [from, last]: a date chrono can hold.
                Some(d) if d >= self.from => return Some(d),
                _ => {}
            }
        }
        self.month = i32::MAX;
        None
    }
}

impl Iterator for MonthlyDates {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.next_day()?)
    }
}

impl FusedIterator for MonthlyDates {}

/// The shape of a MONTHLY rule stepped here: the day of each month it
/// picks (`None` for a plain MONTHLY rule: the day of DTSTART) and its
/// INTERVAL, kept beside the parsed rule so that starting a meeting's
/// dates reads no more than this.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct MonthlyShape {
    day: Option<Day>,
    interval: u16,
}

impl MonthlyShape {
    /// The shape of rule `r` (with RRULE text `text`) if it is handled
    /// here, `None` for anything else.
    pub(crate) fn of(r: &RRule<Unvalidated>, text: &str) -> Option<Self> {
        let day = shape(r, text)?;
        Some(MonthlyShape { day, interval: r.get_interval() })
    }
}

/// `Some(Some(day))` for an explicit BYDAY or BYMONTHDAY, `Some(None)`
/// for a plain MONTHLY rule, `None` for a shape not handled here.
fn shape(r: &RRule<Unvalidated>, text: &str) -> Option<Option<Day>> {
    // Parts that select other dates, or count them: left to rrule.
    // (WKST is allowed: it only matters for weekly periods.)
    if r.get_freq() != Frequency::Monthly
        || r.get_count().is_some()
        || r.get_until().is_some()
        || !r.get_by_month().is_empty()
        || !r.get_by_set_pos().is_empty()
        || !r.get_by_year_day().is_empty()
        || !r.get_by_week_no().is_empty()
        || !r.get_by_hour().is_empty()
        || !r.get_by_minute().is_empty()
        || !r.get_by_second().is_empty()
        || text.contains("BYEASTER")
    {
        return None;
    }
    match (r.get_by_weekday(), r.get_by_month_day()) {
        ([], []) => Some(None),
        ([NWeekday::Nth(n, weekday)], [])
            if (1..=5).contains(&n.unsigned_abs()) =>
        {
            Some(Some(Day::Nth(*n as i8, *weekday)))
        }
        ([], [n]) if (1..=31).contains(&n.unsigned_abs()) => {
            Some(Some(Day::Monthday(*n)))
        }
        _ => None,
    }
}

/// `year * 12 + month0`: months counted from year 0 (within `i32` for
/// every year chrono holds).
fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// Days from 1970-01-01 to the first of `month` (1..=12) of the
/// proleptic Gregorian `year`, by integer arithmetic: cheaper than
/// building a `NaiveDate`. Howard Hinnant's `days_from_civil`
/// (<https://howardhinnant.github.io/date_algorithms.html>).
fn days_of_first(year: i32, month: u32) -> i32 {
    // Years start in March, so leap days fall at the end.
    let y = year - i32::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((month as i32 + 9) % 12) + 2) / 5;
    let day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::{Dates, RRulePattern};
    use crate::{LocalTime, Pattern, Rule};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn pattern(text: &str) -> RRulePattern {
        RRulePattern::new(text).unwrap()
    }

    /// [`MonthlyDates::new`] for the shape of `rule`, `None` when it is
    /// not one of those handled here.
    fn monthly_dates(
        rule: &RRulePattern,
        first: NaiveDate,
        last: NaiveDate,
        lower: NaiveDate,
    ) -> Option<MonthlyDates> {
        Some(MonthlyDates::new(rule.monthly()?, first, last, lower))
    }

    /// The dates of `text` from `first`, at most `n`, to `last`.
    fn dates(text: &str, first: NaiveDate, n: usize) -> Vec<NaiveDate> {
        monthly_dates(&pattern(text), first, NaiveDate::MAX, first)
            .expect("a shape handled here")
            .take(n)
            .collect()
    }

    /// Known dates of each shape: the last Sunday; day 31 and the last day
    /// of the month (skipping or shortening short months); the fifth
    /// Friday (skipping months without one); every third month.
    #[test]
    fn known_dates() {
        type Ymd = (i32, u32, u32);
        let cases: [(&str, Ymd, &[Ymd]); 5] = [
            (
                "FREQ=MONTHLY;BYDAY=-1SU",
                (2025, 1, 26),
                &[(2025, 1, 26), (2025, 2, 23), (2025, 3, 30), (2025, 4, 27)],
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=31",
                (2025, 1, 31),
                &[(2025, 1, 31), (2025, 3, 31), (2025, 5, 31), (2025, 7, 31)],
            ),
            (
                "FREQ=MONTHLY;BYMONTHDAY=-1",
                (2024, 1, 31),
                &[(2024, 1, 31), (2024, 2, 29), (2024, 3, 31), (2024, 4, 30)],
            ),
            (
                "FREQ=MONTHLY;BYDAY=5FR",
                (2025, 1, 31),
                &[(2025, 1, 31), (2025, 5, 30), (2025, 8, 29), (2025, 10, 31)],
            ),
            (
                "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU",
                (2025, 1, 14),
                &[(2025, 1, 14), (2025, 4, 8), (2025, 7, 8), (2025, 10, 14)],
            ),
        ];
        for (rule, (y, m, d), want) in cases {
            let want: Vec<_> =
                want.iter().map(|&(y, m, d)| date(y, m, d)).collect();
            assert_eq!(dates(rule, date(y, m, d), want.len()), want, "{rule}");
        }
    }

    /// RFC 5545 §3.3.10: a MONTHLY rule without BYDAY or BYMONTHDAY takes
    /// the day of DTSTART, so the 30th skips February.
    #[test]
    fn plain_monthly_takes_the_day_of_the_first_session() {
        let got = dates("FREQ=MONTHLY;WKST=SU", date(2025, 1, 30), 3);
        assert_eq!(
            got,
            [date(2025, 1, 30), date(2025, 3, 30), date(2025, 4, 30)]
        );
    }

    #[test]
    fn lower_and_last_bound_the_dates() {
        let rule = pattern("FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO");
        let got: Vec<_> = monthly_dates(
            &rule,
            date(1925, 1, 5),
            date(2025, 9, 1),
            date(2025, 3, 4),
        )
        .unwrap()
        .collect();
        // Odd months from January 1925, so odd months in 2025 too; the
        // last date is included.
        assert_eq!(
            got,
            [date(2025, 5, 5), date(2025, 7, 7), date(2025, 9, 1)]
        );
    }

    #[test]
    fn other_shapes_are_left_to_rrule() {
        for text in [
            "FREQ=MONTHLY;BYDAY=2TU;COUNT=10",
            "FREQ=MONTHLY;BYDAY=TU",
            "FREQ=MONTHLY;BYDAY=1SA,3SA",
            "FREQ=MONTHLY;BYMONTHDAY=1,15",
            "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            "FREQ=MONTHLY;BYMONTH=3,9;BYDAY=1SU",
            "FREQ=WEEKLY;BYDAY=MO",
            "FREQ=YEARLY;BYDAY=-1SU",
            "FREQ=DAILY",
        ] {
            let d = date(2025, 1, 1);
            assert!(
                monthly_dates(&pattern(text), d, d, d).is_none(),
                "{text}"
            );
        }
    }

    /// The ends of chrono's range: no panic, and the lists end.
    #[test]
    fn extreme_dates_end() {
        let rule = pattern("FREQ=MONTHLY;INTERVAL=7;BYDAY=-2SA");
        let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
        for (first, last, lower) in [
            (min, max, min),
            (min, max, max),
            (max, max, min),
            (min, min, min),
            (min, max, date(2025, 1, 1)),
        ] {
            let dates = monthly_dates(&rule, first, last, lower).unwrap();
            assert!(dates
                .take(100)
                .all(|d| first.max(lower) <= d && d <= last));
        }
        let dates =
            monthly_dates(&rule, date(262_140, 1, 1), max, min).unwrap();
        assert!(dates.count() > 0);
        // A shape that never matches from this anchor: BYMONTHDAY=31
        // every 12 months from a February (only possible when the first
        // date is not itself a session, which callers never pass).
        let never = pattern("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31");
        let mut dates =
            monthly_dates(&never, date(2025, 2, 1), max, min).unwrap();
        assert_eq!(dates.next(), None);
        assert_eq!(dates.next(), None);
    }

    #[test]
    fn days_of_first_agrees_with_chrono() {
        let (min, max) =
            (month_index(NaiveDate::MIN), month_index(NaiveDate::MAX));
        let months =
            (min..=max).step_by(97).chain(min..min + 24).chain(max - 23..=max);
        for index in months {
            let year = index.div_euclid(12);
            let month = index.rem_euclid(12) as u32 + 1;
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
            assert_eq!(
                i64::from(days_of_first(year, month)) + UNIX_EPOCH_DAY,
                i64::from(first.num_days_from_ce()),
                "{first}"
            );
        }
    }

    /// A Dates of a handled shape is never reported cut short.
    #[test]
    fn never_truncated() {
        let rule =
            Rule::rrule("FREQ=MONTHLY;BYDAY=2TU", LocalTime::constant(19, 0))
                .unwrap();
        let mut dates = Dates::new(
            &rule,
            date(2025, 1, 14),
            NaiveDate::MAX,
            date(2025, 1, 1),
        );
        assert!(matches!(dates, Dates::Monthly(_)));
        assert_eq!(dates.by_ref().take(100_000).count(), 100_000);
        assert!(!dates.is_truncated());
    }

    use proptest::prelude::*;

    fn weekday() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU"])
    }

    /// The shapes handled here: nth weekday, month day, plain; INTERVAL
    /// and WKST sometimes given.
    fn shapes() -> impl Strategy<Value = String> {
        let ordinal =
            (1i32..=5, any::<bool>())
                .prop_map(|(n, back)| if back { -n } else { n });
        let monthday =
            (1i32..=31, any::<bool>())
                .prop_map(|(n, back)| if back { -n } else { n });
        let by = prop_oneof![
            (ordinal, weekday()).prop_map(|(n, w)| format!(";BYDAY={n}{w}")),
            monthday.prop_map(|n| format!(";BYMONTHDAY={n}")),
            Just(String::new()),
        ];
        let interval = prop_oneof![
            Just(String::new()),
            (1u32..=14).prop_map(|n| format!(";INTERVAL={n}")),
        ];
        let wkst = prop::sample::select(vec!["", ";WKST=SU"]);
        (by, interval, wkst)
            .prop_map(|(b, i, w)| format!("FREQ=MONTHLY{i}{b}{w}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The stepper lists what the rrule path lists, wherever the
        /// lower bound and the last date are.
        #[test]
        fn prop_monthly_matches_rrule(
            text in shapes(),
            starts in 0i64..73_000,
            lower_after in -3_000i64..73_100,
            last in prop_oneof![
                Just(None),
                (0i64..4_000).prop_map(Some),
            ],
        ) {
            let time = LocalTime::constant(19, 0);
            // -5XX is outside rrule's MONTHLY range (-4..=5): rejected.
            let Ok(rule) = Rule::rrule(&text, time) else {
                return Ok(());
            };
            let Pattern::RRule(r) = rule.pattern() else { unreachable!() };
            let base = date(1900, 1, 1) + chrono::Duration::days(starts);
            let Some(first) = rule.first_on_or_after(base) else {
                return Ok(());
            };
            let lower = first + chrono::Duration::days(lower_after);
            let last = last.map_or(NaiveDate::MAX, |days| {
                first.max(lower) + chrono::Duration::days(days)
            });
            let stepped = monthly_dates(r, first, last, lower)
                .expect("a shape handled here");
            let fast: Vec<NaiveDate> = stepped.take(40).collect();
            let slow: Vec<NaiveDate> =
                Dates::from_rrule(r, time, first, last, lower).take(40).collect();
            prop_assert_eq!(
                fast, slow, "{} first {} lower {} last {}", text, first, lower, last
            );
        }
    }
}
