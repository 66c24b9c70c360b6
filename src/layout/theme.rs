//! The design values every document is built from: a built-in theme, with the
//! `[design]` table's overrides applied.

use crate::layout::frame::Color;
use crate::model::{Design, ThemeName};

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
        scale(self.body_size, steps)
    }

    /// A vertical space of `pt` at this theme's density.
    pub fn gap(&self, pt: f32) -> f32 {
        pt * self.space
    }
}

/// The type scale both documents use: step `n` above (below, when negative) a
/// body size `body`, each step 1.2 times the last, rounded to half a point.
pub fn scale(body: f32, steps: f32) -> f32 {
    (body * 1.2f32.powf(steps) * 2.0).round() / 2.0
}
