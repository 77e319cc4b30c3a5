//! Sunday 17:00 Pacific seen from London through autumn 2022 and spring
//! 2023. The meeting never moves on its own clock, but London's view
//! shifts for the weeks when US and EU daylight saving disagree: Monday
//! 01:00 most of the year, Monday 00:00 for one week at the end of October
//! and two weeks in March.
//!
//! Run: `cargo run --example dst_seen_from_london`.

use chrono::{TimeZone, Utc};
use convenor::Window;

fn main() -> Result<(), convenor::Error> {
    let schedule = convenor::seed();
    let sunday =
        schedule.meeting("co-occurring-sunday").expect("the seed has it");
    let london: convenor::Zone = "Europe/London".parse()?;
    println!(
        "{} ({}), seen from London:\n",
        sunday.name(),
        convenor::words::rule_words(sunday.rule(), sunday.zone())
    );
    for (from, to) in
        [((2022, 10, 15), (2022, 11, 15)), ((2023, 3, 1), (2023, 4, 5))]
    {
        let window = Window::new(
            Utc.with_ymd_and_hms(from.0, from.1, from.2, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(to.0, to.1, to.2, 0, 0, 0).unwrap(),
        )?;
        for session in sunday.occurrences(window) {
            let here = session.start().with_timezone(&london);
            let marker = if here.format("%H").to_string() == "00" {
                "  <- an hour earlier"
            } else {
                ""
            };
            println!(
                "{}  =  {}{marker}",
                session.start().format("%a %d %b %Y %H:%M %Z"),
                here.format("%a %d %b %H:%M %Z"),
            );
        }
        println!();
    }
    Ok(())
}
