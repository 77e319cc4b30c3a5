//! Issue 25, finding 7: a legal TZif (version 2, no transitions, an empty
//! footer) made `Zone::transitions` loop forever, so `agenda`, `next` and
//! `check` spun. Every TZif that jiff accepts must give a walk that ends,
//! and the fast path built on it (`resolve_local`) must answer.

use proptest::prelude::*;

use super::*;

/// A TZif file of `version` (b'2' or b'3'): the same data in the v1
/// block and the 64-bit block, then the footer line.
fn tzif(
    version: u8,
    transitions: &[(i64, u8)],
    types: &[(i32, bool, u8)],
    abbreviations: &[u8],
    footer: &str,
) -> Vec<u8> {
    let block = |wide: bool| {
        let mut out = Vec::new();
        out.extend_from_slice(b"TZif");
        out.push(version);
        out.extend_from_slice(&[0; 15]);
        let counts =
            [0, 0, 0, transitions.len(), types.len(), abbreviations.len()];
        for c in counts {
            out.extend_from_slice(&(c as u32).to_be_bytes());
        }
        for (at, _) in transitions {
            if wide {
                out.extend_from_slice(&at.to_be_bytes());
            } else {
                out.extend_from_slice(&(*at as i32).to_be_bytes());
            }
        }
        for (_, ty) in transitions {
            out.push(*ty);
        }
        for (offset, dst, abbr) in types {
            out.extend_from_slice(&offset.to_be_bytes());
            out.push(u8::from(*dst));
            out.push(*abbr);
        }
        out.extend_from_slice(abbreviations);
        out
    };
    let mut data = block(false);
    data.extend(block(true));
    data.extend_from_slice(format!("\n{footer}\n").as_bytes());
    data
}

fn zone_of(data: &[u8]) -> Option<Zone> {
    let tz = JiffZone::tzif("Test/Generated", data).ok()?;
    Some(Zone::register("Test/Generated", tz, Tzdata::bundled()))
}

fn walk(zone: Zone) {
    // Years 1900 to 2200, and a stretch past jiff's last instant.
    let _ = zone.transitions(-2_208_988_800, 7_258_118_400);
    let _ = zone.transitions(
        Timestamp::MAX.as_second() - 86_400,
        Timestamp::MAX.as_second() + 40 * 86_400 * 366,
    );
    for year in [1970, 2022, 2100] {
        let local = NaiveDate::from_ymd_opt(year, 3, 12)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        let _ = resolve_local(zone, local);
    }
}

/// The file of the report: 78 bytes of v2, no transitions, an empty
/// footer.
#[test]
fn no_transitions_and_an_empty_footer_end() {
    let data = tzif(b'2', &[], &[(3600, false, 0)], b"EVL\0", "");
    walk(zone_of(&data).expect("jiff accepts it"));
    let data = tzif(b'2', &[], &[(0, false, 0)], b"\0", "");
    if let Some(zone) = zone_of(&data) {
        walk(zone);
    }
}

/// Issue 25, the `tzdata` fuzz target's finding: TZif files whose
/// transitions are out of order (mutated Chatham and São Paulo files).
/// jiff accepted them and looked their transitions up by binary search,
/// so its `following` and its offsets disagreed and the walk over
/// 1900–2200 missed the changes a walk split at 2050 found. Such a file
/// is now refused, saying why.
#[test]
fn transitions_out_of_order_are_refused() {
    let files: [(&str, &[u8]); 2] = [
        (
            "following-ends-before-the-footer-rule",
            include_bytes!(
                "../../../testdata/fuzz/tzdata/following-ends-before-the-footer-rule.tzif"
            ),
        ),
        (
            "split-window-differs-from-sao-paulo",
            include_bytes!(
                "../../../testdata/fuzz/tzdata/split-window-differs-from-sao-paulo.tzif"
            ),
        ),
    ];
    for (name, data) in files {
        assert!(
            JiffZone::tzif("Test/Fuzz", data).is_ok(),
            "{name}: jiff reads it"
        );
        let e = read_tzif(data, -2_208_988_800, 7_258_118_400).unwrap_err();
        assert!(e.contains("transitions are out of order"), "{name}: {e}");
    }
    let e = read_tzif(files[0].1, 0, 1).unwrap_err();
    assert!(
        e.contains(
            "the 38th at Unix second 6687267 is not after the one before"
        ),
        "{e}"
    );
    // Two transitions at one instant are out of order too; the same
    // transitions in order are read.
    let types = [(3600, false, 0), (7200, true, 0)];
    let twice = tzif(b'2', &[(1000, 1), (1000, 0)], &types, b"ABC\0", "");
    assert!(read_tzif(&twice, 0, 2000).is_err());
    let v1 = {
        // A version 1 file: only the 32-bit block is read.
        let mut d = tzif(b'2', &[(2000, 1), (1000, 0)], &types, b"ABC\0", "");
        d[4] = 0;
        d
    };
    assert!(read_tzif(&v1, 0, 3000).unwrap_err().contains("out of order"));
    let good = tzif(b'2', &[(1000, 1), (2000, 0)], &types, b"ABC\0", "");
    assert_eq!(read_tzif(&good, 0, 3000).unwrap().len(), 2);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn prop_every_accepted_tzif_walks_to_an_end(
        version in prop_oneof![Just(b'2'), Just(b'3')],
        mut times in proptest::collection::vec(-2_000_000_000i64..4_000_000_000, 0..6),
        // Whether the times are written as drawn (in any order), or
        // sorted and without repeats.
        as_drawn in any::<bool>(),
        kinds in proptest::collection::vec(0u8..3, 6),
        types in proptest::collection::vec((-50_000i32..50_000, any::<bool>()), 1..4),
        footer in prop_oneof![
            Just(String::new()),
            Just("UTC0".to_string()),
            Just("<+01>-1".to_string()),
            Just("EST5EDT,M3.2.0,M11.1.0".to_string()),
            Just("AAA3BBB,J0/0,J365/25".to_string()),
            "[A-Z]{3}[0-9]",
        ],
    ) {
        let in_order = times.windows(2).all(|w| w[0] < w[1]);
        if !as_drawn {
            times.sort_unstable();
            times.dedup();
        }
        let n = types.len() as u8;
        let transitions: Vec<(i64, u8)> =
            times.iter().zip(&kinds).map(|(t, k)| (*t, k % n)).collect();
        let types: Vec<(i32, bool, u8)> =
            types.into_iter().map(|(o, dst)| (o, dst, 0)).collect();
        let data = tzif(version, &transitions, &types, b"ABC\0", &footer);
        // As read from a directory: refused when out of order; else the
        // walk agrees with itself split in two (the fuzz target's check).
        let (from, to) = (-2_208_988_800, 7_258_118_400);
        match read_tzif(&data, from, to) {
            Err(e) if e.contains("out of order") => prop_assert!(as_drawn && !in_order),
            Err(_) => {}
            Ok(whole) => {
                prop_assert!(!as_drawn || in_order);
                let middle = 2_524_608_000;
                let mut halves = read_tzif(&data, from, middle).unwrap();
                halves.extend(read_tzif(&data, middle, to).unwrap());
                prop_assert_eq!(halves, whole);
            }
        }
        if let Some(zone) = zone_of(&data) {
            walk(zone);
        }
    }
}
