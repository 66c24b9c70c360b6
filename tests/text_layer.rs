//! The text layer, read back by real readers: a corpus of tricky text (soft
//! hyphens, zero-width characters, no-break spaces, combining marks,
//! ligature-prone words, typographic quotes and dashes, Devanagari conjuncts,
//! a Chinese name in a user font) built into both PDFs, then read with
//! pdftotext (raw and layout), pdf.js, pdfminer.six and pypdf.
//!
//! pdftotext and pdf.js must return exactly the words written, in order (each
//! paragraph's words a run of the reader's words); pdfminer.six and pypdf must
//! return no word the author did not write. Words are compared after taking out
//! the invisible characters and joining a line that ends in a soft hyphen (the
//! hyphen a soft hyphen shows at a line break is U+00AD in the text layer, as
//! PDF readers expect of a hyphen that is not part of the word; pdf.js drops it,
//! so for pdf.js the line breaks poppler reads as soft hyphens are joined). A
//! reader that is not installed fails the test.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::readers::*;
use common::*;
use unicode_normalization::UnicodeNormalization;

/// The corpus: each string is one paragraph of the summary.
const CORPUS: &[&str] = &[
    // soft hyphens: one in the first body text (which once turned every space
    // into U+00AD), then enough long words that some line breaks at one
    "Co\u{AD}founder and systems engineer who builds fast, measurable systems.",
    "In\u{AD}ter\u{AD}na\u{AD}tion\u{AD}al\u{AD}i\u{AD}za\u{AD}tion in\u{AD}ter\u{AD}op\u{AD}er\u{AD}a\u{AD}bil\u{AD}i\u{AD}ty \
     in\u{AD}ter\u{AD}na\u{AD}tion\u{AD}al\u{AD}i\u{AD}za\u{AD}tion coun\u{AD}ter\u{AD}rev\u{AD}o\u{AD}lu\u{AD}tion\u{AD}ar\u{AD}ies \
     in\u{AD}com\u{AD}pre\u{AD}hen\u{AD}si\u{AD}bil\u{AD}i\u{AD}ties in\u{AD}ter\u{AD}na\u{AD}tion\u{AD}al\u{AD}i\u{AD}za\u{AD}tion \
     in\u{AD}ter\u{AD}op\u{AD}er\u{AD}a\u{AD}bil\u{AD}i\u{AD}ty coun\u{AD}ter\u{AD}rev\u{AD}o\u{AD}lu\u{AD}tion\u{AD}ar\u{AD}ies \
     in\u{AD}com\u{AD}pre\u{AD}hen\u{AD}si\u{AD}bil\u{AD}i\u{AD}ties in\u{AD}ter\u{AD}na\u{AD}tion\u{AD}al\u{AD}i\u{AD}za\u{AD}tion \
     elec\u{AD}tro\u{AD}en\u{AD}ceph\u{AD}a\u{AD}lo\u{AD}graph\u{AD}ic in\u{AD}ter\u{AD}op\u{AD}er\u{AD}a\u{AD}bil\u{AD}i\u{AD}ty.",
    // zero-width characters: a break opportunity, a word joiner, a BOM, joiners
    "Latency pro\u{200B}filing, word\u{2060}joiner, zero\u{FEFF}width and Join\u{200D}ed non\u{200C}joined words.",
    // no-break and narrow spaces
    "It served 10\u{A0}000 requests at p.\u{202F}99 in 5\u{2009}ms with no\u{A0}break.",
    // combining marks: composed by the shaper (Vietnamese written decomposed), or
    // placed above and below a letter the font has no composed glyph for
    "Cafe\u{301} nai\u{308}ve Nguye\u{302}\u{303}n Vie\u{323}\u{302}t R\u{323}gveda x\u{330} marks.",
    // ligature-prone words, and real hyphens beside the soft ones
    "The office shuffled affine fjord efficient offline workflows, state-of-the-art and co-founded.",
    // typographic quotes and dashes
    "\u{201C}Quoted\u{201D} and \u{2018}single\u{2019} text \u{2014} em dash, 2021\u{2013}2024 range, it\u{2019}s done\u{2026}",
    // Devanagari conjuncts, reordered vowel signs and a candra
    "हिन्दी वॉइस असिस्टेंट क्षत्रिय स्ट्रीम प्रोग्रामिंग",
];

/// The Chinese name, set in the test's user font.
const NAME: &str = "王小明";

fn content() -> String {
    let summary = CORPUS.join("\n\n");
    format!(
        "[profile]\nname = \"{NAME}\"\nheadline = \"Systems engineer\"\nsummary = \"\"\"\n{summary}\n\"\"\"\n\n\
         [design]\nfonts = [\"NotoSansSC-Subset.otf\"]\n\n\
         [[systems]]\ntitle = \"Corpus\"\ntagline = \"Office affine fjord\"\nsummary = \"\"\"\n{summary}\n\"\"\"\n\
         tags = [\"Text\"]\n"
    )
}

/// The corpus built into `dir`: (résumé, portfolio).
fn build(dir: &Path) -> (PathBuf, PathBuf) {
    std::fs::copy(
        repo().join("tests/data/fonts/NotoSansSC-Subset.otf"),
        dir.join("NotoSansSC-Subset.otf"),
    )
    .unwrap();
    write(dir, "corpus.toml", &content());
    let o = folio(
        dir,
        &[
            "build",
            "corpus.toml",
            "--resume",
            "--out-dir",
            "out",
            "--formats",
            "pdf,txt,md",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (dir.join("out/resume.pdf"), dir.join("out/portfolio.pdf"))
}

/// Unicode's default-ignorable characters: invisible, so not part of a word.
fn invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// The words of a text as the test compares them: a line ending in a soft hyphen
/// joined to the next, invisible characters taken out, split at whitespace.
/// Readers differ in whether they compose characters (pdf.js reads e + U+0301
/// as é), so words are compared in NFC.
fn words(text: &str) -> Vec<String> {
    let joined = text.replace("\u{AD}\r\n", "").replace("\u{AD}\n", "");
    let visible: String = joined.chars().filter(|&c| !invisible(c)).nfc().collect();
    visible.split_whitespace().map(str::to_string).collect()
}

/// pdf.js drops the U+00AD of a line that breaks at a soft hyphen, so its text
/// cannot say that the two lines' pieces are one word: join the pieces wherever
/// poppler (`poppler_raw`, the same PDF) reads a line ending in U+00AD.
fn rejoin(text: &str, poppler_raw: &str) -> String {
    let lines: Vec<&str> = poppler_raw.lines().collect();
    let mut out = text.to_string();
    for pair in lines.windows(2) {
        let Some(before) = pair[0].strip_suffix('\u{AD}') else {
            continue;
        };
        let (Some(left), Some(right)) = (before.split_whitespace().last(), pair[1].split_whitespace().next()) else {
            continue;
        };
        out = out.replace(&format!("{left}\n{right}"), &format!("{left}{right}"));
    }
    out
}

/// Whether `needle` occurs as a run of `hay`.
fn contains_run(hay: &[String], needle: &[String]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// Assert that `reader` read every corpus paragraph, word for word, and the name.
fn assert_exact(reader: &str, text: &str) {
    let read = words(text);
    for p in CORPUS {
        let want = words(p);
        assert!(
            contains_run(&read, &want),
            "{reader} does not read the paragraph exactly:\n  written: {want:?}\n  read:    {read:?}"
        );
    }
    assert!(
        read.iter().any(|w| w == NAME),
        "{reader} does not read the name {NAME}: {read:?}"
    );
}

/// Every word of the content file as written (TOML syntax aside).
fn written_words() -> HashSet<String> {
    let content = content();
    let mut out: HashSet<String> = words(&content).into_iter().collect();
    // a word may end or start at a TOML quote or bracket
    for w in words(&content.replace(['"', '[', ']', '='], " ")) {
        out.insert(w);
    }
    out
}

#[test]
fn every_reader_reads_the_corpus_as_written() {
    let dir = tempdir();
    let (resume, portfolio) = build(dir.path());
    for pdf in [&resume, &portfolio] {
        let raw = pdftotext_raw(pdf);
        assert_exact("pdftotext -raw", &raw);
        let layout = pdftotext_layout(pdf);
        assert_exact("pdftotext -layout", &layout);
        let js: String = pdfjs(pdf).iter().map(|p| format!("{}\n", p.text)).collect();
        assert_exact("pdf.js", &rejoin(&js, &raw));

        // the readers that find no fault with the text layer agree on folio's own
        // labels ("Selected systems"); beyond those, no reader may invent a word
        let known: HashSet<String> = words(&raw).into_iter().collect();
        let agreed: HashSet<String> = words(&js).into_iter().filter(|w| known.contains(w)).collect();
        let written = written_words();
        let allowed = |w: &String| written.contains(w) || agreed.contains(w);
        let miner = pdfminer(pdf);
        let invented: Vec<String> = words(&miner.text).into_iter().filter(|w| !allowed(w)).collect();
        assert!(
            invented.is_empty(),
            "pdfminer.six reads words never written: {invented:?}"
        );
        let py = pypdf(pdf);
        assert!(py.warnings.is_empty(), "pypdf: {:?}", py.warnings);
        let invented: Vec<String> = words(&py.pages.join("\n"))
            .into_iter()
            .filter(|w| !allowed(w))
            .collect();
        assert!(invented.is_empty(), "pypdf reads words never written: {invented:?}");
    }
}

#[test]
fn a_soft_hyphen_shows_a_hyphen_only_at_a_line_break() {
    let dir = tempdir();
    let (_, portfolio) = build(dir.path());
    let raw = pdftotext_raw(&portfolio);
    // some line of the long words breaks at a soft hyphen, and shows it
    assert!(
        raw.lines().any(|l| l.ends_with('\u{AD}')),
        "no line ends at a soft hyphen:\n{raw}"
    );
    // and no soft hyphen is read inside a line
    for line in raw.lines() {
        let inner = line.trim_end_matches('\u{AD}');
        assert!(!inner.contains('\u{AD}'), "a soft hyphen inside a line: {line:?}");
    }
}

#[test]
fn no_reader_reports_a_faulty_text_layer() {
    let dir = tempdir();
    let (resume, portfolio) = build(dir.path());
    for pdf in [&resume, &portfolio] {
        let out = run_tool("pdftotext", &[pdf.as_os_str(), "/dev/null".as_ref()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && err.trim().is_empty(), "pdftotext: {err}");
        let out = run_tool("qpdf", &["--check".as_ref(), pdf.as_os_str()]);
        assert!(
            out.status.success(),
            "qpdf --check: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// A letter with a dozen combining marks (some no font has): every mapping is
/// valid (poppler once rejected the entry and lost the line), and the readers
/// that read by content order read the letter and all its marks.
#[test]
fn a_letter_with_many_marks_keeps_its_letter() {
    let dir = tempdir();
    let zalgo = "Z\u{300}\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308}\u{309}\u{30A}\u{30B}\u{30C}\u{30D}\u{30E}\u{30F}";
    let toml =
        format!("[profile]\nname = \"Ada\"\nsummary = \"A {zalgo} algo text\"\n\n[[systems]]\ntitle = \"One\"\n");
    write(dir.path(), "zalgo.toml", &toml);
    let o = folio(
        dir.path(),
        &["build", "zalgo.toml", "--resume", "--out-dir", "out"],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("U+0305"),
        "the marks no font has are warned about: {}",
        stderr(&o)
    );
    let pdf = dir.path().join("out/resume.pdf");
    let out = run_tool("pdftotext", &["-raw".as_ref(), pdf.as_os_str(), "-".as_ref()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.trim().is_empty(), "pdftotext: {err}");
    let want = words(&format!("A {zalgo} algo text"));
    assert!(contains_run(&words(&String::from_utf8_lossy(&out.stdout)), &want));
    let js: String = pdfjs(&pdf).iter().map(|p| p.text.clone()).collect();
    assert!(contains_run(&words(&js), &want), "pdf.js: {js}");
    // pdfminer sorts a mark stacked high above its letter into a line of its own,
    // but still reads the letter, and nothing that was not written
    let miner = pdfminer(&pdf);
    assert!(miner.text.contains('Z'), "{}", miner.text);
    let written: String = zalgo.chars().collect();
    for c in miner.text.chars().filter(|c| !c.is_whitespace()) {
        assert!(
            written.contains(c) || "AdaOnealgotextSelectedsystems".contains(c),
            "{c:?} in {}",
            miner.text
        );
    }
}

/// Bookmarks and the document info leave out the invisible characters the pages
/// leave out (a reader lists them as written).
#[test]
fn bookmarks_and_info_are_as_visible() {
    let dir = tempdir();
    let toml = "[profile]\nname = \"Ada\u{AD}Love\u{200B}lace\"\n\n[[systems]]\ntitle = \"Co\u{AD}founder \u{202E}notes\u{202C}\"\ntags = [\"Sys\u{2060}tems\"]\n";
    write(dir.path(), "c.toml", toml);
    let o = folio(dir.path(), &["build", "c.toml", "--out-dir", "out"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = Pdf::open(&dir.path().join("out/portfolio.pdf"));
    assert_eq!(pdf.outline(), vec!["AdaLovelace", "Cofounder notes"]);
    assert_eq!(pdf.info_str("Author").as_deref(), Some("AdaLovelace"));
    assert!(
        pdf.info_str("Keywords").unwrap().contains("Systems"),
        "{:?}",
        pdf.info_str("Keywords")
    );
}

#[test]
fn the_text_exports_leave_out_what_the_pdf_leaves_out() {
    let dir = tempdir();
    build(dir.path());
    for name in ["resume.txt", "resume.md"] {
        let text = std::fs::read_to_string(dir.path().join("out").join(name)).unwrap();
        let left: Vec<String> = text
            .chars()
            .filter(|&c| invisible(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(left.is_empty(), "{name} keeps invisible characters: {left:?}");
        // the summary's paragraphs, word for word (Markdown escapes nothing in them)
        let read = words(&text);
        for p in CORPUS {
            let want = words(p);
            assert!(
                contains_run(&read, &want),
                "{name} does not hold the paragraph exactly:\n  written: {want:?}\n  read:    {read:?}"
            );
        }
    }
}

/// In a document of eight pages or more, a face drawing more than 256 codes
/// (here the Latin Extended-A, Greek and Cyrillic letters, 241 of them, beside
/// the rest of the text) is written with two-byte codes (Identity-H); the faces
/// with fewer, with one-byte codes. The readers read both back exactly.
#[test]
fn one_byte_and_two_byte_codes_read_back_alike() {
    let letters: Vec<char> = (0x100..0x180u32)
        .chain((0x391..0x3AA).filter(|&c| c != 0x3A2))
        .chain(0x3B1..0x3CA)
        .chain(0x410..0x450)
        .filter_map(char::from_u32)
        .collect();
    let written: Vec<String> = letters.chunks(8).map(|w| w.iter().collect()).collect();
    let paragraph = written.join(" ");
    let dir = tempdir();
    // enough systems for eight pages
    let systems: String = (0..60)
        .map(|i| {
            format!(
                "[[systems]]\ntitle = \"Corpus {i}\"\ntagline = \"Many letters\"\n\
                 summary = \"Plain *italic* words, and a second sentence to fill the line.\"\ntags = [\"Text\"]\n\n"
            )
        })
        .collect();
    write(
        dir.path(),
        "wide.toml",
        &format!(
            "[profile]\nname = \"Wide Letters\"\nheadline = \"Systems engineer\"\nsummary = \"{paragraph}\"\n\n{systems}"
        ),
    );
    let o = folio(dir.path(), &["build", "wide.toml", "--out-dir", "out"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("out/portfolio.pdf");
    let pages = Pdf::open(&pdf).doc.get_pages().len();
    assert!(pages >= 8, "{pages} pages");

    // which encoding each font has: a name (Identity-H) or a CMap stream
    let doc = Pdf::open(&pdf).doc;
    let mut encodings = Vec::new();
    for object in doc.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Subtype").and_then(|s| s.as_name()).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let base = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        let encoding = match font.get(b"Encoding").unwrap() {
            lopdf::Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
            lopdf::Object::Reference(r) => {
                let cmap = doc.get_object(*r).unwrap().as_stream().unwrap();
                assert_eq!(cmap.dict.get(b"Type").unwrap().as_name().unwrap(), b"CMap");
                let text = String::from_utf8_lossy(&cmap.decompressed_content().unwrap()).into_owned();
                assert!(text.contains("<00> <FF>"), "{text}");
                "one byte".to_string()
            }
            other => panic!("{base}: encoding {other:?}"),
        };
        encodings.push((base, encoding));
    }
    encodings.sort();
    let regular = encodings
        .iter()
        .find(|(b, _)| b.ends_with("IBMPlexSans-Regular"))
        .unwrap();
    assert_eq!(regular.1, "Identity-H", "{encodings:?}");
    let italic = encodings
        .iter()
        .find(|(b, _)| b.ends_with("IBMPlexSans-Italic"))
        .unwrap();
    assert_eq!(italic.1, "one byte", "{encodings:?}");

    let want: Vec<String> = written
        .iter()
        .cloned()
        .chain(["Plain", "italic", "words,", "sentence"].map(String::from))
        .collect();
    let js: String = pdfjs(&pdf).iter().map(|p| format!("{}\n", p.text)).collect();
    for (reader, text) in [
        ("pdftotext -raw", pdftotext_raw(&pdf)),
        ("pdf.js", js),
        ("pdfminer.six", pdfminer(&pdf).text),
    ] {
        let read = words(&text);
        for w in &want {
            assert!(read.contains(w), "{reader} does not read {w:?}: {read:?}");
        }
        assert!(
            contains_run(&read, &written),
            "{reader} does not read the letters in order: {read:?}"
        );
    }
}
