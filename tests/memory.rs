//! Memory for a 100,000-meeting schedule, measured with a counting
//! allocator. Ignored by default (it takes a while in debug builds); the
//! numbers in HARDENING.md come from
//! `cargo test --release --test memory -- --ignored --nocapture`.
//! `.ci/run` runs it in release: loading either format must stay under
//! 300 MB (issue 7), and the whole run under loose ceilings.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{TimeZone, Utc};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator and only counts bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now =
            NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same layout contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MB: f64 = 1024.0 * 1024.0;

/// A schedule of `n` weekly meetings, every tenth rescheduled once.
fn schedule_text(n: usize) -> String {
    let days = convenor::WEEKDAY_NAMES;
    let zones =
        ["America/Los_Angeles", "Europe/London", "Australia/Sydney", "UTC"];
    let mut text = String::from("name = \"x\"\ntimezone = \"UTC\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n[[meetings]]\nid = \"m{i}\"\nname = \"Meeting {i}\"\n\
             weekly = {{ day = \"{}\", time = \"{:02}:30\" }}\nduration = \"60m\"\n\
             starts = \"2022-11-12\"\ntimezone = \"{}\"\ntags = [\"open\", \"online\"]\n",
            days[i % 7],
            6 + i % 15,
            zones[i % 4]
        ));
        if i % 10 == 0 {
            text.push_str(
                "\n[[meetings.changes]]\nkind = \"reschedule\"\neffective = \"2023-06-01\"\ntime = \"19:00\"\n",
            );
        }
    }
    text
}

/// Runs `f`, prints its peak and kept memory and time, and returns its
/// value and peak (bytes).
fn measure<T>(what: &str, f: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = std::time::Instant::now();
    let value = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = NOW.load(Ordering::Relaxed).saturating_sub(before);
    println!(
        "{what}: peak {:.1} MB, kept {:.1} MB, {:.2} s",
        peak as f64 / MB,
        kept as f64 / MB,
        started.elapsed().as_secs_f64()
    );
    (value, peak)
}

#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn memory_of_a_100000_meeting_schedule() {
    let text = schedule_text(100_000);
    println!("TOML text: {:.1} MB", text.len() as f64 / MB);
    let (schedule, peak) =
        measure("load TOML", || convenor::load(&text).expect("valid"));
    // Issue 7: `convenor ics` on 100,000 meetings within 300 MB. The
    // TOML is read block by block; the whole document's tree would peak
    // near 670 MB here.
    assert!(peak < 300 * 1024 * 1024, "TOML load peaked at {peak} bytes");
    let (json, _) = measure("write schedule JSON", || {
        convenor::json::to_string(&schedule)
    });
    println!("JSON text: {:.1} MB", json.len() as f64 / MB);
    let (loaded, peak) =
        measure("load JSON", || convenor::load(&json).expect("valid"));
    drop(loaded);
    assert!(peak < 300 * 1024 * 1024, "JSON load peaked at {peak} bytes");
    let week = convenor::Window::new(
        Utc.with_ymd_and_hms(2023, 6, 5, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2023, 6, 12, 0, 0, 0).unwrap(),
    )
    .expect("a window");
    let (count, _) = measure("one week's sessions, lazily counted", || {
        schedule.occurrences(week).count()
    });
    assert_eq!(count, 100_000);
    let (listed, _) = measure("one week's sessions, collected", || {
        schedule.occurrences(week).collect_at_most(convenor::MAX_SESSIONS)
    });
    assert_eq!(listed.expect("at the limit").len(), 100_000);
    let now = Utc.with_ymd_and_hms(2023, 6, 5, 0, 0, 0).unwrap();
    let (ics, _) = measure("iCalendar feed", || {
        convenor::ical::to_string(
            &schedule,
            &convenor::ical::IcalOptions::new(now),
        )
    });
    println!("ics text: {:.1} MB", ics.len() as f64 / MB);
    let (peak, kept) =
        (PEAK.load(Ordering::Relaxed), NOW.load(Ordering::Relaxed));
    assert!(kept < 2 * 1024 * 1024 * 1024 && peak < 4 * 1024 * 1024 * 1024);
}
