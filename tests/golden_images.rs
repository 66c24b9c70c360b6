//! Every theme × page size × variant (portfolio, résumé, cover letter): the PDF
//! audit passes, pages measure what the size says, and the first page matches a
//! small reference PNG.
//!
//! References live in tests/golden/images/ as 4-bit greyscale PNGs of the first
//! page rendered with `pdftoppm -r 50` (each well under 40 KB).
//! `FOLIO_UPDATE_GOLDEN=1 cargo test --test golden_images` rewrites them; a failed
//! comparison writes a diff image (changed pixels in red) to target/golden-diff/.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use folio::model::{PageSize, ThemeName};

/// Share of pixels allowed to differ (by more than two grey levels of sixteen).
const TOLERANCE: f64 = 0.004;

fn first_page_grey(pdf: &Path) -> (u32, u32, Vec<u8>) {
    let prefix = pdf.with_extension("");
    let out = Command::new("pdftoppm")
        .args(["-r", "50", "-f", "1", "-l", "1", "-singlefile", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(out.status.success(), "pdftoppm failed on {}", pdf.display());
    let img = image::open(prefix.with_extension("png"))
        .expect("pdftoppm wrote a PNG")
        .to_luma8();
    let (w, h) = img.dimensions();
    // sixteen grey levels: what the references keep
    (w, h, img.into_raw().into_iter().map(|v| v / 17).collect())
}

fn write_grey4(path: &Path, w: u32, h: u32, levels: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Four);
    enc.set_compression(png::Compression::High);
    let mut packed = Vec::with_capacity((w as usize).div_ceil(2) * h as usize);
    for row in levels.chunks(w as usize) {
        for pair in row.chunks(2) {
            packed.push((pair[0] << 4) | pair.get(1).copied().unwrap_or(0));
        }
    }
    enc.write_header().unwrap().write_image_data(&packed).unwrap();
}

fn read_grey4(path: &Path) -> (u32, u32, Vec<u8>) {
    let img = image::open(path).unwrap_or_else(|e| panic!("{}: {e} (FOLIO_UPDATE_GOLDEN=1 writes it)", path.display()));
    let img = img.to_luma8();
    let (w, h) = img.dimensions();
    (w, h, img.into_raw().into_iter().map(|v| v / 17).collect())
}

fn diff_image(path: &Path, w: u32, h: u32, want: &[u8], got: &[u8]) {
    let mut out = image::RgbImage::new(w, h);
    for (i, px) in out.pixels_mut().enumerate() {
        let g = got[i] * 17;
        *px = if want[i].abs_diff(got[i]) > 2 {
            image::Rgb([230, 20, 20])
        } else {
            image::Rgb([g, g, g])
        };
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    out.save(path).unwrap();
}

fn media_box(pdf: &Path) -> (f32, f32) {
    let pdf = Pdf::open(pdf);
    pdf.page_size(pdf.doc.get_pages()[&1])
}

#[test]
fn every_theme_size_and_variant_audits_clean_and_matches_its_reference() {
    let loaded = folio::content::load(&repo().join("content/examples/ada-example.toml"), &folio::text::covers)
        .expect("example loads");
    let dir = tempdir();
    let update = std::env::var_os("FOLIO_UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for theme in ThemeName::ALL {
        for size in PageSize::ALL {
            // each theme as designed: the example's own [design] overrides are left out
            let mut p = loaded.portfolio.clone();
            p.design = folio::model::Design {
                theme,
                page_size: size,
                ..Default::default()
            };
            let (resume, diags) = folio::render_resume(&p, &[], false, None);
            assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
            // the example's first application, whose letter uses inline markup,
            // under the head of the résumé above
            let app = &p.applications[0];
            let theme_values = folio::layout::Theme::for_design(&p.design);
            let shaper = folio::text::FontShaper::new();
            let (selection, _) = folio::layout::resume::select(&p, &[]);
            let head = folio::layout::resume::fit(&p, &selection, &theme_values, &shaper, None)
                .expect("the résumé fits")
                .density;
            let body = app
                .letter
                .as_ref()
                .expect("the example's first application has a letter");
            let letter =
                folio::layout::letter::letter(&p, app, body, head, &theme_values, &shaper, None).expect("fits");
            for (variant, bytes) in [
                ("portfolio", folio::render_portfolio(&p, None)),
                ("resume", resume.unwrap()),
                ("cover-letter", folio::export::to_pdf(&letter)),
            ] {
                let name = format!("{}-{}-{variant}", theme.name(), size.name());
                let pdf = dir.path().join(format!("{name}.pdf"));
                std::fs::write(&pdf, bytes).unwrap();
                let (w, h) = media_box(&pdf);
                let (ew, eh) = size.points();
                assert!(
                    (w - ew).abs() < 0.5 && (h - eh).abs() < 0.5,
                    "{name}: page is {w} x {h}"
                );
                let audit = Audit::of(&pdf);
                if variant == "portfolio" { audit } else { audit.pages(1) }.assert_clean();

                let (w, h, got) = first_page_grey(&pdf);
                let golden = repo().join(format!("tests/golden/images/{name}.png"));
                if update {
                    write_grey4(&golden, w, h, &got);
                }
                let size_kb = std::fs::metadata(&golden).map(|m| m.len()).unwrap_or(0) / 1024;
                assert!(size_kb < 40, "{} is {size_kb} KB", golden.display());
                let (gw, gh, want) = read_grey4(&golden);
                let differing = if (gw, gh) == (w, h) {
                    want.iter().zip(&got).filter(|(a, b)| a.abs_diff(**b) > 2).count()
                } else {
                    got.len()
                };
                let share = differing as f64 / got.len() as f64;
                if share > TOLERANCE {
                    let diff: PathBuf = repo().join(format!("target/golden-diff/{name}.png"));
                    if (gw, gh) == (w, h) {
                        diff_image(&diff, w, h, &want, &got);
                    }
                    failures.push(format!(
                        "{name}: {:.2}% of pixels differ; see {}",
                        share * 100.0,
                        diff.display()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "first pages differ from their references:\n{}",
        failures.join("\n")
    );
}
