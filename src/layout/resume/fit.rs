//! Fitting the résumé onto one page: densities from loose to the readability
//! floor, then items left out in a fixed order (see the module docs of [`super`]).

use super::compose::{compose, Density, Drop, MIN_TEXT_SIZE};
use super::select::Selection;
use crate::layout::frame::Document;
use crate::layout::head::metadata;
use crate::layout::theme::Theme;
use chrono::NaiveDate;

use crate::model::{DateRange, End, Experience, Portfolio};
use crate::text::Shaper;

/// What to leave out first, in order, each kind of entry oldest first by its
/// dates (see [`oldest_first`]): the lowest-ranked systems (keeping two),
/// experience highlights (an entry's last highlight first), publications,
/// experience summaries, education highlights, experience entries (keeping the
/// newest), skill groups (the last first, keeping one), then the remaining
/// systems, education entries, the last experience entry and skill group, and at
/// last the profile summary.
pub fn drop_order(p: &Portfolio, n_systems: usize) -> Vec<Drop> {
    let mut out = Vec::new();
    let systems_kept = 2.min(n_systems);
    out.extend((systems_kept..n_systems).rev().map(Drop::System));
    let jobs = oldest_first(p.experience.iter().map(|e| e.dates));
    for &i in &jobs {
        let n = p.experience[i].highlights.len();
        out.extend((0..n).rev().map(|j| Drop::ExperienceHighlight(i, j)));
    }
    let papers = oldest_first(
        p.publications
            .iter()
            .map(|pb| pb.date.map(|d| DateRange { start: d, end: None })),
    );
    out.extend(papers.into_iter().map(Drop::Publication));
    out.extend(
        jobs.iter()
            .filter(|&&i| p.experience[i].summary.is_some())
            .map(|&i| Drop::ExperienceSummary(i)),
    );
    let schools = oldest_first(p.education.iter().map(|e| e.dates));
    for &i in &schools {
        let n = p.education[i].highlights.len();
        out.extend((0..n).rev().map(|j| Drop::EducationHighlight(i, j)));
    }
    // every job but the newest dated one (the last of the dated in `jobs`), which goes last
    let newest = jobs
        .iter()
        .rev()
        .find(|&&i| p.experience[i].dates.is_some())
        .or(jobs.last())
        .copied();
    out.extend(
        jobs.iter()
            .filter(|&&i| Some(i) != newest)
            .map(|&i| Drop::Experience(i)),
    );
    out.extend((1..p.skills.len()).rev().map(Drop::SkillGroup));
    out.extend((0..systems_kept).rev().map(Drop::System));
    out.extend(schools.into_iter().map(Drop::Education));
    out.extend(newest.map(Drop::Experience));
    if !p.skills.is_empty() {
        out.push(Drop::SkillGroup(0));
    }
    if p.profile.summary.is_some() {
        out.push(Drop::Summary);
    }
    out
}

/// Indices of entries from the oldest to the newest: by when each ended (an
/// ongoing one is the newest; a single date counts as its end), then by when it
/// started; entries without dates come after all dated ones. Ties (and the
/// undated among themselves) go from the last in the file to the first.
pub fn oldest_first(dates: impl Iterator<Item = Option<DateRange>>) -> Vec<usize> {
    let mut keyed: Vec<(usize, Option<(NaiveDate, NaiveDate)>)> = dates
        .enumerate()
        .map(|(i, d)| {
            let key = d.map(|d| {
                let end = match d.end {
                    Some(End::Present) => NaiveDate::MAX,
                    Some(End::Date(e)) => e.last_day(),
                    None => d.start.last_day(),
                };
                (end, d.start.first_day())
            });
            (i, key)
        })
        .collect();
    keyed.reverse();
    // stable: equal keys keep the reversed file order; None sorts after Some here
    keyed.sort_by_key(|(_, k)| (k.is_none(), *k));
    keyed.into_iter().map(|(i, _)| i).collect()
}

/// The largest body size a résumé is set in, however little it holds: beyond
/// it a page reads as a poster, not a résumé.
pub const MAX_BODY: f32 = 11.0;

/// The densities tried, loosest first, for a theme: body sizes a quarter point
/// apart from a point and a half above the theme's body size (room a sparse
/// résumé grows into; at most [`MAX_BODY`]) down to the readability floor
/// ([`MIN_TEXT_SIZE`]). Leading, spacing and margins shrink with the size, from
/// the theme's own leading, spacing (`space`) and margins (at most 50 and 46 pt)
/// at the top to a fixed floor, so every theme tightens the same way and keeps
/// its proportions.
pub fn densities(theme: &Theme) -> Vec<Density> {
    let top = (theme.body_size + 1.5).clamp(MIN_TEXT_SIZE, MAX_BODY);
    let steps = ((top - MIN_TEXT_SIZE) / 0.25).round() as usize;
    let lerp = |floor: f32, loose: f32, t: f32| floor + (loose - floor) * t;
    (0..=steps)
        .map(|k| {
            let body = if k == steps {
                MIN_TEXT_SIZE
            } else {
                top - 0.25 * k as f32
            };
            let t = if steps == 0 {
                0.0
            } else {
                (steps - k) as f32 / steps as f32
            };
            Density {
                body,
                leading: lerp(1.18, theme.leading.max(1.18), t),
                gap: lerp(0.42, 1.4 * theme.space, t),
                margin_x: lerp(34.0, theme.margin_x.min(50.0), t),
                margin_y: lerp(30.0, theme.margin_top.min(46.0), t),
            }
        })
        .collect()
}

/// How far the spacing of a résumé may open up (its `gap`) when the page is still
/// far from full at the loosest density (a sparse résumé): any theme up to the
/// same airy spacing, 1.8 times classic's loosest.
pub const MAX_GAP: f32 = 2.5;

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
    // the same paragraphs are broken at each try: broken once per size and width
    let _memo = crate::layout::lines::remembering();
    let order = drop_order(p, sel.systems.len());
    let densities = densities(theme);
    let floor = densities[densities.len() - 1];
    // the height of the page with `k` items left out at `d`, when it fits
    let fitting = |k: usize, d: Density| {
        let c = compose(p, sel, &order[..k], d, theme, shaper, Some(theme.page_height));
        (c.height <= c.available).then_some(c.height)
    };
    let fits = |k: usize, d: Density| fitting(k, d).is_some();
    let (k, mut density, height) = match fitting(0, densities[0]) {
        // the common case, everything at the loosest density: nothing to search
        Some(h) => (0, densities[0], h),
        None => {
            // fewest drops that fit at the floor
            let (mut lo, mut hi) = (0, order.len());
            if !fits(hi, floor) {
                let c = compose(p, sel, &order, floor, theme, shaper, None);
                return Err(NoFit {
                    height: c.height,
                    available: c.available,
                });
            }
            while lo < hi {
                let mid = (lo + hi) / 2;
                if fits(mid, floor) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            let (d, h) = densities
                .iter()
                .find_map(|d| fitting(lo, *d).map(|h| (*d, h)))
                .unwrap_or((floor, 0.0));
            (lo, d, h)
        }
    };
    let spread = |d: Density, f: f32| Density { gap: d.gap * f, ..d };
    let loosest = density == densities[0];
    if k == 0 && loosest {
        // A sparse résumé: open up the spacing as far as the page allows. Spacing
        // only adds room between lines, so the height grows in proportion to it:
        // the height at twice the spacing tells how far it may go.
        let available = theme.page_height - density.margin_y;
        let twice = compose(p, sel, &[], spread(density, 2.0), theme, shaper, None).height;
        let per_step = twice - height;
        let most = (MAX_GAP / density.gap).max(1.0);
        let f = if per_step > 0.0 {
            (1.0 + (available - height) / per_step * 0.999).min(most)
        } else {
            most
        };
        density = spread(density, f.max(1.0));
    }
    let mut composed = compose(p, sel, &order[..k], density, theme, shaper, None);
    if composed.height > composed.available {
        // (the spacing was opened too far: cannot happen while heights are linear in it)
        density.gap = densities[0].gap;
        composed = compose(p, sel, &order[..k], density, theme, shaper, None);
    }
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
        pages: vec![composed.page],
        outline: Vec::new(),
        images: composed.images,
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
