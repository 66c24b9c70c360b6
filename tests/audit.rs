//! The PDF audit itself is tested: good PDFs pass every check, and PDFs broken one way
//! each (edited with lopdf from a real folio PDF) fail exactly the check for that flaw.
//!
//! The broken PDFs are left in target/tmp/audit-cases/ so that any other judge can be
//! run on the same files and compared.

mod common;

use std::path::{Path, PathBuf};

use common::audit::{FontFlaw, Problem};
use common::*;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, ObjectId};

fn cases_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-cases");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn first_page(doc: &Document) -> ObjectId {
    doc.get_pages()[&1]
}

/// Draw the first line of text of page 1 again at each of `at` (points from the
/// bottom-left corner), in the same font and size, after everything else on the page.
fn redraw_first_text(doc: &mut Document, at: &[(f32, f32)]) {
    let page = first_page(doc);
    let mut content = Content::decode(&doc.get_page_content(page)).unwrap();
    let font = content
        .operations
        .iter()
        .find(|op| op.operator == "Tf")
        .unwrap()
        .operands
        .clone();
    let shown = content
        .operations
        .iter()
        .find(|op| op.operator == "TJ" || op.operator == "Tj")
        .unwrap()
        .clone();
    for &(x, y) in at {
        content.operations.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", font.clone()),
            Operation::new("Tm", vec![1.into(), 0.into(), 0.into(), 1.into(), x.into(), y.into()]),
            shown.clone(),
            Operation::new("ET", vec![]),
        ]);
    }
    doc.change_page_content(page, content.encode().unwrap()).unwrap();
}

/// Every font dictionary of the file (Type0 parents and their descendants alike).
fn font_ids(doc: &Document) -> Vec<ObjectId> {
    doc.objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font"))
        })
        .map(|(id, _)| *id)
        .collect()
}

/// The first Type0 font: its id and its name without the subset tag.
fn first_type0(doc: &Document) -> (ObjectId, String) {
    let id = font_ids(doc)
        .into_iter()
        .find(|id| {
            doc.get_dictionary(*id)
                .unwrap()
                .get(b"Subtype")
                .and_then(Object::as_name)
                .ok()
                == Some(b"Type0")
        })
        .expect("a Type0 font");
    let base = doc
        .get_dictionary(id)
        .unwrap()
        .get(b"BaseFont")
        .unwrap()
        .as_name()
        .unwrap();
    (id, String::from_utf8_lossy(base).into_owned())
}

fn info_mut(doc: &mut Document) -> &mut lopdf::Dictionary {
    let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    doc.get_object_mut(id).unwrap().as_dict_mut().unwrap()
}

/// Drop the font program of the first Type0 font from its FontDescriptor: the font is
/// referred to but not in the file.
fn unembed(doc: &mut Document) {
    let (_, base) = first_type0(doc);
    let descriptor = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor")
                    && d.get(b"FontName").and_then(Object::as_name).ok() == Some(base.as_bytes())
            })
        })
        .map(|(id, _)| *id)
        .expect("the font's FontDescriptor");
    let fd = doc.get_object_mut(descriptor).unwrap().as_dict_mut().unwrap();
    let removed = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
        .iter()
        .filter(|k| fd.remove(k).is_some())
        .count();
    assert_eq!(removed, 1);
}

/// Write the first entry of the first Type0 font's ToUnicode map without its brackets.
fn break_tounicode(doc: &mut Document) {
    let (id, _) = first_type0(doc);
    let map = doc
        .get_dictionary(id)
        .unwrap()
        .get(b"ToUnicode")
        .unwrap()
        .as_reference()
        .unwrap();
    let stream = doc.get_object_mut(map).unwrap().as_stream_mut().unwrap();
    let cmap = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
    let (head, rest) = cmap.split_once("beginbfchar\n").expect("a bfchar block");
    let (entry, tail) = rest.split_once('\n').unwrap();
    let (src, dst) = entry.split_once(' ').unwrap();
    let broken = format!("{head}beginbfchar\n{src} {}\n{tail}", dst.trim_matches(['<', '>']));
    stream.set_plain_content(broken.into_bytes());
}

/// Remove the subset tag (`ABCDEF+`) from every name of the first Type0 font.
fn unsubset(doc: &mut Document) {
    let (_, base) = first_type0(doc);
    let plain = base.split_once('+').expect("a subset tag").1.to_string();
    for id in doc.objects.keys().copied().collect::<Vec<_>>() {
        let Ok(dict) = doc.get_object_mut(id).and_then(Object::as_dict_mut) else {
            continue;
        };
        for key in [b"BaseFont".as_slice(), b"FontName"] {
            let tagged = dict
                .get(key)
                .and_then(Object::as_name)
                .ok()
                .is_some_and(|n| n.ends_with(plain.as_bytes()));
            if tagged {
                dict.set(key, Object::Name(plain.clone().into_bytes()));
            }
        }
    }
}

/// A broken copy of `good`, saved under the cases folder.
fn broken(good: &Path, name: &str, edit: impl FnOnce(&mut Document)) -> PathBuf {
    let mut doc = Document::load(good).unwrap();
    edit(&mut doc);
    let path = cases_dir().join(format!("{name}.pdf"));
    doc.save(&path).unwrap();
    path
}

#[test]
fn good_pdfs_and_their_lopdf_round_trips_pass_every_check() {
    let dir = tempdir();
    let (resume, portfolio) = example_pdfs(dir.path());
    for pdf in [resume.clone(), broken(&resume, "roundtrip-resume", |_| {})] {
        let report = Audit::of(&pdf).pages(1).expect("Ada Example").assert_clean();
        assert!(report.words > 100 && report.fonts >= 3, "{report}");
    }
    for pdf in [portfolio.clone(), broken(&portfolio, "roundtrip-portfolio", |_| {})] {
        let report = Audit::of(&pdf).max_pages(8).expect("Ada Example").assert_clean();
        assert!(report.pages >= 1 && report.words > 100, "{report}");
    }
}

#[test]
fn each_broken_pdf_fails_the_check_for_its_flaw_and_no_other() {
    let dir = tempdir();
    let (resume, _) = example_pdfs(dir.path());
    let (_, tagged) = first_type0(&Document::load(&resume).unwrap());
    type Edit = fn(&mut Document);
    let cases: [(&str, Edit, &[&str]); 9] = [
        // 8 pt from the left and the bottom edge: inside the page, inside the margin;
        // then across the top edge of the page
        ("word-in-margin", |d| redraw_first_text(d, &[(8.0, 8.0)]), &["margin"]),
        (
            "word-off-page",
            |d| redraw_first_text(d, &[(300.0, 836.0)]),
            &["margin"],
        ),
        (
            "overlapping-words",
            |d| redraw_first_text(d, &[(200.0, 400.0), (203.0, 401.0)]),
            &["overlap"],
        ),
        (
            "font-without-tounicode",
            |d| {
                let (id, _) = first_type0(d);
                let font = d.get_object_mut(id).unwrap().as_dict_mut().unwrap();
                assert!(font.remove(b"ToUnicode").is_some());
            },
            &["font"],
        ),
        ("font-not-embedded", unembed, &["font"]),
        // a ToUnicode map poppler cannot read (one entry without its brackets)
        ("tounicode-illegal-entry", break_tounicode, &["syntax"]),
        ("font-not-subset", unsubset, &["font"]),
        (
            "no-title",
            |d| {
                info_mut(d).remove(b"Title").unwrap();
            },
            &["metadata"],
        ),
        (
            "blank-author",
            |d| info_mut(d).set("Author", Object::string_literal("  ")),
            &["metadata"],
        ),
    ];
    for (name, edit, want) in cases {
        let pdf = broken(&resume, name, edit);
        let report = Audit::of(&pdf).pages(1).report();
        println!("{name}:\n{report}");
        assert_eq!(report.failed_checks(), want, "{name}:\n{report}");
    }

    // each flaw is named as it is: by both font readers, and with the right key
    let report = Audit::of(&cases_dir().join("font-without-tounicode.pdf")).report();
    for reader in ["pdffonts", "lopdf"] {
        let want = Problem::Font {
            reader,
            name: tagged.clone(),
            flaw: FontFlaw::NoToUnicode,
        };
        assert!(report.problems.contains(&want), "{report}");
    }
    let report = Audit::of(&cases_dir().join("tounicode-illegal-entry.pdf")).report();
    let syntax = Problem::Syntax {
        reader: "pdffonts",
        message: "Syntax Warning: Illegal entry in bfchar block in ToUnicode CMap".into(),
    };
    assert_eq!(report.problems, [syntax], "{report}");
    let report = Audit::of(&cases_dir().join("no-title.pdf")).report();
    assert!(
        report.problems.contains(&Problem::Metadata {
            reader: "pdfinfo",
            key: "Title"
        }),
        "{report}"
    );
    assert!(
        report.problems.contains(&Problem::Metadata {
            reader: "lopdf",
            key: "Title"
        }),
        "{report}"
    );
    let report = Audit::of(&cases_dir().join("overlapping-words.pdf")).report();
    assert!(
        report.to_string().contains("overlaps=") && !report.to_string().contains("overlaps=0"),
        "{report}"
    );
}

#[test]
fn a_damaged_file_fails_the_structure_check() {
    let dir = tempdir();
    let (resume, _) = example_pdfs(dir.path());
    let mut bytes = std::fs::read(&resume).unwrap();
    // point startxref a few bytes off: readers recover, qpdf says the file is damaged
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap() + 10;
    let digits = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let offset: usize = std::str::from_utf8(&bytes[at..at + digits]).unwrap().parse().unwrap();
    let wrong = format!("{:0width$}", offset - 7, width = digits);
    bytes.splice(at..at + digits, wrong.bytes());
    let pdf = cases_dir().join("damaged-xref.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let report = Audit::of(&pdf).report();
    println!("damaged-xref:\n{report}");
    assert!(report.failed_checks().contains(&"structure"), "{report}");
}

#[test]
fn page_and_text_expectations_fail_when_not_met() {
    let dir = tempdir();
    let (resume, portfolio) = example_pdfs(dir.path());
    let report = Audit::of(&resume).pages(2).expect("Ada Example").report();
    assert_eq!(report.failed_checks(), ["pages"], "{report}");
    let report = Audit::of(&portfolio).max_pages(0).report();
    assert_eq!(report.failed_checks(), ["pages"], "{report}");
    let report = Audit::of(&resume).expect("Ada Example").expect("Grace Hopper").report();
    assert_eq!(
        report.problems,
        [Problem::MissingText("Grace Hopper".into())],
        "{report}"
    );
    // spaces count: the name with its space removed is not the name
    let report = Audit::of(&resume).expect("AdaExample").report();
    assert_eq!(report.failed_checks(), ["text"], "{report}");
}

#[test]
#[should_panic(expected = "cannot run `pdftotext-not-installed`")]
fn a_missing_tool_fails_the_test() {
    common::readers::run_tool("pdftotext-not-installed", &["-v"]);
}
