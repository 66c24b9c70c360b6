//! Vertical flow and pagination.
//!
//! A document is laid out as a list of [`Block`]s: unbreakable strips of known
//! height (a line of text, a row of metric cards, a heading). Pagination places
//! them top to bottom and starts a new page when the next block, together with
//! every block it must stay with (`keep_with_next`), does not fit. Nothing is
//! ever placed below the bottom margin unless a single block is taller than a
//! whole page, which the builders avoid by splitting content into lines.

use crate::layout::frame::{Bookmark, Item, Page};

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
}
