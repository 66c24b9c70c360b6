//! Text in the content stream: shaped runs become `TJ` arrays of glyph codes,
//! the numbers between them reproducing the shaper's advances and offsets.
//! Runs that continue one another (the words and spaces of a line, a bold word
//! in it) continue the same pen: no new text matrix, and one array while font
//! and colour stay the same. Within a run every glyph follows that one pen: a
//! mark the shaper placed off it is reached by `TJ` numbers and raised with
//! `Ts`, never by a new text matrix, so readers that follow the pen read each
//! word whole. Each glyph is written as the code the face's [`TextMap`] gave it,
//! and the stretches it says need one carry an `/ActualText` ([`glyphs`]).
//!
//! [`TextMap`]: super::textmap::TextMap

use super::content::{Content, Pen};
use super::fonts::{Fonts, Subset};
use super::geometry::Flip;
use super::textmap::{lone_narrow_space, MappedRun, PageRuns};
use crate::layout::frame::TextItem;
use crate::text::ShapedRun;

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
///
/// Marked content: each run's `/ActualText` spans open and close inside
/// [`glyphs`], but for one that a lone narrow space after the run joins, which
/// stays open over the space's run and is closed here; a sequence wrapped around
/// a run (an MCID) must so take in such a space with the run before it, or wrap
/// the whole stretch.
/// The items are the page's items `from`, `from + 1`, …, and `runs` says how
/// each is written.
pub(super) fn show(
    out: &mut Content,
    items: &[&TextItem],
    (runs, fragments): (PageRuns, &Fragments),
    from: usize,
    fonts: &Fonts,
    flip: Flip,
) {
    let Some(first) = items.first() else { return };
    if items.iter().all(|t| t.run.glyphs.is_empty()) {
        return;
    }
    let face = first.run.face;
    let subset = fonts.subset(face);
    out.begin_text();
    out.font(face.tag(), first.size);
    out.fill_color(first.color);
    let scale = first.size / 1000.0;
    let (start_x, y) = flip.point(first.x, first.baseline);
    // the pen as the runs have placed it so far, thousandths of an em from `start_x`
    let mut pen = 0.0f32;
    if !out
        .pen()
        .is_some_and(|p| (p.x - start_x).abs() <= CONTINUES && p.y == y)
    {
        out.text_position(start_x, y);
    }
    // whether an /ActualText span is open from the previous run, for this one
    let mut carried = false;
    for (k, t) in items.iter().enumerate() {
        if t.run.glyphs.is_empty() {
            continue;
        }
        // where this item starts relative to the first, as the layout placed it
        // (differences below a twentieth of a unit are the float noise of two
        // ways of adding the same advances)
        let target = (t.x - first.x) / scale;
        if (target - pen).abs() > 0.05 {
            out.adjust(pen - target);
            pen = target;
        }
        let mapped = runs.at(from + k);
        let fragment = runs.slot(from + k).map(|r| &fragments.0[r]);
        if carried {
            // a lone narrow space, inside the span of the cluster before it
            plain_glyphs(out, &t.run, mapped, subset, scale, fragment);
            out.end_marked();
            carried = false;
        } else {
            let next = (items.get(k + 1).map(|n| &n.run)).filter(|n| !n.glyphs.is_empty() && lone_narrow_space(n));
            carried = glyphs(
                out,
                &t.run,
                (mapped, fragment),
                subset,
                scale,
                next.map(|n| n.text.as_str()),
            );
        }
        pen += t.run.width;
    }
    if carried {
        out.end_marked();
    }
    out.set_pen(Some(Pen {
        x: start_x + pen * scale,
        y,
    }));
}

/// One run's glyphs from the pen where it starts, which they leave where the
/// shaper's pen ends (see [`plain_glyphs`]). The stretches `mapped` says carry
/// an `/ActualText` are each one marked-content span, opened before their first
/// glyph and closed after their last. With `then` (the text of a lone narrow
/// space that follows the run), the run's last cluster carries that text too, in
/// a span left open for the space's glyphs: returns whether one was.
fn glyphs(
    out: &mut Content,
    run: &ShapedRun,
    (mapped, fragment): (&MappedRun, Option<&Slot>),
    subset: &Subset,
    scale: f32,
    then: Option<&str>,
) -> bool {
    if then.is_none() && mapped.actual.is_empty() {
        // (most runs: no span to open)
        plain_glyphs(out, run, mapped, subset, scale, fragment);
        return false;
    }
    let n = run.glyphs.len();
    // where the span that takes in `then` opens, and the text it carries
    let carry = then.map(|then| match mapped.actual.last().filter(|s| s.glyphs.end == n) {
        Some(span) => (span.glyphs.start, [span.text.as_str(), then].concat()),
        None => {
            let last = run.glyphs.iter().rposition(|g| !g.text.is_empty()).unwrap_or(0);
            (last, [&run.text[run.glyphs[last].text.start..], then].concat())
        }
    });
    let mut spans = mapped.actual.iter().peekable();
    // the end (a glyph index) of the /ActualText span open
    let mut open: Option<usize> = None;
    for (i, g) in run.glyphs.iter().enumerate() {
        if open == Some(i) {
            out.end_marked();
            open = None;
        }
        match &carry {
            Some((at, text)) if *at == i => {
                spans.next_if(|s| s.glyphs.start == i);
                actual_text(out, text);
                open = Some(usize::MAX);
            }
            _ => {
                if let Some(span) = spans.next_if(|s| s.glyphs.start == i) {
                    actual_text(out, &span.text);
                    open = Some(span.glyphs.end);
                }
            }
        }
        glyph(out, g, subset.code(mapped.codes[i]), mapped.widths[i], scale);
    }
    match open {
        Some(usize::MAX) => {}
        Some(_) => out.end_marked(),
        None => {}
    }
    out.rise(0.0);
    open == Some(usize::MAX)
}

/// A run's glyphs with no `/ActualText` of their own: copied from the run's
/// [`Fragment`] when it has one and the pen has nothing pending, else written
/// glyph by glyph.
fn plain_glyphs(
    out: &mut Content,
    run: &ShapedRun,
    mapped: &MappedRun,
    subset: &Subset,
    scale: f32,
    fragment: Option<&Slot>,
) {
    if let Some(slot) = fragment.filter(|_| out.can_splice()) {
        if let Some(f) = slot.get_or_init(|| Fragment::new(run, mapped, subset)) {
            out.splice(&f.bytes, f.pending);
            return;
        }
    }
    each_glyph(out, run, mapped, subset, scale);
}

fn each_glyph(out: &mut Content, run: &ShapedRun, mapped: &MappedRun, subset: &Subset, scale: f32) {
    for ((g, &code), &width) in run.glyphs.iter().zip(&mapped.codes).zip(&mapped.widths) {
        glyph(out, g, subset.code(code), width, scale);
    }
    out.rise(0.0);
}

/// A run's glyphs as [`each_glyph`] writes them from a pen with nothing pending
/// and no rise, written once and copied wherever the run is drawn again (a word
/// is drawn many times: its `TJ` bytes, codes and numbers, are the same each
/// time, whatever its size, as they are in thousandths of an em).
pub(super) struct Fragment {
    bytes: Box<[u8]>,
    /// The adjustment left pending after the run's last glyph.
    pending: f32,
}

/// A run's [`Fragment`], made the first time the run is drawn from such a pen;
/// `None` in it for a run whose glyphs depend on more than that (a first glyph
/// moved off the pen, or a raised or lowered one).
type Slot = std::sync::OnceLock<Option<Fragment>>;

impl Fragment {
    fn new(run: &ShapedRun, mapped: &MappedRun, subset: &Subset) -> Option<Fragment> {
        let first = run.glyphs.first()?;
        if first.x_offset != 0.0 || run.glyphs.iter().any(|g| g.y_offset != 0.0) {
            return None;
        }
        let mut out = Content::for_glyphs();
        // (no rise anywhere: the size does not matter)
        each_glyph(&mut out, run, mapped, subset, 1.0);
        let (bytes, pending) = out.into_glyphs();
        Some(Fragment {
            bytes: bytes.into_boxed_slice(),
            pending,
        })
    }
}

/// The [`Fragment`] of each run of a document (by its place in the text
/// layer's list of runs), made as the pages are drawn, on any thread.
pub(super) struct Fragments(Vec<Slot>);

impl Fragments {
    pub(super) fn new(runs: usize) -> Fragments {
        Fragments((0..runs).map(|_| Slot::new()).collect())
    }
}

/// One glyph on the pen: reached by `TJ` numbers (its offset), drawn as `code`
/// (the pen then moves by the code's `/W` width, `width`), and the pen brought
/// to where the shaper's goes next; a glyph the shaper raised or lowered is
/// drawn with that rise (`Ts`).
#[inline(always)]
fn glyph(out: &mut Content, g: &crate::text::Glyph, (code, narrow): (u16, bool), width: f32, scale: f32) {
    out.rise(g.y_offset * scale);
    out.adjust(-g.x_offset);
    if narrow {
        out.glyph_byte(code as u8);
    } else {
        out.glyph(code);
    }
    out.adjust(width - g.advance + g.x_offset);
}

/// Open an `/ActualText` span carrying `text` (UTF-16BE, as a hex string).
fn actual_text(out: &mut Content, text: &str) {
    let mut props = Vec::with_capacity(18 + 4 * text.len());
    props.extend_from_slice(b"/ActualText <FEFF");
    for unit in text.encode_utf16() {
        let hex = |n: u16| b"0123456789ABCDEF"[n as usize & 15];
        props.extend_from_slice(&[hex(unit >> 12), hex(unit >> 8), hex(unit >> 4), hex(unit)]);
    }
    props.push(b'>');
    out.begin_marked("Span", Some(&props));
}

/// `s` as a PDF text string: UTF-16BE with its byte-order mark.
pub(super) fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}
