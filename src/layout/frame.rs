//! Laid-out pages as plain data: positioned items in points, origin at the top
//! left of the page, y growing downwards. The exporter is the only reader.

use std::sync::Arc;

use crate::text::ShapedRun;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Color {
    pub const BLACK: Color = Color { r: 0.0, g: 0.0, b: 0.0 };
    pub const WHITE: Color = Color { r: 1.0, g: 1.0, b: 1.0 };

    /// `self` moved towards `other` by `t` (0 = self, 1 = other).
    pub fn mix(self, other: Color, t: f32) -> Color {
        Color {
            r: self.r + (other.r - self.r) * t,
            g: self.g + (other.g - self.g) * t,
            b: self.b + (other.b - self.b) * t,
        }
    }

    /// From `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Color {
        Color {
            r: ((rgb >> 16) & 0xFF) as f32 / 255.0,
            g: ((rgb >> 8) & 0xFF) as f32 / 255.0,
            b: (rgb & 0xFF) as f32 / 255.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn translate(self, dx: f32, dy: f32) -> Rect {
        Rect {
            x: self.x + dx,
            y: self.y + dy,
            ..self
        }
    }
}

/// Shaped text at a baseline position.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// Left end of the baseline.
    pub x: f32,
    pub baseline: f32,
    pub size: f32,
    pub color: Color,
    pub run: Arc<ShapedRun>,
}

impl TextItem {
    /// Whether the item is only spaces, so has no ink: the space a line breaks at
    /// is drawn past the line's last word (for the text layer) and may reach into
    /// the margin, which only ink must keep clear of.
    pub fn is_blank(&self) -> bool {
        self.run.text.chars().all(char::is_whitespace)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(TextItem),
    /// A filled rectangle, with rounded corners when `radius > 0`.
    Rect {
        rect: Rect,
        fill: Color,
        radius: f32,
    },
    /// A straight stroked line.
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
    },
    /// An image from [`Document::images`], cropped to the shape of `rect` (centred,
    /// like CSS `object-fit: cover`), with corners rounded by `radius` (half the
    /// side for a circle).
    Image {
        rect: Rect,
        image: usize,
        radius: f32,
    },
    /// A clickable area that opens `url` (shared, so that an item stays 40
    /// bytes: a long document holds hundreds of thousands of items).
    Link {
        rect: Rect,
        url: Arc<str>,
    },
}

impl Item {
    pub fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text(t) => {
                t.x += dx;
                t.baseline += dy;
            }
            Item::Rect { rect, .. } | Item::Image { rect, .. } | Item::Link { rect, .. } => {
                *rect = rect.translate(dx, dy)
            }
            Item::Line { from, to, .. } => {
                from.0 += dx;
                from.1 += dy;
                to.0 += dx;
                to.1 += dy;
            }
        }
    }
}

/// A page's items in drawing order, kept in the lists they were made in: each
/// block pagination placed on the page keeps its own (moved to where it was
/// placed), and the running head and footer are lists of their own. Pages are
/// never copied item by item into one list: at 100 systems that was 5 MB of new
/// memory and a tenth of the build's page faults.
#[derive(Clone, Default)]
pub struct Items {
    pieces: Vec<Vec<Item>>,
    len: usize,
}

impl Items {
    /// The items of `pieces`, in order.
    pub fn from_pieces(pieces: Vec<Vec<Item>>) -> Items {
        let len = pieces.iter().map(Vec::len).sum();
        Items { pieces, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The items in drawing order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            pieces: self.pieces.iter(),
            piece: [].iter(),
            left: self.len,
        }
    }

    /// Item `i` (in drawing order).
    pub fn get(&self, mut i: usize) -> Option<&Item> {
        for piece in &self.pieces {
            match piece.get(i) {
                Some(item) => return Some(item),
                None => i -= piece.len(),
            }
        }
        None
    }

    /// Put `items` after the others.
    pub fn append(&mut self, items: Vec<Item>) {
        self.len += items.len();
        self.pieces.push(items);
    }

    /// Put `items` before the others.
    pub fn prepend(&mut self, items: Vec<Item>) {
        self.len += items.len();
        self.pieces.insert(0, items);
    }
}

impl From<Vec<Item>> for Items {
    fn from(items: Vec<Item>) -> Items {
        Items::from_pieces(vec![items])
    }
}

/// The items of [`Items`] in drawing order, knowing how many are left (so that
/// what is collected from them is sized once).
#[derive(Clone)]
pub struct Iter<'a> {
    pieces: std::slice::Iter<'a, Vec<Item>>,
    piece: std::slice::Iter<'a, Item>,
    left: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Item;

    #[inline]
    fn next(&mut self) -> Option<&'a Item> {
        loop {
            if let Some(item) = self.piece.next() {
                self.left -= 1;
                return Some(item);
            }
            self.piece = self.pieces.next()?.iter();
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Items {
    type Item = &'a Item;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl std::ops::Index<usize> for Items {
    type Output = Item;
    fn index(&self, i: usize) -> &Item {
        self.get(i).expect("an item of the page")
    }
}

/// Items are equal when they hold the same items in the same order, however
/// they are kept.
impl PartialEq for Items {
    fn eq(&self, other: &Items) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Items {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Items,
    /// Ranges of `items` that are page furniture (a running head, the footer):
    /// artifacts for readers, not part of the document's text.
    pub furniture: Vec<std::ops::Range<usize>>,
    /// Where structure elements open and close, for readers of the PDF: each
    /// mark applies before the item at its index (`items.len()`: after the last),
    /// in order. An element may stay open across pages.
    pub marks: Vec<(usize, Mark)>,
}

impl Page {
    /// Whether item `i` is page furniture.
    pub fn is_furniture(&self, i: usize) -> bool {
        self.furniture.iter().any(|r| r.contains(&i))
    }

    /// The page's text, run by run in drawing order (for tests and debugging).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text(t) = item {
                out.push_str(&t.run.text);
            }
        }
        out
    }
}

/// The kind of a structure element (the standard structure types of PDF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    H1,
    H2,
    H3,
    P,
    L,
    LI,
    Lbl,
    LBody,
    Figure,
    Span,
}

impl Tag {
    /// The structure type's name in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            Tag::H1 => "H1",
            Tag::H2 => "H2",
            Tag::H3 => "H3",
            Tag::P => "P",
            Tag::L => "L",
            Tag::LI => "LI",
            Tag::Lbl => "Lbl",
            Tag::LBody => "LBody",
            Tag::Figure => "Figure",
            Tag::Span => "Span",
        }
    }
}

/// A structure element: its kind, the text that stands for it (`/Alt`, a
/// figure's) and the language of its content when it is not the document's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elem {
    pub tag: Tag,
    pub alt: Option<String>,
    pub lang: Option<String>,
}

impl Elem {
    pub fn new(tag: Tag) -> Elem {
        Elem {
            tag,
            alt: None,
            lang: None,
        }
    }

    pub fn figure(alt: impl Into<String>) -> Elem {
        Elem {
            alt: Some(alt.into()),
            ..Elem::new(Tag::Figure)
        }
    }
}

/// A structure mark in the stream of items: an element opens, or the innermost
/// open one closes. Text and images inside an element are its content; rules and
/// backgrounds are decoration (artifacts) except inside a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Open(Elem),
    Close,
}

/// A bookmark in the document outline.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// Distance of the target from the top of the page, points.
    pub y: f32,
}

/// An RGB image the pages refer to by index.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Creation date as (year, month, day, hour, minute, second) UTC; `None` leaves it out.
    pub created: Option<(i32, u8, u8, u8, u8, u8)>,
    /// The document's language (BCP 47: `en` unless the content says otherwise).
    pub lang: String,
    /// The language of runs of Devanagari text, when the content names one.
    pub devanagari_lang: Option<String>,
}

/// A laid-out document: what the exporter turns into PDF bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<Bookmark>,
    pub images: Vec<Image>,
    pub metadata: Metadata,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_forty_bytes() {
        // every variant's fields take 32 bytes, the kind 8 more: a field that
        // grows one variant grows every item of every page
        assert_eq!(std::mem::size_of::<Item>(), 40);
    }
}
