//! The project's PDF audit: a PDF checked the way real readers see it.
//!
//! | check     | read with                         | holds when |
//! |-----------|-----------------------------------|------------|
//! | structure | `qpdf --check`                    | exit 0: no error and no warning |
//! | syntax    | poppler (every tool below)        | no `Syntax Error`/`Syntax Warning` on stderr |
//! | fonts     | `pdffonts`, and lopdf             | at least one font; each embedded, subset (`ABCDEF+` name) and with a ToUnicode map |
//! | metadata  | `pdfinfo`, and lopdf's `/Info`    | Title and Author are set and not blank |
//! | margins   | `pdftotext -bbox-layout`          | every word at least [`Audit::margin`] (default 18 pt, 0.5 pt tolerance) from each page edge |
//! | overlaps  | `pdftotext -bbox-layout`          | no two words on a page overlap (boxes shrunk 0.3 pt across and 20 % of their height down, then an overlap over 20 % of the smaller box) |
//! | text      | `pdftotext` (reading order)       | each expected string, whitespace-normalised, occurs in the whitespace-normalised text (a line-end `- ` may read as `-`) |
//! | pages     | `pdfinfo`, lopdf, `-bbox-layout`  | the three agree; [`Audit::pages`] exactly, [`Audit::max_pages`] at most |
//!
//! These are the checks of the outside `pdf-audit` script the project used to call,
//! with three differences, each stricter: metadata is read from `pdfinfo`'s top-level
//! fields only (the script also took the `Title:` that poppler prints for a PDF/X
//! subtype), an expected string must keep its spaces (the script also accepted it with
//! every space removed), and poppler syntax warnings and lopdf's reading are checked too.
//!
//! [`Audit::report`] returns every problem found; [`Audit::assert_clean`] fails the test
//! listing them. A missing tool fails the test in both: the audit never skips a check.

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use super::readers::run_tool;

/// What to check one PDF against.
#[derive(Clone, Debug)]
pub struct Audit {
    pdf: PathBuf,
    pages: Option<usize>,
    max_pages: Option<usize>,
    margin: f64,
    expect: Vec<String>,
}

/// Which of a font's requirements failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontFlaw {
    NotEmbedded,
    NotSubset,
    NoToUnicode,
}

/// One failed check. `reader` names the tool that saw it.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// `qpdf --check` reported errors or warnings (its exit status and first lines).
    Structure(String),
    /// A poppler tool wrote a syntax error or warning while reading the file.
    Syntax {
        reader: &'static str,
        message: String,
    },
    /// lopdf could not load the file.
    Unreadable(String),
    Font {
        reader: &'static str,
        name: String,
        flaw: FontFlaw,
    },
    NoFonts {
        reader: &'static str,
    },
    Metadata {
        reader: &'static str,
        key: &'static str,
    },
    /// The readers disagree on the page count.
    PageCount {
        pdfinfo: usize,
        lopdf: usize,
        bbox: usize,
    },
    Pages {
        pages: usize,
        want: String,
    },
    /// A word closer than the margin to a page edge (box in points from the top left).
    Margin {
        page: usize,
        word: String,
        bbox: [f64; 4],
        size: (f64, f64),
        margin: f64,
    },
    Overlap {
        page: usize,
        a: String,
        b: String,
    },
    MissingText(String),
}

impl Problem {
    /// A short name for the check that failed: `structure`, `syntax`, `unreadable`,
    /// `font`, `metadata`, `pages`, `margin`, `overlap` or `text`.
    pub fn check(&self) -> &'static str {
        match self {
            Problem::Structure(_) => "structure",
            Problem::Syntax { .. } => "syntax",
            Problem::Unreadable(_) => "unreadable",
            Problem::Font { .. } | Problem::NoFonts { .. } => "font",
            Problem::Metadata { .. } => "metadata",
            Problem::PageCount { .. } | Problem::Pages { .. } => "pages",
            Problem::Margin { .. } => "margin",
            Problem::Overlap { .. } => "overlap",
            Problem::MissingText(_) => "text",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Structure(s) => write!(f, "qpdf --check: {s}"),
            Problem::Syntax { reader, message } => write!(f, "{reader}: {message}"),
            Problem::Unreadable(s) => write!(f, "lopdf cannot read the file: {s}"),
            Problem::Font { reader, name, flaw } => {
                let flaw = match flaw {
                    FontFlaw::NotEmbedded => "not embedded",
                    FontFlaw::NotSubset => "not subset",
                    FontFlaw::NoToUnicode => "no ToUnicode map",
                };
                write!(f, "font {name}: {flaw} ({reader})")
            }
            Problem::NoFonts { reader } => write!(f, "fonts: none found ({reader}; is any text in the PDF?)"),
            Problem::Metadata { reader, key } => write!(f, "metadata: no {key} ({reader})"),
            Problem::PageCount { pdfinfo, lopdf, bbox } => {
                write!(f, "page count: pdfinfo {pdfinfo}, lopdf {lopdf}, pdftotext -bbox-layout {bbox}")
            }
            Problem::Pages { pages, want } => write!(f, "pages: {pages}, expected {want}"),
            Problem::Margin { page, word, bbox: [x0, y0, x1, y1], size: (w, h), margin } => write!(
                f,
                "page {page}: word {word:?} at ({x0:.1},{y0:.1})-({x1:.1},{y1:.1}) is within {margin}pt of the edge of a {w:.0}x{h:.0} page"
            ),
            Problem::Overlap { page, a, b } => write!(f, "page {page}: words {a:?} and {b:?} overlap"),
            Problem::MissingText(s) => write!(f, "text: {s:?} not found"),
        }
    }
}

/// What the audit read, and every problem it found.
#[derive(Debug)]
pub struct Report {
    pub pdf: PathBuf,
    pub pages: usize,
    pub words: usize,
    pub fonts: usize,
    pub problems: Vec<Problem>,
}

impl Report {
    /// The names of the checks that failed, each once, sorted.
    pub fn failed_checks(&self) -> Vec<&'static str> {
        let mut v: Vec<_> = self.problems.iter().map(Problem::check).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    fn count(&self, check: &str) -> usize {
        self.problems.iter().filter(|p| p.check() == check).count()
    }
}

impl fmt::Display for Report {
    /// Every problem on a line, then a one-line summary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.problems {
            writeln!(f, "FAIL {p}")?;
        }
        let status = if self.problems.is_empty() {
            "OK".to_string()
        } else {
            format!("FAIL ({} problems)", self.problems.len())
        };
        write!(
            f,
            "audit: {status} pages={} words={} fonts={} outside={} overlaps={} missing_text={}",
            self.pages,
            self.words,
            self.fonts,
            self.count("margin"),
            self.count("overlap"),
            self.count("text")
        )
    }
}

impl Audit {
    /// The audit of `pdf` with the default 18 pt margin and no page or text expectations.
    pub fn of(pdf: &Path) -> Audit {
        Audit {
            pdf: pdf.to_path_buf(),
            pages: None,
            max_pages: None,
            margin: 18.0,
            expect: Vec::new(),
        }
    }

    /// Exactly `n` pages.
    pub fn pages(mut self, n: usize) -> Audit {
        self.pages = Some(n);
        self
    }

    /// At most `n` pages.
    pub fn max_pages(mut self, n: usize) -> Audit {
        self.max_pages = Some(n);
        self
    }

    /// The least distance, in points, between any word and each page edge.
    pub fn margin(mut self, points: f64) -> Audit {
        self.margin = points;
        self
    }

    /// `text` occurs in the extracted text.
    pub fn expect(mut self, text: impl Into<String>) -> Audit {
        self.expect.push(text.into());
        self
    }

    /// Each non-blank line of `file` occurs in the extracted text.
    pub fn expect_lines_of(mut self, file: &Path) -> Audit {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        self.expect
            .extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string));
        self
    }

    /// Fails the test, listing every problem, unless every check holds.
    pub fn assert_clean(self) -> Report {
        let report = self.report();
        assert!(
            report.problems.is_empty(),
            "audit of {} failed:\n{report}",
            report.pdf.display()
        );
        report
    }

    /// Run every check and return what was found (a missing tool fails the test).
    pub fn report(self) -> Report {
        let mut problems = Vec::new();
        structure(&self.pdf, &mut problems);
        let (pdfinfo_pages, fonts) = poppler_meta_and_fonts(&self.pdf, &mut problems);
        let lopdf_pages = lopdf_checks(&self.pdf, &mut problems);
        let (bbox_pages, words) = geometry(&self.pdf, self.margin, &mut problems);
        if let Some(lopdf) = lopdf_pages {
            if lopdf != pdfinfo_pages || bbox_pages != pdfinfo_pages {
                problems.push(Problem::PageCount {
                    pdfinfo: pdfinfo_pages,
                    lopdf,
                    bbox: bbox_pages,
                });
            }
        }
        if let Some(n) = self.pages.filter(|&n| n != pdfinfo_pages) {
            problems.push(Problem::Pages {
                pages: pdfinfo_pages,
                want: format!("exactly {n}"),
            });
        }
        if let Some(n) = self.max_pages.filter(|&n| pdfinfo_pages > n) {
            problems.push(Problem::Pages {
                pages: pdfinfo_pages,
                want: format!("at most {n}"),
            });
        }
        if !self.expect.is_empty() {
            text(&self.pdf, &self.expect, &mut problems);
        }
        Report {
            pdf: self.pdf,
            pages: pdfinfo_pages,
            words,
            fonts,
            problems,
        }
    }
}

fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Run a poppler tool on `pdf`; its syntax errors and warnings become problems.
fn poppler(tool: &'static str, args: &[&str], pdf: &Path, problems: &mut Vec<Problem>) -> String {
    let mut all: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    all.push(pdf.as_os_str());
    if tool == "pdftotext" {
        all.push(OsStr::new("-"));
    }
    let out = run_tool(tool, &all);
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in stderr
        .lines()
        .filter(|l| l.starts_with("Syntax Error") || l.starts_with("Syntax Warning"))
    {
        // each poppler tool meets the same flaw: report it once, as the first saw it
        let seen = problems
            .iter()
            .any(|p| matches!(p, Problem::Syntax { message, .. } if message == line));
        if !seen {
            problems.push(Problem::Syntax {
                reader: tool,
                message: line.to_string(),
            });
        }
    }
    assert!(
        out.status.success(),
        "{tool} failed on {} ({}):\n{stderr}",
        pdf.display(),
        out.status
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{tool} printed invalid UTF-8: {e}"))
}

fn structure(pdf: &Path, problems: &mut Vec<Problem>) {
    let out = run_tool("qpdf", &[OsStr::new("--check"), pdf.as_os_str()]);
    if !out.status.success() {
        let said = normalize(&format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
        let said: String = said.chars().take(300).collect();
        problems.push(Problem::Structure(format!("{} {said}", out.status)));
    }
}

/// pdfinfo's page count and pdffonts' font count; metadata and font problems.
fn poppler_meta_and_fonts(pdf: &Path, problems: &mut Vec<Problem>) -> (usize, usize) {
    let info = poppler("pdfinfo", &["-enc", "UTF-8"], pdf, problems);
    // top-level fields only: poppler indents what it prints under `PDF subtype:`,
    // whose own `Title:` is the standard's title, not the document's
    let field = |key: &str| {
        info.lines()
            .filter(|l| !l.starts_with(char::is_whitespace))
            .find_map(|l| l.strip_prefix(key)?.strip_prefix(':').map(str::trim))
            .filter(|v| !v.is_empty())
    };
    for key in ["Title", "Author"] {
        if field(key).is_none() {
            problems.push(Problem::Metadata { reader: "pdfinfo", key });
        }
    }
    let pages = field("Pages")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo printed no page count for {}:\n{info}", pdf.display()));

    let fonts = poppler("pdffonts", &[], pdf, problems);
    let mut n = 0;
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 6 {
            continue;
        }
        n += 1;
        // from the right: object id (two columns), then uni, sub, emb
        let (emb, sub, uni) = (cols[cols.len() - 5], cols[cols.len() - 4], cols[cols.len() - 3]);
        for (ok, flaw) in [
            (emb, FontFlaw::NotEmbedded),
            (sub, FontFlaw::NotSubset),
            (uni, FontFlaw::NoToUnicode),
        ] {
            if ok != "yes" {
                problems.push(Problem::Font {
                    reader: "pdffonts",
                    name: cols[0].to_string(),
                    flaw,
                });
            }
        }
    }
    if n == 0 {
        problems.push(Problem::NoFonts { reader: "pdffonts" });
    }
    (pages, n)
}

/// The same font and metadata rules read with lopdf; its page count.
fn lopdf_checks(pdf: &Path, problems: &mut Vec<Problem>) -> Option<usize> {
    let doc = match lopdf::Document::load(pdf) {
        Ok(doc) => doc,
        Err(e) => {
            problems.push(Problem::Unreadable(e.to_string()));
            return None;
        }
    };
    let info = doc
        .trailer
        .get_deref(b"Info", &doc)
        .and_then(lopdf::Object::as_dict)
        .ok();
    for key in ["Title", "Author"] {
        let value = info
            .and_then(|d| d.get_deref(key.as_bytes(), &doc).ok())
            .and_then(|o| o.as_str().ok())
            .map(super::decode_text);
        if value.is_none_or(|v| v.trim().is_empty()) {
            problems.push(Problem::Metadata { reader: "lopdf", key });
        }
    }
    let mut fonts = 0;
    for font in doc.objects.values().filter_map(|o| o.as_dict().ok()) {
        let name = |key: &[u8]| font.get(key).and_then(lopdf::Object::as_name).ok();
        // descendant CID fonts are checked through their Type0 parent
        if name(b"Type") != Some(b"Font") || name(b"Subtype").is_some_and(|s| s.starts_with(b"CIDFontType")) {
            continue;
        }
        fonts += 1;
        let base = String::from_utf8_lossy(name(b"BaseFont").unwrap_or_default()).into_owned();
        for flaw in lopdf_font_flaws(&doc, font) {
            problems.push(Problem::Font {
                reader: "lopdf",
                name: base.clone(),
                flaw,
            });
        }
    }
    if fonts == 0 {
        problems.push(Problem::NoFonts { reader: "lopdf" });
    }
    Some(doc.get_pages().len())
}

/// What a font dictionary lacks: a subset tag on its name (`ABCDEF+`), a ToUnicode
/// stream, a non-empty font program in its (or its descendant's) FontDescriptor.
fn lopdf_font_flaws(doc: &lopdf::Document, font: &lopdf::Dictionary) -> Vec<FontFlaw> {
    use lopdf::Object;
    let mut flaws = Vec::new();
    let base = font.get(b"BaseFont").and_then(Object::as_name).unwrap_or_default();
    if !(base.len() > 7 && base[6] == b'+' && base[..6].iter().all(u8::is_ascii_uppercase)) {
        flaws.push(FontFlaw::NotSubset);
    }
    if font.get_deref(b"ToUnicode", doc).and_then(Object::as_stream).is_err() {
        flaws.push(FontFlaw::NoToUnicode);
    }
    let subtype = font.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
    let described = if subtype == b"Type0" {
        font.get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|kids| kids.first())
            .and_then(|kid| doc.dereference(kid).ok())
            .and_then(|(_, kid)| kid.as_dict().ok())
    } else {
        Some(font)
    };
    let program = described
        .and_then(|d| d.get_deref(b"FontDescriptor", doc).and_then(Object::as_dict).ok())
        .is_some_and(|fd| {
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|k| {
                fd.get_deref(k, doc)
                    .and_then(Object::as_stream)
                    .is_ok_and(|s| !s.content.is_empty())
            })
        });
    // a Type3 font's glyphs are content streams in the font itself
    if !program && subtype != b"Type3" {
        flaws.push(FontFlaw::NotEmbedded);
    }
    flaws
}

/// Margins and overlaps from `pdftotext -bbox-layout`; its page and word counts.
fn geometry(pdf: &Path, margin: f64, problems: &mut Vec<Problem>) -> (usize, usize) {
    let xhtml = poppler("pdftotext", &["-bbox-layout", "-enc", "UTF-8"], pdf, problems);
    // a font without ToUnicode reads as its codes, which may be control
    // characters that XML forbids: they stand in for whatever the text was
    let xhtml: String = xhtml
        .chars()
        .map(|c| {
            if c < ' ' && !matches!(c, '\t' | '\n' | '\r') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(&xhtml, options).unwrap_or_else(|e| {
        panic!(
            "pdftotext -bbox-layout printed unreadable XHTML for {}: {e}",
            pdf.display()
        )
    });
    let num = |n: roxmltree::Node, key: &str| -> f64 {
        n.attribute(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("pdftotext -bbox-layout: a <{}> without {key}", n.tag_name().name()))
    };
    let (mut pages, mut words) = (0, 0);
    for page in doc.descendants().filter(|n| n.tag_name().name() == "page") {
        pages += 1;
        let (w, h) = (num(page, "width"), num(page, "height"));
        let mut boxes = Vec::new();
        for word in page.descendants().filter(|n| n.tag_name().name() == "word") {
            words += 1;
            let [x0, y0, x1, y1] = ["xMin", "yMin", "xMax", "yMax"].map(|k| num(word, k));
            let text = word.text().unwrap_or_default().to_string();
            let m = margin;
            if x0 < m - 0.5 || y0 < m - 0.5 || x1 > w - m + 0.5 || y1 > h - m + 0.5 {
                problems.push(Problem::Margin {
                    page: pages,
                    word: text.clone(),
                    bbox: [x0, y0, x1, y1],
                    size: (w, h),
                    margin,
                });
            }
            // font boxes include ascender and descender room: compare the cores
            let dy = 0.2 * (y1 - y0);
            boxes.push((x0 + 0.3, y0 + dy, x1 - 0.3, y1 - dy, text));
        }
        boxes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                if b.0 >= a.2 {
                    break;
                }
                let ix = a.2.min(b.2) - a.0.max(b.0);
                let iy = a.3.min(b.3) - a.1.max(b.1);
                let smaller = ((a.2 - a.0) * (a.3 - a.1)).min((b.2 - b.0) * (b.3 - b.1));
                if ix > 0.0 && iy > 0.0 && smaller > 0.0 && ix * iy > 0.2 * smaller {
                    problems.push(Problem::Overlap {
                        page: pages,
                        a: a.4.clone(),
                        b: b.4.clone(),
                    });
                }
            }
        }
    }
    (pages, words)
}

/// Each expected string in poppler's reading-order text.
fn text(pdf: &Path, expected: &[String], problems: &mut Vec<Problem>) {
    let text = normalize(&poppler("pdftotext", &["-enc", "UTF-8"], pdf, problems));
    // a word hyphenated at a line end reads as "- "
    let joined = text.replace("- ", "-");
    for s in expected {
        let s = normalize(s);
        if !text.contains(&s) && !joined.contains(&s) {
            problems.push(Problem::MissingText(s));
        }
    }
}
