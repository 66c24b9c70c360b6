//! The portfolio document: profile, then one case-study section per system.

use crate::layout::flow::{paginate, Area, Block};
use crate::layout::frame::{Color, Document, Image, Item, Metadata, Page, Rect, TextItem};
use crate::layout::text::{Shaper, Span, Style};
use crate::layout::{
    baseline_in_line, contact_spans, display_url, line_items, lines, paragraph_blocks, rich_spans, text_box, CardStyle,
    Para, Theme,
};
use crate::model::{Block as TextBlock, Metric, Portfolio, Profile, System, Text};

/// Lay out the whole portfolio.
pub fn layout(
    p: &Portfolio,
    theme: &Theme,
    shaper: &dyn Shaper,
    metadata_date: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Document {
    let mut b = Builder {
        theme,
        shaper,
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
    let area = Area {
        left: theme.margin_x,
        top: theme.margin_top,
        width: theme.content_width(),
        bottom: theme.page_height - theme.margin_bottom,
    };
    let Builder { blocks, images, .. } = b;
    let (mut pages, outline) = paginate(blocks, area);
    add_footers(&mut pages, &p.profile.name, theme, shaper);
    Document {
        width: theme.page_width,
        height: theme.page_height,
        pages,
        outline,
        images,
        metadata: Metadata {
            title: format!("{} \u{2014} Portfolio", p.profile.name),
            author: p.profile.name.clone(),
            subject: subject(p),
            keywords: keywords(p),
            created: metadata_date,
        },
    }
}

fn subject(p: &Portfolio) -> String {
    match (
        &p.profile.headline,
        p.portfolio.as_ref().and_then(|h| h.subtitle.as_ref()),
    ) {
        (Some(h), Some(s)) => format!("{h}: {s}"),
        (Some(h), None) => format!("{h}: portfolio"),
        (None, Some(s)) => s.clone(),
        (None, None) => "Engineering portfolio".to_string(),
    }
}

/// Every tag once, in order of first appearance.
pub fn keywords(p: &Portfolio) -> Vec<String> {
    crate::layout::distinct_tags(&p.systems)
        .into_iter()
        .map(str::to_string)
        .collect()
}

struct Builder<'a> {
    theme: &'a Theme,
    shaper: &'a dyn Shaper,
    blocks: Vec<Block>,
    images: Vec<Image>,
}

impl Builder<'_> {
    fn width(&self) -> f32 {
        self.theme.content_width()
    }

    fn para(&self, size: f32) -> Para {
        Para {
            size,
            leading: self.theme.leading,
        }
    }

    fn span(&self, text: &str, style: Style, color: Color) -> Span {
        Span::new(text, style, color)
    }

    /// Paragraphs and bullet items of a text field.
    fn text_blocks(&mut self, text: &Text, size: f32, color: Color, first_space: f32) -> Vec<Block> {
        let para = self.para(size);
        let mut out = Vec::new();
        let bullet_indent = size * 1.3;
        for (i, block) in text.blocks.iter().enumerate() {
            let space = if i == 0 { first_space } else { size * 0.6 };
            let mut lines = match block {
                TextBlock::Paragraph(s) => paragraph_blocks(
                    self.shaper,
                    &[self.span(s, Style::Regular, color)],
                    para,
                    0.0,
                    self.width(),
                ),
                TextBlock::Bullet(s) => {
                    let mut lines = paragraph_blocks(
                        self.shaper,
                        &rich_spans(s, color, self.theme.accent),
                        para,
                        bullet_indent,
                        self.width() - bullet_indent,
                    );
                    if let Some(first) = lines.first_mut() {
                        let base = baseline_in_line(self.shaper, Style::Regular, para);
                        let dot = self.shaper.shape("\u{2022}", Style::Regular);
                        for (i, run) in dot.into_iter().enumerate() {
                            first.items.insert(
                                i,
                                Item::Text(TextItem {
                                    x: size * 0.25,
                                    baseline: base,
                                    size,
                                    color: self.theme.accent,
                                    run,
                                }),
                            );
                        }
                    }
                    let space = if matches!(text.blocks.get(i.wrapping_sub(1)), Some(TextBlock::Bullet(_))) {
                        size * 0.25
                    } else {
                        space
                    };
                    if let Some(first) = lines.first_mut() {
                        first.space_before = space;
                    }
                    out.extend(lines);
                    continue;
                }
            };
            if let Some(first) = lines.first_mut() {
                first.space_before = space;
            }
            out.append(&mut lines);
        }
        out
    }

    fn profile(&mut self, profile: &Profile) {
        let t = self.theme;
        let band = t.profile_band;
        let (name_c, headline_c) = if band {
            (t.on_accent, t.on_accent.mix(t.accent, 0.18))
        } else {
            (t.ink, t.accent)
        };
        let photo_size = t.photo_size;
        let gap = 20.0;
        let text_w = if profile.photo.is_some() {
            self.width() - photo_size - gap
        } else {
            self.width()
        };
        let mut items = Vec::new();
        let mut y = 0.0;
        let name = self.span(&profile.name, Style::Bold, name_c);
        let (it, h) = text_box(
            self.shaper,
            &[name],
            Para {
                size: t.size(6.0),
                leading: 1.15,
            },
            0.0,
            y,
            text_w,
        );
        items.extend(it);
        y += h;
        if let Some(headline) = &profile.headline {
            y += 2.0;
            let s = self.span(headline, Style::SemiBold, headline_c);
            let (it, h) = text_box(
                self.shaper,
                &[s],
                Para {
                    size: t.size(1.5),
                    leading: 1.3,
                },
                0.0,
                y,
                text_w,
            );
            items.extend(it);
            y += h;
        }
        let contact = contact_spans(profile, t, true);
        if !contact.is_empty() {
            y += 6.0;
            let (it, h) = text_box(
                self.shaper,
                &contact,
                Para {
                    size: t.size(-0.5),
                    leading: 1.5,
                },
                0.0,
                y,
                text_w,
            );
            items.extend(it);
            y += h;
        }
        if let Some(photo) = &profile.photo {
            let image = self.images.len();
            self.images.push(Image {
                width: photo.width,
                height: photo.height,
                rgb: photo.rgb.clone(),
            });
            let rect = Rect::new(self.width() - photo_size, 0.0, photo_size, photo_size);
            let radius = if t.photo_circle {
                photo_size / 2.0
            } else {
                photo_size * 0.16
            };
            if band {
                // a ring in the band's text colour sets the photo off the accent
                let ring = Rect::new(rect.x - 3.0, rect.y - 3.0, rect.w + 6.0, rect.h + 6.0);
                items.push(Item::Rect {
                    rect: ring,
                    fill: t.on_accent,
                    radius: radius + 3.0,
                });
            }
            items.push(Item::Image { rect, image, radius });
            y = y.max(photo_size);
        }
        if band {
            // the band runs across the page, from its top edge to below the header
            let pad = 24.0;
            let rect = Rect::new(-t.margin_x, -t.margin_top, t.page_width, t.margin_top + y + pad);
            items.insert(
                0,
                Item::Rect {
                    rect,
                    fill: t.accent,
                    radius: 0.0,
                },
            );
            y += pad;
        }
        let mut header = Block::new(y, items).keep();
        header.bookmark = Some(profile.name.clone());
        self.blocks.push(header);
        if let Some(summary) = &profile.summary {
            let blocks = self.text_blocks(summary, t.size(1.0), t.body, t.gap(12.0));
            self.blocks.extend(blocks);
        }
        if !band {
            // a short accent rule closes the profile
            let rule = Item::Line {
                from: (0.0, 0.0),
                to: (36.0, 0.0),
                width: 2.5,
                color: t.accent,
            };
            self.blocks.push(Block::new(2.5, vec![rule]).space(t.gap(18.0)));
        }
    }

    fn systems_heading(&mut self, title: Option<&str>, subtitle: Option<&str>, intro: Option<&Text>) {
        let t = self.theme;
        let mut first = true;
        let mut space = |s: f32| {
            if std::mem::replace(&mut first, false) {
                t.gap(22.0)
            } else {
                s
            }
        };
        if let Some(title) = title {
            let s = self.span(title, Style::Bold, t.ink);
            let mut blocks = paragraph_blocks(
                self.shaper,
                &[s],
                Para {
                    size: t.size(3.5),
                    leading: 1.2,
                },
                0.0,
                self.width(),
            );
            blocks[0].space_before = space(0.0);
            self.push_kept(blocks);
        }
        if let Some(subtitle) = subtitle {
            let s = self.span(subtitle, Style::Italic, t.muted);
            let mut blocks = paragraph_blocks(
                self.shaper,
                &[s],
                Para {
                    size: t.size(1.0),
                    leading: 1.35,
                },
                0.0,
                self.width(),
            );
            blocks[0].space_before = space(2.0);
            self.push_kept(blocks);
        }
        if let Some(intro) = intro {
            let sp = space(8.0);
            let blocks = self.text_blocks(intro, t.body_size, t.body, sp);
            self.push_kept(blocks);
        }
    }

    /// Push blocks that all stay with whatever follows them.
    fn push_kept(&mut self, blocks: Vec<Block>) {
        self.blocks.extend(blocks.into_iter().map(Block::keep));
    }

    fn system(&mut self, s: &System) {
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
            let mut blocks = paragraph_blocks(self.shaper, &[span], self.para(t.size(1.0)), 0.0, w);
            blocks[0].space_before = 2.0;
            self.push_kept(blocks);
        }
        if let Some(summary) = &s.summary {
            let blocks = self.text_blocks(summary, t.body_size, t.body, t.gap(8.0));
            self.push_kept(blocks);
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
            let mut blocks = paragraph_blocks(self.shaper, &spans, self.para(t.size(-0.5)), 0.0, w);
            blocks[0].space_before = t.gap(8.0);
            self.blocks.extend(blocks);
        }
        for (section, text) in &s.case_study {
            let heading = self.span(section.heading(), Style::SemiBold, t.ink);
            let mut blocks = paragraph_blocks(
                self.shaper,
                &[heading],
                Para {
                    size: t.size(0.5),
                    leading: 1.3,
                },
                0.0,
                w,
            );
            blocks[0].space_before = t.gap(14.0);
            self.push_kept(blocks);
            let body = self.text_blocks(text, t.body_size, t.body, 3.0);
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
            let mut blocks = paragraph_blocks(self.shaper, &spans, self.para(t.body_size), 0.0, self.width());
            blocks[0].space_before = 6.0;
            self.push_kept(blocks);
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

/// `name` at the left and `page N of M` at the right of every page's foot.
pub fn add_footers(pages: &mut [Page], name: &str, t: &Theme, shaper: &dyn Shaper) {
    let total = pages.len();
    let size = t.size(-1.5);
    // the footer sits in the bottom margin, which Theme keeps at least 48 pt tall
    let y_rule = t.page_height - t.margin_bottom + 14.0;
    let baseline = y_rule + 12.0;
    let left = t.margin_x;
    let right = t.page_width - t.margin_x;
    let name_runs = shaper.shape(name, Style::Regular);
    for (i, page) in pages.iter_mut().enumerate() {
        page.items.push(Item::Line {
            from: (left, y_rule),
            to: (right, y_rule),
            width: 0.5,
            color: t.rule,
        });
        let label = format!("page {} of {}", i + 1, total);
        let runs = shaper.shape(&label, Style::Regular);
        let w: f32 = runs.iter().map(|r| r.width_at(size)).sum();
        // the name is left out of the footer when it would run into the page number
        let name_w: f32 = name_runs.iter().map(|r| r.width_at(size)).sum();
        let name_runs: &[_] = if name_w + w + 24.0 <= right - left {
            &name_runs
        } else {
            &[]
        };
        let mut x = left;
        for run in name_runs {
            page.items.push(Item::Text(TextItem {
                x,
                baseline,
                size,
                color: t.muted,
                run: run.clone(),
            }));
            x += run.width_at(size);
        }
        let mut x = right - w;
        for run in runs {
            let rw = run.width_at(size);
            page.items.push(Item::Text(TextItem {
                x,
                baseline,
                size,
                color: t.muted,
                run,
            }));
            x += rw;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;
    use crate::layout::text::FixedShaper;

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
}
