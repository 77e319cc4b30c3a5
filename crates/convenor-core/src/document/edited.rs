//! The steps every format's editor shares: the file must load before the
//! edit, the edit must name a meeting the file has, and the edited text
//! must load as a whole before it is returned.

use chrono::Duration;

use super::edit::Edit;
use crate::error::{Error, FieldPath, Invalid, Position, Problem, Result};
use crate::meeting::Meeting;
use crate::occurrence::Window;
use crate::schedule::{ChangeRef, Schedule};
use crate::spec::{ChangeSpec, MeetingSpec};

/// What a format's editor writes into a schedule file's text, and
/// where: the steps around it (loading, checking, validating) are
/// [`edit_with`]'s.
///
/// ```
/// use convenor_core::document::{edit_with, Edit, Insert};
/// use convenor_core::{Schedule, ScheduleSpec};
///
/// // A writer for a format that is written whole each time.
/// let rewrite = |text: &str, insert: Insert<'_>| {
///     let mut spec = ScheduleSpec::from(&Schedule::from_toml_str(text)?);
///     match insert {
///         Insert::Change { meeting, change } => spec.meetings[meeting].changes.push(change.clone()),
///         Insert::Meeting(new) => spec.meetings.push(new.clone()),
///     }
///     Ok(convenor_core::document::to_toml(&spec))
/// };
/// let edit = Edit::cancel("co-occurring-monday", "2022-11-21");
/// let edited = edit_with(convenor_core::SEED_TOML, &edit, Schedule::from_toml_str, rewrite)?;
/// assert_eq!(edited.meeting().changes().len(), 1);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Insert<'a> {
    /// `change` goes at the end of the changes of the meeting at index
    /// `meeting` of the file's `meetings`.
    Change {
        /// The meeting's index in the file.
        meeting: usize,
        /// The change as the file writes it.
        change: &'a ChangeSpec,
    },
    /// `meeting` goes after the file's other meetings.
    Meeting(&'a MeetingSpec),
}

/// A schedule file after an [`Edit`]: the new text, which loads, and the
/// schedules before and after it.
///
/// ```
/// use convenor_core::document::{edit_toml, Edit};
///
/// let edit = Edit::cancel("co-occurring-monday", "2022-11-21").note("Holiday");
/// let edited = edit_toml(convenor_core::SEED_TOML, &edit)?;
/// assert_eq!(edited.meeting().id().as_str(), "co-occurring-monday");
/// assert_eq!(edited.before().meetings().len(), edited.schedule().meetings().len());
/// assert_eq!(edited.change().and_then(|c| c.note()), Some("Holiday"));
/// assert!(edited.text().starts_with(convenor_core::SEED_TOML.lines().next().unwrap()));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Edited {
    text: String,
    before: Schedule,
    schedule: Schedule,
    edit: Edit,
    meeting: usize,
    change: Option<usize>,
}

impl Edited {
    /// The new text of the file: the old text with the edit written into
    /// it (comments, order and formatting kept).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The new text, owned.
    pub fn into_text(self) -> String {
        self.text
    }

    /// The schedule the new text loads into.
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The schedule the old text loaded into.
    pub fn before(&self) -> &Schedule {
        &self.before
    }

    /// The edit that was made.
    pub fn edit(&self) -> &Edit {
        &self.edit
    }

    /// The meeting it changed or added, in [`Edited::schedule`].
    pub fn meeting(&self) -> &Meeting {
        &self.schedule.meetings()[self.meeting]
    }

    /// The change it appended (`None` for a new meeting), in plain words
    /// with [`ChangeRef::what`].
    pub fn change(&self) -> Option<ChangeRef<'_>> {
        self.meeting().change(self.change?)
    }

    pub(super) fn meeting_index(&self) -> usize {
        self.meeting
    }
}

/// Makes `edit` in schedule `text` with a format's own `write` (which
/// puts an [`Insert`] into the text, keeping everything else) and its
/// `load`: the text must load before the edit, the meeting must exist
/// (or, to add one, must not), and the edited text must load as a whole.
/// A byte-order mark and CRLF line ends are kept.
///
/// Errors are the loader's, with their positions in `text` (a problem
/// with the new change itself has its meeting and field but no
/// position: it is not in the file yet), [`Error::UnknownMeeting`] with
/// the nearest id, or [`Problem::UnchangedReschedule`] for a reschedule
/// that changes no session. [`edit_toml`](super::edit_toml) and
/// `convenor_json::edit` are this with their formats' writers.
///
/// # Errors
///
/// As above; `write`'s own errors are returned as they are.
///
/// ```
/// use convenor_core::document::{edit_with, Edit, Insert};
/// use convenor_core::Schedule;
///
/// fn never(_: &str, _: Insert<'_>) -> convenor_core::Result<String> {
///     unreachable!("there is no meeting of that id to write into")
/// }
/// let edit = Edit::cancel("co-occurring-mondy", "2022-11-21");
/// let err = edit_with(convenor_core::SEED_TOML, &edit, Schedule::from_toml_str, never).unwrap_err();
/// assert!(err.to_string().contains("did you mean \"co-occurring-monday\"?"), "{err}");
/// ```
pub fn edit_with(
    text: &str,
    edit: &Edit,
    load: impl Fn(&str) -> Result<Schedule>,
    write: impl FnOnce(&str, Insert<'_>) -> Result<String>,
) -> Result<Edited> {
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let before = load(body)?;
    let insert = match edit {
        Edit::Change { meeting, change } => {
            let Some(path) = before.meeting_path(meeting) else {
                let ids = before.meetings().iter().map(|m| m.id().as_str());
                return Err(Error::UnknownMeeting {
                    id: meeting.clone(),
                    suggestion: crate::suggest::nearest(meeting, ids)
                        .map(str::to_string),
                });
            };
            let meeting = match path.parts().last() {
                Some(crate::error::PathPart::Index(i)) => *i,
                _ => unreachable!("a meeting's path ends with its index"),
            };
            Insert::Change { meeting, change }
        }
        Edit::Add(m) => {
            if before.meeting(&m.id).is_some() {
                let path = FieldPath::root()
                    .key("meetings")
                    .index(before.meetings().len())
                    .key("id");
                let mut p =
                    Invalid::new(Problem::DuplicateId(m.id.clone()), path);
                p.meeting = Some(m.id.clone());
                return Err(p.into());
            }
            Insert::Meeting(m)
        }
    };
    let written = write(body, insert)?;
    let written = keep_crlf(body, written);
    let after = load(&written).map_err(|e| remap(e, body, &written))?;
    let meeting = after
        .meeting_path(edit.meeting())
        .and_then(|p| match p.parts().last() {
            Some(crate::error::PathPart::Index(i)) => Some(*i),
            _ => None,
        })
        .unwrap_or(0);
    let change = match edit {
        Edit::Change { .. } => {
            after.meetings()[meeting].changes().len().checked_sub(1)
        }
        Edit::Add(_) => None,
    };
    let edited = Edited {
        text: format!("{bom}{written}"),
        before,
        schedule: after,
        edit: edit.clone(),
        meeting,
        change,
    };
    unchanged_reschedule(&edited)?;
    Ok(edited)
}

/// A reschedule must change at least one session (start, end or
/// status) from its effective date on, over the next three years.
fn unchanged_reschedule(edited: &Edited) -> Result<()> {
    let Some(change) = edited.change() else { return Ok(()) };
    let crate::ChangeKind::Reschedule(r) = &change.change.kind else {
        return Ok(());
    };
    let after = edited.meeting();
    let Some(before) = edited.before.meeting(after.id().as_str()) else {
        return Ok(());
    };
    let from = r.effective.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    let Some(from) =
        from.and_then(|f| f.checked_sub_signed(Duration::days(1)))
    else {
        return Ok(());
    };
    let to = from.checked_add_signed(Duration::days(3 * 366 + 2));
    let Some(window) = to.and_then(|to| Window::new(from, to).ok()) else {
        return Ok(());
    };
    let sessions = |m: &Meeting| -> Vec<(i64, i64, crate::Status)> {
        m.occurrences(window)
            .with_cancelled()
            .filter(|o| o.due() >= r.effective)
            .map(|o| (o.start_timestamp(), o.end_timestamp(), o.status()))
            .collect()
    };
    if sessions(before) != sessions(after) {
        return Ok(());
    }
    let segment =
        after.segment_on(r.effective).or_else(|| after.segments().last());
    let now = segment.map_or_else(String::new, |s| {
        format!(
            "{}, {} minutes long",
            crate::words::segment_words(s, after.zone()),
            s.duration().minutes()
        )
    });
    let path = FieldPath::root()
        .key("meetings")
        .index(edited.meeting)
        .key("changes")
        .index(change.index);
    let mut p = Invalid::new(
        Problem::UnchangedReschedule { effective: r.effective, now },
        path,
    );
    p.meeting = Some(after.id().to_string());
    Err(p.into())
}

/// `written` with the line ends of the text it was made from: when
/// every line of `old` ends with CRLF, so does every line of `written`
/// (the editor writes LF). A file of mixed line ends is left as written.
fn keep_crlf(old: &str, written: String) -> String {
    let lf = old.matches('\n').count();
    if lf == 0 || old.matches("\r\n").count() != lf {
        return written;
    }
    written.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// How many items `a` and `b` share at their start, and how many more
/// at their end (never overlapping the start).
pub(super) fn common_ends<T: PartialEq>(a: &[T], b: &[T]) -> (usize, usize) {
    let start = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - start;
    let ends = a.iter().rev().zip(b.iter().rev());
    (start, ends.take(room).take_while(|(x, y)| x == y).count())
}

/// Where `new` differs from `old`: the byte range in `new` between their
/// common start and common end (on character boundaries).
pub(super) fn changed(old: &str, new: &str) -> (usize, usize) {
    let (mut start, mut same_end) =
        common_ends(old.as_bytes(), new.as_bytes());
    while !new.is_char_boundary(start) {
        start -= 1;
    }
    while !new.is_char_boundary(new.len() - same_end) {
        same_end -= 1;
    }
    (start, new.len() - same_end)
}

/// The error of the edited text `new`, with positions in the `old` text
/// it was made from: a position in the written part has none.
fn remap(mut err: Error, old: &str, new: &str) -> Error {
    let (start, end) = changed(old, new);
    let shift = |offset: usize| -> Option<usize> {
        if offset < start {
            Some(offset)
        } else if offset >= end {
            Some(offset - end + (old.len() - (new.len() - end)))
        } else {
            None
        }
    };
    let lines = LineStarts::new(new);
    let mut positions: Vec<&mut Option<Position>> = match &mut err {
        Error::Invalid { first, others } => {
            std::iter::once(&mut first.position)
                .chain(others.iter_mut().map(|p| &mut p.position))
                .collect()
        }
        Error::Syntax { position, .. } => vec![position],
        _ => Vec::new(),
    };
    let offsets: Vec<Option<usize>> = positions
        .iter()
        .map(|p| p.and_then(|p| shift(lines.offset(new, p))))
        .collect();
    let known: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut found = Position::at_offsets(old, &known).into_iter();
    for (position, offset) in positions.iter_mut().zip(offsets) {
        **position = offset.and_then(|_| found.next());
    }
    err
}

/// The byte offset of each line's start, to turn positions back into
/// offsets.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> LineStarts {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineStarts(starts)
    }

    fn offset(&self, text: &str, p: Position) -> usize {
        let line = self.0.get(p.line.saturating_sub(1)).copied();
        let start = line.unwrap_or(text.len());
        let column: usize = text[start..]
            .chars()
            .take(p.column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_part_is_between_the_common_ends() {
        assert_eq!(changed("abc", "abXc"), (2, 3));
        assert_eq!(changed("abc", "abc"), (3, 3));
        assert_eq!(changed("", "x"), (0, 1));
        // A repeated letter: the insertion is found once.
        assert_eq!(changed("aa", "aaa"), (2, 3));
        // Never inside a character.
        assert_eq!(changed("é", "è"), (0, 2));
    }

    #[test]
    fn crlf_files_get_crlf_lines() {
        let old = "a = 1\r\nb = 2\r\n";
        let new = "a = 1\r\nb = 2\r\n\n[x]\nc = 3\n".to_string();
        assert_eq!(
            keep_crlf(old, new),
            "a = 1\r\nb = 2\r\n\r\n[x]\r\nc = 3\r\n"
        );
        assert_eq!(keep_crlf("a\n", "a\nb\n".into()), "a\nb\n");
    }

    #[test]
    fn positions_after_the_written_part_move_back() {
        let old = "x\ny\n";
        let new = "x\nNEW\nNEW\ny\n";
        let at = |line, column| Some(Position { line, column });
        let err = Error::Syntax {
            message: "m".into(),
            position: at(4, 1),
            suggestion: None,
        };
        assert_eq!(remap(err, old, new).position(), at(2, 1));
        let err = Error::Syntax {
            message: "m".into(),
            position: at(3, 2),
            suggestion: None,
        };
        assert_eq!(remap(err, old, new).position(), None);
        let err = Error::Syntax {
            message: "m".into(),
            position: at(1, 1),
            suggestion: None,
        };
        assert_eq!(remap(err, old, new).position(), at(1, 1));
    }
}
