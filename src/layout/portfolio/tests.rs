use super::*;
use crate::diag::Source;
use crate::text::FixedShaper;

fn portfolio(toml: &str) -> Portfolio {
    let (p, diags) = crate::content::parse(&Source::new("t.toml", toml), std::path::Path::new("."), &|_| true);
    p.unwrap_or_else(|| panic!("{diags:?}"))
}

fn generated(n: usize) -> String {
    let mut s = String::from("[profile]\nname = \"T\"\n[portfolio]\ntitle = \"Systems\"\n");
    for i in 0..n {
        let para = "word ".repeat(40 + 37 * (i % 7));
        let detail = "word ".repeat(5 + 37 * (i % 5));
        s.push_str(&format!(
            "[[systems]]\ntitle = \"System {i}\"\nsummary = \"{para}\"\nmetrics = [{{ value = \"V{i}\", label = \"L\", detail = \"{detail}\" }}]\n\
             [systems.case_study]\nmotivation = \"{para}\\n\\n{para}\"\nresults = \"- {para}\\n- {para}\"\n"
        ));
    }
    s
}

/// (page, top, bottom, left, right, text) of every text item.
fn text_boxes(doc: &Document) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let mut out = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(t) = item {
                let w = t.run.width_at(t.size);
                out.push((
                    p,
                    t.baseline - 0.8 * t.size,
                    t.baseline + 0.2 * t.size,
                    t.x,
                    t.x + w,
                    t.run.text.clone(),
                ));
            }
        }
    }
    out
}

#[test]
fn everything_stays_inside_the_margins_and_text_never_overlaps() {
    let theme = Theme::default();
    let doc = layout(&portfolio(&generated(30)), &theme, &FixedShaper, None);
    assert!(doc.pages.len() > 10);
    let boxes = text_boxes(&doc);
    for (p, top, bottom, left, right, text) in &boxes {
        assert!(
            *left >= theme.margin_x - 0.01 && *right <= theme.page_width - theme.margin_x + 0.01,
            "{text} on page {p} leaves the sides"
        );
        assert!(
            *top >= theme.margin_top - 1.0 && *bottom <= theme.page_height - 18.0,
            "{text} on page {p} leaves the page"
        );
    }
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Rect { rect, .. } = item {
                assert!(
                    rect.y >= theme.margin_top - 0.01
                        && rect.y + rect.h <= theme.page_height - theme.margin_bottom + 0.01
                );
            }
        }
    }
    // body text (everything but the footer) stays above the bottom margin
    for (_, _, bottom, _, _, text) in &boxes {
        if !text.starts_with("page ") && text != "T" {
            assert!(
                *bottom <= theme.page_height - theme.margin_bottom + 0.01,
                "{text} is in the bottom margin"
            );
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in boxes[i + 1..].iter().take_while(|b| b.0 == a.0) {
            let overlap = a.1 < b.2 - 0.5 && b.1 < a.2 - 0.5 && a.3 < b.4 - 0.5 && b.3 < a.4 - 0.5;
            assert!(!overlap, "{:?} overlaps {:?}", a.5, b.5);
        }
    }
}

#[test]
fn a_system_starts_only_where_its_header_and_cards_fit() {
    let doc = layout(&portfolio(&generated(30)), &Theme::default(), &FixedShaper, None);
    let boxes = text_boxes(&doc);
    for i in 0..30 {
        // the bookmark sits on the rule that opens the system, kept with its title
        let mark = doc.outline.iter().find(|b| b.title == format!("System {i}")).unwrap();
        let value = boxes.iter().find(|b| b.5 == format!("V{i}")).unwrap();
        assert_eq!(
            mark.page, value.0,
            "system {i}: opening and metric cards on different pages"
        );
    }
}

#[test]
fn every_page_has_a_footer_with_its_number() {
    let doc = layout(&portfolio(&generated(8)), &Theme::default(), &FixedShaper, None);
    let n = doc.pages.len();
    for (i, page) in doc.pages.iter().enumerate() {
        assert!(page.text().ends_with(&format!("page {} of {n}", i + 1)), "page {i}");
    }
}

#[test]
fn paragraphs_split_at_line_boundaries_keep_two_lines_together() {
    let doc = layout(&portfolio(&generated(12)), &Theme::default(), &FixedShaper, None);
    // at the head of every page after the first, the first body line is never
    // a lone last line of a paragraph: each page has at least two lines of body text
    for page in &doc.pages {
        let lines = page.items.iter().filter(|i| matches!(i, Item::Text(_))).count();
        assert!(lines >= 4, "a page with almost nothing on it");
    }
}

#[test]
fn metadata_comes_from_the_profile_and_tags() {
    let p = portfolio(
        "[profile]\nname = \"A B\"\nheadline = \"H\"\n[[systems]]\ntitle = \"S\"\ntags = [\"x\", \"y\", \"X\"]\n",
    );
    let doc = layout(&p, &Theme::default(), &FixedShaper, None);
    assert_eq!(doc.metadata.title, "A B \u{2014} Portfolio");
    assert_eq!(doc.metadata.author, "A B");
    assert_eq!(doc.metadata.keywords, vec!["x", "y"]);
    assert_eq!(
        doc.outline.iter().map(|b| b.title.as_str()).collect::<Vec<_>>(),
        vec!["A B", "S"]
    );
}

#[test]
fn layout_stops_past_its_page_or_glyph_cap() {
    let text = format!(
        "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"S\"\nsummary = \"\"\"\n{}\"\"\"\n[[systems]]\ntitle = \"T\"\n",
        "- a\n".repeat(400)
    );
    let p = portfolio(&text);
    let theme = Theme::for_design(&p.design);
    let shaper = FixedShaper;
    let doc = layout_within(&p, &theme, &shaper, None, 100, 100_000).unwrap();
    let pages = doc.pages.len();
    assert!(pages > 3, "{pages}");
    let too_long = layout_within(&p, &theme, &shaper, None, pages - 1, 100_000).unwrap_err();
    assert!(too_long.pages >= pages - 1, "{too_long:?}");
    let glyphs = layout_within(&p, &theme, &shaper, None, 100, 500).unwrap_err();
    assert!(glyphs.glyphs > 500, "{glyphs:?}");
    assert_eq!(layout(&p, &theme, &shaper, None), doc);
}
