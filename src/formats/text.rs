//! The résumé and the cover letter as plain text (`resume.txt`, for the
//! paste-your-résumé boxes of application forms) and as Markdown (`resume.md`).
//!
//! Both show exactly what the PDF shows, in its order: the same selection, the
//! same focus ranking, the same items left out to fit the page. Plain text
//! names its sections as résumé parsers expect them (SUMMARY, PROJECTS,
//! EXPERIENCE, EDUCATION, SKILLS, PUBLICATIONS), puts the title, the
//! organization and the dates of an entry on lines of their own, and adds no
//! decorative characters: bullets are `- `, one contact detail a line, date ranges
//! `Mar 2024 - present`. Inline markup becomes plain words (a link its label and
//! address) in text, and Markdown in Markdown. The invisible characters the
//! PDF leaves out ([`crate::text::chars`]) are left out here too.

use std::collections::HashSet;
use std::fmt::Write;

use crate::layout::resume::{self, Drop, Selection};
use crate::layout::{contact_links, display_url};
use crate::model::{Application, Block, DateRange, Portfolio, Profile, System, Text};
use crate::text::{chars, markup};

/// Which text format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Plain,
    Markdown,
}

/// The section names, as parsers expect them.
const SUMMARY: &str = "Summary";
const PROJECTS: &str = "Projects";
const EXPERIENCE: &str = "Experience";
const EDUCATION: &str = "Education";
const SKILLS: &str = "Skills";
const PUBLICATIONS: &str = "Publications";

struct Out {
    flavor: Flavor,
    s: String,
}

impl Out {
    fn new(flavor: Flavor) -> Out {
        Out {
            flavor,
            s: String::new(),
        }
    }

    /// A line, without the invisible characters the PDF leaves out (a soft
    /// hyphen, a zero-width space, a bidi control: pasted into a form they would
    /// split or join words unseen).
    fn line(&mut self, l: &str) {
        self.s.push_str(&chars::for_shaping(l));
        self.s.push('\n');
    }

    /// One blank line, never two, never at the start.
    fn blank(&mut self) {
        if !self.s.is_empty() && !self.s.ends_with("\n\n") {
            self.s.push('\n');
        }
    }

    fn heading(&mut self, title: &str) {
        self.blank();
        match self.flavor {
            Flavor::Plain => self.line(&title.to_uppercase()),
            Flavor::Markdown => self.line(&format!("## {title}")),
        }
        self.blank();
    }

    /// The title line of an entry: plain as written, bold in Markdown.
    fn title(&mut self, t: &str) {
        match self.flavor {
            Flavor::Plain => self.line(t),
            Flavor::Markdown => self.line(&format!("**{}**  ", escape(t))),
        }
    }

    /// A line of folio's own words and field values (no markup in them).
    fn plain_line(&mut self, l: &str) {
        match self.flavor {
            Flavor::Plain => self.line(l),
            // a hard line break, so the lines of an entry stay lines
            Flavor::Markdown => self.line(&format!("{}  ", escape(l))),
        }
    }

    fn bullet(&mut self, inline: &str) {
        let item = self.inline(inline);
        self.line(&format!("- {item}"));
    }

    /// A text field's paragraphs and bullet items, apart by blank lines; with
    /// `in_entry` the first follows the entry's head line directly, so that the
    /// entry stays one block of lines (as parsers group them).
    fn text(&mut self, t: &Text, in_entry: bool) {
        let mut bullets = in_entry;
        for (i, b) in t.blocks.iter().enumerate() {
            match b {
                Block::Paragraph(s) => {
                    if !(in_entry && i == 0) {
                        self.blank();
                    }
                    let p = self.inline(s);
                    self.line(&p);
                    bullets = false;
                }
                Block::Bullet(s) => {
                    if !bullets {
                        self.blank();
                    }
                    self.bullet(s);
                    bullets = true;
                }
            }
        }
    }

    /// A text field with inline markup, in this flavor.
    fn inline(&self, s: &str) -> String {
        let mut out = String::new();
        for i in markup::parse(s).0 {
            match self.flavor {
                Flavor::Plain => {
                    out.push_str(&i.text);
                    if let Some(url) = &i.link {
                        if display_url(url) != i.text {
                            let _ = write!(out, " ({})", display_url(url));
                        }
                    }
                }
                Flavor::Markdown => {
                    let mut t = if i.code {
                        format!("`{}`", i.text)
                    } else {
                        escape(&i.text)
                    };
                    if let Some(url) = &i.link {
                        t = format!("[{t}]({url})");
                    }
                    if i.italic {
                        t = format!("*{t}*");
                    }
                    if i.bold {
                        t = format!("**{t}**");
                    }
                    out.push_str(&t);
                }
            }
        }
        out
    }
}

/// Markdown's special characters, escaped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>') || (i == 0 && matches!(c, '#' | '+' | '-')) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `Mar 2024 - present`: a date range without typographic dashes.
fn dates(d: &DateRange) -> String {
    d.to_string().replace(" \u{2013} ", " - ").replace('\u{2013}', " - ")
}

/// The head: name, headline, then the contact details, one a line.
fn head(o: &mut Out, profile: &Profile) {
    match o.flavor {
        Flavor::Plain => o.line(&profile.name),
        Flavor::Markdown => o.line(&format!("# {}", escape(&profile.name))),
    }
    o.blank();
    if let Some(h) = &profile.headline {
        o.plain_line(h);
    }
    let mut contact: Vec<String> = Vec::new();
    contact.extend(profile.email.clone());
    contact.extend(profile.phone.clone());
    contact.extend(profile.location.clone());
    contact.extend(profile.website.as_deref().map(|w| display_url(w).to_string()));
    for l in contact_links(profile) {
        contact.push(format!("{}: {}", l.label, display_url(&l.url)));
    }
    // one a line: parsers read a line as one field
    for c in contact {
        o.plain_line(&c);
    }
}

/// The résumé of `sel` with `dropped` left out, as the PDF shows it.
pub fn resume(p: &Portfolio, sel: &Selection, dropped: &[Drop], flavor: Flavor) -> String {
    let gone: HashSet<Drop> = dropped.iter().copied().collect();
    let has = |d: Drop| !gone.contains(&d);
    let mut o = Out::new(flavor);
    head(&mut o, &p.profile);
    if let (true, Some(summary)) = (has(Drop::Summary), &p.profile.summary) {
        o.heading(SUMMARY);
        o.text(summary, false);
    }
    let systems: Vec<&System> = sel
        .systems
        .iter()
        .enumerate()
        .filter(|(i, _)| has(Drop::System(*i)))
        .map(|(_, s)| *s)
        .collect();
    if !systems.is_empty() {
        o.heading(PROJECTS);
        for (n, s) in systems.into_iter().enumerate() {
            if n > 0 {
                o.blank();
            }
            o.title(&match &s.tagline {
                Some(t) => format!("{} - {t}", s.title),
                None => s.title.clone(),
            });
            if let Some(d) = &s.dates {
                o.plain_line(&dates(d));
            }
            if !s.metrics.is_empty() {
                // as the PDF prints them: `2.1x throughput`
                let m: Vec<String> = s
                    .metrics
                    .iter()
                    .map(|m| format!("{} {}", m.value, resume::lower_first(&m.label)))
                    .collect();
                o.plain_line(&format!("Results: {}", m.join("; ")));
            }
            if !s.tags.is_empty() {
                o.plain_line(&format!("Technologies: {}", s.tags.join(", ")));
            }
        }
    }
    let jobs: Vec<usize> = (0..p.experience.len()).filter(|i| has(Drop::Experience(*i))).collect();
    if !jobs.is_empty() {
        o.heading(EXPERIENCE);
        for (n, i) in jobs.into_iter().enumerate() {
            let e = &p.experience[i];
            if n > 0 {
                o.blank();
            }
            o.title(&e.role);
            o.plain_line(&match &e.location {
                Some(l) => format!("{}, {l}", e.organization),
                None => e.organization.clone(),
            });
            if let Some(d) = &e.dates {
                o.plain_line(&dates(d));
            }
            if let (true, Some(s)) = (has(Drop::ExperienceSummary(i)), &e.summary) {
                o.text(s, true);
            }
            for (j, h) in e.highlights.iter().enumerate() {
                if has(Drop::ExperienceHighlight(i, j)) {
                    o.bullet(h);
                }
            }
        }
    }
    let schools: Vec<usize> = (0..p.education.len()).filter(|i| has(Drop::Education(*i))).collect();
    if !schools.is_empty() {
        o.heading(EDUCATION);
        for (n, i) in schools.into_iter().enumerate() {
            let e = &p.education[i];
            if n > 0 {
                o.blank();
            }
            o.title(&e.institution);
            if let Some(what) = e.studied() {
                o.plain_line(&what);
            }
            if let Some(d) = &e.dates {
                o.plain_line(&dates(d));
            }
            for (j, h) in e.highlights.iter().enumerate() {
                if has(Drop::EducationHighlight(i, j)) {
                    o.bullet(h);
                }
            }
        }
    }
    let groups: Vec<_> = (0..p.skills.len()).filter(|i| has(Drop::SkillGroup(*i))).collect();
    if !groups.is_empty() {
        o.heading(SKILLS);
        for i in groups {
            let g = &p.skills[i];
            o.plain_line(&format!("{}: {}", g.group, g.items.join(", ")));
        }
    }
    let pubs: Vec<_> = (0..p.publications.len())
        .filter(|i| has(Drop::Publication(*i)))
        .collect();
    if !pubs.is_empty() {
        o.heading(PUBLICATIONS);
        for i in pubs {
            let pb = &p.publications[i];
            let mut rest: Vec<String> = Vec::new();
            if !pb.authors.is_empty() {
                rest.push(pb.authors.join(", "));
            }
            rest.extend(pb.venue.clone());
            rest.extend(pb.date.map(|d| d.to_string()));
            let mut l = pb.title.clone();
            if !rest.is_empty() {
                let _ = write!(l, ". {}", rest.join(", "));
            }
            if let Some(url) = &pb.url {
                let _ = write!(l, ". {}", display_url(url));
            }
            o.bullet_plain(&l);
        }
    }
    o.s
}

impl Out {
    /// A bullet of folio's own words and field values (no markup in them).
    fn bullet_plain(&mut self, l: &str) {
        let item = match self.flavor {
            Flavor::Plain => l.to_string(),
            Flavor::Markdown => escape(l),
        };
        self.line(&format!("- {item}"));
    }
}

/// The cover letter of `app`, as the PDF shows it.
pub fn letter(p: &Portfolio, app: &Application, body: &Text, flavor: Flavor) -> String {
    let mut o = Out::new(flavor);
    head(&mut o, &p.profile);
    o.blank();
    if let Some(date) = app.date_line() {
        o.plain_line(&date);
        o.blank();
    }
    for l in app.recipient_block() {
        o.plain_line(l);
    }
    o.blank();
    o.title(&app.subject());
    o.blank();
    o.plain_line(&app.salutation());
    o.text(body, false);
    o.blank();
    o.plain_line(app.closing());
    o.blank();
    o.plain_line(&p.profile.name);
    o.s
}
