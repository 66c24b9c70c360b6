//! The cover letter of an application: exactly one page in the résumé's design
//! and theme. It opens with the résumé's head, built by the same pieces: the
//! shared [`profile_head`] in the résumé's [`head_style`](Density::head_style)
//! (name, headline, contact line, on the band in themes that have one), then the
//! résumé's accent rule in those that do not. Then the date, the recipient
//! block, the subject line (`Application: ROLE`), the salutation, the body, the
//! closing and the name. The body is a text field set by [`prose`] in the
//! résumé's [`prose`](Density::prose), so its inline markup looks exactly as in
//! the résumé; its paragraphs are further apart.
//!
//! It is set at the density of the résumé it goes with (type sizes, spacing and
//! margins), so the two pages share their head exactly; only a letter that does
//! not fit there is set at the loosest tighter density that fits, down to the
//! readable floor ([`resume::MIN_TEXT_SIZE`]). Unlike the résumé nothing is ever
//! left out of a letter: when it does not fit at the floor, [`letter`] says by
//! how much.

use crate::layout::flow::{stack, Block, Role, Tagger};
use crate::layout::frame::{Document, Image, Page};
use crate::layout::head::{metadata, profile_head};
use crate::layout::lines::{paragraph_blocks, Para, Span};
use crate::layout::prose::{self, Prose};
use crate::layout::resume::{self, Density};
use crate::layout::theme::Theme;
use crate::model::{Application, Portfolio, Text};
use crate::text::{Shaper, Style};

/// The widest line of the letter, in ems of its body size: about 80
/// characters, which reads as a letter rather than a form.
const MEASURE_EMS: f32 = 44.0;

/// A letter too long for one page even at the readable floor.
#[derive(Debug, Clone, PartialEq)]
pub struct TooLong {
    /// How far past the bottom margin it runs, in points.
    pub over: f32,
    /// The height of one line of body text at the floor, in points.
    pub line_height: f32,
}

impl TooLong {
    /// How many body lines that is, rounded up.
    pub fn lines(&self) -> usize {
        (self.over / self.line_height).ceil().max(1.0) as usize
    }
}

/// Lay out the cover letter of `app` (which has a letter) on one page, at
/// `at`, the density its résumé was set at, or tighter if it must be.
pub fn letter(
    p: &Portfolio,
    app: &Application,
    letter: &Text,
    at: Density,
    theme: &Theme,
    shaper: &dyn Shaper,
    created: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Result<Document, TooLong> {
    // the résumé's own density (its spacing opened up, if it was sparse), then
    // each tighter one
    let tighter = resume::densities(theme).into_iter().filter(|d| d.body < at.body);
    let mut last = None;
    for d in std::iter::once(at).chain(tighter) {
        let (page, images, height, available) = compose(p, app, letter, d, theme, shaper);
        if height <= available {
            return Ok(document(p, app, page, images, theme, created));
        }
        last = Some((height - available, d.para().line_height()));
    }
    let (over, line_height) = last.expect("there is always a floor density");
    Err(TooLong { over, line_height })
}

fn document(
    p: &Portfolio,
    app: &Application,
    page: Page,
    images: Vec<Image>,
    theme: &Theme,
    created: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Document {
    let what = format!("Cover letter \u{2014} {}", app.company);
    let subject = format!("Cover letter: {} at {}", app.role, app.company);
    Document {
        width: theme.page_width,
        height: theme.page_height,
        pages: vec![page],
        outline: Vec::new(),
        images,
        metadata: metadata(&p.profile, &what, subject, app.focus.clone(), created),
    }
}

/// The page at density `d`: its items, the photo, the height the content needs
/// and the height available.
fn compose(
    p: &Portfolio,
    app: &Application,
    letter: &Text,
    d: Density,
    theme: &Theme,
    shaper: &dyn Shaper,
) -> (Page, Vec<Image>, f32, f32) {
    let t = theme;
    let full = theme.page_width - 2.0 * d.margin_x;
    let mut images = Vec::new();
    let head = profile_head(shaper, &p.profile, t, &d.head_style(t), full, &mut images);
    let mut c = Letter {
        shaper,
        // a measure of about 80 characters, never wider than the page allows
        width: full.min(d.body * MEASURE_EMS),
        para: d.para(),
        blocks: std::iter::once(head).chain(d.head_rule(t)).collect(),
        space: 0.0,
    };
    let line = c.para.line_height();
    c.space = 22.0 * d.gap.max(0.5);
    if let Some(date) = app.date_line() {
        c.line(Span::new(date, Style::Regular, t.muted));
        c.space += line;
    }
    for l in app.recipient_block() {
        c.line(Span::new(l, Style::Regular, t.body));
    }
    c.space += line;
    c.line(Span::new(app.subject(), Style::SemiBold, t.ink));
    c.space += line * 0.8;
    c.line(Span::new(app.salutation(), Style::Regular, t.body));
    c.space += line * 0.5;
    let body = Prose {
        paragraph_gap: line * 0.6,
        ..d.prose(t)
    };
    let blocks = prose::text(shaper, letter, &body, c.width, 0.0);
    c.push(blocks);
    c.space += line * 0.9;
    c.line(Span::new(app.closing(), Style::Regular, t.body));
    // room to sign
    c.space += line * 1.6;
    c.line(Span::new(p.profile.name.as_str(), Style::SemiBold, t.ink));
    let mut items = Vec::new();
    let mut tags = Tagger::default();
    let height = stack(c.blocks, d.margin_x, d.margin_y, &mut items, &mut tags);
    tags.end(items.len());
    let available = theme.page_height - d.margin_y;
    let page = Page {
        items: items.into(),
        marks: tags.take(),
        ..Page::default()
    };
    (page, images, height, available)
}

/// The letter's blocks, top to bottom, stacked at the margin when all are made.
struct Letter<'a> {
    shaper: &'a dyn Shaper,
    width: f32,
    para: Para,
    blocks: Vec<Block>,
    /// Space gathered for above the next block.
    space: f32,
}

impl Letter<'_> {
    /// Blocks after the space gathered so far.
    fn push(&mut self, mut blocks: Vec<Block>) {
        if let Some(first) = blocks.first_mut() {
            first.space_before += std::mem::take(&mut self.space);
        }
        self.blocks.append(&mut blocks);
    }

    /// A line of plain text (no markup: a name, an address line), wrapped if it must be.
    fn line(&mut self, span: Span) {
        let style = span.style;
        let mut lines = paragraph_blocks(self.shaper, &[span], style, self.para, 0.0, self.width);
        for (i, l) in lines.iter_mut().enumerate() {
            l.role = Role::Paragraph;
            l.continues = i > 0;
        }
        self.push(lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;
    use crate::layout::frame::Item;
    use crate::text::FixedShaper;

    /// A portfolio with `systems` systems and as many jobs: with many, its résumé is set tighter than a short letter.
    fn portfolio_with(systems: usize) -> Portfolio {
        let mut toml =
            String::from("[profile]\nname = \"Ada Example\"\nheadline = \"Engineer\"\nemail = \"ada@example.com\"\n");
        for i in 0..systems {
            toml.push_str(&format!(
                "[[systems]]\ntitle = \"S{i}\"\ntagline = \"what system {i} does\"\ntags = [\"Rust\"]\n\
                 metrics = [{{ value = \"{i}x\", label = \"Speed\" }}]\n"
            ));
        }
        for i in 0..systems {
            toml.push_str(&format!(
                "[[experience]]\nrole = \"R{i}\"\norganization = \"O{i}\"\n\
                 highlights = [\"first thing done at job {i}\", \"second thing done at job {i}\"]\n"
            ));
        }
        let (p, diags) = crate::content::parse(&Source::new("t.toml", &toml), std::path::Path::new("."), &|_| true);
        p.unwrap_or_else(|| panic!("{diags:?}"))
    }

    fn portfolio() -> Portfolio {
        portfolio_with(1)
    }

    fn app(letter: &str) -> (Application, Text) {
        let a = Application {
            id: "acme".into(),
            company: "Acme".into(),
            role: "Engineer".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            recipient: Some("Dr. Jane Doe".into()),
            address: vec!["Acme".into(), "12 Example Street".into()],
            focus: vec!["Rust".into()],
            systems: None,
            letter: None,
            letter_at: Default::default(),
            closing: None,
        };
        (a, Text::parse(letter))
    }

    #[test]
    fn a_letter_has_every_part_in_order_on_one_page() {
        let p = portfolio();
        let (a, text) = app("First paragraph with **bold**.\n\nSecond paragraph.\n- a point");
        let theme = Theme::for_design(&p.design);
        let doc = letter(&p, &a, &text, resume::densities(&theme)[0], &theme, &FixedShaper, None).unwrap();
        assert_eq!(doc.pages.len(), 1);
        let page = doc.pages[0].text();
        let order = [
            p.profile.name.as_str(),
            "1 December 2026",
            "Dr. Jane Doe",
            "12 Example Street",
            "Application: Engineer",
            "Dear Dr. Jane Doe,",
            "First paragraph with ",
            "bold",
            "Second paragraph.",
            "a point",
            "Sincerely,",
        ];
        let mut at = 0;
        for part in order {
            let found = page[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part:?} not after {at} in {page:?}"));
            at += found + part.len();
        }
        assert!(!page.contains("**"), "{page}");
        assert_eq!(
            doc.metadata.title,
            format!("{} \u{2014} Cover letter \u{2014} Acme", p.profile.name)
        );
        assert_eq!(doc.metadata.keywords, ["Rust"]);
    }

    #[test]
    fn the_letter_is_set_as_its_resume_with_the_same_head_in_every_theme() {
        let mut p = portfolio_with(12);
        let (a, text) = app("Body.");
        for name in crate::model::ThemeName::ALL {
            p.design.theme = name;
            let theme = Theme::for_design(&p.design);
            let (sel, _) = resume::select(&p, &[]);
            let fitted = resume::fit(&p, &sel, &theme, &FixedShaper, None).expect("fits");
            let loosest = resume::densities(&theme)[0];
            assert!(
                fitted.density.body < loosest.body,
                "{name:?}: the résumé is set tighter"
            );
            let resume = &fitted.document.pages[0].items;
            let doc = letter(&p, &a, &text, fitted.density, &theme, &FixedShaper, None).expect("fits");
            let page = &doc.pages[0];
            // everything above the date, and above the résumé's first section
            let above = |items: &crate::layout::frame::Items, text: &str| {
                let at = items
                    .iter()
                    .position(|i| matches!(i, Item::Text(t) if t.run.text.contains(text)))
                    .unwrap_or_else(|| panic!("{name:?}: {text:?} is printed"));
                // (each word is a text item of its own: the line starts at the
                // first text item on its baseline)
                let Item::Text(hit) = &items[at] else { unreachable!() };
                let start = items
                    .iter()
                    .position(|i| matches!(i, Item::Text(t) if t.baseline == hit.baseline))
                    .unwrap_or(at);
                items.iter().take(start).cloned().collect::<Vec<_>>()
            };
            let head = above(&page.items, "December");
            assert!(head.len() >= 3, "{name:?}: name, headline and contact line");
            let mut resume_head = above(resume, "Selected");
            // (in modern, the section heading's band of tint is drawn before its text)
            if matches!(resume_head.last(), Some(Item::Rect { fill, .. }) if *fill == theme.tint) {
                resume_head.pop();
            }
            assert_eq!(head, resume_head, "{name:?}");
            assert_eq!(
                theme.profile_band,
                matches!(page.items[0], Item::Rect { .. }),
                "{name:?}: the band comes first where the theme has one"
            );
            // a short letter is set at the résumé's density, in its margins
            let body = page.items.iter().find_map(|i| match i {
                Item::Text(t) if t.run.text.contains("Body.") => Some(t),
                _ => None,
            });
            let body = body.expect("the body is printed");
            assert_eq!(
                (body.size, body.x),
                (fitted.density.body, fitted.density.margin_x),
                "{name:?}"
            );
        }
    }

    #[test]
    fn a_letter_too_long_at_its_resumes_density_is_set_tighter() {
        let p = portfolio();
        let theme = Theme::for_design(&p.design);
        // the size of the body's first line (its second word: each word is a text item)
        let size = |doc: &Document| {
            let body = doc.pages[0].items.iter().find_map(|i| match i {
                Item::Text(t) if matches!(t.run.text.as_str(), "short" | "sentence") => Some(t.size),
                _ => None,
            });
            body.expect("the body is printed")
        };
        let (a, short) = app("A short letter.");
        let doc = letter(&p, &a, &short, resume::densities(&theme)[0], &theme, &FixedShaper, None).unwrap();
        assert_eq!(size(&doc), resume::densities(&theme)[0].body);
        let long = vec!["A sentence that goes on for a while and then some more words."; 60].join(" ");
        let (a, long) = app(&long);
        let doc = letter(&p, &a, &long, resume::densities(&theme)[0], &theme, &FixedShaper, None).unwrap();
        assert!(size(&doc) < resume::densities(&theme)[0].body, "{}", size(&doc));
    }

    #[test]
    fn a_letter_too_long_says_by_how_much() {
        let p = portfolio();
        let long = vec!["A sentence that goes on for a while and then some more words."; 400].join(" ");
        let (a, text) = app(&long);
        let theme = Theme::for_design(&p.design);
        let err = letter(&p, &a, &text, resume::densities(&theme)[0], &theme, &FixedShaper, None).unwrap_err();
        assert!(err.over > 100.0, "{err:?}");
        assert!(err.lines() > 10, "{err:?}");
    }
}
