//! convenor: correct calendars for recurring peer-support meetings.
//!
//! This facade re-exports the parts: [`convenor_core`] (the model and the
//! arithmetic: rules at wall-clock times, start dates, schedule changes,
//! RFC 5545 time rules) at the top level, [`ical`] (iCalendar feeds) and
//! [`json`] (schedule JSON, occurrence lists, Meeting Guide feeds).
//! The README below is the guide; its examples are compiled as doc-tests.
//!
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// The public surface, listed: what a program that embeds convenor needs.
// `chrono` is re-exported so `convenor` alone is enough to name times.
pub use chrono;
pub use convenor_core::{announce, document, quote, suggest, words};
pub use convenor_core::{
    canonical_zone, resolve_local, suggest_zone, tzdata_version_at_least,
    weekday_name, Change, ChangeKind, ChangeRef, ChangeSpec, Day, Error,
    FieldPath, Fit, Interval, Invalid, Lang, LocalTime, Located, Meeting,
    MeetingDuration, MeetingId, MeetingOccurrences, MeetingSpec, NoSession,
    Occurrence, Occurrences, Online, OnlineSpec, Pattern, Place, Position,
    Problem, RRulePattern, Reschedule, Result, Rule, Schedule, ScheduleSpec,
    Schedules, Segment, SourceSpot, Status, Tzdata, TzdataError, TzdataSource,
    UnknownZone, Viewed, Warning, WebUrl, Week, WeeklySpec, Window, Zone,
    ZoneOffset, BUNDLED_VERSION, MAX_INPUT_BYTES, MAX_REMINDERS, MAX_SESSIONS,
    SEED_TOML, TZDATA_ENV, WEEKDAY_NAMES,
};
// A meeting's folded history, as exporters read it.
pub use convenor_core::{CancelledSession, ExtraSession, MovedSession};

/// Plumbing shared by convenor's own crates, benches and fuzz targets;
/// not part of the API and may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use convenor_core::__private::{
        read_tzif, toml_blocks_agree, tzdata_version_line, TzifOffset,
    };
}

#[doc(inline)]
pub use convenor_ical as ical;

#[doc(inline)]
pub use convenor_json as json;
#[doc(inline)]
pub use convenor_json::{load, load_bytes, schedule_positions as positions};
// Edits of a schedule file, TOML or JSON told apart as `load` does.
#[doc(inline)]
pub use convenor_json::edit;

#[doc(inline)]
pub use convenor_site as site;

/// The seed schedule (LifeRing's co-occurring disorders meetings of
/// November 2022), loaded and validated.
///
/// ```
/// let seed = convenor::seed();
/// assert_eq!(seed.meetings().len(), 6);
/// ```
pub fn seed() -> Schedule {
    Schedule::from_toml_str(SEED_TOML)
        .expect("the embedded seed file is valid: the seed tests load it")
}
