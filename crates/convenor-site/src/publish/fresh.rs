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
use super::writeback::EarlyWriteback;
use crate::Result;

/// `O_NOFOLLOW`: an open fails on a symlink instead of following it.
pub const NOFOLLOW: i32 = OFlags::NOFOLLOW.bits() as i32;

/// Mode of every file convenor writes: a web server running as another
/// user must be able to read it.
pub const FILE_MODE: u32 = 0o644;

/// Mode of a published folder, for the same reason.
pub const DIR_MODE: u32 = 0o755;

/// `prefix` followed by 16 hex digits no other process can guess: a
/// SipHash of a counter under keys read once from `/dev/urandom`, so a
/// publish of 56,000 files does not open `/dev/urandom` 56,000 times.
pub fn random_name(prefix: &str) -> io::Result<String> {
    use std::hash::Hasher;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static KEYS: OnceLock<[u8; 16]> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let keys = match KEYS.get() {
        Some(keys) => keys,
        None => {
            let mut bytes = [0u8; 16];
            File::open("/dev/urandom")?.read_exact(&mut bytes)?;
            KEYS.get_or_init(|| bytes)
        }
    };
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(keys);
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write(keys);
    let bytes = hasher.finish().to_be_bytes();
    Ok(bytes.iter().fold(prefix.to_owned(), |mut name, b| {
        let _ = write!(name, "{b:02x}");
        name
    }))
}

/// Makes something new in `dir` under a fresh temporary name (`prefix`
/// and [`random_name`]'s digits) with `make`, trying another name if
/// that one is taken.
pub fn new_name(
    dir: &Path,
    prefix: &str,
    make: impl Fn(&Path) -> io::Result<()>,
) -> Result<std::path::PathBuf> {
    let mut attempts = 0;
    loop {
        let name = random_name(prefix).map_err(|e| {
            convenor_core::Error::io("cannot name a new file", e)
        })?;
        let at = dir.join(name);
        match make(&at) {
            Ok(()) => return Ok(at),
            Err(e)
                if e.kind() == io::ErrorKind::AlreadyExists
                    && attempts < 8 =>
            {
                attempts += 1;
            }
            Err(e) => {
                return Err(convenor_core::Error::io(
                    format!("cannot create {}", at.display()),
                    e,
                ))
            }
        }
    }
}

/// Whether a file or folder created with `mode` has exactly `mode`: the
/// process's umask (read once from `/proc/self/status`) clears none of
/// its bits. Then no fchmod(2) follows each creation (a site of 56,000
/// files made 59,000 of them). Unknown (no `/proc`): `false`.
pub fn mode_is_exact(mode: u32) -> bool {
    use std::sync::OnceLock;
    static UMASK: OnceLock<Option<u32>> = OnceLock::new();
    let umask = UMASK.get_or_init(|| {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find_map(|l| l.strip_prefix("Umask:"))?;
        u32::from_str_radix(line.trim(), 8).ok()
    });
    umask.is_some_and(|u| mode & u == 0)
}

/// Gives the open file `file`, just created with `mode`, exactly `mode`
/// when the umask may have narrowed it.
fn exact_mode(file: &File, mode: u32) -> io::Result<()> {
    if mode_is_exact(mode) {
        return Ok(());
    }
    file.set_permissions(Permissions::from_mode(mode))
}

/// [`create_file_with`], unless `previous` (the same file in the live
/// set) holds exactly the bytes `write` writes: then `path` becomes a
/// hard link to it, and nothing is written (issue 30: after one
/// meeting's edit, a publish writes only the files that changed). The
/// bytes are compared as they are made, a buffer at a time, and the new
/// file is written only from the first difference on (the same prefix
/// copied from `previous`), so no file is held whole in memory. A
/// `previous` that is not a plain file of exactly `mode`, or cannot be
/// read, is not used. Says whether the bytes were those of `previous`
/// (linked, or copied where the file system has no hard links). Without
/// `link`, equal bytes leave `path` uncreated: the caller keeps
/// `previous` where it is.
pub fn create_file_or_link(
    path: &Path,
    mode: u32,
    previous: &Path,
    link: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<bool> {
    let old = OpenOptions::new()
        .read(true)
        .custom_flags(NOFOLLOW)
        .open(previous)
        .ok()
        .filter(|f| {
            f.metadata().is_ok_and(|m| {
                m.is_file() && m.permissions().mode() & 0o7777 == mode
            })
        });
    let Some(old) = old else {
        create_file_with(path, mode, write)?;
        return Ok(false);
    };
    let mut same = Unchanged {
        old: io::BufReader::new(old),
        matched: 0,
        scratch: Vec::new(),
        new: None,
        path,
        mode,
        previous,
        link,
    };
    let done = write(&mut same).and_then(|()| same.finish());
    if done.is_err() && same.new.is_some() {
        // The file is this call's own: created from the first difference.
        let _ = std::fs::remove_file(path);
    }
    done
}

/// The writer of [`create_file_or_link`]: compares what comes with the
/// previous file until the first difference, then writes the new file.
struct Unchanged<'p> {
    old: io::BufReader<File>,
    /// Bytes found equal so far.
    matched: u64,
    scratch: Vec<u8>,
    new: Option<io::BufWriter<EarlyWriteback>>,
    path: &'p Path,
    mode: u32,
    previous: &'p Path,
    /// Whether equal bytes make `path` a link to `previous`.
    link: bool,
}

impl Unchanged<'_> {
    /// Creates the new file with the bytes found equal so far.
    fn diverge(&mut self) -> io::Result<()> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(self.mode)
            .custom_flags(NOFOLLOW)
            .open(self.path)?;
        exact_mode(&file, self.mode)?;
        let mut new = io::BufWriter::new(EarlyWriteback::new(file));
        let prefix = OpenOptions::new()
            .read(true)
            .custom_flags(NOFOLLOW)
            .open(self.previous)?;
        let copied = io::copy(&mut prefix.take(self.matched), &mut new)?;
        if copied != self.matched {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the previous set's file changed while it was read",
            ));
        }
        self.new = Some(new);
        Ok(())
    }

    /// Links `path` to the previous file if every byte was equal and
    /// the previous file has no more; else finishes the new file. Says
    /// whether every byte was equal.
    fn finish(&mut self) -> Result<bool> {
        let mut same = false;
        if self.new.is_none() {
            let mut more = [0u8; 1];
            same = self.old.read(&mut more).map_err(io_error)? == 0;
            if same && !self.link {
                return Ok(true);
            }
            // A file system without hard links gets a copy.
            if same && std::fs::hard_link(self.previous, self.path).is_ok() {
                return Ok(true);
            }
            self.diverge().map_err(io_error)?;
        }
        self.flush().map_err(io_error)?;
        Ok(same)
    }
}

impl Write for Unchanged<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(new) = self.new.as_mut() {
            return new.write(buf);
        }
        self.scratch.resize(buf.len(), 0);
        let mut got = 0;
        while got < buf.len() {
            match self.old.read(&mut self.scratch[got..])? {
                0 => break,
                n => got += n,
            }
        }
        if got == buf.len() && self.scratch[..] == *buf {
            self.matched += buf.len() as u64;
            return Ok(buf.len());
        }
        self.diverge()?;
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.new.as_mut() {
            Some(new) => new.flush(),
            None => Ok(()),
        }
    }
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
    let written = exact_mode(&file, mode).map_err(io_error).and_then(|()| {
        let mut buffered = io::BufWriter::new(EarlyWriteback::new(file));
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

/// Creates the folder `path` with exactly `mode` (a fchmod(2) only when
/// the umask narrowed it); as [`create_dir`] otherwise.
pub fn create_dir_exact(path: &Path, mode: u32) -> io::Result<()> {
    create_dir(path, mode)?;
    if mode_is_exact(mode) {
        return Ok(());
    }
    set_dir_mode(path, mode)
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
