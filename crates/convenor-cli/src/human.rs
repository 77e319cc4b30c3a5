//! Words and times for people: "Sat 12 Nov 2022 07:00 PST", "in 2 h 15
//! min" (plain words of the schedule itself are `convenor::words`).

use chrono::{DateTime, Duration, Utc};
use convenor::Zone;

/// `Sat 12 Nov 2022 07:00 PST`: the date, the time and the zone's
/// abbreviation (an offset such as `-03` where the tz database has no
/// letters).
pub fn stamp(t: &DateTime<Zone>) -> String {
    t.format("%a %-d %b %Y %H:%M %Z").to_string()
}

/// `Sat 07:00 PST`.
pub fn short(t: &DateTime<Zone>) -> String {
    t.format("%a %H:%M %Z").to_string()
}

/// `in 2 h 15 min`, `in 3 days`, `now`, `started 10 min ago`.
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

fn span(d: Duration) -> String {
    let minutes = d.num_minutes();
    let (days, hours, mins) =
        (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, mins) {
        (0, 0, m) => format!("{m} min"),
        (0, h, 0) => format!("{h} h"),
        (0, h, m) => format!("{h} h {m} min"),
        (1, 0, _) => "1 day".to_string(),
        (1, h, _) => format!("1 day {h} h"),
        (d, 0, _) => format!("{d} days"),
        (d, h, _) => format!("{d} days {h} h"),
    }
}

/// `12 Nov 2022`.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times() {
        let now = Utc::now();
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
    }
}
