//! One system of the portfolio: its opening rule and title (with the status
//! badge and dates), tagline, summary, metric cards, tag chips, links and case study.

use super::Builder;
use crate::layout::flow::{Block, Role};
use crate::layout::frame::{Item, Rect, TextItem};
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
        let mut open = Block::new(t.gap(16.0), rule).space(t.gap(26.0)).keep();
        open.bookmark = Some(s.title.clone());
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
        let mut y = 0.0;
        if let (Some((meta_items, _, meta_h)), false) = (&meta, beside) {
            items.extend(meta_items.iter().cloned());
            y += meta_h + 6.0;
        }
        let title = self.span(&s.title, Style::Bold, t.ink);
        let (it, h) = text_box(self.shaper, &[title], title_para, 0.0, y, title_w);
        items.extend(it);
        if let (Some((meta_items, mw, mh)), true) = (meta, beside) {
            let dy = y + (title_para.line_height() - mh) / 2.0;
            for mut i in meta_items {
                i.translate(w - mw, dy);
                items.push(i);
            }
        }
        y += h;
        self.blocks.push(Block::new(y, items).keep());

        if let Some(tagline) = &s.tagline {
            let span = self.span(tagline, Style::Italic, t.muted);
            let mut blocks = paragraph_blocks(self.shaper, &[span], Style::Italic, self.para(t.size(1.0)), 0.0, w);
            blocks[0].space_before = 2.0;
            self.push_kept(blocks, Role::Paragraph);
        }
        if let Some(summary) = &s.summary {
            let blocks = self.text_blocks(summary, t.body_size, t.gap(8.0));
            self.blocks.extend(blocks.into_iter().map(Block::keep));
        }
        if !s.metrics.is_empty() {
            self.metrics(&s.metrics);
        }
        // the header chain ends here: everything up to the cards moves as one
        if let Some(last) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
        if !s.tags.is_empty() {
            self.chips(&s.tags);
        }
        if !s.links.is_empty() {
            let mut spans = Vec::new();
            for (i, l) in s.links.iter().enumerate() {
                if i > 0 {
                    spans.push(self.span("   ", Style::Regular, t.muted));
                }
                spans.push(self.span(&format!("{}\u{00A0}", l.label), Style::SemiBold, t.ink));
                spans.push(self.span(display_url(&l.url), Style::Regular, t.accent).link(&l.url));
            }
            let mut blocks = paragraph_blocks(self.shaper, &spans, Style::SemiBold, self.para(t.size(-0.5)), 0.0, w);
            blocks[0].space_before = t.gap(8.0);
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
        let cols = metrics.len().min(3);
        let gap = 10.0;
        let card_w = (w - gap * (cols as f32 - 1.0)) / cols as f32;
        let pad_x = t.card_pad;
        let pad_y = t.card_pad * 0.9 + if t.cards == CardStyle::Outlined { 2.0 } else { 0.0 };
        let inner = card_w - 2.0 * pad_x;
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
        for (row_i, row) in metrics.chunks(cols).enumerate() {
            let mut cards: Vec<(Vec<Item>, f32)> = Vec::new();
            for m in row {
                let mut items = Vec::new();
                let mut y = pad_y;
                let (it, h) = text_box(
                    self.shaper,
                    &[self.span(&m.label, Style::SemiBold, t.muted)],
                    label_p,
                    pad_x,
                    y,
                    inner,
                );
                items.extend(it);
                y += h;
                let (it, h) = text_box(
                    self.shaper,
                    &[self.span(&m.value, Style::Bold, t.accent)],
                    value_p,
                    pad_x,
                    y,
                    inner,
                );
                items.extend(it);
                y += h + 1.0;
                if let Some(speedup) = speedup(&m.value) {
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
                }
                if let Some(detail) = &m.detail {
                    let (it, h) = text_box(
                        self.shaper,
                        &[self.span(detail, Style::Regular, t.muted)],
                        detail_p,
                        pad_x,
                        y,
                        inner,
                    );
                    items.extend(it);
                    y += h;
                }
                cards.push((items, y + pad_y));
            }
            let row_h = cards.iter().map(|c| c.1).fold(0.0, f32::max);
            if row_h > (t.page_height - t.margin_top - t.margin_bottom) * 0.5 {
                // cards this tall would not fit a page well: list the metrics as text instead
                self.metric_list(row);
                continue;
            }
            let mut items = Vec::new();
            for (i, (card_items, _)) in cards.into_iter().enumerate() {
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
                for mut it in card_items {
                    it.translate(x, 0.0);
                    items.push(it);
                }
            }
            let space = if row_i == 0 { t.gap(12.0) } else { gap };
            self.blocks.push(Block::new(row_h, items).space(space).keep());
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
        let mut rows: Vec<(Vec<Item>, f32)> = Vec::new();
        let mut row: Vec<Item> = Vec::new();
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
                rows.push((std::mem::take(&mut row), row_h));
                x = 0.0;
                row_h = 0.0;
            }
            row.push(Item::Rect {
                rect: Rect::new(x, 0.0, cw, ch),
                fill: t.tint,
                radius: chip_h / 2.0,
            });
            let base = centred_baseline(self.shaper, Style::SemiBold, size, chip_h);
            for (i, line) in chip_lines.iter().enumerate() {
                let dy = i as f32 * para.line_height();
                row.extend(line_items(line, x + pad, base + dy, size, dy, para.line_height()));
            }
            x += cw + gap;
            row_h = row_h.max(ch);
        }
        if !row.is_empty() {
            rows.push((row, row_h));
        }
        for (i, (items, h)) in rows.into_iter().enumerate() {
            self.blocks
                .push(Block::new(h, items).space(if i == 0 { t.gap(12.0) } else { gap }));
        }
    }
}

/// The factor of a speedup such as `2.1x` or `3×`, when it is more than 1.
pub fn speedup(value: &str) -> Option<f32> {
    let number = value.trim().strip_suffix(['x', 'X', '\u{00D7}'])?.trim_end();
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let v: f32 = number.parse().ok()?;
    (v > 1.0 && v.is_finite() && v <= 1000.0).then_some(v)
}

/// The baseline that centres capital letters of `size` in a box of height `h`.
fn centred_baseline(shaper: &dyn Shaper, style: Style, size: f32, h: f32) -> f32 {
    (h + shaper.cap_height(style) * size / 1000.0) / 2.0
}
