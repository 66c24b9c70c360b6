//! The `folio` command line: clap's low-level flags ([`args`]) resolved into
//! the pipeline's options ([`options`]), one function per command, what they
//! say worded in [`summary`] and printed through one [`Printer`].

pub mod alloc;
mod args;
mod build;
mod man;
mod options;
mod print;
mod summary;

use std::io::Read;
use std::path::Path;

use clap::CommandFactory;
use folio::commands::init;
use folio::diag::{Diagnostic, Location, Report};

pub use args::Args;
use args::Command;
pub use print::Printer;

/// Run the command, printing through `out`: exit 0 on success, 1 when the
/// content has errors, a PDF is stale or a file cannot be read or written.
/// (clap itself exits 2 on command-line misuse.)
pub fn run(args: Args, out: &Printer) -> u8 {
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
        Command::Sample { n, varied, full } => {
            out.stdout(&if varied {
                folio::testing::sample_varied(n)
            } else if full {
                folio::testing::sample_full(n)
            } else {
                folio::testing::sample(n)
            });
            true
        }
    };
    if ok {
        0
    } else {
        1
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

/// The text of a JSON Resume file: a regular file (a named pipe or a device is
/// refused at once) of at most the content files' size limit.
fn read_json(file: &Path) -> Result<String, String> {
    use folio::content::files::{read_limited, NotAFile};
    let limit = folio::content::MAX_FILE_BYTES;
    let bytes = read_limited(file, limit).map_err(|e| match e {
        NotAFile::Missing => "there is no such file".to_string(),
        NotAFile::Folder => "it is a folder".to_string(),
        NotAFile::Special(kind) => format!("it is {kind}, not a file (use - to read standard input)"),
        NotAFile::TooBig(n) => format!("it is {n} bytes; folio imports files of up to {limit} bytes"),
        NotAFile::Io(e) => e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())
}

/// `folio import FILE`: the content file on stdout, what was left out on stderr.
fn import(file: &Path, out: &Printer) -> bool {
    let stdin = file == Path::new("-");
    let mut text = String::new();
    let read = if stdin {
        std::io::stdin()
            .read_to_string(&mut text)
            .map(|_| ())
            .map_err(|e| e.to_string())
    } else {
        read_json(file).map(|t| text = t)
    };
    if let Err(why) = read {
        out.problem(
            Diagnostic::error(Location::None, format!("cannot read {}: {why}", file.display()))
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
