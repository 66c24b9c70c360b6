//! What the command says about what happened, worded in one place: the lines
//! that close a report, and what was written. Pure functions of the outcome.

use std::path::{Path, PathBuf};
use std::time::Duration;

use folio::diag::{Diagnostic, Location, Report};
use folio::{BuildOptions, Failed};

/// The closing line of a failed build.
///
/// `watching` is the output folder of `--watch`, whose PDFs stay as they were.
/// A build that wrote nothing says so; one that failed after writing a PDF has
/// said what it wrote in a warning above.
pub fn build_failed(opts: &BuildOptions, failed: &Failed, many: bool, watching: bool) -> Diagnostic {
    let of = if many {
        format!(" of {}", opts.content.display())
    } else {
        String::new()
    };
    let (errors, warnings) = counts(&failed.report);
    let kept = if watching {
        format!("; the PDFs in {} were kept as they were", opts.out_dir.display())
    } else {
        "; no PDF was written".to_string()
    };
    let line = if errors == 0 {
        format!(
            "build{of} failed: --deny-warnings treats the {} above as errors{kept}",
            plural(warnings, "warning")
        )
    } else if failed.written.is_empty() {
        format!("build{of} failed with {}{kept}", tally(errors, warnings))
    } else {
        format!("build{of} failed with {}", tally(errors, warnings))
    };
    Diagnostic::error(Location::None, line)
}

/// The closing line when the content files cannot even be listed.
pub fn unlisted() -> Diagnostic {
    Diagnostic::error(Location::None, "build failed with 1 error; no PDF was written")
}

/// The lines saying what a build wrote: one per file, and one per application
/// folder naming its files; or one line with the time it took (`--watch`).
pub fn wrote(files: &[PathBuf], took: Option<Duration>) -> Vec<String> {
    let sized = |f: &Path, shown: String| {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        format!("{shown} ({:.1} KB)", size as f64 / 1024.0)
    };
    let mut entries: Vec<String> = Vec::new();
    let mut rest = files;
    while let Some((first, _)) = rest.split_first() {
        match application_folder(first) {
            Some(dir) => {
                let n = rest.iter().take_while(|f| f.parent() == Some(dir)).count();
                let names: Vec<String> = rest[..n]
                    .iter()
                    .map(|f| sized(f, f.file_name().unwrap_or_default().to_string_lossy().into_owned()))
                    .collect();
                entries.push(format!("{}/: {}", dir.display(), names.join(", ")));
                rest = &rest[n..];
            }
            None => {
                entries.push(sized(first, first.display().to_string()));
                rest = &rest[1..];
            }
        }
    }
    match took {
        Some(t) => vec![format!("wrote {} in {} ms", entries.join(" and "), t.as_millis())],
        None => entries.into_iter().map(|f| format!("wrote {f}")).collect(),
    }
}

/// The folder of an application's file (`.../applications/<id>/resume.pdf`).
fn application_folder(file: &Path) -> Option<&Path> {
    let dir = file.parent()?;
    let parent = dir.parent()?;
    (parent.file_name()? == "applications").then_some(dir)
}

/// `build --check`: the problem with one PDF on disk.
pub fn stale(path: &Path, content: &Path, state: &folio::Freshness) -> Option<Diagnostic> {
    let (path, content) = (path.display(), content.display());
    let problem = match state {
        folio::Freshness::Fresh => return None,
        folio::Freshness::Stale => format!("{path} is stale: it is not what {content} gives now"),
        folio::Freshness::Missing => format!("{path} is missing"),
        folio::Freshness::Unreadable(e) => format!("cannot read {path}: {e}"),
    };
    Some(
        Diagnostic::error(Location::None, problem)
            .with_hint("run the same command without --check to write it, then commit it with the content"),
    )
}

/// How `folio check` closes: a summary diagnostic, or a line for people when
/// there is nothing to report.
pub enum Checked {
    Summary(Diagnostic),
    Clean(String),
}

/// `folio check`: the closing line, and whether the check failed.
pub fn checked(file: &Path, report: &Report, deny_warnings: bool) -> (Checked, bool) {
    let (errors, warnings) = counts(report);
    let file = file.display();
    let failed = errors > 0 || (deny_warnings && warnings > 0);
    let closing = if errors > 0 {
        Checked::Summary(Diagnostic::error(
            Location::None,
            format!("{file} has {}", tally(errors, warnings)),
        ))
    } else if warnings > 0 && deny_warnings {
        Checked::Summary(Diagnostic::error(
            Location::None,
            format!(
                "{file} has {}, which --deny-warnings treats as errors",
                plural(warnings, "warning")
            ),
        ))
    } else if warnings > 0 {
        Checked::Summary(Diagnostic::warning(
            Location::None,
            format!("{file} has no errors and {}", plural(warnings, "warning")),
        ))
    } else {
        Checked::Clean(format!("{file}: no errors or warnings"))
    };
    (closing, failed)
}

/// `folio import`: what was imported, and how many fields were not.
pub fn imported(file: &Path, counts: &[(&str, usize)], skipped: usize) -> String {
    let counts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    let skipped = match skipped {
        0 => String::new(),
        n => format!("; {} not imported (above)", plural(n, "field")),
    };
    format!(
        "imported {}: {}{skipped}; check the result with `folio check`",
        file.display(),
        counts.join(", ")
    )
}

/// `folio init`: what to do next.
pub fn initialised(dir: &Path) -> String {
    format!(
        "\nNext: cd {} && folio build --resume\n\
         (edit content/portfolio.toml; `folio build --resume --watch` rebuilds on every save)",
        dir.display()
    )
}

/// How many errors and warnings a report holds.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(diagnostics: Vec<Diagnostic>, written: &[&str]) -> Failed {
        Failed {
            report: Report {
                source: None,
                diagnostics,
            },
            written: written.iter().map(PathBuf::from).collect(),
        }
    }

    #[test]
    fn a_failed_build_that_wrote_nothing_says_so_whatever_it_warned_about() {
        let opts = BuildOptions::new("p.toml", "out");
        // an unknown --focus tag is a warning about no file, and nothing was written
        let f = failed(
            vec![
                Diagnostic::warning(Location::None, "focus tag `x` is not carried by any system"),
                Diagnostic::error(Location::File, "left out 2 systems"),
            ],
            &[],
        );
        assert_eq!(
            build_failed(&opts, &f, false, false).message,
            "build failed with 1 error and 1 warning; no PDF was written"
        );
        // after writing the portfolio, it does not claim that
        let f = failed(
            vec![
                Diagnostic::error(Location::None, "cannot write out/resume.pdf"),
                Diagnostic::warning(Location::None, "out/portfolio.pdf was written before this error"),
            ],
            &["out/portfolio.pdf"],
        );
        assert_eq!(
            build_failed(&opts, &f, false, false).message,
            "build failed with 1 error and 1 warning"
        );
    }

    #[test]
    fn watch_and_many_files_are_named_in_the_closing_line() {
        let opts = BuildOptions::new("a/p.toml", "out/p");
        let f = failed(vec![Diagnostic::warning(Location::None, "w")], &[]);
        assert_eq!(
            build_failed(&opts, &f, true, true).message,
            "build of a/p.toml failed: --deny-warnings treats the 1 warning above as errors; \
             the PDFs in out/p were kept as they were"
        );
    }

    #[test]
    fn an_application_folder_is_one_line_naming_its_files() {
        let files: Vec<PathBuf> = [
            "out/portfolio.pdf",
            "out/applications/a/resume.pdf",
            "out/applications/a/cover-letter.pdf",
            "out/applications/b/resume.pdf",
        ]
        .map(PathBuf::from)
        .to_vec();
        let lines = wrote(&files, None);
        assert_eq!(
            lines,
            [
                "wrote out/portfolio.pdf (0.0 KB)",
                "wrote out/applications/a/: resume.pdf (0.0 KB), cover-letter.pdf (0.0 KB)",
                "wrote out/applications/b/: resume.pdf (0.0 KB)",
            ]
        );
    }

    #[test]
    fn counts_are_worded_in_the_singular_and_plural() {
        assert_eq!(tally(1, 0), "1 error");
        assert_eq!(tally(2, 3), "2 errors and 3 warnings");
        assert_eq!(
            imported(Path::new("r.json"), &[("systems", 2), ("skills", 0)], 1),
            "imported r.json: 2 systems; 1 field not imported (above); check the result with `folio check`"
        );
    }
}
