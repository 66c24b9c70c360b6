//! Text measurement and line breaking.
//!
//! The [`Shaper`] trait is all layout knows about fonts: real runs come from
//! rustybuzz ([`crate::fonts::FontShaper`]), unit tests use a stand-in with
//! fixed-width glyphs. Line breaking finds break opportunities with
//! unicode-linebreak (UAX #14), fills lines greedily with the shaped widths, and
//! splits a word longer than the line at a cluster boundary rather than let it
//! overflow.

use std::ops::Range;
use std::rc::Rc;

use unicode_linebreak::{linebreaks, BreakOpportunity};

use crate::fonts::FontFace;
use crate::layout::frame::Color;

/// The typographic style of a piece of text; the shaper picks the face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Italic,
    SemiBold,
    Bold,
    Mono,
}

/// One shaped glyph. Distances are in thousandths of an em.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// The byte range of [`ShapedRun::text`] this glyph stands for: the whole
    /// cluster for the first glyph of a cluster, empty for the others.
    pub text: Range<usize>,
}

/// Text drawn by one face, shaped.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedRun {
    pub face: FontFace,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Sum of advances, thousandths of an em.
    pub width: f32,
}

impl ShapedRun {
    /// Add the glyphs and text of `other` (same face) after this run's.
    pub fn append(&mut self, other: &ShapedRun) {
        debug_assert_eq!(self.face, other.face);
        let offset = self.text.len();
        self.text.push_str(&other.text);
        self.glyphs.extend(other.glyphs.iter().map(|g| Glyph {
            text: g.text.start + offset..g.text.end + offset,
            ..g.clone()
        }));
        self.width += other.width;
    }

    /// Width in points at `size`.
    pub fn width_at(&self, size: f32) -> f32 {
        self.width * size / 1000.0
    }
}

/// Shapes text into runs; the one interface between layout and fonts.
pub trait Shaper {
    /// Shape `text` (no line breaks in it) in `style`, split into runs by face.
    fn shape(&self, text: &str, style: Style) -> Vec<Rc<ShapedRun>>;
    /// Ascender, descender (positive, below the baseline) and cap height, in thousandths of an em.
    fn ascender(&self, style: Style) -> f32;
    fn descender(&self, style: Style) -> f32;
    fn cap_height(&self, style: Style) -> f32;

    /// Width in points of `text` at `size`.
    fn measure(&self, text: &str, style: Style, size: f32) -> f32 {
        self.shape(text, style).iter().map(|r| r.width_at(size)).sum()
    }
}

/// A piece of a paragraph with one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub color: Color,
    /// Clickable target, if the span is a link.
    pub link: Option<String>,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style, color: Color) -> Self {
        Span {
            text: text.into(),
            style,
            color,
            link: None,
        }
    }

    pub fn link(mut self, url: impl Into<String>) -> Self {
        self.link = Some(url.into());
        self
    }
}

/// A shaped run placed on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct LineRun {
    /// Distance from the start of the line, points.
    pub x: f32,
    pub run: Rc<ShapedRun>,
    pub color: Color,
    pub link: Option<String>,
}

/// One line of a broken paragraph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<LineRun>,
    /// Width of the visible text (trailing spaces excluded), points.
    pub width: f32,
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
pub fn break_lines(shaper: &dyn Shaper, spans: &[Span], size: f32, width: f32) -> Vec<Line> {
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
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
        line: Line::default(),
        pending_space: Vec::new(),
    };
    let mut start = 0;
    for (end, opportunity) in linebreaks(&text) {
        let segment = &text[start..end];
        let trimmed_len = segment.trim_end().len();
        let word = start..start + trimmed_len;
        let space = start + trimmed_len..end;
        breaker.push_word(pieces(&bounds, word));
        breaker.push_space(pieces(&bounds, space));
        if opportunity == BreakOpportunity::Mandatory && end < text.len() {
            breaker.finish_line();
        }
        start = end;
    }
    breaker.finish_line();
    if breaker.lines.is_empty() {
        breaker.lines.push(Line::default());
    }
    breaker.lines
}

fn pieces(bounds: &[Range<usize>], range: Range<usize>) -> Vec<Piece> {
    bounds
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let s = range.start.max(b.start);
            let e = range.end.min(b.end);
            (s < e).then(|| Piece {
                span: i,
                range: s - b.start..e - b.start,
            })
        })
        .collect()
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
}

impl LineFiller<'_> {
    fn shape_piece(&self, p: &Piece) -> Vec<LineRun> {
        let span = &self.spans[p.span];
        self.shaper
            .shape(&span.text[p.range.clone()], span.style)
            .into_iter()
            .map(|run| LineRun {
                x: 0.0,
                run,
                color: span.color,
                link: span.link.clone(),
            })
            .collect()
    }

    fn runs_width(&self, runs: &[LineRun]) -> f32 {
        runs.iter().map(|r| r.run.width_at(self.size)).sum()
    }

    fn push_word(&mut self, pieces: Vec<Piece>) {
        if pieces.is_empty() {
            return;
        }
        let runs: Vec<LineRun> = pieces.iter().flat_map(|p| self.shape_piece(p)).collect();
        let w = self.runs_width(&runs);
        let space_w = self.runs_width(&self.pending_space);
        if !self.line.runs.is_empty() && self.line.width + space_w + w > self.width {
            self.finish_line();
        }
        if w <= self.width || !self.line.runs.is_empty() {
            self.append(runs);
            return;
        }
        // A word wider than a whole line is split at cluster boundaries, in one
        // pass over its glyphs; the last piece stays open for the words after it.
        let mut pieces = self.split_long(runs);
        let last = pieces.pop().unwrap_or_default();
        for piece in pieces {
            self.append(piece);
            self.finish_line();
        }
        self.append(last);
    }

    fn push_space(&mut self, pieces: Vec<Piece>) {
        let runs: Vec<LineRun> = pieces.iter().flat_map(|p| self.shape_piece(p)).collect();
        self.pending_space.extend(runs);
    }

    /// Place runs after the current line content (and the spaces before them).
    fn append(&mut self, runs: Vec<LineRun>) {
        if !self.line.runs.is_empty() {
            let spaces = std::mem::take(&mut self.pending_space);
            for mut r in spaces {
                r.x = self.line.width;
                self.line.width += r.run.width_at(self.size);
                self.line.runs.push(r);
            }
        }
        self.pending_space.clear();
        for mut r in runs {
            r.x = self.line.width;
            self.line.width += r.run.width_at(self.size);
            self.line.runs.push(r);
        }
    }

    fn finish_line(&mut self) {
        self.pending_space.clear();
        if !self.line.runs.is_empty() {
            self.lines.push(std::mem::take(&mut self.line));
        }
    }

    /// Cut runs into line-wide pieces at cluster boundaries (every piece holds at
    /// least one cluster, so even a line narrower than a glyph makes progress).
    fn split_long(&self, runs: Vec<LineRun>) -> Vec<Vec<LineRun>> {
        let mut lines = Vec::new();
        let mut current: Vec<LineRun> = Vec::new();
        let mut used = 0.0;
        for r in runs {
            let clusters = clusters(&r.run, self.size);
            let mut first = 0; // first cluster of the piece being filled
            let mut acc = 0.0; // its width so far
            for (i, c) in clusters.iter().enumerate() {
                if used + acc + c.width > self.width && used + acc > 0.0 {
                    if i > first {
                        current.push(LineRun {
                            run: Rc::new(
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
                    run: Rc::new(r.run.slice(range, &clusters[first..])),
                    ..r.clone()
                });
                used += acc;
            }
        }
        lines.push(current);
        lines
    }
}

/// A cluster of a shaped run: the text it stands for, its glyphs, its width in points.
struct Cluster {
    text: Range<usize>,
    glyphs: Range<usize>,
    width: f32,
}

fn clusters(run: &ShapedRun, size: f32) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for (i, g) in run.glyphs.iter().enumerate() {
        let w = g.advance * size / 1000.0;
        match out.last_mut() {
            Some(c) if g.text.is_empty() => {
                c.glyphs.end = i + 1;
                c.width += w;
            }
            _ => out.push(Cluster {
                text: g.text.clone(),
                glyphs: i..i + 1,
                width: w,
            }),
        }
    }
    out
}

impl ShapedRun {
    /// The part of the run covering `text` (a range of whole clusters, given as `clusters`).
    fn slice(&self, text: Range<usize>, clusters: &[Cluster]) -> ShapedRun {
        let glyphs: Vec<Glyph> = match (clusters.first(), clusters.last()) {
            (Some(a), Some(b)) => self.glyphs[a.glyphs.start..b.glyphs.end]
                .iter()
                .map(|g| Glyph {
                    text: if g.text.is_empty() {
                        0..0
                    } else {
                        g.text.start - text.start..g.text.end - text.start
                    },
                    ..g.clone()
                })
                .collect(),
            _ => Vec::new(),
        };
        let width = glyphs.iter().map(|g| g.advance).sum();
        ShapedRun {
            face: self.face,
            text: self.text[text].to_string(),
            glyphs,
            width,
        }
    }
}

/// A stand-in shaper for tests: every character is 500/1000 em wide, one glyph each.
#[cfg(test)]
pub struct FixedShaper;

#[cfg(test)]
impl Shaper for FixedShaper {
    fn shape(&self, text: &str, _style: Style) -> Vec<Rc<ShapedRun>> {
        let glyphs: Vec<Glyph> = text
            .char_indices()
            .map(|(i, c)| Glyph {
                id: 1,
                advance: 500.0,
                x_offset: 0.0,
                y_offset: 0.0,
                text: i..i + c.len_utf8(),
            })
            .collect();
        let width = glyphs.len() as f32 * 500.0;
        vec![Rc::new(ShapedRun {
            face: FontFace::Regular,
            text: text.to_string(),
            glyphs,
            width,
        })]
    }
    fn ascender(&self, _: Style) -> f32 {
        800.0
    }
    fn descender(&self, _: Style) -> f32 {
        200.0
    }
    fn cap_height(&self, _: Style) -> f32 {
        700.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span::new(text, Style::Regular, Color::BLACK)]
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn greedy_fill_at_word_boundaries() {
        // size 10: every char is 5 pt; width 50 pt fits 10 chars
        let lines = break_lines(&FixedShaper, &plain("aaa bbb ccc ddd eeeeeeeeee f"), 10.0, 50.0);
        assert_eq!(texts(&lines), vec!["aaa bbb", "ccc ddd", "eeeeeeeeee", "f"]);
        assert!(lines.iter().all(|l| l.width <= 50.0));
        assert_eq!(lines[0].width, 35.0); // trailing space not counted
    }

    #[test]
    fn long_word_is_split_not_overflowing() {
        let lines = break_lines(&FixedShaper, &plain("x abcdefghijklmnopqrstuvwxyz y"), 10.0, 50.0);
        assert_eq!(texts(&lines), vec!["x", "abcdefghij", "klmnopqrst", "uvwxyz y"]);
        assert!(lines.iter().all(|l| l.width <= 50.0));
    }

    #[test]
    fn breaks_after_hyphens_and_slashes_per_uax14() {
        let lines = break_lines(&FixedShaper, &plain("state-of-the-art"), 10.0, 50.0);
        assert_eq!(texts(&lines), vec!["state-of-", "the-art"]);
    }

    #[test]
    fn spans_keep_their_style_and_link_across_lines() {
        let spans = vec![
            Span::new("see ", Style::Regular, Color::BLACK),
            Span::new("the docs", Style::Bold, Color::BLACK).link("https://example.com"),
            Span::new(" now", Style::Regular, Color::BLACK),
        ];
        let lines = break_lines(&FixedShaper, &spans, 10.0, 40.0);
        assert_eq!(texts(&lines), vec!["see the", "docs now"]);
        assert_eq!(
            lines[0].runs.last().unwrap().link.as_deref(),
            Some("https://example.com")
        );
        assert_eq!(lines[1].runs[0].link.as_deref(), Some("https://example.com"));
        assert_eq!(lines[1].runs.last().unwrap().link, None);
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        assert_eq!(break_lines(&FixedShaper, &plain(""), 10.0, 50.0).len(), 1);
    }

    #[test]
    fn a_huge_word_is_split_in_one_pass() {
        let word = "x".repeat(200_000);
        let start = std::time::Instant::now();
        let lines = break_lines(&FixedShaper, &plain(&word), 10.0, 50.0);
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
        assert_eq!(lines.len(), 20_000);
        assert!(lines.iter().all(|l| l.width <= 50.0));
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), word);
    }

    #[test]
    fn split_devanagari_keeps_clusters_whole() {
        let shaper = crate::fonts::FontShaper::new();
        let word = "क्षत्रियहिन्दीवॉइसअसिस्टेंट".repeat(6);
        let lines = break_lines(&shaper, &plain(&word), 10.0, 60.0);
        assert!(lines.len() > 3);
        assert_eq!(lines.iter().map(Line::text).collect::<String>(), word);
        for l in &lines {
            assert!(l.width <= 60.0 + 0.01);
            // every line starts at a cluster: its first glyph carries text
            assert!(!l.runs[0].run.glyphs[0].text.is_empty());
        }
    }

    #[test]
    fn tiny_width_still_makes_progress() {
        let lines = break_lines(&FixedShaper, &plain("abc"), 10.0, 1.0);
        assert_eq!(texts(&lines), vec!["a", "b", "c"]);
    }
}
