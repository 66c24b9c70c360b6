use super::*;
use crate::text::{FontFace, FontShaper, Glyph, Shaper, Style};
use std::collections::HashMap;

/// A run of `glyphs`, each with the text range given (empty for a glyph
/// continuing a cluster), 500/1000 em wide.
fn run(text: &str, glyphs: &[(u16, Range<usize>)]) -> ShapedRun {
    ShapedRun {
        face: FontFace::Regular,
        text: text.to_string(),
        glyphs: glyphs
            .iter()
            .map(|(id, t)| Glyph {
                id: *id,
                advance: 500.0,
                x_offset: 0.0,
                y_offset: 0.0,
                text: t.clone(),
            })
            .collect(),
        width: 500.0 * glyphs.len() as f32,
    }
}

fn no_cmap(_: char) -> Option<u16> {
    None
}

/// What a reader that ignores `/ActualText` reads: the text of each code, in order.
fn read_codes(map: &TextMap, mapped: &MappedRun) -> String {
    let texts: HashMap<u16, &str> = map.entries().map(|(c, _, t)| (c, t)).collect();
    mapped.codes.iter().map(|c| texts[c]).collect()
}

/// What poppler reads: the `/ActualText` where there is one, the codes' text elsewhere.
fn read_actual(map: &TextMap, mapped: &MappedRun) -> String {
    let texts: HashMap<u16, &str> = map.entries().map(|(c, _, t)| (c, t)).collect();
    let mut out = String::new();
    let mut i = 0;
    while i < mapped.codes.len() {
        match mapped.actual.iter().find(|s| s.glyphs.start == i) {
            Some(s) => {
                out.push_str(&s.text);
                i = s.glyphs.end;
            }
            None => {
                out.push_str(texts[&mapped.codes[i]]);
                i += 1;
            }
        }
    }
    out
}

fn plex_advance(id: u16) -> i32 {
    FontFace::Regular
        .face()
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
        .unwrap_or(0) as i32
}

fn plex_cmap(c: char) -> Option<u16> {
    FontFace::Regular.face().glyph_index(c).map(|g| g.0)
}

#[test]
fn one_glyph_with_two_texts_gets_two_codes() {
    let mut map = TextMap::new(true);
    // glyph 7 is the hyphen, once for `-` and once for a soft hyphen at a line break
    let hyphen = map.map_run(&run("a-", &[(3, 0..1), (7, 1..2)]), &no_cmap, &|_| 500);
    let soft = map.map_run(&run("\u{AD}", &[(7, 0..2)]), &no_cmap, &|_| 500);
    assert_ne!(hyphen.codes[1], soft.codes[0]);
    assert_eq!(read_codes(&map, &hyphen), "a-");
    assert_eq!(read_codes(&map, &soft), "\u{AD}");
    assert!(hyphen.actual.is_empty() && soft.actual.is_empty());
    // the same pair again gets the same code
    let again = map.map_run(&run("-", &[(7, 0..1)]), &no_cmap, &|_| 500);
    assert_eq!(again.codes[0], hyphen.codes[1]);
    // .notdef for two different missing characters
    let boxes = map.map_run(&run("李🚀", &[(0, 0..3), (0, 3..7)]), &no_cmap, &|_| 500);
    assert_ne!(boxes.codes[0], boxes.codes[1]);
    assert_eq!(read_codes(&map, &boxes), "李🚀");
    // both codes draw glyph 0
    let glyph_of: HashMap<u16, u16> = map.entries().map(|(c, g, _)| (c, g)).collect();
    assert_eq!((glyph_of[&boxes.codes[0]], glyph_of[&boxes.codes[1]]), (0, 0));
    assert!(map.entries().all(|(c, _, _)| c != 0), "code 0 is never used");
}

#[test]
fn fixed_codes_give_later_texts_an_actual_text() {
    let mut map = TextMap::new(false);
    let first = map.map_run(&run("x-", &[(3, 0..1), (7, 1..2)]), &no_cmap, &|_| 500);
    assert_eq!(first.codes, vec![3, 7]);
    let soft = map.map_run(&run("ab\u{AD}", &[(4, 0..1), (5, 1..2), (7, 2..4)]), &no_cmap, &|_| 500);
    assert_eq!(soft.codes, vec![4, 5, 7]);
    assert_eq!(
        soft.actual,
        vec![ActualSpan {
            glyphs: 2..3,
            text: "\u{AD}".into()
        }]
    );
    assert_eq!(read_actual(&map, &soft), "ab\u{AD}");
    assert_eq!(map.entries().count(), 4);
}

#[test]
fn a_ligature_stands_for_all_its_characters() {
    let mut map = TextMap::new(true);
    let mapped = map.map_run(
        &run("office", &[(1, 0..1), (9, 1..4), (2, 4..5), (3, 5..6)]),
        &no_cmap,
        &|_| 500,
    );
    assert_eq!(read_codes(&map, &mapped), "office");
    assert!(mapped.actual.is_empty());
    assert!(map.entries().any(|(_, g, t)| g == 9 && t == "ffi"));
}

#[test]
fn a_cluster_is_split_over_its_glyphs_by_the_cmap() {
    // "é" written as e + U+0301, drawn as the glyphs of e and of the accent
    let cmap = |c: char| match c {
        'e' => Some(10),
        '\u{301}' => Some(11),
        _ => None,
    };
    let mut map = TextMap::new(true);
    let mapped = map.map_run(&run("e\u{301}", &[(10, 0..3), (11, 0..0)]), &cmap, &|_| 500);
    let texts: Vec<&str> = mapped
        .codes
        .iter()
        .map(|c| map.entries().find(|e| e.0 == *c).unwrap().2)
        .collect();
    assert_eq!(texts, vec!["e", "\u{301}"]);
    assert!(mapped.actual.is_empty());
}

#[test]
fn more_glyphs_than_characters_still_read_right() {
    let mut map = TextMap::new(true);
    let mapped = map.map_run(&run("a", &[(1, 0..1), (2, 0..0), (3, 0..0)]), &no_cmap, &|_| 500);
    assert_eq!(read_codes(&map, &mapped), "a");
    assert_eq!(
        mapped.actual,
        vec![ActualSpan {
            glyphs: 0..3,
            text: "a".into()
        }]
    );
}

#[test]
fn a_long_mapping_is_cut_and_carried_by_actual_text() {
    let text = format!("Z{}", "\u{301}".repeat(40));
    let mut map = TextMap::new(true);
    let mapped = map.map_run(&run(&text, &[(1, 0..text.len())]), &no_cmap, &|_| 500);
    assert!(map.entries().all(|(_, _, t)| t.encode_utf16().count() <= MAX_UNITS));
    assert_eq!(mapped.actual.len(), 1);
    assert_eq!(read_actual(&map, &mapped), text);
}

#[test]
fn devanagari_reads_exactly() {
    let shaper = FontShaper::new();
    let mut map = TextMap::new(true);
    for word in ["असिस्टेंट", "हिन्दी", "क्षत्रिय", "वॉइस", "कि", "स्ट्रीम"]
    {
        for r in shaper.shape(word, Style::Regular) {
            let cmap = |c: char| r.face.face().glyph_index(c).map(|g| g.0);
            let mapped = map.map_run(&r, &cmap, &|_| 500);
            assert_eq!(read_codes(&map, &mapped), r.text, "{word}");
            assert_eq!(read_actual(&map, &mapped), r.text, "{word}");
            assert!(
                map.entries().all(|(_, _, t)| !t.is_empty() && !t.contains('\u{200B}')),
                "{word}"
            );
        }
    }
    // a run never starts with a glyph whose text holds a mark (pdf.js would take
    // the conjunct क्ष for a zero-width diacritic and lose its place)
    let r = &shaper.shape("क्षत्रिय", Style::Regular)[0];
    let cmap = |c: char| r.face.face().glyph_index(c).map(|g| g.0);
    let mapped = map.map_run(r, &cmap, &|_| 500);
    let first = map.entries().find(|e| e.0 == mapped.codes[0]).unwrap().2;
    assert_eq!(first, "क");
    assert_eq!(read_codes(&map, &mapped), "क्षत्रिय");
}

#[test]
fn a_placed_mark_is_read_with_its_letter() {
    // R and a dot below it, placed 300/1000 em back over the R
    let mut r = run("R\u{323}g", &[(1, 0..3), (2, 0..0), (3, 3..4)]);
    r.glyphs[1].advance = 0.0;
    r.glyphs[1].x_offset = -300.0;
    r.glyphs[1].y_offset = -20.0;
    let mut map = TextMap::new(true);
    let mapped = map.map_run(&r, &no_cmap, &|_| 500);
    assert_eq!(read_codes(&map, &mapped), "R\u{323}g");
    // poppler gets the cluster's text whole
    assert_eq!(
        mapped.actual,
        vec![ActualSpan {
            glyphs: 0..2,
            text: "R\u{323}".into()
        }]
    );
    // the mark's box ends where the pen does (no gap before the g)
    assert_eq!(mapped.widths, vec![500.0, 300.0, 500.0]);
    // with fixed codes a glyph keeps its own width
    let mut fixed = TextMap::new(false);
    assert_eq!(fixed.map_run(&r, &no_cmap, &|_| 500).widths, vec![500.0, 500.0, 500.0]);
}

#[test]
fn a_thin_space_is_read_with_its_neighbour() {
    let shaper = FontShaper::new();
    let mut map = TextMap::new(true);
    let r = &shaper.shape("thin\u{2009}space and\u{202F}more", Style::Regular)[0];
    let mapped = map.map_run(r, &plex_cmap, &plex_advance);
    assert_eq!(read_codes(&map, &mapped), r.text);
    let spans: Vec<&str> = mapped.actual.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(spans, vec!["n\u{2009}", "d\u{202F}"]);
    // an ordinary space needs nothing
    let r = &shaper.shape("plain words", Style::Regular)[0];
    assert!(map.map_run(r, &plex_cmap, &plex_advance).actual.is_empty());
}

#[test]
fn the_cmap_program_is_valid() {
    let mut map = TextMap::new(true);
    let many: String = ('a'..='z').chain('A'..='Z').cycle().take(150).collect();
    let glyphs: Vec<(u16, Range<usize>)> = (0..150).map(|i| (i as u16 % 52 + 1, i..i + 1)).collect();
    map.map_run(&run(&many, &glyphs), &no_cmap, &|_| 500);
    map.map_run(&run("🚀", &[(0, 0..4)]), &no_cmap, &|_| 500);
    let cmap = super::super::cmap::to_unicode("T", false, map.entries().map(|(c, _, t)| (c, t)));
    let cmap = String::from_utf8(cmap).unwrap();
    assert!(
        cmap.contains("52 beginbfchar") || cmap.contains("53 beginbfchar"),
        "{cmap}"
    );
    assert!(cmap.contains("<0035> <D83DDE80>"), "{cmap}");
    for line in cmap.lines().filter(|l| l.starts_with('<') && !l.contains("FFFF")) {
        let (code, text) = line.split_once(' ').unwrap();
        assert_eq!(code.len(), 6, "{line}");
        assert!(text.len() >= 6 && (text.len() - 2) % 4 == 0, "{line}");
    }
    let blocks: Vec<usize> = cmap
        .lines()
        .filter_map(|l| l.strip_suffix(" beginbfchar"))
        .map(|n| n.parse().unwrap())
        .collect();
    assert!(blocks.iter().all(|&n| n <= 100) && blocks.iter().sum::<usize>() == map.entries().count());
}

#[test]
fn cid_to_gid_sends_each_code_to_its_subset_glyph() {
    let mut map = TextMap::new(true);
    map.map_run(&run("ab", &[(40, 0..1), (50, 1..2)]), &no_cmap, &|_| 500);
    map.map_run(&run("\u{AD}", &[(40, 0..2)]), &no_cmap, &|_| 500);
    let bytes = map.cid_to_gid(&|g| g / 10);
    assert_eq!(bytes, vec![0, 0, 0, 4, 0, 5, 0, 4]);
    assert_eq!(map.glyphs(), vec![40, 50]);
}

#[test]
fn the_common_run_is_mapped_as_every_rule_would_map_it() {
    let shaper = FontShaper::new();
    let texts = [
        "Systems engineer who builds fast, measurable systems.",
        "office affine fjord \u{201C}quoted\u{201D} 2021\u{2013}2024",
        "Caf\u{E9} na\u{EF}ve e\u{301}clair",
        "It served 10\u{A0}000 requests in 5\u{2009}ms at p.\u{202F}99",
        "\u{2009}",
        "हिन्दी वॉइस असिस्टेंट",
        "x\u{300}\u{301}\u{302}\u{303} next",
    ];
    // free codes, and codes that are glyph ids (a glyph met again with another text)
    for free in [true, false] {
        let (mut fast, mut slow) = (TextMap::new(free), TextMap::new(free));
        let mut simple = 0;
        for text in texts.iter().chain(&["\u{AD}-", "-\u{AD}"]) {
            for style in [Style::Regular, Style::Bold] {
                for r in shaper.shape(text, style) {
                    let face = r.face;
                    let cmap = |c: char| face.face().glyph_index(c).map(|g| g.0);
                    let advance = |id: u16| natural_width(face, id);
                    simple += usize::from(TextMap::new(free).map_simple(&r, &advance).is_some());
                    let a = fast.map_run(&r, &cmap, &advance);
                    let b = slow.map_general(&r, &cmap, &advance);
                    assert_eq!(a, b, "{:?}", r.text);
                }
            }
        }
        assert!(simple > 0, "no run took the common path");
        let entries = |m: &TextMap| m.entries().map(|(c, g, t)| (c, g, t.to_string())).collect::<Vec<_>>();
        assert_eq!(entries(&fast), entries(&slow));
    }
}
