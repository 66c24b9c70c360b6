//! Fonts in the PDF: each face the document draws is cut down to its glyphs
//! (typst's `subsetter`), with the glyph ids renumbered, and written as a
//! `Type0` font over a `CIDFontType2` (Identity-H, so a glyph's code in the
//! content stream is its id in the subset): the `/W` widths from the font's
//! advances, the ToUnicode map from the [`TextMap`], and the font program
//! compressed, named `TAG+PostScriptName`.
//!
//! Subsetting and compressing a face's program costs more than anything else
//! in a small build, so [`Programs`] keeps each program made for a face and glyph
//! set: a build that writes two PDFs drawing the same glyphs makes it once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lopdf::{dictionary, Object, ObjectId, Stream};

use super::cmap::to_unicode;
use super::deflate::deflate;
use super::textmap::{FaceText, TextMap};
use crate::text::FontFace;

/// A face's font program cut down to some glyphs, compressed.
#[derive(Debug)]
pub(super) struct Program {
    /// Length of the uncompressed program (the stream's `/Length1`).
    len: usize,
    deflated: Vec<u8>,
}

/// A face and the glyphs (original ids, ascending) a program was cut down to.
type ProgramKey = (FontFace, Vec<u16>);

/// Font programs made so far, by face and glyph set.
#[derive(Debug, Default)]
pub struct Programs {
    made: Mutex<HashMap<ProgramKey, Arc<Program>>>,
}

impl Programs {
    pub fn new() -> Programs {
        Programs::default()
    }

    fn get(&self, face: FontFace, glyphs: Vec<u16>) -> Arc<Program> {
        if let Some(p) = self.made.lock().expect("font programs").get(&(face, glyphs.clone())) {
            return p.clone();
        }
        let mut remapper = subsetter::GlyphRemapper::new();
        for &id in &glyphs {
            remapper.remap(id);
        }
        let bytes = subsetter::subset(face.bytes(), 0, &remapper).expect("bundled fonts subset");
        let program = Arc::new(Program {
            len: bytes.len(),
            deflated: deflate(&bytes),
        });
        let mut made = self.made.lock().expect("font programs");
        made.entry((face, glyphs)).or_insert(program).clone()
    }
}

/// A face as the content stream uses it: new glyph ids and widths by original id.
pub(super) struct Subset {
    /// Indexed by original glyph id: the glyph's id in the subset (its code).
    pub(super) remap: Vec<u16>,
    /// Indexed by original glyph id: the advance `/W` gives it (thousandths of an em).
    pub(super) widths: Vec<f32>,
}

/// Every face of a document, subset.
pub(super) struct Fonts {
    pub(super) faces: Vec<(FontFace, Subset)>,
}

impl Fonts {
    pub(super) fn subset(&self, face: FontFace) -> &Subset {
        &self
            .faces
            .iter()
            .find(|(f, _)| *f == face)
            .expect("every face drawn is subset")
            .1
    }
}

/// Every face in `map` as the content stream uses it (glyph ids in the subset
/// and widths), in the order of their resource names, as printpdf wrote them.
pub(super) fn subsets(map: &TextMap) -> Fonts {
    let mut sorted: Vec<_> = map.faces.iter().collect();
    sorted.sort_by_key(|(face, _)| face.tag());
    let faces = sorted
        .into_iter()
        .map(|(&face, text)| {
            let n = face.face().number_of_glyphs() as usize;
            let mut remap = vec![0u16; n];
            let mut widths = vec![0.0f32; n];
            let scale = 1000.0 / face.units_per_em();
            // ids in the subset: .notdef stays 0, then the glyphs drawn in id order
            let ids: Vec<u16> = text.ids().collect();
            let first = if ids.first() == Some(&0) { 0 } else { 1 };
            for (new, &id) in ids.iter().enumerate() {
                remap[id as usize] = new as u16 + first;
                widths[id as usize] = advance(face, id) * scale;
            }
            (face, Subset { remap, widths })
        })
        .collect();
    Fonts { faces }
}

/// The font program of every face in `fonts` (subset and compressed, or taken
/// from `programs`), in the same order.
pub(super) fn programs(map: &TextMap, fonts: &Fonts, programs: &Programs) -> Vec<Arc<Program>> {
    fonts
        .faces
        .iter()
        .map(|(face, _)| programs.get(*face, map.faces[face].ids().collect()))
        .collect()
}

/// Add the fonts to `lo`: returns the font resource dictionary's entries
/// (resource name, font object).
pub(super) fn embed(
    lo: &mut lopdf::Document,
    map: &TextMap,
    fonts: &Fonts,
    programs: &[Arc<Program>],
) -> Vec<(String, ObjectId)> {
    fonts
        .faces
        .iter()
        .zip(programs)
        .map(|((face, subset), program)| {
            let font = write_font(lo, *face, &map.faces[face], &subset.remap, &subset.widths, program);
            (face.tag().to_string(), font)
        })
        .collect()
}

fn advance(face: FontFace, id: u16) -> f32 {
    face.face()
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id))
        .unwrap_or(0) as f32
}

/// A number as a PDF integer when it is one, else a real.
fn number(v: f32) -> Object {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        Object::Integer(v as i64)
    } else {
        Object::Real(v)
    }
}

/// The font's objects: program, descriptor, CID font, ToUnicode and the Type0 font.
fn write_font(
    lo: &mut lopdf::Document,
    face: FontFace,
    text: &FaceText,
    remap: &[u16],
    widths: &[f32],
    program: &Program,
) -> ObjectId {
    let ttf = face.face();
    let scale = 1000.0 / face.units_per_em();
    let scaled = |v: i16| Object::Integer((v as f32 * scale).round() as i64);
    let name = format!("{}+{}", face.tag(), face.postscript_name());

    let file = lo.add_object(Stream::new(
        dictionary! {
            "Length1" => program.len as i64,
            "Filter" => "FlateDecode",
        },
        program.deflated.clone(),
    ));
    let bbox = ttf.global_bounding_box();
    let italic = ttf.italic_angle();
    // PDF 32000-1 Table 123: nonsymbolic (the standard Latin set), italic
    let flags = 32 | if italic != 0.0 { 64 } else { 0 };
    // StemV is in no table: estimated from the weight class, as producers do
    let weight = ttf.weight().to_number() as f32;
    let stem_v = 50 + (weight / 65.0).powi(2).round() as i64;
    let descriptor = lo.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![scaled(bbox.x_min), scaled(bbox.y_min), scaled(bbox.x_max), scaled(bbox.y_max)],
        "ItalicAngle" => number(italic),
        "Ascent" => scaled(ttf.ascender()),
        "Descent" => scaled(ttf.descender()),
        "CapHeight" => scaled(ttf.capital_height().unwrap_or(ttf.ascender())),
        "StemV" => stem_v,
        "FontFile2" => file,
    });

    // /W: one run of consecutive codes from the first, each glyph's advance
    let mut by_code: Vec<(u16, f32)> = text.ids().map(|id| (remap[id as usize], widths[id as usize])).collect();
    by_code.sort_by_key(|&(code, _)| code);
    let first = by_code.first().map_or(0, |&(c, _)| c);
    let w = vec![
        Object::Integer(first as i64),
        Object::Array(by_code.iter().map(|&(_, w)| number(w)).collect()),
    ];
    let cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => w,
        "CIDToGIDMap" => "Identity",
    };
    let cmap = to_unicode(face.tag(), text.glyphs().map(|(id, t)| (remap[id as usize], t)));
    let to_unicode = lo.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&cmap)));
    lo.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Dictionary(cid_font)],
        "ToUnicode" => to_unicode,
    })
}
