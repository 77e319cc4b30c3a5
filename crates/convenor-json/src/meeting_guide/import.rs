//! Feed -> schedule.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use convenor_core::{
    LocalTime, MeetingSpec, OnlineSpec, Schedule, ScheduleSpec, WeeklySpec,
    Zone,
};
use serde_json::Value;

use super::{FeedWarning, TypeMap};
use crate::error::Error;

/// Fields of the spec that an imported meeting keeps (the rest are
/// reported in [`FeedWarning::NotKept`]).
const KEPT: &[&str] = &[
    "name",
    "slug",
    "day",
    "time",
    "end_time",
    "timezone",
    "types",
    "notes",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "formatted_address",
    "address",
    "city",
    "state",
    "postal_code",
    "country",
    "approximate",
    "url",
];

/// Fields that describe the publisher, which is the schedule: `entity`
/// (its name, given to the import) and `entity_url` (its `url`).
const DERIVED: &[&str] = &["entity", "entity_url"];

/// How to import a feed: the schedule's name, the first date its meetings
/// run (the spec has no dates), a default zone for records without
/// `timezone`, and the type map.
///
/// ```
/// use convenor_json::ImportOptions;
/// let opts = ImportOptions::new("District 123", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
///     .with_timezone("America/Los_Angeles".parse::<convenor_core::Zone>().unwrap());
/// assert_eq!(opts.timezone(), Some("America/Los_Angeles".parse::<convenor_core::Zone>().unwrap()));
/// assert_eq!(opts.name(), "District 123");
/// assert_eq!(opts.starts().to_string(), "2024-01-01");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportOptions {
    name: String,
    starts: NaiveDate,
    timezone: Option<Zone>,
    types: TypeMap,
}

impl ImportOptions {
    /// A schedule named `name` whose meetings run from `starts`, with no
    /// default zone and the default types.
    ///
    /// ```
    /// let opts = convenor_json::ImportOptions::new("x", chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    /// assert_eq!(opts.timezone(), None);
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
    /// assert!(opts.timezone().is_some());
    /// ```
    #[must_use]
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
    /// assert_eq!(opts.types().tag("LIT"), "hwyw");
    /// ```
    #[must_use]
    pub fn with_types(mut self, types: TypeMap) -> ImportOptions {
        self.types = types;
        self
    }

    /// The schedule's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `starts` of every imported meeting.
    pub fn starts(&self) -> NaiveDate {
        self.starts
    }

    /// The zone of records without `timezone`.
    pub fn timezone(&self) -> Option<Zone> {
        self.timezone
    }

    /// Type codes → tags ([`TypeMap::tag`]).
    pub fn types(&self) -> &TypeMap {
        &self.types
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
/// `-1`, `-2`... as meeting finders name them), with its zone, types as
/// tags ([`TypeMap::tag`]; `ONL` and any conference field give the
/// `online` tag), conference fields, address (or `area`, for an
/// approximate place), its page (`url`) and notes.
///
/// A record that cannot be imported is left out with a
/// [`FeedWarning::Skipped`] naming it, the field and why, as meeting
/// finders skip it, and the rest are imported: records without `day` or
/// `time`, without a zone (and no default given), with a repeated slug or
/// a value that does not fit. Fields the schedule has no place for are
/// counted in one [`FeedWarning::NotKept`].
///
/// # Errors
///
/// [`Error::Feed`] when the text is not a JSON array of objects (with the
/// position).
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
/// let skipped = from_meeting_guide_str(r#"[{"name": "x", "slug": "x", "day": 7, "time": "18:00"}]"#, &opts)?;
/// assert!(skipped.schedule.meetings().is_empty());
/// assert_eq!(
///     skipped.warnings[0].to_string(),
///     "record 0 (x) is left out: invalid `day`: 7 is not a day from 0 (sunday) to 6 (saturday)",
/// );
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
    let mut ids = BTreeSet::new();
    let mut not_kept: BTreeMap<String, usize> = BTreeMap::new();
    let timezone = options.timezone.map(|z| z.name().to_string());
    for (index, r) in records.iter().enumerate() {
        for field in r.keys() {
            let known = KEPT.contains(&field.as_str())
                || DERIVED.contains(&field.as_str())
                // Kept or counted by `import_record`.
                || field == "location";
            if !known && !r[field].is_null() {
                *not_kept.entry(field.clone()).or_default() += 1;
            }
        }
        let specs = match import_record(
            index,
            r,
            options,
            &mut warnings,
            &mut not_kept,
        ) {
            Ok(Some(specs)) => specs,
            Ok(None) => {
                let slug = r.get("slug").map(value_text);
                warnings.push(FeedWarning::ByAppointment { index, slug });
                continue;
            }
            Err(warning) => {
                warnings.push(warning);
                continue;
            }
        };
        let skip = |field: &str, problem: String| FeedWarning::Skipped {
            index,
            slug: r.get("slug").map(value_text),
            field: field.to_string(),
            problem,
        };
        if let Some(spec) = specs.iter().find(|s| ids.contains(&s.id)) {
            let problem =
                format!("{} is already taken by an earlier record", spec.id);
            warnings.push(skip("slug", problem));
            continue;
        }
        // Each record alone, so one that the schedule rejects is left
        // out and the rest stay.
        let alone = ScheduleSpec {
            name: options.name.clone(),
            timezone: timezone.clone(),
            meetings: specs.clone(),
            ..ScheduleSpec::default()
        };
        if let Err(e) = Schedule::try_from(alone) {
            let (field, problem) = match e.problems().next() {
                Some(p) => {
                    let path = p.path.to_string();
                    let field = path.rsplit('.').next().unwrap_or("record");
                    let hint = p
                        .suggestion
                        .as_ref()
                        .map(|s| format!("; did you mean \"{s}\"?"))
                        .unwrap_or_default();
                    (field.to_string(), format!("{}{hint}", p.problem))
                }
                None => ("record".to_string(), e.to_string()),
            };
            warnings.push(skip(&field, problem));
            continue;
        }
        ids.extend(specs.iter().map(|s| s.id.clone()));
        meetings.extend(specs);
    }
    if !not_kept.is_empty() {
        warnings.push(FeedWarning::NotKept {
            fields: not_kept.into_iter().collect(),
        });
    }
    // The first valid `entity_url`; an invalid one is said, naming its
    // record, and left out (it failed the whole import).
    let mut entity_url = None;
    for (index, r) in records.iter().enumerate() {
        let Some(Value::String(u)) = r.get("entity_url") else { continue };
        let u = u.trim();
        if u.is_empty() {
            continue;
        }
        match convenor_core::WebUrl::new(u) {
            Ok(_) => {
                entity_url = Some(u.to_string());
                break;
            }
            Err(problem) => warnings.push(FeedWarning::Dropped {
                index,
                slug: r.get("slug").map(value_text),
                field: "entity_url".to_string(),
                problem: problem.to_string(),
            }),
        }
    }
    let spec = ScheduleSpec {
        name: options.name.clone(),
        url: entity_url,
        timezone,
        meetings,
        ..ScheduleSpec::default()
    };
    let schedule = Schedule::try_from(spec)?;
    Ok(Imported { schedule, warnings })
}

/// A JSON value as text: a string as it is, anything else as JSON.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One record's meetings (one per day); `None` for a record by
/// appointment (no day or time); the warning for one that cannot be
/// imported.
fn import_record(
    index: usize,
    r: &serde_json::Map<String, Value>,
    options: &ImportOptions,
    warnings: &mut Vec<FeedWarning>,
    not_kept: &mut BTreeMap<String, usize>,
) -> Result<Option<Vec<MeetingSpec>>, FeedWarning> {
    let slug_text = match r.get("slug") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let fail = |field: &'static str, problem: String| FeedWarning::Skipped {
        index,
        slug: slug_text.clone(),
        field: field.to_string(),
        problem,
    };
    let text = |field: &'static str| -> Result<Option<String>, FeedWarning> {
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
    // A day listed twice is one meeting.
    let mut days = days;
    days.sort_unstable();
    days.dedup();
    let time = text("time")?;
    let (Some(time), false) = (time, days.is_empty()) else {
        return Ok(None);
    };
    let start = parse_time(&time).map_err(|p| fail("time", p))?;
    // A convenor feed's session past midnight has no `end_time`; its
    // notes' last line says the end.
    let mut notes = text("notes")?;
    let next_day = notes
        .as_deref()
        .and_then(|n| n.lines().last())
        .and_then(super::ends_next_day_of);
    let minutes = match text("end_time")? {
        None => match next_day {
            Some((h, m)) => {
                if let Some(n) = &mut notes {
                    let kept = n.lines().count() - 1;
                    *n = n.lines().take(kept).collect::<Vec<_>>().join("\n");
                }
                notes = notes.filter(|n| !n.is_empty());
                24 * 60 - minutes_of(start) + h * 60 + m
            }
            None => 60,
        },
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
    // A link that is not `https:` or `http:` (`javascript:`, `data:`,
    // `ftp:`, `//host`) is not carried into the schedule: said, and the
    // rest of the record kept.
    let mut link =
        |field: &'static str| -> Result<Option<String>, FeedWarning> {
            let url = text(field)?;
            match url.as_deref().map(convenor_core::WebUrl::new) {
                Some(Err(problem)) => {
                    warnings.push(FeedWarning::Dropped {
                        index,
                        slug: Some(slug_text.clone()),
                        field: field.to_string(),
                        problem: problem.to_string(),
                    });
                    Ok(None)
                }
                _ => Ok(url),
            }
        };
    let url = link("conference_url")?;
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
    let place = match text("formatted_address")? {
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
    // As meeting finders read it: `approximate`, else fewer than four
    // comma-separated parts is a place, not an address.
    let approximate = match r.get("approximate") {
        Some(Value::String(a)) => a.eq_ignore_ascii_case("yes"),
        Some(Value::Bool(b)) => *b,
        _ => place.as_ref().is_some_and(|p| p.split(',').count() < 4),
    };
    let (address, area) =
        if approximate { (None, place) } else { (place, None) };
    // `location` is the venue of an in-person meeting (TSML UI shows it
    // only for one); an approximate record's (often "Online") is not.
    let venue = text("location")?;
    let venue = match approximate {
        false => venue,
        true => {
            if venue.is_some() {
                *not_kept.entry("location".to_string()).or_default() += 1;
            }
            None
        }
    };
    let url = link("url")?;
    let several = matches!(r.get("day"), Some(Value::Array(_)));
    Ok(Some(
        days.into_iter()
            .map(|day| {
                let weekday = weekday_of(day);
                let day_name = convenor_core::weekday_name(weekday);
                MeetingSpec {
                    id: if several {
                        // Within the 64 characters of an id, with room
                        // for the day.
                        let stem = slug.get(..62).unwrap_or(&slug);
                        format!("{}-{day}", stem.trim_end_matches('-'))
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
                    venue: venue.clone(),
                    address: address.clone(),
                    area: area.clone(),
                    reminders: None,
                    url: url.clone(),
                    changes: Vec::new(),
                }
            })
            .collect(),
    ))
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
    }
}
