//! A zoneinfo directory read as untrusted input (issue 25): only regular
//! files (a FIFO named after a zone, or a FIFO `tzdata.zi`, hung every
//! command, even `--version`), each at most [`MAX_ZONE_FILE_BYTES`] (a
//! zone symlinked to `/dev/zero` grew to 17.5 GB; 300 MB of junk after
//! valid data was accepted), names checked before they become paths.
//!
//! jiff's own directory database opens every file it lists and reads
//! whole files without a limit, so [`crate::Tzdata`] lists and reads
//! directories here and gives jiff only the bytes (`TimeZone::tzif`).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;

/// The largest zone file read, in bytes. The largest real TZif file
/// (with leap seconds, in `right/`) is under 4 KB; 64 KiB leaves room
/// for any future zone and still bounds what a hostile directory costs.
pub(crate) const MAX_ZONE_FILE_BYTES: u64 = 64 * 1024;

/// The most entries (files and folders) a listing visits, and how deep
/// it goes: a real database has about 600 zones three levels deep.
const MAX_ENTRIES: usize = 20_000;
const MAX_DEPTH: usize = 4;

/// Reads the first `max` bytes of `path` (all of it when `whole`), if it
/// is a regular file (symlinks followed): never a FIFO, device or socket,
/// whose open or read can block for ever or never end.
///
/// # Errors
///
/// What is wrong, in words: not a regular file, larger than `max` (when
/// `whole`), or the system's error.
pub(crate) fn read_regular(
    path: &Path,
    max: u64,
    whole: bool,
) -> Result<Vec<u8>, String> {
    let kind = |m: &std::fs::Metadata| {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            "a FIFO"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else if t.is_socket() {
            "a socket"
        } else if t.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        }
    };
    let checked = |m: &std::fs::Metadata| -> Result<(), String> {
        if !m.is_file() {
            return Err(format!(
                "{} is {}, not a regular file",
                path.display(),
                kind(m)
            ));
        }
        if whole && m.len() > max {
            return Err(format!(
                "{} is {} bytes, more than the limit of {max} for a zone file",
                path.display(),
                m.len()
            ));
        }
        Ok(())
    };
    checked(
        &std::fs::metadata(path)
            .map_err(|e| format!("{}: {e}", path.display()))?,
    )?;
    let file =
        File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Again on what was opened: it may have been swapped since.
    checked(
        &file.metadata().map_err(|e| format!("{}: {e}", path.display()))?,
    )?;
    let mut data = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut data)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if data.len() as u64 > max {
        if whole {
            return Err(format!(
                "{} is more than the limit of {max} bytes for a zone file",
                path.display()
            ));
        }
        data.truncate(max as usize);
    }
    Ok(data)
}

/// Whether `name` can be a zone's name and a path below the directory:
/// parts of letters, digits, `_`, `-` and `+`, joined by `/`, none empty
/// or `.` / `..`.
pub(crate) fn is_zone_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_-+".contains(&b))
        })
}

/// The zone `name` of the directory: `Ok(None)` when there is no such
/// zone file, `Err` (in words) when there is one that cannot be read.
pub(crate) fn zone(
    dir: &Path,
    name: &str,
) -> Result<Option<TimeZone>, String> {
    if !is_zone_name(name) {
        return Ok(None);
    }
    let path = dir.join(name);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Ok(m) if m.is_dir() => return Ok(None),
        _ => {}
    }
    let data = read_regular(&path, MAX_ZONE_FILE_BYTES, true)?;
    parse_tzif(name, &data)
        .map(Some)
        .map_err(|e| format!("{} is {e}", path.display()))
}

/// A zone file's bytes as a zone: at most [`MAX_ZONE_FILE_BYTES`], TZif
/// as jiff reads it. What [`zone`] does once the file is read, and what
/// the tz-data fuzz target feeds ([`crate::zone::read_tzif`]).
pub(crate) fn parse_tzif(name: &str, data: &[u8]) -> Result<TimeZone, String> {
    if data.len() as u64 > MAX_ZONE_FILE_BYTES {
        return Err(format!(
            "{} bytes, more than the limit of {MAX_ZONE_FILE_BYTES} for a zone file",
            data.len()
        ));
    }
    let tz = TimeZone::tzif(name, data)
        .map_err(|e| format!("not a TZif zone file: {e}"))?;
    transitions_in_order(data)?;
    Ok(tz)
}

/// Whether the transition times that jiff reads from a TZif file (the
/// 64-bit block of a version 2+ file, else the 32-bit one) are in
/// strictly ascending order, as RFC 8536 §3.2 requires.
///
/// jiff does not check it and looks them up by binary search, so out of
/// order its offsets and its `TimeZone::following` disagree: a mutated
/// Chatham file (issue 25, the `tzdata` fuzz target) had offsets that
/// followed its footer's rule from 2050 on while `following` after 1991
/// gave jiff's last instant, so the transition walk (and the tables built
/// from it) missed every change of the footer. Such a file has no right
/// times to give: it is refused. Call after jiff accepted `data`, whose
/// header it has checked; a count that does not fit is left to jiff.
fn transitions_in_order(data: &[u8]) -> Result<(), String> {
    let count = |at: usize, i: usize| -> Option<usize> {
        let start = at.checked_add(20 + 4 * i)?;
        let b = data.get(start..start + 4)?;
        usize::try_from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])).ok()
    };
    let block = |at: usize, width: usize| -> Option<(usize, usize)> {
        let [isut, isstd, leap, time, types, chars] =
            [0, 1, 2, 3, 4, 5].map(|i| count(at, i));
        let len = time?
            .checked_mul(width + 1)?
            .checked_add(types?.checked_mul(6)?)?
            .checked_add(chars?)?
            .checked_add(leap?.checked_mul(width + 4)?)?
            .checked_add(isstd?)?
            .checked_add(isut?)?;
        Some((time?, len))
    };
    let Some(&version) = data.get(4) else { return Ok(()) };
    let times = if version == 0 {
        block(0, 4).map(|(n, _)| (44, n, 4))
    } else {
        block(0, 4).and_then(|(_, len)| {
            let at = 44usize.checked_add(len)?;
            block(at, 8).map(|(n, _)| (at + 44, n, 8))
        })
    };
    let Some((start, n, width)) = times else { return Ok(()) };
    let time = |i: usize| -> Option<i64> {
        let from = start.checked_add(i.checked_mul(width)?)?;
        let b = data.get(from..from.checked_add(width)?)?;
        Some(match width {
            4 => i64::from(i32::from_be_bytes([b[0], b[1], b[2], b[3]])),
            _ => i64::from_be_bytes(b.try_into().ok()?),
        })
    };
    for i in 1..n {
        let (Some(before), Some(at)) = (time(i - 1), time(i)) else {
            return Ok(());
        };
        if at <= before {
            return Err(format!(
                "a TZif zone file whose transitions are out of order (the \
                 {} at Unix second {at} is not after the one before, at \
                 {before}; RFC 8536 wants them in ascending order)",
                crate::words::nth_day(
                    i64::try_from(i + 1).unwrap_or(i64::MAX)
                )
            ));
        }
    }
    Ok(())
}

/// Every zone name of the directory, sorted: the regular files of at
/// most [`MAX_ZONE_FILE_BYTES`] that start as TZif, below `posix/` and
/// `right/` left out (as jiff does), at most four levels deep and
/// 20,000 entries visited. Symlinks count as the files they point at;
/// symlinked folders are not followed (no loops).
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    let mut visited = 0;
    let mut stack: Vec<(PathBuf, String, usize)> =
        vec![(dir.to_path_buf(), String::new(), 0)];
    while let Some((folder, prefix, depth)) = stack.pop() {
        let Ok(entries) = folder.read_dir() else { continue };
        for entry in entries.flatten() {
            visited += 1;
            if visited > MAX_ENTRIES {
                names.sort_unstable();
                return names;
            }
            let Some(file_name) =
                entry.file_name().to_str().map(str::to_string)
            else {
                continue;
            };
            let name = if prefix.is_empty() {
                file_name.clone()
            } else {
                format!("{prefix}/{file_name}")
            };
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                let skip = depth == 0
                    && (file_name == "posix" || file_name == "right");
                if !skip && depth + 1 < MAX_DEPTH {
                    stack.push((entry.path(), name, depth + 1));
                }
                continue;
            }
            if !is_zone_name(&name) {
                continue;
            }
            let head = read_regular(&entry.path(), 4, false);
            let size_ok = std::fs::metadata(entry.path())
                .is_ok_and(|m| m.len() <= MAX_ZONE_FILE_BYTES);
            if size_ok && head.is_ok_and(|h| h == b"TZif") {
                names.push(name);
            }
        }
    }
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_names_are_paths_below_the_folder() {
        for good in [
            "UTC",
            "America/Los_Angeles",
            "Etc/GMT+5",
            "America/Argentina/Buenos_Aires",
        ] {
            assert!(is_zone_name(good), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a//b",
            "a/./b",
            "a b",
            "a\\b",
            "Europe/",
        ] {
            assert!(!is_zone_name(bad), "{bad}");
        }
    }

    #[test]
    fn only_regular_files_of_bounded_size_are_read() {
        // `/dev/zero` never ends: a zone symlinked to it grew to 17.5 GB.
        let zero = read_regular(Path::new("/dev/zero"), 4, false);
        assert!(zero.unwrap_err().contains("a device"));
        assert!(read_regular(Path::new("/dev/null"), 4, true).is_err());
        let folder = read_regular(Path::new("/"), 4, true);
        assert!(folder.unwrap_err().contains("a folder"));
        // This test's own binary: a regular file (through a symlink) of
        // more than 64 bytes.
        let exe = Path::new("/proc/self/exe");
        let big = read_regular(exe, 64, true);
        assert!(big.unwrap_err().contains("more than the limit"));
        assert_eq!(read_regular(exe, 4, false).unwrap(), b"\x7fELF");
    }
}
