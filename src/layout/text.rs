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
        let mut runs: Vec<LineRun> = pieces.iter().flat_map(|p| self.shape_piece(p)).collect();
        let mut w = self.runs_width(&runs);
        let space_w = self.runs_width(&self.pending_space);
        if !self.line.runs.is_empty() && self.line.width + space_w + w > self.width {
            self.finish_line();
        }
        // A word wider than a whole line is split at cluster boundaries.
        while w > self.width && self.line.runs.is_empty() {
            let (head, tail) = self.split_to_fit(runs);
            if tail.is_empty() {
                runs = head;
                break;
            }
            self.append(head);
            self.finish_line();
            runs = tail;
            w = self.runs_width(&runs);
        }
        self.append(runs);
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

    /// Split runs into the longest head that fits the line width (at least one
    /// cluster, so progress is certain) and the rest, reshaped.
    fn split_to_fit(&self, runs: Vec<LineRun>) -> (Vec<LineRun>, Vec<LineRun>) {
        let mut used = 0.0;
        let mut head = Vec::new();
        let mut iter = runs.into_iter();
        while let Some(r) = iter.next() {
            let rw = r.run.width_at(self.size);
            if used + rw <= self.width {
                used += rw;
                head.push(r);
                continue;
            }
            // cut inside this run before the first cluster that no longer fits
            let mut cut = 0;
            let mut acc = used;
            for g in &r.run.glyphs {
                if !g.text.is_empty() {
                    if acc > self.width {
                        break;
                    }
                    cut = g.text.start;
                }
                acc += g.advance * self.size / 1000.0;
            }
            if head.is_empty() && cut == 0 {
                // nothing fits: take the first cluster anyway, so every line makes progress
                cut = r
                    .run
                    .glyphs
                    .iter()
                    .find(|g| !g.text.is_empty())
                    .map_or(r.run.text.len(), |g| g.text.end);
            }
            let mut tail: Vec<LineRun> = Vec::new();
            let style_of = |r: &LineRun| style_for_face(r.run.face);
            if cut > 0 && cut < r.run.text.len() {
                let (a, b) = r.run.text.split_at(cut);
                let st = style_of(&r);
                for run in self.shaper.shape(a, st) {
                    head.push(LineRun {
                        x: 0.0,
                        run,
                        color: r.color,
                        link: r.link.clone(),
                    });
                }
                for run in self.shaper.shape(b, st) {
                    tail.push(LineRun {
                        x: 0.0,
                        run,
                        color: r.color,
                        link: r.link.clone(),
                    });
                }
            } else if cut >= r.run.text.len() {
                head.push(r);
            } else {
                tail.push(r);
            }
            tail.extend(iter);
            return (head, tail);
        }
        (head, Vec::new())
    }
}

/// The style that selects `face` (the Devanagari faces map to their Latin partners,
/// whose fallback they are).
fn style_for_face(face: FontFace) -> Style {
    match face {
        FontFace::Regular | FontFace::DevanagariRegular => Style::Regular,
        FontFace::Italic => Style::Italic,
        FontFace::SemiBold => Style::SemiBold,
        FontFace::Bold | FontFace::DevanagariBold => Style::Bold,
        FontFace::Mono => Style::Mono,
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
    fn tiny_width_still_makes_progress() {
        let lines = break_lines(&FixedShaper, &plain("abc"), 10.0, 1.0);
        assert_eq!(texts(&lines), vec!["a", "b", "c"]);
    }
}
