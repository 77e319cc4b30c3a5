//! The seed schedule (LifeRing, November 2022) against instants computed
//! by hand from the post's Pacific times.

use chrono::{NaiveDate, TimeZone, Utc, Weekday};
use convenor_core::{Schedule, Window, Zone, SEED_TOML};

fn seed() -> Schedule {
    Schedule::from_toml_str(SEED_TOML).expect("the seed file is valid")
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn seed_sessions_match_hand_computed_instants() -> convenor_core::Result<()> {
    let seed = seed();
    let window = Window::new(utc(2022, 10, 30, 0, 0), utc(2023, 1, 1, 0, 0))?;
    let all: Vec<(String, String)> = seed
        .occurrences(window)
        .map(|o| {
            let start =
                o.start().with_timezone(&Utc).format("%FT%RZ").to_string();
            (o.meeting().id().to_string(), start)
        })
        .collect();
    let has = |id: &str, at: &str| {
        all.contains(&(format!("co-occurring-{id}"), at.to_string()))
    };
    // Sunday 2022-10-30 17:00 PDT and 2022-11-06 17:00 PST.
    assert!(has("sunday", "2022-10-31T00:00Z"));
    assert!(has("sunday", "2022-11-07T01:00Z"));
    // The Saturday meeting's first session is at 7:00 PST, not 9:30.
    let saturdays: Vec<&str> = all
        .iter()
        .filter(|(id, _)| id == "co-occurring-saturday")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(saturdays[0], "2022-11-12T15:00Z");
    assert_eq!(saturdays.len(), 8);
    // No Monday session before 14 November; the first at 18:00 PST.
    let mondays: Vec<&str> = all
        .iter()
        .filter(|(id, _)| id == "co-occurring-monday")
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(mondays[0], "2022-11-15T02:00Z");
    assert_eq!(mondays.len(), 7);
    // Tuesday, Wednesday, Thursday: every week of the window.
    assert!(has("tuesday", "2022-11-01T18:00Z"));
    assert!(has("wednesday", "2022-11-02T20:00Z"));
    assert!(has("thursday", "2022-11-04T01:30Z"));
    assert!(has("thursday", "2022-11-11T02:30Z"));
    // 9 Sundays, 9 Tuesdays, 9 Wednesdays, 9 Thursdays, 7 Mondays and 8
    // Saturdays start in the window.
    assert_eq!(all.len(), 9 + 9 + 9 + 9 + 7 + 8);
    Ok(())
}

#[test]
fn the_saturday_move_is_visible_as_of_each_date() -> convenor_core::Result<()>
{
    let seed = seed();
    let first_saturday = |s: &Schedule| {
        let m = s.meeting("co-occurring-saturday").unwrap();
        let w = Window::new(utc(2022, 11, 12, 0, 0), utc(2022, 11, 13, 0, 0))
            .unwrap();
        m.occurrences(w).next().unwrap().start().with_timezone(&Utc)
    };
    let d = |m, d| NaiveDate::from_ymd_opt(2022, m, d).unwrap();
    assert_eq!(
        first_saturday(&seed.as_of(d(11, 5))?),
        utc(2022, 11, 12, 17, 30)
    );
    assert_eq!(
        first_saturday(&seed.as_of(d(11, 10))?),
        utc(2022, 11, 12, 15, 0)
    );
    assert_eq!(first_saturday(&seed), utc(2022, 11, 12, 15, 0));
    assert_eq!(seed.changes_since(d(11, 1)).len(), 1);
    assert!(seed.changes_since(d(11, 11)).is_empty());
    Ok(())
}

#[test]
fn london_sees_sunday_as_monday_except_when_dst_disagrees() {
    let seed = seed();
    let london = "Europe/London".parse::<Zone>().unwrap();
    let sunday_in_london = |date: NaiveDate| {
        let week = seed.week(london, date, Weekday::Mon);
        week.days
            .iter()
            .flat_map(|d| &d.sessions)
            .find(|v| {
                v.occurrence.meeting().id().as_str() == "co-occurring-sunday"
            })
            .map(|v| (v.start.format("%a %H:%M").to_string(), v.day_shift()))
    };
    // November: US and EU are both on standard time: Mon 01:00.
    let nov = sunday_in_london(NaiveDate::from_ymd_opt(2022, 11, 14).unwrap());
    assert_eq!(nov, Some(("Mon 01:00".to_string(), 1)));
    // 30 October 2022: the EU is back on GMT, the US still on PDT: Mon 00:00.
    let oct = sunday_in_london(NaiveDate::from_ymd_opt(2022, 10, 31).unwrap());
    assert_eq!(oct, Some(("Mon 00:00".to_string(), 1)));
    // 19 March 2023: the US is on PDT, the UK still on GMT: Mon 00:00.
    let mar = sunday_in_london(NaiveDate::from_ymd_opt(2023, 3, 20).unwrap());
    assert_eq!(mar, Some(("Mon 00:00".to_string(), 1)));
    // Summer: both on daylight time: Mon 01:00 BST.
    let jul = sunday_in_london(NaiveDate::from_ymd_opt(2023, 7, 10).unwrap());
    assert_eq!(jul, Some(("Mon 01:00".to_string(), 1)));
}

#[test]
fn next_and_in_progress() {
    let seed = seed();
    let now = utc(2022, 11, 12, 15, 30); // Saturday 07:30 PST
    let running = seed.in_progress(now);
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].meeting().id().as_str(), "co-occurring-saturday");
    let next = seed.next(now, 3);
    let ids: Vec<&str> =
        next.iter().map(|o| o.meeting().id().as_str()).collect();
    assert_eq!(
        ids,
        ["co-occurring-sunday", "co-occurring-monday", "co-occurring-tuesday"]
    );
    assert_eq!(next[1].start().with_timezone(&Utc), utc(2022, 11, 15, 2, 0));
}

#[test]
fn extreme_instants_and_dates_do_not_panic() {
    use chrono::DateTime;
    let seed = seed();
    for at in [DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC] {
        assert!(seed.in_progress(at).is_empty());
        let _ = seed.next(at, 3);
    }
    for date in [NaiveDate::MIN, NaiveDate::MAX] {
        let week = seed.week(
            "Pacific/Kiritimati".parse::<Zone>().unwrap(),
            date,
            Weekday::Mon,
        );
        assert!(week.days.iter().all(|d| d.sessions.is_empty()));
    }
}

/// Every seed session from October 2022 to the end of 2023 (both DST
/// changes of each year), pinned as UTC instants with the tzdata release
/// that computed them. An update of the bundled tz database that moves any session
/// fails here; compare the printed list with the post's Pacific times
/// before updating the digest.
#[test]
fn seed_sessions_are_pinned_with_the_tzdata_release(
) -> convenor_core::Result<()> {
    assert_eq!(convenor_core::Tzdata::current().version(), Some("2026f"));
    let window = Window::new(utc(2022, 10, 1, 0, 0), utc(2024, 1, 1, 0, 0))?;
    let lines: Vec<String> = seed()
        .occurrences(window)
        .with_cancelled()
        .map(|o| {
            format!(
                "{} {} {}",
                o.meeting().id(),
                o.start().with_timezone(&Utc).format("%FT%RZ"),
                o.status().as_str()
            )
        })
        .collect();
    // FNV-1a over the list: short to pin, and any change shows.
    let digest =
        lines.join("\n").bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    println!("{}", lines.join("\n"));
    assert_eq!((lines.len(), digest), (PINNED_COUNT, PINNED_DIGEST));
    Ok(())
}

const PINNED_COUNT: usize = 379;
const PINNED_DIGEST: u64 = 9_570_500_726_499_038_823;
