//! The one text renderer both documents use: a text field (paragraphs and bullet
//! items, each with inline markup, see [`markup`](crate::text::markup)) becomes
//! blocks, one per line, that the portfolio paginates and the résumé stacks.
//!
//! Every field the README says understands markup goes through here (summaries,
//! the intro, case studies, experience summaries, highlights), so bold, italic,
//! `code` in Plex Mono and clickable links look the same in both PDFs.

use crate::layout::flow::{Block, Role};
use crate::layout::frame::{Color, Elem, Item, Mark, Tag, TextItem};
use crate::layout::lines::{baseline_in_line, paragraph_blocks, Para};
use crate::layout::spans::rich_spans;
use crate::model::{Block as TextBlock, Text};
use crate::text::{Shaper, Style};

/// How a text field is set: type, colours, spacing and list geometry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prose {
    pub size: f32,
    /// Line height as a multiple of `size`.
    pub leading: f32,
    pub color: Color,
    /// Links and list markers.
    pub accent: Color,
    /// Space above a paragraph that follows another block of the field.
    pub paragraph_gap: f32,
    /// Space above a list item that follows a paragraph.
    pub list_gap: f32,
    /// Space between two list items.
    pub item_gap: f32,
    /// Where a list item's marker sits, in ems from the left.
    pub marker_at: f32,
    /// Where a list item's text starts, in ems from the left.
    pub indent: f32,
}

impl Prose {
    pub fn para(&self) -> Para {
        Para {
            size: self.size,
            leading: self.leading,
        }
    }
}

/// A whole text field: its paragraphs and list items in order, the first with
/// `first_space` above it.
pub fn text(shaper: &dyn Shaper, text: &Text, prose: &Prose, width: f32, first_space: f32) -> Vec<Block> {
    let mut out = Vec::new();
    let mut previous: Option<&TextBlock> = None;
    for block in &text.blocks {
        let (mut lines, space) = match block {
            TextBlock::Paragraph(s) => (paragraph(shaper, s, prose, width), prose.paragraph_gap),
            TextBlock::Bullet(s) => {
                let space = match previous {
                    Some(TextBlock::Bullet(_)) => prose.item_gap,
                    _ => prose.list_gap,
                };
                (item(shaper, s, prose, width), space)
            }
        };
        if let Some(first) = lines.first_mut() {
            first.space_before = if previous.is_none() { first_space } else { space };
        }
        out.append(&mut lines);
        previous = Some(block);
    }
    out
}

/// One paragraph with inline markup, a block per line.
pub fn paragraph(shaper: &dyn Shaper, s: &str, prose: &Prose, width: f32) -> Vec<Block> {
    lines_of(shaper, s, prose, 0.0, width, Role::Paragraph)
}

/// One list item with inline markup: the marker, then the text indented, a block per line.
pub fn item(shaper: &dyn Shaper, s: &str, prose: &Prose, width: f32) -> Vec<Block> {
    let indent = prose.indent * prose.size;
    let mut lines = lines_of(shaper, s, prose, indent, width - indent, Role::ListItem);
    if let Some(first) = lines.first_mut() {
        let baseline = baseline_in_line(shaper, Style::Regular, prose.para());
        let marker = shaper.shape("\u{2022}", Style::Regular).into_iter().map(|run| {
            Item::Text(TextItem {
                x: prose.marker_at * prose.size,
                baseline,
                size: prose.size,
                color: prose.accent,
                run,
            })
        });
        let before = first.items.len();
        first.items.splice(0..0, marker);
        // the marker is the item's label, the text its body (open over its lines)
        let n = first.items.len() - before;
        first.marks = vec![
            (0, Mark::Open(Elem::new(Tag::Lbl))),
            (n, Mark::Close),
            (n, Mark::Open(Elem::new(Tag::LBody))),
        ];
    }
    lines
}

fn lines_of(shaper: &dyn Shaper, s: &str, prose: &Prose, x: f32, width: f32, role: Role) -> Vec<Block> {
    let spans = rich_spans(s, prose.color, prose.accent);
    let mut lines = paragraph_blocks(shaper, &spans, Style::Regular, prose.para(), x, width);
    for (i, line) in lines.iter_mut().enumerate() {
        line.role = role;
        line.continues = i > 0;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FixedShaper, FontShaper};

    fn prose() -> Prose {
        Prose {
            size: 10.0,
            leading: 1.5,
            color: Color::BLACK,
            accent: Color::WHITE,
            paragraph_gap: 6.0,
            list_gap: 4.0,
            item_gap: 2.0,
            marker_at: 0.25,
            indent: 1.5,
        }
    }

    fn texts(block: &Block) -> Vec<(f32, String)> {
        block
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some((t.x, t.run.text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn markup_is_styled_and_links_are_clickable() {
        let blocks = paragraph(&FontShaper::new(), "a **b** *c* `d` [e](https://x.y)", &prose(), 500.0);
        assert_eq!(blocks.len(), 1);
        let text: String = texts(&blocks[0]).into_iter().map(|(_, t)| t).collect();
        assert_eq!(text, "a b c d e");
        let faces: Vec<_> = blocks[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.run.face),
                _ => None,
            })
            .collect();
        use crate::text::FontFace::*;
        assert!(faces.contains(&Bold) && faces.contains(&Italic) && faces.contains(&Mono));
        assert!(blocks[0]
            .items
            .iter()
            .any(|i| matches!(i, Item::Link { url, .. } if &**url == "https://x.y")));
    }

    #[test]
    fn paragraphs_and_items_get_their_spacing_marker_and_roles() {
        let t = Text::parse("one\n\n- two\n- three\n\nfour");
        let blocks = text(&FixedShaper, &t, &prose(), 500.0, 9.0);
        let spaces: Vec<f32> = blocks.iter().map(|b| b.space_before).collect();
        assert_eq!(spaces, vec![9.0, 4.0, 2.0, 6.0]);
        let roles: Vec<Role> = blocks.iter().map(|b| b.role).collect();
        assert_eq!(
            roles,
            vec![Role::Paragraph, Role::ListItem, Role::ListItem, Role::Paragraph]
        );
        // the marker at 0.25 em, the text at 1.5 em
        assert_eq!(texts(&blocks[1]), vec![(2.5, "\u{2022}".into()), (15.0, "two".into())]);
    }

    #[test]
    fn later_lines_continue_the_element() {
        let blocks = item(&FixedShaper, "aaaa bbbb cccc", &prose(), 40.0);
        assert_eq!(blocks.len(), 3);
        assert_eq!(
            blocks.iter().map(|b| b.continues).collect::<Vec<_>>(),
            vec![false, true, true]
        );
    }
}
