//! Pair kerning looked up once per face and glyph pair, instead of rustybuzz's
//! walk through the `kern` lookups for every glyph of every word it shapes.
//!
//! Kerning was half of all shaping: the bundled Plex Sans faces kern in four
//! lookups of three pair-adjustment subtables each, and rustybuzz searches each
//! subtable's coverage for each glyph (callgrind, bundled content: its
//! `position` 4.66 M of the shaper's 8.75 M instructions, 3,530 pair
//! adjustments at about 1,150 instructions each). Where that work can only ever
//! add each pair's value to the first glyph, folio shapes with `kern` off and
//! adds the same values itself, remembering each pair's value, when:
//!
//! - the face ([`Kerning::of`]): each script's `kern` lookups (Plex Sans kerns
//!   `latn` with two of its four, `DFLT` with all four; [`Kerning::script_for`]
//!   picks the script as rustybuzz does) are pair adjustments only, flagged at
//!   most to skip marks; the only other features rustybuzz turns on that the
//!   face's `GPOS` has are `mark` and `mkmk`, mark attachments whose marks the
//!   face's glyph classes call marks; no required features or feature
//!   variations;
//! - the text ([`plain`]): letters, digits, punctuation and symbols of Latin,
//!   nothing default-ignorable or combining, so no glyph is skipped between two;
//! - the shaped glyphs: none a mark (then no mark lookup applies either), and no
//!   pair whose second glyph the font adjusts too ([`Kerning::pair`] says so).
//!
//! Anything else is shaped by rustybuzz with `kern` on, as before. A test shapes
//! every pair of the characters [`plain`] admits both ways in each bundled face
//! and finds the same glyphs and positions.

use std::sync::Mutex;

use rustc_hash::FxHashMap;
use rustybuzz::ttf_parser::gdef::{self, GlyphClass};
use rustybuzz::ttf_parser::gpos::{PairAdjustment, PositioningSubtable, ValueRecord};
use rustybuzz::ttf_parser::opentype_layout::{Coverage, LayoutTable, LookupIndex};
use rustybuzz::ttf_parser::{GlyphId, Tag};

/// What one pair of glyphs adds to the first glyph's position, in font units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Adjust {
    pub x_advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
}

/// A face's pair kerning, for the faces that qualify (see the module's doc).
pub(super) struct Kerning {
    /// The face's glyph classes (which glyphs are marks).
    classes: gdef::Table<'static>,
    gpos: LayoutTable<'static>,
    /// Per script of the face's `GPOS` (by index), the pair-adjustment
    /// subtables of the `kern` lookups of its default language, lookup by
    /// lookup; and last, none, for text of no script the face has.
    scripts: Vec<Vec<Vec<PairAdjustment<'static>>>>,
    /// Each pair's adjustment per script (`None`: a mark, or the second glyph's
    /// record is not empty), by `first << 16 | second`.
    memo: Vec<Mutex<FxHashMap<u32, Option<Adjust>>>>,
}

/// The features rustybuzz turns on for left-to-right text of a script without
/// a shaper of its own (the fractions' three only around a fraction slash): a
/// face whose `GPOS` has any of them but `kern`, `mark` and `mkmk` does not
/// qualify.
pub(super) const DEFAULT_ON: [&[u8; 4]; 22] = [
    b"abvm", b"blwm", b"calt", b"ccmp", b"clig", b"curs", b"dist", b"dnom", b"frac", b"kern", b"liga", b"locl",
    b"ltra", b"ltrm", b"mark", b"mkmk", b"numr", b"rand", b"rclt", b"rlig", b"rvrn", b"trak",
];

impl Kerning {
    /// `face`'s kerning, if it qualifies.
    pub(super) fn of(face: &'static rustybuzz::Face<'static>) -> Option<Kerning> {
        let tables = face.tables();
        let (gpos, classes) = (tables.gpos?, tables.gdef?);
        if gpos.variations.is_some() || !classes.has_glyph_classes() {
            return None;
        }
        let mut scripts = Vec::new();
        // the mark features' lookups, checked once each after every script is read
        let mut mark_lookups = Vec::new();
        for script in gpos.scripts {
            let mut kern = Vec::new();
            for (i, lang) in script.default_language.into_iter().chain(script.languages).enumerate() {
                if lang.required_feature.is_some() {
                    return None;
                }
                for index in lang.feature_indices {
                    let feature = gpos.features.get(index)?;
                    let tag = feature.tag.to_bytes();
                    let lookups = feature.lookup_indices.into_iter();
                    let default = i == 0 && script.default_language.is_some();
                    match &tag {
                        b"kern" if default => kern.extend(lookups),
                        b"kern" => {}
                        b"mark" | b"mkmk" => mark_lookups.extend(lookups),
                        _ if DEFAULT_ON.contains(&&tag) => return None,
                        _ => {}
                    }
                }
            }
            // rustybuzz applies a feature's lookups in the order of their indices
            kern.sort_unstable();
            kern.dedup();
            let mut lookups = Vec::new();
            for index in kern {
                let lookup = gpos.lookups.get(index)?;
                if lookup.flags.0 & !0x0008 != 0 || lookup.mark_filtering_set.is_some() {
                    return None;
                }
                let mut pairs = Vec::new();
                for i in 0..lookup.subtables.len() {
                    match lookup.subtables.get::<PositioningSubtable>(i)? {
                        PositioningSubtable::Pair(p) => pairs.push(p),
                        _ => return None,
                    }
                }
                lookups.push(pairs);
            }
            scripts.push(lookups);
        }
        mark_lookups.sort_unstable();
        mark_lookups.dedup();
        if !mark_lookups.into_iter().all(|l| only_marks_attach(&classes, &gpos, l)) {
            return None;
        }
        scripts.push(Vec::new());
        Some(Kerning {
            classes,
            gpos,
            memo: scripts.iter().map(|_| Mutex::default()).collect(),
            scripts,
        })
    }

    /// The `GPOS` script rustybuzz selects for text of `script`: its tag with
    /// the first letter lowercased, else `DFLT`, `dflt` or `latn`; `Some(None)`
    /// when the face has none of them; `None` for the scripts rustybuzz tags
    /// otherwise (the Indic ones and Myanmar, never plain text).
    pub(super) fn script_for(&self, script: rustybuzz::Script) -> Option<Option<u16>> {
        let tag = script.tag();
        let indic = [
            b"Beng", b"Deva", b"Gujr", b"Guru", b"Knda", b"Mlym", b"Orya", b"Taml", b"Telu", b"Mymr",
        ];
        if indic.contains(&&tag.to_bytes()) {
            return None;
        }
        let own = Tag(tag.as_u32() | 0x2000_0000);
        let found = [
            own,
            Tag::from_bytes(b"DFLT"),
            Tag::from_bytes(b"dflt"),
            Tag::from_bytes(b"latn"),
        ]
        .into_iter()
        .find_map(|t| self.gpos.scripts.index(t));
        Some(found)
    }

    /// What rustybuzz's `kern` lookups for `script` (from [`Kerning::script_for`])
    /// add to each of `glyphs` (their ids by `id`; a glyph's pair with the next; the last gets
    /// nothing); `None` when rustybuzz must position them itself: a mark among
    /// them, or a pair whose second glyph the lookups adjust as well. Each
    /// pair's answer is looked up once and remembered.
    pub(super) fn adjust<G>(&self, script: Option<u16>, glyphs: &[G], id: impl Fn(&G) -> u32) -> Option<Vec<Adjust>> {
        // the last script is none: no kern lookups (the face has no script to select)
        let script = script.map_or(self.scripts.len() - 1, usize::from);
        match glyphs {
            [] => return Some(Vec::new()),
            [only] => return (!self.is_mark(id(only))).then(|| vec![Adjust::default()]),
            _ => {}
        }
        let mut memo = self.memo[script].lock().expect("kerning");
        let mut adjust = Vec::with_capacity(glyphs.len());
        for pair in glyphs.windows(2) {
            let (first, second) = (id(&pair[0]), id(&pair[1]));
            let key = first << 16 | (second & 0xFFFF);
            let known = *memo.entry(key).or_insert_with(|| {
                if self.is_mark(first) || self.is_mark(second) {
                    return None;
                }
                look_up(&self.scripts[script], GlyphId(first as u16), GlyphId(second as u16))
            });
            adjust.push(known?);
        }
        adjust.push(Adjust::default());
        Some(adjust)
    }

    /// Whether `glyph` is a mark (rustybuzz then positions the run itself).
    pub(super) fn is_mark(&self, glyph: u32) -> bool {
        self.classes.glyph_class(GlyphId(glyph as u16)) == Some(GlyphClass::Mark)
    }
}

/// Each lookup in turn: the first subtable that has the pair applies it (as
/// rustybuzz's `PairAdjustment::apply` does, with nothing skipped between them).
fn look_up(lookups: &[Vec<PairAdjustment>], first: GlyphId, second: GlyphId) -> Option<Adjust> {
    let mut sum = Adjust::default();
    for subtables in lookups {
        for table in subtables {
            let records = match table {
                PairAdjustment::Format1 { coverage, sets } => coverage
                    .get(first)
                    .and_then(|i| sets.get(i))
                    .and_then(|set| set.get(second)),
                PairAdjustment::Format2 {
                    coverage,
                    classes,
                    matrix,
                } => coverage
                    .get(first)
                    .and_then(|_| matrix.get((classes.0.get(first), classes.1.get(second)))),
            };
            if let Some((one, two)) = records {
                if !is_empty(&two) {
                    return None;
                }
                sum.x_advance += i32::from(one.x_advance);
                sum.x_offset += i32::from(one.x_placement);
                sum.y_offset += i32::from(one.y_placement);
                break;
            }
        }
    }
    Some(sum)
}

/// Whether a value record does nothing (rustybuzz's test: no values, no device
/// tables).
fn is_empty(v: &ValueRecord) -> bool {
    v.x_placement == 0
        && v.y_placement == 0
        && v.x_advance == 0
        && v.y_advance == 0
        && v.x_placement_device.is_none()
        && v.y_placement_device.is_none()
        && v.x_advance_device.is_none()
        && v.y_advance_device.is_none()
}

/// Whether lookup `index` only attaches marks, and every glyph it would move is
/// one the face's glyph classes call a mark (so it moves nothing in a run
/// without marks).
fn only_marks_attach(classes: &gdef::Table, gpos: &LayoutTable, index: LookupIndex) -> bool {
    let Some(lookup) = gpos.lookups.get(index) else {
        return false;
    };
    (0..lookup.subtables.len()).all(|i| {
        let coverage = match lookup.subtables.get::<PositioningSubtable>(i) {
            Some(PositioningSubtable::MarkToBase(t)) => t.mark_coverage,
            Some(PositioningSubtable::MarkToLigature(t)) => t.mark_coverage,
            Some(PositioningSubtable::MarkToMark(t)) => t.mark1_coverage,
            _ => return false,
        };
        let is_mark = |g: GlyphId| classes.glyph_class(g) == Some(GlyphClass::Mark);
        match coverage {
            Coverage::Format1 { glyphs } => glyphs.into_iter().all(is_mark),
            Coverage::Format2 { records } => records
                .into_iter()
                .all(|r| (r.start.0..=r.end.0).all(|g| is_mark(GlyphId(g)))),
        }
    })
}

/// Whether `c` is plain Latin text for [`Kerning`]: ASCII's printable
/// characters, Latin-1's and Latin Extended's (but the soft hyphen), general
/// punctuation (dashes, quotes, bullets, the ellipsis, primes; not the spaces,
/// joiners and direction marks before it nor the invisible operators after),
/// currency and letterlike symbols.
pub(super) fn plain(c: char) -> bool {
    matches!(
        c as u32,
        0x20..=0x7E | 0xA0..=0xAC | 0xAE..=0x24F | 0x2010..=0x2027 | 0x2030..=0x205E | 0x20A0..=0x20C0 | 0x2100..=0x214F
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::FontFace;

    #[test]
    fn the_bundled_latin_faces_qualify() {
        for f in [FontFace::Regular, FontFace::Italic, FontFace::SemiBold, FontFace::Bold] {
            assert!(Kerning::of(f.face()).is_some(), "{f:?}");
        }
    }
}
