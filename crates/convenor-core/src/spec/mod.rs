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

mod to_spec;
mod validate;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The text of [`ChangeSpec`]'s docs and of its JSON Schema description
/// (which leaves out the example).
macro_rules! change_kinds {
    () => {
        "One change. `kind` says which fields apply:

| kind | fields |
| --- | --- |
| `reschedule` | `effective`; any of `time`, `day`, `every`, `duration`, `weekly`, `rrule` |
| `cancel` | `date` |
| `move` | `date`, `to`; optional `duration` |
| `extra` | `at`; optional `duration` |
| `end` | `effective` |

Every kind may have `announced` and `note`."
    };
}

// Each `*Spec`'s doc comment is also its JSON Schema description, but
// for the example: the description is given apart.

/// A schedule file.
///
/// ```
/// use convenor_core::{Schedule, ScheduleSpec};
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let spec = ScheduleSpec::from(&seed);
/// assert_eq!(spec.timezone.as_deref(), Some("America/Los_Angeles"));
/// assert_eq!(spec.meetings.len(), 6);
/// assert_eq!(Schedule::try_from(spec)?.meetings().len(), 6);
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(description = "A schedule file."))]
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
    /// The right side of its calendar UIDs (`id@uid_domain`), such as
    /// `lifering.org`: by default the host of `url` (`convenor.invalid`
    /// without one). Set it to the host of the old `url` before changing
    /// `url`, and every UID stays as it was, so calendar subscribers do
    /// not see every event deleted and added again.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub uid_domain: Option<String>,
    /// The languages its page offers (issue 29), such as `["es", "en"]`:
    /// the first is shown without JavaScript; with it, the visitor's
    /// browser language among them. Any of `en es fr de ja pt nl sv sk
    /// th`. Default: the language `publish` is run in.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub languages: Vec<String>,
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
///
/// ```
/// use convenor_core::{MeetingSpec, Schedule, ScheduleSpec, WeeklySpec};
/// let circle = MeetingSpec {
///     id: "tuesday-circle".into(),
///     name: "Tuesday Circle".into(),
///     timezone: Some("Europe/London".into()),
///     weekly: Some(WeeklySpec { day: "tuesday".into(), time: Some("19:00".into()), every: None }),
///     duration: "90m".into(),
///     starts: "2024-01-02".into(),
///     ..MeetingSpec::default()
/// };
/// let spec = ScheduleSpec { name: "Circles".into(), meetings: vec![circle], ..ScheduleSpec::default() };
/// let schedule = Schedule::try_from(spec)?;
/// assert_eq!(schedule.meetings()[0].rule().to_string(), "every tuesday at 19:00");
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(description = "A meeting in a schedule file.")
)]
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
    /// The session length (`60m`, `1h30m`, `90`); a file may also give
    /// a whole number of minutes (`duration = 90`), read as `"90"`.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "minutes::text_or_minutes")
    )]
    #[cfg_attr(
        feature = "schemars",
        schemars(schema_with = "minutes::schema")
    )]
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
    /// The building's name for in-person meetings (`St. Luke's Hall`),
    /// shown before the address.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub venue: Option<String>,
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
///
/// ```
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let spec = convenor_core::ScheduleSpec::from(&seed);
/// let weekly = spec.meetings[0].weekly.as_ref().unwrap();
/// assert_eq!((weekly.day.as_str(), weekly.every), ("sunday", None));
/// # Ok::<(), convenor_core::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        description = "`weekly = { day = \"saturday\", time = \"07:00\", every = 2 }`."
    )
)]
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
///
/// ```
/// use convenor_core::OnlineSpec;
/// let online = OnlineSpec {
///     url: Some("https://zoom.us/j/123".into()),
///     notes: Some("Passcode 4321".into()),
///     ..OnlineSpec::default()
/// };
/// assert_eq!(online.phone, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(
        description = "`online = { url = \"...\", phone = \"...\", notes = \"...\" }`."
    )
)]
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

#[doc = change_kinds!()]
///
/// ```
/// use convenor_core::ChangeSpec;
/// let thanksgiving = ChangeSpec {
///     kind: "cancel".into(),
///     date: Some("2022-11-24".into()),
///     note: Some("Thanksgiving".into()),
///     ..ChangeSpec::default()
/// };
/// assert_eq!(thanksgiving.effective, None);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schemars",
    schemars(description = change_kinds!())
)]
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
    /// `reschedule`, `move`, `extra`: a session length (as the
    /// meeting's: text, or a whole number of minutes).
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            deserialize_with = "minutes::some_text_or_minutes",
            skip_serializing_if = "Option::is_none"
        )
    )]
    #[cfg_attr(
        feature = "schemars",
        schemars(schema_with = "minutes::optional_schema")
    )]
    pub duration: Option<String>,
}

/// A duration as the file gives it: text (`"90m"`, `"1h30m"`, `"90"`) or
/// a whole number of minutes (`90`), which becomes the text `"90"` that
/// means the same; the duration's own parse then checks the range, so
/// `-5` and `100000` are refused like `"-5"` and `"100000"`.
#[cfg(feature = "serde")]
mod minutes {
    use serde::de::{Deserializer, Error, Visitor};

    struct TextOrMinutes;

    impl Visitor<'_> for TextOrMinutes {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(
                "a duration such as \"60m\", \"1h30m\" or 90 (minutes)",
            )
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    pub(super) fn text_or_minutes<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<String, D::Error> {
        d.deserialize_any(TextOrMinutes)
    }

    pub(super) fn some_text_or_minutes<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<String>, D::Error> {
        struct Some;

        impl<'de> Visitor<'de> for Some {
            type Value = Option<String>;

            fn expecting(
                &self,
                f: &mut std::fmt::Formatter,
            ) -> std::fmt::Result {
                TextOrMinutes.expecting(f)
            }

            fn visit_none<E: Error>(self) -> Result<Option<String>, E> {
                Ok(None)
            }

            fn visit_unit<E: Error>(self) -> Result<Option<String>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Option<String>, D::Error> {
                text_or_minutes(d).map(Option::Some)
            }
        }
        d.deserialize_option(Some)
    }

    #[cfg(feature = "schemars")]
    pub(super) fn schema(
        _: &mut schemars::SchemaGenerator,
    ) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer"]
        })
    }

    #[cfg(feature = "schemars")]
    pub(super) fn optional_schema(
        _: &mut schemars::SchemaGenerator,
    ) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["string", "integer", "null"]
        })
    }
}
