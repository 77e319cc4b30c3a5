//! Files and folders convenor writes: always created new (`O_EXCL`), never
//! through a symlink (`O_NOFOLLOW`), under unguessable temporary names, and
//! synced to disk before anything points at them. An existing file is
//! never opened for writing, so nothing planted in an output folder can
//! redirect a write. Used by [`write_atomically`](super::write_atomically)
//! (atomic.rs) and the publish folder (folder.rs).

use std::fmt::Write as _;
use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use rustix::fs::OFlags;

use super::files::io as io_error;
use crate::Result;

/// `O_NOFOLLOW`: an open fails on a symlink instead of following it.
pub const NOFOLLOW: i32 = OFlags::NOFOLLOW.bits() as i32;

/// Mode of every file convenor writes: a web server running as another
/// user must be able to read it.
pub const FILE_MODE: u32 = 0o644;

/// Mode of a published folder, for the same reason.
pub const DIR_MODE: u32 = 0o755;

/// `prefix` followed by 16 random hex digits.
pub fn random_name(prefix: &str) -> io::Result<String> {
    let mut bytes = [0u8; 8];
    File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes.iter().fold(prefix.to_owned(), |mut name, b| {
        let _ = write!(name, "{b:02x}");
        name
    }))
}

/// Creates `path`, which must not exist (not even as a dangling symlink),
/// with exactly `mode`, and has `write` write it (through a buffer,
/// flushed here); removes it again if that fails. The caller syncs it
/// ([`sync`] or [`sync_tree`]).
pub fn create_file_with(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(NOFOLLOW)
        .open(path)
        .map_err(io_error)?;
    // The umask may have narrowed `mode` at creation.
    let written = file
        .set_permissions(Permissions::from_mode(mode))
        .map_err(io_error)
        .and_then(|()| {
            let mut buffered = io::BufWriter::new(file);
            write(&mut buffered)?;
            buffered.flush().map_err(io_error)
        });
    if written.is_err() {
        // The file is this call's own: it was created above.
        let _ = std::fs::remove_file(path);
    }
    written
}

/// Creates the folder `path` with `mode` (narrowed by the umask; see
/// [`set_dir_mode`]). `mkdir` never follows a symlink at `path`: it fails
/// with `AlreadyExists`.
pub fn create_dir(path: &Path, mode: u32) -> io::Result<()> {
    DirBuilder::new().mode(mode).create(path)
}

/// Opens the folder `path` itself, failing if it is a symlink.
pub fn open_dir(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags((OFlags::DIRECTORY | OFlags::NOFOLLOW).bits() as i32)
        .open(path)
}

/// Gives the folder `path` exactly `mode`.
pub fn set_dir_mode(path: &Path, mode: u32) -> io::Result<()> {
    open_dir(path)?.set_permissions(Permissions::from_mode(mode))
}

/// Syncs the file or folder `path` (its data, or its entries) to disk,
/// failing if it is a symlink.
pub fn sync(path: &Path) -> io::Result<()> {
    OpenOptions::new().read(true).custom_flags(NOFOLLOW).open(path)?.sync_all()
}

/// Syncs the new folder `root` and everything in it (`paths`, relative to
/// `root`) to disk.
///
/// On Linux one syncfs(2) does it: each fsync(2) waits for its own journal
/// commit and cache flush, so a 2,000-meeting publish took 14-15 s with
/// them on a busy disk, 3-5 s with syncfs (HARDENING.md). Elsewhere each
/// path is synced in turn.
pub fn sync_tree(root: &Path, paths: &[&Path]) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        let _ = paths;
        let dir = open_dir(root)?;
        rustix::fs::syncfs(&dir).map_err(io::Error::from)
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        for path in paths {
            sync(&root.join(path))?;
        }
        sync(root)
    }
}
