//! The schedule file of a [`Schedule`]: the `*Spec` that loads back
//! into the same schedule.

use chrono::NaiveDate;

use super::{ChangeSpec, MeetingSpec, OnlineSpec, ScheduleSpec, WeeklySpec};
use crate::change::{Change, ChangeKind};
use crate::meeting::Meeting;
use crate::rule::Pattern;
use crate::schedule::Schedule;
use crate::values::{weekday_name, Interval};
use crate::zone::Zone;

impl From<&Schedule> for ScheduleSpec {
    /// The file that loads back into the same schedule.
    fn from(s: &Schedule) -> ScheduleSpec {
        ScheduleSpec {
            name: s.name().to_string(),
            url: s.url().map(ToString::to_string),
            uid_domain: s.uid_domain().map(str::to_string),
            languages: s.languages().iter().map(ToString::to_string).collect(),
            timezone: s.timezone().map(|z| z.name().to_string()),
            area: s.area().map(str::to_string),
            meeting_guide_types: s.meeting_guide_types().clone(),
            reminders: s.reminders().iter().map(ToString::to_string).collect(),
            meetings: s
                .meetings()
                .iter()
                .map(|m| MeetingSpec::from_meeting(m, s.timezone()))
                .collect(),
        }
    }
}

impl MeetingSpec {
    fn from_meeting(m: &Meeting, default_zone: Option<Zone>) -> MeetingSpec {
        let (weekly, rrule) = pattern_spec(m.rule().pattern());
        MeetingSpec {
            id: m.id().to_string(),
            name: m.name().to_string(),
            notes: m.notes().map(str::to_string),
            timezone: (Some(m.zone()) != default_zone)
                .then(|| m.zone().name().to_string()),
            weekly,
            rrule,
            time: Some(m.rule().time().to_string()),
            duration: m.duration().to_string(),
            starts: m.starts().to_string(),
            ends: m.ends().map(|d| d.to_string()),
            tags: m.tags().to_vec(),
            convenors: m.convenors().to_vec(),
            online: m.place().online.as_ref().map(|o| OnlineSpec {
                url: o.url.as_ref().map(ToString::to_string),
                phone: o.phone.clone(),
                notes: o.notes.clone(),
            }),
            venue: m.place().venue.clone(),
            address: m.place().address.clone(),
            area: m.place().area.clone(),
            url: m.url().map(ToString::to_string),
            reminders: m
                .reminders()
                .map(|r| r.iter().map(ToString::to_string).collect()),
            changes: m.changes().iter().map(ChangeSpec::from).collect(),
        }
    }
}

/// `(weekly, rrule)` fields for a pattern; the time goes beside them.
fn pattern_spec(pattern: &Pattern) -> (Option<WeeklySpec>, Option<String>) {
    match pattern {
        Pattern::Weekly { day, every } => (
            Some(WeeklySpec {
                day: weekday_name(*day).to_string(),
                time: None,
                every: (every.weeks() != 1).then_some(every.weeks()),
            }),
            None,
        ),
        Pattern::RRule(r) => (None, Some(r.as_str().to_string())),
    }
}

fn local_text(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

impl From<&Change> for ChangeSpec {
    fn from(c: &Change) -> ChangeSpec {
        let base = ChangeSpec {
            kind: c.kind.name().to_string(),
            announced: c.announced.map(|d| d.to_string()),
            note: c.note.clone(),
            ..ChangeSpec::default()
        };
        let day = |d: NaiveDate| Some(d.to_string());
        match &c.kind {
            ChangeKind::Reschedule(r) => {
                let (weekly, rrule) = match &r.pattern {
                    Some(p) => pattern_spec(p),
                    None => (None, None),
                };
                ChangeSpec {
                    effective: day(r.effective),
                    time: r.time.map(|t| t.to_string()),
                    day: r.day.map(|d| weekday_name(d).to_string()),
                    every: r.every.map(Interval::weeks),
                    weekly,
                    rrule,
                    duration: r.duration.map(|d| d.to_string()),
                    ..base
                }
            }
            ChangeKind::Cancel { date } => {
                ChangeSpec { date: day(*date), ..base }
            }
            ChangeKind::Move { date, to, duration } => ChangeSpec {
                date: day(*date),
                to: Some(local_text(*to)),
                duration: duration.map(|d| d.to_string()),
                ..base
            },
            ChangeKind::Extra { at, duration } => ChangeSpec {
                at: Some(local_text(*at)),
                duration: duration.map(|d| d.to_string()),
                ..base
            },
            ChangeKind::End { effective } => {
                ChangeSpec { effective: day(*effective), ..base }
            }
        }
    }
}
