//! Text in the content stream: shaped runs become `TJ` arrays of glyph codes,
//! the numbers between them reproducing the shaper's advances. Runs that
//! continue one another (the words and spaces of a line, a bold word in it)
//! continue the same pen: no new text matrix, and one array while font and
//! colour stay the same. Which runs carry an `/ActualText` the [`TextMap`] says.

use super::content::{Content, Pen};
use super::fonts::Fonts;
use super::geometry::Flip;
use super::textmap::TextMap;
use crate::layout::frame::TextItem;

/// How close (points) a run must start to where the previous one ended to
/// continue it without a new text matrix: far below anything visible.
const CONTINUES: f32 = 0.002;

/// Whether `b` starts where `a` ends, on the same baseline, in the same face,
/// size and colour: the two are one stretch of text.
pub(super) fn continues(a: &TextItem, b: &TextItem) -> bool {
    a.baseline == b.baseline
        && a.run.face == b.run.face
        && a.size == b.size
        && a.color == b.color
        && (a.x + a.run.width_at(a.size) - b.x).abs() <= CONTINUES
}

/// Write `items` (each one continuing the one before, see [`continues`]).
pub(super) fn show(out: &mut Content, items: &[&TextItem], fonts: &Fonts, map: &TextMap, flip: Flip) {
    let Some(first) = items.first() else { return };
    if items.iter().all(|t| t.run.glyphs.is_empty()) {
        return;
    }
    let face = first.run.face;
    let subset = fonts.subset(face);
    out.begin_text();
    out.font(face.tag(), first.size);
    out.fill_color(first.color);
    let actual = map.actual_text(&first.run);
    if actual {
        let text: String = items.iter().map(|t| t.run.text.as_str()).collect();
        let mut props = b"/ActualText <FEFF".to_vec();
        for unit in text.encode_utf16() {
            props.extend_from_slice(format!("{unit:04X}").as_bytes());
        }
        props.push(b'>');
        out.begin_marked("Span", Some(&props));
    }
    let scale = first.size / 1000.0;
    let (start_x, y) = flip.point(first.x, first.baseline);
    // the pen as the run has placed it so far, thousandths of an em from `start_x`
    let mut pen = 0.0f32;
    // whether the next glyph on the baseline needs the text matrix set first
    let mut moved = !out
        .pen()
        .is_some_and(|p| (p.x - start_x).abs() <= CONTINUES && p.y == y);
    for t in items {
        // where this item starts relative to the first, as the layout placed it
        // (differences below a twentieth of a unit are the float noise of two
        // ways of adding the same advances)
        let target = (t.x - first.x) / scale;
        if (target - pen).abs() > 0.05 {
            out.adjust(pen - target);
            pen = target;
        }
        for g in &t.run.glyphs {
            let code = subset.remap[g.id as usize];
            if g.x_offset != 0.0 || g.y_offset != 0.0 {
                // a glyph moved off the pen (a Devanagari mark): drawn alone at its place
                out.text_position(start_x + (pen + g.x_offset) * scale, y + g.y_offset * scale);
                out.glyph(code);
                moved = true;
            } else {
                if moved {
                    out.text_position(start_x + pen * scale, y);
                    moved = false;
                }
                out.glyph(code);
                // the viewer moves the pen by the glyph's /W width; the shaper's
                // advance (kerning included) differs by this much
                out.adjust(subset.widths[g.id as usize] - g.advance);
            }
            pen += g.advance;
        }
    }
    if actual {
        out.end_marked();
    }
    out.set_pen((!moved).then_some(Pen {
        x: start_x + pen * scale,
        y,
    }));
}

/// `s` as a PDF text string: UTF-16BE with its byte-order mark.
pub(super) fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}
