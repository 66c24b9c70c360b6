//! The reader helpers of tests/common/readers.rs, each run on a real folio PDF (the
//! example's résumé and portfolio) and on a small tagged PDF/UA-1 file made with Typst
//! (tests/data/tagged-ua1.pdf, its source beside it), so that each helper is shown to
//! read text, pages and structure as its contract says.

mod common;

use std::path::{Path, PathBuf};

use common::readers::*;
use common::*;
use lopdf::{Document, Object};

fn tagged() -> PathBuf {
    repo().join("tests/data/tagged-ua1.pdf")
}

/// A copy of the tagged fixture with `edit` applied.
fn tagged_copy(dir: &Path, name: &str, edit: impl FnOnce(&mut Document)) -> PathBuf {
    let mut doc = Document::load(tagged()).unwrap();
    edit(&mut doc);
    let path = dir.join(name);
    doc.save(&path).unwrap();
    path
}

/// The fixture with no structure tree and no claim to be tagged.
fn untagged(doc: &mut Document) {
    let catalog = doc.catalog_mut().unwrap();
    catalog.remove(b"StructTreeRoot").unwrap();
    catalog.remove(b"MarkInfo").unwrap();
}

#[test]
fn pdftotext_reads_text_in_raw_and_layout_modes() {
    let dir = tempdir();
    let (resume, portfolio) = example_pdfs(dir.path());
    let raw = pdftotext_raw(&resume);
    assert!(raw.lines().next().unwrap().contains("Ada Example"), "{raw}");
    assert_eq!(raw.matches('\u{c}').count(), 1, "one form feed per page");
    let layout = pdftotext_layout(&portfolio);
    assert!(layout.contains("Ada Example"), "{layout}");
    assert_eq!(layout.matches('\u{c}').count(), Pdf::open(&portfolio).pages());
    // layout keeps the columns: some line holds a run of spaces between two texts
    assert!(layout.lines().any(|l| l.trim().contains("     ")), "{layout}");
}

#[test]
fn pdfjs_reads_every_page_and_the_structure_tree() {
    let dir = tempdir();
    let (_, portfolio) = example_pdfs(dir.path());
    let pages = pdfjs(&portfolio);
    assert_eq!(pages.len(), Pdf::open(&portfolio).pages());
    assert!(pages[0].text.contains("Ada Example"), "{}", pages[0].text);
    let first = pages[0].items.iter().find(|i| !i.str.trim().is_empty()).unwrap();
    assert!(
        first.x > 0.0 && first.y > 0.0 && first.width > 0.0 && first.height > 0.0,
        "{first:?}"
    );

    let pages = pdfjs(&tagged());
    assert_eq!(pages.len(), 1);
    assert_eq!(
        pages[0].text,
        "Reader fixture\nA paragraph that every reader should extract.\n\u{2022} first item\n\u{2022} second item"
    );
    assert_eq!(
        pages[0].roles(),
        ["Root", "Document", "H1", "P", "L", "LI", "Lbl", "LBody", "LI", "Lbl", "LBody"]
    );

    let plain = tagged_copy(dir.path(), "untagged.pdf", untagged);
    assert!(pdfjs(&plain)[0].struct_tree.is_null());
}

#[test]
fn pdfminer_gives_text_and_words_with_boxes() {
    let dir = tempdir();
    let (resume, _) = example_pdfs(dir.path());
    let read = pdfminer(&resume);
    assert!(read.text.contains("Ada Example"), "{}", read.text);
    // the words are the text's words, in the same order
    let words: Vec<&str> = read.words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(words, read.text.split_whitespace().collect::<Vec<_>>());
    let (ada, example) = (&read.words[0], &read.words[1]);
    assert_eq!((ada.text.as_str(), example.text.as_str()), ("Ada", "Example"));
    assert_eq!(ada.page, 1);
    assert!(
        ada.x1 <= example.x0 && ada.x0 < ada.x1 && ada.y0 < ada.y1,
        "{ada:?} {example:?}"
    );
    // points from the bottom left: the name is near the top of the page
    assert!(ada.y0 > 700.0, "{ada:?}");
}

#[test]
fn pypdf_gives_the_text_of_each_page() {
    let dir = tempdir();
    let (resume, portfolio) = example_pdfs(dir.path());
    let read = pypdf(&portfolio);
    assert_eq!(read.pages.len(), Pdf::open(&portfolio).pages());
    assert!(read.pages[0].contains("Ada Example"), "{}", read.pages[0]);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert!(pypdf(&resume).pages[0].contains("Ada Example"));
}

#[test]
fn pdfinfo_prints_the_structure_tree_with_its_text() {
    let text = pdfinfo_struct_text(&tagged());
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for want in [
        "Document",
        "H1 \"Reader fixture\" (block)",
        "\"A paragraph that every reader should extract.\"",
        "LBody (block)",
        "\"second item\"",
    ] {
        assert!(lines.contains(&want), "`{want}` not in:\n{text}");
    }
    let dir = tempdir();
    assert_eq!(
        pdfinfo_struct_text(&tagged_copy(dir.path(), "untagged.pdf", untagged)),
        ""
    );
}

#[test]
fn pdfua_reports_every_finding_and_every_rule_it_could_not_run() {
    let dir = tempdir();
    // untagged: errors, with their rule ids
    let report = pdfua(&tagged_copy(dir.path(), "untagged.pdf", untagged));
    let errors: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.severity == "error")
        .map(|f| f.rule_id.as_str())
        .collect();
    assert!(
        errors.contains(&"UA-01-005") && errors.contains(&"UA-01-002"),
        "{report:?}"
    );

    // Typst's PDF/UA-1 file: no finding, but pdfua 0.1.3 cannot evaluate its
    // empty-heading rule on a heading whose /K is an array (the rule raises)
    let report = pdfua(&tagged());
    assert!(report.findings.is_empty(), "{report:?}");
    let skipped: Vec<&str> = report.skipped.iter().map(|s| s.rule_id.as_str()).collect();
    assert_eq!(skipped, ["UA-14-001"], "{report:?}");

    // the same tree with each one-item /K written as the item itself: every rule runs
    let flat = tagged_copy(dir.path(), "flat-k.pdf", |doc| {
        for object in doc.objects.values_mut() {
            let Ok(dict) = object.as_dict_mut() else { continue };
            let one = match dict.get(b"K") {
                Ok(Object::Array(items)) if items.len() == 1 => items[0].clone(),
                _ => continue,
            };
            dict.set("K", one);
        }
    });
    let report = pdfua(&flat);
    report.assert_clean();
    assert_eq!(report.summary.rules_skipped, 0);
}

#[test]
#[should_panic(expected = "pdfua check is not clean")]
fn a_pdfua_finding_fails_assert_clean() {
    let dir = tempdir();
    pdfua(&tagged_copy(dir.path(), "untagged.pdf", untagged)).assert_clean();
}

#[test]
#[should_panic(expected = "[not evaluated] UA-14-001")]
fn a_rule_pdfua_could_not_run_fails_assert_clean() {
    pdfua(&tagged()).assert_clean();
}
