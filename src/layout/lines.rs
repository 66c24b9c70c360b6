//! Lines: styled spans broken into lines, and lines into page items.
//!
//! Line breaking finds break opportunities with unicode-linebreak (UAX #14),
//! fills lines greedily with the shaped widths, and splits a word longer than
//! the line at a cluster boundary rather than let it overflow. The helpers after
//! it turn lines into [`Item`]s: one unbreakable box ([`text_box`]) or one block
//! per line that can flow across pages ([`paragraph_blocks`]).

use std::ops::Range;
use std::sync::Arc;

use unicode_linebreak::{linebreaks, BreakOpportunity};

pub use memo::{remembering, Remembering};

use crate::layout::flow::Block;
use crate::layout::frame::{Color, Item, Rect, TextItem};
use crate::text::chars::SOFT_HYPHEN;
use crate::text::{Runs, ShapedRun, Shaper, Style};

/// A piece of a paragraph with one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub color: Color,
    /// Clickable target, if the span is a link.
    pub link: Option<String>,
    /// An address (a URL, an e-mail address, a phone number): kept whole on one
    /// line, and cut only when it cannot fit a fresh line (see [`break_lines`]).
    pub address: bool,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style, color: Color) -> Self {
        Span {
            text: text.into(),
            style,
            color,
            link: None,
            address: false,
        }
    }

    pub fn link(mut self, url: impl Into<String>) -> Self {
        self.link = Some(url.into());
        self
    }

    pub fn address(mut self) -> Self {
        self.address = true;
        self
    }
}

/// A shaped run placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    /// Distance from the start of the line, points.
    pub x: f32,
    pub run: Arc<ShapedRun>,
    pub color: Color,
    pub link: Option<String>,
}

/// One line of a broken paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<LineRun>,
    /// Width of the visible text (trailing spaces excluded), points.
    pub width: f32,
    /// The space the line breaks at, drawn after its last word (`x` from the
    /// line's end) in none of its width: it has no ink, and a reader that takes
    /// the text from the structure tree rather than from where glyphs stand still
    /// finds the two words apart (`AI infrastructure`, not `AIinfrastructure`).
    pub break_space: Vec<LineRun>,
}

impl Line {
    /// The text of the line, as a reader extracting it would see it.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.run.text.as_str()).collect()
    }
}

/// A piece of a segment: a range of one span.
struct Piece {
    span: usize,
    range: Range<usize>,
}

/// Break `spans` into lines no wider than `width` points at `size` points.
///
/// An address span ([`Span::address`]) has no break opportunity inside it, so it
/// moves to a fresh line whole, with the label glued to it by a no-break space;
/// only when it is wider than a whole line is it cut, after a `/`, `.`, `-` or
/// `@` (or between the label and the address), and inside a word only when no
/// such place fits.
pub fn break_lines(shaper: &dyn Shaper, spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    memo::remembered(spans, size, width, || break_anew(shaper, spans, size, width))
}

fn break_anew(shaper: &dyn Shaper, spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    // the joined text (a paragraph of one span is its text, not a copy)
    let joined: String;
    let text: &str = match spans {
        [one] => &one.text,
        _ => {
            joined = spans.iter().map(|s| s.text.as_str()).collect();
            &joined
        }
    };
    // span boundaries in the joined text
    let mut bounds = Vec::with_capacity(spans.len());
    let mut at = 0;
    for s in spans {
        bounds.push(at..at + s.text.len());
        at += s.text.len();
    }
    let mut breaker = LineFiller {
        shaper,
        spans,
        size,
        width,
        lines: Vec::new(),
        // room for a line's words and spaces from the start (the lines after it
        // are sized from the one before)
        line: Line {
            runs: Vec::with_capacity(32),
            ..Line::default()
        },
        pending_space: Vec::new(),
        hyphen: None,
        word: Vec::new(),
        space: None,
    };
    let addresses: Vec<Range<usize>> = (spans.iter().zip(&bounds))
        .filter(|(s, _)| s.address)
        .map(|(_, b)| b.clone())
        .collect();
    let mut start = 0;
    for (end, opportunity) in linebreaks(text).filter(|(at, _)| !inside(&addresses, *at)) {
        let segment = &text[start..end];
        let trimmed_len = segment.trim_end().len();
        // a soft hyphen ends its segment (UAX #14 breaks after it): the word is
        // what precedes it, with a hyphen to draw if the line breaks there
        let soft = segment[..trimmed_len].ends_with(SOFT_HYPHEN);
        let word = start..start + trimmed_len - if soft { SOFT_HYPHEN.len_utf8() } else { 0 };
        let space = start + trimmed_len..end;
        if addresses.iter().any(|a| a.start < word.end && word.start < a.end) {
            breaker.push_address(text, &bounds, &addresses, word, soft);
        } else {
            breaker.push_word(pieces(&bounds, word), soft);
        }
        breaker.push_space(pieces(&bounds, space));
        if opportunity == BreakOpportunity::Mandatory && end < text.len() {
            breaker.finish_line();
        }
        start = end;
    }
    // a soft hyphen at the very end is no break
    breaker.hyphen = None;
    breaker.finish_line();
    if breaker.lines.is_empty() {
        breaker.lines.push(Line::default());
    }
    breaker.lines
}

/// Paragraphs broken once for a stretch of work that breaks the same ones
/// again and again (the résumé is composed up to some twenty times while it is
/// fitted to its page, mostly at the same type size and measure).
mod memo {
    use std::cell::RefCell;
    use std::hash::{Hash, Hasher};

    use rustc_hash::{FxHashMap, FxHasher};

    use super::{Line, Span};

    /// Lines by the hash of what they were broken from, with that to compare.
    type Memo = FxHashMap<u64, Vec<(Vec<Span>, u32, u32, Vec<Line>)>>;

    thread_local! {
        /// Set on this thread only inside [`remembering`].
        static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
    }

    /// While it lives, the lines of every paragraph broken on this thread are
    /// kept, so that breaking the same spans at the same size and width again is
    /// a copy. (The lines of a break depend on nothing else: keep one for a
    /// stretch of work with one shaper.) Forgotten when it is dropped.
    pub struct Remembering {
        outer: Option<Memo>,
    }

    /// Start remembering broken lines on this thread (see [`Remembering`]).
    pub fn remembering() -> Remembering {
        Remembering {
            outer: MEMO.with(|m| m.borrow_mut().replace(Memo::default())),
        }
    }

    impl Drop for Remembering {
        fn drop(&mut self) {
            let outer = self.outer.take();
            MEMO.with(|m| *m.borrow_mut() = outer);
        }
    }

    /// `spans` broken at `size` and `width`: remembered, or made by `make`
    /// (and remembered when a memo is set).
    pub fn remembered(spans: &[Span], size: f32, width: f32, make: impl FnOnce() -> Vec<Line>) -> Vec<Line> {
        let active = MEMO.with(|m| m.borrow().is_some());
        if !active {
            return make();
        }
        let (size, width) = (size.to_bits(), width.to_bits());
        let mut h = FxHasher::default();
        for s in spans {
            s.text.hash(&mut h);
            (s.style as u8).hash(&mut h);
            [s.color.r, s.color.g, s.color.b].map(f32::to_bits).hash(&mut h);
            s.link.hash(&mut h);
            s.address.hash(&mut h);
        }
        (size, width).hash(&mut h);
        let key = h.finish();
        let same = |e: &&(Vec<Span>, u32, u32, Vec<Line>)| e.1 == size && e.2 == width && e.0 == spans;
        let hit = MEMO.with(|m| {
            let m = m.borrow();
            let entries = m.as_ref()?.get(&key)?;
            entries.iter().find(same).map(|e| e.3.clone())
        });
        if let Some(lines) = hit {
            return lines;
        }
        let lines = make();
        MEMO.with(|m| {
            if let Some(m) = m.borrow_mut().as_mut() {
                m.entry(key)
                    .or_default()
                    .push((spans.to_vec(), size, width, lines.clone()));
            }
        });
        lines
    }
}

/// Whether `at` falls strictly inside one of `ranges`.
fn inside(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.start < at && at < r.end)
}

/// Where an address too wide for a line may be cut (byte offsets in `text`):
/// after a `/`, `.`, `-` or `@` inside it (not between the slashes of `://`),
/// and at its start when a label comes before it in the same word.
fn address_cuts(text: &str, addresses: &[Range<usize>], word: &Range<usize>) -> Vec<usize> {
    let mut cuts = Vec::new();
    for a in addresses.iter().filter(|a| a.start < word.end && word.start < a.end) {
        if a.start > word.start {
            cuts.push(a.start);
        }
        let s = &text[a.clone()];
        for (i, c) in s.char_indices() {
            let end = a.start + i + c.len_utf8();
            let inside_scheme = c == '/' && s[i + 1..].starts_with('/');
            if matches!(c, '/' | '.' | '-' | '@') && !inside_scheme && end < a.end.min(word.end) {
                cuts.push(end);
            }
        }
    }
    cuts
}

/// The pieces of `range`, one per span it overlaps (an iterator: most words
/// are one piece, and a paragraph has tens of thousands of words).
fn pieces(bounds: &[Range<usize>], range: Range<usize>) -> impl Iterator<Item = Piece> + '_ {
    bounds.iter().enumerate().filter_map(move |(i, b)| {
        let s = range.start.max(b.start);
        let e = range.end.min(b.end);
        (s < e).then(|| Piece {
            span: i,
            range: s - b.start..e - b.start,
        })
    })
}

/// `runs`, shaped from a piece of `span`, added to `out` (placed later).
fn place_runs(runs: &Runs, span: &Span, out: &mut Vec<LineRun>) {
    out.extend(runs.iter().map(|run| LineRun {
        x: 0.0,
        run: run.clone(),
        color: span.color,
        link: span.link.clone(),
    }));
}

struct LineFiller<'a> {
    shaper: &'a dyn Shaper,
    spans: &'a [Span],
    size: f32,
    width: f32,
    lines: Vec<Line>,
    line: Line,
    /// Spaces after the last word: drawn only if another word follows on this line.
    pending_space: Vec<LineRun>,
    /// The hyphen to draw if the line ends right after the last word, which
    /// ended at a soft hyphen.
    hyphen: Option<Vec<LineRun>>,
    /// The runs of the word being placed (kept to reuse its memory from word to word).
    word: Vec<LineRun>,
    /// The last space shaped, its style and text: nearly every space between
    /// words is the same, and asking the shaper's cache costs a hash and a lock.
    space: Option<(Style, String, Runs)>,
}

impl LineFiller<'_> {
    /// The runs of `p`, added to `out`.
    fn shape_piece(&self, p: &Piece, out: &mut Vec<LineRun>) {
        let span = &self.spans[p.span];
        let runs = self.shaper.shape_shared(&span.text[p.range.clone()], span.style);
        place_runs(&runs, span, out);
    }

    fn runs_width(&self, runs: &[LineRun]) -> f32 {
        runs.iter().map(|r| r.run.width_at(self.size)).sum()
    }

    /// The hyphen a soft hyphen shows at a line break, in the style of the piece
    /// before it: the hyphen's glyph, standing for the soft hyphen in the text.
    fn soft_hyphen(&self, p: &Piece) -> Vec<LineRun> {
        let span = &self.spans[p.span];
        self.shaper
            .shape("-", span.style)
            .into_iter()
            .map(|run| {
                let mut run = (*run).clone();
                run.text = SOFT_HYPHEN.to_string();
                for g in &mut run.glyphs {
                    if !g.text.is_empty() {
                        g.text = 0..SOFT_HYPHEN.len_utf8();
                    }
                }
                LineRun {
                    x: 0.0,
                    run: std::sync::Arc::new(run),
                    color: span.color,
                    link: span.link.clone(),
                }
            })
            .collect()
    }

    /// Place a word; `soft` when it ended at a soft hyphen (it must fit with its
    /// hyphen, in case the line breaks after it).
    fn push_word(&mut self, pieces: impl Iterator<Item = Piece>, soft: bool) {
        let mut runs = std::mem::take(&mut self.word);
        runs.clear();
        let mut last = None;
        for p in pieces {
            self.shape_piece(&p, &mut runs);
            last = Some(p);
        }
        let Some(last) = last else {
            self.word = runs;
            return;
        };
        let hyphen = soft.then(|| self.soft_hyphen(&last));
        let w = self.runs_width(&runs);
        let fit = w + hyphen.as_deref().map_or(0.0, |h| self.runs_width(h));
        let space_w = self.runs_width(&self.pending_space);
        if !self.line.runs.is_empty() && self.line.width + space_w + fit > self.width {
            self.keep_break_space();
            self.finish_line();
        }
        if fit <= self.width || !self.line.runs.is_empty() {
            self.append(&mut runs);
            self.word = runs;
            self.hyphen = hyphen;
            return;
        }
        // A word wider than a whole line is split at cluster boundaries, in one
        // pass over its glyphs; the last piece stays open for the words after it.
        let mut pieces = self.split_long(runs);
        let mut last = pieces.pop().unwrap_or_default();
        for mut piece in pieces {
            self.append(&mut piece);
            self.finish_line();
        }
        self.append(&mut last);
        self.hyphen = hyphen;
    }

    /// A word holding an address: whole when it fits a line (on this one or a
    /// fresh one); else from a fresh line, cut at the last [`address_cuts`] place
    /// that fits each line, the rest left to [`Self::push_word`].
    fn push_address(
        &mut self,
        text: &str,
        bounds: &[Range<usize>],
        addresses: &[Range<usize>],
        word: Range<usize>,
        soft: bool,
    ) {
        // the width up to each cluster boundary of the word, shaped once
        let mut ends: Vec<(usize, f32)> = vec![(word.start, 0.0)];
        let mut runs = Vec::new();
        for p in pieces(bounds, word.clone()) {
            let mut base = bounds[p.span].start + p.range.start;
            runs.clear();
            self.shape_piece(&p, &mut runs);
            for r in &runs {
                for c in r.run.clusters(self.size) {
                    let w = ends.last().map_or(0.0, |e| e.1) + c.width;
                    ends.push((base + c.text.end, w));
                }
                base += r.run.text.len();
            }
        }
        let width_to = |at: usize| ends[ends.partition_point(|e| e.0 <= at).saturating_sub(1)].1;
        if width_to(word.end) - width_to(word.start) <= self.width {
            self.push_word(pieces(bounds, word), soft);
            return;
        }
        self.finish_line();
        let cuts = address_cuts(text, addresses, &word);
        let line = self.width;
        let fits = |a: usize, b: usize| width_to(b) - width_to(a) <= line;
        let mut start = word.start;
        while !fits(start, word.end) {
            // between a label and its address when the address then fits a line,
            // else at the last place that fits
            let after_label = addresses
                .iter()
                .filter(|a| a.start > start && fits(start, a.start) && fits(a.start, a.end.min(word.end)))
                .map(|a| a.start)
                .next_back();
            let last = cuts.iter().copied().rfind(|&c| c > start && fits(start, c));
            let Some(cut) = after_label.or(last) else { break };
            self.push_word(pieces(bounds, start..cut), false);
            self.finish_line();
            start = cut;
        }
        self.push_word(pieces(bounds, start..word.end), soft);
    }

    fn push_space(&mut self, pieces: impl Iterator<Item = Piece>) {
        for p in pieces {
            let span = &self.spans[p.span];
            let text = &span.text[p.range];
            match &self.space {
                Some((style, t, runs)) if *style == span.style && t == text => {
                    place_runs(runs, span, &mut self.pending_space)
                }
                _ => {
                    let runs = self.shaper.shape_shared(text, span.style);
                    place_runs(&runs, span, &mut self.pending_space);
                    self.space = Some((span.style, text.to_string(), runs));
                }
            }
        }
    }

    /// Place runs after the current line content (and the spaces before them),
    /// leaving `runs` empty.
    fn append(&mut self, runs: &mut Vec<LineRun>) {
        // a word follows on the same line: no break at the soft hyphen before it
        self.hyphen = None;
        let size = self.size;
        let line = &mut self.line;
        // moved in whole (a word is a run or two, and a drain per word costs
        // more than the runs), then placed one after another
        let start = line.runs.len();
        if start > 0 {
            line.runs.append(&mut self.pending_space);
        }
        line.runs.append(runs);
        for r in &mut line.runs[start..] {
            r.x = line.width;
            line.width += r.run.width_at(size);
        }
        self.pending_space.clear();
    }

    /// Keep the spaces the line is about to break at as its [`Line::break_space`]
    /// (none after a soft hyphen: the word goes on).
    fn keep_break_space(&mut self) {
        if self.hyphen.is_some() || self.line.runs.is_empty() {
            return;
        }
        let mut x = 0.0;
        for mut r in self.pending_space.drain(..) {
            r.x = x;
            x += r.run.width_at(self.size);
            self.line.break_space.push(r);
        }
    }

    fn finish_line(&mut self) {
        if let Some(hyphen) = self.hyphen.take() {
            // (a word split for being wider than the line may leave no room for it)
            if self.pending_space.is_empty() && self.line.width + self.runs_width(&hyphen) <= self.width {
                for mut r in hyphen {
                    r.x = self.line.width;
                    self.line.width += r.run.width_at(self.size);
                    self.line.runs.push(r);
                }
            }
        }
        self.pending_space.clear();
        if !self.line.runs.is_empty() {
            // the next line is about as long: one allocation for its runs, not a
            // doubling after every few words
            let runs = Vec::with_capacity(self.line.runs.len() + 4);
            let line = std::mem::replace(
                &mut self.line,
                Line {
                    runs,
                    ..Line::default()
                },
            );
            self.lines.push(line);
        }
    }

    /// Cut runs into line-wide pieces at cluster boundaries (every piece holds at
    /// least one cluster, so even a line narrower than a glyph makes progress).
    fn split_long(&self, runs: Vec<LineRun>) -> Vec<Vec<LineRun>> {
        let mut lines = Vec::new();
        let mut current: Vec<LineRun> = Vec::new();
        let mut used = 0.0;
        for r in runs {
            let clusters = r.run.clusters(self.size);
            let mut first = 0; // first cluster of the piece being filled
            let mut acc = 0.0; // its width so far
            for (i, c) in clusters.iter().enumerate() {
                if used + acc + c.width > self.width && used + acc > 0.0 {
                    if i > first {
                        current.push(LineRun {
                            run: Arc::new(
                                r.run
                                    .slice(clusters[first].text.start..c.text.start, &clusters[first..i]),
                            ),
                            ..r.clone()
                        });
                    }
                    lines.push(std::mem::take(&mut current));
                    used = 0.0;
                    acc = 0.0;
                    first = i;
                }
                acc += c.width;
            }
            if first < clusters.len() {
                let range = clusters[first].text.start..r.run.text.len();
                current.push(LineRun {
                    run: Arc::new(r.run.slice(range, &clusters[first..])),
                    ..r.clone()
                });
                used += acc;
            }
        }
        lines.push(current);
        lines
    }
}

/// A paragraph's type settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Para {
    pub size: f32,
    pub leading: f32,
}

impl Para {
    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }
}

/// Break spans into lines and measure them.
pub fn lines(shaper: &dyn Shaper, spans: &[Span], para: Para, width: f32) -> Vec<Line> {
    break_lines(shaper, spans, para.size, width)
}

/// Where the baseline sits below the top of a line box, so the glyphs are
/// centred in it.
pub fn baseline_in_line(shaper: &dyn Shaper, style: Style, para: Para) -> f32 {
    let asc = shaper.ascender(style) * para.size / 1000.0;
    let desc = shaper.descender(style) * para.size / 1000.0;
    (para.line_height() - (asc + desc)) / 2.0 + asc
}

/// The items of one line: text runs from `(x, baseline)`, plus link areas
/// covering each linked stretch of the line (line box from `top` to `top + height`).
pub fn line_items(line: &Line, x: f32, baseline: f32, size: f32, top: f32, height: f32) -> Vec<Item> {
    let mut items = Vec::with_capacity(line.runs.len() + 1);
    // each run stays the shaper's cached run, shared (a line's runs copied into
    // one were most of a long document's memory); the exporter writes runs that
    // continue one another as one stretch of text, so a reader still sees the
    // line's words and spaces as written
    items.extend(line.runs.iter().map(|r| {
        Item::Text(TextItem {
            x: x + r.x,
            baseline,
            size,
            color: r.color,
            run: r.run.clone(),
        })
    }));
    items.extend(line.break_space.iter().map(|r| {
        Item::Text(TextItem {
            x: x + line.width + r.x,
            baseline,
            size,
            color: r.color,
            run: r.run.clone(),
        })
    }));
    let mut link: Option<(&str, f32, f32)> = None;
    for r in &line.runs {
        let end = x + r.x + r.run.width_at(size);
        match (&mut link, &r.link) {
            (Some((url, _, e)), Some(u)) if *url == u.as_str() => *e = end,
            (_, next) => {
                if let Some((url, s, e)) = link.take() {
                    items.push(Item::Link {
                        rect: Rect::new(s, top, e - s, height),
                        url: url.into(),
                    });
                }
                link = next.as_deref().map(|u| (u, x + r.x, end));
            }
        }
    }
    if let Some((url, s, e)) = link {
        items.push(Item::Link {
            rect: Rect::new(s, top, e - s, height),
            url: url.into(),
        });
    }
    items
}

/// A paragraph as one block per line (so it can flow across pages), with
/// orphan and widow control: the first two and the last two lines stay together.
/// Baselines sit where `base` (the paragraph's own style, whatever its first
/// span) centres its glyphs in the line.
pub fn paragraph_blocks(
    shaper: &dyn Shaper,
    spans: &[Span],
    base: Style,
    para: Para,
    x: f32,
    width: f32,
) -> Vec<Block> {
    let base = baseline_in_line(shaper, base, para);
    let lh = para.line_height();
    let lines = lines(shaper, spans, para, width);
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut b = Block::new(lh, line_items(line, x, base, para.size, 0.0, lh));
            b.keep_with_next = n >= 2 && (i == 0 || i + 2 == n);
            b
        })
        .collect()
}

/// Lines stacked into one unbreakable piece: returns the items and the height.
pub fn text_box(shaper: &dyn Shaper, spans: &[Span], para: Para, x: f32, y: f32, width: f32) -> (Vec<Item>, f32) {
    let style = spans.first().map_or(Style::Regular, |s| s.style);
    let base = baseline_in_line(shaper, style, para);
    let lh = para.line_height();
    let mut items = Vec::new();
    let lines = lines(shaper, spans, para, width);
    for (i, line) in lines.iter().enumerate() {
        let top = y + i as f32 * lh;
        items.extend(line_items(line, x, top + base, para.size, top, lh));
    }
    (items, lines.len() as f32 * lh)
}

#[cfg(test)]
mod tests;
