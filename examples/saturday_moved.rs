//! The seed's Saturday meeting was announced for 9:30am Pacific and moved
//! to 7:00am before its first session. This story builds that meeting in
//! code, shows the schedule as published before and after the
//! announcement, and the calendar event a subscriber's app receives each
//! time: same UID, SEQUENCE 0 then 1, so the app replaces the event.
//!
//! Run: `cargo run --example saturday_moved`. Dates are fixed, so the
//! output is the same everywhere.

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use convenor::ical::IcalOptions;
use convenor::{
    Change, ChangeKind, LocalTime, Meeting, MeetingDuration, MeetingId,
    Reschedule, Rule, Schedule,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let date =
        |m, d| NaiveDate::from_ymd_opt(2022, m, d).expect("a valid date");
    let pacific: convenor::Zone = "America/Los_Angeles".parse()?;

    // As first posted: Saturdays at 9:30 from 12 November.
    let saturday = Meeting::new(
        MeetingId::new("co-occurring-saturday")?,
        "Co-Occurring Disorders (Saturday)",
        pacific,
        Rule::weekly(Weekday::Sat, LocalTime::new(9, 30)?),
        MeetingDuration::new(60)?,
        date(11, 12),
    )
    .with_convenors(vec!["Kara K".into()]);

    // The update: from the first session on, 7:00 instead.
    let moved = Change::new(ChangeKind::Reschedule(Reschedule {
        time: Some(LocalTime::new(7, 0)?),
        ..Reschedule::effective(date(11, 12))
    }))
    .announced(date(11, 10))
    .note("Starts at 7:00am Pacific, not 9:30am as first posted");
    let saturday = saturday.with_change(moved)?;
    // The seed's url: UIDs take its host, as `convenor ics` writes them
    // for the seed (`co-occurring-saturday@lifering.org`).
    let schedule = Schedule::new("LifeRing", Some(pacific), vec![saturday])?
        .with_url(Some("https://lifering.org/".parse()?));

    println!(
        "Co-Occurring Disorders (Saturday): 9:30am Pacific, moved to 7:00am"
    );
    println!("before its first session. A subscriber's calendar app sees:\n");
    let mut events = Vec::new();

    for published in [date(11, 5), date(11, 10)] {
        let as_of = schedule.as_of(published)?;
        let first = &as_of
            .next(Utc.with_ymd_and_hms(2022, 11, 11, 0, 0, 0).unwrap(), 1)[0];
        println!(
            "As published on {published}: first session {} ({} UTC)",
            first.start().format("%a %-d %b %H:%M %Z"),
            first.start().with_timezone(&Utc).format("%H:%M"),
        );
        let stamp = Utc.from_utc_datetime(
            &published.and_hms_opt(12, 0, 0).expect("noon"),
        );
        let ics = convenor::ical::to_string(&as_of, &IcalOptions::new(stamp));
        let event = ics.split("BEGIN:VEVENT").nth(1).unwrap_or_default();
        let field = |name: &str| {
            event
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
                .unwrap_or_default()
                .to_string()
        };
        for name in ["UID", "SEQUENCE", "DTSTART;TZID=America/Los_Angeles"] {
            println!("    {name}:{}", field(name));
        }
        events.push((field("UID"), field("SEQUENCE")));
    }
    // The point of the story, checked rather than only printed.
    let [(uid_before, seq_before), (uid_after, seq_after)] = &events[..]
    else {
        return Err("expected two published versions".into());
    };
    if uid_before != uid_after || seq_before >= seq_after {
        return Err("the update must keep the UID and raise SEQUENCE".into());
    }
    println!(
        "\nSame UID ({uid_after}), SEQUENCE {seq_before} then {seq_after}:\n\
         the app replaces the 9:30 event with the 7:00 one rather than add it."
    );
    Ok(())
}
