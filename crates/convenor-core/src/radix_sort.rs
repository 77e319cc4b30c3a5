//! A least-significant-digit radix sort of integer keys below `2^bits`:
//! the bulk merge ([`crate::Occurrences::starts_into`]) sorts each sweep's
//! (start, rank) keys with it. A comparison sort took about half of that
//! merge's instructions (callgrind, BENCHMARKS.md); this takes a fixed
//! number of passes over the keys, each counting and then placing them.

/// Bits of a key sorted in one pass: 2,048 counters, which stay in the
/// first-level cache.
const DIGIT: u32 = 11;

/// Sorts `keys`, each below `2^bits`, in ascending order; `scratch` is
/// room for a copy (its contents are replaced).
pub(crate) fn sort(keys: &mut Vec<u64>, scratch: &mut Vec<u64>, bits: u32) {
    scratch.clear();
    scratch.resize(keys.len(), 0);
    let mask = (1u64 << DIGIT) - 1;
    for pass in 0..bits.div_ceil(DIGIT) {
        let shift = pass * DIGIT;
        let digit = |k: u64| ((k >> shift) & mask) as usize;
        let mut place = [0usize; 1 << DIGIT];
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
        fn prop_sorts_as_sort_unstable(
            bits in 1u32..=64,
            raw in prop::collection::vec(any::<u64>(), 0..3000),
        ) {
            let keys: Vec<u64> = raw
                .iter()
                .map(|k| if bits == 64 { *k } else { k & ((1 << bits) - 1) })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            let (mut sorted, mut scratch) = (keys, vec![5; 3]);
            super::sort(&mut sorted, &mut scratch, bits);
            prop_assert_eq!(sorted, expected);
        }
    }
}
