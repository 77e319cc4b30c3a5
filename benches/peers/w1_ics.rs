//! Writes the W1 workload (issue 7) to stdout for the cross-language
//! peers in this folder (`run`) and the memory measurement in
//! BENCHMARKS.md. Not a user example.
//!
//! usage: w1_ics            the W1 .ics feed (10,000 meetings)
//!        w1_ics toml N     a schedule file with N W1 meetings

fn main() {
    use convenor_workload::{self as workload, W1Options};
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("toml") {
        let n = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10_000);
        print!("{}", workload::w1_toml(W1Options::new(n)));
        return;
    }
    let schedule = workload::w1(W1Options::new(10_000));
    let opts = convenor::ical::IcalOptions::new(workload::utc(2025, 1, 1))
        .with_domain("example.org");
    print!("{}", convenor::ical::to_string(&schedule, &opts));
}
