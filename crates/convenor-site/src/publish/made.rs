//! What each file of a published set was made from (issue 30): a
//! fingerprint of everything its bytes depend on, kept beside the set
//! with the stamp of the file it became, so that the next publish links
//! a file whose inputs did not change without making it again (after
//! one meeting's edit, one meeting's `.ics` is made, not 100,000).
//!
//! ```text
//! --out/.convenor/sets/<T>-<random>/.made_from
//!   convenor made-from 1
//!   build <convenor version> <size> <mtime> of the running program
//!   <fingerprint, 32 hex digits> <dev> <ino> <size> <mtime> <mtime_ns> <path>
//!   ...
//! ```
//!
//! The record is a cache, never trusted blindly: a file is reused only
//! when its fingerprint is the one the record gives, the record was made
//! by this very build of the program (another build may make other
//! bytes from the same inputs), and the live file is still the one
//! recorded (same device, inode, size and modification time, a regular
//! file of the publish's mode). A record that cannot be read or parsed
//! in full counts as none: every file is made again.

use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hasher};
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rustix::fs::OFlags;
use std::sync::OnceLock;

use super::fresh::{self, NOFOLLOW};
use crate::Result;

/// The record's name in a set's folder: not a record name of
/// [`super::PublishFolder::replace_recording`] (which has no `_`), nor
/// one of the set's public names.
pub(super) const MADE: &str = ".made_from";

/// The record's first line.
const HEADER: &str = "convenor made-from 1";

/// A record larger than this is not read (100,000 files take 10 MB).
const MAX_LEN: u64 = 256 * 1024 * 1024;

/// Builds a file's fingerprint from the text of what it is made from
/// (written with `write!`, usually `Debug` forms): 128 bits from two
/// differently seeded SipHash states.
#[derive(Clone)]
pub(crate) struct Fingerprint(DefaultHasher, DefaultHasher);

impl Fingerprint {
    pub(crate) fn new() -> Fingerprint {
        let (mut a, mut b) = (DefaultHasher::new(), DefaultHasher::new());
        a.write_u8(0xa5);
        b.write_u8(0x5a);
        Fingerprint(a, b)
    }

    pub(crate) fn finish(&self) -> u128 {
        (u128::from(self.0.finish()) << 64) | u128::from(self.1.finish())
    }
}

impl fmt::Write for Fingerprint {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        self.1.write(s.as_bytes());
        Ok(())
    }
}

/// Which file is at a path: device, inode, size and modification time
/// (the test `git status` and `make` use), in a set's record and in the
/// plain layout's (plain.rs).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize,
)]
pub(super) struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_ns: i64,
}

impl Stamp {
    /// The stamp of the file `at`: `linked` when it is a link to a file
    /// of that stamp, else read.
    pub(super) fn now_of(
        at: &Path,
        linked: Option<Stamp>,
    ) -> io::Result<Stamp> {
        match linked {
            Some(stamp) => Ok(stamp),
            None => Ok(Stamp::of(&std::fs::symlink_metadata(at)?)),
        }
    }

    /// The stamp of what stat(2) said, as [`Stamp::of`] gives it of the
    /// same file's metadata.
    #[allow(clippy::unnecessary_cast)] // The fields' types differ by platform.
    fn of_stat(st: &rustix::fs::Stat) -> Stamp {
        Stamp {
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
            size: st.st_size as u64,
            mtime: st.st_mtime as i64,
            mtime_ns: st.st_mtime_nsec as i64,
        }
    }

    pub(super) fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: meta.mtime(),
            mtime_ns: meta.mtime_nsec(),
        }
    }
}

/// This build of the program: convenor's version and the size and
/// modification time of the running executable (a rebuild of the same
/// version is another build); `None` when the executable cannot be
/// read, and then no record is trusted.
fn build() -> Option<&'static str> {
    static BUILD: OnceLock<Option<String>> = OnceLock::new();
    BUILD
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            let meta = std::fs::metadata(exe).ok()?;
            Some(format!(
                "{} {} {}.{:09}",
                env!("CARGO_PKG_VERSION"),
                meta.size(),
                meta.mtime(),
                meta.mtime_nsec()
            ))
        })
        .as_deref()
}

/// The record of a live set: each path's fingerprint and stamp.
#[derive(Debug, Default)]
pub(super) struct MadeFrom {
    files: HashMap<String, (u128, Stamp)>,
    /// The folder of the live set a file was last looked at in, opened
    /// (`None`: it cannot be): each meeting's feed is looked up by name
    /// in it, not by a path through the set's two symlinks.
    folder: std::sync::Mutex<Option<(PathBuf, Option<std::os::fd::OwnedFd>)>>,
}

impl MadeFrom {
    /// The record of the set in `set`; empty when there is none, it was
    /// made by another build, or any of it cannot be read.
    pub(super) fn read(set: &Path) -> MadeFrom {
        Self::parse_file(&set.join(MADE), build()).unwrap_or_default()
    }

    fn parse_file(path: &Path, build: Option<&str>) -> Option<MadeFrom> {
        let build = build?;
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(NOFOLLOW)
            .open(path)
            .ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() > MAX_LEN {
            return None;
        }
        let mut text = String::new();
        file.take(MAX_LEN).read_to_string(&mut text).ok()?;
        Self::parse(&text, build)
    }

    /// The record `text`, if it is whole and made by `build`.
    fn parse(text: &str, build: &str) -> Option<MadeFrom> {
        let body = text.strip_suffix('\n')?;
        let mut lines = body.split('\n');
        if lines.next()? != HEADER {
            return None;
        }
        if lines.next()?.strip_prefix("build ")? != build {
            return None;
        }
        let mut files = HashMap::new();
        for line in lines {
            let mut parts = line.splitn(7, ' ');
            let mut next = || parts.next();
            let hex = next()?;
            if hex.len() != 32 {
                return None;
            }
            let key = u128::from_str_radix(hex, 16).ok()?;
            let stamp = Stamp {
                dev: next()?.parse().ok()?,
                ino: next()?.parse().ok()?,
                size: next()?.parse().ok()?,
                mtime: next()?.parse().ok()?,
                mtime_ns: next()?.parse().ok()?,
            };
            let path = next()?;
            if path.is_empty()
                || files.insert(path.to_string(), (key, stamp)).is_some()
            {
                return None;
            }
        }
        Some(MadeFrom { files, folder: Default::default() })
    }

    /// The stamp of the file `path` of the live set `live` if it was
    /// made from `key` and is still the file recorded, a regular file of
    /// `mode`.
    pub(super) fn unchanged(
        &self,
        live: &Path,
        path: &Path,
        key: u128,
        mode: u32,
    ) -> Option<Stamp> {
        let (made, stamp) = path.to_str().and_then(|p| self.files.get(p))?;
        if *made != key {
            return None;
        }
        let (folder, name) = (path.parent()?, path.file_name()?);
        let mut last = self.folder.lock().unwrap_or_else(|e| e.into_inner());
        if last.as_ref().is_none_or(|(f, _)| f != folder) {
            // Through the set's symlinks, as the path would go.
            let dir = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(OFlags::DIRECTORY.bits() as i32)
                .open(live.join(folder));
            *last = Some((folder.to_path_buf(), dir.ok().map(Into::into)));
        }
        let dir = last.as_ref().and_then(|(_, dir)| dir.as_ref())?;
        let flags = rustix::fs::AtFlags::SYMLINK_NOFOLLOW;
        let st = rustix::fs::statat(dir, name, flags).ok()?;
        let still = rustix::fs::FileType::from_raw_mode(st.st_mode as _)
            == rustix::fs::FileType::RegularFile
            && st.st_mode as u32 & 0o7777 == mode
            && Stamp::of_stat(&st) == *stamp;
        still.then_some(*stamp)
    }
}

/// The record of a new set, filled as its files are made.
#[derive(Default)]
pub(super) struct Recorder {
    text: String,
}

impl Recorder {
    pub(super) fn new() -> Recorder {
        let build = build().unwrap_or("unknown");
        Recorder { text: format!("{HEADER}\nbuild {build}\n") }
    }

    /// Records that the set's file `path` was made from `key` and has
    /// the stamp `s` ([`Stamp::now_of`]). A path the record cannot hold
    /// (not UTF-8, a line break) is left out: it is made again next time.
    pub(super) fn add(&mut self, path: &Path, key: u128, s: Stamp) {
        let Some(path) = path.to_str().filter(|p| !p.contains('\n')) else {
            return;
        };
        use fmt::Write as _;
        let _ = writeln!(
            self.text,
            "{key:032x} {} {} {} {} {} {path}",
            s.dev, s.ino, s.size, s.mtime, s.mtime_ns
        );
    }

    /// Writes the record into the new set `root`.
    pub(super) fn write(&self, root: &Path, mode: u32) -> Result<()> {
        fresh::create_file_with(&root.join(MADE), mode, |w| {
            w.write_all(self.text.as_bytes()).map_err(super::files::io)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(lines: &[&str]) -> String {
        let mut text = format!("{HEADER}\nbuild b\n");
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    const LINE: &str =
        "0000000000000000000000000000002a 1 2 3 4 5 meetings/a b.ics";

    #[test]
    fn a_whole_record_of_this_build_is_read() {
        let made = MadeFrom::parse(&record(&[LINE]), "b").unwrap();
        let (key, stamp) = made.files["meetings/a b.ics"];
        assert_eq!(key, 42);
        assert_eq!(stamp.ino, 2);
        assert_eq!(stamp.mtime_ns, 5);
    }

    /// A bad record means every file is made again, never a wrong one.
    #[test]
    fn a_damaged_or_foreign_record_is_none() {
        let good = record(&[LINE]);
        assert!(MadeFrom::parse(&good, "another build").is_none());
        assert!(MadeFrom::parse(&good[..good.len() - 1], "b").is_none());
        assert!(MadeFrom::parse(&good.replace("2a 1", "2a x"), "b").is_none());
        assert!(
            MadeFrom::parse(&good.replace("000000002a", "2a"), "b").is_none()
        );
        assert!(MadeFrom::parse(&good.replace(" 5 ", " 5"), "b").is_none());
        assert!(MadeFrom::parse(&record(&[LINE, LINE]), "b").is_none());
        assert!(MadeFrom::parse(
            &good.replace("made-from 1", "made-from 2"),
            "b"
        )
        .is_none());
        assert!(MadeFrom::parse("", "b").is_none());
    }

    #[test]
    fn fingerprints_differ_with_their_text() {
        use std::fmt::Write as _;
        let of = |s: &str| {
            let mut f = Fingerprint::new();
            f.write_str(s).unwrap();
            f.finish()
        };
        assert_eq!(of("meeting 1"), of("meeting 1"));
        assert_ne!(of("meeting 1"), of("meeting 2"));
    }
}
