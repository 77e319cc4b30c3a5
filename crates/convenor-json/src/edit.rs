//! Edits of schedule files: TOML through the core's `toml_edit` editor,
//! JSON here, by writing the new value into the text, so that every key
//! keeps its place and the file its layout (indented or one line).

use convenor_core::document::{edit_toml, edit_with, Edit, Edited, Insert};
use convenor_core::{Error, Result};
use serde::Serialize;

/// Makes `edit` in a schedule file written as TOML or JSON, told apart as
/// [`load`](crate::load) does: a new change goes at the end of its
/// meeting's changes, a new meeting after the others, and the rest of
/// the text stays as it was (TOML's comments, JSON's key order and
/// indentation). The edited text is loaded as a whole before it is
/// returned; see [`edit_with`] for the errors.
///
/// ```
/// use convenor_core::document::Edit;
///
/// let seed = convenor_json::load(convenor_core::SEED_TOML)?;
/// let json = convenor_json::to_string_pretty(&seed);
/// let edit = Edit::cancel("co-occurring-monday", "2022-11-21").note("Holiday");
/// let edited = convenor_json::edit(&json, &edit)?;
/// assert!(edited.text().contains(
///     "\n      \"tags\": [\n        \"co-occurring\",\n        \"HWYW\",\n        \"online\",\n        \"open\"\n      ],\n      \
///      \"changes\": [\n        {\n          \"kind\": \"cancel\",\n          \"note\": \"Holiday\",\n          \
///      \"date\": \"2022-11-21\"\n        }\n      ]\n    },\n"
/// ));
/// assert_eq!(edited.notice().sessions, ["Monday 21 November 2022, 6:00pm Pacific: cancelled — Holiday"]);
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// # Errors
///
/// As [`edit_with`].
pub fn edit(text: &str, edit: &Edit) -> Result<Edited> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    match crate::file::looks_like_json(body) {
        true => edit_json(text, edit),
        false => edit_toml(text, edit),
    }
}

/// [`edit`] of a JSON schedule file.
///
/// ```
/// use convenor_core::document::Edit;
///
/// let json = convenor_json::to_string(&convenor_json::load(convenor_core::SEED_TOML)?);
/// let edited = convenor_json::edit_json(&json, &Edit::end("co-occurring-sunday", "2023-01-01"))?;
/// // On one line still, with the change at the end of the meeting's.
/// assert!(edited.text().contains(r#"{"kind":"end","effective":"2023-01-01"}"#));
/// assert!(!edited.text().contains('\n'));
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// # Errors
///
/// As [`edit_with`].
pub fn edit_json(text: &str, edit: &Edit) -> Result<Edited> {
    edit_with(text, edit, crate::load, insert)
}

/// A JSON value's place in the text, and for the containers the
/// edit may need, their parts.
struct Node {
    start: usize,
    end: usize,
    kind: Kind,
}

enum Kind {
    Object(Vec<Member>),
    Array(Vec<Node>),
    Other,
}

struct Member {
    key: String,
    key_start: usize,
    key_end: usize,
    value: Node,
}

/// How deep the scanner keeps containers: the root, `meetings`, a
/// meeting, its `changes`. Deeper values are skipped without recursion.
const KEPT_DEPTH: usize = 4;

fn insert(text: &str, what: Insert<'_>) -> Result<String> {
    let root = Scanner { text, at: 0 }.value(0)?;
    let unit = indent_unit(text);
    let Kind::Object(members) = &root.kind else { return Err(unexpected()) };
    let meetings = members.iter().find(|m| m.key == "meetings");
    match what {
        Insert::Change { meeting, change } => {
            let meetings = meetings.ok_or_else(unexpected)?;
            let Kind::Array(all) = &meetings.value.kind else {
                return Err(unexpected());
            };
            let m = all.get(meeting).ok_or_else(unexpected)?;
            let Kind::Object(fields) = &m.kind else {
                return Err(unexpected());
            };
            match fields.iter().find(|f| f.key == "changes") {
                Some(changes) => append(text, &changes.value, change, &unit),
                None => add_member(text, m, "changes", change, &unit),
            }
        }
        Insert::Meeting(meeting) => match meetings {
            Some(all) => append(text, &all.value, meeting, &unit),
            None => add_member(text, &root, "meetings", meeting, &unit),
        },
    }
}

/// `text` with `value` after the last element of `array`, laid out as
/// its elements are.
fn append(
    text: &str,
    array: &Node,
    value: &impl Serialize,
    unit: &str,
) -> Result<String> {
    let Kind::Array(items) = &array.kind else { return Err(unexpected()) };
    let Some(last) = items.last() else {
        // `[]`: indented when the line it is on is.
        let base = line_indent(text, array.start);
        let pretty = is_pretty(text);
        let new = bracketed(value, pretty, base, unit);
        return Ok(splice(text, array.start..array.end, &new));
    };
    // The space between the element before the last (or `[`) and the
    // last: the same goes before the new one.
    let before = match items.len() {
        1 => array.start + 1,
        n => {
            let gap = &text[items[n - 2].end..last.start];
            items[n - 2].end + gap.find(',').map_or(0, |i| i + 1)
        }
    };
    let sep = &text[before..last.start];
    let new = format!(",{sep}{}", render(value, layout(sep, unit)));
    Ok(splice(text, last.end..last.end, &new))
}

/// `text` with member `"key": [value]` after the last member of
/// `object`, laid out as its members are.
fn add_member(
    text: &str,
    object: &Node,
    key: &str,
    value: &impl Serialize,
    unit: &str,
) -> Result<String> {
    let Kind::Object(members) = &object.kind else { return Err(unexpected()) };
    let quoted = serde_json::to_string(key).map_err(|_| unexpected())?;
    let Some(last) = members.last() else {
        let new =
            format!("{{{quoted}:{}}}", bracketed(value, false, "", unit));
        return Ok(splice(text, object.start..object.end, &new));
    };
    let before = match members.len() {
        1 => object.start + 1,
        n => {
            let prev = &members[n - 2].value;
            let gap = &text[prev.end..last.key_start];
            prev.end + gap.find(',').map_or(0, |i| i + 1)
        }
    };
    let sep = &text[before..last.key_start];
    let colon = &text[last.key_end..last.value.start];
    let pretty = sep.contains('\n');
    let base = sep.rsplit('\n').next().unwrap_or("");
    let array = bracketed(value, pretty, base, unit);
    let new = format!(",{sep}{quoted}{colon}{array}");
    Ok(splice(text, last.value.end..last.value.end, &new))
}

/// `[value]`, or indented: `[`, the value one `unit` deeper than
/// `base`, and `]` at `base`.
fn bracketed(
    value: &impl Serialize,
    pretty: bool,
    base: &str,
    unit: &str,
) -> String {
    if !pretty {
        return format!("[{}]", render(value, None));
    }
    let inner = format!("{base}{unit}");
    format!("[\n{inner}{}\n{base}]", render(value, Some((&inner, unit))))
}

/// The layout after separator `sep`: indented at its last line when it
/// holds a line break, else on one line.
fn layout<'a>(sep: &'a str, unit: &'a str) -> Option<(&'a str, &'a str)> {
    sep.contains('\n').then(|| (sep.rsplit('\n').next().unwrap_or(""), unit))
}

/// `value` as JSON: compact, or indented by `unit` with every line after
/// the first starting at `base`.
fn render(value: &impl Serialize, indent: Option<(&str, &str)>) -> String {
    let Some((base, unit)) = indent else {
        return crate::write(value, false);
    };
    let mut out = Vec::new();
    let format =
        serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut out, format);
    // Specs have string keys only: serializing cannot fail.
    if value.serialize(&mut ser).is_err() {
        return crate::write(value, false);
    }
    let text = String::from_utf8(out).unwrap_or_default();
    text.replace('\n', &format!("\n{base}"))
}

fn splice(text: &str, range: std::ops::Range<usize>, new: &str) -> String {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..range.start]);
    out.push_str(new);
    out.push_str(&text[range.end..]);
    out
}

/// Whether the file is laid out on lines (any line break at all).
fn is_pretty(text: &str) -> bool {
    text.trim().contains('\n')
}

/// The leading spaces or tabs of the line `at` is on.
fn line_indent(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// One level of the file's indentation: that of its first indented
/// line (two spaces when none is).
fn indent_unit(text: &str) -> String {
    text.lines()
        .map(|l| &l[..l.len() - l.trim_start_matches([' ', '\t']).len()])
        .find(|indent| !indent.is_empty())
        .unwrap_or("  ")
        .to_string()
}

/// A file that loaded but that the scanner cannot follow: not expected,
/// but never a panic.
fn unexpected() -> Error {
    Error::Syntax {
        message: "the JSON schedule cannot be edited in place".to_string(),
        position: None,
        suggestion: None,
    }
}

/// A scanner of JSON text already known to be valid (it loaded).
struct Scanner<'t> {
    text: &'t str,
    at: usize,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len()
            - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        self.ws();
        match self.peek() == Some(byte) {
            true => {
                self.at += 1;
                Ok(())
            }
            false => Err(unexpected()),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node> {
        self.ws();
        let start = self.at;
        let kind = match self.peek() {
            Some(b'{') if depth < KEPT_DEPTH => {
                Kind::Object(self.members(depth)?)
            }
            Some(b'[') if depth < KEPT_DEPTH => {
                Kind::Array(self.items(depth)?)
            }
            Some(_) => {
                self.skip()?;
                Kind::Other
            }
            None => return Err(unexpected()),
        };
        Ok(Node { start, end: self.at, kind })
    }

    fn members(&mut self, depth: usize) -> Result<Vec<Member>> {
        self.list(b'}', |s| {
            s.ws();
            let key_start = s.at;
            s.string()?;
            let key_end = s.at;
            let key: String =
                serde_json::from_str(&s.text[key_start..key_end])
                    .map_err(|_| unexpected())?;
            s.expect(b':')?;
            let value = s.value(depth + 1)?;
            Ok(Member { key, key_start, key_end, value })
        })
    }

    fn items(&mut self, depth: usize) -> Result<Vec<Node>> {
        self.list(b']', |s| s.value(depth + 1))
    }

    /// The elements of an object or array, from its opening bracket to
    /// `close`, each read by `item`.
    fn list<T>(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.at += 1;
        let mut all = Vec::new();
        self.ws();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(all);
        }
        loop {
            all.push(item(self)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(c) if c == close => {
                    self.at += 1;
                    return Ok(all);
                }
                _ => return Err(unexpected()),
            }
        }
    }

    /// Past a string, from its opening quote.
    fn string(&mut self) -> Result<()> {
        let bytes = self.text.as_bytes();
        if bytes.get(self.at) != Some(&b'"') {
            return Err(unexpected());
        }
        let mut i = self.at + 1;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    self.at = i + 1;
                    return Ok(());
                }
                _ => i += 1,
            }
        }
        Err(unexpected())
    }

    /// Past any value, however deep, without recursion.
    fn skip(&mut self) -> Result<()> {
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        loop {
            match bytes.get(self.at) {
                None => return Err(unexpected()),
                Some(b'"') => self.string()?,
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.at += 1;
                }
                Some(b'}' | b']') if depth > 0 => {
                    depth -= 1;
                    self.at += 1;
                }
                Some(b'}' | b']' | b',' | b' ' | b'\t' | b'\n' | b'\r')
                    if depth == 0 =>
                {
                    return Ok(())
                }
                Some(_) => self.at += 1,
            }
            let closed =
                matches!(bytes.get(self.at - 1), Some(b'}' | b']' | b'"'));
            if depth == 0 && closed {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use convenor_core::{MeetingSpec, WeeklySpec};

    fn seed() -> convenor_core::Schedule {
        crate::load(convenor_core::SEED_TOML).unwrap()
    }

    fn friday() -> Edit {
        Edit::add(MeetingSpec {
            id: "friday".into(),
            name: "Friday".into(),
            weekly: Some(WeeklySpec {
                day: "friday".into(),
                time: Some("12:00".into()),
                every: None,
            }),
            duration: "60m".into(),
            starts: "2023-01-06".into(),
            ..MeetingSpec::default()
        })
    }

    /// Every edit of a JSON file only inserts (what it returns) into
    /// the text, and the result loads.
    fn only_inserts(old: &str, new: &str) -> String {
        crate::load(new).unwrap();
        let start = old.bytes().zip(new.bytes()).position(|(a, b)| a != b);
        let start = start.unwrap_or(old.len());
        let inserted = new.len() - old.len();
        assert!(new.ends_with(&old[start..]), "not an insertion:\n{new}");
        new[start..start + inserted].to_string()
    }

    #[test]
    fn a_compact_file_stays_on_one_line() {
        let json = crate::to_string(&seed());
        let edited =
            edit(&json, &Edit::cancel("co-occurring-saturday", "2022-11-19"))
                .unwrap();
        let added = only_inserts(&json, edited.text());
        assert_eq!(added, ",{\"kind\":\"cancel\",\"date\":\"2022-11-19\"}");
        let edited =
            edit(&json, &Edit::end("co-occurring-sunday", "2023-01-01"))
                .unwrap();
        let added = only_inserts(&json, edited.text());
        assert_eq!(
            added,
            ",\"changes\":[{\"kind\":\"end\",\"effective\":\"2023-01-01\"}]"
        );
        let edited = edit(&json, &friday()).unwrap();
        assert!(only_inserts(&json, edited.text())
            .starts_with(",{\"id\":\"friday\""));
        assert!(!edited.text().contains('\n'));
    }

    #[test]
    fn an_indented_file_keeps_its_indentation() {
        let json = crate::to_string_pretty(&seed()).replace("  ", "\t");
        let edited = edit(
            &json,
            &Edit::extra("co-occurring-saturday", "2022-12-31T17:00"),
        )
        .unwrap();
        let added = only_inserts(&json, edited.text());
        assert_eq!(
            added,
            ",\n\t\t\t\t{\n\t\t\t\t\t\"kind\": \"extra\",\n\t\t\t\t\t\"at\": \"2022-12-31T17:00\"\n\t\t\t\t}"
        );
        let edited = edit(&json, &friday()).unwrap();
        let added = only_inserts(&json, edited.text());
        assert!(
            added.starts_with(",\n\t\t{\n\t\t\t\"id\": \"friday\",\n"),
            "{added:?}"
        );
        assert!(added.ends_with("\n\t\t}"), "{added:?}");
    }

    #[test]
    fn empty_arrays_and_missing_meetings_are_filled_in() {
        let json =
            "{\n  \"name\": \"x\",\n  \"timezone\": \"Europe/Berlin\"\n}\n";
        let edited = edit(json, &friday()).unwrap();
        let added = only_inserts(json, edited.text());
        assert!(
            added.starts_with(
                ",\n  \"meetings\": [\n    {\n      \"id\": \"friday\""
            ),
            "{added:?}"
        );
        let json = "{ \"name\": \"x\", \"timezone\": \"Europe/Berlin\", \"meetings\": [] }";
        let edited = edit(json, &friday()).unwrap();
        assert!(edited.text().starts_with("{ \"name\": \"x\", \"timezone\": \"Europe/Berlin\", \"meetings\": [{\"id\":\"friday\""));
        let with_friday = edited.text().replace("}]", ",\"changes\":[ ]}]");
        let edited =
            edit(&with_friday, &Edit::cancel("friday", "2023-01-13")).unwrap();
        assert!(edited.text().contains(
            "\"changes\":[{\"kind\":\"cancel\",\"date\":\"2023-01-13\"}]}]"
        ));
    }

    #[test]
    fn a_byte_order_mark_and_errors_are_kept() {
        let json = format!("\u{feff}{}", crate::to_string_pretty(&seed()));
        let edited =
            edit(&json, &Edit::cancel("co-occurring-monday", "2022-11-21"))
                .unwrap();
        assert!(edited.text().starts_with('\u{feff}'));
        let err =
            edit(&json, &Edit::cancel("co-occurring-monday", "2022-11-22"))
                .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("no session is due on Tuesday 2022-11-22"),
            "{err}"
        );
        assert_eq!(err.position(), None);
        let err = edit(
            &json,
            &Edit::reschedule("co-occurring-monday", "2023-01-02").time("6pm"),
        )
        .unwrap_err();
        assert!(err.to_string().ends_with("did you mean \"18:00\"?"), "{err}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]

        /// Any accepted sequence of edits of the seed as JSON, indented
        /// or on one line, only inserts into the text and loads.
        #[test]
        fn accepted_json_edits_only_insert_and_load(
            pretty: bool,
            edits in proptest::collection::vec(
                (0..6usize, 0..7usize, 0u64..400, 0..3usize),
                1..6,
            ),
        ) {
            let seed = seed();
            let mut text = match pretty {
                true => crate::to_string_pretty(&seed),
                false => crate::to_string(&seed),
            };
            let ids: Vec<String> =
                seed.meetings().iter().map(|m| m.id().to_string()).collect();
            for (kind, who, day, time) in edits {
                let id = ids.get(who).map_or("friday", String::as_str);
                let start = chrono::NaiveDate::from_ymd_opt(2022, 10, 1).unwrap();
                let date = (start + chrono::Days::new(day)).to_string();
                let at = format!("{date}T{}", ["07:00", "18:30", "7pm"][time]);
                let edit = match kind {
                    0 => Edit::cancel(id, date),
                    1 => Edit::move_to(id, date, at),
                    2 => Edit::extra(id, at).note("a \"quoted\" note"),
                    3 => Edit::reschedule(id, date).day("friday"),
                    4 => Edit::end(id, date),
                    _ => friday(),
                };
                if let Ok(edited) = edit_json(&text, &edit) {
                    only_inserts(&text, edited.text());
                    proptest::prop_assert_eq!(pretty, edited.text().contains('\n'));
                    text = edited.into_text();
                }
            }
        }
    }
}
