//! The profile head both documents open with: the name, the headline, the
//! contact line and the photo, on the accent band in themes that have one; and
//! the document metadata that comes from the same profile.

use crate::layout::flow::Block;
use crate::layout::frame::{Elem, Image, Item, Mark, Metadata, Rect, Tag};
use crate::layout::lines::{text_box, Para, Span};
use crate::layout::spans::contact_spans;
use crate::layout::theme::Theme;
use crate::model::Profile;
use crate::text::{Shaper, Style};

/// The sizes and spacing of a profile head.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeadStyle {
    pub name: Para,
    pub headline: Para,
    /// Space above the headline.
    pub headline_gap: f32,
    pub contact: Para,
    /// Space above the contact line.
    pub contact_gap: f32,
    /// Labels (`GitHub`) before the link addresses in the contact line.
    pub labels: bool,
    /// Side of the photo, when the profile has one and it is shown.
    pub photo: Option<f32>,
    /// Space below the text on the accent band.
    pub band_pad: f32,
    /// The page margins at the left and top of the text area: the band runs from
    /// the page's edges.
    pub margin_x: f32,
    pub margin_top: f32,
}

/// The profile head as one block `width` wide, its items relative to the top
/// left of the text area; a photo is added to `images`.
pub fn profile_head(
    shaper: &dyn Shaper,
    profile: &Profile,
    t: &Theme,
    style: &HeadStyle,
    width: f32,
    images: &mut Vec<Image>,
) -> Block {
    let band = t.profile_band;
    let (name_c, headline_c) = if band {
        (t.on_accent, t.on_accent.mix(t.accent, 0.18))
    } else {
        (t.ink, t.accent)
    };
    let photo = profile.photo.as_ref().zip(style.photo);
    let gap = 20.0;
    let text_w = match photo {
        Some((_, side)) => width - side - gap,
        None => width,
    };
    let mut items = Vec::new();
    let mut marks = Vec::new();
    let mut y = 0.0;
    // the name is the document's one H1; the headline and contact line paragraphs
    let mut text = |spans: &[Span], para: Para, space: f32, y: &mut f32, tag: Tag| {
        *y += space;
        let (it, h) = text_box(shaper, spans, para, 0.0, *y, text_w);
        marks.push((items.len(), Mark::Open(Elem::new(tag))));
        items.extend(it);
        marks.push((items.len(), Mark::Close));
        *y += h;
    };
    text(
        &[Span::new(profile.name.as_str(), Style::Bold, name_c)],
        style.name,
        0.0,
        &mut y,
        Tag::H1,
    );
    if let Some(headline) = &profile.headline {
        let span = Span::new(headline.as_str(), Style::SemiBold, headline_c);
        text(&[span], style.headline, style.headline_gap, &mut y, Tag::P);
    }
    let contact = contact_spans(profile, t, style.labels);
    if !contact.is_empty() {
        text(&contact, style.contact, style.contact_gap, &mut y, Tag::P);
    }
    if let Some((photo, side)) = photo {
        let image = images.len();
        images.push(Image {
            width: photo.width,
            height: photo.height,
            rgb: photo.rgb.clone(),
        });
        let rect = Rect::new(width - side, 0.0, side, side);
        let radius = if t.photo_circle { side / 2.0 } else { side * 0.16 };
        if band {
            // a ring in the band's text colour sets the photo off the accent
            let ring = Rect::new(rect.x - 3.0, rect.y - 3.0, rect.w + 6.0, rect.h + 6.0);
            items.push(Item::Rect {
                rect: ring,
                fill: t.on_accent,
                radius: radius + 3.0,
            });
        }
        // an empty alternative text leaves the photo as decoration (the build warns)
        let alt = profile.photo_alt();
        let figure = !alt.is_empty();
        if figure {
            marks.push((items.len(), Mark::Open(Elem::figure(alt))));
        }
        items.push(Item::Image { rect, image, radius });
        if figure {
            marks.push((items.len(), Mark::Close));
        }
        y = y.max(side);
    }
    if band {
        // the band runs across the page, from its top edge to below the head
        let rect = Rect::new(
            -style.margin_x,
            -style.margin_top,
            t.page_width,
            style.margin_top + y + style.band_pad,
        );
        items.insert(
            0,
            Item::Rect {
                rect,
                fill: t.accent,
                radius: 0.0,
            },
        );
        for (at, _) in &mut marks {
            *at += 1;
        }
        y += style.band_pad;
    }
    let mut head = Block::new(y, items);
    head.marks = marks;
    head.bookmark = Some(profile.name.clone());
    head
}

/// A document's metadata: `NAME — WHAT` as its title, the person as its author.
pub fn metadata(
    profile: &Profile,
    what: &str,
    subject: String,
    keywords: Vec<String>,
    created: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Metadata {
    Metadata {
        title: format!("{} \u{2014} {what}", profile.name),
        author: profile.name.clone(),
        subject,
        keywords,
        created,
        lang: profile.lang.clone(),
        devanagari_lang: profile.devanagari_lang.clone(),
    }
}
