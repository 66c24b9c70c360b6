//! The `folio` command: parse flags, call one library function per command,
//! print what it reports in one place, and map the outcome to an exit status
//! (0 success, 1 content errors or stale PDFs, 2 command-line misuse).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser, Subcommand};
use folio::diag::{self, Diagnostic, Format, Location, Report};
use folio::{BuildOptions, Freshness};

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
    /// Print the man page (roff), e.g. `folio man > folio.1`.
    Man,
    /// Print a generated portfolio of N systems with case studies (for benchmarks).
    #[command(hide = true)]
    Sample { n: usize },
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The content file to build; several files, or a folder of .toml files, build in
    /// parallel, each into its own folder DIR/<file name without .toml>/.
    #[arg(value_name = "CONTENT.toml", default_value = "content/portfolio.toml")]
    content: Vec<PathBuf>,
    /// Folder to write the PDFs into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "output")]
    out_dir: PathBuf,
    /// Also write the one-page résumé (resume.pdf) from the same content.
    #[arg(long)]
    resume: bool,
    /// Write only this PDF.
    #[arg(long, value_enum, value_name = "WHICH")]
    only: Option<Only>,
    /// Write nothing; exit 1 when a PDF in the output folder is missing or differs
    /// from what the content gives now, naming each.
    #[arg(long, conflicts_with = "watch")]
    check: bool,
    /// Build, then rebuild on every save of the content file or its photo (Ctrl-C to stop).
    #[arg(long)]
    watch: bool,
    /// The creation date written into the PDFs (by default none, or SOURCE_DATE_EPOCH's).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
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
    #[command(flatten)]
    format: FormatArgs,
    /// Treat warnings as errors: exit 1, and write nothing.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(clap::Args)]
struct FormatArgs {
    /// How to print errors and warnings on stderr: for people, or one JSON object per line.
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "human")]
    format: FormatArg,
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

impl FormatArgs {
    fn format(&self) -> Format {
        match self.format {
            FormatArg::Json => Format::Json,
            FormatArg::Human => Format::Human {
                color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            },
        }
    }
}

/// `--date`: a calendar date, written as midnight UTC.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .ok()
        .filter(|_| s.trim().len() == 10)
        .ok_or_else(|| format!("`{s}` is not a date written YYYY-MM-DD, such as 2025-01-31"))
}

/// mimalloc: a third faster than glibc's malloc on long portfolios, where
/// printpdf and lopdf allocate per glyph (built without transparent huge pages,
/// which made a two-page build's arena resident at once).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build_command(args),
        Command::Check(args) => check_command(args),
        Command::Init { dir } => init_command(&dir),
        Command::Schema => print_stdout(&folio::schema::to_string()),
        Command::Import { file, report } => import_command(&file, report.format()),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "folio", &mut out);
            print_stdout(&String::from_utf8_lossy(&out))
        }
        Command::Sample { n } => print_stdout(&folio::sample::generated(n)),
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => print_stdout(&String::from_utf8_lossy(&out)),
                Err(e) => fail(
                    Format::Human { color: false },
                    Diagnostic::error(Location::None, e.to_string()),
                ),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// build and check
// ---------------------------------------------------------------------------

fn options(base: BuildOptions, resume: &ResumeArgs, report: &ReportArgs) -> BuildOptions {
    BuildOptions {
        focus: resume.focus.clone(),
        strict_fit: resume.strict_fit,
        deny_warnings: report.deny_warnings,
        ..base
    }
}

/// The creation date: `--date` if given, else `SOURCE_DATE_EPOCH`, else none.
fn creation_date(flag: Option<chrono::NaiveDate>) -> Result<Option<chrono::NaiveDateTime>, Diagnostic> {
    match flag {
        Some(d) => Ok(d.and_hms_opt(0, 0, 0)),
        None => folio::source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
    }
}

fn build_command(args: BuildArgs) -> ExitCode {
    let format = args.report.format.format();
    let date = match creation_date(args.date) {
        Ok(date) => date,
        Err(d) => return fail(format, d),
    };
    let outputs = folio::Outputs {
        portfolio: args.only != Some(Only::Resume),
        resume: (args.resume || args.only == Some(Only::Resume)) && args.only != Some(Only::Portfolio),
    };
    let (contents, many) = match content_files(&args.content, &args.out_dir) {
        Ok(found) => found,
        Err(d) => {
            print_report(format, &detached(d));
            summary(
                format,
                Diagnostic::error(Location::None, "build failed with 1 error; no PDF was written"),
            );
            return ExitCode::from(1);
        }
    };
    let builds: Vec<BuildOptions> = contents
        .into_iter()
        .map(|content| {
            let out_dir = if many {
                args.out_dir.join(content.file_stem().unwrap_or_default())
            } else {
                args.out_dir.clone()
            };
            BuildOptions {
                outputs,
                date,
                ..options(BuildOptions::new(content, out_dir), &args.resume_opts, &args.report)
            }
        })
        .collect();
    if args.check {
        return check_outputs(&builds, format, many);
    }
    if args.watch {
        return watch(&builds, format, many);
    }
    let mut ok = true;
    for (opts, result) in builds.iter().zip(folio::build_many(&builds)) {
        ok &= built(opts, result, format, many, None);
    }
    exit(ok)
}

/// The content files to build, and whether there are several (then each builds
/// into its own folder): the paths given, a folder standing for the .toml files in it.
fn content_files(paths: &[PathBuf], out_dir: &Path) -> Result<(Vec<PathBuf>, bool), Diagnostic> {
    let mut files = Vec::new();
    let mut folder = false;
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        folder = true;
        let mut found: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| Diagnostic::error(Location::None, format!("cannot read the folder {}: {e}", p.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
            .collect();
        if found.is_empty() {
            return Err(Diagnostic::error(
                Location::None,
                format!("{} is a folder with no .toml file in it", p.display()),
            )
            .with_hint("give the path of a .toml file, or of a folder holding .toml files"));
        }
        found.sort();
        files.extend(found);
    }
    let many = folder || files.len() > 1;
    if many {
        // Two files of the same name would write into the same folder.
        let mut seen: Vec<(&std::ffi::OsStr, &Path)> = Vec::new();
        for f in &files {
            let stem = f.file_stem().unwrap_or_default();
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == stem) {
                return Err(Diagnostic::error(
                    Location::None,
                    format!(
                        "{} and {} would both be written to {}",
                        first.display(),
                        f.display(),
                        out_dir.join(stem).display()
                    ),
                )
                .with_hint("each content file builds into a folder named after it: rename one of them"));
            }
            seen.push((stem, f));
        }
    }
    Ok((files, many))
}

/// Print what one build did; whether it succeeded.
fn built(
    opts: &BuildOptions,
    result: Result<folio::Built, Report>,
    format: Format,
    many: bool,
    took: Option<Duration>,
) -> bool {
    let of = if many {
        format!(" of {}", opts.content.display())
    } else {
        String::new()
    };
    match result {
        Ok(built) => {
            print_report(format, &built.report);
            let files: Vec<String> = built
                .files
                .iter()
                .map(|f| {
                    let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
                    format!("{} ({:.1} KB)", f.display(), size as f64 / 1024.0)
                })
                .collect();
            match took {
                Some(t) => println!("wrote {} in {} ms", files.join(" and "), t.as_millis()),
                None => {
                    for f in files {
                        println!("wrote {f}");
                    }
                }
            }
            true
        }
        Err(report) => {
            print_report(format, &report);
            let (errors, warnings) = counts(&report);
            // A build that fails after writing a PDF says so in a detached warning.
            let wrote_nothing = !report
                .diagnostics
                .iter()
                .any(|d| d.location == Location::None && !d.is_error());
            let kept = if took.is_some() {
                format!("; the PDFs in {} were kept as they were", opts.out_dir.display())
            } else {
                "; no PDF was written".to_string()
            };
            let line = if errors == 0 {
                format!(
                    "build{of} failed: --deny-warnings treats the {} above as errors{kept}",
                    plural(warnings, "warning")
                )
            } else if wrote_nothing {
                format!("build{of} failed with {}{kept}", tally(errors, warnings))
            } else {
                format!("build{of} failed with {}", tally(errors, warnings))
            };
            summary(format, Diagnostic::error(Location::None, line));
            false
        }
    }
}

/// `--check`: compare, name every stale or missing PDF, write nothing.
fn check_outputs(builds: &[BuildOptions], format: Format, many: bool) -> ExitCode {
    let mut ok = true;
    for opts in builds {
        match folio::compare(opts) {
            Ok((compared, report)) => {
                print_report(format, &report);
                let content = opts.content.display();
                for (path, state) in compared {
                    let path = path.display();
                    let problem = match state {
                        Freshness::Fresh => {
                            if format != Format::Json {
                                println!("{path} is up to date");
                            }
                            continue;
                        }
                        Freshness::Stale => format!("{path} is stale: it is not what {content} gives now"),
                        Freshness::Missing => format!("{path} is missing"),
                        Freshness::Unreadable(e) => format!("cannot read {path}: {e}"),
                    };
                    ok = false;
                    print_report(
                        format,
                        &detached(Diagnostic::error(Location::None, problem).with_hint(
                            "run the same command without --check to write it, then commit it with the content",
                        )),
                    );
                }
            }
            Err(report) => {
                ok = false;
                built(opts, Err(report), format, many, None);
            }
        }
    }
    exit(ok)
}

fn watch(builds: &[BuildOptions], format: Format, many: bool) -> ExitCode {
    let files: Vec<String> = builds.iter().map(|b| b.content.display().to_string()).collect();
    eprintln!("watching {} for changes; Ctrl-C to stop", files.join(", "));
    let result = folio::watch::watch(builds, |outcome| {
        built(outcome.opts, outcome.result, format, many, Some(outcome.took));
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(format, Diagnostic::error(Location::None, message)),
    }
}

fn check_command(args: CheckArgs) -> ExitCode {
    let format = args.report.format.format();
    // Both outputs, so that every warning a build could give shows.
    let opts = BuildOptions {
        outputs: folio::Outputs {
            portfolio: true,
            resume: true,
        },
        ..options(BuildOptions::new(args.content, ""), &args.resume_opts, &args.report)
    };
    if let Err(d) = creation_date(None) {
        return fail(format, d);
    }
    let report = folio::check(&opts);
    print_report(format, &report);
    let (errors, warnings) = counts(&report);
    let file = opts.content.display();
    let failed = errors > 0 || (opts.deny_warnings && warnings > 0);
    if errors > 0 {
        summary(
            format,
            Diagnostic::error(Location::None, format!("{file} has {}", tally(errors, warnings))),
        );
    } else if warnings > 0 && opts.deny_warnings {
        summary(
            format,
            Diagnostic::error(
                Location::None,
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
                Location::None,
                format!("{file} has no errors and {}", plural(warnings, "warning")),
            ),
        );
    } else if format == Format::Json {
        // Nothing to report: JSON output stays empty.
    } else {
        println!("{file}: no errors or warnings");
    }
    exit(!failed)
}

// ---------------------------------------------------------------------------
// init and import
// ---------------------------------------------------------------------------

fn init_command(dir: &Path) -> ExitCode {
    let format = Format::Human {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    match folio::init::init(dir) {
        Ok(written) => {
            for f in &written {
                println!("created {}", f.display());
            }
            println!(
                "\nNext: cd {} && folio build --resume\n\
                 (edit content/portfolio.toml; `folio build --resume --watch` rebuilds on every save)",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(format, d),
    }
}

fn import_command(file: &Path, format: Format) -> ExitCode {
    let stdin = file == Path::new("-");
    let mut text = String::new();
    let read = if stdin {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    if let Err(e) = read {
        return fail(
            format,
            Diagnostic::error(Location::None, format!("cannot read {}: {e}", file.display()))
                .with_hint("give the path of a JSON Resume file, or - for standard input"),
        );
    }
    let shown = if stdin { Path::new("standard input") } else { file };
    match folio::import::import(shown, &text) {
        Ok(imported) => {
            print_report(
                format,
                &Report {
                    source: None,
                    diagnostics: imported.warnings.clone(),
                },
            );
            let counts: Vec<String> = imported
                .counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| format!("{n} {k}"))
                .collect();
            let skipped = match imported.warnings.len() {
                0 => String::new(),
                n => format!("; {} not imported (above)", plural(n, "field")),
            };
            if format != Format::Json {
                eprintln!(
                    "imported {}: {}{skipped}; check the result with `folio check`",
                    shown.display(),
                    counts.join(", ")
                );
            }
            print_stdout(&imported.toml)
        }
        Err(report) => {
            print_report(format, &report);
            ExitCode::from(1)
        }
    }
}

// ---------------------------------------------------------------------------
// printing
// ---------------------------------------------------------------------------

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Print to stdout; a closed pipe (`folio schema | head`) is not an error.
fn print_stdout(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    ExitCode::SUCCESS
}

fn detached(d: Diagnostic) -> Report {
    Report {
        source: None,
        diagnostics: vec![d],
    }
}

/// Print one error about no file and exit 1.
fn fail(format: Format, d: Diagnostic) -> ExitCode {
    print_report(format, &detached(d));
    ExitCode::from(1)
}

/// The closing line of a report, for people only (JSON output holds just the diagnostics).
fn summary(format: Format, d: Diagnostic) {
    if let Format::Human { .. } = format {
        print_report(format, &detached(d));
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
