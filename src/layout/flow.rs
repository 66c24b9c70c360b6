//! Vertical flow and pagination.
//!
//! A document is laid out as a list of [`Block`]s: unbreakable strips of known
//! height (a line of text, a row of metric cards, a heading). Pagination places
//! them top to bottom and starts a new page when the next block, together with
//! every block it must stay with (`keep_with_next`), does not fit; a chain taller
//! than a whole page flows instead. Whatever the chains, a heading never ends a
//! page: it moves on unless the first block after it fits below it. Nothing is
//! placed below the bottom margin: the builders split content into lines, and a
//! block that is still taller than a whole page is cut between its items.
//!
//! Each page that goes on with a part begun on an earlier page (a system) is
//! given that part's running head ([`Paged::heads`]).

use crate::layout::frame::{Bookmark, Elem, Item, Items, Mark, Page, Tag};

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
    /// An outline entry pointing at the page this block lands on; it also opens a
    /// part of the document (a system) that later pages name in their running head.
    pub bookmark: Option<String>,
    /// With a bookmark: the running head of pages that continue this part (none
    /// for the profile).
    pub running_head: Option<String>,
    pub role: Role,
    /// The block is a later line of the same element as the block before it.
    pub continues: bool,
    /// Structure marks inside the block (indices into `items`), besides the
    /// element its role opens ([`Tagger`]).
    pub marks: Vec<(usize, Mark)>,
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

/// The structure marks of blocks being placed, in reading order: each block's
/// role opens its element (a heading `H1`…`H3`, a paragraph `P`, a list item
/// `LI` in an `L` that consecutive items share) unless it `continues` the one
/// before, and its own marks follow. Marks are made at item indices of the page
/// being filled; [`Tagger::take`] hands over a page's marks and keeps what is
/// open for the next.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tagger {
    marks: Vec<(usize, Mark)>,
    /// Elements open.
    depth: usize,
    /// The element the last block's role opened: its role, the depth below it
    /// and (a list item) the depth below its list.
    auto: Option<(Role, usize, usize)>,
}

impl Tagger {
    fn push(&mut self, at: usize, mark: Mark) {
        match mark {
            Mark::Open(_) => self.depth += 1,
            Mark::Close => self.depth = self.depth.saturating_sub(1),
        }
        self.marks.push((at, mark));
    }

    fn close_to(&mut self, at: usize, depth: usize) {
        while self.depth > depth {
            self.push(at, Mark::Close);
        }
    }

    /// Close the element a role opened (and what is open inside it).
    fn end_auto(&mut self, at: usize) {
        if let Some((_, _, list)) = self.auto.take() {
            self.close_to(at, list);
        }
    }

    /// The marks of `block`, whose items start at index `at`.
    pub fn block(&mut self, block: &Block, at: usize) {
        let same = self.auto.is_some_and(|(role, _, _)| role == block.role);
        if !(block.continues && same) {
            let list = match self.auto {
                Some((Role::ListItem, _, list)) if block.role == Role::ListItem => Some(list),
                _ => None,
            };
            match list {
                // the next item of the same list
                Some(list) => {
                    self.close_to(at, list + 1);
                    self.auto = None;
                }
                None => self.end_auto(at),
            }
            let open = |t: &mut Tagger, tag: Tag| t.push(at, Mark::Open(Elem::new(tag)));
            let base = self.depth;
            match block.role {
                // a heading or paragraph block with marks of its own is tagged by
                // them alone (a system's title line: the title, then its dates)
                Role::Heading(_) | Role::Paragraph if !block.marks.is_empty() => {}
                Role::Heading(n) => {
                    open(self, [Tag::H1, Tag::H2, Tag::H3][(n.clamp(1, 3) - 1) as usize]);
                    self.auto = Some((block.role, base, base));
                }
                Role::Paragraph => {
                    open(self, Tag::P);
                    self.auto = Some((block.role, base, base));
                }
                Role::ListItem => {
                    let list = match list {
                        Some(list) => list,
                        None => {
                            open(self, Tag::L);
                            base
                        }
                    };
                    let item = self.depth;
                    open(self, Tag::LI);
                    if block.marks.is_empty() {
                        open(self, Tag::LBody);
                    }
                    self.auto = Some((block.role, item, list));
                }
                Role::Other | Role::Artifact => {}
            }
        }
        for (i, mark) in &block.marks {
            self.push(at + i, mark.clone());
        }
    }

    /// An element opened outside any block (ending the one a role opened).
    pub fn open(&mut self, at: usize, elem: Elem) {
        self.end_auto(at);
        self.push(at, Mark::Open(elem));
    }

    /// Close the innermost element.
    pub fn close(&mut self, at: usize) {
        self.push(at, Mark::Close);
    }

    /// Close every element still open.
    pub fn end(&mut self, at: usize) {
        self.auto = None;
        self.close_to(at, 0);
    }

    /// The marks made so far (for one page), leaving open elements open.
    pub fn take(&mut self) -> Vec<(usize, Mark)> {
        std::mem::take(&mut self.marks)
    }
}

/// Stack blocks top to bottom from `(x, y)` with no page breaks (the one-page
/// résumé), each after its space; returns the items and the `y` below the last.
pub fn stack(blocks: Vec<Block>, x: f32, mut y: f32, items: &mut Vec<Item>, tags: &mut Tagger) -> f32 {
    for block in blocks {
        y += block.space_before;
        tags.block(&block, items.len());
        for mut item in block.items {
            item.translate(x, y);
            items.push(item);
        }
        y += block.height;
    }
    y
}

/// Where content may go on a page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Area {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub bottom: f32,
    /// Room kept free at the top of a page with a running head, when the top
    /// margin is too small to hold it.
    pub head_room: f32,
}

impl Area {
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// Pages of placed blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paged {
    pub pages: Vec<Page>,
    pub outline: Vec<Bookmark>,
    /// For each page, the running head it needs: the title of the part (a system)
    /// that began on an earlier page and goes on at the top of this one.
    pub heads: Vec<Option<String>>,
}

/// A block that may not be the last on a page: a heading, or a rule kept with one.
fn sticky(b: &Block) -> bool {
    matches!(b.role, Role::Heading(_)) || (b.role == Role::Artifact && b.keep_with_next)
}

/// What the keep rules need to know of the blocks being placed.
struct Plan {
    area: Area,
    /// The height of the keep-together chain starting at each block (without
    /// that block's space).
    chain: Vec<f32>,
    /// The least that must follow a heading on its page: the heading and the
    /// first block after it.
    least: Vec<f32>,
}

impl Plan {
    fn new(blocks: &[Block], area: Area) -> Self {
        let n = blocks.len();
        let mut chain = vec![0.0f32; n];
        let mut least = vec![0.0f32; n];
        for i in (0..n).rev() {
            chain[i] = blocks[i].height;
            least[i] = blocks[i].height;
            if let Some(next) = blocks.get(i + 1) {
                if blocks[i].keep_with_next {
                    chain[i] += next.space_before + chain[i + 1];
                }
                if sticky(&blocks[i]) {
                    least[i] += next.space_before + if sticky(next) { least[i + 1] } else { next.height };
                }
            }
        }
        Plan { area, chain, least }
    }

    /// Whether block `i` must start a new page when the content so far ends at `y`
    /// on a page that is not empty: it is forced to, it or its keep chain (one that
    /// fits a page) does not fit, or it is a heading that would end the page.
    fn must_break(&self, i: usize, block: &Block, y: f32) -> bool {
        let fits = |h: f32| y + block.space_before + h <= self.area.bottom;
        let page = self.area.height() - self.area.head_room;
        let stranded = sticky(block) && self.least[i] <= page && !fits(self.least[i]);
        block.break_before || (!fits(self.chain[i]) && self.chain[i] <= page) || stranded || !fits(block.height)
    }
}

/// Place blocks on pages: see the module docs.
pub fn paginate(blocks: Vec<Block>, area: Area) -> Paged {
    // a block taller than a page (a name of a thousand characters) is cut between its lines
    let room = area.height() - area.head_room;
    let blocks: Vec<Block> = if blocks.iter().all(|b| b.height <= room) {
        // (the usual case: the blocks as they are, not each moved through a Vec of its own)
        blocks
    } else {
        blocks
            .into_iter()
            .flat_map(|b| if b.height > room { split_tall(b, room) } else { vec![b] })
            .collect()
    };
    let plan = Plan::new(&blocks, area);
    let mut out = Paged {
        pages: vec![Page::default()],
        heads: vec![None],
        ..Paged::default()
    };
    let (mut y, mut empty) = (area.top, true);
    // the running head of the part being placed
    let mut part: Option<String> = None;
    let mut tags = Tagger::default();
    // each page's blocks' items, with the `y` each block is placed at, and how
    // many items they hold: a page's list of items is made once the whole
    // document is placed, of its size (and room for its furniture), each item
    // moved into it once (a long document's pages on every core), so that no
    // page keeps the slack of a list grown item by item
    let mut placed: Vec<Placed> = vec![Placed::default()];
    for (i, block) in blocks.into_iter().enumerate() {
        if !empty && plan.must_break(i, &block, y) {
            if let Some(last) = out.pages.last_mut() {
                last.marks = tags.take();
            }
            out.pages.push(Page::default());
            placed.push(Placed::default());
            // a page that does not open a part of its own goes on with the last one
            let head = if block.bookmark.is_some() { None } else { part.clone() };
            y = area.top + if head.is_some() { area.head_room } else { 0.0 };
            out.heads.push(head);
            empty = true;
        }
        if !empty {
            y += block.space_before;
        }
        let page = out.pages.len() - 1;
        let on_page = placed.last_mut().expect("a page is being filled");
        tags.block(&block, on_page.count);
        if let Some(title) = block.bookmark {
            part = block.running_head;
            out.outline.push(Bookmark { title, page, y });
        }
        on_page.count += block.items.len();
        on_page.blocks.push((block.items, y));
        y += block.height;
        empty = false;
    }
    if let Some(last) = out.pages.last_mut() {
        tags.end(placed.last().map_or(0, |p| p.count));
        last.marks = tags.take();
    }
    let fill = |(page, placed): (&mut Page, Placed)| page.items = placed.items(area.left);
    if out.pages.len() >= PARALLEL_FILL {
        use rayon::prelude::*;
        out.pages.par_iter_mut().zip(placed).for_each(fill);
    } else {
        out.pages.iter_mut().zip(placed).for_each(fill);
    }
    out
}

/// Pages from which their lists of items are made on every core.
const PARALLEL_FILL: usize = 16;

/// A page's blocks' items, each block's with the `y` it is placed at, and how many.
#[derive(Default)]
struct Placed {
    blocks: Vec<(Vec<Item>, f32)>,
    count: usize,
}

impl Placed {
    /// The page's items: its blocks' own lists, each moved where its block is
    /// placed (`left`, `y`).
    fn items(self, left: f32) -> Items {
        let mut pieces = Vec::with_capacity(self.blocks.len() + FURNITURE_PIECES);
        for (mut items, y) in self.blocks {
            for item in &mut items {
                item.translate(left, y);
            }
            pieces.push(items);
        }
        Items::from_pieces(pieces)
    }
}

/// Room kept in each page's list of pieces for its furniture (a running head and
/// the footer), added after pagination.
const FURNITURE_PIECES: usize = 2;

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
    // the pieces keep the block's role, the later ones as its continuation (its
    // own finer marks are not carried over: its text is then tagged by the role)
    for (i, piece) in pieces.iter_mut().enumerate() {
        piece.role = block.role;
        piece.continues = i > 0 || block.continues;
    }
    if let Some(first) = pieces.first_mut() {
        first.space_before = block.space_before;
        first.break_before = block.break_before;
        first.bookmark = block.bookmark;
        first.running_head = block.running_head;
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
            head_room: 0.0,
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

    /// The marks of `blocks` placed one after another, as tag names (`/` closes).
    fn marks_of(blocks: &[Block]) -> Vec<String> {
        let mut tags = Tagger::default();
        let mut at = 0;
        for b in blocks {
            tags.block(b, at);
            at += b.items.len();
        }
        tags.end(at);
        tags.take()
            .into_iter()
            .map(|(i, m)| match m {
                Mark::Open(e) => format!("{i}:{}", e.tag.name()),
                Mark::Close => format!("{i}:/"),
            })
            .collect()
    }

    #[test]
    fn roles_open_elements_and_list_items_share_a_list() {
        let line = |role: Role, continues: bool| {
            let mut b = block(1.0).role(role);
            b.continues = continues;
            b
        };
        let blocks = vec![
            line(Role::Heading(2), false),
            line(Role::Paragraph, false),
            line(Role::Paragraph, true),
            line(Role::ListItem, false),
            line(Role::ListItem, true),
            line(Role::ListItem, false),
            line(Role::Artifact, false),
            line(Role::Paragraph, false),
        ];
        assert_eq!(
            marks_of(&blocks),
            [
                "0:H2", "1:/", "1:P", "3:/", "3:L", "3:LI", "3:LBody", "5:/", "5:/", "5:LI", "5:LBody", "6:/", "6:/",
                "6:/", "7:P", "8:/"
            ]
        );
        // a block's own marks: a heading block with them opens no heading of its own
        let mut title = block(1.0).role(Role::Heading(2));
        title.marks = vec![(0, Mark::Open(Elem::new(Tag::H2))), (1, Mark::Close)];
        assert_eq!(marks_of(&[title]), ["0:H2", "1:/"]);
    }

    #[test]
    fn fills_pages_in_order_and_never_passes_the_bottom() {
        let blocks = (0..7).map(|_| block(30.0).space(5.0)).collect();
        let pages = paginate(blocks, area()).pages;
        // page 1: 20, 55, 90 (ends at 120); space dropped at each page top
        assert_eq!(
            tops(&pages),
            vec![vec![20.0, 55.0, 90.0], vec![20.0, 55.0, 90.0], vec![20.0]]
        );
    }

    #[test]
    fn keep_with_next_moves_the_whole_chain() {
        let blocks = vec![block(50.0), block(20.0).keep(), block(20.0).keep(), block(20.0)];
        let pages = paginate(blocks, area()).pages;
        // 50 + 60 = 110 > 100: the heading chain goes to page 2 together
        assert_eq!(tops(&pages), vec![vec![20.0], vec![20.0, 40.0, 60.0]]);
    }

    #[test]
    fn a_chain_taller_than_a_page_flows() {
        let blocks = vec![block(50.0), block(40.0).keep(), block(40.0).keep(), block(40.0)];
        let pages = paginate(blocks, area()).pages;
        assert_eq!(tops(&pages), vec![vec![20.0, 70.0], vec![20.0, 60.0]]);
    }

    #[test]
    fn bookmarks_point_at_the_landing_page_and_breaks_are_forced() {
        let mut b = block(10.0);
        b.bookmark = Some("Two".into());
        b.break_before = true;
        let mut first = block(10.0);
        first.bookmark = Some("One".into());
        let Paged { pages, outline, .. } = paginate(vec![first, b], area());
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
    fn a_heading_never_ends_a_page() {
        // the heading fits at the foot of page 1, the line after it does not:
        // the heading moves on, even though nothing keeps it with the next block
        let blocks = vec![block(70.0), block(10.0).role(Role::Heading(3)), block(30.0)];
        assert_eq!(
            tops(&paginate(blocks, area()).pages),
            vec![vec![20.0], vec![20.0, 30.0]]
        );
        // so does a rule kept with a heading, with the heading
        let rule = block(5.0).role(Role::Artifact).keep();
        let blocks = vec![block(70.0), rule, block(10.0).role(Role::Heading(2)), block(30.0)];
        assert_eq!(
            tops(&paginate(blocks, area()).pages),
            vec![vec![20.0], vec![20.0, 25.0, 35.0]]
        );
    }

    #[test]
    fn pages_that_go_on_with_a_part_get_its_running_head() {
        let part = |title: &str| {
            let mut b = block(10.0);
            b.bookmark = Some(title.into());
            b.running_head = Some(format!("{title} head"));
            b
        };
        let mut profile = block(10.0);
        profile.bookmark = Some("Name".into());
        // profile, part A over three pages, then part B on a page of its own
        let mut blocks = vec![profile, part("A")];
        blocks.extend((0..5).map(|_| block(40.0)));
        let mut b = part("B");
        b.break_before = true;
        blocks.push(b);
        blocks.push(block(50.0));
        let mut area = area();
        area.head_room = 15.0;
        let paged = paginate(blocks, area);
        assert_eq!(
            paged.heads,
            vec![None, Some("A head".into()), Some("A head".into()), None]
        );
        // the head's room is kept on its pages only
        assert_eq!(
            tops(&paged.pages),
            vec![
                vec![20.0, 30.0, 40.0, 80.0],
                vec![35.0, 75.0],
                vec![35.0],
                vec![20.0, 30.0]
            ]
        );
        // one bookmark per part, whatever the pages
        assert_eq!(paged.outline.len(), 3);
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
        let pages = paginate(vec![block(10.0), Block::new(210.0, rows), block(10.0)], area()).pages;
        assert_eq!(
            tops(&pages),
            vec![vec![20.0, 30.0, 60.0, 90.0], vec![20.0, 50.0, 80.0], vec![20.0, 50.0]]
        );
    }
}
