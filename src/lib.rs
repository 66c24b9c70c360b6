//! folio: one TOML file describing an engineer's work becomes a typeset,
//! paginated portfolio PDF.
//!
//! A build runs in stages, each a module with one job:
//!
//! 1. [`content`]: TOML text → validated [`model::Portfolio`], every mistake
//!    collected as a [`diag::Diagnostic`] pointing into the file;
//! 2. [`layout`]: model → pages of positioned items ([`layout::frame`]), pure and
//!    PDF-free, measuring text through [`fonts`] (rustybuzz over the bundled fonts);
//! 3. [`export`]: pages → PDF bytes (the only module that uses printpdf);
//! 4. [`output`]: bytes → file, atomically, so a failed build never leaves a
//!    broken or half-written PDF behind.
//!
//! [`build`] runs them in order; the CLI in `main.rs` only parses flags, calls
//! it and prints what it reports.

pub mod content;
pub mod diag;
pub mod export;
pub mod fonts;
pub mod import;
pub mod init;
pub mod layout;
pub mod markup;
pub mod model;
pub mod output;
#[doc(hidden)]
pub mod sample;
pub mod schema;
pub mod watch;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Location, Report};

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
        }
    }
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub files: Vec<PathBuf>,
    pub report: Report,
}

/// Run every stage: read and validate the content, lay it out, write the PDFs.
///
/// All PDFs are made in memory first; on any error (or any warning with
/// [`BuildOptions::deny_warnings`]) nothing is written and the report holds every
/// problem found.
pub fn build(opts: &BuildOptions) -> Result<Built, Report> {
    let (files, mut report) = prepare(opts)?;
    if let Some(d) = out_dir_problem(&opts.out_dir) {
        report.diagnostics.push(d);
        return Err(report);
    }
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = opts.out_dir.join(name);
        if let Err(d) = output::write_atomic(&path, &bytes) {
            report.diagnostics.push(d);
            if !written.is_empty() {
                let done: Vec<String> = written.iter().map(|p: &PathBuf| p.display().to_string()).collect();
                report.diagnostics.push(Diagnostic::warning(
                    Location::None,
                    format!("{} was written before this error", done.join(" and ")),
                ));
            }
            return Err(report);
        }
        written.push(path);
    }
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

/// PDFs made in memory: file name and bytes.
type Pdfs = Vec<(&'static str, Vec<u8>)>;

/// Stages 1 to 3: the files to write, or the report of why nothing may be written.
fn prepare(opts: &BuildOptions) -> Result<(Pdfs, Report), Report> {
    let loaded = content::load(&opts.content, &fonts::covers)?;
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
pub fn build_many(builds: &[BuildOptions]) -> Vec<Result<Built, Report>> {
    use rayon::prelude::*;
    builds.par_iter().map(build).collect()
}

/// The PDFs of a build, in memory, with what rendering had to say.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// File name (`portfolio.pdf`, `resume.pdf`) and bytes.
    pub files: Vec<(&'static str, Vec<u8>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Stages 2 and 3 for every output `opts` asks for: lay out and export, in memory.
pub fn render(p: &model::Portfolio, opts: &BuildOptions) -> Rendered {
    let mut rendered = Rendered {
        files: Vec::new(),
        diagnostics: Vec::new(),
    };
    if opts.outputs.portfolio {
        rendered.files.push(("portfolio.pdf", render_portfolio(p, opts.date)));
    }
    if opts.outputs.resume {
        let (bytes, diagnostics) = render_resume(p, &opts.focus, opts.strict_fit, opts.date);
        rendered.diagnostics.extend(diagnostics);
        rendered.files.extend(bytes.map(|b| ("resume.pdf", b)));
    }
    rendered
}

/// Lay out and export the portfolio PDF (stages 2 and 3), in memory.
pub fn render_portfolio(p: &model::Portfolio, date: Option<chrono::NaiveDateTime>) -> Vec<u8> {
    let shaper = fonts::FontShaper::new();
    let theme = layout::Theme::for_design(&p.design);
    let doc = layout::portfolio::layout(p, &theme, &shaper, date.map(date_tuple));
    export::to_pdf(&doc)
}

/// Select, fit and export the one-page résumé, in memory. Every item left out is
/// a warning (an error with `strict_fit`); `None` when it cannot be made at all.
pub fn render_resume(
    p: &model::Portfolio,
    focus: &[String],
    strict_fit: bool,
    date: Option<chrono::NaiveDateTime>,
) -> (Option<Vec<u8>>, Vec<Diagnostic>) {
    use layout::resume;
    let shaper = fonts::FontShaper::new();
    let theme = layout::Theme::for_design(&p.design);
    let (selection, mut diagnostics) = resume::select(p, focus);
    match resume::fit(p, &selection, &theme, &shaper, date.map(date_tuple)) {
        Ok(fitted) => {
            for message in resume::drop_warnings(p, &selection, &fitted.dropped) {
                diagnostics.push(if strict_fit {
                    Diagnostic::error(Location::File, message)
                        .with_hint("--strict-fit forbids leaving anything out; shorten the content or set [resume] systems / max_systems")
                } else {
                    Diagnostic::warning(Location::File, message)
                        .with_hint("choose what the résumé shows with [resume] systems = [...] or --focus")
                });
            }
            (Some(export::to_pdf(&fitted.document)), diagnostics)
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

fn date_tuple(d: chrono::NaiveDateTime) -> (i32, u8, u8, u8, u8, u8) {
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

/// The creation date from `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), if set.
pub fn source_date_epoch(value: Option<&str>) -> Result<Option<chrono::NaiveDateTime>, Diagnostic> {
    let Some(v) = value else { return Ok(None) };
    let secs: i64 = v.trim().parse().map_err(|_| {
        Diagnostic::error(
            Location::None,
            format!("SOURCE_DATE_EPOCH is `{v}`, not a number of seconds"),
        )
        .with_hint("set it to a Unix timestamp such as 1735689600, or unset it")
    })?;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| Some(d.naive_utc()))
        .ok_or_else(|| {
            Diagnostic::error(Location::None, format!("SOURCE_DATE_EPOCH {secs} is out of range"))
                .with_hint("set it to a Unix timestamp such as 1735689600")
        })
}

/// The folder of a content file, against which relative paths in it resolve.
pub fn base_dir(content: &Path) -> PathBuf {
    content.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The whole pipeline on arbitrary bytes, in memory, checking what comes out: the
/// fuzz target (`fuzz/`) and its corpus replay (`tests/fuzz_corpus.rs`) share it.
/// Panics when an output PDF does not load, the résumé is not one page or text
/// of the portfolio lies outside the margins.
#[doc(hidden)]
pub fn fuzz_one(bytes: &[u8]) {
    // A folder that does not exist: no photo path relative to it reaches a real file.
    let path = Path::new("/nonexistent-folio-fuzz/fuzz.toml");
    let Ok(loaded) = content::from_bytes(path, bytes.to_vec(), &fonts::covers) else {
        return;
    };
    let p = &loaded.portfolio;
    let mut opts = BuildOptions::new(path, base_dir(path));
    opts.outputs.resume = true;
    opts.strict_fit = bytes.len() % 2 == 1;
    opts.date = bytes
        .len()
        .is_multiple_of(3)
        .then(|| chrono::DateTime::UNIX_EPOCH.naive_utc());
    // every other tag, and one that no system carries
    opts.focus = p.systems.iter().flat_map(|s| &s.tags).step_by(2).cloned().collect();
    opts.focus.push(p.profile.name.chars().take(24).collect());
    let rendered = render(p, &opts);
    for (name, pdf) in &rendered.files {
        let doc = lopdf::Document::load_mem(pdf).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        let pages = doc.get_pages().len();
        assert!(
            pages >= 1 && (*name == "portfolio.pdf" || pages == 1),
            "{name} has {pages} pages"
        );
    }
    let resume = rendered.files.iter().any(|(name, _)| *name == "resume.pdf");
    assert!(
        resume || rendered.diagnostics.iter().any(Diagnostic::is_error),
        "no résumé and no error"
    );
    // no text of the portfolio outside the margins (the footer sits in the bottom one)
    let t = layout::Theme::for_design(&p.design);
    let doc = layout::portfolio::layout(p, &t, &fonts::FontShaper::new(), None);
    for item in doc.pages.iter().flat_map(|page| &page.items) {
        if let layout::frame::Item::Text(i) = item {
            let (right, eps) = (i.x + i.run.width_at(i.size), 0.01);
            let inside_x = i.x >= t.margin_x - eps && right <= t.page_width - t.margin_x + eps;
            let inside_y = i.baseline >= t.margin_top - eps && i.baseline <= t.page_height - 18.0;
            assert!(inside_x && inside_y, "`{}` lies outside the margins", i.run.text);
        }
    }
}
