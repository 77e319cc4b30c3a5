//! The contract every client must meet: the sessions a calendar app shows
//! for an exported feed, computed from `convenor-core` alone.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use convenor_core::{ChangeKind, Occurrence, Schedule, Status, Window};

use crate::plan;
use crate::IcalOptions;

/// One session as a calendar client lists it ([`expected_sessions`]).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let opts = convenor_ical::IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap());
/// let week = convenor_core::Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 14, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 21, 0, 0, 0).unwrap(),
/// )?;
/// let sessions = convenor_ical::expected_sessions(&seed, week, &opts);
/// assert!(sessions.windows(2).all(|w| w[0].start <= w[1].start));
/// assert!(sessions.iter().all(|s| s.end > s.start && s.uid.ends_with("@lifering.org")));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClientSession {
    /// When it starts.
    pub start: DateTime<Utc>,
    /// The UID of the VEVENT series it belongs to.
    pub uid: String,
    /// When it ends.
    pub end: DateTime<Utc>,
}

/// The sessions a correct client shows for [`crate::to_string`]'s output
/// in `window` (by start), sorted by start, then UID. Cancelled sessions
/// are not shown.
///
/// ```
/// # use chrono::{TimeZone, Utc};
/// # use convenor_core::{Schedule, Window};
/// # use convenor_ical::{expected_sessions, IcalOptions};
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let opts = IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 1, 0, 0, 0).unwrap());
/// let w = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 13, 0, 0, 0).unwrap(),
/// )?;
/// let sessions = expected_sessions(&seed, w, &opts);
/// assert_eq!(sessions[0].uid, "co-occurring-saturday@lifering.org");
/// assert_eq!(sessions[0].start, Utc.with_ymd_and_hms(2022, 11, 12, 15, 0, 0).unwrap());
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn expected_sessions(
    schedule: &Schedule,
    window: Window,
    opts: &IcalOptions,
) -> Vec<ClientSession> {
    let domain = plan::domain(schedule, opts);
    let mut cursors = plan::Cursors::default();
    let mut parts = HashMap::new();
    let mut all: Vec<ClientSession> = schedule
        .occurrences(window)
        .map(|o| ClientSession {
            start: o.start().with_timezone(&Utc),
            uid: uid(&o, &domain, opts, &mut cursors, &mut parts),
            end: o.end().with_timezone(&Utc),
        })
        .collect();
    all.sort();
    all
}

/// Each segment's [`plan::parts`], by meeting id and segment index.
type Parts<'s> =
    HashMap<(&'s str, usize), (Vec<plan::Part<'s>>, Vec<NaiveDate>)>;

fn uid<'s>(
    o: &Occurrence<'s>,
    domain: &str,
    opts: &IcalOptions,
    cursors: &mut plan::Cursors,
    parts: &mut Parts<'s>,
) -> String {
    let m = o.meeting();
    if o.status() == Status::Extra {
        if let Some(ChangeKind::Extra { at, .. }) = o.change().map(|c| &c.kind)
        {
            return plan::extra_uid(m, *at, domain);
        }
    }
    let index = m.segment_index(o.due()).unwrap_or(0);
    let of_segment = parts
        .entry((m.id().as_str(), index))
        .or_insert_with(|| plan::parts(m, index, opts.horizon, cursors));
    plan::session_uid(m, index, of_segment, o.due(), domain)
}
