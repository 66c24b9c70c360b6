//! The portfolio PDF, built by the real binary and read back.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn build_bundled(out: &Path) -> std::path::PathBuf {
    let content = repo().join("content/portfolio.toml");
    let o = folio(
        &repo(),
        &["build", content.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
        &[],
    );
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    out.join("portfolio.pdf")
}

#[test]
fn build_without_arguments_reads_content_and_writes_output() {
    let dir = tempdir();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    fs::copy(
        repo().join("content/portfolio.toml"),
        dir.path().join("content/portfolio.toml"),
    )
    .unwrap();
    let o = folio(dir.path(), &["build"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("output/portfolio.pdf");
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    // nothing else is left in the output folder (no temporary files)
    assert_eq!(fs::read_dir(dir.path().join("output")).unwrap().count(), 1);
}

#[test]
fn bundled_portfolio_has_every_seed_string_in_reading_order() {
    let dir = tempdir();
    let pdf = build_bundled(dir.path());
    assert_in_order(&pdf_text(&pdf), &seed_strings());
}

#[test]
fn bundled_portfolio_passes_pdf_audit() {
    let dir = tempdir();
    let pdf = build_bundled(dir.path());
    let expect = repo().join("tests/data/seed-strings.txt");
    Audit::of(&pdf).expect_lines_of(&expect).assert_clean();
}

#[test]
fn bundled_portfolio_metadata_outline_and_pages() {
    let dir = tempdir();
    let pdf = Pdf::open(&build_bundled(dir.path()));
    assert_eq!(pdf.pages(), 2);
    assert_eq!(pdf.info_str("Title").as_deref(), Some("Mani Pal \u{2014} Portfolio"));
    assert_eq!(pdf.info_str("Author").as_deref(), Some("Mani Pal"));
    let subject = pdf.info_str("Subject").unwrap();
    assert!(subject.contains("Engineer-researcher"), "{subject}");
    let keywords = pdf.info_str("Keywords").unwrap();
    for tag in ["CUDA", "Kernel Engineering", "Scaling Studies", "Edge Inference"] {
        assert!(keywords.contains(tag), "keywords {keywords} lack {tag}");
    }
    // no wall-clock date unless asked for
    assert_eq!(pdf.info_str("CreationDate"), None);
    assert_eq!(
        pdf.outline(),
        vec![
            "Mani Pal",
            "FlashAttention-2 CUDA Kernel",
            "Project Chimera",
            "Speculative Decoding Runtime",
            "Sparse MoE Scaling",
            "VAANI"
        ]
    );
}

#[test]
fn builds_are_byte_identical_across_folders_and_working_directories() {
    let a = tempdir();
    let b = tempdir();
    let first = fs::read(build_bundled(a.path())).unwrap();
    // second build: relative paths from another working directory
    let content = repo().join("content/portfolio.toml");
    let o = folio(b.path(), &["build", content.to_str().unwrap(), "--out-dir", "out"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let second = fs::read(b.path().join("out/portfolio.pdf")).unwrap();
    assert!(first == second, "two builds of the same content differ");
}

#[test]
fn source_date_epoch_sets_the_creation_date_and_nothing_else_changes_between_runs() {
    let content = repo().join("content/portfolio.toml");
    let run = |dir: &Path| {
        let o = folio(
            dir,
            &["build", content.to_str().unwrap(), "--out-dir", "."],
            &[("SOURCE_DATE_EPOCH", "1767225600")],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        fs::read(dir.join("portfolio.pdf")).unwrap()
    };
    let (a, b) = (tempdir(), tempdir());
    let first = run(a.path());
    assert_eq!(first, run(b.path()));
    let pdf = Pdf::open(&a.path().join("portfolio.pdf"));
    assert_eq!(
        pdf.info_str("CreationDate").as_deref().map(|d| &d[..10]),
        Some("D:20260101")
    );

    let bad = folio(
        a.path(),
        &["build", content.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&bad));
}

#[test]
fn example_exercises_every_feature() {
    let dir = tempdir();
    let content = repo().join("content/examples/ada-example.toml");
    let o = folio(
        &repo(),
        &[
            "build",
            content.to_str().unwrap(),
            "--out-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("portfolio.pdf");
    let pdf = Pdf::open(&path);
    assert!(pdf.pages() >= 3, "the case studies should flow over several pages");
    let links = pdf.link_uris();
    assert!(links.iter().any(|u| u.starts_with("mailto:")), "{links:?}");
    assert!(
        links.iter().filter(|u| u.starts_with("https://")).count() >= 3,
        "{links:?}"
    );
    let text = pdf_text(&path);
    for heading in ["Motivation", "Design constraints", "Architecture", "Lessons learned"] {
        assert!(text.contains(heading), "{heading} missing");
    }
    for literal in ["C#", "$", "<", "#", "&", "%", "\\"] {
        assert!(text.contains(literal), "{literal} missing");
    }
    // the photo is embedded as an image
    let images = pdf
        .doc
        .objects
        .values()
        .filter(|o| matches!(o, lopdf::Object::Stream(s) if s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Image")))
        .count();
    assert_eq!(images, 1);
    Audit::of(&path).expect("Ada Example").assert_clean();
}

/// A generated portfolio: `n` systems with long case studies.
pub fn generated(n: usize) -> String {
    let mut s = String::from(
        "[profile]\nname = \"Test Person\"\nheadline = \"Generated\"\nsummary = \"A generated portfolio.\"\n\n[portfolio]\ntitle = \"Systems\"\n",
    );
    for i in 0..n {
        let para = format!(
            "System {i} paragraph: measured the kernel across tile sizes, registers and occupancy, \
             recorded each configuration, and kept what held up under repeated runs. "
        )
        .repeat(3 + i % 5);
        s.push_str(&format!(
            "\n[[systems]]\ntitle = \"System number {i}\"\ntagline = \"Tagline {i}\"\nstatus = \"active\"\nstart = 2020\nend = 2024\n\
             summary = \"Summary of system {i}.\"\ntags = [\"Tag{i}\", \"CUDA\", \"Systems\"]\n\
             metrics = [{{ value = \"{i}.5x\", label = \"Speed\", detail = \"Versus baseline.\" }}, \
             {{ value = \"{i}\", label = \"Count\", detail = \"Things.\" }}]\n\
             [systems.case_study]\nmotivation = \"{para}\"\narchitecture = \"{para}\\n\\n- first point {i}\\n- second point {i}\"\n\
             results = \"{para}\"\nlessons = \"{para}\"\n"
        ));
    }
    s
}

#[test]
fn sixty_systems_with_long_case_studies_paginate_cleanly() {
    let dir = tempdir();
    let content = dir.path().join("big.toml");
    fs::write(&content, generated(60)).unwrap();
    let o = folio(dir.path(), &["build", "big.toml", "--out-dir", "."], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("portfolio.pdf");
    let pdf = Pdf::open(&path);
    assert!(pdf.pages() > 30, "{} pages", pdf.pages());
    assert_eq!(pdf.outline().len(), 61);
    Audit::of(&path)
        .expect("System number 59")
        .expect("second point 59")
        .assert_clean();
}

#[test]
fn a_content_error_exits_1_and_leaves_the_previous_pdf_alone() {
    let dir = tempdir();
    let pdf = build_bundled(dir.path());
    let before = fs::read(&pdf).unwrap();
    let bad = dir.path().join("bad.toml");
    fs::write(&bad, "[profile]\nname = \"X\"\n\n[[systems]]\ntitel = \"Oops\"\n").unwrap();
    let o = folio(dir.path(), &["build", "bad.toml", "--out-dir", "."], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.toml:5:1"), "{err}");
    assert!(err.contains("titel") && err.contains("title"), "{err}");
    assert_eq!(fs::read(&pdf).unwrap(), before);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no stray files");
}

#[test]
fn command_line_misuse_exits_2_and_help_explains_flags() {
    let dir = tempdir();
    let o = folio(dir.path(), &["build", "--no-such-flag"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = folio(dir.path(), &["frobnicate"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let help = folio(dir.path(), &["build", "--help"], &[]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success());
    assert!(text.contains("--out-dir") && text.contains("CONTENT.toml"), "{text}");
    let top = folio(dir.path(), &["--help"], &[]);
    assert!(String::from_utf8_lossy(&top.stdout).contains("build"));
}

/// The extracted text of the bundled portfolio, compared with a reference kept in
/// the repository. `FOLIO_UPDATE_GOLDEN=1 cargo test` rewrites it.
#[test]
fn golden_text_of_the_bundled_portfolio() {
    let dir = tempdir();
    let text = pdf_text(&build_bundled(dir.path()));
    let golden = repo().join("tests/golden/portfolio.txt");
    if std::env::var_os("FOLIO_UPDATE_GOLDEN").is_some() {
        fs::create_dir_all(golden.parent().unwrap()).unwrap();
        fs::write(&golden, format!("{text}\n")).unwrap();
    }
    let want = fs::read_to_string(&golden).expect("golden file (FOLIO_UPDATE_GOLDEN=1 writes it)");
    assert_eq!(
        text,
        want.trim_end(),
        "extracted text changed; review and rerun with FOLIO_UPDATE_GOLDEN=1"
    );
}

#[test]
fn rendering_twice_in_one_process_gives_the_same_bytes() {
    let loaded =
        folio::content::load(&repo().join("content/examples/ada-example.toml"), &folio::text::covers).expect("loads");
    let a = folio::render_portfolio(&loaded.portfolio, None);
    let b = folio::render_portfolio(&loaded.portfolio, None);
    assert!(
        a == b,
        "resource names or ids differ between two renders in one process"
    );
}

#[test]
fn building_many_files_at_once_gives_the_same_bytes_as_one_at_a_time() {
    let dir = tempdir();
    let files = ["content/portfolio.toml", "content/examples/ada-example.toml"];
    let opts = |i: usize, sub: &str| {
        let mut o = folio::BuildOptions::new(repo().join(files[i % 2]), dir.path().join(sub).join(i.to_string()));
        o.outputs.resume = true;
        o
    };
    let together: Vec<_> = (0..4).map(|i| opts(i, "many")).collect();
    for r in folio::build_many(&together) {
        r.expect("builds");
    }
    for i in 0..4 {
        folio::build(&opts(i, "one")).expect("builds");
        for name in ["portfolio.pdf", "resume.pdf"] {
            let a = fs::read(dir.path().join("many").join(i.to_string()).join(name)).unwrap();
            let b = fs::read(dir.path().join("one").join(i.to_string()).join(name)).unwrap();
            assert!(a == b, "{name} of build {i} differs");
        }
    }
}

#[test]
fn the_design_table_sets_page_size_theme_and_accent() {
    let dir = tempdir();
    let base = fs::read_to_string(repo().join("content/portfolio.toml")).unwrap();
    let content = dir.path().join("designed.toml");
    fs::write(
        &content,
        format!("{base}\n[design]\ntheme = \"modern\"\npage_size = \"letter\"\naccent = \"#7A1F5C\"\n"),
    )
    .unwrap();
    let o = folio(
        dir.path(),
        &["build", "designed.toml", "--resume", "--out-dir", "."],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["portfolio.pdf", "resume.pdf"] {
        let path = dir.path().join(name);
        let pdf = Pdf::open(&path);
        for (_, page) in pdf.doc.get_pages() {
            assert_eq!(pdf.page_size(page), (612.0, 792.0), "{name}");
        }
        // the modern band is painted in the accent colour: 0x7A/255 0x1F/255 0x5C/255
        let first = pdf.doc.get_pages()[&1];
        let ops = lopdf::content::Content::decode(&pdf.doc.get_page_content(first))
            .unwrap()
            .operations;
        let accent_fill = ops.iter().any(|op| {
            op.operator == "rg"
                && op
                    .operands
                    .iter()
                    .map(|o| o.as_float().unwrap())
                    .zip([0x7A, 0x1F, 0x5C])
                    .all(|(v, c)| (v - c as f32 / 255.0).abs() < 0.002)
        });
        assert!(accent_fill, "{name}: no fill in the accent colour");
        let audit = Audit::of(&path);
        if name == "resume.pdf" { audit.pages(1) } else { audit }.assert_clean();
    }
}
