//! Times for people: "Sat 12 Nov 2022 07:00 PST", "in 2 h 15 min". The
//! caller passes "now"; nothing here reads the clock. (The plain words
//! of the schedule itself are `convenor_core::words`.)
//!
//! ```
//! use chrono::{Duration, TimeZone, Utc};
//! use convenor_site::relative::relative;
//!
//! let now = Utc.with_ymd_and_hms(2022, 11, 12, 12, 0, 0).unwrap();
//! assert_eq!(relative(now, now + Duration::minutes(135)), "in 2 h 15 min");
//! assert_eq!(relative(now, now - Duration::minutes(10)), "started 10 min ago");
//! ```

use chrono::{DateTime, Duration, Utc};
use convenor_core::Zone;

/// `Sat 12 Nov 2022 07:00 PST`: the date, the time and the zone's
/// abbreviation (an offset such as `-03` where the tz database has no
/// letters).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let la: convenor_core::Zone = "America/Los_Angeles".parse()?;
/// let t = Utc.with_ymd_and_hms(2022, 11, 12, 15, 0, 0).unwrap().with_timezone(&la);
/// assert_eq!(convenor_site::relative::stamp(&t), "Sat 12 Nov 2022 07:00 PST");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
pub fn stamp(t: &DateTime<Zone>) -> String {
    t.format("%a %-d %b %Y %H:%M %Z").to_string()
}

/// `Sat 12 Nov 07:00 PST`: a time within days, without the year.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let la: convenor_core::Zone = "America/Los_Angeles".parse()?;
/// let t = Utc.with_ymd_and_hms(2022, 11, 12, 15, 0, 0).unwrap().with_timezone(&la);
/// assert_eq!(convenor_site::relative::day_time(&t), "Sat 12 Nov 07:00 PST");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
pub fn day_time(t: &DateTime<Zone>) -> String {
    t.format("%a %-d %b %H:%M %Z").to_string()
}

/// `Sat 07:00 PST`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let la: convenor_core::Zone = "America/Los_Angeles".parse()?;
/// let t = Utc.with_ymd_and_hms(2022, 11, 12, 15, 0, 0).unwrap().with_timezone(&la);
/// assert_eq!(convenor_site::relative::short(&t), "Sat 07:00 PST");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
pub fn short(t: &DateTime<Zone>) -> String {
    t.format("%a %H:%M %Z").to_string()
}

/// `in 2 h 15 min`, `in 2 days 30 min`, `now`, `started 10 min ago`.
///
/// ```
/// use chrono::{Duration, TimeZone, Utc};
/// use convenor_site::relative::relative;
/// let now = Utc.with_ymd_and_hms(2022, 11, 12, 12, 0, 0).unwrap();
/// assert_eq!(relative(now, now + Duration::minutes(2 * 1440 + 30)), "in 2 days 30 min");
/// assert_eq!(relative(now, now + Duration::seconds(20)), "now");
/// ```
pub fn relative(now: DateTime<Utc>, start: DateTime<Utc>) -> String {
    let ahead = start - now;
    if ahead < Duration::zero() {
        return format!("started {} ago", span(-ahead));
    }
    if ahead < Duration::minutes(1) {
        return "now".to_string();
    }
    format!("in {}", span(ahead))
}

/// Days, hours and minutes, each only when not zero (`2 days 30 min`):
/// to the minute, so "in 2 days" is never said of 2 days 30 minutes.
fn span(d: Duration) -> String {
    let minutes = d.num_minutes();
    let (days, hours, mins) =
        (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let parts = [
        (days, if days == 1 { "day" } else { "days" }),
        (hours, "h"),
        (mins, "min"),
    ];
    let text: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n != 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if text.is_empty() {
        return "0 min".to_string();
    }
    text.join(" ")
}

/// `12 Nov 2022`.
///
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2022, 11, 12).unwrap();
/// assert_eq!(convenor_site::relative::date(d), "12 Nov 2022");
/// ```
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times() {
        let now = DateTime::from_timestamp(1_668_254_400, 0).unwrap();
        assert_eq!(
            relative(now, now + Duration::minutes(135)),
            "in 2 h 15 min"
        );
        assert_eq!(relative(now, now + Duration::minutes(60)), "in 1 h");
        assert_eq!(
            relative(now, now - Duration::minutes(10)),
            "started 10 min ago"
        );
        assert_eq!(relative(now, now + Duration::days(3)), "in 3 days");
        assert_eq!(relative(now, now + Duration::hours(34)), "in 1 day 10 h");
        assert_eq!(
            relative(now, now + Duration::minutes(2 * 1440 + 30)),
            "in 2 days 30 min"
        );
        assert_eq!(
            relative(now, now + Duration::minutes(1440 + 61)),
            "in 1 day 1 h 1 min"
        );
    }
}
