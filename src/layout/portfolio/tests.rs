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
        // 1 to 11 lines of summary, each word naming its system
        let summary: String = (0..(1 + 47 * (i % 4)) * (i % 3))
            .map(|k| format!("s{i}w{k} "))
            .collect();
        s.push_str(&format!(
            "[[systems]]\ntitle = \"System {i}\"\nsummary = \"{summary}{para}\"\nmetrics = [{{ value = \"V{i}\", label = \"L\", detail = \"{detail}\" }}]\n\
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
                if t.is_blank() {
                    continue;
                }
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

/// The same for every line: the text items that follow one another on one
/// baseline of a page (each word is an item of its own) joined into one box.
fn line_boxes(doc: &Document) -> Vec<(usize, f32, f32, f32, f32, String)> {
    let mut out: Vec<(usize, f32, f32, f32, f32, String)> = Vec::new();
    let mut baseline = None;
    for (p, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(t) = item else { continue };
            let right = t.x + t.run.width_at(t.size);
            match out.last_mut() {
                Some(line) if baseline == Some((p, t.baseline)) => {
                    line.2 = line.2.max(t.baseline + 0.2 * t.size);
                    line.4 = line.4.max(right);
                    line.5.push_str(&t.run.text);
                }
                _ => out.push((
                    p,
                    t.baseline - 0.8 * t.size,
                    t.baseline + 0.2 * t.size,
                    t.x,
                    right,
                    t.run.text.clone(),
                )),
            }
            baseline = Some((p, t.baseline));
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
        // a running head sits in the top margin, at least 18 pt from the edge
        let head = *p > 0 && (text.starts_with("System ") || text == "  continued");
        let ceiling = if head { 18.0 } else { theme.margin_top - 1.0 };
        assert!(
            *top >= ceiling && *bottom <= theme.page_height - 18.0,
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
fn a_system_starts_with_its_title_and_two_summary_lines_and_its_summary_ends_with_its_cards() {
    let doc = layout(&portfolio(&generated(30)), &Theme::default(), &FixedShaper, None);
    let boxes = line_boxes(&doc);
    let mut split = 0;
    for i in 0..30 {
        let title = boxes.iter().find(|b| b.5 == format!("System {i}")).unwrap();
        let value = boxes.iter().find(|b| b.5 == format!("V{i}")).unwrap();
        // the summary's lines between the title and the cards
        let summary: Vec<_> = boxes
            .iter()
            .skip_while(|b| *b != title)
            .take_while(|b| *b != value)
            .filter(|b| b.5.starts_with(&format!("s{i}w")) || b.5.starts_with("word"))
            .collect();
        assert!(summary.len() >= 2, "system {i}: {} summary lines", summary.len());
        let n = summary.len();
        assert_eq!(summary[0].0, title.0, "system {i}: its title ends a page");
        assert_eq!(summary[1].0, title.0, "system {i}: one line of summary under its title");
        assert_eq!(
            summary[n - 2].0,
            value.0,
            "system {i}: the summary's last lines leave its cards"
        );
        assert_eq!(
            summary[n - 1].0,
            value.0,
            "system {i}: the summary's last line leaves its cards"
        );
        split += usize::from(title.0 != value.0);
    }
    // long summaries do split: the rule is not all-or-nothing
    assert!(split > 0);
}

#[test]
fn running_heads_and_footers_are_page_furniture() {
    let doc = layout(&portfolio(&generated(8)), &Theme::default(), &FixedShaper, None);
    let mut heads = 0;
    for page in &doc.pages {
        let furniture: String = page
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Item::Text(t) if page.is_furniture(i) => Some(t.run.text.as_str()),
                _ => None,
            })
            .collect();
        assert!(furniture.contains("page "), "{furniture}");
        heads += usize::from(furniture.contains("  continued"));
        // nothing else on the page is furniture
        let body = page.items.iter().enumerate().filter(|(i, _)| !page.is_furniture(*i));
        assert!(body
            .filter_map(|(_, item)| match item {
                Item::Text(t) => Some(&t.run.text),
                _ => None,
            })
            .all(|t| !t.contains("continued") && !t.starts_with("page ")));
    }
    assert!(heads > 0);
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

#[test]
fn card_grids_balance_and_never_leave_a_lone_card() {
    let rows = |n, four| system::grid(n, four);
    assert_eq!(rows(1, true), vec![1]);
    assert_eq!(rows(3, true), vec![3]);
    assert_eq!(rows(4, true), vec![4]);
    assert_eq!(rows(4, false), vec![2, 2]);
    assert_eq!(rows(5, true), vec![3, 2]);
    assert_eq!(rows(6, true), vec![3, 3]);
    assert_eq!(rows(7, true), vec![3, 2, 2]);
    assert_eq!(rows(8, true), vec![3, 3, 2]);
    for n in 2..=40 {
        let r = rows(n, false);
        assert_eq!(r.iter().sum::<usize>(), n);
        assert!(r.iter().all(|&k| (2..=3).contains(&k)), "{n}: {r:?}");
        assert!(r.windows(2).all(|p| p[0] >= p[1]), "{n}: {r:?}");
    }
}

#[test]
fn a_ratio_bar_only_where_the_metric_is_a_ratio_to_a_baseline() {
    let p = portfolio(
        "[profile]\nname = \"N\"\n[[systems]]\ntitle = \"S\"\nmetrics = [\n\
         { value = \"2.1x\", label = \"Throughput\" },\n\
         { value = \"8x\", label = \"Fewer hosts\" },\n\
         { value = \"12.5x\", label = \"Cheaper\", detail = \"per query\" },\n\
         { value = \"3\u{d7}\", label = \"Faster builds\" },\n\
         { value = \"8x\", label = \"Fewer hosts\", visual = \"ratio\" },\n\
         { value = \"2.1x\", label = \"Throughput\", visual = \"none\" },\n]\n",
    );
    let ratios: Vec<Option<f32>> = p.systems[0].metrics.iter().map(|m| m.ratio()).collect();
    assert_eq!(ratios, vec![Some(2.1), None, None, Some(3.0), Some(8.0), None]);
    // and the page draws two bars (value and baseline) for each of the three
    let doc = layout(&p, &Theme::default(), &FixedShaper, None);
    let bars = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { rect, radius, .. } if rect.h == 3.0 && *radius == 1.5))
        .count();
    assert_eq!(bars, 6);
}

#[test]
fn systems_laid_out_in_parallel_are_the_systems_laid_out_in_turn() {
    // uneven systems (taglines, statuses, 0 to 6 metrics, tags, links, 0 to 8
    // case-study sections), real fonts through the one shared shaper, every theme
    let mut p = portfolio(&crate::testing::sample_varied(3 * PARALLEL_SYSTEMS));
    let shaper = crate::text::FontShaper::new();
    for name in crate::model::ThemeName::ALL {
        p.design.theme = name;
        let theme = Theme::for_design(&p.design);
        let mut in_turn = Builder {
            theme: &theme,
            shaper: &shaper,
            blocks: Vec::new(),
            images: Vec::new(),
        };
        for s in &p.systems {
            in_turn.system(s);
        }
        let parallel: Vec<Block> = in_turn.systems(&p.systems).into_iter().flatten().collect();
        assert!(in_turn.blocks.len() > 10 * p.systems.len(), "{name:?}");
        let first_difference = |a: &[Block], b: &[Block]| (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i));
        assert_eq!(
            first_difference(&parallel, &in_turn.blocks),
            None,
            "{name:?}: the first block that differs"
        );
        assert!(in_turn.images.is_empty());
        // and the whole document is the one made with the systems in turn
        let doc = layout(&p, &theme, &shaper, None);
        let area = Area {
            left: theme.margin_x,
            top: theme.margin_top,
            width: theme.content_width(),
            bottom: theme.page_height - theme.margin_bottom,
            head_room: (running_head_top(&theme) - theme.margin_top).max(0.0),
        };
        let mut b = Builder {
            theme: &theme,
            shaper: &shaper,
            blocks: Vec::new(),
            images: Vec::new(),
        };
        b.profile(&p.profile);
        if let Some(h) = &p.portfolio {
            b.systems_heading(h.title.as_deref(), h.subtitle.as_deref(), h.intro.as_ref());
        }
        for s in &p.systems {
            b.system(s);
        }
        let mut paged = paginate(b.blocks, area);
        assert!(
            paged.heads.iter().any(Option::is_some),
            "{name:?}: some page has a running head"
        );
        add_running_heads(&mut paged.pages, &paged.heads, area, &theme, &shaper);
        add_footers(&mut paged.pages, &p.profile.name, &theme, &shaper);
        assert_eq!(doc.pages.len(), paged.pages.len(), "{name:?}");
        let differs = (0..doc.pages.len()).find(|&i| doc.pages[i] != paged.pages[i]);
        assert_eq!(differs, None, "{name:?}: the first page that differs");
        assert_eq!(doc.outline, paged.outline, "{name:?}");
    }
}
