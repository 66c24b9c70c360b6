//! The text layer, right by construction: which code each drawn glyph is
//! written as, what text each code stands for (the font's ToUnicode map), the
//! `/W` width each code has, and which stretches of glyphs also carry an
//! `/ActualText`.
//!
//! Readers concatenate, in drawing order, the text of each code drawn, so each
//! glyph of a cluster (the glyphs the shaper made of some characters) gets a
//! piece of the cluster's text, the pieces in order making the whole: the
//! glyph's own character where the font's cmap says which one it is (`स्` `ट`
//! for a half form and a letter), the whole cluster for a ligature. One glyph
//! can so stand for different texts in different places (the hyphen for `-`
//! and for a soft hyphen at a line break, `.notdef` for each character no font
//! has, a reordered Devanagari vowel sign): each (glyph, text, width) gets a
//! code of its own, and the font's `/CIDToGIDMap` sends every code to its
//! glyph. Fonts whose codes must be their glyph ids (CFF outlines, which have
//! no `/CIDToGIDMap`) keep the first text met for a glyph, and every later
//! occurrence with another text is wrapped in an `/ActualText`.
//!
//! What the four readers the tests run need besides:
//! - pdf.js takes a glyph whose text holds a nonspacing mark for a zero-width
//!   diacritic, and loses its place when such a glyph starts a piece of text (a
//!   run, or a marked span): there the mark and what follows go to the next
//!   glyph's text (the conjunct क्ष starts a run as `क`, and the next glyph
//!   reads `्ष…`). It reads an empty mapping as the code itself, so no glyph
//!   stands for nothing while its cluster has characters enough.
//! - poppler (the only one of the four that reads `/ActualText`) breaks words
//!   where glyphs overlap and where they leave gaps: a cluster with a mark placed
//!   on its letter, one whose text could not be split (more glyphs than
//!   characters, or a mapping cut to [`MAX_UNITS`]) and a space narrower than
//!   0.15 em with the cluster before it carry their text as `/ActualText`.
//! - pdfminer.six and pypdf find word breaks by gaps between glyph boxes: the
//!   last mark a cluster places back over its letter gets a `/W` width that
//!   ends its box where the pen is (its own code: the TJ numbers make up for it).

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::layout::frame::{Document, Item, Page};
use crate::text::{FontFace, ShapedRun};

/// The most UTF-16 units one code's text may have: poppler reads a ToUnicode
/// entry into a 256-byte token, so a longer one is an illegal entry that loses
/// the whole line's text.
pub const MAX_UNITS: usize = 32;

/// More marks than this placed on one letter are a stack.
const STACK: usize = 2;

/// A space narrower than this (thousandths of an em) is read as no space by a
/// reader that finds word breaks by gap (poppler's raw mode uses 0.15 em).
pub(super) const NARROW_SPACE: f32 = 150.0;

/// A stretch of a run's glyphs that carries an `/ActualText`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualSpan {
    pub glyphs: Range<usize>,
    pub text: String,
}

/// How one run is written: a code per glyph (with the `/W` width the code has),
/// and the stretches that carry an `/ActualText` (in order, disjoint).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MappedRun {
    pub codes: Vec<u16>,
    /// Per glyph: its code's `/W` width, thousandths of an em.
    pub widths: Vec<f32>,
    pub actual: Vec<ActualSpan>,
}

/// The text layer of a whole document: each face's [`TextMap`], and how each
/// run is written. Made once, before the pages are written (on every core): the
/// content streams only read it.
#[derive(Debug, Default)]
pub(super) struct TextLayer {
    pub(super) faces: BTreeMap<FontFace, TextMap>,
    /// How each run is written, once per run: a run the shaper shared between
    /// places (the same word twice) is written the same way in each.
    runs: Vec<MappedRun>,
    /// For each page, each item's run in `runs` ([`NO_RUN`] for an item that
    /// draws no glyphs), so that the writers find it without a lookup.
    items: Vec<Vec<u32>>,
}

/// What [`TextLayer::items`] holds for an item that draws no glyphs.
const NO_RUN: u32 = u32::MAX;

/// How a run without glyphs is written: not at all.
static NO_GLYPHS: MappedRun = MappedRun {
    codes: Vec::new(),
    widths: Vec::new(),
    actual: Vec::new(),
};

/// One page's runs, each once in the order first met, and each item's place
/// among them ([`NO_RUN`] for an item that draws no glyphs).
struct FoundRuns<'a> {
    runs: Vec<&'a std::sync::Arc<ShapedRun>>,
    items: Vec<u32>,
}

impl<'a> FoundRuns<'a> {
    fn new(page: &'a Page) -> FoundRuns<'a> {
        let mut seen: FxHashMap<usize, u32> = FxHashMap::default();
        let mut runs = Vec::new();
        let mut items = Vec::with_capacity(page.items.len());
        for item in &page.items {
            items.push(match item {
                Item::Text(t) if !t.run.glyphs.is_empty() => {
                    *seen.entry(std::sync::Arc::as_ptr(&t.run) as usize).or_insert_with(|| {
                        runs.push(&t.run);
                        (runs.len() - 1) as u32
                    })
                }
                _ => NO_RUN,
            });
        }
        FoundRuns { runs, items }
    }

    /// Each item's run in the document's list, given where each of this page's runs is there.
    fn point(self, place: &[u32]) -> Vec<u32> {
        self.items
            .into_iter()
            .map(|r| if r == NO_RUN { NO_RUN } else { place[r as usize] })
            .collect()
    }
}

impl TextLayer {
    /// Map every run `doc` draws, in document order (the first text met for a
    /// glyph is the one codes that are glyph ids keep). Each page's runs are
    /// found first, each once (a long document's pages on every core); then each
    /// run of the document is mapped once, in the order first drawn, by its
    /// face's map (a long document's faces on every core); then each item is
    /// pointed at its run.
    pub(super) fn new(doc: &Document) -> TextLayer {
        use rayon::prelude::*;
        let parallel = doc.pages.len() >= super::PARALLEL_PAGES;
        let pages: Vec<FoundRuns<'_>> = if parallel {
            doc.pages.par_iter().map(FoundRuns::new).collect()
        } else {
            doc.pages.iter().map(FoundRuns::new).collect()
        };
        // each distinct run, in the order first drawn, and where each page's
        // runs are among them
        let mut seen: FxHashMap<usize, u32> = FxHashMap::default();
        let mut order: Vec<&std::sync::Arc<ShapedRun>> = Vec::new();
        let mut places: Vec<Vec<u32>> = Vec::with_capacity(pages.len());
        for page in &pages {
            let mut place = Vec::with_capacity(page.runs.len());
            for &run in &page.runs {
                let r = *seen.entry(std::sync::Arc::as_ptr(run) as usize).or_insert_with(|| {
                    order.push(run);
                    (order.len() - 1) as u32
                });
                place.push(r);
            }
            places.push(place);
        }
        // each face's runs in that order, mapped by the face's own map: a face's
        // codes depend only on its own runs, so the faces are mapped at once
        let mut by_face: BTreeMap<FontFace, Vec<u32>> = BTreeMap::new();
        for (i, run) in order.iter().enumerate() {
            by_face.entry(run.face).or_default().push(i as u32);
        }
        let map_face = |(face, runs): (FontFace, Vec<u32>)| {
            // TrueType outlines can be reached by any code (/CIDToGIDMap); CFF ones only by their id
            let mut map = TextMap::new(face.face().tables().glyf.is_some());
            // the face's default /W widths, by glyph id, read from the font when first needed
            let known = vec![std::cell::Cell::new(UNKNOWN); face.face().number_of_glyphs() as usize];
            let natural = |id: u16| match known.get(id as usize).map(std::cell::Cell::get) {
                Some(UNKNOWN) => {
                    let w = natural_width(face, id);
                    known[id as usize].set(w);
                    w
                }
                Some(w) => w,
                None => natural_width(face, id),
            };
            let cmap = |c: char| face.face().glyph_index(c).map(|g| g.0);
            let mapped: Vec<(u32, MappedRun)> = runs
                .into_iter()
                .map(|i| {
                    let run = order[i as usize];
                    let mut mapped = map.map_run(run, &cmap, &natural);
                    span_to_the_end(run, &mut mapped);
                    (i, mapped)
                })
                .collect();
            (face, map, mapped)
        };
        let faces: Vec<_> = if parallel {
            by_face.into_par_iter().map(map_face).collect()
        } else {
            by_face.into_iter().map(map_face).collect()
        };
        let mut layer = TextLayer::default();
        layer.runs.resize_with(order.len(), MappedRun::default);
        for (face, map, mapped) in faces {
            layer.faces.insert(face, map);
            for (i, m) in mapped {
                layer.runs[i as usize] = m;
            }
        }
        let point = |(page, place): (FoundRuns<'_>, Vec<u32>)| page.point(&place);
        layer.items = if parallel {
            pages.into_par_iter().zip(places).map(point).collect()
        } else {
            pages.into_iter().zip(places).map(point).collect()
        };
        layer
    }

    /// How item `item` of page `page` is written (every run of the document was
    /// mapped in [`Self::new`]; an item without glyphs has no codes).
    pub(super) fn at(&self, page: usize, item: usize) -> &MappedRun {
        self.page(page).at(item)
    }

    /// How many distinct runs the document draws.
    pub(super) fn run_count(&self) -> usize {
        self.runs.len()
    }

    /// How the items of page `page` are written.
    pub(super) fn page(&self, page: usize) -> PageRuns<'_> {
        PageRuns {
            items: &self.items[page],
            runs: &self.runs,
        }
    }
}

/// How the items of one page are written (see [`TextLayer::page`]).
#[derive(Clone, Copy)]
pub(super) struct PageRuns<'a> {
    items: &'a [u32],
    runs: &'a [MappedRun],
}

impl<'a> PageRuns<'a> {
    /// How item `item` is written.
    pub(super) fn at(self, item: usize) -> &'a MappedRun {
        self.slot(item).map_or(&NO_GLYPHS, |r| &self.runs[r])
    }

    /// Where item `item`'s run is in the document's list of runs (each drawn
    /// run once, see [`TextLayer::run_count`]), if it draws glyphs.
    pub(super) fn slot(self, item: usize) -> Option<usize> {
        match self.items[item] {
            NO_RUN => None,
            r => Some(r as usize),
        }
    }
}

/// Let a run's last `/ActualText` span take in the glyphs after it, to the end of
/// the run (their text joins its text). A tagged run with a span is a marked
/// sequence of its own (see `tags`), and poppler's structure text stops reading a
/// sequence where a span nested in it ends: the glyphs after the span were lost to
/// it (`असिस्टें` for `असिस्टेंट`). Every reader gets the same text either way.
fn span_to_the_end(run: &ShapedRun, mapped: &mut MappedRun) {
    let Some(last) = mapped.actual.last_mut() else { return };
    if last.glyphs.end >= run.glyphs.len() {
        return;
    }
    for g in &run.glyphs[last.glyphs.end..] {
        last.text.push_str(&run.text[g.text.clone()]);
    }
    last.glyphs.end = run.glyphs.len();
}

/// Whether `run` is nothing but a space too narrow for gap-finding readers, with
/// no neighbour of its own to carry its text (the layout shapes the space between
/// two words alone): the text writer then lets the `/ActualText` of the cluster
/// before it carry it too ([`TextMap::map_run`] does so within a run).
pub(super) fn lone_narrow_space(run: &ShapedRun) -> bool {
    // (the width first: it rules out nearly every run at once)
    run.width < NARROW_SPACE && !run.text.is_empty() && run.text.chars().all(char::is_whitespace)
}

/// A default width not read from the font yet.
const UNKNOWN: i32 = i32::MIN;

/// A glyph's advance as `/W` gives it by default: thousandths of an em, truncated.
pub(super) fn natural_width(face: FontFace, id: u16) -> i32 {
    let ttf = face.face();
    let adv = ttf.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id)).unwrap_or(0);
    (adv as f32 * 1000.0 / ttf.units_per_em() as f32).trunc() as i32
}

/// Texts and their codes, for one glyph and width.
type Texts = Vec<(Box<str>, u16)>;

/// The codes of one font: for each, its glyph (an id of the whole font, before
/// subsetting) and the text it stands for.
#[derive(Debug, Clone)]
pub struct TextMap {
    /// Codes are chosen here (the font gets a `/CIDToGIDMap`); otherwise each
    /// code is its glyph's id.
    free: bool,
    /// Indexed by code (free codes; code 0 is never used), or by glyph id:
    /// the glyph, its text and its `/W` width (thousandths of an em).
    entries: Vec<Option<(u16, String, i32)>>,
    /// By glyph and width: the texts it has codes for, and the codes.
    index: FxHashMap<(u16, i32), Texts>,
}

impl TextMap {
    /// `free`: whether the font can send any code to any glyph (TrueType
    /// outlines, through `/CIDToGIDMap`).
    pub fn new(free: bool) -> Self {
        TextMap {
            free,
            entries: vec![None],
            index: FxHashMap::default(),
        }
    }

    /// Whether codes are chosen here, so the font needs a `/CIDToGIDMap`.
    pub fn free_codes(&self) -> bool {
        self.free
    }

    /// One more than the highest code given (codes are given from 0 up).
    pub fn code_count(&self) -> usize {
        self.entries.len()
    }

    /// The code for `glyph` standing for `text` with the `/W` width `width`
    /// (codes that are glyph ids have the glyph's own, `natural`), and whether
    /// that code stands for exactly `text`.
    fn code(&mut self, glyph: u16, text: &str, width: i32, natural: i32) -> (u16, bool) {
        let width = if self.free { width } else { natural };
        let known = self.index.get(&(glyph, width));
        if let Some(&(_, code)) = known.and_then(|texts| texts.iter().find(|(t, _)| &**t == text)) {
            return (code, true);
        }
        if self.free && self.entries.len() <= u16::MAX as usize {
            let code = self.entries.len() as u16;
            self.entries.push(Some((glyph, text.to_string(), width)));
            self.index.entry((glyph, width)).or_default().push((text.into(), code));
            return (code, true);
        }
        // codes are glyph ids (or, absurdly, all 65,535 are taken): the glyph
        // keeps the text it was first met with
        let code = if self.free {
            self.index
                .iter()
                .filter(|((g, _), _)| *g == glyph)
                .flat_map(|(_, texts)| texts.iter().map(|&(_, c)| c))
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
            Some((_, first, _)) => (code, first == text),
            None => {
                self.entries[slot] = Some((glyph, text.to_string(), width));
                self.index.entry((glyph, width)).or_default().push((text.into(), code));
                (code, true)
            }
        }
    }

    /// Every code in use, ascending: (code, glyph, text).
    pub fn entries(&self) -> impl Iterator<Item = (u16, u16, &str)> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(code, e)| e.as_ref().map(|(g, t, _)| (code as u16, *g, t.as_str())))
    }

    /// The `/W` width of `code`, thousandths of an em.
    pub fn width(&self, code: u16) -> i32 {
        self.entries
            .get(code as usize)
            .and_then(|e| e.as_ref())
            .map_or(0, |e| e.2)
    }

    /// The glyphs the codes draw (ids of the whole font), ascending, each once.
    pub fn glyphs(&self) -> Vec<u16> {
        let mut glyphs: Vec<u16> = self.entries().map(|(_, g, _)| g).collect();
        glyphs.sort_unstable();
        glyphs.dedup();
        glyphs
    }

    /// Decide the codes of `run`'s glyphs and the stretches needing an
    /// `/ActualText`. `cmap` is the font's (the glyph it gives a character),
    /// `advance` its glyphs' advances as `/W` gives them by default.
    pub fn map_run(
        &mut self,
        run: &ShapedRun,
        cmap: &dyn Fn(char) -> Option<u16>,
        advance: &dyn Fn(u16) -> i32,
    ) -> MappedRun {
        match self.map_simple(run, advance) {
            Some(mapped) => mapped,
            None => self.map_general(run, cmap, advance),
        }
    }

    /// [`Self::map_run`] for the common run, where no rule but the codes has
    /// anything to do: every glyph a cluster of its own, on the pen, with a short
    /// text that is no narrow space, the first holding no mark pdf.js would
    /// misplace, and every code standing for exactly its glyph's text. `None`
    /// (after asking for the same codes [`Self::map_general`] asks for, in the
    /// same order) for any other run.
    fn map_simple(&mut self, run: &ShapedRun, advance: &dyn Fn(u16) -> i32) -> Option<MappedRun> {
        let plain = |g: &crate::text::Glyph| {
            !g.text.is_empty()
                && g.x_offset == 0.0
                && g.y_offset == 0.0
                && g.text.len() <= MAX_UNITS
                && !(g.advance < NARROW_SPACE && run.text[g.text.clone()].chars().all(char::is_whitespace))
        };
        if !run.glyphs.iter().all(plain) {
            return None;
        }
        let first = &run.text[run.glyphs.first()?.text.clone()];
        if run.glyphs.len() > 1 && first.chars().skip(1).any(is_nonspacing_mark) {
            return None;
        }
        let mut codes = Vec::with_capacity(run.glyphs.len());
        let mut widths = Vec::with_capacity(run.glyphs.len());
        for g in &run.glyphs {
            let natural = advance(g.id);
            let (code, exact) = self.code(g.id, &run.text[g.text.clone()], natural, natural);
            if !exact {
                return None;
            }
            codes.push(code);
            widths.push(self.width(code) as f32);
        }
        Some(MappedRun {
            codes,
            widths,
            actual: Vec::new(),
        })
    }

    /// [`Self::map_run`], every rule applied.
    fn map_general(
        &mut self,
        run: &ShapedRun,
        cmap: &dyn Fn(char) -> Option<u16>,
        advance: &dyn Fn(u16) -> i32,
    ) -> MappedRun {
        let clusters = clusters(run);
        let mut marked = vec![false; clusters.len()];
        // each glyph's piece of the run's text, as a byte range
        let mut pieces: Vec<Range<usize>> = Vec::with_capacity(run.glyphs.len());
        for (i, c) in clusters.iter().enumerate() {
            let glyphs = &run.glyphs[c.glyphs.clone()];
            if glyphs.len() == 1 {
                pieces.push(c.text.clone());
                continue;
            }
            marked[i] |= split_cluster(&run.text, c.text.clone(), glyphs, cmap, &mut pieces);
            // a mark placed on its letter overlaps it, and poppler breaks words there
            if glyphs.iter().any(|g| g.x_offset != 0.0 || g.y_offset != 0.0) {
                marked[i] = true;
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
        // pdf.js starts a new piece of text at the run's start and at each marked
        // span's start and end, and takes a glyph whose text holds a nonspacing
        // mark for a zero-width diacritic, which loses its place when it starts a
        // piece (a conjunct such as क्ष holds a virama): there the glyph keeps the
        // text before its first mark and the glyph after it gets the rest
        let marked_spans = spans(run, &clusters, &marked);
        let starts = marked_spans
            .iter()
            .flat_map(|span| [span.glyphs.start, span.glyphs.end]);
        for s in std::iter::once(0).chain(starts) {
            if s + 1 >= pieces.len() || pieces[s].end != pieces[s + 1].start {
                continue;
            }
            let piece = &run.text[pieces[s].clone()];
            if let Some((at, _)) = piece.char_indices().skip(1).find(|&(_, c)| is_nonspacing_mark(c)) {
                let at = pieces[s].start + at;
                pieces[s].end = at;
                pieces[s + 1].start = at;
            }
        }
        // a glyph's /W width is its advance, but for the last mark a cluster
        // places off the pen: its box then ends where the pen does, so that
        // readers that measure gaps between boxes (pdfminer, pypdf, poppler's
        // /ActualText) see none after it. pdf.js counts a mark as zero-width
        // whatever /W says, so its pen falls behind by that box: only one mark
        // a cluster gets one
        let placed = |j: usize| run.glyphs[j].x_offset != 0.0 || run.glyphs[j].y_offset != 0.0;
        let mut codes = Vec::with_capacity(run.glyphs.len());
        let mut widths = Vec::with_capacity(run.glyphs.len());
        for (i, c) in clusters.iter().enumerate() {
            // (a stack of marks gets none: pdf.js would fall behind after every one,
            // and pdfminer sorts the stack into lines of its own anyway)
            let stacked = c.glyphs.clone().filter(|&j| placed(j)).count() > STACK;
            let last_placed = c.glyphs.clone().rev().find(|&j| placed(j)).filter(|_| !stacked);
            for j in c.glyphs.clone() {
                let g = &run.glyphs[j];
                let natural = advance(g.id);
                let width = if Some(j) == last_placed {
                    (g.advance - g.x_offset).round().max(0.0) as i32
                } else if placed(j) {
                    g.advance.round().max(0.0) as i32
                } else {
                    natural
                };
                let mut text = &run.text[pieces[j].clone()];
                // (a UTF-8 byte is at most one UTF-16 unit)
                if text.len() > MAX_UNITS && text.encode_utf16().count() > MAX_UNITS {
                    text = cut(text);
                    marked[i] = true;
                }
                let (code, exact) = self.code(g.id, text, width, natural);
                marked[i] |= !exact;
                codes.push(code);
                widths.push(self.width(code) as f32);
            }
        }
        MappedRun {
            codes,
            widths,
            actual: spans(run, &clusters, &marked),
        }
    }

    /// The `/CIDToGIDMap` stream: two bytes per code, the glyph id in the subset
    /// font (`subset` maps a whole-font glyph id to it).
    pub fn cid_to_gid(&self, subset: &dyn Fn(u16) -> u16) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.entries.len() * 2);
        for e in &self.entries {
            let gid = e.as_ref().map_or(0, |(g, _, _)| subset(*g));
            out.extend_from_slice(&gid.to_be_bytes());
        }
        out
    }
}

/// The `/ActualText` spans: each stretch of consecutive marked clusters.
fn spans(run: &ShapedRun, clusters: &[Span], marked: &[bool]) -> Vec<ActualSpan> {
    let mut out: Vec<ActualSpan> = Vec::new();
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
        out.push(ActualSpan {
            glyphs: a.glyphs.start..b.glyphs.end,
            text: run.text[a.text.start..b.text.end].to_string(),
        });
        i += 1;
    }
    out
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

/// Split the cluster `text` (a range of `run_text`) over its `glyphs`, pushing
/// each glyph's piece (a range of `run_text`) onto `pieces`: each glyph from its
/// own character (the one the cmap gives it), the first glyph from the start,
/// every glyph at least one character while there are enough. Whether the
/// pieces alone do not read right (more glyphs than characters).
fn split_cluster(
    run_text: &str,
    text: Range<usize>,
    glyphs: &[crate::text::Glyph],
    cmap: &dyn Fn(char) -> Option<u16>,
    pieces: &mut Vec<Range<usize>>,
) -> bool {
    let chars: Vec<(usize, char)> = run_text[text.clone()]
        .char_indices()
        .map(|(b, c)| (text.start + b, c))
        .collect();
    let (n, k) = (chars.len(), glyphs.len());
    // start[j]: the index of the first character of glyph j's piece
    let mut start = vec![0usize; k];
    let short = n < k;
    if short {
        // more glyphs than characters: one each, the rest stand for nothing
        for (j, s) in start.iter_mut().enumerate() {
            *s = j.min(n);
        }
    } else {
        for j in 1..k {
            let lo = start[j - 1] + 1;
            let hi = n - (k - j);
            // the glyph's own character; else the last that is not a mark (a
            // piece starting with a virama or accent confuses pdf.js); else the last
            start[j] = (lo..=hi)
                .find(|&i| cmap(chars[i].1) == Some(glyphs[j].id))
                .or_else(|| (lo..=hi).rev().find(|&i| !is_nonspacing_mark(chars[i].1)))
                .unwrap_or(hi);
        }
    }
    let byte = |i: usize| chars.get(i).map_or(text.end, |&(b, _)| b);
    for j in 0..k {
        let end = if j + 1 < k { start[j + 1] } else { n };
        pieces.push(byte(start[j])..byte(end.max(start[j])));
    }
    short
}

/// Whether `c` is a nonspacing mark of the scripts folio sets: the combining
/// diacritics, and Devanagari's signs drawn on their letter (virama, nukta,
/// anusvara, the vowel signs above and below).
fn is_nonspacing_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x0900..=0x0902 | 0x093A | 0x093C | 0x0941..=0x0948 | 0x094D | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x200C | 0x200D)
}

/// The longest start of `s` that fits [`MAX_UNITS`] UTF-16 units.
fn cut(s: &str) -> &str {
    let mut units = 0;
    let end = s
        .char_indices()
        .find(|&(_, c)| {
            units += c.len_utf16();
            units > MAX_UNITS
        })
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests;
