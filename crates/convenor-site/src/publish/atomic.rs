//! One file replaced atomically: the text goes to a new temporary file
//! beside it, which is synced and renamed over the file, so a failed run
//! never leaves a half-written feed and a planted symlink is replaced,
//! never written through.

use std::fs::Permissions;
use std::io::{BufWriter, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use super::files::io as io_error;
use super::fresh::{self, FILE_MODE};
use super::IoContext;
use crate::Result;

/// Has `write` write a new temporary sibling of `path` and renames it
/// over `path`; on failure the old file is untouched and the temporary
/// removed. A character device, pipe or socket (`/dev/null`,
/// `/dev/stdout`, a FIFO) is written in place: renaming over it would
/// replace the device's name with a plain file.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("schedule.ics");
/// convenor_site::publish::write_atomically(&path, |w| {
///     w.write_all(b"BEGIN:VCALENDAR\r\n").map_err(|e| convenor_core::Error::io("", e))
/// })?;
/// assert_eq!(std::fs::read(&path)?, b"BEGIN:VCALENDAR\r\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As `write`, and [`convenor_core::Error::Io`] (`cannot write PATH`)
/// when the file cannot be written; a block device is refused.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let failed = |e: convenor_core::Error| {
        e.context(&format!("cannot write {}", path.display()))
    };
    if let Some(mut device) = open_device(path)? {
        return write(&mut device).map_err(failed);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Some(name) = path.file_name() else {
        return Err(convenor_core::Error::Unusable {
            message: format!("{} is not a file path", path.display()),
            kind: std::io::ErrorKind::InvalidInput,
        });
    };
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{}.tmp-", name.to_string_lossy()))
        .permissions(Permissions::from_mode(FILE_MODE))
        .tempfile_in(dir)
        .map_err(io_error)
        .map_err(failed)?;
    // The umask may have narrowed the mode at creation.
    temp.as_file()
        .set_permissions(Permissions::from_mode(FILE_MODE))
        .map_err(io_error)
        .map_err(failed)?;
    {
        let mut buffered = BufWriter::new(temp.as_file_mut());
        write(&mut buffered).map_err(failed)?;
        buffered.flush().map_err(io_error).map_err(failed)?;
    }
    temp.as_file().sync_all().map_err(io_error).map_err(failed)?;
    // On failure the temporary is removed when `temp` drops.
    temp.persist(path).map_err(|e| failed(io_error(e.error)))?;
    fresh::sync(dir).what(|| format!("cannot write {}", path.display()))
}

/// `path` opened for writing when it is (or links to) a character
/// device, a pipe or a socket; a block device is refused. Anything else
/// (a file, a symlink to one, nothing yet) is `None`, for the atomic
/// replace.
fn open_device(path: &Path) -> Result<Option<std::fs::File>> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(kind) = std::fs::metadata(path).map(|m| m.file_type()) else {
        return Ok(None);
    };
    if kind.is_block_device() {
        let message = format!(
            "{} is a block device; write the output to a file",
            path.display()
        );
        return Err(convenor_core::Error::Unusable {
            message,
            kind: std::io::ErrorKind::InvalidInput,
        });
    }
    if !(kind.is_char_device() || kind.is_fifo() || kind.is_socket()) {
        return Ok(None);
    }
    let device = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .what(|| format!("cannot write {}", path.display()))?;
    Ok(Some(device))
}
