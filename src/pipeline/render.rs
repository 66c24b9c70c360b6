//! Stages 2 and 3 for every output a build asks for, in memory: the portfolio, the
//! résumé (beside it, on the thread pool), the exports and the applications.

use std::path::PathBuf;

use super::applications;
use super::options::{date_tuple, BuildOptions, Files};
use super::resume::resume_files;
use crate::diag::{Diagnostic, Location};
use crate::formats;
use crate::text::FontShaper;
use crate::{export, layout, model};

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
/// The portfolio and the résumé are made at the same time on the thread pool,
/// which also takes their font programs (so the two cores share the work
/// however it falls between the PDFs), sharing one shaper (so each word is
/// shaped once for both) and the font programs they have in common.
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
    let (portfolio, resume) = if opts.makes_both_at_once() {
        rayon::join(portfolio, resume)
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
        Ok(doc) => {
            let pdf = export::to_pdf_with(&doc, programs);
            free_in_background(doc);
            Ok(pdf)
        }
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

/// Pages from which a laid-out document is freed on the pool, while the caller
/// goes on to write its PDF (and a lone build exits without waiting for it);
/// freeing a short one there would start the pool for nothing.
const FREE_IN_BACKGROUND_PAGES: usize = 8;

/// Free `doc`: a long one on the pool, in the background (`sample 100 --full`,
/// 198 pages: ~3.3 M instructions off the thread that writes the files).
fn free_in_background(doc: layout::frame::Document) {
    if doc.pages.len() >= FREE_IN_BACKGROUND_PAGES {
        rayon::spawn(move || drop(doc));
    }
}
