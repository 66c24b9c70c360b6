//! Text in the content stream: shaped runs become `TJ` operators, with font and
//! colour set only when they change, and `/ActualText` on Devanagari runs.

use std::collections::BTreeMap;

use printpdf::{Codepoint, DictItem, FontId, Op, PdfFontHandle, Pt, TextMatrix};

use super::fonts::SubsetFonts;
use super::geometry::{color, Flip};
use crate::layout::frame::{Color, TextItem};
use crate::text::FontFace;

/// What the content stream has set so far, so that operators are written only
/// when something changes.
#[derive(Default)]
pub(super) struct TextState {
    in_text: bool,
    font: Option<(FontFace, f32)>,
    fill: Option<Color>,
}

impl TextState {
    fn begin_text(&mut self, ops: &mut Vec<Op>) {
        if !self.in_text {
            ops.push(Op::StartTextSection);
            self.in_text = true;
        }
    }

    pub(super) fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.in_text {
            ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    pub(super) fn fill(&mut self, ops: &mut Vec<Op>, c: Color) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn font(&mut self, ops: &mut Vec<Op>, face: FontFace, size: f32) {
        if self.font != Some((face, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(face.tag().to_string())),
                size: Pt(size),
            });
            self.font = Some((face, size));
        }
    }
}

/// Ops drawing one shaped run: glyphs on the baseline go out as one `TJ` whose
/// kern numbers reproduce the shaper's advances; a glyph the shaper moved off
/// the baseline (a Devanagari mark) gets its own text matrix.
pub(super) fn text_ops(ops: &mut Vec<Op>, state: &mut TextState, t: &TextItem, fonts: &SubsetFonts, flip: Flip) {
    let run = &t.run;
    if run.glyphs.is_empty() {
        return;
    }
    let subset = &fonts.faces[&run.face];
    state.begin_text(ops);
    state.font(ops, run.face, t.size);
    state.fill(ops, t.color);
    let actual = matches!(run.face, FontFace::DevanagariRegular | FontFace::DevanagariBold);
    if actual {
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_string(),
            properties: DictItem::Dict {
                map: BTreeMap::from([(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: utf16be(&run.text),
                        literal: false,
                    },
                )]),
            },
        });
    }
    let scale = t.size / 1000.0;
    let mut pen = 0.0f32; // thousandths of an em from the run start
    let mut pending: Vec<Codepoint> = Vec::new();
    let mut pending_start: Option<(f32, f32)> = None;
    let flush = |ops: &mut Vec<Op>, pending: &mut Vec<Codepoint>, start: &mut Option<(f32, f32)>| {
        if let Some((x, y)) = start.take() {
            let p = flip.point(x, y);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(p.x, p.y),
            });
            ops.push(Op::ShowText {
                items: vec![printpdf::TextItem::GlyphIds(std::mem::take(pending))],
            });
        }
    };
    for g in &run.glyphs {
        let new_id = subset.remap[g.id as usize];
        let width = subset.widths[g.id as usize];
        let text = subset.unicode[g.id as usize].clone();
        if g.y_offset != 0.0 || g.x_offset != 0.0 {
            // a positioned mark: draw it alone at its exact place
            flush(ops, &mut pending, &mut pending_start);
            let x = t.x + (pen + g.x_offset) * scale;
            let y = t.baseline - g.y_offset * scale;
            pending_start = Some((x, y));
            pending.push(Codepoint::with_cid(new_id, 0.0, text));
            flush(ops, &mut pending, &mut pending_start);
        } else {
            if pending_start.is_none() {
                pending_start = Some((t.x + pen * scale, t.baseline));
            }
            // TJ numbers move the pen back by n/1000 em after the glyph's /W width
            pending.push(Codepoint::with_cid(new_id, width - g.advance, text));
        }
        pen += g.advance;
    }
    flush(ops, &mut pending, &mut pending_start);
    if actual {
        ops.push(Op::EndMarkedContentWithProperties);
    }
}

/// `s` as a PDF text string: UTF-16BE with its byte-order mark.
pub(super) fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}
