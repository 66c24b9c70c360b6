//! The structure tree (tagged PDF, PDF/UA-1): the layout's structure marks
//! ([`Mark`]) become structure elements in reading order, every drawn item
//! either marked content of one of them (an `MCID`) or an artifact, and every
//! link an annotation that its `Link` element owns (`OBJR`).
//!
//! [`PageTree::new`] decides, just before a page is drawn, what each of its
//! items is ([`Marking`]): `draw` wraps items in `BDC`/`EMC` accordingly. Each
//! page's part is built on its own, on any core, from the elements open where
//! the page starts ([`open_at_starts`], read from the marks alone);
//! [`Tree::merge`] joins the parts in page order, numbering the elements as one
//! pass through the document would, and [`Tree::write`] adds the elements, the
//! parent tree, the annotations and the catalog entries that point at them.
//!
//! What is what: text and images inside an element are its content (text that
//! no element holds goes into a paragraph of its own, so nothing is unmarked);
//! rules, backgrounds and bars are layout artifacts, except inside a `Figure`
//! (a ratio chart), where they are what the figure shows; page furniture (running
//! heads, footers) is a pagination artifact. Text inside a link's area is the
//! content of a `Link` element holding that link's annotation.

mod write;

pub(super) use write::text_string;

use super::textmap::{lone_narrow_space, TextLayer};
use crate::layout::frame::{Document, Elem, Item, Mark, Page, Rect};

/// What an item of a page is, for readers of the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Marking {
    /// Draws nothing (a link's area).
    Nothing,
    /// A running head (`top`) or a footer.
    Pagination { top: bool },
    /// Decoration.
    Layout,
    /// Content of a structure element: its marked-content id on the page.
    Content(u32),
}

/// What a structure element holds, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kid {
    Node(usize),
    /// Marked content `mcid` on `page`.
    Content {
        page: usize,
        mcid: u32,
    },
    /// The `n`th link annotation of the document.
    Annot(usize),
}

#[derive(Debug, Clone)]
struct Node {
    /// `Document`, `Link` or a layout tag.
    role: &'static str,
    parent: usize,
    kids: Vec<Kid>,
    alt: Option<String>,
    lang: Option<String>,
}

/// A link annotation to write.
#[derive(Debug, Clone)]
struct Annot {
    page: usize,
    /// PDF coordinates: x0, y0, x1, y1.
    rect: [f32; 4],
    url: String,
    /// The `Link` element that holds it.
    node: usize,
    /// The text shown in its area (its `/Contents`).
    text: String,
}

/// The structure of a document: its elements, each page's marked-content ids
/// and its link annotations, put together page by page from [`PageTree`]s.
#[derive(Debug, Clone)]
pub(super) struct Tree {
    nodes: Vec<Node>,
    /// For each page, the element of each of its marked-content ids.
    parents: Vec<Vec<usize>>,

    annots: Vec<Annot>,
}

/// The class of content an id covers: one id never mixes text with graphics,
/// so a text id can stay inside one text object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Text,
    Graphic,
}

/// The elements open where each page starts (the root first), by role: each
/// page's part of the tree is built on them. Only the structure marks are read
/// for this, not the items, so it is quick even for a long document.
pub(super) fn open_at_starts(doc: &Document) -> Vec<Vec<&'static str>> {
    let mut open = vec!["Document"];
    let mut starts = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        starts.push(open.clone());
        for (_, mark) in &page.marks {
            match mark {
                Mark::Open(elem) => open.push(elem.tag.name()),
                Mark::Close => {
                    if open.len() > 1 {
                        open.pop();
                    }
                }
            }
        }
    }
    starts
}

/// One page's part of the structure tree, and what each of its items is.
///
/// Built on its own (on any core) from the elements open where the page starts
/// ([`open_at_starts`]): the first `outer` nodes stand for those, with the kids
/// this page gives them, and the rest are the elements made on this page, in
/// the order they were made; a node's number here is its place in `nodes`.
/// [`Tree::merge`] puts the pages together, in order.
#[derive(Debug, Clone)]
pub(super) struct PageTree {
    outer: usize,
    nodes: Vec<Node>,
    /// A marking per item.
    pub(super) markings: Vec<Marking>,
    /// The element of each marked-content id.
    parents: Vec<usize>,
    /// The page's link annotations (a `Kid::Annot` counts from the page's first).
    annots: Vec<Annot>,
    /// The elements open at the page's end, the root first.
    open: Vec<usize>,
}

impl PageTree {
    /// Page `p` of `doc`, on the elements `start` open where it starts; `layer`
    /// says which runs carry an `/ActualText` span.
    /// poppler (22.12) reads no further in a marked-content sequence than the end
    /// of a sequence nested in it, so such a run gets an id of its own, the span
    /// the last thing in it; except in a heading, which keeps one id (the `pdfua`
    /// checker cannot read a heading whose `/K` is an array), so poppler's
    /// structure text of a heading ends at its first such run.
    pub(super) fn new(doc: &Document, layer: &TextLayer, p: usize, start: &[&'static str]) -> PageTree {
        let nodes = start
            .iter()
            .enumerate()
            .map(|(i, &role)| Node {
                role,
                parent: i.saturating_sub(1),
                kids: Vec::new(),
                alt: None,
                lang: None,
            })
            .collect();
        let mut t = PageTree {
            outer: start.len(),
            nodes,
            markings: Vec::new(),
            parents: Vec::new(),
            annots: Vec::new(),
            open: (0..start.len()).collect(),
        };
        t.page(doc, layer, p, &doc.pages[p]);
        t
    }

    /// The role of the element of each marked-content id.
    pub(super) fn roles(&self) -> Vec<&'static str> {
        self.parents.iter().map(|&n| self.nodes[n].role).collect()
    }

    fn add(&mut self, parent: usize, role: &'static str, elem: Option<&Elem>) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            role,
            parent,
            kids: Vec::new(),
            alt: elem.and_then(|e| e.alt.clone()),
            lang: elem.and_then(|e| e.lang.clone()),
        });
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    fn page(&mut self, doc: &Document, layer: &TextLayer, p: usize, page: &Page) {
        let mut open = std::mem::take(&mut self.open);
        let open = &mut open;
        let flip = |y: f32| doc.height - y;
        // this page's link areas (PDF coordinates) and their annotations
        let mut links = Vec::new();
        for item in &page.items {
            if let Item::Link { rect, url } = item {
                links.push((*rect, self.annots.len()));
                self.annots.push(Annot {
                    page: p,
                    rect: [rect.x, flip(rect.y + rect.h), rect.x + rect.w, flip(rect.y)],
                    url: url.to_string(),
                    node: usize::MAX,
                    text: String::new(),
                });
            }
        }
        let mut markings = Vec::with_capacity(page.items.len());
        let mut parents: Vec<usize> = Vec::new();

        // the element and class of the last id given, while the next item may share it
        let mut current: Option<(usize, Class, u32)> = None;
        // a paragraph made for text no element holds
        let mut loose: Option<usize> = None;
        let mut marks = page.marks.iter().peekable();
        // the element (before any language span) and id of the item just marked, when text
        let mut last_text: Option<(usize, u32)> = None;
        // a lone narrow space whose text the run before it carries (see `lone_narrow_space`)
        let lone = |t: &crate::layout::frame::TextItem| !t.run.glyphs.is_empty() && lone_narrow_space(&t.run);
        let mut items = page.items.iter().enumerate().peekable();
        while let Some((i, item)) = items.next() {
            let after = last_text.take();
            while let Some((_, mark)) = marks.next_if(|(at, _)| *at <= i) {
                self.apply(mark, open);
                current = None;
                loose = None;
            }
            let top = *open.last().expect("the root stays open");
            let figure = self.nodes[top].role == "Figure";
            let (class, marking) = match item {
                _ if page.is_furniture(i) => {
                    let y = match item {
                        Item::Text(t) => t.baseline,
                        Item::Line { from, .. } => from.1,
                        Item::Rect { rect, .. } | Item::Image { rect, .. } | Item::Link { rect, .. } => rect.y,
                    };
                    (
                        None,
                        Marking::Pagination {
                            top: y < doc.height / 2.0,
                        },
                    )
                }
                Item::Link { .. } => {
                    markings.push(Marking::Nothing);
                    continue;
                }
                Item::Text(_) => (Some(Class::Text), Marking::Nothing),
                Item::Image { .. } | Item::Rect { .. } | Item::Line { .. } if figure => {
                    (Some(Class::Graphic), Marking::Nothing)
                }
                _ => (None, Marking::Layout),
            };
            let Some(class) = class else {
                current = None;
                markings.push(marking);
                continue;
            };
            let mut parent = top;
            if parent == 0 {
                parent = *loose.get_or_insert_with(|| self.add(0, "P", None));
            }
            // text in a link's area belongs to the link's element
            let target = match item {
                Item::Text(text) => match link_at(&links, text) {
                    Some(a) => {
                        let own = self.annots[a].node;
                        let node = if own != usize::MAX && self.nodes[own].parent == parent {
                            own
                        } else {
                            let node = self.add(parent, "Link", None);
                            if own == usize::MAX {
                                // (a link whose text two elements share belongs to the first)
                                self.annots[a].node = node;
                                self.nodes[node].kids.push(Kid::Annot(a));
                            }
                            node
                        };
                        self.annots[a].text.push_str(&text.run.text);
                        node
                    }
                    None => parent,
                },
                _ => parent,
            };
            // a lone narrow space goes in the sequence of the run before it, whose
            // /ActualText span takes it in and closes after its glyphs
            if let (Item::Text(t), Some((node, mcid))) = (item, after) {
                if lone(t) && node == target {
                    markings.push(Marking::Content(mcid));
                    last_text = Some((node, mcid));
                    continue;
                }
            }
            let spanned = match item {
                Item::Text(_) => {
                    !layer.at(p, i).actual.is_empty() || matches!(items.peek(), Some((_, Item::Text(n))) if lone(n))
                }
                _ => false,
            };
            let plain_target = target;
            let heading = matches!(self.nodes[target].role, "H1" | "H2" | "H3");
            let alone = spanned && !heading;
            if alone {
                current = None;
            }
            // a run in Devanagari, in the language the content names for it, is
            // a span of its own
            let mut own = alone;
            let target = match (&doc.metadata.devanagari_lang, item) {
                (Some(lang), Item::Text(t)) if !heading && devanagari(&t.run.text) => {
                    current = None;
                    own = true;
                    let elem = Elem {
                        lang: Some(lang.clone()),
                        ..Elem::new(crate::layout::frame::Tag::Span)
                    };
                    self.add(target, "Span", Some(&elem))
                }
                _ => target,
            };
            let mcid = match current {
                Some((node, c, mcid)) if node == target && c == class => mcid,
                _ => {
                    let mcid = parents.len() as u32;
                    parents.push(target);

                    self.nodes[target].kids.push(Kid::Content { page: p, mcid });
                    mcid
                }
            };
            current = (!own).then_some((target, class, mcid));
            if matches!(item, Item::Text(_)) {
                last_text = Some((plain_target, mcid));
            }
            markings.push(Marking::Content(mcid));
        }
        for (_, mark) in marks {
            self.apply(mark, open);
        }
        // a link area over no text still needs its element
        for a in 0..self.annots.len() {
            if self.annots[a].node == usize::MAX {
                let parent = *open.last().expect("the root stays open");
                let node = self.add(parent, "Link", None);
                self.nodes[node].kids.push(Kid::Annot(a));
                self.annots[a].node = node;
            }
        }
        self.markings = markings;
        self.parents = parents;
        self.open = std::mem::take(open);
    }

    fn apply(&mut self, mark: &Mark, open: &mut Vec<usize>) {
        match mark {
            Mark::Open(elem) => {
                let parent = *open.last().expect("the root stays open");
                let node = self.add(parent, elem.tag.name(), Some(elem));
                open.push(node);
            }
            Mark::Close => {
                if open.len() > 1 {
                    open.pop();
                }
            }
        }
    }
}

impl Tree {
    /// The tree of a document from its pages' parts, in page order (each
    /// [`PageTree`]'s markings no longer needed). The elements are numbered in
    /// the order they were made, through the whole document.
    pub(super) fn merge(pages: Vec<PageTree>) -> Tree {
        // where each page's elements and links go in the document, and the
        // elements open where it starts (a quick pass: no kid is looked at)
        let mut places = Vec::with_capacity(pages.len());
        let (mut base, mut annot_base, mut open) = (1, 0, vec![0]);
        for page in &pages {
            debug_assert_eq!(open.len(), page.outer, "a page built on other elements");
            let place = Place { base, annot_base, open };
            open = page.open.iter().map(|&n| place.global(page.outer, n)).collect();
            base += page.nodes.len() - page.outer;
            annot_base += page.annots.len();
            places.push(place);
        }
        // each page's part renumbered, a long document's on every core
        let renumber = |(page, place): (PageTree, &Place)| place.renumber(page);
        let parts: Vec<Renumbered> = if pages.len() >= super::PARALLEL_PAGES {
            use rayon::prelude::*;
            pages.into_par_iter().zip(&places).map(renumber).collect()
        } else {
            pages.into_iter().zip(&places).map(renumber).collect()
        };
        let mut t = Tree {
            nodes: Vec::with_capacity(base),
            parents: Vec::with_capacity(parts.len()),
            annots: Vec::with_capacity(annot_base),
        };
        t.nodes.push(Node {
            role: "Document",
            parent: 0,
            kids: Vec::new(),
            alt: None,
            lang: None,
        });
        for (part, place) in parts.into_iter().zip(&places) {
            t.nodes.extend(part.made);
            for (n, kids) in part.outer_kids.into_iter().enumerate() {
                t.nodes[place.open[n]].kids.extend(kids);
            }
            t.annots.extend(part.annots);
            t.parents.push(part.parents);
        }
        t.prune();
        t
    }

    /// Drop elements that hold nothing (an empty heading or paragraph means
    /// nothing to a reader, and PDF/UA counts it a fault).
    fn prune(&mut self) {
        let mut empty = vec![false; self.nodes.len()];
        // children come after their parents: settle them first
        for n in (1..self.nodes.len()).rev() {
            let node = &mut self.nodes[n];
            node.kids.retain(|k| !matches!(k, Kid::Node(c) if empty[*c]));
            empty[n] = node.kids.is_empty();
        }
        self.nodes[0].kids.retain(|k| !matches!(k, Kid::Node(c) if empty[*c]));
    }
}

/// Where a page's part goes in the document's tree: its first element's and
/// first link's numbers there, and the elements open where the page starts.
struct Place {
    base: usize,
    annot_base: usize,
    open: Vec<usize>,
}

/// A page's part of the tree in the document's numbers.
struct Renumbered {
    /// The elements the page made, in order.
    made: Vec<Node>,
    /// What the page adds to each element open where it starts.
    outer_kids: Vec<Vec<Kid>>,
    annots: Vec<Annot>,
    parents: Vec<usize>,
}

impl Place {
    /// A page's node `n` (with `outer` elements open at its start) in the
    /// document: one of those open, or one the page made.
    fn global(&self, outer: usize, n: usize) -> usize {
        if n < outer {
            self.open[n]
        } else {
            self.base + n - outer
        }
    }

    fn renumber(&self, page: PageTree) -> Renumbered {
        let outer = page.outer;
        let global = |n: usize| self.global(outer, n);
        let kid = |k: Kid| match k {
            Kid::Node(n) => Kid::Node(global(n)),
            Kid::Annot(a) => Kid::Annot(self.annot_base + a),
            content => content,
        };
        let mut nodes = page.nodes;
        let made = nodes
            .split_off(outer)
            .into_iter()
            .map(|node| Node {
                parent: global(node.parent),
                kids: node.kids.into_iter().map(kid).collect(),
                ..node
            })
            .collect();
        let outer_kids = nodes
            .into_iter()
            .map(|node| node.kids.into_iter().map(kid).collect())
            .collect();
        let annots = page
            .annots
            .into_iter()
            .map(|a| Annot {
                node: global(a.node),
                ..a
            })
            .collect();
        let parents = page.parents.into_iter().map(global).collect();
        Renumbered {
            made,
            outer_kids,
            annots,
            parents,
        }
    }
}

/// The link annotation (document-wide index) of the page's `links` whose area
/// holds the middle of `text`.
fn link_at(links: &[(Rect, usize)], text: &crate::layout::frame::TextItem) -> Option<usize> {
    if links.is_empty() {
        return None;
    }
    let mid = text.x + text.run.width_at(text.size) / 2.0;
    let y = text.baseline - 0.3 * text.size;
    links
        .iter()
        .find(|(r, _)| r.x <= mid && mid <= r.x + r.w && r.y <= y && y <= r.y + r.h)
        .map(|(_, a)| *a)
}

/// Whether `text` is written in Devanagari: it has letters, all of them Devanagari.
fn devanagari(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(|c| ('\u{0900}'..='\u{097F}').contains(&c))
}
