//! A radix heap: the priority queue behind the merged session stream.
//!
//! Keys grow (each stream yields sessions in order, and a stream's next
//! key is pushed after its last one was popped), so a monotone queue
//! will do (a key that does not grow is taken as due now, see
//! [`RadixHeap`]): an entry sits in the bucket of the highest bit
//! where its key differs from the last key popped, and moves to a lower
//! bucket at most once per bit. Entries with equal keys (sessions that
//! start together) are ordered by a tie-breaker once, when their key
//! becomes the smallest. Measured against `std::collections::BinaryHeap`
//! on the W1 merge (BENCHMARKS.md).

/// One entry: key, tie-breaker, value.
type Entry = (u64, u64, u32);

/// A monotone min-queue of entries ordered by `(key, tie)`: every entry
/// pushed should be at least the last one popped. One that is not (a
/// meeting whose next session is earlier than its last, possible only
/// where a schedule change meets a day a zone skipped) is taken as due
/// now: it comes out next, never lost.
#[derive(Debug)]
pub(crate) struct RadixHeap {
    /// The last key popped (0 before the first pop).
    last: u64,
    /// Bucket `b` holds keys whose highest bit differing from `last` is
    /// bit `b - 1`; bucket 0 holds keys equal to `last`, sorted by
    /// tie-breaker from largest to smallest (popped from the end).
    buckets: Vec<Vec<Entry>>,
    /// Bit `b` set when bucket `b + 1` is not empty.
    occupied: u64,
}

impl RadixHeap {
    pub(crate) fn new() -> RadixHeap {
        RadixHeap { last: 0, buckets: vec![Vec::new(); 65], occupied: 0 }
    }

    /// Adds `value` at `(key, tie)`, at least the last entry popped.
    #[inline]
    pub(crate) fn push(&mut self, key: u64, tie: u64, value: u32) {
        // Never below the last key: the buckets are relative to it.
        let key = key.max(self.last);
        let b = 64 - (key ^ self.last).leading_zeros() as usize;
        if b == 0 {
            // Rare: a key equal to the smallest; keep bucket 0 sorted.
            let now = &mut self.buckets[0];
            let at = now.partition_point(|e| e.1 > tie);
            now.insert(at, (key, tie, value));
            return;
        }
        self.buckets[b].push((key, tie, value));
        self.occupied |= 1 << (b - 1);
    }

    /// Removes and returns the entry with the smallest `(key, tie)`.
    #[inline]
    pub(crate) fn pop(&mut self) -> Option<Entry> {
        if self.buckets[0].is_empty() {
            self.refill()?;
        }
        self.buckets[0].pop()
    }

    /// Moves the lowest non-empty bucket down, around its smallest key,
    /// and sorts the entries that have it.
    #[cold]
    fn refill(&mut self) -> Option<()> {
        if self.occupied == 0 {
            return None;
        }
        let b = self.occupied.trailing_zeros() as usize + 1;
        self.occupied &= !(1 << (b - 1));
        let mut items = std::mem::take(&mut self.buckets[b]);
        self.last = items.iter().map(|e| e.0).min()?;
        for &entry in &items {
            // Every key lands in a bucket below `b`.
            let d = 64 - (entry.0 ^ self.last).leading_zeros() as usize;
            self.buckets[d].push(entry);
            if d > 0 {
                self.occupied |= 1 << (d - 1);
            }
        }
        self.buckets[0].sort_unstable_by_key(|e| std::cmp::Reverse(e.1));
        // Keep the allocation for the next time this bucket fills.
        items.clear();
        self.buckets[b] = items;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Interleaved monotone pushes and pops come out in (key, tie)
        /// order, as a sort of everything pushed would give, with many
        /// equal keys.
        #[test]
        fn pops_in_key_order(
            first in proptest::collection::vec((any::<u64>(), 0u64..8), 0..200),
            later in proptest::collection::vec((0u64..1 << 12, 0u64..8, 0u32..4), 0..400),
        ) {
            let mut heap = RadixHeap::new();
            let mut pushed = Vec::new();
            for (i, &(k, t)) in first.iter().enumerate() {
                let tie = t << 32 | i as u64;
                heap.push(k, tie, 0);
                pushed.push((k, tie));
            }
            let mut popped = Vec::new();
            for (j, &(step, t, pops)) in later.iter().enumerate() {
                // An entry no smaller than the last popped, as a stream's
                // next session is; often with an equal key.
                let (base, base_tie): (u64, u64) =
                    popped.last().copied().unwrap_or((0, 0));
                let key = base.saturating_add(step >> 8);
                let tie = if key == base { base_tie + t } else { t << 32 | j as u64 };
                heap.push(key, tie, 0);
                pushed.push((key, tie));
                for _ in 0..pops {
                    if let Some((k, t, _)) = heap.pop() {
                        popped.push((k, t));
                    }
                }
            }
            while let Some((k, t, _)) = heap.pop() {
                popped.push((k, t));
            }
            pushed.sort_unstable();
            prop_assert_eq!(popped, pushed);
        }
    }

    /// An entry below the last popped comes out next instead of being
    /// lost, and the rest still come out in order.
    #[test]
    fn an_entry_from_the_past_comes_out_next() {
        let mut heap = RadixHeap::new();
        for (key, value) in [(10, 0), (20, 1), (30, 2)] {
            heap.push(key, 0, value);
        }
        assert_eq!(heap.pop(), Some((10, 0, 0)));
        assert_eq!(heap.pop(), Some((20, 0, 1)));
        heap.push(5, 0, 3);
        assert_eq!(heap.pop(), Some((20, 0, 3)));
        assert_eq!(heap.pop(), Some((30, 0, 2)));
        assert_eq!(heap.pop(), None);
    }
}
