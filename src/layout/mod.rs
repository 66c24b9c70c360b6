//! Layout: the validated model becomes pages of positioned items.
//!
//! Pure and PDF-free: it measures text only through a [`Shaper`](crate::text::Shaper),
//! so tests can run it with a stand-in font. The pieces, in the order a document is built:
//! - [`theme`]: the design values (page, margins, type scale, colours);
//! - [`spans`]: content fields as styled spans (markup, the contact line, URLs);
//! - [`lines`]: spans broken into lines, lines into items, boxes and blocks;
//! - [`prose`]: the one markup-aware renderer of text fields (paragraphs, lists);
//! - [`head`]: the profile head and document metadata both documents share;
//! - [`flow`]: blocks (which know what they hold) and pagination with keep-together rules;
//! - [`frame`]: the output, pages of items in points from the top left;
//! - [`portfolio`]: the portfolio document built from those pieces;
//! - [`resume`]: the one-page résumé: selection, fitting and composition;
//! - [`letter`]: an application's one-page cover letter, under the résumé's head.

pub mod flow;
pub mod frame;
pub mod head;
pub mod letter;
pub mod lines;
pub mod portfolio;
pub mod prose;
pub mod resume;
pub mod spans;
pub mod theme;

pub use spans::{contact_links, display_url};
pub use theme::{CardStyle, Theme};

use crate::model::System;

/// The systems' tags, each once (ignoring ASCII case), in order of first appearance.
pub fn distinct_tags<'a>(systems: impl IntoIterator<Item = &'a System>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for t in systems.into_iter().flat_map(|s| &s.tags) {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(t)) {
            out.push(t);
        }
    }
    out
}
