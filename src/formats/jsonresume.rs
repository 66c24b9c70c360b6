//! The whole portfolio as a [JSON Resume](https://jsonresume.org/schema) 1.0
//! document (`portfolio.json`), valid against the official schema, which
//! `folio import` reads back into an equivalent content file.
//!
//! | folio | JSON Resume |
//! |---|---|
//! | `[profile]` name, headline, email, phone, website, summary | `basics` name, label, email, phone, url, summary |
//! | `profile.location` | `basics.location`: `city` and `region` (split at the last comma) |
//! | `profile.links` | `basics.profiles[]` network, url |
//! | `[[experience]]` | `work[]` position, name, location, startDate, endDate, summary, highlights |
//! | `[[education]]` | `education[]` institution, studyType, area, startDate, endDate |
//! | `[[skills]]` | `skills[]` name, keywords |
//! | `[[publications]]` | `publications[]` name, publisher, releaseDate, url |
//! | `[[systems]]` | `projects[]` name, description (the summary), highlights (the metrics), keywords (the tags), startDate, endDate, url (the first link) |
//!
//! What JSON Resume has no field for goes into an `x-folio` object beside the
//! standard fields of the same entry, written as the content file writes it
//! (the schema allows additional properties, and other tools ignore it): a
//! system's id, tagline, status, links, metrics and case study; an education
//! entry's highlights; a publication's authors; and at the top level the
//! `[portfolio]`, `[resume]`, `[design]` tables and the `[[applications]]`.
//! A date range is written as folio means it: an ongoing entry has no
//! `endDate`, and a single date is a range that starts and ends on it.

use serde_json::{json, Map, Value};

use crate::content::values::{date_text, hex};
use crate::content::writer::text_source;
use crate::model::{Application, DateRange, Design, End, Link, Metric, Portfolio, System, Text};

/// The version of the schema this document follows.
pub const SCHEMA: &str = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// The key of folio's own fields in an object.
pub const EXTENSION: &str = "x-folio";

/// An object of the fields that have a value.
struct Obj(Map<String, Value>);

impl Obj {
    fn new() -> Obj {
        Obj(Map::new())
    }

    fn put(&mut self, key: &str, v: impl Into<Value>) -> &mut Obj {
        self.0.insert(key.to_string(), v.into());
        self
    }

    fn opt(&mut self, key: &str, v: Option<impl Into<Value>>) -> &mut Obj {
        if let Some(v) = v {
            self.put(key, v);
        }
        self
    }

    fn list(&mut self, key: &str, v: &[String]) -> &mut Obj {
        if !v.is_empty() {
            self.put(key, v.to_vec());
        }
        self
    }

    fn text(&mut self, key: &str, t: Option<&Text>) -> &mut Obj {
        self.opt(key, t.map(text_source))
    }

    fn dates(&mut self, d: Option<&DateRange>) -> &mut Obj {
        if let Some(d) = d {
            self.put("startDate", date_text(d.start));
            match d.end {
                Some(End::Date(end)) => self.put("endDate", date_text(end)),
                // a single date: it started and ended then
                None => self.put("endDate", date_text(d.start)),
                Some(End::Present) => self,
            };
        }
        self
    }

    /// folio's own fields, when there are any.
    fn extension(&mut self, ext: Obj) -> &mut Obj {
        if !ext.0.is_empty() {
            self.put(EXTENSION, ext.done());
        }
        self
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

fn links(links: &[Link]) -> Vec<Value> {
    links
        .iter()
        .map(|l| json!({ "label": l.label, "url": l.url }))
        .collect()
}

/// `2.1x Throughput (vs. cuBLAS)`: a metric as a highlight.
pub fn metric_highlight(m: &Metric) -> String {
    match &m.detail {
        Some(d) => format!("{} {} ({d})", m.value, m.label),
        None => format!("{} {}", m.value, m.label),
    }
}

/// A website as a URI (the schema's `format: uri`): with `https://` when written without a scheme.
fn uri(site: &str) -> String {
    if site.contains("://") || site.starts_with("mailto:") {
        site.to_string()
    } else {
        format!("https://{site}")
    }
}

/// The portfolio as a JSON Resume document.
pub fn portfolio(p: &Portfolio) -> Value {
    let mut doc = Obj::new();
    doc.put("$schema", SCHEMA);
    doc.put("basics", basics(p));
    let work: Vec<Value> = p
        .experience
        .iter()
        .map(|e| {
            let mut o = Obj::new();
            o.put("name", e.organization.as_str()).put("position", e.role.as_str());
            o.opt("location", e.location.as_deref());
            o.dates(e.dates.as_ref()).text("summary", e.summary.as_ref());
            o.list("highlights", &e.highlights);
            o.done()
        })
        .collect();
    let education: Vec<Value> = p
        .education
        .iter()
        .map(|e| {
            let mut o = Obj::new();
            o.put("institution", e.institution.as_str());
            o.opt("area", e.field.as_deref()).opt("studyType", e.degree.as_deref());
            o.dates(e.dates.as_ref());
            let mut ext = Obj::new();
            ext.list("highlights", &e.highlights);
            o.extension(ext);
            o.done()
        })
        .collect();
    let skills: Vec<Value> = p
        .skills
        .iter()
        .map(|g| json!({ "name": g.group, "keywords": g.items }))
        .collect();
    let publications: Vec<Value> = p
        .publications
        .iter()
        .map(|pb| {
            let mut o = Obj::new();
            o.put("name", pb.title.as_str());
            o.opt("publisher", pb.venue.as_deref());
            o.opt("releaseDate", pb.date.map(date_text));
            o.opt("url", pb.url.as_deref());
            let mut ext = Obj::new();
            ext.list("authors", &pb.authors);
            o.extension(ext);
            o.done()
        })
        .collect();
    let projects: Vec<Value> = p.systems.iter().map(project).collect();
    for (key, list) in [
        ("work", work),
        ("education", education),
        ("skills", skills),
        ("publications", publications),
        ("projects", projects),
    ] {
        if !list.is_empty() {
            doc.put(key, list);
        }
    }
    let mut ext = Obj::new();
    if let Some(h) = &p.portfolio {
        let mut o = Obj::new();
        o.opt("title", h.title.as_deref())
            .opt("subtitle", h.subtitle.as_deref());
        o.text("intro", h.intro.as_ref());
        ext.put("portfolio", o.done());
    }
    let mut resume = Obj::new();
    resume.opt("systems", p.resume.systems.clone());
    resume.opt("max_systems", p.resume.max_systems);
    if !resume.0.is_empty() {
        ext.put("resume", resume.done());
    }
    if p.design != Design::default() {
        ext.put("design", design(&p.design));
    }
    if !p.applications.is_empty() {
        ext.put(
            "applications",
            p.applications.iter().map(application).collect::<Vec<_>>(),
        );
    }
    doc.extension(ext);
    doc.done()
}

fn basics(p: &Portfolio) -> Value {
    let pr = &p.profile;
    let mut b = Obj::new();
    b.put("name", pr.name.as_str());
    b.opt("label", pr.headline.as_deref());
    b.opt("email", pr.email.as_deref());
    b.opt("phone", pr.phone.as_deref());
    b.opt("url", pr.website.as_deref().map(uri));
    b.text("summary", pr.summary.as_ref());
    if let Some(l) = &pr.location {
        let location = match l.rsplit_once(", ") {
            Some((city, region)) => json!({ "city": city, "region": region }),
            None => json!({ "city": l }),
        };
        b.put("location", location);
    }
    if !pr.links.is_empty() {
        let profiles: Vec<Value> = pr
            .links
            .iter()
            .map(|l| json!({ "network": l.label, "url": l.url }))
            .collect();
        b.put("profiles", profiles);
    }
    b.done()
}

fn project(s: &System) -> Value {
    let mut o = Obj::new();
    o.put("name", s.title.as_str());
    o.text("description", s.summary.as_ref());
    let highlights: Vec<String> = s.metrics.iter().map(metric_highlight).collect();
    o.list("highlights", &highlights);
    o.list("keywords", &s.tags);
    o.dates(s.dates.as_ref());
    o.opt("url", s.links.first().map(|l| l.url.as_str()));
    let mut ext = Obj::new();
    ext.put("id", s.id.as_str());
    ext.opt("tagline", s.tagline.as_deref())
        .opt("status", s.status.as_deref());
    if !s.links.is_empty() {
        ext.put("links", links(&s.links));
    }
    if !s.metrics.is_empty() {
        let metrics: Vec<Value> = s
            .metrics
            .iter()
            .map(|m| {
                let mut o = Obj::new();
                o.put("value", m.value.as_str()).put("label", m.label.as_str());
                o.opt("detail", m.detail.as_deref());
                o.done()
            })
            .collect();
        ext.put("metrics", metrics);
    }
    if !s.case_study.is_empty() {
        let mut cs = Obj::new();
        for (section, text) in &s.case_study {
            cs.put(section.key(), text_source(text));
        }
        ext.put("case_study", cs.done());
    }
    o.extension(ext);
    o.done()
}

fn design(d: &Design) -> Value {
    let mut o = Obj::new();
    o.put("theme", d.theme.name()).put("page_size", d.page_size.name());
    o.opt("accent", d.accent.map(hex));
    o.opt("margins", d.margins.map(|m| format!("{m}pt")));
    o.opt(
        "font_size",
        d.font_size
            .map(|f| f.to_string().parse::<f64>().unwrap_or(f64::from(f))),
    );
    o.done()
}

fn application(a: &Application) -> Value {
    let mut o = Obj::new();
    o.put("id", a.id.as_str())
        .put("company", a.company.as_str())
        .put("role", a.role.as_str());
    o.opt("date", a.date.map(|d| d.format("%Y-%m-%d").to_string()));
    o.opt("recipient", a.recipient.as_deref());
    if !a.address.is_empty() {
        o.put("address", a.address.join("\n"));
    }
    o.list("focus", &a.focus);
    o.opt("systems", a.systems.clone());
    o.text("letter", a.letter.as_ref());
    o.opt("closing", a.closing.as_deref());
    o.done()
}

/// The document as pretty JSON text, ending in a newline.
pub fn to_string(p: &Portfolio) -> String {
    let mut s = serde_json::to_string_pretty(&portfolio(p)).expect("JSON values always serialize");
    s.push('\n');
    s
}
