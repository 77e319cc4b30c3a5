//! What a feed looks like beyond the schedule itself: the stamp, the UID
//! domain, how much history to keep and how far ahead to be exact.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use convenor_core::words::{English, Phrasebook};
use convenor_core::MeetingDuration;

/// Export options. [`IcalOptions::new`] takes the one required value, the
/// export's `DTSTAMP` (the caller's "now": the library never reads the
/// clock); the rest have defaults, set with `with_*` and read with the
/// getters of the same names. The horizon follows the stamp unless it is
/// set: there is no way to change one and leave the other stale.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_ical::IcalOptions;
///
/// let now = Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap();
/// let opts = IcalOptions::new(now).with_domain("lifering.org");
/// assert_eq!(opts.dtstamp(), now);
/// assert_eq!(opts.domain(), Some("lifering.org"));
/// assert_eq!(opts.horizon(), Utc.with_ymd_and_hms(2027, 11, 1, 0, 0, 0).unwrap());
/// assert_eq!(opts.refresh_minutes(), 720);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct IcalOptions {
    // Read in place by the exporter; callers use the getters.
    pub(crate) dtstamp: DateTime<Utc>,
    pub(crate) domain: Option<String>,
    pub(crate) keep_since: Option<DateTime<Utc>>,
    pub(crate) horizon: DateTime<Utc>,
    pub(crate) refresh_minutes: u32,
    pub(crate) source: Option<String>,
    pub(crate) reminders: Option<Vec<MeetingDuration>>,
    pub(crate) reminders_in_feed: bool,
    pub(crate) words: Arc<dyn Phrasebook>,
}

/// Options are equal when they make the same feed: the same values and
/// text in the same language.
impl PartialEq for IcalOptions {
    fn eq(&self, other: &IcalOptions) -> bool {
        self.dtstamp == other.dtstamp
            && self.domain == other.domain
            && self.keep_since == other.keep_since
            && self.horizon == other.horizon
            && self.refresh_minutes == other.refresh_minutes
            && self.source == other.source
            && self.reminders == other.reminders
            && self.reminders_in_feed == other.reminders_in_feed
            && self.words.lang() == other.words.lang()
    }
}

impl Eq for IcalOptions {}

impl IcalOptions {
    /// Options with defaults and the given `DTSTAMP`; the horizon is five
    /// years after it.
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
            words: Arc::new(English),
        }
    }

    /// Words the text convenor writes (the lines of each event's
    /// `DESCRIPTION` it adds to the meeting's notes, the reminders'
    /// text, the label of the online link) with `words`:
    /// `convenor_site::l10n::Words` for another language. Names and
    /// notes are as the file has them.
    ///
    /// ```
    /// use convenor_core::words::English;
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let opts = convenor_ical::IcalOptions::new(now).with_words(English);
    /// assert_eq!(opts.words().lang(), convenor_core::Lang::En);
    /// ```
    #[must_use]
    pub fn with_words(
        mut self,
        words: impl Phrasebook + 'static,
    ) -> IcalOptions {
        self.words = Arc::new(words);
        self
    }

    /// Sets the UID domain.
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let opts = convenor_ical::IcalOptions::new(now).with_domain("lifering.org");
    /// assert_eq!(opts.domain(), Some("lifering.org"));
    /// ```
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<String>) -> IcalOptions {
        self.domain = Some(domain.into());
        self
    }

    /// Keeps only what ends at or after `since`.
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let opts = convenor_ical::IcalOptions::new(now).with_keep_since(now);
    /// assert_eq!(opts.keep_since(), Some(now));
    /// ```
    #[must_use]
    pub fn with_keep_since(mut self, since: DateTime<Utc>) -> IcalOptions {
        self.keep_since = Some(since);
        self
    }

    /// Sets the instant up to which DST edge cases get exact overrides.
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let later = now + chrono::Duration::days(365);
    /// let opts = convenor_ical::IcalOptions::new(now).with_horizon(later);
    /// assert_eq!(opts.horizon(), later);
    /// ```
    #[must_use]
    pub fn with_horizon(mut self, horizon: DateTime<Utc>) -> IcalOptions {
        self.horizon = horizon;
        self
    }

    /// Sets how often subscribers should refresh, in minutes (at least
    /// 1).
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let opts = convenor_ical::IcalOptions::new(now).with_refresh_minutes(60);
    /// assert_eq!(opts.refresh_minutes(), 60);
    /// ```
    #[must_use]
    pub fn with_refresh_minutes(mut self, minutes: u32) -> IcalOptions {
        self.refresh_minutes = minutes.max(1);
        self
    }

    /// Reminders for every meeting instead of the schedule's own; an
    /// empty list for none.
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let ten: convenor_core::MeetingDuration = "10m".parse()?;
    /// let opts = convenor_ical::IcalOptions::new(now).with_reminders(vec![ten]);
    /// assert_eq!(opts.reminders(), Some(&[ten][..]));
    /// # Ok::<(), convenor_core::Problem>(())
    /// ```
    #[must_use]
    pub fn with_reminders(
        mut self,
        reminders: Vec<MeetingDuration>,
    ) -> IcalOptions {
        self.reminders = Some(reminders);
        self
    }

    /// Puts reminders in the whole schedule's feed too.
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let opts = convenor_ical::IcalOptions::new(now).with_reminders_in_feed(true);
    /// assert!(opts.reminders_in_feed());
    /// ```
    #[must_use]
    pub fn with_reminders_in_feed(mut self, yes: bool) -> IcalOptions {
        self.reminders_in_feed = yes;
        self
    }

    /// Sets the feed's published address (`SOURCE`).
    ///
    /// ```
    /// # let now = chrono::DateTime::from_timestamp(1_667_260_800, 0).unwrap();
    /// let opts = convenor_ical::IcalOptions::new(now)
    ///     .with_source("https://lifering.example/meetings/feed.ics");
    /// assert_eq!(opts.source(), Some("https://lifering.example/meetings/feed.ics"));
    /// ```
    #[must_use]
    pub fn with_source(mut self, url: impl Into<String>) -> IcalOptions {
        self.source = Some(url.into());
        self
    }

    /// `DTSTAMP` of every component: when the feed was made.
    pub fn dtstamp(&self) -> DateTime<Utc> {
        self.dtstamp
    }

    /// The right side of every UID (`<meeting-id>@<domain>`); `None`: the
    /// schedule's own (`Schedule::calendar_domain`: its `uid_domain`,
    /// else the host of its `url`, else `convenor.invalid`).
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The right side of the UIDs this feed gives `schedule`'s events:
    /// [`IcalOptions::domain`] when set, else
    /// [`Schedule::calendar_domain`](convenor_core::Schedule::calendar_domain)
    /// (its `uid_domain`, else its `url`'s host, else `convenor.invalid`).
    ///
    /// ```
    /// use convenor_ical::IcalOptions;
    /// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let opts = IcalOptions::new("2022-11-10T00:00:00Z".parse()?);
    /// assert_eq!(opts.uid_domain(&seed), "lifering.org");
    /// assert_eq!(opts.with_domain("example.org").uid_domain(&seed), "example.org");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn uid_domain(&self, schedule: &convenor_core::Schedule) -> String {
        self.domain
            .clone()
            .unwrap_or_else(|| schedule.calendar_domain().to_string())
    }

    /// Series, sessions and changes that end before this instant are left
    /// out; `None` keeps the whole history.
    pub fn keep_since(&self) -> Option<DateTime<Utc>> {
        self.keep_since
    }

    /// Sessions that real clients would place differently (a start in a
    /// DST gap or fold, or a session spanning a clock change) get an
    /// exact override up to this instant. Default: five years after the
    /// `DTSTAMP`; republish before then.
    pub fn horizon(&self) -> DateTime<Utc> {
        self.horizon
    }

    /// How often subscribers should refresh, in minutes
    /// (`REFRESH-INTERVAL`, `X-PUBLISHED-TTL`). Default: 720 (12 hours).
    pub fn refresh_minutes(&self) -> u32 {
        self.refresh_minutes
    }

    /// Where the feed is published (`SOURCE`), if known.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// Reminders (`VALARM`) for every meeting, instead of what the
    /// schedule says; `Some(&[])` for none, `None` for the schedule's.
    pub fn reminders(&self) -> Option<&[MeetingDuration]> {
        self.reminders.as_deref()
    }

    /// What words the text convenor writes (default: [`English`]).
    pub fn words(&self) -> &dyn Phrasebook {
        &*self.words
    }

    /// Whether the whole schedule's feed carries reminders too. A
    /// meeting's and a session's own calendars always do; a subscribed
    /// feed does only when asked, since many clients strip or ignore
    /// alarms in subscriptions and some repeat them. Default: no.
    pub fn reminders_in_feed(&self) -> bool {
        self.reminders_in_feed
    }
}
