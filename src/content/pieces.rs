//! A long file parsed in pieces on every core: cut before each `[[systems]]`
//! header, each piece parsed on its own, and the pieces' tables joined into the
//! table the whole file parses to, with every span where the whole file's
//! parse puts it.
//!
//! Only a file that parses cleanly this way is taken so; anything else (a
//! syntax error in any piece, a table two pieces both define, a `systems` key
//! before the first header) is parsed whole, so diagnostics never depend on the
//! cutting. A cut can only fall where a line is exactly a `[[systems]]` header
//! outside any string; a cut that still fell inside a value would leave the
//! piece before it unterminated, a syntax error, so the file would be parsed
//! whole.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Files from which the pieces are parsed on every core (below, one parse is
/// quicker than starting the pool).
const PIECES_FROM: usize = 256 * 1024;

/// The header the file is cut before.
const HEADER: &[u8] = b"[[systems]]";

/// The table `text` parses to, when it is long, has systems to cut at and
/// parses cleanly in pieces; `None` to parse it whole.
pub fn parse(text: &str) -> Option<Spanned<DeTable<'_>>> {
    if text.len() < PIECES_FROM {
        return None;
    }
    let cuts = cuts(text);
    if cuts.len() < 2 {
        return None;
    }
    let mut bounds: Vec<Range<usize>> = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for &cut in &cuts {
        bounds.push(start..cut);
        start = cut;
    }
    bounds.push(start..text.len());
    use rayon::prelude::*;
    // each piece parsed, and its spans moved to where they are in the file, on the pool
    let pieces: Vec<Option<Spanned<DeTable<'_>>>> = bounds
        .par_iter()
        .map(|b| {
            let piece = DeTable::parse(&text[b.clone()]).ok()?;
            if b.start == 0 {
                return Some(piece);
            }
            let span = piece.span();
            Some(Spanned::new(span, shift_table(piece.into_inner(), b.start)))
        })
        .collect();
    let mut pieces = pieces.into_iter();
    let first = pieces.next()?;
    // (the root's span is the one toml gives the first piece's: the whole file's)
    let first = first?;
    let root = first.span();
    let mut doc = first.into_inner();
    if doc.contains_key("systems") {
        return None;
    }
    for piece in pieces {
        for (key, value) in piece?.into_inner() {
            let name: &str = key.get_ref();
            if !doc.contains_key(name) {
                doc.insert(key, value);
                continue;
            }
            // (each piece after the first opens with a system: more of the array)
            let Some(DeValue::Array(systems)) = doc.get_mut(name).map(Spanned::get_mut) else {
                return None;
            };
            match value.into_inner() {
                DeValue::Array(more) if name == "systems" => {
                    for system in more {
                        systems.push(system);
                    }
                }
                _ => return None,
            }
        }
    }
    Some(Spanned::new(root, doc))
}

/// Where lines that are exactly a `[[systems]]` header (then spaces or tabs, a
/// comment, and the line's end) start, outside any string.
fn cuts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut cuts = Vec::new();
    // inside a multi-line string: its closing quotes
    let mut inside: Option<&[u8]> = None;
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr_newline(bytes, at);
        let line = &bytes[at..end];
        if inside.is_none() && is_header(line) && at > 0 {
            cuts.push(at);
        }
        inside = scan_line(line, inside);
        at = end + 1;
    }
    cuts
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

/// Whether `line` is the header, then nothing but blanks or a comment.
fn is_header(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(HEADER) else {
        return false;
    };
    let rest = rest.strip_suffix(b"\r").unwrap_or(rest);
    let blank = rest
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .map_or(rest.len(), |p| p);
    rest[blank..].is_empty() || rest[blank] == b'#'
}

/// The multi-line string open after `line`, given the one open before it.
fn scan_line(line: &[u8], mut inside: Option<&'static [u8]>) -> Option<&'static [u8]> {
    let mut i = 0;
    while i < line.len() {
        if let Some(close) = inside {
            if close == b"\"\"\"" && line[i] == b'\\' {
                i += 2;
            } else if line[i..].starts_with(close) {
                // (up to two more quotes are the string's own, before the closing three)
                i += close.len();
                let mut extra = 0;
                while extra < 2 && line.get(i) == Some(&close[0]) {
                    i += 1;
                    extra += 1;
                }
                inside = None;
            } else {
                i += 1;
            }
            continue;
        }
        match line[i] {
            b'#' => break,
            b'"' if line[i..].starts_with(b"\"\"\"") => {
                inside = Some(b"\"\"\"");
                i += 3;
            }
            b'\'' if line[i..].starts_with(b"'''") => {
                inside = Some(b"'''");
                i += 3;
            }
            b'"' => {
                i += 1;
                while i < line.len() && line[i] != b'"' {
                    i += if line[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'\'' => {
                i += 1;
                while i < line.len() && line[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    inside
}

/// `table` with every span moved on by `by` bytes.
fn shift_table(table: DeTable<'_>, by: usize) -> DeTable<'_> {
    let mut out = DeTable::new();
    for (key, value) in table {
        out.insert(shift(key, by, |k| k), shift(value, by, |v| shift_value(v, by)));
    }
    out
}

fn shift<T>(spanned: Spanned<T>, by: usize, inner: impl FnOnce(T) -> T) -> Spanned<T> {
    let span = spanned.span();
    Spanned::new(span.start + by..span.end + by, inner(spanned.into_inner()))
}

fn shift_value(value: DeValue<'_>, by: usize) -> DeValue<'_> {
    match value {
        DeValue::Array(mut items) => {
            // (in place: the array keeps whether it is an array of tables)
            for item in items.iter_mut() {
                let taken = std::mem::replace(item, Spanned::new(0..0, DeValue::Boolean(false)));
                *item = shift(taken, by, |v| shift_value(v, by));
            }
            DeValue::Array(items)
        }
        DeValue::Table(table) => DeValue::Table(shift_table(table, by)),
        scalar => scalar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole file's parse, as text (every key, value and span).
    fn whole(text: &str) -> String {
        let (doc, errors) = DeTable::parse_recoverable(text);
        assert!(errors.is_empty(), "{errors:?}");
        format!("{doc:?}")
    }

    /// A file of at least `PIECES_FROM` bytes: the generated systems, with `extra` after them.
    fn long(extra: &str) -> String {
        let mut n = 40;
        loop {
            let text = crate::testing::sample_full(n) + extra;
            if text.len() >= PIECES_FROM {
                return text;
            }
            n *= 2;
        }
    }

    #[test]
    fn pieces_parse_to_the_whole_files_table_and_spans() {
        for extra in [
            "",
            // tables after the systems, a system's own sub-tables, CRLF, a comment after a header
            "\n[design]\naccent = \"#225588\"\n\n[[systems]] # one more\r\nid = \"z\"\r\nname = \"Z\"\r\n[systems.case_study]\r\nproblem = \"p\"\r\n",
            // headers inside strings are no cut
            "\n[[systems]]\nid = \"q\"\nname = \"\"\"\n[[systems]]\n\"\"\"\nsummary = '''\n[[systems]]\n'''\n",
        ] {
            let text = long(extra);
            let pieces = format!("{:?}", parse(&text).expect("a long clean file is parsed in pieces"));
            let whole = whole(&text);
            if let Some(at) = pieces.bytes().zip(whole.bytes()).position(|(a, b)| a != b) {
                let around = |s: &str| s[at.saturating_sub(300)..(at + 200).min(s.len())].to_string();
                panic!("the pieces differ:\n{}\nfrom the whole file's:\n{}", around(&pieces), around(&whole));
            }
            assert_eq!(pieces.len(), whole.len());
        }
    }

    #[test]
    fn what_pieces_cannot_say_the_same_way_is_parsed_whole() {
        for extra in [
            // a syntax error
            "\n[[systems]]\nid = \"broken\n",
            // a table two pieces define (an error the whole parse reports)
            "\n[[systems]]\nid = \"a\"\n[profile]\nname = \"again\"\n",
            // more of another array of tables after a system
            "\n[[experience]]\nrole = \"r\"\n[[systems]]\nid = \"b\"\n[[experience]]\nrole = \"s\"\n",
        ] {
            assert!(parse(&long(extra)).is_none(), "{extra:?}");
        }
        assert!(parse("[[systems]]\nid = \"short\"\n[[systems]]\nid = \"file\"\n").is_none());
    }

    #[test]
    fn cuts_fall_before_headers_outside_strings() {
        let text = "a = 1\n[[systems]]\nx = \"\"\"\n[[systems]]\n\"\"\"\n[[systems]]  # c\ny = '[[systems]]'\n [[systems]]\n[[systems]]x\n";
        let first = text.find("[[systems]]\nx").unwrap();
        let third = text.find("[[systems]]  #").unwrap();
        assert_eq!(cuts(text), [first, third]);
    }
}
