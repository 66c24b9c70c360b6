//! PDF readers as test helpers: each runs one real reader on a PDF and returns what it
//! read. A reader that is not installed, or that cannot read the file, fails the test
//! with the reason and how to install it: no helper here ever skips.
//!
//! What `.ci/run` installs for them: poppler-utils and qpdf (Debian), pdfjs-dist pinned in
//! tests/readers/package.json + package-lock.json (`npm ci` there; [`pdfjs`] runs it
//! itself when tests/readers/node_modules is missing), and the Python packages pinned in
//! tests/readers/requirements.txt.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use serde::Deserialize;

fn readers_dir() -> PathBuf {
    super::repo().join("tests/readers")
}

/// How to install each program the readers run.
fn install_hint(program: &str) -> &'static str {
    match program {
        "pdftotext" | "pdfinfo" | "pdffonts" | "pdftoppm" => "apt-get install -y poppler-utils",
        "qpdf" => "apt-get install -y qpdf",
        "node" | "npm" => "install Node.js 20.19 or newer, with npm",
        "python3" => "install python3, then pip install -r tests/readers/requirements.txt",
        _ => "run .ci/run, which installs every tool the tests use",
    }
}

/// Run `program` with `args` and return its output, whatever its exit status.
/// A program that cannot be started (not installed) fails the test, naming how to
/// install it.
pub fn run_tool<S: AsRef<OsStr>>(program: &str, args: &[S]) -> Output {
    run_tool_in(program, args, None)
}

fn run_tool_in<S: AsRef<OsStr>>(program: &str, args: &[S], cwd: Option<&Path>) -> Output {
    let mut cmd = Command::new(program);
    cmd.args(args);
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    match cmd.output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run `{program}` ({e}): {}", install_hint(program)),
    }
}

/// Run a reader that must succeed: a non-zero exit fails the test with its stderr.
fn read_with<S: AsRef<OsStr>>(program: &str, args: &[S], what: &str, pdf: &Path) -> Vec<u8> {
    let out = run_tool(program, args);
    assert!(
        out.status.success(),
        "{what} failed on {} ({}):\n{}\n(if it is not installed: {})",
        pdf.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr),
        install_hint(program)
    );
    out.stdout
}

fn utf8(bytes: Vec<u8>, what: &str) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{what} printed invalid UTF-8: {e}"))
}

fn pdftotext(pdf: &Path, mode: &str) -> String {
    let args = [
        OsStr::new(mode),
        "-enc".as_ref(),
        "UTF-8".as_ref(),
        pdf.as_os_str(),
        "-".as_ref(),
    ];
    utf8(
        read_with("pdftotext", &args, &format!("pdftotext {mode}"), pdf),
        "pdftotext",
    )
}

/// `pdftotext -raw -enc UTF-8 PDF -`: the text in content-stream order, exactly as
/// poppler prints it (one line per text line, each page ended by a form feed).
pub fn pdftotext_raw(pdf: &Path) -> String {
    pdftotext(pdf, "-raw")
}

/// `pdftotext -layout -enc UTF-8 PDF -`: the text laid out in columns of spaces as on
/// the page, exactly as poppler prints it (each page ended by a form feed).
pub fn pdftotext_layout(pdf: &Path) -> String {
    pdftotext(pdf, "-layout")
}

/// `pdfinfo -struct-text PDF`: poppler's print of the structure tree with the text of
/// each element, exactly as it prints it (empty for an untagged PDF).
pub fn pdfinfo_struct_text(pdf: &Path) -> String {
    let args = [OsStr::new("-struct-text"), pdf.as_os_str()];
    utf8(read_with("pdfinfo", &args, "pdfinfo -struct-text", pdf), "pdfinfo")
}

/// One page as pdf.js reads it.
#[derive(Debug, Deserialize)]
pub struct PdfJsPage {
    /// The `str` of every `getTextContent()` item in order, with `\n` after each item
    /// that has `hasEOL`: the text Firefox copies and web ATS read.
    pub text: String,
    pub items: Vec<PdfJsItem>,
    /// `page.getStructTree()` as JSON (`{"role": "Root", "children": [...]}`), or
    /// `Null` for a page with no structure tree.
    #[serde(rename = "structTree")]
    pub struct_tree: serde_json::Value,
}

impl PdfJsPage {
    /// Every `role` in the page's structure tree, depth first.
    pub fn roles(&self) -> Vec<String> {
        fn walk(node: &serde_json::Value, out: &mut Vec<String>) {
            if let Some(role) = node["role"].as_str() {
                out.push(role.to_string());
            }
            for child in node["children"].as_array().into_iter().flatten() {
                walk(child, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.struct_tree, &mut out);
        out
    }
}

/// One `getTextContent()` item: its text, origin (`transform[4]`, `transform[5]`) and
/// size, in PDF points.
#[derive(Debug, Deserialize)]
pub struct PdfJsItem {
    pub str: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    #[serde(rename = "hasEOL")]
    pub has_eol: bool,
}

#[derive(Deserialize)]
struct PdfJsOut {
    version: String,
    pages: Vec<PdfJsPage>,
}

static NPM_CI: Mutex<()> = Mutex::new(());

/// The node packages pinned in tests/readers/package.json: name and version.
fn pinned_node_packages() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(readers_dir().join("package.json")).expect("tests/readers/package.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("package.json is JSON");
    let deps = json["dependencies"].as_object().expect("dependencies in package.json");
    deps.iter()
        .map(|(name, v)| (name.clone(), v.as_str().expect("a pinned version").to_string()))
        .collect()
}

/// The version pinned for one node package.
fn pinned(package: &str) -> String {
    pinned_node_packages()
        .into_iter()
        .find(|(name, _)| name == package)
        .unwrap_or_else(|| panic!("{package} is not pinned in tests/readers/package.json"))
        .1
}

/// Install the pinned node packages (pdf.js, the JSON Resume schema) with `npm ci`
/// unless tests/readers/node_modules already holds exactly those versions. A lock
/// file in the target folder keeps test binaries that run at once from installing
/// over each other.
fn ensure_node_packages() {
    let _one_thread = NPM_CI.lock().unwrap_or_else(|e| e.into_inner());
    let lock = std::fs::File::create(Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm-ci.lock")).expect("lock file");
    lock.lock().expect("lock npm-ci.lock");
    let installed = |name: &str| {
        std::fs::read_to_string(readers_dir().join("node_modules").join(name).join("package.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|j| j["version"].as_str().map(str::to_string))
    };
    if pinned_node_packages()
        .iter()
        .all(|(name, want)| installed(name).as_deref() == Some(want.as_str()))
    {
        return;
    }
    let out = run_tool_in("npm", &["ci", "--no-audit", "--no-fund"], Some(&readers_dir()));
    assert!(
        out.status.success(),
        "`npm ci` in tests/readers failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every page of `pdf` as pdf.js (pdfjs-dist, the version pinned in
/// tests/readers/package.json, run with node) reads it: text, text items and structure
/// tree. Fails the test when node is missing, pdf.js cannot read the file, or the
/// pdf.js that ran is not the pinned one.
pub fn pdfjs(pdf: &Path) -> Vec<PdfJsPage> {
    ensure_node_packages();
    let script = readers_dir().join("pdfjs.mjs");
    let stdout = read_with("node", &[script.as_os_str(), pdf.as_os_str()], "pdf.js", pdf);
    let out: PdfJsOut = serde_json::from_slice(&stdout).expect("pdfjs.mjs prints JSON");
    assert_eq!(
        out.version,
        pinned("pdfjs-dist"),
        "pdf.js that ran is not the pinned one"
    );
    out.pages
}

/// What pdfminer.six reads.
#[derive(Debug, Deserialize)]
pub struct Pdfminer {
    /// `pdfminer.high_level.extract_text(pdf)`, exactly.
    pub text: String,
    /// Words of pdfminer's layout analysis (default `LAParams`), in its reading order.
    pub words: Vec<MinerWord>,
}

/// A maximal run of characters in one pdfminer text line holding no whitespace (nor a
/// space pdfminer inserted); box in PDF points from the bottom-left corner.
#[derive(Debug, Deserialize)]
pub struct MinerWord {
    /// 1-based page number.
    pub page: usize,
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// `pdf` as pdfminer.six reads it (tests/readers/pdfminer_read.py). Fails the test when
/// python3 or pdfminer.six is missing or pdfminer cannot read the file.
pub fn pdfminer(pdf: &Path) -> Pdfminer {
    python_reader("pdfminer_read.py", "pdfminer.six", pdf)
}

/// Run tests/readers/`script` on `pdf` and read the JSON it prints.
fn python_reader<T: serde::de::DeserializeOwned>(script: &str, what: &str, pdf: &Path) -> T {
    let path = readers_dir().join(script);
    let stdout = read_with("python3", &[path.as_os_str(), pdf.as_os_str()], what, pdf);
    serde_json::from_slice(&stdout).unwrap_or_else(|e| panic!("{script} printed no JSON: {e}"))
}

/// What pypdf reads.
#[derive(Debug, Deserialize)]
pub struct Pypdf {
    /// `page.extract_text()` of each page, in order.
    pub pages: Vec<String>,
    /// Every warning pypdf logged while reading (an ATS built on pypdf may act on them).
    pub warnings: Vec<String>,
}

/// `pdf` as pypdf reads it (tests/readers/pypdf_read.py). Fails the test when python3
/// or pypdf is missing or pypdf cannot read the file.
pub fn pypdf(pdf: &Path) -> Pypdf {
    python_reader("pypdf_read.py", "pypdf", pdf)
}

/// One finding of the `pdfua` checker (fields as its JSON report names them).
#[derive(Debug, Deserialize)]
pub struct PdfuaFinding {
    pub rule_id: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// `certain`, or a heuristic level needing human judgement.
    pub confidence: String,
    pub message: String,
    pub location: String,
    pub page: Option<u64>,
}

/// A rule the checker could not evaluate on this file, and why.
#[derive(Debug, Deserialize)]
pub struct PdfuaSkipped {
    pub rule_id: String,
    pub reason: String,
}

/// The `pdfua` checker's report on one file: every finding at every severity and
/// confidence (nothing filtered), and every rule it ran or could not run.
#[derive(Debug, Deserialize)]
pub struct Pdfua {
    pub findings: Vec<PdfuaFinding>,
    pub skipped: Vec<PdfuaSkipped>,
    pub summary: PdfuaSummary,
}

#[derive(Debug, Deserialize)]
pub struct PdfuaSummary {
    pub rules_run: usize,
    pub rules_skipped: usize,
}

impl Pdfua {
    /// Fails the test unless the checker found nothing at any severity and evaluated
    /// every one of its rules (a rule it could not run is not a pass).
    pub fn assert_clean(&self) {
        let mut lines: Vec<String> = self
            .findings
            .iter()
            .map(|f| format!("[{}] {} at {}: {}", f.severity, f.rule_id, f.location, f.message))
            .collect();
        lines.extend(
            self.skipped
                .iter()
                .map(|s| format!("[not evaluated] {}: {}", s.rule_id, s.reason)),
        );
        assert!(lines.is_empty(), "pdfua check is not clean:\n{}", lines.join("\n"));
    }
}

/// `python3 -m pdfua check --format json PDF` (the `pdfua` package from PyPI, a
/// pikepdf-based checker of the machine-checkable part of PDF/UA-1), with no severity or
/// confidence filter. Its exit status must agree with its report (0 clean, 1-3 the
/// worst severity found); a file it cannot read, or a missing python3 or pdfua, fails
/// the test.
pub fn pdfua(pdf: &Path) -> Pdfua {
    let args = [
        OsStr::new("-m"),
        "pdfua".as_ref(),
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        pdf.as_os_str(),
    ];
    let out = run_tool("python3", &args);
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=3)),
        "pdfua check could not check {} ({}): {}{}",
        pdf.display(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Pdfua = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "pdfua printed no JSON report ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let worst = report
        .findings
        .iter()
        .map(|f| match f.severity.as_str() {
            "info" => 1,
            "warning" => 2,
            "error" => 3,
            other => panic!("pdfua: unknown severity `{other}`"),
        })
        .max()
        .unwrap_or(0);
    assert_eq!(code, Some(worst), "pdfua's exit status disagrees with its report");
    assert_eq!(report.summary.rules_skipped, report.skipped.len());
    assert!(report.summary.rules_run > 0, "pdfua ran no rule");
    report
}

/// What the official JSON Resume validator says of a file.
#[derive(Debug, Deserialize)]
pub struct JsonResumeCheck {
    pub version: String,
    pub valid: bool,
    pub errors: Vec<String>,
}

/// `json` checked by the official JSON Resume schema's validator (`@jsonresume/schema`,
/// the version pinned in tests/readers/package.json, run with node). Fails the test
/// when node is missing or the file cannot be read.
pub fn jsonresume_validate(json: &Path) -> JsonResumeCheck {
    ensure_node_packages();
    let script = readers_dir().join("jsonresume.mjs");
    let stdout = read_with(
        "node",
        &[script.as_os_str(), json.as_os_str()],
        "the JSON Resume validator",
        json,
    );
    let out: JsonResumeCheck = serde_json::from_slice(&stdout).expect("jsonresume.mjs prints JSON");
    assert_eq!(
        out.version,
        pinned("@jsonresume/schema"),
        "the validator that ran is not the pinned one"
    );
    out
}

/// What openresume-parser (a port of OpenResume's résumé parser, pinned in
/// tests/readers/requirements.txt) reads from a résumé PDF or plain-text file: its
/// whole answer, `{"ok", "resume", "diagnostics"}`.
pub fn ats_parse(file: &Path) -> serde_json::Value {
    let script = readers_dir().join("ats_read.py");
    let stdout = read_with(
        "python3",
        &[script.as_os_str(), file.as_os_str()],
        "openresume-parser",
        file,
    );
    serde_json::from_slice(&stdout).expect("ats_read.py prints JSON")
}
