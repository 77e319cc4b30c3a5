//! Edits of TOML schedule files through `toml_edit`, the toml crate's
//! own editing layer: the file's comments, order and formatting stay as
//! they are, and what is added is written as [`to_toml`](super::to_toml)
//! writes it.

use toml_edit::{
    ArrayOfTables, Decor, DocumentMut, InlineTable, Item, Table, Value,
};

use super::edit::Edit;
use super::edited::{edit_with, Edited, Insert};
use super::writer;
use crate::error::{Error, Result};
use crate::schedule::Schedule;

/// Makes `edit` in the TOML schedule file `text`: a new change goes at
/// the end of its meeting's changes as a `[[meetings.changes]]` table
/// written the way the README shows it, a new meeting after the others;
/// every comment, blank line and value of the file stays as it was. The
/// result is loaded as a whole before it is returned (see
/// [`edit_with`]).
///
/// ```
/// use convenor_core::document::{edit_toml, Edit};
///
/// let edit = Edit::cancel("co-occurring-saturday", "2022-11-26")
///     .announced("2022-11-20")
///     .note("Thanksgiving weekend");
/// let edited = edit_toml(convenor_core::SEED_TOML, &edit)?;
/// assert!(edited.text().starts_with(convenor_core::SEED_TOML));
/// assert!(edited.text().ends_with(
///     "\n\n[[meetings.changes]]\nkind = \"cancel\"\ndate = \"2022-11-26\"\n\
///      announced = \"2022-11-20\"\nnote = \"Thanksgiving weekend\"\n"
/// ));
///
/// // A date with no session: the nearest ones are suggested, and
/// // nothing is returned to write.
/// let err = edit_toml(
///     convenor_core::SEED_TOML,
///     &Edit::cancel("co-occurring-saturday", "2022-11-25"),
/// )
/// .unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "no session is due on Friday 2022-11-25 (the nearest are Saturday 2022-11-19 \
///      and Saturday 2022-11-26) for meeting co-occurring-saturday (field changes[1].date)"
/// );
/// # Ok::<(), convenor_core::Error>(())
/// ```
///
/// # Errors
///
/// As [`edit_with`]: the file's own errors, an unknown meeting (with the
/// nearest id), every problem of the edited file, a reschedule that
/// changes nothing.
pub fn edit_toml(text: &str, edit: &Edit) -> Result<Edited> {
    edit_with(text, edit, Schedule::from_toml_str, insert)
}

fn insert(text: &str, what: Insert<'_>) -> Result<String> {
    let mut doc: DocumentMut = text.parse().map_err(|e| syntax(&e))?;
    match what {
        Insert::Change { meeting, change } => {
            let mut block = String::new();
            writer::change_table(&mut block, change);
            let table = written_table(&block, Some("changes"))?;
            let meetings = doc.get_mut("meetings").ok_or_else(no_meetings)?;
            match meetings {
                Item::ArrayOfTables(all) => {
                    let m = all.get_mut(meeting).ok_or_else(no_meetings)?;
                    match m.get_mut("changes") {
                        None => {
                            let mut changes = ArrayOfTables::new();
                            changes.push(table);
                            m.insert("changes", Item::ArrayOfTables(changes));
                        }
                        Some(Item::ArrayOfTables(changes)) => {
                            changes.push(table)
                        }
                        Some(Item::Value(Value::Array(changes))) => {
                            changes.push(inline(table));
                        }
                        Some(_) => return Err(no_meetings()),
                    }
                }
                Item::Value(Value::Array(all)) => {
                    let Some(Value::InlineTable(m)) = all.get_mut(meeting)
                    else {
                        return Err(no_meetings());
                    };
                    match m.get_mut("changes") {
                        None => {
                            let mut changes = toml_edit::Array::new();
                            changes.push(inline(table));
                            last_member(m, "changes", Value::Array(changes));
                        }
                        Some(Value::Array(changes)) => {
                            changes.push(inline(table))
                        }
                        Some(_) => return Err(no_meetings()),
                    }
                }
                _ => return Err(no_meetings()),
            }
        }
        Insert::Meeting(meeting) => {
            let mut block = String::new();
            writer::meeting_table(&mut block, meeting);
            let table = written_table(&block, None)?;
            match doc.get_mut("meetings") {
                None => {
                    let mut all = ArrayOfTables::new();
                    all.push(table);
                    doc.insert("meetings", Item::ArrayOfTables(all));
                }
                Some(Item::ArrayOfTables(all)) => all.push(table),
                Some(Item::Value(Value::Array(all))) => {
                    all.push(inline(table))
                }
                Some(_) => return Err(no_meetings()),
            }
        }
    }
    Ok(doc.to_string())
}

/// The table the writer wrote as `[[meetings]]` (or, with `sub`,
/// `[[meetings.SUB]]`), to be placed after the tables before it, a blank
/// line above its header.
fn written_table(block: &str, sub: Option<&str>) -> Result<Table> {
    let mut doc: DocumentMut = block.parse().map_err(|e| syntax(&e))?;
    let item = doc.remove("meetings").ok_or_else(no_meetings)?;
    let item = match sub {
        Some(key) => item
            .into_table()
            .ok()
            .and_then(|mut t| t.remove(key))
            .ok_or_else(no_meetings)?,
        None => item,
    };
    let mut all = item.into_array_of_tables().map_err(|_| no_meetings())?;
    if all.is_empty() {
        return Err(no_meetings());
    }
    let mut table = all.remove(0);
    // No position: it goes after the table before it in the tree (the
    // meeting's last change, or the last meeting).
    table.set_position(None);
    *table.decor_mut() = Decor::default();
    Ok(table)
}

/// `key = value` after the last member of inline table `m`, with the
/// space before its `}` after the new member.
fn last_member(m: &mut InlineTable, key: &str, mut value: Value) {
    let closing = m.iter_mut().last().and_then(|(_, last)| {
        let space = last.decor().suffix().cloned();
        last.decor_mut().set_suffix("");
        space
    });
    if let Some(space) = closing {
        value.decor_mut().set_suffix(space);
    }
    m.insert(key, value);
}

/// A table as `{ ... }`, for files that write meetings or changes as
/// inline arrays.
fn inline(table: Table) -> Value {
    let mut t: InlineTable = table.into_inline_table();
    t.fmt();
    Value::InlineTable(t)
}

fn syntax(e: &toml_edit::TomlError) -> Error {
    Error::Syntax {
        message: e.message().trim_end().to_string(),
        position: None,
        suggestion: None,
    }
}

/// A file that loaded but whose meetings `toml_edit` does not find where
/// the loader did: not expected, but never a panic.
fn no_meetings() -> Error {
    Error::Syntax {
        message:
            "the file's `meetings` cannot be edited in place; write them \
                  as `[[meetings]]` tables"
                .to_string(),
        position: None,
        suggestion: None,
    }
}
