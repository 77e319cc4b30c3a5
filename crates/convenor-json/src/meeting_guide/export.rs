//! Schedule -> feed.

use std::collections::BTreeSet;
use std::io;
use std::sync::Arc;

use chrono::{
    DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Timelike,
    Utc,
};
use convenor_core::words::{English, Phrase, Phrasebook};
use convenor_core::{
    resolve_local, ChangeKind, ChangeRef, LocalTime, Meeting, Occurrence,
    Pattern, Schedule, Schedules, Segment, Status, Window, Zone,
};
use serde::Serialize;

use super::consumers::{conference_provider, phone_digits};
use super::{FeedWarning, TypeMap};
use crate::error::Error;

/// How to export a feed: the date it is in force on (required: the
/// library never reads the clock), the type map, an `updated`
/// time, pretty or compact.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_json::FeedOptions;
///
/// let opts = FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap()).with_pretty(true);
/// assert!(opts.pretty() && opts.updated().is_none());
/// assert_eq!(opts.as_of(), NaiveDate::from_ymd_opt(2022, 11, 20).unwrap());
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct FeedOptions {
    as_of: NaiveDate,
    /// With [`FeedOptions::at`]: each meeting's date is this instant's
    /// in its own zone.
    now: Option<DateTime<Utc>>,
    types: TypeMap,
    updated: Option<NaiveDateTime>,
    pretty: bool,
    exact_week: bool,
    words: Arc<dyn Phrasebook>,
}

/// Options are equal when they make the same feed: the same values and
/// notes in the same language.
impl PartialEq for FeedOptions {
    fn eq(&self, other: &FeedOptions) -> bool {
        self.as_of == other.as_of
            && self.now == other.now
            && self.types == other.types
            && self.updated == other.updated
            && self.pretty == other.pretty
            && self.exact_week == other.exact_week
            && self.words.lang() == other.words.lang()
    }
}

impl Eq for FeedOptions {}

impl FeedOptions {
    /// The feed as of `as_of`, default types, compact.
    ///
    /// ```
    /// let opts = convenor_json::FeedOptions::new(chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap());
    /// assert_eq!(opts.types(), &convenor_json::TypeMap::default());
    /// ```
    pub fn new(as_of: NaiveDate) -> FeedOptions {
        FeedOptions {
            as_of,
            now: None,
            types: TypeMap::default(),
            updated: None,
            pretty: false,
            exact_week: false,
            words: Arc::new(English),
        }
    }

    /// The feed as of the instant `now`: each meeting's date is `now`'s
    /// date in the meeting's own zone (a meeting in Tokyo is already on
    /// Tuesday while one in Los Angeles is on Monday), and the schedule
    /// is taken as published on `now`'s date in its default zone (UTC
    /// without one). Default types, compact. What a feed made "today"
    /// should use; [`FeedOptions::new`] gives every meeting one date.
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use convenor_json::{to_meeting_guide, FeedOptions};
    ///
    /// let text = "name = 'x'\n[[meetings]]\nid = 'tokyo'\nname = 'T'\ntimezone = 'Asia/Tokyo'\n\
    ///             area = 'Tokyo'\nweekly = { day = 'monday', time = '19:00' }\n\
    ///             duration = '60m'\nstarts = '2026-11-02'\n\
    ///             [[meetings.changes]]\nkind = 'cancel'\ndate = '2026-12-07'\n";
    /// let s = convenor_core::Schedule::from_toml_str(text)?;
    /// let week = |options: FeedOptions| -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    ///     let feed = to_meeting_guide(&s, &options.with_exact_week(true))?;
    ///     Ok(serde_json::from_str(&feed.json)?)
    /// };
    /// // 16:00 UTC on Monday 7 December is already Tuesday 01:00 in
    /// // Tokyo: its week runs to Monday 14, whose session is on.
    /// let now = Utc.with_ymd_and_hms(2026, 12, 7, 16, 0, 0).unwrap();
    /// assert_eq!(FeedOptions::at(now).now(), Some(now));
    /// assert_eq!(week(FeedOptions::at(now))?[0]["day"], 1);
    /// // As of Monday 7 December for every meeting, Tokyo's week is the
    /// // one of the cancelled session: a record with no day, its note.
    /// let monday = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    /// let cancelled = week(FeedOptions::new(monday))?;
    /// assert_eq!(cancelled[0].get("day"), None);
    /// assert_eq!(cancelled[0]["notes"], "Monday 7 December: no meeting, back on Monday 14 December");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at(now: DateTime<Utc>) -> FeedOptions {
        FeedOptions { now: Some(now), ..FeedOptions::new(now.date_naive()) }
    }

    /// The instant of [`FeedOptions::at`], if the options were made so.
    pub fn now(&self) -> Option<DateTime<Utc>> {
        self.now
    }

    /// The date the feed is as of in `zone`: `now`'s date there (UTC's
    /// without a zone) for [`FeedOptions::at`], else
    /// [`FeedOptions::as_of`].
    fn date_in(&self, zone: Option<Zone>) -> NaiveDate {
        match (self.now, zone) {
            (Some(now), Some(zone)) => now.with_timezone(&zone).date_naive(),
            (Some(now), None) => now.date_naive(),
            (None, _) => self.as_of,
        }
    }

    /// The same options with another type map.
    ///
    /// ```
    /// # use convenor_json::*;
    /// let opts = FeedOptions::new(chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap())
    ///     .with_types(TypeMap::default().ignoring("HWYW"));
    /// assert!(opts.types().knows("HWYW"));
    /// ```
    #[must_use]
    pub fn with_types(mut self, types: TypeMap) -> FeedOptions {
        self.types = types;
        self
    }

    /// The same options with an `updated` time (UTC) for every record.
    ///
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    /// let opts = convenor_json::FeedOptions::new(day).with_updated(day.and_hms_opt(12, 0, 0).unwrap());
    /// assert!(opts.updated().is_some());
    /// ```
    #[must_use]
    pub fn with_updated(mut self, updated: NaiveDateTime) -> FeedOptions {
        self.updated = Some(updated);
        self
    }

    /// The same options, pretty or compact.
    ///
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    /// assert!(convenor_json::FeedOptions::new(day).with_pretty(true).pretty());
    /// ```
    #[must_use]
    pub fn with_pretty(mut self, pretty: bool) -> FeedOptions {
        self.pretty = pretty;
        self
    }

    /// The same options, the weekly pattern (`false`, the default) or
    /// the exact week (`true`): one record per session of the seven days
    /// from [`FeedOptions::as_of`], as they happen (see
    /// [`to_meeting_guide`]), for a feed made anew every day.
    ///
    /// ```
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    /// assert!(convenor_json::FeedOptions::new(day).with_exact_week(true).exact_week());
    /// ```
    #[must_use]
    pub fn with_exact_week(mut self, exact_week: bool) -> FeedOptions {
        self.exact_week = exact_week;
        self
    }

    /// Words the `notes` convenor writes (a meeting's start and end, its
    /// cadence, the changes still to come, the end of a session past
    /// midnight) with `words`: `convenor_site::l10n::Words` for another
    /// language. The meeting's own notes are as the file has them.
    ///
    /// ```
    /// use convenor_core::words::English;
    /// let day = chrono::NaiveDate::from_ymd_opt(2022, 11, 5).unwrap();
    /// let opts = convenor_json::FeedOptions::new(day).with_words(English);
    /// assert_eq!(opts.words().lang(), convenor_core::Lang::En);
    /// ```
    #[must_use]
    pub fn with_words(
        mut self,
        words: impl Phrasebook + 'static,
    ) -> FeedOptions {
        self.words = Arc::new(words);
        self
    }

    /// What words the notes convenor writes (default: [`English`]).
    pub fn words(&self) -> &dyn Phrasebook {
        &*self.words
    }

    /// Whether the feed lists the sessions of the seven days from
    /// [`FeedOptions::as_of`] rather than the weekly pattern.
    pub fn exact_week(&self) -> bool {
        self.exact_week
    }

    /// The feed shows the schedule as published and in force on this
    /// date (for [`FeedOptions::at`], `now`'s date in UTC; each meeting
    /// then has its own).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Tags → type codes.
    pub fn types(&self) -> &TypeMap {
        &self.types
    }

    /// `updated` (UTC) of every record, such as when the feed was
    /// published; with `None`, no record has `updated`.
    pub fn updated(&self) -> Option<NaiveDateTime> {
        self.updated
    }

    /// Whether to indent by two spaces and end with a newline.
    pub fn pretty(&self) -> bool {
        self.pretty
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
#[derive(Clone, Serialize)]
struct Record {
    name: String,
    slug: String,
    /// Left out (with `time`) for a meeting whose only session of the
    /// exact week is cancelled or moved away ([`no_session_record`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    /// Left out for a session past midnight ([`ending`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    end_time: Option<String>,
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
    /// The venue: the building's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formatted_address: Option<String>,
    /// `"no"` for an address, `"yes"` for an area.
    #[serde(skip_serializing_if = "Option::is_none")]
    approximate: Option<&'static str>,
    /// The meeting's own page.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    /// Who publishes the feed: the schedule's name and site.
    entity: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
}

/// Writes the schedule as a Meeting Guide feed.
///
/// By default the feed is the weekly pattern: one record per meeting
/// that has a weekly session on or after `options.as_of`, in file order,
/// with the rule in force on that date (or, for a meeting that has not
/// started, its first rule), and its start date and upcoming changes in
/// `notes`. The fields are listed in the [crate
/// docs](crate#meeting-guide-feed).
///
/// With [`FeedOptions::with_exact_week`], the records are the sessions of
/// the seven days from `as_of` (from its midnight to the midnight seven
/// days later, in each meeting's zone), exactly as they happen: a
/// cancelled session is not listed, a moved one is listed at its new day
/// and time, an extra session is a record of its own, a meeting every N
/// weeks or by an RRULE (monthly, ...) only in the weeks it meets. A
/// meeting's first regular session of the week has the meeting's id as
/// its slug (the same every week); any other session of the week, and
/// every extra session, has `ID-YYYY-MM-DD` (its local date), so slugs
/// are unique. Such a feed is true for a week from `as_of` and has to be
/// made again every day.
///
/// # Errors
///
/// When the schedule as published on `as_of` is inconsistent (a change
/// announced by then depends on one announced later): see
/// [`Schedule::as_of`]; for the exact week, a date too near year 1 or
/// 9999 for a week ([`convenor_core::Error::WindowOutOfRange`]).
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
///
/// The exact week from Thursday 10 November 2022: the Monday and
/// Wednesday meetings start on the 14th and 16th, the Saturday one on
/// the 12th at its new time.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_json::{to_meeting_guide, FeedOptions};
///
/// let seed = convenor_core::Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let day = NaiveDate::from_ymd_opt(2022, 11, 10).unwrap();
/// let feed = to_meeting_guide(&seed, &FeedOptions::new(day).with_exact_week(true))?;
/// let records: serde_json::Value = serde_json::from_str(&feed.json)?;
/// let listed: Vec<String> = records.as_array().unwrap().iter()
///     .map(|r| format!("{} {} {}", r["slug"].as_str().unwrap(), r["day"], r["time"].as_str().unwrap()))
///     .collect();
/// assert!(listed.contains(&"co-occurring-saturday 6 07:00".to_string()), "{listed:?}");
/// assert!(listed.contains(&"co-occurring-monday 1 18:00".to_string()), "{listed:?}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_meeting_guide(
    schedule: &Schedule,
    options: &FeedOptions,
) -> Result<Feed, Error> {
    let mut records = Vec::new();
    let warnings = schedule_records(schedule, options, &mut |r| {
        records.push(r);
        Ok(())
    })?;
    Ok(Feed { json: crate::write(&records, options.pretty), warnings })
}

/// Writes the feed [`to_meeting_guide`] makes to `writer`, each record
/// as it is made (the same bytes; a feed of 100,000 meetings is 28 MB
/// pretty, never held whole), and returns its warnings.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::Schedule;
/// use convenor_json::{meeting_guide_to_writer, to_meeting_guide, FeedOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let options = FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap());
/// let mut out = Vec::new();
/// let warnings = meeting_guide_to_writer(&mut out, &seed, &options)?;
/// let feed = to_meeting_guide(&seed, &options)?;
/// assert_eq!(out, feed.json.as_bytes());
/// assert_eq!(warnings, feed.warnings);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`to_meeting_guide`], and [`convenor_core::Error::Io`] (as
/// [`Error::Core`]) when `writer` fails; what was written before stays
/// written.
pub fn meeting_guide_to_writer<W: io::Write>(
    writer: W,
    schedule: &Schedule,
    options: &FeedOptions,
) -> Result<Vec<FeedWarning>, Error> {
    write_records(writer, options.pretty, |emit| {
        schedule_records(schedule, options, emit)
    })
}

/// The warnings of the feed [`to_meeting_guide`] makes, without the
/// feed (each record is made and dropped): what a publish says before
/// it writes the feed.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::Schedule;
/// use convenor_json::{meeting_guide_warnings, to_meeting_guide, FeedOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let options = FeedOptions::new(NaiveDate::from_ymd_opt(2022, 11, 20).unwrap());
/// let warnings = meeting_guide_warnings(&seed, &options)?;
/// assert_eq!(warnings, to_meeting_guide(&seed, &options)?.warnings);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`to_meeting_guide`].
pub fn meeting_guide_warnings(
    schedule: &Schedule,
    options: &FeedOptions,
) -> Result<Vec<FeedWarning>, Error> {
    schedule_records(schedule, options, &mut |_| Ok(()))
}

/// Several schedules as one Meeting Guide feed (a site's): each
/// schedule's records as [`to_meeting_guide`] writes them, in the order
/// of [`Schedules::schedules`], each with its own schedule's name as
/// `entity` and url as `entity_url`, so a finder groups them.
///
/// # Errors
///
/// As [`to_meeting_guide`], for the first schedule that fails.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::{Schedule, Schedules};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let other = Schedule::from_toml_str(
///     "name = 'Evening group'\n[[meetings]]\nid = 'evening'\nname = 'Evening'\n\
///      timezone = 'Europe/London'\nweekly = { day = 'monday', time = '19:00' }\n\
///      duration = '60m'\nstarts = '2022-11-01'\n",
/// )?;
/// let site = Schedules::new([("seed.toml".into(), seed), ("evening.toml".into(), other)])?;
/// let day = NaiveDate::from_ymd_opt(2022, 11, 20).unwrap();
/// let feed = convenor_json::schedules_to_meeting_guide(&site, &convenor_json::FeedOptions::new(day))?;
/// let records: serde_json::Value = serde_json::from_str(&feed.json)?;
/// assert_eq!(records.as_array().unwrap().len(), 7);
/// assert_eq!(records[0]["entity"], "LifeRing Co-Occurring Disorders Meetings");
/// assert_eq!(records[6]["entity"], "Evening group");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn schedules_to_meeting_guide(
    schedules: &Schedules,
    options: &FeedOptions,
) -> Result<Feed, Error> {
    let mut records = Vec::new();
    let warnings = schedules_records(schedules, options, &mut |r| {
        records.push(r);
        Ok(())
    })?;
    Ok(Feed { json: crate::write(&records, options.pretty), warnings })
}

/// Writes the feed [`schedules_to_meeting_guide`] makes to `writer`,
/// each record as it is made, as [`meeting_guide_to_writer`] does of
/// one schedule, and returns its warnings.
///
/// # Errors
///
/// As [`schedules_to_meeting_guide`], and as [`meeting_guide_to_writer`]
/// when `writer` fails.
pub fn schedules_meeting_guide_to_writer<W: io::Write>(
    writer: W,
    schedules: &Schedules,
    options: &FeedOptions,
) -> Result<Vec<FeedWarning>, Error> {
    write_records(writer, options.pretty, |emit| {
        schedules_records(schedules, options, emit)
    })
}

/// The warnings of the feed [`schedules_to_meeting_guide`] makes,
/// without the feed, as [`meeting_guide_warnings`] says them of one
/// schedule.
///
/// # Errors
///
/// As [`schedules_to_meeting_guide`].
pub fn schedules_meeting_guide_warnings(
    schedules: &Schedules,
    options: &FeedOptions,
) -> Result<Vec<FeedWarning>, Error> {
    schedules_records(schedules, options, &mut |_| Ok(()))
}

/// Where each record goes as it is made: a list, a writer, nowhere.
type Emit<'a> = dyn FnMut(Record) -> Result<(), Error> + 'a;

/// The records `each` emits, written to `writer` as one JSON array,
/// compact or `pretty` (with a final newline) as [`crate::write`]
/// writes a list of them; returns what `each` returns.
fn write_records<W: io::Write, T>(
    writer: W,
    pretty: bool,
    each: impl FnOnce(&mut Emit<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut writer = writer;
    let made = if pretty {
        let mut json = serde_json::Serializer::pretty(&mut writer);
        records_array(&mut json, each)?
    } else {
        let mut json = serde_json::Serializer::new(&mut writer);
        records_array(&mut json, each)?
    };
    if pretty {
        writer.write_all(b"\n").map_err(io_error)?;
    }
    writer.flush().map_err(io_error)?;
    Ok(made)
}

/// The array of the records `each` emits, through `json`.
fn records_array<W: io::Write, F: serde_json::ser::Formatter, T>(
    json: &mut serde_json::Serializer<W, F>,
    each: impl FnOnce(&mut Emit<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    use serde::ser::{SerializeSeq, Serializer};
    // With no length, an empty array is `[]` as a list's is.
    let mut seq = json.serialize_seq(None).map_err(json_error)?;
    let made = each(&mut |r| seq.serialize_element(&r).map_err(json_error))?;
    seq.end().map_err(json_error)?;
    Ok(made)
}

/// A writer's failure under serde_json.
fn json_error(e: serde_json::Error) -> Error {
    io_error(e.into())
}

/// A writer's failure.
fn io_error(e: io::Error) -> Error {
    Error::Core(convenor_core::Error::io(
        "cannot write the Meeting Guide feed",
        e,
    ))
}

/// Every schedule's records in turn, with slugs unique across them all
/// (the exact week's dated ones); their warnings.
fn schedules_records(
    schedules: &Schedules,
    options: &FeedOptions,
    emit: &mut Emit<'_>,
) -> Result<Vec<FeedWarning>, Error> {
    let mut warnings = Vec::new();
    let mut slugs = BTreeSet::new();
    for schedule in schedules.schedules() {
        records_into(schedule, options, emit, &mut warnings, &mut slugs)?;
    }
    Ok(warnings)
}

/// One schedule's records, as [`to_meeting_guide`] makes them; their
/// warnings.
fn schedule_records(
    schedule: &Schedule,
    options: &FeedOptions,
    emit: &mut Emit<'_>,
) -> Result<Vec<FeedWarning>, Error> {
    let mut warnings = Vec::new();
    let mut slugs = BTreeSet::new();
    records_into(schedule, options, emit, &mut warnings, &mut slugs)?;
    Ok(warnings)
}

/// One schedule's records, as published on `options.as_of`, each
/// emitted as it is made.
fn records_into(
    schedule: &Schedule,
    options: &FeedOptions,
    emit: &mut Emit<'_>,
    warnings: &mut Vec<FeedWarning>,
    slugs: &mut BTreeSet<String>,
) -> Result<(), Error> {
    let as_of = options.date_in(schedule.timezone());
    let published = schedule.as_of(as_of)?;
    let types = published
        .meeting_guide_types()
        .iter()
        .fold(options.types.clone(), |map, (tag, code)| map.with(tag, code));
    let options = &FeedOptions { types, ..options.clone() };
    for m in published.meetings() {
        if options.exact_week {
            let week = week_records(&published, m, options, warnings)?;
            for (date, mut r) in week {
                let time = r.time.as_deref().unwrap_or_default();
                r.slug = unique_slug(slugs, &r.slug, date, time);
                emit(r)?;
            }
        } else if let Some(r) = record(&published, m, options, warnings) {
            emit(r)?;
        }
    }
    Ok(())
}

/// `slug`, or when a record has it already `slug-YYYY-MM-DD`, then
/// `slug-YYYY-MM-DD-HHMM`, then with `-2`, `-3`...: the first one free.
fn unique_slug(
    taken: &mut BTreeSet<String>,
    slug: &str,
    date: NaiveDate,
    time: &str,
) -> String {
    let dated = format!("{slug}-{}", date.format("%Y-%m-%d"));
    let timed = format!("{dated}-{}", time.replace(':', ""));
    // The chain is endless and `taken` finite: one is free.
    [slug.to_string(), dated, timed.clone()]
        .into_iter()
        .chain((2..).map(|n| format!("{timed}-{n}")))
        .find(|candidate| taken.insert(candidate.clone()))
        .unwrap_or(timed)
}

/// The index of the segment in force on `as_of`, else of the first later
/// one with a session.
fn current_segment(m: &Meeting, as_of: NaiveDate) -> Option<usize> {
    let segments = m.segments();
    match m.segment_index(as_of) {
        Some(i) if i < segments.len() => Some(i),
        _ => segments
            .iter()
            .position(|s| s.from() > as_of && s.first_session().is_some()),
    }
}

/// The `end_time` of a session from `start` to `end` (local times), and
/// a line for its `notes` when it has none (the zone named as on `on`,
/// the day it ends). A session that ends after
/// midnight has no `end_time`: TSML UI reads `end_time` on the start's
/// day (code4recovery/tsml-ui, src/helpers/load-meeting-data.ts), so
/// 23:30 to 01:00 would end before it starts, on its page and in its
/// calendar files; without one it takes its default length. Its notes
/// then give the end in the core's words (`Ends at 1:00am Pacific, the
/// next day`), and the feed's warning says so.
fn ending(
    m: &Meeting,
    start: NaiveDateTime,
    end: NaiveDateTime,
    on: NaiveDate,
    words: &dyn Phrasebook,
    warnings: &mut Vec<FeedWarning>,
) -> (Option<String>, Option<String>) {
    if end.date() == start.date() {
        return (Some(hh_mm(end)), None);
    }
    warnings.push(FeedWarning::CrossesMidnight {
        meeting: m.id().to_string(),
        end_time: hh_mm(end),
    });
    // Sessions last at most 24 hours: the end is on the next day.
    // A chrono time's hour and minute are always a valid LocalTime.
    let ends = LocalTime::new(end.hour(), end.minute()).ok().map(|time| {
        words.phrase(&Phrase::EndsNextDay { time, zone: m.zone(), on })
    });
    (None, ends)
}

/// `notes` with one more line.
fn with_line(notes: Option<String>, line: Option<String>) -> Option<String> {
    match (notes, line) {
        (Some(notes), Some(line)) => Some(format!("{notes}\n{line}")),
        (notes, line) => notes.or(line),
    }
}

/// `HH:MM` of a local time.
fn hh_mm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

fn record(
    schedule: &Schedule,
    m: &Meeting,
    options: &FeedOptions,
    warnings: &mut Vec<FeedWarning>,
) -> Option<Record> {
    let as_of = options.date_in(Some(m.zone()));
    let id = m.id().to_string();
    let segments = m.segments();
    let index = current_segment(m, as_of)?;
    let current: &Segment = &segments[index];
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

    let cadence = (every > 1).then(|| {
        warnings.push(FeedWarning::EveryNWeeks {
            meeting: id.clone(),
            weeks: every,
        });
        let next = next_dates(current, as_of, 3);
        options
            .words()
            .phrase(&Phrase::EveryWeeks { weeks: every, next: &next })
    });
    let notes = notes(m, as_of, Some(index), cadence, options.words());
    let mut record = details(schedule, m, options, warnings);
    let (mut cancelled, mut moved, mut extra) = (0, 0, 0);
    for (_, c) in sessions_to_come(m, as_of) {
        match c.change.kind {
            ChangeKind::Cancel { .. } => cancelled += 1,
            ChangeKind::Move { .. } => moved += 1,
            _ => extra += 1,
        }
    }
    if cancelled + moved + extra > 0 {
        warnings.push(FeedWarning::DatedSessions {
            meeting: id.clone(),
            cancelled,
            moved,
            extra,
        });
    }
    // The pattern's times are on no date: the zone is named as on the
    // day after `as_of`.
    let on = as_of.succ_opt().unwrap_or(as_of);
    let (end_time, ends) =
        ending(m, start, end, on, options.words(), warnings);
    if let Some(suggestion) = without_weekday(m.name(), day) {
        warnings.push(FeedWarning::WeekdayInName {
            meeting: id.clone(),
            name: m.name().to_string(),
            suggestion,
        });
    }
    record.day = Some(day.num_days_from_sunday());
    record.time = Some(time.to_string());
    record.end_time = end_time;
    record.notes = with_line(notes, ends);
    Some(record)
}

/// The records of a meeting's sessions in the seven days from
/// `options.as_of` in its zone, each with its local start date; slugs
/// are the meeting's id (the first regular session) or `ID-YYYY-MM-DD`,
/// made unique across the feed by the caller.
fn week_records(
    schedule: &Schedule,
    m: &Meeting,
    options: &FeedOptions,
    warnings: &mut Vec<FeedWarning>,
) -> Result<Vec<(NaiveDate, Record)>, Error> {
    let zone = m.zone();
    let as_of = options.date_in(Some(zone));
    let midnight = |d: NaiveDate| {
        resolve_local(zone, d.and_time(NaiveTime::MIN)).0.with_timezone(&Utc)
    };
    let week_end = as_of.checked_add_days(Days::new(7)).ok_or(
        convenor_core::Error::WindowOutOfRange {
            from: midnight(as_of),
            to: DateTime::<Utc>::MAX_UTC,
        },
    )?;
    let window = Window::new(midnight(as_of), midnight(week_end))?;
    let sessions: Vec<Occurrence<'_>> = m.occurrences(window).collect();
    if sessions.is_empty() {
        let later = m.occurrences(Window::starting(window.from())).next();
        if later.is_none() {
            warnings.push(FeedWarning::Ended { meeting: m.id().to_string() });
            return Ok(Vec::new());
        }
        let away = m.cancellations(as_of..week_end).next().is_some()
            || m.moves(as_of..week_end).next().is_some();
        if !away {
            return Ok(Vec::new());
        }
        let notes =
            notes(m, as_of, current_segment(m, as_of), None, options.words());
        let record = no_session_record(schedule, m, options, notes, warnings);
        return Ok(vec![(as_of, record)]);
    }
    let notes =
        notes(m, as_of, current_segment(m, as_of), None, options.words());
    let base = details(schedule, m, options, warnings);
    let id = m.id().to_string();
    let first = sessions[0].start().naive_local().weekday();
    if let Some(suggestion) = without_weekday(m.name(), first) {
        warnings.push(FeedWarning::WeekdayInName {
            meeting: id.clone(),
            name: m.name().to_string(),
            suggestion,
        });
    }
    let mut regular_named = false;
    let mut warned_midnight = false;
    let mut out = Vec::new();
    for s in &sessions {
        let start = s.start().naive_local();
        let end = s.end().naive_local();
        let slug = if s.status() != Status::Extra && !regular_named {
            regular_named = true;
            id.clone()
        } else {
            format!("{id}-{}", start.format("%Y-%m-%d"))
        };
        // One warning for the meeting, however many such sessions.
        let mut said = Vec::new();
        let (end_time, ends) =
            ending(m, start, end, end.date(), options.words(), &mut said);
        if !warned_midnight {
            warned_midnight = !said.is_empty();
            warnings.append(&mut said);
        }
        let record = Record {
            slug,
            day: Some(start.weekday().num_days_from_sunday()),
            time: Some(hh_mm(start)),
            end_time,
            notes: with_line(notes.clone(), ends),
            ..base.clone()
        };
        out.push((start.date(), record));
    }
    Ok(out)
}

/// The exact week's record of a meeting whose sessions of the week are
/// all cancelled or moved out of it: the spec's "by appointment" record
/// (no `day`, `time` or `end_time`) with the meeting's id as its slug,
/// no conference link or phone, `TC` (temporarily closed) among the
/// types of an in-person meeting, and `notes` saying why and when it is
/// back. The Meeting Guide app shows only records with a day and time,
/// so there it is not listed, as before; TSML UI (its
/// `load-meeting-data.ts` and `filter-meeting-data.ts`) lists such a
/// record at the end, without a time or "Add to calendar", as inactive
/// (neither online nor in person), with the notes on its page.
fn no_session_record(
    schedule: &Schedule,
    m: &Meeting,
    options: &FeedOptions,
    notes: Option<String>,
    warnings: &mut Vec<FeedWarning>,
) -> Record {
    let mut record = details(schedule, m, options, warnings);
    if record.approximate == Some("no") {
        record.types.push("TC".to_string());
        record.types.sort();
        record.types.dedup();
    }
    Record {
        notes,
        conference_url: None,
        conference_url_notes: None,
        conference_phone: None,
        conference_phone_notes: None,
        ..record
    }
}

/// A meeting's `notes`: its own, then in date order its start date (if
/// still to come), `cadence`, and the changes still to come from the
/// core's folded history, each in the core's words, with its note: the
/// reschedules of the segments after `current`, cancelled, moved and
/// extra sessions, and the end.
fn notes(
    m: &Meeting,
    as_of: NaiveDate,
    current: Option<usize>,
    cadence: Option<String>,
    words: &dyn Phrasebook,
) -> Option<String> {
    let segments = m.segments();
    let mut dated: Vec<(NaiveDate, String)> = Vec::new();
    let first = segments.iter().find_map(Segment::first_session);
    if let Some(first) = first.filter(|f| f.date() > as_of) {
        dated
            .push((first.date(), words.phrase(&Phrase::Starts(first.date()))));
        // Reschedules folded into the first rule (announced before the
        // first session): their notes still matter.
        for &c in segments[0].causes() {
            if let Some(note) = m.change(c).and_then(|c| c.note()) {
                dated.push((first.date(), note.to_string()));
            }
        }
    }
    if let Some(cadence) = cadence {
        dated.push((as_of, cadence));
    }
    let later = current.map_or(segments.len(), |i| i + 1);
    let mut ahead: Vec<(NaiveDate, ChangeRef<'_>)> = Vec::new();
    for segment in segments.get(later..).unwrap_or_default() {
        if segment.first_session().is_some() {
            ahead.extend(
                segment.causes().iter().filter_map(|&c| {
                    m.change(c).map(|c| (c.change.date(), c))
                }),
            );
        }
    }
    ahead.extend(sessions_to_come(m, as_of));
    ahead.extend(
        m.end_change()
            .filter(|e| e.change.date() > as_of)
            .map(|e| (e.change.date(), e)),
    );
    // On one date, in the order of the history.
    ahead.sort_by_key(|(date, c)| (*date, c.index));
    dated.extend(
        ahead
            .into_iter()
            .map(|(date, c)| (date, c.note_line_in(as_of, words))),
    );
    if let Some(ends) = m.ends().filter(|e| *e >= as_of) {
        dated.push((ends, words.phrase(&Phrase::NoMeetingsAfter(ends))));
    }
    dated.sort_by_key(|(d, _)| *d);
    let mut notes: Vec<String> =
        m.notes().map(str::to_string).into_iter().collect();
    notes.extend(dated.into_iter().map(|(_, t)| t));
    (!notes.is_empty()).then(|| notes.join("\n"))
}

/// The cancelled, moved and extra sessions from `as_of` on (a move whose
/// session or new time is on or after it), each with the first date it
/// is about: what a weekly feed can say only in words.
fn sessions_to_come(
    m: &Meeting,
    as_of: NaiveDate,
) -> Vec<(NaiveDate, ChangeRef<'_>)> {
    let mut out: Vec<(NaiveDate, ChangeRef<'_>)> = Vec::new();
    out.extend(m.cancellations(as_of..).map(|c| (c.due(), c.change())));
    out.extend(
        m.moves(..)
            .map(|mv| (mv.due().min(mv.to().date()), mv))
            .filter(|(_, mv)| mv.due().max(mv.to().date()) >= as_of)
            .map(|(date, mv)| (date, mv.change())),
    );
    out.extend(
        m.extras()
            .filter(|e| e.at().date() >= as_of)
            .map(|e| (e.at().date(), e.change())),
    );
    out
}

/// A meeting's record without its day, times and notes: types, the
/// conference, the place, the links; with the warnings about them.
fn details(
    schedule: &Schedule,
    m: &Meeting,
    options: &FeedOptions,
    warnings: &mut Vec<FeedWarning>,
) -> Record {
    let id = m.id().to_string();
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
    if let Some(url) = &online.url {
        if conference_provider(url.as_str()).is_none() {
            let host = url.host().to_string();
            warnings.push(FeedWarning::UnknownConferenceHost {
                meeting: id.clone(),
                host,
            });
        }
    }
    if let Some(phone) = &online.phone {
        if phone_digits(phone).len() < 10 {
            warnings.push(FeedWarning::ShortPhone {
                meeting: id.clone(),
                phone: phone.clone(),
            });
        }
    }
    let (formatted_address, approximate) = match &m.place().address {
        Some(address) => (Some(address.clone()), Some("no")),
        None => {
            let area = m.place().area.as_deref().or(schedule.area());
            (area.map(str::to_string), area.map(|_| "yes"))
        }
    };
    if formatted_address.is_none() {
        warnings.push(FeedWarning::NoPlace { meeting: id.clone() });
    }
    let (url_notes, phone_notes) = match (&online.url, online.notes) {
        (Some(_), notes) => (notes, None),
        (None, notes) => (None, notes),
    };
    // From the options alone, so that a feed imported and exported
    // again is the same feed (a schedule file has no `updated`).
    let updated =
        options.updated.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string());
    Record {
        name: m.name().to_string(),
        slug: id,
        day: None,
        time: None,
        end_time: None,
        timezone: m.zone().name(),
        types,
        notes: None,
        conference_url: online.url.map(String::from),
        conference_url_notes: url_notes,
        conference_phone: online.phone,
        conference_phone_notes: phone_notes,
        location: m.place().venue.clone(),
        formatted_address,
        approximate,
        url: m.url().map(ToString::to_string),
        entity: schedule.name().to_string(),
        entity_url: schedule.url().map(ToString::to_string),
        updated,
    }
}

/// The name without its weekday (`Co-Occurring Disorders (Sunday)` ->
/// `Co-Occurring Disorders`), when it names the meeting's `day`.
fn without_weekday(name: &str, day: chrono::Weekday) -> Option<String> {
    let weekday = convenor_core::weekday_name(day);
    let lower = name.to_ascii_lowercase();
    let at = lower.find(weekday)?;
    let mut rest = format!("{}{}", &name[..at], &name[at + weekday.len()..]);
    // Brackets or separators the weekday leaves behind.
    for junk in ["()", "[]", " - ", " – ", " — ", ": "] {
        rest = rest.replace(junk, " ");
    }
    let cleaned = rest
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| {
            c == '-' || c == ',' || c == ':' || c.is_whitespace()
        })
        .to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The next `n` session dates of a segment on or after `from`.
fn next_dates(segment: &Segment, from: NaiveDate, n: usize) -> Vec<NaiveDate> {
    segment.due_dates(from).take(n).collect()
}
