//! `folio import resume.json`: a [JSON Resume](https://jsonresume.org/schema)
//! document becomes a folio content file.
//!
//! | JSON Resume | folio |
//! |---|---|
//! | `basics` name, label, email, phone, url, summary | `[profile]` name, headline, email, phone, website, summary |
//! | `basics.location` city, region, countryCode | `profile.location`, joined with commas |
//! | `basics.profiles[]` network, url | `profile.links` label, url |
//! | `work[]` name, position, location, startDate, endDate, summary, highlights | `[[experience]]` organization, role, location, start, end, summary, highlights |
//! | `education[]` institution, area, studyType, startDate, endDate, score, courses | `[[education]]` institution, field, degree, start, end, highlights |
//! | `skills[]` name, keywords | `[[skills]]` group, items |
//! | `publications[]` name, publisher, releaseDate, url | `[[publications]]` title, venue, date, url |
//! | `projects[]` name, description, highlights, keywords, startDate, endDate, url | `[[systems]]` title, summary (highlights as bullet items), tags, start, end, links |
//!
//! An entry with a `startDate` and no `endDate` is ongoing: its end is `"present"`.
//! Everything else (awards, certificates, languages, interests, references,
//! volunteer, meta, `basics.image`, skill levels, ...) is reported, field by
//! field, as a warning naming its path. A value folio would refuse (a date it
//! cannot read, an address that is not a link) is left out with a warning too, so
//! the result always builds. JSON Resume has no metrics or case studies: those are
//! for the user to add.

mod folio;

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Map, Value as Json};
use toml::Spanned;

use crate::content::values::{join, likely_scheme, parse_date, slug, url_problem, UrlProblem};
use crate::content::{raw, writer, ROOT_KEYS};
use crate::diag::{display_path, Diagnostic, Location, Report, Source};
use crate::model::{Date, End, Text};

/// A content file made from a JSON Resume.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The content file, TOML.
    pub toml: String,
    /// One warning for each field that was not imported.
    pub warnings: Vec<Diagnostic>,
    /// How many entries each section got, e.g. `("experience", 3)`.
    pub counts: Vec<(&'static str, usize)>,
}

/// Translate the JSON Resume text read from `path` (named in messages only).
/// Invalid JSON, or JSON that is not an object, is an error pointing at the place.
pub fn import(path: &Path, text: &str) -> Result<Imported, Report> {
    let shown = display_path(path);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let doc: Json = serde_json::from_str(text).map_err(|e| {
        let source = Source::new(path, text);
        let at = offset(text, e.line(), e.column());
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
        Report {
            source: Some(source),
            diagnostics: vec![
                Diagnostic::error(at..end, format!("{shown} is not valid JSON: {message}"))
                    .with_hint("folio import reads a JSON Resume file (https://jsonresume.org/schema)"),
            ],
        }
    })?;
    let Json::Object(doc) = doc else {
        return Err(Report {
            source: None,
            diagnostics: vec![Diagnostic::error(
                Location::None,
                format!("{shown} is JSON, but not a JSON Resume object"),
            )
            .with_hint("a JSON Resume file is an object: { \"basics\": { \"name\": \"...\" }, \"work\": [...] }")],
        });
    };
    let mut cx = Cx::default();
    let root = cx.resume(&doc);
    fn count<T>(key: usize, tables: &Option<Spanned<Vec<T>>>) -> (&'static str, usize) {
        (ROOT_KEYS[key].name, tables.as_ref().map_or(0, |t| t.get_ref().len()))
    }
    let counts = vec![
        count(raw::Root::systems, &root.systems),
        count(raw::Root::experience, &root.experience),
        count(raw::Root::education, &root.education),
        count(raw::Root::skills, &root.skills),
        count(raw::Root::publications, &root.publications),
    ];
    let header = format!(
        "# Imported by folio {} from {} (JSON Resume).\n\
         # JSON Resume has no metrics or case studies: add them to each [[systems]] table\n\
         # (`folio init` writes a starter that shows every key), then run `folio check`.\n\n",
        env!("CARGO_PKG_VERSION"),
        file_name(path),
    );
    Ok(Imported {
        toml: header + &writer::to_toml(&root),
        warnings: cx.warnings,
        counts,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "standard input".to_string())
}

/// The byte offset of a 1-based line and column (as serde_json counts them).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    text.floor_char_boundary(start + column.saturating_sub(1))
}

/// A value for the writer (what is imported has no place in a file).
fn put<T>(v: T) -> Option<Spanned<T>> {
    Some(Spanned::new(0..0, v))
}

/// A one-line string, left out when it is empty.
fn line(s: Option<String>) -> Option<Spanned<String>> {
    s.filter(|s| !s.trim().is_empty()).and_then(put)
}

/// Paragraphs and bullets, left out when there are none.
fn text(s: Option<String>) -> Option<Spanned<Text>> {
    s.map(|s| Text::parse(&s))
        .filter(|t| !t.blocks.is_empty())
        .and_then(put)
}

/// A list of strings, left out when it is empty.
fn lines(items: Vec<String>) -> Option<Spanned<Vec<Spanned<String>>>> {
    let items: Vec<Spanned<String>> = items.into_iter().filter_map(|s| line(Some(s))).collect();
    (!items.is_empty()).then_some(items).and_then(put)
}

/// A list of tables, left out when it is empty.
fn tables<T>(items: Vec<T>) -> Option<Spanned<Vec<T>>> {
    (!items.is_empty()).then_some(items).and_then(put)
}

#[derive(Default)]
struct Cx {
    warnings: Vec<Diagnostic>,
}

/// Why the keys of each part are left out.
const SECTIONS_NOT_IMPORTED: &[(&str, &str)] = &[
    (
        "awards",
        "folio has no section for awards; mention them in a summary or highlight",
    ),
    (
        "certificates",
        "folio has no section for certificates; list them in [[skills]] or [[education]]",
    ),
    (
        "languages",
        "folio has no section for languages; list them as a [[skills]] group",
    ),
    ("interests", "folio has no section for interests"),
    ("references", "folio has no section for references"),
    (
        "volunteer",
        "folio has no section for volunteering; add it as [[experience]] if it belongs there",
    ),
    ("meta", "it describes the file, not you"),
];

/// Text as folio takes it: no control characters but line breaks and tabs, trimmed.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect::<String>()
        .trim()
        .to_string()
}

impl Cx {
    fn warn(&mut self, path: &str, why: &str) {
        self.warnings.push(Diagnostic::warning(
            Location::None,
            format!("`{path}` is not imported: {why}"),
        ));
    }

    /// Warn about every key of `obj` not in `known`.
    fn rest(&mut self, obj: &Map<String, Json>, known: &[&str], path: &str, why: &dyn Fn(&str) -> String) {
        for (k, v) in obj {
            if !known.contains(&k.as_str()) && !is_empty(v) {
                self.warn(&join(path, k), &why(k));
            }
        }
    }

    /// A string field (numbers are taken as written); `None` and a warning for anything else.
    fn str(&mut self, obj: &Map<String, Json>, key: &str, path: &str) -> Option<String> {
        match obj.get(key)? {
            Json::String(s) => Some(clean(s)).filter(|s| !s.is_empty()),
            Json::Number(n) => Some(n.to_string()),
            Json::Null => None,
            _ => {
                self.warn(&join(path, key), "it should be a string");
                None
            }
        }
    }

    /// An array of strings; other items are left out with a warning.
    fn strings(&mut self, obj: &Map<String, Json>, key: &str, path: &str) -> Vec<String> {
        let here = join(path, key);
        match obj.get(key) {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Json::String(s) if !clean(s).is_empty() => out.push(clean(s)),
                        Json::String(_) => {}
                        Json::Number(n) => out.push(n.to_string()),
                        _ => self.warn(&format!("{here}[{i}]"), "it should be a string"),
                    }
                }
                out
            }
            Some(_) => {
                self.warn(&here, "it should be an array of strings");
                Vec::new()
            }
        }
    }

    /// The objects of an array field; anything else is left out with a warning.
    fn objects<'j>(
        &mut self,
        obj: &'j Map<String, Json>,
        key: &str,
        path: &str,
    ) -> Vec<(String, &'j Map<String, Json>)> {
        let here = join(path, key);
        match obj.get(key) {
            None | Some(Json::Null) => Vec::new(),
            Some(Json::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Json::Object(o) => Some((format!("{here}[{i}]"), o)),
                    _ => {
                        self.warn(&format!("{here}[{i}]"), "it should be an object");
                        None
                    }
                })
                .collect(),
            Some(_) => {
                self.warn(&here, "it should be an array");
                Vec::new()
            }
        }
    }

    /// A date folio reads; a warning for one it cannot.
    fn date(&mut self, obj: &Map<String, Json>, key: &str, path: &str) -> Option<Date> {
        let raw = self.str(obj, key, path)?;
        match parse_date(&raw) {
            Ok(d) => Some(d),
            Err(why) => {
                self.warn(
                    &join(path, key),
                    &format!("{why} (folio reads YYYY, YYYY-MM or YYYY-MM-DD)"),
                );
                None
            }
        }
    }

    /// `startDate` and `endDate` as `start` and `end`; no end means ongoing.
    #[allow(clippy::type_complexity)]
    fn dates(&mut self, obj: &Map<String, Json>, path: &str) -> (Option<Spanned<Date>>, Option<Spanned<End>>) {
        let start = self.date(obj, "startDate", path);
        let end_raw = self.str(obj, "endDate", path);
        let Some(start) = start else {
            if end_raw.is_some() {
                self.warn(&join(path, "endDate"), "folio needs a start date to print an end date");
            }
            return (None, None);
        };
        let end = match end_raw {
            None => Some(End::Present),
            Some(e) if e.eq_ignore_ascii_case("present") => Some(End::Present),
            Some(_) => match self.date(obj, "endDate", path) {
                Some(end) if end.last_day() < start.first_day() => {
                    self.warn(&join(path, "endDate"), "it is before the start date");
                    None
                }
                end => end.map(End::Date),
            },
        };
        (put(start), end.and_then(put))
    }

    /// A link address folio accepts (https://, http:// or mailto:); an address
    /// without one gets the scheme it most likely needs (`https://`, or `mailto:`
    /// for an email address).
    fn url(&mut self, obj: &Map<String, Json>, key: &str, path: &str) -> Option<String> {
        let url = self.str(obj, key, path)?;
        let why = match url_problem(&url) {
            None => return Some(url),
            Some(UrlProblem::Scheme) => match likely_scheme(&url) {
                Some(scheme) => return Some(format!("{scheme}{url}")),
                None => "folio links start with https://, http:// or mailto:",
            },
            Some(UrlProblem::Space) => "a link address cannot contain spaces",
        };
        self.warn(&join(path, key), why);
        None
    }

    fn link(&mut self, label: String, obj: &Map<String, Json>, key: &str, path: &str) -> Option<raw::Link> {
        let url = self.url(obj, key, path)?;
        Some(raw::Link {
            label: line(Some(label)),
            url: line(Some(url)),
            ..Default::default()
        })
    }

    fn resume(&mut self, doc: &Map<String, Json>) -> raw::Root {
        let empty = Map::new();
        let basics = match doc.get("basics") {
            Some(Json::Object(b)) => b,
            Some(v) if !v.is_null() => {
                self.warn("basics", "it should be an object");
                &empty
            }
            _ => &empty,
        };
        let mut root = raw::Root {
            profile: put(self.basics(basics)),
            systems: put(self.projects(doc)),
            experience: tables(self.work(doc)),
            education: tables(self.education(doc)),
            skills: tables(self.skills(doc)),
            publications: tables(self.publications(doc)),
            ..Default::default()
        };
        let known = [
            "$schema",
            "basics",
            "work",
            "education",
            "skills",
            "publications",
            "projects",
            crate::formats::jsonresume::EXTENSION,
        ];
        self.root_extension(doc, &mut root);
        for (k, v) in doc {
            if known.contains(&k.as_str()) || is_empty(v) {
                continue;
            }
            match SECTIONS_NOT_IMPORTED.iter().find(|(name, _)| name == k) {
                Some((_, why)) => self.warn(k, why),
                None => self.warn(k, "it is not part of JSON Resume"),
            }
        }
        root
    }

    fn basics(&mut self, b: &Map<String, Json>) -> raw::Profile {
        let p = "basics";
        let name = self.str(b, "name", p);
        if name.is_none() {
            self.warnings.push(
                Diagnostic::warning(
                    Location::None,
                    "`basics.name` is missing; the profile's name is \"Your Name\"",
                )
                .with_hint("folio needs a name: replace it in [profile]"),
            );
        }
        let mut profile = raw::Profile {
            name: line(Some(name.unwrap_or_else(|| "Your Name".into()))),
            headline: line(self.str(b, "label", p)),
            summary: text(self.str(b, "summary", p)),
            ..Default::default()
        };
        match self.str(b, "email", p) {
            Some(e) if !e.contains('@') => self.warn("basics.email", "it has no @"),
            e => profile.email = line(e),
        }
        profile.phone = line(self.str(b, "phone", p));
        profile.website = line(self.str(b, "url", p).or_else(|| self.str(b, "website", p)));
        match b.get("location") {
            Some(Json::Object(l)) => {
                let lp = "basics.location";
                let parts: Vec<String> = ["city", "region", "countryCode"]
                    .iter()
                    .filter_map(|k| self.str(l, k, lp))
                    .collect();
                profile.location = line(Some(parts.join(", ")));
                self.rest(l, &["city", "region", "countryCode"], lp, &|_| {
                    "folio prints the city, region and country only".into()
                });
            }
            Some(Json::String(s)) => profile.location = line(Some(clean(s))),
            Some(v) if !v.is_null() => self.warn("basics.location", "it should be an object"),
            _ => {}
        }
        let mut links = Vec::new();
        for (path, entry) in self.objects(b, "profiles", p) {
            let label = self
                .str(entry, "network", &path)
                .or_else(|| self.str(entry, "username", &path))
                .unwrap_or_else(|| "Profile".into());
            if entry.get("url").is_none_or(Json::is_null) {
                self.warn(&path, "it has no `url` to link to");
                continue;
            }
            links.extend(self.link(label, entry, "url", &path));
        }
        profile.links = tables(links);
        self.rest(
            b,
            &[
                "name", "label", "summary", "email", "phone", "url", "website", "location", "profiles",
            ],
            p,
            &|k| match k {
                "image" | "picture" => {
                    "folio takes a local PNG or JPEG: set `photo = \"photo.jpg\"` in [profile]".into()
                }
                _ => "folio's [profile] has no place for it".into(),
            },
        );
        profile
    }

    fn projects(&mut self, doc: &Map<String, Json>) -> Vec<raw::System> {
        let mut out = Vec::new();
        let mut ids = HashSet::new();
        for (path, pr) in self.objects(doc, "projects", "") {
            let Some(title) = self.str(pr, "name", &path) else {
                self.warn(&path, "it has no `name`, which folio needs as the system's title");
                continue;
            };
            let mut system = raw::System::default();
            // Two projects of the same name would get the same id: number the later ones.
            let base = slug(&title);
            if !base.is_empty() {
                let mut id = base.clone();
                let mut n = 1;
                while !ids.insert(id.clone()) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                if n > 1 {
                    system.id = line(Some(id));
                }
            }
            system.title = line(Some(title));
            // folio's own fields; its metrics are what the highlights show
            let had_metrics = self.system_extension(pr, &path, &mut system);
            let mut summary = self.str(pr, "description", &path).unwrap_or_default();
            let highlights = self.strings(pr, "highlights", &path);
            if !highlights.is_empty() && !had_metrics {
                if !summary.is_empty() {
                    summary.push_str("\n\n");
                }
                let bullets: Vec<String> = highlights
                    .iter()
                    .map(|h| format!("- {}", h.replace('\n', " ")))
                    .collect();
                summary.push_str(&bullets.join("\n"));
            }
            system.summary = text(Some(summary));
            (system.start, system.end) = self.dates(pr, &path);
            system.tags = lines(self.strings(pr, "keywords", &path));
            let code = |url: &str| {
                let lower = url.to_ascii_lowercase();
                ["github.com", "gitlab.com", "codeberg.org", "bitbucket.org"]
                    .iter()
                    .any(|h| lower.contains(h))
            };
            let label = match pr.get("url").and_then(Json::as_str) {
                Some(url) if code(url) => "Code",
                _ => "Website",
            };
            if system.links.is_none() {
                system.links = tables(self.link(label.into(), pr, "url", &path).into_iter().collect());
            }
            self.rest(
                pr,
                &[
                    crate::formats::jsonresume::EXTENSION,
                    "name",
                    "description",
                    "highlights",
                    "keywords",
                    "startDate",
                    "endDate",
                    "url",
                ],
                &path,
                &|_| "a folio system has no place for it".into(),
            );
            out.push(system);
        }
        if out.is_empty() {
            self.warnings.push(
                Diagnostic::warning(
                    Location::None,
                    "there are no `projects`, and folio needs at least one system: \
                     the file has a placeholder [[systems]] table",
                )
                .with_hint("describe a system you built in it: title, summary, metrics, case study"),
            );
            out.push(raw::System {
                title: line(Some("A System You Built".into())),
                summary: text(Some(
                    "What it is, why it was needed, and what it achieved. Replace this placeholder.".into(),
                )),
                ..Default::default()
            });
        }
        out
    }

    fn work(&mut self, doc: &Map<String, Json>) -> Vec<raw::Experience> {
        let mut out = Vec::new();
        for (path, w) in self.objects(doc, "work", "") {
            let organization = self.str(w, "name", &path).or_else(|| self.str(w, "company", &path));
            let role = self.str(w, "position", &path);
            let (Some(organization), Some(role)) = (organization, role) else {
                self.warn(
                    &path,
                    "folio needs both a `position` (role) and a `name` (organization)",
                );
                continue;
            };
            let mut job = raw::Experience {
                role: line(Some(role)),
                organization: line(Some(organization)),
                location: line(self.str(w, "location", &path)),
                ..Default::default()
            };
            (job.start, job.end) = self.dates(w, &path);
            job.summary = text(self.str(w, "summary", &path));
            job.highlights = lines(self.strings(w, "highlights", &path));
            self.rest(
                w,
                &[
                    "name",
                    "company",
                    "position",
                    "location",
                    "startDate",
                    "endDate",
                    "summary",
                    "highlights",
                ],
                &path,
                &|_| "folio's [[experience]] has no place for it".into(),
            );
            out.push(job);
        }
        out
    }

    fn education(&mut self, doc: &Map<String, Json>) -> Vec<raw::Education> {
        let mut out = Vec::new();
        for (path, e) in self.objects(doc, "education", "") {
            let Some(institution) = self.str(e, "institution", &path) else {
                self.warn(&path, "it has no `institution`, which folio needs");
                continue;
            };
            let mut school = raw::Education {
                institution: line(Some(institution)),
                degree: line(self.str(e, "studyType", &path)),
                field: line(self.str(e, "area", &path)),
                ..Default::default()
            };
            (school.start, school.end) = self.dates(e, &path);
            let mut highlights = self.education_extension(e, &path);
            if let Some(score) = self.str(e, "score", &path) {
                highlights.push(format!("Score: {score}"));
            }
            let courses = self.strings(e, "courses", &path);
            if !courses.is_empty() {
                highlights.push(format!("Courses: {}", courses.join(", ")));
            }
            school.highlights = lines(highlights);
            self.rest(
                e,
                &[
                    crate::formats::jsonresume::EXTENSION,
                    "institution",
                    "studyType",
                    "area",
                    "startDate",
                    "endDate",
                    "score",
                    "courses",
                ],
                &path,
                &|_| "folio's [[education]] has no place for it".into(),
            );
            out.push(school);
        }
        out
    }

    fn skills(&mut self, doc: &Map<String, Json>) -> Vec<raw::SkillGroup> {
        let group = |name: String, items: Vec<String>| raw::SkillGroup {
            group: line(Some(name)),
            items: lines(items),
            ..Default::default()
        };
        let mut out = Vec::new();
        // Skills without keywords are gathered in one group.
        let mut single = Vec::new();
        for (path, s) in self.objects(doc, "skills", "") {
            let name = self.str(s, "name", &path);
            let keywords = self.strings(s, "keywords", &path);
            match (name, keywords.is_empty()) {
                (Some(name), true) => single.push(name),
                (None, true) => self.warn(&path, "it has neither a `name` nor `keywords`"),
                (name, false) => out.push(group(name.unwrap_or_else(|| "Skills".into()), keywords)),
            }
            self.rest(s, &["name", "keywords"], &path, &|k| match k {
                "level" => "folio does not print skill levels".into(),
                _ => "folio's [[skills]] has no place for it".into(),
            });
        }
        if !single.is_empty() {
            out.push(group("Skills".into(), single));
        }
        out
    }

    fn publications(&mut self, doc: &Map<String, Json>) -> Vec<raw::Publication> {
        let mut out = Vec::new();
        for (path, p) in self.objects(doc, "publications", "") {
            let Some(title) = self.str(p, "name", &path) else {
                self.warn(&path, "it has no `name`, which folio needs as the title");
                continue;
            };
            let authors = self.publication_extension(p, &path);
            out.push(raw::Publication {
                title: line(Some(title)),
                authors: lines(authors),
                venue: line(self.str(p, "publisher", &path)),
                date: self.date(p, "releaseDate", &path).and_then(put),
                url: line(self.url(p, "url", &path)),
                ..Default::default()
            });
            let known = [
                "name",
                "publisher",
                "releaseDate",
                "url",
                crate::formats::jsonresume::EXTENSION,
            ];
            self.rest(p, &known, &path, &|_| {
                "folio's [[publications]] has no place for it".into()
            });
        }
        out
    }
}

/// `null`, `""`, `[]` and `{}` carry nothing worth a warning.
fn is_empty(v: &Json) -> bool {
    match v {
        Json::Null => true,
        Json::String(s) => s.trim().is_empty(),
        Json::Array(a) => a.is_empty(),
        Json::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content;

    fn run(json: &str) -> (Imported, crate::model::Portfolio) {
        let imported = import(Path::new("resume.json"), json).unwrap_or_else(|r| panic!("{:#?}", r.diagnostics));
        let src = Source::new("portfolio.toml", imported.toml.as_str());
        let (p, diags) = content::parse(&src, Path::new("."), &|_| true);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:#?}\n{}", imported.toml);
        (imported, p.unwrap())
    }

    fn warnings(i: &Imported) -> Vec<String> {
        i.warnings.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn an_empty_resume_still_builds() {
        let (i, p) = run("{}");
        assert_eq!(p.profile.name, "Your Name");
        assert_eq!(p.systems.len(), 1);
        assert_eq!(i.warnings.len(), 2, "{:?}", warnings(&i));
    }

    #[test]
    fn dates_and_ongoing_entries() {
        let (i, p) = run(r#"{"basics": {"name": "A"},
                "work": [
                  {"name": "Org", "position": "Dev", "startDate": "2020-03-01"},
                  {"name": "Org", "position": "Dev", "startDate": "2019", "endDate": "2020-01"},
                  {"name": "Org", "position": "Dev", "startDate": "2021", "endDate": "2019"},
                  {"name": "Org", "position": "Dev", "startDate": "March 2020", "endDate": "2021"},
                  {"name": "Org", "position": "Dev", "startDate": "2020-13"}
                ]}"#);
        let dates: Vec<String> = p
            .experience
            .iter()
            .map(|e| e.dates.map(|d| d.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(dates, ["1 Mar 2020 – present", "2019 – Jan 2020", "2021", "", ""]);
        let w = warnings(&i);
        assert!(
            w.iter().any(|m| m.contains("work[2].endDate") && m.contains("before")),
            "{w:?}"
        );
        assert!(w.iter().any(|m| m.contains("work[3].startDate")), "{w:?}");
        assert!(w.iter().any(|m| m.contains("work[3].endDate")), "{w:?}");
        assert!(
            w.iter()
                .any(|m| m.contains("work[4].startDate") && m.contains("month 13")),
            "{w:?}"
        );
    }

    #[test]
    fn awkward_values_are_left_out_not_broken() {
        let (i, p) = run(
            r#"{"basics": {"name": "A \"B\" \u0007C", "email": "nope", "url": "a.example",
                  "profiles": [{"network": "GitHub", "url": "github.com/a"}, {"network": "X"},
                               {"network": "Bad", "url": "not a url"}]},
                "projects": [{"name": "Same"}, {"name": "Same"}, {"description": "no name"}],
                "skills": [{"name": "Rust"}, {"name": "Go", "level": "Expert"}, {"name": "Web", "keywords": ["JS", 5, {}]}],
                "work": "oops", "awards": [{"title": "Prize"}], "custom": 1, "$schema": "x"}"#,
        );
        assert_eq!(p.profile.name, "A \"B\" C");
        assert_eq!(p.profile.email, None);
        assert_eq!(p.profile.website.as_deref(), Some("a.example"));
        assert_eq!(p.profile.links.len(), 1);
        assert_eq!(p.profile.links[0].url, "https://github.com/a");
        let ids: Vec<&str> = p.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["same", "same-2"]);
        assert_eq!(p.skills.len(), 2);
        assert_eq!(p.skills[0].items, ["JS", "5"]);
        assert_eq!(p.skills[1].group, "Skills");
        assert_eq!(p.skills[1].items, ["Rust", "Go"]);
        let w = warnings(&i).join("\n");
        for path in [
            "basics.email",
            "basics.profiles[1]",
            "basics.profiles[2].url",
            "projects[2]",
            "skills[1].level",
            "skills[2].keywords[2]",
            "`work`",
            "`awards`",
            "`custom`",
        ] {
            assert!(w.contains(path), "no warning for {path}:\n{w}");
        }
        assert!(!w.contains("$schema"), "{w}");
    }

    #[test]
    fn invalid_json_points_at_the_place() {
        let r = import(Path::new("r.json"), "{\n  \"basics\": {\"name\": \"A\",}\n}").unwrap_err();
        let d = &r.diagnostics[0];
        assert!(
            d.message.starts_with("r.json is not valid JSON: trailing comma"),
            "{}",
            d.message
        );
        let src = r.source.unwrap();
        assert_eq!(src.line_col(d.location.span().unwrap().start).0, 2);
        let r = import(Path::new("r.json"), "[1, 2]").unwrap_err();
        assert!(r.diagnostics[0].message.contains("not a JSON Resume object"));
        // an error at the very end
        assert!(import(Path::new("r.json"), "{\"a\": ").is_err());
        assert!(import(Path::new("r.json"), "").is_err());
    }
}
