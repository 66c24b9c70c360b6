//! `folio init DIR`: a starter portfolio project that builds as it is.
//!
//! ```text
//! DIR/content/portfolio.toml          every key of the format, each with its doc as a comment
//! DIR/content/portfolio.schema.json   the JSON Schema, which the TOML names for editors (#:schema)
//! DIR/README.md                       how to build, the fonts, editor support, CI
//! DIR/.gitignore
//! DIR/.github/workflows/portfolio.yml the same workflow as folio's own repository
//! ```
//!
//! The content goes in `content/portfolio.toml`, the path `folio build` reads by
//! default, so `folio build --resume`, `--watch` and `--check` work in the new
//! project without naming the file, and so does the workflow. Nothing is ever
//! overwritten: when any of the files exists, nothing is written.

use std::fs;
use std::path::{Path, PathBuf};

use crate::content_writer::{write, Style, Table, Value};

/// The GitHub Actions workflow, the same bytes as folio's own `.github/workflows/portfolio.yml`.
pub const WORKFLOW: &str = include_str!("../../.github/workflows/portfolio.yml");

/// Keys the starter shows commented out: the photo (there is no photo file yet)
/// and the margins (the theme's own are better until you want others).
pub const COMMENTED: &[&str] = &["profile.photo", "design.margins"];

/// The files of a new project: path relative to the project folder, and text.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("content/portfolio.toml", starter_toml()),
        ("content/portfolio.schema.json", super::schema::to_string()),
        ("README.md", README.to_string()),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/portfolio.yml", WORKFLOW.to_string()),
    ]
}

/// Why `folio init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    /// These files are there already.
    Exists(Vec<PathBuf>),
    /// Creating a folder or writing a file failed.
    Io(PathBuf, std::io::Error),
}

/// Write the starter project into `dir` (created if missing); the paths written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    let files = files();
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.symlink_metadata().is_ok())
        .collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| InitError::Io(parent.to_path_buf(), e))?;
        }
        // `create_new`: a file that appeared since the check is still not overwritten.
        let result = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        result.map_err(|e| InitError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

fn s(v: &str) -> Value {
    Value::Str(v.to_string())
}

fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|i| i.to_string()).collect())
}

fn table(entries: &[(&'static str, Value)]) -> Table {
    Table(entries.to_vec())
}

/// The starter content: every key of the format, with placeholder values.
pub fn starter() -> Table {
    let profile = table(&[
        ("name", s("Your Name")),
        ("headline", s("Your headline, e.g. Systems engineer")),
        (
            "summary",
            s(
                "Two or three sentences about the work you do and what you care about.\n\n\
               - A line that starts with \"- \" is a bullet item.\n\
               - Replace every value in this file with your own.",
            ),
        ),
        ("email", s("you@example.com")),
        ("phone", s("+1 555 0100")),
        ("location", s("City, Country")),
        ("website", s("example.com")),
        (
            "links",
            Value::Tables(vec![
                table(&[("label", s("GitHub")), ("url", s("https://github.com/your-name"))]),
                table(&[
                    ("label", s("LinkedIn")),
                    ("url", s("https://www.linkedin.com/in/your-name")),
                ]),
            ]),
        ),
        ("photo", s("photo.jpg")),
    ]);
    let portfolio = table(&[
        ("title", s("Systems")),
        ("subtitle", s("Engineering case studies")),
        (
            "intro",
            s("Each system below says why it was built, how it works, and what it achieved."),
        ),
    ]);
    let case_study = table(&[
        (
            "motivation",
            s("Why the system was needed: the problem, and who had it."),
        ),
        (
            "constraints",
            s("What it had to meet: latency, memory, cost, compatibility."),
        ),
        (
            "architecture",
            s("How it is built: the parts and how data flows between them."),
        ),
        (
            "bottlenecks",
            s("Where the time or memory went, and how you found out."),
        ),
        ("decisions", s("What you changed and what each change traded away.")),
        (
            "methodology",
            s("How you measured: hardware, inputs, baselines, repetitions."),
        ),
        ("results", s("What the numbers came out as, against the baseline.")),
        ("lessons", s("What you would do again, and what differently.")),
    ]);
    let system = table(&[
        ("id", s("your-first-system")),
        ("title", s("Your First System")),
        ("tagline", s("One line saying what it is")),
        ("status", s("active")),
        ("start", s("2024-03")),
        ("end", s("present")),
        ("summary", s("What the system is, who it is for, and why it matters.")),
        ("tags", list(&["Rust", "Performance"])),
        (
            "links",
            Value::Tables(vec![table(&[
                ("label", s("Code")),
                ("url", s("https://github.com/your-name/your-first-system")),
            ])]),
        ),
        (
            "metrics",
            Value::Tables(vec![
                table(&[
                    ("value", s("2.1x")),
                    ("label", s("Throughput")),
                    ("detail", s("Versus the previous version, same hardware.")),
                ]),
                table(&[
                    ("value", s("40%")),
                    ("label", s("Less memory")),
                    ("detail", s("Peak resident set size.")),
                ]),
            ]),
        ),
        ("case_study", Value::Table(case_study)),
    ]);
    let experience = table(&[
        ("role", s("Your Role")),
        ("organization", s("Company Name")),
        ("location", s("City, Country")),
        ("start", s("2022-01")),
        ("end", s("present")),
        ("summary", s("What the team does and what you own.")),
        (
            "highlights",
            list(&[
                "An achievement with a number: cut p99 latency by 30%.",
                "Another achievement, one line each.",
            ]),
        ),
    ]);
    let education = table(&[
        ("institution", s("University Name")),
        ("degree", s("B.S.")),
        ("field", s("Computer Science")),
        ("start", Value::Int(2018)),
        ("end", Value::Int(2022)),
        ("highlights", list(&["Thesis: its title"])),
    ]);
    let skills = vec![
        table(&[("group", s("Languages")), ("items", list(&["Rust", "Python", "C++"]))]),
        table(&[("group", s("Tools")), ("items", list(&["Linux", "Git", "perf"]))]),
    ];
    let publication = table(&[
        ("title", s("Title of a Paper or Talk")),
        ("authors", list(&["Your Name", "A. Coauthor"])),
        ("venue", s("Conference or Journal")),
        ("date", Value::Int(2024)),
        ("url", s("https://example.com/paper")),
    ]);
    let resume = table(&[
        ("systems", list(&["your-first-system"])),
        ("max_systems", Value::Int(4)),
    ]);
    let design = table(&[
        ("theme", s("classic")),
        ("page_size", s("a4")),
        ("accent", s("#1F5FBF")),
        ("margins", s("20mm")),
        ("font_size", Value::Raw("9.5".into())),
    ]);
    table(&[
        ("profile", Value::Table(profile)),
        ("portfolio", Value::Table(portfolio)),
        ("systems", Value::Tables(vec![system])),
        ("experience", Value::Tables(vec![experience])),
        ("education", Value::Tables(vec![education])),
        ("skills", Value::Tables(skills)),
        ("publications", Value::Tables(vec![publication])),
        ("resume", Value::Table(resume)),
        ("design", Value::Table(design)),
    ])
}

/// The starter `content/portfolio.toml`.
pub fn starter_toml() -> String {
    let body = write(
        &starter(),
        Style {
            docs: true,
            commented: COMMENTED,
        },
    );
    format!("{HEADER}\n{body}")
}

const HEADER: &str = "\
#:schema ./portfolio.schema.json
#
# Your portfolio, for folio. Every key folio knows is below, each with a comment
# saying what it is for; replace the placeholder values with your own and delete
# what you do not need (only [profile] name and one [[systems]] title are required).
# Keys shown commented out (# key = ...) are optional: remove the `# ` to use them.
#
#   folio build --resume           writes output/portfolio.pdf and output/resume.pdf
#   folio build --resume --watch   rebuilds on every save
#   folio check                    reports every mistake, with its line, and writes nothing
#
# Text is printed exactly as written. In text fields (summaries, the case study) a
# blank line starts a paragraph and a line starting with \"- \" is a bullet item.
# Dates are a year (2024), a month (\"2024-03\") or a day (\"2024-03-15\").
";

const GITIGNORE: &str = "\
# Temporary files of an interrupted build (folio writes each PDF to a temporary
# file, then renames it into place).
/output/.*.tmp
/pdfs/

# The PDFs in output/ are meant to be committed: CI checks that they match the content.
";

const README: &str = "\
# Portfolio

The content of this portfolio is `content/portfolio.toml`; folio typesets it into
a portfolio PDF and a one-page résumé.

```sh
folio build --resume            # writes output/portfolio.pdf and output/resume.pdf
folio build --resume --watch    # rebuilds on every save of the TOML or the photo
folio check                     # every error and warning, with file, line and column; writes nothing
folio build --resume --check    # exit 1 when output/*.pdf are not what the content gives now
```

## Fonts

Nothing to install: folio carries its fonts, IBM Plex Sans, IBM Plex Sans Devanagari
and IBM Plex Mono (SIL Open Font License), and embeds the characters it uses in
each PDF. A character the fonts lack is reported as a warning.

## Editor support

`content/portfolio.toml` starts with `#:schema ./portfolio.schema.json`, so editors
with Taplo (Even Better TOML in VS Code, and others) complete keys, show each key's
documentation and flag mistakes as you type. After upgrading folio, refresh the
schema with `folio schema > content/portfolio.schema.json`.

## Continuous integration

`.github/workflows/portfolio.yml` runs on every push and pull request: it installs
folio, builds the PDFs, uploads them as the `portfolio-pdfs` artifact, and fails when
the PDFs committed in `output/` are stale. Build and commit them together with the
content:

```sh
folio build --resume && git add content output
```

The same content, fonts and folio version always give byte-identical PDFs, so a
PDF built on your machine matches the one CI builds. No date is written into them
unless `SOURCE_DATE_EPOCH` or `--date YYYY-MM-DD` sets one.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, Field, Kind, ROOT_KEYS};
    use crate::diag::Source;

    fn parse(text: &str) -> (Option<crate::model::Portfolio>, Vec<crate::diag::Diagnostic>) {
        let src = Source::new("content/portfolio.toml", text);
        content::parse(&src, Path::new("/nonexistent-folio-init"), &crate::text::covers)
    }

    #[test]
    fn the_starter_builds_without_errors_or_warnings() {
        let (p, diags) = parse(&starter_toml());
        assert!(diags.is_empty(), "{diags:#?}");
        let p = p.unwrap();
        assert_eq!(p.profile.name, "Your Name");
        assert_eq!(p.systems.len(), 1);
    }

    /// Every key of every table has a value in the starter, and with the commented
    /// keys uncommented it still parses (only the photo file is missing).
    #[test]
    fn the_starter_shows_every_key() {
        fn walk(fields: &'static [Field], t: &Table, path: &str, missing: &mut Vec<String>) {
            for f in fields {
                let full = if path.is_empty() {
                    f.name.to_string()
                } else {
                    format!("{path}.{}", f.name)
                };
                match (f.kind, t.get(f.name)) {
                    (_, None) => missing.push(full),
                    (Kind::Table(sub), Some(Value::Table(t))) => walk(sub, t, &full, missing),
                    (Kind::Tables(sub), Some(Value::Tables(ts))) => {
                        for t in ts {
                            walk(sub, t, &full, missing);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut missing = Vec::new();
        walk(ROOT_KEYS, &starter(), "", &mut missing);
        assert!(missing.is_empty(), "keys the starter does not show: {missing:?}");

        let text = starter_toml();
        for key in COMMENTED {
            let name = key.rsplit('.').next().unwrap();
            assert!(
                text.contains(&format!("\n# {name} = ")),
                "{key} is not shown commented out"
            );
        }
        let uncommented: String = text
            .lines()
            .map(|l| {
                let name = l.strip_prefix("# ").and_then(|r| r.split(" = ").next()).unwrap_or("");
                if COMMENTED.iter().any(|k| k.ends_with(&format!(".{name}"))) {
                    l[2..].to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let (_, diags) = parse(&uncommented);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert!(messages[0].contains("photo.jpg"), "{messages:#?}");
    }

    #[test]
    fn every_key_has_its_doc_above_it() {
        let text = starter_toml();
        fn walk(fields: &'static [Field], text: &str) {
            for f in fields {
                assert!(text.contains(f.doc), "no doc for `{}`", f.name);
                if let Kind::Table(sub) | Kind::Tables(sub) = f.kind {
                    walk(sub, text);
                }
            }
        }
        walk(ROOT_KEYS, &text);
        assert!(text.starts_with("#:schema ./portfolio.schema.json\n"));
    }

    #[test]
    fn init_refuses_to_overwrite_anything() {
        let dir = std::env::temp_dir().join(format!("folio-init-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("README.md"), "mine").unwrap();
        match init(&dir) {
            Err(InitError::Exists(paths)) => assert_eq!(paths, vec![dir.join("README.md")]),
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read_to_string(dir.join("README.md")).unwrap(), "mine");
        assert!(!dir.join("content").exists());
        fs::remove_file(dir.join("README.md")).unwrap();
        let written = init(&dir).unwrap();
        assert_eq!(written.len(), files().len());
        assert_eq!(
            fs::read_to_string(dir.join(".github/workflows/portfolio.yml")).unwrap(),
            WORKFLOW
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
