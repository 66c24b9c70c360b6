//! What a build is asked for ([`BuildOptions`]), and the small types the stages share.

use std::path::{Path, PathBuf};

use crate::formats::Formats;

/// Which PDFs a build writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Outputs {
    pub portfolio: bool,
    pub resume: bool,
}

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out_dir: PathBuf,
    pub outputs: Outputs,
    /// Tags the résumé is tailored to (`--focus`).
    pub focus: Vec<String>,
    /// Make leaving anything out of the résumé an error instead of a warning.
    pub strict_fit: bool,
    /// Creation date written into the PDF metadata (from `SOURCE_DATE_EPOCH`); none by default.
    pub date: Option<chrono::NaiveDateTime>,
    /// Treat warnings as errors (`--deny-warnings`): a build with any warning writes nothing.
    pub deny_warnings: bool,
    /// Which `[[applications]]` to make, each into `applications/<id>/`.
    pub applications: Applications,
    /// Which files to write for each document (`--formats`; PDF only by default).
    pub formats: Formats,
    /// The folder the files the content names (the photo, the fonts) must lie in (`--root`);
    /// by default the content file's own folder.
    pub root: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(content: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            content: content.into(),
            out_dir: out_dir.into(),
            outputs: Outputs {
                portfolio: true,
                resume: false,
            },
            focus: Vec::new(),
            strict_fit: false,
            date: None,
            deny_warnings: false,
            applications: Applications::None,
            formats: Formats::default(),
            root: None,
        }
    }

    /// Whether the portfolio PDF and the résumé are made at the same time, on
    /// the thread pool ([`super::render`]).
    pub fn makes_both_at_once(&self) -> bool {
        self.outputs.portfolio && self.formats.pdf && self.outputs.resume
    }
}

/// Which applications a build makes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Applications {
    /// None (the default).
    #[default]
    None,
    /// Every one in the file (`--applications`); none there is a warning.
    All,
    /// Every one in the file, if any (`folio check`).
    Any,
    /// Those with these ids (`--application ID`, repeatable).
    Only(Vec<String>),
}

/// Files made in memory: path relative to the output folder, and bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

pub(crate) fn date_tuple(d: chrono::NaiveDateTime) -> (i32, u8, u8, u8, u8, u8) {
    use chrono::{Datelike, Timelike};
    (
        d.year(),
        d.month() as u8,
        d.day() as u8,
        d.hour() as u8,
        d.minute() as u8,
        d.second() as u8,
    )
}

/// The folder of a content file, against which relative paths in it resolve.
pub fn base_dir(content: &Path) -> PathBuf {
    content.parent().map(Path::to_path_buf).unwrap_or_default()
}
