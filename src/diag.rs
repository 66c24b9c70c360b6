//! Diagnostics: user mistakes (and warnings) that point into a source file.
//!
//! Every stage that can find a problem in the user's content reports it as a
//! [`Diagnostic`] with a byte span into the TOML text. They are collected, never
//! thrown one at a time, and printed in one place (the CLI) with
//! codespan-reporting: file, line, column, the offending line with a caret, the
//! message and a hint. Internal bugs are not diagnostics: they panic.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Byte range in the source text; `None` when the problem is not at a place
    /// in the file (a file that cannot be read, an output folder that cannot be written).
    pub span: Option<Range<usize>>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, where we can say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(span: impl Into<Option<Range<usize>>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            span: span.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(span: impl Into<Option<Range<usize>>>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            span: span.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The text a set of diagnostics points into.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A batch of diagnostics about one source, as a stage returns them.
#[derive(Debug, Clone)]
pub struct Report {
    pub source: Option<Source>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: codespan-reporting's report with the source line and a caret.
    Human { color: bool },
    /// One JSON object per line: file, line, column, severity, message, hint.
    Json,
}

/// Print every diagnostic about `source` (or about no file) to `out`.
pub fn emit(out: &mut dyn Write, format: Format, source: Option<&Source>, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        match format {
            Format::Json => {
                let _ = writeln!(out, "{}", to_json(source, d));
            }
            Format::Human { color } => emit_human(out, color, source, d),
        }
    }
}

fn emit_human(out: &mut dyn Write, color: bool, source: Option<&Source>, d: &Diagnostic) {
    let mut cs = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    }
    .with_message(&d.message);
    let mut notes = Vec::new();
    let file = match (source, &d.span) {
        (Some(src), Some(span)) => {
            cs = cs.with_labels(vec![Label::primary((), clamp(span.clone(), src.text.len()))]);
            Some(SimpleFile::new(display_path(&src.path), src.text.as_str()))
        }
        (Some(src), None) => {
            notes.push(format!("in {}", display_path(&src.path)));
            None
        }
        _ => None,
    };
    if let Some(hint) = &d.hint {
        notes.push(format!("hint: {hint}"));
    }
    cs = cs.with_notes(notes);
    let config = term::Config::default();
    let mut buf = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let empty = SimpleFile::new(String::new(), "");
    let _ = term::emit(&mut buf, &config, file.as_ref().unwrap_or(&empty), &cs);
    let _ = out.write_all(buf.as_slice());
}

fn clamp(span: Range<usize>, len: usize) -> Range<usize> {
    let start = span.start.min(len);
    start..span.end.clamp(start, len)
}

pub fn display_path(p: &Path) -> String {
    p.display().to_string()
}

fn to_json(source: Option<&Source>, d: &Diagnostic) -> String {
    let (line, column) = match (source, &d.span) {
        (Some(src), Some(span)) => {
            let (l, c) = src.line_col(span.start);
            (Some(l), Some(c))
        }
        _ => (None, None),
    };
    let mut s = String::from("{");
    s.push_str(&format!(
        "\"file\":{}",
        json_opt_str(source.map(|s| display_path(&s.path)).as_deref())
    ));
    s.push_str(&format!(",\"line\":{}", line.map_or("null".into(), |l| l.to_string())));
    s.push_str(&format!(
        ",\"column\":{}",
        column.map_or("null".into(), |c| c.to_string())
    ));
    s.push_str(&format!(",\"severity\":{}", json_str(d.severity.as_str())));
    s.push_str(&format!(",\"message\":{}", json_str(&d.message)));
    s.push_str(&format!(",\"hint\":{}", json_opt_str(d.hint.as_deref())));
    s.push('}');
    s
}

fn json_opt_str(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), json_str)
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The known name closest to `unknown`, if any is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), k))
        .filter(|(d, k)| *d <= (k.chars().count().max(2) / 2).max(1) + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let src = Source::new("a.toml", "x = 1\nnäme = 2\n");
        assert_eq!(src.line_col(0), (1, 1));
        assert_eq!(src.line_col(6), (2, 1));
        // after "nä" (3 bytes) comes 'm' in column 3
        assert_eq!(src.line_col(9), (2, 3));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let keys = ["title", "tagline", "status", "summary"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("Tagline", keys), Some("tagline"));
        assert_eq!(closest("colour", keys), None);
    }

    #[test]
    fn json_lines_escape_text() {
        let src = Source::new("c.toml", "a = 1\nb = \"x\"\n");
        let d = Diagnostic::error(6..7, "bad \"b\"").with_hint("use\ttabs");
        assert_eq!(
            to_json(Some(&src), &d),
            r#"{"file":"c.toml","line":2,"column":1,"severity":"error","message":"bad \"b\"","hint":"use\ttabs"}"#
        );
    }
}
