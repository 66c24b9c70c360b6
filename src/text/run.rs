//! Shaped text: glyphs with their advances and the text each stands for.

use std::ops::Range;

use super::fonts::FontFace;

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

/// A cluster of a shaped run: the text it stands for, its glyphs, its width in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub text: Range<usize>,
    pub glyphs: Range<usize>,
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

    /// The run's clusters, with their widths at `size`.
    pub fn clusters(&self, size: f32) -> Vec<Cluster> {
        let mut out: Vec<Cluster> = Vec::new();
        for (i, g) in self.glyphs.iter().enumerate() {
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

    /// The part of the run covering `text` (a range of whole clusters, given as `clusters`).
    pub fn slice(&self, text: Range<usize>, clusters: &[Cluster]) -> ShapedRun {
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
