//! Listings are streams (issue 18): `agenda` (text, `json`, `jsonl`) and
//! `json --view occurrences` write each session as it is found, with no
//! cap on how many, and still report output that cannot be written.

use std::process::{Command, Stdio};

use super::{scratch, stdout};

/// `agenda --format jsonl` is the array of `--format json`, one compact
/// object per line.
#[test]
fn jsonl_is_the_json_array_one_object_a_line() {
    let args = |format| {
        [
            "agenda",
            "--format",
            format,
            "--from",
            "2022-11-01",
            "--days",
            "60",
            "--tz",
            "Europe/London",
            "--cancelled",
            "--now",
            "2022-11-01",
        ]
    };
    let array: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&args("json"))).unwrap();
    let lines = stdout(&args("jsonl"));
    assert!(lines.ends_with("}\n"), "{lines}");
    let objects: Vec<serde_json::Value> =
        lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(array.len() > 30, "{}", array.len());
    assert_eq!(objects, array);
    assert!(lines.starts_with(
        "{\"meeting\":\"co-occurring-tuesday\",\"name\":\"Co-Occurring \
         Disorders (Tuesday)\",\"status\":\"scheduled\",\"start\":\
         \"2022-11-01T11:00:00-07:00\""
    ));
    // No session: no line at all.
    let none = ["agenda", "--format", "jsonl", "--from", "2020-01-01"];
    assert_eq!(stdout(&[&none[..], &["--now", "2022-11-01"]].concat()), "");
}

/// 200 weekly meetings in UTC, meeting `i` on weekday `i mod 7` at
/// 17:00 from Monday 2025-01-06: 522 sessions each in 522 weeks.
fn many_meetings() -> String {
    let days = ["monday", "tuesday", "wednesday", "thursday", "friday"];
    let days = [&days[..], &["saturday", "sunday"]].concat();
    let mut text = String::from("name = \"many\"\ntimezone = \"UTC\"\n");
    for i in 0..200 {
        text += &format!(
            "\n[[meetings]]\nid = \"m{i:03}\"\nname = \"M{i}\"\n\
             weekly = {{ day = \"{}\", time = \"17:00\" }}\n\
             duration = \"60m\"\nstarts = \"2025-01-06\"\n",
            days[i % 7]
        );
    }
    text
}

/// A listing of more sessions than the old cap of 100,000 is written in
/// full, in each format.
#[test]
fn listings_beyond_the_old_cap_stream_in_full() {
    let dir = scratch("many");
    let path = dir.path().join("many.toml");
    std::fs::write(&path, many_meetings()).unwrap();
    let file = path.to_str().unwrap();
    let window =
        ["--from", "2025-01-06", "--tz", "UTC", "--now", "2025-01-01"];
    let sessions = 200 * 522;
    assert!(sessions > 100_000);
    let lines = stdout(
        &[
            &["agenda", file, "--format", "jsonl", "--days", "3654"],
            &window[..],
        ]
        .concat(),
    );
    assert_eq!(lines.lines().count(), sessions);
    assert!(lines.starts_with("{\"meeting\":\"m000\""), "{}", &lines[..80]);
    assert!(lines.ends_with("\"local_timezone\":\"UTC\"}\n"));
    let text =
        stdout(&[&["agenda", file, "--days", "3654"], &window[..]].concat());
    assert_eq!(text.lines().count(), sessions);
    let json = stdout(
        &[
            &["json", file, "--view", "occurrences", "--compact"][..],
            &["--days", "3654"],
            &window,
        ]
        .concat(),
    );
    assert_eq!(json.matches("{\"meeting\":").count(), sessions);
    assert!(json.starts_with("[{") && json.ends_with("}]"));
}

/// Output that cannot be written fails the run (exit 3, with the reason),
/// whether it stops at once or part way; a reader that leaves (`| head`)
/// is not a failure.
#[test]
fn lost_listings_are_reported() {
    let args = [
        "agenda",
        "--format",
        "jsonl",
        "--days",
        "3000",
        "--now",
        "2022-11-01",
    ];
    if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full")
    {
        let out = Command::new(env!("CARGO_BIN_EXE_convenor"))
            .args(args)
            .env("CONVENOR_TZDATA", "bundled")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("No space left on device"), "{stderr}");
    }
    let closed = Command::new("sh")
        .args(["-c", "exec \"$0\" \"$@\" >&-"])
        .arg(env!("CARGO_BIN_EXE_convenor"))
        .args(args)
        .env("CONVENOR_TZDATA", "bundled")
        .output()
        .unwrap();
    assert_eq!(closed.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&closed.stderr).contains("closed"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_convenor"))
        .args(args)
        .env("CONVENOR_TZDATA", "bundled")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(first.starts_with(b"{\"meeting\":"));
}
