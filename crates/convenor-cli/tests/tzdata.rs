//! Which tz database a run uses: `--version` says, `TZDIR` and
//! `CONVENOR_TZDATA` choose, and `check` warns where two databases give a
//! schedule's zone different offsets.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary with `envs` set and `CONVENOR_TZDATA`/`TZDIR` otherwise
/// unset, so each test says exactly which database it wants.
fn run(args: &[&str], envs: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_convenor"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .env_remove("CONVENOR_TZDATA")
        .env_remove("TZDIR");
    for (k, v) in envs {
        command.env(k, v);
    }
    command.output().expect("the binary runs")
}

fn text(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

/// A scratch folder with `zoneinfo`, a zoneinfo directory compiled
/// with `zic` in which Vancouver is UTC-05 all year ("XST") and Los
/// Angeles keeps the US rules of 2007, claiming release 2099z (so the
/// rule of choice prefers it to the bundle: where releases agree, 2010
/// to 2024, its Los Angeles agrees with the bundle's, issue 25). `None`
/// where zic is missing: the test skips, or fails where
/// `CONVENOR_REQUIRE` names `zic`.
fn altered_zoneinfo() -> Option<(tempfile::TempDir, PathBuf)> {
    let tmp = crate::scratch("zoneinfo");
    let dir = tmp.path().join("zoneinfo");
    let source = tmp.path().join("zoneinfo.zi");
    std::fs::write(
        &source,
        "Zone America/Vancouver -5:00 - XST\n\
         Rule US 2007 max - Mar Sun>=8 2:00 1:00 D\n\
         Rule US 2007 max - Nov Sun>=1 2:00 0 S\n\
         Zone America/Los_Angeles -8:00 US P%sT\n\
         Zone Etc/UTC 0 - UTC\n\
         Link Etc/UTC UTC\n",
    )
    .unwrap();
    let compiled =
        Command::new("zic").arg("-d").arg(&dir).arg(&source).status();
    match compiled {
        Ok(s) if s.success() => {}
        other => {
            let why =
                format!("zic (Debian's libc-bin) did not run: {other:?}");
            crate::skip_or_fail("zic", &why);
            return None;
        }
    }
    std::fs::write(dir.join("tzdata.zi"), "# version 2099z\n").unwrap();
    Some((tmp, dir))
}

/// `convenor week` of 7 December 2026 in Vancouver: the Monday line.
fn vancouver_monday(envs: &[(&str, &Path)], extra: &[&str]) -> String {
    let mut args =
        vec!["week", "--week", "2026-12-07", "--tz", "America/Vancouver"];
    args.extend_from_slice(extra);
    let out = text(&run(&args, envs));
    out.lines()
        .skip_while(|l| !l.starts_with("Monday"))
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn the_bundled_data_puts_the_pacific_monday_at_19_00_in_vancouver() {
    let bundled = [("CONVENOR_TZDATA", Path::new("bundled"))];
    assert_eq!(
        vancouver_monday(&bundled, &[]),
        "19:00–20:00 MST  Co-Occurring Disorders (Monday)"
    );
    let version = text(&run(&["--version"], &bundled));
    assert_eq!(version.trim(), "convenor 0.1.0 (tzdata 2026f; bundled)");
}

#[test]
fn tzdir_changes_the_result_and_bundled_ignores_it() {
    let Some((_tmp, dir)) = altered_zoneinfo() else { return };
    let tzdir = [("TZDIR", dir.as_path())];
    // The altered data is newer than the bundle, so it is chosen.
    assert_eq!(
        vancouver_monday(&tzdir, &[]),
        "21:00–22:00 XST  Co-Occurring Disorders (Monday)"
    );
    let version = text(&run(&["--version"], &tzdir));
    assert_eq!(version.trim(), "convenor 0.1.0 (tzdata 2099z; system)");
    // An explicit choice overrides, from the environment or the flag.
    let both = [tzdir[0], ("CONVENOR_TZDATA", Path::new("bundled"))];
    assert_eq!(
        vancouver_monday(&both, &[]),
        "19:00–20:00 MST  Co-Occurring Disorders (Monday)"
    );
    assert_eq!(
        vancouver_monday(&tzdir, &["--tzdata", "bundled"]),
        "19:00–20:00 MST  Co-Occurring Disorders (Monday)"
    );
    // A directory given by name.
    let dir_text = dir.display().to_string();
    assert_eq!(
        vancouver_monday(&[], &["--tzdata", &dir_text]),
        "21:00–22:00 XST  Co-Occurring Disorders (Monday)"
    );
}

#[test]
fn check_warns_where_the_system_and_bundled_data_disagree() {
    let Some((tmp, dir)) = altered_zoneinfo() else { return };
    let schedule = tmp.path().join("vancouver.toml");
    std::fs::write(
        &schedule,
        "name = \"Vancouver\"\ntimezone = \"America/Vancouver\"\n\
         url = \"https://vancouver.example/\"\n\
         area = \"Vancouver, BC, Canada\"\n\n\
         [[meetings]]\nid = \"sunday\"\nname = \"Sunday\"\n\
         weekly = { day = \"sunday\", time = \"10:00\" }\n\
         duration = \"60m\"\nstarts = \"2026-01-04\"\n",
    )
    .unwrap();
    let file = schedule.display().to_string();
    let args = ["check", &file, "--now", "2026-12-01T00:00:00Z"];
    let system = text(&run(&args, &[("TZDIR", dir.as_path())]));
    assert!(
        system.contains(
            "warning: time zone \"America/Vancouver\" has other UTC offsets \
             in the bundled tz database (2026f) than in this run's (2099z; \
             system) from 2025-11-30 00:00 UTC"
        ),
        "{system}"
    );
    assert!(
        system.contains("times from tz database 2099z; system"),
        "{system}"
    );
    assert!(system.contains("1 warning"), "{system}");
    // The bundled run compares with the system data the same way.
    let bundled = run(
        &[
            "--tzdata",
            "bundled",
            "check",
            &file,
            "--now",
            "2026-12-01T00:00:00Z",
        ],
        &[("TZDIR", dir.as_path())],
    );
    let bundled = text(&bundled);
    assert!(
        bundled.contains("in the system tz database (2099z) than in this run's (2026f; bundled)"),
        "{bundled}"
    );
}
