//! How people work with folio, through the real binary: reproducible builds,
//! `build --check`, `build --watch`, several content files at once, `init`,
//! `schema`, `import`, completions, the man page and the CI workflow.

mod common;

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value as Json;

const VALID: &str = "[profile]\nname = \"Ada Lovelace\"\nheadline = \"Analyst\"\n\n\
                     [[systems]]\ntitle = \"Analytical Engine notes\"\nsummary = \"Note G.\"\n\
                     metrics = [{ value = \"2.1x\", label = \"Speed\" }]\n";

fn ok(o: &std::process::Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        stderr(o)
    );
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn copy_example(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let examples = repo().join("content/examples");
    fs::copy(examples.join("ada-example.toml"), dir.join("ada-example.toml")).unwrap();
    fs::copy(examples.join("ada-photo.png"), dir.join("ada-photo.png")).unwrap();
    dir.join("ada-example.toml")
}

// ---------------------------------------------------------------------------
// Reproducible builds
// ---------------------------------------------------------------------------

/// The same content, fonts and folio give the same bytes in another folder, from
/// another working directory, in another time zone and locale, on another day.
#[test]
fn builds_are_byte_identical_across_folders_working_directories_and_days() {
    let a = tempdir();
    let b = tempdir();
    copy_example(&a.path().join("portfolio"));
    let content_b = copy_example(&b.path().join("somewhere/else"));
    fs::create_dir_all(b.path().join("cwd")).unwrap();
    let epoch = [("SOURCE_DATE_EPOCH", "1735776000")];
    let o = folio(
        a.path(),
        &["build", "portfolio/ada-example.toml", "--resume", "--out-dir", "out"],
        &[&epoch[..], &[("TZ", "UTC"), ("LC_ALL", "C")]].concat(),
    );
    ok(&o);
    let o = folio(
        &b.path().join("cwd"),
        &["build", content_b.to_str().unwrap(), "--resume", "--out-dir", "../pdfs"],
        &[&epoch[..], &[("TZ", "Asia/Kolkata"), ("LC_ALL", "hi_IN.UTF-8")]].concat(),
    );
    ok(&o);
    for name in ["portfolio.pdf", "resume.pdf"] {
        let x = fs::read(a.path().join("out").join(name)).unwrap();
        let y = fs::read(b.path().join("pdfs").join(name)).unwrap();
        assert!(x == y, "{name} differs between the two builds");
    }
    let pdf = Pdf::open(&a.path().join("out/portfolio.pdf"));
    let created = pdf.info_str("CreationDate").expect("a creation date");
    assert!(created.starts_with("D:20250102000000"), "{created}");

    // --date gives the same bytes as SOURCE_DATE_EPOCH at that midnight, and wins over it.
    let o = folio(
        a.path(),
        &[
            "build",
            "portfolio/ada-example.toml",
            "--resume",
            "--out-dir",
            "dated",
            "--date",
            "2025-01-02",
        ],
        &[("SOURCE_DATE_EPOCH", "1000000000")],
    );
    ok(&o);
    for name in ["portfolio.pdf", "resume.pdf"] {
        let x = fs::read(a.path().join("out").join(name)).unwrap();
        let y = fs::read(a.path().join("dated").join(name)).unwrap();
        assert!(
            x == y,
            "{name}: --date 2025-01-02 differs from SOURCE_DATE_EPOCH=1735776000"
        );
    }
    // Without either, no date at all, and the same bytes every time.
    for out in ["undated1", "undated2"] {
        ok(&folio(
            a.path(),
            &["build", "portfolio/ada-example.toml", "--out-dir", out],
            &[],
        ));
    }
    let undated = fs::read(a.path().join("undated1/portfolio.pdf")).unwrap();
    assert_eq!(undated, fs::read(a.path().join("undated2/portfolio.pdf")).unwrap());
    assert_ne!(undated, fs::read(a.path().join("out/portfolio.pdf")).unwrap());
    assert_eq!(
        Pdf::open(&a.path().join("undated1/portfolio.pdf")).info_str("CreationDate"),
        None
    );
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let dir = tempdir();
    write(dir.path(), "p.toml", VALID);
    for bad in ["2025-13-01", "2025-02-30", "1/2/2025", "2025-1-2", "tomorrow"] {
        let o = folio(dir.path(), &["build", "p.toml", "--date", bad], &[]);
        assert_eq!(o.status.code(), Some(2), "--date {bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
    }
    assert!(!dir.path().join("output").exists());
    // A bad SOURCE_DATE_EPOCH is a clear error unless --date overrides it.
    let o = folio(dir.path(), &["build", "p.toml"], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("SOURCE_DATE_EPOCH is `yesterday`"),
        "{}",
        stderr(&o)
    );
    let o = folio(
        dir.path(),
        &["build", "p.toml", "--date", "2025-06-30"],
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    ok(&o);
}

// ---------------------------------------------------------------------------
// build --check
// ---------------------------------------------------------------------------

#[test]
fn check_names_each_stale_or_missing_pdf_and_writes_nothing() {
    let dir = tempdir();
    let d = dir.path();
    write(d, "p.toml", VALID);
    let check = |extra: &[&str]| {
        folio(
            d,
            &[&["build", "p.toml", "--resume", "--check"][..], extra].concat(),
            &[],
        )
    };

    // Nothing built yet: both missing, and nothing is created.
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("output/portfolio.pdf is missing"), "{err}");
    assert!(err.contains("output/resume.pdf is missing"), "{err}");
    assert!(!d.join("output").exists());

    ok(&folio(d, &["build", "p.toml", "--resume"], &[]));
    let o = check(&[]);
    ok(&o);
    assert!(
        stdout(&o).contains("output/portfolio.pdf is up to date"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("output/resume.pdf is up to date"), "{}", stdout(&o));

    // The content changes: both PDFs are stale, and stay as they were.
    let before: Vec<(Vec<u8>, std::time::SystemTime)> = ["portfolio.pdf", "resume.pdf"]
        .iter()
        .map(|n| {
            let p = d.join("output").join(n);
            (fs::read(&p).unwrap(), fs::metadata(&p).unwrap().modified().unwrap())
        })
        .collect();
    write(d, "p.toml", &VALID.replace("Ada Lovelace", "Ada King"));
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error: output/portfolio.pdf is stale: it is not what p.toml gives now"),
        "{err}"
    );
    assert!(err.contains("output/resume.pdf is stale"), "{err}");
    assert!(err.contains("without --check"), "{err}");
    for ((bytes, modified), n) in before.iter().zip(["portfolio.pdf", "resume.pdf"]) {
        let p = d.join("output").join(n);
        assert_eq!(&fs::read(&p).unwrap(), bytes);
        assert_eq!(&fs::metadata(&p).unwrap().modified().unwrap(), modified);
    }
    assert_eq!(fs::read_dir(d.join("output")).unwrap().count(), 2, "no temporary files");

    // Only what the flags ask for is compared; a different date makes a PDF stale.
    ok(&folio(d, &["build", "p.toml", "--only", "portfolio"], &[]));
    ok(&folio(d, &["build", "p.toml", "--only", "portfolio", "--check"], &[]));
    let o = folio(
        d,
        &[
            "build",
            "p.toml",
            "--only",
            "portfolio",
            "--check",
            "--date",
            "2025-01-01",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let o = folio(d, &["build", "p.toml", "--resume", "--check", "--format", "json"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let line = stderr(&o).lines().next().unwrap().to_string();
    let json: Json = serde_json::from_str(&line).unwrap();
    assert_eq!(
        json["message"],
        "output/resume.pdf is stale: it is not what p.toml gives now"
    );

    // A content error is reported as by a build, exit 1.
    write(d, "p.toml", "[profile]\nnmae = \"x\"\n");
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("did you mean `name`?"), "{}", stderr(&o));
    // --check and --watch do not go together.
    assert_eq!(check(&["--watch"]).status.code(), Some(2));
}

// ---------------------------------------------------------------------------
// build --watch
// ---------------------------------------------------------------------------

/// A running `folio build --watch`, killed when dropped; its output collected.
struct Watcher {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Watcher {
    fn start(dir: &Path, args: &[&str]) -> Watcher {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(args)
            .current_dir(dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start folio --watch");
        let collect = |stream: Box<dyn std::io::Read + Send>| {
            let text = Arc::new(Mutex::new(String::new()));
            let sink = Arc::clone(&text);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let mut s = sink.lock().unwrap();
                    s.push_str(&line);
                    s.push('\n');
                }
            });
            text
        };
        let stdout = collect(Box::new(child.stdout.take().unwrap()));
        let stderr = collect(Box::new(child.stderr.take().unwrap()));
        Watcher { child, stdout, stderr }
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn builds(&self) -> usize {
        self.stdout().lines().filter(|l| l.starts_with("wrote ")).count()
    }

    /// Wait until `done` holds, or panic after `limit` showing the output.
    fn wait(&mut self, what: &str, limit: Duration, mut done: impl FnMut(&Watcher) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            if done(self) {
                return start.elapsed();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "folio --watch exited ({status}) waiting for {what}:\n{}\n{}",
                    self.stdout(),
                    self.stderr()
                );
            }
            assert!(
                start.elapsed() < limit,
                "timed out waiting for {what}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The PDF as it is now, or empty while there is none.
fn read_or_empty(p: &Path) -> Vec<u8> {
    fs::read(p).unwrap_or_default()
}

#[test]
fn watch_rebuilds_once_per_save_and_keeps_the_last_good_pdf() {
    let dir = tempdir();
    let d = dir.path();
    let content = d.join("portfolio.toml");
    fs::write(&content, VALID).unwrap();
    let pdf = d.join("out/portfolio.pdf");
    let limit = Duration::from_secs(20);
    let mut w = Watcher::start(d, &["build", "portfolio.toml", "--out-dir", "out", "--watch"]);
    w.wait("the first build", limit, |w| w.builds() == 1);
    let mut last = fs::read(&pdf).unwrap();
    assert!(last.starts_with(b"%PDF-"));
    assert!(w.stdout().contains(" ms"), "{}", w.stdout());

    // Saves written in place, and saves by rename (as vim, VS Code and others do):
    // each is one rebuild, and the PDF changes.
    let mut latencies = Vec::new();
    for i in 1..=6 {
        let text = VALID.replace("Note G.", &format!("Note G, revision {i}."));
        let saved = Instant::now();
        if i % 2 == 0 {
            let tmp = d.join(".portfolio.toml.tmp~");
            fs::write(&tmp, &text).unwrap();
            fs::rename(&tmp, &content).unwrap();
        } else {
            fs::write(&content, &text).unwrap();
        }
        w.wait(&format!("the PDF of save {i}"), limit, |_| {
            let now = read_or_empty(&pdf);
            !now.is_empty() && now != last
        });
        latencies.push(saved.elapsed());
        last = fs::read(&pdf).unwrap();
        // One rebuild per save: no second one follows.
        std::thread::sleep(Duration::from_millis(400));
        assert_eq!(
            w.builds(),
            1 + i,
            "save {i} was not exactly one rebuild:\n{}",
            w.stdout()
        );
        assert_eq!(fs::read(&pdf).unwrap(), last);
    }
    latencies.sort();
    eprintln!(
        "watch: save to new PDF on disk (debug build, {} saves): min {} ms, median {} ms, max {} ms",
        latencies.len(),
        latencies[0].as_millis(),
        latencies[latencies.len() / 2].as_millis(),
        latencies[latencies.len() - 1].as_millis()
    );

    // An invalid save: the error is shown, the last good PDF stays, watching goes on.
    fs::write(&content, "[profile]\nname = \"Ada\n").unwrap();
    w.wait("the error", limit, |w| w.stderr().contains("build failed"));
    let err = w.stderr();
    assert!(err.contains("error: invalid TOML"), "{err}");
    assert!(err.contains("portfolio.toml:2:"), "{err}");
    assert!(err.contains("the PDFs in out were kept as they were"), "{err}");
    assert_eq!(fs::read(&pdf).unwrap(), last);
    assert_eq!(fs::read_dir(d.join("out")).unwrap().count(), 1, "no temporary files");

    fs::write(&content, VALID.replace("Ada Lovelace", "Ada King")).unwrap();
    w.wait("the fixed build", limit, |_| read_or_empty(&pdf) != last);
    assert!(pdf_text(&pdf).contains("Ada King"));
}

#[test]
fn watch_follows_the_photo() {
    let dir = tempdir();
    let d = dir.path();
    copy_example(d);
    let pdf = d.join("out/portfolio.pdf");
    let mut w = Watcher::start(d, &["build", "ada-example.toml", "--out-dir", "out", "--watch"]);
    w.wait("the first build", Duration::from_secs(30), |w| w.builds() == 1);
    let before = fs::read(&pdf).unwrap();
    // Another photo, saved over the old one.
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 8, 8);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.write_header()
            .unwrap()
            .write_image_data(&[200u8; 8 * 8 * 3])
            .unwrap();
    }
    fs::write(d.join("ada-photo.png"), &png).unwrap();
    w.wait("the rebuild after the photo changed", Duration::from_secs(30), |w| {
        w.builds() == 2 && read_or_empty(&pdf) != before
    });
}

// ---------------------------------------------------------------------------
// Several content files
// ---------------------------------------------------------------------------

#[test]
fn several_content_files_build_in_parallel_with_the_same_bytes_as_one_at_a_time() {
    let dir = tempdir();
    let d = dir.path();
    fs::create_dir_all(d.join("people")).unwrap();
    write(&d.join("people"), "ada.toml", VALID);
    write(
        &d.join("people"),
        "grace.toml",
        &VALID.replace("Ada Lovelace", "Grace Hopper"),
    );
    fs::write(d.join("people/notes.txt"), "not content").unwrap();

    let o = folio(
        d,
        &[
            "build",
            "people/ada.toml",
            "people/grace.toml",
            "--resume",
            "--out-dir",
            "all",
        ],
        &[],
    );
    ok(&o);
    assert!(stdout(&o).contains("all/ada/portfolio.pdf"), "{}", stdout(&o));
    ok(&folio(d, &["build", "people", "--resume", "--out-dir", "folder"], &[]));
    for who in ["ada", "grace"] {
        let alone = format!("alone-{who}");
        ok(&folio(
            d,
            &["build", &format!("people/{who}.toml"), "--resume", "--out-dir", &alone],
            &[],
        ));
        for name in ["portfolio.pdf", "resume.pdf"] {
            let one = fs::read(d.join(&alone).join(name)).unwrap();
            assert!(
                one == fs::read(d.join("all").join(who).join(name)).unwrap(),
                "{who}/{name}"
            );
            assert!(
                one == fs::read(d.join("folder").join(who).join(name)).unwrap(),
                "{who}/{name}"
            );
        }
    }
    assert!(pdf_text(&d.join("all/grace/resume.pdf")).contains("Grace Hopper"));
    // --check works on each.
    ok(&folio(
        d,
        &["build", "people", "--resume", "--out-dir", "folder", "--check"],
        &[],
    ));

    // One bad file fails the run, names itself, and the others are still built.
    write(&d.join("people"), "bad.toml", "[profile]\n");
    let o = folio(d, &["build", "people", "--out-dir", "mixed"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("build of people/bad.toml failed"), "{}", stderr(&o));
    assert!(d.join("mixed/ada/portfolio.pdf").exists() && d.join("mixed/grace/portfolio.pdf").exists());

    // Two files of the same name would write into the same folder.
    fs::create_dir_all(d.join("other")).unwrap();
    write(&d.join("other"), "ada.toml", VALID);
    let o = folio(d, &["build", "people/ada.toml", "other/ada.toml"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("would both be written to output/ada"),
        "{}",
        stderr(&o)
    );
    fs::create_dir_all(d.join("empty")).unwrap();
    let o = folio(d, &["build", "empty"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("empty is a folder with no .toml file in it"),
        "{}",
        stderr(&o)
    );
}

// ---------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------

#[test]
fn init_makes_a_project_that_builds_as_it_is() {
    let dir = tempdir();
    let o = folio(dir.path(), &["init", "my-portfolio"], &[]);
    ok(&o);
    let p = dir.path().join("my-portfolio");
    for f in [
        "content/portfolio.toml",
        "content/portfolio.schema.json",
        "README.md",
        ".gitignore",
        ".github/workflows/portfolio.yml",
    ] {
        assert!(p.join(f).is_file(), "{f} was not created");
        assert!(stdout(&o).contains(f), "{}", stdout(&o));
    }
    // The workflow is folio's own.
    assert_eq!(
        fs::read(p.join(".github/workflows/portfolio.yml")).unwrap(),
        fs::read(repo().join(".github/workflows/portfolio.yml")).unwrap()
    );
    let readme = fs::read_to_string(p.join("README.md")).unwrap();
    assert!(
        readme.contains("IBM Plex") && readme.contains("Open Font License"),
        "{readme}"
    );

    // Built with no arguments at all, in the new folder: the defaults fit.
    ok(&folio(&p, &["build", "--resume"], &[]));
    assert!(Pdf::open(&p.join("output/portfolio.pdf")).pages() >= 1);
    assert_eq!(Pdf::open(&p.join("output/resume.pdf")).pages(), 1);
    assert!(pdf_text(&p.join("output/resume.pdf")).contains("Your Name"));
    ok(&folio(&p, &["build", "--resume", "--check"], &[]));
    let o = folio(&p, &["check"], &[]);
    ok(&o);
    assert!(stdout(&o).contains("no errors or warnings"), "{}", stdout(&o));

    // Every key of the format is shown, with its doc.
    let text = fs::read_to_string(p.join("content/portfolio.toml")).unwrap();
    for key in [
        "name =",
        "headline =",
        "summary =",
        "email =",
        "phone =",
        "location =",
        "website =",
        "links =",
        "# photo =",
        "[portfolio]",
        "[[systems]]",
        "id =",
        "tagline =",
        "status =",
        "start =",
        "end =",
        "tags =",
        "metrics =",
        "[systems.case_study]",
        "lessons =",
        "[[experience]]",
        "[[education]]",
        "[[skills]]",
        "[[publications]]",
        "authors =",
        "[resume]",
        "max_systems =",
        "[design]",
        "theme =",
        "page_size =",
        "accent =",
        "# margins =",
        "font_size =",
    ] {
        assert!(text.contains(key), "the starter does not show `{key}`");
    }

    // Never overwrites: a second init fails, names what is there, and changes nothing.
    fs::write(p.join("content/portfolio.toml"), "mine").unwrap();
    let o = folio(dir.path(), &["init", "my-portfolio"], &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("already exist") && err.contains("overwrites nothing"),
        "{err}"
    );
    assert!(err.contains("my-portfolio/content/portfolio.toml"), "{err}");
    assert_eq!(fs::read_to_string(p.join("content/portfolio.toml")).unwrap(), "mine");
    // Into an existing folder with other files in it is fine.
    fs::create_dir_all(dir.path().join("existing")).unwrap();
    fs::write(dir.path().join("existing/notes.md"), "keep").unwrap();
    ok(&folio(dir.path(), &["init", "existing"], &[]));
    assert_eq!(
        fs::read_to_string(dir.path().join("existing/notes.md")).unwrap(),
        "keep"
    );
}

// ---------------------------------------------------------------------------
// schema
// ---------------------------------------------------------------------------

/// A validator for the subset of JSON Schema that `folio schema` uses. It panics on
/// any keyword it does not know, so the schema cannot grow past what is tested.
fn validate(schema: &Json, v: &Json, path: &str, errors: &mut Vec<String>) {
    let Json::Object(s) = schema else {
        panic!("{path}: schema is not an object")
    };
    for (k, rule) in s {
        match k.as_str() {
            "$schema" | "title" | "description" => {}
            "type" => {
                let ok = match rule.as_str().unwrap() {
                    "object" => v.is_object(),
                    "array" => v.is_array(),
                    "string" => v.is_string(),
                    "integer" => v.is_i64() || v.is_u64(),
                    "number" => v.is_number(),
                    "boolean" => v.is_boolean(),
                    t => panic!("type {t}"),
                };
                if !ok {
                    errors.push(format!("{path}: not of type {rule}"));
                    return;
                }
            }
            "properties" | "required" | "additionalProperties" => {
                let Some(o) = v.as_object() else { continue };
                match k.as_str() {
                    "properties" => {
                        for (name, sub) in rule.as_object().unwrap() {
                            if let Some(x) = o.get(name) {
                                validate(sub, x, &format!("{path}.{name}"), errors);
                            }
                        }
                    }
                    "required" => {
                        for name in rule.as_array().unwrap() {
                            if !o.contains_key(name.as_str().unwrap()) {
                                errors.push(format!("{path}: missing required {name}"));
                            }
                        }
                    }
                    _ => {
                        assert_eq!(rule, &Json::Bool(false));
                        let known = s["properties"].as_object().unwrap();
                        for name in o.keys().filter(|n| !known.contains_key(*n)) {
                            errors.push(format!("{path}: unknown key {name}"));
                        }
                    }
                }
            }
            "items" => {
                for (i, x) in v.as_array().into_iter().flatten().enumerate() {
                    validate(rule, x, &format!("{path}[{i}]"), errors);
                }
            }
            "minItems" | "maxItems" => {
                if let Some(a) = v.as_array() {
                    let n = rule.as_u64().unwrap() as usize;
                    if (k == "minItems" && a.len() < n) || (k == "maxItems" && a.len() > n) {
                        errors.push(format!("{path}: {k} {n}"));
                    }
                }
            }
            "minLength" | "maxLength" => {
                if let Some(t) = v.as_str() {
                    let n = rule.as_u64().unwrap() as usize;
                    let len = t.chars().count();
                    if (k == "minLength" && len < n) || (k == "maxLength" && len > n) {
                        errors.push(format!("{path}: {k} {n}"));
                    }
                }
            }
            "pattern" => {
                if let Some(t) = v.as_str() {
                    let re = regex_lite::Regex::new(rule.as_str().unwrap()).expect("a valid pattern");
                    if !re.is_match(t) {
                        errors.push(format!("{path}: {t:?} does not match {rule}"));
                    }
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(v) {
                    errors.push(format!("{path}: {v} is not one of {rule}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(x), Some(limit)) = (v.as_f64(), rule.as_f64()) {
                    if (k == "minimum" && x < limit) || (k == "maximum" && x > limit) {
                        errors.push(format!("{path}: {k} {limit}"));
                    }
                }
            }
            "anyOf" => {
                let any = rule.as_array().unwrap().iter().any(|sub| {
                    let mut e = Vec::new();
                    validate(sub, v, path, &mut e);
                    e.is_empty()
                });
                if !any {
                    errors.push(format!("{path}: {v} matches none of anyOf"));
                }
            }
            other => panic!("the test validator does not know the keyword `{other}` ({path})"),
        }
    }
}

/// TOML as the JSON an editor validates (dates as strings).
fn toml_to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Json::Object(t.iter().map(|(k, v)| (k.clone(), toml_to_json(v))).collect()),
    }
}

fn errors_of(schema: &Json, toml_text: &str) -> Vec<String> {
    let table: toml::Table = toml_text.parse().unwrap_or_else(|e| panic!("{e}\n{toml_text}"));
    let mut errors = Vec::new();
    validate(schema, &toml_to_json(&toml::Value::Table(table)), "", &mut errors);
    errors
}

fn schema_from_binary() -> Json {
    let o = folio(&repo(), &["schema"], &[]);
    ok(&o);
    serde_json::from_slice(&o.stdout).expect("folio schema prints JSON")
}

#[test]
fn every_bundled_content_file_validates_against_the_schema() {
    let schema = schema_from_binary();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let mut files = vec![
        repo().join("content/portfolio.toml"),
        repo().join("tests/catalogue/valid.toml"),
    ];
    for entry in fs::read_dir(repo().join("content/examples")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "toml") {
            files.push(p);
        }
    }
    assert!(files.len() >= 3);
    // The starter that init writes, and what import makes of a JSON Resume.
    let dir = tempdir();
    ok(&folio(dir.path(), &["init", "p"], &[]));
    files.push(dir.path().join("p/content/portfolio.toml"));
    assert_eq!(
        serde_json::from_str::<Json>(&fs::read_to_string(dir.path().join("p/content/portfolio.schema.json")).unwrap())
            .unwrap(),
        schema
    );
    let o = folio(
        dir.path(),
        &["import", repo().join("tests/data/jsonresume.json").to_str().unwrap()],
        &[],
    );
    ok(&o);
    files.push(PathBuf::from(write(dir.path(), "imported.toml", &stdout(&o))));
    for f in &files {
        let errors = errors_of(&schema, &fs::read_to_string(f).unwrap());
        assert!(
            errors.is_empty(),
            "{} does not validate:\n{}",
            f.display(),
            errors.join("\n")
        );
    }
}

/// Mistakes the schema catches, each also an error for `folio check`; and the
/// validator above is shown to reject them (wrong type, unknown key, missing key, ...).
#[test]
fn the_schema_rejects_what_folio_rejects() {
    let schema = schema_from_binary();
    let dir = tempdir();
    let base = "[profile]\nname = \"A\"\n\n[[systems]]\ntitle = \"T\"\n";
    assert_eq!(errors_of(&schema, base), Vec::<String>::new());
    let cases: &[(&str, &str)] = &[
        ("[profile]\nname = 5\n\n[[systems]]\ntitle = \"T\"\n", "not of type"),
        (
            "[profile]\nname = \"A\"\n\n[[systems]]\ntitel = \"T\"\n",
            "unknown key titel",
        ),
        (
            "[profile]\nheadline = \"A\"\n\n[[systems]]\ntitle = \"T\"\n",
            "missing required \"name\"",
        ),
        ("[profile]\nname = \"A\"\n", "missing required \"systems\""),
        (
            "colour = 1\n[profile]\nname = \"A\"\n\n[[systems]]\ntitle = \"T\"\n",
            "unknown key colour",
        ),
        (
            "[profile]\nname = \"  \"\n\n[[systems]]\ntitle = \"T\"\n",
            "does not match",
        ),
        (&format!("{base}start = \"2024-13\"\n"), "anyOf"),
        (&format!("{base}start = 1850\n"), "anyOf"),
        (&format!("{base}end = \"soon\"\nstart = 2024\n"), "anyOf"),
        (&format!("{base}tags = \"CUDA\"\n"), "not of type"),
        (
            &format!("{base}links = [{{ label = \"x\", url = \"github.com/x\" }}]\n"),
            "does not match",
        ),
        (
            &format!("{base}metrics = [{{ value = \"2x\" }}]\n"),
            "missing required \"label\"",
        ),
        (
            &format!("{base}[systems.case_study]\nmotivaton = \"x\"\n"),
            "unknown key motivaton",
        ),
        (&format!("{base}[design]\ntheme = \"dark\"\n"), "anyOf"),
        (&format!("{base}[design]\naccent = \"#12345\"\n"), "does not match"),
        (&format!("{base}[design]\nmargins = 18\n"), "not of type"),
        (
            &format!("{base}[design]\nmargins = \"18 furlongs\"\n"),
            "does not match",
        ),
        (&format!("{base}[design]\nfont_size = 30\n"), "maximum"),
        (&format!("{base}[resume]\nmax_systems = 0\n"), "minimum"),
        (&format!("{base}[[skills]]\ngroup = \"G\"\nitems = []\n"), "minItems"),
        (
            "[profile]\nname = \"A\"\nemail = \"nobody\"\n\n[[systems]]\ntitle = \"T\"\n",
            "does not match",
        ),
    ];
    for (text, expected) in cases {
        let errors = errors_of(&schema, text);
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "expected `{expected}` for:\n{text}\ngot {errors:?}"
        );
        let f = write(dir.path(), "bad.toml", text);
        let o = folio(dir.path(), &["check", &f], &[]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "folio check accepts what the schema refuses:\n{text}"
        );
    }
    // What folio accepts in any case or with spaces, the schema accepts too.
    let loose = format!(
        "{base}start = \"2024-3\"\nend = \" Present \"\n\n[design]\ntheme = \"Modern\"\npage_size = \"LETTER\"\n\
         margins = \"0.75IN\"\naccent = \"#1f5fbf\"\nfont_size = 9.5\n"
    );
    assert_eq!(errors_of(&schema, &loose), Vec::<String>::new());
    let f = write(dir.path(), "loose.toml", &loose);
    ok(&folio(dir.path(), &["check", &f], &[]));
}

// ---------------------------------------------------------------------------
// import
// ---------------------------------------------------------------------------

#[test]
fn import_turns_a_json_resume_into_a_file_that_builds() {
    let dir = tempdir();
    let d = dir.path();
    let resume_json = repo().join("tests/data/jsonresume.json");
    let o = folio(d, &["import", resume_json.to_str().unwrap()], &[]);
    ok(&o);
    let toml_text = stdout(&o);
    assert!(toml_text.starts_with("# Imported by folio"), "{toml_text}");
    let err = stderr(&o);
    // Everything folio has no place for is named, field by field.
    for path in [
        "`basics.image`",
        "`basics.location.address`",
        "`basics.location.postalCode`",
        "`work[0].url`",
        "`work[0].description`",
        "`education[0].url`",
        "`skills[0].level`",
        "`publications[0].summary`",
        "`projects[0].roles`",
        "`projects[0].entity`",
        "`awards`",
        "`certificates`",
        "`languages`",
        "`interests`",
        "`references`",
        "`volunteer`",
        "`meta`",
    ] {
        assert!(
            err.contains(&format!("warning: {path} is not imported")),
            "no warning for {path}:\n{err}"
        );
    }
    assert!(!err.contains("`$schema`"), "{err}");
    assert!(
        err.contains("2 systems, 2 experience, 2 education, 3 skills, 1 publications; 19 fields not imported"),
        "{err}"
    );

    write(d, "portfolio.toml", &toml_text);
    let o = folio(d, &["build", "portfolio.toml", "--resume", "--out-dir", "out"], &[]);
    ok(&o);
    let resume = pdf_text(&d.join("out/resume.pdf"));
    assert_in_order(
        &resume,
        &[
            "Grace Example",
            "Compiler and runtime engineer",
            "grace@example.com",
            "London, England, GB",
            "tinyjit",
            "GC Bench",
            "Staff Compiler Engineer",
            "Vectorworks Ltd",
            "Auto-vectorized reductions",
            "Runtime Engineer",
            "Lattice Labs",
            "University of Example",
            "PhD, Computer Science",
            "LLVM",
            "Incremental Dependence Analysis for Loop Nests",
        ]
        .map(String::from),
    );
    let portfolio = pdf_text(&d.join("out/portfolio.pdf"));
    assert_in_order(
        &portfolio,
        &["Grace Example", "tinyjit", "Used in two university courses", "GC Bench"].map(String::from),
    );
    let links = Pdf::open(&d.join("out/portfolio.pdf")).link_uris();
    for url in [
        "https://github.com/grace-example",
        "https://github.com/grace-example/tinyjit",
        "https://gcbench.example.org",
    ] {
        assert!(links.iter().any(|l| l == url), "{url} not in {links:?}");
    }
    let o = folio(d, &["check", "portfolio.toml"], &[]);
    ok(&o);

    // From standard input, the same file.
    let o = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["import", "-"])
        .stdin(fs::File::open(&resume_json).unwrap())
        .output()
        .unwrap();
    ok(&o);
    assert_eq!(
        stdout(&o).lines().skip(1).collect::<Vec<_>>(),
        toml_text.lines().skip(1).collect::<Vec<_>>()
    );
}

#[test]
fn import_refuses_what_is_not_a_json_resume() {
    let dir = tempdir();
    let d = dir.path();
    write(d, "broken.json", "{\n  \"basics\": {\n    \"name\": \"Ada\",\n  }\n}\n");
    let o = folio(d, &["import", "broken.json"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("broken.json is not valid JSON: trailing comma"), "{err}");
    assert!(err.contains("broken.json:4:3"), "{err}");
    write(d, "list.json", "[1, 2, 3]");
    let o = folio(d, &["import", "list.json"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a JSON Resume object"), "{}", stderr(&o));
    let o = folio(d, &["import", "missing.json"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot read missing.json"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------
// completions, man page, version
// ---------------------------------------------------------------------------

#[test]
fn completions_man_page_and_version() {
    let dir = tempdir();
    for (shell, marker) in [
        ("bash", "complete -F _folio"),
        ("zsh", "#compdef folio"),
        ("fish", "complete -c folio"),
    ] {
        let o = folio(dir.path(), &["completions", shell], &[]);
        ok(&o);
        let out = stdout(&o);
        assert!(out.contains(marker), "{shell}: no `{marker}`");
        for word in ["build", "init", "schema", "import", "watch", "check", "date"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    // bash can load what it printed.
    if Command::new("bash").arg("--version").output().is_ok() {
        let script = stdout(&folio(dir.path(), &["completions", "bash"], &[]));
        let f = write(dir.path(), "folio.bash", &script);
        let o = Command::new("bash")
            .args(["-c", &format!("source {f} && complete -p folio")])
            .output()
            .unwrap();
        ok(&o);
    }
    assert_eq!(folio(dir.path(), &["completions", "tcsh"], &[]).status.code(), Some(2));

    let o = folio(dir.path(), &["man"], &[]);
    ok(&o);
    let man = stdout(&o);
    assert!(man.contains(".TH folio 1"), "{man}");
    for word in ["build", "init", "schema", "import", "completions"] {
        assert!(man.contains(word), "the man page lacks {word}");
    }
    // `folio man DIR`: a page per command, so the build flags are documented
    let o = folio(dir.path(), &["man", "pages"], &[]);
    ok(&o);
    let pages = dir.path().join("pages");
    for name in [
        "folio",
        "folio-build",
        "folio-check",
        "folio-init",
        "folio-import",
        "folio-man",
    ] {
        let page = fs::read_to_string(pages.join(format!("{name}.1"))).unwrap_or_else(|e| panic!("{name}.1: {e}"));
        assert!(page.contains(&format!(".TH {name} 1")), "{page}");
        assert!(stdout(&o).contains(&format!("{name}.1")), "{}", stdout(&o));
    }
    let build = fs::read_to_string(pages.join("folio-build.1")).unwrap();
    for flag in [
        "out\\-dir",
        "resume",
        "strict\\-fit",
        "focus",
        "date",
        "watch",
        "deny\\-warnings",
    ] {
        assert!(build.contains(&format!("\\-\\-{flag}")), "folio-build.1 lacks --{flag}");
    }
    assert!(!pages.join("folio-help.1").exists() && !pages.join("folio-sample.1").exists());

    let o = folio(dir.path(), &["--version"], &[]);
    ok(&o);
    assert_eq!(stdout(&o), format!("folio {}\n", env!("CARGO_PKG_VERSION")));
}

// ---------------------------------------------------------------------------
// The CI workflow
// ---------------------------------------------------------------------------

#[test]
fn the_ci_workflow_is_valid_yaml_that_builds_checks_and_uploads() {
    let path = repo().join(".github/workflows/portfolio.yml");
    let text = fs::read_to_string(&path).unwrap();
    // The shape, checked by hand: spaces only, two-space indents, the steps.
    for (i, line) in text.lines().enumerate() {
        assert!(!line.contains('\t'), "line {}: a tab", i + 1);
        assert_eq!(line.len(), line.trim_end().len(), "line {}: trailing space", i + 1);
        let indent = line.len() - line.trim_start().len();
        assert_eq!(indent % 2, 0, "line {}: odd indent", i + 1);
    }
    let top: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with([' ', '#']) && !l.is_empty())
        .collect();
    assert_eq!(top, ["name: portfolio", "on:", "permissions:", "jobs:"]);
    for needle in [
        "    runs-on: ubuntu-latest\n",
        "      - uses: actions/checkout@v4\n",
        "      - uses: dtolnay/rust-toolchain@stable\n",
        "cargo install --locked",
        "        run: folio build content/portfolio.toml --resume --out-dir pdfs\n",
        "        uses: actions/upload-artifact@v4\n",
        "          path: pdfs/*.pdf\n",
        "        run: folio build content/portfolio.toml --resume --check\n",
    ] {
        assert!(text.contains(needle), "the workflow lacks {needle:?}");
    }
    // The README shows it as it is.
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```yaml\n{text}```")),
        "README.md does not show the workflow as it is"
    );
    // And parsed by a real YAML parser where one is installed.
    let parsed = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; d = yaml.safe_load(open(sys.argv[1])); \
             d['on'] = d.pop(True, d.get('on')); print(json.dumps(d))",
        ])
        .arg(&path)
        .output();
    match parsed {
        Ok(o) if o.status.success() => {
            let d: Json = serde_json::from_slice(&o.stdout).unwrap();
            assert!(
                d["on"].get("push").is_some() && d["on"].get("pull_request").is_some(),
                "{d}"
            );
            let steps = d["jobs"]["pdfs"]["steps"].as_array().unwrap();
            let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
            assert_eq!(
                uses,
                [
                    "actions/checkout@v4",
                    "dtolnay/rust-toolchain@stable",
                    "actions/upload-artifact@v4"
                ]
            );
            let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
            assert!(runs.iter().any(|r| r.contains("--check")), "{runs:?}");
        }
        _ => eprintln!("note: python3 with PyYAML is not available; the workflow's YAML was checked by shape only"),
    }
}
