//! The text layer, right by construction: which code each drawn glyph is
//! written as, what text each code stands for (the font's ToUnicode map), and
//! which stretches of glyphs also carry an `/ActualText`.
//!
//! Every reader concatenates, in drawing order, the text of each code drawn. So
//! each glyph of a cluster (the glyphs the shaper made of some characters) gets
//! a piece of the cluster's text, the pieces in order making the whole text: the
//! glyph's own character where the font's cmap says which one it is (`f` `i`
//! for two glyphs, `स्` `ट` for a half form and a letter), the whole cluster for
//! a ligature. One glyph can so stand for different texts in different places
//! (the hyphen for `-` and for a soft hyphen at a line break, `.notdef` for each
//! character no font has, a glyph of a reordered Devanagari vowel sign): each
//! (glyph, text) pair gets a code of its own, and the font's `/CIDToGIDMap`
//! sends every code to its glyph. Fonts whose codes must be their glyph ids
//! (CFF outlines, which have no `/CIDToGIDMap`) keep the first text met for a
//! glyph, and every later occurrence with another text is wrapped in an
//! `/ActualText`.
//!
//! `/ActualText` (read by poppler; pdf.js, pdfminer.six and pypdf ignore it)
//! also covers: a cluster whose glyphs are drawn in another order than their
//! characters (the reordered vowel sign), a cluster with more glyphs than
//! characters (some glyph must stand for nothing), a mapping cut to
//! [`MAX_UNITS`] (readers reject longer ones), and a space narrower than 0.15 em
//! with the cluster before it (poppler drops spaces and finds word breaks by
//! gap, and a thin space is below its threshold).

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

use crate::text::ShapedRun;

/// The most UTF-16 units one code's text may have: poppler reads a ToUnicode
/// entry into a 256-byte token, so a longer one is an illegal entry that loses
/// the whole line's text.
pub const MAX_UNITS: usize = 32;

/// A space narrower than this (thousandths of an em) is read as no space by a
/// reader that finds word breaks by gap (poppler's raw mode uses 0.15 em).
const NARROW_SPACE: f32 = 150.0;

/// A stretch of a run's glyphs that carries an `/ActualText`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualSpan {
    pub glyphs: Range<usize>,
    pub text: String,
}

/// How one run is written: a code per glyph, and the stretches that carry an
/// `/ActualText` (in order, disjoint).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MappedRun {
    pub codes: Vec<u16>,
    pub actual: Vec<ActualSpan>,
}

/// The codes of one font: for each, its glyph (an id of the whole font, before
/// subsetting) and the text it stands for.
#[derive(Debug, Clone)]
pub struct TextMap {
    /// Codes are chosen here (the font gets a `/CIDToGIDMap`); otherwise each
    /// code is its glyph's id.
    free: bool,
    /// Indexed by code (free codes; code 0 is never used), or by glyph id.
    entries: Vec<Option<(u16, String)>>,
    index: HashMap<(u16, String), u16>,
}

impl TextMap {
    /// `free`: whether the font can send any code to any glyph (TrueType
    /// outlines, through `/CIDToGIDMap`).
    pub fn new(free: bool) -> Self {
        TextMap {
            free,
            entries: vec![None],
            index: HashMap::new(),
        }
    }

    /// Whether codes are chosen here, so the font needs a `/CIDToGIDMap`.
    pub fn free_codes(&self) -> bool {
        self.free
    }

    /// The code for `glyph` standing for `text`, and whether that code stands
    /// for exactly `text`.
    fn code(&mut self, glyph: u16, text: &str) -> (u16, bool) {
        if let Some(&code) = self.index.get(&(glyph, text.to_string())) {
            return (code, true);
        }
        if self.free && self.entries.len() <= u16::MAX as usize {
            let code = self.entries.len() as u16;
            self.entries.push(Some((glyph, text.to_string())));
            self.index.insert((glyph, text.to_string()), code);
            return (code, true);
        }
        // codes are glyph ids (or, absurdly, all 65,535 are taken): the glyph
        // keeps the text it was first met with
        let code = if self.free {
            self.index
                .iter()
                .filter(|((g, _), _)| *g == glyph)
                .map(|(_, &c)| c)
                .min()
                .unwrap_or(0)
        } else {
            glyph
        };
        let slot = code as usize;
        if self.entries.len() <= slot {
            self.entries.resize(slot + 1, None);
        }
        match &self.entries[slot] {
            Some((_, first)) => (code, first == text),
            None => {
                self.entries[slot] = Some((glyph, text.to_string()));
                self.index.insert((glyph, text.to_string()), code);
                (code, true)
            }
        }
    }

    /// Every code in use, ascending: (code, glyph, text).
    pub fn entries(&self) -> impl Iterator<Item = (u16, u16, &str)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(code, e)| e.as_ref().map(|(g, t)| (code as u16, *g, t.as_str())))
    }

    /// The glyphs the codes draw (ids of the whole font), ascending, each once.
    pub fn glyphs(&self) -> Vec<u16> {
        let mut glyphs: Vec<u16> = self.entries().map(|(_, g, _)| g).collect();
        glyphs.sort_unstable();
        glyphs.dedup();
        glyphs
    }

    /// Decide the codes of `run`'s glyphs and the stretches needing an
    /// `/ActualText`. `cmap` is the font's: the glyph it gives a character.
    pub fn map_run(&mut self, run: &ShapedRun, cmap: &dyn Fn(char) -> Option<u16>) -> MappedRun {
        let clusters = clusters(run);
        let mut codes = Vec::with_capacity(run.glyphs.len());
        let mut marked = vec![false; clusters.len()];
        for (i, c) in clusters.iter().enumerate() {
            let text = &run.text[c.text.clone()];
            let glyphs: Vec<u16> = run.glyphs[c.glyphs.clone()].iter().map(|g| g.id).collect();
            let split = split_cluster(text, &glyphs, cmap);
            marked[i] |= split.needs_actual;
            for (&glyph, piece) in glyphs.iter().zip(&split.pieces) {
                let (code, exact) = self.code(glyph, piece);
                marked[i] |= !exact;
                codes.push(code);
            }
        }
        // a narrow space is read with the cluster before it (or, first in the run, after it)
        for (i, c) in clusters.iter().enumerate() {
            let text = &run.text[c.text.clone()];
            let width: f32 = run.glyphs[c.glyphs.clone()].iter().map(|g| g.advance).sum();
            if !text.is_empty() && text.chars().all(char::is_whitespace) && width < NARROW_SPACE {
                let other = if i > 0 {
                    Some(i - 1)
                } else {
                    (i + 1 < clusters.len()).then_some(i + 1)
                };
                if let Some(o) = other {
                    marked[i] = true;
                    marked[o] = true;
                }
            }
        }
        let mut actual: Vec<ActualSpan> = Vec::new();
        let mut i = 0;
        while i < clusters.len() {
            if !marked[i] {
                i += 1;
                continue;
            }
            let first = i;
            while i + 1 < clusters.len() && marked[i + 1] {
                i += 1;
            }
            let (a, b) = (&clusters[first], &clusters[i]);
            actual.push(ActualSpan {
                glyphs: a.glyphs.start..b.glyphs.end,
                text: run.text[a.text.start..b.text.end].to_string(),
            });
            i += 1;
        }
        MappedRun { codes, actual }
    }

    /// The font's `/ToUnicode` CMap program.
    pub fn to_unicode(&self) -> String {
        let entries: Vec<(u16, &str)> = self.entries().map(|(c, _, t)| (c, t)).collect();
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        for block in entries.chunks(100) {
            let _ = writeln!(out, "{} beginbfchar", block.len());
            for (code, text) in block {
                let _ = write!(out, "<{code:04X}> <");
                for unit in text.encode_utf16() {
                    let _ = write!(out, "{unit:04X}");
                }
                out.push_str(">\n");
            }
            out.push_str("endbfchar\n");
        }
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        out
    }

    /// The `/CIDToGIDMap` stream: two bytes per code, the glyph id in the subset
    /// font (`subset` maps a whole-font glyph id to it).
    pub fn cid_to_gid(&self, subset: &dyn Fn(u16) -> u16) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.entries.len() * 2);
        for e in &self.entries {
            let gid = e.as_ref().map_or(0, |(g, _)| subset(*g));
            out.extend_from_slice(&gid.to_be_bytes());
        }
        out
    }
}

/// A cluster: a range of glyphs and the range of the run's text they stand for.
struct Span {
    glyphs: Range<usize>,
    text: Range<usize>,
}

/// The run's clusters: a glyph with text starts one, the glyphs without text
/// after it continue it.
fn clusters(run: &ShapedRun) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (i, g) in run.glyphs.iter().enumerate() {
        match out.last_mut() {
            Some(c) if g.text.is_empty() => c.glyphs.end = i + 1,
            _ => out.push(Span {
                glyphs: i..i + 1,
                text: g.text.clone(),
            }),
        }
    }
    out
}

/// A cluster's text split over its glyphs.
struct Split {
    /// One piece per glyph; joined in order they are the cluster's text (but for
    /// a piece cut to [`MAX_UNITS`]).
    pieces: Vec<String>,
    /// The pieces alone do not read right in every reader.
    needs_actual: bool,
}

/// Split a cluster's `text` over its `glyphs`: each glyph from its own
/// character (the one the cmap gives it), the first glyph from the start, every
/// glyph at least one character while there are enough.
fn split_cluster(text: &str, glyphs: &[u16], cmap: &dyn Fn(char) -> Option<u16>) -> Split {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let (n, k) = (chars.len(), glyphs.len());
    let mut needs_actual = false;
    // start[j]: the index of the first character of glyph j's piece
    let mut start = vec![0usize; k];
    if n < k {
        // more glyphs than characters: one each, the rest stand for nothing
        for (j, s) in start.iter_mut().enumerate() {
            *s = j.min(n);
        }
        needs_actual = true;
    } else {
        for j in 1..k {
            let lo = start[j - 1] + 1;
            let hi = n - (k - j);
            start[j] = (lo..=hi).find(|&i| cmap(chars[i].1) == Some(glyphs[j])).unwrap_or(lo);
        }
        // drawn in another order than written (a vowel sign before its consonant):
        // a glyph's own character is outside its piece
        needs_actual |= (0..k).any(|j| {
            let end = if j + 1 < k { start[j + 1] } else { n };
            let own = chars.iter().position(|&(_, c)| cmap(c) == Some(glyphs[j]));
            own.is_some_and(|i| i < start[j] || i >= end)
        });
    }
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let pieces = (0..k)
        .map(|j| {
            let end = if j + 1 < k { start[j + 1] } else { n };
            let piece = &text[byte(start[j])..byte(end.max(start[j]))];
            if piece.encode_utf16().count() > MAX_UNITS {
                needs_actual = true;
                cut(piece)
            } else {
                piece.to_string()
            }
        })
        .collect();
    Split { pieces, needs_actual }
}

/// The longest start of `s` that fits [`MAX_UNITS`] UTF-16 units.
fn cut(s: &str) -> String {
    let mut units = 0;
    s.chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= MAX_UNITS
        })
        .collect()
}

#[cfg(test)]
mod tests;
