//! The bundled fonts, parsed once, and which face draws which character.
//!
//! All fonts are IBM Plex (SIL Open Font License, see `fonts/`), compiled into the
//! binary. Latin text is set in IBM Plex Sans; characters it lacks (Devanagari)
//! fall back to IBM Plex Sans Devanagari, so VAANI's Hindi shapes into proper
//! conjuncts.

use std::sync::OnceLock;

/// The typographic style of a piece of text; the shaper picks the face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Italic,
    SemiBold,
    Bold,
    Mono,
}

impl Style {
    pub const ALL: [Style; 5] = [Style::Regular, Style::Italic, Style::SemiBold, Style::Bold, Style::Mono];
}

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
            FontFace::Regular => include_bytes!("../../fonts/IBMPlexSans-Regular.ttf"),
            FontFace::Italic => include_bytes!("../../fonts/IBMPlexSans-Italic.ttf"),
            FontFace::SemiBold => include_bytes!("../../fonts/IBMPlexSans-SemiBold.ttf"),
            FontFace::Bold => include_bytes!("../../fonts/IBMPlexSans-Bold.ttf"),
            FontFace::Mono => include_bytes!("../../fonts/IBMPlexMono-Regular.ttf"),
            FontFace::DevanagariRegular => include_bytes!("../../fonts/IBMPlexSansDevanagari-Regular.ttf"),
            FontFace::DevanagariBold => include_bytes!("../../fonts/IBMPlexSansDevanagari-Bold.ttf"),
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

    /// The parsed face, shared for the life of the process (parsed when first
    /// asked for: a build parses only the faces it uses).
    pub fn face(self) -> &'static rustybuzz::Face<'static> {
        static FACES: [OnceLock<rustybuzz::Face<'static>>; FontFace::ALL.len()] =
            [const { OnceLock::new() }; FontFace::ALL.len()];
        FACES[self as usize].get_or_init(|| rustybuzz::Face::from_slice(self.bytes(), 0).expect("bundled font parses"))
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

    /// The face that draws text of `style` (before any fallback).
    pub fn for_style(style: Style) -> FontFace {
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
    /// bit set, read from its cmap when first asked for (a cmap lookup per
    /// character was an eighth of a build): straight from the segments of its
    /// format 4 subtable, or, for a font without one, code point by code point.
    fn coverage(self) -> &'static [u64] {
        static SETS: [OnceLock<Vec<u64>>; FontFace::ALL.len()] = [const { OnceLock::new() }; FontFace::ALL.len()];
        SETS[self as usize].get_or_init(|| {
            let face = self.face();
            let cmap = face.raw_face().table(rustybuzz::ttf_parser::Tag::from_bytes(b"cmap"));
            if let Some(bits) = cmap.and_then(format4_coverage) {
                return bits;
            }
            let mut bits = vec![0u64; 0x10000 / 64];
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
    }
}

/// The BMP coverage of a cmap table's Unicode format 4 subtable, segment by
/// segment (OpenType `cmap`, format 4: segment mapping to delta values);
/// `None` when it has none or it is malformed.
fn format4_coverage(cmap: &[u8]) -> Option<Vec<u64>> {
    let u16_at = |d: &[u8], at: usize| -> Option<u16> { Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?])) };
    let tables = u16_at(cmap, 2)? as usize;
    let sub = (0..tables).find_map(|i| {
        let rec = 4 + i * 8;
        let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
        let offset = u32::from_be_bytes(cmap.get(rec + 4..rec + 8)?.try_into().ok()?) as usize;
        let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        (unicode && u16_at(cmap, offset)? == 4)
            .then(|| cmap.get(offset..))
            .flatten()
    })?;
    let segs = u16_at(sub, 6)? as usize / 2;
    let (ends, starts, deltas, offsets) = (14, 16 + 2 * segs, 16 + 4 * segs, 16 + 6 * segs);
    let mut bits = vec![0u64; 0x10000 / 64];
    for i in 0..segs {
        let (start, end) = (u16_at(sub, starts + 2 * i)? as u32, u16_at(sub, ends + 2 * i)? as u32);
        let delta = u16_at(sub, deltas + 2 * i)? as u32;
        let range_offset = u16_at(sub, offsets + 2 * i)? as usize;
        if start > end || (start == 0xFFFF && end == 0xFFFF) {
            continue;
        }
        for c in start..=end {
            let glyph = if range_offset == 0 {
                (c + delta) & 0xFFFF
            } else {
                let at = offsets + 2 * i + range_offset + 2 * (c - start) as usize;
                match u16_at(sub, at)? as u32 {
                    0 => 0,
                    g => (g + delta) & 0xFFFF,
                }
            };
            if glyph != 0 {
                bits[c as usize / 64] |= 1 << (c % 64);
            }
        }
    }
    Some(bits)
}

/// Whether any bundled font can draw `c` (controls and spaces count as drawable).
pub fn covers(c: char) -> bool {
    // every bundled text face has all of ASCII (a test checks it)
    c.is_ascii() || c.is_whitespace() || c.is_control() || is_joiner(c) || FontFace::ALL.iter().any(|f| f.has_glyph(c))
}

fn is_devanagari(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Which face draws `c` in `style`, given the face that drew the previous character.
pub(super) fn face_for(c: char, primary: FontFace, previous: Option<FontFace>) -> FontFace {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_from_segments_matches_the_cmap() {
        for f in FontFace::ALL {
            let face = f.face();
            let cmap = face
                .raw_face()
                .table(rustybuzz::ttf_parser::Tag::from_bytes(b"cmap"))
                .unwrap();
            assert!(format4_coverage(cmap).is_some(), "{f:?} has a format 4 subtable");
            for c in (0..0x10000u32).filter_map(char::from_u32) {
                let mapped = face.glyph_index(c).is_some_and(|g| g.0 != 0);
                assert_eq!(f.has_glyph(c), mapped, "{f:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn every_text_face_covers_ascii() {
        for f in [
            FontFace::Regular,
            FontFace::Italic,
            FontFace::SemiBold,
            FontFace::Bold,
            FontFace::Mono,
        ] {
            assert!((' '..='~').all(|c| f.has_glyph(c)), "{f:?}");
        }
    }

    #[test]
    fn coverage() {
        assert!(covers('C') && covers('#') && covers('–') && covers('क'));
        assert!(!covers('\u{1F600}'));
    }
}
