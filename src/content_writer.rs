//! Writing a content file: values in, TOML text out, in the order of the key
//! tables ([`ROOT_KEYS`] and the tables it refers to), optionally with each key's
//! doc as a comment above it. `folio init` writes its commented starter file with
//! it and `folio import` its translation of a JSON Resume.
//!
//! Every key written must be one of the tables' keys (anything else is a bug and
//! panics), so what is written is what the parser reads.

use crate::content::{Field, Kind, ROOT_KEYS};

/// A value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    /// A number or other value already in TOML syntax, written as is (`9.5`).
    Raw(String),
    List(Vec<String>),
    Table(Table),
    Tables(Vec<Table>),
}

/// The keys of one table and their values, in any order (they are written in the
/// key table's order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table(pub Vec<(&'static str, Value)>);

impl Table {
    pub fn new() -> Table {
        Table(Vec::new())
    }

    /// Add a key (ignored when `value` is `None`).
    pub fn set(&mut self, key: &'static str, value: impl Into<Option<Value>>) -> &mut Table {
        if let Some(v) = value.into() {
            self.0.retain(|(k, _)| *k != key);
            self.0.push((key, v));
        }
        self
    }

    /// A string, left out when it is empty.
    pub fn str(&mut self, key: &'static str, value: Option<String>) -> &mut Table {
        self.set(key, value.filter(|s| !s.trim().is_empty()).map(Value::Str))
    }

    /// A list of strings, left out when it is empty.
    pub fn list(&mut self, key: &'static str, items: Vec<String>) -> &mut Table {
        let items: Vec<String> = items.into_iter().filter(|s| !s.trim().is_empty()).collect();
        self.set(key, (!items.is_empty()).then_some(Value::List(items)))
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How to write.
#[derive(Clone, Copy, Default)]
pub struct Style<'a> {
    /// Put each key's doc (and, for lists of inline tables, their keys' docs) above it.
    pub docs: bool,
    /// Keys (by dotted path such as `profile.photo`) to write commented out.
    pub commented: &'a [&'a str],
}

/// The whole file.
pub fn write(root: &Table, style: Style<'_>) -> String {
    let mut w = Writer {
        out: String::new(),
        style,
    };
    w.body(root, ROOT_KEYS, "", 0);
    let trimmed = w.out.trim_start_matches('\n').trim_end().to_string();
    trimmed + "\n"
}

struct Writer<'a> {
    out: String,
    style: Style<'a>,
}

fn field(fields: &'static [Field], key: &str, path: &str) -> &'static Field {
    fields
        .iter()
        .find(|f| f.name == key)
        .unwrap_or_else(|| panic!("`{}` is not a key of the content format", join(path, key)))
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// Whether a key is written as its own `[section]` (or `[[section]]`s) rather than
/// as `key = value` inside its table: tables at the top level and one level down,
/// arrays of tables at the top level (deeper ones are lists of inline tables).
fn is_section(kind: Kind, depth: usize) -> bool {
    match kind {
        Kind::Table(_) => depth <= 1,
        Kind::Tables(_) => depth == 0,
        _ => false,
    }
}

impl Writer<'_> {
    /// The doc of `f` as a comment; for a list of inline tables, its keys' docs too.
    fn comment(&mut self, f: &Field, inline: bool) {
        if !self.style.docs {
            return;
        }
        let required = if f.required { " Required." } else { "" };
        self.out.push_str(&format!("# {}{required}\n", f.doc));
        if let (Kind::Tables(sub), true) = (f.kind, inline) {
            for s in sub {
                let required = if s.required { " Required." } else { "" };
                self.out.push_str(&format!("#   {}: {}{required}\n", s.name, s.doc));
            }
        }
    }

    /// The keys of `table`: values first, then the sections below it.
    fn body(&mut self, table: &Table, fields: &'static [Field], path: &str, depth: usize) {
        let mut entries: Vec<(&'static Field, &Value)> =
            table.0.iter().map(|(k, v)| (field(fields, k, path), v)).collect();
        entries.sort_by_key(|(f, _)| fields.iter().position(|g| g.name == f.name));
        for (f, v) in entries.iter().filter(|(f, _)| !is_section(f.kind, depth)) {
            let full = join(path, f.name);
            self.comment(f, true);
            let line = format!("{} = {}", f.name, self.value(f.kind, v, &full));
            if self.style.commented.contains(&full.as_str()) {
                for l in line.lines() {
                    self.out.push_str(&format!("# {l}\n"));
                }
            } else {
                self.out.push_str(&line);
                self.out.push('\n');
            }
        }
        for (f, v) in entries.iter().filter(|(f, _)| is_section(f.kind, depth)) {
            let full = join(path, f.name);
            match (f.kind, v) {
                (Kind::Table(sub), Value::Table(t)) => {
                    self.out.push('\n');
                    self.comment(f, false);
                    self.out.push_str(&format!("[{full}]\n"));
                    self.body(t, sub, &full, depth + 1);
                }
                (Kind::Tables(sub), Value::Tables(ts)) => {
                    let docs = self.style.docs;
                    for (i, t) in ts.iter().enumerate() {
                        self.out.push('\n');
                        self.comment(f, false);
                        self.out.push_str(&format!("[[{full}]]\n"));
                        self.body(t, sub, &full, depth + 1);
                        // The keys' docs once, above the first entry.
                        if i == 0 {
                            self.style.docs = false;
                        }
                    }
                    self.style.docs = docs;
                }
                _ => panic!("`{full}` needs {}", f.kind.expected()),
            }
        }
    }

    /// A value after `key = `.
    fn value(&self, kind: Kind, v: &Value, path: &str) -> String {
        match (kind, v) {
            (Kind::Text, Value::Str(s)) if s.contains('\n') => multi_line(s),
            (Kind::Table(sub), Value::Table(t)) => inline_table(t, sub, path),
            (Kind::Tables(sub), Value::Tables(ts)) => {
                let items: Vec<String> = ts.iter().map(|t| inline_table(t, sub, path)).collect();
                list(&items)
            }
            (Kind::Table(_) | Kind::Tables(_), _) => panic!("`{path}` needs {}", kind.expected()),
            (_, v) => inline(v, path),
        }
    }
}

fn inline(v: &Value, path: &str) -> String {
    match v {
        Value::Str(s) => basic(s),
        Value::Int(i) => i.to_string(),
        Value::Raw(r) => r.clone(),
        Value::List(items) => list(&items.iter().map(|s| basic(s)).collect::<Vec<_>>()),
        Value::Table(_) | Value::Tables(_) => panic!("`{path}` cannot hold a table"),
    }
}

fn inline_table(t: &Table, fields: &'static [Field], path: &str) -> String {
    let mut entries: Vec<(&'static Field, &Value)> = t.0.iter().map(|(k, v)| (field(fields, k, path), v)).collect();
    entries.sort_by_key(|(f, _)| fields.iter().position(|g| g.name == f.name));
    let parts: Vec<String> = entries
        .iter()
        .map(|(f, v)| format!("{} = {}", f.name, inline(v, &join(path, f.name))))
        .collect();
    if parts.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// `["a", "b"]` on one line when it is short, else one item a line.
fn list(items: &[String]) -> String {
    let one_line = format!("[{}]", items.join(", "));
    if one_line.chars().count() <= 80 {
        return one_line;
    }
    let mut s = String::from("[\n");
    for item in items {
        s.push_str(&format!("  {item},\n"));
    }
    s.push(']');
    s
}

/// A one-line TOML basic string.
pub fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line TOML basic string (`"""`), its text starting on the next line and
/// the closing quotes on a line of their own.
fn multi_line(s: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    let mut quotes = 0;
    for c in s.chars() {
        if c == '"' {
            quotes += 1;
            // Never three quotes in a row: that would close the string.
            if quotes == 3 {
                out.push_str("\\\"");
                quotes = 0;
                continue;
            }
        } else {
            quotes = 0;
        }
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' | '"' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    if !s.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> toml::Table {
        text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn strings_survive_any_character() {
        let tricky = "a \"quoted\" \\ back\\slash\ttab \u{1}ctl é 日本 \"\"\" end\"";
        for s in [
            tricky,
            "line one\n\nline \"\"\"\"\" two\r\nthree\\",
            "\"",
            "\"\"\"\"",
            "",
        ] {
            let mut profile = Table::new();
            profile.set("name", Value::Str(s.to_string()));
            profile.set("summary", Value::Str(format!("{s}\n{s}")));
            let mut root = Table::new();
            root.set("profile", Value::Table(profile));
            let text = write(&root, Style::default());
            let t = parse(&text);
            assert_eq!(t["profile"]["name"].as_str(), Some(s), "{text}");
            let summary = t["profile"]["summary"].as_str().unwrap();
            assert_eq!(
                summary.trim_end_matches('\n'),
                format!("{s}\n{s}").trim_end_matches('\n'),
                "{text}"
            );
        }
    }

    #[test]
    fn sections_and_inline_tables_in_key_table_order() {
        let mut link = Table::new();
        link.set("url", Value::Str("https://x.example".into()));
        link.set("label", Value::Str("X".into()));
        let mut profile = Table::new();
        profile.set("links", Value::Tables(vec![link]));
        profile.set("name", Value::Str("A".into()));
        let mut cs = Table::new();
        cs.set("results", Value::Str("R".into()));
        let mut system = Table::new();
        system.set("case_study", Value::Table(cs));
        system.set("title", Value::Str("T".into()));
        system.set("start", Value::Int(2024));
        let mut root = Table::new();
        root.set("systems", Value::Tables(vec![system.clone(), system]));
        root.set("profile", Value::Table(profile));
        let text = write(&root, Style::default());
        assert_eq!(
            text,
            "[profile]\nname = \"A\"\nlinks = [{ label = \"X\", url = \"https://x.example\" }]\n\n\
             [[systems]]\ntitle = \"T\"\nstart = 2024\n\n[systems.case_study]\nresults = \"R\"\n\n\
             [[systems]]\ntitle = \"T\"\nstart = 2024\n\n[systems.case_study]\nresults = \"R\"\n"
        );
        let t = parse(&text);
        assert_eq!(t["systems"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn docs_and_commented_keys() {
        let mut profile = Table::new();
        profile.set("name", Value::Str("A".into()));
        profile.set("photo", Value::Str("photo.jpg".into()));
        let mut root = Table::new();
        root.set("profile", Value::Table(profile));
        let text = write(
            &root,
            Style {
                docs: true,
                commented: &["profile.photo"],
            },
        );
        assert!(text.contains("# Your name, as printed at the top of both documents. Required.\nname = \"A\"\n"));
        assert!(text.contains("\n# photo = \"photo.jpg\"\n"), "{text}");
        assert!(parse(&text)["profile"].get("photo").is_none());
    }

    #[test]
    #[should_panic(expected = "`profile.nmae` is not a key")]
    fn unknown_keys_are_bugs() {
        let mut profile = Table::new();
        profile.set("nmae", Value::Str("A".into()));
        let mut root = Table::new();
        root.set("profile", Value::Table(profile));
        write(&root, Style::default());
    }
}
