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
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
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
