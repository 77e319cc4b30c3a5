//! Occurrence lists as JSON: one object per session, the stable machine
//! interface documented in the crate docs.

use std::io;

use chrono::{DateTime, NaiveDate, Offset, SecondsFormat, TimeZone};
use convenor_core::{Occurrence, Schedules, Zone};

use crate::digits;

/// How to write an occurrence list: a viewer zone for `local_*` fields,
/// and pretty or compact.
///
/// # Example
///
/// ```
/// use convenor_json::OccurrenceOptions;
///
/// let opts = OccurrenceOptions::new().with_viewer("Europe/London".parse::<convenor_core::Zone>().unwrap()).with_pretty(true);
/// assert_eq!(opts.viewer(), Some("Europe/London".parse::<convenor_core::Zone>().unwrap()));
/// assert!(opts.pretty());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OccurrenceOptions {
    viewer: Option<Zone>,
    pretty: bool,
}

impl OccurrenceOptions {
    /// Compact, with no viewer zone.
    ///
    /// ```
    /// let opts = convenor_json::OccurrenceOptions::new();
    /// assert_eq!((opts.viewer(), opts.pretty()), (None, false));
    /// ```
    pub fn new() -> OccurrenceOptions {
        OccurrenceOptions::default()
    }

    /// The same options with a viewer zone.
    ///
    /// ```
    /// let opts = convenor_json::OccurrenceOptions::new().with_viewer("Asia/Tokyo".parse::<convenor_core::Zone>().unwrap());
    /// assert_eq!(opts.viewer(), Some("Asia/Tokyo".parse::<convenor_core::Zone>().unwrap()));
    /// ```
    #[must_use]
    pub fn with_viewer(mut self, viewer: Zone) -> OccurrenceOptions {
        self.viewer = Some(viewer);
        self
    }

    /// The same options, pretty or compact.
    ///
    /// ```
    /// let opts = convenor_json::OccurrenceOptions::new().with_pretty(true);
    /// assert!(opts.pretty());
    /// ```
    #[must_use]
    pub fn with_pretty(mut self, pretty: bool) -> OccurrenceOptions {
        self.pretty = pretty;
        self
    }

    /// The zone of the person looking, if any: it adds `local_start`,
    /// `local_end` and `local_timezone`.
    pub fn viewer(&self) -> Option<Zone> {
        self.viewer
    }

    /// Whether to indent by two spaces and end with a newline (default:
    /// one line).
    pub fn pretty(&self) -> bool {
        self.pretty
    }
}

/// How a session's object is laid out: serde_json's compact form, or its
/// pretty form (two spaces a level) as an element of an array.
struct Layout {
    /// Before the first field, before each other field, between a key
    /// and its value, and after the last field.
    open: &'static [u8],
    between: &'static [u8],
    colon: &'static [u8],
    close: &'static [u8],
}

const COMPACT: Layout =
    Layout { open: b"{", between: b",", colon: b":", close: b"}" };

const PRETTY: Layout = Layout {
    open: b"{\n    ",
    between: b",\n    ",
    colon: b": ",
    close: b"\n  }",
};

/// The keys of a session's object, in output order (the crate docs).
const KEYS: [&str; 12] = [
    "meeting",
    "group",
    "name",
    "status",
    "start",
    "end",
    "timezone",
    "due",
    "note",
    "local_start",
    "local_end",
    "local_timezone",
];

/// Writes one session's object into a buffer kept between sessions, so
/// the writer sees one write per session and nothing is allocated.
struct Records {
    /// What goes before each value: the separator, the key and the colon
    /// of [`KEYS`] in the layout, made once.
    prefixes: [Vec<u8>; KEYS.len()],
    close: &'static [u8],
    viewer: Option<Zone>,
    buffer: Vec<u8>,
}

impl Records {
    fn new(options: &OccurrenceOptions, layout: &Layout) -> Records {
        let prefixes = std::array::from_fn(|i| {
            let before = if i == 0 { layout.open } else { layout.between };
            let key = format!("\"{}\"", KEYS[i]);
            [before, key.as_bytes(), layout.colon].concat()
        });
        Records {
            prefixes,
            close: layout.close,
            viewer: options.viewer,
            buffer: Vec::new(),
        }
    }

    /// The object of `o` (of `group`, when the sessions come from
    /// several schedules), with the fields in the order of the crate docs.
    fn write(&mut self, o: &Occurrence<'_>, group: Option<&str>) -> &[u8] {
        let (start, end) = (o.start(), o.end());
        let meeting = o.meeting();
        self.buffer.clear();
        // Room for the whole object, so no field has to grow the buffer.
        self.buffer.reserve(1024);
        let mut fields = Fields {
            out: &mut self.buffer,
            prefixes: &self.prefixes,
            next: 0,
        };
        fields.text("meeting", meeting.id().as_str());
        match group {
            Some(group) => fields.text("group", group),
            None => fields.skip("group"),
        }
        fields.text("name", meeting.name());
        fields.text("status", o.status().as_str());
        fields.instant("start", &start);
        fields.instant("end", &end);
        fields.text("timezone", meeting.zone().name());
        fields.day("due", o.due());
        match o.note() {
            Some(note) => fields.text("note", note),
            None => fields.raw("note", b"null"),
        }
        if let Some(tz) = self.viewer {
            fields.instant("local_start", &start.with_timezone(&tz));
            fields.instant("local_end", &end.with_timezone(&tz));
            fields.text("local_timezone", tz.name());
        }
        self.buffer.extend_from_slice(self.close);
        &self.buffer
    }
}

/// The fields of one object being written, in the order of [`KEYS`].
struct Fields<'b> {
    out: &'b mut Vec<u8>,
    prefixes: &'b [Vec<u8>; KEYS.len()],
    /// The index in [`KEYS`] of the next field.
    next: usize,
}

impl Fields<'_> {
    /// `"key": value` with `value` written as given (JSON already).
    fn raw(&mut self, key: &str, value: &[u8]) {
        self.key(key);
        self.out.extend_from_slice(value);
    }

    /// `"key": "text"`, escaped as serde_json escapes strings.
    fn text(&mut self, key: &str, text: &str) {
        self.key(key);
        string(self.out, text);
    }

    fn instant<Z: TimeZone>(&mut self, key: &str, t: &DateTime<Z>) {
        let offset = t.offset().fix().local_minus_utc();
        match digits::rfc3339(t.naive_local(), offset) {
            Some(text) => self.quoted(key, text),
            // Years outside 0-9999 (never a session's): chrono's form.
            None => self.text(
                key,
                &t.fixed_offset().to_rfc3339_opts(SecondsFormat::Secs, false),
            ),
        }
    }

    fn day(&mut self, key: &str, day: NaiveDate) {
        match digits::date(day) {
            Some(text) => self.quoted(key, text),
            None => self.text(key, &day.format("%Y-%m-%d").to_string()),
        }
    }

    /// `"key": "text"` for text with nothing to escape (digits), copied
    /// as one array of known length.
    fn quoted<const N: usize>(&mut self, key: &str, text: [u8; N]) {
        self.key(key);
        self.out.push(b'"');
        self.out.extend_from_slice(&text);
        self.out.push(b'"');
    }

    /// Leaves out the field `key`.
    fn skip(&mut self, key: &str) {
        debug_assert_eq!(KEYS[self.next], key, "fields in the order of KEYS");
        self.next += 1;
    }

    /// The separator, `"key"` and the colon, as made for the layout.
    fn key(&mut self, key: &str) {
        debug_assert_eq!(KEYS[self.next], key, "fields in the order of KEYS");
        self.out.extend_from_slice(&self.prefixes[self.next]);
        self.next += 1;
    }
}

/// `text` as a JSON string. serde_json escapes exactly the control
/// characters, `"` and `\`; text without them (ids, zone names, times)
/// is copied between quotes.
fn string(out: &mut Vec<u8>, text: &str) {
    // Every byte is looked at (no early exit), so the check vectorises.
    let plain = text.bytes().fold(true, |plain, b| {
        plain & (b >= 0x20) & (b != b'"') & (b != b'\\')
    });
    if plain {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(out, text).expect("a str always serializes");
    }
}

/// Writes sessions as a JSON array of objects, in the order given (the
/// core yields them by start, then meeting id), each as it comes: memory
/// does not grow with the number of sessions. Compact, or pretty with a
/// final newline, as `options` say. The fields are listed in the
/// [crate docs](crate#occurrences).
///
/// # Errors
///
/// The first error of `writer`; what was written before it stays written.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
/// use convenor_json::{occurrences_to_writer, OccurrenceOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let window = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 15, 0, 0, 0).unwrap(),
/// )?;
/// let mut out = Vec::new();
/// occurrences_to_writer(&mut out, seed.occurrences(window), &OccurrenceOptions::new())?;
/// let text = String::from_utf8(out)?;
/// assert!(text.starts_with(r#"[{"meeting":"co-occurring-saturday","#));
/// assert!(text.ends_with(r#""due":"2022-11-13","note":null}]"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn occurrences_to_writer<'s, W: io::Write>(
    writer: W,
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
) -> io::Result<()> {
    write_array(writer, occurrences, options, |_| None)
}

/// Writes the sessions of several schedules (`occurrences` of
/// `schedules`, such as [`Schedules::occurrences`]) as
/// [`occurrences_to_writer`] does, each object saying its schedule's
/// `group` ([`Schedules::group_of`]) after `meeting` when there is more
/// than one schedule; of one schedule, the same bytes as
/// [`occurrences_to_writer`].
///
/// # Errors
///
/// The first error of `writer`; what was written before it stays written.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Schedules, Window};
/// use convenor_json::{schedules_occurrences_to_writer, OccurrenceOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let other = Schedule::from_toml_str(
///     "name = 'Evening group'\n[[meetings]]\nid = 'evening'\nname = 'Evening'\n\
///      timezone = 'Europe/London'\nweekly = { day = 'saturday', time = '19:00' }\n\
///      duration = '60m'\nstarts = '2022-11-01'\n",
/// )?;
/// let site = Schedules::new([("seed.toml".into(), seed), ("groups/evening.toml".into(), other)])?;
/// let window = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 13, 0, 0, 0).unwrap(),
/// )?;
/// let mut out = Vec::new();
/// schedules_occurrences_to_writer(&mut out, &site, site.occurrences(window), &OccurrenceOptions::new())?;
/// let text = String::from_utf8(out)?;
/// assert!(text.starts_with(r#"[{"meeting":"co-occurring-saturday","group":"seed","#));
/// assert!(text.contains(r#"{"meeting":"evening","group":"evening","name":"Evening","#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedules_occurrences_to_writer<'s, W: io::Write>(
    writer: W,
    schedules: &Schedules,
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
) -> io::Result<()> {
    write_array(writer, occurrences, options, groups_in(schedules))
}

/// Which `group` each session of `schedules` says: its schedule's
/// ([`Schedules::group_of`]) when there is more than one schedule, else
/// none (one schedule's output is that of the one-schedule writers).
fn groups_in<'g>(
    schedules: &'g Schedules,
) -> impl Fn(&Occurrence<'_>) -> Option<&'g str> {
    let several = schedules.len() > 1;
    move |o| several.then(|| schedules.group_of(o.meeting())).flatten()
}

/// How a list of session objects is framed: the objects' layout, what
/// goes before the first object, before each other one and after each,
/// and what ends the list, or is the whole of an empty one.
struct Frame {
    layout: &'static Layout,
    first: &'static [u8],
    before: &'static [u8],
    after: &'static [u8],
    end: &'static [u8],
    empty: &'static [u8],
}

/// serde_json's array forms: `[a,b]`, or each element on its own line
/// indented by two spaces and a final newline; `[]` when empty.
const ARRAY: Frame = Frame {
    layout: &COMPACT,
    first: b"[",
    before: b",",
    after: b"",
    end: b"]",
    empty: b"[]",
};

const PRETTY_ARRAY: Frame = Frame {
    layout: &PRETTY,
    first: b"[\n  ",
    before: b",\n  ",
    after: b"",
    end: b"\n]\n",
    empty: b"[]\n",
};

/// JSON Lines: each compact object with its newline, so a reader has
/// every line whole as soon as it is written; nothing when empty.
const LINES: Frame = Frame {
    layout: &COMPACT,
    first: b"",
    before: b"",
    after: b"\n",
    end: b"",
    empty: b"",
};

/// The JSON array of `occurrences` (pretty or compact as `options`
/// say), each with its `group` as `group_of` says.
fn write_array<'s, 'g, W: io::Write>(
    writer: W,
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
    group_of: impl Fn(&Occurrence<'s>) -> Option<&'g str>,
) -> io::Result<()> {
    let frame = if options.pretty { &PRETTY_ARRAY } else { &ARRAY };
    write_framed(writer, frame, occurrences, options, group_of)
}

/// The objects of `occurrences` as `frame` lays them out, each written
/// as it comes, with its `group` as `group_of` says.
fn write_framed<'s, 'g, W: io::Write>(
    mut writer: W,
    frame: &Frame,
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
    group_of: impl Fn(&Occurrence<'s>) -> Option<&'g str>,
) -> io::Result<()> {
    let mut records = Records::new(options, frame.layout);
    let mut any = false;
    let mut occurrences = occurrences.into_iter();
    let mut ahead = std::collections::VecDeque::with_capacity(AHEAD + 1);
    loop {
        while ahead.len() < AHEAD {
            match occurrences.next() {
                Some(next) => {
                    warm(&next);
                    ahead.push_back(next);
                }
                None => break,
            }
        }
        let Some(o) = ahead.pop_front() else { break };
        writer.write_all(if any { frame.before } else { frame.first })?;
        writer.write_all(records.write(&o, group_of(&o)))?;
        writer.write_all(frame.after)?;
        any = true;
    }
    writer.write_all(if any { frame.end } else { frame.empty })
}

/// How many sessions [`write_framed`] takes from the iterator before it
/// writes them: 4 was the fastest of 1, 4, 8 and 16 (W1 at 100,000
/// meetings, 90 days: 0.5 s of writing became 0.28 s).
const AHEAD: usize = 4;

/// Reads the first bytes of the texts of `o`'s meeting that its object
/// copies, [`AHEAD`] sessions before it is written: sessions in time
/// order jump from meeting to meeting, and at 100,000 meetings waiting
/// for each meeting's id and name from memory was most of the writing
/// (87 % of `Fields::text` on the first load, BENCHMARKS.md issue 30);
/// the reads of the next sessions overlap with writing this one.
fn warm(o: &Occurrence<'_>) {
    let meeting = o.meeting();
    let first = |s: &str| s.as_bytes().first().copied();
    std::hint::black_box((
        first(meeting.id().as_str()),
        first(meeting.name()),
    ));
}

/// Writes sessions as [JSON Lines](https://jsonlines.org/): each one a
/// compact object of the same fields as [`occurrences_to_writer`]'s,
/// on a line of its own, written as it comes (`options.pretty` does not
/// apply). A consumer can read one session at a time.
///
/// # Errors
///
/// The first error of `writer`; what was written before it stays written.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
/// use convenor_json::{occurrences_to_json_lines, OccurrenceOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let window = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 15, 0, 0, 0).unwrap(),
/// )?;
/// let mut out = Vec::new();
/// occurrences_to_json_lines(&mut out, seed.occurrences(window), &OccurrenceOptions::new())?;
/// let text = String::from_utf8(out)?;
/// let lines: Vec<&str> = text.lines().collect();
/// assert_eq!(lines.len(), 2);
/// assert!(lines[1].starts_with(r#"{"meeting":"co-occurring-sunday","#));
/// assert!(text.ends_with("}\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn occurrences_to_json_lines<'s, W: io::Write>(
    writer: W,
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
) -> io::Result<()> {
    write_framed(writer, &LINES, occurrences, options, |_| None)
}

/// Writes the sessions of several schedules (`occurrences` of
/// `schedules`, such as [`Schedules::occurrences`]) as JSON Lines, as
/// [`occurrences_to_json_lines`] does, each object saying its schedule's
/// `group` ([`Schedules::group_of`]) after `meeting` when there is more
/// than one schedule: the objects of [`schedules_occurrences_to_writer`],
/// one a line. Of one schedule, the same bytes as
/// [`occurrences_to_json_lines`].
///
/// # Errors
///
/// The first error of `writer`; what was written before it stays written.
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Schedules, Window};
/// use convenor_json::{schedules_occurrences_to_json_lines, OccurrenceOptions};
///
/// // The seed's groups and an evening group meeting daily at 19:00 UTC.
/// let evening = "name = 'Evening'\n[[meetings]]\nid = 'evening'\nname = 'Evening'\n\
///                timezone = 'UTC'\nrrule = 'FREQ=DAILY'\ntime = '19:00'\n\
///                duration = '1h'\nstarts = '2022-11-01'\n";
/// let site = Schedules::new([
///     ("lifering.toml".into(), Schedule::from_toml_str(convenor_core::SEED_TOML)?),
///     ("evening.toml".into(), Schedule::from_toml_str(evening)?),
/// ])?;
/// // The next three sessions from Monday 14 November 2022, one a line.
/// let monday = Utc.with_ymd_and_hms(2022, 11, 14, 0, 0, 0).unwrap();
/// let mut out = Vec::new();
/// let options = OccurrenceOptions::new();
/// schedules_occurrences_to_json_lines(&mut out, &site, site.next(monday, 3), &options)?;
/// let sessions = String::from_utf8(out)?;
/// let said = |line: &str| -> Result<String, serde_json::Error> {
///     let session: serde_json::Value = serde_json::from_str(line)?;
///     Ok(format!("{} of {}", session["meeting"], session["group"]))
/// };
/// let said = sessions.lines().map(said).collect::<Result<Vec<_>, _>>()?;
/// assert_eq!(said, [
///     r#""co-occurring-sunday" of "lifering""#,
///     r#""evening" of "evening""#,
///     r#""co-occurring-monday" of "lifering""#,
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedules_occurrences_to_json_lines<'s, W: io::Write>(
    writer: W,
    schedules: &Schedules,
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
) -> io::Result<()> {
    write_framed(writer, &LINES, occurrences, options, groups_in(schedules))
}

/// Writes sessions as a JSON array of objects, in the order given (the
/// core yields them by start, then meeting id): [`occurrences_to_writer`]
/// into a string. The fields are listed in the [crate docs](crate#occurrences).
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
/// use convenor_json::{occurrences_to_string, OccurrenceOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let window = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 13, 0, 0, 0).unwrap(),
/// )?;
/// let opts = OccurrenceOptions::new().with_viewer("Europe/London".parse::<convenor_core::Zone>().unwrap());
/// let json = occurrences_to_string(seed.occurrences(window), &opts);
/// assert_eq!(
///     json,
///     r#"[{"meeting":"co-occurring-saturday","name":"Co-Occurring Disorders (Saturday)","#.to_owned()
///         + r#""status":"scheduled","start":"2022-11-12T07:00:00-08:00","end":"2022-11-12T08:00:00-08:00","#
///         + r#""timezone":"America/Los_Angeles","due":"2022-11-12","note":null,"#
///         + r#""local_start":"2022-11-12T15:00:00+00:00","local_end":"2022-11-12T16:00:00+00:00","#
///         + r#""local_timezone":"Europe/London"}]"#,
/// );
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn occurrences_to_string<'s>(
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
) -> String {
    let mut bytes = Vec::new();
    occurrences_to_writer(&mut bytes, occurrences, options)
        .expect("writing into a Vec cannot fail");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}
