//! iCalendar (RFC 5545, RFC 7986) export of convenor schedules: `.ics`
//! feeds that real clients expand to exactly the sessions
//! `convenor-core` computes.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use convenor_core::Schedule;
//! use convenor_ical::IcalOptions;
//!
//! let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
//! // DTSTAMP comes from the caller: the same input gives the same bytes.
//! let opts = IcalOptions::new(Utc.with_ymd_and_hms(2022, 11, 10, 0, 0, 0).unwrap());
//! let ics = convenor_ical::to_string(&seed, &opts);
//! assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
//! assert_eq!(ics.matches("BEGIN:VEVENT").count(), 6);
//! assert_eq!(ics.matches("BEGIN:VTIMEZONE").count(), 1);
//! # Ok::<(), convenor_core::Error>(())
//! ```
//!
//! # What the feed holds
//!
//! - A `VTIMEZONE` for every zone used, generated from the tz database
//!   and exact over the life of every series.
//! - One `VEVENT` series per segment of a meeting's history: a reschedule
//!   effective mid-series ends the old series with `UNTIL` and starts a
//!   new one with a derived UID, `RELATED-TO` the old; a reschedule
//!   effective at the start changes the one series in place.
//! - `EXDATE;TZID=…` for cancellations, an override (`RECURRENCE-ID`) for
//!   each move, a separate `VEVENT` for each extra session.
//! - Sessions that clients would place differently get UTC times up to
//!   [`IcalOptions::horizon`], so every client agrees with RFC 5545: a
//!   start in a fold, or a session that spans a clock change, gets an
//!   override; a start in a spring-forward gap (and a changed session in
//!   a fold, or one whose month has a gap at its time under a monthly
//!   rule) is its own `VEVENT`, and its series is cut around it, because
//!   libical and node-ical step wrongly through such times. A master
//!   whose first session spans a clock change gives `DTEND` in UTC, not
//!   `DURATION`.
//! - `SEQUENCE` counts the changes that touch a series, so subscribers'
//!   clients replace it when a change is announced; `DTSTAMP` comes from
//!   [`IcalOptions::dtstamp`], never the clock.
//!
//! [`expected_sessions`] is the contract: what a correct client lists.
//! The interop tests (`interop/` at the repository root) check it against
//! four real clients: Mozilla's ical.js, Python's recurring-ical-events,
//! libical (GNOME Evolution) and node-ical.
//!
//! # What this crate exposes
//!
//! - Export: [`to_string`] (the whole schedule's feed; [`to_writer`]
//!   writes it as it is made),
//!   [`meeting_to_string`] (one meeting's calendar),
//!   [`occurrence_to_string`] (one session's), all made with
//!   [`IcalOptions`] (`#[non_exhaustive]`: [`IcalOptions::new`], the
//!   `with_*` builders and their getters).
//! - The contract: [`expected_sessions`], the [`ClientSession`]s a
//!   correct client lists for a feed.
//! - Import: the [`import`] module, [`import::from_str`] with
//!   [`import::ImportOptions`] into an [`import::Imported`] schedule and
//!   its [`import::ImportWarning`]s; [`import::windows_zone`] names the
//!   IANA zone of a Windows zone name, as the import reads them.
//! - [`Error`], the error of both.
//!
//! The content-line writer, the `.ics` reader and the VTIMEZONE
//! generator are private: every feed goes through the functions above.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod error;
mod expected;
mod export;
pub mod import;
mod options;
mod plan;
mod read;
mod vtimezone;
mod wire;

pub use error::Error;
pub use expected::{expected_sessions, ClientSession};
pub use export::{
    meeting_to_string, occurrence_to_string, schedules_to_string, to_string,
    to_writer,
};
pub use options::IcalOptions;

/// Plumbing for convenor's own tests and fuzz targets: the `.ics` reader
/// that [`import`] reads through. Not part of the API: anything here may
/// change or go in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::read::{parse, Component, Property, MAX_DEPTH};
}
