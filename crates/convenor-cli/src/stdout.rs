//! Standard output that refuses to lose text. When convenor starts with
//! descriptor 1 closed (`convenor week >&-`), the Rust runtime reopens it
//! on /dev/null before `main`, so every line would vanish while the run
//! reports success. A constructor, run by the loader before the runtime,
//! records whether descriptor 1 was open; [`Guarded`] then fails writes.
//! On platforms without such constructors the check is skipped.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static WAS_CLOSED: AtomicBool = AtomicBool::new(false);

extern "C" fn note_closed_stdout() {
    // SAFETY: F_GETFD only reads the descriptor's flags; on a closed
    // descriptor it fails with EBADF.
    if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
        WAS_CLOSED.store(true, Ordering::Relaxed);
    }
}

#[used]
#[cfg_attr(
    any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly",
        target_os = "illumos",
        target_os = "solaris"
    ),
    link_section = ".init_array"
)]
#[cfg_attr(target_vendor = "apple", link_section = "__DATA,__mod_init_func")]
static NOTE_CLOSED_STDOUT: extern "C" fn() = note_closed_stdout;

/// A writer that fails every write if standard output was closed at
/// start, so the command exits non-zero instead of losing its output.
#[derive(Debug)]
pub struct Guarded<W>(pub W);

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if WAS_CLOSED.load(Ordering::Relaxed) {
            return Err(io::Error::other("standard output is closed"));
        }
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
