//! From the checked raw structs to the model, with the checks that need more
//! than one value: system ids unique, an end not before its start, the ids in
//! `[resume].systems` known, the accent's contrast; and the photo decoded.

use toml::Spanned;

use super::check::{Checker, Place, Record, Span};
use super::files::Folders;
use super::fonts::{load_font, MAX_FONTS};
use super::keys::Field;
use super::photo::load_photo;
use super::raw;
use super::values::{clip, contrast_with_white, darken_to_contrast, floor1, hex, join, slug, MIN_ACCENT_CONTRAST};
use crate::diag::closest;
use crate::model::{
    Application, CaseSection, DateRange, Design, Education, End, Experience, Link, Metric, MetricVisual, Portfolio,
    Profile, Publication, ResumeConfig, SectionHeading, SkillGroup, System,
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

/// The language of content that does not name one.
pub const DEFAULT_LANG: &str = "en";

/// Whether `s` has the shape of a BCP 47 language tag: a primary language of two
/// or three letters, then subtags of one to eight letters or digits, joined by `-`.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Checker<'_> {
    /// The model of a checked file (meaningful only when no error was reported).
    pub fn build(&mut self, root: raw::Root, folders: &Folders) -> Portfolio {
        let profile = match val(root.profile) {
            Some(p) => self.profile(p, folders),
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
                photo_alt: None,
                lang: DEFAULT_LANG.to_string(),
                devanagari_lang: None,
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
        let applications = self.applications(val(root.applications).unwrap_or_default(), &systems);
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
            design: val(root.design).map(|d| self.design(d, folders)).unwrap_or_default(),
            applications,
        }
    }

    fn design(&mut self, d: raw::Design, folders: &Folders) -> Design {
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
            fonts: self.fonts(d.fonts, folders),
        }
    }

    /// The user's fonts, each read, checked and registered.
    fn fonts(&mut self, paths: Option<Spanned<Vec<Spanned<String>>>>, folders: &Folders) -> Vec<crate::text::FontFace> {
        let Some(paths) = paths else {
            return Vec::new();
        };
        let (span, paths) = (paths.span(), paths.into_inner());
        if paths.len() > MAX_FONTS {
            self.error(
                span,
                format!(
                    "`design.fonts` names {} fonts; at most {MAX_FONTS} are allowed",
                    paths.len()
                ),
                Some("name only the fonts for the scripts the content uses".into()),
            );
            return Vec::new();
        }
        let mut fonts = Vec::new();
        for path in paths {
            match folders.resolve(path.get_ref(), "font").and_then(|f| load_font(&f)) {
                Ok(face) if !fonts.contains(&face) => fonts.push(face),
                Ok(_) => {}
                Err(d) => self.diags.push(d.at(path.span())),
            }
        }
        fonts
    }

    fn profile(&mut self, p: raw::Profile, folders: &Folders) -> Profile {
        let photo_alt = if p.place.has(raw::Profile::photo_alt) && p.photo_alt.is_none() {
            // an empty alternative text (an invalid one is already an error)
            let span = p.place.span.clone();
            self.warning(
                span,
                "`profile.photo_alt` is empty: the photo is marked as decoration, \
                 as PDF/UA-1 (ISO 14289-1, 7.3) asks of a figure without alternative text"
                    .to_string(),
                "describe the photo in a few words, or leave the key out for \"Photo of NAME\"",
            );
            Some(String::new())
        } else {
            val(p.photo_alt)
        };
        let lang = match p.lang {
            Some(l) if !is_language_tag(l.get_ref()) => {
                let span = l.span();
                self.error(
                    span,
                    format!("`profile.lang` is {:?}, not a language tag", l.get_ref()),
                    Some("write a BCP 47 tag such as \"en\", \"hi\" or \"de-CH\"".to_string()),
                );
                DEFAULT_LANG.to_string()
            }
            Some(l) => l.into_inner(),
            None => DEFAULT_LANG.to_string(),
        };
        let devanagari_lang = p.devanagari_lang.and_then(|l| {
            if is_language_tag(l.get_ref()) {
                return Some(l.into_inner());
            }
            self.error(
                l.span(),
                format!("`profile.devanagari_lang` is {:?}, not a language tag", l.get_ref()),
                Some("write a BCP 47 tag such as \"hi\", \"mr\" or \"ne\"".to_string()),
            );
            None
        });
        let photo =
            p.photo.and_then(
                |path| match folders.resolve(path.get_ref(), "photo").and_then(|f| load_photo(&f)) {
                    Ok(photo) => Some(photo),
                    Err(d) => {
                        self.diags.push(d.at(path.span()));
                        None
                    }
                },
            );
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
            photo_alt,
            lang,
            devanagari_lang,
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
                .enumerate()
                .map(|(j, m)| {
                    let visual = m.visual.as_ref().map(|v| (v.span(), *v.get_ref()));
                    let metric = Metric {
                        value: val(m.value).unwrap_or_default(),
                        label: val(m.label).unwrap_or_default(),
                        detail: val(m.detail),
                        visual: val(m.visual),
                    };
                    if let (Some((span, MetricVisual::Ratio)), None) = (visual, metric.factor()) {
                        self.warning(
                            span,
                            format!(
                                "`systems[{i}].metrics[{j}].visual` is \"ratio\", but its value \"{}\" is not a factor such as 2.1x, so no bar is drawn",
                                clip(&metric.value)
                            ),
                            "write the value as a factor greater than 1 (\"2.1x\"), or leave `visual` out",
                        );
                    }
                    metric
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
        let path = join(
            &r.place.path,
            <raw::Resume as Record>::FIELDS[raw::Resume::systems].name,
        );
        ResumeConfig {
            systems: r.systems.map(|list| self.system_ids(list, systems, &path)),
            max_systems: val(r.max_systems),
        }
    }

    /// The ids of a `systems` list (at `path`) that name a system, each once; an
    /// unknown id is an error with the closest known one, a repeat a warning.
    fn system_ids(&mut self, list: Spanned<Vec<Spanned<String>>>, systems: &[System], path: &str) -> Vec<String> {
        let ids: Vec<&str> = systems.iter().map(|s| s.id.as_str()).collect();
        let mut out: Vec<String> = Vec::new();
        for id in list.into_inner() {
            let (span, id) = (id.span(), id.into_inner());
            if !ids.contains(&id.as_str()) {
                let known = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
                let hint = match closest(&id, ids.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`? The system ids are: {known}"),
                    None => format!("the system ids are: {known}"),
                };
                self.error(
                    span,
                    format!("`{path}` names `{}`, but no system has that id", clip(&id)),
                    Some(hint),
                );
            } else if out.contains(&id) {
                self.warning(
                    span,
                    format!("`{}` is listed twice in `{path}`", clip(&id)),
                    "the second mention is ignored; remove it",
                );
            } else {
                out.push(id);
            }
        }
        out
    }

    /// `[[applications]]`: ids unique, a letter's date a day, its systems known,
    /// its focus tags carried by some system.
    fn applications(&mut self, raws: Vec<raw::Application>, systems: &[System]) -> Vec<Application> {
        let fields = <raw::Application as Record>::FIELDS;
        let tags = crate::layout::distinct_tags(systems);
        let mut seen: Vec<(String, Span)> = Vec::new();
        let mut out = Vec::new();
        for (i, a) in raws.into_iter().enumerate() {
            let company = val(a.company).unwrap_or_default();
            let role = val(a.role).unwrap_or_default();
            let (id, id_span, given) = match a.id {
                Some(id) => (id.get_ref().clone(), id.span(), true),
                None => {
                    let slug = slug(&format!("{company} {role}"));
                    let id = if slug.is_empty() {
                        format!("application-{}", i + 1)
                    } else {
                        slug
                    };
                    (id, a.place.span.clone(), false)
                }
            };
            if given && !is_folder_name(&id) {
                let path = join(&a.place.path, fields[raw::Application::id].name);
                let hint = match slug(&id) {
                    s if s.is_empty() => "use letters, digits and dashes, like `id = \"engine-co\"`".to_string(),
                    s => format!("use letters, digits and dashes: `id = \"{s}\"`"),
                };
                self.error(
                    id_span.clone(),
                    format!(
                        "`{path}` is `{}`, which is not one folder name: an application's files are \
                         written in applications/<id>/, so its id has no `/` or `\\` and does not start with `.`",
                        clip(&id)
                    ),
                    Some(hint),
                );
            }
            if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == id) {
                let (line, _) = self.source.line_col(first.start);
                let made = if given {
                    String::new()
                } else {
                    " (made from its company and role)".to_string()
                };
                let hint = format!(
                    "the first application with the id `{}` is on line {line}; give this one a different `id = \"...\"`",
                    clip(&id)
                );
                self.error(
                    id_span,
                    format!("duplicate application id `{}`{made}", clip(&id)),
                    Some(hint),
                );
            } else {
                seen.push((id.clone(), id_span));
            }
            let date = a.date.and_then(|d| {
                let (span, d) = (d.span(), d.into_inner());
                match d {
                    crate::model::Date::Day(day) => Some(day),
                    other => {
                        let path = join(&a.place.path, fields[raw::Application::date].name);
                        let example = format!("{}-01", super::values::date_text(other));
                        let example = if matches!(other, crate::model::Date::Year(_)) {
                            format!("{example}-01")
                        } else {
                            example
                        };
                        self.error(
                            span,
                            format!("`{path}` is {other}, but a letter is dated to the day"),
                            Some(format!("write the whole date, like \"{example}\"")),
                        );
                        None
                    }
                }
            });
            let systems_path = join(&a.place.path, fields[raw::Application::systems].name);
            let chosen = a.systems.map(|list| self.system_ids(list, systems, &systems_path));
            let focus_path = join(&a.place.path, fields[raw::Application::focus].name);
            let mut focus = Vec::new();
            for (j, tag) in val(a.focus).unwrap_or_default().into_iter().enumerate() {
                let (span, tag) = (tag.span(), tag.into_inner());
                if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    let hint = match closest(&tag, tags.iter().copied()) {
                        Some(best) => {
                            format!("the closest tag is `{best}`; a focus tag that no system carries changes nothing")
                        }
                        None if tags.is_empty() => {
                            "no system has any tags; add `tags = [...]` to the systems".to_string()
                        }
                        None => "no tag is close; the tags are the systems' `tags`".to_string(),
                    };
                    self.warning(
                        span,
                        format!("`{focus_path}[{j}]` is `{}`, a tag no system carries", clip(&tag)),
                        &hint,
                    );
                }
                focus.push(tag);
            }
            out.push(Application {
                id,
                company,
                role,
                date,
                recipient: val(a.recipient),
                address: val(a.address).unwrap_or_default(),
                focus,
                systems: chosen,
                letter_at: crate::model::Written(a.letter.as_ref().map(|l| l.span())),
                letter: val(a.letter),
                closing: val(a.closing),
            });
        }
        out
    }
}

/// Whether an application id can be the one folder `applications/<id>/` inside the
/// output folder: no separator, and no leading `.` (so neither `.` nor `..`, nor a
/// hidden folder beside folio's temporary files).
fn is_folder_name(id: &str) -> bool {
    !id.is_empty() && !id.starts_with('.') && !id.contains(['/', '\\']) && !id.chars().any(char::is_control)
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

#[cfg(test)]
mod tests {
    use super::is_folder_name;

    #[test]
    fn an_application_folder_name_cannot_lead_anywhere_else() {
        for good in ["engine-co", "acme_ml.infra", "Ünïcode id", "a..b"] {
            assert!(is_folder_name(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            ".hidden",
            "a/b",
            "../x",
            "/tmp/x",
            "a\\b",
            "C:\\x",
            "tab\there",
        ] {
            assert!(!is_folder_name(bad), "{bad}");
        }
    }
}
