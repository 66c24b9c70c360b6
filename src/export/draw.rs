//! Drawing a page: each item becomes content-stream operators.

use printpdf::{Actions, BorderArray, ColorArray, LinePoint, LinkAnnotation, Op, PaintMode, Pt, XObjectTransform};

use super::fonts::SubsetFonts;
use super::geometry::{color, rounded_rect, Flip};
use super::images::{image_id, Prepared};
use super::text::{text_ops, TextState};
use crate::layout::frame::{Item, Page};

/// The operators that draw `page`.
pub(super) fn page_ops(page: &Page, fonts: &SubsetFonts, images: &[Prepared], flip: Flip) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 4);
    let mut state = TextState::default();
    for item in &page.items {
        if !matches!(item, Item::Text(_)) {
            state.end_text(&mut ops);
        }
        match item {
            Item::Text(t) => text_ops(&mut ops, &mut state, t, fonts, flip),
            Item::Rect { rect, fill, radius } => {
                state.fill(&mut ops, *fill);
                ops.push(Op::DrawPolygon {
                    polygon: rounded_rect(flip.rect(*rect), *radius, PaintMode::Fill),
                });
            }
            Item::Line {
                from,
                to,
                width,
                color: c,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![flip.point(from.0, from.1), flip.point(to.0, to.1)]
                            .into_iter()
                            .map(|p| LinePoint { p, bezier: false })
                            .collect(),
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Image { rect, image, radius } => {
                let r = flip.rect(*rect);
                let img = &images[*image];
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::DrawPolygon {
                    polygon: rounded_rect(r, *radius, PaintMode::Clip),
                });
                ops.push(Op::UseXobject {
                    id: image_id(*image),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(r.x)),
                        translate_y: Some(Pt(r.y)),
                        scale_x: Some(r.w / img.width as f32),
                        scale_y: Some(r.h / img.height as f32),
                        dpi: Some(72.0),
                        ..Default::default()
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Link { rect, url } => {
                let r = flip.rect(*rect);
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        printpdf::Rect {
                            x: Pt(r.x),
                            y: Pt(r.y),
                            width: Pt(r.w),
                            height: Pt(r.h),
                            mode: None,
                            winding_order: None,
                        },
                        Actions::Uri(url.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        Some(ColorArray::Transparent),
                        None,
                    ),
                });
            }
        }
    }
    state.end_text(&mut ops);
    ops
}
