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

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use convenor_core::{
    ChangeKind, LocalTime, Meeting, MeetingSpec, OnlineSpec, Pattern, Rule,
    Schedule, ScheduleSpec, Segment, WeeklySpec, Zone,
};
use serde::Serialize;
use serde_json::Value;

use crate::error::Error;

/// The meeting type codes of the Meeting Guide spec's "Meeting Types"
/// table. A tag spelt exactly as one of them exports as itself.
///
/// Source: <https://github.com/code4recovery/spec> README, "Meeting Types".
///
/// ```
/// assert!(convenor_json::SPEC_TYPES.contains(&"DD"));
/// ```
pub const SPEC_TYPES: &[&str] = &[
    "11", "12x12", "A", "ABSI", "AL", "AL-AN", "AM", "ASL", "B", "BA", "BE",
    "BI", "BRK", "C", "CAN", "CF", "D", "DA", "DB", "DD", "DE", "DR", "EL",
    "EN", "FA", "FF", "FR", "G", "GR", "H", "HE", "HI", "HR", "HU", "ITA",
    "JA", "KOR", "L", "LGBTQ", "LIT", "LS", "LT", "M", "MED", "ML", "N", "NB",
    "NDG", "NO", "O", "OUT", "P", "POA", "POC", "POL", "POR", "PUN", "RUS",
    "S", "SEN", "SK", "SM", "SP", "ST", "SV", "T", "TC", "TH", "TL", "TR",
    "UK", "W", "X", "XB", "XT", "Y",
];

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
///     "meeting monthly-business is left out: the feed is weekly-only and its rule is FREQ=MONTHLY;BYDAY=2TU at 19:00",
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
}

impl fmt::Display for FeedWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedWarning::NotWeekly { meeting, rule } => write!(
                f,
                "meeting {meeting} is left out: the feed is weekly-only and \
                 its rule is {rule}"
            ),
            FeedWarning::EveryNWeeks { meeting, weeks } => write!(
                f,
                "meeting {meeting} meets every {weeks} weeks, which the feed \
                 cannot say; the cadence and next dates are in its notes"
            ),
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
        }
    }
}

/// How to export a feed: the date it is in force on (required: the
/// library never reads the clock), the type map, a fallback `updated`
/// time, pretty or compact.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_json::FeedOptions;
///
/// let opts = FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap()).with_pretty(true);
/// assert!(opts.pretty && opts.updated.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedOptions {
    /// The feed shows the schedule as published and in force on this
    /// date.
    pub as_of: NaiveDate,
    /// Tags → type codes.
    pub types: TypeMap,
    /// `updated` (UTC) for meetings with no dated change; with `None`
    /// such meetings have no `updated`.
    pub updated: Option<NaiveDateTime>,
    /// Indent by two spaces and end with a newline.
    pub pretty: bool,
}

impl FeedOptions {
    /// The feed as of `as_of`, default types, compact.
    ///
    /// ```
    /// let opts = convenor_json::FeedOptions::new(chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap());
    /// assert_eq!(opts.types, convenor_json::TypeMap::default());
    /// ```
    pub fn new(as_of: NaiveDate) -> FeedOptions {
        FeedOptions {
            as_of,
            types: TypeMap::default(),
            updated: None,
            pretty: false,
        }
    }

    /// The same options with another type map.
    ///
    /// ```
    /// # use convenor_json::*;
    /// let opts = FeedOptions::new(chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap())
    ///     .with_types(TypeMap::default().ignoring("HWYW"));
    /// assert!(opts.types.knows("HWYW"));
    /// ```
    pub fn with_types(mut self, types: TypeMap) -> FeedOptions {
        self.types = types;
        self
    }

    /// The same options with a fallback `updated` time (UTC).
    ///
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    /// let opts = convenor_json::FeedOptions::new(day).with_updated(day.and_hms_opt(12, 0, 0).unwrap());
    /// assert!(opts.updated.is_some());
    /// ```
    pub fn with_updated(mut self, updated: NaiveDateTime) -> FeedOptions {
        self.updated = Some(updated);
        self
    }

    /// The same options, pretty or compact.
    ///
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    /// assert!(convenor_json::FeedOptions::new(day).with_pretty(true).pretty);
    /// ```
    pub fn with_pretty(mut self, pretty: bool) -> FeedOptions {
        self.pretty = pretty;
        self
    }
}

/// An exported feed and what it could not say exactly.
///
/// ```
/// # use convenor_core::Schedule;
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 20).unwrap();
/// let feed = convenor_json::to_meeting_guide(&seed, &convenor_json::FeedOptions::new(day))?;
/// assert!(feed.json.starts_with(r#"[{"name":"Co-Occurring Disorders (Sunday)","#));
/// # Ok::<(), convenor_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    /// The feed: a JSON array of meeting records.
    pub json: String,
    /// What it leaves out or cannot say exactly, by meeting in file
    /// order.
    pub warnings: Vec<FeedWarning>,
}

/// One meeting record; field order is the output order (the spec's).
#[derive(Serialize)]
struct Record {
    name: String,
    slug: String,
    day: u32,
    time: String,
    end_time: String,
    timezone: &'static str,
    types: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conference_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conference_url_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conference_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conference_phone_notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formatted_address: Option<String>,
    group: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
}

/// A date in plain words: `Saturday 12 November 2022`.
fn words(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

fn hhmm(t: NaiveDateTime) -> String {
    t.format("%H:%M").to_string()
}

fn weekday_plural(day: chrono::Weekday) -> String {
    let name = convenor_core::weekday_name(day);
    let mut chars = name.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase());
    format!("{}{}s", first.into_iter().collect::<String>(), chars.as_str())
}

/// A rule in plain words: `Fridays at 14:00`, `every 2 weeks on Mondays
/// at 18:00`.
fn rule_words(rule: &Rule) -> String {
    match rule.pattern() {
        Pattern::Weekly { day, every } if every.weeks() == 1 => {
            format!("{} at {}", weekday_plural(*day), rule.time())
        }
        Pattern::Weekly { day, every } => format!(
            "every {} weeks on {} at {}",
            every.weeks(),
            weekday_plural(*day),
            rule.time()
        ),
        _ => rule.to_string(),
    }
}

fn with_note(text: String, note: Option<&str>) -> String {
    match note {
        Some(n) => format!("{text} ({n})"),
        None => text,
    }
}

/// Writes the schedule as a Meeting Guide feed: one record per meeting
/// that has a weekly session on or after `options.as_of`, in file order,
/// with the rule in force on that date (or, for a meeting that has not
/// started, its first rule), and its start date and upcoming changes in
/// `notes`. The fields are listed in the [crate
/// docs](crate#meeting-guide-feed).
///
/// # Errors
///
/// When the schedule as published on `as_of` is inconsistent (a change
/// announced by then depends on one announced later): see
/// [`Schedule::as_of`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::Schedule;
/// use convenor_json::{to_meeting_guide, FeedOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let records = |day| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
///     let feed = to_meeting_guide(&seed, &FeedOptions::new(day))?;
///     Ok(serde_json::from_str(&feed.json)?)
/// };
/// // As published on 5 November: Saturday at 9:30, not started yet.
/// let before = records(NaiveDate::from_ymd_opt(2022, 11, 5).unwrap())?;
/// assert_eq!(before[5]["slug"], "co-occurring-saturday");
/// assert_eq!(before[5]["day"], 6);
/// assert_eq!(before[5]["time"], "09:30");
/// assert_eq!(before[5]["notes"], "Starts Saturday 12 November 2022");
/// // On 20 November: at 7:00, running.
/// let after = records(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap())?;
/// assert_eq!(after[5]["time"], "07:00");
/// assert_eq!(after[5].get("notes"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_meeting_guide(
    schedule: &Schedule,
    options: &FeedOptions,
) -> Result<Feed, Error> {
    let as_of = options.as_of;
    let published = schedule.as_of(as_of)?;
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for m in published.meetings() {
        if let Some(r) = record(&published, m, options, &mut warnings) {
            records.push(r);
        }
    }
    Ok(Feed { json: crate::write(&records, options.pretty), warnings })
}

fn record(
    schedule: &Schedule,
    m: &Meeting,
    options: &FeedOptions,
    warnings: &mut Vec<FeedWarning>,
) -> Option<Record> {
    let as_of = options.as_of;
    let id = m.id().to_string();
    let segments = m.segments();
    let current: &Segment = m.segment_on(as_of).or_else(|| {
        segments
            .iter()
            .find(|s| s.from() > as_of && s.first_session().is_some())
    })?;
    let index = segments.iter().position(|s| std::ptr::eq(s, current))?;
    if current.last().is_some_and(|l| l < as_of) {
        warnings.push(FeedWarning::Ended { meeting: id });
        return None;
    }
    let (day, every) = match current.rule().pattern() {
        Pattern::Weekly { day, every } => (*day, every.weeks()),
        _ => {
            warnings.push(FeedWarning::NotWeekly {
                meeting: id,
                rule: current.rule().to_string(),
            });
            return None;
        }
    };
    let time = current.rule().time();
    let start = NaiveDate::MIN.and_time(time.to_naive());
    let end = start + current.duration().to_chrono();

    // Plain-words notes, each with the date it is about, in date order.
    let mut dated: Vec<(NaiveDate, String)> = Vec::new();
    let first = segments.iter().find_map(Segment::first_session);
    if let Some(first) = first.filter(|f| f.date() > as_of) {
        dated.push((first.date(), format!("Starts {}", words(first.date()))));
        // Reschedules folded into the first rule (announced before the
        // first session): their notes still matter.
        for &c in segments[0].causes() {
            if let Some(note) = m.changes()[c].note.as_deref() {
                dated.push((first.date(), note.to_string()));
            }
        }
    }
    if every > 1 {
        warnings.push(FeedWarning::EveryNWeeks {
            meeting: id.clone(),
            weeks: every,
        });
        let next: Vec<String> =
            next_dates(current, as_of, 3).into_iter().map(words).collect();
        dated.push((
            as_of,
            format!(
                "Every {every} weeks, not every week; next: {}",
                next.join(", ")
            ),
        ));
    }
    for later in &segments[index + 1..] {
        let Some(first) = later.first_session() else { continue };
        let mut text = format!(
            "From {}: {}",
            words(first.date()),
            rule_words(later.rule())
        );
        if later.duration() != current.duration() {
            text += &format!(", {} minutes", later.duration().minutes());
        }
        let note = later
            .causes()
            .last()
            .and_then(|&c| m.changes()[c].note.as_deref());
        dated.push((first.date(), with_note(text, note)));
    }
    for change in m.changes() {
        let note = change.note.as_deref();
        let line = match &change.kind {
            ChangeKind::Cancel { date } if *date >= as_of => {
                Some((*date, format!("No meeting on {}", words(*date))))
            }
            ChangeKind::Move { date, to, .. }
                if *date >= as_of || to.date() >= as_of =>
            {
                Some((
                    (*date).min(to.date()),
                    format!(
                        "The meeting of {} moves to {} at {}",
                        words(*date),
                        words(to.date()),
                        hhmm(*to)
                    ),
                ))
            }
            ChangeKind::Extra { at, duration } if at.date() >= as_of => {
                let mut text = format!(
                    "Extra meeting on {} at {}",
                    words(at.date()),
                    hhmm(*at)
                );
                if let Some(d) = duration {
                    text += &format!(", {} minutes", d.minutes());
                }
                Some((at.date(), text))
            }
            ChangeKind::End { effective } if *effective > as_of => Some((
                *effective,
                format!("No meetings from {} on", words(*effective)),
            )),
            _ => None,
        };
        if let Some((date, text)) = line {
            dated.push((date, with_note(text, note)));
        }
    }
    if let Some(ends) = m.ends().filter(|e| *e >= as_of) {
        dated.push((ends, format!("No meetings after {}", words(ends))));
    }
    dated.sort_by_key(|(d, _)| *d);
    let mut notes: Vec<String> =
        m.notes().map(str::to_string).into_iter().collect();
    notes.extend(dated.into_iter().map(|(_, t)| t));

    let mut types: Vec<String> = Vec::new();
    for tag in m.tags() {
        match options.types.code(tag) {
            Some(code) => types.push(code.to_string()),
            None if options.types.knows(tag) => {}
            None => warnings.push(FeedWarning::UnmappedTag {
                meeting: id.clone(),
                tag: tag.clone(),
            }),
        }
    }
    types.sort();
    types.dedup();

    let online = m.place().online.clone().unwrap_or_default();
    let has_conference = online.url.is_some() || online.phone.is_some();
    if !has_conference
        && m.tags().iter().any(|t| t.eq_ignore_ascii_case("online"))
    {
        warnings.push(FeedWarning::NoConference { meeting: id.clone() });
    }
    let (url_notes, phone_notes) = match (&online.url, online.notes) {
        (Some(_), notes) => (notes, None),
        (None, notes) => (None, notes),
    };
    let updated = m
        .changes()
        .iter()
        .filter_map(|c| c.announced)
        .max()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .or(options.updated)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string());
    Some(Record {
        name: m.name().to_string(),
        slug: id,
        day: day.num_days_from_sunday(),
        time: time.to_string(),
        end_time: format!("{:02}:{:02}", end.hour(), end.minute()),
        timezone: m.zone().name(),
        types,
        notes: (!notes.is_empty()).then(|| notes.join("\n")),
        conference_url: online.url,
        conference_url_notes: url_notes,
        conference_phone: online.phone,
        conference_phone_notes: phone_notes,
        formatted_address: m.place().address.clone(),
        group: schedule.name().to_string(),
        url: schedule.url().map(str::to_string),
        updated,
    })
}

/// The next `n` session dates of a segment on or after `from`.
fn next_dates(segment: &Segment, from: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let Some(first) = segment.first_session().map(|f| f.date()) else {
        return out;
    };
    let step = match segment.rule().pattern() {
        Pattern::Weekly { every, .. } => 7 * i64::from(every.weeks()),
        _ => return out,
    };
    let mut date = first;
    while out.len() < n {
        if segment.last().is_some_and(|l| date > l) {
            break;
        }
        if date >= from {
            out.push(date);
        }
        match date.checked_add_signed(chrono::Duration::days(step)) {
            Some(d) => date = d,
            None => break,
        }
    }
    out
}

/// How to import a feed: the schedule's name, the first date its meetings
/// run (the spec has no dates), a default zone for records without
/// `timezone`, and the type map.
///
/// ```
/// use convenor_json::ImportOptions;
/// let opts = ImportOptions::new("District 123", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
///     .with_timezone("America/Los_Angeles".parse::<convenor_core::Zone>().unwrap());
/// assert_eq!(opts.timezone, Some("America/Los_Angeles".parse::<convenor_core::Zone>().unwrap()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// The schedule's name.
    pub name: String,
    /// `starts` of every imported meeting.
    pub starts: NaiveDate,
    /// The zone of records without `timezone`.
    pub timezone: Option<Zone>,
    /// Type codes → tags ([`TypeMap::tag`]).
    pub types: TypeMap,
}

impl ImportOptions {
    /// A schedule named `name` whose meetings run from `starts`, with no
    /// default zone and the default types.
    ///
    /// ```
    /// let opts = convenor_json::ImportOptions::new("x", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    /// assert_eq!(opts.timezone, None);
    /// ```
    pub fn new(name: impl Into<String>, starts: NaiveDate) -> ImportOptions {
        ImportOptions {
            name: name.into(),
            starts,
            timezone: None,
            types: TypeMap::default(),
        }
    }

    /// The same options with a default zone.
    ///
    /// ```
    /// let opts = convenor_json::ImportOptions::new("x", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
    ///     .with_timezone("Europe/London".parse::<convenor_core::Zone>().unwrap());
    /// assert!(opts.timezone.is_some());
    /// ```
    pub fn with_timezone(mut self, zone: Zone) -> ImportOptions {
        self.timezone = Some(zone);
        self
    }

    /// The same options with another type map.
    ///
    /// ```
    /// # use convenor_json::*;
    /// let opts = ImportOptions::new("x", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
    ///     .with_types(TypeMap::default().with("hwyw", "LIT"));
    /// assert_eq!(opts.types.tag("LIT"), "hwyw");
    /// ```
    pub fn with_types(mut self, types: TypeMap) -> ImportOptions {
        self.types = types;
        self
    }
}

/// An imported schedule and the records it left out.
///
/// ```
/// # use convenor_json::*;
/// let opts = ImportOptions::new("x", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
/// let imported = from_meeting_guide_str(r#"[{"name": "By appointment", "slug": "appt"}]"#, &opts)?;
/// assert!(imported.schedule.meetings().is_empty());
/// assert_eq!(imported.warnings.len(), 1);
/// # Ok::<(), convenor_json::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Imported {
    /// The schedule: one weekly meeting per record and day.
    pub schedule: Schedule,
    /// Records left out.
    pub warnings: Vec<FeedWarning>,
}

/// Reads a Meeting Guide feed into a schedule: one weekly meeting per
/// record (per day, for a record with several days, the id then ending in
/// `-monday`...), with its zone, types as tags ([`TypeMap::tag`]; `ONL`
/// and any conference field give the `online` tag), conference fields,
/// address and notes. Records without `day` or `time` are left out with a
/// warning.
///
/// # Errors
///
/// [`Error::Feed`] when the text is not a JSON array of objects (with the
/// position), [`Error::Record`] for a value that does not fit (naming the
/// record and the field, with a suggestion for a misspelt zone), and
/// [`Error::Core`] for what the schedule itself rejects (two records with
/// one slug).
///
/// # Example
///
/// ```
/// use convenor_json::{from_meeting_guide_str, ImportOptions};
///
/// let feed = r#"[{
///   "name": "Sunday Serenity", "slug": "sunday-serenity-14", "day": 0,
///   "time": "18:00", "end_time": "19:30", "timezone": "America/Los_Angeles",
///   "types": ["O", "T", "LGBTQ"], "address": "123 Main Street", "city": "Anytown",
///   "state": "CA", "postal_code": "98765", "country": "US"
/// }]"#;
/// let opts = ImportOptions::new("District 123", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
/// let schedule = from_meeting_guide_str(feed, &opts)?.schedule;
/// let m = &schedule.meetings()[0];
/// assert_eq!(m.rule().to_string(), "every sunday at 18:00");
/// assert_eq!(m.duration().minutes(), 90);
/// assert_eq!(m.tags(), ["open", "T", "lgbtq"]);
/// assert_eq!(m.place().address.as_deref(), Some("123 Main Street, Anytown, CA, 98765, US"));
///
/// let err = from_meeting_guide_str(r#"[{"name": "x", "slug": "x", "day": 7, "time": "18:00"}]"#, &opts)
///     .unwrap_err();
/// assert_eq!(err.to_string(), "meeting guide record 0 (x): invalid `day`: 7 is not a day from 0 (sunday) to 6 (saturday)");
/// # Ok::<(), convenor_json::Error>(())
/// ```
pub fn from_meeting_guide_str(
    text: &str,
    options: &ImportOptions,
) -> Result<Imported, Error> {
    if text.len() > convenor_core::MAX_INPUT_BYTES {
        return Err(Error::Core(convenor_core::Error::TooLarge {
            bytes: text.len(),
            limit: convenor_core::MAX_INPUT_BYTES,
        }));
    }
    let records: Vec<serde_json::Map<String, Value>> =
        serde_json::from_str(text).map_err(|e| Error::Feed {
            position: (e.line() > 0).then(|| convenor_core::Position {
                line: e.line(),
                column: e.column().max(1),
            }),
            message: {
                let full = e.to_string();
                let suffix =
                    format!(" at line {} column {}", e.line(), e.column());
                full.strip_suffix(&suffix).unwrap_or(&full).to_string()
            },
        })?;
    let mut meetings = Vec::new();
    let mut warnings = Vec::new();
    for (index, r) in records.iter().enumerate() {
        meetings.extend(import_record(index, r, options, &mut warnings)?);
    }
    let spec = ScheduleSpec {
        name: options.name.clone(),
        url: None,
        timezone: options.timezone.map(|z| z.name().to_string()),
        meetings,
    };
    let schedule = Schedule::try_from(spec)?;
    Ok(Imported { schedule, warnings })
}

fn import_record(
    index: usize,
    r: &serde_json::Map<String, Value>,
    options: &ImportOptions,
    warnings: &mut Vec<FeedWarning>,
) -> Result<Vec<MeetingSpec>, Error> {
    let slug_text = match r.get("slug") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let fail = |field: &'static str, problem: String| Error::Record {
        index,
        slug: slug_text.clone(),
        field,
        problem,
    };
    let text = |field: &'static str| -> Result<Option<String>, Error> {
        match r.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => {
                Err(fail(field, format!("expected a string, found {other}")))
            }
        }
    };
    let name = text("name")?.ok_or_else(|| {
        fail("name", "missing (the spec requires it)".into())
    })?;
    let Some(slug_text) = slug_text.clone() else {
        return Err(fail("slug", "missing (the spec requires it)".into()));
    };
    let slug = convenor_core::MeetingId::slug_from(&slug_text);
    if slug.is_empty() {
        return Err(fail(
            "slug",
            format!("\"{slug_text}\" has no letters or digits"),
        ));
    }
    let days: Vec<u32> = match r.get("day") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|d| day_number(d).map_err(|p| fail("day", p)))
            .collect::<Result<_, _>>()?,
        Some(d) => vec![day_number(d).map_err(|p| fail("day", p))?],
    };
    let time = text("time")?;
    let (Some(time), false) = (time, days.is_empty()) else {
        warnings
            .push(FeedWarning::ByAppointment { index, slug: Some(slug_text) });
        return Ok(Vec::new());
    };
    let start = parse_time(&time).map_err(|p| fail("time", p))?;
    let minutes = match text("end_time")? {
        None => 60,
        Some(end) => {
            let end = parse_time(&end).map_err(|p| fail("end_time", p))?;
            let (s, e) = (minutes_of(start), minutes_of(end));
            let m = (e + 24 * 60 - s) % (24 * 60);
            if m == 0 {
                return Err(fail("end_time", "equals `time`".into()));
            }
            m
        }
    };
    let timezone = match text("timezone")? {
        Some(z) => {
            if let Err(e) = z.parse::<Zone>() {
                let hint = e
                    .suggestion
                    .map(|s| format!("; did you mean \"{s}\"?"))
                    .unwrap_or_default();
                return Err(fail(
                    "timezone",
                    format!("unknown time zone \"{z}\"{hint}"),
                ));
            }
            Some(z)
        }
        None if options.timezone.is_some() => None,
        None => {
            return Err(fail(
                "timezone",
                "missing, and no default zone was given to the import".into(),
            ))
        }
    };
    let mut tags: Vec<String> = Vec::new();
    match r.get("types") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                let Value::String(code) = item else {
                    return Err(fail(
                        "types",
                        format!(
                            "expected type codes as strings, found {item}"
                        ),
                    ));
                };
                let tag = if code == "ONL" {
                    "online".to_string()
                } else {
                    options.types.tag(code)
                };
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
        Some(other) => {
            return Err(fail(
                "types",
                format!("expected an array of type codes, found {other}"),
            ))
        }
    }
    let url = text("conference_url")?;
    let phone = text("conference_phone")?;
    let conference_notes: Vec<String> =
        [text("conference_url_notes")?, text("conference_phone_notes")?]
            .into_iter()
            .flatten()
            .collect();
    let online =
        (url.is_some() || phone.is_some() || !conference_notes.is_empty())
            .then(|| OnlineSpec {
                url,
                phone,
                notes: (!conference_notes.is_empty())
                    .then(|| conference_notes.join("\n")),
            });
    if online.as_ref().is_some_and(|o| o.url.is_some() || o.phone.is_some())
        && !tags.iter().any(|t| t == "online")
    {
        tags.push("online".to_string());
    }
    let address = match text("formatted_address")? {
        Some(a) => Some(a),
        None => {
            let parts: Vec<String> =
                ["address", "city", "state", "postal_code", "country"]
                    .into_iter()
                    .map(text)
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .flatten()
                    .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
    };
    let notes = text("notes")?;
    let several = days.len() > 1;
    Ok(days
        .into_iter()
        .map(|day| {
            let weekday = weekday_of(day);
            let day_name = convenor_core::weekday_name(weekday);
            MeetingSpec {
                id: if several {
                    format!("{slug}-{day_name}")
                } else {
                    slug.clone()
                },
                name: name.clone(),
                notes: notes.clone(),
                timezone: timezone.clone(),
                weekly: Some(WeeklySpec {
                    day: day_name.to_string(),
                    time: None,
                    every: None,
                }),
                rrule: None,
                time: Some(start.to_string()),
                duration: format!("{minutes}m"),
                starts: options.starts.to_string(),
                ends: None,
                tags: tags.clone(),
                convenors: Vec::new(),
                online: online.clone(),
                address: address.clone(),
                changes: Vec::new(),
            }
        })
        .collect())
}

fn day_number(v: &Value) -> Result<u32, String> {
    let n = match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    match n {
        Some(n) if n <= 6 => Ok(n as u32),
        _ => Err(format!("{v} is not a day from 0 (sunday) to 6 (saturday)")),
    }
}

fn weekday_of(day: u32) -> chrono::Weekday {
    // 0 = Sunday (the spec) -> chrono's Monday-based numbering.
    chrono::Weekday::try_from(((day + 6) % 7) as u8)
        .unwrap_or(chrono::Weekday::Sun)
}

/// `HH:MM`, or `HH:MM:SS` with zero seconds (some feeds write them).
fn parse_time(text: &str) -> Result<LocalTime, String> {
    let short =
        text.strip_suffix(":00").filter(|s| s.len() == 5).unwrap_or(text);
    short
        .parse::<LocalTime>()
        .map_err(|_| format!("\"{text}\" is not a 24-hour `HH:MM` time"))
}

fn minutes_of(t: LocalTime) -> u32 {
    t.hour() * 60 + t.minute()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_numbers_follow_the_spec() {
        assert_eq!(weekday_of(0), chrono::Weekday::Sun);
        assert_eq!(weekday_of(1), chrono::Weekday::Mon);
        assert_eq!(weekday_of(6), chrono::Weekday::Sat);
        for d in 0..7 {
            assert_eq!(weekday_of(d).num_days_from_sunday(), d);
        }
    }

    #[test]
    fn slugs_and_times() {
        assert_eq!(
            convenor_core::MeetingId::slug_from("Sunday_Serenity 14"),
            "sunday-serenity-14"
        );
        assert_eq!(
            parse_time("07:00:00").map(|t| t.to_string()),
            Ok("07:00".into())
        );
        assert!(parse_time("7pm").is_err());
        assert_eq!(
            words(NaiveDate::from_ymd_opt(2022, 11, 12).unwrap()),
            "Saturday 12 November 2022"
        );
    }
}
