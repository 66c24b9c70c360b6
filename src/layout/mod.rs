//! Layout: the validated model becomes pages of positioned items.
//!
//! Pure and PDF-free: it needs only a [`text::Shaper`] to measure text, so tests
//! can run it with a stand-in font. The pieces:
//! - [`text`]: shaping interface and line breaking,
//! - [`flow`]: blocks and pagination with keep-together rules,
//! - [`frame`]: the output, pages of items in points from the top left,
//! - [`portfolio`]: the portfolio document built from those pieces,
//! - [`resume`]: the one-page résumé, with focus ranking and fitting.

pub mod flow;
pub mod frame;
pub mod portfolio;
pub mod resume;
pub mod text;

use frame::{Color, Item, Rect, TextItem};
use text::{break_lines, Line, Shaper, Span, Style};

use crate::layout::flow::Block;

/// The design values every document is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub page_width: f32,
    pub page_height: f32,
    pub margin_x: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    /// Body text size; the rest of the type scale follows from it.
    pub body_size: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    pub ink: Color,
    pub body: Color,
    pub muted: Color,
    pub accent: Color,
    pub rule: Color,
    pub card: Color,
    pub tint: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            page_width: 595.276,
            page_height: 841.89,
            margin_x: 56.0,
            margin_top: 54.0,
            margin_bottom: 64.0,
            body_size: 9.5,
            leading: 1.45,
            ink: Color::hex(0x15181E),
            body: Color::hex(0x2C313A),
            muted: Color::hex(0x5F6673),
            accent: Color::hex(0x1F5FBF),
            rule: Color::hex(0xD8DDE5),
            card: Color::hex(0xF3F5F9),
            tint: Color::hex(0xE4ECF8),
        }
    }
}

impl Theme {
    pub fn content_width(&self) -> f32 {
        self.page_width - 2.0 * self.margin_x
    }

    /// The scale step `n` above (or below, when negative) body size.
    pub fn size(&self, steps: f32) -> f32 {
        (self.body_size * 1.2f32.powf(steps) * 2.0).round() / 2.0
    }
}

/// A paragraph's type settings.
#[derive(Debug, Clone, Copy)]
pub struct Para {
    pub size: f32,
    pub leading: f32,
}

impl Para {
    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }
}

/// Break spans into lines and measure them.
pub fn lines(shaper: &dyn Shaper, spans: &[Span], para: Para, width: f32) -> Vec<Line> {
    break_lines(shaper, spans, para.size, width)
}

/// Where the baseline sits below the top of a line box, so the glyphs are
/// centred in it.
pub fn baseline_in_line(shaper: &dyn Shaper, style: Style, para: Para) -> f32 {
    let asc = shaper.ascender(style) * para.size / 1000.0;
    let desc = shaper.descender(style) * para.size / 1000.0;
    (para.line_height() - (asc + desc)) / 2.0 + asc
}

/// The items of one line: text runs from `(x, baseline)`, plus link areas
/// covering each linked stretch of the line (line box from `top` to `top + height`).
pub fn line_items(line: &Line, x: f32, baseline: f32, size: f32, top: f32, height: f32) -> Vec<Item> {
    let mut items = Vec::with_capacity(line.runs.len() + 1);
    let mut link: Option<(String, f32, f32)> = None;
    for r in &line.runs {
        items.push(Item::Text(TextItem {
            x: x + r.x,
            baseline,
            size,
            color: r.color,
            run: r.run.clone(),
        }));
        let end = x + r.x + r.run.width_at(size);
        match (&mut link, &r.link) {
            (Some((url, _, e)), Some(u)) if url == u => *e = end,
            (_, next) => {
                if let Some((url, s, e)) = link.take() {
                    items.push(Item::Link {
                        rect: Rect::new(s, top, e - s, height),
                        url,
                    });
                }
                link = next.as_ref().map(|u| (u.clone(), x + r.x, end));
            }
        }
    }
    if let Some((url, s, e)) = link {
        items.push(Item::Link {
            rect: Rect::new(s, top, e - s, height),
            url,
        });
    }
    items
}

/// A paragraph as one block per line (so it can flow across pages), with
/// orphan and widow control: the first two and the last two lines stay together.
pub fn paragraph_blocks(shaper: &dyn Shaper, spans: &[Span], para: Para, x: f32, width: f32) -> Vec<Block> {
    let style = spans.first().map_or(Style::Regular, |s| s.style);
    let base = baseline_in_line(shaper, style, para);
    let lh = para.line_height();
    let lines = lines(shaper, spans, para, width);
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut b = Block::new(lh, line_items(line, x, base, para.size, 0.0, lh));
            b.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
            b
        })
        .collect()
}

/// Lines stacked into one unbreakable piece: returns the items and the height.
pub fn text_box(shaper: &dyn Shaper, spans: &[Span], para: Para, x: f32, y: f32, width: f32) -> (Vec<Item>, f32) {
    let style = spans.first().map_or(Style::Regular, |s| s.style);
    let base = baseline_in_line(shaper, style, para);
    let lh = para.line_height();
    let mut items = Vec::new();
    let lines = lines(shaper, spans, para, width);
    for (i, line) in lines.iter().enumerate() {
        let top = y + i as f32 * lh;
        items.extend(line_items(line, x, top + base, para.size, top, lh));
    }
    (items, lines.len() as f32 * lh)
}

/// A URL as people read it: no scheme, no `mailto:`, no trailing slash.
pub fn display_url(url: &str) -> &str {
    let u = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("mailto:"))
        .unwrap_or(url);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.strip_suffix('/').unwrap_or(u)
}
