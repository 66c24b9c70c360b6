//! Hooks for tests, benchmarks and fuzzing, behind the `testing` cargo feature
//! (not part of the public API): generated content ([`sample`]) and the whole
//! pipeline on arbitrary bytes ([`fuzz_one`]).

use std::path::Path;

use crate::diag::Diagnostic;
use crate::layout::frame::Item;
use crate::layout::{portfolio, Theme};
use crate::pipeline::{base_dir, render, BuildOptions};
use crate::text::{covers, FontShaper};

/// A portfolio of `n` systems with case studies, as TOML.
pub fn sample(n: usize) -> String {
    let mut s = String::from(
        "[profile]\nname = \"Test Person\"\nheadline = \"Generated\"\nsummary = \"A generated portfolio.\"\n\n\
         [portfolio]\ntitle = \"Systems\"\n",
    );
    for i in 0..n {
        let para = format!(
            "System {i} paragraph: measured the kernel across tile sizes, registers and occupancy, \
             recorded each configuration, and kept what held up under repeated runs. "
        )
        .repeat(3 + i % 5);
        let para = para.trim_end();
        s.push_str(&format!(
            "\n[[systems]]\ntitle = \"System number {i}\"\ntagline = \"Tagline {i}\"\nstatus = \"active\"\n\
             start = 2020\nend = 2024\nsummary = \"Summary of system {i}.\"\ntags = [\"Tag{i}\", \"CUDA\", \"Systems\"]\n\
             metrics = [{{ value = \"{i}.5x\", label = \"Speed\", detail = \"Versus baseline.\" }}, \
             {{ value = \"{i}\", label = \"Count\", detail = \"Things.\" }}]\n\
             [systems.case_study]\nmotivation = \"{para}\"\narchitecture = \"{para}\\n\\n- first point {i}\\n- second point {i}\"\n\
             results = \"{para}\"\nlessons = \"{para}\"\n"
        ));
    }
    s
}

/// The whole pipeline on arbitrary bytes, in memory, checking what comes out: the
/// fuzz target (`fuzz/`) and its corpus replay (`tests/fuzz_corpus.rs`) share it.
/// Panics when an output PDF does not load, the résumé is not one page or text
/// of the portfolio lies outside the margins.
pub fn fuzz_one(bytes: &[u8]) {
    // A folder that does not exist: no photo path relative to it reaches a real file.
    let path = Path::new("/nonexistent-folio-fuzz/fuzz.toml");
    let Ok(loaded) = crate::content::from_bytes(path, bytes.to_vec(), &covers) else {
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
    opts.applications = crate::Applications::Any;
    let rendered = render(p, &opts);
    for (name, pdf) in &rendered.files {
        let name = name.display();
        let doc = lopdf::Document::load_mem(pdf).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
        let pages = doc.get_pages().len();
        // the portfolio paginates; the résumés and the cover letters are one page
        assert!(
            pages >= 1 && (name.to_string() == "portfolio.pdf" || pages == 1),
            "{name} has {pages} pages"
        );
    }
    let resume = rendered
        .files
        .iter()
        .any(|(name, _)| name.as_path() == std::path::Path::new("resume.pdf"));
    assert!(
        resume || rendered.diagnostics.iter().any(Diagnostic::is_error),
        "no résumé and no error"
    );
    // no text of the portfolio outside the margins (the footer sits in the bottom one)
    let t = Theme::for_design(&p.design);
    let doc = portfolio::layout(p, &t, &FontShaper::with_fonts(&p.design.fonts), None);
    for item in doc.pages.iter().flat_map(|page| &page.items) {
        if let Item::Text(i) = item {
            let (right, eps) = (i.x + i.run.width_at(i.size), 0.01);
            let inside_x = i.x >= t.margin_x - eps && right <= t.page_width - t.margin_x + eps;
            let inside_y = i.baseline >= t.margin_top - eps && i.baseline <= t.page_height - 18.0;
            assert!(inside_x && inside_y, "`{}` lies outside the margins", i.run.text);
        }
    }
}
