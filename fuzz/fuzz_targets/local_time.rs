//! Local time, duration, id and date-time text, and the gap/fold policy:
//! never a panic; accepted values print as text that parses back.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use chrono::{DateTime, Offset, TimeZone, Utc};
use convenor::{
    resolve_local, Fit, LocalTime, MeetingDuration, MeetingId, Tzdata, Zone,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first 10 bytes pick a zone and an instant for resolve_local.
    if data.len() >= 10 {
        let zones = Tzdata::bundled().names();
        let zone = zones[usize::from(u16::from_le_bytes([data[0], data[1]]))
            % zones.len()];
        let secs = i64::from_le_bytes(data[2..10].try_into().unwrap());
        // Years 1 to 9999, as schedule files allow.
        let secs = secs.rem_euclid(315_537_897_600) - 62_135_596_800;
        if let Some(t) = DateTime::<Utc>::from_timestamp(secs, 0) {
            let Ok(tz) = zone.parse::<Zone>() else { return };
            let local = t.naive_utc();
            let (at, fit) = resolve_local(tz, local);
            if fit == Fit::Exact {
                assert_eq!(at.naive_local(), local);
            }
            // The offset really is one the zone uses at that instant.
            let offset = tz.offset_from_utc_datetime(&at.naive_utc()).fix();
            assert_eq!(offset, at.offset().fix());
        }
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(t) = text.parse::<LocalTime>() {
        assert_eq!(t.to_string().parse::<LocalTime>(), Ok(t));
    }
    if let Ok(d) = text.parse::<MeetingDuration>() {
        assert_eq!(d.to_string().parse::<MeetingDuration>(), Ok(d));
        assert!((1..=1440).contains(&d.minutes()));
    }
    if let Ok(id) = MeetingId::new(text) {
        assert_eq!(id.as_str(), text);
    }
});

maybe_define_main!();
