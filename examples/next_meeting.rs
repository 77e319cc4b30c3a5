//! A minimal embedding: "which meetings start in the next two hours?" for
//! a member in Berlin, as a meeting-finder bot would ask it. The library
//! never reads the clock: the bot passes "now" (fixed here, so the output
//! is the same everywhere).
//!
//! Run: `cargo run --example next_meeting`.

use chrono::{Duration, TimeZone, Utc};
use convenor::Window;

fn main() -> Result<(), convenor::Error> {
    let schedule = convenor::seed();
    let berlin: convenor::Zone = "Europe/Berlin".parse()?;
    // Tuesday 15 November 2022, 18:30 in Berlin.
    let now = berlin
        .with_ymd_and_hms(2022, 11, 15, 18, 30, 0)
        .unwrap()
        .with_timezone(&Utc);
    let soon = Window::new(now, now + Duration::hours(2))?;

    println!(
        "Starting within two hours of {}:",
        now.with_timezone(&berlin).format("%a %-d %b %H:%M %Z")
    );
    for session in schedule.occurrences(soon) {
        let minutes =
            (session.start().with_timezone(&Utc) - now).num_minutes();
        println!(
            "  in {minutes} min: {} at {} ({} where it is held)",
            session.meeting().name(),
            session.start().with_timezone(&berlin).format("%H:%M %Z"),
            session.start().format("%H:%M %Z"),
        );
    }
    for session in schedule.in_progress(now) {
        println!("  running now: {}", session.meeting().name());
    }
    Ok(())
}
