//! JSON views of convenor schedules, for websites, apps and bots: the
//! schedule file itself, occurrence lists, and Meeting Guide feeds.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use convenor_core::{Schedule, Window};
//! use convenor_json::{FeedOptions, OccurrenceOptions};
//!
//! let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
//!
//! // The schedule file as JSON, and back.
//! let json = convenor_json::to_string_pretty(&seed);
//! let again = convenor_json::from_str(&json)?;
//! assert_eq!(again.meetings().len(), 6);
//!
//! // Sessions of 12 November 2022 (UTC), seen from London.
//! let window = Window::new(
//!     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
//!     Utc.with_ymd_and_hms(2022, 11, 13, 0, 0, 0).unwrap(),
//! )?;
//! let opts = OccurrenceOptions::new().with_viewer("Europe/London".parse::<convenor_core::Zone>().unwrap());
//! let sessions = convenor_json::occurrences_to_string(seed.occurrences(window), &opts);
//! assert!(sessions.contains(r#""start":"2022-11-12T07:00:00-08:00""#));
//! assert!(sessions.contains(r#""local_start":"2022-11-12T15:00:00+00:00""#));
//!
//! // A Meeting Guide feed as in force on 20 November 2022.
//! let feed = convenor_json::to_meeting_guide(
//!     &seed,
//!     &FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap()),
//! )?;
//! assert!(feed.json.contains(r#""slug":"co-occurring-saturday","day":6,"time":"07:00""#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every output is deterministic: keys in a fixed order, meetings in file
//! order, sessions in start order (ties by meeting id). Each writer is
//! compact (one line) or pretty (two-space indent and a final newline)
//! on request. Nothing here reads the clock or the file system.
//!
//! # The schedule file
//!
//! [`load`] reads a schedule file written as TOML or JSON, told apart by
//! content ([`load_bytes`] from bytes read from disk, checked for size
//! and UTF-8 first); [`schedule_positions`] finds fields in either.
//! [`from_str`] reads a schedule file written as JSON: the same model
//! and field names as the TOML file (`convenor_core::ScheduleSpec`, see
//! the main README), with `line:column` positions in every error (the
//! position of the bad value itself for validation problems, found by a
//! small non-recursive scanner) and the nearest valid name for an
//! unknown field. [`to_string`] and [`to_string_pretty`] write it back
//! losslessly. [`schedule_schema`] is its JSON Schema, checked in at
//! `schema/schedule.schema.json` (see this crate's README for editors).
//!
//! # Occurrences
//!
//! [`occurrences_to_string`] writes a JSON array with one object per
//! session; [`occurrences_to_writer`] writes the same bytes to an
//! `io::Write` one session at a time, and [`occurrences_to_json_lines`]
//! the same objects one per line, so a listing of any length takes no
//! more memory than one session. This is a stable machine interface:
//! fields are only ever added, never renamed or removed, and always
//! appear in this order.
//!
//! | field | type | meaning |
//! | --- | --- | --- |
//! | `meeting` | string | the meeting's id (a slug; the iCalendar UID's left part) |
//! | `group` | string | only for the sessions of several schedules ([`schedules_occurrences_to_writer`], [`schedules_occurrences_to_json_lines`]): the group slug of the meeting's schedule (its folder on a published site) |
//! | `name` | string | the meeting's name |
//! | `status` | string | `scheduled`, `moved`, `extra` or `cancelled` |
//! | `start` | string | RFC 3339 start with the meeting zone's offset, to the second: `2022-11-12T07:00:00-08:00` |
//! | `end` | string | RFC 3339 end (start + duration, exact elapsed time), same offset rules |
//! | `timezone` | string | the meeting's IANA zone: `America/Los_Angeles` |
//! | `due` | string | `YYYY-MM-DD`, the local date the session was due by its rule (for a moved or cancelled session, the original date; for an extra one, its own date) |
//! | `note` | string or `null` | the note of the change behind a moved, extra or cancelled session; `null` when none |
//! | `local_start` | string | only with a viewer zone: the start in that zone, RFC 3339 with its offset |
//! | `local_end` | string | only with a viewer zone: the end in that zone |
//! | `local_timezone` | string | only with a viewer zone: its IANA name |
//!
//! Cancelled sessions are listed only when the iterator yields them
//! (`occurrences(window).with_cancelled()`), at the time they were due.
//!
//! # Meeting Guide feed
//!
//! [`to_meeting_guide`] writes the JSON array of meeting records that
//! recovery meeting finders consume (code4recovery's Meeting Guide API
//! spec), as published and in force on [`FeedOptions::as_of`]. The spec
//! is weekly-only and has no dates, so a record carries the rule in force
//! on that date (for a meeting that has not started, its first rule), and
//! `notes` says the rest in plain words, one line each, in date order.
//! A change still to come is said in the core's short form for notes
//! (`ChangeRef::note_line` in `convenor_core`): the date it is about
//! first (the year only when it is half a year or more away), every time
//! with its zone as convenors write it, the change's note in brackets,
//! and for a cancelled session when the meeting is back: "Starts
//! Saturday 12 November 2022", "Thursday 24 November: no meeting
//! (Thanksgiving), back on Thursday 1 December", "Wednesday 30 November:
//! moves to Thursday 1 December at 1:00pm Pacific", "Saturday 10
//! December: an extra session at 10:00am Pacific, 90 minutes long",
//! "From Monday 12 December: Fridays at 2:00pm Pacific instead of
//! Wednesdays at 1:00pm Pacific", "From Sunday 1 January: no more
//! sessions", "No meetings after
//! ...". Those are English's words; [`FeedOptions::with_words`] gives
//! the notes another language's (`convenor_site::l10n::Words`: "Jeudi
//! 24 novembre : pas de réunion (Thanksgiving), reprise le jeudi 1
//! décembre"). The fields, in output order:
//!
//! | field | from |
//! | --- | --- |
//! | `name` | the meeting's name |
//! | `slug` | the meeting's id |
//! | `day` | the weekday of the rule in force, `0` = Sunday … `6` = Saturday; in the exact week, absent (with `time`) for a meeting whose sessions of the week are all cancelled or moved away: a "by appointment" record that carries its notes, with no conference link or phone and `TC` among the types of an in-person meeting (TSML UI lists it last, as inactive; the Meeting Guide app shows only records with a day and time) |
//! | `time`, `end_time` | the rule's local `HH:MM` and that plus the duration (past midnight it wraps) |
//! | `timezone` | the meeting's IANA zone |
//! | `types` | the tags' type codes through the [`TypeMap`], sorted |
//! | `notes` | the meeting's notes, then the plain-words lines above (absent when empty) |
//! | `conference_url`, `conference_url_notes`, `conference_phone`, `conference_phone_notes` | the meeting's online link, phone and notes (the notes go with the url when there is one) |
//! | `formatted_address` | the meeting's `address`, else its `area`, else the schedule's `area` (absent without any) |
//! | `approximate` | `"no"` for an address, `"yes"` for an area |
//! | `url` | the meeting's own page (its `url`), when it has one |
//! | `entity` | the schedule's name: who publishes the feed |
//! | `entity_url` | the schedule's `url`, when it has one |
//! | `updated` | UTC `YYYY-MM-DD HH:MM:SS`: [`FeedOptions::updated`], else absent (a schedule file has no such time, so a feed imported and exported again is the same feed) |
//!
//! What the spec cannot say is never written silently wrong: RRULE
//! meetings (monthly...) are left out, every-N-weeks meetings are
//! exported with the cadence and next dates in `notes`, and both come
//! back as [`FeedWarning`]s beside the feed, with tags that have no type
//! code and online meetings with no conference link.
//! [`from_meeting_guide_str`] reads a feed into a schedule.
//!
//! # What this crate exposes
//!
//! - The schedule file: [`load`], [`load_bytes`], [`from_str`],
//!   [`to_string`], [`to_string_pretty`], [`to_writer`],
//!   [`to_writer_pretty`]; where fields are:
//!   [`schedule_positions`] (TOML or JSON), [`positions`] (JSON); its
//!   JSON Schema: [`schedule_schema`], [`schedule_schema_string`],
//!   [`SCHEMA_ID`].
//! - Edits of a schedule file in its text, keys and layout kept:
//!   [`edit`] (TOML or JSON, told apart as [`load`] does) and
//!   [`edit_json`].
//! - Occurrence lists: [`occurrences_to_string`],
//!   [`occurrences_to_writer`], [`occurrences_to_json_lines`], with
//!   [`OccurrenceOptions`]; of several schedules, each session with its
//!   group: [`schedules_occurrences_to_writer`],
//!   [`schedules_occurrences_to_json_lines`].
//! - Meeting Guide feeds: [`to_meeting_guide`] with [`FeedOptions`] into
//!   a [`Feed`] and its [`FeedWarning`]s, or written as made
//!   ([`meeting_guide_to_writer`]; the warnings alone:
//!   [`meeting_guide_warnings`]; of several schedules
//!   [`schedules_meeting_guide_to_writer`],
//!   [`schedules_meeting_guide_warnings`]); [`from_meeting_guide_str`]
//!   with [`ImportOptions`] into an [`Imported`] schedule; the tag ↔ type
//!   code [`TypeMap`] and the spec's codes, [`SPEC_TYPES`]; how finders
//!   read a feed: [`Listing`], [`conference_provider`],
//!   [`phone_digits`].
//! - [`Error`].
//!
//! Every options struct is `#[non_exhaustive]` with private fields:
//! `new`, the `with_*` builders and getters of the same names.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod digits;
mod edit;
mod error;
mod file;
mod locate;
mod meeting_guide;
mod occurrences;
mod schedule;
mod schema;

pub use edit::{edit, edit_json};
pub use error::Error;
pub use file::{load, load_bytes, schedule_positions};
pub use locate::positions;
pub use meeting_guide::{
    conference_provider, from_meeting_guide_str, meeting_guide_to_writer,
    meeting_guide_warnings, phone_digits, schedules_meeting_guide_to_writer,
    schedules_meeting_guide_warnings, schedules_to_meeting_guide,
    to_meeting_guide, Feed, FeedOptions, FeedWarning, ImportOptions, Imported,
    Listing, TypeMap, SPEC_TYPES,
};
pub use occurrences::{
    occurrences_to_json_lines, occurrences_to_string, occurrences_to_writer,
    schedules_occurrences_to_json_lines, schedules_occurrences_to_writer,
    OccurrenceOptions,
};
pub use schedule::{
    from_str, to_string, to_string_pretty, to_writer, to_writer_pretty,
};
pub use schema::{schedule_schema, schedule_schema_string, SCHEMA_ID};

/// Writes `value` compact or pretty (two-space indent, final newline).
fn write<T: serde::Serialize + ?Sized>(value: &T, pretty: bool) -> String {
    // Our values have string keys and no maps with non-string keys, so
    // serde_json cannot fail on them.
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let mut text = text.expect("values with string keys always serialize");
    if pretty {
        text.push('\n');
    }
    text
}
