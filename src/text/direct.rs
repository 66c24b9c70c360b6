//! Plain Latin words set by folio itself, without rustybuzz, where nothing the
//! shaper would do to them could change a glyph.
//!
//! With kerning added by folio ([`super::kern`]), what rustybuzz still did for
//! a plain Latin word in a bundled face was to look up each character's glyph
//! and advance and to walk the `GSUB` lookups, which change nothing in nearly
//! every word: of Plex Sans's default substitutions, only `f` before `i`
//! (the `fi` ligature) and letters before or after combining marks can ever
//! apply to Latin text (callgrind, bundled content: 2.9 M instructions in
//! rustybuzz for 700 words). So a word is set here when:
//!
//! - the face ([`Direct::of`]) has kerning folio adds itself, no AAT tables
//!   (rustybuzz would use them instead of `GSUB`) and no feature variations;
//! - no substitution rustybuzz turns on could begin at any of its glyphs
//!   ([`Triggers`]: read from every lookup of every such feature, in every
//!   script and language, so whichever rustybuzz selects);
//! - each character has a glyph of its own that is not a mark, its script is
//!   Latin or none (as rustybuzz guesses the word's script), and it is not the
//!   fraction slash (around which rustybuzz turns on the fraction features).
//!
//! Then each glyph is the character's glyph in the face's `cmap` with its
//! advance in `hmtx`, and the kerning is added as [`super::kern`] adds it: the
//! glyphs and positions rustybuzz gives (a test sets every pair of the
//! characters admitted, both ways, in each bundled face, and compares). Any
//! other word goes to rustybuzz as before.

use std::sync::atomic::{AtomicU64, Ordering};

use rustybuzz::ttf_parser::gsub::SubstitutionSubtable;
use rustybuzz::ttf_parser::opentype_layout::{ChainedContextLookup, ContextLookup, Coverage, LayoutTable};
use rustybuzz::ttf_parser::GlyphId;

use super::fonts::FontFace;
use super::kern::{self, Kerning};
use super::run::{Glyph, ShapedRun};

/// Where a substitution could begin: glyphs at which one could whatever comes
/// next, and pairs of glyphs (`first` then `second`) at which one could.
#[derive(Debug, Default)]
pub(super) struct Triggers {
    /// Sorted.
    alone: Vec<u16>,
    /// `(firsts, seconds)`, each sorted.
    pairs: Vec<(Vec<u16>, Vec<u16>)>,
    /// Every glyph of every pair's `firsts`, sorted.
    firsts: Vec<u16>,
}

/// The features rustybuzz turns on that may substitute glyphs in plain
/// left-to-right text: [`kern::DEFAULT_ON`] but the three fraction features
/// (only around a fraction slash, which [`Direct`] leaves to rustybuzz), and
/// the two placeholder tags rustybuzz also asks every font for.
fn substitutes(tag: &[u8; 4]) -> bool {
    !matches!(tag, b"frac" | b"numr" | b"dnom") && (kern::DEFAULT_ON.contains(&tag) || matches!(tag, b"Harf" | b"HARF"))
}

impl Triggers {
    /// Read from `gsub`; `None` if it has feature variations.
    fn of(gsub: &LayoutTable) -> Option<Triggers> {
        if gsub.variations.is_some() {
            return None;
        }
        let mut lookups = Vec::new();
        for script in gsub.scripts {
            for lang in script.default_language.into_iter().chain(script.languages) {
                // a required feature applies whatever its tag
                if let Some(index) = lang.required_feature {
                    lookups.extend(gsub.features.get(index)?.lookup_indices);
                }
                for index in lang.feature_indices {
                    let feature = gsub.features.get(index)?;
                    if substitutes(&feature.tag.to_bytes()) {
                        lookups.extend(feature.lookup_indices);
                    }
                }
            }
        }
        lookups.sort_unstable();
        lookups.dedup();
        let mut t = Triggers::default();
        for index in lookups {
            let lookup = gsub.lookups.get(index)?;
            // a lookup that skips base glyphs or ligatures may match glyphs
            // that are not next to each other: any glyph it covers may begin it
            let adjacent = lookup.flags.0 & 0x0006 == 0;
            for i in 0..lookup.subtables.len() {
                let subtable = lookup.subtables.get::<SubstitutionSubtable>(i)?;
                let coverage = subtable.coverage();
                let next = match subtable {
                    _ if !adjacent => None,
                    SubstitutionSubtable::Ligature(l) => {
                        for first in glyphs(coverage) {
                            let set = coverage.get(GlyphId(first)).and_then(|i| l.ligature_sets.get(i))?;
                            let mut seconds = Vec::new();
                            for ligature in set {
                                match ligature.components.get(0) {
                                    Some(second) => seconds.push(second.0),
                                    None => t.alone.push(first),
                                }
                            }
                            t.pair(vec![first], seconds);
                        }
                        continue;
                    }
                    // what the glyph after the first must be (ttf-parser's
                    // input coverages begin with the second glyph's)
                    SubstitutionSubtable::Context(ContextLookup::Format3 { coverages, .. }) => coverages.get(0),
                    SubstitutionSubtable::ChainContext(ChainedContextLookup::Format3 {
                        input_coverages,
                        lookahead_coverages,
                        ..
                    }) => input_coverages.get(0).or_else(|| lookahead_coverages.get(0)),
                    _ => None,
                };
                match next {
                    Some(next) => t.pair(glyphs(coverage), glyphs(next)),
                    None => t.alone.extend(glyphs(coverage)),
                }
            }
        }
        t.alone.sort_unstable();
        t.alone.dedup();
        t.firsts = t.pairs.iter().flat_map(|(f, _)| f.iter().copied()).collect();
        t.firsts.sort_unstable();
        t.firsts.dedup();
        Some(t)
    }

    fn pair(&mut self, mut firsts: Vec<u16>, mut seconds: Vec<u16>) {
        if firsts.is_empty() || seconds.is_empty() {
            return;
        }
        firsts.sort_unstable();
        seconds.sort_unstable();
        self.pairs.push((firsts, seconds));
    }

    /// Whether a substitution could begin at `glyph` whatever follows.
    fn alone(&self, glyph: u16) -> bool {
        self.alone.binary_search(&glyph).is_ok()
    }

    /// Whether `glyph` begins some pair at which a substitution could begin.
    fn first(&self, glyph: u16) -> bool {
        self.firsts.binary_search(&glyph).is_ok()
    }

    /// Whether a substitution could begin at `first` followed by `second`.
    fn pair_fires(&self, first: u16, second: u16) -> bool {
        self.pairs
            .iter()
            .any(|(f, s)| f.binary_search(&first).is_ok() && s.binary_search(&second).is_ok())
    }
}

/// Every glyph `coverage` covers, in order.
fn glyphs(coverage: Coverage) -> Vec<u16> {
    match coverage {
        Coverage::Format1 { glyphs } => glyphs.into_iter().map(|g| g.0).collect(),
        Coverage::Format2 { records } => records.into_iter().flat_map(|r| r.start.0..=r.end.0).collect(),
    }
}

/// The characters whose answers [`Direct`] keeps: those [`kern::plain`]
/// admits below U+0250 and from U+2010 to U+214F, each at an index of its own.
fn slot(c: char) -> Option<usize> {
    match c as u32 {
        n @ 0x20..=0x24F => Some(n as usize - 0x20),
        n @ 0x2010..=0x214F => Some(n as usize - 0x2010 + 0x230),
        _ => None,
    }
}
const SLOTS: usize = 0x230 + 0x140;

/// One character in a face: its glyph, its advance, and what is known of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Char {
    glyph: u16,
    advance: u16,
    /// Its script is Latin (else none: common or inherited).
    latin: bool,
    /// It may begin a pair at which a substitution could begin.
    first: bool,
}

const KNOWN: u64 = 1 << 32;
const USABLE: u64 = 1 << 33;
const LATIN: u64 = 1 << 34;
const FIRST: u64 = 1 << 35;

/// A bundled face's words set without rustybuzz, for a face that qualifies
/// (see the module's doc).
pub(super) struct Direct {
    face: FontFace,
    triggers: Triggers,
    /// Per [`slot`], the character's [`Char`] packed (0: not looked up yet;
    /// [`KNOWN`] without [`USABLE`]: a word with it goes to rustybuzz).
    chars: Box<[AtomicU64]>,
}

impl Direct {
    /// `face`'s, if it qualifies.
    pub(super) fn of(face: FontFace) -> Option<Direct> {
        let tables = face.face().tables();
        if tables.morx.is_some() || tables.kerx.is_some() || tables.trak.is_some() {
            return None;
        }
        let triggers = match tables.gsub {
            Some(gsub) => Triggers::of(&gsub)?,
            None => Triggers::default(),
        };
        Some(Direct {
            face,
            triggers,
            chars: (0..SLOTS).map(|_| AtomicU64::new(0)).collect(),
        })
    }

    /// What is known of `c`; `None` if a word with it goes to rustybuzz.
    fn char(&self, c: char, kerning: &Kerning) -> Option<Char> {
        let Some(slot) = slot(c) else {
            return self.look_up(c, kerning);
        };
        let mut packed = self.chars[slot].load(Ordering::Relaxed);
        if packed == 0 {
            packed = self.look_up(c, kerning).map_or(KNOWN, |ch| {
                KNOWN
                    | USABLE
                    | u64::from(ch.glyph)
                    | u64::from(ch.advance) << 16
                    | if ch.latin { LATIN } else { 0 }
                    | if ch.first { FIRST } else { 0 }
            });
            // the same answer whichever thread stores it
            self.chars[slot].store(packed, Ordering::Relaxed);
        }
        (packed & USABLE != 0).then_some(Char {
            glyph: packed as u16,
            advance: (packed >> 16) as u16,
            latin: packed & LATIN != 0,
            first: packed & FIRST != 0,
        })
    }

    fn look_up(&self, c: char, kerning: &Kerning) -> Option<Char> {
        if c == '\u{2044}' {
            return None;
        }
        let face = self.face.face();
        let glyph = face.glyph_index(c).filter(|g| g.0 != 0)?;
        if kerning.is_mark(u32::from(glyph.0)) || self.triggers.alone(glyph.0) {
            return None;
        }
        let latin = match script_of(c) {
            rustybuzz::script::LATIN => true,
            rustybuzz::script::UNKNOWN => false,
            _ => return None,
        };
        Some(Char {
            glyph: glyph.0,
            advance: face.glyph_hor_advance(glyph)?,
            latin,
            first: self.triggers.first(glyph.0),
        })
    }

    /// `text` set in the face, or `None` if it goes to rustybuzz (see the
    /// module's doc). `text` is plain ([`kern::plain`]).
    pub(super) fn shape(&self, text: &str, kerning: &Kerning) -> Option<ShapedRun> {
        let mut chars = Vec::with_capacity(text.len());
        let mut latin = false;
        for (at, c) in text.char_indices() {
            let ch = self.char(c, kerning)?;
            latin |= ch.latin;
            chars.push((at, ch));
        }
        for pair in chars.windows(2) {
            let (first, second) = (pair[0].1, pair[1].1);
            if first.first && self.triggers.pair_fires(first.glyph, second.glyph) {
                return None;
            }
        }
        // the script rustybuzz guesses: the first character's that has one
        let script = if latin {
            rustybuzz::script::LATIN
        } else {
            rustybuzz::script::UNKNOWN
        };
        let adjust = kerning.adjust(kerning.script_for(script)?, &chars, |(_, ch)| u32::from(ch.glyph))?;
        let scale = 1000.0 / self.face.units_per_em();
        let glyphs: Vec<Glyph> = chars
            .iter()
            .zip(&adjust)
            .enumerate()
            .map(|(i, ((at, ch), add))| Glyph {
                id: ch.glyph,
                advance: (i32::from(ch.advance) + add.x_advance) as f32 * scale,
                x_offset: add.x_offset as f32 * scale,
                y_offset: add.y_offset as f32 * scale,
                text: *at..chars.get(i + 1).map_or(text.len(), |(next, _)| *next),
            })
            .collect();
        Some(ShapedRun {
            face: self.face,
            text: text.to_string(),
            width: glyphs.iter().map(|g| g.advance).sum(),
            glyphs,
        })
    }

    /// Whether a substitution could begin in `text` (a test's question: the
    /// pairs it must leave to rustybuzz).
    #[cfg(test)]
    pub(super) fn fires_between(&self, a: char, b: char) -> bool {
        let face = self.face.face();
        let (Some(a), Some(b)) = (face.glyph_index(a), face.glyph_index(b)) else {
            return false;
        };
        self.triggers.pair_fires(a.0, b.0)
    }
}

/// `c`'s script as rustybuzz guesses a word's (`UNKNOWN` for common and
/// inherited characters), asked of rustybuzz itself.
pub(super) fn script_of(c: char) -> rustybuzz::Script {
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.add(c, 0);
    buffer.guess_segment_properties();
    buffer.script()
}
