//! Edits of schedule files (`convenor::edit`): never a panic; an
//! accepted edit gives text that loads, keeps every comment line of a
//! TOML file and only inserts into a JSON one.
//!
//! Input: a first line `KIND|MEETING|A|B|C` (the edit's values, as
//! `convenor edit` takes them), then the schedule text; none means the
//! seed.
#![cfg_attr(fuzzing, no_main)]

#[macro_use]
mod shim;

use std::collections::HashMap;

use convenor::document::Edit;
use convenor::{MeetingSpec, WeeklySpec};
use libfuzzer_sys::fuzz_target;

fn edit(line: &str) -> Option<Edit> {
    let mut f = line.split('|');
    let (kind, id) = (f.next()?, f.next()?);
    let (a, b, c) = (
        f.next().unwrap_or(""),
        f.next().unwrap_or(""),
        f.next().unwrap_or(""),
    );
    let with = |e: Edit, d: &str| if d.is_empty() { e } else { e.duration(d) };
    Some(match kind {
        "cancel" => Edit::cancel(id, a),
        "move" => with(Edit::move_to(id, a, b), c),
        "extra" => with(Edit::extra(id, a), b),
        "reschedule" => {
            let mut e = Edit::reschedule(id, a);
            if !b.is_empty() {
                e = e.time(b);
            }
            if !c.is_empty() {
                e = e.day(c);
            }
            e
        }
        "end" => Edit::end(id, a),
        "add" => {
            let (day, time) = b.split_once('@').unwrap_or((b, "19:00"));
            Edit::add(MeetingSpec {
                id: id.into(),
                name: a.into(),
                weekly: Some(WeeklySpec {
                    day: day.into(),
                    time: Some(time.into()),
                    every: None,
                }),
                duration: "60m".into(),
                starts: c.into(),
                ..MeetingSpec::default()
            })
        }
        _ => return None,
    })
}

/// Each full-line comment, with how many times it is there.
fn comments(text: &str) -> HashMap<&str, usize> {
    let mut all = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| l.starts_with('#')) {
        *all.entry(line).or_default() += 1;
    }
    all
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (first, text) = input.split_once('\n').unwrap_or((input, ""));
    let first = first.trim_end_matches('\r');
    let text = if text.trim().is_empty() { convenor::SEED_TOML } else { text };
    let Some(edit) = edit(first) else { return };
    let Ok(edited) = convenor::edit(text, &edit) else { return };
    let again = convenor::load(edited.text()).expect("an accepted edit loads");
    assert_eq!(again.meetings().len(), edited.schedule().meetings().len());
    let (old, new) = (comments(text), comments(edited.text()));
    for (line, n) in old {
        assert!(
            new.get(line).copied().unwrap_or(0) >= n,
            "comment lost: {line:?}"
        );
    }
    if text.trim_start().starts_with('{') {
        let (a, b) = (text.as_bytes(), edited.text().as_bytes());
        let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let end = a[start..]
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        assert_eq!(start + end, a.len(), "a JSON edit only inserts");
    }
});

maybe_define_main!();
