//! Inline markup renders in every field the README names, in both PDFs and in
//! an application's cover letter: each field carries every form (`**bold**`, `*italic*`, `` `code` ``, `[label](url)`)
//! with words unique to it, and the PDFs are read back with lopdf (the font of
//! every text run, the link annotations) and pdftotext (no marker left).

mod common;

use std::path::Path;

use common::*;

/// The fields the README says understand markup, as TOML paths, with whether the
/// portfolio and the résumé print them (the cover letter prints only its own).
const FIELDS: &[(&str, bool, bool)] = &[
    ("profile.summary", true, true),
    ("portfolio.intro", true, false),
    ("systems.summary", true, false),
    ("systems.case_study.motivation", true, false),
    ("systems.case_study.constraints", true, false),
    ("systems.case_study.architecture", true, false),
    ("systems.case_study.bottlenecks", true, false),
    ("systems.case_study.decisions", true, false),
    ("systems.case_study.methodology", true, false),
    ("systems.case_study.results", true, false),
    ("systems.case_study.lessons", true, false),
    ("experience.summary", false, true),
    ("experience.highlights", false, true),
    ("education.highlights", false, true),
    ("applications.letter", false, false),
];

/// Field `i`'s text: every form of markup, in a paragraph and in a list item
/// (`list` = false gives the one-line form a highlight takes).
fn marked(i: usize, list: bool) -> String {
    let line = format!("Plain{i} **Bold{i}** and *Italic{i}* with `Code{i}` and [Link{i}](https://example.com/f{i})");
    if list {
        format!("{line}\n\n- Item{i} **ItemBold{i}** `ItemCode{i}`")
    } else {
        line
    }
}

fn content() -> String {
    let field = |name: &str| FIELDS.iter().position(|(f, _, _)| *f == name).unwrap();
    let text = |name: &str| format!("\"\"\"\n{}\n\"\"\"", marked(field(name), true));
    let line = |name: &str| format!("\"{}\"", marked(field(name), false));
    let mut s = format!(
        "[profile]\nname = \"Marked Up\"\nsummary = {}\n\n[portfolio]\ntitle = \"Systems\"\nintro = {}\n\n\
         [[systems]]\ntitle = \"The System\"\nsummary = {}\n\n[systems.case_study]\n",
        text("profile.summary"),
        text("portfolio.intro"),
        text("systems.summary")
    );
    for (f, _, _) in FIELDS {
        if let Some(key) = f.strip_prefix("systems.case_study.") {
            s.push_str(&format!("{key} = {}\n", text(f)));
        }
    }
    s.push_str(&format!(
        "\n[[experience]]\nrole = \"Engineer\"\norganization = \"Org\"\nstart = 2020\nsummary = {}\nhighlights = [{}]\n\n\
         [[education]]\ninstitution = \"School\"\nhighlights = [{}]\n\n\
         [[applications]]\nid = \"acme\"\ncompany = \"Acme\"\nrole = \"Engineer\"\nletter = {}\n",
        text("experience.summary"),
        line("experience.highlights"),
        line("education.highlights"),
        text("applications.letter")
    ));
    s
}

/// Every run of text in the PDF as (font's BaseFont without its subset tag, text),
/// neighbouring text shows in one font joined, in content-stream order.
fn font_runs(pdf: &Path) -> Vec<(String, String)> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let mut out: Vec<(String, String)> = Vec::new();
    for (_, page) in doc.get_pages() {
        // lopdf decodes a Type0 font's text only through Identity-H (and its
        // ToUnicode); a font with one-byte codes names its CMap stream instead,
        // which lopdf does not read, so its ToUnicode (whose codespace says one
        // byte) is read as lopdf reads Identity-H's
        let fonts: std::collections::BTreeMap<Vec<u8>, lopdf::Dictionary> = doc
            .get_page_fonts(page)
            .expect("page fonts")
            .into_iter()
            .map(|(name, font)| {
                let mut font = font.clone();
                if let Ok(lopdf::Object::Reference(_)) = font.get(b"Encoding") {
                    font.set("Encoding", lopdf::Object::Name(b"Identity-H".to_vec()));
                }
                (name, font)
            })
            .collect();
        let mut current: Option<(String, lopdf::Encoding)> = None;
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).expect("content decodes");
        for op in content.operations {
            let strings: Vec<&[u8]> = match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().expect("font name");
                    let font = fonts.get(name).expect("font in resources");
                    let base = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap());
                    let base = base.split_once('+').map_or(base.to_string(), |(_, b)| b.to_string());
                    current = Some((base, font.get_font_encoding(&doc).expect("font encoding")));
                    continue;
                }
                "Tj" | "'" | "\"" => op.operands.iter().filter_map(|o| o.as_str().ok()).collect(),
                "TJ" => op.operands[0]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            let (font, encoding) = current.as_ref().expect("text shown before Tf");
            let text: String = strings
                .into_iter()
                .map(|b| lopdf::Document::decode_text(encoding, b).expect("text decodes"))
                .collect();
            match out.last_mut() {
                Some((f, t)) if f == font => t.push_str(&text),
                _ => out.push((font.clone(), text)),
            }
        }
    }
    out
}

/// Assert `word` is set in `font` (some run in that font holds it) and nowhere else.
fn assert_font(runs: &[(String, String)], word: &str, font: &str, what: &str) {
    let fonts: Vec<&str> = runs
        .iter()
        .filter(|(_, t)| t.contains(word))
        .map(|(f, _)| f.as_str())
        .collect();
    assert!(
        !fonts.is_empty() && fonts.iter().all(|f| *f == font),
        "{what}: `{word}` should be set in {font}, found in {fonts:?}"
    );
}

#[test]
fn every_markup_form_renders_in_every_field_of_both_pdfs_and_the_letter() {
    let dir = tempdir();
    let toml = write(dir.path(), "marked.toml", &content());
    let out = dir.path().join("out");
    let o = folio(
        dir.path(),
        &[
            "build",
            &toml,
            "--resume",
            "--applications",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    for variant in ["portfolio", "resume", "applications/acme/cover-letter"] {
        let pdf = out.join(format!("{variant}.pdf"));
        let text = pdf_text(&pdf);
        for marker in ["**", "`", "[", "](", "https://example.com"] {
            assert!(!text.contains(marker), "{variant}: `{marker}` printed:\n{text}");
        }
        let runs = font_runs(&pdf);
        let uris = Pdf::open(&pdf).link_uris();
        for (i, (field, in_portfolio, in_resume)) in FIELDS.iter().enumerate() {
            let shown = match variant {
                "portfolio" => *in_portfolio,
                "resume" => *in_resume,
                _ => *field == "applications.letter",
            };
            let what = format!("{variant}, {field}");
            if !shown {
                assert!(!text.contains(&format!("Plain{i} ")), "{what} is printed");
                continue;
            }
            assert_in_order(
                &text,
                &[format!("Plain{i} Bold{i} and Italic{i} with Code{i} and Link{i}")],
            );
            assert_font(&runs, &format!("Plain{i}"), "IBMPlexSans-Regular", &what);
            assert_font(&runs, &format!("Bold{i}"), "IBMPlexSans-Bold", &what);
            assert_font(&runs, &format!("Italic{i}"), "IBMPlexSans-Italic", &what);
            assert_font(&runs, &format!("Code{i}"), "IBMPlexMono-Regular", &what);
            assert_font(&runs, &format!("Link{i}"), "IBMPlexSans-Regular", &what);
            let url = format!("https://example.com/f{i}");
            assert_eq!(
                uris.iter().filter(|u| **u == url).count(),
                1,
                "{what}: one link annotation to {url}, found {uris:?}"
            );
            if !field.ends_with("highlights") {
                assert_font(&runs, &format!("ItemBold{i}"), "IBMPlexSans-Bold", &what);
                assert_font(&runs, &format!("ItemCode{i}"), "IBMPlexMono-Regular", &what);
            }
        }
    }
}
