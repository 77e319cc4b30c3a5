//! What an event says about its meeting: name, notes, place, link,
//! tags; and what an override's note adds to its series'.

use convenor_core::{MeetingSpec, OnlineSpec};

use super::event::Event;

/// What an override's or extra session's DESCRIPTION says of its own:
/// clients (Google, and convenor's own feeds) repeat the series'
/// description in it, after the session's note.
pub(super) fn own_note(
    description: Option<&str>,
    master: Option<&str>,
) -> Option<String> {
    let d = description?;
    let own = match master {
        Some(m) if d == m => "",
        Some(m) => {
            d.strip_suffix(m).and_then(|p| p.strip_suffix('\n')).unwrap_or(d)
        }
        None => d,
    };
    Some(own.trim().to_string()).filter(|n| !n.is_empty())
}

/// A `LOCATION` text split into venue and address when its venue
/// parameter names how it starts, as convenor's export writes it
/// (`St. Luke's Hall, 1 Main St, ...` with the parameter `St. Luke's
/// Hall`; the parameter may have lost double quotes, which parameter
/// values cannot hold); otherwise the whole text is the address.
fn venue_and_address(
    location: &str,
    venue: Option<&str>,
) -> (Option<String>, Option<String>) {
    let whole = (None, Some(location.to_string()));
    let Some(venue) = venue else { return whole };
    // The shortest start of the text that is the venue without quotes.
    let mut unquoted = String::new();
    let mut end = None;
    if venue.is_empty() {
        return whole;
    }
    for (i, c) in location.char_indices() {
        if c != '"' {
            unquoted.push(c);
        }
        if unquoted == venue {
            end = Some(i + c.len_utf8());
            break;
        }
        if unquoted.len() > venue.len() {
            break;
        }
    }
    let Some(end) = end else { return whole };
    let (name, rest) = location.split_at(end);
    if rest.is_empty() {
        return (Some(name.to_string()), None);
    }
    match rest.strip_prefix(", ").map(str::trim) {
        Some(address) if !address.is_empty() => {
            (Some(name.to_string()), Some(address.to_string()))
        }
        _ => whole,
    }
}

/// Name, notes, place, tags from the event; in a convenor feed, the
/// lines its DESCRIPTION adds (`Convenors:`, `Join:`, `Phone:`, `Tags:`;
/// see `export.rs`) go back to their fields.
pub(super) fn describe(
    spec: &mut MeetingSpec,
    ev: &Event,
    convenor_feed: bool,
) {
    spec.name = ev.summary.clone().unwrap_or_else(|| ev.uid.clone());
    spec.notes = ev.description.clone();
    let is_link =
        |t: &str| t.starts_with("https://") || t.starts_with("http://");
    let mut online = ev.conference.clone().filter(|c| is_link(c));
    if let Some(loc) = &ev.location {
        if is_link(loc) && online.is_none() {
            online = Some(loc.clone());
        } else if !is_link(loc) {
            let (venue, address) = venue_and_address(loc, ev.venue.as_deref());
            spec.venue = venue;
            spec.address = address;
        }
    }
    spec.online = online
        .map(|url| OnlineSpec { url: Some(url), ..OnlineSpec::default() });
    spec.url = ev.url.clone().filter(|u| {
        is_link(u)
            && spec.online.as_ref().and_then(|o| o.url.as_ref()) != Some(u)
    });
    let mut tags: Vec<String> = Vec::new();
    for c in &ev.categories {
        if !tags.contains(c) {
            tags.push(c.clone());
        }
    }
    spec.tags = tags;
    if convenor_feed {
        convenor_lines(spec);
    }
}

/// Takes back the lines a convenor feed's DESCRIPTION adds after the
/// notes, from the last: `Tags: ...` (the CATEGORIES), `Phone: ...`,
/// `Join: URL` (the conference link) and `Convenors: a, b`.
fn convenor_lines(spec: &mut MeetingSpec) {
    let Some(notes) = spec.notes.take() else { return };
    let mut lines: Vec<&str> = notes.lines().collect();
    let tags = format!("Tags: {}", spec.tags.join(", "));
    if !spec.tags.is_empty() && lines.last() == Some(&tags.as_str()) {
        lines.pop();
    }
    if let Some(phone) = lines.last().and_then(|l| l.strip_prefix("Phone: ")) {
        spec.online.get_or_insert_with(OnlineSpec::default).phone =
            Some(phone.to_string());
        lines.pop();
    }
    let url = spec.online.as_ref().and_then(|o| o.url.clone());
    if let Some(join) = lines.last().and_then(|l| l.strip_prefix("Join: ")) {
        if url.as_deref() == Some(join) {
            lines.pop();
        }
    }
    if let Some(names) =
        lines.last().and_then(|l| l.strip_prefix("Convenors: "))
    {
        spec.convenors = names.split(", ").map(str::to_string).collect();
        lines.pop();
    }
    spec.notes = Some(lines.join("\n")).filter(|n| !n.trim().is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_override_keeps_only_its_own_note() {
        let master = Some("Step study\nTags: a, b");
        assert_eq!(
            own_note(Some("Moved\nStep study\nTags: a, b"), master).as_deref(),
            Some("Moved")
        );
        assert_eq!(own_note(Some("Step study\nTags: a, b"), master), None);
        assert_eq!(own_note(Some("Other"), master).as_deref(), Some("Other"));
        assert_eq!(own_note(None, master), None);
    }
}
