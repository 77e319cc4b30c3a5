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

/// The allocator counts the whole process: one measuring test at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

const ZONES: [&str; 4] =
    ["America/Los_Angeles", "Europe/London", "Australia/Sydney", "UTC"];

/// A schedule of `n` weekly meetings, every tenth rescheduled once.
fn schedule_text(n: usize) -> String {
    let days = convenor::WEEKDAY_NAMES;
    let mut text = String::from("name = \"x\"\ntimezone = \"UTC\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n[[meetings]]\nid = \"m{i}\"\nname = \"Meeting {i}\"\n\
             weekly = {{ day = \"{}\", time = \"{:02}:30\" }}\nduration = \"60m\"\n\
             starts = \"2022-11-12\"\ntimezone = \"{}\"\ntags = [\"open\", \"online\"]\n",
            days[i % 7],
            6 + i % 15,
            ZONES[i % 4]
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
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
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

/// The same meetings as [`schedule_text`], written inline:
/// `meetings = [ { ... }, ... ]`.
fn inline_text(n: usize) -> String {
    let mut text =
        String::from("name = \"x\"\ntimezone = \"UTC\"\nmeetings = [\n");
    for i in 0..n {
        let change = match i % 10 {
            0 => ", changes = [{ kind = \"reschedule\", effective = \"2023-06-01\", time = \"19:00\" }]",
            _ => "",
        };
        text.push_str(&format!(
            "  {{ id = \"m{i}\", name = \"Meeting {i}\", weekly = {{ day = \"{}\", \
             time = \"{:02}:30\" }}, duration = \"60m\", starts = \"2022-11-12\", \
             timezone = \"{}\", tags = [\"open\", \"online\"]{change} }},\n",
            convenor::WEEKDAY_NAMES[i % 7],
            6 + i % 15,
            ZONES[i % 4],
        ));
    }
    text.push_str("]\n");
    text
}

/// Issue 12: TOML in any shape, not only `[[meetings]]` blocks, loads
/// within a bound: each meeting's table is parsed on its own, and a
/// table too large to parse is refused from its token count.
#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn memory_of_toml_in_every_shape() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let mut ones = String::from("name = \"x\"\nx = [");
    while ones.len() < convenor::MAX_INPUT_BYTES - 4 {
        ones.push_str("1,");
    }
    ones.push_str("1]\n");
    println!("one-byte values: {:.1} MB", ones.len() as f64 / MB);
    let (result, peak) = measure("load TOML of one-byte values", || {
        convenor::load(&ones).map(|_| ())
    });
    let message = result.expect_err("too many values").to_string();
    assert!(message.starts_with("too much in one table"), "{message}");
    // The whole document's tree would be about 2.5 GB here.
    assert!(peak < 64 * 1024 * 1024, "peaked at {peak} bytes");
    drop(ones);

    let text = inline_text(100_000);
    println!("inline TOML text: {:.1} MB", text.len() as f64 / MB);
    let (schedule, peak) =
        measure("load inline TOML", || convenor::load(&text).expect("valid"));
    assert_eq!(schedule.meetings().len(), 100_000);
    assert!(peak < 300 * 1024 * 1024, "inline TOML peaked at {peak} bytes");
    let blocks = convenor::load(&schedule_text(100_000)).expect("valid");
    assert_eq!(
        convenor::ScheduleSpec::from(&schedule),
        convenor::ScheduleSpec::from(&blocks)
    );
}
