//! Drawing a page: its items become content-stream operators, written straight
//! into bytes ([`Content`]); links become printpdf annotations.

use printpdf::{Actions, BorderArray, ColorArray, LinkAnnotation, Op, Pt};

use super::content::Content;
use super::fonts::Fonts;
use super::geometry::{rounded_rect, Flip};
use super::images::image_name;
use super::text::{continues, show};
use super::textmap::TextLayer;
use crate::layout::frame::{Item, Page, TextItem};

/// What the exporter needs to draw a page.
pub(super) struct Context<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) layer: &'a TextLayer,
    pub(super) flip: Flip,
}

/// The content stream that draws `page`, written into `buf` (cleared first).
pub(super) fn page_content(page: &Page, cx: &Context, buf: Vec<u8>) -> Vec<u8> {
    let mut out = Content::new(buf);
    let flip = cx.flip;
    let mut items = page.items.iter().peekable();
    let mut run: Vec<&TextItem> = Vec::new();
    while let Some(item) = items.next() {
        match item {
            Item::Text(t) => {
                // text items that continue one another are written as one stretch
                run.clear();
                run.push(t);
                while let Some(Item::Text(next)) = items.peek() {
                    if !continues(run[run.len() - 1], next) {
                        break;
                    }
                    run.push(next);
                    items.next();
                }
                show(&mut out, &run, cx.fonts, cx.layer, flip);
            }
            Item::Rect { rect, fill, radius } => {
                out.end_text();
                out.fill_color(*fill);
                rounded_rect(&mut out, flip.rect(*rect), *radius);
                out.fill();
            }
            Item::Line { from, to, width, color } => {
                out.end_text();
                out.stroke_color(*color);
                out.line_width(*width);
                let (x0, y0) = flip.point(from.0, from.1);
                let (x1, y1) = flip.point(to.0, to.1);
                out.move_to(x0, y0);
                out.line_to(x1, y1);
                out.stroke();
            }
            Item::Image { rect, image, radius } => {
                let r = flip.rect(*rect);
                out.save();
                rounded_rect(&mut out, r, *radius);
                out.clip();
                out.transform([r.w, 0.0, 0.0, r.h, r.x, r.y]);
                out.x_object(&image_name(*image));
                out.restore();
            }
            Item::Link { .. } => {}
        }
    }
    out.finish()
}

/// The link annotations of `page`, for printpdf to write.
pub(super) fn page_links(page: &Page, flip: Flip) -> Vec<Op> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Link { rect, url } => {
                let r = flip.rect(*rect);
                Some(Op::LinkAnnotation {
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
                })
            }
            _ => None,
        })
        .collect()
}
