//! "Did you mean …?": the nearest known name to a misspelt one.
//!
//! Public so that every parsing crate (TOML here, JSON in
//! `convenor-json`) and every program makes the same suggestions.

mod zones;
pub(crate) use zones::{abbreviation_meant, abbreviation_warning, is_code};
pub use zones::{zone_meant, zone_words};

/// The candidate closest to `input` by edit distance, ignoring case, if it
/// is close enough to be a plausible typo (at most a third of the input's
/// length, and at least one edit is always allowed).
///
/// ```
/// use convenor_core::suggest::nearest;
/// let days = ["monday", "tuesday", "saturday"];
/// assert_eq!(nearest("saturdy", days), Some("saturday"));
/// assert_eq!(nearest("xyz", days), None);
/// ```
pub fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest_by(input, candidates, |c| c)
}

/// [`nearest`] over values compared by a key of each: a zone name by its
/// city, say.
///
/// ```
/// use convenor_core::suggest::nearest_by;
/// let zones = ["Europe/Berlin", "Asia/Tokyo"];
/// let city = nearest_by("berln", zones, |z| z.rsplit('/').next().unwrap_or(z));
/// assert_eq!(city, Some("Europe/Berlin"));
/// ```
pub fn nearest_by<T>(
    input: &str,
    candidates: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> &str,
) -> Option<T> {
    let input = input.to_lowercase();
    let budget = (input.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&input, &key(&c).to_lowercase()), c))
        .filter(|(d, _)| *d <= budget)
        .min_by(|(da, a), (db, b)| (da, key(a)).cmp(&(db, key(b))))
        .map(|(_, c)| c)
}

/// The 24-hour `HH:MM` a person meant by a time written another way:
/// `7pm`, `7:30 PM`, `19.00`, `19h00`, `19:00:00`. `None` when the text
/// is not a time at all or is ambiguous (`7`, `24:00`).
///
/// ```
/// use convenor_core::suggest::time24;
/// assert_eq!(time24("7pm").as_deref(), Some("19:00"));
/// assert_eq!(time24("7:00 PM").as_deref(), Some("19:00"));
/// assert_eq!(time24("19.00").as_deref(), Some("19:00"));
/// assert_eq!(time24("12am").as_deref(), Some("00:00"));
/// assert_eq!(time24("evening"), None);
/// ```
pub fn time24(text: &str) -> Option<String> {
    let text = text.trim().to_ascii_lowercase().replace('.', ":");
    let (clock, pm) = match text
        .strip_suffix("pm")
        .or(text.strip_suffix("p:m:"))
    {
        Some(rest) => (rest.trim_end(), Some(true)),
        None => match text.strip_suffix("am").or(text.strip_suffix("a:m:")) {
            Some(rest) => (rest.trim_end(), Some(false)),
            None => (text.as_str(), None),
        },
    };
    let mut parts = clock.splitn(3, [':', 'h']);
    let number = |p: Option<&str>| {
        p.filter(|p| (1..=2).contains(&p.len()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let hour = number(parts.next())?;
    let minute = match parts.next() {
        None | Some("") => 0,
        Some(m) if m.len() == 2 => number(Some(m))?,
        Some(_) => return None,
    };
    // Seconds are only dropped when there are none to drop.
    if parts.next().is_some_and(|s| s != "00") {
        return None;
    }
    let hour = match pm {
        // A bare hour with neither separator nor am/pm is no time.
        None if !clock.contains([':', 'h']) => return None,
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(pm) => hour % 12 + if pm { 12 } else { 0 },
    };
    crate::LocalTime::new(hour, minute).ok().map(|t| t.to_string())
}

/// What a person meant by a date written with the day or the month
/// first (`22/12/2026`, `12/22/2026`, `3.4.2026`: day, month and a
/// four-digit year of 1 to 9999, in either order, with `/`, `.` or `-`
/// between), or by a date and time whose date is written so
/// (`22/12/2026T19:00`): the same text with the date as `YYYY-MM-DD`,
/// what follows it (from a `T` or a space on) kept as written.
///
/// A schedule file's date and date-time fields and the command line's
/// date flags say it the same way, through its `Display`: `did you mean
/// "2026-12-22"?` for one reading, both readings for two.
///
/// ```
/// use convenor_core::suggest::DateMeant;
///
/// let meant = DateMeant::of("22/12/2026").unwrap();
/// assert_eq!(meant, DateMeant::One("2026-12-22".into()));
/// assert_eq!(meant.to_string(), r#"did you mean "2026-12-22"?"#);
/// let either = DateMeant::of("03/04/2026T19:00").unwrap();
/// assert_eq!(either.readings(), ["2026-04-03T19:00", "2026-03-04T19:00"]);
/// assert_eq!(
///     either.to_string(),
///     r#""2026-04-03T19:00" if the day comes first, "2026-03-04T19:00" if the month does"#,
/// );
/// assert_eq!(DateMeant::of("2026-12-22"), None);
/// assert_eq!(DateMeant::of("31/31/2026"), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateMeant {
    /// Only one reading is a real date (`22/12/2026`), or both are the
    /// same (`4.4.2026`).
    One(String),
    /// Both readings are real dates (`03/04/2026`).
    Either {
        /// The day first: `2026-04-03`.
        day_first: String,
        /// The month first: `2026-03-04`.
        month_first: String,
    },
}

impl DateMeant {
    /// What `text` may mean, or `None` when its date is not written day
    /// or month first (an ISO date, a word, `22/12/26`, `31/31/2026`).
    pub fn of(text: &str) -> Option<DateMeant> {
        let (date, rest) = match text.find(['T', ' ']) {
            Some(at) => text.split_at(at),
            None => (text, ""),
        };
        let iso =
            |d: chrono::NaiveDate| format!("{}{rest}", d.format("%Y-%m-%d"));
        match date_readings(date)[..] {
            [one] => Some(DateMeant::One(iso(one))),
            [day_first, month_first] => Some(DateMeant::Either {
                day_first: iso(day_first),
                month_first: iso(month_first),
            }),
            _ => None,
        }
    }

    /// The texts meant: the one, or the day-first then the month-first
    /// reading.
    pub fn readings(&self) -> Vec<&str> {
        match self {
            DateMeant::One(one) => vec![one],
            DateMeant::Either { day_first, month_first } => {
                vec![day_first, month_first]
            }
        }
    }
}

impl std::fmt::Display for DateMeant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateMeant::One(one) => write!(f, "did you mean \"{one}\"?"),
            DateMeant::Either { day_first, month_first } => write!(
                f,
                "\"{day_first}\" if the day comes first, \"{month_first}\" \
                 if the month does"
            ),
        }
    }
}

/// The dates of `s` read day first, then month first, each only when it
/// is a real date, once when both agree ([`DateMeant`]).
fn date_readings(s: &str) -> Vec<chrono::NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '.', '-']).collect();
    let number = |p: &str| -> Option<u32> {
        let short = (1..=2).contains(&p.len());
        (short && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let [a, b, year] = parts[..] else { return Vec::new() };
    let (Some(a), Some(b)) = (number(a), number(b)) else {
        return Vec::new();
    };
    let year: Option<i32> = (year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit()))
    .then(|| year.parse().ok())
    .flatten();
    let Some(year) = year.filter(|y| (1..=9999).contains(y)) else {
        return Vec::new();
    };
    let mut readings = Vec::new();
    for (day, month) in [(a, b), (b, a)] {
        if let Some(d) = chrono::NaiveDate::from_ymd_opt(year, month, day) {
            if !readings.contains(&d) {
                readings.push(d);
            }
        }
    }
    readings
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_only() {
        let days = ["monday", "tuesday", "saturday"];
        assert_eq!(nearest("saturdy", days), Some("saturday"));
        assert_eq!(nearest("Tuesday", days), Some("tuesday"));
        assert_eq!(nearest("xyz", days), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    /// Issue 32 item 10: the dates people write, read both ways.
    #[test]
    fn dates_in_other_styles() {
        let meant = |s: &str| -> Vec<String> {
            DateMeant::of(s)
                .map(|m| {
                    m.readings().into_iter().map(str::to_string).collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(meant("22/12/2026"), ["2026-12-22"]);
        assert_eq!(meant("12/22/2026"), ["2026-12-22"]);
        assert_eq!(meant("22-12-2026"), ["2026-12-22"]);
        assert_eq!(meant("03/04/2026"), ["2026-04-03", "2026-03-04"]);
        assert_eq!(meant("4.4.2026"), ["2026-04-04"]);
        assert_eq!(meant("22.12.2026 19:00"), ["2026-12-22 19:00"]);
        assert_eq!(
            meant("22/12/2026T07:00:00-08:00"),
            ["2026-12-22T07:00:00-08:00"]
        );
        assert_eq!(
            DateMeant::of("22.12.2026"),
            Some(DateMeant::One("2026-12-22".into()))
        );
        for none in [
            "31/31/2026",
            "2026/12/22",
            "2026-12-22",
            "2026-12-22T07:00",
            "22/12/26",
            "x/1/2026",
            "1/1/0000",
            "1/1/10000",
            "",
            "T",
        ] {
            assert_eq!(DateMeant::of(none), None, "{none}");
        }
    }

    #[test]
    fn times_in_other_styles() {
        let cases = [
            ("7pm", Some("19:00")),
            ("7 pm", Some("19:00")),
            ("7:00 PM", Some("19:00")),
            ("7.30pm", Some("19:30")),
            ("6:30 a.m.", Some("06:30")),
            ("12pm", Some("12:00")),
            ("12:05am", Some("00:05")),
            ("19.00", Some("19:00")),
            ("19h00", Some("19:00")),
            ("19h", Some("19:00")),
            ("19:00:00", Some("19:00")),
            ("19:00:30", None),
            ("13pm", None),
            ("0am", None),
            ("7", None),
            ("24:00", None),
            ("7:60", None),
            ("7:5", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(time24(text).as_deref(), want, "{text:?}");
        }
    }
}
