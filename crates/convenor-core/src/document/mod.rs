//! Changing a schedule file: typed [`Edit`]s (cancel, move, extra,
//! reschedule, end, add) made in the file's text, with its comments,
//! order and formatting kept, and the whole result loaded and validated
//! before it is returned ([`Edited`]); and the TOML writer
//! ([`to_toml`]) that writes a [`ScheduleSpec`](crate::ScheduleSpec) in
//! the README's style.
//!
//! A convenor's change, made as `convenor edit` makes it:
//!
//! ```
//! use convenor_core::document::{edit_toml, unified_diff, Edit};
//!
//! let text = convenor_core::SEED_TOML;
//! // From January, the Saturday meeting starts an hour later.
//! let edit = Edit::reschedule("co-occurring-saturday", "2023-01-07")
//!     .time("08:00")
//!     .announced("2022-12-10")
//!     .note("New year, new time");
//! let edited = edit_toml(text, &edit)?;
//! // Every comment of the file is still there.
//! for comment in text.lines().filter(|l| l.trim_start().starts_with('#')) {
//!     assert!(edited.text().contains(comment));
//! }
//! assert!(unified_diff("seed.toml", text, edited.text()).contains("\n+time = \"08:00\"\n"));
//! // What members will see: the first sessions, and the footnote of
//! // the list as posted on the day it was announced.
//! let notice = edited.notice();
//! assert_eq!(notice.sessions[0], "Saturday 7 January 2023, 8:00am Pacific");
//! assert_eq!(notice.announcement[0], "• Saturday: 7:00am Pacific [1]");
//! assert!(notice.announcement[1].starts_with(
//!     "[1] Co-Occurring Disorders (Saturday): from 7 Jan 2023, Saturdays at 8:00am Pacific \
//!      instead of Saturdays at 7:00am Pacific"
//! ));
//! # Ok::<(), convenor_core::Error>(())
//! ```
//!
//! `convenor_json::edit` (and the facade's `convenor::edit`) edits a
//! JSON file the same way, telling the two apart as `convenor::load`
//! does; [`edit_with`] is the part every format shares.

mod diff;
mod edit;
mod edited;
mod notice;
#[cfg(all(test, feature = "toml"))]
mod tests;
#[cfg(feature = "toml")]
mod toml_doc;
#[cfg(feature = "toml")]
mod writer;

pub use diff::unified_diff;
pub use edit::Edit;
pub use edited::{edit_with, Edited, Insert};
pub use notice::Notice;
#[cfg(feature = "toml")]
pub use toml_doc::edit_toml;
#[cfg(feature = "toml")]
pub use writer::to_toml;
