//! The checker's tests, by topic; the helpers parse a text and look at what comes back.

mod design;
mod format;
mod keys;
mod load;
mod photo;
mod syntax;
mod values;
mod writer;

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use toml::de::{DeTable, DeValue};

use super::check::DATE_HINT;
use super::values::*;
use super::*;
use crate::diag::Severity;
use crate::model::{Block, CaseSection, Date, End, ResumeConfig};

const BASE: &str = "[profile]\nname = \"Ada\"\n\n[[systems]]\ntitle = \"One\"\n";

fn covers_all(_: char) -> bool {
    true
}

fn run_in(
    text: &str,
    dir: &Path,
    covers: &(dyn Fn(char) -> bool + Sync),
) -> (Source, Option<Portfolio>, Vec<Diagnostic>) {
    let src = Source::new("test.toml", text);
    let (p, d) = parse(&src, dir, covers);
    (src, p, d)
}

fn run(text: &str) -> (Source, Option<Portfolio>, Vec<Diagnostic>) {
    run_in(text, Path::new("."), &covers_all)
}

/// An error as the tests look at it: message, hint, (line, column).
type Found = (String, Option<String>, Option<(usize, usize)>);

fn errors(text: &str) -> Vec<Found> {
    let (src, p, diags) = run(text);
    let errs: Vec<_> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            (
                d.message.clone(),
                d.hint.clone(),
                d.location.span().map(|s| src.line_col(s.start)),
            )
        })
        .collect();
    assert_eq!(
        p.is_some(),
        errs.is_empty(),
        "a model comes back exactly when there is no error"
    );
    errs
}

/// The only error, or a panic listing them all.
fn one_error(text: &str) -> Found {
    let mut errs = errors(text);
    assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
    errs.remove(0)
}

fn ok(text: &str) -> Portfolio {
    let (_, p, diags) = run(text);
    let errs: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errs.is_empty(), "unexpected errors: {errs:#?}");
    p.unwrap()
}

fn temp_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "folio-content-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn example_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content/examples/ada-example.toml")
}
