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
const CYCLE_MONTHS: i64 = 400 * 12;

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
#[derive(Clone, Debug)]
pub(crate) struct MonthlyDates {
    day: Day,
    /// The next month to look at, as `year * 12 + month0`.
    month: i64,
    /// INTERVAL, in months (at least 1).
    step: i64,
    /// Dates before this (the later of the first session and the lower
    /// bound) are left out; as days from the common era.
    from: i64,
    last: i64,
    /// The month of `last`; past it the iterator is done.
    last_month: i64,
}

impl MonthlyDates {
    /// The dates of a rule of `shape` every `interval` months (its
    /// INTERVAL) anchored at `first` (its DTSTART, a session
    /// date), from `first` to `last` inclusive, leaving out those before
    /// `lower`; the same dates the `rrule` crate lists. `None` when the
    /// rule is not one of the shapes handled here.
    pub(crate) fn new(
        shape: MonthlyShape,
        interval: u16,
        first: NaiveDate,
        last: NaiveDate,
        lower: NaiveDate,
    ) -> Option<MonthlyDates> {
        let day = shape.0.unwrap_or_else(|| {
            // RFC 5545 §3.3.10: parts missing from a MONTHLY rule come
            // from DTSTART, here the day of the month (1..=31 fits i8).
            Day::Monthday(first.day() as i8)
        });
        let step = i64::from(interval.max(1));
        let from = first.max(lower);
        let first_month = month_index(first);
        // The period (a whole number of steps from the first) holding
        // `from`; only its date can fall before `from`.
        let behind = month_index(from) - first_month;
        let month = first_month + behind / step * step;
        Some(MonthlyDates {
            day,
            month,
            step,
            from: i64::from(from.num_days_from_ce()),
            last: i64::from(last.num_days_from_ce()),
            last_month: month_index(last),
        })
    }

    /// The rule's date in month `index`, if that month has one, as days
    /// from the common era.
    fn date_in(&self, index: i64) -> Option<i64> {
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = index.rem_euclid(12) as u32 + 1;
        let len = i32::from(days_in_month(year, month));
        let first = days_of_first(year, month);
        let day = match self.day {
            Day::Monthday(n) if n > 0 => i32::from(n),
            Day::Monthday(n) => len + 1 + i32::from(n),
            Day::Nth(n, weekday) => {
                // Day 0, 1970-01-01, was a Thursday.
                let start = (first + 3).rem_euclid(7) as i32;
                let want = weekday.num_days_from_monday() as i32;
                if n > 0 {
                    1 + (7 + want - start) % 7 + 7 * (i32::from(n) - 1)
                } else {
                    let end = (start + len - 1) % 7;
                    len - (7 + end - want) % 7 - 7 * (-i32::from(n) - 1)
                }
            }
        };
        if !(1..=len).contains(&day) {
            return None;
        }
        Some(first + i64::from(day) - 1 + UNIX_EPOCH_DAY)
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
                Some(d) if d >= self.from => return i32::try_from(d).ok(),
                _ => {}
            }
        }
        self.month = i64::MAX;
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
/// picks, or `None` for a plain MONTHLY rule (the day of DTSTART).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct MonthlyShape(Option<Day>);

impl MonthlyShape {
    /// The shape of rule `r` (with RRULE text `text`) if it is handled
    /// here, `None` for anything else.
    pub(crate) fn of(r: &RRule<Unvalidated>, text: &str) -> Option<Self> {
        shape(r, text).map(MonthlyShape)
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

/// `year * 12 + month0`: months counted from year 0.
fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

/// Days from 1970-01-01 to the first of `month` (1..=12) of the
/// proleptic Gregorian `year`, by integer arithmetic: cheaper than
/// building a `NaiveDate`. Howard Hinnant's `days_from_civil`
/// (<https://howardhinnant.github.io/date_algorithms.html>).
fn days_of_first(year: i32, month: u32) -> i64 {
    // Years start in March, so leap days fall at the end.
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * ((i64::from(month) + 9) % 12) + 2) / 5;
    let day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The number of days in `month` (1..=12) of the proleptic Gregorian
/// `year`.
fn days_in_month(year: i32, month: u32) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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

    /// [`MonthlyDates::new`] for the shape and interval of `rule`.
    fn monthly_dates(
        rule: &RRulePattern,
        first: NaiveDate,
        last: NaiveDate,
        lower: NaiveDate,
    ) -> Option<MonthlyDates> {
        let interval = rule.rrule().get_interval();
        MonthlyDates::new(rule.monthly()?, interval, first, last, lower)
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
            let year = i32::try_from(index.div_euclid(12)).unwrap();
            let month = index.rem_euclid(12) as u32 + 1;
            let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
            assert_eq!(
                days_of_first(year, month) + UNIX_EPOCH_DAY,
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
        prop::sample::select(crate::WEEKDAY_CODES.to_vec())
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
