//! Writes the W1 workload (issue 7) as an .ics feed to stdout, for the
//! cross-language peers in this folder (`run`). Not a user example.

fn main() {
    use convenor::workload::{self, W1Options};
    let schedule = workload::w1(W1Options::new(10_000));
    let opts = convenor::ical::IcalOptions::new(workload::utc(2025, 1, 1))
        .with_domain("example.org");
    print!("{}", convenor::ical::to_string(&schedule, &opts));
}
