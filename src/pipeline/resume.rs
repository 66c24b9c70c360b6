//! The résumé: select, fit onto its one page, and export it in every format asked for.

use std::path::PathBuf;

use super::options::{date_tuple, BuildOptions, Files};
use crate::diag::{Diagnostic, Location};
use crate::formats;
use crate::text::{FontShaper, Shaper};
use crate::{export, layout, model};

/// The résumé in every format `opts` asks for, with what fitting it had to say.
pub(super) fn resume_files(
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
