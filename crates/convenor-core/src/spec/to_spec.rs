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
            meetings: s
                .meetings()
                .iter()
                .map(|m| MeetingSpec::from_meeting(m, s.timezone()))
                .collect(),
            ..head(s)
        }
    }
}

/// The schedule's own fields of its file, without the meetings.
fn head(s: &Schedule) -> ScheduleSpec {
    ScheduleSpec {
        name: s.name().to_string(),
        url: s.url().map(ToString::to_string),
        uid_domain: s.uid_domain().map(str::to_string),
        languages: s.languages().iter().map(ToString::to_string).collect(),
        timezone: s.timezone().map(|z| z.name().to_string()),
        area: s.area().map(str::to_string),
        meeting_guide_types: s.meeting_guide_types().clone(),
        reminders: s.reminders().iter().map(ToString::to_string).collect(),
        meetings: Vec::new(),
    }
}

/// A schedule serializes as its file: the same fields and values as
/// [`ScheduleSpec::from`] and then its serializer give, each meeting's
/// made as it is written, so the file of 100,000 meetings is never held
/// whole (as a `ScheduleSpec` it took 90 MB, issue 30).
///
/// ```
/// use convenor_core::{Schedule, ScheduleSpec};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let spec = ScheduleSpec::from(&seed);
/// assert_eq!(toml::to_string(&seed)?, toml::to_string(&spec)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "serde")]
impl serde::Serialize for Schedule {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let head = head(self);
        SpecFile {
            name: &head.name,
            url: &head.url,
            uid_domain: &head.uid_domain,
            languages: &head.languages,
            timezone: &head.timezone,
            area: &head.area,
            meeting_guide_types: &head.meeting_guide_types,
            reminders: &head.reminders,
            meetings: Meetings(self),
        }
        .serialize(serializer)
    }
}

/// [`ScheduleSpec`]'s fields as its derived `Serialize` writes them
/// (names, order, what is left out when empty), its meetings any
/// sequence (`convenor-json`'s `prop_schedule_writes_as_its_spec`
/// holds the two equal).
#[cfg(feature = "serde")]
#[derive(serde::Serialize)]
#[serde(rename = "ScheduleSpec")]
struct SpecFile<'a, M> {
    name: &'a String,
    #[serde(skip_serializing_if = "is_none")]
    url: &'a Option<String>,
    #[serde(skip_serializing_if = "is_none")]
    uid_domain: &'a Option<String>,
    #[serde(skip_serializing_if = "is_empty")]
    languages: &'a Vec<String>,
    #[serde(skip_serializing_if = "is_none")]
    timezone: &'a Option<String>,
    #[serde(skip_serializing_if = "is_none")]
    area: &'a Option<String>,
    #[serde(skip_serializing_if = "is_no_map")]
    meeting_guide_types: &'a std::collections::BTreeMap<String, String>,
    #[serde(skip_serializing_if = "is_empty")]
    reminders: &'a Vec<String>,
    meetings: M,
}

#[cfg(feature = "serde")]
fn is_none(value: &&Option<String>) -> bool {
    value.is_none()
}

#[cfg(feature = "serde")]
fn is_empty(value: &&Vec<String>) -> bool {
    value.is_empty()
}

#[cfg(feature = "serde")]
fn is_no_map(value: &&std::collections::BTreeMap<String, String>) -> bool {
    value.is_empty()
}

/// A schedule's meetings as their [`MeetingSpec`]s, each made as it is
/// serialized.
#[cfg(feature = "serde")]
struct Meetings<'a>(&'a Schedule);

#[cfg(feature = "serde")]
impl serde::Serialize for Meetings<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let zone = self.0.timezone();
        serializer.collect_seq(
            self.0
                .meetings()
                .iter()
                .map(|m| MeetingSpec::from_meeting(m, zone)),
        )
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
