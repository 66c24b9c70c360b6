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
/// A URL or e-mail address written out in the text is an address span (kept
/// whole on a line, see [`break_lines`](crate::layout::lines::break_lines)).
pub fn rich_spans(text: &str, color: Color, accent: Color) -> Vec<Span> {
    let mut out = Vec::new();
    for i in markup::parse(text).0 {
        let style = match (i.code, i.bold, i.italic) {
            (true, _, _) => Style::Mono,
            (_, true, _) => Style::Bold,
            (_, _, true) => Style::Italic,
            _ => Style::Regular,
        };
        match i.link {
            Some(url) => out.push(Span::new(i.text, style, accent).link(url)),
            None if i.code => out.push(Span::new(i.text, style, color)),
            None => {
                let mut at = 0;
                for a in addresses(&i.text) {
                    if a.start > at {
                        out.push(Span::new(&i.text[at..a.start], style, color));
                    }
                    out.push(Span::new(&i.text[a.clone()], style, color).address());
                    at = a.end;
                }
                if at < i.text.len() {
                    out.push(Span::new(&i.text[at..], style, color));
                }
            }
        }
    }
    out
}

/// The URLs and e-mail addresses written out in `text`: words with `://`, that
/// start with `www.`, or with an `@` followed by a dot; closing punctuation after
/// one is not part of it.
fn addresses(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // every address holds one of these: most texts hold none, and a scan for
    // them costs far less than looking at each word
    if !(text.contains('@') || text.contains("://") || text.contains("www.")) {
        return out;
    }
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let word = text[s..i].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '"', '\'']);
                let word = word.trim_start_matches(['(', '[', '"', '\'']);
                let at = word.find('@');
                let is_address = word.contains("://")
                    || word.starts_with("www.")
                    || at.is_some_and(|a| a > 0 && word[a + 1..].contains('.'));
                if is_address {
                    let from = s + text[s..i].find(word).unwrap_or(0);
                    out.push(from..from + word.len());
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The contact line: email, phone, location, website, then links (with their
/// labels when `labels`), separated by dots; clickable where they can be. Each
/// address shows once: a link to the e-mail address (`mailto:`), to the website or
/// to the address of an earlier link is left out.
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
        spans.push(
            Span::new(email.as_str(), Style::Regular, t.accent)
                .link(format!("mailto:{email}"))
                .address(),
        );
    }
    if let Some(phone) = &p.phone {
        sep(&mut spans);
        let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
        spans.push(
            Span::new(phone.as_str(), Style::Regular, t.body)
                .link(format!("tel:{digits}"))
                .address(),
        );
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
        spans.push(
            Span::new(display_url(site), Style::Regular, t.accent)
                .link(url)
                .address(),
        );
    }
    for l in contact_links(p) {
        sep(&mut spans);
        if labels {
            spans.push(Span::new(format!("{}\u{00A0}", l.label), Style::SemiBold, t.body));
        }
        spans.push(
            Span::new(display_url(&l.url), Style::Regular, t.accent)
                .link(l.url.as_str())
                .address(),
        );
    }
    spans
}

/// The profile's links that the contact line shows: each address once, so a link
/// to the e-mail address (`mailto:`), to the website or to the address of an
/// earlier link is left out. The text exports show the same.
pub fn contact_links(p: &Profile) -> Vec<&crate::model::Link> {
    let key = |url: &str| display_url(url).to_lowercase();
    let mut shown: Vec<String> = p.email.iter().chain(&p.website).map(|a| key(a)).collect();
    let mut out = Vec::new();
    for l in &p.links {
        if !shown.contains(&key(&l.url)) {
            shown.push(key(&l.url));
            out.push(l);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contact_line_shows_each_address_once() {
        let link = |label: &str, url: &str| crate::model::Link {
            label: label.into(),
            url: url.into(),
        };
        let p = Profile {
            name: "N".into(),
            headline: None,
            summary: None,
            email: Some("ada@example.com".into()),
            phone: None,
            location: None,
            website: Some("https://ada.example.com".into()),
            photo_alt: None,
            lang: "en".into(),
            devanagari_lang: None,
            links: vec![
                link("Email", "mailto:Ada@example.com"),
                link("Site", "http://www.ada.example.com/"),
                link("GitHub", "https://github.com/ada"),
                link("Code", "https://github.com/ada/"),
                link("Blog", "https://ada.example.com/blog"),
            ],
            photo: None,
        };
        let text: String = contact_spans(&p, &Theme::default(), true)
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(
            text,
            "ada@example.com  \u{b7}  ada.example.com  \u{b7}  GitHub\u{a0}github.com/ada  \u{b7}  Blog\u{a0}ada.example.com/blog"
        );
    }

    #[test]
    fn urls_and_emails_written_in_text_are_addresses() {
        let text = "see https://a.b/c, www.x.org or me@ex.com (not a@b, nor 5 @ 6).";
        let found: Vec<&str> = addresses(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, vec!["https://a.b/c", "www.x.org", "me@ex.com"]);
        let spans = rich_spans("mail **me@ex.com** now", Color::BLACK, Color::WHITE);
        let marked: Vec<(&str, bool)> = spans.iter().map(|s| (s.text.as_str(), s.address)).collect();
        assert_eq!(marked, vec![("mail ", false), ("me@ex.com", true), (" now", false)]);
        assert_eq!(spans[1].style, Style::Bold);
    }
}
