//! Page coordinates as PDF wants them: the y axis flipped in one place
//! ([`Flip`]), and rounded rectangles as paths.

use super::content::Content;
use crate::layout::frame::Rect;

/// The one place where top-left page coordinates become PDF's bottom-left ones.
#[derive(Clone, Copy)]
pub(super) struct Flip {
    pub(super) height: f32,
}

impl Flip {
    /// A point in PDF coordinates.
    pub(super) fn point(self, x: f32, y: f32) -> (f32, f32) {
        (x, self.height - y)
    }

    /// A rectangle in PDF coordinates: `y` is its bottom edge.
    pub(super) fn rect(self, r: Rect) -> Rect {
        Rect {
            x: r.x,
            y: self.height - r.y - r.h,
            w: r.w,
            h: r.h,
        }
    }
}

/// The path of a rectangle (PDF coordinates) with corners rounded by `radius`,
/// closed; the caller fills or clips it.
pub(super) fn rounded_rect(out: &mut Content, r: Rect, radius: f32) {
    let rad = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    if rad <= 0.0 {
        out.rect(r.x, r.y, r.w, r.h);
        return;
    }
    // a quarter circle as one cubic Bézier: control points at this fraction of the radius
    let k = 0.552_284_8 * rad;
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    out.move_to(x0 + rad, y0);
    out.line_to(x1 - rad, y0);
    out.curve_to([x1 - rad + k, y0, x1, y0 + rad - k, x1, y0 + rad]);
    out.line_to(x1, y1 - rad);
    out.curve_to([x1, y1 - rad + k, x1 - rad + k, y1, x1 - rad, y1]);
    out.line_to(x0 + rad, y1);
    out.curve_to([x0 + rad - k, y1, x0, y1 - rad + k, x0, y1 - rad]);
    out.line_to(x0, y0 + rad);
    out.curve_to([x0, y0 + rad - k, x0 + rad - k, y0, x0 + rad, y0]);
    out.close_path();
}
