//! Text in the content stream: shaped runs become `TJ` operators, with font and
//! colour set only when they change, and `/ActualText` where the text map asks.

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

/// Ops drawing one shaped run, from one text matrix at its start: its glyphs go
/// out in `TJ` arrays whose numbers reproduce the shaper's advances and
/// offsets, a glyph the shaper moved off the baseline (a mark) raised with
/// `Ts`, so the pen a reader follows is the shaper's throughout the run. Each
/// glyph is written as the code its face's text map gave it, and the stretches
/// the map says need one are wrapped in an `/ActualText` span.
pub(super) fn text_ops(ops: &mut Vec<Op>, state: &mut TextState, t: &TextItem, fonts: &SubsetFonts, flip: Flip) {
    let run = &t.run;
    if run.glyphs.is_empty() {
        return;
    }
    let subset = &fonts.faces[&run.face];
    let mapped = fonts.mapped(run);
    state.begin_text(ops);
    state.font(ops, run.face, t.size);
    state.fill(ops, t.color);
    let scale = t.size / 1000.0;
    let start = flip.point(t.x, t.baseline);
    ops.push(Op::SetTextMatrix {
        matrix: TextMatrix::Translate(start.x, start.y),
    });
    // the array being filled: the move before its first glyph, and its glyphs
    let mut lead = 0.0f32;
    let mut pending: Vec<Codepoint> = Vec::new();
    let flush = |ops: &mut Vec<Op>, lead: &mut f32, pending: &mut Vec<Codepoint>| {
        let mut items = Vec::new();
        if *lead != 0.0 {
            items.push(printpdf::TextItem::Offset(std::mem::take(lead)));
        }
        if !pending.is_empty() {
            items.push(printpdf::TextItem::GlyphIds(std::mem::take(pending)));
        }
        if !items.is_empty() {
            ops.push(Op::ShowText { items });
        }
    };
    // TJ numbers move the pen back by n/1000 em
    let adjust = |lead: &mut f32, pending: &mut Vec<Codepoint>, n: f32| match pending.last_mut() {
        Some(last) => last.offset += n,
        None => *lead += n,
    };
    let mut rise = 0.0f32;
    let mut spans = mapped.actual.iter().peekable();
    let mut open: Option<usize> = None; // the end of the open span
    for (i, g) in run.glyphs.iter().enumerate() {
        if open == Some(i) {
            flush(ops, &mut lead, &mut pending);
            ops.push(Op::EndMarkedContentWithProperties);
            open = None;
        }
        if let Some(span) = spans.next_if(|s| s.glyphs.start == i) {
            flush(ops, &mut lead, &mut pending);
            ops.push(actual_text(&span.text));
            open = Some(span.glyphs.end);
        }
        if g.y_offset != rise {
            flush(ops, &mut lead, &mut pending);
            rise = g.y_offset;
            ops.push(Op::SetLineOffset {
                multiplier: rise * scale,
            });
        }
        // to the glyph's place, draw it (the pen moves by its /W width), then to
        // where the shaper's pen goes next
        adjust(&mut lead, &mut pending, -g.x_offset);
        let width = mapped.widths[i];
        pending.push(Codepoint::new(subset.pdf_code(mapped.codes[i]), 0.0));
        adjust(&mut lead, &mut pending, width - g.advance + g.x_offset);
    }
    flush(ops, &mut lead, &mut pending);
    if open.is_some() {
        ops.push(Op::EndMarkedContentWithProperties);
    }
    if rise != 0.0 {
        ops.push(Op::SetLineOffset { multiplier: 0.0 });
    }
}

/// The marked-content operator that opens an `/ActualText` span carrying `text`.
fn actual_text(text: &str) -> Op {
    Op::BeginMarkedContentWithProperties {
        tag: "Span".to_string(),
        properties: DictItem::Dict {
            map: BTreeMap::from([(
                "ActualText".to_string(),
                DictItem::String {
                    data: utf16be(text),
                    literal: false,
                },
            )]),
        },
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
