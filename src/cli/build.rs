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
    if let [one] = builds.as_slice() {
        if resolved.mode != Mode::Watch && makes_several(one) {
            join_the_pool();
        }
    }
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

/// Whether a build makes its PDFs beside each other on the thread pool (the
/// portfolio and the résumé, or applications). A folder of content files is
/// built on a pool of its own (`build_many`), and `--watch` waits on this thread.
fn makes_several(opts: &BuildOptions) -> bool {
    opts.makes_both_at_once() || (opts.formats.pdf && opts.applications != folio::Applications::None)
}

/// Start rayon's global pool with this thread as one of its workers, so that a
/// build which makes its PDFs on the pool makes one of them here instead of
/// waiting while the pool's own threads make both: one thread fewer to start
/// and end, and the heap this thread has already touched used again (a bundled
/// build on two cores: 802 -> 713 page faults, 5-7% less time in three sets of
/// 300 alternating runs). Left as it is if it is already running.
fn join_the_pool() {
    let _ = rayon::ThreadPoolBuilder::new().use_current_thread().build_global();
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
    if makes_several(&opts) {
        join_the_pool();
    }
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
