//! Vertical flow and pagination.
//!
//! A document is laid out as a list of [`Block`]s: unbreakable strips of known
//! height (a line of text, a row of metric cards, a heading). Pagination places
//! them top to bottom and starts a new page when the next block, together with
//! every block it must stay with (`keep_with_next`), does not fit. Nothing is
//! placed below the bottom margin: the builders split content into lines, and a
//! block that is still taller than a whole page is cut between its items.

use crate::layout::frame::{Bookmark, Item, Page};

/// What a block holds, for readers of the PDF (the tags of a later stage) and for
/// the keep rules of pagination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Something not (yet) given a role: headers, metric cards, chips, link rows.
    #[default]
    Other,
    /// Rules and spacing: page decoration with no content.
    Artifact,
    /// A heading: 1 the name, 2 a section or a system's title, 3 a case-study heading.
    Heading(u8),
    /// A line of a paragraph.
    Paragraph,
    /// A line of a list item.
    ListItem,
}

/// An unbreakable strip of content; items are relative to its top-left corner.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Block {
    pub height: f32,
    /// Space above the block; dropped at the top of a page.
    pub space_before: f32,
    pub items: Vec<Item>,
    /// Never end a page between this block and the next.
    pub keep_with_next: bool,
    /// Always start this block on a new page.
    pub break_before: bool,
    /// An outline entry pointing at the page this block lands on.
    pub bookmark: Option<String>,
    pub role: Role,
    /// The block is a later line of the same element as the block before it.
    pub continues: bool,
}

impl Block {
    pub fn new(height: f32, items: Vec<Item>) -> Self {
        Block {
            height,
            items,
            ..Block::default()
        }
    }

    pub fn space(mut self, before: f32) -> Self {
        self.space_before = before;
        self
    }

    pub fn keep(mut self) -> Self {
        self.keep_with_next = true;
        self
    }

    pub fn role(mut self, role: Role) -> Self {
        self.role = role;
        self
    }
}

/// Stack blocks top to bottom from `(x, y)` with no page breaks (the one-page
/// résumé), each after its space; returns the items and the `y` below the last.
pub fn stack(blocks: Vec<Block>, x: f32, mut y: f32, items: &mut Vec<Item>) -> f32 {
    for block in blocks {
        y += block.space_before;
        for mut item in block.items {
            item.translate(x, y);
            items.push(item);
        }
        y += block.height;
    }
    y
}

/// Where content may go on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub bottom: f32,
}

impl Area {
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// Place blocks on pages. Returns the pages and the outline.
pub fn paginate(blocks: Vec<Block>, area: Area) -> (Vec<Page>, Vec<Bookmark>) {
    let mut pages = vec![Page::default()];
    let mut outline = Vec::new();
    let mut y = area.top;
    let mut empty = true;
    // a block taller than a page (a name of a thousand characters) is cut between its lines
    let blocks: Vec<Block> = blocks
        .into_iter()
        .flat_map(|b| {
            if b.height > area.height() {
                split_tall(b, area.height())
            } else {
                vec![b]
            }
        })
        .collect();
    let n = blocks.len();
    // The height of each keep-together chain starting at block i (without the
    // first block's space), computed back to front.
    let mut chain = vec![0.0f32; n];
    for i in (0..n).rev() {
        chain[i] = blocks[i].height;
        if blocks[i].keep_with_next && i + 1 < n {
            chain[i] += blocks[i + 1].space_before + chain[i + 1];
        }
    }
    for (i, block) in blocks.into_iter().enumerate() {
        if !empty {
            let need = block.space_before + chain[i];
            let own = block.space_before + block.height;
            let chain_fits_a_page = chain[i] <= area.height();
            if block.break_before || (y + need > area.bottom && chain_fits_a_page) || y + own > area.bottom {
                pages.push(Page::default());
                y = area.top;
                empty = true;
            }
        }
        if !empty {
            y += block.space_before;
        }
        let page = pages.len() - 1;
        if let Some(title) = block.bookmark {
            outline.push(Bookmark { title, page, y });
        }
        for mut item in block.items {
            item.translate(area.left, y);
            pages[page].items.push(item);
        }
        y += block.height;
        empty = false;
    }
    (pages, outline)
}

/// The vertical extent of an item in its block (text: from about its cap height
/// to its baseline, so the cut between two lines of text falls between them).
fn extent(item: &Item) -> (f32, f32) {
    match item {
        Item::Text(t) => (t.baseline - 0.75 * t.size, t.baseline),
        Item::Rect { rect, .. } | Item::Image { rect, .. } | Item::Link { rect, .. } => (rect.y, rect.y + rect.h),
        Item::Line { from, to, .. } => (from.1.min(to.1), from.1.max(to.1)),
    }
}

/// Cut a block taller than `height` into pieces no taller, each at the lowest place
/// within a page where an item starts and that no other item straddles (failing
/// that, where any item starts: text never runs off a page, a tall rule might).
fn split_tall(block: Block, height: f32) -> Vec<Block> {
    if block.items.is_empty() {
        return vec![block];
    }
    // items keep their order (the reading order of the PDF)
    let mut items: Vec<((f32, f32), Item)> = block.items.into_iter().map(|i| (extent(&i), i)).collect();
    let mut pieces: Vec<Block> = Vec::new();
    let mut top = 0.0f32;
    while !items.is_empty() {
        let starts = || items.iter().map(|((a, _), _)| *a).filter(|&a| a > top);
        let clean = |c: f32| !items.iter().any(|((a, b), _)| *a < c && c < *b);
        let within = |a: &f32| *a <= top + height;
        let cut = starts()
            .filter(|a| within(a) && clean(*a))
            .reduce(f32::max)
            .or_else(|| starts().filter(within).reduce(f32::max))
            .or_else(|| starts().reduce(f32::min))
            .unwrap_or(f32::INFINITY);
        let (now, rest): (Vec<_>, Vec<_>) = items.into_iter().partition(|((a, _), _)| *a < cut);
        let end = if rest.is_empty() { block.height.max(top) } else { cut };
        let mut piece = Block::new(end - top, Vec::new());
        for (_, mut item) in now {
            item.translate(0.0, -top);
            piece.items.push(item);
        }
        pieces.push(piece);
        items = rest;
        top = end;
    }
    if let Some(first) = pieces.first_mut() {
        first.space_before = block.space_before;
        first.break_before = block.break_before;
        first.bookmark = block.bookmark;
    }
    if let Some(last) = pieces.last_mut() {
        last.keep_with_next = block.keep_with_next;
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::{Color, Rect};

    fn block(h: f32) -> Block {
        Block::new(
            h,
            vec![Item::Rect {
                rect: Rect::new(0.0, 0.0, 10.0, h),
                fill: Color::BLACK,
                radius: 0.0,
            }],
        )
    }

    fn area() -> Area {
        Area {
            left: 10.0,
            top: 20.0,
            width: 100.0,
            bottom: 120.0,
        }
    }

    fn tops(pages: &[Page]) -> Vec<Vec<f32>> {
        pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .map(|i| match i {
                        Item::Rect { rect, .. } => rect.y,
                        _ => unreachable!(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn fills_pages_in_order_and_never_passes_the_bottom() {
        let blocks = (0..7).map(|_| block(30.0).space(5.0)).collect();
        let (pages, _) = paginate(blocks, area());
        // page 1: 20, 55, 90 (ends at 120); space dropped at each page top
        assert_eq!(
            tops(&pages),
            vec![vec![20.0, 55.0, 90.0], vec![20.0, 55.0, 90.0], vec![20.0]]
        );
    }

    #[test]
    fn keep_with_next_moves_the_whole_chain() {
        let blocks = vec![block(50.0), block(20.0).keep(), block(20.0).keep(), block(20.0)];
        let (pages, _) = paginate(blocks, area());
        // 50 + 60 = 110 > 100: the heading chain goes to page 2 together
        assert_eq!(tops(&pages), vec![vec![20.0], vec![20.0, 40.0, 60.0]]);
    }

    #[test]
    fn a_chain_taller_than_a_page_flows() {
        let blocks = vec![block(50.0), block(40.0).keep(), block(40.0).keep(), block(40.0)];
        let (pages, _) = paginate(blocks, area());
        assert_eq!(tops(&pages), vec![vec![20.0, 70.0], vec![20.0, 60.0]]);
    }

    #[test]
    fn bookmarks_point_at_the_landing_page_and_breaks_are_forced() {
        let mut b = block(10.0);
        b.bookmark = Some("Two".into());
        b.break_before = true;
        let mut first = block(10.0);
        first.bookmark = Some("One".into());
        let (pages, outline) = paginate(vec![first, b], area());
        assert_eq!(pages.len(), 2);
        assert_eq!(
            outline,
            vec![
                Bookmark {
                    title: "One".into(),
                    page: 0,
                    y: 20.0
                },
                Bookmark {
                    title: "Two".into(),
                    page: 1,
                    y: 20.0
                }
            ]
        );
    }

    #[test]
    fn a_block_taller_than_a_page_is_cut_between_its_items() {
        // 7 rows of 30 in one block, on pages 100 high: 3 rows a page, never past the bottom
        let rows = (0..7)
            .map(|i| Item::Rect {
                rect: Rect::new(0.0, i as f32 * 30.0, 10.0, 30.0),
                fill: Color::BLACK,
                radius: 0.0,
            })
            .collect();
        let (pages, _) = paginate(vec![block(10.0), Block::new(210.0, rows), block(10.0)], area());
        assert_eq!(
            tops(&pages),
            vec![vec![20.0, 30.0, 60.0, 90.0], vec![20.0, 50.0, 80.0], vec![20.0, 50.0]]
        );
    }
}
