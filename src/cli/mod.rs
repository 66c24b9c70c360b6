//! The `folio` command line: clap's low-level flags ([`args`]) resolved into
//! the pipeline's options ([`options`]), one function per command, what they
//! say worded in [`summary`] and printed through one [`Printer`].

mod args;
mod build;
mod man;
mod options;
mod print;
mod summary;

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use folio::commands::init;
use folio::diag::{Diagnostic, Location, Report};

pub use args::Args;
use args::Command;
pub use print::Printer;

/// Run the command, printing through `out`: exit 0 on success, 1 when the
/// content has errors, a PDF is stale or a file cannot be read or written.
/// (clap itself exits 2 on command-line misuse.)
pub fn run(args: Args, out: &Printer) -> ExitCode {
    let ok = match args.command {
        Command::Build(args) => build::build(&args, out),
        Command::Check(args) => build::check(&args, out),
        Command::Init { dir } => init(&dir, out),
        Command::Schema => {
            out.stdout(&folio::commands::schema::to_string());
            true
        }
        Command::Import { file, .. } => import(&file, out),
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Args::command(), "folio", &mut text);
            out.stdout(&String::from_utf8_lossy(&text));
            true
        }
        Command::Man { dir } => man::man(dir.as_deref(), out),
        #[cfg(feature = "testing")]
        Command::Sample { n, full } => {
            out.stdout(&if full {
                folio::testing::sample_full(n)
            } else {
                folio::testing::sample(n)
            });
            true
        }
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `folio init DIR`.
fn init(dir: &Path, out: &Printer) -> bool {
    match init::init(dir) {
        Ok(written) => {
            for f in &written {
                out.line(&format!("created {}", f.display()));
            }
            out.line(&summary::initialised(dir));
            true
        }
        Err(d) => {
            out.problem(d);
            false
        }
    }
}

/// `folio import FILE`: the content file on stdout, what was left out on stderr.
fn import(file: &Path, out: &Printer) -> bool {
    let stdin = file == Path::new("-");
    let mut text = String::new();
    let read = if stdin {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    if let Err(e) = read {
        out.problem(
            Diagnostic::error(Location::None, format!("cannot read {}: {e}", file.display()))
                .with_hint("give the path of a JSON Resume file, or - for standard input"),
        );
        return false;
    }
    let shown = if stdin { Path::new("standard input") } else { file };
    match folio::commands::import::import(shown, &text) {
        Ok(imported) => {
            out.report(&Report {
                source: None,
                diagnostics: imported.warnings.clone(),
            });
            out.note(&summary::imported(shown, &imported.counts, imported.warnings.len()));
            out.stdout(&imported.toml);
            true
        }
        Err(report) => {
            out.report(&report);
            false
        }
    }
}
