//! iCalendar (RFC 5545) export of convenor schedules.
//!
//! This crate turns a schedule into `.ics` text that real clients expand
//! to exactly the sessions the core computes. The exporter itself arrives
//! next; today the crate holds its two foundations:
//!
//! - [`wire`]: content lines, TEXT escaping, parameter quoting, folding at
//!   75 octets and CRLF (RFC 5545 §3.1, §3.3.11), plus the inverses;
//! - [`vtimezone`]: a `VTIMEZONE` component generated from the IANA
//!   database in `chrono-tz`, exact at every instant of a span, since
//!   clients such as Mozilla's ical.js follow the file, not their own
//!   tz database.
//!
//! # Example
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use convenor_ical::{vtimezone::vtimezone, wire::ContentWriter};
//!
//! let mut w = ContentWriter::new();
//! w.begin("VCALENDAR");
//! w.property("VERSION", &[], "2.0");
//! w.property("PRODID", &[], "-//convenor//convenor//EN");
//! let mut ics = w.into_string();
//! ics.push_str(&vtimezone(
//!     chrono_tz::America::Los_Angeles,
//!     Utc.with_ymd_and_hms(2025, 1, 4, 17, 30, 0).unwrap(),
//!     Utc.with_ymd_and_hms(2025, 12, 27, 17, 30, 0).unwrap(),
//! ));
//! let mut w = ContentWriter::new();
//! w.end("VCALENDAR");
//! ics.push_str(w.as_str());
//! assert!(ics.contains("TZID:America/Los_Angeles\r\n"));
//! assert!(ics.ends_with("END:VTIMEZONE\r\nEND:VCALENDAR\r\n"));
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

pub mod vtimezone;
pub mod wire;
