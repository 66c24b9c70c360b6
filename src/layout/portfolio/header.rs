//! The head of the portfolio: the profile (name, headline, contact line, photo,
//! summary) and the heading above the systems.

use super::Builder;
use crate::layout::flow::{Block, Role};
use crate::layout::frame::Item;
use crate::layout::head::{profile_head, HeadStyle};
use crate::layout::lines::{paragraph_blocks, Para};
use crate::model::{Profile, Text};
use crate::text::Style;

impl Builder<'_> {
    pub(super) fn profile(&mut self, profile: &Profile) {
        let t = self.theme;
        let style = HeadStyle {
            name: Para {
                size: t.size(6.0),
                leading: 1.15,
            },
            headline: Para {
                size: t.size(1.5),
                leading: 1.3,
            },
            headline_gap: 2.0,
            contact: Para {
                size: t.size(-0.5),
                leading: 1.5,
            },
            contact_gap: 6.0,
            labels: true,
            photo: Some(t.photo_size),
            band_pad: 24.0,
            margin_x: t.margin_x,
            margin_top: t.margin_top,
        };
        let head = profile_head(self.shaper, profile, t, &style, self.width(), &mut self.images);
        self.blocks.push(head.keep());
        if let Some(summary) = &profile.summary {
            let blocks = self.text_blocks(summary, t.size(1.0), t.gap(12.0));
            self.blocks.extend(blocks);
        }
        if !t.profile_band {
            // a short accent rule closes the profile
            let rule = Item::Line {
                from: (0.0, 0.0),
                to: (36.0, 0.0),
                width: 2.5,
                color: t.accent,
            };
            self.blocks
                .push(Block::new(2.5, vec![rule]).space(t.gap(18.0)).role(Role::Artifact));
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
            let para = Para {
                size: t.size(3.5),
                leading: 1.2,
            };
            let mut blocks = paragraph_blocks(self.shaper, &[s], Style::Bold, para, 0.0, self.width());
            blocks[0].space_before = space(0.0);
            self.push_kept(blocks, Role::Heading(2));
        }
        if let Some(subtitle) = subtitle {
            let s = self.span(subtitle, Style::Italic, t.muted);
            let para = Para {
                size: t.size(1.0),
                leading: 1.35,
            };
            let mut blocks = paragraph_blocks(self.shaper, &[s], Style::Italic, para, 0.0, self.width());
            blocks[0].space_before = space(2.0);
            self.push_kept(blocks, Role::Paragraph);
        }
        if let Some(intro) = intro {
            let sp = space(8.0);
            let blocks = self.text_blocks(intro, t.body_size, sp);
            self.blocks.extend(blocks.into_iter().map(Block::keep));
        }
    }
}
