//! Loading a schedule from TOML text, with `line:column` positions for
//! syntax errors and for validation problems alike.

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, FieldPath, PathPart, Position};
use crate::schedule::Schedule;
use crate::spec::{MeetingSpec, ScheduleSpec};

impl Schedule {
    /// Loads and validates a schedule from TOML text (the file format is
    /// in the README).
    ///
    /// ```
    /// use convenor_core::Schedule;
    ///
    /// let schedule = Schedule::from_toml_str(r#"
    /// name = "LifeRing Co-Occurring Disorders Meetings"
    /// timezone = "America/Los_Angeles"
    ///
    /// [[meetings]]
    /// id = "co-occurring-saturday"
    /// name = "Co-Occurring Disorders (Saturday)"
    /// weekly = { day = "saturday", time = "09:30" }
    /// duration = "60m"
    /// starts = "2022-11-12"
    ///
    /// [[meetings.changes]]
    /// kind = "reschedule"
    /// effective = "2022-11-12"
    /// time = "07:00"
    /// "#)?;
    /// assert_eq!(schedule.meetings().len(), 1);
    ///
    /// let err = Schedule::from_toml_str("name = 'x'\nmeetings = [{ id = 'a' }]").unwrap_err();
    /// assert_eq!(err.to_string(), "missing field `name` at line 2 column 13");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] over [`crate::MAX_INPUT_BYTES`],
    /// [`Error::Syntax`] when the text is not a schedule file's shape,
    /// [`Error::Invalid`] with every problem of its values and changes.
    pub fn from_toml_str(text: &str) -> Result<Schedule, Error> {
        if text.len() > crate::MAX_INPUT_BYTES {
            return Err(Error::TooLarge {
                bytes: text.len(),
                limit: crate::MAX_INPUT_BYTES,
            });
        }
        let spec = match spec_by_blocks(text) {
            Some(spec) => spec,
            None => spec_whole(text)?,
        };
        Schedule::try_from(spec)
            .map_err(|e| e.locate_in(text, |paths| offsets(text, paths)))
    }
}

/// The file as one document: `toml::from_str`, with our wording of its
/// errors. Every syntax error comes from here, so its message and
/// position never depend on how [`spec_by_blocks`] cut the file.
fn spec_whole(text: &str) -> Result<ScheduleSpec, Error> {
    toml::from_str(text).map_err(|e| {
        let mut message = crate::suggest::plain_message(e.message());
        let mut start = e.span().map(|s| s.start);
        // The toml crate gives no span when a dotted key is nested too
        // deep (`a.a.a...`, a few hundred levels): point at that key.
        if start.is_none() && message == "recursion limit" {
            message = "recursion limit: a dotted key or table header is \
                       nested too deeply"
                .to_string();
            start = deepest_dotted_key(text);
        }
        // A TOML date (`starts = 2022-11-12`, unquoted) reaches serde
        // as a map; say what it is and what to write.
        let at_digit = start
            .and_then(|s| text.as_bytes().get(s))
            .is_some_and(u8::is_ascii_digit);
        if at_digit && message == "invalid type: map, expected a string" {
            message = "invalid type: TOML date or time, expected a \
                       string; put it in quotes, such as \"2022-11-12\""
                .to_string();
        }
        Error::Syntax {
            suggestion: crate::suggest::unknown_field(&message),
            position: start.map(|s| Position::at_offset(text, s)),
            message,
        }
    })
}

/// The start of the key (or table header) with the most dots: where a
/// too-deep dotted key is, for an error that comes without a position.
fn deepest_dotted_key(text: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None; // (dots, offset)
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let key = match trimmed.starts_with('[') {
            true => trimmed,
            false => trimmed.split('=').next().unwrap_or(""),
        };
        let dots = key.bytes().filter(|b| *b == b'.').count();
        if dots > best.map_or(0, |(d, _)| d) {
            best = Some((dots, offset + line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    best.map(|(_, at)| at)
}

/// The root table of one `[[meetings]]` block read on its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    meetings: Vec<MeetingSpec>,
}

/// The file read one `[[meetings]]` block at a time, so that the
/// parser's tokens and document tree only ever hold one block (the
/// whole file's tree is several times the text). `None` whenever this
/// might differ from [`spec_whole`]: the caller then reads the file as
/// one document, which also gives every error its exact message.
///
/// The file is cut before each line that starts with `[[meetings]]`.
/// Reading each piece alone gives what the whole document gives when
/// every piece parses and
///
/// - the text before the first cut (names, zone) has no `meetings`
///   key, so the blocks are the only elements of the array: a
///   `meetings = [...]` or `[meetings]` there would make the whole file
///   invalid, so it is left to [`spec_whole`];
/// - each block's root holds `meetings` only, so no block reaches a
///   table outside the array, and its `[meetings.x]` and
///   `[[meetings.changes]]` headers name its own last meeting, as in
///   the whole file.
///
/// A cut inside a multi-line string, array or inline table (a line
/// `[[meetings]]` in `notes = """..."""`) leaves that value unclosed at
/// the end of its piece, which then does not parse.
fn spec_by_blocks(text: &str) -> Option<ScheduleSpec> {
    let mut cuts = block_starts(text);
    let first = cuts.next()?;
    let header = DeTable::parse(&text[..first]).ok()?;
    if header.get_ref().contains_key("meetings") {
        return None;
    }
    let mut spec =
        ScheduleSpec::deserialize(toml::de::Deserializer::from(header))
            .ok()?;
    let mut start = first;
    for end in cuts.chain(std::iter::once(text.len())) {
        let block: Block = toml::from_str(&text[start..end]).ok()?;
        spec.meetings.extend(block.meetings);
        start = end;
    }
    Some(spec)
}

/// The byte offsets of the lines that start with `[[meetings]]`.
fn block_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let first = text.starts_with("[[meetings]]").then_some(0);
    let later = text.match_indices("\n[[meetings]]").map(|(i, _)| i + 1);
    first.into_iter().chain(later)
}

/// Whether reading `text` by `[[meetings]]` blocks, where it applies,
/// gives exactly the schedule file that reading it whole gives (the
/// fuzz target and tests check this; not part of the stable API).
#[doc(hidden)]
pub fn toml_blocks_agree(text: &str) -> bool {
    match spec_by_blocks(text) {
        Some(spec) => spec_whole(text).ok() == Some(spec),
        None => true,
    }
}

/// The byte offset in TOML `text` of the value at each path, or of the
/// nearest enclosing value that exists (a missing field points at its
/// table). The text is parsed once for all of them.
fn offsets(text: &str, paths: &[&FieldPath]) -> Vec<Option<usize>> {
    let Ok(doc) = DeTable::parse(text) else {
        return vec![None; paths.len()];
    };
    paths.iter().map(|path| Some(offset(&doc, path))).collect()
}

fn offset(doc: &toml::Spanned<DeTable<'_>>, path: &FieldPath) -> usize {
    let mut span = doc.span();
    let mut table = Some(doc.get_ref());
    let mut array: Option<&toml::de::DeArray<'_>> = None;
    for part in path.parts() {
        let value = match part {
            PathPart::Key(k) => table.and_then(|t| t.get(*k)),
            PathPart::Index(i) => array.and_then(|a| a.get(*i)),
        };
        let Some(value) = value else { break };
        span = value.span();
        (table, array) = match value.get_ref() {
            DeValue::Table(t) => (Some(t), None),
            DeValue::Array(a) => (None, Some(a)),
            _ => (None, None),
        };
    }
    span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "name = \"x\"\ntimezone = \"UTC\"\n";
    const MEETING: &str = "[[meetings]]\nid = \"a\"\nname = \"M\"\n\
        weekly = { day = \"saturday\", time = \"07:00\" }\n\
        duration = \"60m\"\nstarts = \"2022-11-12\"\n";

    #[test]
    fn blocks_read_a_plain_file() {
        let b = MEETING.replace("\"a\"", "\"b\"");
        let text = format!("{HEADER}\n{MEETING}\n{b}");
        let spec = spec_by_blocks(&text).expect("read by blocks");
        assert_eq!(spec.meetings.len(), 2);
        assert_eq!(spec_whole(&text).ok(), Some(spec));
        let seed = spec_by_blocks(crate::SEED_TOML).expect("read by blocks");
        assert_eq!(spec_whole(crate::SEED_TOML).ok(), Some(seed));
    }

    /// Each of these is left to the whole-document reader.
    #[test]
    fn blocks_step_aside() {
        let cases = [
            // `[[meetings]]` lines inside multi-line strings.
            format!("{HEADER}{MEETING}notes = \"\"\"\n{MEETING}\"\"\"\n"),
            format!("{HEADER}notes = '''\n[[meetings]]\n'''\n{MEETING}"),
            // The array given inline, then appended to (invalid).
            format!("{HEADER}meetings = []\n{MEETING}"),
            format!("{HEADER}[meetings]\n{MEETING}"),
            format!("{HEADER}meetings.x = 1\n{MEETING}"),
            // A root table after a meeting (an unknown field).
            format!("{HEADER}{MEETING}[other]\nx = 1\n"),
            // No name before the first block.
            MEETING.to_string(),
        ];
        for text in &cases {
            assert_eq!(spec_by_blocks(text), None, "{text}");
            assert!(toml_blocks_agree(text));
        }
    }

    /// Every TOML file of the catalogue of bad input and of the cases.
    #[test]
    fn blocks_agree_on_the_catalogue() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata");
        let mut files = 0;
        for sub in ["invalid", "cases"] {
            let entries = std::fs::read_dir(format!("{dir}/{sub}"))
                .expect("the testdata folder");
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                assert!(toml_blocks_agree(text), "{}", path.display());
                files += 1;
            }
        }
        assert!(files >= 90, "only {files} catalogue files");
    }

    /// Pieces of schedule files, including every construct that could
    /// fool the cut: multi-line strings, arrays and inline tables,
    /// dotted keys, the inline array form, comments and sub-tables.
    const PIECES: &[&str] = &[
        HEADER,
        MEETING,
        "name = \"x\"",
        "timezone = \"Mars/Olympus\"",
        "url = \"https://example.org\"",
        "[[meetings]]",
        "[[meetings]] # a comment",
        "[[ meetings ]]",
        "  [[meetings]]",
        "[[meetings]]x",
        "id = \"b\"",
        "id = \"a\"",
        "name = \"M\"",
        "weekly.day = \"monday\"",
        "weekly.time = \"07:00\"",
        "weekly = {",
        "day = \"monday\", time = \"07:00\"",
        "}",
        "duration = \"60m\"",
        "starts = \"2022-11-12\"",
        "starts = 2022-11-12",
        "notes = \"\"\"",
        "notes = '''",
        "\"\"\"",
        "'''",
        "tags = [",
        "\"online\",",
        "]",
        "# [[meetings]]",
        "",
        "meetings = []",
        "meetings = [{ id = \"c\", name = \"M\", weekly = { day = \"monday\", \
         time = \"07:00\" }, duration = \"60m\", starts = \"2022-11-12\" }]",
        "[meetings]",
        "meetings.x = 1",
        "[meetings.online]",
        "url = \"https://example.org/join\"",
        "[[meetings.changes]]",
        "kind = \"cancel\"",
        "date = \"2022-11-19\"",
        "[meetings.weekly]",
        "[other]",
        "[name]",
    ];

    /// The lines that open a block.
    const OPENERS: &[&str] =
        &["[[meetings]]", "[[meetings]] # next", "[[ meetings ]]"];

    /// A meeting's lines after its header, in the order written.
    const BODY: &str = "id = \"a\"\nname = \"M\"\n\
        weekly = { day = \"saturday\", time = \"07:00\" }\n\
        duration = \"60m\"\nstarts = \"2022-11-12\"";

    /// A file shaped like a schedule: a header, then blocks, each with
    /// a few pieces from [`PIECES`] mixed in at random lines.
    fn shaped() -> impl Strategy<Value = String> {
        let extra =
            proptest::collection::vec((0..PIECES.len(), 0..6usize), 0..2);
        let block = (0..OPENERS.len(), extra);
        (proptest::collection::vec(block, 1..6), any::<bool>(), any::<bool>())
            .prop_map(|(blocks, crlf, header_extra)| {
                let mut lines: Vec<String> =
                    HEADER.lines().map(str::to_string).collect();
                if header_extra {
                    lines.push(PIECES[blocks.len() % PIECES.len()].into());
                }
                for (opener, extra) in blocks {
                    let mut block: Vec<String> =
                        BODY.lines().map(str::to_string).collect();
                    for (piece, at) in extra {
                        block
                            .insert(at.min(block.len()), PIECES[piece].into());
                    }
                    lines.push(String::new());
                    lines.push(OPENERS[opener].into());
                    lines.extend(block);
                }
                let newline = if crlf { "\r\n" } else { "\n" };
                lines
                    .iter()
                    .map(|l| l.replace('\n', newline) + newline)
                    .collect()
            })
    }

    proptest! {
        #[test]
        fn prop_blocks_agree_with_the_whole_document(
            pieces in proptest::collection::vec(0..PIECES.len(), 0..24),
            crlf in any::<bool>(),
        ) {
            let newline = if crlf { "\r\n" } else { "\n" };
            let text: String = pieces
                .iter()
                .map(|&i| PIECES[i].replace('\n', newline) + newline)
                .collect();
            prop_assert!(toml_blocks_agree(&text), "{}", text);
        }

        #[test]
        fn prop_blocks_agree_on_shaped_files(text in shaped()) {
            prop_assert!(toml_blocks_agree(&text), "{}", text);
        }
    }
}
