//! What a meeting schedule's website publishes, as library calls: the
//! schedule page ([`page`]), the announcement of the weekly meetings as
//! text, Markdown or HTML ([`announce`]), relative times such as "in 2 h
//! 15 min" ([`relative`]), the report of every problem of a schedule file
//! ([`check`]), and the set of files of a publish with its atomic switch
//! into a folder ([`publish`]).
//!
//! HTML comes from templates with automatic escaping (askama): a name,
//! note or tag from a schedule file is always text on the page, never
//! markup. Every time is computed by `convenor-core`; this crate only
//! formats it. Errors are [`convenor_core::Error`], so they compose with
//! the rest of convenor through `?`.
//!
//! ```
//! use convenor_site::announce::{self, Format};
//!
//! let schedule = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
//! let date = chrono::NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
//! let list = schedule.announcement(date, None, &[])?;
//! let html = announce::render(&list, Format::Html);
//! assert!(html.starts_with("<section class=\"convenor-announcement\" lang=\"en\" dir=\"ltr\">"));
//! # Ok::<(), convenor_core::Error>(())
//! ```
//!
//! # What this crate exposes
//!
//! - [`page`]: [`page::files`], the page and its one-session files, made
//!   with [`page::PageOptions`]; [`page::PAGE_SESSIONS`].
//! - [`announce`]: [`announce::render`] in an [`announce::Format`], in
//!   a language with [`announce::AnnounceOptions::with_lang`].
//! - [`l10n`]: convenor's words in each [`l10n::Lang`] ([`l10n::Words`]:
//!   Fluent messages, CLDR dates, times and zone names).
//! - [`relative`]: times for people ([`relative::relative`],
//!   [`relative::short`], [`relative::day_time`], [`relative::stamp`],
//!   [`relative::date`]).
//! - [`check`]: [`check::check`], a [`check::Report`] with its
//!   [`check::Verdict`]; [`check::MAX_SHOWN`].
//! - [`publish`]: the set of files a publish writes
//!   ([`publish::Publication`], made with the page's [`page::PageOptions`]),
//!   its atomic switch into a folder, and one file replaced atomically
//!   ([`publish::write_atomically`]).
//! - [`atom`]: `changes.atom`, the changes as an Atom feed
//!   ([`atom::schedule_to_string`], [`atom::schedules_to_string`],
//!   [`atom::AtomOptions`]).
//! - [`site_file`]: the site file (`site.toml`) of several schedules,
//!   [`site_file::SiteFile`] with its [`site_file::SiteSchedule`]s;
//!   [`site_file::group_of_file`].
//! - [`Result`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod announce;
pub mod atom;
pub mod check;
pub mod l10n;
pub mod page;
pub mod publish;
pub mod relative;
pub mod site_file;

/// A `Result` whose error is [`convenor_core::Error`].
///
/// ```
/// fn sessions_this_week() -> convenor_site::Result<usize> {
///     let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
///     let now = chrono::DateTime::from_timestamp(1_668_081_600, 0).unwrap();
///     let files = convenor_site::page::files(&seed, &convenor_site::page::PageOptions::new(now))?;
///     Ok(files.len())
/// }
/// assert!(sessions_this_week()? > 1);
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub type Result<T, E = convenor_core::Error> = std::result::Result<T, E>;
