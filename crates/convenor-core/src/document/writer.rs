//! The schedule file as TOML, in the README's style: the schedule's own
//! fields, then one `[[meetings]]` table per meeting with its rule as
//! `weekly = { day = ..., time = ... }`, then its `[[meetings.changes]]`.

use std::fmt::Write;

use crate::spec::{
    ChangeSpec, MeetingSpec, OnlineSpec, ScheduleSpec, WeeklySpec,
};

/// `spec` as a TOML schedule file, written as the README shows one:
/// inline `weekly = { day = "saturday", time = "07:00" }` and `online =
/// { ... }`, a blank line before each `[[meetings]]` and
/// `[[meetings.changes]]` table, fields in the README's order, and every
/// value as the spec holds it (`"1h"` stays `"1h"`). Text that the
/// loader reads back into the same spec, in time linear in its length
/// (`import` writes 20,000 meetings with it).
///
/// ```
/// use convenor_core::{document, Schedule, ScheduleSpec};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let text = document::to_toml(&ScheduleSpec::from(&seed));
/// assert!(text.starts_with("name = \"LifeRing Co-Occurring Disorders Meetings\"\n"));
/// assert!(text.contains(
///     "\n[[meetings]]\nid = \"co-occurring-sunday\"\nname = \"Co-Occurring Disorders (Sunday)\"\n\
///      weekly = { day = \"sunday\", time = \"17:00\" }\nduration = \"60m\"\n"
/// ));
/// assert!(text.ends_with(
///     "\n[[meetings.changes]]\nkind = \"reschedule\"\neffective = \"2022-11-12\"\n\
///      announced = \"2022-11-10\"\ntime = \"07:00\"\n\
///      note = \"Starts at 7:00am Pacific, not 9:30am as first posted\"\n"
/// ));
/// let back = Schedule::from_toml_str(&text)?;
/// assert_eq!(ScheduleSpec::from(&back), ScheduleSpec::from(&seed));
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn to_toml(spec: &ScheduleSpec) -> String {
    let mut out = String::new();
    line(&mut out, "name", &quote(&spec.name));
    opt(&mut out, "url", spec.url.as_deref());
    opt(&mut out, "uid_domain", spec.uid_domain.as_deref());
    if !spec.languages.is_empty() {
        let list: Vec<String> =
            spec.languages.iter().map(|l| quote(l)).collect();
        line(&mut out, "languages", &format!("[{}]", list.join(", ")));
    }
    opt(&mut out, "timezone", spec.timezone.as_deref());
    opt(&mut out, "area", spec.area.as_deref());
    if !spec.meeting_guide_types.is_empty() {
        let pairs =
            spec.meeting_guide_types.iter().map(|(k, v)| (key(k), quote(v)));
        line(&mut out, "meeting_guide_types", &inline(pairs));
    }
    if !spec.reminders.is_empty() {
        line(&mut out, "reminders", &array(&spec.reminders));
    }
    for meeting in &spec.meetings {
        out.push('\n');
        meeting_table(&mut out, meeting);
    }
    out
}

/// One `[[meetings]]` table and its changes, each table after a blank
/// line but the first.
pub(crate) fn meeting_table(out: &mut String, m: &MeetingSpec) {
    out.push_str("[[meetings]]\n");
    line(out, "id", &quote(&m.id));
    line(out, "name", &quote(&m.name));
    rule(out, m.weekly.as_ref(), m.rrule.as_deref(), m.time.as_deref());
    line(out, "duration", &quote(&m.duration));
    line(out, "starts", &quote(&m.starts));
    opt(out, "ends", m.ends.as_deref());
    opt(out, "timezone", m.timezone.as_deref());
    opt(out, "notes", m.notes.as_deref());
    if !m.tags.is_empty() {
        line(out, "tags", &array(&m.tags));
    }
    if !m.convenors.is_empty() {
        line(out, "convenors", &array(&m.convenors));
    }
    if let Some(online) = &m.online {
        line(out, "online", &online_table(online));
    }
    opt(out, "venue", m.venue.as_deref());
    opt(out, "address", m.address.as_deref());
    opt(out, "area", m.area.as_deref());
    opt(out, "url", m.url.as_deref());
    if let Some(reminders) = &m.reminders {
        line(out, "reminders", &array(reminders));
    }
    for change in &m.changes {
        out.push('\n');
        change_table(out, change);
    }
}

/// One `[[meetings.changes]]` table: `kind`, what it is about, when it
/// was announced, what it sets, and its note last.
pub(crate) fn change_table(out: &mut String, c: &ChangeSpec) {
    out.push_str("[[meetings.changes]]\n");
    line(out, "kind", &quote(&c.kind));
    opt(out, "effective", c.effective.as_deref());
    opt(out, "date", c.date.as_deref());
    opt(out, "to", c.to.as_deref());
    opt(out, "at", c.at.as_deref());
    opt(out, "announced", c.announced.as_deref());
    if c.weekly.is_some() || c.rrule.is_some() {
        rule(out, c.weekly.as_ref(), c.rrule.as_deref(), c.time.as_deref());
    } else {
        opt(out, "time", c.time.as_deref());
    }
    opt(out, "day", c.day.as_deref());
    if let Some(every) = c.every {
        line(out, "every", &every.to_string());
    }
    opt(out, "duration", c.duration.as_deref());
    opt(out, "note", c.note.as_deref());
}

/// `weekly = { day = ..., time = ... }` (the time inside, as the README
/// writes it, when only one is given), or `rrule` and `time`.
fn rule(
    out: &mut String,
    weekly: Option<&WeeklySpec>,
    rrule: Option<&str>,
    time: Option<&str>,
) {
    let mut time = time;
    if let Some(w) = weekly {
        let inner = match &w.time {
            Some(t) => Some(t.as_str()),
            None => time.take(),
        };
        let mut pairs = vec![("day".to_string(), quote(&w.day))];
        if let Some(t) = inner {
            pairs.push(("time".to_string(), quote(t)));
        }
        if let Some(every) = w.every {
            pairs.push(("every".to_string(), every.to_string()));
        }
        line(out, "weekly", &inline(pairs.into_iter()));
    }
    opt(out, "rrule", rrule);
    opt(out, "time", time);
}

fn online_table(o: &OnlineSpec) -> String {
    let fields = [("url", &o.url), ("phone", &o.phone), ("notes", &o.notes)];
    inline(
        fields
            .into_iter()
            .filter_map(|(k, v)| Some((k.to_string(), quote(v.as_deref()?)))),
    )
}

fn line(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

fn opt(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        line(out, key, &quote(v));
    }
}

/// `{ a = 1, b = "x" }`, or `{}`.
fn inline(pairs: impl Iterator<Item = (String, String)>) -> String {
    let body: Vec<String> = pairs.map(|(k, v)| format!("{k} = {v}")).collect();
    match body.is_empty() {
        true => "{}".to_string(),
        false => format!("{{ {} }}", body.join(", ")),
    }
}

/// `["a", "b"]`.
fn array(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A key: bare when TOML allows it (`HWYW`), else quoted.
fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        k.to_string()
    } else {
        quote(k)
    }
}

/// A TOML basic string: `"..."`, with `"`, `\` and control characters
/// escaped.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() && (c as u32) < 0x80 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_and_load_back() {
        let text = "a \"b\" \\ c\n\td\u{1}\u{7f}é";
        assert_eq!(
            quote(text),
            "\"a \\\"b\\\" \\\\ c\\n\\td\\u0001\\u007Fé\""
        );
        let doc = format!("x = {}", quote(text));
        let back: toml::Table = toml::from_str(&doc).unwrap();
        assert_eq!(back["x"].as_str(), Some(text));
    }

    #[test]
    fn keys_are_bare_when_they_may_be() {
        assert_eq!(key("HWYW"), "HWYW");
        assert_eq!(key("co-occurring_1"), "co-occurring_1");
        assert_eq!(key("two words"), "\"two words\"");
        assert_eq!(key(""), "\"\"");
    }

    #[test]
    fn every_field_is_written_and_loads_back() {
        let spec = ScheduleSpec {
            name: "X".into(),
            url: Some("https://example.org/".into()),
            uid_domain: Some("old.example.org".into()),
            languages: vec!["es".into(), "en".into()],
            timezone: Some("Europe/Berlin".into()),
            area: Some("Berlin".into()),
            meeting_guide_types: [("two words".to_string(), "O".to_string())]
                .into(),
            reminders: vec!["15m".into()],
            meetings: vec![
                MeetingSpec {
                    id: "a".into(),
                    name: "A".into(),
                    rrule: Some("FREQ=MONTHLY;BYDAY=2TU".into()),
                    time: Some("19:00".into()),
                    duration: "1h".into(),
                    starts: "2025-01-01".into(),
                    ends: Some("2025-12-31".into()),
                    timezone: Some("Europe/London".into()),
                    notes: Some("n".into()),
                    tags: vec!["open".into()],
                    convenors: vec!["K".into()],
                    online: Some(OnlineSpec {
                        url: Some("https://example.org/j".into()),
                        phone: Some("+1 555 0100".into()),
                        notes: None,
                    }),
                    venue: Some("St. Luke's Hall".into()),
                    address: Some("1 Main St".into()),
                    area: Some("London".into()),
                    url: Some("https://example.org/a".into()),
                    reminders: Some(Vec::new()),
                    changes: vec![ChangeSpec {
                        kind: "reschedule".into(),
                        effective: Some("2025-06-01".into()),
                        weekly: Some(WeeklySpec {
                            day: "friday".into(),
                            time: None,
                            every: Some(2),
                        }),
                        time: Some("18:00".into()),
                        duration: Some("90m".into()),
                        ..ChangeSpec::default()
                    }],
                    ..MeetingSpec::default()
                },
                MeetingSpec {
                    id: "b".into(),
                    name: "B".into(),
                    weekly: Some(WeeklySpec {
                        day: "monday".into(),
                        time: None,
                        every: None,
                    }),
                    time: Some("08:00".into()),
                    duration: "60m".into(),
                    starts: "2025-01-01".into(),
                    ..MeetingSpec::default()
                },
            ],
        };
        let text = to_toml(&spec);
        assert!(
            text.contains("meeting_guide_types = { \"two words\" = \"O\" }\n")
        );
        assert!(text.contains(
            "\nrrule = \"FREQ=MONTHLY;BYDAY=2TU\"\ntime = \"19:00\"\n"
        ));
        assert!(text.contains(
            "\nweekly = { day = \"friday\", time = \"18:00\", every = 2 }\nduration = \"90m\"\n"
        ));
        assert!(text
            .contains("\nweekly = { day = \"monday\", time = \"08:00\" }\n"));
        assert!(text.contains("\nreminders = []\n"));
        assert!(text.contains("\nuid_domain = \"old.example.org\"\n"));
        assert!(text.contains("\nlanguages = [\"es\", \"en\"]\n"), "{text}");
        let back = crate::Schedule::from_toml_str(&text).unwrap();
        let again = ScheduleSpec::from(&back);
        assert_eq!(to_toml(&again), to_toml(&ScheduleSpec::from(&back)));
        assert_eq!(back.meetings().len(), 2);
        assert_eq!(
            back.meetings()[0].segments()[1].rule().to_string(),
            "every 2 weeks on friday at 18:00"
        );
    }
}
