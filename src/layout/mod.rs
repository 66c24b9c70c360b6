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

use std::rc::Rc;

use frame::{Color, Item, Rect, TextItem};

use crate::model::{Design, Profile, System, ThemeName};
use text::{break_lines, Line, Shaper, Span, Style};

use crate::layout::flow::Block;

/// How metric cards are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStyle {
    /// A tinted panel.
    Filled,
    /// A white panel with a hairline border and an accent stripe on top.
    Outlined,
}

/// The design values every document is built from. Each built-in theme is an
/// override of the defaults ([`Theme::classic`]), and the `[design]` table
/// overrides a theme ([`Theme::for_design`]); layout code reads only these values.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: ThemeName,
    pub page_width: f32,
    pub page_height: f32,
    pub margin_x: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
    /// Body text size; the rest of the type scale follows from it.
    pub body_size: f32,
    /// Line height as a multiple of the type size.
    pub leading: f32,
    /// Multiplies vertical spacing between parts.
    pub space: f32,
    pub ink: Color,
    pub body: Color,
    pub muted: Color,
    pub accent: Color,
    /// Text set on the accent colour (the modern profile band).
    pub on_accent: Color,
    pub rule: Color,
    pub card: Color,
    pub tint: Color,
    /// A band of accent colour behind the profile, across the page.
    pub profile_band: bool,
    pub cards: CardStyle,
    /// A hairline above each system.
    pub system_rule: bool,
    /// The photo is cropped to a circle (else a rounded square).
    pub photo_circle: bool,
    pub photo_size: f32,
    /// Padding inside metric cards.
    pub card_pad: f32,
}

impl Default for Theme {
    fn default() -> Self {
        Theme::classic()
    }
}

impl Theme {
    /// Single column, accent rules, tinted metric cards.
    pub fn classic() -> Theme {
        Theme {
            name: ThemeName::Classic,
            page_width: 595.276,
            page_height: 841.89,
            margin_x: 56.0,
            margin_top: 54.0,
            margin_bottom: 64.0,
            body_size: 9.5,
            leading: 1.45,
            space: 1.0,
            ink: Color::hex(0x15181E),
            body: Color::hex(0x2C313A),
            muted: Color::hex(0x5F6673),
            accent: Color::hex(0x1F5FBF),
            on_accent: Color::WHITE,
            rule: Color::hex(0xD8DDE5),
            card: Color::hex(0xF3F5F9),
            tint: Color::hex(0xE4ECF8),
            profile_band: false,
            cards: CardStyle::Filled,
            system_rule: true,
            photo_circle: true,
            photo_size: 78.0,
            card_pad: 11.0,
        }
    }

    /// A coloured profile band, outlined metric cards with an accent stripe.
    pub fn modern() -> Theme {
        Theme {
            name: ThemeName::Modern,
            accent: Color::hex(0x0F6E6E),
            tint: Color::hex(0xDCEFEE),
            card: Color::WHITE,
            profile_band: true,
            cards: CardStyle::Outlined,
            system_rule: false,
            photo_circle: true,
            photo_size: 84.0,
            space: 1.1,
            ..Theme::classic()
        }
    }

    /// Dense: smaller type, tighter spacing and margins, for long portfolios.
    pub fn compact() -> Theme {
        Theme {
            name: ThemeName::Compact,
            margin_x: 42.0,
            margin_top: 40.0,
            margin_bottom: 52.0,
            body_size: 8.5,
            leading: 1.36,
            space: 0.65,
            accent: Color::hex(0x8A3B12),
            tint: Color::hex(0xF5E6DC),
            card: Color::hex(0xF6F4F1),
            photo_circle: false,
            photo_size: 56.0,
            card_pad: 8.0,
            ..Theme::classic()
        }
    }

    /// The theme a `[design]` table asks for, with its overrides applied.
    pub fn for_design(d: &Design) -> Theme {
        let mut t = match d.theme {
            ThemeName::Classic => Theme::classic(),
            ThemeName::Modern => Theme::modern(),
            ThemeName::Compact => Theme::compact(),
        };
        (t.page_width, t.page_height) = d.page_size.points();
        if let Some([r, g, b]) = d.accent {
            t.accent = Color::hex(u32::from_be_bytes([0, r, g, b]));
            t.tint = t.accent.mix(Color::WHITE, 0.86);
        }
        if let Some(m) = d.margins {
            t.margin_x = m;
            t.margin_top = m;
            // the footer needs room below the text
            t.margin_bottom = (m + 10.0).max(48.0);
        }
        if let Some(size) = d.font_size {
            t.body_size = size;
        }
        t
    }

    pub fn content_width(&self) -> f32 {
        self.page_width - 2.0 * self.margin_x
    }

    /// The scale step `n` above (or below, when negative) body size.
    pub fn size(&self, steps: f32) -> f32 {
        (self.body_size * 1.2f32.powf(steps) * 2.0).round() / 2.0
    }

    /// A vertical space of `pt` at this theme's density.
    pub fn gap(&self, pt: f32) -> f32 {
        pt * self.space
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
    // neighbouring runs in one face and colour become one text item: fewer
    // operators in the PDF, and extraction sees the line's spaces as written
    let mut texts: Vec<TextItem> = Vec::new();
    for r in &line.runs {
        match texts.last_mut() {
            Some(prev) if prev.run.face == r.run.face && prev.color == r.color => {
                Rc::make_mut(&mut prev.run).append(&r.run);
            }
            _ => texts.push(TextItem {
                x: x + r.x,
                baseline,
                size,
                color: r.color,
                run: r.run.clone(),
            }),
        }
    }
    items.extend(texts.into_iter().map(Item::Text));
    let mut link: Option<(String, f32, f32)> = None;
    for r in &line.runs {
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

/// The systems' tags, each once (ignoring ASCII case), in order of first appearance.
pub fn distinct_tags<'a>(systems: impl IntoIterator<Item = &'a System>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for t in systems.into_iter().flat_map(|s| &s.tags) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t);
        }
    }
    out
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

/// Spans for a text field with inline emphasis (see [`crate::markup`]): bold and
/// italic in the field's colour, code in Plex Mono, links in the accent colour.
pub fn rich_spans(text: &str, color: Color, accent: Color) -> Vec<Span> {
    crate::markup::parse(text)
        .0
        .into_iter()
        .map(|i| {
            let style = match (i.code, i.bold, i.italic) {
                (true, _, _) => Style::Mono,
                (_, true, _) => Style::Bold,
                (_, _, true) => Style::Italic,
                _ => Style::Regular,
            };
            match i.link {
                Some(url) => Span::new(i.text, style, accent).link(url),
                None => Span::new(i.text, style, color),
            }
        })
        .collect()
}

/// The contact line: email, phone, location, website, then links (with their
/// labels when `labels`), separated by dots; clickable where they can be.
pub fn contact_spans(p: &Profile, t: &Theme, labels: bool) -> Vec<Span> {
    // on the modern band everything is set in the band's text colour
    let mut t = t.clone();
    if t.profile_band {
        (t.accent, t.body, t.muted) = (t.on_accent, t.on_accent, t.on_accent.mix(t.accent, 0.3));
    }
    let t = &t;
    let mut spans = Vec::new();
    let sep = |spans: &mut Vec<Span>| {
        if !spans.is_empty() {
            spans.push(Span::new("  \u{00B7}  ", Style::Regular, t.muted));
        }
    };
    if let Some(email) = &p.email {
        sep(&mut spans);
        spans.push(Span::new(email.as_str(), Style::Regular, t.accent).link(format!("mailto:{email}")));
    }
    if let Some(phone) = &p.phone {
        sep(&mut spans);
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        spans.push(Span::new(phone.as_str(), Style::Regular, t.body).link(format!("tel:{digits}")));
    }
    if let Some(location) = &p.location {
        sep(&mut spans);
        spans.push(Span::new(location.as_str(), Style::Regular, t.body));
    }
    if let Some(site) = &p.website {
        sep(&mut spans);
        let url = if site.contains("://") {
            site.clone()
        } else {
            format!("https://{site}")
        };
        spans.push(Span::new(display_url(site), Style::Regular, t.accent).link(url));
    }
    for l in &p.links {
        sep(&mut spans);
        if labels {
            spans.push(Span::new(format!("{}\u{00A0}", l.label), Style::SemiBold, t.body));
        }
        spans.push(Span::new(display_url(&l.url), Style::Regular, t.accent).link(l.url.as_str()));
    }
    spans
}
