//! iCalendar (RFC 5545) export of convenor schedules.
//!
//! This crate turns a schedule into `.ics` text that real clients expand
//! to exactly the sessions the core computes. The exporter itself arrives
//! next; today the crate holds its foundation:
//!
//! - [`wire`]: content lines, TEXT escaping, parameter quoting, folding at
//!   75 octets and CRLF (RFC 5545 §3.1, §3.3.11), plus the inverses.
//!
//! # Example
//!
//! ```
//! use convenor_ical::wire::ContentWriter;
//!
//! let mut w = ContentWriter::new();
//! w.begin("VCALENDAR");
//! w.property("VERSION", &[], "2.0");
//! w.end("VCALENDAR");
//! assert_eq!(
//!     w.as_str(),
//!     "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
//! );
//! ```
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

pub mod wire;
