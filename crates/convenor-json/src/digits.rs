//! Dates and times written digit by digit into a small array: a listing
//! writes four RFC 3339 times and a date per session, and chrono's
//! formatters allocate a string for each. The text is the same as
//! chrono's (checked by the tests below) for years 0 to 9999; other
//! years return `None` so the caller can fall back to chrono.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// `YYYY-MM-DDTHH:MM:SS±HH:MM`: `local` with its offset from UTC in
/// seconds, rounded to the minute as chrono's `to_rfc3339_opts(Secs,
/// false)` rounds it.
pub(crate) fn rfc3339(local: NaiveDateTime, offset: i32) -> Option<[u8; 25]> {
    let mut text = [0u8; 25];
    text[..10].copy_from_slice(&date(local.date())?);
    let minutes = (offset.unsigned_abs() + 30) / 60;
    let sign = if offset < 0 { b'-' } else { b'+' };
    let [h0, h1] = two(local.hour());
    let [m0, m1] = two(local.minute());
    let [s0, s1] = two(local.second());
    let [oh0, oh1] = two(minutes / 60);
    let [om0, om1] = two(minutes % 60);
    text[10..].copy_from_slice(&[
        b'T', h0, h1, b':', m0, m1, b':', s0, s1, sign, oh0, oh1, b':', om0,
        om1,
    ]);
    Some(text)
}

/// `YYYY-MM-DD`, for years 0 to 9999.
pub(crate) fn date(day: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(day.year()).ok().filter(|y| *y <= 9999)?;
    let [c0, c1] = two(year / 100);
    let [y0, y1] = two(year % 100);
    let [m0, m1] = two(day.month());
    let [d0, d1] = two(day.day());
    Some([c0, c1, y0, y1, b'-', m0, m1, b'-', d0, d1])
}

/// `n` (under 100) as two digits.
fn two(n: u32) -> [u8; 2] {
    [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, FixedOffset, SecondsFormat};
    use proptest::prelude::*;

    fn as_str(text: &[u8]) -> &str {
        std::str::from_utf8(text).unwrap()
    }

    proptest! {
        /// The same text as chrono, for every second of years 0-9999 and
        /// every offset chrono allows (LMT offsets have seconds).
        #[test]
        fn prop_rfc3339_is_chronos(
            secs in -62_167_219_200i64..253_402_300_800,
            offset in -86_399i32..86_400,
        ) {
            let fixed = FixedOffset::east_opt(offset).unwrap();
            let t = DateTime::from_timestamp(secs, 0).unwrap().with_timezone(&fixed);
            let expected = t.to_rfc3339_opts(SecondsFormat::Secs, false);
            match rfc3339(t.naive_local(), offset) {
                Some(text) => prop_assert_eq!(as_str(&text), expected),
                None => prop_assert!(!(0..=9999).contains(&t.year())),
            }
        }

        #[test]
        fn prop_date_is_chronos(days in -800_000i32..4_000_000) {
            let day = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let expected = day.format("%Y-%m-%d").to_string();
            match date(day) {
                Some(text) => prop_assert_eq!(as_str(&text), expected),
                None => prop_assert!(!(0..=9999).contains(&day.year())),
            }
        }
    }

    #[test]
    fn edges() {
        let t = |s: &str| s.parse::<NaiveDateTime>().unwrap();
        let text = rfc3339(t("2022-11-12T07:00:00"), -8 * 3600).unwrap();
        assert_eq!(as_str(&text), "2022-11-12T07:00:00-08:00");
        // Kolkata's +05:30 and an LMT offset of -07:52:58 (rounds up).
        let text = rfc3339(t("0001-01-01T00:00:00"), 19_800).unwrap();
        assert_eq!(as_str(&text), "0001-01-01T00:00:00+05:30");
        let text = rfc3339(t("1883-11-18T11:59:59"), -28_378).unwrap();
        assert_eq!(as_str(&text), "1883-11-18T11:59:59-07:53");
        assert_eq!(rfc3339(t("+10000-01-01T00:00:00"), 0), None);
    }
}
