//! Where exports go: standard output, or a file written atomically (a
//! temporary file in the same folder, then a rename), so a failed run
//! never leaves a half-written feed behind.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

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

/// Writes `bytes` to a temporary sibling of `path` and renames it over
/// `path`; on failure the old file is untouched and the temporary removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file path", path.display()))?;
    let temp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}
