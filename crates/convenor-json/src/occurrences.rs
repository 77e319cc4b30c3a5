//! Occurrence lists as JSON: one object per session, the stable machine
//! interface documented in the crate docs.

use chrono::{DateTime, SecondsFormat, TimeZone};
use convenor_core::{Occurrence, Zone};
use serde::Serialize;

/// How to write an occurrence list: a viewer zone for `local_*` fields,
/// and pretty or compact.
///
/// # Example
///
/// ```
/// use convenor_json::OccurrenceOptions;
///
/// let opts = OccurrenceOptions::new().with_viewer("Europe/London".parse::<convenor_core::Zone>().unwrap()).with_pretty(true);
/// assert_eq!(opts.viewer, Some("Europe/London".parse::<convenor_core::Zone>().unwrap()));
/// assert!(opts.pretty);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OccurrenceOptions {
    /// The zone of the person looking: adds `local_start`, `local_end`
    /// and `local_timezone`.
    pub viewer: Option<Zone>,
    /// Indent by two spaces and end with a newline (default: one line).
    pub pretty: bool,
}

impl OccurrenceOptions {
    /// Compact, with no viewer zone.
    ///
    /// ```
    /// let opts = convenor_json::OccurrenceOptions::new();
    /// assert_eq!((opts.viewer, opts.pretty), (None, false));
    /// ```
    pub fn new() -> OccurrenceOptions {
        OccurrenceOptions::default()
    }

    /// The same options with a viewer zone.
    ///
    /// ```
    /// let opts = convenor_json::OccurrenceOptions::new().with_viewer("Asia/Tokyo".parse::<convenor_core::Zone>().unwrap());
    /// assert_eq!(opts.viewer, Some("Asia/Tokyo".parse::<convenor_core::Zone>().unwrap()));
    /// ```
    pub fn with_viewer(mut self, viewer: Zone) -> OccurrenceOptions {
        self.viewer = Some(viewer);
        self
    }

    /// The same options, pretty or compact.
    ///
    /// ```
    /// let opts = convenor_json::OccurrenceOptions::new().with_pretty(true);
    /// assert!(opts.pretty);
    /// ```
    pub fn with_pretty(mut self, pretty: bool) -> OccurrenceOptions {
        self.pretty = pretty;
        self
    }
}

/// One session; field order is the output order.
#[derive(Serialize)]
struct Record<'a> {
    meeting: &'a str,
    name: &'a str,
    status: &'static str,
    start: String,
    end: String,
    timezone: &'static str,
    due: String,
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_start: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local_timezone: Option<&'static str>,
}

/// RFC 3339 with the zone's offset, to the second
/// (`2022-11-12T07:00:00-08:00`).
fn rfc3339<Z: TimeZone>(t: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    t.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Writes sessions as a JSON array of objects, in the order given (the
/// core yields them by start, then meeting id). The fields are listed in
/// the [crate docs](crate#occurrences).
///
/// # Example
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::{Schedule, Window};
/// use convenor_json::{occurrences_to_string, OccurrenceOptions};
///
/// let seed = Schedule::from_toml_str(convenor_core::SEED_TOML)?;
/// let window = Window::new(
///     Utc.with_ymd_and_hms(2022, 11, 12, 0, 0, 0).unwrap(),
///     Utc.with_ymd_and_hms(2022, 11, 13, 0, 0, 0).unwrap(),
/// )?;
/// let opts = OccurrenceOptions::new().with_viewer("Europe/London".parse::<convenor_core::Zone>().unwrap());
/// let json = occurrences_to_string(seed.occurrences(window), &opts);
/// assert_eq!(
///     json,
///     r#"[{"meeting":"co-occurring-saturday","name":"Co-Occurring Disorders (Saturday)","#.to_owned()
///         + r#""status":"scheduled","start":"2022-11-12T07:00:00-08:00","end":"2022-11-12T08:00:00-08:00","#
///         + r#""timezone":"America/Los_Angeles","due":"2022-11-12","note":null,"#
///         + r#""local_start":"2022-11-12T15:00:00+00:00","local_end":"2022-11-12T16:00:00+00:00","#
///         + r#""local_timezone":"Europe/London"}]"#,
/// );
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub fn occurrences_to_string<'s>(
    occurrences: impl IntoIterator<Item = Occurrence<'s>>,
    options: &OccurrenceOptions,
) -> String {
    let records: Vec<Record<'_>> = occurrences
        .into_iter()
        .map(|o| {
            let local = options.viewer.map(|tz| {
                (
                    rfc3339(&o.start().with_timezone(&tz)),
                    rfc3339(&o.end().with_timezone(&tz)),
                    tz.name(),
                )
            });
            Record {
                meeting: o.meeting().id().as_str(),
                name: o.meeting().name(),
                status: o.status().as_str(),
                start: rfc3339(&o.start()),
                end: rfc3339(&o.end()),
                timezone: o.meeting().zone().name(),
                due: o.due().format("%Y-%m-%d").to_string(),
                note: o.note(),
                local_start: local.as_ref().map(|l| l.0.clone()),
                local_end: local.as_ref().map(|l| l.1.clone()),
                local_timezone: local.map(|l| l.2),
            }
        })
        .collect();
    crate::write(&records, options.pretty)
}
