//! Wall-clock time to instants: the one place the gap and fold policy
//! lives, plus zone-name parsing with suggestions.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone,
};
use chrono_tz::Tz;

use crate::error::Problem;

/// How a local time fitted its zone when it was resolved.
///
/// ```
/// use convenor_core::{resolve_local, Fit};
/// let noon = chrono::NaiveDate::from_ymd_opt(2023, 3, 12).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// assert_eq!(resolve_local(chrono_tz::America::Los_Angeles, noon).1, Fit::Exact);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fit {
    /// The local time exists exactly once.
    Exact,
    /// The local time does not exist (spring-forward gap); it was read
    /// with the offset in force before the gap, so the wall clock shows a
    /// later time.
    Gap,
    /// The local time exists twice (fall-back overlap); the first, earlier
    /// instant was taken.
    Fold,
}

/// Turns a wall-clock time in `tz` into an instant, by RFC 5545 §3.3.5.
///
/// - A time that exists once is that instant.
/// - A time in a spring-forward gap is read with the UTC offset in force
///   *before* the gap, so 02:30 on 2023-03-12 in Los Angeles becomes
///   03:30 PDT (10:30Z).
/// - A time in a fall-back overlap is the *first* (earlier) of its two
///   instants, so 01:30 on 2022-11-06 in Los Angeles is 01:30 PDT
///   (08:30Z).
///
/// ```
/// use chrono::{NaiveDate, Utc};
/// use chrono_tz::America::Los_Angeles;
/// use convenor_core::{resolve_local, Fit};
///
/// let at = |d: (i32, u32, u32), h, m| {
///     NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap().and_hms_opt(h, m, 0).unwrap()
/// };
/// // Spring forward: 02:30 does not exist.
/// let (gap, fit) = resolve_local(Los_Angeles, at((2023, 3, 12), 2, 30));
/// assert_eq!(fit, Fit::Gap);
/// assert_eq!(gap.with_timezone(&Utc).to_rfc3339(), "2023-03-12T10:30:00+00:00");
/// assert_eq!(gap.format("%H:%M %Z").to_string(), "03:30 PDT");
/// // Fall back: 01:30 happens twice; the first one counts.
/// let (fold, fit) = resolve_local(Los_Angeles, at((2022, 11, 6), 1, 30));
/// assert_eq!(fit, Fit::Fold);
/// assert_eq!(fold.with_timezone(&Utc).to_rfc3339(), "2022-11-06T08:30:00+00:00");
/// ```
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> (DateTime<Tz>, Fit) {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => (t, Fit::Exact),
        LocalResult::Ambiguous(a, b) => (a.min(b), Fit::Fold),
        LocalResult::None => (gap_instant(tz, local), Fit::Gap),
    }
}

/// The instant of a local time inside a gap, read with the offset before
/// the gap. Stepping back an hour at a time leaves the gap at its start
/// (gaps are whole multiples of 15 minutes and at most a day long: Samoa
/// skipped 2011-12-30), where the offset before the gap is in force.
fn gap_instant(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    for hours in 1..=48 {
        let Some(earlier) = local.checked_sub_signed(Duration::hours(hours))
        else {
            break;
        };
        if let Some(before) = tz.from_local_datetime(&earlier).latest() {
            let offset = i64::from(before.offset().fix().local_minus_utc());
            // Past the ends of chrono's calendar (local times within a
            // day of them), the nearest instant there is.
            let utc = local
                .checked_sub_signed(Duration::seconds(offset))
                .unwrap_or(if offset < 0 {
                    NaiveDateTime::MAX
                } else {
                    NaiveDateTime::MIN
                });
            return tz.from_utc_datetime(&utc);
        }
    }
    // Unreachable with tzdb data (no gap is longer than a day); fall back
    // to reading the time as UTC rather than panicking.
    tz.from_utc_datetime(&local)
}

/// Parses an IANA zone name, exactly as the tz database spells it.
///
/// # Errors
///
/// [`Problem::UnknownZone`]; [`suggest_zone`] finds the nearest name.
pub(crate) fn parse_zone(name: &str) -> Result<Tz, Problem> {
    name.parse::<Tz>().map_err(|_| Problem::UnknownZone(name.to_string()))
}

/// The IANA zone name nearest to a misspelt one, if any is close.
///
/// ```
/// use convenor_core::suggest_zone;
/// assert_eq!(suggest_zone("America/Los_Angles").as_deref(), Some("America/Los_Angeles"));
/// assert_eq!(suggest_zone("europe/london").as_deref(), Some("Europe/London"));
/// assert_eq!(suggest_zone("Pacific"), None);
/// ```
pub fn suggest_zone(name: &str) -> Option<String> {
    crate::suggest::nearest(
        name,
        chrono_tz::TZ_VARIANTS.iter().map(|z| z.name()),
    )
    .map(str::to_string)
}

/// Old names of zones (links in the tz database's `backward` file) and
/// the canonical names they point to. chrono-tz compiles each link as a
/// zone of its own and does not say what it links to, so this is a table
/// of the common ones, checked against chrono-tz's data by a test (same
/// transitions as the target).
const LEGACY_ZONES: &[(&str, &str)] = &[
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Asia/Katmandu", "Asia/Kathmandu"),
    ("Asia/Rangoon", "Asia/Yangon"),
    ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
    ("Atlantic/Faeroe", "Atlantic/Faroe"),
    ("Australia/ACT", "Australia/Sydney"),
    ("Australia/NSW", "Australia/Sydney"),
    ("Australia/North", "Australia/Darwin"),
    ("Australia/Queensland", "Australia/Brisbane"),
    ("Australia/South", "Australia/Adelaide"),
    ("Australia/Tasmania", "Australia/Hobart"),
    ("Australia/Victoria", "Australia/Melbourne"),
    ("Australia/West", "Australia/Perth"),
    ("Brazil/East", "America/Sao_Paulo"),
    ("Canada/Atlantic", "America/Halifax"),
    ("Canada/Central", "America/Winnipeg"),
    ("Canada/Eastern", "America/Toronto"),
    ("Canada/Mountain", "America/Edmonton"),
    ("Canada/Newfoundland", "America/St_Johns"),
    ("Canada/Pacific", "America/Vancouver"),
    ("Europe/Kiev", "Europe/Kyiv"),
    ("GB", "Europe/London"),
    ("Eire", "Europe/Dublin"),
    ("Mexico/General", "America/Mexico_City"),
    ("NZ", "Pacific/Auckland"),
    ("US/Alaska", "America/Anchorage"),
    ("US/Arizona", "America/Phoenix"),
    ("US/Central", "America/Chicago"),
    ("US/Eastern", "America/New_York"),
    ("US/Hawaii", "Pacific/Honolulu"),
    ("US/Michigan", "America/Detroit"),
    ("US/Mountain", "America/Denver"),
    ("US/Pacific", "America/Los_Angeles"),
];

/// The canonical name of a zone known by an old (link) name, such as
/// `Europe/Kyiv` for `Europe/Kiev`; `None` for canonical names.
///
/// ```
/// use convenor_core::canonical_zone;
/// assert_eq!(canonical_zone("US/Pacific"), Some("America/Los_Angeles"));
/// assert_eq!(canonical_zone("Europe/Kyiv"), None);
/// ```
pub fn canonical_zone(name: &str) -> Option<&'static str> {
    LEGACY_ZONES.iter().find(|(old, _)| *old == name).map(|(_, new)| *new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate, Utc};

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn utc(tz: Tz, local: NaiveDateTime) -> String {
        resolve_local(tz, local)
            .0
            .with_timezone(&Utc)
            .format("%FT%RZ")
            .to_string()
    }

    #[test]
    fn gaps_take_the_offset_before() {
        // Lord Howe: 30-minute gap at 02:00 (+10:30 -> +11).
        let lh = chrono_tz::Australia::Lord_Howe;
        assert_eq!(utc(lh, at(2023, 10, 1, 2, 15)), "2023-09-30T15:45Z");
        // Cairo and Santiago change at local midnight.
        let cairo = chrono_tz::Africa::Cairo;
        assert_eq!(utc(cairo, at(2023, 4, 28, 0, 30)), "2023-04-27T22:30Z");
        let samoa = chrono_tz::Pacific::Apia;
        assert_eq!(utc(samoa, at(2011, 12, 30, 10, 0)), "2011-12-30T20:00Z");
    }

    #[test]
    fn folds_take_the_first_instant() {
        let lh = chrono_tz::Australia::Lord_Howe;
        // 01:45 twice on 2023-04-02: first at +11.
        assert_eq!(utc(lh, at(2023, 4, 2, 1, 45)), "2023-04-01T14:45Z");
    }

    #[test]
    fn legacy_zones_are_links_to_their_targets() {
        // Same offsets at every hour over a few decades: the link and its
        // target are one zone in chrono-tz's data.
        use chrono::Offset;
        for (old, new) in LEGACY_ZONES {
            let a: Tz = old.parse().expect(old);
            let b: Tz = new.parse().expect(new);
            assert_ne!(a, b);
            let mut t = NaiveDate::from_ymd_opt(1995, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
            while t.date().year() < 2030 {
                let (oa, ob) = (
                    a.offset_from_utc_datetime(&t).fix(),
                    b.offset_from_utc_datetime(&t).fix(),
                );
                assert_eq!(oa, ob, "{old} vs {new} at {t}");
                t += Duration::days(5);
            }
        }
    }

    #[test]
    fn tzdata_version_is_pinned() {
        // Updating chrono-tz changes this; re-check the seed's sessions
        // (tests/seed.rs) and the README's "The time rules".
        assert_eq!(chrono_tz::IANA_TZDB_VERSION, "2025b");
    }
}
