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
