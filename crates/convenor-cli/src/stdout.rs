//! Standard output that refuses to lose text. When convenor starts with
//! descriptor 1 closed (`convenor week >&-`), the Rust runtime reopens it
//! on /dev/null, read-write, before `main`, so every line would vanish
//! while the run reports success. On Linux, /proc tells that descriptor
//! from a shell's `>/dev/null`, which is opened write-only; [`Guarded`]
//! then fails every write. Elsewhere the check is skipped.

use std::io::{self, Write};

/// Whether descriptor 1 is the runtime's stand-in for a closed stdout.
pub fn closed_at_start() -> bool {
    if !cfg!(any(target_os = "linux", target_os = "android")) {
        return false;
    }
    let is_null = std::fs::read_link("/proc/self/fd/1")
        .is_ok_and(|target| target == std::path::Path::new("/dev/null"));
    // `flags:` is octal; the access mode is its low two bits (2: O_RDWR).
    is_null
        && std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
            info.lines()
                .find_map(|line| line.strip_prefix("flags:"))
                .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o3 == 0o2)
        })
}

/// A writer that fails every write if standard output was closed at
/// start, so the command exits non-zero instead of losing its output.
#[derive(Debug)]
pub struct Guarded<W> {
    /// Where the text goes.
    pub inner: W,
    /// Whether standard output was closed at start.
    pub closed: bool,
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Err(io::Error::other("standard output is closed"));
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
