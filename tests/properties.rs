//! Property tests on generated valid portfolios (issue 4).
//!
//! A strategy builds a portfolio (1–8 systems, metrics, tags, links, case studies,
//! optional experience, education, skills and publications) out of strings that mix
//! ASCII words, `C#`, `$`, `<`, `#`, `&`, `%`, `\`, quotes, accents, Devanagari and
//! very long words, and writes it as TOML text. Then, with the real fonts:
//! - the content parses with no diagnostic at all;
//! - the portfolio and résumé layouts do not panic;
//! - every string of the input appears in the laid-out text (and, for a few cases,
//!   in what `pdftotext` reads back from the exported PDF);
//! - the résumé is one page;
//! - no text lies outside the page margins.
//!
//! The seed is fixed so `cargo test` is reproducible; set `PROPTEST_RNG_SEED` and
//! `PROPTEST_CASES` to explore further.

mod common;

use std::fmt::Write as _;
use std::path::Path;

use folio::layout::frame::{Document, Item};
use folio::layout::{display_url, portfolio, resume, Theme};
use folio::model::Portfolio;
use folio::text::FontShaper;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};

// ---------------------------------------------------------------------------
// The generated content
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Block {
    Paragraph(String),
    Bullet(String),
}

#[derive(Debug, Clone)]
struct Dates {
    start: (u16, Option<u8>),
    /// 0: none, 1: "present", 2: a later year (same form as the start).
    end: (u8, u16, u8),
}

#[derive(Debug, Clone)]
struct Metric {
    value: String,
    label: String,
    detail: Option<String>,
}

#[derive(Debug, Clone)]
struct System {
    title: String,
    tagline: Option<String>,
    status: Option<String>,
    dates: Option<Dates>,
    summary: Option<Vec<Block>>,
    tags: Vec<String>,
    links: Vec<(String, String)>,
    metrics: Vec<Metric>,
    case_study: Vec<Option<Vec<Block>>>,
}

#[derive(Debug, Clone)]
struct Experience {
    role: String,
    organization: String,
    location: Option<String>,
    dates: Option<Dates>,
    summary: Option<Vec<Block>>,
    highlights: Vec<String>,
}

#[derive(Debug, Clone)]
struct Education {
    institution: String,
    degree: Option<String>,
    field: Option<String>,
    dates: Option<Dates>,
    highlights: Vec<String>,
}

#[derive(Debug, Clone)]
struct Publication {
    title: String,
    authors: Vec<String>,
    venue: Option<String>,
    year: Option<u16>,
    url: Option<String>,
}

#[derive(Debug, Clone)]
struct Profile {
    name: String,
    headline: Option<String>,
    summary: Option<Vec<Block>>,
    email: Option<String>,
    phone: Option<String>,
    location: Option<String>,
    website: Option<String>,
    links: Vec<(String, String)>,
}

/// `[design]`: theme, page size, margins (in pt or mm) and body size.
#[derive(Debug, Clone)]
struct Design {
    theme: &'static str,
    page_size: &'static str,
    margins: Option<String>,
    font_size: Option<f32>,
}

/// `[portfolio]`: title, subtitle, intro.
type Heading = (Option<String>, Option<String>, Option<Vec<Block>>);

#[derive(Debug, Clone)]
struct Gen {
    design: Option<Design>,
    profile: Profile,
    heading: Option<Heading>,
    systems: Vec<System>,
    experience: Vec<Experience>,
    education: Vec<Education>,
    skills: Vec<(String, Vec<String>)>,
    publications: Vec<Publication>,
    max_systems: Option<usize>,
}

const CASE_KEYS: [&str; 8] = [
    "motivation",
    "constraints",
    "architecture",
    "bottlenecks",
    "decisions",
    "methodology",
    "results",
    "lessons",
];

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

const ASCII: &[&str] = &[
    "kernel",
    "attention",
    "latency",
    "throughput",
    "memory",
    "the",
    "of",
    "a",
    "GPU",
    "Rust",
    "p99",
    "x",
    "fused",
    "model",
    "2.1x",
    "64x64",
    "O(N)",
    "on-device",
    "read-only",
    "I/O",
    "v2.0",
    "e.g.",
    "(beta)",
    "it's",
    "don't",
    "[1]",
    "1-2",
    "co-design",
    "state-of-the-art",
    "A100",
    "fp16",
    "@scale",
];
const SPECIAL: &[&str] = &[
    "C#",
    "$",
    "$2M",
    "<",
    "<5%",
    "#",
    "#1",
    "&",
    "R&D",
    "%",
    "100%",
    "\\",
    "C:\\ledger",
    "\"quoted\"",
    "\"",
    "'",
    "'single'",
    "a<b>c",
    "<tag>",
    "x&y",
    "5$",
];
const DEVANAGARI: &[&str] = &["हिन्दी", "क्षत्रिय", "ज्ञान", "श्री", "द्वार", "वॉइस", "असिस्टेंट", "प्रगति"];
const ACCENTED: &[&str] = &[
    "Zürich",
    "café",
    "naïve",
    "São",
    "Ångström",
    "résumé",
    "façade",
    "Dvořák",
    "Łódź",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(ASCII).prop_map(str::to_string),
        4 => prop::sample::select(SPECIAL).prop_map(str::to_string),
        2 => prop::sample::select(DEVANAGARI).prop_map(str::to_string),
        2 => prop::sample::select(ACCENTED).prop_map(str::to_string),
        1 => "[a-z]{20,48}",
        1 => "[A-Za-z]{2,10}-[a-z]{2,10}",
        1 => "[0-9]{1,4}(\\.[0-9])?(x|%| ms)?",
    ]
}

/// `min..=max` words joined by single spaces.
fn line(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), min..=max).prop_map(|w| w.join(" "))
}

fn text(max_blocks: usize, max_words: usize) -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(
        (prop::bool::weighted(0.3), line(1, max_words)).prop_map(|(bullet, s)| {
            if bullet {
                Block::Bullet(s)
            } else {
                Block::Paragraph(s)
            }
        }),
        1..=max_blocks,
    )
}

fn dates() -> impl Strategy<Value = Dates> {
    ((1990u16..2026, prop::option::of(1u8..=12)), (0u8..3, 1u16..6, 1u8..=12))
        .prop_map(|(start, end)| Dates { start, end })
}

/// A few words, or now and then a run of long words too wide for one line.
fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => line(1, 3),
        1 => prop::collection::vec("[a-z]{30,48}", 2..=5).prop_map(|w| w.join(" ")),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://[a-z]{1,10}\\.example\\.com/[a-z0-9/_-]{0,16}",
        "http://example\\.org/[a-z0-9]{1,8}\\?q=[a-z0-9]{1,6}&x=%20",
        "mailto:[a-z]{1,8}@example\\.com",
    ]
}

fn link() -> impl Strategy<Value = (String, String)> {
    (line(1, 3), url())
}

fn metric() -> impl Strategy<Value = Metric> {
    (line(1, 2), line(1, 4), prop::option::of(line(1, 10))).prop_map(|(value, label, detail)| Metric {
        value,
        label,
        detail,
    })
}

fn system() -> impl Strategy<Value = System> {
    (
        line(1, 6),
        prop::option::of(line(1, 10)),
        prop::option::of(status()),
        prop::option::of(dates()),
        prop::option::of(text(2, 20)),
        prop::collection::vec(line(1, 2), 0..=6),
        prop::collection::vec(link(), 0..=3),
        prop::collection::vec(metric(), 0..=5),
        prop::collection::vec(prop::option::weighted(0.25, text(2, 24)), 8),
    )
        .prop_map(
            |(title, tagline, status, dates, summary, tags, links, metrics, case_study)| System {
                title,
                tagline,
                status,
                dates,
                summary,
                tags,
                links,
                metrics,
                case_study,
            },
        )
}

fn experience() -> impl Strategy<Value = Experience> {
    (
        line(1, 4),
        line(1, 4),
        prop::option::of(line(1, 3)),
        prop::option::of(dates()),
        prop::option::of(text(2, 20)),
        prop::collection::vec(line(1, 14), 0..=4),
    )
        .prop_map(
            |(role, organization, location, dates, summary, highlights)| Experience {
                role,
                organization,
                location,
                dates,
                summary,
                highlights,
            },
        )
}

fn education() -> impl Strategy<Value = Education> {
    (
        line(1, 5),
        prop::option::of(line(1, 2)),
        prop::option::of(line(1, 4)),
        prop::option::of(dates()),
        prop::collection::vec(line(1, 10), 0..=2),
    )
        .prop_map(|(institution, degree, field, dates, highlights)| Education {
            institution,
            degree,
            field,
            dates,
            highlights,
        })
}

fn publication() -> impl Strategy<Value = Publication> {
    (
        line(1, 10),
        prop::collection::vec(line(1, 3), 0..=3),
        prop::option::of(line(1, 5)),
        prop::option::of(1990u16..2030),
        prop::option::of(url()),
    )
        .prop_map(|(title, authors, venue, year, url)| Publication {
            title,
            authors,
            venue,
            year,
            url,
        })
}

fn profile() -> impl Strategy<Value = Profile> {
    (
        line(1, 4),
        prop::option::of(line(1, 8)),
        prop::option::of(text(2, 30)),
        prop::option::of("[a-z0-9._]{1,12}@[a-z]{1,8}\\.(com|org|in)"),
        prop::option::of("\\+[0-9]{1,3} [0-9]{3} [0-9]{3,4}"),
        prop::option::of(line(1, 3)),
        prop::option::of("(https://)?(www\\.)?[a-z]{2,12}\\.(dev|com)/?"),
        prop::collection::vec(link(), 0..=3),
    )
        .prop_map(
            |(name, headline, summary, email, phone, location, website, links)| Profile {
                name,
                headline,
                summary,
                email,
                phone,
                location,
                website,
                links,
            },
        )
}

fn design() -> impl Strategy<Value = Design> {
    (
        prop::sample::select(&["classic", "modern", "compact"][..]),
        prop::sample::select(&["a4", "letter"][..]),
        prop::option::of(prop_oneof![
            (20u16..=144).prop_map(|pt| format!("{pt}pt")),
            (8u16..=50).prop_map(|mm| format!("{mm}mm")),
        ]),
        prop::option::of((14u8..=28).prop_map(|half| f32::from(half) / 2.0)),
    )
        .prop_map(|(theme, page_size, margins, font_size)| Design {
            theme,
            page_size,
            margins,
            font_size,
        })
}

fn portfolio_gen() -> impl Strategy<Value = Gen> {
    (
        prop::option::of(design()),
        profile(),
        prop::option::of((
            prop::option::of(line(1, 4)),
            prop::option::of(line(1, 10)),
            prop::option::of(text(2, 30)),
        )),
        prop::collection::vec(system(), 1..=8),
        prop::collection::vec(experience(), 0..=3),
        prop::collection::vec(education(), 0..=2),
        prop::collection::vec((line(1, 2), prop::collection::vec(line(1, 2), 1..=6)), 0..=3),
        prop::collection::vec(publication(), 0..=2),
        prop::option::of(1usize..=4),
    )
        .prop_map(
            |(design, profile, heading, systems, experience, education, skills, publications, max_systems)| Gen {
                design,
                profile,
                heading,
                systems,
                experience,
                education,
                skills,
                publications,
                max_systems,
            },
        )
}

// ---------------------------------------------------------------------------
// Writing it as TOML
// ---------------------------------------------------------------------------

/// A TOML string: a literal string when that needs no escapes and has a
/// backslash (so both forms are exercised), else an escaped basic string.
fn q(s: &str) -> String {
    if s.contains('\\') && !s.contains('\'') && !s.contains('\n') {
        return format!("'{s}'");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => write!(out, "\\u{:04X}", c as u32).unwrap(),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn text_source(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 {
            // consecutive bullets on consecutive lines, everything else apart
            let sep = matches!((&blocks[i - 1], b), (Block::Bullet(_), Block::Bullet(_)));
            out.push_str(if sep { "\n" } else { "\n\n" });
        }
        match b {
            Block::Paragraph(s) => out.push_str(s),
            Block::Bullet(s) => write!(out, "- {s}").unwrap(),
        }
    }
    out
}

fn date_source(d: &Dates) -> (String, Option<String>) {
    let form = |y: u16, m: Option<u8>| match m {
        Some(m) => format!("\"{y}-{m:02}\""),
        None => y.to_string(),
    };
    let (y, m) = d.start;
    let end = match d.end {
        (0, _, _) => None,
        (1, _, _) => Some("\"present\"".to_string()),
        (_, dy, m2) => Some(form(y + dy, m.map(|_| m2))),
    };
    (form(y, m), end)
}

fn put(out: &mut String, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        writeln!(out, "{key} = {}", q(v)).unwrap();
    }
}

fn put_text(out: &mut String, key: &str, value: &Option<Vec<Block>>) {
    if let Some(v) = value {
        writeln!(out, "{key} = {}", q(&text_source(v))).unwrap();
    }
}

fn put_dates(out: &mut String, d: &Option<Dates>) {
    if let Some(d) = d {
        let (start, end) = date_source(d);
        writeln!(out, "start = {start}").unwrap();
        if let Some(end) = end {
            writeln!(out, "end = {end}").unwrap();
        }
    }
}

fn put_list(out: &mut String, key: &str, items: &[String]) {
    if !items.is_empty() {
        let items: Vec<String> = items.iter().map(|s| q(s)).collect();
        writeln!(out, "{key} = [{}]", items.join(", ")).unwrap();
    }
}

fn put_links(out: &mut String, links: &[(String, String)]) {
    if !links.is_empty() {
        out.push_str("links = [\n");
        for (label, url) in links {
            writeln!(out, "  {{ label = {}, url = {} }},", q(label), q(url)).unwrap();
        }
        out.push_str("]\n");
    }
}

fn toml(g: &Gen) -> String {
    let mut out = String::from("[profile]\n");
    let p = &g.profile;
    writeln!(out, "name = {}", q(&p.name)).unwrap();
    put(&mut out, "headline", &p.headline);
    put_text(&mut out, "summary", &p.summary);
    put(&mut out, "email", &p.email);
    put(&mut out, "phone", &p.phone);
    put(&mut out, "location", &p.location);
    put(&mut out, "website", &p.website);
    put_links(&mut out, &p.links);
    if let Some((title, subtitle, intro)) = &g.heading {
        out.push_str("\n[portfolio]\n");
        put(&mut out, "title", title);
        put(&mut out, "subtitle", subtitle);
        put_text(&mut out, "intro", intro);
    }
    for (i, s) in g.systems.iter().enumerate() {
        writeln!(out, "\n[[systems]]\nid = \"s{i}\"\ntitle = {}", q(&s.title)).unwrap();
        put(&mut out, "tagline", &s.tagline);
        put(&mut out, "status", &s.status);
        put_dates(&mut out, &s.dates);
        put_text(&mut out, "summary", &s.summary);
        put_list(&mut out, "tags", &s.tags);
        put_links(&mut out, &s.links);
        if !s.metrics.is_empty() {
            out.push_str("metrics = [\n");
            for m in &s.metrics {
                write!(out, "  {{ value = {}, label = {}", q(&m.value), q(&m.label)).unwrap();
                if let Some(d) = &m.detail {
                    write!(out, ", detail = {}", q(d)).unwrap();
                }
                out.push_str(" },\n");
            }
            out.push_str("]\n");
        }
        if s.case_study.iter().any(Option::is_some) {
            out.push_str("[systems.case_study]\n");
            for (key, text) in CASE_KEYS.iter().zip(&s.case_study) {
                put_text(&mut out, key, text);
            }
        }
    }
    for e in &g.experience {
        writeln!(
            out,
            "\n[[experience]]\nrole = {}\norganization = {}",
            q(&e.role),
            q(&e.organization)
        )
        .unwrap();
        put(&mut out, "location", &e.location);
        put_dates(&mut out, &e.dates);
        put_text(&mut out, "summary", &e.summary);
        put_list(&mut out, "highlights", &e.highlights);
    }
    for e in &g.education {
        writeln!(out, "\n[[education]]\ninstitution = {}", q(&e.institution)).unwrap();
        put(&mut out, "degree", &e.degree);
        put(&mut out, "field", &e.field);
        put_dates(&mut out, &e.dates);
        put_list(&mut out, "highlights", &e.highlights);
    }
    for (group, items) in &g.skills {
        writeln!(out, "\n[[skills]]\ngroup = {}", q(group)).unwrap();
        put_list(&mut out, "items", items);
    }
    for pb in &g.publications {
        writeln!(out, "\n[[publications]]\ntitle = {}", q(&pb.title)).unwrap();
        put_list(&mut out, "authors", &pb.authors);
        put(&mut out, "venue", &pb.venue);
        if let Some(y) = pb.year {
            writeln!(out, "date = {y}").unwrap();
        }
        put(&mut out, "url", &pb.url);
    }
    if let Some(max) = g.max_systems {
        writeln!(out, "\n[resume]\nmax_systems = {max}").unwrap();
    }
    if let Some(d) = &g.design {
        writeln!(
            out,
            "\n[design]\ntheme = \"{}\"\npage_size = \"{}\"",
            d.theme, d.page_size
        )
        .unwrap();
        put(&mut out, "margins", &d.margins);
        if let Some(size) = d.font_size {
            writeln!(out, "font_size = {size:?}").unwrap();
        }
    }
    out
}

// ---------------------------------------------------------------------------
// What must appear
// ---------------------------------------------------------------------------

fn text_strings(out: &mut Vec<String>, blocks: &Option<Vec<Block>>) {
    for b in blocks.iter().flatten() {
        match b {
            Block::Paragraph(s) | Block::Bullet(s) => out.push(s.clone()),
        }
    }
}

fn link_strings(out: &mut Vec<String>, links: &[(String, String)]) {
    for (label, url) in links {
        out.push(label.clone());
        out.push(display_url(url).to_string());
    }
}

/// Every string the portfolio prints, as written in the input (dates as formatted).
fn portfolio_strings(g: &Gen, model: &Portfolio) -> Vec<String> {
    let p = &g.profile;
    let mut out = vec![p.name.clone()];
    out.extend(p.headline.clone());
    text_strings(&mut out, &p.summary);
    out.extend(p.email.clone());
    out.extend(p.phone.clone());
    out.extend(p.location.clone());
    out.extend(p.website.as_deref().map(|w| display_url(w).to_string()));
    link_strings(&mut out, &p.links);
    if let Some((title, subtitle, intro)) = &g.heading {
        out.extend(title.clone());
        out.extend(subtitle.clone());
        text_strings(&mut out, intro);
    }
    for (s, m) in g.systems.iter().zip(&model.systems) {
        out.push(s.title.clone());
        out.extend(s.tagline.clone());
        out.extend(s.status.clone());
        out.extend(m.dates.map(|d| d.to_string()));
        text_strings(&mut out, &s.summary);
        out.extend(s.tags.iter().cloned());
        link_strings(&mut out, &s.links);
        for metric in &s.metrics {
            out.push(metric.value.clone());
            out.push(metric.label.clone());
            out.extend(metric.detail.clone());
        }
        for t in &s.case_study {
            text_strings(&mut out, t);
        }
    }
    out
}

/// What the résumé must print when nothing had to be left out.
fn resume_strings(g: &Gen, model: &Portfolio, max: Option<usize>) -> Vec<String> {
    let mut out = vec![g.profile.name.clone()];
    out.extend(g.profile.headline.clone());
    text_strings(&mut out, &g.profile.summary);
    let shown = max.unwrap_or(usize::MAX);
    for (s, m) in g.systems.iter().zip(&model.systems).take(shown) {
        out.push(s.title.clone());
        out.extend(s.tagline.clone());
        out.extend(m.dates.map(|d| d.to_string()));
        out.extend(s.tags.iter().cloned());
        out.extend(s.metrics.iter().map(|m| m.value.clone()));
    }
    for e in &g.experience {
        out.push(e.role.clone());
        out.push(e.organization.clone());
        out.extend(e.location.clone());
        text_strings(&mut out, &e.summary);
        out.extend(e.highlights.iter().cloned());
    }
    for e in &g.education {
        out.push(e.institution.clone());
        out.extend(e.degree.clone());
        out.extend(e.field.clone());
        out.extend(e.highlights.iter().cloned());
    }
    for (group, items) in &g.skills {
        out.push(group.clone());
        out.extend(items.iter().cloned());
    }
    for pb in &g.publications {
        out.push(pb.title.clone());
        out.extend(pb.authors.iter().cloned());
        out.extend(pb.venue.clone());
        out.extend(pb.url.as_deref().map(|u| display_url(u).to_string()));
    }
    out
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Line breaks drop the spaces they break at, so compare without any whitespace.
fn check_all_present(what: &str, text: &str, strings: &[String]) -> Result<(), TestCaseError> {
    let hay = squash(text);
    for s in strings {
        let needle = squash(s);
        prop_assert!(hay.contains(&needle), "{what}: `{s}` is missing from the text:\n{text}");
    }
    Ok(())
}

/// The text above the page foot (the footers would split a paragraph that
/// runs across pages), page after page.
fn body_text(doc: &Document, bottom: f32) -> String {
    let mut out = String::new();
    for page in &doc.pages {
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Text(t) = item {
                if t.baseline <= bottom && !page.is_furniture(i) {
                    out.push_str(&t.run.text);
                }
            }
        }
        out.push('\n');
    }
    out
}

/// Every text item inside `[left, width - left]` horizontally and `[top, bottom]` for its baseline
/// (a running head above `top`, at least 18 pt from the edge).
fn check_inside(what: &str, doc: &Document, left: f32, top: f32, bottom: f32) -> Result<(), TestCaseError> {
    const EPS: f32 = 0.01;
    for (n, page) in doc.pages.iter().enumerate() {
        for (i, item) in page.items.iter().enumerate() {
            if let Item::Text(t) = item {
                if t.is_blank() {
                    continue;
                }
                let right = t.x + t.run.width_at(t.size);
                prop_assert!(
                    t.x >= left - EPS && right <= doc.width - left + EPS,
                    "{what} page {}: `{}` spans x {:.2}..{:.2}, outside the margins {left}..{}",
                    n + 1,
                    t.run.text,
                    t.x,
                    right,
                    doc.width - left
                );
                // a running head sits in the top margin, 18 pt from the edge
                let top = if page.is_furniture(i) {
                    top.min(18.0 + t.size)
                } else {
                    top
                };
                prop_assert!(
                    t.baseline >= top - EPS && t.baseline <= bottom + EPS,
                    "{what} page {}: `{}` has its baseline at {:.2}, outside {top}..{bottom}",
                    n + 1,
                    t.run.text,
                    t.baseline
                );
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

fn parse(source: &str) -> Result<Portfolio, TestCaseError> {
    let loaded = folio::content::from_bytes(
        Path::new("generated.toml"),
        source.as_bytes().to_vec(),
        &folio::text::covers,
    );
    match loaded {
        Ok(l) => {
            prop_assert!(l.warnings.is_empty(), "warnings: {:?}\n{source}", l.warnings);
            Ok(l.portfolio)
        }
        Err(report) => Err(TestCaseError::fail(format!(
            "valid content was refused: {:?}\n{source}",
            report.diagnostics
        ))),
    }
}

thread_local! {
    /// One shaper for all cases: its cache of shape plans and words is what makes
    /// a case fast enough in a debug build.
    static SHAPER: FontShaper = FontShaper::new();
}

fn check(g: &Gen) -> Result<(), TestCaseError> {
    let source = toml(g);
    let model = parse(&source)?;
    let theme = Theme::for_design(&model.design);
    SHAPER.with(|shaper| check_layout(g, &source, &model, &theme, shaper))
}

fn check_layout(
    g: &Gen,
    source: &str,
    model: &Portfolio,
    theme: &Theme,
    shaper: &FontShaper,
) -> Result<(), TestCaseError> {
    // the portfolio: every string, inside the margins
    let doc = portfolio::layout(model, theme, shaper, None);
    prop_assert!(!doc.pages.is_empty());
    let bottom = theme.page_height - theme.margin_bottom;
    check_all_present("portfolio", &body_text(&doc, bottom), &portfolio_strings(g, model))?;
    check_inside(
        "portfolio",
        &doc,
        theme.margin_x,
        theme.margin_top,
        theme.page_height - 18.0,
    )?;

    // the résumé: one page, inside its margins, and everything when nothing was left out
    let (selection, _) = resume::select(model, &[]);
    let fitted = resume::fit(model, &selection, theme, shaper, None)
        .map_err(|e| TestCaseError::fail(format!("the résumé does not fit: {e:?}\n{source}")))?;
    let doc = &fitted.document;
    prop_assert_eq!(doc.pages.len(), 1);
    let d = fitted.density;
    check_inside("résumé", doc, d.margin_x, d.margin_y, doc.height - d.margin_y)?;
    let text = body_text(doc, doc.height);
    if fitted.dropped.is_empty() {
        check_all_present("résumé", &text, &resume_strings(g, model, g.max_systems))?;
    } else {
        check_all_present("résumé", &text, std::slice::from_ref(&g.profile.name))?;
    }
    Ok(())
}

/// The same strings, read back from the exported PDF by pdftotext.
fn check_pdf(g: &Gen) -> Result<(), TestCaseError> {
    let model = parse(&toml(g))?;
    let dir = common::tempdir();
    let pdf = dir.path().join("portfolio.pdf");
    let theme = Theme::for_design(&model.design);
    let doc = SHAPER.with(|shaper| portfolio::layout(&model, &theme, shaper, None));
    std::fs::write(&pdf, folio::export::to_pdf(&doc)).unwrap();
    // crop off the page foot, whose footer would split a paragraph running across pages
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-x", "0", "-y", "0", "-W"])
        .arg(format!("{}", theme.page_width.ceil()))
        .arg("-H")
        .arg(format!("{}", (theme.page_height - theme.margin_bottom).floor()))
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (apt-get install -y poppler-utils) runs");
    prop_assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8_lossy(&out.stdout);
    check_all_present("portfolio PDF", &text, &portfolio_strings(g, &model))
}

fn config(cases: u32) -> Config {
    let mut c = Config::with_cases(cases);
    if let Ok(n) = std::env::var("PROPTEST_CASES") {
        c.cases = n.parse().expect("PROPTEST_CASES is a number");
    }
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = RngSeed::Fixed(0xF0_110);
    }
    // much cheaper than ChaCha in a debug build
    c.rng_algorithm = RngAlgorithm::XorShift;
    c.failure_persistence = None;
    c
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn generated_portfolios_parse_lay_out_and_keep_every_string(g in portfolio_gen()) {
        check(&g)?;
    }
}

proptest! {
    #![proptest_config(config(8))]

    #[test]
    fn generated_portfolios_keep_every_string_in_the_pdf(g in portfolio_gen()) {
        check_pdf(&g)?;
    }
}

/// The generator writes valid TOML for the awkward characters.
#[test]
fn toml_strings_round_trip() {
    for s in ["C:\\ledger", "\"quoted\"", "it's \\ both", "a\nb", "हिन्दी"] {
        let doc: toml::Table = toml::from_str(&format!("v = {}", q(s))).unwrap();
        assert_eq!(doc["v"].as_str(), Some(s));
    }
}

/// The portfolio of `source`, checked to lie inside the margins; its text.
fn portfolio_inside(source: &str) -> String {
    let model = parse(source).unwrap();
    let theme = Theme::for_design(&model.design);
    let doc = SHAPER.with(|shaper| portfolio::layout(&model, &theme, shaper, None));
    let bottom = theme.page_height - 18.0;
    check_inside("portfolio", &doc, theme.margin_x, theme.margin_top, bottom).unwrap();
    squash(&body_text(&doc, theme.page_height - theme.margin_bottom))
}

/// Found by the margin property: a status too wide for a line ran off the page.
#[test]
fn an_over_wide_status_wraps_inside_the_margins() {
    let long = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv";
    let source = format!(
        "[profile]\nname = \"N\"\n[[systems]]\ntitle = \"T\"\nstatus = \"{long} {long} {long}\"\nstart = \"2024-03\"\nend = \"present\"\n"
    );
    let text = portfolio_inside(&source);
    assert!(text.contains(&squash(&format!("{long} {long} {long}"))), "{text}");
    assert!(text.contains(&squash("Mar 2024 \u{2013} present")), "{text}");
}

/// A name or title taller than a page (up to the 2000 characters a line may hold)
/// ran past the foot of the page: such a block is now cut between its lines.
#[test]
fn a_name_and_a_title_taller_than_a_page_flow_inside_the_margins() {
    let words = |n: usize| vec!["lorem ipsum dolor sit amet"; n].join(" ");
    let source = format!(
        "[profile]\nname = \"{}\"\n[[systems]]\ntitle = \"{}\"\nstatus = \"active\"\n\n[design]\npage_size = \"letter\"\nmargins = \"144pt\"\n",
        words(55),
        words(70)
    );
    let text = portfolio_inside(&source);
    assert!(text.contains(&squash(&words(55))));
    assert!(text.contains(&squash(&words(70))));
}
