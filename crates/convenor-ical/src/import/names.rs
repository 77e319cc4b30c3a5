//! Names and ids: which events share a name, a slug for each meeting,
//! the zone most meetings use.

use std::collections::{BTreeSet, HashMap};

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

/// A slug of `name`, unique among `taken`: `tuesday-circle`,
/// `tuesday-circle-2`...
pub(super) fn unique_id(name: &str, taken: &mut BTreeSet<String>) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if MeetingId::new(&slug).is_err() {
        slug = "meeting".into();
    }
    let mut id = slug.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{slug}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
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
        let mut taken = BTreeSet::new();
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
    }
}
