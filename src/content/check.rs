//! Checking the parsed TOML against the format, one table at a time.
//!
//! [`Checker::record`] walks one table: every key is looked up in the table's
//! key list ([`Record::FIELDS`]); an unknown key is reported with the closest
//! known one, or the table it belongs in; a known key's value is checked by its
//! kind ([`Check`], in [`super::kinds`]) and, when valid, stored in the typed raw
//! struct ([`super::raw`]); then every required key that was not written is
//! reported. Nothing stops at the first mistake: every problem of every table is
//! collected.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::keys::{Field, Kind};
use super::values::{clip, clip_to, describe_char, is_forbidden_control, join, Unit};
use crate::diag::{closest, Diagnostic, Location, Source};
use crate::text::chars;

pub type Span = Range<usize>;

/// The longest one-line value (a title, a tagline, a list item), in characters.
pub const MAX_LINE_CHARS: usize = 2_000;

/// The longest text value (a summary, a case-study section), in characters.
pub const MAX_TEXT_CHARS: usize = 50_000;

/// The longest word (characters between spaces) in printed text.
pub const MAX_WORD_CHARS: usize = 300;

/// The most entries an array may hold (`[[systems]]`, `tags`, `highlights`, ...).
pub const MAX_ENTRIES: usize = 2_000;

/// A kind of value: its [`Kind`] (for messages, the schema and the writer) and
/// the type a checked value of it has in a raw struct.
pub trait Check {
    const KIND: Kind;
    type Out;

    /// Check one value of the key `field`: the value, or `None` when it is invalid
    /// (and reported) or empty.
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<Self::Out>;
}

/// A table of the format, as the raw struct its checked values go into (`Send`:
/// the entries of a long array of tables are checked on all cores).
pub trait Record: Default + Send {
    /// Its keys, in the order they are documented and written.
    const FIELDS: &'static [Field];

    fn place_mut(&mut self) -> &mut Place;

    /// Check the value of the key `FIELDS[index]` and keep it, when it is valid.
    fn fill(&mut self, index: usize, cx: &mut Checker<'_>, v: &Spanned<DeValue<'_>>, at: &At<'_>);
}

/// Where a checked table is in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The header (`[[systems]]`) or the inline table.
    pub span: Span,
    /// Where it is, e.g. `systems[2]` (empty for the top level).
    pub path: String,
    /// Which of its keys were written, valid or not: bit `i` for `FIELDS[i]`.
    pub written: u64,
}

impl Place {
    /// Whether the key `FIELDS[index]` was written (a raw struct names its keys'
    /// indices: `raw::System::start`).
    pub fn has(&self, index: usize) -> bool {
        self.written & (1 << index) != 0
    }
}

/// The table that holds the one being checked, for "wrong table" hints.
#[derive(Clone, Copy)]
pub struct Parent<'a> {
    pub fields: &'static [Field],
    pub display: &'a str,
}

/// Where a value is: its path for messages (`systems[0].title`), the schema path
/// of the table it is in (`systems`), and that table.
pub struct At<'a> {
    pub path: &'a str,
    pub schema: &'a str,
    pub table: Parent<'a>,
}

pub struct Checker<'a> {
    pub source: &'a Source,
    pub covers: &'a (dyn Fn(char) -> bool + Sync),
    pub diags: Vec<Diagnostic>,
    /// There are syntax errors: the tree is a best guess, so skip "missing" checks.
    pub recovering: bool,
    /// Every printed value (its text, span and path), checked against the fonts
    /// once the user's fonts are known ([`Checker::missing_glyphs`]); a value of
    /// ASCII only is left out when `covers` has every ASCII character.
    pub printed: Vec<(String, Span, String)>,
    /// Whether `covers` has every ASCII character (so text of ASCII only needs
    /// no font check: most text is ASCII, and the bundled fonts all have it).
    pub ascii_covered: bool,
}

/// How a TOML value is described when it has the wrong type.
pub fn found(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'a> Checker<'a> {
    /// A checker of `source`, with `covers(c)` saying whether the bundled fonts
    /// draw `c`; `recovering` when the file has syntax errors.
    pub fn new(source: &'a Source, covers: &'a (dyn Fn(char) -> bool + Sync), recovering: bool) -> Self {
        Checker {
            source,
            covers,
            diags: Vec::new(),
            recovering,
            printed: Vec::new(),
            ascii_covered: (0..=127u8).all(|b| covers(char::from(b))),
        }
    }

    pub fn error(&mut self, at: impl Into<Location>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(at, message);
        d.hint = hint;
        self.diags.push(d);
    }

    pub fn warning(&mut self, span: Span, message: String, hint: &str) {
        self.diags.push(Diagnostic::warning(span, message).with_hint(hint));
    }

    pub fn text_of(&self, span: &Span) -> &str {
        self.source.text.get(span.clone()).unwrap_or("")
    }

    /// Check every key of `table` against `R`'s keys, and fill an `R` with the
    /// valid values. `schema` is the table's dotted name (`systems.case_study`),
    /// `path` its place (`systems[0].case_study`).
    pub fn record<R: Record>(
        &mut self,
        table: &DeTable<'_>,
        span: Span,
        path: String,
        schema: &str,
        is_array: bool,
        parent: Option<Parent<'_>>,
    ) -> R {
        let fields = R::FIELDS;
        let display = if schema.is_empty() {
            "the top level".to_string()
        } else if is_array {
            format!("[[{schema}]]")
        } else {
            format!("[{schema}]")
        };
        let mut record = R::default();
        let mut written = 0u64;
        // Known keys that an unknown key looks like a typo of.
        let mut typos = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let Some(index) = fields.iter().position(|f| f.name == name) else {
                typos.extend(self.unknown_key(key, &display, schema, fields, parent));
                continue;
            };
            written |= 1 << index;
            let value_path = join(&path, name);
            let at = At {
                path: &value_path,
                schema,
                table: Parent {
                    fields,
                    display: &display,
                },
            };
            record.fill(index, self, value, &at);
        }
        if !self.recovering {
            let at = if schema.is_empty() {
                Location::File
            } else {
                Location::Span(span.clone())
            };
            // A required key written with a typo is reported once, as the typo.
            for (i, field) in fields.iter().enumerate() {
                if field.required && written & (1 << i) == 0 && !typos.contains(&field.name) {
                    self.missing(field, at.clone(), &display, schema);
                }
            }
        }
        *record.place_mut() = Place { span, path, written };
        record
    }

    fn unknown_key(
        &mut self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        display: &str,
        schema: &str,
        fields: &'static [Field],
        parent: Option<Parent<'_>>,
    ) -> Option<&'static str> {
        let name: &str = key.get_ref();
        let message = if schema.is_empty() {
            format!("unknown key `{}` at the top level", clip(name))
        } else {
            format!("unknown key `{}` in {display}", clip(name))
        };
        // A key of a table nested in this one?
        let homes: Vec<String> = fields
            .iter()
            .filter_map(|f| match f.kind {
                Kind::Table(sub) if sub.iter().any(|s| s.name == name) => Some(format!("[{}]", join(schema, f.name))),
                Kind::Tables(sub) if sub.iter().any(|s| s.name == name) => {
                    Some(format!("[[{}]]", join(schema, f.name)))
                }
                _ => None,
            })
            .collect();
        let hint = if let Some(p) = parent.filter(|p| p.fields.iter().any(|f| f.name == name)) {
            format!(
                "`{name}` belongs to {}, but every key after the {display} header goes into {display}; \
                 move `{name}` above that header",
                p.display
            )
        } else if !homes.is_empty() {
            format!("`{name}` belongs in {}", homes.join(" or "))
        } else if let Some(best) = closest(name, fields.iter().map(|f| f.name)) {
            self.error(key.span(), message, Some(format!("did you mean `{best}`?")));
            return Some(best);
        } else {
            let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
            format!("the keys {display} accepts are: {}", known.join(", "))
        };
        self.error(key.span(), message, Some(hint));
        None
    }

    fn missing(&mut self, field: &Field, at: Location, display: &str, schema: &str) {
        let full = join(schema, field.name);
        let needs = |sub: &[Field]| -> String {
            let needs: Vec<String> = sub.iter().filter(|f| f.required).map(Field::example).collect();
            needs.join(", ")
        };
        let (message, hint) = match field.kind {
            Kind::Table(sub) => (
                format!("the [{full}] table is missing"),
                format!("add a [{full}] line followed by {}", needs(sub)),
            ),
            Kind::Tables(sub) => (
                format!("there is no [[{full}]] table; add at least one"),
                format!("start each with a [[{full}]] line followed by {}", needs(sub)),
            ),
            _ => (
                format!("missing `{}` in {display}", field.name),
                format!("add `{}`: {}", field.example(), field.doc),
            ),
        };
        self.error(at, message, Some(hint));
    }

    pub fn wrong_type(&mut self, field: &Field, v: &Spanned<DeValue<'_>>, path: &str, schema: &str) {
        let span = v.span();
        let kind = field.kind;
        let raw = self.text_of(&span).to_string();
        // The value as written, when it is short enough to repeat in a hint.
        let raw = if raw.chars().count() <= 40 && !raw.contains('\n') {
            raw
        } else {
            "...".to_string()
        };
        let name = field.name;
        let full = join(schema, name);
        let hint = match (kind, v.get_ref()) {
            (Kind::Lines | Kind::Ids | Kind::Paths, DeValue::String(_)) if raw == "..." => {
                Some(format!("write a list: `{name} = [\"...\"]`"))
            }
            (Kind::Lines | Kind::Ids | Kind::Paths, DeValue::String(_)) => {
                Some(format!("write a list: `{name} = [{raw}]`"))
            }
            (
                Kind::Line | Kind::Text | Kind::Address | Kind::Email | Kind::Url | Kind::Path | Kind::Id,
                DeValue::Array(_),
            ) => Some("write one string in quotes, not a list".to_string()),
            (Kind::Line | Kind::Text | Kind::Address | Kind::Email | Kind::Url | Kind::Path | Kind::Id, _) => Some(
                format!("put text in quotes: `{name} = \"{}\"`", raw.replace('"', "\\\"")),
            ),
            (Kind::Date, _) => Some(DATE_HINT.to_string()),
            (Kind::EndDate, _) => Some(END_HINT.to_string()),
            (Kind::Count, DeValue::String(_)) => Some(format!("write the number without quotes: `{name} = 4`")),
            (Kind::Count, _) => Some(format!("write a whole number, like `{name} = 4`")),
            (Kind::Choice(_) | Kind::Color, _) => Some(format!("write it in quotes: `{name} = {}`", kind.example())),
            (Kind::Table(_), DeValue::Array(_)) => {
                Some(format!("write one [{full}] header (single brackets), not [[{full}]]"))
            }
            (Kind::Tables(_), DeValue::Table(_)) => Some(format!(
                "write [[{full}]] (double brackets) before each entry, or a list of inline tables"
            )),
            (Kind::Length, DeValue::Integer(_) | DeValue::Float(_)) => Some(format!(
                "write the unit too, in quotes: `{name} = \"{raw}mm\"` (units: {})",
                Unit::names()
            )),
            (Kind::Length, _) => Some(format!("write a length in quotes, like `{name} = \"18mm\"`")),
            (Kind::Points, DeValue::String(text)) => {
                let digits: String = text.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                let n = if digits.is_empty() { "10".to_string() } else { digits };
                Some(format!("write the number without quotes or unit: `{name} = {n}`"))
            }
            (Kind::Points, _) => Some(format!("write a number, like `{name} = 10`")),
            _ => None,
        };
        self.error(
            span,
            format!(
                "`{path}` should be {}, but it is {}",
                kind.expected(),
                found(v.get_ref())
            ),
            hint,
        );
    }

    /// Report an array with more than [`MAX_ENTRIES`] entries; `false` if it has.
    pub fn not_too_many(&mut self, len: usize, span: &Span, path: &str, tables: bool) -> bool {
        if len <= MAX_ENTRIES {
            return true;
        }
        let message = if tables {
            format!("there are {len} [[{path}]] entries; folio accepts at most {MAX_ENTRIES}")
        } else {
            format!("`{path}` has {len} entries; folio accepts at most {MAX_ENTRIES}")
        };
        self.error(
            span.clone(),
            message,
            Some("keep the ones that matter most; nobody reads that many".into()),
        );
        false
    }

    /// Report a value too long to set (in characters, or in one word); `false` if it is.
    pub fn fits(&mut self, raw: &str, span: &Span, path: &str, text: bool, words: bool) -> bool {
        let (max, what, hint) = if text {
            (
                MAX_TEXT_CHARS,
                "a text field",
                "shorten it, or spread it over the case-study sections",
            )
        } else {
            (
                MAX_LINE_CHARS,
                "a one-line field",
                "shorten it; longer text belongs in a summary or the case study",
            )
        };
        // (a string no longer in bytes than the limit is within it in characters)
        let len = if raw.len() <= max { 0 } else { raw.chars().count() };
        if len > max {
            self.error(
                span.clone(),
                format!("`{path}` is {len} characters long; {what} holds at most {max}"),
                Some(hint.into()),
            );
            return false;
        }
        if !words || raw.len() <= MAX_WORD_CHARS {
            return true;
        }
        // one pass for the longest word's length (a text field is thousands of
        // words); only one too long is looked for again, to be quoted
        if longest_word(raw) <= MAX_WORD_CHARS {
            return true;
        }
        let longest = raw
            .split(char::is_whitespace)
            .map(|w| (w, w.chars().count()))
            .max_by_key(|(_, n)| *n)
            .filter(|(_, n)| *n > MAX_WORD_CHARS);
        if let Some((word, n)) = longest {
            self.error(
                span.clone(),
                format!(
                    "`{path}` has a word of {n} characters (\"{}\"); a word may be at most {MAX_WORD_CHARS} characters",
                    clip_to(word, 20)
                ),
                Some("break it up with spaces; a long address belongs in `links`".into()),
            );
            return false;
        }
        true
    }

    /// Report the first control character of a raw string value; `false` if there is one.
    pub fn no_controls(&mut self, raw: &str, span: &Span, path: &str) -> bool {
        if !may_hold_control(raw) {
            return true;
        }
        let Some(c) = raw.chars().find(|&c| is_forbidden_control(c)) else {
            return true;
        };
        self.error(
            span.clone(),
            format!(
                "`{path}` contains the control character {}, which cannot be printed",
                describe_char(c)
            ),
            Some("remove it (it often comes from copying and pasting)".into()),
        );
        false
    }

    /// Warn about the characters of a printed value that will not print as
    /// written: bidi controls (removed), right-to-left text (boxes) and characters
    /// the fonts lack.
    pub fn check_glyphs(&mut self, clean: &str, span: &Span, path: &str) {
        // ASCII has no bidi control and no right-to-left letter, and the fonts have all of it
        if self.ascii_covered && clean.is_ascii() {
            return;
        }
        let distinct = |keep: &dyn Fn(char) -> bool| {
            let mut found: Vec<char> = Vec::new();
            for c in clean.chars() {
                if keep(c) && !found.contains(&c) {
                    found.push(c);
                }
            }
            found.iter().map(|&c| describe_char(c)).collect::<Vec<_>>()
        };
        let bidi = distinct(&chars::is_bidi_control);
        if !bidi.is_empty() {
            self.warning(
                span.clone(),
                format!(
                    "`{path}` contains the bidi control {} {}; folio sets text left to right only, so {} removed",
                    if bidi.len() == 1 { "character" } else { "characters" },
                    bidi.join(", "),
                    if bidi.len() == 1 { "it is" } else { "they are" }
                ),
                if bidi.len() == 1 {
                    "delete it (it often comes with text copied from a web page)"
                } else {
                    "delete them (they often come with text copied from a web page)"
                },
            );
        }
        let rtl = distinct(&chars::is_rtl);
        if !rtl.is_empty() {
            let shown = rtl.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
            self.warning(
                span.clone(),
                format!(
                    "`{path}` contains right-to-left text ({shown}{}); folio cannot set right-to-left scripts yet, so it prints as blank boxes",
                    if rtl.len() > 3 { ", …" } else { "" }
                ),
                "write it in a left-to-right script (a transliteration), or leave it out",
            );
        }
        self.printed.push((clean.to_string(), span.clone(), path.to_string()));
    }

    /// Warn about the characters of printed values that neither the bundled fonts
    /// nor the user's `fonts` have.
    pub fn missing_glyphs(&mut self, fonts: &[crate::text::FontFace]) {
        let which = if fonts.is_empty() {
            "the bundled fonts"
        } else {
            "the bundled fonts or `design.fonts`"
        };
        for (text, span, path) in std::mem::take(&mut self.printed) {
            let mut missing: Vec<char> = Vec::new();
            for c in text.chars() {
                let drawn = matches!(c, '\n' | ' ')
                    || chars::is_rtl(c)
                    || (self.covers)(c)
                    || fonts.iter().any(|f| f.has_glyph(c));
                if !drawn && !missing.contains(&c) {
                    missing.push(c);
                }
            }
            let names: Vec<String> = missing.iter().map(|&c| describe_char(c)).collect();
            let message = match names.len() {
                0 => continue,
                1 => format!(
                    "{} in `{path}` is not in {which}; it will print as a blank box or be missing",
                    names[0]
                ),
                _ => format!(
                    "{} in `{path}` are not in {which}; they will print as blank boxes or be missing",
                    names.join(", ")
                ),
            };
            let hint = if names.len() == 1 {
                "name a font that has it in `[design] fonts = [\"...\"]`, or replace it with a character the fonts have"
            } else {
                "name a font that has them in `[design] fonts = [\"...\"]`, or replace them with characters the fonts have"
            };
            self.warning(span, message, hint);
        }
    }
}

/// Whether `raw` may hold a forbidden control character: a C0 control other
/// than tab, newline and carriage return, DEL, or the lead byte of a C1 control
/// (U+0080 to U+009F are 0xC2 0x80 to 0xC2 0x9F in UTF-8). One pass over the
/// bytes, a block at a time with no branch inside a block.
fn may_hold_control(raw: &str) -> bool {
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) | (b == 0x7F) | (b == 0xC2);
    raw.as_bytes()
        .chunks(64)
        .any(|block| block.iter().fold(false, |any, &b| any | suspect(b)))
}

/// The length in characters of the longest word (characters between
/// whitespace) of `raw`; for ASCII text counted over bytes.
fn longest_word(raw: &str) -> usize {
    let (mut longest, mut current) = (0, 0);
    if raw.is_ascii() {
        for &b in raw.as_bytes() {
            current = if b.is_ascii_whitespace() || b == 0x0B {
                0
            } else {
                current + 1
            };
            longest = longest.max(current);
        }
    } else {
        for c in raw.chars() {
            current = if c.is_whitespace() { 0 } else { current + 1 };
            longest = longest.max(current);
        }
    }
    longest
}

pub const DATE_HINT: &str = "write a year `2024`, a month `\"2024-03\"` or a day `\"2024-03-15\"`";
pub const END_HINT: &str = "write a year `2024`, a month `\"2024-03\"`, a day `\"2024-03-15\"`, or `\"present\"`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scans_agree_with_the_character_rules() {
        let samples = [
            "plain text",
            "tab\tnewline\ncr\r",
            "bell\u{7}",
            "del\u{7F}",
            "c1 \u{85} and \u{9F}",
            "no-break\u{A0}space © not a control",
            "vertical\u{B}tab",
            "next line\u{85}here",
            "em\u{2003}space and ideographic\u{3000}one",
        ];
        for s in samples {
            let control = s.chars().any(is_forbidden_control);
            assert!(!control || may_hold_control(s), "{s:?}");
            let mut naive = 0;
            for w in s.split(char::is_whitespace) {
                naive = naive.max(w.chars().count());
            }
            assert_eq!(longest_word(s), naive, "{s:?}");
        }
        assert!(!may_hold_control("plain text\twith tab\nand newline\r\n"));
    }
}
