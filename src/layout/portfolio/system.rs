//! One system of the portfolio: its opening rule and title (with the status
//! badge and dates), tagline, summary, metric cards, tag chips, links and case study.

use super::Builder;
use crate::layout::flow::{Block, Role};
use crate::layout::frame::{Elem, Item, Mark, Rect, Tag, TextItem};
use crate::layout::lines::{line_items, lines, paragraph_blocks, text_box, Para};
use crate::layout::spans::display_url;
use crate::layout::theme::CardStyle;
use crate::model::{Metric, System};
use crate::text::{Shaper, Style};

impl Builder<'_> {
    pub(super) fn system(&mut self, s: &System) {
        let t = self.theme;
        let w = self.width();
        // a hairline opens each system
        let rule = if t.system_rule {
            vec![Item::Line {
                from: (0.0, 0.0),
                to: (w, 0.0),
                width: 0.6,
                color: t.rule,
            }]
        } else {
            Vec::new()
        };
        // without a rule the opening is only space, none of it left at the top of a page
        let (height, space) = if t.system_rule {
            (t.gap(16.0), t.gap(26.0))
        } else {
            (0.0, t.gap(42.0))
        };
        let mut open = Block::new(height, rule).space(space).role(Role::Artifact).keep();
        open.bookmark = Some(s.title.clone());
        open.running_head = Some(s.title.clone());
        self.blocks.push(open);

        // title, with the status badge and dates at the right of its first line
        let title_para = Para {
            size: t.size(2.5),
            leading: 1.2,
        };
        let meta = self.meta(s);
        let meta_w = meta.as_ref().map_or(0.0, |(_, w, _)| *w);
        let beside = meta_w <= w * 0.42;
        let title_w = if beside && meta.is_some() { w - meta_w - 14.0 } else { w };
        let mut items = Vec::new();
        // the title is the H2, the badge and dates a paragraph after it
        let mut marks = Vec::new();
        let mut y = 0.0;
        let mut meta_at = None;
        if let (Some((meta_items, _, meta_h)), false) = (&meta, beside) {
            meta_at = Some(0);
            items.extend(meta_items.iter().cloned());
            y += meta_h + 6.0;
        }
        let title = self.span(&s.title, Style::Bold, t.ink);
        let (it, h) = text_box(self.shaper, &[title], title_para, 0.0, y, title_w);
        let title_at = items.len();
        items.extend(it);
        let title_end = items.len();
        if let (Some((meta_items, mw, mh)), true) = (meta, beside) {
            meta_at = Some(items.len());
            let dy = y + (title_para.line_height() - mh) / 2.0;
            for mut i in meta_items {
                i.translate(w - mw, dy);
                items.push(i);
            }
        }
        let h2 = [(title_at, Mark::Open(Elem::new(Tag::H2))), (title_end, Mark::Close)];
        // the badge and the dates are a paragraph each (the dates are the
        // muted text after the badge's accent-coloured label)
        let meta_marks = meta_at.map(|at| {
            let end = if at == 0 { title_at } else { items.len() };
            let is_text = |i: &Item, c| matches!(i, Item::Text(x) if x.color == c);
            let label = items[at..end].iter().position(|i| is_text(i, t.accent));
            let dates = items[at..end].iter().position(|i| is_text(i, t.muted));
            let p = |a: usize, b: usize| [(a, Mark::Open(Elem::new(Tag::P))), (b, Mark::Close)];
            match (label, dates) {
                (Some(l), Some(d)) if l < d => [p(at, at + d), p(at + d, end)].concat(),
                _ => p(at, end).to_vec(),
            }
        });
        // in the order of the items
        match meta_marks {
            Some(m) if meta_at == Some(0) => marks.extend(m.into_iter().chain(h2)),
            Some(m) => marks.extend(h2.into_iter().chain(m)),
            None => marks.extend(h2),
        }
        y += h;
        // (a heading block with marks of its own is tagged by them alone)
        let mut heading = Block::new(y, items).role(Role::Heading(2)).keep();
        heading.marks = marks;
        self.blocks.push(heading);

        if let Some(tagline) = &s.tagline {
            let span = self.span(tagline, Style::Italic, t.muted);
            let mut blocks = paragraph_blocks(self.shaper, &[span], Style::Italic, self.para(t.size(1.0)), 0.0, w);
            blocks[0].space_before = 2.0;
            self.push_kept(blocks, Role::Paragraph);
        }
        // The opening: the title and tagline stay with the summary's first two lines
        // (its orphan rule), and its last two lines with the first row of cards (the
        // widow rule, and the last line kept), so a short summary starts with its
        // cards; a longer one may split between. Card rows never break. (The
        // tags and links after the cards may go on to the next page: keeping them
        // too moved whole systems on, and left a quarter of the example's page 2
        // blank.)
        if let Some(summary) = &s.summary {
            let mut blocks = self.text_blocks(summary, t.body_size, t.gap(8.0));
            if let Some(last) = blocks.last_mut() {
                last.keep_with_next = !s.metrics.is_empty();
            }
            self.blocks.extend(blocks);
        }
        if !s.metrics.is_empty() {
            self.metrics(&s.metrics);
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
        if !s.tags.is_empty() {
            self.chips(&s.tags);
            if let Some(last) = self.blocks.last_mut() {
                last.keep_with_next = false;
            }
        }
        if !s.links.is_empty() {
            let mut spans = Vec::new();
            for (i, l) in s.links.iter().enumerate() {
                if i > 0 {
                    spans.push(self.span("   ", Style::Regular, t.muted));
                }
                spans.push(self.span(&format!("{}\u{00A0}", l.label), Style::SemiBold, t.ink));
                spans.push(
                    self.span(display_url(&l.url), Style::Regular, t.accent)
                        .link(&l.url)
                        .address(),
                );
            }
            let mut blocks = paragraph_blocks(self.shaper, &spans, Style::SemiBold, self.para(t.size(-0.5)), 0.0, w);
            blocks[0].space_before = t.gap(8.0);
            for (i, b) in blocks.iter_mut().enumerate() {
                b.role = Role::Paragraph;
                b.continues = i > 0;
            }
            self.blocks.extend(blocks);
        }
        for (section, text) in &s.case_study {
            let heading = self.span(section.heading(), Style::SemiBold, t.ink);
            let mut blocks = paragraph_blocks(
                self.shaper,
                &[heading],
                Style::SemiBold,
                Para {
                    size: t.size(0.5),
                    leading: 1.3,
                },
                0.0,
                w,
            );
            blocks[0].space_before = t.gap(14.0);
            self.push_kept(blocks, Role::Heading(3));
            let body = self.text_blocks(text, t.body_size, 3.0);
            self.blocks.extend(body);
        }
    }

    /// The status badge and date range: items, width and height.
    fn meta(&self, s: &System) -> Option<(Vec<Item>, f32, f32)> {
        let t = self.theme;
        let mut items = Vec::new();
        let mut x = 0.0;
        let h = 15.0;
        if let Some(status) = &s.status {
            let size = t.size(-1.5);
            let label_w = self.shaper.measure(status, Style::SemiBold, size);
            let pad = 7.0;
            let bw = label_w + 2.0 * pad;
            items.push(Item::Rect {
                rect: Rect::new(0.0, 0.0, bw, h),
                fill: t.tint,
                radius: h / 2.0,
            });
            let base = centred_baseline(self.shaper, Style::SemiBold, size, h);
            for run in self.shaper.shape(status, Style::SemiBold) {
                items.push(Item::Text(TextItem {
                    x: pad,
                    baseline: base,
                    size,
                    color: t.accent,
                    run,
                }));
            }
            x = bw;
        }
        if let Some(dates) = &s.dates {
            if x > 0.0 {
                x += 8.0;
            }
            let size = t.size(-0.5);
            let base = centred_baseline(self.shaper, Style::Regular, size, h);
            let text = dates.to_string();
            let mut dx = 0.0;
            for run in self.shaper.shape(&text, Style::Regular) {
                let rw = run.width_at(size);
                items.push(Item::Text(TextItem {
                    x: x + dx,
                    baseline: base,
                    size,
                    color: t.muted,
                    run,
                }));
                dx += rw;
            }
            x += dx;
        }
        if x > self.width() {
            // too wide for one line even above the title: wrapped text, without the badge
            let mut spans = Vec::new();
            if let Some(status) = &s.status {
                spans.push(self.span(status, Style::SemiBold, t.accent));
            }
            if let Some(dates) = &s.dates {
                spans.push(self.span(&format!("  \u{00B7}  {dates}"), Style::Regular, t.muted));
            }
            let para = Para {
                size: t.size(-1.5),
                leading: 1.3,
            };
            let (items, h) = text_box(self.shaper, &spans, para, 0.0, 0.0, self.width());
            return Some((items, self.width(), h));
        }
        (!items.is_empty()).then_some((items, x, h))
    }

    /// Metric cards in rows of up to three.
    fn metrics(&mut self, metrics: &[Metric]) {
        let t = self.theme;
        let w = self.width();
        let gap = 10.0;
        let pad_x = t.card_pad;
        let pad_y = t.card_pad * 0.9 + if t.cards == CardStyle::Outlined { 2.0 } else { 0.0 };
        let card_w = |cols: usize| (w - gap * (cols as f32 - 1.0)) / cols as f32;
        let label_p = Para {
            size: t.size(-1.0),
            leading: 1.3,
        };
        let value_p = Para {
            size: t.size(3.5),
            leading: 1.15,
        };
        let detail_p = Para {
            size: t.size(-1.0),
            leading: 1.35,
        };
        // four cards go in one row when each value fits a quarter of the width
        let quarter = card_w(4) - 2.0 * pad_x;
        let four_fit = metrics.iter().all(|m| {
            self.shaper.measure(&m.value, Style::Bold, value_p.size) <= quarter
                && lines(
                    self.shaper,
                    &[self.span(&m.label, Style::SemiBold, t.muted)],
                    label_p,
                    quarter,
                )
                .len()
                    <= 2
        });
        let mut rest = metrics;
        let mut list_open = false;
        for (row_i, cols) in grid(metrics.len(), four_fit).into_iter().enumerate() {
            let (row, next) = rest.split_at(cols);
            rest = next;
            let card_w = card_w(cols);
            let inner = card_w - 2.0 * pad_x;
            let mut cards: Vec<Piece> = Vec::new();
            for m in row {
                // a card is a list item: the label names it, the value, the chart
                // and the detail are its body (in the order they are drawn and
                // read, so that text extraction keeps the order a reader sees)
                let mut items = Vec::new();
                let mut marks = vec![
                    (0, Mark::Open(Elem::new(Tag::LI))),
                    (0, Mark::Open(Elem::new(Tag::Lbl))),
                ];
                let mut y = pad_y;
                let (label, h) = text_box(
                    self.shaper,
                    &[self.span(&m.label, Style::SemiBold, t.muted)],
                    label_p,
                    pad_x,
                    y,
                    inner,
                );
                y += h;
                items.extend(label);
                marks.push((items.len(), Mark::Close));
                marks.push((items.len(), Mark::Open(Elem::new(Tag::LBody))));
                // the value and the detail are paragraphs of their own, so a
                // reader of the structure keeps them apart (`-71%`, `at 32k …`)
                marks.push((items.len(), Mark::Open(Elem::new(Tag::P))));
                let (value, h) = text_box(
                    self.shaper,
                    &[self.span(&m.value, Style::Bold, t.accent)],
                    value_p,
                    pad_x,
                    y,
                    inner,
                );
                items.extend(value);
                marks.push((items.len(), Mark::Close));
                y += h + 1.0;
                if let Some(speedup) = m.ratio() {
                    marks.push((
                        items.len(),
                        Mark::Open(Elem::figure(format!("{} versus the 1.0x baseline", m.value))),
                    ));
                    // the value against the 1.0x baseline, as two bars
                    y += 2.0;
                    let bar_h = 3.0;
                    items.push(Item::Rect {
                        rect: Rect::new(pad_x, y, inner, bar_h),
                        fill: t.accent,
                        radius: 1.5,
                    });
                    y += bar_h + 2.0;
                    let base_w = (inner / speedup).max(bar_h);
                    items.push(Item::Rect {
                        rect: Rect::new(pad_x, y, base_w, bar_h),
                        fill: t.rule,
                        radius: 1.5,
                    });
                    y += bar_h + 5.0;
                    marks.push((items.len(), Mark::Close));
                }
                if let Some(detail) = &m.detail {
                    marks.push((items.len(), Mark::Open(Elem::new(Tag::P))));
                    let (it, h) = text_box(
                        self.shaper,
                        &[self.span(detail, Style::Regular, t.muted)],
                        detail_p,
                        pad_x,
                        y,
                        inner,
                    );
                    items.extend(it);
                    marks.push((items.len(), Mark::Close));
                    y += h;
                }
                marks.push((items.len(), Mark::Close));
                marks.push((items.len(), Mark::Close));
                cards.push((items, marks, y + pad_y));
            }
            let row_h = cards.iter().map(|c| c.2).fold(0.0, f32::max);
            if row_h > (t.page_height - t.margin_top - t.margin_bottom) * 0.5 {
                // cards this tall would not fit a page well: list the metrics as text instead
                if std::mem::take(&mut list_open) {
                    self.close_last();
                }
                self.metric_list(row);
                continue;
            }
            let mut items = Vec::new();
            let mut marks = Vec::new();
            // the cards of all rows are one list
            if !std::mem::replace(&mut list_open, true) {
                marks.push((0, Mark::Open(Elem::new(Tag::L))));
            }
            for (i, (card_items, card_marks, _)) in cards.into_iter().enumerate() {
                let x = i as f32 * (card_w + gap);
                match t.cards {
                    CardStyle::Filled => items.push(Item::Rect {
                        rect: Rect::new(x, 0.0, card_w, row_h),
                        fill: t.card,
                        radius: 4.0,
                    }),
                    CardStyle::Outlined => {
                        // a hairline border (a rule-coloured panel under a white one), accent on top
                        items.push(Item::Rect {
                            rect: Rect::new(x, 0.0, card_w, row_h),
                            fill: t.rule,
                            radius: 0.0,
                        });
                        let inset = Rect::new(x + 0.75, 0.75, card_w - 1.5, row_h - 1.5);
                        items.push(Item::Rect {
                            rect: inset,
                            fill: t.card,
                            radius: 0.0,
                        });
                        items.push(Item::Rect {
                            rect: Rect::new(x, 0.0, card_w, 2.5),
                            fill: t.accent,
                            radius: 0.0,
                        });
                    }
                }
                let at = items.len();
                marks.extend(card_marks.into_iter().map(|(i, m)| (at + i, m)));
                for mut it in card_items {
                    it.translate(x, 0.0);
                    items.push(it);
                }
            }
            let space = if row_i == 0 { t.gap(12.0) } else { gap };
            let mut block = Block::new(row_h, items).space(space);
            block.marks = marks;
            self.blocks.push(block);
        }
        if list_open {
            self.close_last();
        }
    }

    /// Close the innermost structure element after the last block's items.
    fn close_last(&mut self) {
        if let Some(last) = self.blocks.last_mut() {
            last.marks.push((last.items.len(), Mark::Close));
        }
    }

    fn metric_list(&mut self, metrics: &[Metric]) {
        let t = self.theme;
        for m in metrics {
            let mut spans = vec![
                self.span(&format!("{} ", m.value), Style::Bold, t.accent),
                self.span(&m.label, Style::SemiBold, t.ink),
            ];
            if let Some(d) = &m.detail {
                spans.push(self.span(&format!(": {d}"), Style::Regular, t.muted));
            }
            let mut blocks = paragraph_blocks(
                self.shaper,
                &spans,
                Style::Bold,
                self.para(t.body_size),
                0.0,
                self.width(),
            );
            blocks[0].space_before = 6.0;
            self.push_kept(blocks, Role::ListItem);
        }
    }

    /// Tags as rounded chips, wrapped into rows.
    fn chips(&mut self, tags: &[String]) {
        let t = self.theme;
        let w = self.width();
        let size = t.size(-1.5);
        let pad = 7.0;
        let gap = 5.0;
        let para = Para { size, leading: 1.3 };
        let chip_h = size * 2.0;
        let mut rows: Vec<Piece> = Vec::new();
        let mut row: Vec<Item> = Vec::new();
        // the tags are one list, a chip an item
        let mut marks = vec![(0, Mark::Open(Elem::new(Tag::L)))];
        let mut x = 0.0;
        let mut row_h: f32 = 0.0;
        for tag in tags {
            let chip_lines = lines(
                self.shaper,
                &[self.span(tag, Style::SemiBold, t.body)],
                para,
                w - 2.0 * pad,
            );
            let text_w = chip_lines.iter().map(|l| l.width).fold(0.0, f32::max);
            let cw = text_w + 2.0 * pad;
            let ch = chip_h + (chip_lines.len() as f32 - 1.0) * para.line_height();
            if x > 0.0 && x + cw > w {
                rows.push((std::mem::take(&mut row), std::mem::take(&mut marks), row_h));
                x = 0.0;
                row_h = 0.0;
            }
            row.push(Item::Rect {
                rect: Rect::new(x, 0.0, cw, ch),
                fill: t.tint,
                radius: chip_h / 2.0,
            });
            marks.push((row.len(), Mark::Open(Elem::new(Tag::LI))));
            marks.push((row.len(), Mark::Open(Elem::new(Tag::LBody))));
            let base = centred_baseline(self.shaper, Style::SemiBold, size, chip_h);
            for (i, line) in chip_lines.iter().enumerate() {
                let dy = i as f32 * para.line_height();
                row.extend(line_items(line, x + pad, base + dy, size, dy, para.line_height()));
            }
            marks.push((row.len(), Mark::Close));
            marks.push((row.len(), Mark::Close));
            x += cw + gap;
            row_h = row_h.max(ch);
        }
        if !row.is_empty() {
            marks.push((row.len(), Mark::Close));
            rows.push((row, marks, row_h));
        }
        for (i, (items, marks, h)) in rows.into_iter().enumerate() {
            let space = if i == 0 { t.gap(12.0) } else { gap };
            // rows of chips stay together
            let mut block = Block::new(h, items).space(space).keep();
            block.marks = marks;
            self.blocks.push(block);
        }
    }
}

/// A card or a row of chips: its items, their structure marks and its height.
type Piece = (Vec<Item>, Vec<(usize, Mark)>, f32);

/// How many metric cards go in each row: all in one row up to three (four when
/// `four_fit`), else rows of three or fewer as even as can be, the fuller first:
/// 4 as 2 + 2, 5 as 3 + 2, 7 as 3 + 2 + 2; never a lone card under a row.
pub fn grid(n: usize, four_fit: bool) -> Vec<usize> {
    if n <= 3 || (n == 4 && four_fit) {
        return vec![n];
    }
    let rows = n.div_ceil(3);
    (0..rows).map(|r| n / rows + usize::from(r < n % rows)).collect()
}

/// The baseline that centres capital letters of `size` in a box of height `h`.
fn centred_baseline(shaper: &dyn Shaper, style: Style, size: f32, h: f32) -> f32 {
    (h + shaper.cap_height(style) * size / 1000.0) / 2.0
}
