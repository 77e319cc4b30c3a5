//! The `convenor` binary: `main` → `run` → exit code. Errors are printed
//! once, with their context; a closed pipe (`convenor agenda | head`) is
//! not an error.

mod cli;
mod commands;
mod config;
mod edit;
mod import;
mod output;
mod publish;
mod stdout;
mod style;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

/// Exit codes: 0 success, 1 warnings denied by `--deny-warnings`, 2 bad
/// input (a schedule, a flag value), 3 anything else (I/O).
pub mod exit {
    /// Warnings, with `--deny-warnings`.
    pub const WARNINGS: u8 = 1;
    /// The input was invalid.
    pub const BAD_INPUT: u8 = 2;
    /// Something else failed.
    pub const FAILURE: u8 = 3;
}

/// Bad input from the command line: exits with [`exit::BAD_INPUT`].
#[derive(Debug)]
pub struct BadInput(pub String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// An error already rendered for the terminal (control characters in
/// quoted text escaped by the library): printed as it is, lines and all.
#[derive(Debug)]
pub struct Rendered {
    /// The lines to print.
    pub text: String,
    /// Whether it is the input's fault.
    pub bad_input: bool,
}

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Rendered {}

fn main() -> ExitCode {
    // The tz database is chosen before the flags are parsed, so that
    // `--version` can say which one this run uses.
    let tzdata = match tzdata_choice(std::env::args_os()) {
        Some(choice) => convenor::Tzdata::from_choice(&choice),
        None => convenor::Tzdata::detect(),
    };
    let tzdata = match tzdata {
        Ok(t) => t,
        Err(err) => {
            eprintln!(
                "convenor: {}",
                convenor::quote::escape_controls(&err.to_string())
            );
            return ExitCode::from(exit::BAD_INPUT);
        }
    };
    tzdata.install();
    let version = format!("{} (tzdata {tzdata})", env!("CARGO_PKG_VERSION"));
    let command = cli::with_exit_codes(cli::Cli::command())
        .version(&*Box::leak(version.into_boxed_str()));
    let cli = match cli::Cli::from_arg_matches(&command.get_matches()) {
        Ok(cli) => cli,
        Err(err) => err.exit(),
    };
    let stdout = std::io::stdout();
    // 64 KiB, not the default 8: a streamed listing of a year of a large
    // schedule is hundreds of MB, and each flush is a system call.
    let mut out = std::io::BufWriter::with_capacity(
        64 * 1024,
        stdout::Guarded {
            inner: stdout.lock(),
            closed: stdout::closed_at_start(),
        },
    );
    let result = commands::run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = out.flush();
            // Messages quote names, ids and values from the file and
            // the flags: escaped, so none reaches the terminal as a
            // control sequence.
            let message = format!("{err:#}");
            let rendered = err.downcast_ref::<Rendered>();
            match rendered {
                Some(r) if err.chain().count() == 1 => {
                    eprintln!("convenor: {r}")
                }
                _ => eprintln!(
                    "convenor: {}",
                    convenor::quote::escape_controls(&message)
                ),
            }
            let bad_input = err.chain().any(|e| {
                e.is::<BadInput>()
                    || e.downcast_ref::<Rendered>()
                        .is_some_and(|r| r.bad_input)
                    || e.downcast_ref::<convenor::Error>()
                        .is_some_and(convenor::Error::is_bad_input)
            });
            ExitCode::from(if bad_input {
                exit::BAD_INPUT
            } else {
                exit::FAILURE
            })
        }
    }
}

/// The value of `--tzdata` (`--tzdata X` or `--tzdata=X`), read ahead
/// of clap, which checks the flag again with all the others.
fn tzdata_choice(
    args: impl IntoIterator<Item = std::ffi::OsString>,
) -> Option<String> {
    let mut args = args.into_iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--tzdata" {
            return args.next();
        }
        if let Some(value) = arg.strip_prefix("--tzdata=") {
            return Some(value.to_string());
        }
    }
    None
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
