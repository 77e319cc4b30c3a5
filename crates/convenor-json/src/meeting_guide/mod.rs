//! Meeting Guide feeds: the JSON array of weekly meeting records that
//! recovery meeting finders consume (code4recovery's "Meeting Guide API"
//! spec), exported from a schedule as in force on a date, and imported
//! into a schedule.
//!
//! The spec is weekly-only and has no dates, so the export takes the
//! schedule as published on the caller's date ([`Schedule::as_of`]), uses
//! the rule in force on that date, and writes start dates and upcoming
//! changes into `notes` in plain words. What the spec cannot express is
//! never written silently wrong: see [`FeedWarning`].

use std::collections::BTreeMap;
use std::fmt;

mod consumers;
mod export;
mod import;

pub use consumers::{conference_provider, phone_digits, Listing};
pub use export::{
    meeting_guide_to_writer, meeting_guide_warnings,
    schedules_meeting_guide_to_writer, schedules_meeting_guide_warnings,
    schedules_to_meeting_guide, to_meeting_guide, Feed, FeedOptions,
};
pub use import::{from_meeting_guide_str, ImportOptions, Imported};

/// The meeting type codes of the Meeting Guide spec's "Meeting Types"
/// table. A tag spelt exactly as one of them exports as itself.
///
/// Source: <https://github.com/code4recovery/spec>, `data/types.json`.
///
/// ```
/// assert!(convenor_json::SPEC_TYPES.contains(&"DD"));
/// assert_eq!(convenor_json::SPEC_TYPES.len(), 87);
/// ```
pub const SPEC_TYPES: &[&str] = &[
    "11", "12x12", "A", "ABSI", "AF", "AL", "AL-AN", "AM", "AR", "ASL", "B",
    "BA", "BE", "BG", "BI", "BRK", "C", "CAN", "CF", "D", "DA", "DB", "DD",
    "DE", "DR", "EL", "EN", "FA", "FF", "FI", "FR", "G", "GR", "H", "HE",
    "HI", "HR", "HU", "IS", "ITA", "JA", "KA", "KOR", "L", "LGBTQ", "LIT",
    "LS", "LT", "M", "MED", "ML", "MT", "N", "NB", "NDG", "NE", "NL", "NO",
    "O", "OUT", "P", "POA", "POC", "POL", "POR", "PUN", "RUS", "S", "SEN",
    "SK", "SL", "SM", "SP", "ST", "SV", "T", "TC", "TH", "TL", "TR", "TUR",
    "UK", "W", "X", "XB", "XT", "Y",
];

/// The end (hour, minute) that the English line of a session past
/// midnight gives (`Ends at 1:00am Pacific, the next day`: the core's
/// `Phrase::EndsNextDay`, which the export writes), so that an imported
/// feed keeps the length; `None` for any other line.
fn ends_next_day_of(line: &str) -> Option<(u32, u32)> {
    let rest =
        line.strip_prefix("Ends at ")?.strip_suffix(", the next day")?;
    let clock = rest.split(' ').next()?;
    let (clock, pm) = match clock.strip_suffix("pm") {
        Some(c) => (c, true),
        None => (clock.strip_suffix("am")?, false),
    };
    let (h, m) = clock.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if !(1..=12).contains(&h) || m > 59 {
        return None;
    }
    Some((h % 12 + if pm { 12 } else { 0 }, m))
}

/// The fix that warnings about the weekly feed name.
const EXACT_WEEK: &str = "`--exact-week` (json --view meeting-guide, \
     publish; made again every day)";

/// Our tags that the feed expresses without a type code: `online` is
/// what `conference_url` / `conference_phone` say.
const DEFAULT_IGNORED: &[&str] = &["online"];

/// Default tag → code pairs (tags in lower case).
const DEFAULT_CODES: &[(&str, &str)] = &[
    ("big-book", "B"),
    ("child-friendly", "CF"),
    ("closed", "C"),
    ("co-occurring", "DD"),
    ("discussion", "D"),
    ("english", "EN"),
    ("french", "FR"),
    ("german", "DE"),
    ("lgbtq", "LGBTQ"),
    ("literature", "LIT"),
    ("meditation", "MED"),
    ("men", "M"),
    ("newcomer", "BE"),
    ("open", "O"),
    ("outdoor", "OUT"),
    ("secular", "A"),
    ("spanish", "S"),
    ("speaker", "SP"),
    ("step-study", "ST"),
    ("wheelchair-access", "X"),
    ("women", "W"),
    ("young-people", "Y"),
];

/// How our tags become Meeting Guide type codes and back.
///
/// Tags match case-insensitively. A tag spelt exactly as a spec code
/// ([`SPEC_TYPES`]) maps to itself unless the map says otherwise. The
/// defaults map `co-occurring` → `DD` (Dual Diagnosis), `open` → `O`,
/// `closed` → `C` and a few more (see [`TypeMap::entries`]), and know
/// that `online` is said by the conference fields, not a type.
///
/// ```
/// use convenor_json::TypeMap;
///
/// let types = TypeMap::default().with("HWYW", "LIT");
/// assert_eq!(types.code("co-occurring"), Some("DD"));
/// assert_eq!(types.code("hwyw"), Some("LIT"));
/// assert_eq!(types.code("DD"), Some("DD"));
/// assert_eq!(types.code("online"), None);
/// assert_eq!(types.tag("O"), "open");
/// assert_eq!(types.tag("XYZ"), "XYZ");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeMap {
    /// Lower-case tag → code, or `None` for a tag the feed says
    /// otherwise.
    codes: BTreeMap<String, Option<String>>,
}

impl Default for TypeMap {
    fn default() -> TypeMap {
        let mut map = TypeMap::empty();
        for (tag, code) in DEFAULT_CODES {
            map = map.with(tag, code);
        }
        for tag in DEFAULT_IGNORED {
            map = map.ignoring(tag);
        }
        map
    }
}

impl TypeMap {
    /// A map with no pairs: only tags spelt as spec codes export.
    ///
    /// ```
    /// let types = convenor_json::TypeMap::empty();
    /// assert_eq!(types.code("open"), None);
    /// assert_eq!(types.code("O"), Some("O"));
    /// ```
    pub fn empty() -> TypeMap {
        TypeMap { codes: BTreeMap::new() }
    }

    /// The same map with `tag` exported as `code` (replacing any pair for
    /// the tag).
    ///
    /// ```
    /// let types = convenor_json::TypeMap::default().with("HWYW", "LIT");
    /// assert_eq!(types.code("HWYW"), Some("LIT"));
    /// ```
    pub fn with(mut self, tag: &str, code: &str) -> TypeMap {
        self.codes.insert(tag.to_lowercase(), Some(code.to_string()));
        self
    }

    /// The same map with `tag` known but given no code (no warning when
    /// exporting it).
    ///
    /// ```
    /// let types = convenor_json::TypeMap::default().ignoring("HWYW");
    /// assert_eq!(types.code("HWYW"), None);
    /// assert!(types.knows("HWYW"));
    /// ```
    pub fn ignoring(mut self, tag: &str) -> TypeMap {
        self.codes.insert(tag.to_lowercase(), None);
        self
    }

    /// The code for `tag`, if it has one.
    ///
    /// ```
    /// assert_eq!(convenor_json::TypeMap::default().code("Closed"), Some("C"));
    /// ```
    pub fn code(&self, tag: &str) -> Option<&str> {
        match self.codes.get(&tag.to_lowercase()) {
            Some(code) => code.as_deref(),
            None => SPEC_TYPES.iter().copied().find(|c| *c == tag),
        }
    }

    /// Whether `tag` has a code or is known to need none.
    ///
    /// ```
    /// let types = convenor_json::TypeMap::default();
    /// assert!(types.knows("online") && types.knows("open"));
    /// assert!(!types.knows("HWYW"));
    /// ```
    pub fn knows(&self, tag: &str) -> bool {
        self.codes.contains_key(&tag.to_lowercase())
            || SPEC_TYPES.contains(&tag)
    }

    /// The tag for an imported `code`: the first tag (in sorted order)
    /// that maps to it, else the code itself (so it exports back
    /// unchanged).
    ///
    /// ```
    /// let types = convenor_json::TypeMap::default();
    /// assert_eq!(types.tag("DD"), "co-occurring");
    /// assert_eq!(types.tag("LGBTQ"), "lgbtq");
    /// assert_eq!(types.tag("TC"), "TC");
    /// ```
    pub fn tag(&self, code: &str) -> String {
        self.codes
            .iter()
            .find(|(_, c)| c.as_deref() == Some(code))
            .map(|(tag, _)| tag.clone())
            .unwrap_or_else(|| code.to_string())
    }

    /// Every pair, by tag; `None` for tags known to need no code.
    ///
    /// ```
    /// let types = convenor_json::TypeMap::default();
    /// let pairs: Vec<_> = types.entries().collect();
    /// assert!(pairs.contains(&("co-occurring", Some("DD"))));
    /// assert!(pairs.contains(&("online", None)));
    /// ```
    pub fn entries(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.codes.iter().map(|(t, c)| (t.as_str(), c.as_deref()))
    }
}

/// Something the feed cannot say exactly, returned beside it.
///
/// ```
/// use convenor_json::FeedWarning;
/// let w = FeedWarning::NotWeekly { meeting: "monthly-business".into(), rule: "FREQ=MONTHLY;BYDAY=2TU at 19:00".into() };
/// assert_eq!(
///     w.to_string(),
///     "meeting monthly-business is left out: the feed is weekly-only and its rule is \
///      FREQ=MONTHLY;BYDAY=2TU at 19:00; `--exact-week` (json --view meeting-guide, publish; \
///      made again every day) lists it in the weeks it meets",
/// );
/// let w = FeedWarning::DatedSessions { meeting: "thu".into(), cancelled: 1, moved: 0, extra: 2 };
/// assert_eq!(
///     w.to_string(),
///     "meeting thu: the weekly feed says its dated changes only in its notes, so finders \
///      list 1 cancelled session(s) as usual, no extra session (2 to come); `--exact-week` \
///      (json --view meeting-guide, publish; made again every day) lists the sessions as \
///      they happen",
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FeedWarning {
    /// A meeting whose rule in force is not weekly (an RRULE): left out.
    NotWeekly {
        /// The meeting.
        meeting: String,
        /// Its rule.
        rule: String,
    },
    /// A meeting every N weeks: exported, with the cadence and the next
    /// dates in `notes`, but apps will show it every week.
    EveryNWeeks {
        /// The meeting.
        meeting: String,
        /// The cadence in weeks.
        weeks: u32,
    },
    /// A meeting with cancelled, moved or extra sessions to come, which
    /// the weekly feed says only in `notes`: finders list a cancelled
    /// session as usual, a moved one at its usual time, and no extra
    /// one. The exact-week feed
    /// ([`FeedOptions::with_exact_week`](crate::FeedOptions::with_exact_week))
    /// lists them as they happen.
    DatedSessions {
        /// The meeting.
        meeting: String,
        /// Cancelled sessions to come.
        cancelled: usize,
        /// Moved sessions to come.
        moved: usize,
        /// Extra sessions to come.
        extra: usize,
    },
    /// A meeting with no session on or after the date: left out.
    Ended {
        /// The meeting.
        meeting: String,
    },
    /// A tag with no type code in the [`TypeMap`]: not in `types`.
    UnmappedTag {
        /// The meeting.
        meeting: String,
        /// The tag.
        tag: String,
    },
    /// A meeting tagged `online` with no conference link or phone: apps
    /// treat it as inactive.
    NoConference {
        /// The meeting.
        meeting: String,
    },
    /// Import: a record with no `day` or `time` (by appointment): left
    /// out.
    ByAppointment {
        /// The record's index in the feed.
        index: usize,
        /// Its slug, if any.
        slug: Option<String>,
    },
    /// A meeting with no address and no area: meeting finders drop it
    /// ("no address information").
    NoPlace {
        /// The meeting.
        meeting: String,
    },
    /// A conference link whose host no meeting finder recognises: they
    /// discard the link.
    UnknownConferenceHost {
        /// The meeting.
        meeting: String,
        /// The link's host.
        host: String,
    },
    /// A dial-in number with fewer than 10 digits: meeting finders
    /// discard it.
    ShortPhone {
        /// The meeting.
        meeting: String,
        /// The number as written.
        phone: String,
    },
    /// A session that ends after midnight: finders read `end_time` on the
    /// start's day, so it would seem to end before it starts; the feed
    /// leaves `end_time` out (finders show their default length) and
    /// gives the end in `notes`.
    CrossesMidnight {
        /// The meeting.
        meeting: String,
        /// `HH:MM`, the end (not in the feed's `end_time`).
        end_time: String,
    },
    /// A name that says the weekday, which the feed's `day` already says
    /// (the spec's advice is to leave it out).
    WeekdayInName {
        /// The meeting.
        meeting: String,
        /// The name.
        name: String,
        /// The name without the weekday.
        suggestion: String,
    },
    /// Import: a record that could not be imported, left out; the rest
    /// are imported.
    Skipped {
        /// The record's index in the feed.
        index: usize,
        /// Its slug, if any.
        slug: Option<String>,
        /// The field.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Import: a field of a record that is not kept because its value
    /// is invalid (a `conference_url`, `url` or `entity_url` that is not
    /// an `https:` or `http:` link, such as `javascript:...`); the rest
    /// of the record is imported.
    Dropped {
        /// The record's index in the feed.
        index: usize,
        /// Its slug, if any.
        slug: Option<String>,
        /// The field.
        field: String,
        /// What is wrong with it.
        problem: String,
    },
    /// Import: fields the schedule file has no place for, with the
    /// number of records that had each.
    NotKept {
        /// Field name and count, by name.
        fields: Vec<(String, usize)>,
    },
}

impl FeedWarning {
    /// The meeting of the schedule the warning is about, for an export
    /// warning (import warnings name a feed record instead).
    ///
    /// ```
    /// use convenor_json::FeedWarning;
    /// let w = FeedWarning::NoPlace { meeting: "sat".into() };
    /// assert_eq!(w.meeting(), Some("sat"));
    /// ```
    pub fn meeting(&self) -> Option<&str> {
        use FeedWarning::*;
        match self {
            NotWeekly { meeting, .. }
            | EveryNWeeks { meeting, .. }
            | DatedSessions { meeting, .. }
            | Ended { meeting, .. }
            | UnmappedTag { meeting, .. }
            | NoConference { meeting, .. }
            | NoPlace { meeting }
            | UnknownConferenceHost { meeting, .. }
            | ShortPhone { meeting, .. }
            | CrossesMidnight { meeting, .. }
            | WeekdayInName { meeting, .. } => Some(meeting),
            ByAppointment { .. }
            | Skipped { .. }
            | Dropped { .. }
            | NotKept { .. } => None,
        }
    }
}

impl FeedWarning {
    /// The field of `schedule`'s file that an export warning is about
    /// (`meetings[1].tags`, `meetings[1].online.url`), for pointing at
    /// it; `None` for import warnings.
    ///
    /// ```
    /// use convenor_core::Schedule;
    /// use convenor_json::FeedWarning;
    /// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
    /// let id = seed.meetings()[1].id().to_string();
    /// let w = FeedWarning::UnmappedTag { meeting: id, tag: "HWYW".into() };
    /// assert_eq!(w.path(&seed).unwrap().to_string(), "meetings[1].tags");
    /// # Ok::<(), convenor_core::Error>(())
    /// ```
    pub fn path(
        &self,
        schedule: &convenor_core::Schedule,
    ) -> Option<convenor_core::FieldPath> {
        use FeedWarning::*;
        let meeting = schedule.meeting_path(self.meeting()?)?;
        Some(match self {
            NotWeekly { .. } => meeting.key("rrule"),
            EveryNWeeks { .. } => meeting.key("weekly").key("every"),
            DatedSessions { .. } => meeting.key("changes"),
            Ended { .. } => meeting.key("ends"),
            UnmappedTag { .. } => meeting.key("tags"),
            NoConference { .. } => meeting.key("online"),
            UnknownConferenceHost { .. } => meeting.key("online").key("url"),
            ShortPhone { .. } => meeting.key("online").key("phone"),
            WeekdayInName { .. } => meeting.key("name"),
            _ => meeting,
        })
    }
}

impl fmt::Display for FeedWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedWarning::NotWeekly { meeting, rule } => write!(
                f,
                "meeting {meeting} is left out: the feed is weekly-only and \
                 its rule is {rule}; {EXACT_WEEK} lists it in the weeks it \
                 meets"
            ),
            FeedWarning::EveryNWeeks { meeting, weeks } => write!(
                f,
                "meeting {meeting} meets every {weeks} weeks, which the feed \
                 cannot say: finders list it every week (the cadence and \
                 next dates are in its notes); {EXACT_WEEK} lists it only \
                 in the weeks it meets"
            ),
            FeedWarning::DatedSessions { meeting, cancelled, moved, extra } => {
                let mut shown = Vec::new();
                if *cancelled > 0 {
                    shown.push(format!(
                        "{cancelled} cancelled session(s) as usual"
                    ));
                }
                if *moved > 0 {
                    shown.push(format!(
                        "{moved} moved session(s) at the usual day and time"
                    ));
                }
                if *extra > 0 {
                    shown.push(format!("no extra session ({extra} to come)"));
                }
                write!(
                    f,
                    "meeting {meeting}: the weekly feed says its dated \
                     changes only in its notes, so finders list {}; \
                     {EXACT_WEEK} lists the sessions as they happen",
                    shown.join(", ")
                )
            }
            FeedWarning::Ended { meeting } => {
                write!(f, "meeting {meeting} is left out: it has ended")
            }
            FeedWarning::UnmappedTag { meeting, tag } => write!(
                f,
                "meeting {meeting}: tag \"{tag}\" has no meeting guide type \
                 code and is left out of `types`"
            ),
            FeedWarning::NoConference { meeting } => write!(
                f,
                "meeting {meeting} is tagged online but has no conference \
                 url or phone; meeting finders treat it as inactive"
            ),
            FeedWarning::ByAppointment { index, slug } => {
                write!(f, "record {index}")?;
                if let Some(s) = slug {
                    write!(f, " ({s})")?;
                }
                write!(f, " is left out: it has no `day` or `time`")
            }
            FeedWarning::NoPlace { meeting } => write!(
                f,
                "meeting {meeting} has no `address` or `area`: meeting \
                 finders drop records without a place; give an online \
                 meeting an approximate `area` such as \"Los Angeles, CA, USA\" \
                 (here or for the whole schedule)"
            ),
            FeedWarning::UnknownConferenceHost { meeting, host } => write!(
                f,
                "meeting {meeting}: meeting finders discard the conference \
                 link, as its host {host} is none they know (they know {})",
                consumers::PROVIDERS.join(", ")
            ),
            FeedWarning::ShortPhone { meeting, phone } => write!(
                f,
                "meeting {meeting}: meeting finders discard the dial-in \
                 number \"{phone}\"; it needs at least 10 digits, with the \
                 country code"
            ),
            FeedWarning::CrossesMidnight { meeting, end_time } => write!(
                f,
                "meeting {meeting} ends after midnight (at {end_time}): \
                 meeting finders read `end_time` on the start's day, so \
                 the feed leaves it out (they show their default length) \
                 and gives the end in the notes"
            ),
            FeedWarning::WeekdayInName { meeting, name, suggestion } => {
                write!(
                    f,
                    "meeting {meeting}: the name \"{name}\" says the \
                     weekday, which meeting finders show already; the spec \
                     suggests \"{suggestion}\""
                )
            }
            FeedWarning::Skipped { index, slug, field, problem } => {
                write!(f, "record {index}")?;
                if let Some(s) = slug {
                    write!(f, " ({s})")?;
                }
                write!(f, " is left out: invalid `{field}`: {problem}")
            }
            FeedWarning::Dropped { index, slug, field, problem } => {
                write!(f, "record {index}")?;
                if let Some(s) = slug {
                    write!(f, " ({s})")?;
                }
                write!(f, ": `{field}` is left out: {problem}")
            }
            FeedWarning::NotKept { fields } => {
                let list: Vec<String> = fields
                    .iter()
                    .map(|(name, n)| format!("{name} ({n})"))
                    .collect();
                write!(
                    f,
                    "fields the schedule file has no place for were not \
                     imported: {}",
                    list.join(", ")
                )
            }
        }
    }
}
