//! A page's content stream, written as bytes: each operator straight into one
//! buffer, numbers with fixed precision and no allocation, and the graphics and
//! text state tracked so that font, colour and line width are set only when
//! they change.
//!
//! Marked content is part of the writer so that any run of operators can be
//! wrapped: [`Content::begin_marked`] with a tag and an optional property list
//! (`/Span <</ActualText …>> BDC`, `/P <</MCID 3>> BDC`, `/Artifact BMC`), then
//! [`Content::end_marked`] (`EMC`). A sequence opened inside a text object is
//! closed before the text object ends, and one opened outside stays outside, so
//! `BT`/`ET`, `q`/`Q` and `BDC`/`EMC` always nest.

use crate::layout::frame::Color;

/// Where the text pen is after the last glyphs shown, in page space (PDF
/// coordinates), when nothing has moved it since: the next glyphs starting
/// exactly there need no new text matrix.
#[derive(Clone, Copy, PartialEq)]
pub(super) struct Pen {
    pub(super) x: f32,
    pub(super) y: f32,
}

/// The parts of the graphics state the writer sets.
#[derive(Clone, Copy, PartialEq, Default)]
struct State {
    fill: Option<Color>,
    stroke: Option<Color>,
    line_width: Option<f32>,
    /// Resource name and size of the font set with `Tf` (a text state parameter,
    /// kept across text objects).
    font: Option<(&'static str, f32)>,
    /// The text rise set with `Ts` (a text state parameter too).
    rise: f32,
}

/// One marked-content sequence that is open.
#[derive(Clone, Copy)]
struct Marked {
    in_text: bool,
}

/// A content stream being written.
pub(super) struct Content {
    buf: Vec<u8>,
    state: State,
    saved: Vec<State>,
    in_text: bool,
    /// A `TJ` array is open (inside a text object).
    in_array: bool,
    /// A literal string of glyph codes is open (its `)` not yet written).
    string_open: bool,
    /// An adjustment (thousandths of an em) not yet written.
    pending: f32,
    pen: Option<Pen>,
    marked: Vec<Marked>,
}

impl Content {
    /// A writer appending to `buf` (cleared first): one buffer serves page after page.
    pub(super) fn new(mut buf: Vec<u8>) -> Content {
        buf.clear();
        Content {
            buf,
            state: State::default(),
            saved: Vec::new(),
            in_text: false,
            in_array: false,
            string_open: false,
            pending: 0.0,
            pen: None,
            marked: Vec::new(),
        }
    }

    /// A writer for a run's glyphs alone, as [`Content::splice`] copies them in:
    /// inside a text object and a string of glyph codes, nothing pending, no rise.
    pub(super) fn for_glyphs() -> Content {
        let mut c = Content::new(Vec::new());
        c.in_text = true;
        c.in_array = true;
        c.string_open = true;
        c
    }

    /// What [`Content::for_glyphs`] wrote, and the adjustment still pending.
    pub(super) fn into_glyphs(self) -> (Vec<u8>, f32) {
        (self.buf, self.pending)
    }

    /// Whether glyphs written by [`Content::for_glyphs`] may be spliced in here:
    /// in a text object, with nothing pending and no rise, the state they were
    /// written from but for the string and array, which [`Content::splice`] opens.
    pub(super) fn can_splice(&self) -> bool {
        self.in_text && self.pending == 0.0 && self.state.rise == 0.0
    }

    /// Append `bytes` written by [`Content::for_glyphs`] (whose first glyph
    /// needed no adjustment before it), leaving `pending` to be written: the
    /// same bytes and state the glyphs written here would give.
    pub(super) fn splice(&mut self, bytes: &[u8], pending: f32) {
        debug_assert!(self.can_splice());
        if !self.string_open {
            self.open_string();
        }
        self.buf.extend_from_slice(bytes);
        self.pending = pending;
    }

    /// The finished stream.
    pub(super) fn finish(mut self) -> Vec<u8> {
        self.end_text();
        debug_assert!(self.marked.is_empty(), "marked content left open");
        debug_assert!(self.saved.is_empty(), "graphics state left saved");
        self.buf
    }

    // --- numbers and raw output -------------------------------------------------

    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// `v` with at most `decimals` decimals (trailing zeros dropped), then a space.
    fn num_with(&mut self, v: f32, decimals: u32) {
        write_number(&mut self.buf, v, decimals);
        self.buf.push(b' ');
    }

    /// A coordinate or length: a thousandth of a point is finer than any device.
    fn num(&mut self, v: f32) {
        self.num_with(v, 3);
    }

    fn op(&mut self, op: &[u8]) {
        self.buf.extend_from_slice(op);
        self.buf.push(b'\n');
    }

    /// An RGB colour component: four decimals give back every 8-bit value exactly.
    fn rgb(&mut self, c: Color) {
        self.num_with(c.r, 4);
        self.num_with(c.g, 4);
        self.num_with(c.b, 4);
    }

    // --- graphics state ----------------------------------------------------------

    /// `q`: save the graphics state.
    pub(super) fn save(&mut self) {
        self.end_text();
        self.saved.push(self.state);
        self.op(b"q");
    }

    /// `Q`: restore it (and what the writer knows of it).
    pub(super) fn restore(&mut self) {
        self.end_text();
        self.state = self.saved.pop().expect("restore without save");
        self.op(b"Q");
    }

    pub(super) fn fill_color(&mut self, c: Color) {
        if self.state.fill != Some(c) {
            self.close_array();
            self.rgb(c);
            self.op(b"rg");
            self.state.fill = Some(c);
        }
    }

    pub(super) fn stroke_color(&mut self, c: Color) {
        if self.state.stroke != Some(c) {
            self.end_text();
            self.rgb(c);
            self.op(b"RG");
            self.state.stroke = Some(c);
        }
    }

    pub(super) fn line_width(&mut self, w: f32) {
        if self.state.line_width != Some(w) {
            self.end_text();
            self.num(w);
            self.op(b"w");
            self.state.line_width = Some(w);
        }
    }

    // --- paths -------------------------------------------------------------------

    pub(super) fn move_to(&mut self, x: f32, y: f32) {
        self.end_text();
        self.num(x);
        self.num(y);
        self.op(b"m");
    }

    pub(super) fn line_to(&mut self, x: f32, y: f32) {
        self.num(x);
        self.num(y);
        self.op(b"l");
    }

    pub(super) fn curve_to(&mut self, c: [f32; 6]) {
        for v in c {
            self.num(v);
        }
        self.op(b"c");
    }

    /// `re`: a rectangle path, `(x, y)` its bottom-left corner.
    pub(super) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.end_text();
        for v in [x, y, w, h] {
            self.num(v);
        }
        self.op(b"re");
    }

    pub(super) fn close_path(&mut self) {
        self.op(b"h");
    }

    /// `f`: fill the path (non-zero winding).
    pub(super) fn fill(&mut self) {
        self.op(b"f");
    }

    /// `S`: stroke the path.
    pub(super) fn stroke(&mut self) {
        self.op(b"S");
    }

    /// `W n`: clip to the path (non-zero winding), painting nothing.
    pub(super) fn clip(&mut self) {
        self.op(b"W n");
    }

    /// `cm`: concatenate a matrix to the current transformation.
    pub(super) fn transform(&mut self, m: [f32; 6]) {
        self.end_text();
        for v in m {
            self.num_with(v, 5);
        }
        self.op(b"cm");
    }

    /// `Do`: paint an XObject by its resource name.
    pub(super) fn x_object(&mut self, name: &str) {
        self.end_text();
        self.raw(b"/");
        self.raw(name.as_bytes());
        self.op(b" Do");
    }

    // --- text --------------------------------------------------------------------

    /// `BT`, unless a text object is open.
    pub(super) fn begin_text(&mut self) {
        if !self.in_text {
            self.op(b"BT");
            self.in_text = true;
            self.pen = None;
        }
    }

    /// `ET`, if a text object is open.
    pub(super) fn end_text(&mut self) {
        if self.in_text {
            self.close_array();
            debug_assert!(
                !self.marked.last().is_some_and(|m| m.in_text),
                "a text object ends inside a marked-content sequence opened in it"
            );
            self.op(b"ET");
            self.in_text = false;
            self.pen = None;
        }
    }

    /// `Tf`, when the font or size changes.
    pub(super) fn font(&mut self, name: &'static str, size: f32) {
        if self.state.font != Some((name, size)) {
            self.close_array();
            self.raw(b"/");
            self.raw(name.as_bytes());
            self.raw(b" ");
            self.num(size);
            self.op(b"Tf");
            self.state.font = Some((name, size));
        }
    }

    /// `Ts`: draw the next glyphs `r` points above the baseline, when that changes.
    #[inline(always)]
    pub(super) fn rise(&mut self, r: f32) {
        if self.state.rise != r {
            self.set_rise(r);
        }
    }

    #[cold]
    fn set_rise(&mut self, r: f32) {
        self.close_array();
        self.num(r);
        self.op(b"Ts");
        self.state.rise = r;
    }

    /// Where the pen is, if the next glyphs may continue from it.
    pub(super) fn pen(&self) -> Option<Pen> {
        if self.in_text {
            self.pen
        } else {
            None
        }
    }

    /// `Tm`: put the pen at `(x, y)` (page space, no scaling).
    pub(super) fn text_position(&mut self, x: f32, y: f32) {
        self.close_array();
        self.raw(b"1 0 0 1 ");
        self.num(x);
        self.num(y);
        self.op(b"Tm");
        self.pen = Some(Pen { x, y });
    }

    /// Record where the glyphs shown so far leave the pen.
    pub(super) fn set_pen(&mut self, pen: Option<Pen>) {
        self.pen = pen;
    }

    /// Write the adjustment waiting to be written, if any, into the open array,
    /// to a hundredth of a unit; what rounding leaves over is carried into the
    /// next one, so the pen never drifts.
    fn flush_adjust(&mut self) {
        if self.pending == 0.0 {
            return;
        }
        let hundredths = round(self.pending as f64 * 100.0);
        if hundredths != 0 {
            self.close_string();
            if !self.in_array {
                self.raw(b"[");
                self.in_array = true;
            }
            write_scaled(&mut self.buf, hundredths, 2);
        }
        self.pending -= hundredths as f32 / 100.0;
    }

    /// End the literal string glyphs are being added to.
    fn close_string(&mut self) {
        if self.string_open {
            self.buf.push(b')');
            self.string_open = false;
        }
    }

    /// End the open `TJ` array (with any adjustment still to be written, so the
    /// pen ends where the caller expects it).
    fn close_array(&mut self) {
        self.flush_adjust();
        self.pending = 0.0;
        self.close_string();
        if self.in_array {
            self.op(b"] TJ");
            self.in_array = false;
        }
    }

    /// A two-byte glyph code (Identity-H) into the open `TJ` array: consecutive
    /// glyphs share one literal string.
    #[inline(always)]
    pub(super) fn glyph(&mut self, code: u16) {
        self.glyph_code(&code.to_be_bytes());
    }

    /// A one-byte glyph code (a font whose codes all fit in a byte, see
    /// [`super::fonts`]), as [`Content::glyph`] writes two-byte ones.
    #[inline(always)]
    pub(super) fn glyph_byte(&mut self, code: u8) {
        self.glyph_code(&[code]);
    }

    /// A glyph code's bytes into the open `TJ` array (see [`Content::glyph`]).
    #[inline(always)]
    fn glyph_code<const N: usize>(&mut self, code: &[u8; N]) {
        debug_assert!(self.in_text, "glyph outside a text object");
        if self.pending != 0.0 {
            self.flush_adjust();
        }
        if !self.string_open {
            self.open_string();
        }
        if code.iter().any(|&b| ESCAPED[b as usize]) {
            self.escaped(code);
        } else {
            self.buf.extend_from_slice(code);
        }
    }

    /// Open a literal string for glyph codes (and the `TJ` array, if none is open).
    fn open_string(&mut self) {
        if !self.in_array {
            self.buf.push(b'[');
            self.in_array = true;
        }
        self.buf.push(b'(');
        self.string_open = true;
    }

    /// Bytes of a glyph code in a literal string, escaped where they must be.
    #[cold]
    fn escaped(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            match byte {
                b'(' | b')' | b'\\' => self.raw(&[b'\\', byte]),
                b'\r' => self.raw(b"\\r"),
                b'\n' => self.raw(b"\\n"),
                _ => self.buf.push(byte),
            }
        }
    }

    /// A `TJ` adjustment after the last glyph: move the pen back by `k`
    /// thousandths of an em (negative moves it forward). Adjustments in a row add
    /// up; zero writes nothing.
    #[inline(always)]
    pub(super) fn adjust(&mut self, k: f32) {
        debug_assert!(self.in_text, "adjustment outside a text object");
        self.pending += k;
    }

    // --- marked content ------------------------------------------------------------

    /// Open a marked-content sequence: `/Tag BMC`, or `/Tag <<props>> BDC` with
    /// `props` the property list's entries as written (e.g. `/MCID 3`).
    pub(super) fn begin_marked(&mut self, tag: &str, props: Option<&[u8]>) {
        self.close_array();
        self.raw(b"/");
        self.raw(tag.as_bytes());
        match props {
            Some(p) => {
                self.raw(b" <<");
                self.raw(p);
                self.op(b">> BDC");
            }
            None => self.op(b" BMC"),
        }
        self.marked.push(Marked { in_text: self.in_text });
    }

    /// `EMC`: close the innermost marked-content sequence.
    pub(super) fn end_marked(&mut self) {
        let m = self.marked.pop().expect("EMC without BMC/BDC");
        if !m.in_text {
            self.end_text();
        }
        self.close_array();
        self.op(b"EMC");
    }
}

/// Whether a byte of a glyph code must be escaped in a literal string: the
/// delimiters, the backslash, and CR and LF (a bare CR reads back as LF).
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// `v` rounded to `decimals` decimals, trailing zeros and point dropped, `-0` as `0`.
pub(super) fn write_number(out: &mut Vec<u8>, v: f32, decimals: u32) {
    let scale = 10i64.pow(decimals);
    write_scaled(out, round(v as f64 * scale as f64), decimals);
}

/// `x` rounded to the nearest integer, halves away from zero (without a libm call).
fn round(x: f64) -> i64 {
    (x + if x < 0.0 { -0.5 } else { 0.5 }) as i64
}

/// `scaled / 10^decimals`, trailing zeros and point dropped.
fn write_scaled(out: &mut Vec<u8>, scaled: i64, decimals: u32) {
    if scaled == 0 {
        out.push(b'0');
        return;
    }
    if scaled < 0 {
        out.push(b'-');
    }
    let scale = match decimals {
        2 => 100,
        3 => 1000,
        4 => 10_000,
        d => 10u64.pow(d),
    };
    let abs = scaled.unsigned_abs();
    let (int, mut frac) = (abs / scale, abs % scale);
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(int).as_bytes());
    if frac != 0 {
        let mut digits = decimals as usize;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        out.push(b'.');
        let s = b.format(frac);
        out.extend(std::iter::repeat_n(b'0', digits - s.len()));
        out.extend_from_slice(s.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f32, d: u32) -> String {
        let mut out = Vec::new();
        write_number(&mut out, v, d);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_enough() {
        assert_eq!(num(46.0, 3), "46");
        assert_eq!(num(778.99, 3), "778.99");
        assert_eq!(num(0.5, 3), "0.5");
        assert_eq!(num(-0.0004, 3), "0");
        assert_eq!(num(-12.05, 3), "-12.05");
        assert_eq!(num(0.007, 3), "0.007");
        assert_eq!(num(1.0 / 255.0, 4), "0.0039");
        assert_eq!(num(123456.0, 2), "123456");
        assert_eq!(num(0.0, 2), "0");
        assert_eq!(num(-0.25, 2), "-0.25");
        assert_eq!(num(100.5, 3), "100.5");
        assert_eq!(num(-7.0, 4), "-7");
        assert_eq!(num(0.0101, 4), "0.0101");
    }
}
