//! The stages run in order: build, check, compare and render.
//!
//! Every build makes all its files in memory first ([`render`]: layout and export
//! for each output, format and application asked for), and writes them only when
//! nothing stops it, all in one transaction ([`output::write_all`]), so a failed
//! build never leaves a half-written or clobbered file behind. What each function
//! reports is exactly what happened: the files written, or why none were.

use std::path::{Path, PathBuf};

use crate::applications::{self, Applications};
use crate::diag::{Diagnostic, Location, Report};
use crate::formats::{self, Formats};
use crate::text::{FontShaper, Shaper};
use crate::{content, export, layout, model, output};

/// Which PDFs a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outputs {
    pub portfolio: bool,
    pub resume: bool,
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out_dir: PathBuf,
    pub outputs: Outputs,
    /// Tags the résumé is tailored to (`--focus`).
    pub focus: Vec<String>,
    /// Make leaving anything out of the résumé an error instead of a warning.
    pub strict_fit: bool,
    /// Creation date written into the PDF metadata (from `SOURCE_DATE_EPOCH`); none by default.
    pub date: Option<chrono::NaiveDateTime>,
    /// Treat warnings as errors (`--deny-warnings`): a build with any warning writes nothing.
    pub deny_warnings: bool,
    /// Which `[[applications]]` to make, each into `applications/<id>/`.
    pub applications: Applications,
    /// Which files to write for each document (`--formats`; PDF only by default).
    pub formats: Formats,
    /// The folder the files the content names (the photo, the fonts) must lie in (`--root`);
    /// by default the content file's own folder.
    pub root: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(content: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            content: content.into(),
            out_dir: out_dir.into(),
            outputs: Outputs {
                portfolio: true,
                resume: false,
            },
            focus: Vec::new(),
            strict_fit: false,
            date: None,
            deny_warnings: false,
            applications: Applications::None,
            formats: Formats::default(),
            root: None,
        }
    }
}

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

/// Files made in memory: path relative to the output folder, and bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

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

/// Build several content files at once, one per core (rayon). Each build is
/// independent and gives the same bytes as it would alone; results come back in
/// the order of `builds`.
pub fn build_many(builds: &[BuildOptions]) -> Vec<Result<Built, Failed>> {
    use rayon::prelude::*;
    match builds {
        // one file: no thread pool to start (a small build is done before one would be)
        [one] => vec![build(one)],
        _ => builds.par_iter().map(build).collect(),
    }
}

/// The files of a build, in memory, with what rendering had to say.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Path relative to the output folder (`portfolio.pdf`, `resume.txt`,
    /// `applications/<id>/cover-letter.pdf`) and bytes.
    pub files: Files,
    pub diagnostics: Vec<Diagnostic>,
}

/// Stages 2 and 3 for every output `opts` asks for: lay out and export, in memory.
///
/// The portfolio and the résumé are made at the same time, the résumé on a
/// thread of its own, sharing one shaper (so each word is shaped once for both)
/// and the font programs they have in common.
pub fn render(p: &model::Portfolio, opts: &BuildOptions) -> Rendered {
    let shaper = FontShaper::with_fonts(&p.design.fonts);
    let programs = export::Programs::new();
    let date = opts.date.map(date_tuple);
    let formats = opts.formats;
    let file = |name: &str, bytes: Vec<u8>| (PathBuf::from(name), bytes);
    let want_portfolio = opts.outputs.portfolio && formats.pdf;
    let portfolio = || want_portfolio.then(|| render_portfolio_with(p, date, &shaper, &programs));
    let resume = || {
        opts.outputs
            .resume
            .then(|| resume_files(p, opts, date, &shaper, &programs))
    };
    let (portfolio, resume) = if want_portfolio && opts.outputs.resume {
        std::thread::scope(|s| {
            let resume = s.spawn(resume);
            let portfolio = portfolio();
            (portfolio, resume.join().expect("the résumé thread does not panic"))
        })
    } else {
        (portfolio(), resume())
    };
    let mut rendered = Rendered {
        files: Vec::new(),
        diagnostics: Vec::new(),
    };
    match portfolio {
        Some(Ok(bytes)) => rendered.files.push(file("portfolio.pdf", bytes)),
        Some(Err(d)) => rendered.diagnostics.push(d),
        None => {}
    }
    if formats.json {
        let json = formats::jsonresume::to_string(p);
        rendered.files.push(file("portfolio.json", json.into_bytes()));
    }
    if let Some((files, diagnostics)) = resume {
        rendered.files.extend(files);
        rendered.diagnostics.extend(diagnostics);
    }
    let (files, diagnostics) = applications::render(p, opts);
    rendered.files.extend(files);
    rendered.diagnostics.extend(diagnostics);
    rendered
}

/// The résumé in every format `opts` asks for, with what fitting it had to say.
fn resume_files(
    p: &model::Portfolio,
    opts: &BuildOptions,
    date: Option<(i32, u8, u8, u8, u8, u8)>,
    shaper: &FontShaper,
    programs: &export::Programs,
) -> (Files, Vec<Diagnostic>) {
    use formats::text::{resume, Flavor};
    let formats = opts.formats;
    let theme = layout::Theme::for_design(&p.design);
    let (selection, mut diagnostics) = layout::resume::select(p, &opts.focus);
    let (fitted, said) = resume_pages(p, &selection, opts.strict_fit, date, &theme, shaper);
    diagnostics.extend(said);
    let mut files = Files::new();
    if let Some(fitted) = fitted {
        if formats.pdf {
            let pdf = export::to_pdf_with(&fitted.document, programs);
            files.push((PathBuf::from("resume.pdf"), pdf));
        }
        if formats.txt {
            let t = resume(p, &selection, &fitted.dropped, Flavor::Plain);
            files.push((PathBuf::from("resume.txt"), t.into_bytes()));
        }
        if formats.md {
            let t = resume(p, &selection, &fitted.dropped, Flavor::Markdown);
            files.push((PathBuf::from("resume.md"), t.into_bytes()));
        }
    }
    (files, diagnostics)
}

/// Lay out and export the portfolio PDF (stages 2 and 3), in memory; an error when
/// it would pass [`layout::portfolio::MAX_PAGES`] or [`layout::portfolio::MAX_GLYPHS`].
pub fn render_portfolio(p: &model::Portfolio, date: Option<chrono::NaiveDateTime>) -> Result<Vec<u8>, Diagnostic> {
    render_portfolio_with(
        p,
        date.map(date_tuple),
        &FontShaper::with_fonts(&p.design.fonts),
        &export::Programs::new(),
    )
}

fn render_portfolio_with(
    p: &model::Portfolio,
    date: Option<(i32, u8, u8, u8, u8, u8)>,
    shaper: &FontShaper,
    programs: &export::Programs,
) -> Result<Vec<u8>, Diagnostic> {
    use layout::portfolio::{MAX_GLYPHS, MAX_PAGES};
    let theme = layout::Theme::for_design(&p.design);
    match layout::portfolio::layout_within(p, &theme, shaper, date, MAX_PAGES, MAX_GLYPHS) {
        Ok(doc) => Ok(export::to_pdf_with(&doc, programs)),
        Err(too_long) => {
            let what = if too_long.pages > MAX_PAGES {
                format!(
                    "more than {MAX_PAGES} pages (at least {} when folio stopped)",
                    too_long.pages
                )
            } else {
                format!(
                    "more than {} million characters (at least {} when folio stopped)",
                    MAX_GLYPHS / 1_000_000,
                    too_long.glyphs
                )
            };
            Err(
                Diagnostic::error(Location::File, format!("the portfolio is too long to typeset: {what}")).with_hint(
                    format!(
                        "folio typesets portfolios of up to {MAX_PAGES} pages and {} million characters; \
                     shorten the content, or split it into several files",
                        MAX_GLYPHS / 1_000_000
                    ),
                ),
            )
        }
    }
}

/// Select, fit and export the one-page résumé, in memory. Every item left out is
/// a warning (an error with `strict_fit`); `None` when it cannot be made at all.
pub fn render_resume(
    p: &model::Portfolio,
    focus: &[String],
    strict_fit: bool,
    date: Option<chrono::NaiveDateTime>,
) -> (Option<Vec<u8>>, Vec<Diagnostic>) {
    let shaper = FontShaper::with_fonts(&p.design.fonts);
    let theme = layout::Theme::for_design(&p.design);
    let (selection, mut diagnostics) = layout::resume::select(p, focus);
    let (fitted, said) = resume_pages(p, &selection, strict_fit, date.map(date_tuple), &theme, &shaper);
    diagnostics.extend(said);
    (fitted.map(|f| export::to_pdf(&f.document)), diagnostics)
}

/// Fit the résumé of `selection` onto its page: what was left out, as warnings
/// (errors with `strict_fit`); `None` when it cannot be made at all.
pub(crate) fn resume_pages(
    p: &model::Portfolio,
    selection: &layout::resume::Selection,
    strict_fit: bool,
    date: Option<(i32, u8, u8, u8, u8, u8)>,
    theme: &layout::Theme,
    shaper: &dyn Shaper,
) -> (Option<layout::resume::Fitted>, Vec<Diagnostic>) {
    use layout::resume;
    let mut diagnostics = Vec::new();
    match resume::fit(p, selection, theme, shaper, date) {
        Ok(fitted) => {
            for message in resume::drop_warnings(p, selection, &fitted.dropped) {
                diagnostics.push(if strict_fit {
                    Diagnostic::error(Location::File, message)
                        .with_hint("--strict-fit forbids leaving anything out; shorten the content or set [resume] systems / max_systems")
                } else {
                    Diagnostic::warning(Location::File, message)
                        .with_hint("choose what the résumé shows with [resume] systems = [...] or --focus")
                });
            }
            (Some(fitted), diagnostics)
        }
        Err(nofit) => {
            diagnostics.push(
                Diagnostic::error(
                    Location::File,
                    format!(
                        "the résumé cannot fit on one page even with every optional item left out: \
                         it needs {:.0} pt of the {:.0} pt available",
                        nofit.height, nofit.available
                    ),
                )
                .with_hint("shorten the name, headline or contact details"),
            );
            (None, diagnostics)
        }
    }
}

pub(crate) fn date_tuple(d: chrono::NaiveDateTime) -> (i32, u8, u8, u8, u8, u8) {
    use chrono::{Datelike, Timelike};
    (
        d.year(),
        d.month() as u8,
        d.day() as u8,
        d.hour() as u8,
        d.minute() as u8,
        d.second() as u8,
    )
}

/// The folder of a content file, against which relative paths in it resolve.
pub fn base_dir(content: &Path) -> PathBuf {
    content.parent().map(Path::to_path_buf).unwrap_or_default()
}
