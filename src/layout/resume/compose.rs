//! Composing the résumé page at one density with some items left out: the
//! header (name, headline, contact line, summary), then the sections.

use std::collections::HashSet;
use std::ops::ControlFlow;

use super::select::Selection;
use crate::layout::flow::{stack, Block, Role, Tagger};
use crate::layout::frame::{Elem, Image, Item, Page, Rect, Tag, TextItem};
use crate::layout::head::{profile_head, HeadStyle};
use crate::layout::lines::{baseline_in_line, text_box, Para, Span};
use crate::layout::prose::{self, Prose};
use crate::layout::spans::display_url;
use crate::layout::theme::{scale, Theme};
use crate::model::{Education, Experience, Metric, Portfolio, Publication, SkillGroup, System};
use crate::text::{Shaper, Style};

/// One thing left out to keep the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Drop {
    /// A system, by its index in the selection.
    System(usize),
    ExperienceHighlight(usize, usize),
    Publication(usize),
    ExperienceSummary(usize),
    EducationHighlight(usize, usize),
    Experience(usize),
    SkillGroup(usize),
    Education(usize),
    Summary,
}

/// Type sizes and spacing at one density.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Density {
    pub body: f32,
    pub leading: f32,
    /// Multiplies the space between entries and sections.
    pub gap: f32,
    pub margin_x: f32,
    pub margin_y: f32,
}

/// The smallest type size anywhere on a résumé.
pub const MIN_TEXT_SIZE: f32 = 8.5;

impl Density {
    /// The theme's type scale ([`scale`]) from this density's body size: step `n`
    /// above it (below, when negative), never below the floor.
    pub fn size(&self, steps: f32) -> f32 {
        scale(self.body, steps).max(MIN_TEXT_SIZE)
    }

    /// Body text.
    pub fn para(&self) -> Para {
        Para {
            size: self.body,
            leading: self.leading,
        }
    }

    /// Secondary text (contacts, tags, dates): smaller, never below the floor.
    pub fn small(&self) -> Para {
        Para {
            size: self.size(-0.5),
            leading: self.leading,
        }
    }

    /// How text fields are set (through [`prose`]).
    pub fn prose(&self, t: &Theme) -> Prose {
        Prose {
            size: self.body,
            leading: self.leading,
            color: t.body,
            accent: t.accent,
            paragraph_gap: 4.0 * self.gap,
            list_gap: 0.0,
            item_gap: 0.0,
            marker_at: 0.2,
            indent: 1.2,
        }
    }

    /// The résumé's profile head (see [`profile_head`]): name, headline and
    /// contact line in the theme's type scale, and the photo in the theme's shape,
    /// a little smaller than the portfolio's. The cover letter opens with the same.
    pub fn head_style(&self, t: &Theme) -> HeadStyle {
        HeadStyle {
            name: Para {
                size: self.size(4.25),
                leading: 1.15,
            },
            headline: Para {
                size: self.size(0.75),
                leading: 1.3,
            },
            headline_gap: 0.0,
            contact: self.small(),
            contact_gap: 3.0 * self.gap,
            labels: false,
            photo: Some(t.photo_size * 0.8),
            band_pad: 14.0 * self.gap.max(0.6),
            margin_x: self.margin_x,
            margin_top: self.margin_y,
        }
    }

    /// The short accent rule under the profile head in themes without a band
    /// (with one, the band ends the head).
    pub fn head_rule(&self, t: &Theme) -> Option<Block> {
        let rule = Item::Line {
            from: (0.0, 0.0),
            to: (28.0, 0.0),
            width: 2.0,
            color: t.accent,
        };
        (!t.profile_band).then(|| Block::new(2.0, vec![rule]).space(8.0 * self.gap).role(Role::Artifact))
    }
}

/// A résumé page laid out at one density.
pub(super) struct Composed {
    pub page: Page,
    /// The photo, when the page shows it.
    pub images: Vec<Image>,
    /// How far down the page the content reaches.
    pub height: f32,
    /// How far down it may reach.
    pub available: f32,
}

/// Lay out the résumé with `dropped` left out at density `d`.
///
/// With a `limit`, composing stops as soon as the content passes it: the caller
/// only wants to know whether it fits, and a long portfolio would otherwise be
/// laid out in full at every step of the search.
pub(super) fn compose(
    p: &Portfolio,
    sel: &Selection,
    dropped: &[Drop],
    d: Density,
    theme: &Theme,
    shaper: &dyn Shaper,
    limit: Option<f32>,
) -> Composed {
    let mut c = Composer {
        theme,
        shaper,
        d,
        items: Vec::new(),
        tags: Tagger::default(),
        images: Vec::new(),
        y: d.margin_y,
        width: theme.page_width - 2.0 * d.margin_x,
        limit,
    };
    let dropped: HashSet<Drop> = dropped.iter().copied().collect();
    let has = |x: Drop| !dropped.contains(&x);
    c.header(p, has(Drop::Summary));
    let _ = c.sections(p, sel, &has);
    c.tags.end(c.items.len());
    Composed {
        available: theme.page_height - d.margin_y,
        height: c.y,
        page: Page {
            items: c.items.into(),
            marks: c.tags.take(),
            ..Page::default()
        },
        images: c.images,
    }
}

/// The highlights of an entry that `keep` keeps, by index.
fn kept(all: &[String], keep: impl Fn(usize) -> bool) -> Vec<&str> {
    all.iter()
        .enumerate()
        .filter(|(j, _)| keep(*j))
        .map(|(_, h)| h.as_str())
        .collect()
}

struct Composer<'a> {
    theme: &'a Theme,
    shaper: &'a dyn Shaper,
    d: Density,
    items: Vec<Item>,
    /// The structure marks of `items`.
    tags: Tagger,
    images: Vec<Image>,
    /// Top of the next line, from the top of the page.
    y: f32,
    width: f32,
    /// Where composing may stop (see [`compose`]).
    limit: Option<f32>,
}

impl Composer<'_> {
    /// The sections after the header, in order; `Break` when the page passed the limit.
    fn sections(&mut self, p: &Portfolio, sel: &Selection, has: &impl Fn(Drop) -> bool) -> ControlFlow<()> {
        self.section(
            "Selected systems",
            &sel.systems,
            |i| has(Drop::System(i)),
            |c, _, s, first| c.system(s, &sel.focus, first),
        )?;
        self.section(
            "Experience",
            &p.experience,
            |i| has(Drop::Experience(i)),
            |c, i, e, first| {
                let highlights = kept(&e.highlights, |j| has(Drop::ExperienceHighlight(i, j)));
                c.experience(e, has(Drop::ExperienceSummary(i)), &highlights, first)
            },
        )?;
        self.section(
            "Education",
            &p.education,
            |i| has(Drop::Education(i)),
            |c, i, e, first| {
                let highlights = kept(&e.highlights, |j| has(Drop::EducationHighlight(i, j)));
                c.education(e, &highlights, first)
            },
        )?;
        self.section(
            "Skills",
            &p.skills,
            |i| has(Drop::SkillGroup(i)),
            |c, _, g, _| c.skill_group(g),
        )?;
        self.section(
            "Publications",
            &p.publications,
            |i| has(Drop::Publication(i)),
            |c, _, pb, _| c.publication(pb),
        )
    }

    /// One section: its heading, then every entry `keep` keeps (by index), each
    /// drawn by `entry` (given its index and whether it is the first shown). A
    /// section with no entry left has no heading; `Break` when the page passed the
    /// limit before an entry.
    fn section<T>(
        &mut self,
        title: &str,
        entries: &[T],
        keep: impl Fn(usize) -> bool,
        mut entry: impl FnMut(&mut Self, usize, &T, bool),
    ) -> ControlFlow<()> {
        let shown: Vec<(usize, &T)> = entries.iter().enumerate().filter(|(i, _)| keep(*i)).collect();
        if shown.is_empty() {
            return ControlFlow::Continue(());
        }
        self.heading(title);
        for (n, (i, e)) in shown.into_iter().enumerate() {
            if self.limit.is_some_and(|l| self.y > l) {
                return ControlFlow::Break(());
            }
            entry(self, i, e, n == 0);
        }
        ControlFlow::Continue(())
    }

    fn body(&self) -> Para {
        self.d.para()
    }

    fn size(&self, steps: f32) -> f32 {
        self.d.size(steps)
    }

    fn small(&self) -> Para {
        self.d.small()
    }

    fn gap(&mut self, pt: f32) {
        self.y += pt * self.d.gap;
    }

    /// Wrapped text at the left margin, full width (or `width` from `indent`).
    fn text_at(&mut self, spans: &[Span], para: Para, indent: f32, width: f32) {
        let (items, h) = text_box(self.shaper, spans, para, self.d.margin_x + indent, self.y, width);
        self.items.extend(items);
        self.y += h;
    }

    fn text(&mut self, spans: &[Span], para: Para) {
        self.text_at(spans, para, 0.0, self.width);
    }

    /// Open a structure element at the next item.
    fn open(&mut self, tag: Tag) {
        self.tags.open(self.items.len(), Elem::new(tag));
    }

    /// Close the innermost structure element after the last item.
    fn close(&mut self) {
        self.tags.close(self.items.len());
    }

    /// [`Composer::text`] as one element `tag`.
    fn tagged(&mut self, tag: Tag, spans: &[Span], para: Para) {
        self.open(tag);
        self.text(spans, para);
        self.close();
    }

    /// A line of text at the left with something set flush right on its first
    /// line: an entry's heading (`H3`: its first span, the entry's name) and the
    /// rest of the line a paragraph after it.
    fn line_with_right(&mut self, left: &[Span], para: Para, right: Option<String>) {
        self.line_with_right_as(left, para, right, true);
    }

    /// [`Composer::line_with_right`]; with `heading` false the whole left text is
    /// one paragraph (the entry's heading came before it).
    fn line_with_right_as(&mut self, left: &[Span], para: Para, right: Option<String>, heading: bool) {
        let t = self.theme;
        let small = self.small();
        let right_w = right
            .as_ref()
            .map_or(0.0, |r| self.shaper.measure(r, Style::Regular, small.size));
        let left_w = if right_w > 0.0 {
            self.width - right_w - 12.0
        } else {
            self.width
        };
        let top = self.y;
        let start = self.items.len();
        self.text_at(left, para, 0.0, left_w.max(self.width * 0.5));
        // the heading screen readers move between: the items of the first span
        // (its letters, counted without spaces; the next span has another style,
        // so no item holds both)
        let name = left
            .first()
            .filter(|_| heading)
            .map_or(0, |s| s.text.chars().filter(|c| !c.is_whitespace()).count());
        let (mut seen, mut split) = (0, start);
        for item in &self.items[start..] {
            if seen >= name {
                break;
            }
            if let Item::Text(t) = item {
                seen += t.run.text.chars().filter(|c| !c.is_whitespace()).count();
            }
            split += 1;
        }
        if heading {
            self.tags.open(start, Elem::new(Tag::H3));
            self.tags.close(split);
        }
        self.tags.open(split, Elem::new(Tag::P));
        if let Some(r) = right {
            // the dates are a paragraph of their own (read apart from the line)
            self.close();
            self.open(Tag::P);
            // baseline of the right text on the first line's baseline
            let base = top + baseline_in_line(self.shaper, Style::Regular, para);
            let mut x = self.d.margin_x + self.width - right_w;
            for run in self.shaper.shape(&r, Style::Regular) {
                let w = run.width_at(small.size);
                self.items.push(Item::Text(TextItem {
                    x,
                    baseline: base,
                    size: small.size,
                    color: t.muted,
                    run,
                }));
                x += w;
            }
        }
        self.close();
    }

    fn header(&mut self, p: &Portfolio, with_summary: bool) {
        let (d, t) = (self.d, self.theme);
        let head = profile_head(
            self.shaper,
            &p.profile,
            t,
            &d.head_style(t),
            self.width,
            &mut self.images,
        );
        self.place(std::iter::once(head).chain(d.head_rule(t)).collect());
        if let (true, Some(summary)) = (with_summary, &p.profile.summary) {
            self.gap(8.0);
            let blocks = prose::text(self.shaper, summary, &self.prose(), self.width, 0.0);
            self.place(blocks);
        }
    }

    /// A section heading in the theme's accent treatment: on a band of tint in
    /// a theme with a profile band (modern), else with a hairline running to the
    /// right margin.
    fn heading(&mut self, title: &str) {
        let t = self.theme;
        self.gap(14.0);
        let para = Para {
            size: self.size(0.5),
            leading: 1.3,
        };
        let top = self.y;
        let x = self.d.margin_x;
        if t.profile_band {
            let inset = para.size * 0.5;
            self.items.push(Item::Rect {
                rect: Rect::new(x, top, self.width, para.line_height()),
                fill: t.tint,
                radius: 2.0,
            });
            let (items, h) = text_box(
                self.shaper,
                &[Span::new(title, Style::SemiBold, t.accent)],
                para,
                x + inset,
                top,
                self.width - 2.0 * inset,
            );
            self.open(Tag::H2);
            self.items.extend(items);
            self.close();
            self.y += h;
            self.gap(3.0);
            return;
        }
        let w = self.shaper.measure(title, Style::SemiBold, para.size);
        self.tagged(Tag::H2, &[Span::new(title, Style::SemiBold, t.accent)], para);
        let mid = top + para.line_height() * 0.55;
        let (x0, x1) = (x + w + 8.0, x + self.width);
        if x0 < x1 {
            self.items.push(Item::Line {
                from: (x0, mid),
                to: (x1, mid),
                width: 0.5,
                color: t.rule,
            });
        }
        self.gap(2.0);
    }

    fn system(&mut self, s: &System, focus: &[String], first: bool) {
        let t = self.theme;
        if !first {
            self.gap(7.0);
        }
        let mut title = vec![Span::new(s.title.as_str(), Style::Bold, t.ink)];
        if let Some(tag) = &s.tagline {
            title.push(Span::new(" \u{2014} ", Style::Regular, t.muted));
            title.push(Span::new(tag.as_str(), Style::Italic, t.muted));
        }
        self.line_with_right(&title, self.body(), s.dates.map(|d| d.to_string()));
        if !s.metrics.is_empty() {
            let spans = metric_spans(&s.metrics, t);
            self.tagged(Tag::P, &spans, self.body());
        }
        if !s.tags.is_empty() {
            let mut spans = Vec::new();
            for (i, tag) in s.tags.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::new(" \u{00B7} ", Style::Regular, t.muted));
                }
                let hit = focus.iter().any(|f| *f == tag.to_lowercase());
                spans.push(if hit {
                    Span::new(tag.as_str(), Style::SemiBold, t.accent)
                } else {
                    Span::new(tag.as_str(), Style::Regular, t.muted)
                });
            }
            self.tagged(Tag::P, &spans, self.small());
        }
    }

    fn experience(&mut self, e: &Experience, summary: bool, highlights: &[&str], first: bool) {
        let t = self.theme;
        if !first {
            self.gap(7.0);
        }
        // The role on a line of its own, then where (organization, location) with
        // the dates flush right: a résumé parser reads the title, the employer and
        // the dates as three things (see tests/ats.rs), where one line holding all
        // of them is read as one long description.
        self.tagged(Tag::H3, &[Span::new(e.role.as_str(), Style::Bold, t.ink)], self.body());
        let mut place = vec![Span::new(e.organization.as_str(), Style::SemiBold, t.body)];
        if let Some(l) = &e.location {
            place.push(Span::new(format!(", {l}"), Style::Regular, t.muted));
        }
        self.line_with_right_as(&place, self.body(), e.dates.map(|d| d.to_string()), false);
        if let (true, Some(s)) = (summary, &e.summary) {
            let blocks = prose::text(self.shaper, s, &self.prose(), self.width, 0.0);
            self.place(blocks);
        }
        self.bullets(highlights);
    }

    fn education(&mut self, e: &Education, highlights: &[&str], first: bool) {
        let t = self.theme;
        if !first {
            self.gap(6.0);
        }
        let mut head = vec![Span::new(e.institution.as_str(), Style::Bold, t.ink)];
        if let Some(what) = e.studied() {
            head.push(Span::new(" \u{00B7} ", Style::Regular, t.muted));
            head.push(Span::new(what, Style::Regular, t.body));
        }
        self.line_with_right(&head, self.body(), e.dates.map(|d| d.to_string()));
        self.bullets(highlights);
    }

    /// A skill group: `Group: a, b, c`.
    fn skill_group(&mut self, g: &SkillGroup) {
        let t = self.theme;
        let spans = vec![
            Span::new(format!("{}: ", g.group), Style::SemiBold, t.ink),
            Span::new(g.items.join(", "), Style::Regular, t.body),
        ];
        self.gap(1.5);
        self.tagged(Tag::P, &spans, self.body());
    }

    /// A publication: title, then authors, venue and date, then its link.
    fn publication(&mut self, pb: &Publication) {
        let t = self.theme;
        let mut spans = vec![Span::new(pb.title.as_str(), Style::SemiBold, t.ink)];
        let mut rest = Vec::new();
        if !pb.authors.is_empty() {
            rest.push(pb.authors.join(", "));
        }
        if let Some(v) = &pb.venue {
            rest.push(v.clone());
        }
        if let Some(date) = &pb.date {
            rest.push(date.to_string());
        }
        if !rest.is_empty() {
            spans.push(Span::new(format!(". {}", rest.join(", ")), Style::Regular, t.body));
        }
        if let Some(url) = &pb.url {
            spans.push(Span::new(". ", Style::Regular, t.body));
            spans.push(
                Span::new(display_url(url), Style::Regular, t.accent)
                    .link(url.as_str())
                    .address(),
            );
        }
        self.gap(2.0);
        self.tagged(Tag::P, &spans, self.body());
    }

    fn prose(&self) -> Prose {
        self.d.prose(self.theme)
    }

    /// Blocks stacked at the left margin from the current line down.
    fn place(&mut self, blocks: Vec<Block>) {
        self.y = stack(blocks, self.d.margin_x, self.y, &mut self.items, &mut self.tags);
    }

    /// Highlights as list items, with inline markup.
    fn bullets(&mut self, items: &[&str]) {
        let prose = self.prose();
        for h in items {
            let blocks = prose::item(self.shaper, h, &prose, self.width);
            self.place(blocks);
        }
    }
}

/// `2.1x throughput · 64x64 tile · O(N) memory`.
fn metric_spans(metrics: &[Metric], t: &Theme) -> Vec<Span> {
    let mut spans = Vec::new();
    for (i, m) in metrics.iter().enumerate() {
        if i > 0 {
            spans.push(Span::new(" \u{00B7} ", Style::Regular, t.muted));
        }
        spans.push(Span::new(format!("{}\u{00A0}", m.value), Style::SemiBold, t.accent));
        spans.push(Span::new(lower_first(&m.label), Style::Regular, t.body));
    }
    spans
}

/// `Throughput` → `throughput`, but acronyms such as `TTFT` stay as written.
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s.chars().skip(1)).collect()
        }
        (Some(a), None) if a.is_uppercase() => a.to_lowercase().collect(),
        _ => s.to_string(),
    }
}

/// Every text size used on a page (for checks).
pub fn text_sizes(page: &Page) -> impl Iterator<Item = f32> + '_ {
    page.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t.size),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_labels_lose_only_a_leading_capital() {
        assert_eq!(lower_first("Throughput"), "throughput");
        assert_eq!(lower_first("Active params"), "active params");
        assert_eq!(lower_first("TTFT"), "TTFT");
        assert_eq!(lower_first("p99"), "p99");
    }
}
