//! TZIDs as real calendars write them → convenor's zones: IANA names
//! (links such as `US/Pacific` become their primary name), and the
//! Windows names Outlook and Exchange write (`Pacific Standard Time`),
//! through CLDR's windowsZones table (`windows_zones.tsv`, which says
//! where it comes from).

use convenor_core::{canonical_zone, Tzdata, UnknownZone, Zone};

/// The table: `WINDOWS NAME<TAB>IANA NAME` lines, `#` comments.
const WINDOWS_ZONES: &str = include_str!("windows_zones.tsv");

/// The IANA zone CLDR gives for a Windows zone name (exact, then
/// ignoring ASCII case), such as `America/Los_Angeles` for `Pacific
/// Standard Time`.
///
/// ```
/// use convenor_ical::import::windows_zone;
/// assert_eq!(windows_zone("W. Europe Standard Time"), Some("Europe/Berlin"));
/// assert_eq!(windows_zone("pacific standard time"), Some("America/Los_Angeles"));
/// assert_eq!(windows_zone("Europe/Berlin"), None);
/// ```
pub fn windows_zone(name: &str) -> Option<&'static str> {
    windows_zones()
        .find(|(w, _)| *w == name)
        .or_else(|| {
            windows_zones().find(|(w, _)| w.eq_ignore_ascii_case(name))
        })
        .map(|(_, iana)| iana)
}

/// Every Windows name of the table with its IANA zone.
pub(crate) fn windows_zones(
) -> impl Iterator<Item = (&'static str, &'static str)> {
    WINDOWS_ZONES
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

/// The zone a TZID names: an IANA name or link, a Windows name, or an
/// IANA name behind a path prefix (`/mozilla.org/20050126_1/Europe/Paris`,
/// as old Mozilla and Lotus exports write).
///
/// # Errors
///
/// [`UnknownZone`] with the nearest IANA name, when none matches.
pub(crate) fn resolve(tzid: &str) -> Result<Zone, UnknownZone> {
    let tzdata = Tzdata::current();
    let tzid = tzid.trim().trim_matches('"');
    let first = match tzdata.zone(tzid) {
        Ok(zone) => return Ok(primary(&tzdata, zone)),
        Err(e) => e,
    };
    if let Some(iana) = windows_zone(tzid) {
        if let Ok(zone) = tzdata.zone(iana) {
            return Ok(primary(&tzdata, zone));
        }
    }
    // A path prefix: try the last two, then three, segments.
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    for take in [2, 3] {
        if parts.len() > take {
            let tail = parts[parts.len() - take..].join("/");
            if let Ok(zone) = tzdata.zone(&tail) {
                return Ok(primary(&tzdata, zone));
            }
        }
    }
    Err(first)
}

fn primary(tzdata: &Tzdata, zone: Zone) -> Zone {
    canonical_zone(zone.name())
        .and_then(|name| tzdata.zone(name).ok())
        .unwrap_or(zone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_windows_name_maps_to_a_zone_we_have() {
        let mut n = 0;
        for (windows, iana) in windows_zones() {
            assert!(resolve(windows).is_ok(), "{windows} → {iana}");
            n += 1;
        }
        assert!(n > 130, "{n} rows");
    }

    #[test]
    fn links_prefixes_and_windows_names() {
        let name = |t: &str| resolve(t).map(|z| z.name()).map_err(|e| e.name);
        assert_eq!(name("US/Pacific"), Ok("America/Los_Angeles"));
        assert_eq!(name("Pacific Standard Time"), Ok("America/Los_Angeles"));
        assert_eq!(name("GMT Standard Time"), Ok("Europe/London"));
        assert_eq!(
            name("/mozilla.org/20050126_1/America/New_York"),
            Ok("America/New_York")
        );
        assert_eq!(name("Mars/Olympus_Mons"), Err("Mars/Olympus_Mons".into()));
    }
}
