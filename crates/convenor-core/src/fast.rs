//! The fast path of [`crate::resolve_local`]: per-zone tables of UTC
//! offsets between transitions, so turning a local time into an instant
//! is a table lookup instead of a search of the zone's data.
//!
//! Each table is built from the zone's transitions ([`Zone::transitions`]),
//! lazily per zone and per chunk of about eight and a half years (2^28
//! seconds of local time), and cached for the life of the process.
//!
//! Only local times that exist exactly once (not in a gap or fold, and in
//! no other span's local range) are answered from the table; everything
//! else goes to [`resolve_local`], so there is still exactly one gap/fold
//! policy, and the fast path gives identical results (checked by the
//! equality proptest in `tests/fast_path.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use chrono::{DateTime, NaiveDateTime, TimeDelta};

use crate::zone::{resolve_local, Fit, Zone, ZoneOffset};

/// Local seconds per chunk, as a power of two.
const CHUNK_BITS: u32 = 28;

/// How far beyond a chunk's local range its UTC range reaches: more than
/// any UTC offset (tzdb's largest are about 15 hours).
const PAD: i64 = 2 * 86_400;

/// Chunks kept before the cache is emptied (a bound on memory for
/// processes that visit many zones and centuries).
const CACHE_LIMIT: usize = 16_384;

/// Unix seconds of years -200000 and 200000: well inside chrono's range.
const MIN_SECS: i64 = -6_373_000_000_000;
const MAX_SECS: i64 = 6_249_000_000_000;

/// One stretch of constant offset.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// Local seconds in `[safe_lo, safe_hi)` exist exactly once, here.
    pub(crate) safe_lo: i64,
    pub(crate) safe_hi: i64,
    /// Unix seconds in `[utc_lo, utc_hi)` have this offset.
    pub(crate) utc_lo: i64,
    pub(crate) utc_hi: i64,
    /// The offset, in seconds east of UTC.
    pub(crate) secs: i64,
    pub(crate) offset: ZoneOffset,
}

/// The spans of one zone around one chunk of local time.
#[derive(Debug)]
pub(crate) struct Chunk {
    /// Local seconds this chunk answers for: `[lo, hi)`.
    lo: i64,
    hi: i64,
    spans: Vec<Span>,
}

type Cache = RwLock<HashMap<(Zone, i64), Arc<Chunk>>>;

static CACHE: LazyLock<Cache> = LazyLock::new(|| RwLock::new(HashMap::new()));

thread_local! {
    /// The chunk each zone used last on this thread: consecutive lookups
    /// (every meeting of a zone, over one window) mostly want the same
    /// one, and this skips the shared lock and hash. At most one chunk a
    /// zone.
    static RECENT: RefCell<Vec<Option<Arc<Chunk>>>> =
        const { RefCell::new(Vec::new()) };
}

/// Zones beyond this many get no per-thread slot (they still get the
/// shared cache): a bound for processes that read many databases.
const RECENT_LIMIT: usize = 4096;

fn chunk(tz: Zone, key: i64) -> Arc<Chunk> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let i = tz.index();
        if i < RECENT_LIMIT && recent.len() <= i {
            recent.resize(i + 1, None);
        }
        match recent.get_mut(i) {
            Some(Some(c)) if c.lo >> CHUNK_BITS == key => Arc::clone(c),
            Some(slot) => Arc::clone(slot.insert(shared_chunk(tz, key))),
            None => shared_chunk(tz, key),
        }
    })
}

fn shared_chunk(tz: Zone, key: i64) -> Arc<Chunk> {
    if let Some(c) =
        CACHE.read().unwrap_or_else(PoisonError::into_inner).get(&(tz, key))
    {
        return Arc::clone(c);
    }
    let built = Arc::new(build(tz, key));
    let mut cache = CACHE.write().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    Arc::clone(cache.entry((tz, key)).or_insert(built))
}

fn build(tz: Zone, key: i64) -> Chunk {
    let lo = key << CHUNK_BITS;
    let hi = lo + (1 << CHUNK_BITS);
    let (a, b) = (lo - PAD, hi + PAD);
    if a < MIN_SECS || b > MAX_SECS {
        // Never answered from a table: always the slow path.
        return Chunk { lo, hi, spans: Vec::new() };
    }
    // Transitions in (a, b]: the instant and the offset from then on.
    let first = tz.offset_in_database(a);
    let changes: Vec<(i64, ZoneOffset)> = tz
        .transitions(a, b)
        .into_iter()
        .map(|(at, _, after)| (at, after))
        .collect();

    let offsets: Vec<ZoneOffset> =
        std::iter::once(first).chain(changes.iter().map(|c| c.1)).collect();
    let secs: Vec<i64> =
        offsets.iter().map(|o| i64::from(o.seconds())).collect();
    // Span k covers UTC [starts[k], starts[k + 1]).
    let mut starts = vec![a];
    starts.extend(changes.iter().map(|c| c.0));
    starts.push(b);
    let n = offsets.len();
    // Local ranges; the outer ends reach past the chunk (PAD > offsets).
    let local_lo =
        |k: usize| if k == 0 { i64::MIN } else { starts[k] + secs[k] };
    let local_hi =
        |k: usize| if k == n - 1 { i64::MAX } else { starts[k + 1] + secs[k] };
    // A local time is unique to span k when no other span's local range
    // holds it: above the highest end before k, below the lowest start
    // after it.
    let mut below = vec![i64::MIN; n];
    for k in 1..n {
        below[k] = below[k - 1].max(local_hi(k - 1));
    }
    let mut above = vec![i64::MAX; n];
    for k in (0..n - 1).rev() {
        above[k] = above[k + 1].min(local_lo(k + 1));
    }
    let spans = (0..n)
        .map(|k| Span {
            safe_lo: local_lo(k).max(below[k]).max(lo),
            safe_hi: local_hi(k).min(above[k]).min(hi),
            utc_lo: starts[k],
            utc_hi: starts[k + 1],
            secs: secs[k],
            offset: offsets[k],
        })
        .collect();
    Chunk { lo, hi, spans }
}

/// The offset in force at Unix second `utc`, from the per-zone tables
/// (the chunk of the same key covers UTC a couple of days beyond its
/// local range); `None` where the tables do not reach.
pub(crate) fn offset_at_utc(tz: Zone, utc: i64) -> Option<ZoneOffset> {
    let c = chunk(tz, utc >> CHUNK_BITS);
    let at = c.spans.partition_point(|s| s.utc_hi <= utc);
    let span = c.spans.get(at)?;
    (span.utc_lo <= utc && utc < span.utc_hi).then_some(span.offset)
}

/// One [`ZoneCursor`] per zone, found by the zone's dense index (no
/// hashing: a lookup per meeting in [`crate::Schedule::next`] and in the
/// `.ics` export).
#[derive(Debug, Clone, Default)]
pub struct ZoneCursors(Vec<Option<ZoneCursor>>);

impl ZoneCursors {
    /// The cursor of `zone`, made on first use.
    pub fn get(&mut self, zone: Zone) -> &mut ZoneCursor {
        let i = zone.index();
        if self.0.len() <= i {
            self.0.resize(i + 1, None);
        }
        self.0[i].get_or_insert_with(|| ZoneCursor::new(zone))
    }
}

/// [`resolve_local`] as a table lookup, for runs of nearby local times
/// in one zone (one meeting's sessions in order): each lookup starts
/// where the last one ended, so it costs a comparison or two. Results
/// are identical to [`resolve_local`]'s, which answers every local time
/// in a gap or fold.
///
/// ```
/// use chrono::NaiveDate;
/// use convenor_core::{__private::ZoneCursor, resolve_local, Zone};
///
/// let los_angeles: Zone = "America/Los_Angeles".parse()?;
/// let mut cursor = ZoneCursor::new(los_angeles);
/// let mut day = NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
/// for _ in 0..3 {
///     let local = day.and_hms_opt(2, 30, 0).unwrap();
///     assert_eq!(cursor.resolve(local), resolve_local(los_angeles, local));
///     day += chrono::Duration::days(7);
/// }
/// # Ok::<(), convenor_core::UnknownZone>(())
/// ```
#[derive(Debug, Clone)]
pub struct ZoneCursor {
    tz: Zone,
    chunk: Option<Arc<Chunk>>,
    at: usize,
    /// A copy of the span last answered from, so the next lookup in it
    /// reads no table.
    span: Option<Span>,
}

impl ZoneCursor {
    /// A cursor for `tz`; tables are loaded on first use.
    pub fn new(tz: Zone) -> ZoneCursor {
        ZoneCursor { tz, chunk: None, at: 0, span: None }
    }

    fn load(&mut self, local: i64) -> &Chunk {
        let key = local >> CHUNK_BITS;
        if self.chunk.as_ref().is_none_or(|c| c.lo >> CHUNK_BITS != key) {
            let c = chunk(self.tz, key);
            self.at = c
                .spans
                .partition_point(|s| s.safe_hi <= local)
                .min(c.spans.len().saturating_sub(1));
            self.chunk = Some(c);
        }
        self.chunk.as_deref().expect("just loaded")
    }

    /// The UTC offset (seconds, and the zone's offset) of local seconds
    /// `local` (a local date-time read as if it were UTC), when that local
    /// time exists exactly once; `None` for a gap, a fold, or a time the
    /// tables do not cover.
    #[inline(always)]
    fn span_of_local(&mut self, local: i64) -> Option<&Span> {
        match &self.span {
            Some(s) if s.safe_lo <= local && local < s.safe_hi => {}
            _ => self.span = Some(self.span_of_local_slow(local)?),
        }
        self.span.as_ref()
    }

    /// The span the last lookup was answered from, for a caller's loop
    /// that steps through it on its own (the weekly run of
    /// `occurrence.rs`).
    #[inline(always)]
    pub(crate) fn last_span(&self) -> Option<&Span> {
        self.span.as_ref()
    }

    /// The UTC offset (seconds) of local seconds `local` (a local
    /// date-time read as if it were UTC) when that local time exists
    /// exactly once.
    #[inline]
    pub(crate) fn offset_of_local(&mut self, local: i64) -> Option<i64> {
        self.span_of_local(local).map(|s| s.secs)
    }

    #[cold]
    fn span_of_local_slow(&mut self, local: i64) -> Option<Span> {
        let mut at = self.at;
        let c = self.load(local);
        if !(c.lo <= local && local < c.hi) || c.spans.is_empty() {
            return None;
        }
        at = at.min(c.spans.len() - 1);
        let found = loop {
            let s = &c.spans[at];
            if local < s.safe_lo {
                if at > 0 && local < c.spans[at - 1].safe_hi {
                    at -= 1;
                    continue;
                }
                break None;
            }
            if local < s.safe_hi {
                break Some(*s);
            }
            if at + 1 < c.spans.len() {
                at += 1;
                continue;
            }
            break None;
        };
        self.at = at;
        found
    }

    /// [`resolve_local`], from the tables where the local time exists
    /// exactly once.
    #[inline]
    pub fn resolve(&mut self, local: NaiveDateTime) -> (DateTime<Zone>, Fit) {
        match self.fast_session(local, 0) {
            Some((start, _)) => (start, Fit::Exact),
            None => resolve_local(self.tz, local),
        }
    }

    /// A session from the tables, in whole seconds: `local` is the local
    /// start read as if it were UTC; the answer is the start as Unix
    /// seconds, the offset in force then, and whether that offset still
    /// holds `length` seconds later. `None` where [`resolve_local`] must
    /// answer (a gap, a fold, or beyond the tables).
    #[inline(always)]
    pub(crate) fn instant(
        &mut self,
        local: i64,
        length: i64,
    ) -> Option<(i64, ZoneOffset, bool)> {
        let span = self.span_of_local(local)?;
        let utc = local - span.secs;
        let end = utc + length;
        Some((utc, span.offset, span.utc_lo <= end && end < span.utc_hi))
    }

    /// Start and end (`length` seconds later) from the tables; `None`
    /// where [`resolve_local`] must answer.
    #[inline]
    fn fast_session(
        &mut self,
        local: NaiveDateTime,
        length: i64,
    ) -> Option<(DateTime<Zone>, DateTime<Zone>)> {
        let local = local.and_utc();
        let nanos = local.timestamp_subsec_nanos();
        if nanos >= 1_000_000_000 {
            // A leap second: as `resolve_local` reads it.
            return None;
        }
        let (utc, offset, same) = self.instant(local.timestamp(), length)?;
        let at = |secs| DateTime::from_timestamp(secs, nanos);
        let (start, end) = (at(utc)?, at(utc + length)?);
        let end_offset =
            if same { offset } else { self.offset_at_utc(end.timestamp()) };
        Some((
            DateTime::from_naive_utc_and_offset(start.naive_utc(), offset),
            DateTime::from_naive_utc_and_offset(end.naive_utc(), end_offset),
        ))
    }

    /// When `local` exists exactly once: the first local time after it
    /// that may not (the end of the run of local times that share its
    /// UTC offset and each exist once), or a later time from which the
    /// question must be asked again. `None` in a gap or fold, or where
    /// the tables do not reach.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use convenor_core::__private::ZoneCursor;
    ///
    /// let mut c = ZoneCursor::new("America/Los_Angeles".parse()?);
    /// let june = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap().and_hms_opt(17, 0, 0).unwrap();
    /// // Clocks fall back at 02:00 on 2 November 2025: 01:00 happens twice.
    /// let fold = NaiveDate::from_ymd_opt(2025, 11, 2).unwrap().and_hms_opt(1, 0, 0).unwrap();
    /// assert_eq!(c.steady_until(june), Some(fold));
    /// assert_eq!(c.steady_until(fold), None);
    /// # Ok::<(), convenor_core::UnknownZone>(())
    /// ```
    pub fn steady_until(
        &mut self,
        local: NaiveDateTime,
    ) -> Option<NaiveDateTime> {
        let span = *self.span_of_local(local.and_utc().timestamp())?;
        DateTime::from_timestamp(span.safe_hi, 0).map(|t| t.naive_utc())
    }

    /// A session: [`resolve_local`] of its local start, and the instant
    /// `length` seconds later (exact elapsed time), as `(start, fit,
    /// end)`. An end past chrono's last (or before its first) instant is
    /// that instant.
    #[inline]
    pub fn session(
        &mut self,
        local: NaiveDateTime,
        length: i64,
    ) -> (DateTime<Zone>, Fit, DateTime<Zone>) {
        if let Some((start, end)) = self.fast_session(local, length) {
            return (start, Fit::Exact, end);
        }
        let (start, fit) = resolve_local(self.tz, local);
        let end = start
            .checked_add_signed(TimeDelta::seconds(length))
            .unwrap_or_else(|| {
                let edge = if length < 0 {
                    DateTime::<chrono::Utc>::MIN_UTC
                } else {
                    DateTime::<chrono::Utc>::MAX_UTC
                };
                edge.with_timezone(&self.tz)
            });
        (start, fit, end)
    }

    /// The offset in force at Unix second `utc`, from the tables when the
    /// current chunk covers it.
    #[inline]
    fn offset_at_utc(&mut self, utc: i64) -> ZoneOffset {
        if let Some(c) = &self.chunk {
            let at = self.at.min(c.spans.len().saturating_sub(1));
            for s in c.spans.get(at..).unwrap_or_default().iter().take(2) {
                if s.utc_lo <= utc && utc < s.utc_hi {
                    return s.offset;
                }
            }
        }
        self.tz.offset_at(utc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    /// Every quarter hour over a few years around DST changes in zones
    /// with odd rules, and around the 2026 changes: the cursor agrees
    /// with `resolve_local` exactly.
    #[test]
    fn agrees_with_resolve_local_around_transitions() {
        let zones = [
            "America/Los_Angeles",
            "Australia/Lord_Howe",
            "Africa/Casablanca",
            "Pacific/Apia",
            "America/Santiago",
            "Antarctica/Troll",
            "America/Vancouver",
        ];
        let midnight = |y, m| {
            NaiveDate::from_ymd_opt(y, m, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
        };
        let spans = [
            (midnight(2010, 9), midnight(2013, 1)),
            (midnight(2026, 1), midnight(2027, 6)),
        ];
        for (name, (start, end)) in
            zones.iter().flat_map(|z| spans.map(|s| (z, s)))
        {
            let tz = crate::Tzdata::bundled().zone(name).unwrap();
            let mut cursor = ZoneCursor::new(tz);
            let mut t = start;
            while t < end {
                let (fast, fit, later) = cursor.session(t, 5400);
                let (slow, slow_fit) = resolve_local(tz, t);
                assert_eq!((fast, fit), (slow, slow_fit), "{tz} {t}");
                assert_eq!(fast.offset(), slow.offset(), "{tz} {t}");
                assert_eq!(cursor.resolve(t), (slow, slow_fit), "{tz} {t}");
                let expected = slow + Duration::seconds(5400);
                assert_eq!(later, expected, "{tz} {t}");
                assert_eq!(later.offset(), expected.offset(), "{tz} {t}");
                t += Duration::minutes(15);
            }
        }
    }
}
