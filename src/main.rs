//! The `folio` command: parse flags, run a stage pipeline, print what it
//! reports in one place, and map the outcome to an exit status
//! (0 success, 1 content errors, 2 command-line misuse).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use folio::diag::{self, Diagnostic, Format, Report};

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
    /// Check a content file and report every error and warning a build would, writing nothing.
    Check(CheckArgs),
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
    #[command(flatten)]
    resume_opts: ResumeArgs,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The content file to check.
    #[arg(value_name = "CONTENT.toml", default_value = "content/portfolio.toml")]
    content: PathBuf,
    #[command(flatten)]
    resume_opts: ResumeArgs,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(clap::Args)]
struct ResumeArgs {
    /// Tailor the résumé to these tags (comma-separated): matching systems first, matches highlighted.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    focus: Vec<String>,
    /// Fail (exit 1, write nothing) instead of leaving anything out of the résumé to fit one page.
    #[arg(long)]
    strict_fit: bool,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// How to print errors and warnings on stderr: for people, or one JSON object per line.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    format: FormatArg,
    /// Treat warnings as errors: exit 1, and write nothing.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Only {
    Portfolio,
    Resume,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

impl ReportArgs {
    fn format(&self) -> Format {
        match self.format {
            FormatArg::Json => Format::Json,
            FormatArg::Human => Format::Human {
                color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            },
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (opts, report_args, checking) = match cli.command {
        Command::Build(args) => {
            let outputs = folio::Outputs {
                portfolio: args.only != Some(Only::Resume),
                resume: (args.resume || args.only == Some(Only::Resume)) && args.only != Some(Only::Portfolio),
            };
            let opts = folio::BuildOptions {
                outputs,
                ..options(
                    folio::BuildOptions::new(args.content, args.out_dir),
                    &args.resume_opts,
                    &args.report,
                )
            };
            (opts, args.report, false)
        }
        Command::Check(args) => {
            // Both outputs, so that every warning a build could give shows.
            let outputs = folio::Outputs {
                portfolio: true,
                resume: true,
            };
            let opts = folio::BuildOptions {
                outputs,
                ..options(
                    folio::BuildOptions::new(args.content, ""),
                    &args.resume_opts,
                    &args.report,
                )
            };
            (opts, args.report, true)
        }
    };
    let format = report_args.format();
    let opts = match folio::source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()) {
        Ok(date) => folio::BuildOptions { date, ..opts },
        Err(d) => {
            let report = Report {
                source: None,
                diagnostics: vec![d],
            };
            print_report(format, &report);
            return ExitCode::from(1);
        }
    };
    if checking {
        check(&opts, format)
    } else {
        build(&opts, format)
    }
}

fn options(base: folio::BuildOptions, resume: &ResumeArgs, report: &ReportArgs) -> folio::BuildOptions {
    folio::BuildOptions {
        focus: resume.focus.clone(),
        strict_fit: resume.strict_fit,
        deny_warnings: report.deny_warnings,
        ..base
    }
}

fn build(opts: &folio::BuildOptions, format: Format) -> ExitCode {
    match folio::build(opts) {
        Ok(built) => {
            print_report(format, &built.report);
            for f in &built.files {
                let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
                println!("wrote {} ({:.1} KB)", f.display(), size as f64 / 1024.0);
            }
            ExitCode::SUCCESS
        }
        Err(report) => {
            print_report(format, &report);
            let (errors, warnings) = counts(&report);
            // A build that fails after writing a PDF says so in a detached warning.
            let wrote_nothing = !report.diagnostics.iter().any(|d| d.detached && !d.is_error());
            let line = if errors == 0 {
                format!(
                    "build failed: --deny-warnings treats the {} above as errors; no PDF was written",
                    plural(warnings, "warning")
                )
            } else if wrote_nothing {
                format!("build failed with {}; no PDF was written", tally(errors, warnings))
            } else {
                format!("build failed with {}", tally(errors, warnings))
            };
            summary(format, Diagnostic::error(None, line));
            ExitCode::from(1)
        }
    }
}

fn check(opts: &folio::BuildOptions, format: Format) -> ExitCode {
    let report = folio::check(opts);
    print_report(format, &report);
    let (errors, warnings) = counts(&report);
    let file = opts.content.display();
    let failed = errors > 0 || (opts.deny_warnings && warnings > 0);
    if errors > 0 {
        summary(
            format,
            Diagnostic::error(None, format!("{file} has {}", tally(errors, warnings))),
        );
    } else if warnings > 0 && opts.deny_warnings {
        summary(
            format,
            Diagnostic::error(
                None,
                format!(
                    "{file} has {}, which --deny-warnings treats as errors",
                    plural(warnings, "warning")
                ),
            ),
        );
    } else if warnings > 0 {
        summary(
            format,
            Diagnostic::warning(
                None,
                format!("{file} has no errors and {}", plural(warnings, "warning")),
            ),
        );
    } else if format == Format::Json {
        // Nothing to report: JSON output stays empty.
    } else {
        println!("{file}: no errors or warnings");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The closing line of a report, for people only (JSON output holds just the diagnostics).
fn summary(format: Format, d: Diagnostic) {
    if let Format::Human { .. } = format {
        print_report(
            format,
            &Report {
                source: None,
                diagnostics: vec![d],
            },
        );
    }
}

fn counts(report: &Report) -> (usize, usize) {
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, report.diagnostics.len() - errors)
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// `2 errors`, `1 error and 3 warnings`.
fn tally(errors: usize, warnings: usize) -> String {
    if warnings == 0 {
        plural(errors, "error")
    } else {
        format!("{} and {}", plural(errors, "error"), plural(warnings, "warning"))
    }
}

fn print_report(format: Format, report: &Report) {
    let mut err = std::io::stderr().lock();
    diag::emit(&mut err, format, report.source.as_ref(), &report.diagnostics);
}
