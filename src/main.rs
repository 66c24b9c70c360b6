//! The `folio` command: parse flags, run a stage pipeline, print what it
//! reports in one place, and map the outcome to an exit status
//! (0 success, 1 content errors, 2 command-line misuse).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use folio::diag::{self, Format, Report};

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Typeset a portfolio PDF and a one-page résumé from one TOML file describing your work."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the portfolio PDF (and with --resume the one-page résumé) from a content file.
    Build(BuildArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The content file to build.
    #[arg(value_name = "CONTENT.toml", default_value = "content/portfolio.toml")]
    content: PathBuf,
    /// Folder to write the PDFs into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "output")]
    out_dir: PathBuf,
    /// Also write the one-page résumé (resume.pdf) from the same content.
    #[arg(long)]
    resume: bool,
    /// Write only this PDF.
    #[arg(long, value_enum, value_name = "WHICH")]
    only: Option<Only>,
    /// Tailor the résumé to these tags (comma-separated): matching systems first, matches highlighted.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    focus: Vec<String>,
    /// Fail (exit 1, write nothing) instead of leaving anything out of the résumé to fit one page.
    #[arg(long)]
    strict_fit: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Only {
    Portfolio,
    Resume,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = Format::Human {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    match cli.command {
        Command::Build(args) => build(args, format),
    }
}

fn build(args: BuildArgs, format: Format) -> ExitCode {
    let date = match folio::source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()) {
        Ok(d) => d,
        Err(d) => {
            return fail(
                format,
                &Report {
                    source: None,
                    diagnostics: vec![d],
                },
            )
        }
    };
    let outputs = folio::Outputs {
        portfolio: args.only != Some(Only::Resume),
        resume: (args.resume || args.only == Some(Only::Resume)) && args.only != Some(Only::Portfolio),
    };
    let opts = folio::BuildOptions {
        outputs,
        focus: args.focus,
        strict_fit: args.strict_fit,
        date,
        ..folio::BuildOptions::new(args.content, args.out_dir)
    };
    match folio::build(&opts) {
        Ok(built) => {
            print_report(format, &built.report);
            for f in &built.files {
                let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
                println!("wrote {} ({:.1} KB)", f.display(), size as f64 / 1024.0);
            }
            ExitCode::SUCCESS
        }
        Err(report) => fail(format, &report),
    }
}

fn print_report(format: Format, report: &Report) {
    let mut err = std::io::stderr().lock();
    diag::emit(&mut err, format, report.source.as_ref(), &report.diagnostics);
}

fn fail(format: Format, report: &Report) -> ExitCode {
    print_report(format, report);
    ExitCode::from(1)
}
