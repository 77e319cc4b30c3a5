//! Checks shared by the schedule targets.

use chrono::{TimeZone, Utc};
use convenor::{Schedule, ScheduleSpec, Window};

/// An accepted schedule writes to JSON and loads back the same, and its
/// first sessions come in order.
#[allow(dead_code)]
pub fn round_trip(schedule: &Schedule) {
    let spec = ScheduleSpec::from(schedule);
    let json = convenor::json::to_string(schedule);
    let back = convenor::json::from_str(&json)
        .unwrap_or_else(|e| panic!("written JSON does not load: {e}\n{json}"));
    assert_eq!(ScheduleSpec::from(&back), spec);
    let from = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    let first: Vec<_> =
        schedule.occurrences(Window::starting(from)).take(20).collect();
    assert!(first.windows(2).all(|w| w[0].start() <= w[1].start()));
}
