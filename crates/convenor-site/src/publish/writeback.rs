//! A large file's data sent to the disk while the publish still makes
//! it, so the sync at the end of a publish has little left to wait for.
//!
//! At 100,000 meetings a publish after one edit writes 330 MB of
//! whole-schedule files (`occurrences.json` alone 253 MB), and the
//! syncfs(2) before the switch waited 0.65 s for them after every byte
//! was made (issue 30). Here each further [`STEP`] bytes of a file start
//! its writeback on a thread of their own (fdatasync(2) of a duplicate
//! descriptor), while the publish goes on making the next bytes. The
//! sync before the switch still decides what is on disk and reports any
//! failure; this only starts the disk's work early.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::{self, SyncSender};
use std::sync::OnceLock;

/// How many bytes a file gets written between two starts of its
/// writeback: small files (each meeting's feed) never start one.
pub(super) const STEP: u64 = 16 * 1024 * 1024;

/// A file being written, whose data is sent to the disk every [`STEP`]
/// bytes, and once more when it is closed if it reached [`STEP`].
pub(super) struct EarlyWriteback {
    file: File,
    written: u64,
    /// Written since the last start of its writeback.
    unsent: u64,
}

impl EarlyWriteback {
    pub(super) fn new(file: File) -> EarlyWriteback {
        EarlyWriteback { file, written: 0, unsent: 0 }
    }

    fn send(&mut self) {
        self.unsent = 0;
        if let (Some(syncer), Ok(copy)) = (syncer(), self.file.try_clone()) {
            // Full: a sync of this file or another is waiting to run and
            // covers these bytes or leaves them to the sync at the end.
            let _ = syncer.try_send(copy);
        }
    }
}

impl Write for EarlyWriteback {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        self.unsent += n as u64;
        if self.unsent >= STEP {
            self.send();
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for EarlyWriteback {
    fn drop(&mut self) {
        if self.written >= STEP && self.unsent > 0 {
            self.send();
        }
    }
}

/// The one thread of the process that syncs the files sent to it, in
/// turn; `None` where no thread can be started (then the sync at the
/// end does it all).
fn syncer() -> Option<&'static SyncSender<File>> {
    static SYNCER: OnceLock<Option<SyncSender<File>>> = OnceLock::new();
    SYNCER
        .get_or_init(|| {
            let (send, receive) = mpsc::sync_channel::<File>(4);
            std::thread::Builder::new()
                .name("convenor-writeback".into())
                .spawn(move || {
                    for file in receive {
                        // Its failure is the final sync's to report.
                        let _ = file.sync_data();
                    }
                })
                .ok()?;
            Some(send)
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_file_written_in_steps_has_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        let file = File::create(&path).unwrap();
        let mut w = io::BufWriter::new(EarlyWriteback::new(file));
        let chunk = vec![b'x'; 1 << 20];
        let total = STEP as usize * 2 + 12_345;
        let mut left = total;
        while left > 0 {
            let n = left.min(chunk.len());
            w.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        w.flush().unwrap();
        drop(w);
        let mut back = Vec::new();
        File::open(&path).unwrap().read_to_end(&mut back).unwrap();
        assert_eq!(back.len(), total);
        assert!(back.iter().all(|&b| b == b'x'));
    }
}
