//! `convenor edit FILE ACTION ...`: one change to a schedule file, made
//! by the library (`convenor::edit`) and written atomically, or shown as
//! a diff with `--dry-run`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::Utc;
use clap::{Args, Subcommand};
use convenor::document::{unified_diff, Edit, Edited};
use convenor::{MeetingSpec, OnlineSpec, WeeklySpec};

use crate::{config, BadInput};

/// What `convenor edit` does to the meeting.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// The session due on DATE does not happen.
    ///
    /// Example: convenor edit schedule.toml cancel co-occurring-saturday 2022-11-26 --note "Thanksgiving weekend"
    Cancel {
        /// The meeting's id.
        meeting: String,
        /// The date the session is due, YYYY-MM-DD (in the meeting's zone).
        date: String,
        #[command(flatten)]
        common: Common,
    },
    /// The session due on DATE happens at another time.
    ///
    /// Example: convenor edit schedule.toml move co-occurring-saturday 2022-12-24 --to 2022-12-23T07:00
    Move {
        /// The meeting's id.
        meeting: String,
        /// The date the session is due, YYYY-MM-DD.
        date: String,
        /// The new start, YYYY-MM-DDTHH:MM in the meeting's zone.
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        to: String,
        /// Its length, if not the meeting's (60m, 1h30m).
        #[arg(long, value_name = "D")]
        duration: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// A one-off session.
    ///
    /// Example: convenor edit schedule.toml extra co-occurring-saturday --at 2022-12-31T17:00
    Extra {
        /// The meeting's id.
        meeting: String,
        /// Its start, YYYY-MM-DDTHH:MM in the meeting's zone.
        #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
        at: String,
        /// Its length, if not the meeting's (60m, 1h30m).
        #[arg(long, value_name = "D")]
        duration: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// From a date on, a new day, time, cadence or length.
    ///
    /// Example: convenor edit schedule.toml reschedule co-occurring-saturday --effective 2023-01-07 --time 08:00
    Reschedule {
        /// The meeting's id.
        meeting: String,
        /// The first date of the new schedule, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        effective: String,
        /// The new weekday (sunday).
        #[arg(long, value_name = "DAY")]
        day: Option<String>,
        /// The new time, 24-hour HH:MM.
        #[arg(long, value_name = "HH:MM")]
        time: Option<String>,
        /// Every N weeks.
        #[arg(long, value_name = "N")]
        every: Option<u32>,
        /// The new length (60m, 1h30m).
        #[arg(long, value_name = "D")]
        duration: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// No sessions from a date on.
    ///
    /// Example: convenor edit schedule.toml end co-occurring-monday --effective 2024-01-01
    End {
        /// The meeting's id.
        meeting: String,
        /// The first date with no session, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        effective: String,
        #[command(flatten)]
        common: Common,
    },
    /// A new meeting, after the others.
    ///
    /// Example: convenor edit schedule.toml add co-occurring-friday --name "Co-Occurring Disorders (Friday)" --weekly friday@12:00 --starts 2023-01-06 --tag online
    Add {
        /// Its id, a slug (a-z, 0-9, single -): it becomes the calendar
        /// UID, so it never changes.
        meeting: String,
        /// The name members see.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// A weekly rule: DAY@HH:MM (saturday@07:00).
        #[arg(
            long,
            value_name = "DAY@HH:MM",
            required_unless_present = "rrule",
            conflicts_with = "rrule"
        )]
        weekly: Option<String>,
        /// An RFC 5545 RRULE (FREQ=MONTHLY;BYDAY=2TU), with --time.
        #[arg(long, value_name = "RULE", requires = "time")]
        rrule: Option<String>,
        /// The time of an --rrule meeting, 24-hour HH:MM.
        #[arg(long, value_name = "HH:MM", requires = "rrule")]
        time: Option<String>,
        /// The first date a session may fall on, YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        starts: String,
        /// The length of a session.
        #[arg(long, value_name = "D", default_value = "60m")]
        duration: String,
        /// Its IANA zone, if not the schedule's.
        #[arg(long, value_name = "ZONE")]
        timezone: Option<String>,
        /// A tag (repeat for more): co-occurring, online, open...
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The link to join online.
        #[arg(long, value_name = "URL")]
        online_url: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

/// What every action takes.
#[derive(Debug, Args)]
pub struct Common {
    /// A note for members ("Thanksgiving weekend"); for `add`, the
    /// meeting's notes.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// When the change was announced, YYYY-MM-DD. Default: today in the
    /// schedule's zone. (A new meeting has none.)
    #[arg(long, value_name = "DATE")]
    announced: Option<String>,
    /// Print the change as a diff of the file and what members will see;
    /// write nothing.
    #[arg(long)]
    dry_run: bool,
}

/// The edit the flags ask for, and its common flags.
fn request(action: Action) -> Result<(Edit, Common)> {
    Ok(match action {
        Action::Cancel { meeting, date, common } => {
            (Edit::cancel(meeting, date), common)
        }
        Action::Move { meeting, date, to, duration, common } => {
            let edit = Edit::move_to(meeting, date, to);
            (with_duration(edit, duration), common)
        }
        Action::Extra { meeting, at, duration, common } => {
            (with_duration(Edit::extra(meeting, at), duration), common)
        }
        Action::Reschedule {
            meeting,
            effective,
            day,
            time,
            every,
            duration,
            common,
        } => {
            let mut edit = Edit::reschedule(meeting, effective);
            if let Some(day) = day {
                edit = edit.day(day);
            }
            if let Some(time) = time {
                edit = edit.time(time);
            }
            if let Some(n) = every {
                edit = edit.every(n);
            }
            (with_duration(edit, duration), common)
        }
        Action::End { meeting, effective, common } => {
            (Edit::end(meeting, effective), common)
        }
        Action::Add {
            meeting,
            name,
            weekly,
            rrule,
            time,
            starts,
            duration,
            timezone,
            tags,
            online_url,
            common,
        } => {
            if common.announced.is_some() {
                return Err(anyhow::Error::new(BadInput(
                    "--announced does not apply to `edit add`: a new \
                     meeting has no announcement date"
                        .to_string(),
                )));
            }
            let weekly = weekly.as_deref().map(weekly_flag).transpose()?;
            let spec = MeetingSpec {
                id: meeting,
                name,
                weekly,
                rrule,
                time,
                duration,
                starts,
                timezone,
                tags,
                online: online_url.map(|url| OnlineSpec {
                    url: Some(url),
                    ..OnlineSpec::default()
                }),
                ..MeetingSpec::default()
            };
            (Edit::add(spec), common)
        }
    })
}

fn with_duration(edit: Edit, duration: Option<String>) -> Edit {
    match duration {
        Some(d) => edit.duration(d),
        None => edit,
    }
}

/// `--weekly saturday@07:00`.
fn weekly_flag(text: &str) -> Result<WeeklySpec> {
    let Some((day, time)) = text.split_once('@') else {
        return Err(anyhow::Error::new(BadInput(format!(
            "invalid --weekly \"{text}\", expected DAY@HH:MM such as \
             saturday@07:00"
        ))));
    };
    Ok(WeeklySpec { day: day.into(), time: Some(time.into()), every: None })
}

/// Runs `convenor edit FILE ACTION`.
pub fn run(file: &Path, action: Action, out: &mut impl Write) -> Result<u8> {
    let (edit, common) = request(action)?;
    let name = file.display().to_string();
    let bytes = config::read(file)?;
    // Errors as `file:line:column: message` with the source line; the
    // positions of an edit's errors are in the original file.
    let shown = |e: convenor::Error| config::rendered(e, file, &bytes);
    let before = convenor::load_bytes(&bytes).map_err(shown)?;
    // load_bytes has checked that the text is UTF-8.
    let text = String::from_utf8_lossy(&bytes);
    let text = text.as_ref();
    let edit = match (&edit, common.announced) {
        (Edit::Add(_), _) => edit,
        (_, Some(date)) => edit.announced(date),
        (_, None) => {
            // Today where the schedule is (the clock is read here, the
            // library takes the date).
            let zone = before
                .timezone()
                .or_else(|| before.meeting(edit.meeting()).map(|m| m.zone()))
                .unwrap_or(convenor::Zone::utc());
            let today = Utc::now().with_timezone(&zone).date_naive();
            edit.announced(today.to_string())
        }
    };
    let edit = match common.note {
        Some(note) => edit.note(note),
        None => edit,
    };
    let edited = convenor::edit(text, &edit).map_err(shown)?;
    if common.dry_run {
        let shown = file
            .file_name()
            .map_or(name.clone(), |n| n.to_string_lossy().into_owned());
        print(out, &unified_diff(&shown, text, edited.text()))?;
        writeln!(out)?;
        members_see(out, &edited)?;
        writeln!(out, "\n--dry-run: {name} was not changed.")?;
        return Ok(0);
    }
    write(file, &bytes, edited.text())?;
    writeln!(out, "{name}: {}", done(&edited))?;
    writeln!(out)?;
    members_see(out, &edited)?;
    Ok(0)
}

/// What was done, in a few words: `cancel added to meeting
/// co-occurring-saturday`, `meeting co-occurring-friday added`.
fn done(edited: &Edited) -> String {
    let id = edited.meeting().id();
    match edited.edit() {
        Edit::Add(_) => format!("meeting {id} added"),
        edit => format!("{} added to meeting {id}", edit.kind()),
    }
}

fn members_see(out: &mut impl Write, edited: &Edited) -> Result<()> {
    writeln!(out, "Members will see:")?;
    print(out, &edited.notice().to_string())
}

/// `text` line by line, each with its control characters escaped.
fn print(out: &mut impl Write, text: &str) -> Result<()> {
    for line in text.lines() {
        writeln!(out, "{}", convenor::quote::escape_controls(line))?;
    }
    Ok(())
}

/// Replaces `file` with `text` atomically (a new file, synced, renamed
/// over it), unless the file no longer holds `read`, the bytes the edit
/// was made from: then nothing is written. A symlink's target is
/// written, and keeps its permissions.
fn write(file: &Path, read: &[u8], text: &str) -> Result<()> {
    let target: PathBuf = std::fs::canonicalize(file)
        .with_context(|| format!("cannot write {}", file.display()))?;
    let metadata = std::fs::metadata(&target)
        .with_context(|| format!("cannot write {}", file.display()))?;
    if metadata.permissions().readonly() {
        anyhow::bail!("{} is read-only; nothing was written", file.display());
    }
    let changed = std::cell::Cell::new(false);
    let result = convenor::site::publish::write_atomically(&target, |w| {
        w.write_all(text.as_bytes())
            .map_err(|e| convenor::Error::io(String::new(), e))?;
        // The last moment before the rename: the file must still be
        // what was read.
        let now = std::fs::read(&target)
            .map_err(|e| convenor::Error::io(String::new(), e))?;
        if now != read {
            changed.set(true);
            return Err(convenor::Error::io(
                String::new(),
                std::io::Error::other("changed"),
            ));
        }
        Ok(())
    });
    if changed.get() {
        anyhow::bail!(
            "{} changed on disk while it was being edited; nothing was \
             written: run the command again",
            file.display()
        );
    }
    result?;
    let mode = metadata.permissions();
    if std::fs::metadata(&target).map(|m| m.permissions()).ok()
        != Some(mode.clone())
    {
        std::fs::set_permissions(&target, mode).with_context(|| {
            format!("cannot keep the mode of {}", file.display())
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::write;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(&file, "changed by someone else\n").unwrap();
        let err = write(&file, b"as read\n", "edited\n").unwrap_err();
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "changed by someone else\n"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write(&file, b"changed by someone else\n", "edited\n").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "edited\n");
    }

    #[test]
    fn a_symlink_stays_one_and_the_mode_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.toml");
        std::fs::write(&target, "old\n").unwrap();
        std::fs::set_permissions(
            &target,
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write(&link, b"old\n", "new\n").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
