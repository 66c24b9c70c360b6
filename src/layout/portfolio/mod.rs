//! The portfolio document: the profile, then one case-study section per system.
//!
//! A `Builder` turns the model into [`Block`]s (`header`: the profile and the
//! systems heading; `system`: each system with its metric cards, tag chips and
//! case study), which [`paginate`] places on pages; then every page gets its footer.

mod header;
mod system;

use crate::layout::flow::{paginate, Area, Block, Paged, Role};
use crate::layout::frame::{Color, Document, Image, Item, Page, TextItem};
use crate::layout::head::metadata;
use crate::layout::lines::{Para, Span};
use crate::layout::prose::{self, Prose};
use crate::layout::theme::Theme;
use crate::model::{Portfolio, Text};
use crate::text::{Shaper, Style};

/// The most pages a portfolio may have: what a build costs grows with its pages
/// and with its glyphs, and these caps keep any content within them to well under
/// a gigabyte and a few seconds (README, Limits).
pub const MAX_PAGES: usize = 2_000;

/// The most glyphs a portfolio may set (a glyph is about a character).
pub const MAX_GLYPHS: usize = 8_000_000;

/// A portfolio past [`MAX_PAGES`] or [`MAX_GLYPHS`]: at least this many of each
/// when layout stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    pub pages: usize,
    pub glyphs: usize,
}

/// Lay out the whole portfolio, with no cap on its length (tests, benchmarks).
pub fn layout(
    p: &Portfolio,
    theme: &Theme,
    shaper: &dyn Shaper,
    metadata_date: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Document {
    match layout_within(p, theme, shaper, metadata_date, usize::MAX, usize::MAX) {
        Ok(doc) => doc,
        Err(_) => unreachable!("no content has usize::MAX pages"),
    }
}

/// Lay out the whole portfolio, or stop as soon as it is sure to pass `max_pages`
/// pages or `max_glyphs` glyphs.
pub fn layout_within(
    p: &Portfolio,
    theme: &Theme,
    shaper: &dyn Shaper,
    metadata_date: Option<(i32, u8, u8, u8, u8, u8)>,
    max_pages: usize,
    max_glyphs: usize,
) -> Result<Document, TooLong> {
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
    let area = Area {
        left: theme.margin_x,
        top: theme.margin_top,
        width: theme.content_width(),
        bottom: theme.page_height - theme.margin_bottom,
        head_room: (running_head_top(theme) - theme.margin_top).max(0.0),
    };
    // Counted as blocks are made, so that a far too long file stops early: the
    // blocks' heights alone fill at least this many pages. Systems are laid out
    // in batches (SYSTEMS_PER_CORE for each core, from PARALLEL_SYSTEMS on) and
    // counted one by one, in order: a file stops at the same system, with the same
    // figures, whatever the cores, and at most a batch past it is laid out.
    let (mut height, mut glyphs) = (0.0f64, 0usize);
    let mut count = |blocks: &[Block]| {
        for block in blocks {
            height += f64::from(block.height);
            glyphs += block_glyphs(block);
        }
        ((height / f64::from(area.height())) as usize, glyphs)
    };
    count(&b.blocks);
    let at_once = if p.systems.len() < PARALLEL_SYSTEMS {
        1
    } else {
        SYSTEMS_PER_CORE * rayon::current_num_threads()
    };
    for systems in p.systems.chunks(at_once) {
        for blocks in b.systems(systems) {
            let (pages, glyphs) = count(&blocks);
            if pages > max_pages || glyphs > max_glyphs {
                return Err(TooLong { pages, glyphs });
            }
            b.blocks.extend(blocks);
        }
    }
    let glyphs = count(&[]).1;
    let Builder { blocks, images, .. } = b;
    let Paged {
        mut pages,
        outline,
        heads,
    } = paginate(blocks, area);
    if pages.len() > max_pages || glyphs > max_glyphs {
        return Err(TooLong {
            pages: pages.len(),
            glyphs,
        });
    }
    add_running_heads(&mut pages, &heads, area, theme, shaper);
    add_footers(&mut pages, &p.profile.name, theme, shaper);
    Ok(Document {
        width: theme.page_width,
        height: theme.page_height,
        pages,
        outline,
        images,
        metadata: metadata(&p.profile, "Portfolio", subject(p), keywords(p), metadata_date),
    })
}

fn block_glyphs(block: &Block) -> usize {
    block
        .items
        .iter()
        .map(|i| match i {
            Item::Text(t) => t.run.glyphs.len(),
            _ => 0,
        })
        .sum()
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

/// Systems laid out at a time for each core, from [`PARALLEL_SYSTEMS`] on: the
/// cores wait for the slowest system of each batch, so a batch of a few per
/// core left a core idle about a sixth of the time (`sample 1000 --full`, perf
/// samples over the layout: 1.7 of 2 cores busy).
const SYSTEMS_PER_CORE: usize = 16;

impl Builder<'_> {
    /// The blocks of each of `systems`, in order, each system laid out on its own
    /// (in parallel when there are several). A system's blocks depend on nothing but
    /// the theme, the shaper and the system itself: `system` reads no block of an
    /// earlier system (its only look back, at the last block, comes after its own
    /// title) and adds no image, and what joins systems (keep chains, a heading kept
    /// with what follows it, running heads) is decided by `paginate` over the joined
    /// blocks. So the blocks are the same as when the systems are laid out one after
    /// another into one builder (a test compares them).
    fn systems(&self, systems: &[crate::model::System]) -> Vec<Vec<Block>> {
        use rayon::prelude::*;
        let (theme, shaper) = (self.theme, self.shaper);
        let one = |s: &crate::model::System| {
            let mut b = Builder {
                theme,
                shaper,
                blocks: Vec::new(),
                images: Vec::new(),
            };
            b.system(s);
            debug_assert!(b.images.is_empty(), "a system adds no image");
            b.blocks
        };
        match systems {
            [s] => vec![one(s)],
            // (one job per system, so that a core that is done can take any system left)
            _ => systems.par_iter().with_max_len(1).map(one).collect(),
        }
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

/// How far above the text of its page a running head's baseline sits.
const RUNNING_HEAD_RISE: f32 = 13.0;

/// The least distance from the top of the page to the text of a page with a
/// running head: the head sits above that, its letters at least 19 pt from the edge.
fn running_head_top(t: &Theme) -> f32 {
    19.0 + 1.1 * t.size(-1.5) + RUNNING_HEAD_RISE
}

/// On each page that goes on with a system begun earlier, its title and
/// "continued" in small type above the text, over a hairline: page furniture,
/// not a heading (the outline keeps one entry per system).
pub fn add_running_heads(pages: &mut [Page], heads: &[Option<String>], area: Area, t: &Theme, shaper: &dyn Shaper) {
    let size = t.size(-1.5);
    let top = area.top + area.head_room;
    let baseline = top - RUNNING_HEAD_RISE;
    let y_rule = top - 8.0;
    let suffix = shaper.shape("  continued", Style::Italic);
    let suffix_w: f32 = suffix.iter().map(|r| r.width_at(size)).sum();
    let one = |(page, head): (&mut Page, &Option<String>)| {
        let Some(title) = head else { return };
        let title = fit_line(shaper, title, Style::SemiBold, size, area.width - suffix_w);
        let mut x = area.left;
        let runs = shaper.shape(&title, Style::SemiBold).into_iter();
        let mut items: Vec<Item> = runs
            .chain(suffix.iter().cloned())
            .map(|run| {
                let text = TextItem {
                    x,
                    baseline,
                    size,
                    color: t.muted,
                    run,
                };
                x += text.run.width_at(size);
                Item::Text(text)
            })
            .collect();
        items.push(Item::Line {
            from: (area.left, y_rule),
            to: (area.left + area.width, y_rule),
            width: 0.5,
            color: t.rule,
        });
        // first in the page's order, as it is first on the page
        for r in &mut page.furniture {
            *r = r.start + items.len()..r.end + items.len();
        }
        for (at, _) in &mut page.marks {
            *at += items.len();
        }
        page.furniture.push(0..items.len());
        page.items.prepend(items);
    };
    each_page(pages.iter_mut().zip(heads).collect(), one);
}

/// From this many pages up, running heads and footers are set on every core.
const PARALLEL_PAGES: usize = 16;

/// `one` for each of `pages` (a page and what it needs), on every core when the
/// document is long: each page's furniture is its own, so the order is free.
fn each_page<T: Send>(pages: Vec<T>, one: impl Fn(T) + Sync + Send) {
    use rayon::prelude::*;
    if pages.len() >= PARALLEL_PAGES {
        pages.into_par_iter().for_each(one);
    } else {
        pages.into_iter().for_each(one);
    }
}

/// `text`, cut short after a whole cluster with an ellipsis when it is wider
/// than `width` at `size` (shaped once, however long).
fn fit_line(shaper: &dyn Shaper, text: &str, style: Style, size: f32, width: f32) -> String {
    let runs = shaper.shape(text, style);
    if runs.iter().map(|r| r.width_at(size)).sum::<f32>() <= width {
        return text.to_string();
    }
    let room = width - shaper.measure("\u{2026}", style, size);
    let (mut used, mut end, mut offset) = (0.0, 0, 0);
    'runs: for run in &runs {
        for c in run.clusters(size) {
            if used + c.width > room {
                break 'runs;
            }
            used += c.width;
            end = offset + c.text.end;
        }
        offset += run.text.len();
    }
    format!("{}\u{2026}", text[..end].trim_end())
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
    let one = |(i, page): (usize, &mut Page)| {
        let start = page.items.len();
        let mut items = Vec::with_capacity(8);
        items.push(Item::Line {
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
            items.push(Item::Text(TextItem {
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
            items.push(Item::Text(TextItem {
                x,
                baseline,
                size,
                color: t.muted,
                run,
            }));
            x += rw;
        }
        page.items.append(items);
        page.furniture.push(start..page.items.len());
    };
    each_page(pages.iter_mut().enumerate().collect(), one);
}

#[cfg(test)]
mod tests;
