//! Small values that cannot be invalid: [`MeetingId`], [`LocalTime`],
//! [`MeetingDuration`] and [`Interval`].
//!
//! Each has private fields, a `new` that returns a `Result`, and `FromStr`
//! and `Display` that round-trip.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveTime, Timelike};

use crate::error::Problem;

/// Days from the common era (`NaiveDate::num_days_from_ce`) to
/// 1970-01-01: day numbers to Unix days.
pub(crate) const UNIX_EPOCH_DAY: i64 = 719_163;

/// A meeting's stable identity: a slug such as `co-occurring-saturday`.
///
/// It becomes the iCalendar UID, so it must never change once published.
/// Slug rules: 1 to 64 characters of `a-z` and `0-9`, with single `-`
/// between them.
///
/// ```
/// use convenor_core::MeetingId;
/// let id = MeetingId::new("co-occurring-saturday")?;
/// assert_eq!(id.as_str(), "co-occurring-saturday");
/// assert!(MeetingId::new("Saturday Meeting").is_err());
/// assert!(MeetingId::new("a--b").is_err());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingId(String);

impl MeetingId {
    /// Checks the slug rules.
    ///
    /// # Errors
    ///
    /// [`Problem::BadId`] with the text, when it is not a slug.
    pub fn new(id: &str) -> Result<MeetingId, Problem> {
        let ok = (1..=64).contains(&id.len())
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if ok {
            Ok(MeetingId(id.to_string()))
        } else {
            Err(Problem::BadId(id.to_string()))
        }
    }

    /// A slug made from free text (a name, a feed's slug): lower case,
    /// runs of anything but `a-z0-9` as one `-`, at most 64 characters.
    /// The result passes [`MeetingId::new`] unless the text has no
    /// letter or digit at all.
    ///
    /// ```
    /// use convenor_core::MeetingId;
    /// assert_eq!(MeetingId::slug_from("Saturday Meeting (Kara)"), "saturday-meeting-kara");
    /// ```
    pub fn slug_from(text: &str) -> String {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let joined: String = words.join("-").chars().take(64).collect();
        joined.trim_end_matches('-').to_string()
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for MeetingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for MeetingId {
    type Err = Problem;
    fn from_str(s: &str) -> Result<Self, Problem> {
        MeetingId::new(s)
    }
}

/// A wall-clock time of day in a meeting's zone, to the minute.
///
/// ```
/// use convenor_core::LocalTime;
/// let t: LocalTime = "07:00".parse()?;
/// assert_eq!(t, LocalTime::new(7, 0)?);
/// assert_eq!(t.to_string(), "07:00");
/// assert!("24:00".parse::<LocalTime>().is_err());
/// assert!("7pm".parse::<LocalTime>().is_err());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(NaiveTime);

impl LocalTime {
    /// A time from hour (`0..=23`) and minute (`0..=59`).
    ///
    /// # Errors
    ///
    /// [`Problem::BadTime`] when either is out of range.
    pub fn new(hour: u32, minute: u32) -> Result<LocalTime, Problem> {
        NaiveTime::from_hms_opt(hour, minute, 0)
            .map(LocalTime)
            .ok_or_else(|| Problem::BadTime(format!("{hour:02}:{minute:02}")))
    }

    /// A time known to be valid, for docs, tests and constants.
    ///
    /// # Panics
    ///
    /// When `hour > 23` or `minute > 59` (a compile error in a const
    /// context).
    pub const fn constant(hour: u32, minute: u32) -> LocalTime {
        match NaiveTime::from_hms_opt(hour, minute, 0) {
            Some(t) => LocalTime(t),
            None => panic!("LocalTime::constant: hour or minute out of range"),
        }
    }

    /// The hour, in `0..=23`.
    pub fn hour(self) -> u32 {
        self.0.hour()
    }

    /// The minute, in `0..=59`.
    pub fn minute(self) -> u32 {
        self.0.minute()
    }

    /// As a chrono time (seconds are zero).
    pub fn to_naive(self) -> NaiveTime {
        self.0
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl FromStr for LocalTime {
    type Err = Problem;
    fn from_str(s: &str) -> Result<Self, Problem> {
        let bad = || Problem::BadTime(s.to_string());
        let (h, m) = s.split_once(':').ok_or_else(bad)?;
        let two_digits = |p: &str| {
            (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u32>().ok())
                .flatten()
        };
        // One-digit hours (`7:00`) are accepted; minutes always have two.
        let hour = match h.len() {
            1 if h.as_bytes()[0].is_ascii_digit() => h.parse().ok(),
            _ => two_digits(h),
        };
        match (hour, two_digits(m)) {
            (Some(h), Some(m)) => LocalTime::new(h, m).map_err(|_| bad()),
            _ => Err(bad()),
        }
    }
}

/// How long a session lasts: exact elapsed minutes, from 1 minute to 24
/// hours. A 60-minute session lasts 60 minutes across a DST change.
///
/// ```
/// use convenor_core::MeetingDuration;
/// let d: MeetingDuration = "1h30m".parse()?;
/// assert_eq!(d.minutes(), 90);
/// assert_eq!(d.to_string(), "90m");
/// assert_eq!("60".parse::<MeetingDuration>()?.minutes(), 60);
/// assert!("0m".parse::<MeetingDuration>().is_err());
/// assert!("25h".parse::<MeetingDuration>().is_err());
/// assert!("1h99m".parse::<MeetingDuration>().is_err());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingDuration(u32);

impl MeetingDuration {
    /// The longest session: 24 hours.
    pub const MAX_MINUTES: u32 = 24 * 60;

    /// A duration of `minutes`, in `1..=1440`.
    ///
    /// # Errors
    ///
    /// [`Problem::BadDuration`] when out of range.
    pub fn new(minutes: u32) -> Result<MeetingDuration, Problem> {
        if (1..=Self::MAX_MINUTES).contains(&minutes) {
            Ok(MeetingDuration(minutes))
        } else {
            Err(Problem::BadDuration(format!("{minutes}m")))
        }
    }

    /// The number of minutes, in `1..=1440`.
    pub fn minutes(self) -> u32 {
        self.0
    }

    /// As a chrono duration.
    pub fn to_chrono(self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.0))
    }
}

impl fmt::Display for MeetingDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}m", self.0)
    }
}

impl FromStr for MeetingDuration {
    type Err = Problem;
    /// Accepts `90`, `90m`, `1h`, `1h30m` (lowercase, no spaces).
    fn from_str(s: &str) -> Result<Self, Problem> {
        let bad = || Problem::BadDuration(s.to_string());
        let number = |p: &str| -> Option<u32> {
            (!p.is_empty()
                && p.len() <= 4
                && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
        };
        let minutes = if let Some((h, rest)) = s.split_once('h') {
            // Minutes after hours are under 60: `1h99m` is a typo, not
            // 2 h 39 min.
            let m = match rest {
                "" => Some(0),
                r => r.strip_suffix('m').and_then(number).filter(|m| *m < 60),
            };
            number(h).zip(m).map(|(h, m)| h * 60 + m)
        } else {
            number(s.strip_suffix('m').unwrap_or(s))
        };
        minutes.and_then(|m| MeetingDuration::new(m).ok()).ok_or_else(bad)
    }
}

/// Every N weeks, N in `1..=52`.
///
/// ```
/// use convenor_core::Interval;
/// assert_eq!(Interval::new(2)?.weeks(), 2);
/// assert!(Interval::new(0).is_err());
/// # Ok::<(), convenor_core::Problem>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval(u32);

impl Interval {
    /// Every week.
    pub const WEEKLY: Interval = Interval(1);

    /// Every `weeks` weeks, in `1..=52`.
    ///
    /// # Errors
    ///
    /// [`Problem::BadInterval`] when out of range.
    pub fn new(weeks: u32) -> Result<Interval, Problem> {
        if (1..=52).contains(&weeks) {
            Ok(Interval(weeks))
        } else {
            Err(Problem::BadInterval(weeks))
        }
    }

    /// The number of weeks, in `1..=52`.
    pub fn weeks(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Parses a weekday name (`saturday`, `Sat`, `sa`), case-insensitively.
pub(crate) fn parse_weekday(s: &str) -> Result<chrono::Weekday, Problem> {
    use chrono::Weekday::*;
    let lower = s.to_ascii_lowercase();
    let day = match lower.as_str() {
        "monday" | "mon" | "mo" => Mon,
        "tuesday" | "tue" | "tu" => Tue,
        "wednesday" | "wed" | "we" => Wed,
        "thursday" | "thu" | "th" => Thu,
        "friday" | "fri" | "fr" => Fri,
        "saturday" | "sat" | "sa" => Sat,
        "sunday" | "sun" | "su" => Sun,
        _ => return Err(Problem::BadWeekday(s.to_string())),
    };
    Ok(day)
}

/// The weekday names the file accepts in full, Monday first.
///
/// ```
/// assert_eq!(convenor_core::WEEKDAY_NAMES[5], "saturday");
/// ```
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The lowercase English name of a weekday, as the file writes it.
///
/// ```
/// assert_eq!(convenor_core::weekday_name(chrono::Weekday::Sat), "saturday");
/// ```
pub fn weekday_name(day: chrono::Weekday) -> &'static str {
    WEEKDAY_NAMES[day.num_days_from_monday() as usize]
}

/// Checks a dial-in number: digits, with the usual separators and
/// pause characters, optionally as a `tel:` URI (RFC 3966); no other
/// scheme, since clients dial or link it.
pub(crate) fn check_phone(s: &str) -> Result<(), Problem> {
    let number = s.strip_prefix("tel:").unwrap_or(s);
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || " +-().,;#*/".contains(c);
    if number.chars().any(|c| c.is_ascii_digit())
        && number.chars().all(allowed)
    {
        Ok(())
    } else {
        Err(Problem::BadPhone(s.to_string()))
    }
}

/// Parses `YYYY-MM-DD` with a year in `1..=9999`.
pub(crate) fn parse_date(s: &str) -> Result<chrono::NaiveDate, Problem> {
    let bad = || Problem::BadDate(s.to_string());
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return Err(bad());
    }
    let d =
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad())?;
    if (1..=9999).contains(&chrono::Datelike::year(&d)) {
        Ok(d)
    } else {
        Err(bad())
    }
}

/// Parses `YYYY-MM-DDTHH:MM` (a space instead of `T` is accepted).
pub(crate) fn parse_local_datetime(
    s: &str,
) -> Result<chrono::NaiveDateTime, Problem> {
    let bad = || Problem::BadDateTime(s.to_string());
    let (d, t) = s.split_once(['T', ' ']).ok_or_else(bad)?;
    let date = parse_date(d).map_err(|_| bad())?;
    let time: LocalTime = t.parse().map_err(|_| bad())?;
    Ok(date.and_time(time.to_naive()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        for ok in ["00:00", "7:05", "23:59", "18:30"] {
            assert!(ok.parse::<LocalTime>().is_ok(), "{ok}");
        }
        for bad in
            ["24:00", "7:60", "7pm", "", "07", "07:0", "+7:00", "07:00:00"]
        {
            assert!(bad.parse::<LocalTime>().is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!("1h".parse::<MeetingDuration>().unwrap().minutes(), 60);
        assert_eq!("24h".parse::<MeetingDuration>().unwrap().minutes(), 1440);
        for bad in ["", "m", "h", "-5m", "1441m", "1h60", "1.5h", "0"] {
            assert!(bad.parse::<MeetingDuration>().is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(parse_date("2022-11-12").is_ok());
        for bad in ["0000-01-01", "10000-01-01", "2022-2-1", "2022-02-30"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert!(parse_local_datetime("2022-12-26T17:00").is_ok());
        // The dates people write, read both ways: suggest::DateMeant.
        assert!(parse_local_datetime("2022-12-26").is_err());
    }

    /// issue 12: `javascript:` was exported as a link (URLs: web_url.rs).
    #[test]
    fn phones() {
        for good in ["+1 555 0100", "tel:+15550100", "(555) 010-0100,,123#"] {
            assert_eq!(check_phone(good), Ok(()), "{good}");
        }
        for bad in ["", "call us", "javascript:alert(1)", "sip:1@x.org"] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
        assert!("1h59m".parse::<MeetingDuration>().is_ok());
        assert!("1h60m".parse::<MeetingDuration>().is_err());
    }

    proptest::proptest! {
        #[test]
        fn prop_local_time_round_trips(h in 0u32..24, m in 0u32..60) {
            let t = LocalTime::new(h, m).unwrap();
            proptest::prop_assert_eq!(t.to_string().parse::<LocalTime>(), Ok(t));
        }

        #[test]
        fn prop_duration_round_trips(m in 1u32..=1440) {
            let d = MeetingDuration::new(m).unwrap();
            proptest::prop_assert_eq!(d.to_string().parse(), Ok(d));
        }

        #[test]
        fn prop_parsers_never_panic(s in "\\PC{0,12}") {
            let _ = s.parse::<LocalTime>();
            let _ = s.parse::<MeetingDuration>();
            let _ = parse_date(&s);
            let _ = parse_local_datetime(&s);
            let _ = MeetingId::new(&s);
        }
    }
}
