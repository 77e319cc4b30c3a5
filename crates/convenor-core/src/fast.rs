//! The fast path of [`crate::resolve_local`]: per-zone tables of UTC
//! offsets between transitions, so turning a local time into an instant
//! is a table lookup instead of a search of chrono-tz's data.
//!
//! chrono-tz has no transition API, so each table is found the way
//! `convenor-ical`'s VTIMEZONE writer finds transitions: sample the offset
//! every six hours and bisect each change to the second. Tables are built
//! lazily per zone and per chunk of about eight and a half years (2^28
//! seconds of local time) and cached for the life of the process.
//!
//! Only local times that exist exactly once (not in a gap or fold, and in
//! no other span's local range) are answered from the table; everything
//! else goes to [`resolve_local`], so there is still exactly one gap/fold
//! policy, and the fast path gives identical results (checked by the
//! equality proptest in `tests/fast_path.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::{Tz, TzOffset};

use crate::zone::{resolve_local, Fit};

/// Local seconds per chunk, as a power of two.
const CHUNK_BITS: u32 = 28;

/// How far beyond a chunk's local range its UTC range reaches: more than
/// any UTC offset (tzdb's largest are about 15 hours).
const PAD: i64 = 2 * 86_400;

/// How often the offset is sampled; no zone changes offset twice within
/// this (as in `convenor-ical`'s `vtimezone`).
const SAMPLE_STEP: i64 = 6 * 3600;

/// Chunks kept before the cache is emptied (a bound on memory for
/// processes that visit many zones and centuries).
const CACHE_LIMIT: usize = 16_384;

/// Unix seconds of years -200000 and 200000: well inside chrono's range.
const MIN_SECS: i64 = -6_373_000_000_000;
const MAX_SECS: i64 = 6_249_000_000_000;

/// One stretch of constant offset.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Local seconds in `[safe_lo, safe_hi)` exist exactly once, here.
    safe_lo: i64,
    safe_hi: i64,
    /// Unix seconds in `[utc_lo, utc_hi)` have this offset.
    utc_lo: i64,
    utc_hi: i64,
    /// The offset, in seconds east of UTC.
    secs: i64,
    offset: TzOffset,
}

/// The spans of one zone around one chunk of local time.
#[derive(Debug)]
pub(crate) struct Chunk {
    /// Local seconds this chunk answers for: `[lo, hi)`.
    lo: i64,
    hi: i64,
    spans: Vec<Span>,
}

type Cache = RwLock<HashMap<(Tz, i64), Arc<Chunk>>>;

static CACHE: LazyLock<Cache> = LazyLock::new(|| RwLock::new(HashMap::new()));

thread_local! {
    /// The chunk each zone used last on this thread: consecutive lookups
    /// (every meeting of a zone, over one window) mostly want the same
    /// one, and this skips the shared lock and hash. At most one chunk a
    /// zone.
    static RECENT: RefCell<Vec<Option<Arc<Chunk>>>> =
        RefCell::new(vec![None; chrono_tz::TZ_VARIANTS.len()]);
}

fn chunk(tz: Tz, key: i64) -> Arc<Chunk> {
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        let slot = recent.get_mut(tz as usize);
        match slot {
            Some(Some(c)) if c.lo >> CHUNK_BITS == key => Arc::clone(c),
            Some(slot) => Arc::clone(slot.insert(shared_chunk(tz, key))),
            None => shared_chunk(tz, key),
        }
    })
}

fn shared_chunk(tz: Tz, key: i64) -> Arc<Chunk> {
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

fn offset_at(tz: Tz, at: i64) -> TzOffset {
    let utc = DateTime::from_timestamp(at, 0)
        .expect("clamped to chrono's range")
        .naive_utc();
    tz.offset_from_utc_datetime(&utc)
}

fn build(tz: Tz, key: i64) -> Chunk {
    let lo = key << CHUNK_BITS;
    let hi = lo + (1 << CHUNK_BITS);
    let (a, b) = (lo - PAD, hi + PAD);
    if a < MIN_SECS || b > MAX_SECS {
        // Never answered from a table: always the slow path.
        return Chunk { lo, hi, spans: Vec::new() };
    }
    // Transitions in (a, b]: the instant and the offset from then on.
    let first = offset_at(tz, a);
    let changes: Vec<(i64, TzOffset)> = transitions_slow(tz, a, b)
        .into_iter()
        .map(|(at, _, after)| (at, after))
        .collect();

    let offsets: Vec<TzOffset> =
        std::iter::once(first).chain(changes.iter().map(|c| c.1)).collect();
    let secs: Vec<i64> =
        offsets.iter().map(|o| i64::from(o.fix().local_minus_utc())).collect();
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

/// Every change of `tz`'s UTC offset or abbreviation in `(from, to]`
/// (Unix seconds), in order: the instant and the offsets before and
/// after it. Found by sampling every six hours and bisecting to the
/// second, once per zone and stretch of about eight and a half years,
/// then cached for the life of the process.
///
/// ```
/// use chrono::{Offset, TimeZone, Utc};
/// let from = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap().timestamp();
/// let to = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap().timestamp();
/// let found = convenor_core::transitions(chrono_tz::Europe::London, from, to);
/// let at: Vec<_> = found.iter().map(|t| Utc.timestamp_opt(t.0, 0).unwrap().to_rfc3339()).collect();
/// assert_eq!(at, ["2025-03-30T01:00:00+00:00", "2025-10-26T01:00:00+00:00"]);
/// assert_eq!(found[0].2.fix().local_minus_utc(), 3600);
/// ```
pub fn transitions(
    tz: Tz,
    from: i64,
    to: i64,
) -> Vec<(i64, TzOffset, TzOffset)> {
    let mut out = Vec::new();
    if to <= from {
        return out;
    }
    for key in (from >> CHUNK_BITS)..=(to >> CHUNK_BITS) {
        let c = chunk(tz, key);
        if c.spans.is_empty() {
            // Beyond the tables (years past ±200000): search directly.
            return transitions_slow(tz, from, to);
        }
        for pair in c.spans.windows(2) {
            let at = pair[1].utc_lo;
            if c.lo <= at && at < c.hi && from < at && at <= to {
                out.push((at, pair[0].offset, pair[1].offset));
            }
        }
    }
    out
}

/// Transitions in `(from, to]` found by sampling the offset and bisecting
/// to the second: `(instant, offset before, offset after)`.
fn transitions_slow(
    tz: Tz,
    from: i64,
    to: i64,
) -> Vec<(i64, TzOffset, TzOffset)> {
    let mut out = Vec::new();
    let (mut t, mut cur) = (from, offset_at(tz, from));
    while t < to {
        let next = (t + SAMPLE_STEP).min(to);
        if offset_at(tz, next) == cur {
            t = next;
            continue;
        }
        let (mut x, mut y) = (t, next);
        while y - x > 1 {
            let mid = x + (y - x) / 2;
            if offset_at(tz, mid) == cur {
                x = mid;
            } else {
                y = mid;
            }
        }
        let after = offset_at(tz, y);
        out.push((y, cur, after));
        cur = after;
        t = y;
    }
    out
}

/// [`resolve_local`] as a table lookup, for runs of nearby local times
/// in one zone (one meeting's sessions in order): each lookup starts
/// where the last one ended, so it costs a comparison or two. Results
/// are identical to [`resolve_local`]'s, which answers every local time
/// in a gap or fold.
///
/// ```
/// use chrono::NaiveDate;
/// use chrono_tz::America::Los_Angeles;
/// use convenor_core::{resolve_local, ZoneCursor};
///
/// let mut cursor = ZoneCursor::new(Los_Angeles);
/// let mut day = NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
/// for _ in 0..3 {
///     let local = day.and_hms_opt(2, 30, 0).unwrap();
///     assert_eq!(cursor.resolve(local), resolve_local(Los_Angeles, local));
///     day += chrono::Duration::days(7);
/// }
/// ```
#[derive(Debug, Clone)]
pub struct ZoneCursor {
    tz: Tz,
    chunk: Option<Arc<Chunk>>,
    at: usize,
    /// A copy of the span last answered from, so the next lookup in it
    /// reads no table.
    span: Option<Span>,
}

impl ZoneCursor {
    /// A cursor for `tz`; tables are loaded on first use.
    pub fn new(tz: Tz) -> ZoneCursor {
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

    /// The UTC offset (seconds, and chrono-tz's offset) of local seconds
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
    pub fn resolve(&mut self, local: NaiveDateTime) -> (DateTime<Tz>, Fit) {
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
    ) -> Option<(i64, TzOffset, bool)> {
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
    ) -> Option<(DateTime<Tz>, DateTime<Tz>)> {
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
    /// use convenor_core::ZoneCursor;
    ///
    /// let mut c = ZoneCursor::new(chrono_tz::America::Los_Angeles);
    /// let june = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap().and_hms_opt(17, 0, 0).unwrap();
    /// // Clocks fall back at 02:00 on 2 November 2025: 01:00 happens twice.
    /// let fold = NaiveDate::from_ymd_opt(2025, 11, 2).unwrap().and_hms_opt(1, 0, 0).unwrap();
    /// assert_eq!(c.steady_until(june), Some(fold));
    /// assert_eq!(c.steady_until(fold), None);
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
    ) -> (DateTime<Tz>, Fit, DateTime<Tz>) {
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
    fn offset_at_utc(&mut self, utc: i64) -> TzOffset {
        if let Some(c) = &self.chunk {
            let at = self.at.min(c.spans.len().saturating_sub(1));
            for s in c.spans.get(at..).unwrap_or_default().iter().take(2) {
                if s.utc_lo <= utc && utc < s.utc_hi {
                    return s.offset;
                }
            }
        }
        match DateTime::from_timestamp(utc, 0) {
            Some(t) => self.tz.offset_from_utc_datetime(&t.naive_utc()),
            // Unreachable for session times (years 1..=9999).
            None => self.tz.offset_from_utc_datetime(&NaiveDateTime::MIN),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, NaiveDate};

    /// Every quarter hour over a few years around DST changes in zones
    /// with odd rules: the cursor agrees with `resolve_local` exactly.
    #[test]
    fn agrees_with_resolve_local_around_transitions() {
        let zones = [
            chrono_tz::America::Los_Angeles,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Africa::Casablanca,
            chrono_tz::Pacific::Apia,
            chrono_tz::America::Santiago,
            chrono_tz::Antarctica::Troll,
        ];
        for tz in zones {
            let mut cursor = ZoneCursor::new(tz);
            let mut t = NaiveDate::from_ymd_opt(2010, 9, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
            let end = NaiveDate::from_ymd_opt(2013, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap();
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
