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
    match path {
        None => Ok(out.write_all(content.as_bytes())?),
        Some(path) => write_atomically(path, content.as_bytes()),
    }
}

/// Writes `bytes` to a new temporary sibling of `path` and renames it over
/// `path`; on failure the old file is untouched and the temporary removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let temp =
        fresh::random_name(&format!(".{}.tmp-", name.to_string_lossy()))
            .map(|n| dir.join(n));
    let result = temp.and_then(|temp| {
        fresh::create_file(&temp, bytes, fresh::FILE_MODE)?;
        let synced = fresh::sync(&temp);
        if let Err(e) = synced.and_then(|()| std::fs::rename(&temp, path)) {
            let _ = std::fs::remove_file(&temp);
            return Err(e);
        }
        fresh::sync(dir)
    });
    result.with_context(|| format!("cannot write {}", path.display()))
}
