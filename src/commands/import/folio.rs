//! folio's own fields in a JSON Resume: the `x-folio` objects that
//! `folio build --formats json` writes beside the standard fields
//! ([`crate::formats::jsonresume`]), read back so that a portfolio survives the
//! round trip: a system's id, tagline, status, links, metrics and case study; an
//! education entry's highlights; a publication's authors; and at the top level
//! `[portfolio]`, `[resume]`, `[design]` and `[[applications]]`. A value folio
//! would refuse is left out with a warning, like every other imported value.

use serde_json::{Map, Value as Json};

use super::{line, lines, put, tables, text, Cx};
use crate::content::values::{join, parse_color, parse_date, parse_length, Named};
use crate::content::{raw, FONT_SIZES, MARGINS};
use crate::formats::jsonresume::EXTENSION;
use crate::model::{Date, PageSize, ThemeName};

type Obj = Map<String, Json>;

/// The name in `T::NAMES` that `word` is, in any case.
fn named<T: Named>(word: &str) -> Option<T> {
    T::NAMES
        .iter()
        .position(|n| n.eq_ignore_ascii_case(word.trim()))
        .map(|i| T::ALL[i])
}

impl Cx {
    /// The `x-folio` object of `obj` (at `path`), when it has one.
    pub(super) fn extension<'j>(&mut self, obj: &'j Obj, path: &str) -> Option<(String, &'j Obj)> {
        let here = join(path, EXTENSION);
        match obj.get(EXTENSION)? {
            Json::Object(o) => Some((here, o)),
            Json::Null => None,
            _ => {
                self.warn(&here, "it should be an object");
                None
            }
        }
    }

    /// A system's own fields; whether it had its metrics (then the project's
    /// highlights, which show them, are not imported a second time).
    pub(super) fn system_extension(&mut self, pr: &Obj, path: &str, system: &mut raw::System) -> bool {
        let Some((p, ext)) = self.extension(pr, path) else {
            return false;
        };
        if let Some(id) = self.str(ext, "id", &p) {
            system.id = line(Some(id));
        }
        system.tagline = line(self.str(ext, "tagline", &p));
        system.status = line(self.str(ext, "status", &p));
        let mut links = Vec::new();
        for (lp, l) in self.objects(ext, "links", &p) {
            let label = self.str(l, "label", &lp).unwrap_or_else(|| "Link".into());
            links.extend(self.link(label, l, "url", &lp));
        }
        if ext.contains_key("links") {
            system.links = tables(links);
        }
        let mut metrics = Vec::new();
        for (mp, m) in self.objects(ext, "metrics", &p) {
            let (value, label) = (self.str(m, "value", &mp), self.str(m, "label", &mp));
            let (Some(value), Some(label)) = (value, label) else {
                self.warn(&mp, "a metric needs a `value` and a `label`");
                continue;
            };
            metrics.push(raw::Metric {
                value: line(Some(value)),
                label: line(Some(label)),
                detail: line(self.str(m, "detail", &mp)),
                ..Default::default()
            });
        }
        let had_metrics = !metrics.is_empty();
        system.metrics = tables(metrics);
        if let Some(cs) = ext.get("case_study").and_then(Json::as_object) {
            let cp = join(&p, "case_study");
            let mut study = raw::CaseStudy::default();
            let mut any = false;
            for (k, slot) in [
                ("motivation", &mut study.motivation),
                ("constraints", &mut study.constraints),
                ("architecture", &mut study.architecture),
                ("bottlenecks", &mut study.bottlenecks),
                ("decisions", &mut study.decisions),
                ("methodology", &mut study.methodology),
                ("results", &mut study.results),
                ("lessons", &mut study.lessons),
            ] {
                *slot = text(self.str(cs, k, &cp));
                any |= slot.is_some();
            }
            if any {
                system.case_study = put(study);
            }
        }
        self.rest(
            ext,
            &["id", "tagline", "status", "links", "metrics", "case_study"],
            &p,
            &|_| "a folio system has no such field".into(),
        );
        had_metrics
    }

    pub(super) fn education_extension(&mut self, e: &Obj, path: &str) -> Vec<String> {
        let Some((p, ext)) = self.extension(e, path) else {
            return Vec::new();
        };
        self.rest(ext, &["highlights"], &p, &|_| {
            "folio's [[education]] has no such field".into()
        });
        self.strings(ext, "highlights", &p)
    }

    pub(super) fn publication_extension(&mut self, pb: &Obj, path: &str) -> Vec<String> {
        let Some((p, ext)) = self.extension(pb, path) else {
            return Vec::new();
        };
        self.rest(ext, &["authors"], &p, &|_| {
            "folio's [[publications]] has no such field".into()
        });
        self.strings(ext, "authors", &p)
    }

    /// The top level's own tables.
    pub(super) fn root_extension(&mut self, doc: &Obj, root: &mut raw::Root) {
        let Some((p, ext)) = self.extension(doc, "") else {
            return;
        };
        if let Some((hp, h)) = self.object(ext, "portfolio", &p) {
            root.portfolio = put(raw::Portfolio {
                title: line(self.str(h, "title", &hp)),
                subtitle: line(self.str(h, "subtitle", &hp)),
                intro: text(self.str(h, "intro", &hp)),
                ..Default::default()
            });
        }
        if let Some((rp, r)) = self.object(ext, "resume", &p) {
            let systems = self.strings(r, "systems", &rp);
            let max = match r.get("max_systems") {
                Some(Json::Number(n)) if n.as_u64().is_some_and(|n| n >= 1) => n.as_u64().map(|n| n as usize),
                None | Some(Json::Null) => None,
                Some(_) => {
                    self.warn(&join(&rp, "max_systems"), "it should be a whole number from 1");
                    None
                }
            };
            root.resume = put(raw::Resume {
                systems: r.contains_key("systems").then(|| put_ids(systems)).flatten(),
                max_systems: max.and_then(put),
                ..Default::default()
            });
        }
        if let Some((dp, d)) = self.object(ext, "design", &p) {
            root.design = put(self.design(d, &dp));
        }
        let mut apps = Vec::new();
        for (ap, a) in self.objects(ext, "applications", &p) {
            apps.extend(self.application(a, &ap));
        }
        root.applications = tables(apps);
        self.rest(ext, &["portfolio", "resume", "design", "applications"], &p, &|_| {
            "a folio content file has no such table".into()
        });
    }

    /// An object field, or a warning when it is something else.
    fn object<'j>(&mut self, obj: &'j Obj, key: &str, path: &str) -> Option<(String, &'j Obj)> {
        let here = join(path, key);
        match obj.get(key)? {
            Json::Object(o) => Some((here, o)),
            Json::Null => None,
            _ => {
                self.warn(&here, "it should be an object");
                None
            }
        }
    }

    fn design(&mut self, d: &Obj, p: &str) -> raw::Design {
        let mut design = raw::Design::default();
        if let Some(t) = self.str(d, "theme", p) {
            match named::<ThemeName>(&t) {
                Some(t) => design.theme = put(t),
                None => self.warn(&join(p, "theme"), "it is not one of folio's themes"),
            }
        }
        if let Some(s) = self.str(d, "page_size", p) {
            match named::<PageSize>(&s) {
                Some(s) => design.page_size = put(s),
                None => self.warn(&join(p, "page_size"), "it is not one of folio's page sizes"),
            }
        }
        if let Some(c) = self.str(d, "accent", p) {
            match parse_color(&c) {
                Ok(rgb) => design.accent = put(rgb),
                Err(_) => self.warn(&join(p, "accent"), "it is not a colour written #RRGGBB"),
            }
        }
        if let Some(m) = self.str(d, "margins", p) {
            match parse_length(&m) {
                Ok((points, _, _)) if MARGINS.contains(&points) => design.margins = put(points),
                _ => self.warn(&join(p, "margins"), "it is not a margin folio takes (20pt to 144pt)"),
            }
        }
        match d.get("font_size") {
            Some(Json::Number(n)) => match n.as_f64().map(|f| f as f32) {
                Some(f) if FONT_SIZES.contains(&f) => design.font_size = put(f),
                _ => self.warn(&join(p, "font_size"), "it is not a body size folio takes (7 to 14)"),
            },
            None | Some(Json::Null) => {}
            Some(_) => self.warn(&join(p, "font_size"), "it should be a number"),
        }
        self.rest(d, &["theme", "page_size", "accent", "margins", "font_size"], p, &|_| {
            "folio's [design] has no such key".into()
        });
        design
    }

    fn application(&mut self, a: &Obj, p: &str) -> Option<raw::Application> {
        let (company, role) = (self.str(a, "company", p), self.str(a, "role", p));
        let (Some(company), Some(role)) = (company, role) else {
            self.warn(p, "an application needs a `company` and a `role`");
            return None;
        };
        let date = match self.str(a, "date", p).map(|d| parse_date(&d)) {
            Some(Ok(d @ Date::Day(_))) => put(d),
            Some(_) => {
                self.warn(&join(p, "date"), "a letter's date is written YYYY-MM-DD");
                None
            }
            None => None,
        };
        let address: Vec<String> = self
            .str(a, "address", p)
            .map(|s| {
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        let systems = self.strings(a, "systems", p);
        let app = raw::Application {
            id: line(self.str(a, "id", p)),
            company: line(Some(company)),
            role: line(Some(role)),
            date,
            recipient: line(self.str(a, "recipient", p)),
            address: (!address.is_empty()).then_some(address).and_then(put),
            focus: lines(self.strings(a, "focus", p)),
            systems: a.contains_key("systems").then(|| put_ids(systems)).flatten(),
            letter: text(self.str(a, "letter", p)),
            closing: line(self.str(a, "closing", p)),
            ..Default::default()
        };
        self.rest(
            a,
            &[
                "id",
                "company",
                "role",
                "date",
                "recipient",
                "address",
                "focus",
                "systems",
                "letter",
                "closing",
            ],
            p,
            &|_| "folio's [[applications]] has no such key".into(),
        );
        Some(app)
    }
}

/// A list of ids as written, even when empty (an empty `systems` means none).
fn put_ids(ids: Vec<String>) -> Option<toml::Spanned<Vec<toml::Spanned<String>>>> {
    put(ids.into_iter().map(|s| toml::Spanned::new(0..0, s)).collect())
}
