//! The schedule file's shape: plain `*Spec` structs with public fields,
//! exactly as a TOML or JSON file writes them, and the one conversion
//! that validates them into a [`Schedule`].
//!
//! Field names are part of the public contract (see the README). Values
//! stay text here so that validation, not the parser, says what is wrong
//! with them, with the meeting id, the field and a suggestion.
//!
//! ```
//! use convenor_core::{ChangeSpec, MeetingSpec, OnlineSpec, Schedule, ScheduleSpec, WeeklySpec};
//!
//! let saturday = MeetingSpec {
//!     id: "co-occurring-saturday".into(),
//!     name: "Co-Occurring Disorders (Saturday)".into(),
//!     weekly: Some(WeeklySpec { day: "saturday".into(), time: Some("09:30".into()), every: None }),
//!     duration: "60m".into(),
//!     starts: "2022-11-12".into(),
//!     online: Some(OnlineSpec { url: Some("https://example.org/join".into()), ..OnlineSpec::default() }),
//!     changes: vec![ChangeSpec {
//!         kind: "reschedule".into(),
//!         effective: Some("2022-11-12".into()),
//!         time: Some("07:00".into()),
//!         ..ChangeSpec::default()
//!     }],
//!     ..MeetingSpec::default()
//! };
//! let spec = ScheduleSpec {
//!     name: "LifeRing".into(),
//!     timezone: Some("America/Los_Angeles".into()),
//!     meetings: vec![saturday],
//!     ..ScheduleSpec::default()
//! };
//! let schedule = Schedule::try_from(spec)?;
//! // And back: the file that loads into the same schedule.
//! let again = ScheduleSpec::from(&schedule);
//! assert_eq!(again.meetings[0].changes[0].time.as_deref(), Some("07:00"));
//! # Ok::<(), convenor_core::Error>(())
//! ```

use std::collections::BTreeMap;

use crate::zone::Zone;
use chrono::NaiveDate;

use crate::change::{Change, ChangeKind, Reschedule};
use crate::error::{Error, FieldPath, Invalid, Problem};
use crate::meeting::{Meeting, Online, Place};
use crate::rule::{Pattern, RRulePattern, Rule};
use crate::schedule::Schedule;
use crate::values::{
    check_phone, check_web_url, parse_date, parse_local_datetime,
    parse_weekday, weekday_name, Interval, LocalTime, MeetingDuration,
    MeetingId, WEEKDAY_NAMES,
};

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A schedule file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(
    feature = "serde",
    serde(expecting = "a schedule with `name` and `meetings`")
)]
pub struct ScheduleSpec {
    /// The schedule's name.
    pub name: String,
    /// Its home page.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub url: Option<String>,
    /// The default IANA zone of its meetings, such as
    /// `America/Los_Angeles`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub timezone: Option<String>,
    /// The approximate place of meetings that give none, such as
    /// `Los Angeles, CA, USA` (for meeting finders that list by place).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub area: Option<String>,
    /// Meeting Guide type codes for tags, such as `{ HWYW = "LIT" }`,
    /// over the defaults (`co-occurring` is `DD`, `open` is `O`...).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "BTreeMap::is_empty")
    )]
    pub meeting_guide_types: BTreeMap<String, String>,
    /// How long before each session calendars remind (`["15m", "1h"]`),
    /// for meetings that do not say.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub reminders: Vec<String>,
    /// The meetings.
    #[cfg_attr(feature = "serde", serde(default))]
    pub meetings: Vec<MeetingSpec>,
}

/// A meeting in a schedule file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(
    feature = "serde",
    serde(
        expecting = "a meeting with `id`, `name`, a rule, `duration` and `starts`"
    )
)]
pub struct MeetingSpec {
    /// The stable id, a slug of `a-z`, `0-9` and single `-` (it becomes
    /// the iCalendar UID and the Meeting Guide slug).
    pub id: String,
    /// The name members see.
    pub name: String,
    /// Notes for members.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub notes: Option<String>,
    /// The IANA zone of the meeting's times; default: the schedule's.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub timezone: Option<String>,
    /// A weekly rule (give this or `rrule`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub weekly: Option<WeeklySpec>,
    /// An RFC 5545 RRULE (give this or `weekly`), with `time`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub rrule: Option<String>,
    /// The local time, `HH:MM`, with `rrule` (or instead of
    /// `weekly.time`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub time: Option<String>,
    /// The session length (`60m`, `1h30m`, `90`).
    pub duration: String,
    /// The first date a session may fall on, `YYYY-MM-DD`.
    pub starts: String,
    /// The last date a session may fall on, if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub ends: Option<String>,
    /// Tags: focus (`co-occurring`), format (`HWYW`), `open`/`closed`,
    /// `online`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub tags: Vec<String>,
    /// Convenors.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub convenors: Vec<String>,
    /// How to join online.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub online: Option<OnlineSpec>,
    /// A street address for in-person meetings.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub address: Option<String>,
    /// An approximate place (`Los Angeles, CA, USA`), for an online
    /// meeting; default: the schedule's `area`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub area: Option<String>,
    /// The meeting's own page (its listing on the fellowship's site).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub url: Option<String>,
    /// Its own reminders (`[]` for none); default: the schedule's.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub reminders: Option<Vec<String>>,
    /// The history of changes: reschedules, cancellations, moves, extra
    /// sessions, an end.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub changes: Vec<ChangeSpec>,
}

/// `weekly = { day = "saturday", time = "07:00", every = 2 }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(
    feature = "serde",
    serde(
        expecting = "a weekly rule such as `{ day = \"saturday\", time = \"07:00\" }`"
    )
)]
pub struct WeeklySpec {
    /// The weekday: `monday` to `sunday` (or `mon`, `mo`...).
    pub day: String,
    /// The local time, `HH:MM` (or give `time` beside `weekly`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub time: Option<String>,
    /// Every how many weeks (default 1).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub every: Option<u32>,
}

/// `online = { url = "...", phone = "...", notes = "..." }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(
    feature = "serde",
    serde(expecting = "online details with `url`, `phone` or `notes`")
)]
pub struct OnlineSpec {
    /// The video-conference link.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub url: Option<String>,
    /// A dial-in number.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<String>,
    /// Meeting ID, passcode and the like.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub notes: Option<String>,
}

/// One change. `kind` says which fields apply:
///
/// | kind | fields |
/// | --- | --- |
/// | `reschedule` | `effective`; any of `time`, `day`, `every`, `duration`, `weekly`, `rrule` |
/// | `cancel` | `date` |
/// | `move` | `date`, `to`; optional `duration` |
/// | `extra` | `at`; optional `duration` |
/// | `end` | `effective` |
///
/// Every kind may have `announced` and `note`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(expecting = "a change with `kind`"))]
pub struct ChangeSpec {
    /// `reschedule`, `cancel`, `move`, `extra` or `end`.
    #[cfg_attr(
        feature = "schemars",
        schemars(extend("enum" = ["reschedule", "cancel", "move", "extra", "end"]))
    )]
    pub kind: String,
    /// When it was announced, `YYYY-MM-DD`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub announced: Option<String>,
    /// A note for members.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub note: Option<String>,
    /// `reschedule`, `end`: the first date it applies to.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub effective: Option<String>,
    /// `cancel`, `move`: the date the session was due.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub date: Option<String>,
    /// `move`: the new local start, `YYYY-MM-DDTHH:MM`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub to: Option<String>,
    /// `extra`: the local start, `YYYY-MM-DDTHH:MM`.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub at: Option<String>,
    /// `reschedule`: a new local time.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub time: Option<String>,
    /// `reschedule`: a new weekday.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub day: Option<String>,
    /// `reschedule`: a new cadence in weeks.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub every: Option<u32>,
    /// `reschedule`: a whole new weekly rule.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub weekly: Option<WeeklySpec>,
    /// `reschedule`: a whole new RRULE.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub rrule: Option<String>,
    /// `reschedule`, `move`, `extra`: a session length.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub duration: Option<String>,
}

const CHANGE_KINDS: [&str; 5] =
    ["reschedule", "cancel", "move", "extra", "end"];

/// Collects problems while converting, so a file reports all of them.
struct Check {
    problems: Vec<Invalid>,
    meeting: Option<String>,
}

impl Check {
    fn report(&mut self, mut p: Invalid) {
        p.meeting = p.meeting.or_else(|| self.meeting.clone());
        self.problems.push(p);
    }

    fn value<T>(
        &mut self,
        path: FieldPath,
        parsed: Result<T, Problem>,
        suggest: impl FnOnce() -> Option<String>,
    ) -> Option<T> {
        parsed
            .map_err(|p| self.report(Invalid::new(p, path).suggest(suggest())))
            .ok()
    }

    fn opt<T>(
        &mut self,
        path: FieldPath,
        text: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, Problem>,
    ) -> Option<Option<T>> {
        match text {
            None => Some(None),
            Some(t) => self.value(path, parse(t), || None).map(Some),
        }
    }

    fn zone(&mut self, path: FieldPath, name: &str) -> Option<Zone> {
        match crate::Tzdata::current().zone(name) {
            Ok(zone) => Some(zone),
            Err(e) => {
                let invalid = Invalid::new(Problem::UnknownZone(e.name), path);
                self.report(invalid.suggest(e.suggestion));
                None
            }
        }
    }

    /// A 24-hour time; `7pm` and the like get their `HH:MM` suggested.
    fn time(&mut self, path: FieldPath, text: &str) -> Option<LocalTime> {
        self.value(path, text.parse(), || crate::suggest::time24(text))
    }

    fn weekday(
        &mut self,
        path: FieldPath,
        name: &str,
    ) -> Option<chrono::Weekday> {
        self.value(path, parse_weekday(name), || {
            crate::suggest::nearest(name, WEEKDAY_NAMES).map(str::to_string)
        })
    }

    fn interval(
        &mut self,
        path: FieldPath,
        every: Option<u32>,
    ) -> Option<Option<Interval>> {
        match every {
            None => Some(None),
            Some(n) => self.value(path, Interval::new(n), || None).map(Some),
        }
    }

    /// Reminder lengths (`15m`, `1h`), each checked.
    fn reminders(
        &mut self,
        path: &FieldPath,
        texts: &[String],
    ) -> Option<Vec<MeetingDuration>> {
        let parsed: Vec<Option<MeetingDuration>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| self.value(path.index(i), t.parse(), || None))
            .collect();
        parsed.into_iter().collect()
    }

    /// Names are what people see in every view and feed: not empty.
    fn name(&mut self, path: FieldPath, name: &str) {
        if name.trim().is_empty() {
            self.shape(path, Problem::EmptyName);
        }
    }

    fn shape(&mut self, path: FieldPath, problem: Problem) {
        self.report(Invalid::new(problem, path));
    }
}

impl TryFrom<ScheduleSpec> for Schedule {
    type Error = Error;

    /// Validates a schedule file: every problem is reported, in file
    /// order, with its meeting, field and a suggestion.
    fn try_from(spec: ScheduleSpec) -> Result<Schedule, Error> {
        let root = FieldPath::root();
        let mut check = Check { problems: Vec::new(), meeting: None };
        let default_zone = spec
            .timezone
            .as_deref()
            .and_then(|z| check.zone(root.key("timezone"), z));
        check.name(root.key("name"), &spec.name);
        if let Some(url) = &spec.url {
            check.value(root.key("url"), check_web_url(url), || None);
        }
        let mut meetings = Vec::with_capacity(spec.meetings.len());
        let has_zone = spec.timezone.is_some();
        for (i, m) in spec.meetings.into_iter().enumerate() {
            let path = root.key("meetings").index(i);
            // A meeting is named by its id only when the id is valid;
            // otherwise problems give its place (`meetings[2]`).
            check.meeting = MeetingId::new(&m.id).ok().map(|_| m.id.clone());
            let zone = match (&m.timezone, has_zone) {
                (Some(z), _) => check.zone(path.key("timezone"), z),
                (None, true) => default_zone,
                (None, false) => {
                    check.shape(path.key("timezone"), Problem::NoZone);
                    None
                }
            };
            if let Some(meeting) = meeting(&mut check, &path, m, zone) {
                match meeting.rebuilt(&path) {
                    Ok(m) => meetings.push(m),
                    Err(problems) => check.problems.extend(problems),
                }
            }
        }
        let reminders =
            check.reminders(&root.key("reminders"), &spec.reminders);
        if let Some(err) = Error::from_problems(check.problems) {
            return Err(err);
        }
        Ok(Schedule::new(spec.name, default_zone, meetings)?
            .with_reminders(reminders.unwrap_or_default())
            .with_url(spec.url)
            .with_area(spec.area)
            .with_meeting_guide_types(spec.meeting_guide_types))
    }
}

/// A meeting's values, before its history is folded in. Its text moves
/// into the meeting (no copies of names, tags or notes).
fn meeting(
    check: &mut Check,
    path: &FieldPath,
    m: MeetingSpec,
    zone: Option<Zone>,
) -> Option<Meeting> {
    let id = check.value(path.key("id"), MeetingId::new(&m.id), || {
        // No suggestion that silently drops letters (`café` is not `caf`).
        if m.id.chars().any(|c| c.is_alphanumeric() && !c.is_ascii()) {
            return None;
        }
        let slug = MeetingId::slug_from(&m.id);
        MeetingId::new(&slug).ok().map(|_| slug)
    });
    check.name(path.key("name"), &m.name);
    if let Some(o) = &m.online {
        let online = path.key("online");
        if let Some(url) = &o.url {
            check.value(online.key("url"), check_web_url(url), || None);
        }
        if let Some(phone) = &o.phone {
            check.value(online.key("phone"), check_phone(phone), || None);
        }
    }
    let rule = rule(check, path, &m);
    let duration =
        check.value(path.key("duration"), m.duration.parse(), || None);
    let starts =
        check.value(path.key("starts"), parse_date(&m.starts), || None);
    let ends = check.opt(path.key("ends"), m.ends.as_deref(), parse_date);
    let changes: Vec<Option<Change>> = m
        .changes
        .iter()
        .enumerate()
        .map(|(i, c)| change(check, &path.key("changes").index(i), c))
        .collect();
    let changes: Option<Vec<Change>> = changes.into_iter().collect();
    let reminders = match &m.reminders {
        Some(r) => check.reminders(&path.key("reminders"), r).map(Some),
        None => Some(None),
    };
    let MeetingSpec {
        name,
        notes,
        tags,
        convenors,
        online,
        address,
        area,
        url,
        ..
    } = m;
    let place = Place {
        online: online.map(|o| Online {
            url: o.url,
            phone: o.phone,
            notes: o.notes,
        }),
        address,
        area,
    };
    let meeting = Meeting::new(id?, name, zone?, rule?, duration?, starts?)
        .with_tags(tags)
        .with_convenors(convenors)
        .with_place(place)
        .with_url(url)
        .with_reminders(reminders?)
        .set_history(ends?, changes?);
    let meeting = match notes {
        Some(n) => meeting.with_notes(n),
        None => meeting,
    };
    Some(meeting)
}

/// The pattern and time that `weekly` / `rrule` / `time` give, each
/// `None` when not given; `None` overall when a problem was reported.
fn rule_parts(
    check: &mut Check,
    path: &FieldPath,
    weekly: Option<&WeeklySpec>,
    rrule: Option<&str>,
    time: Option<&str>,
) -> Option<(Option<Pattern>, Option<LocalTime>)> {
    let inner_time = weekly.and_then(|w| w.time.as_deref());
    // Each part is checked even when another fails, so all are reported.
    let time: Option<Option<LocalTime>> = match (inner_time, time) {
        (Some(_), Some(_)) => {
            check.shape(
                path.key("time"),
                Problem::TimeShape(
                    "`time` is given twice, in `weekly` and beside it; keep one",
                ),
            );
            None
        }
        (Some(t), None) => {
            check.time(path.key("weekly").key("time"), t).map(Some)
        }
        (None, Some(t)) => check.time(path.key("time"), t).map(Some),
        (None, None) => Some(None),
    };
    let pattern: Option<Option<Pattern>> = match (weekly, rrule) {
        (Some(w), None) => {
            let day = check.weekday(path.key("weekly").key("day"), &w.day);
            let every =
                check.interval(path.key("weekly").key("every"), w.every);
            day.zip(every).map(|(day, every)| {
                Some(Pattern::Weekly {
                    day,
                    every: every.unwrap_or(Interval::WEEKLY),
                })
            })
        }
        (None, Some(r)) => check
            .value(path.key("rrule"), RRulePattern::new(r), || None)
            .map(|p| Some(Pattern::RRule(p))),
        (Some(_), Some(_)) => {
            check.shape(
                path.key("rrule"),
                Problem::RuleShape("give `weekly` or `rrule`, not both"),
            );
            None
        }
        (None, None) => Some(None),
    };
    let (pattern, time) = (pattern?, time?);
    Some((pattern, time))
}

/// A meeting's rule: both a pattern and a time are required.
fn rule(check: &mut Check, path: &FieldPath, m: &MeetingSpec) -> Option<Rule> {
    let (pattern, time) = rule_parts(
        check,
        path,
        m.weekly.as_ref(),
        m.rrule.as_deref(),
        m.time.as_deref(),
    )?;
    let Some(pattern) = pattern else {
        check.shape(
            path.key("weekly"),
            Problem::RuleShape(
                "no rule: give `weekly = { day = \"saturday\", time = \"07:00\" }` \
                 or `rrule = \"FREQ=MONTHLY;BYDAY=2TU\"` with `time`",
            ),
        );
        return None;
    };
    let Some(time) = time else {
        let field = if m.rrule.is_some() { "rrule" } else { "weekly" };
        check.shape(
            path.key(field),
            Problem::TimeShape(
                "the rule needs a `time`, such as `time = \"19:00\"`",
            ),
        );
        return None;
    };
    Some(Rule::new(pattern, time))
}

fn change(
    check: &mut Check,
    path: &FieldPath,
    c: &ChangeSpec,
) -> Option<Change> {
    let date_field = |check: &mut Check,
                      field: &'static str,
                      value: &Option<String>| {
        match value {
            Some(v) => check.value(path.key(field), parse_date(v), || None),
            None => {
                let kind = kind_name(&c.kind);
                check.shape(
                    path.key(field),
                    Problem::MissingField { field, kind },
                );
                None
            }
        }
    };
    let local_field = |check: &mut Check,
                       field: &'static str,
                       value: &Option<String>| {
        match value {
            Some(v) => {
                check.value(path.key(field), parse_local_datetime(v), || None)
            }
            None => {
                let kind = kind_name(&c.kind);
                check.shape(
                    path.key(field),
                    Problem::MissingField { field, kind },
                );
                None
            }
        }
    };
    let announced =
        check.opt(path.key("announced"), c.announced.as_deref(), parse_date);
    let duration = check.opt(
        path.key("duration"),
        c.duration.as_deref(),
        str::parse::<MeetingDuration>,
    );
    let allowed: &[&str] = match c.kind.as_str() {
        "reschedule" => &[
            "effective",
            "time",
            "day",
            "every",
            "weekly",
            "rrule",
            "duration",
        ],
        "cancel" => &["date"],
        "move" => &["date", "to", "duration"],
        "extra" => &["at", "duration"],
        "end" => &["effective"],
        other => {
            let p = Invalid::new(
                Problem::BadChangeKind(other.to_string()),
                path.key("kind"),
            )
            .suggest(
                crate::suggest::nearest(other, CHANGE_KINDS)
                    .map(str::to_string),
            );
            check.report(p);
            return None;
        }
    };
    let given = [
        ("effective", c.effective.is_some()),
        ("date", c.date.is_some()),
        ("to", c.to.is_some()),
        ("at", c.at.is_some()),
        ("time", c.time.is_some()),
        ("day", c.day.is_some()),
        ("every", c.every.is_some()),
        ("weekly", c.weekly.is_some()),
        ("rrule", c.rrule.is_some()),
        ("duration", c.duration.is_some()),
    ];
    let mut misplaced = false;
    for (field, is_given) in given {
        if is_given && !allowed.contains(&field) {
            check.shape(
                path.key(field),
                Problem::FieldNotForKind { field, kind: kind_name(&c.kind) },
            );
            misplaced = true;
        }
    }
    let kind = match c.kind.as_str() {
        "reschedule" => {
            let effective = date_field(check, "effective", &c.effective);
            let (pattern, time) = rule_parts(
                check,
                path,
                c.weekly.as_ref(),
                c.rrule.as_deref(),
                c.time.as_deref(),
            )?;
            let day = match &c.day {
                Some(d) => Some(check.weekday(path.key("day"), d)?),
                None => None,
            };
            let every = check.interval(path.key("every"), c.every)?;
            ChangeKind::Reschedule(Reschedule {
                time,
                day,
                every,
                pattern,
                duration: duration?,
                ..Reschedule::effective(effective?)
            })
        }
        "cancel" => {
            ChangeKind::Cancel { date: date_field(check, "date", &c.date)? }
        }
        "move" => {
            let date = date_field(check, "date", &c.date);
            let to = local_field(check, "to", &c.to);
            ChangeKind::Move { date: date?, to: to?, duration: duration? }
        }
        "extra" => ChangeKind::Extra {
            at: local_field(check, "at", &c.at)?,
            duration: duration?,
        },
        _ => ChangeKind::End {
            effective: date_field(check, "effective", &c.effective)?,
        },
    };
    if misplaced {
        return None;
    }
    Some(Change { kind, announced: announced?, note: c.note.clone() })
}

fn kind_name(kind: &str) -> &'static str {
    CHANGE_KINDS.iter().find(|k| **k == kind).copied().unwrap_or("change")
}

impl From<&Schedule> for ScheduleSpec {
    /// The file that loads back into the same schedule.
    fn from(s: &Schedule) -> ScheduleSpec {
        ScheduleSpec {
            name: s.name().to_string(),
            url: s.url().map(str::to_string),
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
                url: o.url.clone(),
                phone: o.phone.clone(),
                notes: o.notes.clone(),
            }),
            address: m.place().address.clone(),
            area: m.place().area.clone(),
            url: m.url().map(str::to_string),
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
