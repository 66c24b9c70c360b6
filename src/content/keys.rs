//! The format as data: what a key's value must be ([`Kind`]) and one key of a
//! table ([`Field`]). The tables themselves are declared once, with their raw
//! structs, in [`super::raw`]; the checker, the JSON Schema and the starter's test
//! read them from there.

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text; newlines become spaces.
    Line,
    /// Plain text: paragraphs separated by blank lines, `- ` starts a bullet.
    Text,
    /// Lines printed one under another as written (an address); blank lines are dropped.
    Address,
    /// One line of text containing `@`.
    Email,
    /// An address starting with `https://`, `http://` or `mailto:`.
    Url,
    /// A file path, relative to the folder of the TOML file (not printed).
    Path,
    /// An identifier used to refer to an entry (not printed).
    Id,
    /// A year (integer), or a string `"YYYY-MM"` or `"YYYY-MM-DD"`.
    Date,
    /// Like [`Kind::Date`], or the string `"present"`.
    EndDate,
    /// An array of one-line strings.
    Lines,
    /// An array of identifiers (not printed).
    Ids,
    /// An array of file paths, relative to the folder of the TOML file (not printed).
    Paths,
    /// A positive integer.
    Count,
    /// One of these words, in any case (e.g. the themes).
    Choice(&'static [&'static str]),
    /// A colour written `"#RRGGBB"`.
    Color,
    /// A length with a unit: `"18mm"`, `"1.8cm"`, `"0.75in"` or `"54pt"`.
    Length,
    /// A size in points: a number like `10` or `9.5`.
    Points,
    /// A table with these keys (`[name]`, or an inline table).
    Table(&'static [Field]),
    /// An array of tables with these keys (`[[name]]`, or an array of inline tables).
    Tables(&'static [Field]),
}

impl Kind {
    /// What a value of this kind looks like, in plain words.
    pub fn expected(self) -> String {
        let s = match self {
            Kind::Line | Kind::Email | Kind::Url | Kind::Path | Kind::Id => "a string (text in quotes)",
            Kind::Text => "a string (text in quotes; use \"\"\"...\"\"\" for several paragraphs)",
            Kind::Address => "a string (text in quotes; use \"\"\"...\"\"\" for several lines)",
            Kind::Date => "a date: a year like 2024, or a string like \"2024-03\" or \"2024-03-15\"",
            Kind::EndDate => "a date: a year like 2024, or a string like \"2024-03\", \"2024-03-15\" or \"present\"",
            Kind::Lines | Kind::Ids => "an array of strings, like [\"a\", \"b\"]",
            Kind::Paths => "an array of file paths, like [\"fonts/a.otf\"]",
            Kind::Count => "a positive whole number",
            Kind::Choice(names) => return format!("one of {}, in quotes", quoted_list(names, "or")),
            Kind::Color => "a colour in quotes, like \"#1F5FBF\"",
            Kind::Length => "a length with a unit, in quotes, like \"18mm\"",
            Kind::Points => "a number of points, like 10 or 9.5",
            Kind::Table(_) => "a table",
            Kind::Tables(_) => "an array of tables",
        };
        s.to_string()
    }

    /// A placeholder value in TOML syntax, for hints.
    pub fn example(self) -> String {
        let s = match self {
            Kind::Line | Kind::Id => "\"...\"",
            Kind::Text | Kind::Address => "\"\"\"...\"\"\"",
            Kind::Email => "\"you@example.com\"",
            Kind::Url => "\"https://example.com\"",
            Kind::Path => "\"photo.jpg\"",
            Kind::Date => "2024",
            Kind::EndDate => "\"present\"",
            Kind::Lines | Kind::Ids => "[\"...\"]",
            Kind::Paths => "[\"fonts/NotoSansSC-Regular.otf\"]",
            Kind::Count => "4",
            Kind::Choice(names) => return format!("\"{}\"", names.first().unwrap_or(&"...")),
            Kind::Color => "\"#1F5FBF\"",
            Kind::Length => "\"18mm\"",
            Kind::Points => "10",
            Kind::Table(_) | Kind::Tables(_) => "{ ... }",
        };
        s.to_string()
    }

    /// Whether values of this kind are printed (and so checked against the fonts).
    pub fn is_printed(self) -> bool {
        !matches!(
            self,
            Kind::Path
                | Kind::Paths
                | Kind::Id
                | Kind::Ids
                | Kind::Choice(_)
                | Kind::Color
                | Kind::Length
                | Kind::Points
        )
    }

    /// The keys of the table(s) a value of this kind holds.
    pub fn fields(self) -> Option<&'static [Field]> {
        match self {
            Kind::Table(fields) | Kind::Tables(fields) => Some(fields),
            _ => None,
        }
    }
}

/// One known key of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// One line saying what the key is for.
    pub doc: &'static str,
}

impl Field {
    /// `name = example`, as a hint shows a key to add.
    pub fn example(&self) -> String {
        format!("{} = {}", self.name, self.kind.example())
    }
}

/// The index of the key `name` in `fields`, at compile time (a raw struct's
/// field knows its key by this index).
pub const fn position(fields: &[Field], name: &str) -> usize {
    let mut i = 0;
    while i < fields.len() {
        if same(fields[i].name.as_bytes(), name.as_bytes()) {
            return i;
        }
        i += 1;
    }
    panic!("no such key")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `"a", "b" or "c"` (with `or`), `"a" and "b"` (with `and`).
pub fn quoted_list(names: &[&str], last: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((tail, rest)) if !rest.is_empty() => format!("{} {last} {tail}", rest.join(", ")),
        _ => quoted.join(""),
    }
}
