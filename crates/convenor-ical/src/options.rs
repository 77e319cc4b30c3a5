//! What a feed looks like beyond the schedule itself: the stamp, the UID
//! domain, how much history to keep and how far ahead to be exact.

use chrono::{DateTime, Duration, Utc};
use convenor_core::MeetingDuration;

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
    /// Reminders (`VALARM`) for every meeting, instead of what the
    /// schedule says; `Some(vec![])` for none.
    pub reminders: Option<Vec<MeetingDuration>>,
    /// Whether the whole schedule's feed carries reminders too. A
    /// meeting's and a session's own calendars always do; a subscribed
    /// feed does only when asked, since many clients strip or ignore
    /// alarms in subscriptions and some repeat them.
    pub reminders_in_feed: bool,
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
            reminders: None,
            reminders_in_feed: false,
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

    /// Reminders for every meeting instead of the schedule's own.
    pub fn with_reminders(
        mut self,
        reminders: Vec<MeetingDuration>,
    ) -> IcalOptions {
        self.reminders = Some(reminders);
        self
    }

    /// Puts reminders in the whole schedule's feed too.
    pub fn with_reminders_in_feed(mut self, yes: bool) -> IcalOptions {
        self.reminders_in_feed = yes;
        self
    }

    /// Sets the feed's published address (`SOURCE`).
    pub fn with_source(mut self, url: impl Into<String>) -> IcalOptions {
        self.source = Some(url.into());
        self
    }
}
