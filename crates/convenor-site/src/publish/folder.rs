//! The folder `publish` writes, switched from one complete set of feeds to
//! the next in one atomic step.
//!
//! ```text
//! --out/.convenor/lock                 flock: one publish at a time
//! --out/.convenor/sets/<random>/       one complete set of feeds
//! --out/.convenor/current -> sets/<random>
//! --out/index.html -> .convenor/current/index.html
//! --out/meetings -> .convenor/current/meetings
//! ```
//!
//! A new set is written into a fresh folder (mode 0700 until complete, see
//! fresh.rs), every file and folder synced, then `current` is replaced by
//! renaming a new symlink over it. rename(2) is atomic, so a reader, a
//! second publish or a kill sees the old set or the new one, whole. The
//! public links (one per top-level name) never change, so subscribed URLs
//! keep working, and a removed meeting's feed goes with its set. Each
//! run first removes what killed runs left and every set but the live
//! one; the set just replaced stays until then, for readers that are
//! half-way through its path. HARDENING.md states the guarantees.

use std::ffi::{OsStr, OsString};
use std::fs::{OpenOptions, TryLockError};
use std::io::{self, ErrorKind};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use convenor_core::Error;

use super::fresh::{self, DIR_MODE, FILE_MODE, NOFOLLOW};
use super::IoContext;
use crate::Result;

/// An error of the folder itself, not of a file in it.
fn refuse(kind: ErrorKind, message: String) -> Error {
    Error::Unusable { message, kind }
}

/// convenor's own folder inside `--out`.
const STATE: &str = ".convenor";

/// How long a publish waits for another one into the same folder.
const LOCK_WAIT: Duration = Duration::from_secs(120);

/// A file of the set: text made beforehand, or made as it is written,
/// so that a large feed (the sessions of 90 days of a big fellowship)
/// is never held whole in memory.
pub enum Content<'a> {
    /// Text made beforehand.
    Text(String),
    /// Content made as it is written.
    Made(Make<'a>),
}

impl Content<'_> {
    /// Writes the content to `w`.
    ///
    /// # Errors
    ///
    /// As making it, and [`Error::Io`] when `w` fails.
    pub fn write_to(&self, w: &mut dyn io::Write) -> Result<()> {
        match self {
            Content::Text(text) => {
                w.write_all(text.as_bytes()).map_err(super::files::io)
            }
            Content::Made(make) => make(w),
        }
    }
}

/// Writes a file's content.
pub type Make<'a> = Box<dyn Fn(&mut dyn io::Write) -> Result<()> + 'a>;

/// What every failure before the switch says.
const NOT_PUBLISHED: &str = "nothing was published";

/// Replaces the feeds in `out` by `files` (paths relative to `out`).
/// `commit` runs when the new set is complete and before it goes live;
/// if it fails, nothing is published.
pub fn replace(
    out: &Path,
    files: &[(PathBuf, Content<'_>)],
    commit: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let names = public_names(files)?;
    let state = out.join(STATE);
    let staged = prepare(out, &state, files, &names)
        .map_err(|e| e.context(NOT_PUBLISHED))?;
    let set = Path::new("sets").join(&staged.set);
    if let Err(e) = commit() {
        let _ = std::fs::remove_dir_all(state.join(&set));
        return Err(e.context(NOT_PUBLISHED));
    }
    put_link(&state, &set, &state.join("current"))
        .what(|| format!("{NOT_PUBLISHED}: cannot switch to the new feeds"))?;
    fresh::sync(&state).what(|| {
        "the new feeds are live, but the switch may not survive a crash"
            .to_string()
    })?;
    for name in staged.legacy {
        replace_legacy(out, &state, name).what(|| {
            format!(
                "the new feeds are live, but {} is still the old one",
                out.join(name).display()
            )
        })?;
    }
    Ok(())
}

/// `out` names a folder, or nothing yet: a file there is bad input
/// ([`Error::is_bad_input`]), said as such (creating the folder said only
/// "File exists"). [`replace`] checks it first; a caller may check it
/// before any other work, so that the mistake is the first thing said.
///
/// # Errors
///
/// [`Error::Io`] of kind `NotADirectory` when `out` is not a folder.
pub fn check_out(out: &Path) -> Result<()> {
    match std::fs::metadata(out) {
        Ok(m) if !m.is_dir() => Err(refuse(
            ErrorKind::NotADirectory,
            format!(
                "{} is not a directory; --out names the folder to publish \
                 into (created if missing)",
                out.display()
            ),
        )),
        _ => Ok(()),
    }
}

/// A complete set, not yet live.
struct Staged<'n> {
    /// Held until the switch is done.
    _lock: std::fs::File,
    /// Its folder's name in `sets`.
    set: OsString,
    /// Public names still held by an older convenor's plain files.
    legacy: Vec<&'n OsStr>,
}

/// Everything before the switch: the lock, the clean-up, the public links
/// and the new set.
fn prepare<'n>(
    out: &Path,
    state: &Path,
    files: &[(PathBuf, Content<'_>)],
    names: &'n [(OsString, bool)],
) -> Result<Staged<'n>> {
    check_out(out)?;
    std::fs::create_dir_all(out)
        .what(|| format!("cannot create {}", out.display()))?;
    private_dir(state)?;
    let lock = lock(state)?;
    let sets = state.join("sets");
    private_dir(&sets)?;
    let live = live_set(state)?;
    clean(out, state, live.as_deref(), names)
        .what(|| "cannot remove what earlier runs left".to_string())?;
    let mut legacy = Vec::new();
    for (name, is_dir) in names {
        if !link_public(out, state, name, *is_dir)? {
            legacy.push(name.as_os_str());
        }
    }
    let set = stage(out, &sets, files)?;
    Ok(Staged { _lock: lock, set, legacy })
}

/// The top-level names the set publishes, each with whether it is a
/// folder, in order of first appearance.
fn public_names(
    files: &[(PathBuf, Content<'_>)],
) -> Result<Vec<(OsString, bool)>> {
    let mut names: Vec<(OsString, bool)> = Vec::new();
    for (path, _) in files {
        let mut parts = Vec::new();
        for part in path.components() {
            match part {
                Component::Normal(p) => parts.push(p),
                _ => {
                    return Err(refuse(
                        ErrorKind::InvalidInput,
                        format!(
                            "{} is not a plain relative path",
                            path.display()
                        ),
                    ))
                }
            }
        }
        let Some(first) = parts.first() else {
            return Err(refuse(
                ErrorKind::InvalidInput,
                "an empty file name".to_string(),
            ));
        };
        if !names.iter().any(|(n, _)| n == first) {
            names.push((first.to_os_string(), parts.len() > 1));
        }
    }
    Ok(names)
}

/// Makes sure `path` is a real folder that only this user can change,
/// creating it if missing.
fn private_dir(path: &Path) -> Result<()> {
    match fresh::create_dir(path, DIR_MODE) {
        Ok(()) => fresh::set_dir_mode(path, DIR_MODE)
            .and_then(|()| fresh::sync(path))
            .what(|| format!("cannot create {}", path.display()))?,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
        Err(e) => {
            return Err(e).what(|| format!("cannot create {}", path.display()))
        }
    }
    let meta = std::fs::symlink_metadata(path)
        .what(|| format!("cannot read {}", path.display()))?;
    let me = rustix::process::geteuid().as_raw();
    if !meta.is_dir() || meta.uid() != me || meta.mode() & 0o022 != 0 {
        return Err(refuse(
            ErrorKind::PermissionDenied,
            format!(
                "{} is not a folder that only you can change; convenor \
                 keeps its feeds there and will not use it: remove it and \
                 publish again",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Takes `state/lock`, waiting for another publish at most [`LOCK_WAIT`].
/// The lock goes with the returned file, or with the process.
fn lock(state: &Path) -> Result<std::fs::File> {
    let path = state.join("lock");
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(NOFOLLOW)
        .open(&path)
        .what(|| format!("cannot open {}", path.display()))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(refuse(
                    ErrorKind::WouldBlock,
                    format!(
                        "another convenor publish into {} held {} for all \
                         the {} seconds this one waited; try again when it \
                         is done",
                        state.parent().unwrap_or(state).display(),
                        path.display(),
                        LOCK_WAIT.as_secs(),
                    ),
                ))
            }
            Err(TryLockError::Error(e))
                if e.kind() == ErrorKind::Interrupted => {}
            Err(TryLockError::Error(e)) => {
                return Err(e)
                    .what(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

/// The name of the live set: what `state/current` points at, if that is
/// convenor's link to a set.
fn live_set(state: &Path) -> Result<Option<OsString>> {
    let current = state.join("current");
    match std::fs::symlink_metadata(&current) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(e)
                .what(|| format!("cannot read {}", current.display()))
        }
        Ok(m) if m.is_dir() => {
            return Err(refuse(
                ErrorKind::AlreadyExists,
                format!(
                    "{} is a folder, not convenor's link; remove it and \
                     publish again",
                    current.display()
                ),
            ))
        }
        // A planted file is replaced at the switch.
        Ok(m) if !m.file_type().is_symlink() => return Ok(None),
        Ok(_) => {}
    }
    let target = std::fs::read_link(&current)
        .what(|| format!("cannot read {}", current.display()))?;
    let mut parts = target.components();
    Ok(match (parts.next(), parts.next(), parts.next()) {
        (
            Some(Component::Normal(sets)),
            Some(Component::Normal(set)),
            None,
        ) if sets == "sets"
            && std::fs::symlink_metadata(state.join("sets").join(set))
                .is_ok_and(|m| m.is_dir()) =>
        {
            Some(set.to_os_string())
        }
        _ => None,
    })
}

/// Removes every set but `live`, the temporary links and folders of killed
/// runs, and the `.NAME.tmp-PID` and `.NAME.old` files that convenor
/// before issue 12 left beside the public names.
fn clean(
    out: &Path,
    state: &Path,
    live: Option<&OsStr>,
    names: &[(OsString, bool)],
) -> io::Result<()> {
    for entry in std::fs::read_dir(state.join("sets"))? {
        let entry = entry?;
        if Some(entry.file_name().as_os_str()) != live {
            remove(&entry.path())?;
        }
    }
    for entry in std::fs::read_dir(state)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("link-") || name.starts_with("legacy-") {
            remove(&entry.path())?;
        }
    }
    for entry in std::fs::read_dir(out)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old_leftover = names.iter().any(|(public, _)| {
            let public = public.to_string_lossy();
            name.strip_prefix('.')
                .and_then(|rest| rest.strip_prefix(&*public))
                .and_then(|rest| {
                    rest.strip_prefix(".tmp-").or(rest.strip_prefix(".old"))
                })
                .is_some_and(|pid| pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if old_leftover {
            remove(&entry.path())?;
        }
    }
    Ok(())
}

/// Removes `path`, a file, a symlink (never what it points at) or a folder.
fn remove(path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Makes `out/name` convenor's link into the live set. Returns false when
/// a plain file or folder is there (an older convenor's output), to be
/// replaced once the new set is live; refuses a folder where the set has
/// a file.
fn link_public(
    out: &Path,
    state: &Path,
    name: &OsStr,
    is_dir: bool,
) -> Result<bool> {
    let path = out.join(name);
    let target = public_target(name);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e).what(|| format!("cannot read {}", path.display()))
        }
        Ok(m) if m.file_type().is_symlink() => {
            if std::fs::read_link(&path).is_ok_and(|t| t == target) {
                return Ok(true);
            }
            // Anyone else's link is replaced, never followed.
        }
        Ok(m) if m.is_dir() && !is_dir => {
            return Err(refuse(
                ErrorKind::AlreadyExists,
                format!(
                    "{} is a folder where convenor publishes a file; remove \
                     it and publish again",
                    path.display()
                ),
            ))
        }
        Ok(_) => return Ok(false),
    }
    put_link(state, &target, &path)
        .what(|| format!("cannot link {}", path.display()))?;
    Ok(true)
}

/// What the public name `name` links to (relative to `--out`).
fn public_target(name: &OsStr) -> PathBuf {
    Path::new(STATE).join("current").join(name)
}

/// Replaces an older convenor's plain file or folder `out/name` by the
/// link into the live set.
fn replace_legacy(out: &Path, state: &Path, name: &OsStr) -> io::Result<()> {
    let path = out.join(name);
    let target = public_target(name);
    if std::fs::symlink_metadata(&path)?.is_dir() {
        // rename(2) cannot put a link over a folder: move the folder
        // aside first (one time, for a few microseconds).
        let aside = state.join(fresh::random_name("legacy-")?);
        std::fs::rename(&path, &aside)?;
        put_link(state, &target, &path)?;
        std::fs::remove_dir_all(&aside)?;
    } else {
        put_link(state, &target, &path)?;
    }
    fresh::sync(out)
}

/// Points `at` to `target` in one step: a new link in `state`, renamed
/// over `at` (rename replaces whatever `at` is, except a folder, without
/// following it).
fn put_link(state: &Path, target: &Path, at: &Path) -> io::Result<()> {
    let temp = state.join(fresh::random_name("link-")?);
    std::os::unix::fs::symlink(target, &temp)?;
    std::fs::rename(&temp, at).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

/// Writes `files` into a new set in `sets`; returns its name. On failure
/// removes it and says which file failed.
fn stage(
    out: &Path,
    sets: &Path,
    files: &[(PathBuf, Content<'_>)],
) -> Result<OsString> {
    let mut attempts = 0;
    let (name, root) = loop {
        let name = fresh::random_name("")
            .what(|| "cannot name a new set".to_string())?;
        let root = sets.join(&name);
        match fresh::create_dir(&root, 0o700) {
            Ok(()) => break (name, root),
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempts < 8 => {
                attempts += 1;
            }
            Err(e) => {
                return Err(e)
                    .what(|| format!("cannot create {}", root.display()))
            }
        }
    };
    let written = write_set(out, &root, files).and_then(|()| {
        fresh::sync(sets).what(|| "cannot sync the set".to_string())
    });
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&root);
        return Err(e);
    }
    Ok(name.into())
}

/// Creates `files` under the new folder `root`, opens its folders to
/// readers (DIR_MODE) and syncs it all.
fn write_set(
    out: &Path,
    root: &Path,
    files: &[(PathBuf, Content<'_>)],
) -> Result<()> {
    let mut dirs: Vec<&Path> = Vec::new();
    for (path, content) in files {
        let parents: Vec<&Path> = path
            .ancestors()
            .skip(1)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        for dir in parents.into_iter().rev() {
            if !dirs.contains(&dir) {
                fresh::create_dir(&root.join(dir), 0o700).what(|| {
                    format!("cannot create {}", out.join(dir).display())
                })?;
                dirs.push(dir);
            }
        }
        let at = root.join(path);
        fresh::create_file_with(&at, FILE_MODE, |w| content.write_to(w))
            .map_err(|e| {
                e.context(&format!(
                    "cannot write {}",
                    out.join(path).display()
                ))
            })?;
    }
    for dir in dirs.iter().rev() {
        fresh::set_dir_mode(&root.join(dir), DIR_MODE).what(|| {
            format!("cannot open {} to readers", out.join(dir).display())
        })?;
    }
    fresh::set_dir_mode(root, DIR_MODE)
        .what(|| "cannot open the set to readers".to_string())?;
    let paths: Vec<&Path> =
        files.iter().map(|(p, _)| p.as_path()).chain(dirs).collect();
    fresh::sync_tree(root, &paths).what(|| "cannot sync the set".to_string())
}
