//! Every PDF folio writes is tagged (PDF/UA-1) and claims PDF/A-2a: read back by
//! poppler (`pdfinfo -struct-text`), pdf.js (`getStructTree`), the `pdfua`
//! checker, qpdf and lopdf, on the bundled content, the example, every theme, a
//! generated long portfolio and a cover letter. A missing reader fails the test.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::readers::*;
use common::*;
use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};

/// Build `content` (a TOML file) into `dir` with the résumé and every
/// application; the PDFs written.
fn build(content: &Path, dir: &Path, extra: &[&str]) -> Vec<PathBuf> {
    let mut args = vec![
        "build",
        content.to_str().unwrap(),
        "--resume",
        "--out-dir",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = folio(&repo(), &args, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut pdfs = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "pdf") {
                pdfs.push(p);
            }
        }
    }
    pdfs.sort();
    pdfs
}

/// The example with `[design] theme = THEME`, in `dir` beside its photo.
fn example_in_theme(dir: &Path, theme: &str) -> PathBuf {
    let src = repo().join("content/examples");
    let toml = std::fs::read_to_string(src.join("ada-example.toml")).unwrap();
    let toml = toml.replace("theme = \"classic\"", &format!("theme = \"{theme}\""));
    assert!(toml.contains(&format!("theme = \"{theme}\"")));
    std::fs::copy(src.join("ada-photo.png"), dir.join("ada-photo.png")).unwrap();
    let path = dir.join(format!("{theme}.toml"));
    std::fs::write(&path, toml).unwrap();
    path
}

fn name(o: &Object) -> &[u8] {
    o.as_name().unwrap_or(b"")
}

fn dict(doc: &Document, o: &Object) -> lopdf::Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).expect("a dictionary").clone(),
        Object::Dictionary(d) => d.clone(),
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// What lopdf reads of the structure: each page's marked-content ids (from its
/// content stream) and the tree's, checked against each other.
fn check_structure(pdf: &Path) {
    let doc = Document::load(pdf).unwrap();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page_index: BTreeMap<ObjectId, usize> = pages.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let catalog = doc.catalog().unwrap();
    assert_eq!(
        dict(&doc, catalog.get(b"MarkInfo").unwrap()).get(b"Marked").unwrap(),
        &Object::Boolean(true)
    );
    assert!(!dict(&doc, catalog.get(b"MarkInfo").unwrap()).has(b"Suspects"));
    let vp = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(vp.get(b"DisplayDocTitle").unwrap(), &Object::Boolean(true));
    assert!(catalog.get(b"Lang").is_ok(), "{}: no /Lang", pdf.display());
    // marked content in each page's stream: ids, and nothing painted outside marks
    let mut stream_ids: Vec<BTreeSet<i64>> = Vec::new();
    for (p, &page) in pages.iter().enumerate() {
        let pd = doc.get_dictionary(page).unwrap();
        assert_eq!(name(pd.get(b"Tabs").unwrap()), b"S");
        assert_eq!(pd.get(b"StructParents").unwrap().as_i64().unwrap(), p as i64);
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let (mut depth, mut ids) = (0usize, BTreeSet::new());
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    depth += 1;
                    if op.operator == "BDC" {
                        if let Ok(d) = op.operands[1].as_dict() {
                            if let Ok(id) = d.get(b"MCID").and_then(Object::as_i64) {
                                assert!(ids.insert(id), "MCID {id} twice on page {p}");
                            }
                        }
                    }
                }
                "EMC" => depth -= 1,
                "Tj" | "TJ" | "'" | "\"" | "f" | "f*" | "F" | "S" | "s" | "B" | "B*" | "b" | "b*" | "Do" | "sh" => {
                    assert!(
                        depth > 0,
                        "{}: `{}` outside marked content on page {p}",
                        pdf.display(),
                        op.operator
                    )
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "marked content left open on page {p}");
        stream_ids.push(ids);
    }
    // the tree: every id referenced exactly once, by the element the parent tree names
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let mut tree_ids: Vec<BTreeMap<i64, ObjectId>> = vec![BTreeMap::new(); pages.len()];
    let mut objr: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
    let mut todo: Vec<ObjectId> = match root.get(b"K").unwrap() {
        Object::Reference(id) => vec![*id],
        Object::Array(a) => a.iter().map(|o| o.as_reference().unwrap()).collect(),
        other => panic!("/K of the root: {other:?}"),
    };
    let mut roles = BTreeSet::new();
    while let Some(id) = todo.pop() {
        let e = doc.get_dictionary(id).unwrap();
        roles.insert(String::from_utf8_lossy(name(e.get(b"S").unwrap())).into_owned());
        if name(e.get(b"S").unwrap()) == b"Figure" {
            let alt = e.get(b"Alt").expect("a figure has /Alt").as_str().unwrap();
            assert!(!alt.is_empty());
        }
        let pg = e.get(b"Pg").ok().map(|o| page_index[&o.as_reference().unwrap()]);
        let kids = match e.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(k) => vec![k.clone()],
            Err(_) => panic!("an element with no kids"),
        };
        for k in kids {
            match k {
                Object::Integer(mcid) => {
                    let page = pg.expect("an element with ids has /Pg");
                    assert!(
                        tree_ids[page].insert(mcid, id).is_none(),
                        "MCID {mcid} twice in the tree"
                    );
                }
                Object::Reference(child) => {
                    let c = doc.get_dictionary(child).unwrap();
                    assert_eq!(
                        c.get(b"P").unwrap().as_reference().unwrap(),
                        id,
                        "a kid's /P is its parent"
                    );
                    todo.push(child);
                }
                Object::Dictionary(d) if name(d.get(b"Type").unwrap()) == b"MCR" => {
                    let page = page_index[&d.get(b"Pg").unwrap().as_reference().unwrap()];
                    let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                    assert!(
                        tree_ids[page].insert(mcid, id).is_none(),
                        "MCID {mcid} twice in the tree"
                    );
                }
                Object::Dictionary(d) if name(d.get(b"Type").unwrap()) == b"OBJR" => {
                    assert_eq!(name(e.get(b"S").unwrap()), b"Link");
                    objr.insert(d.get(b"Obj").unwrap().as_reference().unwrap(), id);
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
    }
    for (p, ids) in stream_ids.iter().enumerate() {
        let in_tree: BTreeSet<i64> = tree_ids[p].keys().copied().collect();
        assert_eq!(ids, &in_tree, "page {p}: the stream's ids and the tree's differ");
    }
    // the parent tree: page p's array names the element of each id; annotations resolve
    let nums = dict(&doc, root.get(b"ParentTree").unwrap());
    let nums = nums.get(b"Nums").unwrap().as_array().unwrap();
    let mut parent_tree: BTreeMap<i64, Object> = BTreeMap::new();
    for pair in nums.chunks(2) {
        parent_tree.insert(pair[0].as_i64().unwrap(), pair[1].clone());
    }
    for (p, ids) in tree_ids.iter().enumerate() {
        let arr = parent_tree[&(p as i64)].as_array().unwrap();
        assert_eq!(arr.len(), ids.len(), "page {p}: parent tree length");
        for (mcid, elem) in ids {
            assert_eq!(arr[*mcid as usize].as_reference().unwrap(), *elem, "page {p} id {mcid}");
        }
    }
    let mut annots = 0;
    for &page in &pages {
        let pd = doc.get_dictionary(page).unwrap();
        for a in pd
            .get(b"Annots")
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default()
        {
            let id = a.as_reference().expect("annotations are objects");
            let ad = doc.get_dictionary(id).unwrap();
            let key = ad.get(b"StructParent").unwrap().as_i64().unwrap();
            assert_eq!(
                parent_tree[&key].as_reference().unwrap(),
                objr[&id],
                "annotation's /StructParent"
            );
            assert!(!ad.get(b"Contents").unwrap().as_str().unwrap().is_empty());
            assert_eq!(ad.get(b"F").unwrap().as_i64().unwrap() & 4, 4, "print flag");
            annots += 1;
        }
    }
    assert_eq!(annots, objr.len(), "every OBJR is a page's annotation");
    assert_eq!(
        root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(),
        parent_tree.keys().max().map_or(0, |k| k + 1)
    );
    for role in ["Document", "H1", "P"] {
        assert!(roles.contains(role), "{}: no {role} in {roles:?}", pdf.display());
    }
}

/// A copy of `pdf` with every artifact's content removed (what a reader of the tags skips).
fn without_artifacts(pdf: &Path, out: &Path) {
    let mut doc = Document::load(pdf).unwrap();
    for (_, page) in doc.get_pages() {
        let content = Content::decode(&doc.get_page_content(page)).unwrap();
        let mut kept = Vec::new();
        let mut stack: Vec<bool> = Vec::new();
        for op in content.operations {
            let artifact = stack.iter().any(|a| *a);
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    stack.push(name(&op.operands[0]) == b"Artifact");
                    if !artifact && !stack.last().unwrap() {
                        kept.push(op);
                    }
                }
                "EMC" => {
                    if !stack.pop().unwrap() && !artifact {
                        kept.push(op);
                    }
                }
                // text and graphics state are kept, what is painted is dropped
                "Tj" | "TJ" | "f" | "S" | "Do" if artifact => {}
                _ => kept.push(op),
            }
        }
        let bytes = Content { operations: kept }.encode().unwrap();
        doc.change_page_content(page, bytes).unwrap();
    }
    doc.save(out).unwrap();
}

/// The text of `pdfinfo -struct-text`: the quoted lines, whitespace removed.
fn struct_text(pdf: &Path) -> String {
    pdfinfo_struct_text(pdf)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"') && l.ends_with('"') && l.len() >= 2)
        .map(|l| &l[1..l.len() - 1])
        .collect::<String>()
        .split_whitespace()
        .collect::<String>()
        // (poppler separates some clusters of Indic text with zero-width spaces)
        .replace('\u{200B}', "")
}

/// Every word pdftotext extracts from the non-artifact content is in poppler's
/// structure text, in the same order.
fn check_words_in_order(pdf: &Path, dir: &Path) {
    let stripped = dir.join("no-artifacts.pdf");
    without_artifacts(pdf, &stripped);
    let tree = struct_text(pdf);
    let words = pdftotext_raw(&stripped);
    let all = pdftotext_raw(pdf);
    if pdf.ends_with("portfolio.pdf") {
        assert!(
            all.split_whitespace().count() > words.split_whitespace().count(),
            "{}: no artifact text (the footers)",
            pdf.display()
        );
    }
    // no two words run together: where a line breaks at a space, the structure
    // text keeps a space (a word cut after - / . @ at a line end goes on unspaced)
    let known: std::collections::HashSet<&str> = words.split_whitespace().collect();
    for leaf in pdfinfo_struct_text(pdf)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"'))
    {
        for token in leaf.trim_matches('"').split_whitespace() {
            if known.contains(token) || token.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)) {
                continue;
            }
            let glued = token.char_indices().skip(1).any(|(k, _)| {
                let (left, right) = token.split_at(k);
                !left.ends_with(['-', '/', '.', '@', '\u{2010}', '\u{2013}', '\u{2014}'])
                    && known.contains(left)
                    && known.contains(right)
            });
            assert!(
                !glued,
                "{}: `{token}` runs two words together in the structure text",
                pdf.display()
            );
        }
    }
    let mut at = 0;
    for w in words.split_whitespace() {
        let w = w.replace('\u{200B}', "");
        if let Some(i) = tree[at..].find(&w) {
            at += i + w.len();
            continue;
        }
        // poppler 22.12's structure text repeats a cluster of an /ActualText span
        // whose glyphs are placed out of order (Devanagari vowel signs); such a
        // word must still be there, its letters in order, right where it belongs
        let indic = w.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
        let window: String = tree[at..].chars().take(3 * w.chars().count()).collect();
        let mut letters = w.chars().peekable();
        let mut used = 0;
        for c in window.chars() {
            if letters.peek().is_none() {
                break;
            }
            used += c.len_utf8();
            if Some(&c) == letters.peek() {
                letters.next();
            }
        }
        assert!(
            indic && letters.peek().is_none(),
            "{}: `{w}` is not in the structure text after {at}: {}",
            pdf.display(),
            tree[at..].chars().take(120).collect::<String>()
        );
        at += used;
    }
}

/// Everything one PDF must pass.
fn check_pdf(pdf: &Path, dir: &Path) {
    check_structure(pdf);
    check_words_in_order(pdf, dir);
    pdfua(pdf).assert_clean();
    let o = run_tool("qpdf", &[OsStr::new("--check"), pdf.as_os_str()]);
    assert!(
        o.status.success(),
        "qpdf --check {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&o.stdout)
    );
    let header = std::fs::read(pdf).unwrap();
    assert!(header.starts_with(b"%PDF-1.7\n"), "{}: header", pdf.display());
}

use std::ffi::OsStr;

#[test]
fn the_bundled_content_is_tagged_and_clean() {
    let dir = tempdir();
    let pdfs = build(&repo().join("content/portfolio.toml"), &dir.path().join("out"), &[]);
    assert_eq!(pdfs.len(), 2);
    for pdf in &pdfs {
        check_pdf(pdf, dir.path());
    }
}

#[test]
fn the_example_and_its_cover_letters_are_tagged_and_clean() {
    let dir = tempdir();
    let content = repo().join("content/examples/ada-example.toml");
    let pdfs = build(&content, &dir.path().join("out"), &["--applications"]);
    assert!(pdfs.iter().any(|p| p.ends_with("cover-letter.pdf")), "{pdfs:?}");
    for pdf in &pdfs {
        check_pdf(pdf, dir.path());
    }
}

#[test]
fn every_theme_is_tagged_and_clean() {
    for theme in ["classic", "modern", "compact"] {
        let dir = tempdir();
        let content = example_in_theme(dir.path(), theme);
        for pdf in build(&content, &dir.path().join("out"), &[]) {
            check_pdf(&pdf, dir.path());
        }
    }
}

#[test]
fn a_long_generated_portfolio_is_tagged_and_clean() {
    let dir = tempdir();
    let content = dir.path().join("long.toml");
    std::fs::write(&content, folio::testing::sample_varied(60)).unwrap();
    let pdfs = build(&content, &dir.path().join("out"), &[]);
    for pdf in &pdfs {
        check_pdf(pdf, dir.path());
    }
}

#[test]
fn pdfjs_reads_the_roles_of_the_example() {
    let dir = tempdir();
    let (resume, portfolio) = example_pdfs(dir.path());
    let roles: BTreeSet<String> = pdfjs(&portfolio).iter().flat_map(PdfJsPage::roles).collect();
    for role in ["H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Link", "Figure"] {
        assert!(roles.contains(role), "portfolio: no {role} in {roles:?}");
    }
    let roles: BTreeSet<String> = pdfjs(&resume).iter().flat_map(PdfJsPage::roles).collect();
    for role in ["H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Link"] {
        assert!(roles.contains(role), "résumé: no {role} in {roles:?}");
    }
}

#[test]
fn devanagari_runs_are_spans_in_the_language_the_content_names() {
    let dir = tempdir();
    let (resume, portfolio) = example_pdfs(dir.path());
    for pdf in [resume, portfolio] {
        let doc = Document::load(&pdf).unwrap();
        let spans = doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"S").is_ok_and(|s| name(s) == b"Span"))
            .filter(|d| d.get(b"Lang").is_ok_and(|l| l.as_str().unwrap_or(b"") == b"hi"))
            .count();
        // the example's Vaani tagline: हिन्दी वॉइस असिस्टेंट
        assert!(spans >= 3, "{}: {spans} spans in Hindi", pdf.display());
    }
}

#[test]
fn figures_say_what_they_show() {
    let dir = tempdir();
    let (_, portfolio) = example_pdfs(dir.path());
    let doc = Document::load(&portfolio).unwrap();
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").is_ok_and(|s| name(s) == b"Figure"))
        .map(|d| String::from_utf8_lossy(d.get(b"Alt").unwrap().as_str().unwrap()).into_owned())
        .collect();
    assert!(alts.iter().any(|a| a.starts_with("An illustrated avatar")), "{alts:?}");
    assert!(alts.iter().any(|a| a == "2.1x versus the 1.0x baseline"), "{alts:?}");
}

/// The XMP packet and the info dictionary of `pdf`.
fn xmp_and_info(pdf: &Path) -> (String, lopdf::Dictionary) {
    let doc = Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    assert!(!stream.dict.has(b"Filter"), "the XMP packet is not filtered");
    let xmp = String::from_utf8(stream.content.clone()).unwrap();
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    (xmp, info)
}

fn text_of(o: &Object) -> String {
    let b = o.as_str().unwrap();
    match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => String::from_utf16(
            &u.chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        None => String::from_utf8_lossy(b).into_owned(),
    }
}

#[test]
fn xmp_repeats_the_info_dictionary_and_claims_pdfa_2a_and_pdfua_1() {
    let dir = tempdir();
    let content = repo().join("content/examples/ada-example.toml");
    let pdfs = build(
        &content,
        &dir.path().join("out"),
        &["--date", "2024-03-05", "--applications"],
    );
    for pdf in &pdfs {
        let (xmp, info) = xmp_and_info(pdf);
        for (key, prop) in [
            (b"Title".as_slice(), "dc:title"),
            (b"Author", "dc:creator"),
            (b"Subject", "dc:description"),
            (b"Keywords", "pdf:Keywords"),
            (b"Producer", "pdf:Producer"),
            (b"Creator", "xmp:CreatorTool"),
        ] {
            let value = text_of(info.get(key).unwrap());
            let escaped = value.replace('&', "&amp;").replace('<', "&lt;");
            let at = xmp.find(&format!("<{prop}>")).unwrap_or_else(|| panic!("no {prop}"));
            let end = xmp[at..].find(&format!("</{prop}>")).unwrap() + at;
            assert!(
                xmp[at..end].contains(&escaped),
                "{prop}: `{value}` in {}",
                &xmp[at..end]
            );
        }
        assert_eq!(text_of(info.get(b"CreationDate").unwrap()), "D:20240305000000+00'00'");
        assert!(xmp.contains("<xmp:CreateDate>2024-03-05T00:00:00+00:00</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
        assert!(xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
        assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
        assert!(xmp.contains("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"));
        assert!(!info.has(b"GTS_PDFXVersion") && !info.has(b"Trapped"));
        // the output intent: sRGB with its ICC profile
        let doc = Document::load(pdf).unwrap();
        let intents = doc
            .catalog()
            .unwrap()
            .get(b"OutputIntents")
            .unwrap()
            .as_array()
            .unwrap()
            .clone();
        let intent = dict(&doc, &intents[0]);
        assert_eq!(name(intent.get(b"S").unwrap()), b"GTS_PDFA1");
        let icc = doc
            .get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap())
            .unwrap();
        let icc = icc.as_stream().unwrap().decompressed_content().unwrap();
        assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
        assert_eq!(&icc[16..20], b"RGB ", "of RGB");
    }
}

#[test]
fn lang_comes_from_the_profile_and_an_empty_photo_alt_warns() {
    let dir = tempdir();
    let src = repo().join("content/examples");
    std::fs::copy(src.join("ada-photo.png"), dir.path().join("ada-photo.png")).unwrap();
    let toml = std::fs::read_to_string(src.join("ada-example.toml")).unwrap();
    let alt = toml
        .lines()
        .find(|l| l.starts_with("photo_alt = "))
        .expect("the example's photo_alt");
    let toml = toml
        .replacen(alt, "photo_alt = \"\"", 1)
        .replacen("lang = \"en\"", "lang = \"en-GB\"", 1);
    let content = dir.path().join("c.toml");
    std::fs::write(&content, toml).unwrap();
    let out = dir.path().join("out");
    let o = folio(
        &repo(),
        &["build", content.to_str().unwrap(), "--out-dir", out.to_str().unwrap()],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("photo_alt") && err.contains("PDF/UA-1"), "{err}");
    let pdf = out.join("portfolio.pdf");
    let doc = Document::load(&pdf).unwrap();
    assert_eq!(doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap(), b"en-GB");
    // the photo is decoration now: no figure of it, and the file is still clean
    let photo_figure = doc.objects.values().filter_map(|o| o.as_dict().ok()).any(|d| {
        d.get(b"Alt")
            .is_ok_and(|a| a.as_str().unwrap_or(b"").starts_with(b"Photo"))
    });
    assert!(!photo_figure);
    check_pdf(&pdf, dir.path());
    // a tag that is no language is an error
    let bad = std::fs::read_to_string(&content)
        .unwrap()
        .replace("lang = \"en-GB\"", "lang = \"english please\"");
    std::fs::write(&content, bad).unwrap();
    let o = folio(&repo(), &["check", content.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("profile.lang"), "{}", stderr(&o));
}
