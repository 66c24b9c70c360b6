//! Which text each glyph stands for: the one place that decides what a reader
//! extracts. The fonts' ToUnicode maps are written from it ([`TextMap::glyphs`])
//! and the content stream asks it which runs need an `/ActualText`
//! ([`TextMap::actual_text`]); nothing else in the exporter knows the rules.
//!
//! The rules today: a glyph maps to the text of the first cluster it starts (in
//! document order); a glyph that only ever follows the first glyph of its
//! cluster maps to a zero-width space; runs in the Devanagari faces carry their
//! text as `/ActualText`, so conjuncts and reordered vowel signs extract as the
//! characters that were written.

use std::collections::BTreeMap;

use crate::layout::frame::{Document, Item};
use crate::text::{FontFace, ShapedRun};

/// One face's glyphs: for each original glyph id, whether the document draws it
/// and the text it stands for.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FaceText {
    /// Indexed by original glyph id.
    slots: Vec<Slot>,
}

#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Unused,
    /// Drawn, but never as the first glyph of a cluster.
    Inside,
    /// Drawn, standing for this text.
    Text(Box<str>),
}

/// Every face the document draws, with its glyphs' text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct TextMap {
    pub(super) faces: BTreeMap<FontFace, FaceText>,
}

impl TextMap {
    /// The map for every glyph `doc` draws.
    pub(super) fn new(doc: &Document) -> TextMap {
        let mut map = TextMap::default();
        // a run is mostly one word the shaper shared between its occurrences: the
        // second occurrence of the same run can change nothing the first did not
        let mut seen: rustc_hash::FxHashSet<*const ShapedRun> = Default::default();
        for item in doc.pages.iter().flat_map(|p| &p.items) {
            if let Item::Text(t) = item {
                if seen.insert(std::sync::Arc::as_ptr(&t.run)) {
                    map.add(&t.run);
                }
            }
        }
        map
    }

    fn add(&mut self, run: &ShapedRun) {
        let face = self.faces.entry(run.face).or_insert_with(|| FaceText {
            slots: vec![Slot::Unused; run.face.face().number_of_glyphs() as usize],
        });
        for g in &run.glyphs {
            let slot = &mut face.slots[g.id as usize];
            match slot {
                Slot::Text(_) => {}
                _ if !g.text.is_empty() => *slot = Slot::Text(run.text[g.text.clone()].into()),
                Slot::Unused => *slot = Slot::Inside,
                Slot::Inside => {}
            }
        }
    }

    /// Whether `run` is wrapped in an `/ActualText` span carrying its text.
    pub(super) fn actual_text(&self, run: &ShapedRun) -> bool {
        matches!(run.face, FontFace::DevanagariRegular | FontFace::DevanagariBold)
    }
}

impl FaceText {
    /// The glyphs drawn, in glyph id order, each with the text its ToUnicode
    /// entry gives.
    pub(super) fn glyphs(&self) -> impl Iterator<Item = (u16, &str)> {
        self.slots.iter().enumerate().filter_map(|(id, slot)| match slot {
            Slot::Unused => None,
            Slot::Inside => Some((id as u16, "\u{200B}")),
            Slot::Text(t) => Some((id as u16, &**t)),
        })
    }

    /// The drawn glyph ids, in order.
    pub(super) fn ids(&self) -> impl Iterator<Item = u16> + '_ {
        self.glyphs().map(|(id, _)| id)
    }
}
