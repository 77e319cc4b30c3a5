//! The model and the arithmetic of convenor: recurring meetings at local
//! wall-clock times, their start dates and schedule changes, expanded into
//! sessions with RFC 5545 time rules. No I/O, no clock: callers pass
//! "now".
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use convenor_core::{Schedule, Window, Zone};
//!
//! let london: Zone = "Europe/London".parse()?;
//! let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
//! let window = Window::new(
//!     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
//!     Utc.with_ymd_and_hms(2022, 11, 14, 12, 0, 0).unwrap(),
//! )?;
//! let seen: Vec<String> = seed
//!     .occurrences(window)
//!     .map(|o| {
//!         let here = o.start().with_timezone(&london);
//!         format!("{} = {}", here.format("%a %H:%M %Z"), o.start().format("%a %H:%M %Z"))
//!     })
//!     .collect();
//! assert_eq!(seen, ["Sat 15:00 GMT = Sat 07:00 PST", "Mon 01:00 GMT = Sun 17:00 PST"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The time rules
//!
//! Every rule time is a wall-clock time in the meeting's IANA zone
//! (RFC 5545 §3.3.5, "date with local time and time zone reference"), so
//! a meeting at 17:00 Pacific stays at 17:00 Pacific across DST, and moves
//! for viewers in zones whose DST changes on other dates. Two local times
//! need a decision, and [`resolve_local`] is the one function that makes
//! it:
//!
//! - **gap** (clocks spring forward, the local time does not exist): the
//!   time is read with the UTC offset in force before the gap, so 02:30
//!   becomes 03:30 by the wall clock; where a whole day is skipped
//!   (Pacific/Apia, 2011-12-30) a session due that day lands on the next
//!   day at the same wall-clock time, and when the rule has a session
//!   due there too the two are one instant, listed once (RFC 5545
//!   §3.8.5.3), as the session due on the day that exists;
//! - **fold** (clocks fall back, the local time happens twice): the first,
//!   earlier instant.
//!
//! Durations are exact elapsed time. Windows are half-open, `[from, to)`,
//! and match session starts. Dates in changes (`cancel`, `move`) name the
//! session by the local date it was due. Rule arithmetic for RRULEs is
//! done by the `rrule` crate on naive local date-times only; weekly rules
//! and the common MONTHLY shapes (`BYDAY=2TU`, `BYDAY=-1SU`,
//! `BYMONTHDAY=15`) need no rrule at all.
//!
//! # Overview
//!
//! - [`Schedule`]: meetings with unique ids, loaded with
//!   [`Schedule::from_toml_str`] or built from [`ScheduleSpec`] (the file's
//!   shape) or [`Meeting`]s; queries [`Schedule::occurrences`],
//!   [`Schedule::next`], [`Schedule::in_progress`], [`Schedule::week`],
//!   [`Schedule::as_of`], [`Schedule::changes_since`],
//!   [`Schedule::warnings`].
//! - [`Schedules`]: several schedules (a site's groups) queried as one,
//!   each keeping its identity; [`SourceSpot`] names a place in one of
//!   their sources.
//! - [`Meeting`]: id, name, place, zone, [`Rule`], duration, dates and its
//!   history of [`Change`]s, folded once into [`Segment`]s and the
//!   sessions exporters ask for: [`Meeting::cancellations`] and
//!   [`Meeting::moves`] ([`CancelledSession`], [`MovedSession`], with the
//!   new local start and length), [`Meeting::extras`] ([`ExtraSession`]),
//!   [`Meeting::segment_changes`] and [`Meeting::end_change`]; each
//!   change in plain words with [`ChangeRef::describe`].
//! - [`Occurrence`]: one session, with its [`Status`].
//!
//! # What this crate exposes
//!
//! Everything public is listed here; the list in
//! `docs/public-api/convenor_core.txt` is checked against the built docs
//! by `.ci/public-api`, so nothing becomes public unannounced.
//!
//! - The model: [`Schedule`], [`Schedules`] ([`SourceSpot`]), [`Meeting`], [`Rule`] ([`Pattern`],
//!   [`RRulePattern`]), [`Change`] ([`ChangeKind`], [`Reschedule`]),
//!   [`Segment`], [`Online`], [`Place`], [`Warning`]; a meeting's folded
//!   history: [`CancelledSession`], [`MovedSession`], [`ExtraSession`],
//!   [`ChangeRef`].
//! - The file's shape: [`ScheduleSpec`], [`MeetingSpec`],
//!   [`WeeklySpec`], [`ChangeSpec`], [`OnlineSpec`]; [`SEED_TOML`],
//!   [`MAX_INPUT_BYTES`], [`MAX_REMINDERS`], [`toml_positions`] (where
//!   fields are in TOML text); [`document`]: a file changed in its text
//!   by typed edits, comments kept, and the TOML writer.
//! - Values: [`LocalTime`], [`MeetingDuration`], [`MeetingId`],
//!   [`Interval`], [`WebUrl`], [`weekday_name`] and [`WEEKDAY_NAMES`]
//!   (weekdays as the file writes them).
//! - Sessions: [`Occurrence`], [`Occurrences`] and [`MeetingOccurrences`]
//!   (lazy iterators, with `starts_into` for session starts in bulk),
//!   [`Status`], [`Window`], [`Week`], [`Day`], [`Viewed`],
//!   [`MAX_SESSIONS`].
//! - Time zones: [`Zone`], [`ZoneOffset`], [`resolve_local`] and its
//!   [`Fit`], [`canonical_zone`], [`suggest_zone`]; the database:
//!   [`Tzdata`], [`TzdataSource`], [`TzdataError`], [`UnknownZone`],
//!   [`BUNDLED_VERSION`], [`TZDATA_ENV`], [`tzdata_version_at_least`].
//! - Errors: [`Error`] and [`Result`], [`Invalid`] with its [`Problem`],
//!   [`FieldPath`] and [`Position`], [`NoSession`].
//! - Modules of words for people: [`announce`] (the meeting list as a
//!   convenor posts it), [`words`] (times, zones, rules and changes in
//!   plain words), [`quote`] (text from a file made safe for a terminal,
//!   and the source excerpt under an error), [`suggest`] ("did you mean
//!   …?").
//!
//! No `rrule` or `chrono-tz` type is part of the API; `chrono` types are
//! (dates, times, weekdays).
//!
//! # Features
//!
//! - `serde` (default): serde derives on the `*Spec` structs.
//! - `toml` (default): [`Schedule::from_toml_str`].
//! - `schemars`: `JsonSchema` derives on the `*Spec` structs, for the
//!   schedule file's JSON Schema (`convenor-json` checks it in).

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

pub mod announce;
mod change;
pub mod document;
mod error;
mod fast;
mod halves;
mod lang;
mod meeting;
mod monthly;
mod occurrence;
pub mod quote;
mod radix_sort;
mod rule;
mod schedule;
mod schedules;
#[cfg(feature = "serde")]
mod serde_text;
#[cfg(feature = "toml")]
mod shape;
mod spec;
pub mod suggest;
#[cfg(feature = "toml")]
mod toml_layout;
#[cfg(feature = "toml")]
mod toml_text;
mod tzdata;
mod tzdir;
mod values;
mod web_url;
mod week;
pub mod words;
mod zone;

pub use change::{Change, ChangeKind, Reschedule};
pub use error::{
    Error, FieldPath, Invalid, Located, NoSession, Position, Problem, Result,
};
pub use lang::Lang;
pub use meeting::{
    CancelledSession, ExtraSession, Meeting, MovedSession, Online, Place,
    Segment,
};
pub use occurrence::{
    MeetingOccurrences, Occurrence, Occurrences, Status, Window,
};
pub use rule::{Pattern, RRulePattern, Rule};
pub use schedule::{ChangeRef, Schedule, Warning, MAX_REMINDERS};
pub use schedules::{
    group_of_source, groups_of_sources, Schedules, SourceSpot,
};
pub use spec::{
    ChangeSpec, MeetingSpec, OnlineSpec, ScheduleSpec, WeeklySpec,
};
#[cfg(feature = "toml")]
pub use toml_text::toml_positions;
pub use tzdata::{
    version_at_least as tzdata_version_at_least, Tzdata, TzdataError,
    TzdataSource, UnknownZone, BUNDLED_VERSION, TZDATA_ENV,
};
pub use values::{
    weekday_name, Interval, LocalTime, MeetingDuration, MeetingId,
    WEEKDAY_NAMES,
};
pub use web_url::WebUrl;
pub use week::{Day, Viewed, Week};
pub use zone::{
    canonical_zone, resolve_local, suggest_zone, Fit, Zone, ZoneOffset,
};

/// Plumbing shared with convenor's own crates (`convenor-ical`,
/// `convenor-json`), its benches and its fuzz targets. Not part of the
/// API: anything here may change or go in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::error::PathPart;
    pub use crate::fast::{ZoneCursor, ZoneCursors};
    #[cfg(feature = "serde")]
    pub use crate::serde_text::{plain_message, unknown_field};
    #[cfg(feature = "toml")]
    pub use crate::toml_text::toml_blocks_agree;
    pub use crate::tzdata::version_line as tzdata_version_line;
    pub use crate::zone::{read_tzif, TzifOffset};
}

/// The longest schedule text the loaders accept, in bytes (32 MiB):
/// about 150,000 meetings. Longer text is rejected with
/// [`Error::TooLarge`] before it is parsed.
///
/// ```
/// let huge = " ".repeat(convenor_core::MAX_INPUT_BYTES + 1);
/// let err = convenor_core::Schedule::from_toml_str(&huge).unwrap_err();
/// assert!(matches!(err, convenor_core::Error::TooLarge { .. }));
/// ```
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// The most sessions one materialising query returns
/// ([`Occurrences::collect_at_most`]); a query for more is
/// [`Error::TooManySessions`], never a truncated list. Lazy iteration
/// ([`Schedule::occurrences`]) has no limit.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let year = convenor_core::Window::new(
///     Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
/// )?;
/// let sessions = seed.occurrences(year).collect_at_most(convenor_core::MAX_SESSIONS)?;
/// assert!(sessions.len() > 300 && sessions.len() < convenor_core::MAX_SESSIONS);
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub const MAX_SESSIONS: usize = 100_000;

/// The seed schedule: LifeRing's co-occurring disorders meetings of
/// November 2022, as TOML (`data/lifering-co-occurring.toml`). The
/// embedded default of the CLI and the examples.
///
/// ```
/// assert!(convenor_core::SEED_TOML.contains("id = \"co-occurring-saturday\""));
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// assert_eq!(seed.timezone().map(|z| z.name()), Some("America/Los_Angeles"));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub const SEED_TOML: &str = include_str!("../seed.toml");
