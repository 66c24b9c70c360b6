//! The stages run in order: build, check, compare and render.
//!
//! Every build makes all its files in memory first ([`render`]: layout and export
//! for each output, format and application asked for), and writes them only when
//! nothing stops it, all in one transaction ([`output::write_all`]), so a failed
//! build never leaves a half-written or clobbered file behind. What each function
//! reports is exactly what happened: the files written, or why none were.

use std::path::{Path, PathBuf};

pub mod applications;
mod options;
mod render;
mod resume;

pub use options::{base_dir, Applications, BuildOptions, Files, Outputs};
pub use render::{render, render_portfolio, Rendered};
pub use resume::render_resume;

use crate::content;
use crate::diag::{Diagnostic, Location, Report};
use crate::output;

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub files: Vec<PathBuf>,
    pub report: Report,
}

/// A build that stopped: why, and the PDFs it had written before it stopped
/// (none, unless writing one failed after another was written).
#[derive(Debug, Clone)]
pub struct Failed {
    pub report: Report,
    pub written: Vec<PathBuf>,
}

impl Failed {
    /// A build stopped before it wrote anything.
    pub fn nothing_written(report: Report) -> Failed {
        Failed {
            report,
            written: Vec::new(),
        }
    }
}

/// Run every stage: read and validate the content, lay it out, write the files.
///
/// All files are made in memory first; on any error (or any warning with
/// [`BuildOptions::deny_warnings`]) nothing is written and the report holds every
/// problem found. Then every file (the PDFs, the exports, each application's files
/// under `applications/<id>/`) is written as one transaction.
pub fn build(opts: &BuildOptions) -> Result<Built, Failed> {
    let (files, mut report) = prepare(opts).map_err(Failed::nothing_written)?;
    if let Some(d) = out_dir_problem(&opts.out_dir) {
        report.diagnostics.push(d);
        return Err(Failed::nothing_written(report));
    }
    let files: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
        .collect();
    let written = match output::write_all(&opts.out_dir, &files) {
        Ok(written) => written,
        Err((d, written)) => {
            report.diagnostics.push(d);
            if !written.is_empty() {
                let done: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
                report.diagnostics.push(Diagnostic::warning(
                    Location::None,
                    format!("{} was written before this error", done.join(" and ")),
                ));
            }
            return Err(Failed { report, written });
        }
    };
    Ok(Built { files: written, report })
}

/// Everything a build does except writing: read and validate the content, lay out
/// and export every output [`BuildOptions::outputs`] asks for (in memory, then
/// dropped), and report every error and warning found (`folio check`).
pub fn check(opts: &BuildOptions) -> Report {
    match prepare(opts) {
        Ok((_, report)) | Err(report) => report,
    }
}

/// How a PDF on disk compares with the one the content gives now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// The same bytes.
    Fresh,
    /// Different bytes.
    Stale,
    /// There is no such file.
    Missing,
    /// It could not be read: why.
    Unreadable(String),
}

/// `folio build --check`: everything a build does except writing, then each PDF
/// compared byte for byte with the file it would replace. Nothing is written.
pub fn compare(opts: &BuildOptions) -> Result<(Vec<(PathBuf, Freshness)>, Report), Report> {
    let (files, report) = prepare(opts)?;
    let compared = files
        .into_iter()
        .map(|(name, bytes)| {
            let path = opts.out_dir.join(name);
            let state = match std::fs::read(&path) {
                Ok(disk) if disk == bytes => Freshness::Fresh,
                Ok(_) => Freshness::Stale,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Freshness::Missing,
                Err(e) => Freshness::Unreadable(e.to_string()),
            };
            (path, state)
        })
        .collect();
    Ok((compared, report))
}

/// Stages 1 to 3: the files to write, or the report of why nothing may be written.
fn prepare(opts: &BuildOptions) -> Result<(Files, Report), Report> {
    let folders = content::Folders::of(&opts.content).with_root(opts.root.as_deref());
    let loaded = content::load_in(&opts.content, &folders, &crate::text::covers)?;
    let rendered = render(&loaded.portfolio, opts);
    let mut report = Report {
        source: Some(loaded.source),
        diagnostics: loaded.warnings,
    };
    report.diagnostics.extend(rendered.diagnostics);
    if report.has_errors() || (opts.deny_warnings && !report.diagnostics.is_empty()) {
        return Err(report);
    }
    Ok((rendered.files, report))
}

/// Why `dir` cannot be the output folder, when that shows before writing anything:
/// it, or a folder on its way, is a file.
fn out_dir_problem(dir: &Path) -> Option<Diagnostic> {
    let shown = dir.display();
    // The longest part of the path that exists must be a folder.
    let existing = dir
        .ancestors()
        .find(|p| !p.as_os_str().is_empty() && p.metadata().is_ok())?;
    if existing.is_dir() {
        return None;
    }
    let message = if existing == dir {
        format!("cannot write the PDFs into {shown}: it is a file, not a folder")
    } else {
        format!(
            "cannot write the PDFs into {shown}: {} is a file, not a folder",
            existing.display()
        )
    };
    Some(
        Diagnostic::error(Location::None, message)
            .with_hint("give --out-dir a folder (it is created if missing), or move that file out of the way"),
    )
}

/// Build several content files at once (rayon), on two threads per core: each
/// build ends by syncing its files to the disk, and while one thread waits for
/// that, another has a build to run (200 small files: 1.64-1.69 cores busy with
/// one thread per core, 1.83-1.86 with two). Each build is independent and gives the same
/// bytes as it would alone; results come back in the order of `builds`.
pub fn build_many(builds: &[BuildOptions]) -> Vec<Result<Built, Failed>> {
    use rayon::prelude::*;
    match builds {
        // one file: no thread pool to start (a small build is done before one would be)
        [one] => vec![build(one)],
        _ => {
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            let all = || builds.par_iter().map(build).collect();
            match rayon::ThreadPoolBuilder::new().num_threads(2 * cores).build() {
                Ok(pool) => pool.install(all),
                // (no threads to be had: rayon's own pool, or the caller's thread)
                Err(_) => all(),
            }
        }
    }
}
