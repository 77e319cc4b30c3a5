//! Imports stay linear (issue 25, item 3): `import ics` and `import
//! meeting-guide` of 1×, 4× and 16× the same kind of input must cost at
//! most about 4 and 16 times the work of 1×. Work is counted, not timed
//! (a loaded CI machine cannot make it fail, nor a fast one pass): the
//! allocations the import makes, counted per thread by the allocator
//! below. Every step of a search compares names built as strings
//! (`name_key`), slugs or ids, so a search per record over what came
//! before shows as allocations that grow with the square of the input;
//! the ladder's sizes are small enough for a debug build.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use chrono::NaiveDate;

struct Counting;

thread_local! {
    /// Allocations (and reallocations) made by this thread.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count() {
    // `try_with`: a thread being torn down has no counter left.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: forwards to the system allocator and only counts calls.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        // SAFETY: same layout contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(
        &self,
        ptr: *mut u8,
        layout: Layout,
        new_size: usize,
    ) -> *mut u8 {
        count();
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The allocations `f` makes on this thread.
fn work<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (value, ALLOCATIONS.with(Cell::get) - before)
}

/// The smallest rung; the others are 4 and 16 times as large.
const RUNG: usize = 150;

/// At most this much more work per unit of input on a larger rung than
/// on the smallest: room for hash tables and vectors that grow by
/// doubling and for `n log n` sorts, far below a search per record
/// (4× and 16× on the rungs above).
const SLACK: f64 = 1.35;

/// Imports each rung's input with `import` (which returns how many
/// meetings it made), checks the meetings, and fails when the work per
/// unit of input grows by more than [`SLACK`].
fn ladder(
    what: &str,
    input: impl Fn(usize) -> String,
    import: impl Fn(&str) -> usize,
    meetings: impl Fn(usize) -> usize,
) {
    let mut per_unit = Vec::new();
    for scale in [1, 4, 16] {
        let n = RUNG * scale;
        let text = input(n);
        let (made, allocations) = work(|| import(&text));
        assert_eq!(made, meetings(n), "{what}: meetings imported from {n}");
        println!("{what}: {n} in, {allocations} allocations");
        per_unit.push(allocations as f64 / n as f64);
    }
    for (rung, unit) in [(4, per_unit[1]), (16, per_unit[2])] {
        assert!(
            unit <= per_unit[0] * SLACK,
            "{what}: {rung}× the input costs {:.1}× the work of 1× \
             ({unit:.1} allocations a unit against {:.1}): not linear",
            rung as f64 * unit / per_unit[0],
            per_unit[0],
        );
    }
}

/// A calendar of `events` (each `BEGIN:VEVENT` to `END:VEVENT`, inside).
fn calendar(events: impl Iterator<Item = String>) -> String {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ladder//EN\r\n",
    );
    for event in events {
        text.push_str("BEGIN:VEVENT\r\n");
        text.push_str(&event);
        text.push_str("END:VEVENT\r\n");
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

/// The `i`th day after 2024-01-01 as `YYYYMMDD`.
fn day(i: usize) -> String {
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    let days = u64::try_from(i).expect("small");
    (first + chrono::Days::new(days)).format("%Y%m%d").to_string()
}

fn import_ics(text: &str) -> usize {
    let options = convenor::ical::import::ImportOptions::new("Ladder");
    let imported = convenor::ical::import::from_str(text, &options)
        .unwrap_or_else(|e| panic!("the ladder's calendar imports: {e}"));
    imported.schedule.meetings().len()
}

/// One-off events of distinct names: each its own meeting (a search of
/// every group per one-off took 14.4 s for 16,000).
#[test]
fn ics_one_offs_of_distinct_names() {
    let input = |n: usize| {
        calendar((0..n).map(|i| {
            format!(
                "UID:one-{i}@ladder\r\nSUMMARY:Circle {i}\r\n\
                 DTSTART:{}T190000Z\r\nDURATION:PT1H\r\n",
                day(i % 700)
            )
        }))
    };
    ladder("one-offs of distinct names", input, import_ics, |n| n);
}

/// One-off events of one name: one meeting of extra sessions.
#[test]
fn ics_one_offs_of_one_name() {
    let input = |n: usize| {
        calendar((0..n).map(|i| {
            format!(
                "UID:one-{i}@ladder\r\nSUMMARY:Circle\r\n\
                 DTSTART:{}T190000Z\r\nDURATION:PT1H\r\n",
                day(i)
            )
        }))
    };
    ladder("one-offs of one name", input, import_ics, |_| 1);
}

/// Weekly series of one name, each ended by UNTIL the week before the
/// next starts: one meeting with a reschedule per series (a search of
/// every earlier series per series took 6.4 s for 16,000).
#[test]
fn ics_series_of_one_name_ended_by_until() {
    let input = |n: usize| {
        calendar((0..n).map(|i| {
            format!(
                "UID:series-{i}@ladder\r\nSUMMARY:Circle\r\n\
                 DTSTART:{}T{:02}0000Z\r\nDURATION:PT1H\r\n\
                 RRULE:FREQ=WEEKLY;UNTIL={}T235959Z\r\n",
                day(14 * i),
                10 + i % 2,
                day(14 * i + 7),
            )
        }))
    };
    ladder("series of one name ended by UNTIL", input, import_ics, |_| 1);
}

/// Overrides (`RECURRENCE-ID`) whose master is not in the file, each of
/// its own UID: one-offs of their own.
#[test]
fn ics_recurrence_ids_without_a_master() {
    let input = |n: usize| {
        calendar((0..n).map(|i| {
            format!(
                "UID:lost-{i}@ladder\r\nSUMMARY:Lost {i}\r\n\
                 RECURRENCE-ID:{d}T190000Z\r\n\
                 DTSTART:{d}T200000Z\r\nDURATION:PT1H\r\n",
                d = day(i % 700)
            )
        }))
    };
    ladder("RECURRENCE-IDs without a master", input, import_ics, |n| n);
}

fn import_meeting_guide(text: &str) -> usize {
    let starts = NaiveDate::from_ymd_opt(2024, 1, 1).expect("a date");
    let options = convenor::json::ImportOptions::new("Ladder", starts);
    let imported = convenor::json::from_meeting_guide_str(text, &options)
        .unwrap_or_else(|e| panic!("the ladder's feed imports: {e}"));
    imported.schedule.meetings().len()
}

/// A Meeting Guide feed of `n` records made by `record`.
fn feed(n: usize, record: impl Fn(usize) -> String) -> String {
    let records: Vec<String> = (0..n).map(record).collect();
    format!("[{}]", records.join(",\n"))
}

/// Records of distinct slugs: a meeting each.
#[test]
fn meeting_guide_distinct_slugs() {
    let input = |n: usize| {
        feed(n, |i| {
            format!(
                r#"{{"name": "Circle {i}", "slug": "circle-{i}", "day": {}, "time": "19:00", "end_time": "20:00", "timezone": "America/Los_Angeles", "types": ["O"]}}"#,
                i % 7
            )
        })
    };
    ladder(
        "Meeting Guide, distinct slugs",
        input,
        import_meeting_guide,
        |n| n,
    );
}

/// Records that all repeat one slug: the first is the meeting, every
/// other is left out with a warning (the warnings capped, as `check`
/// caps them; the check for a taken id is a lookup, not a pass).
#[test]
fn meeting_guide_one_slug() {
    let input = |n: usize| {
        feed(n, |i| {
            format!(
                r#"{{"name": "Circle", "slug": "circle", "day": {}, "time": "{:02}:{:02}", "end_time": "23:59", "timezone": "America/Los_Angeles"}}"#,
                i % 7,
                (i / 7) % 23,
                (i / 161) % 60,
            )
        })
    };
    ladder("Meeting Guide, one slug", input, import_meeting_guide, |_| 1);
}
