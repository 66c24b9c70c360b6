//! Content fields as styled spans: inline markup, the contact line, URLs as
//! people read them.

use crate::layout::frame::Color;
use crate::layout::lines::Span;
use crate::layout::theme::Theme;
use crate::model::Profile;
use crate::text::{markup, Style};

/// A URL as people read it: no scheme, no `mailto:`, no trailing slash.
pub fn display_url(url: &str) -> &str {
    let u = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("mailto:"))
        .unwrap_or(url);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.strip_suffix('/').unwrap_or(u)
}

/// Spans for a text field with inline emphasis (see [`markup`]): bold and
/// italic in the field's colour, code in Plex Mono, links in the accent colour.
pub fn rich_spans(text: &str, color: Color, accent: Color) -> Vec<Span> {
    markup::parse(text)
        .0
        .into_iter()
        .map(|i| {
            let style = match (i.code, i.bold, i.italic) {
                (true, _, _) => Style::Mono,
                (_, true, _) => Style::Bold,
                (_, _, true) => Style::Italic,
                _ => Style::Regular,
            };
            match i.link {
                Some(url) => Span::new(i.text, style, accent).link(url),
                None => Span::new(i.text, style, color),
            }
        })
        .collect()
}

/// The contact line: email, phone, location, website, then links (with their
/// labels when `labels`), separated by dots; clickable where they can be.
pub fn contact_spans(p: &Profile, t: &Theme, labels: bool) -> Vec<Span> {
    // on the modern band everything is set in the band's text colour
    let mut t = t.clone();
    if t.profile_band {
        (t.accent, t.body, t.muted) = (t.on_accent, t.on_accent, t.on_accent.mix(t.accent, 0.3));
    }
    let t = &t;
    let mut spans = Vec::new();
    let sep = |spans: &mut Vec<Span>| {
        if !spans.is_empty() {
            spans.push(Span::new("  \u{00B7}  ", Style::Regular, t.muted));
        }
    };
    if let Some(email) = &p.email {
        sep(&mut spans);
        spans.push(Span::new(email.as_str(), Style::Regular, t.accent).link(format!("mailto:{email}")));
    }
    if let Some(phone) = &p.phone {
        sep(&mut spans);
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        spans.push(Span::new(phone.as_str(), Style::Regular, t.body).link(format!("tel:{digits}")));
    }
    if let Some(location) = &p.location {
        sep(&mut spans);
        spans.push(Span::new(location.as_str(), Style::Regular, t.body));
    }
    if let Some(site) = &p.website {
        sep(&mut spans);
        let url = if site.contains("://") {
            site.clone()
        } else {
            format!("https://{site}")
        };
        spans.push(Span::new(display_url(site), Style::Regular, t.accent).link(url));
    }
    for l in &p.links {
        sep(&mut spans);
        if labels {
            spans.push(Span::new(format!("{}\u{00A0}", l.label), Style::SemiBold, t.body));
        }
        spans.push(Span::new(display_url(&l.url), Style::Regular, t.accent).link(l.url.as_str()));
    }
    spans
}
