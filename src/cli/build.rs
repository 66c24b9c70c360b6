//! `folio build` (write, `--check` or `--watch`) and `folio check`: resolve the
//! flags, run the pipeline, print what it reports.

use std::time::Duration;

use folio::{BuildOptions, Built, Failed};

use super::args::{BuildArgs, CheckArgs};
use super::options::{self, Mode, Unresolved};
use super::print::Printer;
use super::summary::{self, Checked};

/// `folio build`; whether every build succeeded (and, with `--check`, every PDF is up to date).
pub fn build(args: &BuildArgs, out: &Printer) -> bool {
    let resolved = match options::build(args) {
        Ok(resolved) => resolved,
        Err(Unresolved::Date(d)) => {
            out.problem(d);
            return false;
        }
        Err(Unresolved::Contents(d)) => {
            out.problem(d);
            out.summary(summary::unlisted());
            return false;
        }
    };
    let (builds, many) = (&resolved.builds, resolved.many);
    match resolved.mode {
        Mode::Check => compare(builds, many, out),
        Mode::Watch => watch(builds, many, out),
        Mode::Write => {
            let mut ok = true;
            for (opts, result) in builds.iter().zip(folio::build_many(builds)) {
                ok &= built(opts, result, many, None, out);
            }
            ok
        }
    }
}

/// Print what one build did; whether it succeeded. `took` is given while watching.
fn built(
    opts: &BuildOptions,
    result: Result<Built, Failed>,
    many: bool,
    took: Option<Duration>,
    out: &Printer,
) -> bool {
    match result {
        Ok(built) => {
            out.report(&built.report);
            for line in summary::wrote(&built.files, took) {
                out.line(&line);
            }
            true
        }
        Err(failed) => {
            out.report(&failed.report);
            out.summary(summary::build_failed(opts, &failed, many, took.is_some()));
            false
        }
    }
}

/// `--check`: compare, name every stale or missing PDF, write nothing.
fn compare(builds: &[BuildOptions], many: bool, out: &Printer) -> bool {
    let mut ok = true;
    for opts in builds {
        match folio::compare(opts) {
            Ok((compared, report)) => {
                out.report(&report);
                for (path, state) in compared {
                    match summary::stale(&path, &opts.content, &state) {
                        None => {
                            if out.human() {
                                out.line(&format!("{} is up to date", path.display()));
                            }
                        }
                        Some(problem) => {
                            ok = false;
                            out.problem(problem);
                        }
                    }
                }
            }
            Err(report) => {
                ok = false;
                built(opts, Err(Failed::nothing_written(report)), many, None, out);
            }
        }
    }
    ok
}

/// `--watch`: build, then rebuild on every save until the watcher fails.
fn watch(builds: &[BuildOptions], many: bool, out: &Printer) -> bool {
    let files: Vec<String> = builds.iter().map(|b| b.content.display().to_string()).collect();
    out.status(&format!("watching {} for changes; Ctrl-C to stop", files.join(", ")));
    let result = folio::commands::watch::watch(builds, |outcome| {
        built(outcome.opts, outcome.result, many, Some(outcome.took), out);
    });
    match result {
        Ok(()) => true,
        Err(message) => {
            out.problem(folio::diag::Diagnostic::error(folio::diag::Location::None, message));
            false
        }
    }
}

/// `folio check`; whether the content passes.
pub fn check(args: &CheckArgs, out: &Printer) -> bool {
    let opts = match options::check(args) {
        Ok(opts) => opts,
        Err(d) => {
            out.problem(d);
            return false;
        }
    };
    let report = folio::check(&opts);
    out.report(&report);
    let (closing, failed) = summary::checked(&opts.content, &report, opts.deny_warnings);
    match closing {
        Checked::Summary(d) => out.summary(d),
        // Nothing to report: JSON output stays empty.
        Checked::Clean(line) => {
            if out.human() {
                out.line(&line);
            }
        }
    }
    !failed
}
