//! An ATS-style check: an open-source résumé parser (openresume-parser, a port of
//! OpenResume's parser, pinned in tests/readers/requirements.txt) reads a tailored
//! résumé, as a PDF and as `resume.txt`, and must find the person and the jobs.
//! `cargo test --test ats -- --nocapture` prints what it found.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

/// The example's first application, as PDF and plain text, into `dir`.
fn tailored(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let content = repo().join("content/examples/ada-example.toml");
    let out = dir.join("out");
    let o = folio(
        dir,
        &[
            "build",
            content.to_str().unwrap(),
            "--out-dir",
            out.to_str().unwrap(),
            "--application",
            "acme-ml-infra",
            "--formats",
            "pdf,txt",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let app = out.join("applications/acme-ml-infra");
    (app.join("resume.pdf"), app.join("resume.txt"))
}

fn field<'a>(r: &'a Value, key: &str) -> &'a str {
    r["resume"][key].as_str().unwrap_or_default()
}

fn sections(r: &Value) -> Vec<String> {
    r["diagnostics"]["detectedSections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// (title, company, start, end, current) of each job the parser found.
fn jobs(r: &Value) -> Vec<(String, String, String, Option<String>, bool)> {
    r["resume"]["experience"]["work_history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            let s = |k: &str| w[k].as_str().unwrap_or_default().to_string();
            (
                s("title"),
                s("company"),
                s("start_date"),
                w["end_date"].as_str().map(str::to_string),
                w["current"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

fn show(what: &str, r: &Value) {
    println!(
        "{what}: name {:?}, email {:?}, phone {:?}, url {:?}",
        field(r, "full_name"),
        field(r, "email"),
        field(r, "phone"),
        field(r, "url")
    );
    println!("  sections {:?}", sections(r));
    for j in jobs(r) {
        println!("  job {j:?}");
    }
    println!("  education {}", r["resume"]["education"]);
}

#[test]
fn a_resume_parser_reads_the_person_and_the_jobs_from_resume_txt() {
    let dir = tempdir();
    let (_, txt) = tailored(dir.path());
    let r = readers::ats_parse(&txt);
    show("resume.txt", &r);
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(field(&r, "full_name"), "Ada Example");
    assert_eq!(field(&r, "email"), "ada@example.com");
    assert_eq!(field(&r, "phone"), "+1 555 0100");
    assert_eq!(r["resume"]["location"]["city"], "Exampleville");
    let found = sections(&r);
    for s in ["summary", "projects", "experience", "education", "skills"] {
        assert!(found.iter().any(|f| f == s), "no {s} section in {found:?}");
    }
    assert_eq!(
        jobs(&r),
        [
            (
                "Senior Systems Engineer".into(),
                "Example Compute Labs, Exampleville".into(),
                "Sep 2023".into(),
                None,
                true
            ),
            (
                "Software Engineer".into(),
                "Sample Retail Co., Remote".into(),
                "Jun 2021".into(),
                Some("Aug 2023".into()),
                false
            ),
        ]
    );
}

#[test]
fn a_resume_parser_reads_the_person_and_the_sections_from_the_pdf() {
    let dir = tempdir();
    let (pdf, _) = tailored(dir.path());
    let r = readers::ats_parse(&pdf);
    show("resume.pdf", &r);
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(field(&r, "full_name"), "Ada Example");
    assert_eq!(field(&r, "email"), "ada@example.com");
    assert_eq!(field(&r, "phone"), "+1 555 0100");
    assert_eq!(r["diagnostics"]["pageCount"], 1);
    assert_eq!(r["diagnostics"]["detectedColumns"], 1);
    let found = sections(&r);
    for s in ["experience", "education", "skills"] {
        assert!(found.iter().any(|f| f == s), "no {s} section in {found:?}");
    }
    // From a PDF the parser reads pypdf's lines, all one gap apart, so it cannot
    // tell where one job ends: it finds one, holding the second in its description.
    // Of that job it must read the title (the role is a line of its own) and the
    // dates (from the organization's line); the employer it never takes from a
    // line that holds dates.
    let found = jobs(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    let (title, _, start, end, current) = &found[0];
    assert_eq!(
        (title.as_str(), start.as_str(), end.as_deref(), *current),
        ("Senior Systems Engineer", "Sep 2023", None, true)
    );
    let text = r["resume"]["experience"]["work_history"].to_string();
    for dates in ["Jun 2021 \u{2013} Aug 2023", "Software Engineer", "Sample Retail Co."] {
        assert!(text.contains(dates), "{dates} not in {text}");
    }
}
