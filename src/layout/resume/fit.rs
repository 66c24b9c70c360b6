//! Fitting the résumé onto one page: densities from loose to the readability
//! floor, then items left out in a fixed order (see the module docs of [`super`]).

use super::compose::{compose, Density, Drop, MIN_TEXT_SIZE};
use super::select::Selection;
use crate::layout::frame::Document;
use crate::layout::head::metadata;
use crate::layout::theme::Theme;
use crate::model::{Experience, Portfolio};
use crate::text::Shaper;

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
    let subject = match &p.profile.headline {
        Some(h) => format!("R\u{e9}sum\u{e9}: {h}"),
        None => "R\u{e9}sum\u{e9}".to_string(),
    };
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
        metadata: metadata(&p.profile, "R\u{e9}sum\u{e9}", subject, keywords, created),
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
