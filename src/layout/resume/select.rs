//! Which systems a résumé shows, in which order: `[resume]`, then `--focus`.

use crate::diag::{Diagnostic, Location};
use crate::model::{Portfolio, System};

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
    select_from(p, p.resume.systems.as_deref(), focus)
}

/// [`select`] with another list of system ids than `[resume].systems` (an
/// application's `systems`); `None` means all systems in file order.
pub fn select_from<'a>(
    p: &'a Portfolio,
    chosen: Option<&[String]>,
    focus: &[String],
) -> (Selection<'a>, Vec<Diagnostic>) {
    let mut systems: Vec<&System> = match chosen {
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
