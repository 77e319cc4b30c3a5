//! Lets every target build on stable as an ordinary binary that replays
//! inputs: under `cargo fuzz` (`cfg(fuzzing)`) libFuzzer provides `main`;
//! otherwise [`maybe_define_main!`] defines one that runs each file given
//! on the command line (or, with no arguments, every file of the target's
//! committed corpus `fuzz/corpus/TARGET/` and regressions
//! `testdata/fuzz/TARGET/`) through the same function libFuzzer calls.

use std::error::Error;
use std::ffi::c_int;
use std::path::{Path, PathBuf};
use std::{env, fs, ptr};

extern "C" {
    // Set up by libfuzzer-sys: installs the panic hook that aborts, so a
    // panic in a replayed input fails the run as it would under libFuzzer.
    fn LLVMFuzzerInitialize(
        argc: *const isize,
        argv: *const *const *const u8,
    ) -> c_int;

    // Defined by `fuzz_target!`: runs one input through the target.
    #[allow(improper_ctypes)]
    fn rust_fuzzer_test_input(input: &[u8]) -> i32;
}

/// The files to replay: the arguments (files or folders), or the
/// target's corpus and regression folders.
fn inputs(target: &str) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let args: Vec<PathBuf> =
        env::args_os().skip(1).map(PathBuf::from).collect();
    let roots = if args.is_empty() {
        let fuzz = Path::new(env!("CARGO_MANIFEST_DIR"));
        vec![
            fuzz.join("corpus").join(target),
            fuzz.join("../testdata/fuzz").join(target),
        ]
    } else {
        args
    };
    let mut files = Vec::new();
    for root in roots {
        if root.is_dir() {
            for entry in fs::read_dir(&root)? {
                let path = entry?.path();
                if path.is_file() {
                    files.push(path);
                }
            }
        } else if root.is_file() {
            files.push(root);
        }
    }
    files.sort();
    Ok(files)
}

#[allow(unused)]
pub fn main(target: &str) -> Result<(), Box<dyn Error>> {
    // SAFETY: libfuzzer-sys accepts null argc/argv (it only reads them
    // when RUST_LIBFUZZER_DEBUG_PATH-style options are set).
    unsafe {
        let _ = LLVMFuzzerInitialize(ptr::null(), ptr::null());
    }
    let files = inputs(target)?;
    for file in &files {
        let content = fs::read(file)?;
        // SAFETY: the function only reads the slice.
        unsafe {
            let _ = rust_fuzzer_test_input(&content);
        }
    }
    println!("{target}: replayed {} inputs", files.len());
    if files.is_empty() {
        return Err(format!("{target}: no inputs to replay").into());
    }
    Ok(())
}

#[macro_export]
macro_rules! maybe_define_main {
    () => {
        #[cfg(not(fuzzing))]
        fn main() -> std::process::ExitCode {
            match $crate::shim::main(env!("CARGO_BIN_NAME")) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
    };
}
