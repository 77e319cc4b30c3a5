//! Loading a schedule from TOML text, with `line:column` positions for
//! syntax errors and for validation problems alike.

use std::ops::Range;

use serde::Deserialize;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::error::{Error, FieldPath, Invalid, PathPart, Position, Problem};
use crate::schedule::Schedule;
use crate::shape::Shape;
use crate::spec::{MeetingSpec, ScheduleSpec};
use crate::toml_layout::{self, Layout, MAX_TOKENS};

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
    /// assert_eq!(
    ///     err.located("f.toml").to_string(),
    ///     "f.toml:2:13: missing field `name` (the name people see, such as \
    ///      `name = \"Co-Occurring Disorders\"`) for meeting a\n",
    /// );
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
        let file = match File::new(text, toml_layout::layout(text)) {
            Ok(read) => read,
            // A piece that does not parse: the whole document gives the
            // error its exact message and position, when it may be
            // parsed (a file with no layout is already read whole).
            Err(_) if toml_layout::tokens_over(text, MAX_TOKENS).is_none() => {
                File::new(text, Layout::Whole)?
            }
            Err(e) => return Err(e),
        };
        file.into_schedule()
    }
}

/// A schedule file read table by table: the schedule's own table, then
/// each meeting on its own, so that one meeting's unknown keys or wrong
/// types do not hide the next one's.
struct File<'t> {
    pieces: Pieces<'t>,
    header: Option<ScheduleSpec>,
    found: Found<'t>,
}

/// What reading tables found: the meetings read, and the problems.
struct Found<'t> {
    /// The file's text, which the problems' offsets are into.
    text: &'t str,
    meetings: Vec<MeetingSpec>,
    /// The index in the file of each of `meetings`.
    kept: Vec<usize>,
    /// Problems found while reading, at their offsets in the text.
    problems: Vec<(usize, Invalid)>,
}

/// Where the schedule's own table and each meeting are in a file.
struct Pieces<'t> {
    text: &'t str,
    layout: Layout,
    /// The text of the schedule's own table, at the same offsets as in
    /// the file (for `meetings = [...]`, the file with the array blanked).
    root: std::borrow::Cow<'t, str>,
}

/// A table seen while reading one piece: its span in the piece, its
/// path in the file and its shape, to name the field of a serde error.
type Seen = (Range<usize>, FieldPath, Shape);

impl<'t> Pieces<'t> {
    fn new(text: &'t str, layout: Layout) -> Pieces<'t> {
        let root = match &layout {
            Layout::Blocks { root, .. } => text[root.clone()].into(),
            Layout::Inline { array, .. } => {
                blanked(text, array.clone()).into()
            }
            Layout::Whole => text.into(),
        };
        Pieces { text, layout, root }
    }

    /// The text of meeting `i`'s piece, parsed, with its offset.
    fn meeting(
        &self,
        i: usize,
    ) -> Result<(usize, Spanned<DeValue<'t>>), Error> {
        let text = self.text;
        match &self.layout {
            Layout::Blocks { meetings, .. } => {
                let range = meetings[i].clone();
                let piece = &text[range.clone()];
                let mut block =
                    parse(text, piece, range.start, DeTable::parse)?;
                let mut only = take_meetings(block.get_mut()).into_iter();
                let meeting = only.next().filter(|_| only.next().is_none());
                let meeting = meeting.ok_or_else(|| {
                    syntax(
                        text,
                        range.start,
                        "expected one [[meetings]] table".into(),
                    )
                })?;
                Ok((range.start, meeting))
            }
            Layout::Inline { meetings, .. } => {
                let range = meetings[i].clone();
                let piece = &text[range.clone()];
                let value = parse(text, piece, range.start, DeValue::parse)?;
                Ok((range.start, value))
            }
            Layout::Whole => {
                unreachable!("a file read whole has no meeting pieces")
            }
        }
    }
}

impl<'t> File<'t> {
    fn new(text: &'t str, layout: Layout) -> Result<File<'t>, Error> {
        let pieces = Pieces::new(text, layout);
        let mut file = File {
            pieces: Pieces { root: "".into(), ..pieces },
            header: None,
            found: Found::new(text, 0),
        };
        let root = pieces.root;
        let mut doc = parse(text, &root, 0, DeTable::parse)?;
        let inline = take_meetings(doc.get_mut());
        file.header = file.found.read_root(doc);
        match &file.pieces.layout {
            Layout::Whole => {
                for (i, meeting) in inline.into_iter().enumerate() {
                    file.found.read_meeting(meeting, 0, i);
                }
            }
            Layout::Blocks { meetings, .. }
            | Layout::Inline { meetings, .. } => {
                // Each meeting is its own piece: the two halves of a long
                // file are read side by side, their findings joined in
                // file order (the first syntax error is the first half's).
                let pieces = &file.pieces;
                let total = meetings.len();
                let halves = crate::halves::in_halves(
                    (0..total).collect(),
                    |first, indices: Vec<usize>| {
                        // The first half has room for the second's
                        // meetings, moved in after it without growing.
                        let room =
                            if first == 0 { total } else { indices.len() };
                        let mut found = Found::new(text, room);
                        for i in indices {
                            let (base, meeting) = pieces.meeting(i)?;
                            found.read_meeting(meeting, base, i);
                        }
                        Ok::<_, Error>(found)
                    },
                );
                let [first, second] = halves;
                let (first, second) = (first?, second?);
                file.found.join(first);
                file.found.join(second);
            }
        }
        file.pieces.root = root;
        Ok(file)
    }
}

impl<'t> Found<'t> {
    /// Nothing found yet, with room for `meetings` meetings: a
    /// `MeetingSpec` is large, and growing the list by doubling copied it
    /// (4% of a 10,000-meeting load, `perf`).
    fn new(text: &'t str, meetings: usize) -> Found<'t> {
        Found {
            text,
            meetings: Vec::with_capacity(meetings),
            kept: Vec::with_capacity(meetings),
            problems: Vec::new(),
        }
    }

    /// Adds what `later` found, read after everything found here.
    fn join(&mut self, mut later: Found<'t>) {
        if self.meetings.is_empty() && self.kept.is_empty() {
            self.meetings = later.meetings;
            self.kept = later.kept;
        } else {
            self.meetings.append(&mut later.meetings);
            self.kept.append(&mut later.kept);
        }
        self.problems.append(&mut later.problems);
    }

    /// The schedule's own table, read.
    fn read_root(
        &mut self,
        mut doc: Spanned<DeTable<'_>>,
    ) -> Option<ScheduleSpec> {
        let mut seen = Vec::new();
        let span = doc.span();
        self.drop_unknown(
            doc.get_mut(),
            Shape::Schedule,
            FieldPath::root(),
            0,
            None,
            span,
            &mut seen,
        );
        match ScheduleSpec::deserialize(toml::de::Deserializer::from(doc)) {
            Ok(spec) => Some(spec),
            Err(e) => {
                self.malformed(&e, 0, &seen, None);
                None
            }
        }
    }

    fn read_meeting(
        &mut self,
        mut value: Spanned<DeValue<'_>>,
        base: usize,
        index: usize,
    ) {
        let path = FieldPath::root().key("meetings").index(index);
        let span = value.span();
        let mut seen = Vec::new();
        let id = match value.get_mut() {
            DeValue::Table(table) => {
                let id = match table.get("id").map(Spanned::get_ref) {
                    Some(DeValue::String(id)) => Some(id.to_string()),
                    _ => None,
                };
                self.drop_unknown(
                    table,
                    Shape::Meeting,
                    path,
                    base,
                    id.as_deref(),
                    span,
                    &mut seen,
                );
                id
            }
            _ => {
                seen.push((span, path, Shape::Meeting));
                None
            }
        };
        // A table goes through toml's table deserializer, which names
        // the key of an error ("in `weekly.every`"); anything else is a
        // wrong type for serde to name.
        let span = value.span();
        let read = match value.into_inner() {
            DeValue::Table(table) => MeetingSpec::deserialize(
                toml::de::Deserializer::from(Spanned::new(span, table)),
            ),
            other => MeetingSpec::deserialize(
                toml::de::ValueDeserializer::from(Spanned::new(span, other)),
            ),
        };
        match read {
            Ok(meeting) => {
                self.meetings.push(meeting);
                self.kept.push(index);
            }
            Err(e) => self.malformed(&e, base, &seen, id),
        }
    }

    /// Takes every key `shape` does not take out of `table` (and of the
    /// file's tables under it), each a problem at its key.
    #[allow(clippy::too_many_arguments)]
    fn drop_unknown(
        &mut self,
        table: &mut DeTable<'_>,
        shape: Shape,
        path: FieldPath,
        base: usize,
        meeting: Option<&str>,
        span: Range<usize>,
        seen: &mut Vec<Seen>,
    ) {
        let unknown: Vec<(String, usize)> = table
            .keys()
            .filter(|k| shape.field(k.get_ref()).is_none())
            .map(|k| (k.get_ref().to_string(), k.span().start))
            .collect();
        for (key, at) in unknown {
            table.remove(key.as_str());
            let fields = shape.fields();
            let suggestion =
                crate::suggest::nearest(&key, fields.iter().copied());
            let problem =
                Problem::UnknownField { field: key.clone(), expected: fields };
            let mut invalid = Invalid::new(problem, path.clone())
                .suggest(suggestion.map(str::to_string));
            invalid.meeting = meeting.map(str::to_string);
            self.problems.push((base + at, invalid));
        }
        for (key, value) in table.iter_mut() {
            let (Some(child), Some(name)) =
                (shape.child(key.get_ref()), shape.field(key.get_ref()))
            else {
                continue;
            };
            let span = value.span();
            match value.get_mut() {
                DeValue::Table(t) => self.drop_unknown(
                    t,
                    child,
                    path.key(name),
                    base,
                    meeting,
                    span,
                    seen,
                ),
                DeValue::Array(items) => {
                    for (i, item) in items.iter_mut().enumerate() {
                        let span = item.span();
                        if let DeValue::Table(t) = item.get_mut() {
                            self.drop_unknown(
                                t,
                                child,
                                path.key(name).index(i),
                                base,
                                meeting,
                                span,
                                seen,
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        seen.push((span, path, shape));
    }

    /// A serde error of one piece as a problem: at its span, at the
    /// field named by toml's chain of keys ("in `online.url`"), with
    /// the index of the array element that holds it.
    fn malformed(
        &mut self,
        e: &toml::de::Error,
        base: usize,
        seen: &[Seen],
        meeting: Option<String>,
    ) {
        let at = e.span().map_or(0, |s| s.start);
        // The piece's own table is seen last.
        let (mut path, mut shape) = match seen.last() {
            Some((_, path, shape)) => (path.clone(), *shape),
            None => (FieldPath::root(), Shape::Schedule),
        };
        for key in keys(e) {
            let Some(name) = shape.field(&key) else { break };
            path = path.key(name);
            let Some(child) = shape.child(name) else { break };
            shape = child;
            // In an array of tables, the element that starts last
            // before the error.
            let element = seen
                .iter()
                .filter(|(span, p, _)| {
                    span.start <= at
                        && p.parts().len() == path.parts().len() + 1
                        && p.parts().starts_with(path.parts())
                })
                .max_by_key(|(span, ..)| span.start);
            if let Some((_, p, _)) = element {
                path = p.clone();
            }
        }
        let mut message = crate::serde_text::plain_message(e.message());
        // A TOML date (`starts = 2022-11-12`, unquoted) reaches serde
        // as a map; say what it is and what to write.
        let at_digit = self
            .text
            .as_bytes()
            .get(base + at)
            .is_some_and(u8::is_ascii_digit);
        if at_digit && message == "invalid type: map, expected a string" {
            message = "invalid type: TOML date or time, expected a \
                       string; put it in quotes, such as \"2022-11-12\""
                .to_string();
        }
        // `[meetings.changes]` (single brackets) is one table where the
        // file wants a list of them (issue 32 item 10).
        if message == "invalid type: map, expected a sequence" {
            let list = match path.parts().last() {
                Some(crate::error::PathPart::Key("changes")) => {
                    Some(("meetings.changes", "change"))
                }
                Some(crate::error::PathPart::Key("meetings")) => {
                    Some(("meetings", "meeting"))
                }
                _ => None,
            };
            if let Some((header, entry)) = list {
                message = format!(
                    "[{header}] with single brackets is one table, but the \
                     file wants a list: write [[{header}]] with double \
                     brackets: each {entry} is one entry of a list"
                );
            }
        }
        let message =
            crate::serde_text::missing_field_hint(&message).unwrap_or(message);
        let mut invalid = Invalid::new(Problem::Malformed(message), path);
        invalid.meeting = meeting;
        self.problems.push((base + at, invalid));
    }
}

impl File<'_> {
    /// What was read, for comparing two readings: the schedule file as
    /// far as it was read, and the problems in file order.
    fn into_spec(
        mut self,
    ) -> (Option<ScheduleSpec>, Vec<usize>, Vec<(usize, Invalid)>) {
        let mut header = self.header.take();
        if let Some(h) = &mut header {
            h.meetings = std::mem::take(&mut self.found.meetings);
        }
        self.found.problems.sort_by_key(|(at, _)| *at);
        (header, self.found.kept, self.found.problems)
    }

    /// Validates what was read; every problem, from reading or from
    /// validation, in file order with its position.
    fn into_schedule(mut self) -> Result<Schedule, Error> {
        let mut found = std::mem::take(&mut self.found.problems);
        if let Some(mut header) = self.header.take() {
            header.meetings = std::mem::take(&mut self.found.meetings);
            match Schedule::try_from(header) {
                Ok(schedule) if found.is_empty() => return Ok(schedule),
                Ok(_) => {}
                Err(Error::Invalid { first, others }) => {
                    let mut problems: Vec<Invalid> =
                        std::iter::once(*first).chain(others).collect();
                    for p in &mut problems {
                        p.path.renumber_meeting(&self.found.kept);
                    }
                    let paths: Vec<&FieldPath> =
                        problems.iter().map(|p| &p.path).collect();
                    let offsets = self.pieces.offsets(&paths);
                    let at =
                        offsets.into_iter().map(Option::unwrap_or_default);
                    found.extend(at.zip(problems));
                }
                Err(other) => return Err(other),
            }
        }
        found.sort_by_key(|(at, _)| *at);
        let at: Vec<usize> = found.iter().map(|(at, _)| *at).collect();
        let positions = Position::at_offsets(self.pieces.text, &at);
        let mut problems =
            found.into_iter().zip(positions).map(|((_, mut p), at)| {
                p.position.get_or_insert(at);
                p
            });
        let first =
            problems.next().expect("a problem, or the schedule was returned");
        Err(Error::Invalid {
            first: Box::new(first),
            others: problems.collect(),
        })
    }
}

impl Pieces<'_> {
    /// The offset of each problem's value (or of the nearest enclosing
    /// value that exists), parsing each piece they name once.
    pub(crate) fn offsets(&self, paths: &[&FieldPath]) -> Vec<Option<usize>> {
        let mut order: Vec<usize> = (0..paths.len()).collect();
        let piece = |p: &FieldPath| match (&self.layout, p.parts()) {
            (Layout::Whole, _) => None,
            (_, [PathPart::Key("meetings"), PathPart::Index(i), ..]) => {
                Some(*i)
            }
            _ => None,
        };
        order.sort_by_key(|&i| piece(paths[i]));
        let mut out = vec![None; paths.len()];
        let mut parsed: Option<(Option<usize>, usize, Spanned<DeValue<'_>>)> =
            None;
        for i in order {
            let want = piece(paths[i]);
            if parsed.as_ref().map(|(p, ..)| *p) != Some(want) {
                let value = match want {
                    None => parse(self.text, &self.root, 0, DeTable::parse)
                        .ok()
                        .map(|doc| {
                            let span = doc.span();
                            (
                                0,
                                Spanned::new(
                                    span,
                                    DeValue::Table(doc.into_inner()),
                                ),
                            )
                        }),
                    Some(m) => self.meeting(m).ok(),
                };
                parsed = value.map(|(base, v)| (want, base, v));
            }
            let skip = if want.is_some() { 2 } else { 0 };
            out[i] = parsed.as_ref().map(|(_, base, value)| {
                base + offset(value, &paths[i].parts()[skip..])
            });
        }
        out
    }
}

/// Parses one piece of `file`, the text at `base`, after checking that
/// its tree stays bounded.
fn parse<'a, T>(
    file: &str,
    piece: &'a str,
    base: usize,
    parser: impl FnOnce(&'a str) -> Result<Spanned<T>, toml::de::Error>,
) -> Result<Spanned<T>, Error> {
    let tokens = toml_layout::tokens_over(piece, MAX_TOKENS);
    if let Some(tokens) = tokens {
        let message = format!(
            "too much in one table: {tokens} TOML tokens from here, more \
             than the limit of {MAX_TOKENS} for the schedule's own table or \
             one meeting; write each meeting as its own [[meetings]] table"
        );
        return Err(syntax(file, base, message));
    }
    parser(piece).map_err(|e| syntax_error(file, base, &e))
}

fn syntax(file: &str, at: usize, message: String) -> Error {
    Error::Syntax {
        message,
        position: Some(Position::at_offset(file, at)),
        suggestion: None,
    }
}

/// A toml syntax error in our words, at its place in the file.
fn syntax_error(file: &str, base: usize, e: &toml::de::Error) -> Error {
    let mut message = crate::serde_text::plain_message(e.message());
    let mut start = e.span().map(|s| base + s.start);
    // The toml crate gives no span when a dotted key is nested too
    // deep (`a.a.a...`, a few hundred levels): point at that key.
    if start.is_none() && message == "recursion limit" {
        message = "recursion limit: a dotted key or table header is \
                   nested too deeply"
            .to_string();
        start = deepest_dotted_key(file);
    }
    Error::Syntax {
        suggestion: None,
        position: start.map(|s| Position::at_offset(file, s)),
        message,
    }
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

/// Takes the `meetings` array's elements out of a table, leaving other
/// values of `meetings` (a table, a string) for serde to name.
fn take_meetings<'i>(table: &mut DeTable<'i>) -> Vec<Spanned<DeValue<'i>>> {
    let Some(value) = table.get_mut("meetings") else {
        return Vec::new();
    };
    let DeValue::Array(items) = value.get_mut() else {
        return Vec::new();
    };
    let taken = items
        .iter_mut()
        .map(|item| {
            let blank = Spanned::new(0..0, DeValue::Boolean(false));
            std::mem::replace(item, blank)
        })
        .collect();
    table.remove("meetings");
    taken
}

/// The file with the array at `array` emptied (`[`, blanks and line
/// breaks, `]`), so that every other offset stays where it is.
fn blanked(text: &str, array: Range<usize>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[array.start + 1..array.end - 1] {
        if !matches!(*b, b'\n' | b'\r') {
            *b = b' ';
        }
    }
    // Only ASCII replaced whole UTF-8 sequences (every byte of them).
    String::from_utf8(bytes).expect("blanks and ASCII")
}

/// The keys toml names for a serde error, outermost first ("in
/// `weekly.every`" under its message when shown without the text).
fn keys(e: &toml::de::Error) -> Vec<String> {
    let mut plain = e.clone();
    plain.set_input(None);
    let shown = plain.to_string();
    let chain = shown
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("in `")?.strip_suffix('`'));
    chain.map_or_else(Vec::new, |c| c.split('.').map(str::to_string).collect())
}

/// The offset of the value at `parts` under `value`, or of the nearest
/// enclosing value that exists (a missing field points at its table).
fn offset(value: &Spanned<DeValue<'_>>, parts: &[PathPart]) -> usize {
    let mut span = value.span();
    let mut at = value.get_ref();
    for part in parts {
        let next = match (at, part) {
            (DeValue::Table(t), PathPart::Key(k)) => t.get(*k),
            (DeValue::Array(a), PathPart::Index(i)) => a.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        span = next.span();
        at = next.get_ref();
    }
    span.start
}

/// Where each field is in TOML schedule `text`: the position of its
/// value, or of the nearest enclosing value that exists (a missing
/// field points at its table); `None` where the text does not parse.
/// Each meeting's table is parsed at most once for all the paths.
///
/// ```
/// use convenor_core::{toml_positions, FieldPath};
/// let text = "name = 'x'\n[[meetings]]\nid = 'a'\nweekly = { day = 'monday' }\n";
/// let day = FieldPath::root().key("meetings").index(0).key("weekly").key("day");
/// let at = toml_positions(text, &[&day]);
/// assert_eq!(at[0].map(|p| (p.line, p.column)), Some((4, 18)));
/// ```
pub fn toml_positions(
    text: &str,
    paths: &[&FieldPath],
) -> Vec<Option<Position>> {
    let pieces = Pieces::new(text, toml_layout::layout(text));
    let offsets = pieces.offsets(paths);
    let found: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut positions = Position::at_offsets(text, &found).into_iter();
    offsets.iter().map(|o| o.and_then(|_| positions.next())).collect()
}

/// Whether reading `text` by the pieces its layout finds gives exactly
/// what reading it as one document gives: the same schedule file, or
/// the same problems (the fuzz target and tests check this; not part
/// of the stable API).
#[doc(hidden)]
pub fn toml_blocks_agree(text: &str) -> bool {
    let layout = toml_layout::layout(text);
    let too_many = toml_layout::tokens_over(text, MAX_TOKENS).is_some();
    if layout == Layout::Whole || too_many {
        return true;
    }
    let by_pieces = File::new(text, layout).map(File::into_spec);
    let whole = File::new(text, Layout::Whole).map(File::into_spec);
    match (by_pieces, whole) {
        (Ok(a), Ok(b)) => a == b,
        // A piece's syntax error is replaced by the whole document's.
        (Err(_), Err(_)) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HEADER: &str = "name = \"x\"\ntimezone = \"UTC\"\n";
    const MEETING: &str = "[[meetings]]\nid = \"a\"\nname = \"M\"\n\
        weekly = { day = \"saturday\", time = \"07:00\" }\n\
        duration = \"60m\"\nstarts = \"2022-11-12\"\n";

    fn blocks(text: &str) -> Option<usize> {
        match toml_layout::layout(text) {
            Layout::Blocks { meetings, .. } => Some(meetings.len()),
            _ => None,
        }
    }

    #[test]
    fn blocks_read_a_plain_file() {
        let b = MEETING.replace("\"a\"", "\"b\"");
        let text = format!("{HEADER}\n{MEETING}\n{b}");
        assert_eq!(blocks(&text), Some(2));
        assert!(toml_blocks_agree(&text));
        assert_eq!(blocks(crate::SEED_TOML), Some(6));
        assert!(toml_blocks_agree(crate::SEED_TOML));
    }

    /// The lexer sees `[[meetings]]` in strings as text; the rest is
    /// left to the whole-document reader.
    #[test]
    fn blocks_step_aside() {
        let in_strings = [
            format!("{HEADER}{MEETING}notes = \"\"\"\n{MEETING}\"\"\"\n"),
            format!("{HEADER}notes = '''\n[[meetings]]\n'''\n{MEETING}"),
        ];
        for text in &in_strings {
            assert_eq!(blocks(text), Some(1), "{text}");
            assert!(toml_blocks_agree(text));
        }
        let cases = [
            // The array given inline, then appended to (invalid).
            format!("{HEADER}meetings = []\n{MEETING}"),
            format!("{HEADER}[meetings]\n{MEETING}"),
            format!("{HEADER}meetings.x = 1\n{MEETING}"),
            // A root table after a meeting (an unknown field).
            format!("{HEADER}{MEETING}[other]\nx = 1\n"),
        ];
        for text in &cases {
            assert_eq!(toml_layout::layout(text), Layout::Whole, "{text}");
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
