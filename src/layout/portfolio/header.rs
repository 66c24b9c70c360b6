//! The head of the portfolio: the profile (name, headline, contact line, photo,
//! summary) and the heading above the systems.

use super::Builder;
use crate::layout::flow::Block;
use crate::layout::frame::{Image, Item, Rect};
use crate::layout::lines::{paragraph_blocks, text_box, Para};
use crate::layout::spans::contact_spans;
use crate::model::{Profile, Text};
use crate::text::Style;

impl Builder<'_> {
    pub(super) fn profile(&mut self, profile: &Profile) {
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

    pub(super) fn systems_heading(&mut self, title: Option<&str>, subtitle: Option<&str>, intro: Option<&Text>) {
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
}
