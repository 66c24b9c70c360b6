//! Hooks for tests, benchmarks and fuzzing, behind the `testing` cargo feature
//! (not part of the public API): generated content ([`sample`], light;
//! [`sample_varied`], systems of uneven length; [`sample_full`], with full case
//! studies) and the whole pipeline on arbitrary bytes ([`fuzz_one`]).

mod full;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::layout::frame::Item;
use crate::layout::{portfolio, Theme};
use crate::pipeline::{base_dir, render, BuildOptions};
use crate::text::{covers, FontShaper};

pub use full::sample_full;

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

/// A portfolio of `n` systems as different as a real one's: some with a long
/// summary, some with none; zero to six metrics (speedups and other ratios among
/// them); zero to all eight case-study sections, of one to three paragraphs and
/// lists each. Deterministic: the same `n` gives the same file.
pub fn sample_varied(n: usize) -> String {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % m
    };
    let sentence = |i: usize, k: usize| {
        format!("System {i}, step {k}: measured the hot path under load, kept the change when the median improved.")
    };
    let mut s = String::from(
        "[profile]\nname = \"Varied Person\"\nheadline = \"Generated, unevenly\"\n\
         summary = \"A generated portfolio whose systems differ in length.\"\n\n[portfolio]\ntitle = \"Systems\"\n",
    );
    let metric = |i: usize, k: usize, kind: usize| match kind {
        0 => format!(
            "{{ value = \"{}.{}x\", label = \"Throughput\", detail = \"Versus the baseline build.\" }}",
            1 + k,
            i % 10
        ),
        1 => format!("{{ value = \"{}x\", label = \"Fewer hosts\" }}", 2 + k),
        2 => format!(
            "{{ value = \"-{}%\", label = \"Latency\", detail = \"p99 at peak.\" }}",
            10 + 7 * k
        ),
        _ => format!("{{ value = \"{} ms\", label = \"Time to first token\" }}", 40 + 13 * k),
    };
    for i in 0..n {
        let words = [
            "kernel",
            "scheduler",
            "cache",
            "runtime",
            "pipeline",
            "index",
            "planner",
        ];
        let title = format!("System {i}: a {} {}", words[next(7)], words[next(7)]);
        s.push_str(&format!(
            "\n[[systems]]\ntitle = \"{title}\"\nstart = 2021\nend = 2024\n"
        ));
        if next(4) > 0 {
            s.push_str(&format!("tagline = \"Tagline of system {i}\"\n"));
        }
        let lines = next(8);
        if lines > 0 {
            let summary: Vec<String> = (0..lines).map(|k| sentence(i, k)).collect();
            s.push_str(&format!("summary = \"{}\"\n", summary.join(" ")));
        }
        let m = next(7);
        if m > 0 {
            let metrics: Vec<String> = (0..m).map(|k| metric(i, k, next(4))).collect();
            s.push_str(&format!("metrics = [{}]\n", metrics.join(", ")));
        }
        let tags: Vec<String> = (0..2 + next(5)).map(|k| format!("\"Tag{}\"", (i + k) % 17)).collect();
        s.push_str(&format!("tags = [{}]\n", tags.join(", ")));
        // the case-study keys, as the format declares them
        let keys = <crate::content::raw::CaseStudy as crate::content::Record>::FIELDS;
        let share = next(4); // of eight sections: none, about a third, two thirds, all
        let sections: Vec<&str> = keys.iter().map(|f| f.name).filter(|_| next(3) < share).collect();
        if !sections.is_empty() {
            s.push_str("[systems.case_study]\n");
        }
        for section in sections {
            let mut text = Vec::new();
            for p in 0..1 + next(2) {
                if next(3) == 0 {
                    let items: Vec<String> = (0..1 + next(4))
                        .map(|k| format!("- {}", sentence(i, 10 * p + k)))
                        .collect();
                    text.push(items.join("\\n"));
                } else {
                    let para: Vec<String> = (0..1 + next(5)).map(|k| sentence(i, 10 * p + k)).collect();
                    text.push(para.join(" "));
                }
            }
            s.push_str(&format!("{} = \"{}\"\n", section, text.join("\\n\\n")));
        }
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
    for page in &doc.pages {
        for (n, item) in page.items.iter().enumerate() {
            let Item::Text(i) = item else { continue };
            if i.is_blank() {
                continue;
            }
            let (right, eps) = (i.x + i.run.width_at(i.size), 0.01);
            let inside_x = i.x >= t.margin_x - eps && right <= t.page_width - t.margin_x + eps;
            // a running head sits in the top margin, 18 pt from the edge
            let top = if page.is_furniture(n) {
                18.0 + i.size
            } else {
                t.margin_top - eps
            };
            let inside_y = i.baseline >= top && i.baseline <= t.page_height - 18.0;
            assert!(inside_x && inside_y, "`{}` lies outside the margins", i.run.text);
        }
    }
}
