//! Where exports go: standard output, or a file replaced atomically: the
//! text goes to a new temporary file beside it (see fresh.rs), which is
//! synced and renamed over the file, so a failed run never leaves a
//! half-written feed and a planted symlink is replaced, never written
//! through.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use crate::fresh;

/// Writes `content` to `path`, or to `out` when there is no path.
pub fn emit(
    path: Option<&Path>,
    content: &str,
    out: &mut impl Write,
) -> Result<()> {
    emit_with(path, out, |w| Ok(w.write_all(content.as_bytes())?))
}

/// Has `write` write to `path` (atomically, as [`emit`]) or to `out`
/// when there is no path, for content made as it is written.
pub fn emit_with(
    path: Option<&Path>,
    out: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match path {
        None => write(out),
        Some(path) => write_atomically(path, write),
    }
}

/// Has `write` write a new temporary sibling of `path` and renames it over
/// `path`; on failure the old file is untouched and the temporary removed.
/// A device or pipe is written in place (see [`open_device`]).
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    if let Some(mut device) = open_device(path)? {
        return write(&mut device);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let temp =
        fresh::random_name(&format!(".{}.tmp-", name.to_string_lossy()))
            .map(|n| dir.join(n))
            .with_context(|| format!("cannot write {}", path.display()))?;
    fresh::create_file_with(&temp, fresh::FILE_MODE, write)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let switched =
        fresh::sync(&temp).and_then(|()| std::fs::rename(&temp, path));
    if switched.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    switched
        .and_then(|()| fresh::sync(dir))
        .with_context(|| format!("cannot write {}", path.display()))
}

/// `path` opened for writing when it is (or links to) a character
/// device, a pipe or a socket (`-o /dev/null`, `-o /dev/stdout`, a
/// FIFO): renaming a file over it would replace the device's name in its
/// folder with a plain file, `/dev/null` included. A block device is
/// refused. Anything else (a file, a symlink to one, nothing yet) is
/// `None`, for the atomic replace.
fn open_device(path: &Path) -> Result<Option<std::fs::File>> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(kind) = std::fs::metadata(path).map(|m| m.file_type()) else {
        return Ok(None);
    };
    if kind.is_block_device() {
        anyhow::bail!(
            "{} is a block device; write the output to a file",
            path.display()
        );
    }
    if !(kind.is_char_device() || kind.is_fifo() || kind.is_socket()) {
        return Ok(None);
    }
    let device = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(Some(device))
}
