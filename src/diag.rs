//! Diagnostics: user mistakes (and warnings) that point into a source file.
//!
//! Every stage that can find a problem in the user's input reports it as a
//! [`Diagnostic`]: a message, a hint, and a [`Location`] (a byte span into the
//! TOML text, the file as a whole, or no file at all). They are collected, never
//! thrown one at a time, and printed in one place (the CLI) with
//! codespan-reporting: file, line, column, the offending line with a caret, the
//! message and a hint. What is shown of the file is cut to the lines of the span,
//! long lines to a window around it, and control characters are made visible, so
//! no file can flood or take over the terminal. Internal bugs are not diagnostics:
//! they panic.

use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{self, Files, SimpleFile};
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

/// Where a problem is. A problem is about a place in the content file, about the
/// file as a whole, or not about the file at all; nothing else can be expressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Not about the content file (an output folder that cannot be written, a
    /// command-line setting, a field of an imported file): printed without naming a file.
    None,
    /// About the content file, but at no place in it (the `[profile]` table is missing).
    File,
    /// A byte range of the content file.
    Span(Range<usize>),
}

impl Location {
    /// The byte range, when the problem has a place in the file.
    pub fn span(&self) -> Option<&Range<usize>> {
        match self {
            Location::Span(s) => Some(s),
            Location::None | Location::File => None,
        }
    }
}

impl From<Range<usize>> for Location {
    fn from(span: Range<usize>) -> Self {
        Location::Span(span)
    }
}

/// One problem found in the user's input: the one type every user error and
/// warning takes, whatever finds it (content, photo, init, output, command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it, where we can say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(at: impl Into<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: at.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(at: impl Into<Location>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: at.into(),
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem at another place (a photo's problem, found from its path,
    /// placed at the path's value in the file).
    pub fn at(mut self, at: impl Into<Location>) -> Self {
        self.location = at.into();
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
    /// Where each line of `text` starts, found once when first asked for, so
    /// that a file with many diagnostics is not read from its start for each.
    line_starts: std::sync::OnceLock<Box<[usize]>>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.text.floor_char_boundary(offset);
        let starts = self.line_starts.get_or_init(|| {
            let ends = self.text.match_indices('\n').map(|(i, _)| i + 1);
            std::iter::once(0).chain(ends).collect()
        });
        // the last line starting at or before `offset`
        let line = starts.partition_point(|&start| start <= offset);
        let col = self.text[starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }
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
    .with_message(printable(&d.message));
    let mut notes = Vec::new();
    let source = source.filter(|_| d.location != Location::None);
    let excerpt = match (source, &d.location) {
        (Some(src), Location::Span(span)) => {
            let excerpt = Excerpt::new(src, span.clone());
            cs = cs.with_labels(vec![Label::primary((), excerpt.span.clone())]);
            Some(excerpt)
        }
        (Some(src), _) => {
            notes.push(format!("in {}", printable(&display_path(&src.path))));
            None
        }
        (None, _) => None,
    };
    if let Some(hint) = &d.hint {
        notes.push(format!("hint: {}", printable(hint)));
    }
    cs = cs.with_notes(notes);
    let config = term::Config::default();
    let mut buf = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let result = match &excerpt {
        Some(excerpt) => term::emit(&mut buf, &config, excerpt, &cs),
        None => term::emit(&mut buf, &config, &SimpleFile::new(String::new(), ""), &cs),
    };
    if result.is_err() {
        // Never lose a diagnostic to a rendering problem: say it plainly.
        buf.clear();
        let place = match (source, &d.location) {
            (Some(src), Location::Span(span)) => {
                let (line, col) = src.line_col(span.start);
                format!("{}:{line}:{col}: ", printable(&display_path(&src.path)))
            }
            _ => String::new(),
        };
        let _ = writeln!(buf, "{place}{}: {}", d.severity.as_str(), printable(&d.message));
        if let Some(hint) = &d.hint {
            let _ = writeln!(buf, "  hint: {}", printable(hint));
        }
    }
    let _ = out.write_all(buf.as_slice());
}

/// The longest part of a source line shown under a diagnostic, in characters.
const SHOWN_LINE_CHARS: usize = 100;

/// The most lines of a span shown; a longer span is shown by its first line.
const SHOWN_LINES: usize = 6;

/// The part of a source that a diagnostic shows, ready for codespan-reporting: only
/// the lines the span covers, with control characters made visible (raw escape
/// sequences from a file must not reach the terminal) and very long lines cut to a
/// window around the span. Line and column numbers stay those of the real file.
/// (codespan-reporting prints whole lines, and no crate in the tree cuts them.)
struct Excerpt {
    name: String,
    /// The shown lines, joined by `\n`.
    text: String,
    /// Byte offset in `text` where each shown line starts.
    line_starts: Vec<usize>,
    /// Real 1-based number of the first shown line.
    first_line: usize,
    /// The span in `text`.
    span: Range<usize>,
    /// Real line and column of the span's start.
    location: (usize, usize),
}

impl Excerpt {
    fn new(src: &Source, span: Range<usize>) -> Excerpt {
        let text = src.text.as_str();
        let start = text.floor_char_boundary(span.start);
        let end = text.floor_char_boundary(span.end.max(start));
        let location = src.line_col(start);
        // The lines to show: from the one holding `start` to the one holding the
        // span's last character, at most SHOWN_LINES of them.
        let last = if end > start { end - 1 } else { start };
        let mut lines = vec![line_range(text, start)];
        while lines.len() < SHOWN_LINES {
            let current = &lines[lines.len() - 1];
            let next = text[current.end..].find('\n').map(|i| current.end + i + 1);
            match next {
                Some(next) if last >= next => lines.push(line_range(text, next)),
                _ => break,
            }
        }
        let shown_end = lines[lines.len() - 1].end;
        let more = text[shown_end..].find('\n').is_some_and(|i| last > shown_end + i);
        if more {
            // Too many lines: show the first one only.
            lines.truncate(1);
        }
        // Keep both ends on the shown lines (not on a line break).
        let (first, final_line) = (&lines[0], &lines[lines.len() - 1]);
        let start = start.clamp(first.start, first.end);
        let end = end.clamp(final_line.start, final_line.end).max(start);
        let mut out = String::new();
        let mut line_starts = Vec::new();
        let (mut new_start, mut new_end) = (0, 0);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            line_starts.push(out.len());
            let base = out.len();
            let focus = if line.contains(&start) || start == line.end {
                start
            } else if line.contains(&end) || end == line.end {
                end
            } else {
                line.start
            };
            let (shown, map) = shown_line(&text[line.clone()], focus - line.start);
            out.push_str(&shown);
            if (line.start..=line.end).contains(&start) {
                new_start = base + map(start - line.start);
            }
            if (line.start..=line.end).contains(&end) {
                new_end = base + map(end - line.start);
            }
        }
        Excerpt {
            name: printable(&display_path(&src.path)),
            text: out,
            line_starts,
            first_line: location.0,
            span: new_start..new_end.max(new_start),
            location,
        }
    }
}

/// The byte range of the line holding `offset`, without its line break (`\n` or `\r\n`).
fn line_range(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
        end -= 1;
    }
    start..end
}

/// A source line as shown: visible control characters, and when it is long, only a
/// window around byte `focus`. Also returns a map from byte offsets in `line` to byte
/// offsets in the shown text.
fn shown_line(line: &str, focus: usize) -> (String, impl Fn(usize) -> usize) {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let focus_char = chars.iter().position(|&(i, _)| i >= focus).unwrap_or(chars.len());
    let (from, to) = if chars.len() <= SHOWN_LINE_CHARS {
        (0, chars.len())
    } else {
        let from = focus_char
            .saturating_sub(SHOWN_LINE_CHARS / 3)
            .min(chars.len() - SHOWN_LINE_CHARS);
        (from, from + SHOWN_LINE_CHARS)
    };
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    // Shown byte offset of each kept character, and of the end of the window.
    let mut offsets = Vec::with_capacity(to - from + 1);
    for &(_, c) in &chars[from..to] {
        offsets.push(shown.len());
        shown.push(visible(c));
    }
    let window_end = shown.len();
    if to < chars.len() {
        shown.push('…');
    }
    let starts: Vec<usize> = chars.iter().map(|&(i, _)| i).collect();
    let map = move |byte: usize| {
        let k = starts.partition_point(|&i| i < byte);
        if k < from {
            offsets.first().copied().unwrap_or(0)
        } else if k - from < offsets.len() {
            offsets[k - from]
        } else {
            window_end
        }
    };
    (shown, map)
}

/// A character as it may be written to a terminal: C0 controls as their Control
/// Pictures (U+2400...), DEL as ␡, C1 controls and bidirectional overrides as U+FFFD.
fn visible(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
        c => c,
    }
}

/// Text from the user (in a message, hint or path) made safe to print on a terminal.
fn printable(s: &str) -> String {
    s.chars().map(|c| if c == '\n' { c } else { visible(c) }).collect()
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self.line_starts.partition_point(|&s| s <= byte_index).saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self.first_line + line_index)
    }

    fn location(&'a self, id: (), byte_index: usize) -> Result<files::Location, files::Error> {
        if byte_index == self.span.start {
            return Ok(files::Location {
                line_number: self.location.0,
                column_number: self.location.1,
            });
        }
        let line_index = self.line_index(id, byte_index)?;
        Ok(files::Location {
            line_number: self.line_number(id, line_index)?,
            column_number: self.column_number(id, line_index, byte_index)?,
        })
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        let start = *self.line_starts.get(line_index).ok_or(files::Error::LineTooLarge {
            given: line_index,
            max: self.line_starts.len() - 1,
        })?;
        let end = self
            .line_starts
            .get(line_index + 1)
            .map_or(self.text.len(), |next| next - 1);
        Ok(start..end)
    }
}

pub fn display_path(p: &Path) -> String {
    p.display().to_string()
}

fn to_json(source: Option<&Source>, d: &Diagnostic) -> String {
    let source = source.filter(|_| d.location != Location::None);
    let (line, column) = match (source, &d.location) {
        (Some(src), Location::Span(span)) => {
            let (l, c) = src.line_col(span.start);
            (Some(l), Some(c))
        }
        _ => (None, None),
    };
    // serde_json escapes the values; the fields keep this order
    format!(
        "{{\"file\":{},\"line\":{},\"column\":{},\"severity\":{},\"message\":{},\"hint\":{}}}",
        json(&source.map(|s| display_path(&s.path))),
        json(&line),
        json(&column),
        json(&d.severity.as_str()),
        json(&d.message.as_str()),
        json(&d.hint.as_deref()),
    )
}

/// A value as JSON text.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("strings and numbers serialise")
}

/// The known name closest to `unknown`, if any is close enough to be a likely typo.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = unknown.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, &k.to_lowercase()), k))
        // One edit in a short name, a third of the letters in a long one.
        .filter(|(d, k)| *d <= (k.chars().count() / 3).max(1))
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

    fn human(src: &Source, d: Diagnostic) -> String {
        let mut out = Vec::new();
        emit(&mut out, Format::Human { color: false }, Some(src), &[d]);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_report_shows_file_line_column_the_line_and_a_caret() {
        let src = Source::new("c.toml", "[profile]\r\nnäme = \"A\"\r\n");
        let out = human(
            &src,
            Diagnostic::error(11..16, "unknown key `näme`").with_hint("did you mean `name`?"),
        );
        assert_eq!(
            out,
            "error: unknown key `näme`\n  ┌─ c.toml:2:1\n  │\n2 │ näme = \"A\"\n  │ ^^^^\n  │\n  = hint: did you mean `name`?\n\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_span_keeping_the_real_column() {
        let text = format!("x = \"{}BAD{}\"\n", "a".repeat(5000), "b".repeat(5000));
        let src = Source::new("long.toml", text.as_str());
        let at = text.find("BAD").unwrap();
        let out = human(&src, Diagnostic::error(at..at + 3, "bad"));
        assert!(out.contains("long.toml:1:5006"), "{out}");
        let shown = out.lines().find(|l| l.starts_with("1 │")).unwrap();
        assert!(shown.chars().count() < SHOWN_LINE_CHARS + 10, "{shown}");
        assert!(
            shown.contains("…aaa") && shown.contains("BADbbb") && shown.ends_with('…'),
            "{shown}"
        );
        // The caret is under BAD.
        let caret = out.lines().find(|l| l.contains('^')).unwrap();
        let col = |s: &str, pat: &str| s.find(pat).map(|i| s[..i].chars().count()).unwrap();
        assert_eq!(col(caret, "^^^"), col(shown, "BAD"));
    }

    #[test]
    fn control_characters_from_the_file_never_reach_the_terminal() {
        let src = Source::new("esc.toml", "name = \"\u{1b}[31mred\u{7}\u{202e}\"\n");
        let d = Diagnostic::error(7..20, "bad \u{1b}[2J").with_hint("\u{9b}hint");
        let out = human(&src, d);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("\"␛[31mred␇\u{FFFD}\""), "{out}");
        assert!(out.contains("bad ␛[2J"), "{out}");
    }

    #[test]
    fn a_span_over_many_lines_shows_its_first_line() {
        let text = format!("summary = \"\"\"\n{}\"\"\"\n", "line\n".repeat(50));
        let src = Source::new("m.toml", text.as_str());
        let out = human(&src, Diagnostic::warning(10..text.len() - 1, "long"));
        assert!(out.contains("m.toml:1:11"), "{out}");
        assert_eq!(
            out.lines().filter(|l| l.starts_with(char::is_numeric)).count(),
            1,
            "{out}"
        );
        // A few lines are shown whole.
        let text = "a = \"\"\"\none\ntwo\n\"\"\"\n";
        let src = Source::new("m.toml", text);
        let out = human(&src, Diagnostic::warning(4..text.len() - 1, "short"));
        for n in ["1 │", "2 │", "3 │", "4 │"] {
            assert!(out.contains(n), "{out}");
        }
    }

    #[test]
    fn any_span_renders_without_panicking() {
        let long = "é".repeat(150);
        let text = format!("a = \"ä\u{1b}\"\r\n\r\nb = \"{long}\"\n\n\tc = '日本'\n");
        for text in [text.as_str(), "", "\n", "x"] {
            let src = Source::new("t.toml", text);
            let n = text.len() + 2;
            for start in 0..n {
                for end in (0..n).step_by(3) {
                    let out = human(&src, Diagnostic::error(start..end, "m"));
                    assert!(out.starts_with("error: m\n"), "{start}..{end}: {out}");
                    let (line, col) = src.line_col(start);
                    assert!(out.contains(&format!("t.toml:{line}:{col}")), "{start}..{end}: {out}");
                }
            }
        }
    }

    #[test]
    fn problems_not_about_the_file_name_no_file() {
        let src = Source::new("c.toml", "a = 1\n");
        let d = Diagnostic::error(Location::None, "cannot write out/");
        assert_eq!(
            to_json(Some(&src), &d),
            r#"{"file":null,"line":null,"column":null,"severity":"error","message":"cannot write out/","hint":null}"#
        );
        assert_eq!(human(&src, d), "error: cannot write out/\n\n");
        let out = human(
            &src,
            Diagnostic::error(Location::File, "the [profile] table is missing"),
        );
        assert!(out.contains("= in c.toml"), "{out}");
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
