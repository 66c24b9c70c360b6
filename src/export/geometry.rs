//! Page coordinates and colours as PDF wants them: the y axis flipped in one
//! place ([`Flip`]), RGB colours, rounded rectangles as paths.

use printpdf::{LinePoint, PaintMode, Point, Polygon, PolygonRing, Pt, WindingOrder};

use crate::layout::frame::{Color, Rect};

/// The one place where top-left page coordinates become PDF's bottom-left ones.
#[derive(Clone, Copy)]
pub(super) struct Flip {
    pub(super) height: f32,
}

impl Flip {
    pub(super) fn point(self, x: f32, y: f32) -> Point {
        Point {
            x: Pt(x),
            y: Pt(self.height - y),
        }
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

pub(super) fn color(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb {
        r: c.r,
        g: c.g,
        b: c.b,
        icc_profile: None,
    })
}

/// A rectangle (PDF coordinates) with corners rounded by `radius`, as one closed path.
pub(super) fn rounded_rect(r: Rect, radius: f32, mode: PaintMode) -> Polygon {
    let rad = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    let pt = |x: f32, y: f32, bezier: bool| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier,
    };
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    let points = if rad <= 0.0 {
        vec![
            pt(x0, y0, false),
            pt(x1, y0, false),
            pt(x1, y1, false),
            pt(x0, y1, false),
        ]
    } else {
        let k = 0.552_284_8 * rad;
        vec![
            pt(x0 + rad, y0, false),
            pt(x1 - rad, y0, false),
            pt(x1 - rad + k, y0, true),
            pt(x1, y0 + rad - k, true),
            pt(x1, y0 + rad, false),
            pt(x1, y1 - rad, false),
            pt(x1, y1 - rad + k, true),
            pt(x1 - rad + k, y1, true),
            pt(x1 - rad, y1, false),
            pt(x0 + rad, y1, false),
            pt(x0 + rad - k, y1, true),
            pt(x0, y1 - rad + k, true),
            pt(x0, y1 - rad, false),
            pt(x0, y0 + rad, false),
            pt(x0, y0 + rad - k, true),
            pt(x0 + rad - k, y0, true),
            pt(x0 + rad, y0, false),
        ]
    };
    Polygon {
        rings: vec![PolygonRing { points }],
        mode,
        winding_order: WindingOrder::NonZero,
    }
}
