//! Words and times for people: "Sat 12 Nov 2022 07:00 PST", "in 2 h 15
//! min", "Saturdays at 7:00am Pacific".

use chrono::{DateTime, Duration, Utc};
use convenor::{LocalTime, Pattern, Rule, Zone};

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

/// `7:00am`, `6:30pm`, `12:00pm`.
pub fn time12(t: LocalTime) -> String {
    let (h, m) = (t.hour(), t.minute());
    let suffix = if h < 12 { "am" } else { "pm" };
    let h12 = match h % 12 {
        0 => 12,
        h => h,
    };
    format!("{h12}:{m:02}{suffix}")
}

/// The name people use for a zone: `Pacific` for America/Los_Angeles,
/// else the city (`London`, `Sao Paulo`).
pub fn zone_label(tz: Zone) -> String {
    let common = [
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
    if let Some((_, label)) =
        common.iter().find(|(name, _)| *name == tz.name())
    {
        return label.to_string();
    }
    tz.name().rsplit('/').next().unwrap_or(tz.name()).replace('_', " ")
}

/// `Saturdays at 7:00am Pacific`, `every 2 weeks on Thursday at 6:30pm
/// Pacific`, `FREQ=MONTHLY;BYDAY=2TU at 7:00pm Eastern`.
pub fn rule_words(rule: &Rule, tz: Zone) -> String {
    let at = format!("{} {}", time12(rule.time()), zone_label(tz));
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

/// `Saturday`.
pub fn day_name(day: chrono::Weekday) -> String {
    let name = convenor::weekday_name(day);
    name[..1].to_uppercase() + &name[1..]
}

/// `12 Nov 2022`.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// A naive local date-time in `tz`, shown like [`stamp`].
pub fn local(tz: Zone, t: chrono::NaiveDateTime) -> String {
    stamp(&convenor::resolve_local(tz, t).0.with_timezone(&tz))
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

    #[test]
    fn twelve_hour_times() {
        assert_eq!(time12(LocalTime::constant(7, 0)), "7:00am");
        assert_eq!(time12(LocalTime::constant(0, 5)), "12:05am");
        assert_eq!(time12(LocalTime::constant(12, 0)), "12:00pm");
        assert_eq!(time12(LocalTime::constant(18, 30)), "6:30pm");
    }
}
