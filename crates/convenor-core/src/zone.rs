//! convenor's time zone ([`Zone`]), read from the tz database in use
//! ([`crate::Tzdata`]), and the one place the gap and fold policy lives
//! ([`resolve_local`]).

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{PoisonError, RwLock};

use chrono::{
    DateTime, Datelike, FixedOffset, LocalResult, NaiveDate, NaiveDateTime,
    Offset, TimeDelta, TimeZone, Timelike,
};
use jiff::tz::{AmbiguousOffset, TimeZone as JiffZone};
use jiff::Timestamp;

use crate::tzdata::{Tzdata, UnknownZone};

/// A time zone of the tz database, such as `America/Vancouver`.
///
/// Cheap to copy; [`Display`](fmt::Display) and [`FromStr`] use its IANA
/// name. It is a [`chrono::TimeZone`], so a `DateTime<Zone>` shows the
/// offset and abbreviation the zone's rules give at that instant. Names
/// are read from the [current](Tzdata::current) database; a zone keeps
/// the rules of the database it was read from.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use convenor_core::Zone;
///
/// let vancouver: Zone = "America/Vancouver".parse()?;
/// // British Columbia keeps UTC-07 all year from 2026-11-01 (tz 2026).
/// let monday = Utc.with_ymd_and_hms(2026, 12, 8, 2, 0, 0).unwrap().with_timezone(&vancouver);
/// assert_eq!(monday.format("%a %H:%M %Z %:z").to_string(), "Mon 19:00 MST -07:00");
/// assert_eq!(vancouver.to_string(), "America/Vancouver");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
#[derive(Clone, Copy)]
pub struct Zone(&'static ZoneData);

struct ZoneData {
    /// The name as asked for (a link such as `US/Pacific` keeps its own).
    name: Box<str>,
    /// The primary name when this one is an old one (a link).
    primary: Option<Box<str>>,
    tz: JiffZone,
    tzdata: Tzdata,
    /// Unique over the process, dense from 0: for per-zone tables.
    index: usize,
    /// Abbreviations seen so far (`PST`, `PDT`, ...), kept for the life
    /// of the process so offsets can hold them: a zone has a handful.
    abbreviations: RwLock<Vec<&'static str>>,
}

/// How many zones have been read (the next [`Zone::index`]).
static ZONES: AtomicUsize = AtomicUsize::new(0);

impl Zone {
    /// Keeps a zone read from `tzdata` for the life of the process;
    /// [`Tzdata::zone`] calls this once per name.
    pub(crate) fn register(name: &str, tz: JiffZone, tzdata: Tzdata) -> Zone {
        let primary = tz
            .primary_iana_name()
            .filter(|p| *p != name)
            .map(|p| p.to_string().into_boxed_str());
        Zone(Box::leak(Box::new(ZoneData {
            name: name.into(),
            primary,
            tz,
            tzdata,
            index: ZONES.fetch_add(1, Ordering::Relaxed),
            abbreviations: RwLock::new(Vec::new()),
        })))
    }

    /// The zone of that name in the [current](Tzdata::current) database.
    ///
    /// # Errors
    ///
    /// [`UnknownZone`], with the nearest known name when one is close.
    pub fn get(name: &str) -> Result<Zone, UnknownZone> {
        Tzdata::current().zone(name)
    }

    /// UTC, from the [current](Tzdata::current) database.
    pub fn utc() -> Zone {
        Zone::get("UTC").unwrap_or_else(|_| {
            Tzdata::bundled()
                .zone("UTC")
                .expect("the bundled database has UTC")
        })
    }

    /// Its IANA name, as it was asked for.
    pub fn name(&self) -> &'static str {
        &self.0.name
    }

    /// The primary name when this name is an old one (a link in the tz
    /// database), such as `Europe/Kyiv` for `Europe/Kiev`; `None` for
    /// primary names.
    ///
    /// ```
    /// let kiev: convenor_core::Zone = "Europe/Kiev".parse()?;
    /// assert_eq!(kiev.primary_name(), Some("Europe/Kyiv"));
    /// let kyiv: convenor_core::Zone = "Europe/Kyiv".parse()?;
    /// assert_eq!(kyiv.primary_name(), None);
    /// # Ok::<(), convenor_core::UnknownZone>(())
    /// ```
    pub fn primary_name(&self) -> Option<&'static str> {
        self.0.primary.as_deref()
    }

    /// The database it was read from.
    pub fn tzdata(&self) -> Tzdata {
        self.0.tzdata
    }

    /// The same name in another database (`None` when that one lacks
    /// it): to compare the rules of two databases.
    pub fn in_tzdata(&self, tzdata: Tzdata) -> Option<Zone> {
        tzdata.zone(self.name()).ok()
    }

    /// Unique over the process and dense from 0, for per-zone tables.
    pub(crate) fn index(&self) -> usize {
        self.0.index
    }

    /// The offset in force at Unix second `utc`. Past the database's
    /// last year (9999) the rules of the same day 400 years earlier
    /// apply (the Gregorian calendar repeats every 400 years, and so do
    /// rules such as "last Sunday of March"); before its first, the
    /// earliest offset (local mean time).
    ///
    /// ```
    /// let london: convenor_core::Zone = "Europe/London".parse()?;
    /// let july_2026 = 1_783_000_000;
    /// let offset = london.offset_at(july_2026);
    /// assert_eq!((offset.seconds(), offset.abbreviation(), offset.is_dst()), (3600, "BST", true));
    /// # Ok::<(), convenor_core::UnknownZone>(())
    /// ```
    pub fn offset_at(&self, utc: i64) -> ZoneOffset {
        crate::fast::offset_at_utc(*self, utc)
            .unwrap_or_else(|| self.offset_in_database(utc))
    }

    /// [`Zone::offset_at`] from jiff's data itself (what the per-zone
    /// tables are built from).
    pub(crate) fn offset_in_database(&self, utc: i64) -> ZoneOffset {
        let info = self.0.tz.to_offset_info(timestamp(utc));
        let abbreviation =
            u32::from(self.abbreviation_index(info.abbreviation()));
        let dst = if info.dst().is_dst() { DST_BIT } else { 0 };
        ZoneOffset {
            zone: *self,
            seconds: info.offset().seconds(),
            marks: abbreviation | dst,
        }
    }

    /// The place of `abbreviation` in the zone's list, added if new (the
    /// list only grows, so a place stays valid). Offsets keep the place,
    /// not the text: they stay 16 bytes, copied with every session.
    ///
    /// Kept with its control characters escaped (`\u{1b}`), as schedule
    /// text is: an abbreviation comes from tz data, which may be a
    /// hostile directory's (issue 25: `\e[2J\u{202e}` was printed raw by
    /// `week`, `agenda` and `next`, and on the page).
    fn abbreviation_index(&self, abbreviation: &str) -> u16 {
        let abbreviation = crate::quote::escape_controls(abbreviation);
        let abbreviation: &str = &abbreviation;
        let known = |list: &[&'static str]| {
            list.iter().position(|a| *a == abbreviation)
        };
        let lock = &self.0.abbreviations;
        let found =
            known(&lock.read().unwrap_or_else(PoisonError::into_inner));
        let index = found.unwrap_or_else(|| {
            let mut list =
                lock.write().unwrap_or_else(PoisonError::into_inner);
            known(&list).unwrap_or_else(|| {
                list.push(Box::leak(abbreviation.into()));
                list.len() - 1
            })
        });
        // A zone has a handful of abbreviations; past u16::MAX (never
        // seen) the last place stands in.
        u16::try_from(index).unwrap_or(u16::MAX)
    }

    /// The abbreviation at `index` of the zone's list.
    fn abbreviation_at(&self, index: u16) -> &'static str {
        let list = self
            .0
            .abbreviations
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        list.get(usize::from(index)).or(list.last()).copied().unwrap_or("")
    }

    /// How a local time fits the zone: the offset(s) its rules give.
    fn local_offsets(&self, local: NaiveDateTime) -> AmbiguousOffset {
        match civil(local) {
            Some(dt) => self.0.tz.to_ambiguous_timestamp(dt).offset(),
            None => AmbiguousOffset::Unambiguous {
                offset: self.0.tz.to_offset(Timestamp::MIN),
            },
        }
    }

    /// Every change of UTC offset, abbreviation or daylight-saving flag
    /// in `(from, to]` (Unix seconds), in order: the instant, and the
    /// offsets before and after it.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let london: convenor_core::Zone = "Europe/London".parse()?;
    /// let from = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap().timestamp();
    /// let to = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap().timestamp();
    /// let found = london.transitions(from, to);
    /// let at: Vec<_> = found.iter().map(|t| Utc.timestamp_opt(t.0, 0).unwrap().to_rfc3339()).collect();
    /// assert_eq!(at, ["2025-03-30T01:00:00+00:00", "2025-10-26T01:00:00+00:00"]);
    /// assert_eq!(found[0].2.seconds(), 3600);
    /// # Ok::<(), convenor_core::UnknownZone>(())
    /// ```
    pub fn transitions(
        &self,
        from: i64,
        to: i64,
    ) -> Vec<(i64, ZoneOffset, ZoneOffset)> {
        walk_changes(&self.0.tz, from, to, |at| self.offset_in_database(at))
    }
}

/// Every instant in `(from, to]` (Unix seconds) at which `state`, read
/// from `tz`, changes: the instant, and the states before and after it,
/// in order. The one transition walk: [`Zone::transitions`] reads
/// [`ZoneOffset`]s, and [`read_tzif`] (for the fuzz target, which must
/// not keep a zone per input) reads plain values.
fn walk_changes<S: Clone + PartialEq>(
    tz: &JiffZone,
    from: i64,
    to: i64,
    state: impl Fn(i64) -> S,
) -> Vec<(i64, S, S)> {
    let mut out = Vec::new();
    let mut before = state(from);
    // Before jiff's first instant the offset does not change; past
    // its last, `timestamp` maps each 400-year cycle back onto the
    // last one, so each cycle is walked with its own shift.
    let (min, max) = (Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    let mut lo = from.max(min);
    while lo < to {
        let cycle = if lo < max { 0 } else { (lo - max) / CYCLE_SECONDS + 1 };
        let shift = cycle * CYCLE_SECONDS;
        let hi = to.min(max.saturating_add(shift));
        let changes = std::iter::once(lo + 1).chain(
            tz.following(timestamp(lo - shift))
                .map(|t| t.timestamp().as_second() + shift),
        );
        // Only instants that move forward: a legal TZif with no
        // transitions and an empty footer made `following` give one
        // instant forever, and `agenda`, `next` and `check` spun
        // (issue 25). `lo + 1` may come twice (also as a real one).
        let mut last = lo;
        let mut repeats = 0;
        for at in changes.take_while(|&at| at <= hi) {
            if at == last {
                repeats += 1;
            }
            if at < last || repeats > 1 {
                break;
            }
            last = at;
            let after = state(at);
            if after != before {
                out.push((at, before, after.clone()));
                before = after;
            }
        }
        lo = hi;
    }
    out
}

/// The offset a zone file gives at one instant, as [`read_tzif`] lists
/// it: seconds east of UTC, abbreviation (control characters escaped, as
/// [`ZoneOffset::abbreviation`] keeps it) and daylight-saving flag.
pub type TzifOffset = (i32, String, bool);

/// Reads `data` as a zone file is read from a zoneinfo directory (at
/// most the size limit, TZif as jiff parses it) and lists its changes of
/// offset in `(from, to]` with the walk [`Zone::transitions`] uses,
/// keeping nothing for the life of the process (a [`Zone`] is kept once
/// read). For the tz-data fuzz target.
///
/// # Errors
///
/// In words, when the data is too large or not TZif.
pub fn read_tzif(
    data: &[u8],
    from: i64,
    to: i64,
) -> Result<Vec<(i64, TzifOffset, TzifOffset)>, String> {
    let tz = crate::tzdir::parse_tzif("Fuzz/Input", data)?;
    let offset = |at: i64| {
        let info = tz.to_offset_info(timestamp(at));
        (
            info.offset().seconds(),
            crate::quote::escape_controls(info.abbreviation()).into_owned(),
            info.dst().is_dst(),
        )
    };
    Ok(walk_changes(&tz, from, to, offset))
}

impl Zone {
    /// The first instant in `[from, to)` (Unix seconds) at which `other`
    /// gives a different UTC offset: to tell where two databases' rules
    /// for a zone part ways.
    ///
    /// ```
    /// use convenor_core::Zone;
    /// let pacific: Zone = "America/Los_Angeles".parse()?;
    /// let vancouver: Zone = "America/Vancouver".parse()?;
    /// // Both on PST/PDT until British Columbia stays on -07 from
    /// // 2026-11-01 09:00Z (tz 2026).
    /// let (from, to) = (1_735_689_600, 1_830_297_600); // 2025 to 2028
    /// assert_eq!(pacific.first_difference(vancouver, from, to), Some(1_793_523_600));
    /// assert_eq!(pacific.first_difference(pacific, from, to), None);
    /// # Ok::<(), convenor_core::UnknownZone>(())
    /// ```
    pub fn first_difference(
        &self,
        other: Zone,
        from: i64,
        to: i64,
    ) -> Option<i64> {
        let mut changes: Vec<i64> = std::iter::once(from)
            .chain(self.transitions(from, to).iter().map(|t| t.0))
            .chain(other.transitions(from, to).iter().map(|t| t.0))
            .filter(|&t| t < to)
            .collect();
        changes.sort_unstable();
        changes.into_iter().find(|&t| {
            self.offset_at(t).seconds() != other.offset_at(t).seconds()
        })
    }
}

/// Seconds in 400 Gregorian years (146,097 days): the calendar's cycle.
const CYCLE_SECONDS: i64 = 146_097 * 86_400;

/// Unix second `secs` as a jiff timestamp: past jiff's last year, moved
/// back by whole 400-year cycles; before its first, its first.
fn timestamp(secs: i64) -> Timestamp {
    let (min, max) = (Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
    let secs = if secs > max {
        secs - ((secs - max) / CYCLE_SECONDS + 1) * CYCLE_SECONDS
    } else {
        secs.max(min)
    };
    Timestamp::from_second(secs).unwrap_or(Timestamp::MIN)
}

/// A local time as a jiff civil time (whole seconds): past year 9999
/// moved back by whole 400-year cycles; `None` before year -9999.
fn civil(local: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    let years_over = local.year() - 9999;
    let local = if years_over > 0 {
        let cycles = i64::from(years_over / 400 + 1);
        local.checked_sub_signed(TimeDelta::days(146_097 * cycles))?
    } else {
        local
    };
    let narrow = |n: u32| i8::try_from(n).ok();
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        narrow(local.month())?,
        narrow(local.day())?,
        narrow(local.hour())?,
        narrow(local.minute())?,
        narrow(local.second())?,
        0,
    )
    .ok()
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.0.index == other.0.index
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.index.hash(state);
    }
}

impl PartialOrd for Zone {
    fn partial_cmp(&self, other: &Zone) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Zone {
    /// By name, then by which database (in the order they were read).
    fn cmp(&self, other: &Zone) -> std::cmp::Ordering {
        (self.name(), self.0.index).cmp(&(other.name(), other.0.index))
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Zone, UnknownZone> {
        Zone::get(name)
    }
}

/// A zone's offset at one instant: seconds east of UTC, abbreviation and
/// daylight-saving flag. The `Offset` of [`Zone`] as a chrono
/// `TimeZone`; its `Display` is the abbreviation (chrono's `%Z`).
///
/// ```
/// use chrono::{TimeZone, Utc};
/// let la: convenor_core::Zone = "America/Los_Angeles".parse()?;
/// let july = Utc.with_ymd_and_hms(2025, 7, 1, 0, 0, 0).unwrap().with_timezone(&la);
/// let offset = *july.offset();
/// assert_eq!(offset.seconds(), -7 * 3600);
/// assert_eq!((offset.abbreviation(), offset.is_dst()), ("PDT", true));
/// assert_eq!(july.format("%H:%M %Z").to_string(), "17:00 PDT");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    seconds: i32,
    /// Its place in the zone's list of abbreviations (the low 16 bits)
    /// and [`DST_BIT`]: one word, so the offset is 16 bytes without
    /// padding and is copied in one move (odd-sized fields made copies
    /// overlap, which stalls the CPU; measured in `expand/w1`).
    marks: u32,
}

/// In [`ZoneOffset::marks`]: the database marks it as daylight-saving
/// time.
const DST_BIT: u32 = 1 << 16;

impl ZoneOffset {
    /// A value of `zone` to fill storage with before the real offsets
    /// are known (never handed out).
    pub(crate) const fn placeholder(zone: Zone) -> ZoneOffset {
        ZoneOffset { zone, seconds: 0, marks: 0 }
    }

    /// Seconds east of UTC.
    pub fn seconds(&self) -> i32 {
        self.seconds
    }

    /// Such as `PDT`, or `-03` where the database has no letters.
    pub fn abbreviation(&self) -> &'static str {
        // The low 16 bits hold a u16.
        self.zone.abbreviation_at((self.marks & 0xFFFF) as u16)
    }

    /// Whether the database marks it as daylight-saving time.
    pub fn is_dst(&self) -> bool {
        self.marks & DST_BIT != 0
    }

    /// The zone it belongs to.
    pub fn zone(&self) -> Zone {
        self.zone
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        FixedOffset::east_opt(self.seconds)
            .unwrap_or(FixedOffset::east_opt(0).expect("0 is in range"))
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.abbreviation())
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.abbreviation(), self.fix())
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(
        &self,
        local: &NaiveDate,
    ) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(
            &local.and_time(chrono::NaiveTime::MIN),
        )
    }

    fn offset_from_local_datetime(
        &self,
        local: &NaiveDateTime,
    ) -> LocalResult<ZoneOffset> {
        let at = |offset: jiff::tz::Offset| {
            let secs = local.and_utc().timestamp();
            self.offset_at(secs.saturating_sub(i64::from(offset.seconds())))
        };
        match self.local_offsets(*local) {
            AmbiguousOffset::Unambiguous { offset } => {
                LocalResult::Single(at(offset))
            }
            AmbiguousOffset::Gap { .. } => LocalResult::None,
            // The offset before the change gives the earlier instant.
            AmbiguousOffset::Fold { before, after } => {
                LocalResult::Ambiguous(at(before), at(after))
            }
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset_at(utc.and_utc().timestamp())
    }
}

/// How a local time fitted its zone when it was resolved.
///
/// ```
/// use convenor_core::{resolve_local, Fit, Zone};
/// let la: Zone = "America/Los_Angeles".parse()?;
/// let noon = chrono::NaiveDate::from_ymd_opt(2023, 3, 12).unwrap().and_hms_opt(12, 0, 0).unwrap();
/// assert_eq!(resolve_local(la, noon).1, Fit::Exact);
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fit {
    /// The local time exists exactly once.
    Exact,
    /// The local time does not exist (spring-forward gap); it was read
    /// with the offset in force before the gap, so the wall clock shows a
    /// later time.
    Gap,
    /// The local time exists twice (fall-back overlap); the first, earlier
    /// instant was taken.
    Fold,
}

/// Turns a wall-clock time in `zone` into an instant, by RFC 5545 §3.3.5.
///
/// - A time that exists once is that instant.
/// - A time in a spring-forward gap is read with the UTC offset in force
///   *before* the gap, so 02:30 on 2023-03-12 in Los Angeles becomes
///   03:30 PDT (10:30Z).
/// - A time in a fall-back overlap is the *first* (earlier) of its two
///   instants, so 01:30 on 2022-11-06 in Los Angeles is 01:30 PDT
///   (08:30Z).
///
/// ```
/// use chrono::{NaiveDate, Utc};
/// use convenor_core::{resolve_local, Fit, Zone};
///
/// let la: Zone = "America/Los_Angeles".parse()?;
/// let at = |d: (i32, u32, u32), h, m| {
///     NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap().and_hms_opt(h, m, 0).unwrap()
/// };
/// // Spring forward: 02:30 does not exist.
/// let (gap, fit) = resolve_local(la, at((2023, 3, 12), 2, 30));
/// assert_eq!(fit, Fit::Gap);
/// assert_eq!(gap.with_timezone(&Utc).to_rfc3339(), "2023-03-12T10:30:00+00:00");
/// assert_eq!(gap.format("%H:%M %Z").to_string(), "03:30 PDT");
/// // Fall back: 01:30 happens twice; the first one counts.
/// let (fold, fit) = resolve_local(la, at((2022, 11, 6), 1, 30));
/// assert_eq!(fit, Fit::Fold);
/// assert_eq!(fold.with_timezone(&Utc).to_rfc3339(), "2022-11-06T08:30:00+00:00");
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
pub fn resolve_local(
    zone: Zone,
    local: NaiveDateTime,
) -> (DateTime<Zone>, Fit) {
    let (offset, fit) = match zone.local_offsets(local) {
        AmbiguousOffset::Unambiguous { offset } => (offset, Fit::Exact),
        AmbiguousOffset::Gap { before, .. } => (before, Fit::Gap),
        AmbiguousOffset::Fold { before, .. } => (before, Fit::Fold),
    };
    let offset = i64::from(offset.seconds());
    // Past the ends of chrono's calendar (local times within a day of
    // them), the nearest instant there is.
    let utc = local.checked_sub_signed(TimeDelta::seconds(offset)).unwrap_or(
        if offset < 0 { NaiveDateTime::MAX } else { NaiveDateTime::MIN },
    );
    (zone.from_utc_datetime(&utc), fit)
}

/// The zone name nearest to a misspelt one in the
/// [current](Tzdata::current) database, if any is close.
///
/// ```
/// use convenor_core::suggest_zone;
/// assert_eq!(suggest_zone("America/Los_Angles").as_deref(), Some("America/Los_Angeles"));
/// assert_eq!(suggest_zone("europe/london").as_deref(), Some("Europe/London"));
/// assert_eq!(suggest_zone("BST").as_deref(), Some("Europe/London"));
/// assert_eq!(suggest_zone("Pacific").as_deref(), Some("America/Los_Angeles"));
/// assert_eq!(suggest_zone("Pacifc/Nowhere"), None);
/// ```
pub fn suggest_zone(name: &str) -> Option<String> {
    Tzdata::current().suggest(name).map(str::to_string)
}

/// The primary name of a zone known by an old (link) name, such as
/// `Europe/Kyiv` for `Europe/Kiev`; `None` for primary or unknown names.
///
/// ```
/// use convenor_core::canonical_zone;
/// assert_eq!(canonical_zone("US/Pacific"), Some("America/Los_Angeles"));
/// assert_eq!(canonical_zone("Europe/Kyiv"), None);
/// ```
pub fn canonical_zone(name: &str) -> Option<&'static str> {
    Zone::get(name).ok()?.primary_name()
}

#[cfg(test)]
#[path = "zone_tzif_tests.rs"]
mod tzif_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn an_offset_is_16_bytes() {
        // Copied with every session (`Occurrence`): keep it small.
        assert_eq!(std::mem::size_of::<ZoneOffset>(), 16);
    }

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
    }

    fn zone(name: &str) -> Zone {
        Tzdata::bundled().zone(name).unwrap()
    }

    fn utc(name: &str, local: NaiveDateTime) -> String {
        resolve_local(zone(name), local)
            .0
            .with_timezone(&Utc)
            .format("%FT%RZ")
            .to_string()
    }

    #[test]
    fn gaps_take_the_offset_before() {
        // Lord Howe: 30-minute gap at 02:00 (+10:30 -> +11).
        let lh = "Australia/Lord_Howe";
        assert_eq!(utc(lh, at(2023, 10, 1, 2, 15)), "2023-09-30T15:45Z");
        // Cairo and Santiago change at local midnight.
        assert_eq!(
            utc("Africa/Cairo", at(2023, 4, 28, 0, 30)),
            "2023-04-27T22:30Z"
        );
        // Samoa skipped 2011-12-30 whole.
        assert_eq!(
            utc("Pacific/Apia", at(2011, 12, 30, 10, 0)),
            "2011-12-30T20:00Z"
        );
    }

    #[test]
    fn folds_take_the_first_instant() {
        // 01:45 twice on 2023-04-02 at Lord Howe: first at +11.
        let lh = "Australia/Lord_Howe";
        assert_eq!(utc(lh, at(2023, 4, 2, 1, 45)), "2023-04-01T14:45Z");
    }

    #[test]
    fn past_year_9999_the_rules_repeat_every_400_years() {
        let london = zone("Europe/London");
        let summer = |y| resolve_local(london, at(y, 7, 1, 12, 0)).0;
        assert_eq!(summer(12_026).offset().seconds(), 3600);
        assert_eq!(summer(12_026).offset().abbreviation(), "BST");
        let winter = resolve_local(london, at(250_000, 1, 1, 12, 0)).0;
        assert_eq!(winter.offset().seconds(), 0);
        // Before year -9999: local mean time, as at the database's start.
        let lmt = resolve_local(london, at(-20_000, 1, 1, 12, 0)).0;
        assert_eq!(lmt.offset().seconds(), -75);
        // The ends of chrono's calendar answer without panicking.
        for local in [NaiveDateTime::MIN, NaiveDateTime::MAX] {
            let _ = resolve_local(zone("Pacific/Kiritimati"), local);
            let _ = resolve_local(zone("America/Los_Angeles"), local);
        }
    }

    #[test]
    fn names_are_exact() {
        let db = Tzdata::bundled();
        let e = db.zone("europe/london").unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("Europe/London"));
        assert!(db.zone("").is_err());
        assert!(db.zone("../../etc/passwd").is_err());
        // A long name is refused without a search for a suggestion.
        let long = "A".repeat(3_000_000);
        assert_eq!(db.zone(&long).unwrap_err().suggestion, None);
    }

    #[test]
    fn every_chrono_tz_name_is_in_the_bundle() {
        for tz in chrono_tz::TZ_VARIANTS {
            assert!(Tzdata::bundled().zone(tz.name()).is_ok(), "{tz}");
        }
    }
}
