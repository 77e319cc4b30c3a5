//! Reading iCalendar text into components and properties, through the
//! `icalendar` crate's parser (`icalendar::parser`), with the position of
//! every component and property in the original text.
//!
//! What the crate's parser gets wrong on real files is worked around
//! here, in the line layer in front of it, and nowhere else:
//!
//! - it searches each value's end for `CRLF` first, so a file with bare
//!   LF line ends makes every line scan the rest of the file (quadratic
//!   time): lines are re-joined with CRLF before parsing;
//! - it descends one stack frame set per nested `BEGIN`, so a file of a
//!   million `BEGIN` lines overflows the stack: nesting deeper than
//!   [`MAX_DEPTH`] is refused before parsing;
//! - its errors count lines of the unfolded text and say little: the
//!   structure (`BEGIN`/`END`) is checked here first with positions in
//!   the original file, and a content line it cannot read is reported at
//!   its position in the original file;
//! - it unescapes TEXT values of the properties it knows and leaves the
//!   others escaped: [`Property::text`] knows which.
//!
//! (`tests/read.rs` names each case.)

use convenor_core::Position;

use crate::wire::unescape_text;
use crate::Error;

/// How deep components may nest: a VCALENDAR holds a VEVENT holding a
/// VALARM, and a VTIMEZONE its observances; real files stop at 3.
pub const MAX_DEPTH: usize = 16;

/// A component: `BEGIN:NAME` … `END:NAME`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Component {
    /// `VCALENDAR`, `VEVENT`, `VTIMEZONE`… in upper case.
    pub name: String,
    /// Its properties, in order.
    pub properties: Vec<Property>,
    /// Its sub-components, in order.
    pub components: Vec<Component>,
    /// The line of its `BEGIN`, from 1.
    pub line: usize,
}

/// A content line: `NAME;PARAM=value:VALUE`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Property {
    /// The name, upper case.
    pub name: String,
    /// Parameters (names in upper case), with quotes removed.
    pub params: Vec<(String, String)>,
    /// The value as the `icalendar` parser gives it: TEXT values of the
    /// properties it knows (`SUMMARY`, `DESCRIPTION`, `UID`…) already
    /// unescaped, others as written. [`Property::text`] is the text in
    /// every case.
    pub value: String,
    /// The line it starts on, from 1.
    pub line: usize,
    /// Whether the parser already unescaped `value`.
    unescaped: bool,
}

impl Property {
    /// The value read as TEXT (RFC 5545 §3.3.11).
    ///
    /// ```
    /// let cal = convenor_ical::__private::parse(
    ///     "BEGIN:VCALENDAR\r\nX-A:a\\, b\r\nSUMMARY:a\\, b\\\\n\r\nEND:VCALENDAR\r\n",
    /// )?;
    /// assert_eq!(cal.property("X-A").unwrap().text(), "a, b");
    /// assert_eq!(cal.property("SUMMARY").unwrap().text(), "a, b\\n");
    /// # Ok::<(), convenor_ical::Error>(())
    /// ```
    pub fn text(&self) -> String {
        if self.unescaped {
            self.value.clone()
        } else {
            unescape_text(&self.value)
        }
    }

    /// The value of parameter `name` (upper case).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Where it starts: its line, column 1.
    pub fn position(&self) -> Position {
        Position { line: self.line, column: 1 }
    }
}

impl Component {
    /// The first property called `name`.
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Every property called `name`.
    pub fn properties_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    /// Every sub-component called `name`.
    pub fn all<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Component> + 'a {
        self.components.iter().filter(move |c| c.name == name)
    }

    /// Where it starts: the line of its `BEGIN`, column 1.
    pub fn position(&self) -> Position {
        Position { line: self.line, column: 1 }
    }
}

/// Parses one iCalendar object (unfolding lines first) with the
/// `icalendar` crate's parser.
///
/// # Errors
///
/// [`Error::Calendar`] with the line and column in `text`: text longer
/// than [`convenor_core::MAX_INPUT_BYTES`], a line the parser cannot
/// read, an `END` that does not match its `BEGIN`, a component never
/// closed, nesting deeper than [`MAX_DEPTH`], or text outside the one
/// object.
///
/// ```
/// use convenor_ical::__private::parse;
/// let cal = parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:a\\, b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")?;
/// let event = cal.all("VEVENT").next().unwrap();
/// assert_eq!(event.property("SUMMARY").unwrap().text(), "a, b");
/// assert_eq!(event.line, 2);
///
/// let err = parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n").unwrap_err();
/// assert_eq!(err.to_string(), "END:VCALENDAR closes BEGIN:VEVENT of line 2");
/// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((3, 1)));
/// # Ok::<(), convenor_ical::Error>(())
/// ```
pub fn parse(text: &str) -> Result<Component, Error> {
    if text.len() > convenor_core::MAX_INPUT_BYTES {
        return Err(Error::calendar(
            format!(
                "the calendar is {} bytes, more than the limit of {} bytes",
                text.len(),
                convenor_core::MAX_INPUT_BYTES
            ),
            Some(Position { line: 1, column: 1 }),
        ));
    }
    let lines = Lines::of(text);
    lines.check_structure(text)?;
    let parsed = icalendar::parser::read_calendar_simple(&lines.joined)
        .map_err(|e| {
            let offset = lines.joined.len() - e.input.len();
            Error::calendar(
                "expected a content line NAME[;PARAM=VALUE]:VALUE, \
                 BEGIN:NAME or END:NAME",
                Some(lines.position(text, offset)),
            )
        })?;
    let kinds: Vec<(usize, Kind)> = (0..lines.starts.len())
        .map(|i| {
            let line = lines.line(i);
            let kind = if strip_prefix_ci(line, "BEGIN:").is_some() {
                Kind::Begin
            } else if strip_prefix_ci(line, "END:").is_some() {
                Kind::End
            } else {
                Kind::Property
            };
            (lines.starts[i].line, kind)
        })
        .collect();
    // check_structure found exactly one root component.
    let root = parsed.into_iter().next().ok_or_else(|| {
        Error::calendar(
            "no BEGIN:VCALENDAR",
            Some(Position::at_offset(text, 0)),
        )
    })?;
    Ok(convert(root, &kinds, &mut 0))
}

/// One logical (unfolded) line: where it starts in the joined text and
/// in the original.
#[derive(Clone, Copy)]
struct Start {
    joined: usize,
    original: usize,
    line: usize,
}

/// The text unfolded (RFC 5545 §3.1), empty lines dropped, each logical
/// line ended by CRLF; with a map back to the original for positions.
struct Lines {
    joined: String,
    /// Every logical line.
    starts: Vec<Start>,
    /// Every physical piece: (offset in joined, offset in original).
    pieces: Vec<(usize, usize)>,
}

impl Lines {
    fn of(text: &str) -> Lines {
        let mut lines = Lines {
            joined: String::with_capacity(text.len() + text.len() / 32),
            starts: Vec::new(),
            pieces: Vec::new(),
        };
        let mut offset = 0;
        let mut open = false;
        for (n, raw) in text.split_inclusive('\n').enumerate() {
            let body = raw.strip_suffix('\n').unwrap_or(raw);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if open && body.starts_with([' ', '\t']) {
                lines.pieces.push((lines.joined.len(), offset + 1));
                lines.joined.push_str(&body[1..]);
            } else {
                if open {
                    lines.joined.push_str("\r\n");
                }
                open = !body.is_empty();
                if open {
                    lines.starts.push(Start {
                        joined: lines.joined.len(),
                        original: offset,
                        line: n + 1,
                    });
                    lines.pieces.push((lines.joined.len(), offset));
                    lines.joined.push_str(body);
                }
            }
            offset += raw.len();
        }
        if open {
            lines.joined.push_str("\r\n");
        }
        lines
    }

    /// The position in `text` of byte `offset` of the joined text.
    fn position(&self, text: &str, offset: usize) -> Position {
        let i = self.pieces.partition_point(|p| p.0 <= offset);
        let Some(&(joined, original)) =
            i.checked_sub(1).map(|i| &self.pieces[i])
        else {
            return Position::at_offset(text, 0);
        };
        Position::at_offset(text, original + (offset - joined))
    }

    /// The logical line at `start`.
    fn line(&self, i: usize) -> &str {
        let from = self.starts[i].joined;
        let to =
            self.starts.get(i + 1).map_or(self.joined.len(), |s| s.joined);
        self.joined[from..to].trim_end_matches("\r\n")
    }

    /// `BEGIN`/`END` pairs, one root object, bounded depth: checked
    /// before the parser, so that its errors are positioned and it never
    /// recurses deeper than [`MAX_DEPTH`].
    fn check_structure(&self, text: &str) -> Result<(), Error> {
        let at = |i: usize| Position::at_offset(text, self.starts[i].original);
        let mut stack: Vec<(&str, usize)> = Vec::new();
        let mut closed = false;
        for i in 0..self.starts.len() {
            let line = self.line(i);
            let n = self.starts[i].line;
            if closed {
                return Err(Error::calendar(
                    "text after the end of the calendar object",
                    Some(at(i)),
                ));
            }
            if let Some(name) = strip_prefix_ci(line, "BEGIN:") {
                if stack.len() == MAX_DEPTH {
                    return Err(Error::calendar(
                        format!(
                            "components nested more than {MAX_DEPTH} deep"
                        ),
                        Some(at(i)),
                    ));
                }
                stack.push((name, n));
            } else if let Some(name) = strip_prefix_ci(line, "END:") {
                match stack.pop() {
                    None => {
                        return Err(Error::calendar(
                            format!("END:{} without BEGIN", clip(name, 40)),
                            Some(at(i)),
                        ))
                    }
                    // The parser compares the names exactly.
                    Some((open, from)) if open != name => {
                        return Err(Error::calendar(
                            format!(
                                "END:{} closes BEGIN:{} of line {from}",
                                clip(name, 40),
                                clip(open, 40)
                            ),
                            Some(at(i)),
                        ))
                    }
                    Some(_) => closed = stack.is_empty(),
                }
            } else if stack.is_empty() {
                return Err(Error::calendar(
                    "a property outside any component (BEGIN:VCALENDAR \
                     expected)",
                    Some(at(i)),
                ));
            }
        }
        if let Some((open, from)) = stack.last() {
            let open = clip(open, 40);
            return Err(Error::calendar(
                format!(
                    "the calendar ends inside BEGIN:{open} of line {from} \
                     (END:{open} expected)"
                ),
                Some(Position::at_offset(text, text.len())),
            ));
        }
        if !closed {
            return Err(Error::calendar(
                "no calendar object (BEGIN:VCALENDAR expected)",
                Some(Position::at_offset(text, text.len())),
            ));
        }
        Ok(())
    }
}

/// `text`, or its first `max` characters and `…`: values quoted in
/// messages stay short whatever a file holds (a component name of 10 MB).
pub(crate) fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => text.into(),
        Some((at, _)) => format!("{}…", &text[..at]).into(),
    }
}

fn strip_prefix_ci<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &line[prefix.len()..])
}

/// What a logical line is, for [`convert`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Begin,
    End,
    Property,
}

/// Our component from the parser's, with the line of each property and
/// component taken in file order: the parser keeps one property per
/// logical line, in order, and sub-components in order.
fn convert(
    c: icalendar::parser::Component<'_>,
    lines: &[(usize, Kind)],
    at: &mut usize,
) -> Component {
    // This component's own BEGIN.
    let line = lines.get(*at).map_or(0, |l| l.0);
    *at += 1;
    let mut properties = c.properties.into_iter();
    let mut components = c.components.into_iter();
    let mut out = Component {
        name: c.name.as_str().to_ascii_uppercase(),
        properties: Vec::with_capacity(properties.len()),
        components: Vec::with_capacity(components.len()),
        line,
    };
    while let Some(&(n, kind)) = lines.get(*at) {
        match kind {
            Kind::End => {
                *at += 1;
                break;
            }
            Kind::Begin => match components.next() {
                Some(child) => out.components.push(convert(child, lines, at)),
                None => break,
            },
            Kind::Property => {
                *at += 1;
                if let Some(p) = properties.next() {
                    out.properties.push(property(p, n));
                }
            }
        }
    }
    // Should the walk and the parser ever disagree, nothing is lost.
    out.properties.extend(properties.map(|p| property(p, 0)));
    let mut end = lines.len();
    out.components.extend(components.map(|c| convert(c, lines, &mut end)));
    out
}

fn property(p: icalendar::parser::Property<'_>, line: usize) -> Property {
    let name = p.name.as_str();
    let params: Vec<(String, String)> = p
        .params
        .iter()
        .map(|q| {
            let v = q.val.as_ref().map_or("", |v| v.as_str());
            (
                q.key.as_str().to_ascii_uppercase(),
                v.trim_matches('"').to_string(),
            )
        })
        .collect();
    Property {
        name: name.to_ascii_uppercase(),
        unescaped: parser_unescaped(name, &p.params),
        params,
        value: p.val.as_str().to_string(),
        line,
    }
}

/// Whether `icalendar`'s parser unescaped the value: it does for TEXT
/// values by the property's type (its `VALUE` parameter, else the name,
/// which it matches only in upper case), except the text lists
/// `CATEGORIES` and `RESOURCES`.
fn parser_unescaped(
    name: &str,
    params: &[icalendar::parser::Parameter<'_>],
) -> bool {
    if name.eq_ignore_ascii_case("CATEGORIES")
        || name.eq_ignore_ascii_case("RESOURCES")
    {
        return false;
    }
    let mut typed = icalendar::Property::new(name, "");
    for q in params {
        if let Some(v) = &q.val {
            typed.add_parameter(q.key.as_str(), v.as_str());
        }
    }
    typed.value_type() == Some(icalendar::ValueType::Text)
}
