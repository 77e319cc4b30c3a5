//! How meeting finders read a feed: the acceptance rules of TSML UI
//! (code4recovery's meeting finder, `src/helpers/load-meeting-data.ts`
//! and `src/hooks/settings.tsx`), written out so the export can be held
//! to them and `check` can say what a finder would drop.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// The conference hosts meeting finders recognise (TSML UI's
/// `conference_providers`): a link's host must end in one of them, or
/// the link is discarded.
pub(crate) const PROVIDERS: &[&str] = &[
    "bluejeans.com",
    "discord.gg",
    "freeconference.com",
    "freeconferencecall.com",
    "goto.com",
    "gotomeet.me",
    "gotomeeting.com",
    "horizon.meta.com",
    "maps.secondlife.com",
    "meet.google.com",
    "meet.jit.si",
    "meetings.dialpad.com",
    "signal.group",
    "skype.com",
    "slurl.com",
    "teams.live.com",
    "teams.microsoft.com",
    "vrchat.com",
    "webex.com",
    "zoho.com",
    "zoom.us",
];

/// The provider domain a conference link's host ends in, as finders
/// check it; `None` when they would discard the link.
///
/// ```
/// use convenor_json::conference_provider;
/// assert_eq!(conference_provider("https://us02web.zoom.us/j/123"), Some("zoom.us"));
/// assert_eq!(conference_provider("https://example.org/join"), None);
/// assert_eq!(conference_provider("zoom.us/j/1"), None);
/// ```
pub fn conference_provider(url: &str) -> Option<&'static str> {
    let host = url.split('/').nth(2)?;
    PROVIDERS.iter().copied().find(|domain| host.ends_with(domain))
}

/// A dial-in number as finders keep it (digits, `,`, `+`, `#`); they
/// discard it when fewer than 10 such characters remain.
///
/// ```
/// assert_eq!(convenor_json::phone_digits("+1 (555) 010-0199"), "+15550100199");
/// ```
pub fn phone_digits(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '+' | '#'))
        .collect()
}

/// How a meeting finder lists one record.
///
/// ```
/// use convenor_json::Listing;
/// let feed: Vec<serde_json::Map<String, serde_json::Value>> =
///     serde_json::from_str(r#"[{"slug": "a", "day": 1, "time": "18:00"}, {"day": 2}]"#).unwrap();
/// let listings = Listing::of_feed(&feed);
/// assert_eq!(listings[1], Listing::Dropped("no slug"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listing {
    /// Not listed, and why (the finder's own words).
    Dropped(&'static str),
    /// Listed.
    Listed {
        /// With a conference link or dial-in it keeps.
        online: bool,
        /// At a place it shows as an address (not approximate).
        in_person: bool,
        /// `end_time` read on the start's day is before `time` (the
        /// session seems to end before it starts).
        ends_before_start: bool,
    },
}

impl Listing {
    /// How a finder lists every record of a feed, in order (a repeated
    /// slug is dropped after its first record).
    ///
    /// ```
    /// use convenor_json::Listing;
    /// let feed: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(r#"[
    ///   {"slug": "a", "day": 1, "time": "18:00", "timezone": "UTC",
    ///    "conference_url": "https://zoom.us/j/1", "formatted_address": "Los Angeles, CA, USA",
    ///    "approximate": "yes"},
    ///   {"slug": "b", "day": 1, "time": "18:00", "timezone": "UTC"}
    /// ]"#).unwrap();
    /// assert_eq!(Listing::of_feed(&feed), [
    ///     Listing::Listed { online: true, in_person: false, ends_before_start: false },
    ///     Listing::Dropped("no address information"),
    /// ]);
    /// ```
    pub fn of_feed(records: &[Map<String, Value>]) -> Vec<Listing> {
        let mut slugs = BTreeSet::new();
        records.iter().map(|r| Listing::of(r, &mut slugs)).collect()
    }

    fn of(r: &Map<String, Value>, slugs: &mut BTreeSet<String>) -> Listing {
        let text = |field: &str| match r.get(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.as_str()),
            _ => None,
        };
        let Some(slug) = text("slug") else {
            return Listing::Dropped("no slug");
        };
        if !slugs.insert(slug.to_string()) {
            return Listing::Dropped("duplicate slug");
        }
        let online =
            text("conference_url").and_then(conference_provider).is_some()
                || text("conference_phone")
                    .is_some_and(|p| phone_digits(p).len() >= 10);
        let address = match text("formatted_address") {
            Some(a) => a.to_string(),
            None => ["address", "city", "state", "postal_code", "country"]
                .into_iter()
                .filter_map(text)
                .collect::<Vec<_>>()
                .join(", "),
        };
        if address.is_empty() {
            return Listing::Dropped("no address information");
        }
        let approximate = match r.get("approximate") {
            Some(Value::String(a)) => a.eq_ignore_ascii_case("yes"),
            Some(Value::Bool(b)) => *b,
            _ => address.split(',').count() < 4,
        };
        let types: Vec<&str> = match r.get("types") {
            Some(Value::Array(t)) => {
                t.iter().filter_map(Value::as_str).collect()
            }
            _ => Vec::new(),
        };
        let in_person = !approximate && !types.contains(&"TC");
        if text("timezone").is_none() {
            return Listing::Dropped("no timezone");
        }
        let minutes = |field| {
            let (h, m) = text(field)?.split_once(':')?;
            // Hours and minutes as a clock has them; anything else is
            // no time (and no overflow).
            let h = h.parse::<u32>().ok().filter(|h| *h < 24)?;
            let m = m.get(..2)?.parse::<u32>().ok().filter(|m| *m < 60)?;
            Some(h * 60 + m)
        };
        let ends_before_start = match (minutes("time"), minutes("end_time")) {
            (Some(start), Some(end)) => end < start,
            _ => false,
        };
        Listing::Listed { online, in_person, ends_before_start }
    }
}
