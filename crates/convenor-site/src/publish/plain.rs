//! The plain layout ([`Layout::Plain`], `publish --plain`): ordinary
//! files and folders in `--out`, no symlink, for hosts and tools that do
//! not follow symlinks (GitHub Pages, Netlify, FTP uploads, zip, git).
//!
//! ```text
//! --out/.convenor/lock         flock: one publish at a time (as the links)
//! --out/.convenor/plain.json   what convenor wrote: each path with the
//!                              inode, size and modification time of the
//!                              file it put there, and when the publish
//!                              that wrote them was asked for
//! --out/.convenor/backups/<T>/ what --force moved aside
//! --out/index.html             an ordinary file
//! --out/meetings/<id>.ics      ordinary files in an ordinary folder
//! ```
//!
//! A file is convenor's when the record names its path and the file
//! there is still the one convenor put there (same inode, size and
//! modification time, the test `git status` and `make` use); anything
//! else in the way (a hand-written page, a file edited since, a symlink)
//! is refused, naming it, unless the caller forces it, and then it is
//! kept in `.convenor/backups/`. Names the set does not write are left
//! alone, in folders too.
//!
//! What a reader sees mid-publish: each file is replaced atomically, the
//! set is not. Every new file is first written beside its target under a
//! temporary name (`.convenor-new-<random>`, or a whole new folder where
//! the folder is new), all of them synced; then the caller's `commit`
//! runs; then each is renamed over its target, in the set's order (the
//! feeds, then the page that links them), and only then are the files of
//! removed meetings deleted. So a reader gets every file whole, the old
//! version or the new one; during the renames (milliseconds) it may get
//! some files of the new set and some of the old one, and a page that
//! links only files that exist. A failed or killed run before the renames
//! changes nothing readers see; one killed during them leaves a mix of
//! whole files, which the next publish completes. Files whose bytes did
//! not change are not replaced at all (their modification time stays, so
//! `lftp mirror --only-newer` and `git` see nothing to do).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::io::{self, ErrorKind, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::folder::{
    public_target, refuse, refuse_foreign, Changes, Content, Outcome,
    PublishFolder, NOT_PUBLISHED,
};
use super::fresh::{self, DIR_MODE, FILE_MODE};
use super::made::Stamp;
use super::IoContext;
use crate::Result;

/// The record's name in `.convenor`.
pub(super) const RECORD: &str = "plain.json";

/// The start of every temporary name the plain layout uses.
const TEMP_PREFIX: &str = ".convenor-new-";

/// What convenor wrote into `--out` in the plain layout.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Record {
    /// When the publish that wrote the files was asked for (ns since
    /// 1970), as decimal text.
    asked: String,
    /// Each path (relative to `--out`) with the files convenor put
    /// there: one, or two while a publish is switching them.
    files: BTreeMap<String, Vec<Stamp>>,
    /// The publish's records ([`PublishFolder::replace_recording`]).
    #[serde(default)]
    records: BTreeMap<String, String>,
}

impl Record {
    /// The record in `state`; empty when there is none or it cannot be
    /// read (then every file in the way counts as not convenor's, the
    /// safe side).
    pub(super) fn read(state: &Path) -> Record {
        let path = state.join(RECORD);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            return Record::default();
        };
        if !meta.is_file() || meta.len() > 64 * 1024 * 1024 {
            return Record::default();
        }
        std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// When the publish that wrote the files was asked for; `None`
    /// without a record.
    pub(super) fn asked(&self) -> Option<u128> {
        self.asked.parse().ok()
    }

    /// Whether the regular file `meta` at `path` is one convenor wrote.
    pub(super) fn wrote(&self, path: &Path, meta: &std::fs::Metadata) -> bool {
        meta.is_file()
            && path
                .to_str()
                .and_then(|p| self.files.get(p))
                .is_some_and(|stamps| stamps.contains(&Stamp::of(meta)))
    }

    /// Whether everything under the folder `out/dir` is a file convenor
    /// wrote (or a folder of such files).
    pub(super) fn wrote_all(&self, out: &Path, dir: &Path) -> bool {
        let Ok(entries) = std::fs::read_dir(out.join(dir)) else {
            return false;
        };
        entries.into_iter().all(|entry| {
            let Ok(entry) = entry else { return false };
            let path = dir.join(entry.file_name());
            match std::fs::symlink_metadata(out.join(&path)) {
                Ok(m) if m.is_dir() => self.wrote_all(out, &path),
                Ok(m) => self.wrote(&path, &m),
                Err(_) => false,
            }
        })
    }

    /// The text of the record `name`, as the publish kept it.
    pub(super) fn record(&self, name: &str) -> Option<&str> {
        self.records.get(name).map(String::as_str)
    }

    fn write(&self, state: &Path) -> Result<()> {
        let text = serde_json::to_vec(self).map_err(|e| {
            convenor_core::Error::io(
                "cannot record the files written",
                io::Error::other(e),
            )
        })?;
        super::write_atomically(&state.join(RECORD), |w| {
            w.write_all(&text).map_err(super::files::io)
        })
    }
}

/// What is at a path of the set before the publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    /// Nothing: a new file.
    Free,
    /// A file convenor wrote, or its own link of the links layout.
    Ours,
    /// Anything else: replaced only when forced, and kept.
    Foreign,
}

/// Where a new file waits for its rename.
struct Staged {
    /// Its path in the set.
    path: PathBuf,
    /// The temporary file beside the target, or `None` when the file
    /// goes in with a new folder ([`Folder`]) or is unchanged.
    temp: Option<PathBuf>,
    found: Found,
}

/// A folder of the set that goes in whole: missing, convenor's own link
/// of the links layout, or something else (forced) in the way.
struct Folder {
    /// Its path in the set.
    path: PathBuf,
    /// The new folder, filled, under a temporary name beside it.
    temp: PathBuf,
    found: Found,
    /// Whether it has been renamed into place.
    done: bool,
}

/// [`PublishFolder::replace`] in the plain layout.
pub(super) fn replace(
    folder: &PublishFolder,
    files: &[(PathBuf, Content<'_>)],
    records: &[(&str, &str)],
    force: bool,
    commit: impl FnOnce(&Changes) -> Result<()>,
) -> Result<Outcome> {
    let (out, state) = (folder.out(), folder.state());
    let names = super::folder::public_names(files)?;
    let record = Record::read(state);
    // A later publish is live: in this layout, or in the links one.
    let links = super::folder::live_set(state)
        .map_err(|e| e.context(NOT_PUBLISHED))?;
    let links = links.as_deref().and_then(super::folder::asked_at);
    if record.asked().max(links).is_some_and(|t| t > folder.asked()) {
        return Ok(Outcome::Superseded);
    }
    let mut staging = Staging {
        out,
        folders: Vec::new(),
        folder_index: HashMap::new(),
        files: Vec::new(),
    };
    let staged = (|| {
        staging.plan(files, &record, force)?;
        clean_temps(out, state, files)
            .and_then(|()| super::folder::clean_legacy(out, &names))
            .what(|| "cannot remove what earlier runs left".to_string())?;
        staging.write(files, &record)?;
        Ok(())
    })();
    // What the publish will change: known before it goes live, so the
    // caller can say it (or fail) first.
    let mut changes = Changes::default();
    let planned = staged.and_then(|()| {
        for s in &staging.files {
            match s.temp.is_some() || staging.folder_of(&s.path).is_some() {
                true => changes.written.push(s.path.clone()),
                false => changes.unchanged.push(s.path.clone()),
            }
        }
        // A set: a list scanned once a file is quadratic (issue 30).
        let keep: std::collections::HashSet<&Path> =
            files.iter().map(|(p, _)| p.as_path()).collect();
        for key in record.files.keys() {
            let path = Path::new(key);
            let at = out.join(path);
            if !keep.contains(path)
                && std::fs::symlink_metadata(&at)
                    .is_ok_and(|m| record.wrote(path, &m))
            {
                changes.removed.push(path.to_path_buf());
            }
        }
        // The links layout's public names the set no longer has.
        let entries = std::fs::read_dir(out)
            .what(|| format!("cannot read {}", out.display()))?;
        for entry in entries {
            let entry =
                entry.what(|| format!("cannot read {}", out.display()))?;
            let name = entry.file_name();
            let is_link = std::fs::read_link(entry.path())
                .is_ok_and(|t| t == public_target(&name));
            if is_link && !names.iter().any(|(n, _)| n == &name) {
                changes.removed.push(PathBuf::from(name));
            }
        }
        Ok(())
    });
    if let Err(e) = planned.and_then(|()| commit(&changes)) {
        staging.discard();
        return Err(e.context(NOT_PUBLISHED));
    }
    let backup = state.join("backups").join(folder.asked().to_string());
    let mut forced = false;
    // The new record first: a run killed during the renames or removals
    // leaves files the next one knows as its own, old or new.
    let mut next = Record {
        asked: folder.asked().to_string(),
        records: records
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect(),
        ..Record::default()
    };
    for s in &staging.files {
        let key = key(&s.path)?;
        let new = match &s.temp {
            Some(temp) => Some(temp.clone()),
            None => staging.folder_of(&s.path).map(|f| {
                f.temp.join(s.path.strip_prefix(&f.path).unwrap_or(&s.path))
            }),
        };
        // Unchanged: the file there stays.
        let at = new.unwrap_or_else(|| out.join(&s.path));
        let meta = std::fs::symlink_metadata(&at)
            .what(|| format!("cannot read {}", at.display()))
            .map_err(|e| e.context(NOT_PUBLISHED));
        let meta = match meta {
            Ok(meta) => meta,
            Err(e) => {
                staging.discard();
                return Err(e);
            }
        };
        let mut stamps = vec![Stamp::of(&meta)];
        for old in record.files.get(&key).into_iter().flatten() {
            if !stamps.contains(old) {
                stamps.push(*old);
            }
        }
        next.files.insert(key, stamps);
    }
    for path in &changes.removed {
        let key = key(path)?;
        if let Some(old) = record.files.get(&key) {
            next.files.insert(key, old.clone());
        }
    }
    if let Err(e) = next.write(state) {
        staging.discard();
        return Err(e.context(NOT_PUBLISHED));
    }
    let live = |e: io::Error, path: &Path| {
        convenor_core::Error::io(
            format!(
                "the new feeds are partly live: cannot put {} in place (the \
                 next publish completes it)",
                out.join(path).display()
            ),
            e,
        )
    };
    for i in 0..staging.files.len() {
        let path = staging.files[i].path.clone();
        if let Some(f) = staging.folder_of_mut(&path) {
            if !f.done {
                let at = f.path.clone();
                install_folder(out, &backup, f, &mut forced)
                    .map_err(|e| live(e, &at))?;
                f.done = true;
            }
            continue;
        }
        let s = &staging.files[i];
        let Some(temp) = &s.temp else { continue };
        let target = out.join(&path);
        if s.found == Found::Foreign {
            aside(&target, &backup.join(&path)).map_err(|e| live(e, &path))?;
            forced = true;
        }
        std::fs::rename(temp, &target).map_err(|e| live(e, &path))?;
    }
    // Then what the set no longer has: files convenor wrote, and links
    // of the links layout.
    for path in &changes.removed {
        std::fs::remove_file(out.join(path)).map_err(|e| live(e, path))?;
        next.files.remove(&key(path)?);
        if let Some(parent) =
            path.parent().filter(|p| !p.as_os_str().is_empty())
        {
            // Only when empty; a folder with anything else stays.
            let _ = std::fs::remove_dir(out.join(parent));
        }
    }
    let mut dirs: Vec<PathBuf> = vec![out.to_path_buf()];
    let mut seen: HashSet<&Path> = HashSet::new();
    for (path, _) in files {
        if let Some(parent) =
            path.parent().filter(|p| !p.as_os_str().is_empty())
        {
            if seen.insert(parent) {
                dirs.push(out.join(parent));
            }
        }
    }
    for dir in &dirs {
        fresh::sync(dir).what(|| {
            "the new feeds are live, but may not survive a crash".to_string()
        })?;
    }
    // Only the new files now; the links layout's sets (and the files
    // they linked) go with it.
    for stamps in next.files.values_mut() {
        stamps.truncate(1);
    }
    next.write(state)?;
    for old in ["current", "sets", super::single::FILES] {
        let path = state.join(old);
        if std::fs::symlink_metadata(&path).is_ok() {
            super::folder::remove(&path)
                .what(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(Outcome::Published { backup: forced.then_some(backup), changes })
}

/// The record's key of `path`.
fn key(path: &Path) -> Result<String> {
    path.to_str().map(str::to_owned).ok_or_else(|| {
        refuse(
            ErrorKind::InvalidInput,
            format!("{} is not a UTF-8 path", path.display()),
        )
    })
}

/// The new files and folders, before they go in.
struct Staging<'o> {
    out: &'o Path,
    folders: Vec<Folder>,
    /// The place of each folder in `folders`, by its path: a site of
    /// 1,000 new groups has 1,000 folders going in whole, and 56,000
    /// files to find them for.
    folder_index: HashMap<PathBuf, usize>,
    files: Vec<Staged>,
}

impl Staging<'_> {
    /// Finds what is at every path of the set and its folders, refusing
    /// what convenor did not write unless `force`. Changes nothing.
    fn plan(
        &mut self,
        files: &[(PathBuf, Content<'_>)],
        record: &Record,
        force: bool,
    ) -> Result<()> {
        let out = self.out;
        let mut foreign: Vec<PathBuf> = Vec::new();
        for (path, _) in files {
            if self.folder_of(path).is_some() {
                self.files.push(Staged {
                    path: path.clone(),
                    temp: None,
                    found: Found::Free,
                });
                continue;
            }
            // The first folder on the way that is not a real folder.
            let mut whole = None;
            for dir in folders_of(path) {
                let at = out.join(dir);
                let found = match std::fs::symlink_metadata(&at) {
                    Err(e) if e.kind() == ErrorKind::NotFound => Found::Free,
                    Err(e) => {
                        return Err(e)
                            .what(|| format!("cannot read {}", at.display()))
                    }
                    Ok(m) if m.is_dir() => continue,
                    Ok(m)
                        if m.file_type().is_symlink()
                            && dir.components().count() == 1
                            && std::fs::read_link(&at).is_ok_and(|t| {
                                t == public_target(dir.as_os_str())
                            }) =>
                    {
                        Found::Ours
                    }
                    Ok(_) => Found::Foreign,
                };
                whole = Some((dir.to_path_buf(), found));
                break;
            }
            if let Some((dir, found)) = whole {
                if found == Found::Foreign {
                    foreign.push(dir.clone());
                }
                self.folder_index.insert(dir.clone(), self.folders.len());
                self.folders.push(Folder {
                    path: dir,
                    temp: PathBuf::new(),
                    found,
                    done: false,
                });
                self.files.push(Staged {
                    path: path.clone(),
                    temp: None,
                    found: Found::Free,
                });
                continue;
            }
            let at = out.join(path);
            let found = match std::fs::symlink_metadata(&at) {
                Err(e) if e.kind() == ErrorKind::NotFound => Found::Free,
                Err(e) => {
                    return Err(e)
                        .what(|| format!("cannot read {}", at.display()))
                }
                Ok(m) if m.is_dir() => {
                    return Err(refuse(
                        ErrorKind::AlreadyExists,
                        format!(
                            "{} is a folder where convenor publishes a file; \
                             move it away and publish again",
                            at.display()
                        ),
                    ))
                }
                Ok(m) if record.wrote(path, &m) => Found::Ours,
                Ok(m)
                    if m.file_type().is_symlink()
                        && path.components().count() == 1
                        && std::fs::read_link(&at).is_ok_and(|t| {
                            t == public_target(path.as_os_str())
                        }) =>
                {
                    Found::Ours
                }
                Ok(_) => Found::Foreign,
            };
            if found == Found::Foreign {
                foreign.push(path.clone());
            }
            self.files.push(Staged { path: path.clone(), temp: None, found });
        }
        if !foreign.is_empty() && !force {
            let names: Vec<&OsStr> =
                foreign.iter().map(|p| p.as_os_str()).collect();
            return Err(refuse_foreign(out, &names));
        }
        Ok(())
    }

    /// The folder going in whole that holds `path`, if any.
    fn folder_of(&self, path: &Path) -> Option<&Folder> {
        self.folder_place(path).map(|i| &self.folders[i])
    }

    fn folder_of_mut(&mut self, path: &Path) -> Option<&mut Folder> {
        self.folder_place(path).map(|i| &mut self.folders[i])
    }

    fn folder_place(&self, path: &Path) -> Option<usize> {
        folder_place(&self.folder_index, path)
    }

    /// Writes every new file under its temporary name and syncs them;
    /// drops the ones whose bytes did not change.
    fn write(
        &mut self,
        files: &[(PathBuf, Content<'_>)],
        record: &Record,
    ) -> Result<()> {
        let out = self.out;
        for f in &mut self.folders {
            let parent = f
                .path
                .parent()
                .map_or_else(|| out.to_path_buf(), |p| out.join(p));
            std::fs::create_dir_all(&parent)
                .what(|| format!("cannot create {}", parent.display()))?;
            f.temp = fresh::new_name(&parent, TEMP_PREFIX, |at| {
                fresh::create_dir(at, DIR_MODE)
            })?;
            fresh::set_dir_mode(&f.temp, DIR_MODE).what(|| {
                format!("cannot create {}", out.join(&f.path).display())
            })?;
        }
        let mut synced: Vec<PathBuf> = Vec::new();
        for (s, (_, content)) in self.files.iter_mut().zip(files) {
            let path = s.path.clone();
            let failed = |e: convenor_core::Error| {
                e.context(&format!(
                    "cannot write {}",
                    out.join(&path).display()
                ))
            };
            let in_folder = folder_place(&self.folder_index, &path)
                .map(|i| &self.folders[i]);
            if let Some(f) = in_folder {
                let rest = path.strip_prefix(&f.path).unwrap_or(&path);
                let at = f.temp.join(rest);
                if let Some(parent) = at.parent() {
                    create_dirs(parent).what(|| {
                        format!("cannot create {}", parent.display())
                    })?;
                }
                fresh::create_file_with(&at, FILE_MODE, |w| {
                    content.write_to(w)
                })
                .map_err(failed)?;
                continue;
            }
            let target = out.join(&path);
            let parent = target.parent().unwrap_or(out).to_path_buf();
            let temp = fresh::new_name(&parent, TEMP_PREFIX, |at| {
                fresh::create_file_with(at, FILE_MODE, |w| content.write_to(w))
                    .map_err(|e| io::Error::other(e.to_string()))
            })
            .map_err(failed)?;
            let same = s.found == Found::Ours
                && std::fs::symlink_metadata(&target)
                    .is_ok_and(|m| record.wrote(&path, &m))
                && same_bytes(&temp, &target).unwrap_or(false);
            if same {
                std::fs::remove_file(&temp)
                    .what(|| format!("cannot remove {}", temp.display()))?;
            }
            if !same {
                synced.push(temp.clone());
            }
            s.temp = (!same).then_some(temp);
        }
        let paths: Vec<&Path> =
            synced.iter().map(|p| p.strip_prefix(out).unwrap_or(p)).collect();
        fresh::sync_tree(out, &paths)
            .what(|| "cannot sync the new files".to_string())?;
        for f in &self.folders {
            fresh::sync(&f.temp)
                .what(|| "cannot sync the new files".to_string())?;
        }
        Ok(())
    }

    /// Removes every temporary file and folder written.
    fn discard(&self) {
        for s in &self.files {
            if let Some(temp) = &s.temp {
                let _ = std::fs::remove_file(temp);
            }
        }
        for f in &self.folders {
            if !f.temp.as_os_str().is_empty() {
                let _ = std::fs::remove_dir_all(&f.temp);
            }
        }
    }
}

/// The place in the staging's folders of the folder going in whole
/// that holds `path` (`index`: each folder's place by its path): the
/// outermost of its folders that is one.
fn folder_place(
    index: &HashMap<PathBuf, usize>,
    path: &Path,
) -> Option<usize> {
    folders_of(path).into_iter().find_map(|dir| index.get(dir).copied())
}

/// The folders of `path`, outermost first (`a`, `a/b` for `a/b/c`).
fn folders_of(path: &Path) -> Vec<&Path> {
    let mut dirs: Vec<&Path> = path
        .ancestors()
        .skip(1)
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    dirs.reverse();
    dirs
}

/// Creates the folders of `path` that are missing, readable by a web
/// server.
fn create_dirs(path: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new().recursive(true).create(path)?;
    fresh::set_dir_mode(path, DIR_MODE)
}

/// Puts `folder` in place: what holds its name moves aside first (a
/// link of the links layout is removed, anything else forced into the
/// backup); the name is free for microseconds, since rename(2) cannot put
/// a folder over a link or a file.
fn install_folder(
    out: &Path,
    backup: &Path,
    folder: &Folder,
    forced: &mut bool,
) -> io::Result<()> {
    let target = out.join(&folder.path);
    match folder.found {
        Found::Free => {}
        Found::Ours => std::fs::remove_file(&target)?,
        Found::Foreign => {
            aside(&target, &backup.join(&folder.path))?;
            *forced = true;
        }
    }
    std::fs::rename(&folder.temp, &target)
}

/// Moves `path` to `to` (in the backups), creating its folders.
fn aside(path: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::rename(path, to)
}

/// Whether the files `a` and `b` hold the same bytes.
pub(super) fn same_bytes(a: &Path, b: &Path) -> io::Result<bool> {
    let (mut a, mut b) = (std::fs::File::open(a)?, std::fs::File::open(b)?);
    if a.metadata()?.len() != b.metadata()?.len() {
        return Ok(false);
    }
    let (mut x, mut y) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y[..1])? == 0);
        }
        b.read_exact(&mut y[..n])?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

/// Removes the temporary files and folders of killed runs from `out`,
/// the folders of the set and `state`.
fn clean_temps(
    out: &Path,
    state: &Path,
    files: &[(PathBuf, Content<'_>)],
) -> io::Result<()> {
    // The record's own temporary, from a run killed while writing it.
    let record_temp = format!(".{RECORD}.tmp-");
    for entry in std::fs::read_dir(state)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with(&record_temp) {
            std::fs::remove_file(entry.path())?;
        }
    }
    let mut dirs: Vec<PathBuf> = vec![out.to_path_buf()];
    let mut seen: HashSet<&Path> = HashSet::new();
    for (path, _) in files {
        for dir in folders_of(path) {
            if seen.insert(dir) {
                dirs.push(out.join(dir));
            }
        }
    }
    for dir in dirs {
        if !std::fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
                super::folder::remove(&entry.path())?;
            }
        }
    }
    Ok(())
}
