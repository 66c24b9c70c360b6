//! Drawing a page: its items become content-stream operators, written straight
//! into bytes ([`Content`]), each inside the marked content [`tags`](super::tags)
//! decided for it (links are annotations, written with the structure tree).

use super::content::Content;
use super::fonts::Fonts;
use super::geometry::{rounded_rect, Flip};
use super::images::image_name;
use super::tags::Marking;
use super::text::{continues, show, Fragments};
use super::textmap::TextLayer;
use crate::layout::frame::{Item, Page, TextItem};

/// What the exporter needs to draw a page.
pub(super) struct Context<'a> {
    pub(super) fonts: &'a Fonts,
    pub(super) layer: &'a TextLayer,
    /// Each run's glyphs, written once (see [`Fragments`]).
    pub(super) fragments: Fragments,
    pub(super) flip: Flip,
}

/// Open the marked content `m` (nothing for [`Marking::Nothing`]). Only text is
/// marked inside a text object: anything else ends it first.
fn begin(out: &mut Content, m: Marking, text: bool, ids: &Ids) {
    if !text {
        out.end_text();
    }
    match m {
        Marking::Nothing => {}
        Marking::Pagination { top } => {
            let props: &[u8] = if top {
                b"/Type /Pagination /Subtype /Header"
            } else {
                b"/Type /Pagination /Subtype /Footer"
            };
            out.begin_marked("Artifact", Some(props));
        }
        Marking::Layout => out.begin_marked("Artifact", Some(b"/Type /Layout")),
        Marking::Content(mcid) => {
            let mut props = b"/MCID ".to_vec();
            props.extend_from_slice(itoa::Buffer::new().format(mcid).as_bytes());
            // tagged like its element (the tree says which)
            out.begin_marked(ids.roles.get(mcid as usize).copied().unwrap_or("Span"), Some(&props));
        }
    }
}

/// What a page's marked-content ids are: each one's element's role.
pub(super) struct Ids {
    pub(super) roles: Vec<&'static str>,
}

/// The content stream that draws `page`, written into `buf` (cleared first),
/// each item inside its marking (one per item, from [`tags`](super::tags)).
/// `p` is the page's number (from 0), for the text layer.
pub(super) fn page_content(
    p: usize,
    page: &Page,
    markings: &[Marking],
    ids: &Ids,
    cx: &Context,
    buf: Vec<u8>,
) -> Vec<u8> {
    let mut out = Content::new(buf);
    let flip = cx.flip;
    let mut items = page.items.iter().zip(markings.iter().copied()).enumerate().peekable();
    let mut run: Vec<&TextItem> = Vec::new();
    let runs = cx.layer.page(p);
    // the marking open and whether it was opened for text
    let mut open: Option<(Marking, bool)> = None;
    while let Some((i, (item, m))) = items.next() {
        if m == Marking::Nothing {
            continue;
        }
        let text = matches!(item, Item::Text(_));
        if open != Some((m, text)) {
            if open.is_some() {
                out.end_marked();
            }
            begin(&mut out, m, text, ids);
            open = Some((m, text));
        }
        match item {
            Item::Text(t) => {
                // text items that continue one another are written as one stretch
                // (items i, i + 1, …: the layer says how each is written)
                run.clear();
                run.push(t);
                while let Some((_, (Item::Text(next), nm))) = items.peek() {
                    if *nm != m || !continues(run[run.len() - 1], next) {
                        break;
                    }
                    run.push(next);
                    items.next();
                }
                show(&mut out, &run, (runs, &cx.fragments), i, cx.fonts, flip);
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
    if open.is_some() {
        out.end_marked();
    }
    out.finish()
}
