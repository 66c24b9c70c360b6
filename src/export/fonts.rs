//! Fonts in the PDF: each face used is subset to the glyphs the document draws
//! (typst's `subsetter`; printpdf only subsets with its heavy `text_layout`
//! feature), with the glyph ids renumbered, the `/W` widths and the text each
//! glyph stands for (ToUnicode), and named `TAG+PostScriptName`.

use std::collections::BTreeMap;

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use crate::layout::frame::{Document, Item};
use crate::text::FontFace;

/// A font face cut down to the glyphs a document uses.
pub(super) struct Subset {
    bytes: Vec<u8>,
    /// Indexed by original glyph id: the glyph id in the subset.
    pub(super) remap: Vec<u16>,
    /// Indexed by original glyph id: the advance as printpdf writes it in `/W`
    /// (thousandths of an em, truncated).
    pub(super) widths: Vec<f32>,
    /// Indexed by original glyph id: the text the glyph stands for (ToUnicode).
    pub(super) unicode: Vec<String>,
}

pub(super) struct SubsetFonts {
    pub(super) faces: BTreeMap<FontFace, Subset>,
}

impl SubsetFonts {
    pub(super) fn new(doc: &Document) -> Self {
        // glyphs per face and the text each stands for: the first cluster text seen
        // wins; a glyph seen only inside clusters maps to a zero-width space
        let mut used: BTreeMap<FontFace, Vec<Option<Option<String>>>> = BTreeMap::new();
        for page in &doc.pages {
            for item in &page.items {
                let Item::Text(t) = item else { continue };
                let slots = used
                    .entry(t.run.face)
                    .or_insert_with(|| vec![None; t.run.face.face().number_of_glyphs() as usize]);
                for g in &t.run.glyphs {
                    let slot = &mut slots[g.id as usize];
                    if !matches!(slot, Some(Some(_))) {
                        *slot = Some((!g.text.is_empty()).then(|| t.run.text[g.text.clone()].to_string()));
                    }
                }
            }
        }
        let faces = used
            .into_iter()
            .map(|(face, slots)| {
                let mut remapper = subsetter::GlyphRemapper::new();
                let mut remap = vec![0u16; slots.len()];
                let mut widths = vec![0.0f32; slots.len()];
                let mut unicode = vec![String::new(); slots.len()];
                let ttf = face.face();
                let upem = ttf.units_per_em() as f32;
                for (id, slot) in slots.into_iter().enumerate() {
                    let Some(text) = slot else { continue };
                    remap[id] = remapper.remap(id as u16);
                    let adv = ttf
                        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id as u16))
                        .unwrap_or(0);
                    widths[id] = (adv as f32 * 1000.0 / upem).trunc();
                    unicode[id] = text.unwrap_or_else(|| "\u{200B}".to_string());
                }
                let bytes = subsetter::subset(face.bytes(), 0, &remapper).expect("bundled fonts subset");
                (
                    face,
                    Subset {
                        bytes,
                        remap,
                        widths,
                        unicode,
                    },
                )
            })
            .collect();
        SubsetFonts { faces }
    }

    /// Add every subset font to the document's resources, named by its face's tag.
    pub(super) fn register(&self, pdf: &mut PdfDocument) {
        for (face, subset) in &self.faces {
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings).expect("subset font parses");
            pdf.resources
                .fonts
                .map
                .insert(FontId(face.tag().to_string()), PdfFont::new(parsed));
        }
    }

    /// Give every font dictionary its subset name.
    pub(super) fn tag_names(&self, lo: &mut lopdf::Document) {
        use lopdf::Object;
        // printpdf names each font after its resource id (our six-letter tag) or the
        // face's PostScript name; either way it becomes `TAG+PostScriptName`.
        let mut names: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
        for f in self.faces.keys() {
            let tagged = format!("{}+{}", f.tag(), f.postscript_name()).into_bytes();
            names.insert(f.tag().as_bytes().to_vec(), tagged.clone());
            names.insert(f.postscript_name().as_bytes().to_vec(), tagged);
        }
        for (_, obj) in lo.objects.iter_mut() {
            let dict = match obj {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &mut s.dict,
                _ => continue,
            };
            for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
                if let Ok(Object::Name(name)) = dict.get_mut(key) {
                    if let Some(tagged) = names.get(name.as_slice()) {
                        *name = tagged.clone();
                    }
                }
            }
        }
    }
}
