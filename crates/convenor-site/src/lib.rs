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
//! assert!(html.starts_with("<section class=\"convenor-announcement\">"));
//! # Ok::<(), convenor_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod announce;
pub mod check;
pub mod page;
pub mod publish;
pub mod relative;

/// A `Result` whose error is [`convenor_core::Error`].
pub type Result<T, E = convenor_core::Error> = std::result::Result<T, E>;
