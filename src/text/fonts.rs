//! The bundled fonts, parsed once, and which face draws which character.
//!
//! The bundled fonts are IBM Plex (SIL Open Font License, see `fonts/`),
//! compiled into the binary. Latin text is set in IBM Plex Sans; characters it
//! lacks (Devanagari) fall back to IBM Plex Sans Devanagari, so VAANI's Hindi
//! shapes into proper conjuncts; characters neither has fall back to the user's
//! fonts ([`super::user`]), in the order they are named.

use std::sync::OnceLock;

use super::{chars, user};

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

/// A font face: one of the bundled ones, or a font file the user named
/// (registered by [`super::user::register`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontFace {
    Regular,
    Italic,
    SemiBold,
    Bold,
    Mono,
    DevanagariRegular,
    DevanagariBold,
    User(u8),
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

    /// Check `bytes` as a font file and register it (once per process) as a
    /// user's face.
    pub fn register(bytes: Vec<u8>) -> Result<FontFace, user::FontError> {
        user::register(bytes).map(FontFace::User)
    }

    /// The font program (a TrueType or OpenType file).
    pub fn bytes(self) -> &'static [u8] {
        match self {
            FontFace::User(i) => user::get(i).bytes,
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
            FontFace::User(i) => &user::get(i).tag,
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
            FontFace::User(i) => &user::get(i).postscript_name,
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
        match self {
            FontFace::User(i) => &user::get(i).face,
            _ => FACES[self.index()]
                .get_or_init(|| rustybuzz::Face::from_slice(self.bytes(), 0).expect("bundled font parses")),
        }
    }

    /// A small number unique per face: a bundled face's place in [`FontFace::ALL`],
    /// a user's face the places after them (below [`FontFace::SLOTS`]).
    pub fn index(self) -> usize {
        match self {
            FontFace::Regular => 0,
            FontFace::Italic => 1,
            FontFace::SemiBold => 2,
            FontFace::Bold => 3,
            FontFace::Mono => 4,
            FontFace::DevanagariRegular => 5,
            FontFace::DevanagariBold => 6,
            FontFace::User(i) => FontFace::ALL.len() + i as usize,
        }
    }

    /// How many values [`FontFace::index`] can take.
    pub const SLOTS: usize = FontFace::ALL.len() + user::MAX_USER_FONTS;

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

    pub fn has_glyph(self, c: char) -> bool {
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
        if let FontFace::User(i) = self {
            return &user::get(i).coverage;
        }
        SETS[self.index()].get_or_init(|| {
            let face = self.face();
            let cmap = face.raw_face().table(rustybuzz::ttf_parser::Tag::from_bytes(b"cmap"));
            cmap.and_then(format4_coverage).unwrap_or_else(|| user::coverage(face))
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

/// Whether the bundled fonts draw `c`: they have its glyph, or it is a space the
/// shaper widens the space glyph for, or it is never drawn (controls and the
/// invisible characters of [`super::chars`]). Right-to-left scripts are never
/// drawn: they print as boxes (and are warned about) until they are supported.
pub fn covers(c: char) -> bool {
    if chars::is_rtl(c) {
        return false;
    }
    // every bundled text face has all of ASCII (a test checks it)
    c.is_ascii()
        || c.is_control()
        || chars::is_invisible(c)
        || chars::has_space_fallback(c)
        || FontFace::ALL.iter().any(|f| f.has_glyph(c))
}

fn is_devanagari(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF)
}

/// Which face draws `c` in `style`, given the face that drew the previous
/// character: the style's face, the Devanagari one, then the user's fonts in
/// order (never for a right-to-left script: it would print reversed); `primary`
/// (its `.notdef`) when none has it.
pub(super) fn face_for(c: char, primary: FontFace, previous: Option<FontFace>, fallbacks: &[FontFace]) -> FontFace {
    // joiners, combining marks and spaces stay in the face of what precedes them,
    // so a run of Devanagari words is shaped as one run
    if chars::is_joiner(c) || (previous.is_some() && (is_combining_mark(c) || c.is_whitespace())) {
        return previous.unwrap_or(primary);
    }
    if is_devanagari(c) {
        return primary.fallback();
    }
    if primary.has_glyph(c) || c.is_whitespace() {
        primary
    } else if primary.fallback().has_glyph(c) {
        primary.fallback()
    } else if chars::is_rtl(c) {
        primary
    } else {
        fallbacks.iter().copied().find(|f| f.has_glyph(c)).unwrap_or(primary)
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
    fn a_font_file_is_registered_once() {
        let bytes = FontFace::Mono.bytes().to_vec();
        let a = FontFace::register(bytes.clone()).unwrap();
        let b = FontFace::register(bytes).unwrap();
        assert_eq!(a, b);
        assert!(matches!(a, FontFace::User(_)));
        assert_eq!(a.postscript_name(), "IBMPlexMono-Regular");
        assert!(a.tag().starts_with("FOLU") && a.tag().len() == 6);
        assert_ne!(a.tag(), FontFace::Mono.tag());
        assert_eq!(a.face().number_of_glyphs(), FontFace::Mono.face().number_of_glyphs());
        assert!(a.has_glyph('x') && !a.has_glyph('क'));
    }

    #[test]
    fn what_is_not_a_usable_font_says_why() {
        use user::FontError;
        assert_eq!(
            FontFace::register(b"ttcf\0\x01\0\0".to_vec()),
            Err(FontError::Collection)
        );
        assert_eq!(FontFace::register(b"wOF2 and so on".to_vec()), Err(FontError::WebFont));
        assert_eq!(
            FontFace::register(b"[profile]\nname = 1\n".to_vec()),
            Err(FontError::NotAFont)
        );
        assert_eq!(FontFace::register(Vec::new()), Err(FontError::NotAFont));
    }

    #[test]
    fn a_user_font_draws_what_the_bundled_faces_lack() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fonts/NotoSansSC-Subset.otf");
        let user = FontFace::register(std::fs::read(path).unwrap()).unwrap();
        assert_eq!(face_for('王', FontFace::Regular, None, &[user]), user);
        assert_eq!(face_for('王', FontFace::Bold, None, &[user]), user);
        // the bundled faces come first, and a character no one has stays with the style's
        assert_eq!(face_for('a', FontFace::Regular, None, &[user]), FontFace::Regular);
        assert_eq!(
            face_for('क', FontFace::Regular, None, &[user]),
            FontFace::DevanagariRegular
        );
        assert_eq!(face_for('龙', FontFace::Regular, None, &[user]), FontFace::Regular);
    }

    #[test]
    fn coverage() {
        assert!(covers('C') && covers('#') && covers('–') && covers('क'));
        assert!(!covers('\u{1F600}'));
    }
}
