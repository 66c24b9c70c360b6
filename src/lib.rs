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
pub mod layout;
pub mod model;
pub mod output;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Report};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out_dir: PathBuf,
    /// Creation date written into the PDF metadata (from `SOURCE_DATE_EPOCH`); none by default.
    pub date: Option<chrono::NaiveDateTime>,
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub files: Vec<PathBuf>,
    pub report: Report,
}

/// Run every stage: read and validate the content, lay it out, write the PDF.
///
/// On a content error nothing is written and the report holds every error found.
pub fn build(opts: &BuildOptions) -> Result<Built, Report> {
    let loaded = content::load(&opts.content, &fonts::covers)?;
    let source = Some(loaded.source.clone());
    let bytes = render_portfolio(&loaded.portfolio, opts.date);
    let path = opts.out_dir.join("portfolio.pdf");
    output::write_atomic(&path, &bytes).map_err(|d| Report {
        source: source.clone(),
        diagnostics: vec![d],
    })?;
    Ok(Built {
        files: vec![path],
        report: Report {
            source,
            diagnostics: loaded.warnings,
        },
    })
}

/// Lay out and export the portfolio PDF (stages 2 and 3), in memory.
pub fn render_portfolio(p: &model::Portfolio, date: Option<chrono::NaiveDateTime>) -> Vec<u8> {
    let shaper = fonts::FontShaper::new();
    let theme = layout::Theme::default();
    let doc = layout::portfolio::layout(p, &theme, &shaper, date.map(date_tuple));
    export::to_pdf(&doc)
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
        Diagnostic::error(None, format!("SOURCE_DATE_EPOCH is `{v}`, not a number of seconds"))
            .with_hint("set it to a Unix timestamp such as 1735689600, or unset it")
    })?;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| Some(d.naive_utc()))
        .ok_or_else(|| {
            Diagnostic::error(None, format!("SOURCE_DATE_EPOCH {secs} is out of range"))
                .with_hint("set it to a Unix timestamp such as 1735689600")
        })
}

/// The folder of a content file, against which relative paths in it resolve.
pub fn base_dir(content: &Path) -> PathBuf {
    content.parent().map(Path::to_path_buf).unwrap_or_default()
}
