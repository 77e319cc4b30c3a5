//! Names and ids: which events share a name, a slug for each meeting,
//! the zone most meetings use.

use std::collections::{HashMap, HashSet};

use convenor_core::MeetingId;

use super::event::Event;

/// What two events' names have in common: case and spacing aside.
pub(super) fn name_key(ev: &Event) -> String {
    ev.summary
        .as_deref()
        .unwrap_or(&ev.uid)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The ids given so far, and the next number to try for each slug, so
/// that 16,000 meetings of one name cost a lookup each, not a count
/// from 2 each (quadratic).
#[derive(Default)]
pub(super) struct Ids {
    taken: HashSet<String>,
    next: HashMap<String, usize>,
}

/// A slug of `name`, unique among `ids`: `tuesday-circle`,
/// `tuesday-circle-2`..., at most 64 characters with the number.
pub(super) fn unique_id(name: &str, ids: &mut Ids) -> String {
    // The one slug rule, as the Meeting Guide import uses it.
    let mut slug = MeetingId::slug_from(name);
    if MeetingId::new(&slug).is_err() {
        slug = "meeting".into();
    }
    let mut id = slug.clone();
    if ids.taken.contains(&id) {
        let n = ids.next.entry(slug.clone()).or_insert(2);
        loop {
            let suffix = format!("-{n}");
            *n += 1;
            let stem = slug.get(..64 - suffix.len()).unwrap_or(&slug);
            id = format!("{}{suffix}", stem.trim_end_matches('-'));
            if !ids.taken.contains(&id) {
                break;
            }
        }
    }
    ids.taken.insert(id.clone());
    id
}

pub(super) fn most_common(
    names: impl Iterator<Item = String>,
) -> Option<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for n in names {
        *counts.entry(n).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_made_unique() {
        let mut taken = Ids::default();
        assert_eq!(
            unique_id("Co-Occurring Disorders (Saturday)", &mut taken),
            "co-occurring-disorders-saturday"
        );
        assert_eq!(
            unique_id("Co-Occurring Disorders (Saturday)", &mut taken),
            "co-occurring-disorders-saturday-2"
        );
        assert_eq!(unique_id("¿?", &mut taken), "meeting");
        assert_eq!(unique_id("Réunion", &mut taken), "r-union");
        // A name that is its own numbered id, and ids of 64 characters
        // at most with the number.
        assert_eq!(unique_id("Meeting 2", &mut taken), "meeting-2");
        assert_eq!(unique_id("¿?", &mut taken), "meeting-3");
        let long = "x".repeat(70);
        assert_eq!(unique_id(&long, &mut taken).len(), 64);
        for _ in 0..20_000 {
            let id = unique_id(&long, &mut taken);
            assert!(MeetingId::new(&id).is_ok(), "{id}");
        }
        assert_eq!(
            unique_id(&long, &mut taken),
            format!("{}-20002", "x".repeat(58))
        );
    }
}
