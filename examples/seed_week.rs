//! The seed schedule's week of 14 November 2022, as members in Pacific,
//! London and Sydney time see it, with each meeting's own Pacific time
//! alongside and a marker where the weekday differs.
//!
//! Run: `cargo run --example seed_week`. The week is fixed so the output
//! is the same on every machine; the CLI's `week` command picks the
//! current week and the viewer's zone.

use chrono::{NaiveDate, Weekday};
use convenor::Zone;

fn main() -> Result<(), convenor::UnknownZone> {
    let seed = convenor::seed();
    let monday = NaiveDate::from_ymd_opt(2022, 11, 14).expect("a valid date");
    for viewer in ["America/Los_Angeles", "Europe/London", "Australia/Sydney"]
    {
        print_week(&seed, viewer.parse()?, monday);
    }
    Ok(())
}

fn print_week(seed: &convenor::Schedule, viewer: Zone, monday: NaiveDate) {
    println!(
        "{} — week of {} in {}",
        seed.name(),
        monday.format("%-d %B %Y"),
        viewer.name()
    );
    for day in seed.week(viewer, monday, Weekday::Mon).days {
        for s in &day.sessions {
            let own = s.occurrence.start().format("%a %H:%M %Z");
            let shift =
                if s.day_shift() != 0 { "  (another day there)" } else { "" };
            println!(
                "  {}–{}  {:<36} = {own}{shift}",
                s.start.format("%a %d %b %H:%M"),
                s.end.format("%H:%M %Z"),
                s.occurrence.meeting().name(),
            );
        }
    }
    println!();
}
