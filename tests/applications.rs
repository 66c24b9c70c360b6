//! Applications (`folio build --applications`): a tailored résumé and a one-page
//! cover letter per job, and the text, Markdown and JSON Resume exports, built by
//! the real binary and read back with real readers.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

fn example() -> String {
    repo()
        .join("content/examples/ada-example.toml")
        .to_str()
        .unwrap()
        .to_string()
}

const ACME: &str = "acme-ml-infra";
const VOICE: &str = "example-voice-ltd-senior-on-device-speech-engineer";

/// Build the example's applications (and `extra` flags) into `out`; the build must succeed.
fn build_example(cwd: &Path, out: &Path, extra: &[&str]) -> String {
    let example = example();
    let mut args = vec![
        "build",
        example.as_str(),
        "--out-dir",
        out.to_str().unwrap(),
        "--applications",
    ];
    args.extend_from_slice(extra);
    let o = folio(cwd, &args, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// Where each of `titles` first occurs in `text` (panics when one is missing).
fn positions(text: &str, titles: &[&str]) -> Vec<usize> {
    titles
        .iter()
        .map(|t| text.find(t).unwrap_or_else(|| panic!("`{t}` is not in:\n{text}")))
        .collect()
}

const TILED: &str = "TiledAttention: a fused attention kernel";
const BENCH: &str = "Benchmark harness for noisy machines";
const VAANI: &str = "Vaani: an offline voice assistant";
const LEDGER: &str = "Ledger: a C# pricing service";

#[test]
fn two_applications_get_resumes_ordered_by_their_focus_and_one_page_letters() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let stdout = build_example(dir.path(), &out, &["--date", "2026-11-30"]);
    // the summary names each application's folder
    for id in [ACME, VOICE] {
        assert!(stdout.contains(&format!("applications/{id}/")), "{stdout}");
    }
    let apps = out.join("applications");

    // CUDA and Triton first for Acme: the kernel, then the harness and the assistant as listed
    let acme = pdf_text(&apps.join(ACME).join("resume.pdf"));
    let at = positions(&acme, &[TILED, BENCH, VAANI]);
    assert!(at[0] < at[1] && at[1] < at[2], "{acme}");
    assert!(!acme.contains(LEDGER), "Acme's systems are its own list: {acme}");
    // Speech and Quantization first for the voice job, from [resume].systems
    let voice = pdf_text(&apps.join(VOICE).join("resume.pdf"));
    let at = positions(&voice, &[VAANI, TILED, LEDGER]);
    assert!(at[0] < at[1] && at[1] < at[2], "{voice}");

    for (id, company, role, salutation, body) in [
        (
            ACME,
            "Acme Robotics",
            "Staff ML Infrastructure Engineer",
            "Dear Dr. Jane Doe,",
            "TiledAttention, my fused attention kernel, runs exact attention",
        ),
        (
            VOICE,
            "Example Voice Ltd",
            "Senior On-Device Speech Engineer",
            "Dear Hiring Team,",
            "Vaani, the offline voice assistant I built",
        ),
    ] {
        let letter = apps.join(id).join("cover-letter.pdf");
        let report = Audit::of(&letter).pages(1).assert_clean();
        let _ = report;
        let text = pdf_text(&letter);
        assert_in_order(
            &text,
            &[
                "Ada Example".into(),
                company.into(),
                format!("Application: {role}"),
                salutation.into(),
                body.into(),
                "Ada Example".into(),
            ],
        );
        let pdf = Pdf::open(&letter);
        assert_eq!(
            pdf.info_str("Title").as_deref(),
            Some(format!("Ada Example \u{2014} Cover letter \u{2014} {company}").as_str())
        );
        // the résumé of each application is one page too, titled for the company
        let resume = apps.join(id).join("resume.pdf");
        Audit::of(&resume).pages(1).assert_clean();
        let title = Pdf::open(&resume).info_str("Title").unwrap();
        assert!(title.ends_with(company), "{title}");
    }
    let acme_letter = pdf_text(&apps.join(ACME).join("cover-letter.pdf"));
    assert!(acme_letter.contains("1 December 2026"), "{acme_letter}");
    assert!(acme_letter.contains("Kind regards,"), "{acme_letter}");
    assert!(!acme_letter.contains("**"), "markup is set, not printed: {acme_letter}");
    let keywords = Pdf::open(&apps.join(ACME).join("cover-letter.pdf")).info_str("Keywords");
    assert_eq!(keywords.as_deref(), Some("CUDA,Triton"));
}

fn letter_file(dir: &Path, paragraphs: usize) -> String {
    let para = "The engine weaves algebraical patterns just as the Jacquard loom weaves flowers and \
                leaves, and I would like to tell you at length why that matters for your work. "
        .repeat(6);
    let body = vec![para.trim(); paragraphs].join("\n\n");
    write(
        dir,
        "p.toml",
        &format!(
            "[profile]\nname = \"Ada Lovelace\"\n\n[[systems]]\ntitle = \"Notes\"\ntags = [\"Mathematics\"]\n\n\
             [[applications]]\nid = \"brief\"\ncompany = \"Brief Ltd\"\nrole = \"Writer\"\nletter = \"Short.\"\n\n\
             [[applications]]\nid = \"engine-co\"\ncompany = \"Engine Co\"\nrole = \"Programmer\"\n\
             letter = \"\"\"\n{body}\n\"\"\"\n"
        ),
    )
}

#[test]
fn an_overlong_letter_fails_naming_its_application_and_writes_nothing_for_it() {
    let dir = tempdir();
    let content = letter_file(dir.path(), 30);
    let o = folio(dir.path(), &["build", &content, "--applications"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("application `engine-co`: the cover letter does not fit on one page"),
        "{err}"
    );
    assert!(err.contains("pt (about "), "how much is over: {err}");
    assert!(!dir.path().join("output/applications/engine-co").exists());
    // the build is one transaction: nothing at all was written
    assert!(files_under(&dir.path().join("output")).is_empty());

    // just the other one builds
    let o = folio(dir.path(), &["build", &content, "--application", "brief"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let written: Vec<PathBuf> = files_under(&dir.path().join("output")).into_keys().collect();
    assert_eq!(
        written,
        [
            "applications/brief/cover-letter.pdf",
            "applications/brief/resume.pdf",
            "portfolio.pdf"
        ]
        .map(PathBuf::from)
    );
}

#[test]
fn an_unknown_application_id_is_exit_1_with_did_you_mean() {
    let dir = tempdir();
    let content = letter_file(dir.path(), 1);
    let o = folio(dir.path(), &["build", &content, "--application", "engine-co-"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("--application `engine-co-`"), "{err}");
    assert!(err.contains("did you mean `engine-co`?"), "{err}");
    assert!(files_under(&dir.path().join("output")).is_empty());
}

#[test]
fn rebuilds_are_byte_identical_from_any_folder() {
    let (a, b) = (tempdir(), tempdir());
    let flags = ["--formats", "pdf,txt,md,json", "--resume"];
    build_example(a.path(), &a.path().join("out"), &flags);
    build_example(b.path(), &b.path().join("elsewhere"), &flags);
    let (fa, fb) = (
        files_under(&a.path().join("out")),
        files_under(&b.path().join("elsewhere")),
    );
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    assert!(fa.len() >= 15, "{:?}", fa.keys());
    for (name, bytes) in &fa {
        assert!(fb[name] == *bytes, "{} differs between two builds", name.display());
    }
}

#[test]
fn check_covers_the_applications() {
    let dir = tempdir();
    let content = letter_file(dir.path(), 1);
    let build = |extra: &[&str]| {
        let mut args = vec!["build", content.as_str(), "--applications"];
        args.extend_from_slice(extra);
        folio(dir.path(), &args, &[])
    };
    assert!(build(&[]).status.success());
    let o = build(&["--check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(
        said.contains("output/applications/engine-co/cover-letter.pdf is up to date"),
        "{said}"
    );

    // a changed letter makes its PDF stale; a deleted résumé is missing
    let text = fs::read_to_string(&content).unwrap().replace("Short.", "Shorter.");
    fs::write(&content, text).unwrap();
    fs::remove_file(dir.path().join("output/applications/engine-co/resume.pdf")).unwrap();
    let o = build(&["--check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("output/applications/brief/cover-letter.pdf is stale"),
        "{err}"
    );
    assert!(
        err.contains("output/applications/engine-co/resume.pdf is missing"),
        "{err}"
    );
    assert!(!err.contains("engine-co/cover-letter.pdf"), "{err}");
}

#[test]
fn plain_text_and_markdown_follow_the_pdf() {
    let dir = tempdir();
    let out = dir.path().join("out");
    build_example(dir.path(), &out, &["--formats", "pdf,txt,md"]);
    let app = out.join("applications").join(ACME);
    let txt = fs::read_to_string(app.join("resume.txt")).unwrap();
    let pdf = pdf_text(&app.join("resume.pdf"));
    // the same systems in the same order as the PDF
    let (t, p) = (
        positions(&txt, &[TILED, BENCH, VAANI]),
        positions(&pdf, &[TILED, BENCH, VAANI]),
    );
    assert!(t[0] < t[1] && t[1] < t[2] && p[0] < p[1] && p[1] < p[2]);
    assert!(!txt.contains(LEDGER));
    // section names parsers look for, each on a line of its own, in the PDF's order
    let sections = [
        "SUMMARY",
        "PROJECTS",
        "EXPERIENCE",
        "EDUCATION",
        "SKILLS",
        "PUBLICATIONS",
    ];
    let lines: Vec<&str> = txt.lines().collect();
    let at: Vec<usize> = sections
        .iter()
        .map(|s| {
            lines
                .iter()
                .position(|l| l == s)
                .unwrap_or_else(|| panic!("no {s} line"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // no decorative characters of folio's own: bullets are "- ", dates use a hyphen
    for l in &lines {
        assert!(!l.starts_with('\u{2022}'), "{l}");
    }
    assert!(txt.contains("Sep 2023 - present"), "{txt}");
    assert!(lines.contains(&"ada@example.com"), "one contact detail a line");
    // each address once, as in the PDF's contact line: the `mailto:` link is left out
    assert_eq!(txt.matches("ada@example.com").count(), 1, "{txt}");
    assert!(lines.contains(&"GitHub: github.example.com/ada-example"), "{txt}");
    // an entry is one block of lines: role, organization, dates, then its text
    let entry = "Senior Systems Engineer\nExample Compute Labs, Exampleville\nSep 2023 - present\nLeads the kernel";
    assert!(txt.contains(entry), "{txt}");
    let md = fs::read_to_string(app.join("resume.md")).unwrap();
    assert!(md.starts_with("# Ada Example\n"), "{md}");
    assert!(md.contains("\n## Experience\n"), "{md}");
    assert!(md.contains(&format!("**{TILED} - Exact attention")), "{md}");
    assert!(md.contains("\n\\+1 555 0100  \n"), "a leading + is escaped: {md}");
    let letter = fs::read_to_string(app.join("cover-letter.txt")).unwrap();
    assert_in_order(
        &normalize(&letter),
        &[
            "1 December 2026".into(),
            "Dr. Jane Doe Acme Robotics 12 Example Street".into(),
            "Application: Staff ML Infrastructure Engineer".into(),
            "Dear Dr. Jane Doe,".into(),
            "your team's work on on-robot inference is".into(),
            "at ada.example.com show how".into(),
            "Kind regards, Ada Example".into(),
        ],
    );
    let md_letter = fs::read_to_string(app.join("cover-letter.md")).unwrap();
    assert!(md_letter.contains("**on-robot inference**"), "{md_letter}");
    assert!(
        md_letter.contains("[ada.example.com](https://ada.example.com)"),
        "{md_letter}"
    );
}

#[test]
fn the_json_resume_is_valid_and_imports_back_to_the_same_resume() {
    let dir = tempdir();
    let out = dir.path().join("out");
    build_example(dir.path(), &out, &["--resume", "--formats", "pdf,txt,json"]);
    let json = out.join("portfolio.json");
    let checked = readers::jsonresume_validate(&json);
    assert!(
        checked.valid,
        "not valid against the JSON Resume schema: {:#?}",
        checked.errors
    );

    // folio import of it gives back an equivalent portfolio
    let o = folio(dir.path(), &["import", json.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o).matches("warning").count(), 0, "{}", stderr(&o));
    let imported = dir.path().join("imported.toml");
    fs::write(&imported, &o.stdout).unwrap();
    let again = dir.path().join("again");
    let o = folio(
        dir.path(),
        &[
            "build",
            imported.to_str().unwrap(),
            "--out-dir",
            again.to_str().unwrap(),
            "--resume",
            "--applications",
            "--formats",
            "pdf,txt,json",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(pdf_text(&out.join("resume.pdf")), pdf_text(&again.join("resume.pdf")));
    for name in ["resume.txt", "portfolio.json"] {
        assert_eq!(
            fs::read_to_string(out.join(name)).unwrap(),
            fs::read_to_string(again.join(name)).unwrap(),
            "{name} differs after the round trip"
        );
    }
    for id in [ACME, VOICE] {
        for name in ["resume.txt", "cover-letter.txt"] {
            let (a, b) = (
                out.join("applications").join(id).join(name),
                again.join("applications").join(id).join(name),
            );
            assert_eq!(fs::read(a).unwrap(), fs::read(b).unwrap(), "{id}/{name}");
        }
    }
}

#[test]
fn watch_rebuilds_the_letter_on_save() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let dir = tempdir();
    let content = letter_file(dir.path(), 1);
    let letter = dir.path().join("output/applications/brief/cover-letter.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", content.as_str(), "--applications", "--watch"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start folio --watch");
    let wait = |what: &str, done: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !done() {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    wait("the first build", &|| letter.exists());
    let first = fs::read(&letter).unwrap();
    let text = fs::read_to_string(&content)
        .unwrap()
        .replace("Short.", "A new first line.");
    fs::write(&content, text).unwrap();
    wait("the letter of the save", &|| {
        fs::read(&letter).is_ok_and(|now| now != first && now.starts_with(b"%PDF-"))
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(pdf_text(&letter).contains("A new first line."));
}
