//! The catalogue of bad inputs: every way a content file, a photo, a path or a
//! command line can be wrong, with the exact report folio must print for it.
//!
//! Each case runs the real binary in a fresh folder that already holds a previous
//! build (`output/portfolio.pdf`, `output/resume.pdf`), with the content file given
//! by a relative path, and checks:
//! - the exit status (1 for a mistake in the content or the output folder, 2 for
//!   command-line misuse, 0 for warnings only), within a time limit (no hang);
//! - stderr, byte for byte, against `tests/catalogue/NAME.stderr` (no colour, since
//!   stderr is not a terminal and NO_COLOR is set; `FOLIO_UPDATE_GOLDEN=1` rewrites
//!   these files);
//! - that the report names the file, line and column, where the mistake has a place;
//! - that no panic is reported, and that every file in the folder is byte-identical
//!   afterwards: the previous PDFs untouched, no temporary file left behind.
//!
//! Inputs live in `tests/catalogue/NAME.toml`, except those that cannot sensibly be
//! stored (binary, not UTF-8, 20 MB, images, special files, links): those are made by
//! the case (`catalogue_inputs`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one run may take before it counts as a hang.
const TIME_LIMIT: Duration = Duration::from_secs(60);

const PREVIOUS_PORTFOLIO: &[u8] = b"%PDF-1.7\n% the portfolio of a previous, good build\n%%EOF\n";
const PREVIOUS_RESUME: &[u8] = b"%PDF-1.7\n% the resume of a previous, good build\n%%EOF\n";

struct Case {
    name: &'static str,
    /// Arguments; `@` stands for the content file (`NAME.toml`, or the `content` case's).
    args: &'static [&'static str],
    status: i32,
    /// Where the first report points (`NAME.toml:line:col`), when the mistake has a place.
    at: Option<&'static str>,
    /// Use this case's `.toml` instead of one named after the case.
    content: Option<&'static str>,
    /// Makes the inputs that are not stored, in the case's folder.
    setup: Option<fn(&Path)>,
    /// A successful build that writes new PDFs (warnings only).
    writes: bool,
    /// Environment variables set for the run.
    env: &'static [(&'static str, &'static str)],
    /// Files (relative to the case's folder) the run must remove: temporary files
    /// of killed builds; every other file is checked as usual.
    removes: &'static [&'static str],
}

const fn case(name: &'static str, at: Option<&'static str>) -> Case {
    Case {
        name,
        args: &["build", "@"],
        status: 1,
        at,
        content: None,
        setup: None,
        writes: false,
        env: &[],
        removes: &[],
    }
}

const fn made(name: &'static str, at: Option<&'static str>, setup: fn(&Path)) -> Case {
    Case {
        setup: Some(setup),
        ..case(name, at)
    }
}

fn cases() -> Vec<Case> {
    vec![
        // TOML syntax
        case("syntax-unquoted-string", Some("syntax-unquoted-string.toml:2:8")),
        case("syntax-unclosed-string", Some("syntax-unclosed-string.toml:3:26")),
        case("syntax-unclosed-array", Some("syntax-unclosed-array.toml:7:1")),
        case("syntax-duplicate-key", Some("syntax-duplicate-key.toml:7:1")),
        case("syntax-unclosed-header", Some("syntax-unclosed-header.toml:1:9")),
        made("syntax-deep-nesting", Some("syntax-deep-nesting.toml:5:"), deep_nesting),
        made("control-chars-raw", Some("control-chars-raw.toml:6:16"), raw_escape),
        // wrong types
        case("type-tags-string", Some("type-tags-string.toml:6:8")),
        case("type-name-number", Some("type-name-number.toml:2:8")),
        case("type-systems-table", Some("type-systems-table.toml:4:1")),
        case("type-start-bool", Some("type-start-bool.toml:6:9")),
        // missing and empty
        case("missing-title", Some("missing-title.toml:4:1")),
        case("missing-name", Some("missing-name.toml:1:1")),
        case("missing-tables", None),
        case("empty-required", Some("empty-required.toml:5:9")),
        // unknown keys
        case("unknown-key-typo", Some("unknown-key-typo.toml:5:1")),
        case("unknown-keys-everywhere", Some("unknown-keys-everywhere.toml:1:1")),
        case("unknown-key-wrong-table", Some("unknown-key-wrong-table.toml:9:1")),
        made("crlf-bom", Some("crlf-bom.toml:3:1"), crlf_bom),
        // ids
        case("duplicate-id", Some("duplicate-id.toml:9:6")),
        case("duplicate-id-from-title", Some("duplicate-id-from-title.toml:7:1")),
        case("resume-unknown-id", Some("resume-unknown-id.toml:12:12")),
        // dates
        case("date-month-13", Some("date-month-13.toml:6:9")),
        case("date-impossible-day", Some("date-impossible-day.toml:6:9")),
        case("date-bad-form", Some("date-bad-form.toml:6:9")),
        case("date-out-of-range", Some("date-out-of-range.toml:6:9")),
        case("date-end-before-start", Some("date-end-before-start.toml:7:7")),
        case("date-end-without-start", Some("date-end-without-start.toml:7:7")),
        // text
        case("url-and-email", Some("url-and-email.toml:3:9")),
        case("control-chars", Some("control-chars.toml:6:11")),
        made("long-string", Some("long-string.toml:6:11"), long_string),
        made("long-word", Some("long-word.toml:6:11"), long_word),
        made("many-entries", Some("many-entries.toml:4:1"), many_entries),
        Case {
            status: 0,
            writes: true,
            ..case("missing-glyph", Some("missing-glyph.toml:6:11"))
        },
        Case {
            args: &["build", "@", "--deny-warnings"],
            content: Some("missing-glyph"),
            ..case("missing-glyph-deny-warnings", Some("missing-glyph.toml:6:11"))
        },
        Case {
            status: 0,
            writes: true,
            ..case("markup-unbalanced", Some("markup-unbalanced.toml:6:11"))
        },
        Case {
            status: 0,
            writes: true,
            ..case(
                "markup-unbalanced-highlight",
                Some("markup-unbalanced-highlight.toml:10:15"),
            )
        },
        // text that does not print as written, and the user's fonts
        Case {
            status: 0,
            writes: true,
            ..case("text-bidi-controls", Some("text-bidi-controls.toml:6:11"))
        },
        Case {
            status: 0,
            writes: true,
            ..case("text-rtl", Some("text-rtl.toml:6:11"))
        },
        Case {
            status: 0,
            writes: true,
            ..case("text-missing-emoji", Some("text-missing-emoji.toml:6:11"))
        },
        Case {
            status: 0,
            writes: true,
            ..made("font-cjk", Some("font-cjk.toml:6:11"), font_cjk)
        },
        case("font-missing", Some("font-missing.toml:8:10")),
        made("font-not-a-font", Some("font-not-a-font.toml:8:10"), font_text),
        made("font-collection", Some("font-collection.toml:8:10"), font_collection),
        made("font-pipe", Some("font-pipe.toml:8:10"), font_pipe),
        case("font-not-a-list", Some("font-not-a-list.toml:8:9")),
        // many at once
        case("many-errors", Some("many-errors.toml:2:8")),
        // the photo
        case("photo-missing", Some("photo-missing.toml:3:9")),
        made("photo-directory", Some("photo-directory.toml:3:9"), photo_directory),
        made("photo-not-an-image", Some("photo-not-an-image.toml:3:9"), photo_text),
        made("photo-truncated", Some("photo-truncated.toml:3:9"), photo_truncated),
        made("photo-bomb", Some("photo-bomb.toml:3:9"), photo_bomb),
        made("photo-pipe", Some("photo-pipe.toml:3:9"), photo_pipe),
        // the content file itself
        case("empty-file", None),
        made("binary-file", None, binary_file),
        made("invalid-utf8", Some("invalid-utf8.toml:2:18"), invalid_utf8),
        made("huge-file", None, huge_file),
        Case {
            args: &["build", "content"],
            ..made("content-is-directory", None, |dir| {
                fs::create_dir(dir.join("content")).unwrap()
            })
        },
        Case {
            args: &["build", "no-such-file.toml"],
            ..case("content-missing", None)
        },
        // the output folder
        Case {
            args: &["build", "@", "--out-dir", "notes.txt/pdfs"],
            content: Some("valid"),
            ..made("out-dir-through-file", None, notes_file)
        },
        Case {
            args: &["build", "@", "--resume", "--out-dir", "notes.txt"],
            content: Some("valid"),
            ..made("out-dir-is-file", None, notes_file)
        },
        // [design]
        case("design-mistakes", Some("design-mistakes.toml:8:9")),
        Case {
            args: &["check", "@"],
            status: 0,
            ..case("design-low-contrast", Some("design-low-contrast.toml:9:10"))
        },
        Case {
            args: &["check", "@", "--deny-warnings"],
            content: Some("design-low-contrast"),
            ..case("check-deny-warnings", Some("design-low-contrast.toml:9:10"))
        },
        // metrics
        case("metric-visual-unknown", Some("metric-visual-unknown.toml:7:52")),
        Case {
            args: &["check", "@"],
            status: 0,
            ..case(
                "metric-visual-not-a-factor",
                Some("metric-visual-not-a-factor.toml:7:52"),
            )
        },
        // check
        Case {
            args: &["check", "@"],
            content: Some("many-errors"),
            ..case("check-many-errors", Some("many-errors.toml:2:8"))
        },
        Case {
            args: &["check", "@"],
            status: 0,
            content: Some("valid"),
            ..case("check-valid", None)
        },
        Case {
            args: &["check", "@", "--focus", "Mathematic,Kubernetes"],
            status: 0,
            ..case("focus-unknown-tag", None)
        },
        // [[applications]]
        case("applications-mistakes", Some("applications-mistakes.toml:13:8")),
        Case {
            args: &[
                "build",
                "@",
                "--application",
                "royal-society",
                "--application",
                "engine-co-programer",
            ],
            content: Some("applications"),
            ..case("application-unknown-id", None)
        },
        Case {
            args: &["build", "@", "--applications"],
            ..case("letter-too-long", None)
        },
        // an application's folder stays inside applications/
        Case {
            args: &["build", "@", "--applications"],
            ..case("application-id-outside", Some("application-id-outside.toml:10:6"))
        },
        // special files: refused at once, never waited on
        Case {
            args: &["build", "pipe.toml"],
            ..made("content-fifo", None, content_fifo)
        },
        Case {
            args: &["check", "pipe.toml"],
            ..made("check-content-fifo", None, content_fifo)
        },
        Case {
            args: &["build", "pipe.toml", "--check"],
            ..made("build-check-content-fifo", None, content_fifo)
        },
        Case {
            args: &["import", "resume.json"],
            ..made("import-fifo", None, json_fifo)
        },
        Case {
            args: &["build", "/dev/zero", "--resume"],
            ..case("content-device", None)
        },
        Case {
            args: &["import", "/dev/zero"],
            ..case("import-device", None)
        },
        Case {
            args: &["check", "socket.toml"],
            ..made("content-socket", None, content_socket)
        },
        made("photo-socket", Some("photo-socket.toml:3:9"), photo_socket),
        // limits measured in what they cost
        made("limit-pages", None, limit_pages),
        made("photo-huge-file", Some("photo-huge-file.toml:3:9"), photo_huge_file),
        made(
            "photo-progressive-huge",
            Some("photo-progressive-huge.toml:3:9"),
            photo_progressive_huge,
        ),
        Case {
            status: 0,
            writes: true,
            ..made("photo-iccp-bomb", None, photo_iccp_bomb)
        },
        // files the content names stay in its folder (or --root)
        made(
            "photo-outside-dotdot",
            Some("photo-outside-dotdot.toml:3:9"),
            secret_beside,
        ),
        case("photo-outside-absolute", Some("photo-outside-absolute.toml:3:9")),
        made(
            "photo-outside-symlink",
            Some("photo-outside-symlink.toml:3:9"),
            secret_linked,
        ),
        Case {
            args: &["check", "@"],
            content: Some("photo-outside-dotdot"),
            ..made(
                "check-photo-outside",
                Some("photo-outside-dotdot.toml:3:9"),
                secret_beside,
            )
        },
        Case {
            args: &["build", "@", "--root", ".."],
            content: Some("photo-outside-dotdot"),
            status: 0,
            writes: true,
            ..made("root-widens", None, secret_beside)
        },
        made(
            "font-outside-dotdot",
            Some("font-outside-dotdot.toml:8:10"),
            font_beside,
        ),
        Case {
            args: &["build", "@", "--root", ".."],
            content: Some("font-outside-dotdot"),
            status: 0,
            writes: true,
            ..made("font-root-widens", None, font_beside)
        },
        Case {
            args: &["build", "@", "--root", "content"],
            content: Some("root-outside"),
            ..made("root-outside", Some("root-outside.toml:3:9"), content_folder)
        },
        Case {
            args: &["build", "@", "--root", "no-such-folder"],
            content: Some("valid"),
            status: 2,
            ..case("root-not-a-folder", None)
        },
        // SOURCE_DATE_EPOCH within the years a PDF date holds
        Case {
            content: Some("valid"),
            env: &[("SOURCE_DATE_EPOCH", "253402300800")],
            ..case("source-date-epoch-past-9999", None)
        },
        Case {
            args: &["check", "@"],
            content: Some("valid"),
            env: &[("SOURCE_DATE_EPOCH", "253402300800")],
            ..case("source-date-epoch-check", None)
        },
        Case {
            content: Some("valid"),
            env: &[("SOURCE_DATE_EPOCH", "-62167219201")],
            ..case("source-date-epoch-before-0000", None)
        },
        // located, with a hint, like every other error
        made(
            "syntax-dotted-key-limit",
            Some("syntax-dotted-key-limit.toml:6:1"),
            dotted_key,
        ),
        case("syntax-lone-surrogate", Some("syntax-lone-surrogate.toml:5:12")),
        made("nul-late", Some("nul-late.toml:7:22"), nul_late),
        // the output as a transaction
        Case {
            content: Some("valid"),
            ..made("out-symlink", None, portfolio_symlink)
        },
        Case {
            args: &["build", "@", "--resume"],
            content: Some("valid"),
            ..made("out-symlink-resume", None, resume_symlink)
        },
        Case {
            content: Some("valid"),
            status: 0,
            writes: true,
            removes: &["output/.portfolio.pdf.4194305.tmp", "output/.resume.pdf.4194306.tmp"],
            ..made("stale-temp-removed", None, stale_temps)
        },
        Case {
            args: &["build", "@", "--applications"],
            content: Some("applications"),
            ..made("out-symlink-application", None, application_folder_symlink)
        },
        Case {
            args: &["build", "@", "--applications"],
            content: Some("applications"),
            status: 0,
            writes: true,
            removes: &[
                "output/applications/royal-society/.resume.pdf.4194305.tmp",
                "output/applications/engine-co-programmer/.cover-letter.pdf.4194306.tmp",
            ],
            ..made("stale-temp-removed-application", None, application_stale_temps)
        },
        // command-line misuse
        Case {
            args: &["build", "@", "--format", "xml"],
            status: 2,
            content: Some("valid"),
            ..case("cli-bad-format", None)
        },
        Case {
            args: &["check", "@", "--colour"],
            status: 2,
            content: Some("valid"),
            ..case("cli-unknown-flag", None)
        },
    ]
}

mod catalogue_inputs;
use catalogue_inputs::*;

fn font_cjk(dir: &Path) {
    fs::create_dir(dir.join("fonts")).unwrap();
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fonts/NotoSansSC-Subset.otf");
    fs::copy(font, dir.join("fonts/NotoSansSC-Subset.otf")).unwrap();
}

fn font_beside(dir: &Path) {
    // the font one folder up: outside the content file's folder
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fonts/NotoSansSC-Subset.otf");
    fs::copy(font, dir.parent().unwrap().join("NotoSansSC-Subset.otf")).unwrap();
}

fn font_text(dir: &Path) {
    fs::write(dir.join("notes.otf"), "just some text, not a font\n").unwrap();
}

fn font_collection(dir: &Path) {
    // the header of a TrueType collection: several faces in one file
    let mut bytes = b"ttcf\x00\x02\x00\x00\x00\x00\x00\x02".to_vec();
    bytes.resize(64, 0);
    fs::write(dir.join("NotoSansCJK-Regular.ttc"), bytes).unwrap();
}

fn font_pipe(dir: &Path) {
    // a named pipe with no writer: opening it to read would wait forever
    let ok = Command::new("mkfifo")
        .arg(dir.join("font.otf"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "mkfifo (coreutils) is needed for the font-pipe case");
}

// ---------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------

fn catalogue_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/catalogue")
}

/// Every file under `dir` (relative path → bytes); special files as a marker.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if meta.is_dir() {
                out.insert(rel.join(""), b"<folder>".to_vec());
                walk(root, &path, out);
            } else if meta.is_file() && meta.len() > 1024 * 1024 {
                // The sparse 20 MB file: its size stands for it.
                out.insert(rel, format!("<{} bytes>", meta.len()).into_bytes());
            } else if meta.is_file() {
                out.insert(rel, fs::read(&path).unwrap());
            } else {
                out.insert(rel, b"<special>".to_vec());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

struct Run {
    status: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Run `folio` in `cwd` with a time limit; stdout and stderr go to files in `logs`.
fn run(cwd: &Path, logs: &Path, args: &[&str]) -> Run {
    run_with(cwd, logs, args, &[])
}

fn run_with(cwd: &Path, logs: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let (out_path, err_path) = (logs.join("stdout"), logs.join("stderr"));
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("run folio");
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code();
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        status,
        stdout: fs::read_to_string(out_path).unwrap(),
        stderr: String::from_utf8_lossy(&fs::read(err_path).unwrap()).into_owned(),
        took: start.elapsed(),
    }
}

/// Run one case; the problems found, if any.
fn check_case(c: &Case, update: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let temp = tempfile::tempdir().unwrap();
    let (work, logs) = (temp.path().join("work"), temp.path().join("logs"));
    fs::create_dir_all(work.join("output")).unwrap();
    fs::create_dir_all(&logs).unwrap();
    fs::write(work.join("output/portfolio.pdf"), PREVIOUS_PORTFOLIO).unwrap();
    fs::write(work.join("output/resume.pdf"), PREVIOUS_RESUME).unwrap();
    let content = c.content.unwrap_or(c.name);
    let stored = catalogue_dir().join(format!("{content}.toml"));
    if stored.exists() {
        fs::copy(&stored, work.join(format!("{content}.toml"))).unwrap();
    }
    if let Some(setup) = c.setup {
        setup(&work);
    }
    let file = format!("{content}.toml");
    let args: Vec<&str> = c
        .args
        .iter()
        .map(|&a| if a == "@" { file.as_str() } else { a })
        .collect();
    let mut before = snapshot(&work);
    for gone in c.removes {
        assert!(before.remove(Path::new(gone)).is_some(), "{gone} is made by the setup");
    }
    let r = run_with(&work, &logs, &args, c.env);

    if r.status != Some(c.status) {
        match r.status {
            None => problems.push(format!("no exit status after {:?}: a hang, or killed", r.took)),
            Some(s) => problems.push(format!("exit status {s}, expected {}", c.status)),
        }
    }
    if r.stderr.contains("panicked") || r.stderr.contains("RUST_BACKTRACE") {
        problems.push("folio panicked".into());
    }
    if let Some(at) = c.at {
        if !r.stderr.contains(&format!("┌─ {at}")) {
            problems.push(format!("the report does not point at {at}"));
        }
    }
    if c.status == 1 && !r.stderr.contains("error: ") {
        problems.push("exit 1 without an error".into());
    }

    let golden = catalogue_dir().join(format!("{}.stderr", c.name));
    if update {
        fs::write(&golden, &r.stderr).unwrap();
    }
    match fs::read_to_string(&golden) {
        Ok(want) if want == r.stderr => {}
        Ok(want) => problems.push(format!(
            "stderr differs from {}:\n--- expected\n{want}--- got\n{}---",
            golden.display(),
            r.stderr
        )),
        Err(_) => problems.push(format!(
            "no golden file {} (FOLIO_UPDATE_GOLDEN=1 writes it); stderr was:\n{}",
            golden.display(),
            r.stderr
        )),
    }

    let after = snapshot(&work);
    for gone in c.removes {
        if work.join(gone).exists() {
            problems.push(format!("{gone} was not removed"));
        }
    }
    if c.writes {
        // Only the PDFs changed, into real PDFs; nothing else appeared.
        let keys = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        if keys(&before) != keys(&after) {
            problems.push(format!("files changed: {:?} → {:?}", keys(&before), keys(&after)));
        }
        let pdf = after
            .get(Path::new("output/portfolio.pdf"))
            .cloned()
            .unwrap_or_default();
        if !pdf.starts_with(b"%PDF-") || pdf == PREVIOUS_PORTFOLIO {
            problems.push("the build did not write a new portfolio.pdf".into());
        }
        if !r.stdout.contains("wrote output/portfolio.pdf") {
            problems.push(format!("stdout does not say what was written: {}", r.stdout));
        }
    } else if before != after {
        let changed: Vec<_> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        problems.push(format!("files were changed, added or removed: {changed:?}"));
    }
    problems
}

#[test]
fn catalogue_of_bad_inputs() {
    let cases = cases();
    assert!(cases.len() >= 30);
    let mut names: Vec<&str> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names are unique");

    let update = std::env::var_os("FOLIO_UPDATE_GOLDEN").is_some();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(4, |n| n.get()).min(8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(c) = cases.get(i) else { break };
                let problems = check_case(c, update);
                if !problems.is_empty() {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("{}:\n  {}", c.name, problems.join("\n  ")));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} catalogue cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );

    // Every stored input and golden file belongs to a case.
    for entry in fs::read_dir(catalogue_dir()).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let used = cases.iter().any(|c| c.name == stem || c.content == Some(stem.as_str()));
        assert!(used, "{} belongs to no case", path.display());
    }
}

/// `--format json`: one JSON object per line on stderr, with the same places as the
/// human report.
#[test]
fn json_diagnostics_are_one_object_per_line() {
    let temp = tempfile::tempdir().unwrap();
    let (work, logs) = (temp.path().join("work"), temp.path().join("logs"));
    fs::create_dir_all(&work).unwrap();
    fs::create_dir_all(&logs).unwrap();
    fs::copy(catalogue_dir().join("many-errors.toml"), work.join("many-errors.toml")).unwrap();
    fs::copy(catalogue_dir().join("design-low-contrast.toml"), work.join("pale.toml")).unwrap();

    let human = run(&work, &logs, &["check", "many-errors.toml"]);
    for command in ["check", "build"] {
        let r = run(&work, &logs, &[command, "many-errors.toml", "--format", "json"]);
        assert_eq!(r.status, Some(1));
        let lines: Vec<serde_json::Value> = r
            .stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect();
        assert_eq!(lines.len(), 9, "{}", r.stderr);
        for v in &lines {
            let o = v.as_object().unwrap();
            let keys: Vec<&str> = o.keys().map(String::as_str).collect();
            assert_eq!(
                keys.len(),
                6,
                "{v}: file, line, column, severity, message, hint and nothing else"
            );
            assert_eq!(o["file"], "many-errors.toml");
            assert_eq!(o["severity"], "error");
            assert!(o["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert!(o["hint"].is_string() || o["hint"].is_null());
            let (line, col) = (o["line"].as_u64().unwrap(), o["column"].as_u64().unwrap());
            let place = format!("┌─ many-errors.toml:{line}:{col}\n");
            assert!(human.stderr.contains(&place), "{place} not in the human report");
            let message = o["message"].as_str().unwrap();
            assert!(human.stderr.contains(&format!("error: {message}\n")), "{message}");
        }
        assert!(!work.join("output").exists(), "{command} wrote something");
    }

    // Warnings: severity "warning", exit 0; with --deny-warnings exit 1.
    let r = run(&work, &logs, &["check", "pale.toml", "--format", "json"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert_eq!(v["severity"], "warning");
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(9), Some(10)));
    assert!(v["hint"].as_str().unwrap().contains("darker"));
    let r = run(
        &work,
        &logs,
        &["check", "pale.toml", "--format", "json", "--deny-warnings"],
    );
    assert_eq!(r.status, Some(1));
    assert_eq!(r.stderr.lines().count(), 1);

    // A problem with no place in the file: line and column are null.
    let r = run(&work, &logs, &["check", "nowhere.toml", "--format", "json"]);
    assert_eq!(r.status, Some(1));
    let v: serde_json::Value = serde_json::from_str(r.stderr.trim()).unwrap();
    assert!(v["line"].is_null() && v["column"].is_null());
    assert!(v["message"].as_str().unwrap().contains("nowhere.toml"));
    // A clean file prints nothing at all.
    fs::copy(catalogue_dir().join("valid.toml"), work.join("valid.toml")).unwrap();
    let r = run(&work, &logs, &["check", "valid.toml", "--format", "json"]);
    assert_eq!((r.status, r.stderr.as_str(), r.stdout.as_str()), (Some(0), "", ""));
}

/// `check` writes nothing, even for a good file, and `build` then writes the same
/// content without a word on stderr.
#[test]
fn check_writes_nothing() {
    let temp = tempfile::tempdir().unwrap();
    let (work, logs) = (temp.path().join("work"), temp.path().join("logs"));
    fs::create_dir_all(&work).unwrap();
    fs::create_dir_all(&logs).unwrap();
    fs::copy(catalogue_dir().join("valid.toml"), work.join("valid.toml")).unwrap();
    let before = snapshot(&work);
    let r = run(&work, &logs, &["check", "valid.toml"]);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "valid.toml: no errors or warnings\n");
    assert_eq!(snapshot(&work), before);
    let r = run(&work, &logs, &["build", "valid.toml", "--resume", "--deny-warnings"]);
    assert_eq!((r.status, r.stderr.as_str()), (Some(0), ""));
    assert!(work.join("output/resume.pdf").exists());
}
