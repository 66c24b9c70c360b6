//! Stages 2 and 3 for the applications (`folio build --applications`): for each
//! `[[applications]]` entry asked for, a résumé tailored to it and, when it has a
//! letter, its one-page cover letter, in memory, under `applications/<id>/`.
//!
//! Applications are independent of one another, so they are made in parallel
//! (rayon), each giving the same bytes as it would alone; their files and
//! diagnostics come back in file order. A letter that does not fit one page is an
//! error naming its application, and nothing is made for that application.

use std::path::PathBuf;

use rayon::prelude::*;

use super::options::{date_tuple, Applications, BuildOptions, Files};
use super::resume::resume_pages;
use crate::diag::{closest, Diagnostic, Location};
use crate::formats::text::{self, Flavor};
use crate::formats::Formats;
use crate::layout::{self, resume};
use crate::model::{Application, Portfolio};
use crate::text::FontShaper;
use crate::{export, layout::letter};

/// The folder of an application's files, relative to the output folder.
pub fn folder(id: &str) -> PathBuf {
    PathBuf::from("applications").join(id)
}

/// The applications `opts` asks for, or the errors for the ids that name none.
fn chosen<'a>(p: &'a Portfolio, which: &Applications, content: &str) -> Result<Vec<&'a Application>, Vec<Diagnostic>> {
    let ids: Vec<&str> = p.applications.iter().map(|a| a.id.as_str()).collect();
    match which {
        Applications::None => Ok(Vec::new()),
        Applications::All | Applications::Any => Ok(p.applications.iter().collect()),
        Applications::Only(wanted) => {
            let mut errors = Vec::new();
            let mut out: Vec<&Application> = Vec::new();
            for id in wanted {
                match p.applications.iter().find(|a| a.id == *id) {
                    Some(a) if !out.iter().any(|o| o.id == a.id) => out.push(a),
                    Some(_) => {}
                    None => {
                        let hint = if ids.is_empty() {
                            "the file has no [[applications]] table; add one with `company` and `role`".to_string()
                        } else {
                            let known: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
                            match closest(id, ids.iter().copied()) {
                                Some(best) => {
                                    format!("did you mean `{best}`? The application ids are: {}", known.join(", "))
                                }
                                None => format!("the application ids are: {}", known.join(", ")),
                            }
                        };
                        errors.push(
                            Diagnostic::error(
                                Location::None,
                                format!("--application `{id}`: {content} has no application with that id"),
                            )
                            .with_hint(hint),
                        );
                    }
                }
            }
            if errors.is_empty() {
                Ok(out)
            } else {
                Err(errors)
            }
        }
    }
}

/// Every application `opts` asks for, in memory: the files (paths relative to the
/// output folder) and what rendering had to say.
pub fn render(p: &Portfolio, opts: &BuildOptions) -> (Files, Vec<Diagnostic>) {
    let content = crate::diag::display_path(&opts.content);
    let apps = match chosen(p, &opts.applications, &content) {
        Ok(apps) => apps,
        Err(errors) => return (Vec::new(), errors),
    };
    if opts.applications == Applications::All && apps.is_empty() {
        let d = Diagnostic::warning(
            Location::None,
            format!("--applications: {content} has no [[applications]] table"),
        )
        .with_hint("add an [[applications]] table with `company` and `role` for each job you apply to");
        return (Vec::new(), vec![d]);
    }
    // none or one: no thread pool to start (starting one costs more than a
    // build with no application, and its idle threads spin while the build ends)
    let made: Vec<(Files, Vec<Diagnostic>)> = match apps.as_slice() {
        [] => return (Vec::new(), Vec::new()),
        [a] => vec![one(p, a, opts)],
        _ => apps.par_iter().map(|a| one(p, a, opts)).collect(),
    };
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for (f, d) in made {
        files.extend(f);
        diagnostics.extend(d);
    }
    (files, diagnostics)
}

/// One application's files; none when any of them cannot be made.
fn one(p: &Portfolio, a: &Application, opts: &BuildOptions) -> (Files, Vec<Diagnostic>) {
    let dir = folder(&a.id);
    let formats: Formats = opts.formats;
    let date = opts.date.map(date_tuple);
    let shaper = FontShaper::with_fonts(&p.design.fonts);
    let theme = layout::Theme::for_design(&p.design);
    // Focus tags no system carries were reported with their place in the file.
    let (selection, _) = resume::select_from(p, a.systems.as_deref().or(p.resume.systems.as_deref()), &a.focus);
    let mut diagnostics = Vec::new();
    let mut files: Files = Vec::new();
    let named = |d: Diagnostic| Diagnostic {
        message: format!("application `{}`: {}", a.id, d.message),
        ..d
    };
    let (fitted, said) = resume_pages(p, &selection, opts.strict_fit, date, &theme, &shaper);
    diagnostics.extend(said.into_iter().map(named));
    let Some(mut fitted) = fitted else {
        return (Vec::new(), diagnostics);
    };
    fitted.document.metadata.title = format!("{} \u{2014} R\u{e9}sum\u{e9} \u{2014} {}", p.profile.name, a.company);
    fitted.document.metadata.subject = format!("R\u{e9}sum\u{e9}: {} at {}", a.role, a.company);
    if formats.pdf {
        files.push((dir.join("resume.pdf"), export::to_pdf(&fitted.document)));
    }
    if formats.txt {
        let t = text::resume(p, &selection, &fitted.dropped, Flavor::Plain);
        files.push((dir.join("resume.txt"), t.into_bytes()));
    }
    if formats.md {
        let t = text::resume(p, &selection, &fitted.dropped, Flavor::Markdown);
        files.push((dir.join("resume.md"), t.into_bytes()));
    }
    let Some(body) = &a.letter else {
        return (files, diagnostics);
    };
    match letter::letter(p, a, body, fitted.density, &theme, &shaper, date) {
        Ok(doc) => {
            if formats.pdf {
                files.push((dir.join("cover-letter.pdf"), export::to_pdf(&doc)));
            }
        }
        Err(too_long) => {
            let lines = too_long.lines();
            diagnostics.push(
                Diagnostic::error(
                    a.letter_at.0.clone().map_or(Location::File, Location::Span),
                    format!(
                        "application `{}`: the cover letter does not fit on one page: it is {:.0} pt \
                         (about {lines} line{}) too long at the smallest readable size ({} pt)",
                        a.id,
                        too_long.over,
                        if lines == 1 { "" } else { "s" },
                        resume::MIN_TEXT_SIZE
                    ),
                )
                .with_hint(format!(
                    "shorten its `letter` by about {lines} line{} of text; nothing is ever left out of a letter",
                    if lines == 1 { "" } else { "s" }
                )),
            );
            return (Vec::new(), diagnostics);
        }
    }
    if formats.txt {
        files.push((
            dir.join("cover-letter.txt"),
            text::letter(p, a, body, Flavor::Plain).into_bytes(),
        ));
    }
    if formats.md {
        files.push((
            dir.join("cover-letter.md"),
            text::letter(p, a, body, Flavor::Markdown).into_bytes(),
        ));
    }
    (files, diagnostics)
}
