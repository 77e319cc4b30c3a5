//! The one error type of `convenor-core`.
//!
//! Variants carry data, not prose: which meeting, which field, the bad
//! value, what was expected and the nearest valid value. Messages are
//! lowercase without a trailing period so they compose as `a: b: c`.

use crate::suggest::DateMeant;
use std::fmt;

/// A `Result` whose error is [`Error`].
///
/// ```
/// fn load(text: &str) -> convenor_core::Result<usize> {
///     Ok(convenor_core::Schedule::from_toml_str(text)?.meetings().len())
/// }
/// assert_eq!(load(convenor_core::SEED_TOML).unwrap(), 6);
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `convenor-core`.
///
/// # Example
///
/// ```
/// use convenor_core::{Error, Schedule};
///
/// let err = Schedule::from_toml_str(
///     r#"
/// name = "x"
/// timezone = "America/Los_Angles"
/// meetings = []
/// "#,
/// )
/// .unwrap_err();
/// assert!(err.is_invalid());
/// assert_eq!(
///     err.to_string(),
///     "unknown time zone \"America/Los_Angles\" (field timezone); \
///      did you mean \"America/Los_Angeles\"?",
/// );
/// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((3, 12)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The schedule has one or more invalid values or changes that cannot
    /// apply. The first is shown; [`Error::problems`] lists them all.
    #[error("{first}{}", more_suffix(.others.len()))]
    Invalid {
        /// The first problem, in file order.
        first: Box<Invalid>,
        /// The other problems, in file order.
        others: Vec<Invalid>,
    },
    /// The schedule text is not well-formed (TOML or JSON syntax, a wrong
    /// type, an unknown field).
    #[error("{message}{}", suggestion_suffix(.suggestion))]
    Syntax {
        /// What the parser said.
        message: String,
        /// Where, when known.
        position: Option<Position>,
        /// The nearest valid name, for an unknown field.
        suggestion: Option<String>,
    },
    /// A meeting id the schedule does not have.
    #[error("no meeting \"{id}\" in the schedule{}", .suggestion.as_ref().map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default())]
    UnknownMeeting {
        /// The id asked for.
        id: String,
        /// The nearest id the schedule has.
        suggestion: Option<String>,
    },
    /// A zone name the tz database in use does not have.
    #[error(transparent)]
    UnknownZone(#[from] crate::tzdata::UnknownZone),
    /// A query window whose end is not after its start.
    #[error("window end {to} is not after its start {from}")]
    EmptyWindow {
        /// The start of the window.
        from: chrono::DateTime<chrono::Utc>,
        /// The end of the window.
        to: chrono::DateTime<chrono::Utc>,
    },
    /// A query window wholly before year 1 or after 9999 (the last
    /// supported instant is 9999-12-31 00:00 UTC, so that every zone's
    /// local date of it exists).
    #[error(
        "the window from {from} to {to} is outside the years 1 to 9999 \
         that schedules cover (the last instant is 9999-12-31 00:00:00 \
         UTC); ask for a time in those years"
    )]
    WindowOutOfRange {
        /// The start asked for.
        from: chrono::DateTime<chrono::Utc>,
        /// The end asked for.
        to: chrono::DateTime<chrono::Utc>,
    },
    /// The schedule text is longer than [`crate::MAX_INPUT_BYTES`]; it is
    /// rejected before parsing, so time and memory stay bounded.
    #[error(
        "the schedule text is {bytes} bytes, more than the limit of {limit} \
         bytes; split the schedule into several files"
    )]
    TooLarge {
        /// The length of the text.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// A language tag (`--lang`, a page's `?lang=`) that names none of
    /// the languages convenor writes in ([`crate::Lang::ALL`]).
    #[error(
        "convenor does not write in \"{tag}\"; use one of {}",
        crate::lang::codes()
    )]
    UnknownLanguage {
        /// The tag as given.
        tag: String,
    },
    /// The `rrule` crate gave up looking for a meeting's next session
    /// (100,000 steps without a match), so a list would be cut short.
    #[error(
        "the RRULE of meeting {meeting} stopped matching before the end \
         of the window (rrule's search limit of 100,000 steps), so its \
         sessions cannot be listed in full; simplify the rule"
    )]
    RRuleLimit {
        /// The meeting.
        meeting: String,
    },
    /// Reading or writing a file failed. Only the crates that do I/O
    /// (publishing, the CLI) return it; `convenor-core` itself never
    /// touches a file, but every crate's error converts into this one.
    #[error("{what}")]
    Io {
        /// What was being done, with the path (`cannot write site/index.html`).
        what: String,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// A file or folder cannot be used as asked: a file where a folder
    /// is needed, a folder others can change, a lock another run held
    /// too long. `kind` says which, as `std::io` would.
    #[error("{message}")]
    Unusable {
        /// What is wrong and what to do.
        message: String,
        /// The kind of failure (`NotADirectory`, `PermissionDenied`,
        /// `WouldBlock`...).
        kind: std::io::ErrorKind,
    },
    /// A meeting id that two schedules of a [`crate::Schedules`] both
    /// use: ids become calendar UIDs, so a site needs each once.
    #[error(
        "meeting id \"{id}\" is in two schedules: {first} and {second}; ids \
         become calendar UIDs, so each is used once: rename the one in {}, \
         for example to \"{suggestion}\"{}",
        crate::quote::escape_controls(&.second.source),
        shared_more(*.others)
    )]
    SharedId {
        /// The id.
        id: String,
        /// Where it is first, in the order the schedules were given.
        first: Box<crate::SourceSpot>,
        /// Where it is again.
        second: Box<crate::SourceSpot>,
        /// An id no meeting has yet, for the second.
        suggestion: String,
        /// How many other ids are shared.
        others: usize,
    },
    /// A query asked for more work than the configured limit allows.
    #[error(
        "query would yield more than {limit} sessions; narrow the window"
    )]
    TooManySessions {
        /// The limit that was reached.
        limit: usize,
    },
}

/// A single value's problem (`"7pm".parse::<LocalTime>()?`) is an
/// invalid schedule with that one problem and no field.
///
/// ```
/// fn time() -> convenor_core::Result<convenor_core::LocalTime> {
///     Ok("7pm".parse()?)
/// }
/// assert!(time().unwrap_err().is_invalid());
/// ```
impl From<Problem> for Error {
    fn from(problem: Problem) -> Error {
        Error::from(Invalid::new(problem, FieldPath::root()))
    }
}

/// One problem of a schedule, as an error.
impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Error {
        Error::Invalid { first: Box::new(invalid), others: Vec::new() }
    }
}

impl Error {
    /// An [`Error::Io`]: `what` was being done when `source` happened.
    ///
    /// ```
    /// let err = convenor_core::Error::io(
    ///     "cannot read meetings.toml",
    ///     std::io::Error::from(std::io::ErrorKind::NotFound),
    /// );
    /// assert_eq!(err.to_string(), "cannot read meetings.toml");
    /// ```
    pub fn io(what: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io { what: what.into(), source }
    }

    /// The same error with `context: ` before what it says, for an
    /// [`Error::Io`] (`nothing was published: cannot write ...`; an empty
    /// `what` becomes `context`) or [`Error::Unusable`]; other errors are
    /// returned as they are.
    #[must_use]
    pub fn context(self, context: &str) -> Error {
        match self {
            Error::Io { what, source } if what.is_empty() => {
                Error::Io { what: context.to_string(), source }
            }
            Error::Io { what, source } => {
                Error::Io { what: format!("{context}: {what}"), source }
            }
            Error::Unusable { message, kind } => Error::Unusable {
                message: format!("{context}: {message}"),
                kind,
            },
            other => other,
        }
    }

    /// Whether the error is the input's fault (a schedule, a value, a
    /// window, a folder that is not one) rather than the machine's (a
    /// disk, a permission, a lock held too long).
    pub fn is_bad_input(&self) -> bool {
        let kind = match self {
            Error::Io { source, .. } => source.kind(),
            Error::Unusable { kind, .. } => *kind,
            _ => return true,
        };
        matches!(
            kind,
            std::io::ErrorKind::NotADirectory
                | std::io::ErrorKind::InvalidInput
        )
    }

    /// The error as compilers write it, `file:line:column: message`, one
    /// line a problem (at most [`Located::MAX_SHOWN`], then a count), and
    /// with [`Located::with_source`] each problem's source line with a
    /// caret under the column. The one rendering of every convenor error
    /// with a position: a schedule's, a calendar's, a feed's.
    ///
    /// ```
    /// let text = "name = 'x'\ntimezone = 'Europe/Lndon'\n";
    /// let err = convenor_core::Schedule::from_toml_str(text).unwrap_err();
    /// assert_eq!(
    ///     err.located("meetings.toml").to_string(),
    ///     "meetings.toml:2:12: unknown time zone \"Europe/Lndon\" (field timezone); did you mean \"Europe/London\"?\n",
    /// );
    /// assert_eq!(
    ///     err.located("meetings.toml").with_source(text).to_string(),
    ///     "meetings.toml:2:12: unknown time zone \"Europe/Lndon\" (field timezone); did you mean \"Europe/London\"?\n  \
    ///      |\n2 | timezone = 'Europe/Lndon'\n  |            ^\n",
    /// );
    /// ```
    pub fn located<'e>(&'e self, file: &'e str) -> Located<'e> {
        Located { error: self, file, text: None }
    }

    /// Whether this is a validation error (a value or change).
    pub fn is_invalid(&self) -> bool {
        matches!(self, Error::Invalid { .. })
    }

    /// Whether this is a syntax error of the file text.
    pub fn is_syntax(&self) -> bool {
        matches!(self, Error::Syntax { .. })
    }

    /// Every validation problem, in file order (empty for other errors).
    pub fn problems(&self) -> impl Iterator<Item = &Invalid> {
        let (first, others): (Option<&Invalid>, &[Invalid]) = match self {
            Error::Invalid { first, others } => (Some(first), others),
            _ => (None, &[]),
        };
        first.into_iter().chain(others)
    }

    /// The position of the (first) problem in the file text, if known.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Invalid { first, .. } => first.position,
            Error::Syntax { position, .. } => *position,
            _ => None,
        }
    }

    pub(crate) fn from_problems(mut all: Vec<Invalid>) -> Option<Error> {
        if all.is_empty() {
            return None;
        }
        let first = Box::new(all.remove(0));
        Some(Error::Invalid { first, others: all })
    }

    /// Gives positions in `text` to the validation problems that have
    /// none. `offsets` gets all their field paths at once and gives the
    /// byte offset of each value (or of the nearest enclosing value that
    /// exists), so that a loader finds them all in one pass over the text
    /// (issue 12: one pass per problem made 4,000 problems take minutes).
    ///
    /// ```
    /// let text = "name = 'x'\ntimezone = 'Mars/Olympus'";
    /// let err = convenor_core::Schedule::try_from(convenor_core::ScheduleSpec {
    ///     name: "x".into(),
    ///     timezone: Some("Mars/Olympus".into()),
    ///     ..Default::default()
    /// })
    /// .unwrap_err()
    /// .locate_in(text, |paths| paths.iter().map(|_| Some(22)).collect());
    /// assert_eq!(err.position().map(|p| (p.line, p.column)), Some((2, 12)));
    /// ```
    pub fn locate_in(
        mut self,
        text: &str,
        offsets: impl FnOnce(&[&FieldPath]) -> Vec<Option<usize>>,
    ) -> Error {
        let Error::Invalid { first, others } = &mut self else {
            return self;
        };
        let problems = std::iter::once(&mut **first).chain(others.iter_mut());
        let mut missing: Vec<&mut Invalid> =
            problems.filter(|p| p.position.is_none()).collect();
        let paths: Vec<&FieldPath> = missing.iter().map(|p| &p.path).collect();
        let found = offsets(&paths);
        let known: Vec<usize> = found.iter().flatten().copied().collect();
        let mut positions = Position::at_offsets(text, &known).into_iter();
        for (p, offset) in missing.iter_mut().zip(found) {
            if offset.is_some() {
                p.position = positions.next();
            }
        }
        self
    }
}

/// ` (and 2 more ids in two schedules)`.
fn shared_more(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (and 1 more id in two schedules)".to_string(),
        n => format!(" (and {n} more ids in two schedules)"),
    }
}

fn more_suffix(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (and 1 more problem)".to_string(),
        n => format!(" (and {n} more problems)"),
    }
}

/// `; did you mean "timezone"?`, as problems end.
fn suggestion_suffix(s: &Option<String>) -> String {
    s.as_ref().map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default()
}

/// A line and column in the file text, both 1-based (columns count
/// characters).
///
/// ```
/// let err = convenor_core::Schedule::from_toml_str("name = 'x'\ntimezone = 'Mars/Olympus'").unwrap_err();
/// let p = err.position().unwrap();
/// assert_eq!((p.line, p.column), (2, 12));
/// assert_eq!(p.to_string(), "line 2 column 12");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    ///
    /// ```
    /// use convenor_core::Position;
    /// let p = Position::at_offset("a = 1\nbé = 2", 10);
    /// assert_eq!((p.line, p.column), (2, 4));
    /// ```
    pub fn at_offset(text: &str, offset: usize) -> Position {
        Position::at_offsets(text, &[offset])[0]
    }

    /// The positions of many byte offsets in `text`, in their order, in
    /// one pass over the text: O(text + n log n), however long the lines.
    ///
    /// ```
    /// use convenor_core::Position;
    /// let at = Position::at_offsets("a = 1\nbé = 2", &[10, 0, 99]);
    /// let at: Vec<_> = at.iter().map(|p| (p.line, p.column)).collect();
    /// assert_eq!(at, [(2, 4), (1, 1), (2, 7)]);
    /// ```
    pub fn at_offsets(text: &str, offsets: &[usize]) -> Vec<Position> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_unstable_by_key(|&i| offsets[i]);
        let mut positions =
            vec![Position { line: 1, column: 1 }; offsets.len()];
        let (mut at, mut line, mut column) = (0, 1, 1);
        for i in order {
            let mut offset = offsets[i].min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let skipped = &text[at..offset];
            match skipped.rfind('\n') {
                Some(last) => {
                    line += skipped.bytes().filter(|b| *b == b'\n').count();
                    column = skipped[last + 1..].chars().count() + 1;
                }
                None => column += skipped.chars().count(),
            }
            at = offset;
            positions[i] = Position { line, column };
        }
        positions
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} column {}", self.line, self.column)
    }
}

/// Where a value sits in the schedule file: `meetings[2].changes[0].date`.
///
/// ```
/// use convenor_core::FieldPath;
/// let path = FieldPath::root().key("meetings").index(2).key("changes").index(0).key("date");
/// assert_eq!(path.to_string(), "meetings[2].changes[0].date");
/// // Indexes compare as numbers, so paths sort in file order.
/// let changes = FieldPath::root().key("changes");
/// assert!(changes.index(2) < changes.index(10));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldPath(Vec<PathPart>);

/// One step of a [`FieldPath`], for the crates that find paths in text
/// (`convenor_core::__private`, not part of the API).
///
/// ```
/// use convenor_core::{FieldPath, __private::PathPart};
/// let path = FieldPath::root().key("meetings").index(1);
/// assert_eq!(path.parts(), [PathPart::Key("meetings"), PathPart::Index(1)]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathPart {
    /// A table key.
    Key(&'static str),
    /// An array index.
    Index(usize),
}

impl FieldPath {
    /// The path of the top-level table.
    pub fn root() -> FieldPath {
        FieldPath(Vec::new())
    }

    /// This path, one key deeper.
    pub fn key(&self, key: &'static str) -> FieldPath {
        self.push(PathPart::Key(key))
    }

    /// This path, one array index deeper.
    pub fn index(&self, index: usize) -> FieldPath {
        self.push(PathPart::Index(index))
    }

    /// One allocation, of the final size (a clone and a push would
    /// take two; validation builds several paths per meeting).
    fn push(&self, part: PathPart) -> FieldPath {
        let mut parts = Vec::with_capacity(self.0.len() + 1);
        parts.extend_from_slice(&self.0);
        parts.push(part);
        FieldPath(parts)
    }

    /// The steps, outermost first (for convenor's own crates; not part
    /// of the API).
    #[doc(hidden)]
    pub fn parts(&self) -> &[PathPart] {
        &self.0
    }

    /// Gives a path into the n-th meeting read the index of that
    /// meeting in the file, `kept[n]` (a loader validates only the
    /// meetings that could be read).
    pub(crate) fn renumber_meeting(&mut self, kept: &[usize]) {
        if let [PathPart::Key("meetings"), PathPart::Index(n), ..] =
            self.0.as_mut_slice()
        {
            *n = kept.get(*n).copied().unwrap_or(*n);
        }
    }

    /// The path below the meeting (`changes[0].date`), for messages that
    /// already name the meeting.
    fn within_meeting(&self) -> &[PathPart] {
        match self.0.as_slice() {
            [PathPart::Key("meetings"), PathPart::Index(_), rest @ ..] => rest,
            all => all,
        }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_parts(f, &self.0)
    }
}

fn write_parts(f: &mut fmt::Formatter<'_>, parts: &[PathPart]) -> fmt::Result {
    for (i, part) in parts.iter().enumerate() {
        match part {
            PathPart::Key(k) if i == 0 => write!(f, "{k}")?,
            PathPart::Key(k) => write!(f, ".{k}")?,
            PathPart::Index(n) => write!(f, "[{n}]")?,
        }
    }
    Ok(())
}

/// One validation problem: what is wrong, where, and what would be right.
///
/// ```
/// let text = "name = 'x'\n[[meetings]]\nid = 'sat'\nname = 'S'\ntimezone = 'UTC'\n\
///             weekly = { day = 'saturday', time = '25:00' }\nduration = '60m'\nstarts = '2022-11-12'\n";
/// let err = convenor_core::Schedule::from_toml_str(text).unwrap_err();
/// let problem = err.problems().next().unwrap();
/// assert_eq!(problem.meeting.as_deref(), Some("sat"));
/// assert_eq!(problem.path.to_string(), "meetings[0].weekly.time");
/// assert_eq!(problem.position.map(|p| p.line), Some(6));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    /// What is wrong, with the bad value.
    pub problem: Problem,
    /// The meeting, when the problem is inside one.
    pub meeting: Option<String>,
    /// The field, as a path from the top of the file.
    pub path: FieldPath,
    /// Where in the file text, when the schedule came from text.
    pub position: Option<Position>,
    /// The nearest valid value, when there is one.
    pub suggestion: Option<String>,
}

impl Invalid {
    pub(crate) fn new(problem: Problem, path: FieldPath) -> Invalid {
        Invalid {
            problem,
            meeting: None,
            path,
            position: None,
            suggestion: None,
        }
    }

    pub(crate) fn suggest(mut self, s: Option<String>) -> Invalid {
        self.suggestion = s;
        self
    }
}

impl Invalid {
    /// What is wrong and where in the schedule's structure (the meeting
    /// and the field), without the file position or the suggestion,
    /// which are fields of their own.
    ///
    /// ```
    /// let err = convenor_core::Schedule::from_toml_str("name = 'x'\ntimezone = 'Europe/Lndon'").unwrap_err();
    /// let problem = err.problems().next().unwrap();
    /// assert_eq!(problem.message(), "unknown time zone \"Europe/Lndon\" (field timezone)");
    /// assert_eq!(problem.suggestion.as_deref(), Some("Europe/London"));
    /// ```
    pub fn message(&self) -> String {
        struct Bare<'a>(&'a Invalid);
        impl fmt::Display for Bare<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_message(f)
            }
        }
        Bare(self).to_string()
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.problem)?;
        let field = match self.meeting {
            Some(_) => self.path.within_meeting(),
            None => self.path.parts(),
        };
        match (&self.meeting, field.is_empty()) {
            (Some(m), true) => write!(f, " for meeting {m}")?,
            (Some(m), false) => {
                write!(f, " for meeting {m} (field ")?;
                write_parts(f, field)?;
                write!(f, ")")?;
            }
            (None, false) => {
                write!(f, " (field ")?;
                write_parts(f, field)?;
                write!(f, ")")?;
            }
            (None, true) => {}
        }
        Ok(())
    }
}

/// The message and the suggestion; the position is a field
/// ([`Invalid::position`]), written by [`Error::located`].
impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_message(f)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean \"{s}\"?")?;
        }
        Ok(())
    }
}

/// A date with no session due, and what is near it: the due dates just
/// before and after (within [`NoSession::LOOKBACK_DAYS`] before), and a
/// session due on another date that was moved onto this one. What a
/// `cancel` or `move` of the date, or a lookup by it, is told.
///
/// ```
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let monday = seed.meeting("co-occurring-monday").unwrap();
/// let d = |d| chrono::NaiveDate::from_ymd_opt(2022, 11, d).unwrap();
/// let why = monday.no_session(d(16)).unwrap();
/// assert_eq!((why.before, why.after), (Some(d(14)), Some(d(21))));
/// assert_eq!(
///     why.to_string(),
///     "no session is due on Wednesday 2022-11-16 (the nearest are \
///      Monday 2022-11-14 and Monday 2022-11-21)",
/// );
/// assert!(monday.no_session(d(14)).is_none());
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSession {
    /// The date asked for.
    pub date: chrono::NaiveDate,
    /// The last date before it with a session due, if any.
    pub before: Option<chrono::NaiveDate>,
    /// The first date after it with a session due, if any.
    pub after: Option<chrono::NaiveDate>,
    /// A session moved onto this date: the date it was due and its new
    /// local start.
    pub moved_here: Option<(chrono::NaiveDate, chrono::NaiveDateTime)>,
}

impl NoSession {
    /// How far back [`NoSession::before`] is looked for: a little more
    /// than a year, so that a yearly rule still has one, while the
    /// search stays bounded for any rule.
    pub const LOOKBACK_DAYS: i64 = 400;
}

impl fmt::Display for NoSession {
    /// `no session is due on Wednesday 2025-12-24 (the nearest are
    /// Tuesday 2025-12-23 and Tuesday 2025-12-30)`, or, for a date a
    /// session was moved to, `no session is due on Wednesday 2025-04-16
    /// (the session due on Thursday 2025-04-17 was moved to 2025-04-16
    /// 18:30; name it by 2025-04-17)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = |d: chrono::NaiveDate| d.format("%A %Y-%m-%d");
        write!(f, "no session is due on {}", day(self.date))?;
        if let Some((due, to)) = self.moved_here {
            return write!(
                f,
                " (the session due on {} was moved to {}; name it by {due})",
                day(due),
                to.format("%Y-%m-%d %H:%M")
            );
        }
        match (self.before, self.after) {
            (Some(b), Some(a)) => {
                write!(f, " (the nearest are {} and {})", day(b), day(a))
            }
            (Some(d), None) | (None, Some(d)) => {
                write!(f, " (the nearest is {})", day(d))
            }
            (None, None) => Ok(()),
        }
    }
}

/// What is wrong with a value or a change.
///
/// ```
/// use convenor_core::{LocalTime, Problem};
/// assert_eq!("7pm".parse::<LocalTime>(), Err(Problem::BadTime("7pm".into())));
/// assert!(Problem::BadTime("7pm".into()).to_string().starts_with("invalid time \"7pm\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// Not an IANA time zone name.
    UnknownZone(String),
    /// Not a 24-hour `HH:MM` time.
    BadTime(String),
    /// Not a duration such as `60m`, `1h30m`, `90` (minutes).
    BadDuration(String),
    /// Not a weekday name.
    BadWeekday(String),
    /// An every-N-weeks cadence outside `1..=52`.
    BadInterval(u32),
    /// Not a `YYYY-MM-DD` date (years 1..=9999).
    BadDate(String),
    /// Not a `YYYY-MM-DDTHH:MM` local date-time.
    BadDateTime(String),
    /// Not a slug (`a-z`, `0-9`, single `-` between, 1..=64 characters).
    BadId(String),
    /// Two meetings with the same id.
    DuplicateId(String),
    /// An RRULE that does not parse.
    BadRRule {
        /// The rule text.
        rule: String,
        /// What the `rrule` crate said.
        reason: String,
    },
    /// An RRULE part that convenor does not accept, with the reason.
    UnsupportedRRule {
        /// The rule text.
        rule: String,
        /// The part (`FREQ=SECONDLY`, `BYHOUR`, `UNTIL`...).
        part: String,
        /// What to do instead.
        instead: &'static str,
    },
    /// A rule that has no session at all from its first date on.
    RuleNeverMatches(String),
    /// Neither `weekly` nor `rrule` was given, or both were.
    RuleShape(&'static str),
    /// `time` is required with `rrule` and must not be given twice.
    TimeShape(&'static str),
    /// `ends` is before `starts`.
    EndsBeforeStarts {
        /// The first date.
        starts: chrono::NaiveDate,
        /// The last date.
        ends: chrono::NaiveDate,
    },
    /// A change dated before the meeting's first date.
    BeforeStarts {
        /// The change's date.
        date: chrono::NaiveDate,
        /// The meeting's first date.
        starts: chrono::NaiveDate,
    },
    /// A change dated after the meeting's last date.
    AfterEnds {
        /// The change's date.
        date: chrono::NaiveDate,
        /// The meeting's last date.
        last: chrono::NaiveDate,
    },
    /// A reschedule that sets nothing.
    EmptyReschedule,
    /// A reschedule that sets values the meeting already has: no session
    /// changes from its effective date on (refused by
    /// [`document::edit_with`](crate::document::edit_with)).
    UnchangedReschedule {
        /// Its effective date.
        effective: chrono::NaiveDate,
        /// The schedule in force then, in plain words.
        now: String,
    },
    /// A change kind other than `reschedule`, `cancel`, `move`, `extra`,
    /// `end`.
    BadChangeKind(String),
    /// A field that the change's kind does not take.
    FieldNotForKind {
        /// The field.
        field: &'static str,
        /// The kind.
        kind: &'static str,
    },
    /// `day` or `every` on a meeting whose rule at that date is an RRULE.
    WeeklyFieldOnRRule(&'static str),
    /// Two reschedules with the same `effective` and `announced` dates.
    ConflictingReschedules(chrono::NaiveDate),
    /// A `cancel` or `move` naming a date with no session.
    NoSession(NoSession),
    /// Two `cancel`/`move` changes for the same session.
    SessionChangedTwice(chrono::NaiveDate),
    /// A field that a change of this kind needs is missing.
    MissingField {
        /// The field.
        field: &'static str,
        /// The change's kind.
        kind: &'static str,
    },
    /// A key that its table does not take.
    UnknownField {
        /// The key as written.
        field: String,
        /// The keys the table takes.
        expected: &'static [&'static str],
    },
    /// A value of the wrong type, or a field that must be given and is
    /// not, in the words of the file's parser.
    Malformed(String),
    /// Neither the meeting nor the schedule gives a time zone.
    NoZone,
    /// A schedule or meeting name that is empty or only spaces.
    EmptyName,
    /// A web address that is not `https:` or `http:` with a host.
    BadUrl(String),
    /// A phone number with no digits, or with a scheme other than `tel:`.
    BadPhone(String),
    /// Not a host name or address (a UID domain such as `lifering.org`).
    BadHost(String),
    /// A language convenor does not write in (`languages`).
    BadLanguage(String),
    /// More different reminders than [`crate::MAX_REMINDERS`].
    TooManyReminders(usize),
    /// A zone file of the tz database in use that cannot be read (a
    /// FIFO, a device, more than the size limit, not TZif): the whole
    /// message, naming the zone.
    UnreadableZone(String),
    /// Two extra sessions at the same local time (one session, and one
    /// iCalendar UID, each).
    ExtraTwice(chrono::NaiveDateTime),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Problem::*;
        match self {
            UnknownZone(z) => write!(f, "unknown time zone \"{z}\""),
            BadTime(t) => write!(
                f,
                "invalid time \"{t}\", expected 24-hour `HH:MM` \
                 such as `07:00` or `18:30`"
            ),
            BadDuration(d) => write!(
                f,
                "invalid duration \"{d}\", expected minutes or hours \
                 such as `60m`, `1h30m` or `90`, from 1 minute to 24 hours"
            ),
            BadWeekday(d) => write!(
                f,
                "invalid weekday \"{d}\", expected a day such as `monday`"
            ),
            BadInterval(n) => {
                write!(f, "invalid cadence every {n} weeks, expected 1 to 52")
            }
            BadDate(d) => {
                write!(f, "invalid date \"{d}\", expected `YYYY-MM-DD` ")?;
                // A date such as 03/04/2026 is two dates: both are said
                // (one meant alone is the suggestion, `Check::value`).
                match DateMeant::of(d) {
                    Some(both @ DateMeant::Either { .. }) => {
                        write!(f, "(years 1 to 9999; {both})")
                    }
                    _ => write!(f, "(years 1 to 9999)"),
                }
            }
            BadDateTime(d) => {
                write!(
                    f,
                    "invalid local date-time \"{d}\", expected \
                     `YYYY-MM-DDTHH:MM` in the meeting's time zone"
                )?;
                match DateMeant::of(d) {
                    Some(both @ DateMeant::Either { .. }) => {
                        write!(f, " ({both})")
                    }
                    _ => Ok(()),
                }
            }
            BadId(id) => write!(
                f,
                "invalid meeting id \"{id}\", expected a slug of `a-z`, \
                 `0-9` and single `-` between, 1 to 64 characters"
            ),
            DuplicateId(id) => write!(f, "duplicate meeting id \"{id}\""),
            UnknownField { field, expected } => {
                write!(f, "unknown field `{field}`, expected ")?;
                match expected {
                    [] => write!(f, "no fields"),
                    [one] => write!(f, "`{one}`"),
                    all => {
                        write!(f, "one of ")?;
                        for (i, name) in all.iter().enumerate() {
                            let sep = if i == 0 { "" } else { ", " };
                            write!(f, "{sep}`{name}`")?;
                        }
                        Ok(())
                    }
                }
            }
            Malformed(message) => write!(f, "{message}"),
            EmptyName => write!(f, "empty name, expected the name people see"),
            BadUrl(url) => write!(
                f,
                "invalid URL \"{url}\", expected an `https:` or `http:` \
                 address with a host, such as `https://example.org/join`"
            ),
            UnreadableZone(message) => f.write_str(message),
            TooManyReminders(n) => write!(
                f,
                "{n} different reminders, more than the {} a meeting may \
                 have; keep the ones members need, such as \"15m\" and \"1h\"",
                crate::MAX_REMINDERS
            ),
            BadLanguage(tag) => write!(
                f,
                "convenor does not write in \"{tag}\", expected one of {}",
                crate::lang::codes()
            ),
            BadHost(host) => write!(
                f,
                "invalid host name \"{host}\", expected a host such as \
                 `lifering.org`"
            ),
            BadPhone(phone) => write!(
                f,
                "invalid phone number \"{phone}\", expected digits such as \
                 `+1 555 0100`, or a `tel:` URI"
            ),
            BadRRule { rule, reason } => {
                write!(f, "invalid RRULE \"{rule}\": {reason}")
            }
            UnsupportedRRule { rule, part, instead } => write!(
                f,
                "unsupported RRULE \"{rule}\": `{part}` is not accepted; \
                 {instead}"
            ),
            RuleNeverMatches(rule) => {
                write!(f, "rule {rule} has no session from its first date on")
            }
            RuleShape(what) => write!(f, "{what}"),
            TimeShape(what) => write!(f, "{what}"),
            EndsBeforeStarts { starts, ends } => {
                write!(f, "ends {ends} is before starts {starts}")
            }
            BeforeStarts { date, starts } => write!(
                f,
                "change dated {date} is before the meeting starts \
                 ({starts})"
            ),
            AfterEnds { date, last } => write!(
                f,
                "change dated {date} is after the meeting's last date \
                 ({last})"
            ),
            BadChangeKind(k) => write!(
                f,
                "unknown change kind \"{k}\", expected one of `reschedule`, \
                 `cancel`, `move`, `extra`, `end`"
            ),
            FieldNotForKind { field, kind } => {
                write!(f, "`{field}` does not apply to a {kind} change")
            }
            EmptyReschedule => write!(
                f,
                "reschedule changes nothing, expected at least one of \
                 `time`, `day`, `every`, `duration`, `weekly`, `rrule`"
            ),
            UnchangedReschedule { effective, now } => write!(
                f,
                "reschedule changes nothing: from {effective} the sessions \
                 are already {now}; give another `time`, `day`, `every` or \
                 `duration`"
            ),
            WeeklyFieldOnRRule(field) => write!(
                f,
                "`{field}` applies to a weekly rule, but the rule in \
                 force here is an RRULE; give a whole `rrule` instead"
            ),
            ConflictingReschedules(d) => write!(
                f,
                "two reschedules effective {d} with the same announced \
                 date; give them different `announced` dates or merge them"
            ),
            NoSession(n) => write!(f, "{n}"),
            SessionChangedTwice(d) => {
                write!(f, "the session due on {d} is cancelled or moved twice")
            }
            MissingField { field, kind } => {
                write!(f, "missing `{field}` (a {kind} change needs it)")
            }
            ExtraTwice(at) => write!(
                f,
                "two extra sessions at {}; keep one",
                at.format("%Y-%m-%dT%H:%M")
            ),
            NoZone => write!(
                f,
                "no time zone given (set `timezone` on the meeting or at the \
                 top of the file)"
            ),
        }
    }
}

impl std::error::Error for Problem {}

impl std::error::Error for Invalid {}

/// An error rendered with its file and positions: see [`Error::located`].
#[derive(Clone, Copy, Debug)]
pub struct Located<'e> {
    error: &'e Error,
    file: &'e str,
    text: Option<&'e str>,
}

impl<'e> Located<'e> {
    /// The most problems written; the rest are counted.
    pub const MAX_SHOWN: usize = 100;

    /// Also quotes each problem's line of `text` (the file's text) with a
    /// caret under its column.
    #[must_use]
    pub fn with_source(self, text: &'e str) -> Located<'e> {
        Located { text: Some(text), ..self }
    }

    fn line(
        &self,
        f: &mut fmt::Formatter<'_>,
        lines: Option<&crate::quote::SourceLines<'_>>,
        position: Option<Position>,
        message: &dyn fmt::Display,
    ) -> fmt::Result {
        let file = crate::quote::escape_controls(self.file);
        let message =
            crate::quote::escape_controls(&message.to_string()).into_owned();
        match position {
            Some(p) => {
                writeln!(f, "{file}:{}:{}: {message}", p.line, p.column)?
            }
            None => writeln!(f, "{file}: {message}")?,
        }
        if let (Some(lines), Some(p)) = (lines, position) {
            if let Some(excerpt) = lines.excerpt(p) {
                f.write_str(&excerpt)?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text's lines are found once, however many problems.
        let lines = self.text.map(crate::quote::SourceLines::new);
        let lines = lines.as_ref();
        match self.error {
            Error::Invalid { .. } => {
                let count = self.error.problems().count();
                for p in self.error.problems().take(Located::MAX_SHOWN) {
                    self.line(f, lines, p.position, p)?;
                }
                if count > Located::MAX_SHOWN {
                    let more = count - Located::MAX_SHOWN;
                    writeln!(
                        f,
                        "{}: and {more} more problem{} (only the first {} are shown)",
                        crate::quote::escape_controls(self.file),
                        if more == 1 { "" } else { "s" },
                        Located::MAX_SHOWN
                    )?;
                }
                Ok(())
            }
            other => self.line(f, lines, other.position(), other),
        }
    }
}
