//! The files of a publish that live outside the switched set, each
//! replaced on its own (issue 30): each meeting's feed
//! (`meetings/ID.ics`) and each one-session file (`sessions/*.ics`),
//! of a schedule or of each group of a site.
//!
//! ```text
//! --out/.convenor/files/meetings/<id>.ics      each replaced atomically
//! --out/.convenor/files/<group>/sessions/...
//! --out/.convenor/sets/<T>-<random>/meetings -> ../../files/meetings
//! --out/.convenor/sets/<T>-<random>/<group>/sessions
//!                                   -> ../../../files/<group>/sessions
//! ```
//!
//! A set switched whole needs a new name for every file of it on every
//! publish: at 100,000 meetings, linking 100,000 names into the new set
//! and removing the old set's took about 2 s of system time after one
//! meeting's edit. These files never need to change together (a
//! meeting's feed does not depend on another's), so each set reaches
//! them through a relative symlink, and a publish touches only the ones
//! whose bytes changed.
//!
//! The order keeps the page's promise: every new or changed file is
//! written under a temporary name, in a staging folder readers never see
//! (`.convenor/files/.convenor-new-<random>/`), or into a whole new
//! folder where its folder is new, and synced; after the caller's
//! commit each is renamed over its name, and synced again; then the set
//! switches; only then are the files the new set no longer has removed.
//! So the live page never links a missing file, and a subscriber reading
//! a meeting's feed gets the old file or the new one, whole. A run killed
//! before the switch may leave some of these files new beside the old
//! set (each whole); the next publish removes its temporaries.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::fresh::{self, DIR_MODE};
use super::IoContext;
use crate::Result;

/// The folder in `.convenor` that holds these files.
pub(super) const FILES: &str = "files";

/// The start of every temporary name written here.
const TEMP_PREFIX: &str = ".convenor-new-";

/// Where a file of a single folder is written.
pub(super) enum Place {
    /// Its folder is new: written under its own name into the new
    /// folder, which goes in whole.
    Fresh(PathBuf),
    /// Over the file `target`, from a temporary in the staging folder;
    /// `target_is_live` when the live set's file is `target` itself
    /// (else the live set holds it in its own folder: a set of convenor
    /// before these files moved out of the sets).
    Beside { target: PathBuf, target_is_live: bool },
}

/// The files published one by one for a publish, before and after the
/// switch.
#[derive(Debug)]
pub(super) struct Singles {
    /// `.convenor/files`.
    root: PathBuf,
    /// Each single folder (relative to `root`), with the new folder it
    /// is written into when it is missing, and whether the live set
    /// reaches it through its link.
    folders: HashMap<PathBuf, (Option<PathBuf>, bool)>,
    /// The folder the changed files are written into under temporary
    /// names (`root/.convenor-new-<random>`: never in a folder readers
    /// see), made when the first is.
    staging: PathBuf,
    staging_made: std::sync::OnceLock<io::Result<()>>,
    /// The temporaries to rename over their targets at the install.
    renames: Mutex<Vec<(PathBuf, PathBuf)>>,
    /// What the new publication no longer has: files and whole folders
    /// (relative to `root`), removed after the switch.
    gone: Vec<PathBuf>,
    /// The files of `gone`, for the changes.
    gone_files: Vec<PathBuf>,
}

impl Singles {
    /// Makes `state/files` ready for a publication whose single folders
    /// are `folders` and whose files in them are `paths`: removes what
    /// killed runs left, finds what the publication no longer has, and
    /// creates the new folders to write into. `live` is the live set's
    /// folder, if any.
    pub(super) fn prepare(
        state: &Path,
        folders: &[&Path],
        paths: &HashSet<&Path>,
        live: Option<&Path>,
    ) -> Result<Singles> {
        let root = state.join(FILES);
        let exists = std::fs::symlink_metadata(&root).is_ok();
        if !exists && folders.is_empty() {
            return Singles::empty(root);
        }
        super::folder::private_dir(&root)?;
        let wanted: HashSet<&Path> = folders.iter().copied().collect();
        // The folders on the way to them (a site's `GROUP`).
        let ways: HashSet<&Path> = folders
            .iter()
            .flat_map(|f| f.ancestors().skip(1))
            .filter(|a| !a.as_os_str().is_empty())
            .collect();
        let mut singles = Singles::empty(root.clone())?;
        singles
            .sweep(Path::new(""), (&wanted, &ways), paths)
            .what(|| format!("cannot clean {}", root.display()))?;
        for &folder in folders {
            let at = root.join(folder);
            let is_live = live.is_some_and(|l| {
                std::fs::symlink_metadata(l.join(folder))
                    .is_ok_and(|m| m.file_type().is_symlink())
            });
            let fresh = match std::fs::symlink_metadata(&at) {
                Ok(m) if m.is_dir() => None,
                Ok(_) => {
                    return Err(super::folder::refuse(
                        ErrorKind::AlreadyExists,
                        format!(
                            "{} is not a folder; remove it and publish \
                             again",
                            at.display()
                        ),
                    ))
                }
                Err(_) => {
                    let parent = at.parent().unwrap_or(&root);
                    create_dirs(&root, parent).what(|| {
                        format!("cannot create {}", parent.display())
                    })?;
                    let temp = fresh::new_name(parent, TEMP_PREFIX, |p| {
                        fresh::create_dir_exact(p, DIR_MODE)
                    })?;
                    Some(temp)
                }
            };
            singles.folders.insert(folder.to_path_buf(), (fresh, is_live));
        }
        Ok(singles)
    }

    fn empty(root: PathBuf) -> Result<Singles> {
        let staging = root.join(
            fresh::random_name(TEMP_PREFIX)
                .what(|| "cannot name a new folder".to_string())?,
        );
        Ok(Singles {
            root,
            staging,
            staging_made: std::sync::OnceLock::new(),
            folders: HashMap::new(),
            renames: Mutex::new(Vec::new()),
            gone: Vec::new(),
            gone_files: Vec::new(),
        })
    }

    /// Walks `root/dir`: removes temporaries, and keeps in `gone` what
    /// is not a wanted folder, on the way to one (`ways`), or a wanted
    /// file. A file where a wanted folder goes is removed at once.
    fn sweep(
        &mut self,
        dir: &Path,
        (wanted, ways): (&HashSet<&Path>, &HashSet<&Path>),
        paths: &HashSet<&Path>,
    ) -> io::Result<()> {
        let single = wanted.contains(dir);
        for entry in std::fs::read_dir(self.root.join(dir))? {
            let entry = entry?;
            let name = entry.file_name();
            let path = dir.join(&name);
            if is_temp(&name) {
                super::folder::remove(&entry.path())?;
                continue;
            }
            let is_dir = entry.file_type()?.is_dir();
            let p = path.as_path();
            if wanted.contains(p) || ways.contains(p) {
                match is_dir {
                    true => self.sweep(p, (wanted, ways), paths)?,
                    false => super::folder::remove(&entry.path())?,
                }
                continue;
            }
            if single && !is_dir && paths.contains(p) {
                continue;
            }
            match is_dir {
                true => list_files(&self.root, p, &mut self.gone_files),
                false => self.gone_files.push(path.clone()),
            }
            self.gone.push(path);
        }
        Ok(())
    }

    /// The single folder that holds `path`, if any.
    pub(super) fn folder_of<'p>(&self, path: &'p Path) -> Option<&'p Path> {
        let parent = path.parent()?;
        self.folders.contains_key(parent).then_some(parent)
    }

    /// Where the file `path` of a single folder goes.
    pub(super) fn place(&self, path: &Path) -> Option<Place> {
        let folder = self.folder_of(path)?;
        let (fresh, is_live) = self.folders.get(folder)?;
        Some(match fresh {
            Some(temp) => Place::Fresh(temp.join(path.file_name()?)),
            None => Place::Beside {
                target: self.root.join(path),
                target_is_live: *is_live,
            },
        })
    }

    /// A new temporary name for a file that replaces another, in the
    /// staging folder (rename(2) moves it across folders of one
    /// file system).
    pub(super) fn temp(&self) -> Result<PathBuf> {
        let made = self
            .staging_made
            .get_or_init(|| fresh::create_dir_exact(&self.staging, DIR_MODE));
        if let Err(e) = made {
            return Err(io::Error::new(e.kind(), e.to_string()))
                .what(|| format!("cannot create {}", self.staging.display()));
        }
        let name = fresh::random_name("")
            .what(|| "cannot name a new file".to_string())?;
        Ok(self.staging.join(name))
    }

    /// Notes that `temp` goes over `target` at the install.
    pub(super) fn stage_rename(&self, temp: PathBuf, target: PathBuf) {
        self.renames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((temp, target));
    }

    /// The links each set has in place of its single folders: `(path in
    /// the set, target)`.
    pub(super) fn links(&self) -> Vec<(PathBuf, PathBuf)> {
        let mut links: Vec<(PathBuf, PathBuf)> = self
            .folders
            .keys()
            .map(|folder| {
                let mut target = PathBuf::new();
                for _ in 0..=folder.components().count() {
                    target.push("..");
                }
                (folder.clone(), target.join(FILES).join(folder))
            })
            .collect();
        links.sort();
        links
    }

    /// Every file and folder written, for the sync before the install
    /// (absolute paths).
    pub(super) fn written(&self) -> Vec<PathBuf> {
        let renames = self
            .renames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let fresh = self.folders.values().filter_map(|(f, _)| f.clone());
        renames.iter().map(|(t, _)| t.clone()).chain(fresh).collect()
    }

    /// The files the publication no longer has (relative to the
    /// published folder).
    pub(super) fn gone_files(&self) -> &[PathBuf] {
        &self.gone_files
    }

    /// Puts every new file and folder in place, then syncs their
    /// folders: the set that links them can then go live.
    pub(super) fn install(&self) -> io::Result<()> {
        let mut dirs: HashSet<PathBuf> = HashSet::new();
        let mut folders: Vec<(&PathBuf, &PathBuf)> = self
            .folders
            .iter()
            .filter_map(|(path, (fresh, _))| fresh.as_ref().map(|f| (path, f)))
            .collect();
        folders.sort();
        for (path, temp) in folders {
            let target = self.root.join(path);
            std::fs::rename(temp, &target)?;
            dirs.insert(target.parent().unwrap_or(&self.root).to_path_buf());
        }
        let renames = std::mem::take(
            &mut *self
                .renames
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        for (temp, target) in &renames {
            std::fs::rename(temp, target)?;
            dirs.insert(target.parent().unwrap_or(&self.root).to_path_buf());
        }
        if self.staging_made.get().is_some_and(Result::is_ok) {
            std::fs::remove_dir(&self.staging)?;
        }
        if dirs.is_empty() {
            return Ok(());
        }
        let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
        fresh::sync_tree(&self.root, &dirs)
    }

    /// Removes what the new set no longer has; run after the switch.
    pub(super) fn remove_gone(&self) -> io::Result<()> {
        for path in &self.gone {
            super::folder::remove(&self.root.join(path))?;
        }
        Ok(())
    }

    /// Removes every temporary written (a failed publish).
    pub(super) fn discard(&self) {
        let renames = self
            .renames
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (temp, _) in renames.iter() {
            let _ = std::fs::remove_file(temp);
        }
        if self.staging_made.get().is_some() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        for (fresh, _) in self.folders.values() {
            if let Some(temp) = fresh {
                let _ = std::fs::remove_dir_all(temp);
            }
        }
    }
}

/// Whether `name` is a temporary of this module's.
fn is_temp(name: &OsStr) -> bool {
    name.to_string_lossy().starts_with(TEMP_PREFIX)
}

/// Creates the folders from `root` down to `dir` that are missing,
/// readable by a web server; never through a symlink.
fn create_dirs(root: &Path, dir: &Path) -> io::Result<()> {
    let rel = dir.strip_prefix(root).unwrap_or(dir);
    let mut at = root.to_path_buf();
    for part in rel.components() {
        at.push(part);
        match fresh::create_dir_exact(&at, DIR_MODE) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                if !std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
                    return Err(io::Error::new(
                        ErrorKind::AlreadyExists,
                        format!("{} is not a folder", at.display()),
                    ));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The files under `root/dir`, as paths relative to `root`; symlinks
/// (a set's links to its single folders) are not followed.
pub(super) fn list_files(root: &Path, dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return };
    for entry in entries.flatten() {
        let path = dir.join(entry.file_name());
        match entry.file_type() {
            Ok(t) if t.is_dir() => list_files(root, &path, into),
            Ok(t) if t.is_symlink() => {}
            Ok(_) => into.push(path),
            Err(_) => {}
        }
    }
}
