//! The one-page résumé: selection, focus ranking and fitting.
//!
//! The résumé is always exactly one page. Fitting works in two steps:
//! 1. tighten: lay the content out at a series of densities, from the design's
//!    own down to a floor that stays readable (no text below 8.5 pt);
//! 2. drop: when even the floor is too long, leave out the lowest-priority items in
//!    a fixed order ([`drop_order`]) until it fits, and report each one.
//!
//! The fewest drops that fit at the floor are found by binary search (leaving out
//! more never makes the page longer); then the loosest density that fits with
//! those drops is used, so a résumé is only as dense as it has to be.

use std::collections::HashSet;

use crate::diag::{Diagnostic, Location};
use crate::layout::frame::{Document, Item, Metadata, Page, TextItem};
use crate::layout::text::{Shaper, Span, Style};
use crate::layout::{contact_spans, display_url, rich_spans, text_box, Para, Theme};
use crate::model::{Block as TextBlock, Education, Experience, Metric, Portfolio, System, Text};

/// The systems a résumé shows, ranked, and the focus tags (lower case).
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub systems: Vec<&'a System>,
    pub focus: Vec<String>,
}

/// Choose and rank the systems: `[resume].systems` (or all, in file order), then
/// by how many focus tags each carries (ties keep their order), then
/// `[resume].max_systems`. Returns warnings for focus tags no system carries.
pub fn select<'a>(p: &'a Portfolio, focus: &[String]) -> (Selection<'a>, Vec<Diagnostic>) {
    let mut systems: Vec<&System> = match &p.resume.systems {
        Some(ids) => ids
            .iter()
            .filter_map(|id| p.systems.iter().find(|s| &s.id == id))
            .collect(),
        None => p.systems.iter().collect(),
    };
    let focus: Vec<String> = focus
        .iter()
        .map(|f| f.trim().to_lowercase())
        .filter(|f| !f.is_empty())
        .collect();
    let mut warnings = Vec::new();
    let all_tags: Vec<&str> = p
        .systems
        .iter()
        .flat_map(|s| s.tags.iter().map(String::as_str))
        .collect();
    let distinct = crate::layout::distinct_tags(&p.systems);
    for f in &focus {
        if !all_tags.iter().any(|t| t.to_lowercase() == *f) {
            let hint = match crate::diag::closest(f, distinct.iter().copied()) {
                Some(t) => format!("the closest tag is `{t}`; check the spelling in --focus"),
                None if distinct.is_empty() => "no system has any tags".to_string(),
                None => {
                    let shown: Vec<String> = distinct.iter().take(12).map(|t| format!("`{t}`")).collect();
                    let more = if distinct.len() > 12 { ", ..." } else { "" };
                    format!("no tag is close; the tags are {}{more}", shown.join(", "))
                }
            };
            warnings.push(
                Diagnostic::warning(Location::None, format!("focus tag `{f}` is not carried by any system"))
                    .with_hint(hint),
            );
        }
    }
    if !focus.is_empty() {
        // stable: ties keep [resume] or file order
        systems.sort_by_key(|s| std::cmp::Reverse(matches(s, &focus)));
    }
    if let Some(max) = p.resume.max_systems {
        systems.truncate(max);
    }
    (Selection { systems, focus }, warnings)
}

/// How many of the focus tags a system carries.
pub fn matches(s: &System, focus: &[String]) -> usize {
    focus
        .iter()
        .filter(|f| s.tags.iter().any(|t| t.to_lowercase() == **f))
        .count()
}

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

/// What to leave out first, in order: the last systems (keeping two), older
/// experience highlights, publications, older experience summaries, education
/// highlights, older experience entries (keeping one), skill groups (keeping
/// one), then the remaining systems, education, and at last everything else.
pub fn drop_order(p: &Portfolio, n_systems: usize) -> Vec<Drop> {
    let mut out = Vec::new();
    let systems_kept = 2.min(n_systems);
    out.extend((systems_kept..n_systems).rev().map(Drop::System));
    for (i, e) in p.experience.iter().enumerate().rev() {
        out.extend((0..e.highlights.len()).rev().map(|j| Drop::ExperienceHighlight(i, j)));
    }
    out.extend((0..p.publications.len()).rev().map(Drop::Publication));
    for (i, e) in p.experience.iter().enumerate().rev() {
        if e.summary.is_some() {
            out.push(Drop::ExperienceSummary(i));
        }
    }
    for (i, e) in p.education.iter().enumerate().rev() {
        out.extend((0..e.highlights.len()).rev().map(|j| Drop::EducationHighlight(i, j)));
    }
    out.extend((1..p.experience.len()).rev().map(Drop::Experience));
    out.extend((1..p.skills.len()).rev().map(Drop::SkillGroup));
    out.extend((0..systems_kept).rev().map(Drop::System));
    out.extend((0..p.education.len()).rev().map(Drop::Education));
    if !p.experience.is_empty() {
        out.push(Drop::Experience(0));
    }
    if !p.skills.is_empty() {
        out.push(Drop::SkillGroup(0));
    }
    if p.profile.summary.is_some() {
        out.push(Drop::Summary);
    }
    out
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

/// The densities tried, loosest first; the last is the readability floor.
pub const DENSITIES: [Density; 7] = [
    Density {
        body: 10.0,
        leading: 1.38,
        gap: 1.0,
        margin_x: 46.0,
        margin_y: 42.0,
    },
    Density {
        body: 9.75,
        leading: 1.34,
        gap: 0.9,
        margin_x: 44.0,
        margin_y: 40.0,
    },
    Density {
        body: 9.5,
        leading: 1.3,
        gap: 0.8,
        margin_x: 42.0,
        margin_y: 38.0,
    },
    Density {
        body: 9.25,
        leading: 1.27,
        gap: 0.7,
        margin_x: 40.0,
        margin_y: 36.0,
    },
    Density {
        body: 9.0,
        leading: 1.24,
        gap: 0.6,
        margin_x: 38.0,
        margin_y: 34.0,
    },
    Density {
        body: 8.75,
        leading: 1.21,
        gap: 0.5,
        margin_x: 36.0,
        margin_y: 32.0,
    },
    Density {
        body: 8.5,
        leading: 1.18,
        gap: 0.42,
        margin_x: 34.0,
        margin_y: 30.0,
    },
];

/// The densities for a theme: those no larger than its body size (plus half a
/// point, since a résumé sets body text a little larger than a portfolio), down
/// to the floor; margins never wider than the theme's own.
pub fn densities(theme: &Theme) -> Vec<Density> {
    DENSITIES
        .iter()
        .filter(|d| d.body <= theme.body_size + 0.5 || d.body == MIN_TEXT_SIZE)
        .map(|d| Density {
            margin_x: d.margin_x.min(theme.margin_x),
            margin_y: d.margin_y.min(theme.margin_top),
            ..*d
        })
        .collect()
}

/// The smallest type size anywhere on a résumé.
pub const MIN_TEXT_SIZE: f32 = 8.5;

/// A fitted résumé.
#[derive(Debug, Clone)]
pub struct Fitted {
    pub document: Document,
    pub density: Density,
    /// What was left out, in the order it was dropped.
    pub dropped: Vec<Drop>,
}

/// The résumé could not be made to fit even with everything optional left out.
#[derive(Debug, Clone, PartialEq)]
pub struct NoFit {
    pub height: f32,
    pub available: f32,
}

/// Fit the résumé onto one page: see the module docs.
pub fn fit(
    p: &Portfolio,
    sel: &Selection,
    theme: &Theme,
    shaper: &dyn Shaper,
    created: Option<(i32, u8, u8, u8, u8, u8)>,
) -> Result<Fitted, NoFit> {
    let order = drop_order(p, sel.systems.len());
    let densities = densities(theme);
    let floor = densities[densities.len() - 1];
    let fits = |k: usize, d: Density| {
        let (_, h, avail) = compose(p, sel, &order[..k], d, theme, shaper, Some(theme.page_height));
        h <= avail
    };
    // fewest drops that fit at the floor
    let (mut lo, mut hi) = (0, order.len());
    if !fits(hi, floor) {
        let (_, height, available) = compose(p, sel, &order, floor, theme, shaper, None);
        return Err(NoFit { height, available });
    }
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fits(mid, floor) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let k = lo;
    let density = *densities.iter().find(|d| fits(k, **d)).unwrap_or(&floor);
    let (page, _, _) = compose(p, sel, &order[..k], density, theme, shaper, None);
    let keywords = crate::layout::distinct_tags(sel.systems.iter().copied())
        .into_iter()
        .map(str::to_string)
        .collect();
    let document = Document {
        width: theme.page_width,
        height: theme.page_height,
        pages: vec![page],
        outline: Vec::new(),
        images: Vec::new(),
        metadata: Metadata {
            title: format!("{} \u{2014} R\u{e9}sum\u{e9}", p.profile.name),
            author: p.profile.name.clone(),
            subject: match &p.profile.headline {
                Some(h) => format!("R\u{e9}sum\u{e9}: {h}"),
                None => "R\u{e9}sum\u{e9}".to_string(),
            },
            keywords,
            created,
        },
    };
    Ok(Fitted {
        document,
        density,
        dropped: order[..k].to_vec(),
    })
}

/// Describe what was dropped, one warning per kind of item, naming each.
pub fn drop_warnings(p: &Portfolio, sel: &Selection, dropped: &[Drop]) -> Vec<String> {
    let quote = |s: &str| {
        let short: String = s.chars().take(48).collect();
        if short.len() < s.len() {
            format!("\u{201C}{short}\u{2026}\u{201D}")
        } else {
            format!("\u{201C}{s}\u{201D}")
        }
    };
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let mut add = |kind: &'static str, what: String| match groups.iter_mut().find(|g| g.0 == kind) {
        Some(g) => g.1.push(what),
        None => groups.push((kind, vec![what])),
    };
    for d in dropped {
        match *d {
            Drop::System(i) => add("systems (lowest ranked first)", format!("`{}`", sel.systems[i].id)),
            Drop::ExperienceHighlight(i, j) => add(
                "experience highlights (oldest first)",
                quote(&p.experience[i].highlights[j]),
            ),
            Drop::Publication(i) => add("publications", quote(&p.publications[i].title)),
            Drop::ExperienceSummary(i) => add("experience summaries", experience_name(&p.experience[i])),
            Drop::EducationHighlight(i, j) => add("education highlights", quote(&p.education[i].highlights[j])),
            Drop::Experience(i) => add("experience entries (oldest first)", experience_name(&p.experience[i])),
            Drop::SkillGroup(i) => add("skill groups", quote(&p.skills[i].group)),
            Drop::Education(i) => add("education entries", quote(&p.education[i].institution)),
            Drop::Summary => add("the profile summary", "profile.summary".to_string()),
        }
    }
    groups
        .into_iter()
        .map(|(kind, items)| {
            format!(
                "to keep the r\u{e9}sum\u{e9} on one page, left out {} {kind}: {}",
                items.len(),
                items.join(", ")
            )
        })
        .collect()
}

fn experience_name(e: &Experience) -> String {
    format!("{} at {}", e.role, e.organization)
}

/// Lay out the résumé with `dropped` left out at density `d`. Returns the page,
/// the height the content needs and the height available.
///
/// With a `limit`, composing stops as soon as the content passes it: the caller
/// only wants to know whether it fits, and a long portfolio would otherwise be
/// laid out in full at every step of the search.
fn compose(
    p: &Portfolio,
    sel: &Selection,
    dropped: &[Drop],
    d: Density,
    theme: &Theme,
    shaper: &dyn Shaper,
    limit: Option<f32>,
) -> (Page, f32, f32) {
    let mut c = Composer {
        theme,
        shaper,
        d,
        items: Vec::new(),
        y: d.margin_y,
        width: theme.page_width - 2.0 * d.margin_x,
    };
    let dropped: HashSet<Drop> = dropped.iter().copied().collect();
    let has = |x: Drop| !dropped.contains(&x);
    let full = |c: &Composer| limit.is_some_and(|l| c.y > l);
    c.header(p, has(Drop::Summary));
    'fill: {
        let systems: Vec<&System> = sel
            .systems
            .iter()
            .enumerate()
            .filter(|(i, _)| has(Drop::System(*i)))
            .map(|(_, s)| *s)
            .collect();
        if !systems.is_empty() {
            c.heading("Selected systems");
            for (i, s) in systems.iter().enumerate() {
                if full(&c) {
                    break 'fill;
                }
                c.system(s, &sel.focus, i == 0);
            }
        }
        let experience: Vec<(usize, &Experience)> = p
            .experience
            .iter()
            .enumerate()
            .filter(|(i, _)| has(Drop::Experience(*i)))
            .collect();
        if !experience.is_empty() {
            c.heading("Experience");
            for (n, (i, e)) in experience.iter().enumerate() {
                if full(&c) {
                    break 'fill;
                }
                let highlights = kept(&e.highlights, |j| has(Drop::ExperienceHighlight(*i, j)));
                c.experience(e, has(Drop::ExperienceSummary(*i)), &highlights, n == 0);
            }
        }
        let education: Vec<(usize, &Education)> = p
            .education
            .iter()
            .enumerate()
            .filter(|(i, _)| has(Drop::Education(*i)))
            .collect();
        if !education.is_empty() {
            c.heading("Education");
            for (n, (i, e)) in education.iter().enumerate() {
                if full(&c) {
                    break 'fill;
                }
                let highlights = kept(&e.highlights, |j| has(Drop::EducationHighlight(*i, j)));
                c.education(e, &highlights, n == 0);
            }
        }
        let skills: Vec<_> = p
            .skills
            .iter()
            .enumerate()
            .filter(|(i, _)| has(Drop::SkillGroup(*i)))
            .collect();
        if !skills.is_empty() {
            c.heading("Skills");
            for (_, g) in skills {
                if full(&c) {
                    break 'fill;
                }
                let t = c.theme;
                let spans = vec![
                    Span::new(format!("{}: ", g.group), Style::SemiBold, t.ink),
                    Span::new(g.items.join(", "), Style::Regular, t.body),
                ];
                c.gap(1.5);
                c.text(&spans, c.body());
            }
        }
        let pubs: Vec<_> = p
            .publications
            .iter()
            .enumerate()
            .filter(|(i, _)| has(Drop::Publication(*i)))
            .collect();
        if !pubs.is_empty() {
            c.heading("Publications");
            for (_, pb) in pubs {
                if full(&c) {
                    break 'fill;
                }
                let t = c.theme;
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
                    spans.push(Span::new(display_url(url), Style::Regular, t.accent).link(url.as_str()));
                }
                c.gap(2.0);
                c.text(&spans, c.body());
            }
        }
    }
    let available = theme.page_height - d.margin_y;
    let height = c.y;
    (Page { items: c.items }, height, available)
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
    /// Top of the next line, from the top of the page.
    y: f32,
    width: f32,
}

impl Composer<'_> {
    fn body(&self) -> Para {
        Para {
            size: self.d.body,
            leading: self.d.leading,
        }
    }

    /// Secondary text (contacts, tags, dates): smaller, never below the floor.
    fn small(&self) -> Para {
        Para {
            size: (self.d.body * 0.92).max(MIN_TEXT_SIZE),
            leading: self.d.leading,
        }
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

    /// A line of text at the left with something set flush right on its first line.
    fn line_with_right(&mut self, left: &[Span], para: Para, right: Option<String>) {
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
        self.text_at(left, para, 0.0, left_w.max(self.width * 0.5));
        if let Some(r) = right {
            // baseline of the right text on the first line's baseline
            let base = top + crate::layout::baseline_in_line(self.shaper, Style::Regular, para);
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
    }

    fn header(&mut self, p: &Portfolio, with_summary: bool) {
        let t = self.theme;
        let band = t.profile_band;
        let profile = &p.profile;
        let band_at = self.items.len();
        let (name_c, headline_c) = if band {
            (t.on_accent, t.on_accent.mix(t.accent, 0.18))
        } else {
            (t.ink, t.accent)
        };
        let name = Para {
            size: (self.d.body * 2.2).round(),
            leading: 1.15,
        };
        self.text(&[Span::new(profile.name.as_str(), Style::Bold, name_c)], name);
        if let Some(h) = &profile.headline {
            let para = Para {
                size: self.d.body * 1.15,
                leading: 1.3,
            };
            self.text(&[Span::new(h.as_str(), Style::SemiBold, headline_c)], para);
        }
        let contact = contact_spans(&p.profile, t, false);
        if !contact.is_empty() {
            self.gap(3.0);
            self.text(&contact, self.small());
        }
        if band {
            // the modern theme's accent band, across the page from its top edge
            let pad = 14.0 * self.d.gap.max(0.6);
            let rect = crate::layout::frame::Rect::new(0.0, 0.0, t.page_width, self.y + pad);
            self.items.insert(
                band_at,
                Item::Rect {
                    rect,
                    fill: t.accent,
                    radius: 0.0,
                },
            );
            self.y += pad;
        } else {
            self.gap(8.0);
            let bar = Item::Line {
                from: (self.d.margin_x, self.y),
                to: (self.d.margin_x + 28.0, self.y),
                width: 2.0,
                color: t.accent,
            };
            self.items.push(bar);
            self.y += 2.0;
        }
        if let (true, Some(summary)) = (with_summary, &profile.summary) {
            self.gap(8.0);
            self.rich_text(summary);
        }
    }

    /// A section heading with a hairline running to the right margin.
    fn heading(&mut self, title: &str) {
        let t = self.theme;
        self.gap(14.0);
        let para = Para {
            size: self.d.body * 1.1,
            leading: 1.3,
        };
        let w = self.shaper.measure(title, Style::SemiBold, para.size);
        let top = self.y;
        self.text(&[Span::new(title, Style::SemiBold, t.accent)], para);
        let mid = top + para.line_height() * 0.55;
        let x0 = self.d.margin_x + w + 8.0;
        let x1 = self.d.margin_x + self.width;
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
            self.text(&spans, self.body());
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
            self.text(&spans, self.small());
        }
    }

    fn experience(&mut self, e: &Experience, summary: bool, highlights: &[&str], first: bool) {
        let t = self.theme;
        if !first {
            self.gap(7.0);
        }
        let mut head = vec![
            Span::new(e.role.as_str(), Style::Bold, t.ink),
            Span::new(" \u{00B7} ", Style::Regular, t.muted),
            Span::new(e.organization.as_str(), Style::SemiBold, t.body),
        ];
        if let Some(l) = &e.location {
            head.push(Span::new(format!(", {l}"), Style::Regular, t.muted));
        }
        self.line_with_right(&head, self.body(), e.dates.map(|d| d.to_string()));
        if let (true, Some(s)) = (summary, &e.summary) {
            self.rich_text(s);
        }
        self.bullets(highlights);
    }

    fn education(&mut self, e: &Education, highlights: &[&str], first: bool) {
        let t = self.theme;
        if !first {
            self.gap(6.0);
        }
        let mut head = vec![Span::new(e.institution.as_str(), Style::Bold, t.ink)];
        let what: Vec<&str> = [e.degree.as_deref(), e.field.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !what.is_empty() {
            head.push(Span::new(" \u{00B7} ", Style::Regular, t.muted));
            head.push(Span::new(what.join(", "), Style::Regular, t.body));
        }
        self.line_with_right(&head, self.body(), e.dates.map(|d| d.to_string()));
        self.bullets(highlights);
    }

    /// Paragraphs and bullet items of a text field.
    fn rich_text(&mut self, text: &Text) {
        let t = self.theme;
        for (i, block) in text.blocks.iter().enumerate() {
            match block {
                TextBlock::Paragraph(s) => {
                    if i > 0 {
                        self.gap(4.0);
                    }
                    self.text(&rich_spans(s, t.body, t.accent), self.body());
                }
                TextBlock::Bullet(s) => self.bullets(&[s.as_str()]),
            }
        }
    }

    fn bullets(&mut self, items: &[&str]) {
        let t = self.theme;
        let para = self.body();
        let indent = para.size * 1.2;
        for h in items {
            let top = self.y;
            let base = top + crate::layout::baseline_in_line(self.shaper, Style::Regular, para);
            for run in self.shaper.shape("\u{2022}", Style::Regular) {
                self.items.push(Item::Text(TextItem {
                    x: self.d.margin_x + para.size * 0.2,
                    baseline: base,
                    size: para.size,
                    color: t.accent,
                    run,
                }));
            }
            self.text_at(
                &[Span::new(*h, Style::Regular, t.body)],
                para,
                indent,
                self.width - indent,
            );
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
fn lower_first(s: &str) -> String {
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
    use crate::diag::Source;
    use crate::layout::text::FixedShaper;

    fn portfolio(toml: &str) -> Portfolio {
        let (p, diags) = crate::content::parse(&Source::new("t.toml", toml), std::path::Path::new("."), &|_| true);
        p.unwrap_or_else(|| panic!("{diags:?}"))
    }

    fn big(systems: usize, jobs: usize) -> Portfolio {
        let mut s = String::from("[profile]\nname = \"N\"\nheadline = \"H\"\nsummary = \"Short summary.\"\n");
        for i in 0..systems {
            s.push_str(&format!(
                "[[systems]]\ntitle = \"S{i}\"\ntagline = \"tagline {i}\"\ntags = [\"t{i}\", \"{}\"]\nmetrics = [{{ value = \"{i}x\", label = \"Speed\" }}]\n",
                if i % 3 == 0 { "cuda" } else { "other" }
            ));
        }
        for i in 0..jobs {
            s.push_str(&format!(
                "[[experience]]\nrole = \"R{i}\"\norganization = \"O{i}\"\nhighlights = [\"first highlight of job {i}\", \"second highlight of job {i}\"]\n"
            ));
        }
        portfolio(&s)
    }

    fn fit_all<'a>(p: &'a Portfolio, focus: &[&str]) -> (Selection<'a>, Fitted) {
        let focus: Vec<String> = focus.iter().map(|s| s.to_string()).collect();
        let (sel, _) = select(p, &focus);
        let fitted = fit(p, &sel, &Theme::default(), &FixedShaper, None).expect("fits");
        (sel, fitted)
    }

    #[test]
    fn short_content_fits_at_the_loosest_density_with_nothing_dropped() {
        let p = big(3, 1);
        let (_, f) = fit_all(&p, &[]);
        assert!(f.dropped.is_empty());
        assert_eq!(f.density, DENSITIES[0]);
        assert_eq!(f.document.pages.len(), 1);
    }

    #[test]
    fn long_content_tightens_to_the_floor_then_drops_the_last_systems_first() {
        let p = big(40, 10);
        let (sel, f) = fit_all(&p, &[]);
        assert_eq!(f.density, DENSITIES[DENSITIES.len() - 1]);
        assert!(!f.dropped.is_empty());
        assert_eq!(f.dropped[0], Drop::System(39));
        assert!(f.dropped.iter().take(38).all(|d| matches!(d, Drop::System(_))));
        // the fewest drops: one fewer would not fit at the floor
        let order = drop_order(&p, sel.systems.len());
        let k = f.dropped.len();
        let floor = DENSITIES[DENSITIES.len() - 1];
        let (_, h, avail) = compose(&p, &sel, &order[..k - 1], floor, &Theme::default(), &FixedShaper, None);
        assert!(h > avail);
        let (_, h, avail) = compose(&p, &sel, &order[..k], floor, &Theme::default(), &FixedShaper, None);
        assert!(h <= avail);
        // every piece of text is at least the floor size and inside the page
        assert!(text_sizes(&f.document.pages[0]).all(|s| s >= MIN_TEXT_SIZE));
        for item in &f.document.pages[0].items {
            if let Item::Text(t) = item {
                assert!(t.baseline <= Theme::default().page_height - floor.margin_y);
                assert!(t.x + t.run.width_at(t.size) <= Theme::default().page_width - floor.margin_x + 0.01);
            }
        }
        let warnings = drop_warnings(&p, &sel, &f.dropped);
        assert!(
            warnings[0].contains("left out") && warnings[0].contains("`s39`"),
            "{warnings:?}"
        );
    }

    #[test]
    fn focus_ranks_by_matching_tags_keeping_ties_in_order() {
        let p = portfolio(
            "[profile]\nname = \"N\"\n\
             [[systems]]\ntitle = \"A\"\ntags = [\"x\"]\n\
             [[systems]]\ntitle = \"B\"\ntags = [\"CUDA\", \"Serving\"]\n\
             [[systems]]\ntitle = \"C\"\ntags = [\"serving\"]\n\
             [[systems]]\ntitle = \"D\"\ntags = [\"cuda\"]\n",
        );
        let (sel, warnings) = select(&p, &["cuda".into(), "SERVING".into()]);
        let titles: Vec<&str> = sel.systems.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, vec!["B", "C", "D", "A"]);
        assert!(warnings.is_empty());
        let (_, warnings) = select(&p, &["servng".into()]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].message.contains("`servng`"));
        assert!(
            warnings[0].hint.as_deref().unwrap().contains("`Serving`")
                || warnings[0].hint.as_deref().unwrap().contains("`serving`")
        );
    }

    #[test]
    fn resume_table_selects_orders_and_caps() {
        let p = portfolio(
            "[profile]\nname = \"N\"\n[resume]\nsystems = [\"c\", \"a\", \"b\"]\nmax_systems = 2\n\
             [[systems]]\ntitle = \"A\"\n[[systems]]\ntitle = \"B\"\n[[systems]]\ntitle = \"C\"\n",
        );
        let (sel, _) = select(&p, &[]);
        assert_eq!(
            sel.systems.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            vec!["c", "a"]
        );
    }

    #[test]
    fn a_header_that_cannot_fit_is_reported_not_clipped() {
        // longer than the parser accepts, to be sure nothing can make the header fit
        let mut p = portfolio("[profile]\nname = \"N\"\n[[systems]]\ntitle = \"A\"\n");
        p.profile.name = "W".repeat(20000);
        let (sel, _) = select(&p, &[]);
        let err = fit(&p, &sel, &Theme::default(), &FixedShaper, None).unwrap_err();
        assert!(err.height > err.available);
    }

    #[test]
    fn metric_labels_lose_only_a_leading_capital() {
        assert_eq!(lower_first("Throughput"), "throughput");
        assert_eq!(lower_first("Active params"), "active params");
        assert_eq!(lower_first("TTFT"), "TTFT");
        assert_eq!(lower_first("p99"), "p99");
    }
}
