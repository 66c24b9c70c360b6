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
pub(super) const PIECES_FROM: usize = 256 * 1024;

/// The header the file is cut before.
const HEADER: &str = "[[systems]]";

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
/// comment, and the line's end) start, outside any multi-line string. Only
/// triple quotes are looked for, each with [`find`] (a triple
/// quote inside a one-line string or a comment is taken for one that opens a
/// string: at worst a cut is missed, or a piece does not parse and the file is
/// parsed whole).
fn cuts(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut pos = 0;
    let line_start = |i: usize| i > 0 && text.as_bytes()[i - 1] == b'\n';
    // the next header and the next triple quote of each kind at or after `pos`
    // (text.len(): none), each searched for again only once `pos` is past it,
    // so that no stretch of the text is searched twice for the same thing
    let mut next = [(0, HEADER), (0, "\"\"\""), (0, "'''")];
    let mut searched = false;
    while pos < text.len() {
        for (at, what) in &mut next {
            if *at < pos || !searched {
                let ok = |i: usize| *what != HEADER || line_start(i);
                *at = find(text, pos, what, ok).unwrap_or(text.len());
            }
        }
        searched = true;
        let [(header, _), basic, literal] = next;
        let (at, quote) = basic.min(literal);
        if header < at {
            let end = text[header..].find('\n').map_or(text.len(), |i| header + i);
            if is_header(&text.as_bytes()[header..end]) {
                cuts.push(header);
            }
            pos = header + HEADER.len();
        } else if at < text.len() {
            match closing(text, at + 3, quote) {
                Some(end) => pos = end,
                None => break,
            }
        } else {
            break;
        }
    }
    cuts
}

/// Where the multi-line string opened just before `from` ends (after its
/// closing quotes and the up to two quotes before them that are its own).
fn closing(text: &str, mut from: usize, quote: &str) -> Option<usize> {
    loop {
        let at = find(text, from, quote, |_| true)?;
        // (in a basic string, a quote after an odd run of backslashes is escaped)
        let backslashes = text.as_bytes()[..at].iter().rev().take_while(|&&b| b == b'\\').count();
        if quote.starts_with('"') && backslashes % 2 == 1 {
            from = at + 1;
            continue;
        }
        let mut end = at + 3;
        let first = quote.as_bytes()[0];
        for _ in 0..2 {
            if text.as_bytes().get(end) == Some(&first) {
                end += 1;
            }
        }
        return Some(end);
    }
}

/// The first `needle` at or after `from` for which `ok` holds. (Its first byte,
/// ASCII, is searched for with `memchr`, which is quicker here than the
/// substring search.)
fn find(text: &str, from: usize, needle: &str, ok: impl Fn(usize) -> bool) -> Option<usize> {
    let first = char::from(needle.as_bytes()[0]);
    let mut at = from;
    while let Some(i) = text[at..].find(first) {
        let i = at + i;
        if text[i..].starts_with(needle) && ok(i) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Whether `line` is the header, then nothing but blanks or a comment.
fn is_header(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(HEADER.as_bytes()) else {
        return false;
    };
    let rest = rest.strip_suffix(b"\r").unwrap_or(rest);
    let blank = rest
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .map_or(rest.len(), |p| p);
    rest[blank..].is_empty() || rest[blank] == b'#'
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

    #[test]
    fn quotes_that_do_not_close_a_string_keep_its_headers_uncut() {
        // an escaped quote before two more does not close a basic string; a
        // fourth quote is a literal string's own, then it closes
        let text = "a = 1\nz = \"\"\"a\\\"\"\"\n[[systems]]\n\"\"\"\nw = '''b''''\n[[systems]]\nid = 1\n";
        assert_eq!(cuts(text), [text.rfind("[[systems]]").unwrap()]);
    }

    #[test]
    fn many_strings_before_a_header_are_each_read_once() {
        // (searching again from each string for the header, or for the kind of
        // quote the file does not use, made this quadratic: 25 s for 40,000 strings)
        let strings: String = (0..40_000).map(|i| format!("k{i} = \"\"\"x\"\"\"\n")).collect();
        let text = format!("a = 1\n{strings}[[systems]]\nid = \"a\"\n[[systems]]\nid = \"b\"\n");
        let first = text.find("[[systems]]").unwrap();
        assert_eq!(cuts(&text), [first, text.rfind("[[systems]]").unwrap()]);
    }
}
