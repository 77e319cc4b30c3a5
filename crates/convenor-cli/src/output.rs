//! Where exports go: standard output, or a file replaced atomically
//! ([`convenor::site::publish::write_atomically`]).

use std::io::Write;
use std::path::Path;

use anyhow::Result;

/// Writes `content` to `path`, or to `out` when there is no path.
pub fn emit(
    path: Option<&Path>,
    content: &str,
    out: &mut impl Write,
) -> Result<()> {
    emit_with(path, out, |w| {
        w.write_all(content.as_bytes())
            .map_err(|e| convenor::Error::io(String::new(), e))
    })
}

/// Has `write` write to `path` (atomically) or to `out` when there is no
/// path, for content made as it is written.
pub fn emit_with(
    path: Option<&Path>,
    out: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> convenor::Result<()>,
) -> Result<()> {
    match path {
        None => Ok(write(out)?),
        Some(path) => {
            Ok(convenor::site::publish::write_atomically(path, write)?)
        }
    }
}
