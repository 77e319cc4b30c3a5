//! The integration tests of convenor-ical, one module per topic.

// Constructs real clients misread are never written.
mod clients;
// Byte-exact .ics for the seed and every testdata case.
mod golden;
// Work shared between meetings in one export stays exact.
mod shared;
// Structural rules real clients care about.
mod structure;
// Arbitrary user text cannot break or inject into a feed.
mod text;
// A schedule edit never gives a UID to a different series.
mod uids;
// Reminders (VALARM): where they go and where not.
// Google, Outlook and Apple calendars import as they mean.
mod fixtures;
// Exported feeds import back to the same sessions.
mod import;
// The reader on the icalendar crate: its workarounds, positioned errors.
mod read;
mod reminders;
