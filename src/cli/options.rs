//! Flags resolved into what the pipeline needs: the creation date, which PDFs,
//! the content files (a folder stands for the .toml files in it) and where each
//! builds (its own folder when there are several, with no two in one).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use folio::diag::{Diagnostic, Location};
use folio::{Applications, BuildOptions, Formats, Outputs};

use super::args::{BuildArgs, CheckArgs, FormatName, Only, ReportArgs, ResumeArgs};

/// What `folio build` does with its builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    /// `--check`: compare with the PDFs on disk, write nothing.
    Check,
    /// `--watch`: build, then rebuild on every save.
    Watch,
}

/// `folio build`, resolved.
#[derive(Debug, Clone)]
pub struct Build {
    pub builds: Vec<BuildOptions>,
    /// Several content files, each building into its own folder.
    pub many: bool,
    pub mode: Mode,
}

/// Why the flags of `folio build` cannot be resolved.
#[derive(Debug, Clone)]
pub enum Unresolved {
    /// The creation date is wrong (`SOURCE_DATE_EPOCH`).
    Date(Diagnostic),
    /// The content files cannot be listed, or two would build into one folder.
    Contents(Diagnostic),
}

/// Resolve `folio build`'s flags.
pub fn build(args: &BuildArgs) -> Result<Build, Unresolved> {
    let date = creation_date(args.date).map_err(Unresolved::Date)?;
    let outputs = Outputs {
        portfolio: args.only != Some(Only::Resume),
        resume: (args.resume || args.only == Some(Only::Resume)) && args.only != Some(Only::Portfolio),
    };
    let applications = if args.applications {
        Applications::All
    } else if !args.application.is_empty() {
        Applications::Only(args.application.iter().map(|id| id.trim().to_string()).collect())
    } else {
        Applications::None
    };
    let has = |f: FormatName| args.formats.contains(&f);
    let formats = Formats {
        pdf: has(FormatName::Pdf),
        txt: has(FormatName::Txt),
        md: has(FormatName::Md),
        json: has(FormatName::Json),
    };
    let (contents, many) = content_files(&args.content, &args.out_dir).map_err(Unresolved::Contents)?;
    let builds = contents
        .into_iter()
        .map(|content| {
            let out_dir = if many {
                args.out_dir.join(content.file_stem().unwrap_or_default())
            } else {
                args.out_dir.clone()
            };
            BuildOptions {
                outputs,
                date,
                applications: applications.clone(),
                formats,
                ..options(BuildOptions::new(content, out_dir), &args.resume_opts, &args.report)
            }
        })
        .collect();
    let mode = if args.check {
        Mode::Check
    } else if args.watch {
        Mode::Watch
    } else {
        Mode::Write
    };
    Ok(Build { builds, many, mode })
}

/// Resolve `folio check`'s flags: both outputs and every application, so that
/// every warning a build could give shows. A wrong `SOURCE_DATE_EPOCH` is an error here too.
pub fn check(args: &CheckArgs) -> Result<BuildOptions, Diagnostic> {
    creation_date(None)?;
    Ok(BuildOptions {
        outputs: Outputs {
            portfolio: true,
            resume: true,
        },
        applications: Applications::Any,
        ..options(BuildOptions::new(&args.content, ""), &args.resume_opts, &args.report)
    })
}

fn options(base: BuildOptions, resume: &ResumeArgs, report: &ReportArgs) -> BuildOptions {
    BuildOptions {
        focus: resume.focus.clone(),
        strict_fit: resume.strict_fit,
        deny_warnings: report.deny_warnings,
        ..base
    }
}

/// The creation date: `--date` if given, else `SOURCE_DATE_EPOCH`, else none.
fn creation_date(flag: Option<chrono::NaiveDate>) -> Result<Option<chrono::NaiveDateTime>, Diagnostic> {
    match flag {
        Some(d) => Ok(d.and_hms_opt(0, 0, 0)),
        None => source_date_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
    }
}

/// The creation date from `SOURCE_DATE_EPOCH` (seconds since 1970, UTC), if set.
fn source_date_epoch(value: Option<&str>) -> Result<Option<chrono::NaiveDateTime>, Diagnostic> {
    let Some(v) = value else { return Ok(None) };
    let secs: i64 = v.trim().parse().map_err(|_| {
        Diagnostic::error(
            Location::None,
            format!("SOURCE_DATE_EPOCH is `{v}`, not a number of seconds"),
        )
        .with_hint("set it to a Unix timestamp such as 1735689600, or unset it")
    })?;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| Some(d.naive_utc()))
        .ok_or_else(|| {
            Diagnostic::error(Location::None, format!("SOURCE_DATE_EPOCH {secs} is out of range"))
                .with_hint("set it to a Unix timestamp such as 1735689600")
        })
}

/// The content files to build, and whether there are several (then each builds
/// into its own folder): the paths given, a folder standing for the .toml files in it.
fn content_files(paths: &[PathBuf], out_dir: &Path) -> Result<(Vec<PathBuf>, bool), Diagnostic> {
    let mut files = Vec::new();
    let mut folder = false;
    for p in paths {
        if !p.is_dir() {
            files.push(p.clone());
            continue;
        }
        folder = true;
        let mut found: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(|e| Diagnostic::error(Location::None, format!("cannot read the folder {}: {e}", p.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
            .collect();
        if found.is_empty() {
            return Err(Diagnostic::error(
                Location::None,
                format!("{} is a folder with no .toml file in it", p.display()),
            )
            .with_hint("give the path of a .toml file, or of a folder holding .toml files"));
        }
        found.sort();
        files.extend(found);
    }
    let many = folder || files.len() > 1;
    if many {
        // Two files of the same name would write into the same folder.
        let mut seen: Vec<(&OsStr, &Path)> = Vec::new();
        for f in &files {
            let stem = f.file_stem().unwrap_or_default();
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == stem) {
                return Err(Diagnostic::error(
                    Location::None,
                    format!(
                        "{} and {} would both be written to {}",
                        first.display(),
                        f.display(),
                        out_dir.join(stem).display()
                    ),
                )
                .with_hint("each content file builds into a folder named after it: rename one of them"));
            }
            seen.push((stem, f));
        }
    }
    Ok((files, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_stands_for_its_toml_files_and_two_of_one_name_clash() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        for d in [&a, &b] {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join("p.toml"), "").unwrap();
        }
        std::fs::write(a.join("q.toml"), "").unwrap();
        std::fs::write(a.join("notes.txt"), "").unwrap();
        let out = Path::new("out");
        let (files, many) = content_files(std::slice::from_ref(&a), out).unwrap();
        assert_eq!(files, vec![a.join("p.toml"), a.join("q.toml")]);
        assert!(many);
        let (files, many) = content_files(&[a.join("p.toml")], out).unwrap();
        assert_eq!((files.len(), many), (1, false));
        let clash = content_files(&[a.clone(), b.clone()], out).unwrap_err();
        assert!(
            clash.message.contains("would both be written to out/p"),
            "{}",
            clash.message
        );
        let empty = dir.path().join("empty");
        std::fs::create_dir_all(&empty).unwrap();
        assert!(content_files(&[empty], out)
            .unwrap_err()
            .message
            .contains("no .toml file"));
    }

    #[test]
    fn source_date_epoch_is_seconds_since_1970() {
        assert_eq!(source_date_epoch(None).unwrap(), None);
        let d = source_date_epoch(Some(" 86400 ")).unwrap().unwrap();
        assert_eq!(d.to_string(), "1970-01-02 00:00:00");
        assert!(source_date_epoch(Some("yesterday"))
            .unwrap_err()
            .message
            .contains("not a number"));
        assert!(source_date_epoch(Some("99999999999999999")).is_err());
    }
}
