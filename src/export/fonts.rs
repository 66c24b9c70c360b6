//! Fonts in the PDF: each face used is subset to the glyphs the document draws
//! (typst's `subsetter`; printpdf only subsets with its heavy `text_layout`
//! feature), with the glyph ids renumbered and named `TAG+PostScriptName`.
//! Which code each drawn glyph is written as, and the text each code stands for,
//! the face's [`TextMap`] decides; [`SubsetFonts::fix_dicts`] then writes the
//! font's `/ToUnicode`, `/W` and `/CIDToGIDMap` from it over printpdf's.

use std::collections::{BTreeMap, HashMap};

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};

use super::textmap::{MappedRun, TextMap};
use crate::layout::frame::{Document, Item};
use crate::text::{FontFace, ShapedRun};

/// A font face cut down to the glyphs a document uses.
pub(super) struct Subset {
    bytes: Vec<u8>,
    /// Indexed by original glyph id: the glyph id in the subset.
    pub(super) remap: Vec<u16>,
    /// The codes of the face's glyphs and the text each stands for.
    map: TextMap,
}

impl Subset {
    /// The code the content stream writes for a [`TextMap`] code: itself when
    /// codes are free (the `/CIDToGIDMap` sends it to its glyph), else the
    /// glyph's id in the subset.
    pub(super) fn pdf_code(&self, code: u16) -> u16 {
        if self.map.free_codes() {
            code
        } else {
            self.remap[code as usize]
        }
    }
}

pub(super) struct SubsetFonts {
    pub(super) faces: BTreeMap<FontFace, Subset>,
    /// How each run is written, by the run's address (the same run drawn twice
    /// is written the same way).
    runs: HashMap<*const ShapedRun, MappedRun>,
}

impl SubsetFonts {
    pub(super) fn new(doc: &Document) -> Self {
        let mut maps: BTreeMap<FontFace, TextMap> = BTreeMap::new();
        let mut runs = HashMap::new();
        for page in &doc.pages {
            for item in &page.items {
                let Item::Text(t) = item else { continue };
                let face = t.run.face;
                let key: *const ShapedRun = &*t.run;
                if runs.contains_key(&key) {
                    continue;
                }
                // TrueType outlines can be reached by any code (CIDToGIDMap); CFF ones only by their id
                let map = maps
                    .entry(face)
                    .or_insert_with(|| TextMap::new(face.face().tables().glyf.is_some()));
                let cmap = |c: char| face.face().glyph_index(c).map(|g| g.0);
                runs.insert(key, map.map_run(&t.run, &cmap, &|id| advance(face, id)));
            }
        }
        let faces = maps
            .into_iter()
            .map(|(face, map)| {
                let n = face.face().number_of_glyphs() as usize;
                let mut remapper = subsetter::GlyphRemapper::new();
                let mut remap = vec![0u16; n];
                for id in map.glyphs() {
                    remap[id as usize] = remapper.remap(id);
                }
                // a user font was subset once when it was registered
                let bytes = subsetter::subset(face.bytes(), 0, &remapper).expect("fonts subset");
                (face, Subset { bytes, remap, map })
            })
            .collect();
        SubsetFonts { faces, runs }
    }

    /// How `run` is written (every run of the document was mapped in [`Self::new`]).
    pub(super) fn mapped(&self, run: &ShapedRun) -> &MappedRun {
        &self.runs[&(run as *const ShapedRun)]
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

    /// Write each font's `/ToUnicode`, `/W` and `/CIDToGIDMap` from its
    /// [`TextMap`] (printpdf writes them from the glyph ids it was given, which
    /// are codes here). Call after [`Self::tag_names`].
    pub(super) fn fix_dicts(&self, lo: &mut lopdf::Document) {
        use lopdf::{Object, Stream};
        for (face, subset) in &self.faces {
            let name = format!("{}+{}", face.tag(), face.postscript_name()).into_bytes();
            let type0: Vec<lopdf::ObjectId> = lo
                .objects
                .iter()
                .filter(|(_, o)| {
                    o.as_dict().is_ok_and(|d| {
                        d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|s| s == b"Type0")
                            && d.get(b"BaseFont")
                                .and_then(|b| b.as_name())
                                .is_ok_and(|b| b == name.as_slice())
                    })
                })
                .map(|(id, _)| *id)
                .collect();
            let mut entries: Vec<(u16, i32, &str)> = subset
                .map
                .entries()
                .map(|(code, _, text)| (subset.pdf_code(code), subset.map.width(code), text))
                .collect();
            entries.sort_by_key(|e| e.0);
            let cmap = TextMap::to_unicode(entries.iter().map(|&(code, _, text)| (code, text)));
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
            let cid_to_gid = subset
                .map
                .free_codes()
                .then(|| subset.map.cid_to_gid(&|g| subset.remap[g as usize]));
            for id in type0 {
                let to_unicode = lo.add_object(Stream::new(lopdf::Dictionary::new(), cmap.clone().into_bytes()));
                let gid_map = cid_to_gid.clone().map(|bytes| {
                    let mut stream = Stream::new(lopdf::Dictionary::new(), bytes);
                    // two bytes a code: starting a compressor costs more than it saves
                    stream.allows_compression = stream.content.len() > 2048;
                    lo.add_object(stream)
                });
                let Ok(dict) = lo.get_dictionary_mut(id) else { continue };
                let old = dict.get(b"ToUnicode").and_then(Object::as_reference).ok();
                dict.set("ToUnicode", Object::Reference(to_unicode));
                if let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") {
                    if let Some(Object::Dictionary(cid_font)) = descendants.first_mut() {
                        cid_font.set("W", Object::Array(w.clone()));
                        if let Some(gid_map) = gid_map {
                            cid_font.set("CIDToGIDMap", Object::Reference(gid_map));
                        }
                    }
                }
                // printpdf's map is referenced by nothing now: leave it out of the file
                if let Some(old) = old {
                    lo.objects.remove(&old);
                }
            }
        }
    }
}

/// A glyph's advance as `/W` gives it: thousandths of an em, truncated.
fn advance(face: FontFace, id: u16) -> i32 {
    let ttf = face.face();
    let adv = ttf.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id)).unwrap_or(0);
    (adv as f32 * 1000.0 / ttf.units_per_em() as f32).trunc() as i32
}
