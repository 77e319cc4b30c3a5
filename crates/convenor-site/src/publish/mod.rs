//! The set of files a publish writes ([`Publication`]: name → bytes, made
//! as they are written) and its atomic switch into a folder
//! ([`PublishFolder`]); and one file replaced atomically ([`write_atomically`]).
//!
//! A publish never leaves a half-written website: the new set is written
//! into a fresh folder beside the live one and switched in with one
//! rename(2); a failed or killed run leaves the previous set live. Each
//! meeting's own feed and each one-session file is kept outside the sets
//! and replaced atomically on its own (an edit touches one file, not
//! every name of the set), before the switch when new or changed, after
//! it when removed: the page never links a missing file. In the
//! plain layout ([`Layout::Plain`], ordinary files for hosts that do not
//! follow symlinks) each file is replaced atomically, not the set.
//!
//! A publish makes its files on two threads (scoped: none outlives it)
//! and hands each large file's data to the disk while it is still being
//! made, through one thread of the process that only syncs
//! (writeback.rs); the sync before the switch still decides what is on
//! disk.

mod atomic;
mod files;
mod folder;
mod fresh;
mod made;
mod plain;
mod single;
mod writeback;

pub use atomic::write_atomically;
pub use files::{Publication, UID_DOMAINS_RECORD, UID_DOMAIN_RECORD};
pub use folder::{
    check_out, Changes, Content, Layout, Make, Outcome, PublishFolder,
    MAX_RECORD,
};

/// An I/O result with what was being done, as [`convenor_core::Error::Io`].
trait IoContext<T> {
    fn what(self, what: impl FnOnce() -> String) -> crate::Result<T>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn what(self, what: impl FnOnce() -> String) -> crate::Result<T> {
        self.map_err(|e| convenor_core::Error::io(what(), e))
    }
}
