//! What members will see of an edit, in the words convenors post.

use std::fmt;

use chrono::{Duration, NaiveDate, Timelike};

use super::edited::Edited;
use crate::change::ChangeKind;
use crate::meeting::Meeting;
use crate::occurrence::{Occurrence, Status, Window};
use crate::words::{clock12, segment_words, zone_label, DateStyle};

/// How many sessions a reschedule or a new meeting lists.
const LISTED: usize = 3;

/// What members will see of an edit ([`Edited::notice`]): the change in
/// plain words, the sessions it touches, each in the meeting's own zone,
/// and for a reschedule the meeting's line of the list as announced,
/// with its footnote.
///
/// ```
/// use convenor_core::document::{edit_toml, Edit};
///
/// let edit = Edit::extra("co-occurring-sunday", "2022-12-31T17:00");
/// let notice = edit_toml(convenor_core::SEED_TOML, &edit)?.notice();
/// assert_eq!(notice.sessions.len(), 1);
/// assert!(notice.to_string().starts_with(&notice.change));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Notice {
    /// The change as `convenor changes` lists it: `Co-Occurring
    /// Disorders (Saturday): no meeting on Saturday 26 Nov 2022
    /// (announced 20 Nov 2022) — Thanksgiving weekend`.
    pub change: String,
    /// The sessions it touches: `Saturday 26 November 2022, 7:00am
    /// Pacific: cancelled — Thanksgiving weekend`; for a reschedule or a
    /// new meeting, its first sessions.
    pub sessions: Vec<String>,
    /// For a reschedule, the list as posted on the day it was announced:
    /// the meeting's line and its footnotes (`• Saturday: 7:00am Pacific
    /// *`, `* Co-Occurring Disorders (Saturday): from ...`).
    pub announcement: Vec<String>,
}

impl fmt::Display for Notice {
    /// The change, then each session and announcement line indented by
    /// two spaces.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.change)?;
        for line in self.sessions.iter().chain(&self.announcement) {
            writeln!(f, "  {line}")?;
        }
        Ok(())
    }
}

impl Edited {
    /// What members will see: see [`Notice`].
    ///
    /// ```
    /// use convenor_core::document::{edit_toml, Edit};
    ///
    /// let edit = Edit::cancel("co-occurring-saturday", "2022-11-26")
    ///     .announced("2022-11-20")
    ///     .note("Thanksgiving weekend");
    /// let edited = edit_toml(convenor_core::SEED_TOML, &edit)?;
    /// let notice = edited.notice();
    /// assert_eq!(
    ///     notice.sessions,
    ///     ["Saturday 26 November 2022, 7:00am Pacific: cancelled — Thanksgiving weekend"]
    /// );
    /// assert_eq!(
    ///     notice.change,
    ///     "Co-Occurring Disorders (Saturday): no meeting on Saturday 26 Nov 2022 \
    ///      (announced 20 Nov 2022) — Thanksgiving weekend"
    /// );
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn notice(&self) -> Notice {
        let meeting = self.meeting();
        let Some(change) = self.change() else {
            let first =
                meeting.segments().first().map_or_else(String::new, |s| {
                    format!(", {}", segment_words(s, meeting.zone()))
                });
            return Notice {
                change: format!(
                    "{}: a new meeting{first}, from {}",
                    meeting.name(),
                    DateStyle::Long.date(meeting.starts())
                ),
                sessions: listed(meeting, meeting.starts(), "first session"),
                announcement: Vec::new(),
            };
        };
        let note = |o: &Occurrence<'_>| {
            o.note().map(|n| format!(" — {n}")).unwrap_or_default()
        };
        let before = self.before().meeting(meeting.id().as_str());
        let sessions = match &change.change.kind {
            ChangeKind::Cancel { date } => meeting
                .session_due(*date)
                .map(|o| format!("{}: cancelled{}", when(&o), note(&o)))
                .into_iter()
                .collect(),
            ChangeKind::Move { date, duration, .. } => {
                let was = before.and_then(|b| b.session_due(*date).ok());
                let now = meeting.session_due(*date).ok();
                let long = duration.map_or(String::new(), |d| {
                    format!(", {} minutes long", d.minutes())
                });
                match (was, now) {
                    (Some(was), Some(now)) => vec![format!(
                        "{}: moved to {}{long}{}",
                        when(&was),
                        when(&now),
                        note(&now)
                    )],
                    _ => Vec::new(),
                }
            }
            ChangeKind::Extra { at, .. } => extra(meeting, *at, change.index)
                .map(|o| {
                    let minutes =
                        (o.end_timestamp() - o.start_timestamp()) / 60;
                    format!(
                        "{}: extra session, {minutes} minutes{}",
                        when(&o),
                        note(&o)
                    )
                })
                .into_iter()
                .collect(),
            ChangeKind::Reschedule(r) => listed(meeting, r.effective, ""),
            ChangeKind::End { effective } => {
                let last = last_before(meeting, *effective)
                    .map(|o| format!("{}: the last session", when(&o)));
                let gone = before
                    .and_then(|b| first_from(b, *effective).into_iter().next())
                    .map(|o| format!("{}: no longer held", when(&o)));
                last.into_iter().chain(gone).collect()
            }
        };
        let announcement = match &change.change.kind {
            ChangeKind::Reschedule(r) => {
                let day = change.change.announced.unwrap_or(r.effective);
                self.announcement_lines(day, change.index)
            }
            _ => Vec::new(),
        };
        Notice { change: change.to_string(), sessions, announcement }
    }

    /// The meeting's line of the list as posted on `day`, and the
    /// footnotes it points to (with the new change's, always).
    fn announcement_lines(
        &self,
        day: NaiveDate,
        change: usize,
    ) -> Vec<String> {
        let m = self.meeting_index();
        let Ok(list) = self.schedule().announcement(day, Some(day), &[])
        else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let mut notes: Vec<usize> = Vec::new();
        if let Some(line) = list.lines.iter().find(|l| l.meeting == m) {
            lines.push(format!("• {}{}", line.text(), line.marks()));
            notes.extend(&line.footnotes);
        }
        if let Some(own) =
            list.footnotes.iter().position(|&f| f == (m, change))
        {
            if !notes.contains(&own) {
                notes.push(own);
            }
        }
        for i in notes {
            lines.push(format!(
                "{} {}",
                crate::announce::mark(i),
                list.footnote(i)
            ));
        }
        lines
    }
}

/// `Saturday 26 November 2022, 7:00am Pacific`: a session's start in its
/// meeting's zone.
fn when(o: &Occurrence<'_>) -> String {
    let start = o.start();
    format!(
        "{}, {} {}",
        DateStyle::Long.date(start.date_naive()),
        clock12(start.hour(), start.minute()),
        zone_label(o.meeting().zone())
    )
}

/// Midnight UTC a day before `date`: a window from it holds every
/// session due on `date` or later, in any zone.
fn day_before(date: NaiveDate) -> Option<chrono::DateTime<chrono::Utc>> {
    date.and_hms_opt(0, 0, 0)?.and_utc().checked_sub_signed(Duration::days(1))
}

/// The first sessions due on or after `date`, cancelled ones too.
fn first_from(meeting: &Meeting, date: NaiveDate) -> Vec<Occurrence<'_>> {
    let Some(from) = day_before(date) else { return Vec::new() };
    meeting
        .occurrences(Window::starting(from))
        .with_cancelled()
        .filter(|o| o.due() >= date)
        .take(LISTED)
        .collect()
}

/// [`first_from`] in words, the first one marked `first` (when given),
/// each with its status when it is not the usual one.
fn listed(meeting: &Meeting, date: NaiveDate, first: &str) -> Vec<String> {
    first_from(meeting, date)
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut what: Vec<String> = Vec::new();
            if i == 0 && !first.is_empty() {
                what.push(first.to_string());
            }
            match o.status() {
                Status::Scheduled => {}
                Status::Cancelled => what.push("cancelled".into()),
                Status::Moved => what.push(format!(
                    "moved from {}",
                    DateStyle::Long.date(o.due())
                )),
                Status::Extra => what.push("extra session".into()),
            }
            let note = o.note().map(|n| format!(" — {n}")).unwrap_or_default();
            match what.is_empty() {
                true => format!("{}{note}", when(o)),
                false => format!("{}: {}{note}", when(o), what.join(", ")),
            }
        })
        .collect()
}

/// The last session due before `date`.
fn last_before(meeting: &Meeting, date: NaiveDate) -> Option<Occurrence<'_>> {
    let to = date.and_hms_opt(0, 0, 0)?.and_utc() + Duration::days(1);
    let from = to.checked_sub_signed(Duration::days(400))?;
    let window = Window::new(from, to).ok()?;
    meeting.occurrences(window).filter(|o| o.due() < date).last()
}

/// The extra session that change `index` adds, at local `at`.
fn extra(
    meeting: &Meeting,
    at: chrono::NaiveDateTime,
    index: usize,
) -> Option<Occurrence<'_>> {
    let from = day_before(at.date())?;
    let window = Window::new(from, from + Duration::days(3)).ok()?;
    meeting.occurrences(window).find(|o| {
        o.status() == Status::Extra && o.change_index() == Some(index)
    })
}
