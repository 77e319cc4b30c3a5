//! The folder `publish` writes, switched from one complete set of feeds to
//! the next in one atomic step.
//!
//! ```text
//! --out/.convenor/lock                 flock: one publish at a time
//! --out/.convenor/sets/<T>-<random>/   one complete set of feeds, asked
//!                                      for at T (ns since 1970)
//! --out/.convenor/current -> sets/<T>-<random>
//! --out/.convenor/files/meetings/      each meeting's feed and each
//!                                      one-session file, outside the
//!                                      sets (single.rs), linked by each
//! --out/.convenor/backups/<T>/         what --force moved aside
//! --out/index.html -> .convenor/current/index.html
//! --out/meetings -> .convenor/current/meetings
//! ```
//!
//! The lock is taken before the caller reads its schedule
//! ([`PublishFolder::lock`]), and a set goes live only if no publish
//! asked for later is live already, so the publish started last wins,
//! whichever finishes first. A name in the folder that convenor did not
//! create (a hand-written `index.html`, anyone else's link) is never
//! replaced unless the caller forces it, and then it is kept in
//! `.convenor/backups/`.
//!
//! A new set is written into a fresh folder (mode 0700 until complete, see
//! fresh.rs), every file and folder synced, then `current` is replaced by
//! renaming a new symlink over it. rename(2) is atomic, so a reader, a
//! second publish or a kill sees the old set or the new one, whole. The
//! public links (one per top-level name) never change, so subscribed URLs
//! keep working. The files outside the sets (given to
//! `replace_made` as its single folders) are each
//! replaced atomically just before the switch, and those the new set no
//! longer has removed just after it: the page never links a missing
//! file, and a reader gets each file old or new, whole. Each
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
use super::made::{MadeFrom, Recorder, Stamp};
use super::single::{Place, Singles};

/// `O_NONBLOCK`: opening a FIFO does not wait for the other end.
const NONBLOCK: i32 = rustix::fs::OFlags::NONBLOCK.bits() as i32;
use super::IoContext;
use crate::Result;

/// An error of the folder itself, not of a file in it.
pub(super) fn refuse(kind: ErrorKind, message: String) -> Error {
    Error::Unusable { message, kind }
}

/// convenor's own folder inside `--out`.
const STATE: &str = ".convenor";

/// The most bytes a record of a set may hold
/// ([`PublishFolder::live_record`]): a site's `.uid-domains` has a line
/// for each group (1,000 groups: about 30 KB).
pub const MAX_RECORD: u64 = 4 * 1024 * 1024;

/// How long a publish waits for another one into the same folder.
const LOCK_WAIT: Duration = Duration::from_secs(120);

/// A file of the set: text made beforehand, or made as it is written,
/// so that a large feed (the sessions of 90 days of a big fellowship)
/// is never held whole in memory.
///
/// ```
/// use std::io::Write;
/// use convenor_site::publish::Content;
///
/// let made = Content::Made(Box::new(|w: &mut dyn Write| {
///     w.write_all(b"BEGIN:VCALENDAR\r\n")
///         .map_err(|e| convenor_core::Error::io("cannot write the feed", e))
/// }));
/// let mut out = Vec::new();
/// made.write_to(&mut out)?;
/// Content::Text("END:VCALENDAR\r\n".into()).write_to(&mut out)?;
/// assert_eq!(out, b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
/// # Ok::<(), convenor_core::Error>(())
/// ```
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

/// Writes a file's content. `Send` and `Sync`: a publish makes its
/// files on two threads, each meeting's and some of the whole
/// schedule's on the second.
///
/// ```
/// use convenor_site::publish::{Content, Make};
///
/// let name = String::from("Tuesday Circle");
/// let make: Make = Box::new(move |w| {
///     writeln!(w, "{name}").map_err(|e| convenor_core::Error::io("cannot write", e))
/// });
/// let mut out = Vec::new();
/// Content::Made(make).write_to(&mut out)?;
/// assert_eq!(out, b"Tuesday Circle\n");
/// # Ok::<(), convenor_core::Error>(())
/// ```
pub type Make<'a> =
    Box<dyn Fn(&mut dyn io::Write) -> Result<()> + Send + Sync + 'a>;

/// What every failure before the switch says.
pub(super) const NOT_PUBLISHED: &str = "nothing was published";

/// A folder to publish into, locked: no other publish can change it
/// until this value is dropped.
///
/// ```
/// use convenor_site::publish::{Content, Outcome, PublishFolder};
///
/// let dir = tempfile::tempdir()?;
/// let site = dir.path().join("site");
/// let folder = PublishFolder::lock(&site, || {})?;
/// let files = [("index.html".into(), Content::Text("<p>Hello</p>".into()))];
/// let outcome = folder.replace(&files, false, |_| Ok(()))?;
/// assert!(matches!(outcome, Outcome::Published { backup: None, .. }));
/// assert_eq!(std::fs::read_to_string(site.join("index.html"))?, "<p>Hello</p>");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct PublishFolder {
    out: PathBuf,
    state: PathBuf,
    /// When this publish was asked for, in nanoseconds since 1970.
    asked: u128,
    layout: Layout,
    /// Held until the value drops; the lock goes with it.
    _lock: std::fs::File,
}

/// How the published files appear in the folder. Both layouts take the
/// same lock, refuse (or with force keep) what convenor did not write,
/// and let the publish asked for last win.
///
/// ```
/// use convenor_site::publish::{Content, Layout, PublishFolder};
///
/// let dir = tempfile::tempdir()?;
/// let folder = PublishFolder::lock(dir.path(), || {})?.with_layout(Layout::Plain);
/// let files = [("index.html".into(), Content::Text("<p>Hello</p>".into()))];
/// folder.replace(&files, false, |_| Ok(()))?;
/// let meta = std::fs::symlink_metadata(dir.path().join("index.html"))?;
/// assert!(meta.is_file(), "an ordinary file, not a symlink");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Layout {
    /// The public names are symlinks into the live set under
    /// `.convenor/`, switched whole in one rename: a reader never sees
    /// two sets mixed. The web server must follow symlinks.
    #[default]
    Links,
    /// Ordinary files, each replaced atomically (a synced temporary
    /// renamed over it), for hosts and tools that do not follow
    /// symlinks: GitHub Pages, Netlify, FTP, zip, git. During the
    /// renames a reader may see some new files and some old ones, each
    /// whole; convenor keeps its record of what it wrote in
    /// `.convenor/plain.json`.
    Plain,
}

/// Which files a publish wrote, left unchanged and removed, by their
/// paths in the folder.
///
/// ```
/// use convenor_site::publish::{Content, Outcome, PublishFolder};
///
/// let dir = tempfile::tempdir()?;
/// let files = [("index.html".into(), Content::Text("<p>Hello</p>".into()))];
/// PublishFolder::lock(dir.path(), || {})?.replace(&files, false, |_| Ok(()))?;
/// let again = PublishFolder::lock(dir.path(), || {})?.replace(&files, false, |_| Ok(()))?;
/// let Outcome::Published { changes, .. } = again else { panic!("published") };
/// assert!(changes.written().is_empty());
/// assert_eq!(changes.unchanged(), [std::path::PathBuf::from("index.html")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub(super) written: Vec<PathBuf>,
    pub(super) unchanged: Vec<PathBuf>,
    pub(super) removed: Vec<PathBuf>,
}

impl Changes {
    /// The files whose bytes are new (or that are new), in the order
    /// they were written.
    pub fn written(&self) -> &[PathBuf] {
        &self.written
    }

    /// The files published with the same bytes as before.
    pub fn unchanged(&self) -> &[PathBuf] {
        &self.unchanged
    }

    /// The files of the previous publish that the new one does not have
    /// (the feed of a meeting taken out), now gone.
    pub fn removed(&self) -> &[PathBuf] {
        &self.removed
    }

    /// One line for people: how many files were published into `dir`,
    /// how many of them were written and unchanged, how many removed.
    ///
    /// ```
    /// use convenor_site::publish::{Content, Outcome, PublishFolder};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let files = [("index.html".into(), Content::Text("<p>Hello</p>".into()))];
    /// let done = PublishFolder::lock(dir.path(), || {})?.replace(&files, false, |_| Ok(()))?;
    /// let Outcome::Published { changes, .. } = done else { panic!("published") };
    /// assert_eq!(
    ///     changes.summary(std::path::Path::new("site")),
    ///     "published 1 file into site: 1 written, 0 unchanged, 0 removed"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summary(&self, dir: &Path) -> String {
        let total = self.written.len() + self.unchanged.len();
        format!(
            "published {total} {} into {}: {} written, {} unchanged, {} \
             removed",
            if total == 1 { "file" } else { "files" },
            dir.display(),
            self.written.len(),
            self.unchanged.len(),
            self.removed.len(),
        )
    }
}

/// What [`PublishFolder::replace`] did.
///
/// ```
/// use convenor_site::publish::{Content, Outcome, PublishFolder};
///
/// let dir = tempfile::tempdir()?;
/// std::fs::write(dir.path().join("index.html"), "hand-written")?;
/// let folder = PublishFolder::lock(dir.path(), || {})?;
/// let files = [("index.html".into(), Content::Text("<p>Hello</p>".into()))];
/// // Refused without force; with it, the hand-written file is kept aside.
/// assert!(folder.replace(&files, false, |_| Ok(())).is_err());
/// let Outcome::Published { backup: Some(backup), .. } = folder.replace(&files, true, |_| Ok(()))? else {
///     panic!("published, with a backup");
/// };
/// assert_eq!(std::fs::read_to_string(backup.join("index.html"))?, "hand-written");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The new set is live. `backup` is where the names convenor had
    /// not written were moved, when they were forced aside.
    #[non_exhaustive]
    Published {
        /// The folder holding what was moved aside, if anything was.
        backup: Option<PathBuf>,
        /// Which files were written, unchanged and removed.
        changes: Changes,
    },
    /// Nothing changed: a publish asked for after this one is live.
    Superseded,
}

impl PublishFolder {
    /// Takes the folder `out` (created if missing), waiting for another
    /// publish into it for at most two minutes; `waiting` is called once
    /// if it has to wait, so the caller can say so. Take it before
    /// reading the schedule, so that the publish asked for last wins.
    ///
    /// # Errors
    ///
    /// [`Error::Unusable`] when `out` is a file, when `out/.convenor` is
    /// not a folder only this user can change, or when another publish
    /// held the lock for the whole wait; [`Error::Io`] when the folder
    /// cannot be created.
    pub fn lock(out: &Path, waiting: impl FnOnce()) -> Result<PublishFolder> {
        let asked = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let locked = (|| {
            check_out(out)?;
            std::fs::create_dir_all(out)
                .what(|| format!("cannot create {}", out.display()))?;
            let state = out.join(STATE);
            private_dir(&state)?;
            let lock = lock(&state, waiting)?;
            Ok(PublishFolder {
                out: out.to_path_buf(),
                state,
                asked,
                layout: Layout::Links,
                _lock: lock,
            })
        })();
        locked.map_err(|e: Error| e.context(NOT_PUBLISHED))
    }

    /// The folder publishing in `layout` (default: [`Layout::Links`]).
    #[must_use]
    pub fn with_layout(mut self, layout: Layout) -> PublishFolder {
        self.layout = layout;
        self
    }

    /// The layout it publishes in.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    pub(super) fn out(&self) -> &Path {
        &self.out
    }

    pub(super) fn state(&self) -> &Path {
        &self.state
    }

    pub(super) fn asked(&self) -> u128 {
        self.asked
    }

    /// Replaces the files in the folder by `files` (paths relative to
    /// it): in the links layout in one atomic switch, in the plain one
    /// file by file ([`Layout`]). `commit` runs when the new set is
    /// complete and before it goes live, with what the publish will
    /// change; if it fails, nothing is published. A top-level name that convenor did not create is
    /// refused, naming it, unless `force`, which moves it into
    /// `.convenor/backups/` once the new set is live.
    ///
    /// # Errors
    ///
    /// [`Error::Unusable`] (kind `AlreadyExists`) for names convenor did
    /// not create, [`Error::Io`] when a file cannot be written, and what
    /// `commit` or a file's content returns; nothing is published then.
    pub fn replace(
        &self,
        files: &[(PathBuf, Content<'_>)],
        force: bool,
        commit: impl FnOnce(&Changes) -> Result<()>,
    ) -> Result<Outcome> {
        self.replace_recording(files, &[], force, commit)
    }

    /// [`PublishFolder::replace`], keeping beside the new set short facts
    /// about it (`records`: name and text, such as the UID domain), which
    /// go live with it in the same switch and are read back with
    /// [`PublishFolder::live_record`]. Each is the file `.NAME` in the
    /// set's folder, never one of its public names.
    ///
    /// ```
    /// use convenor_site::publish::{Content, PublishFolder};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let folder = PublishFolder::lock(dir.path(), || {})?;
    /// assert_eq!(folder.live_record("uid-domain")?, None);
    /// let files = [("index.html".into(), Content::Text("<p>Hello</p>".into()))];
    /// folder.replace_recording(&files, &[("uid-domain", "lifering.org")], false, |_| Ok(()))?;
    /// assert_eq!(folder.live_record("uid-domain")?.as_deref(), Some("lifering.org"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`PublishFolder::replace`]; a record's name must be letters,
    /// digits and `-`.
    pub fn replace_recording(
        &self,
        files: &[(PathBuf, Content<'_>)],
        records: &[(&str, &str)],
        force: bool,
        commit: impl FnOnce(&Changes) -> Result<()>,
    ) -> Result<Outcome> {
        self.replace_made(files, (&[], 0), records, &[], force, commit)
    }

    /// [`PublishFolder::replace_recording`], with the fingerprint of what
    /// each file is made from (`keys`, beside `files`; `None` or missing
    /// for a file made every time): in the links layout a file whose
    /// fingerprint the live set's record gives, and which is still the
    /// file recorded, is linked from the live set without being made
    /// (made.rs). The files of the folders `single` (each meeting's feed,
    /// each one-session file) live outside the switched set, each
    /// replaced on its own (single.rs); the plain layout ignores it.
    /// The first `pinned` files without a fingerprint are made on the
    /// calling thread only, one after another (those that hold the most
    /// memory while made); the others are shared with a second thread.
    pub(super) fn replace_made(
        &self,
        files: &[(PathBuf, Content<'_>)],
        (keys, pinned): (&[Option<u128>], usize),
        records: &[(&str, &str)],
        single: &[&Path],
        force: bool,
        commit: impl FnOnce(&Changes) -> Result<()>,
    ) -> Result<Outcome> {
        if let Some((bad, _)) = records.iter().find(|(n, _)| !record_name(n)) {
            return Err(refuse(
                ErrorKind::InvalidInput,
                format!("{bad:?} is not a record name"),
            ));
        }
        if self.layout == Layout::Plain {
            return super::plain::replace(self, files, records, force, commit);
        }
        let (out, state) = (self.out.as_path(), self.state.as_path());
        let names = public_names(files)?;
        let Some(staged) = self
            .prepare(
                SetFiles { files, keys, pinned },
                records,
                single,
                &names,
                force,
            )
            .map_err(|e| e.context(NOT_PUBLISHED))?
        else {
            return Ok(Outcome::Superseded);
        };
        let set = Path::new("sets").join(&staged.set);
        let old = staged.live.as_ref().map(|l| state.join("sets").join(l));
        let mut changes = compare(old.as_deref(), files, &staged.same);
        changes.removed.extend_from_slice(staged.singles.gone_files());
        changes.removed.sort();
        changes.removed.dedup();
        if let Err(e) = commit(&changes) {
            let _ = std::fs::remove_dir_all(state.join(&set));
            staged.singles.discard();
            return Err(e.context(NOT_PUBLISHED));
        }
        // Each new or changed single file in place (each whole, the
        // live page linking none of the new ones yet), then the switch.
        staged.singles.install().what(|| {
            "the new feeds are partly live: cannot put each meeting's \
             files in place (the next publish completes it)"
                .to_string()
        })?;
        put_link(state, &set, &state.join("current")).what(|| {
            format!("{NOT_PUBLISHED}: cannot switch to the new feeds")
        })?;
        fresh::sync(state).what(|| {
            "the new feeds are live, but the switch may not survive a crash"
                .to_string()
        })?;
        // What the live page no longer links.
        staged.singles.remove_gone().what(|| {
            "the new feeds are live, but the files of removed meetings \
             are still there"
                .to_string()
        })?;
        let backup = match staged.foreign.is_empty() {
            true => None,
            false => Some(state.join("backups").join(self.asked.to_string())),
        };
        for name in staged.foreign {
            let backup = backup.as_deref().unwrap_or(state);
            move_aside(out, state, backup, name).what(|| {
                format!(
                    "the new feeds are live, but {} is still the old one",
                    out.join(name).display()
                )
            })?;
        }
        for name in staged.plain {
            replace_plain(out, state, name).what(|| {
                format!(
                    "the new feeds are live, but {} is still the old one",
                    out.join(name).display()
                )
            })?;
        }
        let record = state.join(super::plain::RECORD);
        if std::fs::symlink_metadata(&record).is_ok() {
            std::fs::remove_file(&record)
                .what(|| format!("cannot remove {}", record.display()))?;
        }
        Ok(Outcome::Published { backup, changes })
    }

    /// The text of record `name` of the live set, as
    /// [`PublishFolder::replace_recording`] kept it; `None` when there is
    /// no live set, or it has no such record (a set published before
    /// convenor kept it).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the record is there but cannot be read, or is
    /// not a regular file of at most [`MAX_RECORD`] bytes of UTF-8.
    pub fn live_record(&self, name: &str) -> Result<Option<String>> {
        let Some(set) = live_set(&self.state)? else {
            // Published in the plain layout: its record keeps them.
            let record = super::plain::Record::read(&self.state);
            return Ok(record.record(name).map(str::to_string));
        };
        let path = self.state.join("sets").join(set).join(format!(".{name}"));
        let file = match OpenOptions::new()
            .read(true)
            .custom_flags(NOFOLLOW | NONBLOCK)
            .open(&path)
        {
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            file => file.what(|| format!("cannot read {}", path.display()))?,
        };
        let unreadable = |why: &str| {
            Error::io(
                format!("cannot read {}", path.display()),
                io::Error::new(ErrorKind::InvalidData, why.to_string()),
            )
        };
        let meta = file
            .metadata()
            .what(|| format!("cannot read {}", path.display()))?;
        if !meta.is_file() || meta.len() > MAX_RECORD {
            return Err(unreadable("not a regular file of at most 4 MiB"));
        }
        let mut text = String::new();
        io::Read::read_to_string(
            &mut io::Read::take(file, MAX_RECORD),
            &mut text,
        )
        .map_err(|_| unreadable("not UTF-8 text"))?;
        Ok(Some(text))
    }

    /// Everything before the switch: the clean-up, the check of every
    /// public name, the links and the new set; `None` when a publish
    /// asked for later is live.
    fn prepare<'n>(
        &self,
        set: SetFiles<'_, '_>,
        records: &[(&str, &str)],
        single: &[&Path],
        names: &'n [(OsString, bool)],
        force: bool,
    ) -> Result<Option<Staged<'n>>> {
        let (out, state) = (self.out.as_path(), self.state.as_path());
        // First, so that a refusal changes nothing in the folder.
        let record = super::plain::Record::read(state);
        let (mut foreign, mut plain) = (Vec::new(), Vec::new());
        for (name, is_dir) in names {
            match held(out, name, *is_dir, &record)? {
                Held::Free => {}
                Held::Plain => plain.push(name.as_os_str()),
                Held::Foreign => foreign.push(name.as_os_str()),
            }
        }
        if !foreign.is_empty() && !force {
            return Err(refuse_foreign(out, &foreign));
        }
        let sets = state.join("sets");
        private_dir(&sets)?;
        let live = live_set(state)?;
        let later = live.as_deref().and_then(asked_at).max(record.asked());
        if later.is_some_and(|t| t > self.asked) {
            return Ok(None);
        }
        let earlier = clean(out, state, live.as_deref(), names)
            .what(|| "cannot remove what earlier runs left".to_string())?;
        for (name, _) in names {
            let name = name.as_os_str();
            if !foreign.contains(&name) && !plain.contains(&name) {
                link_public(out, state, name)?;
            }
        }
        let live_path = live.as_ref().map(|name| sets.join(name));
        let in_single: std::collections::HashSet<&Path> = {
            let folders: std::collections::HashSet<&Path> =
                single.iter().copied().collect();
            set.files
                .iter()
                .map(|(p, _)| p.as_path())
                .filter(|p| p.parent().is_some_and(|d| folders.contains(d)))
                .collect()
        };
        let singles =
            Singles::prepare(state, single, &in_single, live_path.as_deref())?;
        // The sets of earlier runs go on the other core while the new
        // one is written: 100,000 files to remove (issue 30).
        let (staged, removed) = std::thread::scope(|scope| {
            let removing =
                scope.spawn(|| earlier.iter().try_for_each(|p| remove(p)));
            let staged = stage(
                out,
                &sets,
                set,
                records,
                (self.asked, &singles),
                live_path.as_deref(),
            );
            let removed = removing.join().unwrap_or_else(|_| {
                Err(io::Error::other("the removal of earlier sets failed"))
            });
            (staged, removed)
        });
        let (set, same) = staged.inspect_err(|_| singles.discard())?;
        if let Err(e) = removed {
            let _ = std::fs::remove_dir_all(sets.join(&set));
            singles.discard();
            return Err(e)
                .what(|| "cannot remove what earlier runs left".to_string());
        }
        Ok(Some(Staged { set, same, live, foreign, plain, singles }))
    }
}

/// Whether `name` can name a record: letters, digits and `-`.
fn record_name(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The refusal to replace names convenor did not create.
pub(super) fn refuse_foreign(out: &Path, foreign: &[&OsStr]) -> Error {
    let names: Vec<String> =
        foreign.iter().map(|n| out.join(n).display().to_string()).collect();
    refuse(
        ErrorKind::AlreadyExists,
        format!(
            "{} {} not written by convenor, and publishing would replace \
             {}: move {} away or publish into another folder, or publish \
             with --force, which keeps {} in {}",
            names.join(", "),
            if names.len() == 1 { "was" } else { "were" },
            if names.len() == 1 { "it" } else { "them" },
            if names.len() == 1 { "it" } else { "them" },
            if names.len() == 1 { "a copy" } else { "copies" },
            out.join(STATE).join("backups").display(),
        ),
    )
}

/// `out` names a folder, or nothing yet: a file there is bad input
/// ([`Error::is_bad_input`]), said as such (creating the folder said only
/// "File exists"). [`PublishFolder::lock`] checks it first; a caller may check it
/// before any other work, so that the mistake is the first thing said.
///
/// # Errors
///
/// [`Error::Io`] of kind `NotADirectory` when `out` is not a folder.
///
/// ```
/// use convenor_site::publish::check_out;
///
/// let dir = tempfile::tempdir()?;
/// assert!(check_out(&dir.path().join("not-yet")).is_ok());
/// std::fs::write(dir.path().join("file"), "x")?;
/// assert!(check_out(&dir.path().join("file")).unwrap_err().is_bad_input());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    /// Its folder's name in `sets`.
    set: OsString,
    /// Whether each file holds the bytes of the live set's.
    same: Vec<bool>,
    /// The set it replaces.
    live: Option<OsString>,
    /// Public names held by something convenor did not create, to be
    /// moved aside (forced) once the new set is live.
    foreign: Vec<&'n OsStr>,
    /// Public names held by files of the plain layout, to become links
    /// once the new set is live.
    plain: Vec<&'n OsStr>,
    /// The files outside the set, staged.
    singles: Singles,
}

/// The top-level names the set publishes, each with whether it is a
/// folder, in order of first appearance.
pub(super) fn public_names(
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
pub(super) fn private_dir(path: &Path) -> Result<()> {
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
///
/// Opened without blocking (`O_NONBLOCK`) and only as a regular file: a
/// FIFO planted at `DIR/.convenor/lock` kept `open()` waiting for a
/// writer for minutes, so the promised wait never applied (issue 25).
fn lock(state: &Path, waiting: impl FnOnce()) -> Result<std::fs::File> {
    let path = state.join("lock");
    let not_regular = || {
        refuse(
            ErrorKind::InvalidInput,
            format!(
                "{} is not a regular file, so it cannot be the publish \
                 lock; remove it and publish again",
                path.display()
            ),
        )
    };
    // Said plainly before the open (a FIFO with no reader fails it with
    // "No such device or address"), and checked again after it.
    if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(not_regular());
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(NOFOLLOW | NONBLOCK)
        .open(&path)
        .what(|| format!("cannot open {}", path.display()))?;
    let regular = file
        .metadata()
        .what(|| format!("cannot read {}", path.display()))?
        .is_file();
    if !regular {
        return Err(not_regular());
    }
    let deadline = Instant::now() + LOCK_WAIT;
    let mut waiting = Some(waiting);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                if let Some(say) = waiting.take() {
                    say();
                }
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
pub(super) fn live_set(state: &Path) -> Result<Option<OsString>> {
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

/// Removes the temporary links and folders of killed runs, and the
/// `.NAME.tmp-PID` and `.NAME.old` files that convenor before issue 12
/// left beside the public names; returns every set but `live`, for the
/// caller to remove.
fn clean(
    out: &Path,
    state: &Path,
    live: Option<&OsStr>,
    names: &[(OsString, bool)],
) -> io::Result<Vec<PathBuf>> {
    let mut earlier = Vec::new();
    for entry in std::fs::read_dir(state.join("sets"))? {
        let entry = entry?;
        if Some(entry.file_name().as_os_str()) != live {
            earlier.push(entry.path());
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
    clean_legacy(out, names)?;
    Ok(earlier)
}

/// Removes the `.NAME.tmp-PID` and `.NAME.old` files that convenor
/// before issue 12 left beside the public names `names` in `out`.
pub(super) fn clean_legacy(
    out: &Path,
    names: &[(OsString, bool)],
) -> io::Result<()> {
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
pub(super) fn remove(path: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(path)?.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// What holds a public name before a publish in the links layout.
enum Held {
    /// Nothing, or convenor's own link into the live set.
    Free,
    /// Files convenor wrote in the plain layout (a file, or a folder of
    /// nothing else), replaced by the link once the new set is live.
    Plain,
    /// A file, a folder or a link convenor did not write.
    Foreign,
}

/// What holds `out/name`. A folder where the set has a file is refused
/// even with force: it may be a whole website.
fn held(
    out: &Path,
    name: &OsStr,
    is_dir: bool,
    record: &super::plain::Record,
) -> Result<Held> {
    let path = out.join(name);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Held::Free),
        Err(e) => Err(e).what(|| format!("cannot read {}", path.display())),
        Ok(m) if m.file_type().is_symlink() => {
            let ours = std::fs::read_link(&path)
                .is_ok_and(|t| t == public_target(name));
            Ok(if ours { Held::Free } else { Held::Foreign })
        }
        Ok(m) if m.is_dir() && !is_dir => Err(refuse(
            ErrorKind::AlreadyExists,
            format!(
                "{} is a folder where convenor publishes a file; move it \
                 away and publish again",
                path.display()
            ),
        )),
        Ok(m) if m.is_dir() && record.wrote_all(out, Path::new(name)) => {
            Ok(Held::Plain)
        }
        Ok(m) if record.wrote(Path::new(name), &m) => Ok(Held::Plain),
        Ok(_) => Ok(Held::Foreign),
    }
}

/// Puts convenor's link in place of the plain layout's `out/name`: over
/// a file in one rename; a folder is removed first (rename(2) cannot put
/// a link over it), so the name is free for microseconds.
fn replace_plain(out: &Path, state: &Path, name: &OsStr) -> io::Result<()> {
    let path = out.join(name);
    if std::fs::symlink_metadata(&path)?.is_dir() {
        std::fs::remove_dir_all(&path)?;
    }
    put_link(state, &public_target(name), &path)?;
    fresh::sync(out)
}

/// Which files of the new set differ from the live set `old` (`same`
/// says, for each of `files`, as it was found while the set was
/// written: its files are not read again), and which of `old` the new
/// one does not have. The old set's records are not files of it.
fn compare(
    old: Option<&Path>,
    files: &[(PathBuf, Content<'_>)],
    same: &[bool],
) -> Changes {
    let mut changes = Changes::default();
    for (i, (path, _)) in files.iter().enumerate() {
        match same.get(i).copied().unwrap_or(false) {
            true => changes.unchanged.push(path.clone()),
            false => changes.written.push(path.clone()),
        }
    }
    if let Some(old) = old {
        let mut before = Vec::new();
        super::single::list_files(old, Path::new(""), &mut before);
        before.retain(|p| !is_record(p));
        // A set, not a list: 100,000 files looked up in a list of
        // 100,000 took four minutes (issue 30).
        let now: std::collections::HashSet<&Path> =
            files.iter().map(|(p, _)| p.as_path()).collect();
        before.retain(|p| !now.contains(p.as_path()));
        before.sort();
        changes.removed = before;
    }
    changes
}

/// Whether `path`, in a set's folder, is one of its records (`.NAME`,
/// or what each file was made from), not a published file.
fn is_record(path: &Path) -> bool {
    let name = path.to_str().unwrap_or("");
    name == super::made::MADE
        || name.strip_prefix('.').is_some_and(record_name)
}

/// Makes `out/name` convenor's link into the live set, if it is not yet.
fn link_public(out: &Path, state: &Path, name: &OsStr) -> Result<()> {
    let path = out.join(name);
    let target = public_target(name);
    if std::fs::read_link(&path).is_ok_and(|t| t == target) {
        return Ok(());
    }
    put_link(state, &target, &path)
        .what(|| format!("cannot link {}", path.display()))
}

/// What the public name `name` links to (relative to `--out`).
pub(super) fn public_target(name: &OsStr) -> PathBuf {
    Path::new(STATE).join("current").join(name)
}

/// Moves what holds the public name `out/name` into `backup` and puts
/// the link into the live set in its place.
fn move_aside(
    out: &Path,
    state: &Path,
    backup: &Path,
    name: &OsStr,
) -> io::Result<()> {
    let path = out.join(name);
    std::fs::create_dir_all(backup)?;
    // rename(2) cannot put a link over a folder, and a file is kept
    // anyway: the name is free for a few microseconds.
    std::fs::rename(&path, backup.join(name))?;
    put_link(state, &public_target(name), &path)?;
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

/// When the set `name` (`<T>-<random>`) was asked for; `None` for a set
/// of a convenor that did not record it.
pub(super) fn asked_at(name: &OsStr) -> Option<u128> {
    name.to_str()?.split_once('-')?.0.parse().ok()
}

/// Writes `files` (each with the fingerprint of what it is made from,
/// if any) into a new set in `sets`, linking those whose bytes the
/// `live` set holds already, and stages the files of `singles`' folders
/// outside it; returns its name and whether each file's bytes are the
/// live set's. On failure removes it and says which file failed.
fn stage(
    out: &Path,
    sets: &Path,
    files: SetFiles<'_, '_>,
    records: &[(&str, &str)],
    (asked, singles): (u128, &Singles),
    live: Option<&Path>,
) -> Result<(OsString, Vec<bool>)> {
    let mut attempts = 0;
    let (name, root) = loop {
        let name = fresh::random_name(&format!("{asked}-"))
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
    let written = write_set(out, &root, files, records, singles, live)
        .and_then(|same| {
            fresh::sync(sets).what(|| "cannot sync the set".to_string())?;
            Ok(same)
        });
    match written {
        Ok(same) => Ok((name.into(), same)),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&root);
            Err(e)
        }
    }
}

/// Creates `files` under the new folder `root` (mode 0700 until it is
/// complete; its folders readable at once, behind it), opens it to
/// readers (DIR_MODE) and syncs it all. A file whose bytes are those of
/// the same file in the `live` set is a hard link to it
/// ([`fresh::create_file_or_link`]): after one meeting's edit only the
/// files that changed are written, and the live set's files are never
/// changed (a reader half-way through them is not disturbed). A file
/// with a fingerprint that the live set's record gives for it is linked
/// without being made at all ([`MadeFrom`]), and the new set gets its own
/// record. The files of the single folders are staged outside the set
/// (single.rs), which links their folders. Says, for each file, whether
/// its bytes are the live set's.
fn write_set(
    out: &Path,
    root: &Path,
    SetFiles { files, keys, pinned }: SetFiles<'_, '_>,
    records_in: &[(&str, &str)],
    singles: &Singles,
    live: Option<&Path>,
) -> Result<Vec<bool>> {
    // Read by the first file with a fingerprint (each meeting's, on the
    // other thread), while this thread makes the whole-schedule files.
    let made = std::sync::OnceLock::new();
    let made = || {
        made.get_or_init(|| match live {
            Some(live) => MadeFrom::read(live),
            None => MadeFrom::default(),
        })
    };
    let mut recorder = Recorder::new();
    let mut dirs: Vec<&Path> = Vec::new();
    // A set, not the list: a site of 1,000 groups has 3,000 folders,
    // and looking each of 56,000 files' folders up in the list took
    // most of the publish's time.
    let mut created: std::collections::HashSet<&Path> =
        std::collections::HashSet::new();
    let links = singles.links();
    let in_set = files
        .iter()
        .map(|(p, _)| p.as_path())
        .filter(|p| singles.folder_of(p).is_none())
        .chain(links.iter().map(|(p, _)| p.as_path()));
    for path in in_set {
        let parents: Vec<&Path> = path
            .ancestors()
            .skip(1)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        for dir in parents.into_iter().rev() {
            if created.insert(dir) {
                // Readable at once: the set's own folder (0700 until
                // complete) keeps readers out.
                fresh::create_dir_exact(&root.join(dir), DIR_MODE).what(
                    || format!("cannot create {}", out.join(dir).display()),
                )?;
                dirs.push(dir);
            }
        }
    }
    for (path, target) in &links {
        std::os::unix::fs::symlink(target, root.join(path))
            .what(|| format!("cannot link {}", out.join(path).display()))?;
    }
    // File `i`, made or linked: whether its bytes are the live set's,
    // the stamp of the live file when it was linked without being made,
    // and where the file is now (for its stamp).
    let one = |i: usize| -> Result<(bool, Option<Stamp>, PathBuf)> {
        let (path, content) = &files[i];
        let failed = |e: Error| {
            e.context(&format!("cannot write {}", out.join(path).display()))
        };
        let key = keys.get(i).copied().flatten();
        // Made from the same inputs as the live file, still the one
        // recorded.
        let recorded = match (live, key) {
            (Some(live), Some(key)) => {
                made().unchanged(live, path, key, FILE_MODE)
            }
            _ => None,
        };
        let write = |w: &mut dyn io::Write| content.write_to(w);
        if let Some(place) = singles.place(path) {
            return one_single(singles, place, path, live, recorded, write)
                .map_err(failed);
        }
        let at = root.join(path);
        // Linked, not made.
        let reused = recorded.filter(|_| {
            live.is_some_and(|l| std::fs::hard_link(l.join(path), &at).is_ok())
        });
        let equal = match live {
            _ if reused.is_some() => Ok(true),
            Some(live) => fresh::create_file_or_link(
                &at,
                FILE_MODE,
                &live.join(path),
                true,
                write,
            ),
            None => {
                fresh::create_file_with(&at, FILE_MODE, write).map(|()| false)
            }
        }
        .map_err(failed)?;
        Ok((equal, reused, at))
    };
    // Both cores make files (issue 30). This thread takes the files made
    // from the whole schedule (hundreds of MB at 100,000 meetings) from
    // the front, the `pinned` first only here: they are made one after
    // another in its allocator arena, which holds the memory freed after
    // the schedule was read (at 100,000 meetings the lazy merge of
    // `occurrences.json` took 16 MB more of RSS on another thread, and
    // made beside the page 60 MB more). The other thread links or makes
    // each meeting's file, then takes the rest from the back: after one
    // meeting's edit the meetings' files are only looked at, and the
    // whole-schedule files are the work.
    let (keyed, others): (Vec<usize>, Vec<usize>) = (0..files.len())
        .partition(|&i| keys.get(i).copied().flatten().is_some());
    let queue = Queue::new(others.len(), pinned);
    // File `i` made, and its fingerprint and stamp recorded: each
    // meeting's file, in the files' order, on the other thread.
    let keyed_one = |i: usize, recorder: &mut Recorder| -> Result<bool> {
        let (equal, reused, at) = one(i)?;
        let (path, key) = (&files[i].0, keys[i].unwrap_or_default());
        let stamp = Stamp::now_of(&at, reused).map_err(|e| {
            super::files::io(e)
                .context(&format!("cannot write {}", out.join(path).display()))
        })?;
        recorder.add(path, key, stamp);
        Ok(equal)
    };
    // The `k`th file without a fingerprint made: its place and whether
    // its bytes are the live set's.
    let whole = |k: usize| -> Result<(usize, bool)> {
        let (equal, _, _) = queue.unless_failed(one(others[k]))?;
        Ok((others[k], equal))
    };
    let (mine, theirs) = std::thread::scope(|scope| {
        let theirs = scope.spawn(|| {
            let mut done = Vec::with_capacity(keyed.len());
            for &i in keyed.iter().take_while(|_| !queue.failed()) {
                let equal = keyed_one(i, &mut recorder);
                done.push((i, queue.unless_failed(equal)?));
            }
            while let Some(k) = queue.back() {
                done.push(whole(k)?);
            }
            Ok::<_, Error>(done)
        });
        let mine = std::iter::from_fn(|| queue.front())
            .map(whole)
            .collect::<Result<Vec<_>>>();
        let theirs =
            theirs.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (mine, theirs)
    });
    let mut same = vec![false; files.len()];
    for (i, equal) in mine?.into_iter().chain(theirs?) {
        same[i] = equal;
    }
    let mut records: Vec<PathBuf> = records_in
        .iter()
        .map(|(name, _)| PathBuf::from(format!(".{name}")))
        .collect();
    if keys.iter().any(Option::is_some) {
        recorder.write(root, FILE_MODE).map_err(|e| {
            e.context("cannot record what the files were made from")
        })?;
        records.push(PathBuf::from(super::made::MADE));
    }
    for (name, text) in records_in {
        let path = PathBuf::from(format!(".{name}"));
        fresh::create_file_with(&root.join(&path), FILE_MODE, |w| {
            w.write_all(text.as_bytes()).map_err(super::files::io)
        })
        .map_err(|e| e.context(&format!("cannot record the {name}")))?;
    }
    fresh::set_dir_mode(root, DIR_MODE)
        .what(|| "cannot open the set to readers".to_string())?;
    // Where fsync(2) is the way, each written file outside the set too.
    let outside = singles.written();
    let paths: Vec<&Path> = files
        .iter()
        .filter(|(p, _)| singles.folder_of(p).is_none())
        .map(|(p, _)| p.as_path())
        .chain(records.iter().map(PathBuf::as_path))
        .chain(dirs)
        .chain(outside.iter().map(PathBuf::as_path))
        .collect();
    fresh::sync_tree(root, &paths)
        .what(|| "cannot sync the set".to_string())?;
    Ok(same)
}

/// The files of a new set: beside `files`, the fingerprint of what each
/// is made from (`keys`, where known), and how many of the first files
/// without one are made on the publishing thread only (`pinned`).
#[derive(Clone, Copy)]
struct SetFiles<'a, 'c> {
    files: &'a [(PathBuf, Content<'c>)],
    keys: &'a [Option<u128>],
    pinned: usize,
}

/// The files two threads share out: one takes them from the front,
/// the other from the back but never the first `pinned`, each file once;
/// a failure on either side stops both.
struct Queue {
    /// The next file from the front and one past the next from the back.
    ends: std::sync::Mutex<(usize, usize)>,
    pinned: usize,
    failed: std::sync::atomic::AtomicBool,
}

impl Queue {
    fn new(len: usize, pinned: usize) -> Queue {
        Queue {
            ends: std::sync::Mutex::new((0, len)),
            pinned,
            failed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Whether either side has failed.
    fn failed(&self) -> bool {
        self.failed.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn front(&self) -> Option<usize> {
        let mut ends = self.lock();
        (ends.0 < ends.1).then(|| {
            ends.0 += 1;
            ends.0 - 1
        })
    }

    fn back(&self) -> Option<usize> {
        let mut ends = self.lock();
        (ends.0 < ends.1 && ends.1 > self.pinned).then(|| {
            ends.1 -= 1;
            ends.1
        })
    }

    /// `result`, emptying the queue when it is an error.
    fn unless_failed<T>(&self, result: Result<T>) -> Result<T> {
        if result.is_err() {
            self.failed.store(true, std::sync::atomic::Ordering::Relaxed);
            let mut ends = self.lock();
            ends.1 = ends.0;
        }
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (usize, usize)> {
        // Nothing panics while the lock is held.
        self.ends.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A file of a single folder (`path`, going to `place`), made or
/// linked as [`write_set`] does the set's: whether its bytes are the
/// live set's, the live file's stamp when it is used without being made
/// (`recorded`: the record says it was made from the same inputs), and
/// where the file is now.
fn one_single(
    singles: &Singles,
    place: Place,
    path: &Path,
    live: Option<&Path>,
    recorded: Option<Stamp>,
    write: impl FnOnce(&mut dyn io::Write) -> Result<()>,
) -> Result<(bool, Option<Stamp>, PathBuf)> {
    let previous = live.map(|l| l.join(path));
    match place {
        Place::Fresh(at) => {
            if let (Some(stamp), Some(previous)) = (recorded, &previous) {
                if std::fs::hard_link(previous, &at).is_ok() {
                    return Ok((true, Some(stamp), at));
                }
            }
            let equal = match &previous {
                Some(previous) => fresh::create_file_or_link(
                    &at, FILE_MODE, previous, true, write,
                )?,
                None => {
                    fresh::create_file_with(&at, FILE_MODE, write)?;
                    false
                }
            };
            Ok((equal, None, at))
        }
        Place::Beside { target, target_is_live } => {
            // The live set's file is the target itself: kept as it is.
            if let Some(stamp) = recorded.filter(|_| target_is_live) {
                return Ok((true, Some(stamp), target));
            }
            let temp = singles.temp()?;
            if let (Some(stamp), Some(previous)) = (recorded, &previous) {
                if std::fs::hard_link(previous, &temp).is_ok() {
                    singles.stage_rename(temp.clone(), target);
                    return Ok((true, Some(stamp), temp));
                }
            }
            let equal = match &previous {
                Some(previous) => fresh::create_file_or_link(
                    &temp,
                    FILE_MODE,
                    previous,
                    !target_is_live,
                    write,
                )?,
                None => {
                    fresh::create_file_with(&temp, FILE_MODE, write)?;
                    false
                }
            };
            if equal && target_is_live {
                return Ok((true, None, target));
            }
            singles.stage_rename(temp.clone(), target);
            Ok((equal, None, temp))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Vec<(PathBuf, Content<'static>)> {
        vec![("index.html".into(), Content::Text(text.into()))]
    }

    /// Issue 32: a publish asked for earlier but locked later (a slow
    /// reader, an unfair lock) never replaces a later one.
    #[test]
    fn an_earlier_publish_does_not_replace_a_later_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let later = PublishFolder::lock(&out, || {}).unwrap();
        // Asked for before the later one, whatever the clock did since:
        // a loaded machine can take a second between the two locks.
        let before_later = later.asked - 1;
        let published = later.replace(&page("later"), false, |_| Ok(()));
        let published = published.unwrap();
        assert!(matches!(published, Outcome::Published { backup: None, .. }));
        drop(later);
        let mut earlier = PublishFolder::lock(&out, || {}).unwrap();
        earlier.asked = before_later;
        let outcome = earlier.replace(&page("earlier"), false, |_| Ok(()));
        assert_eq!(outcome.unwrap(), Outcome::Superseded);
        let live = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(live, "later");
    }

    /// Issue 30: a file whose bytes the live set holds is a link to it,
    /// however its content was cut into writes; a changed one is written
    /// whole wherever its first difference is (shorter, longer, in the
    /// middle); the live set's files are never changed.
    #[test]
    fn unchanged_files_are_linked_from_the_live_set() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let set = |a: &'static [&'static str], b: &str, c: &str| {
            let made: Make<'static> = Box::new(move |w| {
                for part in a {
                    w.write_all(part.as_bytes())
                        .map_err(|e| Error::io("cannot write", e))?;
                }
                Ok(())
            });
            vec![
                (PathBuf::from("a.txt"), Content::Made(made)),
                ("meetings/b.txt".into(), Content::Text(b.into())),
                ("c.txt".into(), Content::Text(c.into())),
            ]
        };
        let publish = |files: Vec<(PathBuf, Content<'_>)>| {
            let folder = PublishFolder::lock(&out, || {}).unwrap();
            folder.replace(&files, false, |_| Ok(())).unwrap();
        };
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let read = |p: &Path| std::fs::read_to_string(p).unwrap();
        publish(set(&["one ", "two"], "same", "longer text"));
        let first = [inode("a.txt"), inode("meetings/b.txt"), inode("c.txt")];
        let old_c = std::fs::canonicalize(out.join("c.txt")).unwrap();
        publish(set(&["one ", "tw", "o"], "same", "longer"));
        assert_eq!(inode("a.txt"), first[0]);
        assert_eq!(inode("meetings/b.txt"), first[1]);
        assert_ne!(inode("c.txt"), first[2]);
        assert_eq!(read(&out.join("c.txt")), "longer");
        assert_eq!(read(&old_c), "longer text");
        let second = inode("c.txt");
        publish(set(&["one ", "three", "!"], "same, and more", "longer"));
        assert_ne!(inode("a.txt"), first[0]);
        assert_ne!(inode("meetings/b.txt"), first[1]);
        assert_eq!(inode("c.txt"), second);
        assert_eq!(read(&out.join("a.txt")), "one three!");
        assert_eq!(read(&out.join("meetings/b.txt")), "same, and more");
        let mode = std::fs::metadata(out.join("a.txt")).unwrap().mode();
        assert_eq!(mode & 0o7777, FILE_MODE);
    }

    /// Issue 30: a file whose fingerprint the live set's record gives is
    /// linked without being made; a changed fingerprint, a damaged
    /// record or a live file changed since it was recorded make it again
    /// (counted, not timed). The changes say the same as if every file
    /// had been made and compared.
    #[test]
    fn a_file_made_from_the_same_inputs_is_linked_without_being_made() {
        use std::os::unix::fs::MetadataExt;
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let made = [AtomicUsize::new(0), AtomicUsize::new(0)];
        let publish = |texts: [&str; 2], keys: [u128; 2]| {
            let files: Vec<(PathBuf, Content<'_>)> = (0..2)
                .map(|i| {
                    let (made, text) = (&made[i], texts[i]);
                    let make: Make<'_> = Box::new(move |w| {
                        made.fetch_add(1, SeqCst);
                        w.write_all(text.as_bytes())
                            .map_err(|e| Error::io("cannot write", e))
                    });
                    (PathBuf::from(format!("m/{i}.ics")), Content::Made(make))
                })
                .collect();
            let keys = keys.map(Some);
            let folder = PublishFolder::lock(&out, || {}).unwrap();
            let done = folder.replace_made(
                &files,
                (&keys, 0),
                &[],
                &[],
                false,
                |_| Ok(()),
            );
            let Outcome::Published { changes, .. } = done.unwrap() else {
                panic!("published")
            };
            let made = made.each_ref().map(|m| m.swap(0, SeqCst));
            (made, changes.written().len(), changes.unchanged().len())
        };
        let inode = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        assert_eq!(publish(["a", "b"], [1, 2]), ([1, 1], 2, 0));
        let first = inode("m/0.ics");
        // Same inputs: neither made, both linked.
        assert_eq!(publish(["a", "b"], [1, 2]), ([0, 0], 0, 2));
        assert_eq!(inode("m/0.ics"), first);
        // One input changed: that one made.
        assert_eq!(publish(["a", "c"], [1, 3]), ([0, 1], 1, 1));
        assert_eq!(std::fs::read_to_string(out.join("m/1.ics")).unwrap(), "c");
        // A live file changed in place since it was recorded: made again
        // and written.
        let live = std::fs::canonicalize(out.join("m/0.ics")).unwrap();
        std::fs::write(&live, "x").unwrap();
        assert_eq!(publish(["a", "c"], [1, 3]), ([1, 0], 1, 1));
        assert_eq!(std::fs::read_to_string(out.join("m/0.ics")).unwrap(), "a");
        // A damaged record: every file made, none wrong.
        let set =
            std::fs::canonicalize(out.join(".convenor/current")).unwrap();
        let record = set.join(super::super::made::MADE);
        let text = std::fs::read_to_string(&record).unwrap();
        std::fs::remove_file(&record).unwrap();
        std::fs::write(&record, &text[..text.len() - 3]).unwrap();
        assert_eq!(publish(["a", "c"], [1, 3]), ([1, 1], 0, 2));
        assert_eq!(publish(["a", "c"], [1, 3]), ([0, 0], 0, 2));
    }

    #[test]
    fn pinned_files_are_made_on_the_calling_thread_and_the_rest_on_either() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let caller = std::thread::current().id();
        let threads = std::sync::Mutex::new(Vec::new());
        let files: Vec<(PathBuf, Content<'_>)> = (0..40)
            .map(|i| {
                let threads = &threads;
                let make: Make<'_> = Box::new(move |w| {
                    threads
                        .lock()
                        .unwrap()
                        .push((i, std::thread::current().id()));
                    // Slow enough that the other thread, however late it
                    // starts on a busy machine, takes its share.
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    write!(w, "file {i}")
                        .map_err(|e| Error::io("cannot write", e))
                });
                (PathBuf::from(format!("f{i}.txt")), Content::Made(make))
            })
            .collect();
        let folder = PublishFolder::lock(&out, || {}).unwrap();
        let done = folder
            .replace_made(&files, (&[], 3), &[], &[], false, |_| Ok(()))
            .unwrap();
        assert!(matches!(done, Outcome::Published { .. }));
        drop(files);
        let mut threads = threads.into_inner().unwrap();
        threads.sort_by_key(|&(i, _)| i);
        // Each file made once; the pinned three on the calling thread.
        assert_eq!(
            threads.iter().map(|&(i, _)| i).collect::<Vec<_>>(),
            (0..40).collect::<Vec<_>>()
        );
        assert!(threads[..3].iter().all(|&(_, t)| t == caller));
        assert!(threads.iter().any(|&(_, t)| t != caller));
        for i in 0..40 {
            let text = std::fs::read_to_string(out.join(format!("f{i}.txt")));
            assert_eq!(text.unwrap(), format!("file {i}"));
        }
    }

    #[test]
    fn a_file_that_fails_stops_the_publish_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let made = std::sync::atomic::AtomicUsize::new(0);
        let files: Vec<(PathBuf, Content<'_>)> = (0..200)
            .map(|i| {
                let made = &made;
                let make: Make<'_> = Box::new(move |w| {
                    made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    if i == 1 {
                        return Err(Error::io(
                            "the disk is full",
                            io::Error::other("no space"),
                        ));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(1));
                    write!(w, "{i}").map_err(|e| Error::io("cannot write", e))
                });
                (PathBuf::from(format!("f{i}.txt")), Content::Made(make))
            })
            .collect();
        let folder = PublishFolder::lock(&out, || {}).unwrap();
        let err = folder
            .replace_made(&files, (&[], 0), &[], &[], false, |_| Ok(()))
            .unwrap_err();
        assert!(err.to_string().contains("f1.txt"), "{err}");
        drop(files);
        // Both threads stopped at the failure, before the end.
        assert!(made.into_inner() < 180);
        assert!(!out.join("f0.txt").exists());
    }

    #[test]
    fn the_queue_gives_each_file_once_and_keeps_the_pinned_in_front() {
        let queue = Queue::new(5, 2);
        assert_eq!(queue.back(), Some(4));
        assert_eq!(queue.front(), Some(0));
        assert_eq!(queue.back(), Some(3));
        assert_eq!(queue.back(), Some(2));
        // 0 and 1 are pinned: only the front takes 1.
        assert_eq!(queue.back(), None);
        assert_eq!(queue.front(), Some(1));
        assert_eq!(queue.front(), None);
        let failing = Queue::new(5, 0);
        assert!(failing
            .unless_failed::<()>(Err(Error::io("x", io::Error::other("y"))))
            .is_err());
        assert!(failing.failed());
        assert_eq!((failing.front(), failing.back()), (None, None));
    }

    /// The files of a page and its meetings' feeds, `(id, text)` each.
    fn with_meetings(
        meetings: &[(&str, &str)],
    ) -> Vec<(PathBuf, Content<'static>)> {
        let mut files = page("<p>page</p>");
        for (id, text) in meetings {
            let path = PathBuf::from(format!("meetings/{id}.ics"));
            files.push((path, Content::Text(text.to_string())));
        }
        files
    }

    /// Publishes `files` into `out`, the meetings' feeds outside the set
    /// when `single`; what changed.
    fn publish_single(
        out: &Path,
        files: &[(PathBuf, Content<'_>)],
        single: bool,
    ) -> Changes {
        let folders = [Path::new("meetings")];
        let single: &[&Path] = if single { &folders } else { &[] };
        let folder = PublishFolder::lock(out, || {}).unwrap();
        let done =
            folder
                .replace_made(files, (&[], 0), &[], single, false, |_| Ok(()));
        let Outcome::Published { changes, .. } = done.unwrap() else {
            panic!("published")
        };
        changes
    }

    /// Issue 30: each meeting's feed lives outside the switched set
    /// (`.convenor/files/meetings/`, which every set links), so an edit
    /// replaces that one file and no other name; a meeting taken out
    /// loses its feed once the new set is live.
    #[test]
    fn a_meetings_feed_is_replaced_alone_outside_the_set() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = with_meetings(&[("a", "A"), ("b", "B"), ("d", "D")]);
        publish_single(&out, &first, true);
        let kept = out.join(".convenor/files/meetings");
        let inode = |id: &str| {
            std::fs::metadata(kept.join(format!("{id}.ics"))).unwrap().ino()
        };
        let (a, b) = (inode("a"), inode("b"));
        let set =
            std::fs::canonicalize(out.join(".convenor/current")).unwrap();
        let link = std::fs::symlink_metadata(set.join("meetings")).unwrap();
        assert!(link.is_symlink(), "the set links the meetings' folder");
        assert_eq!(
            std::fs::read_link(set.join("meetings")).unwrap(),
            Path::new("../../files/meetings")
        );
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/a.ics")).unwrap(),
            "A"
        );

        let second = with_meetings(&[("a", "A"), ("b", "B2"), ("c", "C")]);
        let changes = publish_single(&out, &second, true);
        assert_eq!(inode("a"), a, "an unchanged feed keeps its file");
        assert_ne!(inode("b"), b, "a changed feed is a new file");
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/b.ics")).unwrap(),
            "B2"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/c.ics")).unwrap(),
            "C"
        );
        assert!(!kept.join("d.ics").exists(), "a removed meeting's feed goes");
        let paths = |p: &[PathBuf]| -> Vec<String> {
            p.iter().map(|p| p.display().to_string()).collect()
        };
        assert_eq!(
            paths(changes.written()),
            ["meetings/b.ics", "meetings/c.ics"]
        );
        assert_eq!(
            paths(changes.unchanged()),
            ["index.html", "meetings/a.ics"]
        );
        assert_eq!(paths(changes.removed()), ["meetings/d.ics"]);
        // Nothing left in the staging of the files outside the set.
        let mut left: Vec<String> =
            std::fs::read_dir(out.join(".convenor/files"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        left.sort();
        assert_eq!(left, ["meetings"]);
    }

    /// A folder published by convenor before the meetings' feeds moved
    /// out of the sets (its live set holds `meetings/` itself) is
    /// published over: the feeds move to `.convenor/files/`, the changes
    /// say what the old set had, its set goes at the next publish, and
    /// a plain publish after it removes the files outside the sets.
    #[test]
    fn a_folder_of_the_previous_layout_is_published_over() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        publish_single(&out, &with_meetings(&[("a", "A"), ("d", "D")]), false);
        let old =
            std::fs::canonicalize(out.join(".convenor/current")).unwrap();
        assert!(std::fs::symlink_metadata(old.join("meetings"))
            .unwrap()
            .is_dir());
        let next = with_meetings(&[("a", "A"), ("b", "B")]);
        let changes = publish_single(&out, &next, true);
        let paths = |p: &[PathBuf]| -> Vec<String> {
            p.iter().map(|p| p.display().to_string()).collect()
        };
        assert_eq!(paths(changes.written()), ["meetings/b.ics"]);
        assert_eq!(
            paths(changes.unchanged()),
            ["index.html", "meetings/a.ics"]
        );
        assert_eq!(paths(changes.removed()), ["meetings/d.ics"]);
        let files = out.join(".convenor/files/meetings");
        assert!(std::fs::symlink_metadata(files.join("a.ics"))
            .unwrap()
            .is_file());
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/a.ics")).unwrap(),
            "A"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/b.ics")).unwrap(),
            "B"
        );
        assert!(!out.join("meetings/d.ics").exists());
        // The old set stays for readers half-way through it, then goes.
        assert!(old.exists());
        publish_single(&out, &next, true);
        assert!(!old.exists());
        // A plain publish takes the files outside the sets with the sets.
        let plain = PublishFolder::lock(&out, || {})
            .unwrap()
            .with_layout(Layout::Plain);
        plain.replace(&next, false, |_| Ok(())).unwrap();
        drop(plain);
        assert!(!out.join(".convenor/files").exists());
        assert!(!out.join(".convenor/sets").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/b.ics")).unwrap(),
            "B"
        );
        // And back: the links layout again, its files outside the sets.
        publish_single(&out, &next, true);
        assert_eq!(
            std::fs::read_to_string(out.join("meetings/b.ics")).unwrap(),
            "B"
        );
        assert!(files.join("b.ics").is_file());
    }

    /// Issue 32 item 9: the same rule across the layouts: an earlier
    /// plain publish never replaces a later links one, nor the reverse.
    #[test]
    fn an_earlier_publish_in_the_other_layout_does_not_replace_a_later_one() {
        for (later, earlier) in
            [(Layout::Links, Layout::Plain), (Layout::Plain, Layout::Links)]
        {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("site");
            let folder = PublishFolder::lock(&out, || {}).unwrap();
            let before_later = folder.asked - 1;
            let folder = folder.with_layout(later);
            folder.replace(&page("later"), false, |_| Ok(())).unwrap();
            drop(folder);
            let mut folder = PublishFolder::lock(&out, || {}).unwrap();
            folder.asked = before_later;
            let folder = folder.with_layout(earlier);
            let outcome = folder.replace(&page("earlier"), false, |_| Ok(()));
            assert_eq!(outcome.unwrap(), Outcome::Superseded, "{earlier:?}");
            let live = std::fs::read_to_string(out.join("index.html"));
            assert_eq!(live.unwrap(), "later");
        }
    }

    /// A second publish waits for the first and says so once.
    #[test]
    fn a_waiting_publish_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = PublishFolder::lock(&out, || {}).unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let out = out.clone();
            std::thread::spawn(move || {
                let second =
                    PublishFolder::lock(&out, || tx.send(()).unwrap());
                second.map(|f| f.replace(&page("second"), false, |_| Ok(())))
            })
        };
        rx.recv().unwrap();
        first.replace(&page("first"), false, |_| Ok(())).unwrap();
        drop(first);
        let second = waiter.join().unwrap().unwrap().unwrap();
        assert!(matches!(second, Outcome::Published { backup: None, .. }));
        let live = std::fs::read_to_string(out.join("index.html")).unwrap();
        assert_eq!(live, "second");
    }
}
