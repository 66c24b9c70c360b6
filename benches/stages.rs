//! Each stage on the bundled content and on generated portfolios of 10, 100 and
//! 1,000 systems with case studies: parse+validate, layout, PDF writing (with
//! font subsetting), and the whole build of both variants (in memory).
//!
//! `cargo bench --bench stages`

use std::path::Path;

use divan::{black_box, Bencher};
use folio::diag::Source;
use folio::layout::{portfolio, resume, Theme};
use folio::model::Portfolio;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[0, 10, 100, 1000];

/// `0` stands for the bundled content.
fn text(n: usize) -> String {
    if n == 0 {
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/portfolio.toml")).unwrap()
    } else {
        folio::testing::sample(n)
    }
}

fn parse(text: &str) -> Portfolio {
    let (p, diags) = folio::content::parse(&Source::new("bench.toml", text), Path::new("."), &folio::text::covers);
    p.unwrap_or_else(|| panic!("{diags:?}"))
}

#[divan::bench(args = SIZES)]
fn parse_validate(bencher: Bencher, n: usize) {
    let text = text(n);
    bencher.bench_local(|| parse(black_box(&text)));
}

#[divan::bench(args = SIZES)]
fn layout_portfolio(bencher: Bencher, n: usize) {
    let p = parse(&text(n));
    let theme = Theme::for_design(&p.design);
    bencher.bench_local(|| {
        let shaper = folio::text::FontShaper::new();
        portfolio::layout(black_box(&p), &theme, &shaper, None)
    });
}

#[divan::bench(args = SIZES)]
fn layout_resume(bencher: Bencher, n: usize) {
    let p = parse(&text(n));
    let theme = Theme::for_design(&p.design);
    bencher.bench_local(|| {
        let shaper = folio::text::FontShaper::new();
        let (sel, _) = resume::select(&p, &[]);
        resume::fit(black_box(&p), &sel, &theme, &shaper, None).ok()
    });
}

#[divan::bench(args = SIZES)]
fn pdf_write_portfolio(bencher: Bencher, n: usize) {
    let p = parse(&text(n));
    let shaper = folio::text::FontShaper::new();
    let doc = portfolio::layout(&p, &Theme::for_design(&p.design), &shaper, None);
    bencher.bench_local(|| folio::export::to_pdf(black_box(&doc)));
}

#[divan::bench(args = SIZES)]
fn whole_build_both_variants(bencher: Bencher, n: usize) {
    let text = text(n);
    let mut opts = folio::BuildOptions::new("bench.toml", "out");
    opts.outputs.resume = true;
    bencher.bench_local(|| {
        let p = parse(black_box(&text));
        folio::render(&p, &opts)
    });
}
