//! TOML syntax: the file parsed with toml's recoverable parser, so that every
//! syntax error is reported (one per line, without the parser's cascades), each
//! in plain words with a hint.

use std::collections::HashSet;
use std::ops::Range;

use toml::de::DeTable;

use super::values::{clip, describe_char, is_forbidden_control};
use crate::diag::{Diagnostic, Location};

/// The parsed file (a best guess around any syntax error) and its syntax errors;
/// `broken` holds the lines those errors are on, where anything else found is a guess.
pub struct Parsed<'i> {
    pub doc: toml::Spanned<DeTable<'i>>,
    pub errors: Vec<Diagnostic>,
    pub broken: Vec<Range<usize>>,
}

pub fn parse(text: &str) -> Parsed<'_> {
    if let Some(doc) = super::pieces::parse(text) {
        return Parsed {
            doc,
            errors: Vec::new(),
            broken: Vec::new(),
        };
    }
    let (doc, errors) = DeTable::parse_recoverable(text);
    let broken = errors
        .iter()
        .map(|e| line_around(text, e.span().map_or(0, |s| s.start)))
        .collect();
    Parsed {
        doc,
        errors: syntax_diagnostics(text, &errors),
        broken,
    }
}

/// Whether a diagnostic lies on a line with a syntax error (where what the parser
/// recovered is a guess).
pub fn on_broken_line(d: &Diagnostic, broken: &[Range<usize>]) -> bool {
    match &d.location {
        Location::Span(s) => broken.iter().any(|b| s.start <= b.end && b.start <= s.end),
        Location::None | Location::File => false,
    }
}

fn syntax_diagnostics(text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut errors: Vec<(Range<usize>, &str)> =
        errors.iter().map(|e| (e.span().unwrap_or(0..0), e.message())).collect();
    errors.sort_by_key(|(s, _)| s.start);
    let mut lines_seen = HashSet::new();
    let mut out = Vec::new();
    // The first message on the last line that had an error, and that line.
    let mut previous: Option<(&str, usize)> = None;
    // the line of the last error's start, counted on from there (the errors are
    // in order), so that many errors do not each count from the file's start
    let (mut counted_to, mut line) = (0, 0);
    for (span, message) in errors {
        let start = text.floor_char_boundary(span.start.min(text.len()));
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        // One error per line: after the first, the rest are guesses.
        if !lines_seen.insert(line) {
            continue;
        }
        // The same complaint first on the following lines is the parser's guesses cascading.
        let cascade = matches!(previous, Some((m, l)) if m == message && line == l + 1);
        previous = Some((message, line));
        if cascade {
            continue;
        }
        let at_line_start = line_around(text, span.start).start == span.start;
        let span = widen(text, span);
        let at = text.get(span.clone()).and_then(|t| t.chars().next());
        if let Some(d) = surrogate(text, &span).or_else(|| too_many_parts(text, message)) {
            out.push(d);
            continue;
        }
        let (message, hint) = if message.starts_with("duplicate key") {
            (
                format!(
                    "`{}` is defined twice",
                    clip(text.get(span.clone()).unwrap_or("this key"))
                ),
                Some("each key, and each [table], may appear only once; remove or rename one of them".to_string()),
            )
        } else {
            let (plain, hint) = plain_syntax_error(message, at, at_line_start);
            (format!("invalid TOML: {plain}"), hint)
        };
        let mut d = Diagnostic::error(span, message);
        d.hint = hint;
        out.push(d);
    }
    out
}

/// A `\uD800`-style escape at (or just before) `span`: a lone surrogate, which is
/// not a character and cannot be written in TOML (the parser only says the escape
/// is invalid).
fn surrogate(text: &str, span: &Range<usize>) -> Option<Diagnostic> {
    let from = text.floor_char_boundary(span.start.saturating_sub(10));
    let to = text.floor_char_boundary((span.start + 10).min(text.len()));
    let near = &text[from..to];
    near.match_indices('\\').find_map(|(i, _)| {
        let rest = &near[i + 1..];
        let digits = match rest.as_bytes().first() {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => return None,
        };
        let hex = rest.get(1..1 + digits)?;
        let code = u32::from_str_radix(hex, 16).ok()?;
        let at = from + i;
        let escape = at..at + 2 + digits;
        let covers = escape.start <= span.start && span.start <= escape.end;
        (covers && (0xD800..=0xDFFF).contains(&code)).then(|| {
            Diagnostic::error(
                escape,
                format!(
                    "invalid TOML: `{}` is a lone surrogate (U+{code:04X}), not a character",
                    &text[at..at + 2 + digits]
                ),
            )
            .with_hint(
                "write the character itself, or its code point: \\u00E9 for é, \\U0001F600 for a character \
                 beyond U+FFFF (never a pair of \\uD8xx\\uDCxx escapes, as JSON does)",
            )
        })
    })
}

/// The parser's "recursion limit" (which has no place): the key of more dotted
/// parts than it reads, located.
fn too_many_parts(text: &str, message: &str) -> Option<Diagnostic> {
    if message != "recursion limit" {
        return None;
    }
    // The key part of each line: a [header]'s name, or what comes before `=`.
    let mut offset = 0;
    let mut best: Option<(usize, Range<usize>)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let start = offset + (line.len() - trimmed.len());
        let key = if trimmed.starts_with('[') {
            trimmed.trim_start_matches('[').split(']').next()
        } else {
            trimmed.split('=').next().filter(|_| trimmed.contains('='))
        };
        if let Some(key) = key {
            let parts = key.split('.').count();
            let key_start = start + trimmed.find(key).unwrap_or(0);
            if best.as_ref().is_none_or(|(n, _)| parts > *n) {
                best = Some((parts, key_start..key_start + key.trim_end().len()));
            }
        }
        offset += line.len();
    }
    let (parts, span) = best?;
    Some(
        Diagnostic::error(
            span,
            format!("invalid TOML: this key has {parts} dotted parts, more than folio reads"),
        )
        .with_hint("no folio key has more than three parts (such as systems.case_study.motivation); check the dots"),
    )
}

/// The parser's message in plain words, and a hint, for the usual mistakes; `at` is
/// the character the error points at.
fn plain_syntax_error(message: &str, at: Option<char>, at_line_start: bool) -> (String, Option<String>) {
    const QUOTES: &str = "put text in double quotes, e.g. name = \"Ada Example\"";
    const ARRAY: &str = "an array is [\"a\", \"b\"]: items separated by commas, closed with ]";
    const HEADER: &str = "a header is a table name in brackets on a line of its own, like [profile] or [[systems]]";
    let has = |p: &str| message.contains(p);
    let (plain, hint): (String, &str) = match at {
        Some(c) if is_forbidden_control(c) && has("string") => (
            format!("a control character ({}) is not allowed in a string", describe_char(c)),
            "remove it (it often comes from copying and pasting)",
        ),
        _ if has("recurse") => (
            "arrays or tables are nested too deeply to read".into(),
            "no folio key nests more than three levels; check the brackets",
        ),
        _ if has("string values must be quoted") => ("text must be in quotes".into(), QUOTES),
        _ if has("escape") || has("unicode") => (
            "a backslash must start an escape such as \\n or \\u00E9".into(),
            "write \\\\ for a backslash itself, or use 'single quotes', which keep backslashes as written",
        ),
        _ if has("invalid multi-line") => (
            "this multi-line string is not closed".into(),
            "end it with \"\"\" (or \'\'\' if it started with \'\'\')",
        ),
        _ if has("invalid basic string") || has("invalid literal string") => (
            "this string is not closed".into(),
            "close the string with a quote on the same line; for several lines use \"\"\"triple quotes\"\"\"",
        ),
        _ if has("unclosed table") || has("unclosed array table") => {
            ("the table header is not closed with ]".into(), HEADER)
        }
        _ if has("unclosed array") => ("the array is not closed with ]".into(), ARRAY),
        _ if has("between array elements") && at_line_start => (
            "an array opened above is not closed".into(),
            "add the ] that closes it (and check the commas between its items)",
        ),
        _ if has("between array elements") => ("a comma is missing between array items".into(), ARRAY),
        _ if has("unclosed inline table") => (
            "the inline table is not closed with }".into(),
            "an inline table is { label = \"Code\", url = \"https://...\" }, all on one line",
        ),
        _ if has("key with no value") => (
            "a key must be followed by = and a value".into(),
            "write key = value, e.g. title = \"...\"",
        ),
        _ if has("expected newline") => (
            "there is more on this line after the value".into(),
            "write one key = value per line, and put text with spaces in quotes",
        ),
        _ if has("date") || has("time") => (
            message.into(),
            "write dates in quotes: \"2024-03\" or \"2024-03-15\", or a year as a number: 2024",
        ),
        _ if has("invalid boolean") || has("invalid float") || has("invalid integer") || has("invalid number") => {
            (message.into(), QUOTES)
        }
        _ if has("keys cannot be empty") => (message.into(), "write a key name before the ="),
        _ => return (message.into(), None),
    };
    (plain, Some(hint.to_string()))
}

/// The byte range of the line holding `offset` (without its newline).
pub fn line_around(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// An empty span grows to cover the character at its position, so it can be
/// underlined (not a line break: that would underline two lines).
fn widen(text: &str, span: Range<usize>) -> Range<usize> {
    if span.start < span.end
        || span.start >= text.len()
        || !text.is_char_boundary(span.start)
        || text[span.start..].starts_with(['\n', '\r'])
    {
        return span;
    }
    let len = text[span.start..].chars().next().map_or(0, char::len_utf8);
    span.start..span.start + len
}
