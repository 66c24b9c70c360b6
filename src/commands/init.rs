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

use crate::diag::{Diagnostic, Location};

/// The GitHub Actions workflow, the same bytes as folio's own `.github/workflows/portfolio.yml`.
pub const WORKFLOW: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/.github/workflows/portfolio.yml"));

/// The starter `content/portfolio.toml`: every key of the format with a placeholder
/// value and its doc as a comment (a test holds it to the key tables).
pub const STARTER: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/commands/starter.toml"));

/// The files of a new project: path relative to the project folder, and text.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("content/portfolio.toml", STARTER.to_string()),
        ("content/portfolio.schema.json", super::schema::to_string()),
        ("README.md", README.to_string()),
        (".gitignore", GITIGNORE.to_string()),
        (".github/workflows/portfolio.yml", WORKFLOW.to_string()),
    ]
}

/// Write the starter project into `dir` (created if missing); the paths written.
/// When any of the files is there already, nothing is written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let files = files();
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.symlink_metadata().is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::error(
            Location::None,
            format!(
                "{} already exist{}; folio init overwrites nothing, and wrote nothing",
                existing.join(", "),
                if existing.len() == 1 { "s" } else { "" }
            ),
        )
        .with_hint("choose a new folder, or move those files out of the way"));
    }
    let cannot = |path: &Path, e: std::io::Error| {
        Diagnostic::error(Location::None, format!("cannot write {}: {e}", path.display()))
            .with_hint("choose a folder you can write to")
    };
    let mut written = Vec::new();
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| cannot(parent, e))?;
        }
        // `create_new`: a file that appeared since the check is still not overwritten.
        let result = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        result.map_err(|e| cannot(&path, e))?;
        written.push(path);
    }
    Ok(written)
}

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
    use toml::de::{DeTable, DeValue};

    use super::*;
    use crate::content::{self, Field, Kind, ROOT_KEYS};
    use crate::diag::Source;

    /// Keys the starter shows commented out: the photo (there is no photo file yet)
    /// and its alternative text, the margins (the theme's own are better until you
    /// want others) and the fonts (none is needed until a script is missing).
    const COMMENTED: &[&str] = &[
        "profile.photo",
        "profile.photo_alt",
        "profile.devanagari_lang",
        "design.margins",
        "design.fonts",
    ];

    fn parse(text: &str) -> (Option<crate::model::Portfolio>, Vec<Diagnostic>) {
        let src = Source::new("content/portfolio.toml", text);
        content::parse(&src, Path::new("/nonexistent-folio-init"), &crate::text::covers)
    }

    /// `# key = value` lines made `key = value` again.
    fn uncommented() -> String {
        let lines: Vec<String> = STARTER
            .lines()
            .map(|l| {
                let name = l.strip_prefix("# ").and_then(|r| r.split(" = ").next()).unwrap_or("");
                if COMMENTED.iter().any(|k| k.ends_with(&format!(".{name}"))) {
                    l[2..].to_string()
                } else {
                    l.to_string()
                }
            })
            .collect();
        lines.join("\n")
    }

    #[test]
    fn the_starter_builds_without_errors_or_warnings() {
        let (p, diags) = parse(STARTER);
        assert!(diags.is_empty(), "{diags:#?}");
        let p = p.unwrap();
        assert_eq!(p.profile.name, "Your Name");
        assert_eq!(p.systems.len(), 1);
        assert!(STARTER.starts_with("#:schema ./portfolio.schema.json\n"));
    }

    /// Every key of every table has a value in the starter, and with the commented
    /// keys uncommented it still parses (only the photo file is missing).
    #[test]
    fn the_starter_shows_every_key() {
        fn walk(fields: &'static [Field], t: &DeTable<'_>, path: &str, missing: &mut Vec<String>) {
            for f in fields {
                let full = if path.is_empty() {
                    f.name.to_string()
                } else {
                    format!("{path}.{}", f.name)
                };
                match (f.kind, t.get(f.name).map(|v| v.get_ref())) {
                    (_, None) => missing.push(full),
                    (Kind::Table(sub), Some(DeValue::Table(t))) => walk(sub, t, &full, missing),
                    (Kind::Tables(sub), Some(DeValue::Array(ts))) => {
                        for t in ts.iter() {
                            if let DeValue::Table(t) = t.get_ref() {
                                walk(sub, t, &full, missing);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let text = uncommented();
        let (doc, errors) = DeTable::parse_recoverable(&text);
        assert!(errors.is_empty(), "{errors:?}");
        let mut missing = Vec::new();
        walk(ROOT_KEYS, doc.get_ref(), "", &mut missing);
        assert!(missing.is_empty(), "keys the starter does not show: {missing:?}");

        for key in COMMENTED {
            let name = key.rsplit('.').next().unwrap();
            assert!(
                STARTER.contains(&format!("\n# {name} = ")),
                "{key} is not shown commented out"
            );
        }
        let (_, diags) = parse(&text);
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        // the files a commented-out key names are not there
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert!(messages[0].contains("photo.jpg"), "{messages:#?}");
        assert!(messages[1].contains("NotoSansSC-Regular.otf"), "{messages:#?}");
    }

    /// The comment lines a key's doc gives, above `key = ...` or its `[header]`;
    /// for a list of inline tables, its keys' docs too.
    fn doc_lines(f: &Field, inline: bool) -> Vec<String> {
        let required = |f: &Field| if f.required { " Required." } else { "" };
        let mut lines = vec![format!("# {}{}", f.doc, required(f))];
        if let (Kind::Tables(sub), true) = (f.kind, inline) {
            lines.extend(sub.iter().map(|s| format!("#   {}: {}{}", s.name, s.doc, required(s))));
        }
        lines
    }

    /// The keys of the table at a dotted header path such as `systems.case_study`.
    fn field_at(path: &str) -> &'static Field {
        let mut fields = ROOT_KEYS;
        let mut found = None;
        for name in path.split('.') {
            let f = fields
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("no table {path}"));
            fields = f.kind.fields().unwrap_or(&[]);
            found = Some(f);
        }
        found.unwrap()
    }

    /// Each key's doc, from the key tables, is the comment right above it (and above
    /// the first of its tables), so the starter and the format cannot drift apart.
    #[test]
    fn every_key_has_its_doc_above_it() {
        let lines: Vec<&str> = STARTER.lines().collect();
        let key_line = |l: &str| -> Option<String> {
            let l = l.strip_prefix("# ").unwrap_or(l);
            let (name, _) = l.split_once(" = ")?;
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                .then(|| name.to_string())
        };
        // The comment block right above line `i`, stopping at a commented-out key.
        let above = |i: usize| -> Vec<String> {
            let mut block = Vec::new();
            for l in lines[..i].iter().rev() {
                if !l.starts_with('#') || key_line(l).is_some() {
                    break;
                }
                block.push(l.to_string());
            }
            block.reverse();
            block
        };
        let mut table: Option<&'static Field> = None;
        let mut seen_headers = Vec::new();
        let mut first_of_its_tables = true;
        let mut checked = 0;
        for (i, line) in lines.iter().enumerate() {
            let header = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]"));
            if let Some(path) = header.or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']'))) {
                let f = field_at(path);
                first_of_its_tables = !seen_headers.contains(&path);
                if first_of_its_tables {
                    assert_eq!(above(i), doc_lines(f, false), "above [{path}]");
                    seen_headers.push(path);
                    checked += 1;
                }
                table = Some(f);
                continue;
            }
            let Some(name) = key_line(line) else { continue };
            let fields = table.and_then(|t| t.kind.fields()).unwrap_or(ROOT_KEYS);
            let f = fields
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("`{name}` on line {} is not a key of its table", i + 1));
            if first_of_its_tables {
                assert_eq!(above(i), doc_lines(f, true), "above `{name}` on line {}", i + 1);
                checked += 1;
            }
        }
        // Tables two levels deep and arrays of tables one level deep are inline
        // (`links = [{ ... }]`): their keys' docs are in the block above them.
        fn count(fields: &[Field], depth: usize) -> usize {
            let inner = |f: &Field| match f.kind {
                Kind::Table(sub) if depth <= 1 => count(sub, depth + 1),
                Kind::Tables(sub) if depth == 0 => count(sub, depth + 1),
                _ => 0,
            };
            fields.iter().map(|f| 1 + inner(f)).sum()
        }
        assert_eq!(checked, count(ROOT_KEYS, 0), "every key's doc is checked once");
    }

    #[test]
    fn init_refuses_to_overwrite_anything() {
        let dir = std::env::temp_dir().join(format!("folio-init-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("README.md"), "mine").unwrap();
        let d = init(&dir).unwrap_err();
        assert_eq!(
            d.message,
            format!(
                "{} already exists; folio init overwrites nothing, and wrote nothing",
                dir.join("README.md").display()
            )
        );
        assert_eq!(d.location, Location::None);
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
