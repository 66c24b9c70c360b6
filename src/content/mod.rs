//! Stage 1, content: one TOML file → a validated [`Portfolio`], with every user
//! mistake collected as a [`Diagnostic`] that points at the offending key or value.
//!
//! - [`syntax`]: the file parsed with toml's recoverable parser, so every syntax
//!   error is reported, not only the first ([`pieces`]: a long, clean file
//!   parsed in pieces on every core, to the same table);
//! - [`raw`]: the format, declared once: a typed raw struct per table, whose
//!   fields are the table's keys (`Option<Spanned<…>>` of checked values), with
//!   their kinds and docs; the key tables ([`Record::FIELDS`]), the JSON Schema,
//!   the writer and the starter's test all come from these declarations;
//! - [`check`] and [`kinds`]: the parsed tree walked one table at a time, each key
//!   looked up and each value checked by its kind, so that every error is found,
//!   located and hinted (did-you-mean, the table a key belongs in);
//! - [`build`]: the raw structs turned into the model, with the checks that need
//!   several values (unique ids, date ranges, résumé ids, accent contrast);
//! - [`values`] (dates, link addresses, colours, lengths, slugs), [`photo`] (the
//!   profile photo, decoded within limits), [`writer`] (raw structs → TOML).
//!
//! Nothing is reported one at a time: [`parse`] always walks the whole file and
//! returns every error and warning, sorted by position.

pub mod build;
pub mod check;
pub mod files;
pub mod fonts;
pub mod keys;
pub mod kinds;
pub mod photo;
pub mod pieces;
pub mod raw;
pub mod syntax;
pub mod values;
pub mod writer;

use std::path::Path;

pub use check::{Record, MAX_ENTRIES, MAX_LINE_CHARS, MAX_TEXT_CHARS, MAX_WORD_CHARS};
pub use keys::{Field, Kind};
pub use kinds::{FONT_SIZES, MARGINS};
pub use photo::{PHOTO_MAX_ALLOC, PHOTO_MAX_DIMENSION, PHOTO_MAX_SIDE};
pub use values::{contrast_with_white, parse_color, parse_date, slug, MIN_ACCENT_CONTRAST, YEARS};

use crate::diag::{display_path, Diagnostic, Location, Report, Source};
use crate::model::Portfolio;
pub use files::Folders;
use files::NotAFile;
use values::megabytes;

/// Largest content file folio reads (a 20 MB file must be refused with a clear message).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The keys of the top level of the file, and through them of every table.
pub const ROOT_KEYS: &[Field] = <raw::Root as Record>::FIELDS;

/// A content file that parsed without errors.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub source: Source,
    /// Warnings only (there were no errors), sorted by position.
    pub warnings: Vec<Diagnostic>,
}

/// A report of one problem with the file as a whole, before it could be read as TOML.
fn fail(message: String, hint: &str) -> Report {
    Report {
        source: None,
        diagnostics: vec![Diagnostic::error(Location::File, message).with_hint(hint)],
    }
}

/// Read the file at `path` and [`parse`] it, the files it names confined to its folder.
pub fn load(path: &Path, covers: &(dyn Fn(char) -> bool + Sync)) -> Result<Loaded, Report> {
    load_in(path, &Folders::of(path), covers)
}

/// Read the file at `path` and [`parse`] it, resolving the files it names through
/// `folders` (its folder, and the folder they must lie in: `--root`).
///
/// Refuses (with a clear message) a missing or unreadable file, a folder, a named
/// pipe, device or socket (at once, without waiting on it), a file over
/// [`MAX_FILE_BYTES`], NUL bytes and text that is not UTF-8 (pointing at the first
/// bad byte). On any error the report holds every diagnostic, warnings too.
pub fn load_in(path: &Path, folders: &Folders, covers: &(dyn Fn(char) -> bool + Sync)) -> Result<Loaded, Report> {
    let shown = display_path(path);
    let bytes = match files::read_limited(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(NotAFile::Missing) => {
            return Err(fail(
                format!("cannot read {shown}: there is no such file"),
                "check the file name, and the folder folio is run from",
            ))
        }
        Err(NotAFile::Folder) => {
            return Err(fail(
                format!("{shown} is a folder, not a TOML file"),
                "give the path of the .toml file inside it",
            ))
        }
        Err(NotAFile::Special(kind)) => {
            return Err(fail(
                format!("{shown} is {kind}, not a file: folio reads content from regular files only"),
                "give the path of a .toml file; reading a pipe or a device could wait forever or never end",
            ))
        }
        Err(NotAFile::TooBig(len)) => {
            return Err(fail(
                format!(
                    "{shown} is {} ({len} bytes); folio reads content files of up to {}",
                    megabytes(len),
                    megabytes(MAX_FILE_BYTES)
                ),
                "a portfolio file is a few dozen kilobytes of text; is this the right file?",
            ))
        }
        Err(NotAFile::Io(e)) => {
            return Err(fail(
                format!("cannot read {shown}: {e}"),
                "check that the file can be read",
            ))
        }
    };
    from_bytes_in(path, bytes, folders, covers)
}

/// Check and parse the bytes of a content file read from `path` (which names it in
/// diagnostics and resolves the photo): NUL bytes, UTF-8, then [`parse`].
pub fn from_bytes(path: &Path, bytes: Vec<u8>, covers: &(dyn Fn(char) -> bool + Sync)) -> Result<Loaded, Report> {
    from_bytes_in(path, bytes, &Folders::of(path), covers)
}

/// [`from_bytes`], resolving the files the content names through `folders`.
pub fn from_bytes_in(
    path: &Path,
    bytes: Vec<u8>,
    folders: &Folders,
    covers: &(dyn Fn(char) -> bool + Sync),
) -> Result<Loaded, Report> {
    let shown = display_path(path);
    if bytes.contains(&0) {
        return Err(nul_byte(path, &bytes));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.as_bytes()[at];
            // The lossy text equals the original up to `at`, where U+FFFD (3 bytes) stands in.
            let source = Source::new(path, String::from_utf8_lossy(e.as_bytes()).into_owned());
            let (line, col) = source.line_col(at);
            let d = Diagnostic::error(
                at..at + '\u{FFFD}'.len_utf8(),
                format!("{shown} is not UTF-8 text: byte 0x{bad:02X} at line {line}, column {col} cannot be read"),
            )
            .with_hint("save the file with the UTF-8 encoding (most editors offer it when saving)");
            return Err(Report {
                source: Some(source),
                diagnostics: vec![d],
            });
        }
    };
    // A byte-order mark is not part of the text (and would shift line 1's columns).
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        let hint = format!(
            "a content file needs at least {}; content/examples/ada-example.toml shows every field",
            smallest_file()
        );
        return Err(fail(format!("{shown} is empty"), &hint));
    }
    let source = Source::new(path, text);
    let (portfolio, diagnostics) = parse_in(&source, folders, covers);
    match portfolio {
        Some(portfolio) => Ok(Loaded {
            portfolio,
            source,
            warnings: diagnostics,
        }),
        None => Err(Report {
            source: Some(source),
            diagnostics,
        }),
    }
}

/// A file with a NUL byte: located at the first one. A file that is UTF-8 apart from
/// its NULs was damaged or pasted into; one that is not is most likely binary.
fn nul_byte(path: &Path, bytes: &[u8]) -> Report {
    let shown = display_path(path);
    let text = String::from_utf8_lossy(bytes).into_owned();
    let at = text.find('\0').unwrap_or(0);
    let source = Source::new(path, text);
    let (line, col) = source.line_col(at);
    let d = if std::str::from_utf8(bytes).is_ok() {
        Diagnostic::error(
            at..at + 1,
            format!("{shown} has a NUL byte (U+0000) at line {line}, column {col}: TOML text cannot hold one"),
        )
        .with_hint("remove it (it often comes from a damaged file or a bad copy and paste)")
    } else {
        Diagnostic::error(
            at..at + 1,
            format!("{shown} looks like a binary file, not TOML text (it has a NUL byte at line {line}, column {col})"),
        )
        .with_hint("folio reads a UTF-8 text file written in TOML; check that this is the right file")
    };
    Report {
        source: Some(source),
        diagnostics: vec![d],
    }
}

/// The photo path a content file names (`[profile] photo`), read without checking
/// anything else: what `--watch` watches besides the file itself.
pub fn photo_path(text: &str) -> Option<String> {
    let table: toml::Table = text.parse().ok()?;
    let profile = ROOT_KEYS[raw::Root::profile].name;
    let photo = <raw::Profile as Record>::FIELDS[raw::Profile::photo].name;
    let path = table.get(profile)?.get(photo)?.as_str()?.trim();
    (!path.is_empty()).then(|| path.to_string())
}

/// What the smallest content file holds, from the key tables:
/// `a [profile] table with name = "..." and one [[systems]] table with title = "..."`.
fn smallest_file() -> String {
    let tables: Vec<String> = ROOT_KEYS
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            let keys = f.kind.fields().unwrap_or_default();
            let needs: Vec<String> = keys.iter().filter(|k| k.required).map(Field::example).collect();
            let needs = needs.join(", ");
            match f.kind {
                Kind::Tables(_) => format!("one [[{}]] table with {needs}", f.name),
                _ => format!("a [{}] table with {needs}", f.name),
            }
        })
        .collect();
    tables.join(" and ")
}

/// Parse and validate TOML text. `base_dir` resolves the photo path (which must lie
/// in it); `covers(c)` says whether the bundled fonts have a glyph for `c`.
///
/// Returns the model only when there is no error; the diagnostics (errors and
/// warnings, sorted by position) always.
pub fn parse(
    source: &Source,
    base_dir: &Path,
    covers: &(dyn Fn(char) -> bool + Sync),
) -> (Option<Portfolio>, Vec<Diagnostic>) {
    parse_in(source, &Folders::new(base_dir), covers)
}

/// [`parse`], resolving the files the content names through `folders`.
pub fn parse_in(
    source: &Source,
    folders: &Folders,
    covers: &(dyn Fn(char) -> bool + Sync),
) -> (Option<Portfolio>, Vec<Diagnostic>) {
    let syntax::Parsed { doc, errors, broken } = syntax::parse(&source.text);
    let mut checker = check::Checker::new(source, covers, !errors.is_empty());
    let root: raw::Root = kinds::root(&mut checker, doc.get_ref());
    // a long file's document tree (millions of values) is freed on the pool
    // while the model is built from the raw tables
    let portfolio = if source.text.len() >= pieces::PIECES_FROM {
        rayon::join(|| drop(doc), || checker.build(root, folders)).1
    } else {
        drop(doc);
        checker.build(root, folders)
    };
    // only now are the user's fonts known
    checker.missing_glyphs(&portfolio.design.fonts);
    let mut diags = checker.diags;
    if !errors.is_empty() {
        // What the parser recovered around a syntax error is a guess: keep quiet about it.
        diags.retain(|d| !syntax::on_broken_line(d, &broken));
        diags.extend(errors);
    }
    diags.sort_by_key(|d| d.location.span().map(|s| s.start));
    let ok = !diags.iter().any(Diagnostic::is_error);
    (if ok { Some(portfolio) } else { None }, diags)
}

#[cfg(test)]
mod tests;
