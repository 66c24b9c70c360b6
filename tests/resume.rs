//! The one-page résumé, built by the real binary and read back.

mod common;

use std::fs;
use std::path::Path;

use common::*;

fn bundled() -> String {
    repo().join("content/portfolio.toml").to_str().unwrap().to_string()
}

/// A portfolio of `systems` systems and `jobs` experience entries.
fn stress(systems: usize, jobs: usize) -> String {
    let mut s = String::from(
        "[profile]\nname = \"Stress Test\"\nheadline = \"Generated\"\nemail = \"st@example.com\"\n\
         summary = \"A generated profile summary.\"\n",
    );
    for i in 0..systems {
        let tag = if i % 4 == 0 { "CUDA" } else { "Serving" };
        s.push_str(&format!(
            "[[systems]]\ntitle = \"System {i}\"\ntagline = \"Tagline of system {i}\"\nstart = 2020\nend = 2021\n\
             tags = [\"T{i}\", \"{tag}\"]\nmetrics = [{{ value = \"{i}.1x\", label = \"Speed\" }}, {{ value = \"{i}\", label = \"Count\" }}]\n"
        ));
    }
    for i in 0..jobs {
        s.push_str(&format!(
            "[[experience]]\nrole = \"Role {i}\"\norganization = \"Org {i}\"\nstart = {}\nend = {}\nsummary = \"Work at org {i}.\"\n\
             highlights = [\"Highlight one of role {i}, long enough to wrap on a narrow page\", \"Highlight two of role {i}\"]\n",
            2024 - i,
            2025 - i
        ));
    }
    s
}

#[test]
fn resume_flag_writes_both_pdfs_and_the_resume_is_one_clean_page() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    let o = folio(&repo(), &["build", &bundled(), "--resume", "--out-dir", out], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("portfolio.pdf").exists());
    let resume = dir.path().join("resume.pdf");
    let mut audit = Audit::of(&resume).pages(1);
    for s in [
        "FlashAttention-2 CUDA Kernel",
        "Project Chimera",
        "Speculative Decoding Runtime",
        "Sparse MoE Scaling",
        "VAANI",
        "2.1x",
        "64x64",
        "O(N)",
        "700M",
        "4.2GB",
        "<3s",
        "2.4x",
        "0.5B",
        "3B",
        "2.3x",
        "8",
        "125M",
        "<800ms",
        "0",
    ] {
        audit = audit.expect(s);
    }
    audit.assert_clean();
    let pdf = Pdf::open(&resume);
    assert_eq!(
        pdf.info_str("Title").as_deref(),
        Some("Mani Pal \u{2014} R\u{e9}sum\u{e9}")
    );
    assert!(stderr(&o).is_empty(), "no warnings expected: {}", stderr(&o));
}

#[test]
fn only_picks_one_output() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    let o = folio(
        &repo(),
        &["build", &bundled(), "--resume", "--only", "resume", "--out-dir", out],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("resume.pdf").exists());
    assert!(!dir.path().join("portfolio.pdf").exists());
    let other = tempdir();
    let out = other.path().to_str().unwrap();
    let o = folio(
        &repo(),
        &["build", &bundled(), "--resume", "--only", "portfolio", "--out-dir", out],
        &[],
    );
    assert!(o.status.success());
    assert!(other.path().join("portfolio.pdf").exists());
    assert!(!other.path().join("resume.pdf").exists());
    let o = folio(&repo(), &["build", &bundled(), "--only", "everything"], &[]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn forty_systems_and_ten_jobs_still_give_one_page_and_report_every_drop() {
    let dir = tempdir();
    let content = write(dir.path(), "big.toml", &stress(40, 10));
    let o = folio(
        dir.path(),
        &["build", &content, "--only", "resume", "--out-dir", "."],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: to keep the r\u{e9}sum\u{e9} on one page, left out"),
        "{err}"
    );
    // the last system is the first to go, and it is named
    assert!(err.contains("`system-39`"), "{err}");
    let resume = dir.path().join("resume.pdf");
    Audit::of(&resume)
        .pages(1)
        .expect("Stress Test")
        .expect("System 0")
        .assert_clean();
    let pdf = Pdf::open(&resume);
    let sizes = pdf.font_sizes();
    assert!(sizes.len() > 20, "font sizes read from the content stream: {sizes:?}");
    let min = sizes.iter().copied().fold(f32::MAX, f32::min);
    assert!(min >= 8.5, "text at {min} pt");
    // what was dropped is really absent, and what was kept is present
    let text = pdf_text(&resume);
    assert!(!text.contains("System 39"));
    for kept in 0..40 {
        let named_as_dropped = err.contains(&format!("`system-{kept}`"));
        assert_eq!(
            text.contains(&format!("System {kept} ")),
            !named_as_dropped,
            "system {kept}"
        );
    }
}

#[test]
fn focus_reorders_selects_and_warns_about_unknown_tags() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    let o = folio(
        &repo(),
        &[
            "build",
            &bundled(),
            "--only",
            "resume",
            "--focus",
            "Inference Systems,cuda,Servng",
            "--out-dir",
            out,
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("focus tag `servng` is not carried by any system"), "{err}");
    assert!(err.contains("`Serving`"), "{err}");
    let text = pdf_text(&dir.path().join("resume.pdf"));
    let order: Vec<usize> = [
        "FlashAttention-2 CUDA Kernel", // CUDA
        "Speculative Decoding Runtime", // Inference Systems
        "Project Chimera",
        "Sparse MoE Scaling",
        "VAANI",
    ]
    .iter()
    .map(|t| text.find(t).unwrap_or_else(|| panic!("{t} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "order {order:?} in {text}");

    // with a cap, the systems without a matching tag are the ones left out
    let capped = write(
        dir.path(),
        "capped.toml",
        &fs::read_to_string(bundled())
            .unwrap()
            .replace("[portfolio]", "[resume]\nmax_systems = 2\n\n[portfolio]"),
    );
    let o = folio(
        dir.path(),
        &[
            "build",
            &capped,
            "--only",
            "resume",
            "--focus",
            "Hindi,MoE",
            "--out-dir",
            "capped",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&dir.path().join("capped/resume.pdf"));
    assert!(text.find("Sparse MoE Scaling").unwrap() < text.find("VAANI").unwrap());
    assert!(!text.contains("FlashAttention") && !text.contains("Chimera"), "{text}");
}

#[test]
fn strict_fit_fails_and_writes_nothing_when_something_would_be_dropped() {
    let dir = tempdir();
    let content = write(dir.path(), "big.toml", &stress(40, 10));
    fs::write(dir.path().join("resume.pdf"), b"previous").unwrap();
    let o = folio(
        dir.path(),
        &["build", &content, "--resume", "--strict-fit", "--out-dir", "."],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error: to keep the r\u{e9}sum\u{e9} on one page"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(dir.path().join("resume.pdf")).unwrap(), b"previous");
    assert!(!dir.path().join("portfolio.pdf").exists(), "nothing at all is written");
    // content that fits passes --strict-fit
    let o = folio(
        &repo(),
        &[
            "build",
            &bundled(),
            "--only",
            "resume",
            "--strict-fit",
            "--out-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

/// An unknown --focus tag is a warning about no file, as the note "X was written
/// before this error" is; it does not mean a PDF was written.
#[test]
fn a_failed_build_with_an_unknown_focus_tag_still_says_no_pdf_was_written() {
    let dir = tempdir();
    let content = write(dir.path(), "big.toml", &stress(40, 10));
    let o = folio(
        dir.path(),
        &[
            "build",
            &content,
            "--resume",
            "--strict-fit",
            "--focus",
            "nosuchtag",
            "--out-dir",
            "out",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("focus tag `nosuchtag` is not carried by any system"),
        "{err}"
    );
    assert_eq!(
        err.lines().rfind(|l| !l.is_empty()),
        Some("error: build failed with 1 error and 1 warning; no PDF was written"),
        "{err}"
    );
    assert!(!dir.path().join("out").exists(), "nothing is written");
}

#[test]
fn reading_order_is_name_contacts_then_sections_and_links_are_clickable() {
    let dir = tempdir();
    let example = repo().join("content/examples/ada-example.toml");
    let o = folio(
        &repo(),
        &[
            "build",
            example.to_str().unwrap(),
            "--only",
            "resume",
            "--out-dir",
            dir.path().to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("resume.pdf");
    let text = pdf_text(&path);
    let expected: Vec<String> = [
        "Ada Example",
        "ada@example.com",
        "Selected systems",
        "Experience",
        "Education",
        "Skills",
        "Publications",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_in_order(&text, &expected);
    let links = Pdf::open(&path).link_uris();
    assert!(links.iter().any(|u| u.starts_with("mailto:")), "{links:?}");
    assert!(links.iter().any(|u| u.starts_with("https://")), "{links:?}");
    Audit::of(&path).pages(1).assert_clean();
}

#[test]
fn resume_bytes_are_identical_across_builds() {
    let (a, b) = (tempdir(), tempdir());
    let build = |d: &Path| {
        let o = folio(
            &repo(),
            &[
                "build",
                &bundled(),
                "--only",
                "resume",
                "--out-dir",
                d.to_str().unwrap(),
            ],
            &[],
        );
        assert!(o.status.success());
        fs::read(d.join("resume.pdf")).unwrap()
    };
    assert!(build(a.path()) == build(b.path()));
}
