//! Helpers for tests that run the `folio` binary and read its PDFs back.
#![allow(dead_code)]

pub mod audit;
pub mod readers;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[allow(unused_imports)]
pub use audit::Audit;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `folio` with `args` in `cwd`, without SOURCE_DATE_EPOCH unless given in `env`.
pub fn folio(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run folio")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Text in content-stream order (`pdftotext -raw`), whitespace collapsed.
pub fn pdf_text(pdf: &Path) -> String {
    normalize(&readers::pdftotext_raw(pdf))
}

pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Assert every string occurs in `text`, each after the previous one.
pub fn assert_in_order(text: &str, expected: &[String]) {
    let mut at = 0;
    for e in expected {
        let e = normalize(e);
        match text[at..].find(&e) {
            Some(i) => at += i + e.len(),
            None => panic!(
                "`{e}` not found after position {at}; it {} in the text at all.\ntext: {text}",
                if text.contains(&e) {
                    "occurs earlier"
                } else {
                    "does not occur"
                }
            ),
        }
    }
}

/// The example's résumé and portfolio, built by the binary into `dir`.
pub fn example_pdfs(dir: &Path) -> (PathBuf, PathBuf) {
    let content = repo().join("content/examples/ada-example.toml");
    let out = dir.to_str().unwrap();
    let o = folio(
        &repo(),
        &["build", content.to_str().unwrap(), "--resume", "--out-dir", out],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (dir.join("resume.pdf"), dir.join("portfolio.pdf"))
}

pub fn seed_strings() -> Vec<String> {
    std::fs::read_to_string(repo().join("tests/data/seed-strings.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// A PDF read back with lopdf.
pub struct Pdf {
    pub doc: lopdf::Document,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        Pdf {
            doc: lopdf::Document::load(path).expect("lopdf reads the PDF"),
        }
    }

    /// Width and height of a page's MediaBox, in points.
    pub fn page_size(&self, page: lopdf::ObjectId) -> (f32, f32) {
        let mb = self
            .doc
            .get_dictionary(page)
            .unwrap()
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap();
        let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap()).collect();
        (n[2] - n[0], n[3] - n[1])
    }

    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    fn info(&self) -> &lopdf::Dictionary {
        let id = self
            .doc
            .trailer
            .get(b"Info")
            .and_then(|o| o.as_reference())
            .expect("trailer /Info");
        self.doc.get_dictionary(id).expect("/Info dictionary")
    }

    /// An /Info entry as text (PDF text strings: UTF-16BE with BOM, or PDFDocEncoding).
    pub fn info_str(&self, key: &str) -> Option<String> {
        let bytes = self.info().get(key.as_bytes()).ok()?.as_str().ok()?.to_vec();
        Some(decode_text(&bytes))
    }

    /// Titles of the top-level outline items, in order.
    pub fn outline(&self) -> Vec<String> {
        let catalog = self.doc.catalog().unwrap();
        let Ok(outlines) = catalog.get(b"Outlines").and_then(|o| o.as_reference()) else {
            return vec![];
        };
        let outlines = self.doc.get_dictionary(outlines).unwrap();
        let mut out = Vec::new();
        let mut next = outlines.get(b"First").and_then(|o| o.as_reference()).ok();
        while let Some(id) = next {
            let item = self.doc.get_dictionary(id).unwrap();
            out.push(decode_text(item.get(b"Title").unwrap().as_str().unwrap()));
            next = item.get(b"Next").and_then(|o| o.as_reference()).ok();
        }
        out
    }

    /// URIs of the link annotations on every page (read from /Annots directly).
    pub fn link_uris(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (_, page_id) in self.doc.get_pages() {
            let page = self.doc.get_dictionary(page_id).unwrap();
            let Ok(annots) = page.get(b"Annots") else { continue };
            let annots = match annots {
                lopdf::Object::Reference(r) => self.doc.get_object(*r).unwrap().as_array().unwrap().clone(),
                o => o.as_array().unwrap().clone(),
            };
            for a in annots {
                let dict = match a {
                    lopdf::Object::Reference(r) => self.doc.get_dictionary(r).unwrap().clone(),
                    lopdf::Object::Dictionary(d) => d,
                    _ => continue,
                };
                let action = match dict.get(b"A") {
                    Ok(lopdf::Object::Reference(r)) => self.doc.get_dictionary(*r).unwrap().clone(),
                    Ok(lopdf::Object::Dictionary(d)) => d.clone(),
                    _ => continue,
                };
                if let Ok(uri) = action.get(b"URI").and_then(|u| u.as_str()) {
                    out.push(String::from_utf8_lossy(uri).into_owned());
                }
            }
        }
        out
    }
}

pub fn decode_text(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

impl Pdf {
    /// Every font size set with `Tf` on every page (text matrices here never scale).
    pub fn font_sizes(&self) -> Vec<f32> {
        let mut out = Vec::new();
        for (_, id) in self.doc.get_pages() {
            let content = self.doc.get_page_content(id);
            let ops = lopdf::content::Content::decode(&content).expect("content stream decodes");
            for op in ops.operations {
                if op.operator == "Tf" {
                    if let Some(size) = op.operands.get(1).and_then(|o| o.as_float().ok()) {
                        out.push(size);
                    }
                }
            }
        }
        out
    }
}

/// Write `text` to `dir/name` and return the path as a string.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}
