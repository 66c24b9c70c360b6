//! The bundled fonts, parsed once, and text shaping with rustybuzz.
//!
//! All fonts are IBM Plex (SIL Open Font License, see `fonts/`), compiled into the
//! binary. Latin text is set in IBM Plex Sans; characters it lacks (Devanagari)
//! fall back to IBM Plex Sans Devanagari, so VAANI's Hindi shapes into proper
//! conjuncts. Shaping results are cached per (font, text), since the same words
//! recur across a document.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use crate::layout::text::{Glyph, ShapedRun, Shaper, Style};

/// One of the bundled font faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontFace {
    Regular,
    Italic,
    SemiBold,
    Bold,
    Mono,
    DevanagariRegular,
    DevanagariBold,
}

impl FontFace {
    pub const ALL: [FontFace; 7] = [
        FontFace::Regular,
        FontFace::Italic,
        FontFace::SemiBold,
        FontFace::Bold,
        FontFace::Mono,
        FontFace::DevanagariRegular,
        FontFace::DevanagariBold,
    ];

    /// The font program (a TrueType file).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontFace::Regular => include_bytes!("../fonts/IBMPlexSans-Regular.ttf"),
            FontFace::Italic => include_bytes!("../fonts/IBMPlexSans-Italic.ttf"),
            FontFace::SemiBold => include_bytes!("../fonts/IBMPlexSans-SemiBold.ttf"),
            FontFace::Bold => include_bytes!("../fonts/IBMPlexSans-Bold.ttf"),
            FontFace::Mono => include_bytes!("../fonts/IBMPlexMono-Regular.ttf"),
            FontFace::DevanagariRegular => include_bytes!("../fonts/IBMPlexSansDevanagari-Regular.ttf"),
            FontFace::DevanagariBold => include_bytes!("../fonts/IBMPlexSansDevanagari-Bold.ttf"),
        }
    }

    /// A six-capital-letter tag, unique per face: the PDF resource name and subset tag.
    pub fn tag(self) -> &'static str {
        match self {
            FontFace::Regular => "FOLIOR",
            FontFace::Italic => "FOLIOI",
            FontFace::SemiBold => "FOLIOS",
            FontFace::Bold => "FOLIOB",
            FontFace::Mono => "FOLIOM",
            FontFace::DevanagariRegular => "FOLIDR",
            FontFace::DevanagariBold => "FOLIDB",
        }
    }

    /// The face's PostScript name, as PDF font dictionaries name it.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FontFace::Regular => "IBMPlexSans-Regular",
            FontFace::Italic => "IBMPlexSans-Italic",
            FontFace::SemiBold => "IBMPlexSans-SemiBold",
            FontFace::Bold => "IBMPlexSans-Bold",
            FontFace::Mono => "IBMPlexMono-Regular",
            FontFace::DevanagariRegular => "IBMPlexSansDevanagari-Regular",
            FontFace::DevanagariBold => "IBMPlexSansDevanagari-Bold",
        }
    }

    /// The parsed face, shared for the life of the process.
    pub fn face(self) -> &'static rustybuzz::Face<'static> {
        static FACES: OnceLock<Vec<rustybuzz::Face<'static>>> = OnceLock::new();
        let faces = FACES.get_or_init(|| {
            FontFace::ALL
                .iter()
                .map(|f| rustybuzz::Face::from_slice(f.bytes(), 0).expect("bundled font parses"))
                .collect()
        });
        &faces[self as usize]
    }

    pub fn units_per_em(self) -> f32 {
        self.face().units_per_em() as f32
    }

    fn fallback(self) -> FontFace {
        match self {
            FontFace::SemiBold | FontFace::Bold | FontFace::DevanagariBold => FontFace::DevanagariBold,
            _ => FontFace::DevanagariRegular,
        }
    }

    fn for_style(style: Style) -> FontFace {
        match style {
            Style::Regular => FontFace::Regular,
            Style::Italic => FontFace::Italic,
            Style::SemiBold => FontFace::SemiBold,
            Style::Bold => FontFace::Bold,
            Style::Mono => FontFace::Mono,
        }
    }

    fn has_glyph(self, c: char) -> bool {
        match self.coverage().get(c as usize / 64) {
            Some(word) => word & (1 << (c as usize % 64)) != 0,
            None => self.face().glyph_index(c).is_some(),
        }
    }

    /// Which Basic Multilingual Plane characters the face maps to a glyph, as a
    /// bit set, read from its cmap once (a cmap lookup per character was an
    /// eighth of a build).
    fn coverage(self) -> &'static [u64] {
        static SETS: OnceLock<Vec<Vec<u64>>> = OnceLock::new();
        let sets = SETS.get_or_init(|| {
            FontFace::ALL
                .iter()
                .map(|f| {
                    let mut bits = vec![0u64; 0x10000 / 64];
                    let face = f.face();
                    for sub in face.tables().cmap.iter().flat_map(|c| c.subtables) {
                        if !sub.is_unicode() {
                            continue;
                        }
                        sub.codepoints(|cp| {
                            if cp < 0x10000 && sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                                bits[cp as usize / 64] |= 1 << (cp % 64);
                            }
                        });
                    }
                    bits
                })
                .collect()
        });
        &sets[self as usize]
    }
}

/// Whether any bundled font can draw `c` (controls and spaces count as drawable).
pub fn covers(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_joiner(c) || FontFace::ALL.iter().any(|f| f.has_glyph(c))
}

fn is_devanagari(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Which face draws `c` in `style`, given the face that drew the previous character.
fn face_for(c: char, primary: FontFace, previous: Option<FontFace>) -> FontFace {
    // joiners, combining marks and spaces stay in the face of what precedes them,
    // so a run of Devanagari words is shaped as one run
    if is_joiner(c) || (previous.is_some() && (is_combining_mark(c) || c.is_whitespace())) {
        return previous.unwrap_or(primary);
    }
    if is_devanagari(c) {
        return primary.fallback();
    }
    if primary.has_glyph(c) || c.is_whitespace() {
        primary
    } else if primary.fallback().has_glyph(c) {
        primary.fallback()
    } else {
        primary
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The runs one piece of text shapes into.
type Runs = Vec<Rc<ShapedRun>>;

/// The real shaper: rustybuzz over the bundled fonts, with a cache of shaped text.
#[derive(Default)]
pub struct FontShaper {
    cache: RefCell<HashMap<(FontFace, String), Rc<ShapedRun>>>,
    /// Compiled shape plans per face, direction and script (compiling one costs
    /// more than shaping a paragraph).
    plans: RefCell<HashMap<(FontFace, rustybuzz::Direction, rustybuzz::Script), Rc<rustybuzz::ShapePlan>>>,
    /// Whole `shape` results per style and text (words recur across a document).
    segmented: RefCell<HashMap<(Style, String), Runs>>,
}

impl FontShaper {
    pub fn new() -> Self {
        Self::default()
    }

    /// Shape text that one face draws, at 1000 units per em (`size` scales later).
    fn shape_face(&self, face: FontFace, text: &str) -> Rc<ShapedRun> {
        let key = (face, text.to_string());
        if let Some(hit) = self.cache.borrow().get(&key) {
            return hit.clone();
        }
        let rb = face.face();
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let plan_key = (face, buffer.direction(), buffer.script());
        let plan = self
            .plans
            .borrow_mut()
            .entry(plan_key)
            .or_insert_with(|| Rc::new(rustybuzz::ShapePlan::new(rb, plan_key.1, Some(plan_key.2), None, &[])))
            .clone();
        let shaped = rustybuzz::shape_with_plan(rb, &plan, buffer);
        let scale = 1000.0 / face.units_per_em();
        let infos = shaped.glyph_infos();
        let positions = shaped.glyph_positions();
        // Cluster boundaries: glyphs sharing a cluster value form one cluster; the
        // cluster's text runs from its byte offset to the next cluster's.
        let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let cluster_end = |start: usize| -> usize {
            match starts.binary_search(&start) {
                Ok(i) if i + 1 < starts.len() => starts[i + 1],
                _ => text.len(),
            }
        };
        let mut glyphs = Vec::with_capacity(infos.len());
        let mut seen_cluster: Option<usize> = None;
        for (info, pos) in infos.iter().zip(positions) {
            let cluster = info.cluster as usize;
            let first = seen_cluster != Some(cluster);
            seen_cluster = Some(cluster);
            glyphs.push(Glyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance as f32 * scale,
                x_offset: pos.x_offset as f32 * scale,
                y_offset: pos.y_offset as f32 * scale,
                text: if first {
                    cluster..cluster_end(cluster)
                } else {
                    cluster..cluster
                },
            });
        }
        let width = glyphs.iter().map(|g| g.advance).sum();
        let run = Rc::new(ShapedRun {
            face,
            text: text.to_string(),
            glyphs,
            width,
        });
        self.cache.borrow_mut().insert(key, run.clone());
        run
    }
}

impl FontShaper {
    /// Split `text` into runs by the face that draws each character, and shape them.
    fn segment_and_shape(&self, text: &str, style: Style) -> Vec<Rc<ShapedRun>> {
        let primary = FontFace::for_style(style);
        let mut runs = Vec::new();
        let mut start = 0;
        let mut current: Option<FontFace> = None;
        for (i, c) in text.char_indices() {
            let face = face_for(c, primary, current);
            match current {
                Some(f) if f != face => {
                    runs.push(self.shape_face(f, &text[start..i]));
                    start = i;
                }
                _ => {}
            }
            current = Some(face);
        }
        if let Some(f) = current {
            runs.push(self.shape_face(f, &text[start..]));
        }
        runs
    }
}

impl Shaper for FontShaper {
    fn shape(&self, text: &str, style: Style) -> Vec<Rc<ShapedRun>> {
        let key = (style, text.to_string());
        if let Some(hit) = self.segmented.borrow().get(&key) {
            return hit.clone();
        }
        let runs = self.segment_and_shape(text, style);
        self.segmented.borrow_mut().insert(key, runs.clone());
        runs
    }

    fn ascender(&self, style: Style) -> f32 {
        let f = FontFace::for_style(style);
        f.face().ascender() as f32 * 1000.0 / f.units_per_em()
    }

    fn descender(&self, style: Style) -> f32 {
        let f = FontFace::for_style(style);
        -(f.face().descender() as f32) * 1000.0 / f.units_per_em()
    }

    fn cap_height(&self, style: Style) -> f32 {
        let f = FontFace::for_style(style);
        f.face().capital_height().unwrap_or(f.face().ascender()) as f32 * 1000.0 / f.units_per_em()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_is_applied() {
        let s = FontShaper::new();
        let shaped: f32 = s
            .shape("AVATAR Toyota WAVE", Style::Regular)
            .iter()
            .map(|r| r.width)
            .sum();
        let face = FontFace::Regular.face();
        let unkerned: f32 = "AVATAR Toyota WAVE"
            .chars()
            .map(|c| face.glyph_hor_advance(face.glyph_index(c).unwrap()).unwrap() as f32)
            .sum::<f32>()
            * 1000.0
            / FontFace::Regular.units_per_em();
        assert!(shaped < unkerned - 50.0, "shaped {shaped} vs unkerned {unkerned}");
    }

    #[test]
    fn devanagari_falls_back_and_forms_conjuncts() {
        let s = FontShaper::new();
        let runs = s.shape("Hindi हिन्दी क्ष", Style::Regular);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].face, FontFace::Regular);
        assert_eq!(runs[1].face, FontFace::DevanagariRegular);
        assert_eq!(runs[1].text, "हिन्दी क्ष");
        // क्ष (3 code points) is one conjunct glyph
        let ksha = s.shape("क्ष", Style::Regular);
        assert_eq!(ksha[0].glyphs.len(), 1);
        assert_eq!(&ksha[0].text[ksha[0].glyphs[0].text.clone()], "क्ष");
        // the i-matra is reordered before its consonant: first glyph carries the cluster
        let ki = s.shape("कि", Style::Regular);
        assert_eq!(ki[0].glyphs.len(), 2);
        assert_eq!(&ki[0].text[ki[0].glyphs[0].text.clone()], "कि");
        assert!(ki[0].glyphs[1].text.is_empty());
    }

    #[test]
    fn coverage() {
        assert!(covers('C') && covers('#') && covers('–') && covers('क'));
        assert!(!covers('\u{1F600}'));
    }
}
