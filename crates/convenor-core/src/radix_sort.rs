//! A stable least-significant-digit radix sort of integer keys by a
//! range of their bits: the bulk merge
//! ([`crate::Occurrences::starts_into`]) sorts each sweep's keys by the
//! start they hold with it. A comparison sort took about half of that
//! merge's instructions (callgrind, BENCHMARKS.md); this takes a fixed
//! number of passes over the keys, each counting and then placing them.

/// Most bits of a key sorted in one pass: 2,048 counters, which stay in
/// the first-level cache.
const MAX_DIGIT: u32 = 11;

/// Sorts `keys` stably by their bits `bits` (`bits.end` at most 64):
/// keys equal there keep their order. `scratch` is room for a copy (its
/// contents are replaced).
pub(crate) fn sort(
    keys: &mut Vec<u64>,
    scratch: &mut Vec<u64>,
    bits: std::ops::Range<u32>,
) {
    // Its old contents are overwritten, so only new room is zeroed.
    scratch.resize(keys.len(), 0);
    let width = bits.end.saturating_sub(bits.start);
    let passes = width.div_ceil(MAX_DIGIT);
    // As few passes as 11-bit digits need, with digits of equal width
    // (fewer counters each).
    let digit_bits = width.div_ceil(passes.max(1));
    for pass in 0..passes {
        let shift = bits.start + pass * digit_bits;
        let mask = (1u64 << digit_bits.min(bits.end - shift)) - 1;
        let digit = |k: u64| ((k >> shift) & mask) as usize;
        let mut place = [0usize; 1 << MAX_DIGIT];
        for &k in keys.iter() {
            place[digit(k)] += 1;
        }
        let mut total = 0;
        for p in &mut place {
            (*p, total) = (total, total + *p);
        }
        // Keys with the same digit keep their order: the pass is stable,
        // so earlier passes' order holds within each digit.
        for &k in keys.iter() {
            let d = digit(k);
            scratch[place[d]] = k;
            place[d] += 1;
        }
        std::mem::swap(keys, scratch);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn prop_sorts_as_a_stable_sort_by_the_bits(
            low in 0u32..=64,
            width in 0u32..=64,
            raw in prop::collection::vec(any::<u64>(), 0..3000),
        ) {
            let high = (low + width).min(64);
            let field = |k: u64| {
                let k = if high == 64 { k } else { k & ((1 << high) - 1) };
                k.checked_shr(low).unwrap_or(0)
            };
            let mut expected = raw.clone();
            expected.sort_by_key(|&k| field(k));
            let (mut sorted, mut scratch) = (raw, vec![5; 3]);
            super::sort(&mut sorted, &mut scratch, low..high);
            prop_assert_eq!(sorted, expected);
        }
    }
}
