//! What a feed looks like beyond the schedule itself: the stamp, the UID
//! domain, how much history to keep and how far ahead to be exact.

use chrono::{DateTime, Duration, Utc};

/// Export options. [`IcalOptions::new`] takes the one required value, the
/// export's `DTSTAMP` (the caller's "now": the library never reads the
/// clock); the rest have defaults, set with `with_*`.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_ical::IcalOptions;
///
/// let now = Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap();
/// let opts = IcalOptions::new(now).with_domain("lifering.org");
/// assert_eq!(opts.domain.as_deref(), Some("lifering.org"));
/// assert_eq!(opts.horizon, Utc.with_ymd_and_hms(2027, 11, 1, 0, 0, 0).unwrap());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcalOptions {
    /// `DTSTAMP` of every component: when the feed was made.
    pub dtstamp: DateTime<Utc>,
    /// The right side of every UID (`<meeting-id>@<domain>`). Default: the
    /// host of the schedule's `url`, else `convenor.invalid`.
    pub domain: Option<String>,
    /// Leave out series, sessions and changes that end before this
    /// instant; `None` keeps the whole history.
    pub keep_since: Option<DateTime<Utc>>,
    /// Sessions that real clients would place differently (a start in a
    /// DST gap or fold, or a session spanning a clock change) get an
    /// exact override up to this instant. Default: five years after
    /// `dtstamp`; republish before then.
    pub horizon: DateTime<Utc>,
    /// How often subscribers should refresh, in minutes
    /// (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`). Default: 720 (12 hours).
    pub refresh_minutes: u32,
    /// Where the feed is published (`SOURCE`), if known.
    pub source: Option<String>,
}

impl IcalOptions {
    /// Options with defaults and the given `DTSTAMP`.
    pub fn new(dtstamp: DateTime<Utc>) -> IcalOptions {
        IcalOptions {
            dtstamp,
            domain: None,
            keep_since: None,
            horizon: dtstamp
                .checked_add_signed(Duration::days(5 * 365 + 1))
                .unwrap_or(dtstamp),
            refresh_minutes: 720,
            source: None,
        }
    }

    /// Sets the UID domain.
    pub fn with_domain(mut self, domain: impl Into<String>) -> IcalOptions {
        self.domain = Some(domain.into());
        self
    }

    /// Keeps only what ends at or after `since`.
    pub fn with_keep_since(mut self, since: DateTime<Utc>) -> IcalOptions {
        self.keep_since = Some(since);
        self
    }

    /// Sets the instant up to which DST edge cases get exact overrides.
    pub fn with_horizon(mut self, horizon: DateTime<Utc>) -> IcalOptions {
        self.horizon = horizon;
        self
    }

    /// Sets the feed's published address (`SOURCE`).
    pub fn with_source(mut self, url: impl Into<String>) -> IcalOptions {
        self.source = Some(url.into());
        self
    }
}
