//! The cover letter of an application: exactly one page in the résumé's design
//! and theme. It opens with the résumé's own head (name, headline, contact line,
//! rule or band: [`resume::head`]), then the date, the recipient block, the
//! subject line (`Application: ROLE`), the salutation, the body, the closing and
//! the name.
//!
//! Like the résumé it is fitted: set at the loosest of the résumé's densities
//! that fits the page, down to the readable floor ([`resume::MIN_TEXT_SIZE`]).
//! Unlike the résumé nothing is ever left out of a letter: when it does not fit
//! at the floor, [`letter`] says by how much.

use crate::layout::frame::{Document, Item, Metadata, Page, TextItem};
use crate::layout::lines::{baseline_in_line, text_box, Para, Span};
use crate::layout::resume::{self, Density};
use crate::layout::spans::rich_spans;
use crate::layout::theme::Theme;
use crate::model::{Application, Block, Portfolio, Text};
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

/// Lay out the cover letter of `app` (which has a letter) on one page.
pub fn letter(
    p: &Portfolio,
    app: &Application,
    letter: &Text,
    theme: &Theme,
    shaper: &dyn Shaper,
    created: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Result<Document, TooLong> {
    let densities = resume::densities(theme);
    let mut last = None;
    for d in &densities {
        let (page, height, available) = compose(p, app, letter, *d, theme, shaper);
        if height <= available {
            return Ok(document(p, app, page, theme, created));
        }
        last = Some((height - available, body(*d).line_height()));
    }
    let (over, line_height) = last.expect("there is always a floor density");
    Err(TooLong { over, line_height })
}

fn document(
    p: &Portfolio,
    app: &Application,
    page: Page,
    theme: &Theme,
    created: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Document {
    Document {
        width: theme.page_width,
        height: theme.page_height,
        pages: vec![page],
        outline: Vec::new(),
        images: Vec::new(),
        metadata: Metadata {
            title: format!("{} \u{2014} Cover letter \u{2014} {}", p.profile.name, app.company),
            author: p.profile.name.clone(),
            subject: format!("Cover letter: {} at {}", app.role, app.company),
            keywords: app.focus.clone(),
            created,
        },
    }
}

fn body(d: Density) -> Para {
    Para {
        size: d.body,
        leading: d.leading,
    }
}

/// The page at density `d`: its items, the height the content needs and the height available.
fn compose(
    p: &Portfolio,
    app: &Application,
    letter: &Text,
    d: Density,
    theme: &Theme,
    shaper: &dyn Shaper,
) -> (Page, f32, f32) {
    let (items, y) = resume::head(p, d, theme, shaper);
    // a measure of about 80 characters, never wider than the page allows
    let width = (theme.page_width - 2.0 * d.margin_x).min(d.body * MEASURE_EMS);
    let mut c = Letter {
        theme,
        shaper,
        x: d.margin_x,
        width,
        para: body(d),
        items,
        y,
    };
    let line = c.para.line_height();
    let t = theme;
    c.y += 22.0 * d.gap.max(0.5);
    if let Some(date) = app.date_line() {
        c.text(&[Span::new(date, Style::Regular, t.muted)]);
        c.y += line;
    }
    let mut block: Vec<&str> = app.recipient.iter().map(String::as_str).collect();
    if app.address.is_empty() {
        block.push(app.company.as_str());
    } else {
        block.extend(app.address.iter().map(String::as_str));
    }
    for l in block {
        c.text(&[Span::new(l, Style::Regular, t.body)]);
    }
    c.y += line;
    c.text(&[Span::new(app.subject(), Style::SemiBold, t.ink)]);
    c.y += line * 0.8;
    c.text(&[Span::new(app.salutation(), Style::Regular, t.body)]);
    c.y += line * 0.5;
    for (i, b) in letter.blocks.iter().enumerate() {
        match b {
            Block::Paragraph(s) => {
                if i > 0 {
                    c.y += line * 0.6;
                }
                c.text(&rich_spans(s, t.body, t.accent));
            }
            Block::Bullet(s) => c.bullet(s),
        }
    }
    c.y += line * 0.9;
    c.text(&[Span::new(app.closing(), Style::Regular, t.body)]);
    // room to sign
    c.y += line * 1.6;
    c.text(&[Span::new(p.profile.name.as_str(), Style::SemiBold, t.ink)]);
    let available = theme.page_height - d.margin_y;
    (Page { items: c.items }, c.y, available)
}

struct Letter<'a> {
    theme: &'a Theme,
    shaper: &'a dyn Shaper,
    x: f32,
    width: f32,
    para: Para,
    items: Vec<Item>,
    /// Top of the next line, from the top of the page.
    y: f32,
}

impl Letter<'_> {
    /// Wrapped text at the left margin, `indent` in from it.
    fn text_at(&mut self, spans: &[Span], indent: f32) {
        let (items, h) = text_box(
            self.shaper,
            spans,
            self.para,
            self.x + indent,
            self.y,
            self.width - indent,
        );
        self.items.extend(items);
        self.y += h;
    }

    fn text(&mut self, spans: &[Span]) {
        self.text_at(spans, 0.0);
    }

    /// A bullet item: an accent bullet, the text indented after it.
    fn bullet(&mut self, s: &str) {
        let para = self.para;
        let base = self.y + baseline_in_line(self.shaper, Style::Regular, para);
        for run in self.shaper.shape("\u{2022}", Style::Regular) {
            self.items.push(Item::Text(TextItem {
                x: self.x + para.size * 0.2,
                baseline: base,
                size: para.size,
                color: self.theme.accent,
                run,
            }));
        }
        let spans = rich_spans(s, self.theme.body, self.theme.accent);
        self.text_at(&spans, para.size * 1.2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;
    use crate::text::FixedShaper;

    fn portfolio() -> Portfolio {
        let toml = "[profile]\nname = \"Ada Example\"\nheadline = \"Engineer\"\nemail = \"ada@example.com\"\n\
                    [[systems]]\ntitle = \"S\"\ntags = [\"Rust\"]\n";
        let (p, diags) = crate::content::parse(&Source::new("t.toml", toml), std::path::Path::new("."), &|_| true);
        p.unwrap_or_else(|| panic!("{diags:?}"))
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
            closing: None,
        };
        (a, Text::parse(letter))
    }

    #[test]
    fn a_letter_has_every_part_in_order_on_one_page() {
        let p = portfolio();
        let (a, text) = app("First paragraph with **bold**.\n\nSecond paragraph.\n- a point");
        let theme = Theme::for_design(&p.design);
        let doc = letter(&p, &a, &text, &theme, &FixedShaper, None).unwrap();
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
    fn a_letter_too_long_says_by_how_much() {
        let p = portfolio();
        let long = vec!["A sentence that goes on for a while and then some more words."; 400].join(" ");
        let (a, text) = app(&long);
        let theme = Theme::for_design(&p.design);
        let err = letter(&p, &a, &text, &theme, &FixedShaper, None).unwrap_err();
        assert!(err.over > 100.0, "{err:?}");
        assert!(err.lines() > 10, "{err:?}");
    }
}
