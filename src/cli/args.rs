//! The command line as clap parses it: the low-level flags, each as typed.
//! [`super::options`] resolves them into what the pipeline needs.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "folio",
    version,
    about = "Typeset a portfolio PDF and a one-page résumé from one TOML file describing your work."
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the portfolio PDF (and with --resume the one-page résumé) from a content file.
    Build(BuildArgs),
    /// Check a content file and report every error and warning a build would, writing nothing.
    Check(CheckArgs),
    /// Create a starter project in DIR: a commented content file that builds as it is,
    /// its JSON Schema, a README, .gitignore and a GitHub Actions workflow.
    Init {
        /// The folder to create the project in (created if missing; no file in it is overwritten).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of the content format, for editors (Taplo, Even Better TOML).
    Schema,
    /// Translate a JSON Resume file into a content file, printed on stdout.
    Import {
        /// The JSON Resume file (https://jsonresume.org/schema); `-` reads standard input.
        #[arg(value_name = "RESUME.json")]
        file: PathBuf,
        #[command(flatten)]
        report: FormatArgs,
    },
    /// Print shell completions for bash, zsh, fish, elvish or powershell.
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Write the man pages into DIR: folio.1 and one per command (folio-build.1, ...).
    /// Without DIR, print folio.1 (roff) on stdout, e.g. `folio man > folio.1`.
    Man {
        /// The folder to write the pages into (created if missing; pages in it are replaced).
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Print a generated portfolio of N systems with case studies (for benchmarks).
    #[cfg(feature = "testing")]
    #[command(hide = true)]
    Sample {
        n: usize,
        /// Systems that differ in length (`testing::sample_varied`).
        #[arg(long, conflicts_with = "full")]
        varied: bool,
        /// Full case studies: every field a few paragraphs, 3-4 metrics, 10 experience entries.
        #[arg(long)]
        full: bool,
    },
}

#[derive(clap::Args)]
pub struct BuildArgs {
    /// The content file to build; several files, or a folder of .toml files, build in
    /// parallel, each into its own folder DIR/<file name without .toml>/.
    #[arg(value_name = "CONTENT.toml", default_value = "content/portfolio.toml")]
    pub content: Vec<PathBuf>,
    /// Folder to write the PDFs into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out_dir: PathBuf,
    /// Also write the one-page résumé (resume.pdf) from the same content.
    #[arg(long)]
    pub resume: bool,
    /// Write only this PDF.
    #[arg(long, value_enum, value_name = "WHICH")]
    pub only: Option<Only>,
    /// Also write every [[applications]] entry: DIR/applications/<id>/resume.pdf, tailored
    /// to it, and cover-letter.pdf when it has a letter.
    #[arg(long)]
    pub applications: bool,
    /// Write just this application (its id; repeatable), as --applications does.
    #[arg(long = "application", value_name = "ID", conflicts_with = "applications")]
    pub application: Vec<String>,
    /// Which files to write for each document (comma-separated): pdf, txt (resume.txt,
    /// cover-letter.txt), md (resume.md, cover-letter.md), json (portfolio.json, a JSON Resume).
    #[arg(
        long,
        value_enum,
        value_name = "FORMATS",
        value_delimiter = ',',
        default_value = "pdf"
    )]
    pub formats: Vec<FormatName>,
    /// Write nothing; exit 1 when a PDF in the output folder is missing or differs
    /// from what the content gives now, naming each.
    #[arg(long, conflicts_with = "watch")]
    pub check: bool,
    /// Build, then rebuild on every save of the content file or its photo (Ctrl-C to stop).
    #[arg(long)]
    pub watch: bool,
    /// The creation date written into the PDFs (by default none, or SOURCE_DATE_EPOCH's).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub files: FilesArgs,
    #[command(flatten)]
    pub resume_opts: ResumeArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The content file to check.
    #[arg(value_name = "CONTENT.toml", default_value = "content/portfolio.toml")]
    pub content: PathBuf,
    #[command(flatten)]
    pub files: FilesArgs,
    #[command(flatten)]
    pub resume_opts: ResumeArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(clap::Args)]
pub struct FilesArgs {
    /// The folder the files the content names (the photo, the fonts) must lie in; by
    /// default the content file's own folder.
    #[arg(long, value_name = "DIR", value_parser = parse_folder)]
    pub root: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ResumeArgs {
    /// Tailor the résumé to these tags (comma-separated): matching systems first, matches highlighted.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub focus: Vec<String>,
    /// Fail (exit 1, write nothing) instead of leaving anything out of the résumé to fit one page.
    #[arg(long)]
    pub strict_fit: bool,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// Treat warnings as errors: exit 1, and write nothing.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(clap::Args)]
pub struct FormatArgs {
    /// How to print errors and warnings on stderr: for people, or one JSON object per line.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    pub format: FormatArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Only {
    Portfolio,
    Resume,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatName {
    Pdf,
    Txt,
    Md,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
}

/// `--root`: a folder that exists.
fn parse_folder(s: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(s);
    if path.is_dir() {
        Ok(path)
    } else {
        Err(format!("`{s}` is not a folder"))
    }
}

/// `--date`: a calendar date, written as midnight UTC.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|_| s.trim().len() == 10)
        .ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD, such as 2025-01-31"))
}

impl Args {
    /// How the command prints its errors and warnings: its `--format`, or for
    /// people when it has none.
    pub fn format(&self) -> FormatArg {
        match &self.command {
            Command::Build(b) => b.report.format.format,
            Command::Check(c) => c.report.format.format,
            Command::Import { report, .. } => report.format,
            _ => FormatArg::Human,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }

    #[test]
    fn dates_are_written_in_full() {
        assert_eq!(
            parse_date(" 2025-01-31 "),
            chrono::NaiveDate::from_ymd_opt(2025, 1, 31).ok_or(String::new())
        );
        assert!(parse_date("2025-1-31").is_err());
        assert!(parse_date("2025-02-30").is_err());
    }
}
