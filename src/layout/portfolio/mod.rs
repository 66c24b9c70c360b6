//! The portfolio document: the profile, then one case-study section per system.
//!
//! A `Builder` turns the model into [`Block`]s (`header`: the profile and the
//! systems heading; `system`: each system with its metric cards, tag chips and
//! case study), which [`paginate`] places on pages; then every page gets its footer.

mod header;
mod system;

use crate::layout::flow::{paginate, Area, Block, Role};
use crate::layout::frame::{Color, Document, Image, Item, Page, TextItem};
use crate::layout::head::metadata;
use crate::layout::lines::{Para, Span};
use crate::layout::prose::{self, Prose};
use crate::layout::theme::Theme;
use crate::model::{Portfolio, Text};
use crate::text::{Shaper, Style};

pub use system::speedup;
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
    b.systems(&p.systems);
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
        metadata: metadata(&p.profile, "Portfolio", subject(p), keywords(p), metadata_date),
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

/// From this many systems on, they are laid out in parallel.
const PARALLEL_SYSTEMS: usize = 8;

impl Builder<'_> {
    /// Every system's blocks, after the ones built so far. Systems are laid out
    /// independently of one another (pagination comes after), so a long
    /// portfolio's are built on every core and joined in order.
    fn systems(&mut self, systems: &[crate::model::System]) {
        use rayon::prelude::*;
        if systems.len() < PARALLEL_SYSTEMS {
            systems.iter().for_each(|s| self.system(s));
            return;
        }
        let (theme, shaper) = (self.theme, self.shaper);
        let built: Vec<Vec<Block>> = systems
            .par_iter()
            .map(|s| {
                let mut b = Builder {
                    theme,
                    shaper,
                    blocks: Vec::new(),
                    images: Vec::new(),
                };
                b.system(s);
                b.blocks
            })
            .collect();
        self.blocks.extend(built.into_iter().flatten());
    }

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

    /// Paragraphs and bullet items of a text field, in body colour.
    fn text_blocks(&self, text: &Text, size: f32, first_space: f32) -> Vec<Block> {
        let prose = Prose {
            size,
            leading: self.theme.leading,
            color: self.theme.body,
            accent: self.theme.accent,
            paragraph_gap: size * 0.6,
            list_gap: size * 0.6,
            item_gap: size * 0.25,
            marker_at: 0.25,
            indent: 1.3,
        };
        prose::text(self.shaper, text, &prose, self.width(), first_space)
    }

    /// Push the lines of one element (`role`), all kept with whatever follows them.
    fn push_kept(&mut self, blocks: Vec<Block>, role: Role) {
        self.blocks.extend(blocks.into_iter().enumerate().map(|(i, mut b)| {
            b.role = role;
            b.continues = i > 0;
            b.keep()
        }));
    }
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
mod tests;
