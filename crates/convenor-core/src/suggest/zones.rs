//! Zone words people write that are not the zone's tz database name:
//! abbreviations (`BST`, `PDT`, `AEST`), the words convenor itself
//! prints (`Pacific`, `Eastern`) and cities without a zone of their own
//! (`Manchester`, `Munich`), each with the zone a person means by it.
//!
//! An abbreviation is answered only from this table, never by spelling:
//! `BST` is one letter from `EST`, five hours away.

/// `(word, zone meant, what the word names)`. Words are matched without
/// regard to case, `_`, `-`, `.` or a trailing "time". Each zone meant
/// keeps the offsets the word names: an abbreviation's summer and winter
/// forms both point to the zone that switches between them.
const WORDS: &[(&str, &str, &str)] = &[
    // Abbreviations.
    ("BST", "Europe/London", "British Summer Time"),
    ("GMT", "Europe/London", "UK time (GMT in winter, BST in summer)"),
    ("UK", "Europe/London", "UK time"),
    ("British", "Europe/London", "UK time"),
    ("IST", "Asia/Kolkata", "India Standard Time"),
    ("EST", "America/New_York", "US Eastern time"),
    ("EDT", "America/New_York", "US Eastern time"),
    ("ET", "America/New_York", "US Eastern time"),
    ("Eastern", "America/New_York", "US Eastern time"),
    ("CST", "America/Chicago", "US Central time"),
    ("CDT", "America/Chicago", "US Central time"),
    ("CT", "America/Chicago", "US Central time"),
    ("Central", "America/Chicago", "US Central time"),
    ("MST", "America/Denver", "US Mountain time"),
    ("MDT", "America/Denver", "US Mountain time"),
    ("MT", "America/Denver", "US Mountain time"),
    ("Mountain", "America/Denver", "US Mountain time"),
    ("Arizona", "America/Phoenix", "Arizona time"),
    ("PST", "America/Los_Angeles", "US Pacific time"),
    ("PDT", "America/Los_Angeles", "US Pacific time"),
    ("PT", "America/Los_Angeles", "US Pacific time"),
    ("Pacific", "America/Los_Angeles", "US Pacific time"),
    ("AKST", "America/Anchorage", "Alaska time"),
    ("AKDT", "America/Anchorage", "Alaska time"),
    ("Alaska", "America/Anchorage", "Alaska time"),
    ("HST", "Pacific/Honolulu", "Hawaii time"),
    ("Hawaii", "Pacific/Honolulu", "Hawaii time"),
    ("AST", "America/Halifax", "Atlantic time"),
    ("ADT", "America/Halifax", "Atlantic time"),
    ("NST", "America/St_Johns", "Newfoundland time"),
    ("NDT", "America/St_Johns", "Newfoundland time"),
    ("WET", "Europe/Lisbon", "Western European time"),
    ("WEST", "Europe/Lisbon", "Western European time"),
    ("CET", "Europe/Berlin", "Central European time"),
    ("CEST", "Europe/Berlin", "Central European time"),
    ("MET", "Europe/Berlin", "Central European time"),
    ("MEST", "Europe/Berlin", "Central European time"),
    ("EET", "Europe/Athens", "Eastern European time"),
    ("EEST", "Europe/Athens", "Eastern European time"),
    ("MSK", "Europe/Moscow", "Moscow time"),
    ("SAST", "Africa/Johannesburg", "South African time"),
    ("JST", "Asia/Tokyo", "Japan time"),
    ("KST", "Asia/Seoul", "Korea time"),
    ("HKT", "Asia/Hong_Kong", "Hong Kong time"),
    ("SGT", "Asia/Singapore", "Singapore time"),
    ("AWST", "Australia/Perth", "Australian Western time"),
    ("ACST", "Australia/Adelaide", "Australian Central time"),
    ("ACDT", "Australia/Adelaide", "Australian Central time"),
    ("AEST", "Australia/Sydney", "Australian Eastern time"),
    ("AEDT", "Australia/Sydney", "Australian Eastern time"),
    ("NZST", "Pacific/Auckland", "New Zealand time"),
    ("NZDT", "Pacific/Auckland", "New Zealand time"),
    // Cities that share another city's zone.
    ("Manchester", "Europe/London", "UK time"),
    ("Birmingham", "Europe/London", "UK time"),
    ("Leeds", "Europe/London", "UK time"),
    ("Liverpool", "Europe/London", "UK time"),
    ("Bristol", "Europe/London", "UK time"),
    ("Sheffield", "Europe/London", "UK time"),
    ("Nottingham", "Europe/London", "UK time"),
    ("Glasgow", "Europe/London", "UK time"),
    ("Edinburgh", "Europe/London", "UK time"),
    ("Cardiff", "Europe/London", "UK time"),
    ("Belfast", "Europe/London", "UK time"),
    ("Cork", "Europe/Dublin", "Irish time"),
    ("Galway", "Europe/Dublin", "Irish time"),
    ("San Francisco", "America/Los_Angeles", "US Pacific time"),
    ("San Diego", "America/Los_Angeles", "US Pacific time"),
    ("San Jose", "America/Los_Angeles", "US Pacific time"),
    ("Seattle", "America/Los_Angeles", "US Pacific time"),
    ("Las Vegas", "America/Los_Angeles", "US Pacific time"),
    ("Sacramento", "America/Los_Angeles", "US Pacific time"),
    ("Boston", "America/New_York", "US Eastern time"),
    ("Philadelphia", "America/New_York", "US Eastern time"),
    ("Washington", "America/New_York", "US Eastern time"),
    ("Washington DC", "America/New_York", "US Eastern time"),
    ("Atlanta", "America/New_York", "US Eastern time"),
    ("Miami", "America/New_York", "US Eastern time"),
    ("Pittsburgh", "America/New_York", "US Eastern time"),
    ("Baltimore", "America/New_York", "US Eastern time"),
    ("Dallas", "America/Chicago", "US Central time"),
    ("Houston", "America/Chicago", "US Central time"),
    ("Austin", "America/Chicago", "US Central time"),
    ("Minneapolis", "America/Chicago", "US Central time"),
    ("St Louis", "America/Chicago", "US Central time"),
    ("New Orleans", "America/Chicago", "US Central time"),
    ("Salt Lake City", "America/Denver", "US Mountain time"),
    ("Albuquerque", "America/Denver", "US Mountain time"),
    ("Montreal", "America/Toronto", "Eastern time"),
    ("Ottawa", "America/Toronto", "Eastern time"),
    ("Calgary", "America/Edmonton", "Mountain time"),
    ("Canberra", "Australia/Sydney", "Australian Eastern time"),
    ("Wollongong", "Australia/Sydney", "Australian Eastern time"),
    ("Geelong", "Australia/Melbourne", "Australian Eastern time"),
    ("Gold Coast", "Australia/Brisbane", "Queensland time"),
    ("Wellington", "Pacific/Auckland", "New Zealand time"),
    ("Christchurch", "Pacific/Auckland", "New Zealand time"),
    ("Munich", "Europe/Berlin", "Central European time"),
    ("Hamburg", "Europe/Berlin", "Central European time"),
    ("Frankfurt", "Europe/Berlin", "Central European time"),
    ("Cologne", "Europe/Berlin", "Central European time"),
    ("Lyon", "Europe/Paris", "Central European time"),
    ("Marseille", "Europe/Paris", "Central European time"),
    ("Barcelona", "Europe/Madrid", "Central European time"),
    ("Milan", "Europe/Rome", "Central European time"),
    ("Geneva", "Europe/Zurich", "Central European time"),
    ("Delhi", "Asia/Kolkata", "India Standard Time"),
    ("New Delhi", "Asia/Kolkata", "India Standard Time"),
    ("Mumbai", "Asia/Kolkata", "India Standard Time"),
    ("Bombay", "Asia/Kolkata", "India Standard Time"),
    ("Bangalore", "Asia/Kolkata", "India Standard Time"),
    ("Bengaluru", "Asia/Kolkata", "India Standard Time"),
    ("Chennai", "Asia/Kolkata", "India Standard Time"),
    ("Hyderabad", "Asia/Kolkata", "India Standard Time"),
    ("Osaka", "Asia/Tokyo", "Japan time"),
    ("Beijing", "Asia/Shanghai", "China time"),
    ("Cape Town", "Africa/Johannesburg", "South African time"),
];

/// `word` as the table spells its words: lower case, one space between
/// words, no `.`, `,`, `_` or `-`, no trailing "time" ("Pacific Time").
fn key(word: &str) -> String {
    let spaced: String = word
        .chars()
        .filter(|c| !matches!(c, '.' | ','))
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let words = match words.split_last() {
        Some((&"time", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// The table's entry for `word`: `Manchester`, `bst`, `Pacific Time`;
/// a city also under a region (`Europe/Manchester`) when that region is
/// the meant zone's.
fn entry(
    word: &str,
) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let find = |w: &str| {
        let k = key(w);
        WORDS.iter().find(|(entry, ..)| key(entry) == k)
    };
    match word.trim().rsplit_once('/') {
        None => find(word),
        Some((region, city)) => find(city).filter(|(_, zone, _)| {
            zone.split('/')
                .next()
                .is_some_and(|r| r.eq_ignore_ascii_case(region))
        }),
    }
}

/// The zone a person means by a word that is not its tz database name:
/// an abbreviation, a word convenor prints, or a city that shares another
/// city's zone. Never a zone with other offsets than the word names.
///
/// ```
/// use convenor_core::suggest::zone_meant;
/// assert_eq!(zone_meant("BST"), Some("Europe/London"));
/// assert_eq!(zone_meant("Europe/Manchester"), Some("Europe/London"));
/// assert_eq!(zone_meant("Pacific Time"), Some("America/Los_Angeles"));
/// assert_eq!(zone_meant("XST"), None);
/// ```
pub fn zone_meant(word: &str) -> Option<&'static str> {
    entry(word).map(|(_, zone, _)| *zone)
}

/// The zone a person means by a zone name written like an abbreviation
/// (`EST`, `GMT`, `CET`), which the tz database has as a link to a zone
/// they seldom mean.
pub(crate) fn abbreviation_meant(name: &str) -> Option<&'static str> {
    entry(name).filter(|_| is_code(name)).map(|(_, zone, _)| *zone)
}

/// The warning for a zone written as an abbreviation (`EST`) that the
/// tz database has as a link, with the zone `meant`: said differently
/// when the link keeps one offset all year (`EST` is `America/Panama`,
/// without summer time).
pub(crate) fn abbreviation_warning(zone: &str, meant: &str) -> Option<String> {
    let (_, _, what) = entry(zone).filter(|_| is_code(zone))?;
    let link = crate::Zone::get(zone).ok()?;
    let target = link.primary_name().unwrap_or(link.name());
    // January and July 2025, in Unix seconds.
    let fixed = link.offset_at(1_736_942_400).seconds()
        == link.offset_at(1_752_580_800).seconds();
    Some(if fixed {
        format!(
            "time zone \"{zone}\" is an abbreviation that the tz database \
             keeps at one offset all year, without summer time; for \
             {what} write \"{meant}\" (or \"{target}\" for one offset \
             all year)"
        )
    } else {
        format!(
            "time zone \"{zone}\" is an abbreviation (a link to \
             \"{target}\" in the tz database); for {what} write \
             \"{meant}\""
        )
    })
}

/// Every word [`zone_meant`] knows, with the zone meant: for a page
/// that resolves what a visitor types.
///
/// ```
/// let words: Vec<_> = convenor_core::suggest::zone_words().collect();
/// assert!(words.contains(&("AEDT", "Australia/Sydney")));
/// assert!(words.contains(&("Manchester", "Europe/London")));
/// ```
pub fn zone_words() -> impl Iterator<Item = (&'static str, &'static str)> {
    WORDS.iter().map(|(word, zone, _)| (*word, *zone))
}

/// Whether `name` is written like an abbreviation or a code (`EST`,
/// `GMT0`, `EST5EDT`, `NZ-CHAT`) rather than a place: such a name is
/// never offered for a misspelling, since one letter apart is hours
/// apart.
pub(crate) fn is_code(name: &str) -> bool {
    !name.contains('/') && name.chars().take(2).all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Zone;
    use chrono::{TimeZone, Utc};

    /// The offsets (seconds) of `zone` in January and July 2025.
    fn offsets(zone: &str) -> (i32, i32) {
        let zone: Zone = zone.parse().expect("a zone");
        let at = |m| {
            let t = Utc.with_ymd_and_hms(2025, m, 15, 12, 0, 0).unwrap();
            t.with_timezone(&zone).offset().seconds()
        };
        (at(1), at(7))
    }

    #[test]
    fn every_word_means_a_primary_zone_of_the_bundled_database() {
        for (word, zone, _) in WORDS {
            let z: Zone =
                zone.parse().unwrap_or_else(|e| panic!("{word}: {e}"));
            assert_eq!(z.primary_name(), None, "{word} means a link {zone}");
            assert_eq!(zone_meant(word), Some(*zone), "{word}");
        }
    }

    #[test]
    fn abbreviations_mean_a_zone_with_the_offsets_they_name() {
        let hour = 3600;
        // (word, the offset it names, the zone's offset in that season)
        for (word, offset, july) in [
            ("BST", hour, true),
            ("GMT", 0, false),
            ("EST", -5 * hour, false),
            ("EDT", -4 * hour, true),
            ("PST", -8 * hour, false),
            ("PDT", -7 * hour, true),
            ("CET", hour, false),
            ("CEST", 2 * hour, true),
            ("AEST", 10 * hour, true),
            ("AEDT", 11 * hour, false),
            ("IST", 5 * hour + 1800, false),
            ("IST", 5 * hour + 1800, true),
        ] {
            let zone = zone_meant(word).expect(word);
            let (january, july_offset) = offsets(zone);
            let seen = if july { july_offset } else { january };
            assert_eq!(seen, offset, "{word} -> {zone}");
        }
    }

    #[test]
    fn cities_and_words_people_write() {
        for (word, zone) in [
            ("Manchester", "Europe/London"),
            ("manchester", "Europe/London"),
            ("Europe/Manchester", "Europe/London"),
            ("europe/manchester", "Europe/London"),
            ("Pacific Time", "America/Los_Angeles"),
            ("pacific_time", "America/Los_Angeles"),
            ("st. louis", "America/Chicago"),
            ("Washington, DC", "America/New_York"),
        ] {
            assert_eq!(zone_meant(word), Some(zone), "{word}");
        }
        // A city under another region is not guessed at: Manchester, New
        // Hampshire is in America/New_York.
        assert_eq!(zone_meant("America/Manchester"), None);
        assert_eq!(zone_meant("time"), None);
        assert_eq!(zone_meant(""), None);
    }

    #[test]
    fn codes_are_told_from_places() {
        for code in ["EST", "GMT0", "EST5EDT", "NZ-CHAT", "UTC", "PRC"] {
            assert!(is_code(code), "{code}");
        }
        for place in ["Egypt", "Europe/London", "Etc/UTC", "Japan"] {
            assert!(!is_code(place), "{place}");
        }
    }
}
