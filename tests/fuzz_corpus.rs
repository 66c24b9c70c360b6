//! Replays the fuzz corpus (`fuzz/corpus/pipeline/`), the inputs that once broke
//! the fuzz target (`tests/fuzz-regressions/`) and the bundled content files through
//! the fuzz target's own function, [`folio::testing::fuzz_one`]: the whole pipeline in
//! memory, with its checks on the PDFs. None may panic.

mod common;

use std::path::PathBuf;

/// The files of `dir` (under the repository), sorted; none when it does not exist.
fn files(dir: &str, ext: Option<&str>) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(common::repo().join(dir)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    out.sort();
    out
}

fn replay(files: &[PathBuf]) {
    let failed: Vec<String> = files
        .iter()
        .filter(|f| {
            let bytes = std::fs::read(f).unwrap();
            std::panic::catch_unwind(|| folio::testing::fuzz_one(&bytes)).is_err()
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(failed.is_empty(), "the pipeline panics on {failed:#?}");
}

#[test]
fn fuzz_corpus_replays_without_panics() {
    let corpus = files("fuzz/corpus/pipeline", None);
    assert!(corpus.len() >= 10, "the fuzz corpus has only {} files", corpus.len());
    replay(&corpus);
}

#[test]
fn fuzz_regressions_replay_without_panics() {
    replay(&files("tests/fuzz-regressions", None));
}

#[test]
fn bundled_content_replays_without_panics() {
    let mut all = files("content", Some("toml"));
    all.extend(files("content/examples", Some("toml")));
    assert!(all.len() >= 2);
    replay(&all);
}
