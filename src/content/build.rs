//! From the checked raw structs to the model, with the checks that need more
//! than one value: system ids unique, an end not before its start, the ids in
//! `[resume].systems` known, the accent's contrast; and the photo decoded.

use std::path::Path;

use toml::Spanned;

use super::check::{Checker, Place, Record, Span};
use super::keys::Field;
use super::photo::load_photo;
use super::raw;
use super::values::{clip, contrast_with_white, darken_to_contrast, floor1, hex, join, slug, MIN_ACCENT_CONTRAST};
use crate::diag::closest;
use crate::model::{
    CaseSection, DateRange, Design, Education, End, Experience, Link, Metric, Portfolio, Profile, Publication,
    ResumeConfig, SectionHeading, SkillGroup, System,
};

/// The value of a key, without its place.
fn val<T>(v: Option<Spanned<T>>) -> Option<T> {
    v.map(Spanned::into_inner)
}

/// The strings of a list key; none when it was not written.
fn list(v: Option<Spanned<Vec<Spanned<String>>>>) -> Vec<String> {
    val(v)
        .unwrap_or_default()
        .into_iter()
        .map(Spanned::into_inner)
        .collect()
}

fn links(v: Option<Spanned<Vec<raw::Link>>>) -> Vec<Link> {
    val(v)
        .unwrap_or_default()
        .into_iter()
        .map(|l| Link {
            label: val(l.label).unwrap_or_default(),
            url: val(l.url).unwrap_or_default(),
        })
        .collect()
}

impl Checker<'_> {
    /// The model of a checked file (meaningful only when no error was reported).
    pub fn build(&mut self, root: raw::Root, base_dir: &Path) -> Portfolio {
        let profile = match val(root.profile) {
            Some(p) => self.profile(p, base_dir),
            None => Profile {
                name: String::new(),
                headline: None,
                summary: None,
                email: None,
                phone: None,
                location: None,
                website: None,
                links: Vec::new(),
                photo: None,
            },
        };
        let portfolio = val(root.portfolio).map(|p| SectionHeading {
            title: val(p.title),
            subtitle: val(p.subtitle),
            intro: val(p.intro),
        });
        let systems = self.systems(val(root.systems).unwrap_or_default());
        let experience = val(root.experience)
            .unwrap_or_default()
            .into_iter()
            .map(|e| Experience {
                dates: self.dates(
                    &e.place,
                    DateKeys::of::<raw::Experience>(raw::Experience::start, raw::Experience::end),
                    e.start,
                    e.end,
                ),
                role: val(e.role).unwrap_or_default(),
                organization: val(e.organization).unwrap_or_default(),
                location: val(e.location),
                summary: val(e.summary),
                highlights: list(e.highlights),
            })
            .collect();
        let education = val(root.education)
            .unwrap_or_default()
            .into_iter()
            .map(|e| Education {
                dates: self.dates(
                    &e.place,
                    DateKeys::of::<raw::Education>(raw::Education::start, raw::Education::end),
                    e.start,
                    e.end,
                ),
                institution: val(e.institution).unwrap_or_default(),
                degree: val(e.degree),
                field: val(e.field),
                highlights: list(e.highlights),
            })
            .collect();
        let skills = val(root.skills)
            .unwrap_or_default()
            .into_iter()
            .map(|s| SkillGroup {
                group: val(s.group).unwrap_or_default(),
                items: list(s.items),
            })
            .collect();
        let publications = val(root.publications)
            .unwrap_or_default()
            .into_iter()
            .map(|p| Publication {
                title: val(p.title).unwrap_or_default(),
                authors: list(p.authors),
                venue: val(p.venue),
                date: val(p.date),
                url: val(p.url),
            })
            .collect();
        let resume = match val(root.resume) {
            Some(r) => self.resume(r, &systems),
            None => ResumeConfig::default(),
        };
        Portfolio {
            profile,
            portfolio,
            systems,
            experience,
            education,
            skills,
            publications,
            resume,
            design: val(root.design).map(|d| self.design(d)).unwrap_or_default(),
        }
    }

    fn design(&mut self, d: raw::Design) -> Design {
        let accent = d.accent.map(|accent| {
            let (span, rgb) = (accent.span(), accent.into_inner());
            let ratio = contrast_with_white(rgb);
            if ratio < MIN_ACCENT_CONTRAST {
                let darker = darken_to_contrast(rgb);
                let hint = format!(
                    "choose a darker colour, such as \"{}\" (the same hue, {:.1}:1)",
                    hex(darker),
                    contrast_with_white(darker),
                );
                self.warning(
                    span,
                    format!(
                        "white text on the accent {} has a contrast of {}:1, below the {}:1 that WCAG AA asks for",
                        hex(rgb),
                        floor1(ratio),
                        MIN_ACCENT_CONTRAST
                    ),
                    &hint,
                );
            }
            rgb
        });
        Design {
            theme: val(d.theme).unwrap_or_default(),
            page_size: val(d.page_size).unwrap_or_default(),
            accent,
            margins: val(d.margins),
            font_size: val(d.font_size),
        }
    }

    fn profile(&mut self, p: raw::Profile, base_dir: &Path) -> Profile {
        let photo = p
            .photo
            .and_then(|path| match load_photo(&base_dir.join(path.get_ref())) {
                Ok(photo) => Some(photo),
                Err(d) => {
                    self.diags.push(d.at(path.span()));
                    None
                }
            });
        Profile {
            name: val(p.name).unwrap_or_default(),
            headline: val(p.headline),
            summary: val(p.summary),
            email: val(p.email),
            phone: val(p.phone),
            location: val(p.location),
            website: val(p.website),
            links: links(p.links),
            photo,
        }
    }

    fn systems(&mut self, raws: Vec<raw::System>) -> Vec<System> {
        let mut seen: Vec<(String, Span)> = Vec::new();
        let mut out = Vec::new();
        for (i, s) in raws.into_iter().enumerate() {
            let title = val(s.title).unwrap_or_default();
            let (id, id_span, given) = match s.id {
                Some(id) => (id.get_ref().clone(), id.span(), true),
                None => {
                    let slug = slug(&title);
                    let id = if slug.is_empty() {
                        format!("system-{}", i + 1)
                    } else {
                        slug
                    };
                    (id, s.place.span.clone(), false)
                }
            };
            if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == id) {
                let (line, _) = self.source.line_col(first.start);
                let message = if given {
                    format!("duplicate system id `{}`", clip(&id))
                } else {
                    format!(
                        "duplicate system id `{}` (made from the title \"{}\")",
                        clip(&id),
                        clip(&title)
                    )
                };
                let hint = format!(
                    "the first system with the id `{}` is on line {line}; give this one a different `id = \"...\"`",
                    clip(&id)
                );
                self.error(id_span, message, Some(hint));
            } else {
                seen.push((id.clone(), id_span));
            }
            let metrics = val(s.metrics)
                .unwrap_or_default()
                .into_iter()
                .map(|m| Metric {
                    value: val(m.value).unwrap_or_default(),
                    label: val(m.label).unwrap_or_default(),
                    detail: val(m.detail),
                })
                .collect();
            let case_study = val(s.case_study).map(case_study).unwrap_or_default();
            out.push(System {
                dates: self.dates(
                    &s.place,
                    DateKeys::of::<raw::System>(raw::System::start, raw::System::end),
                    s.start,
                    s.end,
                ),
                id,
                title,
                tagline: val(s.tagline),
                status: val(s.status),
                summary: val(s.summary),
                tags: list(s.tags),
                links: links(s.links),
                metrics,
                case_study,
            });
        }
        out
    }

    /// The start and end of the entry at `place`; checks that both make sense together.
    fn dates(
        &mut self,
        place: &Place,
        keys: DateKeys,
        start: Option<Spanned<crate::model::Date>>,
        end: Option<Spanned<End>>,
    ) -> Option<DateRange> {
        let (start_name, end_name) = (keys.fields[keys.start].name, keys.fields[keys.end].name);
        let start = val(start);
        let end_at = end.as_ref().map(Spanned::span);
        match (start, val(end), end_at) {
            (Some(start), None, _) => Some(DateRange { start, end: None }),
            (Some(start), Some(End::Present), _) => Some(DateRange {
                start,
                end: Some(End::Present),
            }),
            (Some(start), Some(End::Date(end)), Some(span)) => {
                if end.last_day() < start.first_day() {
                    self.error(
                        span,
                        format!(
                            "`{}` ({end}) is before `{start_name}` ({start})",
                            join(&place.path, end_name)
                        ),
                        Some("the end date must not be before the start date; are they swapped?".into()),
                    );
                }
                Some(DateRange {
                    start,
                    end: Some(End::Date(end)),
                })
            }
            // An invalid start is reported once, not again as "end without start".
            (None, Some(_), Some(span)) if !place.has(keys.start) => {
                self.error(
                    span,
                    format!("`{}` is given without a `{start_name}`", join(&place.path, end_name)),
                    Some(format!(
                        "add `{start_name} = 2024` (or \"2024-03\"); a start alone shows just that date"
                    )),
                );
                None
            }
            _ => None,
        }
    }

    fn resume(&mut self, r: raw::Resume, systems: &[System]) -> ResumeConfig {
        let ids: Vec<&str> = systems.iter().map(|s| s.id.as_str()).collect();
        let chosen = val(r.systems).map(|list| {
            let mut out: Vec<String> = Vec::new();
            for id in list {
                let (span, id) = (id.span(), id.into_inner());
                if !ids.contains(&id.as_str()) {
                    let known = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
                    let hint = match closest(&id, ids.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`? The system ids are: {known}"),
                        None => format!("the system ids are: {known}"),
                    };
                    self.error(
                        span,
                        format!("`resume.systems` names `{}`, but no system has that id", clip(&id)),
                        Some(hint),
                    );
                } else if out.contains(&id) {
                    self.warning(
                        span,
                        format!("`{}` is listed twice in `resume.systems`", clip(&id)),
                        "the second mention is ignored; remove it",
                    );
                } else {
                    out.push(id);
                }
            }
            out
        });
        ResumeConfig {
            systems: chosen,
            max_systems: val(r.max_systems),
        }
    }
}

/// Where a table keeps its dates: its keys, and the indices of its start and end.
#[derive(Clone, Copy)]
struct DateKeys {
    fields: &'static [Field],
    start: usize,
    end: usize,
}

impl DateKeys {
    fn of<R: Record>(start: usize, end: usize) -> DateKeys {
        DateKeys {
            fields: R::FIELDS,
            start,
            end,
        }
    }
}

/// The sections written, in print order.
fn case_study(cs: raw::CaseStudy) -> Vec<(CaseSection, crate::model::Text)> {
    [
        (CaseSection::Motivation, cs.motivation),
        (CaseSection::Constraints, cs.constraints),
        (CaseSection::Architecture, cs.architecture),
        (CaseSection::Bottlenecks, cs.bottlenecks),
        (CaseSection::Decisions, cs.decisions),
        (CaseSection::Methodology, cs.methodology),
        (CaseSection::Results, cs.results),
        (CaseSection::Lessons, cs.lessons),
    ]
    .into_iter()
    .filter_map(|(section, text)| val(text).map(|t| (section, t)))
    .collect()
}
