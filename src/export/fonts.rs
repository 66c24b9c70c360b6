//! Fonts in the PDF: each face the document draws is cut down to its glyphs
//! (typst's `subsetter`), with the glyph ids renumbered, and written as a
//! `Type0` font named `TAG+PostScriptName`, its program compressed, its codes
//! one byte each when they all fit in one (else two, Identity-H).
//! Which code each drawn glyph is written as, the text each code stands for and
//! its width the face's [`TextMap`] decides: the `/W` widths and the ToUnicode map
//! are written from it. A TrueType face is a `CIDFontType2` whose `/CIDToGIDMap`
//! sends each code to its glyph (so one glyph can have several codes); a CFF
//! face (an OpenType user font such as Noto Sans CJK) is a `CIDFontType0` with
//! its program as `FontFile3` (`/OpenType`), and its codes are its glyph ids in
//! the subset.
//!
//! Subsetting and compressing a face's program costs more than anything else
//! in a small build, so [`Programs`] keeps each program made for a face and glyph
//! set: a build that writes two PDFs drawing the same glyphs makes it once; and
//! the part every subset of a bundled face shares was compressed when folio was
//! built ([`prefix`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lopdf::{dictionary, Object, ObjectId, Stream};

use super::cmap::to_unicode;
use super::deflate::deflate;
use super::textmap::{TextLayer, TextMap};
use crate::text::FontFace;

mod prefix;

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
        let bytes = subset_program(face, &glyphs);
        let program = Arc::new(Program {
            len: bytes.len(),
            deflated: prefix::deflate_program(face, &bytes),
        });
        let mut made = self.made.lock().expect("font programs");
        made.entry((face, glyphs)).or_insert(program).clone()
    }
}

/// `face`'s font program cut down to `glyphs` (original ids), renumbered in
/// their order.
fn subset_program(face: FontFace, glyphs: &[u16]) -> Vec<u8> {
    let mut remapper = subsetter::GlyphRemapper::new();
    for &id in glyphs {
        remapper.remap(id);
    }
    subsetter::subset(face.bytes(), 0, &remapper).expect("bundled fonts subset")
}

/// A face as the content stream uses it.
pub(super) struct Subset {
    /// Indexed by original glyph id: the glyph's id in the subset.
    pub(super) remap: Vec<u16>,
    /// Whether codes are the [`TextMap`]'s own (sent to glyphs by a
    /// `/CIDToGIDMap`), else glyph ids.
    free: bool,
    /// Whether every code is below 256 and written as one byte (free codes
    /// only, in a document of [`ONE_BYTE_FROM_PAGES`] or more): the font's
    /// `/Encoding` is then [`ONE_BYTE_CMAP`], not Identity-H.
    narrow: bool,
}

impl Subset {
    /// The code the content stream writes for a [`TextMap`] code: itself when
    /// codes are free, else the glyph's id in the subset.
    #[inline]
    pub(super) fn pdf_code(&self, code: u16) -> u16 {
        if self.free {
            code
        } else {
            self.remap[code as usize]
        }
    }

    /// [`Subset::pdf_code`], and whether it is written as one byte.
    #[inline]
    pub(super) fn code(&self, code: u16) -> (u16, bool) {
        (self.pdf_code(code), self.narrow)
    }
}

/// The `/Encoding` CMap of a font whose codes are single bytes: each byte is the
/// CID of the same number (as Identity-H is for two bytes), so `/W`, the
/// `/CIDToGIDMap` and everything else about the font stay as they are. Half the
/// bytes of two-byte codes in the content streams: a quarter less to compress
/// and to write. Readers parse it from the stream (poppler, pdf.js, mupdf);
/// pdfminer.six reads only its name, which it knows as the one-byte identity.
const ONE_BYTE_CMAP: &str = "%!PS-Adobe-3.0 Resource-CMap\n\
/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
/CIDSystemInfo 3 dict dup begin\n/Registry (Adobe) def\n/Ordering (Identity) def\n/Supplement 0 def\nend def\n\
/CMapName /OneByteIdentityH def\n/CMapVersion 1.000 def\n/CMapType 1 def\n/WMode 0 def\n\
1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
1 begincidrange\n<00> <FF> 0\nendcidrange\n\
endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";

/// Adobe-Identity-0: the character collection of every CID font folio writes,
/// and of the one-byte CMap, which PDF/A wants to be the same as its fonts'.
fn identity_system() -> lopdf::Dictionary {
    dictionary! {
        "Registry" => Object::string_literal("Adobe"),
        "Ordering" => Object::string_literal("Identity"),
        "Supplement" => 0,
    }
}

/// The [`ONE_BYTE_CMAP`] stream, compressed (once per process: a small PDF
/// would otherwise carry more bytes in it than its one-byte codes save).
fn one_byte_cmap() -> Stream {
    static DEFLATED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    Stream::new(
        dictionary! {
            "Type" => "CMap",
            "CMapName" => "OneByteIdentityH",
            "CIDSystemInfo" => identity_system(),
            "WMode" => 0,
            "Filter" => "FlateDecode",
        },
        DEFLATED.get_or_init(|| deflate(ONE_BYTE_CMAP.as_bytes())).clone(),
    )
    .with_compression(false)
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

/// Pages from which a document's fonts whose codes fit in a byte are written
/// with one-byte codes: their CMap (about 400 bytes with its object) costs
/// more than the codes save in a page or two (a one-page résumé: 52,384 ->
/// 52,507 bytes), and less in longer ones (20 pages: 176,357 -> 172,174).
pub(super) const ONE_BYTE_FROM_PAGES: usize = 8;

/// Every face in `layer` as the content stream uses it, in the order of their
/// resource names; with `one_byte`, the faces whose codes fit in a byte write
/// them as one.
pub(super) fn subsets(layer: &TextLayer, one_byte: bool) -> Fonts {
    let mut sorted: Vec<_> = layer.faces.iter().collect();
    sorted.sort_by_key(|(face, _)| face.tag());
    let faces = sorted
        .into_iter()
        .map(|(&face, map)| {
            let mut remap = vec![0u16; face.face().number_of_glyphs() as usize];
            // ids in the subset: .notdef stays 0, then the glyphs drawn in id order
            let ids = map.glyphs();
            let first = if ids.first() == Some(&0) { 0 } else { 1 };
            for (new, &id) in ids.iter().enumerate() {
                remap[id as usize] = new as u16 + first;
            }
            let free = map.free_codes();
            let narrow = one_byte && free && map.code_count() <= 256;
            (face, Subset { remap, free, narrow })
        })
        .collect();
    Fonts { faces }
}

/// The font program of every face in `fonts` (subset and compressed, or taken
/// from `programs`), in the same order; with `parallel`, one face per job of the
/// thread pool.
pub(super) fn programs(layer: &TextLayer, fonts: &Fonts, programs: &Programs, parallel: bool) -> Vec<Arc<Program>> {
    use rayon::prelude::*;
    let program = |(face, _): &(FontFace, Subset)| programs.get(*face, layer.faces[face].glyphs());
    if parallel {
        fonts.faces.par_iter().map(program).collect()
    } else {
        fonts.faces.iter().map(program).collect()
    }
}

/// Add the fonts to `lo`: returns the font resource dictionary's entries
/// (resource name, font object).
pub(super) fn embed(
    lo: &mut lopdf::Document,
    layer: &TextLayer,
    fonts: &Fonts,
    programs: &[Arc<Program>],
) -> Vec<(String, ObjectId)> {
    // one encoding for every font whose codes are single bytes
    let mut one_byte = None;
    fonts
        .faces
        .iter()
        .zip(programs)
        .map(|((face, subset), program)| {
            let encoding = if subset.narrow {
                Object::Reference(*one_byte.get_or_insert_with(|| lo.add_object(one_byte_cmap())))
            } else {
                Object::Name(b"Identity-H".to_vec())
            };
            let font = write_font(lo, *face, &layer.faces[face], subset, program, encoding);
            (face.tag().to_string(), font)
        })
        .collect()
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
    map: &TextMap,
    subset: &Subset,
    program: &Program,
    encoding: Object,
) -> ObjectId {
    let ttf = face.face();
    let scale = 1000.0 / face.units_per_em();
    let scaled = |v: i16| Object::Integer((v as f32 * scale).round() as i64);
    let name = format!("{}+{}", face.tag(), face.postscript_name());

    let cff = !map.free_codes();
    let file = lo.add_object(Stream::new(
        if cff {
            dictionary! { "Subtype" => "OpenType", "Filter" => "FlateDecode" }
        } else {
            dictionary! { "Length1" => program.len as i64, "Filter" => "FlateDecode" }
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
    let mut descriptor = dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Flags" => flags,
        "FontBBox" => vec![scaled(bbox.x_min), scaled(bbox.y_min), scaled(bbox.x_max), scaled(bbox.y_max)],
        "ItalicAngle" => number(italic),
        "Ascent" => scaled(ttf.ascender()),
        "Descent" => scaled(ttf.descender()),
        "CapHeight" => scaled(ttf.capital_height().unwrap_or(ttf.ascender())),
        "StemV" => stem_v,
    };
    descriptor.set(if cff { "FontFile3" } else { "FontFile2" }, file);
    let descriptor = lo.add_object(descriptor);

    // the codes as the content stream writes them, ascending
    let mut entries: Vec<(u16, i32, &str)> = map
        .entries()
        .map(|(code, _, text)| (subset.pdf_code(code), map.width(code), text))
        .collect();
    entries.sort_by_key(|e| e.0);
    // /W: a run of widths for each stretch of consecutive codes
    let mut w = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let first = entries[i].0;
        let mut run = Vec::new();
        while i < entries.len() && entries[i].0 as usize == first as usize + run.len() {
            run.push(Object::Integer(entries[i].1 as i64));
            i += 1;
        }
        w.push(Object::Integer(first as i64));
        w.push(Object::Array(run));
    }
    let mut cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => if cff { "CIDFontType0" } else { "CIDFontType2" },
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => identity_system(),
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => w,
    };
    if !cff {
        let mut gid_map = Stream::new(lopdf::Dictionary::new(), map.cid_to_gid(&|g| subset.remap[g as usize]));
        // two bytes a code: a small map costs more to inflate than it saves
        if gid_map.content.len() > 2048 {
            gid_map = Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&gid_map.content));
        }
        cid_font.set("CIDToGIDMap", lo.add_object(gid_map.with_compression(false)));
    }
    let cmap = to_unicode(
        face.tag(),
        subset.narrow,
        entries.iter().map(|&(code, _, text)| (code, text)),
    );
    let to_unicode = lo.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&cmap)));
    lo.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.into_bytes()),
        "Encoding" => encoding,
        "DescendantFonts" => vec![Object::Dictionary(cid_font)],
        "ToUnicode" => to_unicode,
    })
}
