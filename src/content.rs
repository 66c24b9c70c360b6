//! Content: one TOML file → a validated [`Portfolio`], with every user mistake
//! collected as a [`Diagnostic`] that points at the offending key or value.
//!
//! The file is parsed with toml's recoverable parser (so every syntax error is
//! reported, not only the first), then the tree is walked by hand against the key
//! tables below ([`ROOT_KEYS`] and the tables it refers to). Those tables are data:
//! the JSON Schema and the commented starter file are generated from them too.
//!
//! Nothing is reported one at a time: [`parse`] always walks the whole file and
//! returns every error and warning, sorted by position.

use std::collections::HashSet;
use std::fs;
use std::io::{BufReader, Read};
use std::ops::{Range, RangeInclusive};
use std::path::Path;

use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diag::{closest, display_path, Diagnostic, Report, Source};
use crate::model::{
    CaseSection, Date, DateRange, Design, Education, End, Experience, Link, Metric, PageSize, Photo, Portfolio,
    Profile, Publication, ResumeConfig, SectionHeading, SkillGroup, System, Text, ThemeName,
};

/// Largest content file folio reads (a 20 MB file must be refused with a clear message).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The years a date may name.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// The longer side of the decoded photo, in pixels, after downscaling.
pub const PHOTO_MAX_SIDE: u32 = 720;

/// Photos wider or taller than this many pixels are refused before decoding.
pub const PHOTO_MAX_DIMENSION: u32 = 12_000;

/// The most memory a photo decoder may use.
pub const PHOTO_MAX_ALLOC: u64 = 512 * 1024 * 1024;

// ---------------------------------------------------------------------------
// The format, as data
// ---------------------------------------------------------------------------

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text; newlines become spaces.
    Line,
    /// Plain text: paragraphs separated by blank lines, `- ` starts a bullet.
    Text,
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
            Kind::Date => "a date: a year like 2024, or a string like \"2024-03\" or \"2024-03-15\"",
            Kind::EndDate => "a date: a year like 2024, or a string like \"2024-03\", \"2024-03-15\" or \"present\"",
            Kind::Lines | Kind::Ids => "an array of strings, like [\"a\", \"b\"]",
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

    /// A placeholder value in TOML syntax, for hints and the starter file.
    pub fn example(self) -> String {
        let s = match self {
            Kind::Line | Kind::Id => "\"...\"",
            Kind::Text => "\"\"\"...\"\"\"",
            Kind::Email => "\"you@example.com\"",
            Kind::Url => "\"https://example.com\"",
            Kind::Path => "\"photo.jpg\"",
            Kind::Date => "2024",
            Kind::EndDate => "\"present\"",
            Kind::Lines | Kind::Ids => "[\"...\"]",
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
            Kind::Path | Kind::Id | Kind::Ids | Kind::Choice(_) | Kind::Color | Kind::Length | Kind::Points
        )
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

const fn req(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        required: true,
        doc,
    }
}

const fn opt(name: &'static str, kind: Kind, doc: &'static str) -> Field {
    Field {
        name,
        kind,
        required: false,
        doc,
    }
}

/// The top level of the file.
pub const ROOT_KEYS: &[Field] = &[
    req(
        "profile",
        Kind::Table(PROFILE_KEYS),
        "Who you are: name, headline, contact details, links, photo.",
    ),
    opt(
        "portfolio",
        Kind::Table(PORTFOLIO_KEYS),
        "The heading of the portfolio's systems part.",
    ),
    req(
        "systems",
        Kind::Tables(SYSTEM_KEYS),
        "The systems you built, one [[systems]] table each (at least one).",
    ),
    opt(
        "experience",
        Kind::Tables(EXPERIENCE_KEYS),
        "Jobs and roles, for the résumé.",
    ),
    opt(
        "education",
        Kind::Tables(EDUCATION_KEYS),
        "Degrees and schools, for the résumé.",
    ),
    opt("skills", Kind::Tables(SKILL_KEYS), "Groups of skills, for the résumé."),
    opt(
        "publications",
        Kind::Tables(PUBLICATION_KEYS),
        "Papers, talks and patents, for the résumé.",
    ),
    opt(
        "resume",
        Kind::Table(RESUME_KEYS),
        "Which systems the one-page résumé shows.",
    ),
    opt(
        "design",
        Kind::Table(DESIGN_KEYS),
        "How the PDFs look: theme, page size, accent colour, margins, font size.",
    ),
];

/// `[profile]`
pub const PROFILE_KEYS: &[Field] = &[
    req(
        "name",
        Kind::Line,
        "Your name, as printed at the top of both documents.",
    ),
    opt(
        "headline",
        Kind::Line,
        "A few words under your name, e.g. \"Engineer-researcher\".",
    ),
    opt(
        "summary",
        Kind::Text,
        "A short introduction (paragraphs; lines starting with \"- \" are bullets).",
    ),
    opt("email", Kind::Email, "Contact email address."),
    opt("phone", Kind::Line, "Contact phone number, printed as written."),
    opt("location", Kind::Line, "City and country, printed as written."),
    opt("website", Kind::Line, "Your website, printed as written."),
    opt(
        "links",
        Kind::Tables(LINK_KEYS),
        "Profile links, e.g. [{ label = \"GitHub\", url = \"https://github.com/you\" }].",
    ),
    opt(
        "photo",
        Kind::Path,
        "A PNG or JPEG photo, path relative to this TOML file.",
    ),
];

/// `[portfolio]`
pub const PORTFOLIO_KEYS: &[Field] = &[
    opt("title", Kind::Line, "Title of the systems part of the portfolio."),
    opt("subtitle", Kind::Line, "A line under the title."),
    opt("intro", Kind::Text, "An introduction printed before the systems."),
];

/// `[[systems]]`
pub const SYSTEM_KEYS: &[Field] = &[
    opt(
        "id",
        Kind::Id,
        "A unique id for [resume].systems; defaults to a slug of the title.",
    ),
    req("title", Kind::Line, "The system's name."),
    opt("tagline", Kind::Line, "One line saying what it is."),
    opt(
        "status",
        Kind::Line,
        "Free text, e.g. \"active\", \"shipped\", \"archived\".",
    ),
    opt(
        "start",
        Kind::Date,
        "When the work started: 2024, \"2024-03\" or \"2024-03-15\".",
    ),
    opt(
        "end",
        Kind::EndDate,
        "When it ended (same forms as start, or \"present\").",
    ),
    opt("summary", Kind::Text, "What the system is and why it matters."),
    opt(
        "tags",
        Kind::Lines,
        "Technologies and topics, e.g. [\"CUDA\", \"Rust\"].",
    ),
    opt(
        "links",
        Kind::Tables(LINK_KEYS),
        "Code, paper, demo: [{ label = \"Code\", url = \"https://...\" }].",
    ),
    opt(
        "metrics",
        Kind::Tables(METRIC_KEYS),
        "Headline numbers: [{ value = \"2.1x\", label = \"Throughput\" }].",
    ),
    opt(
        "case_study",
        Kind::Table(CASE_STUDY_KEYS),
        "The long-form case study, any subset of its sections.",
    ),
];

/// `[systems.case_study]`; the names are [`CaseSection::key`], in print order.
pub const CASE_STUDY_KEYS: &[Field] = &[
    opt("motivation", Kind::Text, "Why the system was needed."),
    opt("constraints", Kind::Text, "The design constraints it had to meet."),
    opt("architecture", Kind::Text, "How it is built."),
    opt("bottlenecks", Kind::Text, "Where the time or memory went."),
    opt(
        "decisions",
        Kind::Text,
        "The optimization decisions and their trade-offs.",
    ),
    opt("methodology", Kind::Text, "How it was benchmarked."),
    opt("results", Kind::Text, "What the numbers came out as."),
    opt("lessons", Kind::Text, "What you learned."),
];

/// An entry of `links` (profile or system).
pub const LINK_KEYS: &[Field] = &[
    req("label", Kind::Line, "The text printed for the link."),
    req("url", Kind::Url, "Where it goes: https://, http:// or mailto:."),
];

/// An entry of `[[systems]].metrics`.
pub const METRIC_KEYS: &[Field] = &[
    req("value", Kind::Line, "The number, as printed, e.g. \"2.1x\"."),
    req("label", Kind::Line, "What was measured, e.g. \"Throughput\"."),
    opt("detail", Kind::Line, "A short note, e.g. the baseline or the hardware."),
];

/// `[[experience]]`
pub const EXPERIENCE_KEYS: &[Field] = &[
    req("role", Kind::Line, "Your role or job title."),
    req("organization", Kind::Line, "The company, lab or team."),
    opt("location", Kind::Line, "Where, printed as written."),
    opt(
        "start",
        Kind::Date,
        "When you started: 2024, \"2024-03\" or \"2024-03-15\".",
    ),
    opt(
        "end",
        Kind::EndDate,
        "When you left (same forms as start, or \"present\").",
    ),
    opt("summary", Kind::Text, "What the role was about."),
    opt("highlights", Kind::Lines, "Achievements, one string each."),
];

/// `[[education]]`
pub const EDUCATION_KEYS: &[Field] = &[
    req("institution", Kind::Line, "The university or school."),
    opt("degree", Kind::Line, "The degree, e.g. \"M.S.\"."),
    opt("field", Kind::Line, "The field of study."),
    opt(
        "start",
        Kind::Date,
        "When you started: 2024, \"2024-03\" or \"2024-03-15\".",
    ),
    opt(
        "end",
        Kind::EndDate,
        "When you finished (same forms as start, or \"present\").",
    ),
    opt("highlights", Kind::Lines, "Thesis, honours, one string each."),
];

/// `[[skills]]`
pub const SKILL_KEYS: &[Field] = &[
    req("group", Kind::Line, "The group's name, e.g. \"Languages\"."),
    req("items", Kind::Lines, "The skills, e.g. [\"Rust\", \"C++\"]."),
];

/// `[[publications]]`
pub const PUBLICATION_KEYS: &[Field] = &[
    req("title", Kind::Line, "The title of the paper or talk."),
    opt("authors", Kind::Lines, "The authors, in order."),
    opt("venue", Kind::Line, "Where it appeared."),
    opt("date", Kind::Date, "When: 2024, \"2024-03\" or \"2024-03-15\"."),
    opt("url", Kind::Url, "Where to read it."),
];

/// `[resume]`
pub const RESUME_KEYS: &[Field] = &[
    opt(
        "systems",
        Kind::Ids,
        "The ids of the systems to show, in this order (default: all).",
    ),
    opt("max_systems", Kind::Count, "Show at most this many systems."),
];

/// The names `[design].theme` accepts, in [`ThemeName::ALL`] order.
pub const THEMES: &[&str] = &["classic", "modern", "compact"];

/// The names `[design].page_size` accepts, in [`PageSize::ALL`] order.
pub const PAGE_SIZES: &[&str] = &["a4", "letter"];

/// `[design]`
pub const DESIGN_KEYS: &[Field] = &[
    opt(
        "theme",
        Kind::Choice(THEMES),
        "The look: \"classic\" (the default), \"modern\" or \"compact\".",
    ),
    opt(
        "page_size",
        Kind::Choice(PAGE_SIZES),
        "\"a4\" (the default) or \"letter\".",
    ),
    opt(
        "accent",
        Kind::Color,
        "The accent colour, \"#RRGGBB\"; dark enough that white text on it reads well.",
    ),
    opt(
        "margins",
        Kind::Length,
        "Page margins, e.g. \"18mm\", \"2cm\", \"0.75in\" or \"54pt\" (20pt to 144pt).",
    ),
    opt("font_size", Kind::Points, "Body text size in points, 7 to 14."),
];

/// The margins `[design].margins` allows, in points.
pub const MARGINS: RangeInclusive<f32> = 20.0..=144.0;

/// The body text sizes `[design].font_size` allows, in points.
pub const FONT_SIZES: RangeInclusive<f32> = 7.0..=14.0;

/// The contrast between white text and the accent colour that WCAG AA asks for.
pub const MIN_ACCENT_CONTRAST: f64 = 4.5;

/// The longest one-line value (a title, a tagline, a list item), in characters.
pub const MAX_LINE_CHARS: usize = 2_000;

/// The longest text value (a summary, a case-study section), in characters.
pub const MAX_TEXT_CHARS: usize = 50_000;

/// The longest word (characters between spaces) in printed text.
pub const MAX_WORD_CHARS: usize = 300;

/// The most entries an array may hold (`[[systems]]`, `tags`, `highlights`, ...).
pub const MAX_ENTRIES: usize = 2_000;

// ---------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------

/// A content file that parsed without errors.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub portfolio: Portfolio,
    pub source: Source,
    /// Warnings only (there were no errors), sorted by position.
    pub warnings: Vec<Diagnostic>,
}

/// Read the file at `path` and [`parse`] it.
///
/// Refuses (with a clear message) a missing or unreadable file, a folder, a file over
/// [`MAX_FILE_BYTES`], binary content (NUL bytes) and text that is not UTF-8 (pointing
/// at the first bad byte). On any error the report holds every diagnostic, warnings too.
pub fn load(path: &Path, covers: &dyn Fn(char) -> bool) -> Result<Loaded, Report> {
    let shown = display_path(path);
    let fail = |message: String, hint: &str| Report {
        source: None,
        diagnostics: vec![Diagnostic::error(None, message).with_hint(hint)],
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(fail(
                format!("cannot read {shown}: there is no such file"),
                "check the file name, and the folder folio is run from",
            ))
        }
        Err(e) => {
            return Err(fail(
                format!("cannot read {shown}: {e}"),
                "check that the file can be read",
            ))
        }
    };
    if meta.is_dir() {
        return Err(fail(
            format!("{shown} is a folder, not a TOML file"),
            "give the path of the .toml file inside it",
        ));
    }
    let too_big = |len: u64| {
        fail(
            format!(
                "{shown} is {} ({len} bytes); folio reads content files of up to {}",
                megabytes(len),
                megabytes(MAX_FILE_BYTES)
            ),
            "a portfolio file is a few dozen kilobytes of text; is this the right file?",
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    // `take` guards against files that grow, and special files that never end.
    let read = fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Err(fail(
            format!("cannot read {shown}: {e}"),
            "check that the file can be read",
        ));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    from_bytes(path, bytes, covers)
}

/// Check and parse the bytes of a content file read from `path` (which names it in
/// diagnostics and resolves the photo): NUL bytes, UTF-8, then [`parse`].
pub fn from_bytes(path: &Path, bytes: Vec<u8>, covers: &dyn Fn(char) -> bool) -> Result<Loaded, Report> {
    let shown = display_path(path);
    let fail = |message: String, hint: &str| Report {
        source: None,
        diagnostics: vec![Diagnostic::error(None, message).with_hint(hint)],
    };
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(fail(
            format!("{shown} looks like a binary file, not TOML text (it has a NUL byte at byte {at})"),
            "folio reads a UTF-8 text file written in TOML; check that this is the right file",
        ));
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
        return Err(fail(
            format!("{shown} is empty"),
            "a content file needs at least a [profile] table with name = \"...\" and one [[systems]] table \
             with title = \"...\"; content/examples/ada-example.toml shows every field",
        ));
    }
    let source = Source::new(path, text);
    let base_dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (portfolio, diagnostics) = parse(&source, base_dir, covers);
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

/// Parse and validate TOML text. `base_dir` resolves the photo path; `covers(c)` says
/// whether the bundled fonts have a glyph for `c`.
///
/// Returns the model only when there is no error; the diagnostics (errors and
/// warnings, sorted by position) always.
pub fn parse(source: &Source, base_dir: &Path, covers: &dyn Fn(char) -> bool) -> (Option<Portfolio>, Vec<Diagnostic>) {
    let text = source.text.as_str();
    let (doc, errors) = DeTable::parse_recoverable(text);
    let syntax = syntax_diagnostics(text, &errors);
    let mut checker = Checker {
        source,
        covers,
        diags: Vec::new(),
        recovering: !syntax.is_empty(),
    };
    let root = checker.check_table(doc.get_ref(), 0..0, String::new(), "", false, ROOT_KEYS, None);
    let portfolio = checker.build(&root, base_dir);
    let mut diags = checker.diags;
    if !syntax.is_empty() {
        // What the parser recovered around a syntax error is a guess: keep quiet about it.
        let broken: Vec<Range<usize>> = errors
            .iter()
            .map(|e| line_around(text, e.span().map_or(0, |s| s.start)))
            .collect();
        diags.retain(|d| match &d.span {
            Some(s) => !broken.iter().any(|b| s.start <= b.end && b.start <= s.end),
            None => true,
        });
        diags.extend(syntax);
    }
    diags.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    let ok = !diags.iter().any(Diagnostic::is_error);
    (if ok { Some(portfolio) } else { None }, diags)
}

/// A URL- and file-name-friendly id made from a title: lowercase letters and digits
/// (any script), words joined by `-`. `"FlashAttention-2"` → `"flashattention-2"`,
/// `"Ada's C# Engine"` → `"adas-c-engine"`. Empty when the title has no letters or digits.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in title.chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        let keep = if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            !c.is_whitespace() && !c.is_control() && !is_symbol_or_punctuation(c)
        };
        if keep {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Non-ASCII punctuation and symbols that separate words in a slug.
fn is_symbol_or_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x80..=0xBF // Latin-1 punctuation and symbols: NBSP « » · © ¿ …
        | 0xD7 | 0xF7 // × ÷
        | 0x964 | 0x965 // Devanagari danda, double danda
        | 0x2000..=0x2BFF // general punctuation, arrows, maths, boxes, shapes, dingbats
        | 0x3000..=0x303F // CJK punctuation
        | 0xFE10..=0xFE6F // vertical and small forms
        | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 // full-width punctuation
        | 0x1F000..=0x1FAFF // emoji and pictographs
    )
}

// ---------------------------------------------------------------------------
// Syntax errors
// ---------------------------------------------------------------------------

fn syntax_diagnostics(text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut errors: Vec<(Range<usize>, &str)> =
        errors.iter().map(|e| (e.span().unwrap_or(0..0), e.message())).collect();
    errors.sort_by_key(|(s, _)| s.start);
    let mut lines_seen = HashSet::new();
    let mut out = Vec::new();
    // The first message on the last line that had an error, and that line.
    let mut previous: Option<(&str, usize)> = None;
    for (span, message) in errors {
        let line = text[..span.start.min(text.len())].matches('\n').count();
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
fn line_around(text: &str, offset: usize) -> Range<usize> {
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

// ---------------------------------------------------------------------------
// Checking the tree against the key tables
// ---------------------------------------------------------------------------

type Span = Range<usize>;

/// A checked value.
enum Val {
    /// Line, Email, Url, Path, Id: cleaned, non-empty.
    Str(String),
    Text(Text),
    Date(Date),
    End(End),
    /// Lines, Ids: each cleaned and non-empty, with its span.
    List(Vec<(String, Span)>),
    Count(usize),
    /// Choice: the index of the name in the list.
    Choice(usize),
    Color([u8; 3]),
    /// Length, Points: in points.
    Points(f32),
    Table(Obj),
    Tables(Vec<Obj>),
}

struct Entry {
    span: Span,
    val: Val,
}

/// A checked table: the values that were valid, and which keys were written at all.
struct Obj {
    /// The header (`[[systems]]`) or the inline table.
    span: Span,
    /// Where it is, e.g. `systems[2]` (empty for the top level).
    path: String,
    present: Vec<&'static str>,
    entries: Vec<(&'static str, Entry)>,
}

impl Obj {
    fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|(n, _)| *n == name).map(|(_, e)| e)
    }

    fn has(&self, name: &str) -> bool {
        self.present.contains(&name)
    }

    fn str_at(&self, name: &str) -> Option<(&str, Span)> {
        match self.entry(name) {
            Some(Entry { span, val: Val::Str(s) }) => Some((s.as_str(), span.clone())),
            _ => None,
        }
    }

    fn str(&self, name: &str) -> Option<String> {
        self.str_at(name).map(|(s, _)| s.to_string())
    }

    fn text(&self, name: &str) -> Option<Text> {
        match self.entry(name) {
            Some(Entry { val: Val::Text(t), .. }) => Some(t.clone()),
            _ => None,
        }
    }

    fn date(&self, name: &str) -> Option<(Date, Span)> {
        match self.entry(name) {
            Some(Entry {
                span,
                val: Val::Date(d),
            }) => Some((*d, span.clone())),
            _ => None,
        }
    }

    fn end(&self, name: &str) -> Option<(End, Span)> {
        match self.entry(name) {
            Some(Entry { span, val: Val::End(e) }) => Some((*e, span.clone())),
            Some(Entry {
                span,
                val: Val::Date(d),
            }) => Some((End::Date(*d), span.clone())),
            _ => None,
        }
    }

    fn list_at(&self, name: &str) -> Option<&[(String, Span)]> {
        match self.entry(name) {
            Some(Entry { val: Val::List(l), .. }) => Some(l),
            _ => None,
        }
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.list_at(name)
            .unwrap_or_default()
            .iter()
            .map(|(s, _)| s.clone())
            .collect()
    }

    fn count(&self, name: &str) -> Option<usize> {
        match self.entry(name) {
            Some(Entry { val: Val::Count(n), .. }) => Some(*n),
            _ => None,
        }
    }

    fn choice(&self, name: &str) -> Option<usize> {
        match self.entry(name) {
            Some(Entry {
                val: Val::Choice(i), ..
            }) => Some(*i),
            _ => None,
        }
    }

    fn color(&self, name: &str) -> Option<([u8; 3], Span)> {
        match self.entry(name) {
            Some(Entry {
                span,
                val: Val::Color(c),
            }) => Some((*c, span.clone())),
            _ => None,
        }
    }

    fn points(&self, name: &str) -> Option<f32> {
        match self.entry(name) {
            Some(Entry {
                val: Val::Points(p), ..
            }) => Some(*p),
            _ => None,
        }
    }

    fn table(&self, name: &str) -> Option<&Obj> {
        match self.entry(name) {
            Some(Entry { val: Val::Table(t), .. }) => Some(t),
            _ => None,
        }
    }

    fn tables(&self, name: &str) -> &[Obj] {
        match self.entry(name) {
            Some(Entry {
                val: Val::Tables(t), ..
            }) => t,
            _ => &[],
        }
    }
}

/// The table that holds the one being checked, for "wrong table" hints.
#[derive(Clone, Copy)]
struct Parent<'a> {
    fields: &'static [Field],
    display: &'a str,
}

struct Checker<'a> {
    source: &'a Source,
    covers: &'a dyn Fn(char) -> bool,
    diags: Vec<Diagnostic>,
    /// There are syntax errors: the tree is a best guess, so skip "missing" checks.
    recovering: bool,
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// How a TOML value is described when it has the wrong type.
fn found(v: &DeValue<'_>) -> &'static str {
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

fn describe_char(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

/// C0 (except newline, carriage return, tab), DEL and C1.
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Single-line text: tabs become spaces, lines are trimmed and joined by one space.
fn clean_line(raw: &str) -> String {
    raw.replace('\t', " ")
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Multi-line text before [`Text::parse`]: tabs become spaces, line ends become `\n`.
fn clean_text(raw: &str) -> String {
    raw.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ")
}

const DATE_HINT: &str = "write a year `2024`, a month `\"2024-03\"` or a day `\"2024-03-15\"`";
const END_HINT: &str = "write a year `2024`, a month `\"2024-03\"`, a day `\"2024-03-15\"`, or `\"present\"`";

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn check_year(y: i64) -> Result<i32, String> {
    match i32::try_from(y) {
        Ok(y) if YEARS.contains(&y) => Ok(y),
        _ => Err(format!("year {y} is outside {}–{}", YEARS.start(), YEARS.end())),
    }
}

fn check_month(m: u32) -> Result<u32, String> {
    if (1..=12).contains(&m) {
        Ok(m)
    } else {
        Err(format!("month {m} does not exist"))
    }
}

fn check_day(y: i32, m: u32, d: u32) -> Result<Date, String> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .map(Date::Day)
        .ok_or_else(|| format!("day {d} does not exist in {} {y}", MONTH_NAMES[m as usize - 1]))
}

/// `"2024"`, `"2024-03"` or `"2024-03-15"` → a [`Date`], or why not.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, lens: RangeInclusive<usize>| -> Option<u32> {
        if lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) {
            p.parse().ok()
        } else {
            None
        }
    };
    let not_a_date = || format!("\"{}\" is not a date folio understands", clip(s));
    match parts[..] {
        [y] => {
            let y = num(y, 4..=4).ok_or_else(not_a_date)?;
            Ok(Date::Year(check_year(y.into())?))
        }
        [y, m] => {
            let (y, m) = (
                num(y, 4..=4).ok_or_else(not_a_date)?,
                num(m, 1..=2).ok_or_else(not_a_date)?,
            );
            Ok(Date::Month(check_year(y.into())?, check_month(m)?))
        }
        [y, m, d] => {
            let (y, m, d) = (
                num(y, 4..=4).ok_or_else(not_a_date)?,
                num(m, 1..=2).ok_or_else(not_a_date)?,
                num(d, 1..=2).ok_or_else(not_a_date)?,
            );
            let y = check_year(y.into())?;
            check_day(y, check_month(m)?, d)
        }
        _ => Err(not_a_date()),
    }
}

enum DateProblem {
    WrongType,
    Invalid(String),
    Empty,
}

fn date_value(v: &DeValue<'_>, allow_present: bool) -> Result<End, DateProblem> {
    match v {
        DeValue::Integer(i) => {
            let y = i64::from_str_radix(i.as_str(), i.radix()).unwrap_or(i64::MAX);
            Ok(End::Date(Date::Year(check_year(y).map_err(DateProblem::Invalid)?)))
        }
        DeValue::String(s) if s.trim().is_empty() => Err(DateProblem::Empty),
        DeValue::String(s) if s.trim().eq_ignore_ascii_case("present") => {
            if allow_present {
                Ok(End::Present)
            } else {
                Err(DateProblem::Invalid("\"present\" can only be used for `end`".into()))
            }
        }
        DeValue::String(s) => parse_date(s).map(End::Date).map_err(DateProblem::Invalid),
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                let y = check_year(d.year.into()).map_err(DateProblem::Invalid)?;
                let m = check_month(d.month.into()).map_err(DateProblem::Invalid)?;
                check_day(y, m, d.day.into())
                    .map(End::Date)
                    .map_err(DateProblem::Invalid)
            }
            _ => Err(DateProblem::Invalid(
                "a time of day is not accepted, only a date".into(),
            )),
        },
        _ => Err(DateProblem::WrongType),
    }
}

impl Checker<'_> {
    fn error(&mut self, span: impl Into<Option<Span>>, message: String, hint: Option<String>) {
        let mut d = Diagnostic::error(span, message);
        d.hint = hint;
        self.diags.push(d);
    }

    fn text_of(&self, span: &Span) -> &str {
        self.source.text.get(span.clone()).unwrap_or("")
    }

    /// Check every key of `table` against `fields`.
    #[allow(clippy::too_many_arguments)]
    fn check_table(
        &mut self,
        table: &DeTable<'_>,
        span: Span,
        path: String,
        schema: &str,
        is_array: bool,
        fields: &'static [Field],
        parent: Option<Parent<'_>>,
    ) -> Obj {
        let display = if schema.is_empty() {
            "the top level".to_string()
        } else if is_array {
            format!("[[{schema}]]")
        } else {
            format!("[{schema}]")
        };
        let mut obj = Obj {
            span: span.clone(),
            path,
            present: Vec::new(),
            entries: Vec::new(),
        };
        // Known keys that an unknown key looks like a typo of.
        let mut typos = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let Some(field) = fields.iter().find(|f| f.name == name) else {
                typos.extend(self.unknown_key(key, &display, schema, fields, parent));
                continue;
            };
            obj.present.push(field.name);
            let path = join(&obj.path, field.name);
            let here = Parent {
                fields,
                display: &display,
            };
            if let Some(val) = self.value(field, value, &path, schema, here) {
                obj.entries.push((
                    field.name,
                    Entry {
                        span: value.span(),
                        val,
                    },
                ));
            }
        }
        if !self.recovering {
            let at = if schema.is_empty() { None } else { Some(span) };
            // A required key written with a typo is reported once, as the typo.
            for field in fields
                .iter()
                .filter(|f| f.required && !obj.has(f.name) && !typos.contains(&f.name))
            {
                self.missing(field, at.clone(), &display, schema);
            }
        }
        obj
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

    fn missing(&mut self, field: &Field, at: Option<Span>, display: &str, schema: &str) {
        let full = join(schema, field.name);
        let (message, hint) = match field.kind {
            Kind::Table(sub) => {
                let needs: Vec<String> = sub
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| format!("{} = {}", f.name, f.kind.example()))
                    .collect();
                (
                    format!("the [{full}] table is missing"),
                    format!("add a [{full}] line followed by {}", needs.join(", ")),
                )
            }
            Kind::Tables(sub) => {
                let needs: Vec<String> = sub
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| format!("{} = {}", f.name, f.kind.example()))
                    .collect();
                (
                    format!("there is no [[{full}]] table; add at least one"),
                    format!("start each with a [[{full}]] line followed by {}", needs.join(", ")),
                )
            }
            kind => (
                format!("missing `{}` in {display}", field.name),
                format!("add `{} = {}`: {}", field.name, kind.example(), field.doc),
            ),
        };
        self.error(at, message, Some(hint));
    }

    fn wrong_type(&mut self, field: &Field, v: &Spanned<DeValue<'_>>, path: &str, kind: Kind, schema: &str) {
        let span = v.span();
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
            (Kind::Lines | Kind::Ids, DeValue::String(_)) if raw == "..." => {
                Some(format!("write a list: `{name} = [\"...\"]`"))
            }
            (Kind::Lines | Kind::Ids, DeValue::String(_)) => Some(format!("write a list: `{name} = [{raw}]`")),
            (Kind::Line | Kind::Text | Kind::Email | Kind::Url | Kind::Path | Kind::Id, DeValue::Array(_)) => {
                Some("write one string in quotes, not a list".to_string())
            }
            (Kind::Line | Kind::Text | Kind::Email | Kind::Url | Kind::Path | Kind::Id, _) => Some(format!(
                "put text in quotes: `{name} = \"{}\"`",
                raw.replace('"', "\\\"")
            )),
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
                "write the unit too, in quotes: `{name} = \"{raw}mm\"` (units: mm, cm, in, pt)"
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
    fn not_too_many(&mut self, len: usize, span: &Span, path: &str, tables: bool) -> bool {
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
    fn fits(&mut self, raw: &str, span: &Span, path: &str, text: bool, words: bool) -> bool {
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
        let len = raw.chars().count();
        if len > max {
            self.error(
                span.clone(),
                format!("`{path}` is {len} characters long; {what} holds at most {max}"),
                Some(hint.into()),
            );
            return false;
        }
        if !words {
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
    fn no_controls(&mut self, raw: &str, span: &Span, path: &str) -> bool {
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

    /// Warn about the characters of a printed value that the bundled fonts lack.
    fn check_glyphs(&mut self, clean: &str, span: &Span, path: &str) {
        let mut missing: Vec<char> = Vec::new();
        for c in clean.chars() {
            if !matches!(c, '\n' | ' ') && !(self.covers)(c) && !missing.contains(&c) {
                missing.push(c);
            }
        }
        let names: Vec<String> = missing.iter().map(|&c| describe_char(c)).collect();
        let message = match names.len() {
            0 => return,
            1 => format!(
                "{} in `{path}` is not in the bundled fonts; it will print as a blank box or be missing",
                names[0]
            ),
            _ => format!(
                "{} in `{path}` are not in the bundled fonts; they will print as blank boxes or be missing",
                names.join(", ")
            ),
        };
        self.diags.push(
            Diagnostic::warning(span.clone(), message)
                .with_hint("replace it with a character the fonts have, or remove it"),
        );
    }

    /// Inline markup (`**`, `*`, `` ` ``) without a partner prints literally: say so,
    /// with the words around it, since it is usually a typo.
    fn check_markup(&mut self, text: &Text, span: &Span, path: &str) {
        for block in &text.blocks {
            let (crate::model::Block::Paragraph(s) | crate::model::Block::Bullet(s)) = block;
            for problem in crate::markup::parse(s).1 {
                let from = s.floor_char_boundary(problem.offset.saturating_sub(16));
                let to = s.ceil_char_boundary((problem.offset + 16).min(s.len()));
                let near = s[from..to].trim();
                self.diags.push(
                    Diagnostic::warning(
                        span.clone(),
                        format!("in `{path}`, {} (near \u{201C}{near}\u{201D})", problem.message),
                    )
                    .with_hint("close it (**bold**, *italic*, `code`), or write \\* or \\` for the character itself"),
                );
            }
        }
    }

    /// Check one value against its field; `None` when it is invalid (reported) or empty.
    fn value(
        &mut self,
        field: &Field,
        v: &Spanned<DeValue<'_>>,
        path: &str,
        schema: &str,
        here: Parent<'_>,
    ) -> Option<Val> {
        let span = v.span();
        match field.kind {
            kind @ (Kind::Line | Kind::Email | Kind::Url | Kind::Path | Kind::Id) => {
                let DeValue::String(raw) = v.get_ref() else {
                    self.wrong_type(field, v, path, kind, schema);
                    return None;
                };
                if !self.no_controls(raw, &span, path)
                    || !self.fits(raw, &span, path, false, matches!(kind, Kind::Line | Kind::Email))
                {
                    return None;
                }
                let s = clean_line(raw);
                if s.is_empty() {
                    if field.required {
                        self.error(
                            span,
                            format!("`{path}` is empty"),
                            Some(format!("write the {} between the quotes", field.name)),
                        );
                    }
                    return None;
                }
                if kind.is_printed() {
                    self.check_glyphs(&s, &span, path);
                }
                match kind {
                    Kind::Email if !s.contains('@') => {
                        self.error(
                            span,
                            format!("`{path}` is not an email address: \"{}\" has no @", clip(&s)),
                            Some("write the address, like \"ada@example.com\"".into()),
                        );
                        return None;
                    }
                    Kind::Url => {
                        if let Some((message, hint)) = url_problem(&s, path) {
                            self.error(span, message, Some(hint));
                            return None;
                        }
                    }
                    _ => {}
                }
                Some(Val::Str(s))
            }
            Kind::Text => {
                let DeValue::String(raw) = v.get_ref() else {
                    self.wrong_type(field, v, path, Kind::Text, schema);
                    return None;
                };
                let s = clean_text(raw);
                if !self.no_controls(raw, &span, path) || !self.fits(raw, &span, path, true, true) {
                    return None;
                }
                self.check_glyphs(&s, &span, path);
                let text = Text::parse(&s);
                self.check_markup(&text, &span, path);
                if text.blocks.is_empty() {
                    if field.required {
                        self.error(span, format!("`{path}` is empty"), None);
                    }
                    return None;
                }
                Some(Val::Text(text))
            }
            kind @ (Kind::Date | Kind::EndDate) => match date_value(v.get_ref(), kind == Kind::EndDate) {
                Ok(End::Present) => Some(Val::End(End::Present)),
                Ok(End::Date(d)) => Some(Val::Date(d)),
                Err(DateProblem::Empty) => {
                    if field.required {
                        self.error(span, format!("`{path}` is empty"), Some(DATE_HINT.into()));
                    }
                    None
                }
                Err(DateProblem::WrongType) => {
                    self.wrong_type(field, v, path, kind, schema);
                    None
                }
                Err(DateProblem::Invalid(why)) => {
                    let hint = if kind == Kind::EndDate { END_HINT } else { DATE_HINT };
                    self.error(span, format!("`{path}` is not a valid date: {why}"), Some(hint.into()));
                    None
                }
            },
            kind @ (Kind::Lines | Kind::Ids) => {
                let DeValue::Array(items) = v.get_ref() else {
                    self.wrong_type(field, v, path, kind, schema);
                    return None;
                };
                if !self.not_too_many(items.len(), &span, path, false) {
                    return None;
                }
                let mut out = Vec::new();
                let mut bad = false;
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    let item_span = item.span();
                    let DeValue::String(raw) = item.get_ref() else {
                        self.error(
                            item_span,
                            format!("`{item_path}` should be a string, but it is {}", found(item.get_ref())),
                            Some(format!("put each entry in quotes: `{} = [\"a\", \"b\"]`", field.name)),
                        );
                        bad = true;
                        continue;
                    };
                    if !self.no_controls(raw, &item_span, &item_path)
                        || !self.fits(raw, &item_span, &item_path, false, kind.is_printed())
                    {
                        bad = true;
                        continue;
                    }
                    let s = clean_line(raw);
                    if s.is_empty() {
                        self.diags.push(
                            Diagnostic::warning(item_span, format!("`{item_path}` is empty and is left out"))
                                .with_hint("remove the empty string"),
                        );
                        continue;
                    }
                    if kind.is_printed() {
                        self.check_glyphs(&s, &item_span, &item_path);
                    }
                    out.push((s, item_span));
                }
                if field.required && out.is_empty() && !bad {
                    self.error(
                        span,
                        format!("`{path}` is empty"),
                        Some(format!("list at least one: `{} = [\"...\"]`", field.name)),
                    );
                }
                Some(Val::List(out))
            }
            Kind::Count => {
                let DeValue::Integer(i) = v.get_ref() else {
                    self.wrong_type(field, v, path, Kind::Count, schema);
                    return None;
                };
                match i64::from_str_radix(i.as_str(), i.radix()) {
                    Ok(n) if n >= 1 => Some(Val::Count(usize::try_from(n).unwrap_or(usize::MAX))),
                    _ => {
                        let message = format!("`{path}` must be at least 1, but it is {}", clip(self.text_of(&span)));
                        let hint = format!("write a positive whole number, like `{} = 4`", field.name);
                        self.error(span, message, Some(hint));
                        None
                    }
                }
            }
            Kind::Choice(names) => {
                let DeValue::String(raw) = v.get_ref() else {
                    self.wrong_type(field, v, path, field.kind, schema);
                    return None;
                };
                let word = raw.trim();
                if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(word)) {
                    return Some(Val::Choice(i));
                }
                let what = match field.name {
                    "theme" => "the themes are",
                    "page_size" => "the page sizes are",
                    _ => "the choices are",
                };
                let known = quoted_list(names, "and");
                let hint = match closest(word, names.iter().copied()) {
                    Some(best) if !word.is_empty() => format!("did you mean \"{best}\"? {} {known}", upper_first(what)),
                    _ => format!("{} {known}", upper_first(what)),
                };
                self.error(
                    span,
                    format!(
                        "`{path}` is \"{}\", which is not one of {}",
                        clip(word),
                        quoted_list(names, "or")
                    ),
                    Some(hint),
                );
                None
            }
            Kind::Color => {
                let DeValue::String(raw) = v.get_ref() else {
                    self.wrong_type(field, v, path, field.kind, schema);
                    return None;
                };
                match parse_color(raw) {
                    Ok(rgb) => Some(Val::Color(rgb)),
                    Err(hint) => {
                        self.error(
                            span,
                            format!("`{path}` is \"{}\", which is not a colour folio understands", clip(raw)),
                            Some(hint),
                        );
                        None
                    }
                }
            }
            Kind::Length => {
                let DeValue::String(raw) = v.get_ref() else {
                    self.wrong_type(field, v, path, field.kind, schema);
                    return None;
                };
                let (points, unit, amount) = match parse_length(raw) {
                    Ok(l) => l,
                    Err(message) => {
                        self.error(
                            span,
                            format!("`{path}` is \"{}\": {message}", clip(raw)),
                            Some("write a number and a unit, like \"18mm\", \"1.8cm\", \"0.75in\" or \"54pt\"".into()),
                        );
                        return None;
                    }
                };
                if !MARGINS.contains(&points) {
                    let (lo, hi) = (MARGINS.start() / unit.points(), MARGINS.end() / unit.points());
                    let u = unit.name();
                    let (shown, range) = if unit == Unit::Pt {
                        (
                            format!("{} pt", number(amount)),
                            format!("{} pt to {} pt", number(lo), number(hi)),
                        )
                    } else {
                        (
                            format!("{} {u} ({} pt)", number(amount), number(points)),
                            format!(
                                "{} {u} to {} {u} ({} pt to {} pt)",
                                number(lo),
                                number(hi),
                                number(*MARGINS.start()),
                                number(*MARGINS.end())
                            ),
                        )
                    };
                    let usual = match unit {
                        Unit::Mm => "18mm",
                        Unit::Cm => "1.8cm",
                        Unit::In => "0.75in",
                        Unit::Pt => "54pt",
                    };
                    self.error(
                        span,
                        format!("`{path}` is {shown}, but margins must be from {range}"),
                        Some(format!("{usual} is usual")),
                    );
                    return None;
                }
                Some(Val::Points(points))
            }
            Kind::Points => {
                let size = match v.get_ref() {
                    DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).map(|n| n as f64).ok(),
                    DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                    _ => None,
                };
                let Some(size) = size else {
                    self.wrong_type(field, v, path, field.kind, schema);
                    return None;
                };
                let (lo, hi) = (*FONT_SIZES.start(), *FONT_SIZES.end());
                if !(f64::from(lo)..=f64::from(hi)).contains(&size) {
                    let message = format!(
                        "`{path}` is {} pt, but the body text size must be from {} pt to {} pt",
                        clip(self.text_of(&span)),
                        number(lo),
                        number(hi)
                    );
                    self.error(span, message, Some("9 to 11 pt reads well on A4 and Letter".into()));
                    return None;
                }
                Some(Val::Points(size as f32))
            }
            Kind::Table(sub) => {
                let DeValue::Table(t) = v.get_ref() else {
                    self.wrong_type(field, v, path, field.kind, schema);
                    return None;
                };
                let schema = join(schema, field.name);
                Some(Val::Table(self.check_table(
                    t,
                    span,
                    path.to_string(),
                    &schema,
                    false,
                    sub,
                    Some(here),
                )))
            }
            Kind::Tables(sub) => {
                let DeValue::Array(items) = v.get_ref() else {
                    self.wrong_type(field, v, path, field.kind, schema);
                    return None;
                };
                let child_schema = join(schema, field.name);
                if !self.not_too_many(items.len(), &span, &child_schema, true) {
                    return None;
                }
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let item_path = format!("{path}[{i}]");
                    let DeValue::Table(t) = item.get_ref() else {
                        let example: Vec<String> = sub
                            .iter()
                            .filter(|f| f.required)
                            .map(|f| format!("{} = {}", f.name, f.kind.example()))
                            .collect();
                        self.error(
                            item.span(),
                            format!("`{item_path}` should be a table, but it is {}", found(item.get_ref())),
                            Some(format!("write each entry as {{ {} }}", example.join(", "))),
                        );
                        continue;
                    };
                    out.push(self.check_table(t, item.span(), item_path, &child_schema, true, sub, Some(here)));
                }
                if field.required && items.is_empty() {
                    self.error(
                        span,
                        format!("`{path}` is empty; add at least one [[{child_schema}]] table"),
                        None,
                    );
                }
                Some(Val::Tables(out))
            }
        }
    }

    // -----------------------------------------------------------------------
    // Building the model from checked tables
    // -----------------------------------------------------------------------

    fn build(&mut self, root: &Obj, base_dir: &Path) -> Portfolio {
        let profile = match root.table("profile") {
            Some(o) => self.profile(o, base_dir),
            None => Profile {
                name: String::new(),
                headline: None,
                summary: None,
                email: None,
                phone: None,
                location: None,
                website: None,
                links: Vec::new(),
                photo: None,
            },
        };
        let portfolio = root.table("portfolio").map(|o| SectionHeading {
            title: o.str("title"),
            subtitle: o.str("subtitle"),
            intro: o.text("intro"),
        });
        let systems = self.systems(root.tables("systems"));
        let experience = root
            .tables("experience")
            .iter()
            .map(|o| Experience {
                role: o.str("role").unwrap_or_default(),
                organization: o.str("organization").unwrap_or_default(),
                location: o.str("location"),
                dates: self.dates(o),
                summary: o.text("summary"),
                highlights: o.list("highlights"),
            })
            .collect();
        let education = root
            .tables("education")
            .iter()
            .map(|o| Education {
                institution: o.str("institution").unwrap_or_default(),
                degree: o.str("degree"),
                field: o.str("field"),
                dates: self.dates(o),
                highlights: o.list("highlights"),
            })
            .collect();
        let skills = root
            .tables("skills")
            .iter()
            .map(|o| SkillGroup {
                group: o.str("group").unwrap_or_default(),
                items: o.list("items"),
            })
            .collect();
        let publications = root
            .tables("publications")
            .iter()
            .map(|o| Publication {
                title: o.str("title").unwrap_or_default(),
                authors: o.list("authors"),
                venue: o.str("venue"),
                date: o.date("date").map(|(d, _)| d),
                url: o.str("url"),
            })
            .collect();
        let resume = match root.table("resume") {
            Some(o) => self.resume(o, &systems),
            None => ResumeConfig::default(),
        };
        Portfolio {
            profile,
            portfolio,
            systems,
            experience,
            education,
            skills,
            publications,
            resume,
            design: root.table("design").map(|o| self.design(o)).unwrap_or_default(),
        }
    }

    fn design(&mut self, o: &Obj) -> Design {
        let accent = o.color("accent").map(|(rgb, span)| {
            let ratio = contrast_with_white(rgb);
            if ratio < MIN_ACCENT_CONTRAST {
                let hint = format!(
                    "choose a darker colour, such as \"{}\" (the same hue, {:.1}:1)",
                    hex(darken_to_contrast(rgb)),
                    contrast_with_white(darken_to_contrast(rgb)),
                );
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "white text on the accent {} has a contrast of {}:1, below the {}:1 that WCAG AA asks for",
                            hex(rgb),
                            floor1(ratio),
                            MIN_ACCENT_CONTRAST
                        ),
                    )
                    .with_hint(hint),
                );
            }
            rgb
        });
        Design {
            theme: o.choice("theme").map_or(ThemeName::default(), |i| ThemeName::ALL[i]),
            page_size: o.choice("page_size").map_or(PageSize::default(), |i| PageSize::ALL[i]),
            accent,
            margins: o.points("margins"),
            font_size: o.points("font_size"),
        }
    }

    fn profile(&mut self, o: &Obj, base_dir: &Path) -> Profile {
        let photo = o.str_at("photo").and_then(|(p, span)| {
            let full = base_dir.join(p);
            match load_photo(&full) {
                Ok(photo) => Some(photo),
                Err((message, hint)) => {
                    self.error(span, message, hint);
                    None
                }
            }
        });
        Profile {
            name: o.str("name").unwrap_or_default(),
            headline: o.str("headline"),
            summary: o.text("summary"),
            email: o.str("email"),
            phone: o.str("phone"),
            location: o.str("location"),
            website: o.str("website"),
            links: links(o),
            photo,
        }
    }

    fn systems(&mut self, objs: &[Obj]) -> Vec<System> {
        let mut seen: Vec<(String, Span)> = Vec::new();
        let mut out = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            let title = o.str("title").unwrap_or_default();
            let (id, id_span, given) = match o.str_at("id") {
                Some((id, span)) => (id.to_string(), span, true),
                None => {
                    let s = slug(&title);
                    (
                        if s.is_empty() { format!("system-{}", i + 1) } else { s },
                        o.span.clone(),
                        false,
                    )
                }
            };
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
                let (line, _) = self.source.line_col(first.start);
                let message = if given {
                    format!("duplicate system id `{}`", clip(&id))
                } else {
                    format!(
                        "duplicate system id `{}` (made from the title \"{}\")",
                        clip(&id),
                        clip(&title)
                    )
                };
                let hint = format!(
                    "the first system with the id `{}` is on line {line}; give this one a different `id = \"...\"`",
                    clip(&id)
                );
                self.error(id_span.clone(), message, Some(hint));
            } else {
                seen.push((id.clone(), id_span));
            }
            let metrics = o
                .tables("metrics")
                .iter()
                .map(|m| Metric {
                    value: m.str("value").unwrap_or_default(),
                    label: m.str("label").unwrap_or_default(),
                    detail: m.str("detail"),
                })
                .collect();
            let case_study = o
                .table("case_study")
                .map(|cs| {
                    CaseSection::ALL
                        .iter()
                        .filter_map(|&s| cs.text(s.key()).map(|t| (s, t)))
                        .collect()
                })
                .unwrap_or_default();
            out.push(System {
                id,
                title,
                tagline: o.str("tagline"),
                status: o.str("status"),
                dates: self.dates(o),
                summary: o.text("summary"),
                tags: o.list("tags"),
                links: links(o),
                metrics,
                case_study,
            });
        }
        out
    }

    /// `start` and `end` of one entry; checks that both make sense together.
    fn dates(&mut self, o: &Obj) -> Option<DateRange> {
        let start = o.date("start");
        let end = o.end("end");
        match (start, end) {
            (Some((start, _)), None) => Some(DateRange { start, end: None }),
            (Some((start, _)), Some((End::Present, _))) => Some(DateRange {
                start,
                end: Some(End::Present),
            }),
            (Some((start, _)), Some((End::Date(end), span))) => {
                if end.last_day() < start.first_day() {
                    self.error(
                        span,
                        format!("`{}` ({end}) is before `start` ({start})", join(&o.path, "end")),
                        Some("the end date must not be before the start date; are they swapped?".into()),
                    );
                }
                Some(DateRange {
                    start,
                    end: Some(End::Date(end)),
                })
            }
            (None, Some((_, span))) if !o.has("start") => {
                self.error(
                    span,
                    format!("`{}` is given without a `start`", join(&o.path, "end")),
                    Some("add `start = 2024` (or \"2024-03\"); a start alone shows just that date".into()),
                );
                None
            }
            _ => None,
        }
    }

    fn resume(&mut self, o: &Obj, systems: &[System]) -> ResumeConfig {
        let ids: Vec<&str> = systems.iter().map(|s| s.id.as_str()).collect();
        let chosen = o.list_at("systems").map(|list| {
            let mut out: Vec<String> = Vec::new();
            for (id, span) in list {
                if !ids.contains(&id.as_str()) {
                    let known = ids.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ");
                    let hint = match closest(id, ids.iter().copied()) {
                        Some(best) => format!("did you mean `{best}`? The system ids are: {known}"),
                        None => format!("the system ids are: {known}"),
                    };
                    self.error(
                        span.clone(),
                        format!("`resume.systems` names `{}`, but no system has that id", clip(id)),
                        Some(hint),
                    );
                } else if out.contains(id) {
                    self.diags.push(
                        Diagnostic::warning(
                            span.clone(),
                            format!("`{}` is listed twice in `resume.systems`", clip(id)),
                        )
                        .with_hint("the second mention is ignored; remove it"),
                    );
                } else {
                    out.push(id.clone());
                }
            }
            out
        });
        ResumeConfig {
            systems: chosen,
            max_systems: o.count("max_systems"),
        }
    }
}

fn links(o: &Obj) -> Vec<Link> {
    o.tables("links")
        .iter()
        .map(|l| Link {
            label: l.str("label").unwrap_or_default(),
            url: l.str("url").unwrap_or_default(),
        })
        .collect()
}

/// What is wrong with a link address, if anything: (message, hint).
fn url_problem(url: &str, path: &str) -> Option<(String, String)> {
    if url.chars().any(char::is_whitespace) {
        return Some((
            format!("`{path}` contains a space: \"{}\"", clip(url)),
            "remove the space, or write it as %20".into(),
        ));
    }
    let lower = url.to_ascii_lowercase();
    let ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p) && url.len() > p.len());
    if ok {
        return None;
    }
    let hint = if url.contains('@') && !url.contains(':') {
        format!("for an email address write \"mailto:{}\"", clip(url))
    } else if !url.contains("://") && url.contains('.') {
        format!("write the full address: \"https://{}\"", clip(url))
    } else {
        "write the full address, like \"https://example.com/page\"".to_string()
    };
    Some((
        format!(
            "`{path}` must start with https://, http:// or mailto:, but it is \"{}\"",
            clip(url)
        ),
        hint,
    ))
}

/// `"a", "b" or "c"` (with `or`), `"a" and "b"` (with `and`).
fn quoted_list(names: &[&str], last: &str) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((tail, rest)) if !rest.is_empty() => format!("{} {last} {tail}", rest.join(", ")),
        _ => quoted.join(""),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// User text quoted in a message, cut to a readable length.
fn clip(s: &str) -> String {
    clip_to(s, 60)
}

/// `s`, or its first `max - 1` characters and `…`.
fn clip_to(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// `12`, `7.1`, `0.28`: a number for a message, without needless digits.
fn number(x: f32) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// `"#1F5FBF"` → `[0x1F, 0x5F, 0xBF]`, or a hint saying how to write it.
pub fn parse_color(raw: &str) -> Result<[u8; 3], String> {
    let s = raw.trim();
    let digits = s.strip_prefix('#').unwrap_or(s);
    let hex_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_hexdigit());
    match (s.starts_with('#'), hex_digits, digits.len()) {
        (true, true, 6) => {
            let v = u32::from_str_radix(digits, 16).map_err(|e| e.to_string())?;
            let [_, r, g, b] = v.to_be_bytes();
            Ok([r, g, b])
        }
        (false, true, 6) => Err(format!("start it with #: \"#{digits}\"")),
        (_, true, 3) => {
            let long: String = digits.chars().flat_map(|c| [c, c]).collect();
            Err(format!("write all six digits: \"#{}\"", long.to_uppercase()))
        }
        _ => Err("write # and six hexadecimal digits (red, green, blue), like \"#1F5FBF\"".into()),
    }
}

/// `"#1F5FBF"`
fn hex([r, g, b]: [u8; 3]) -> String {
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The WCAG 2 relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

/// The WCAG 2 contrast ratio between white and `rgb` (1 to 21).
pub fn contrast_with_white(rgb: [u8; 3]) -> f64 {
    1.05 / (luminance(rgb) + 0.05)
}

/// A ratio for a message, rounded down so that "4.5:1" is never shown for 4.49.
fn floor1(x: f64) -> String {
    format!("{:.1}", (x * 10.0).floor() / 10.0)
}

/// The lightest shade of `rgb` (the same hue, scaled towards black) that white text
/// on it reaches [`MIN_ACCENT_CONTRAST`] with.
fn darken_to_contrast(rgb: [u8; 3]) -> [u8; 3] {
    (0..=100)
        .rev()
        .map(|k| rgb.map(|c| (f64::from(c) * f64::from(k) / 100.0).round() as u8))
        .find(|&c| contrast_with_white(c) >= MIN_ACCENT_CONTRAST)
        .unwrap_or([0, 0, 0])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Mm,
    Cm,
    In,
    Pt,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::Mm => "mm",
            Unit::Cm => "cm",
            Unit::In => "in",
            Unit::Pt => "pt",
        }
    }

    /// Points in one of this unit.
    fn points(self) -> f32 {
        match self {
            Unit::Mm => 72.0 / 25.4,
            Unit::Cm => 72.0 / 2.54,
            Unit::In => 72.0,
            Unit::Pt => 1.0,
        }
    }
}

/// `"18mm"` → (points, unit, amount in that unit), or what is wrong.
fn parse_length(raw: &str) -> Result<(f32, Unit, f32), String> {
    let s = raw.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (amount, unit) = (&s[..split], s[split..].trim());
    let amount: f32 = match amount.parse() {
        Ok(a) if !amount.is_empty() => a,
        _ if s.starts_with('-') => return Err("a margin cannot be negative".into()),
        _ => return Err("it does not start with a number".into()),
    };
    let unit = match unit.to_ascii_lowercase().as_str() {
        "mm" => Unit::Mm,
        "cm" => Unit::Cm,
        "in" | "\"" => Unit::In,
        "pt" => Unit::Pt,
        "" => return Err("the unit is missing".into()),
        _ => return Err(format!("\"{}\" is not a unit folio knows (mm, cm, in, pt)", clip(unit))),
    };
    Ok((amount * unit.points(), unit, amount))
}

fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

// ---------------------------------------------------------------------------
// The photo
// ---------------------------------------------------------------------------

type PhotoError = (String, Option<String>);

/// Read, check and decode the profile photo: PNG or JPEG, within the size limits,
/// turned upright (EXIF), flattened on white, 8-bit RGB, at most [`PHOTO_MAX_SIDE`].
fn load_photo(path: &Path) -> Result<Photo, PhotoError> {
    // The path as tried, through the TOML file's folder, so that a wrong folder is
    // plain to see (and relative when the content path was given relative).
    let shown = display_path(path.strip_prefix(".").unwrap_or(path));
    let re_export = || Some("open it in an image editor and export it again as PNG or JPEG".to_string());
    let meta = fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            (
                format!("the photo file was not found: {shown}"),
                Some("the photo path is relative to the folder that holds the TOML file".to_string()),
            )
        } else {
            (
                format!("cannot read the photo {shown}: {e}"),
                Some("check the path, and that the file can be read".to_string()),
            )
        }
    })?;
    if meta.is_dir() {
        return Err((
            format!("the photo path {shown} is a folder, not an image file"),
            Some("name the image file itself, e.g. photo = \"photo.jpg\"".into()),
        ));
    }
    if !meta.is_file() {
        // A named pipe or a device: reading it could block forever or never end.
        return Err((
            format!("the photo path {shown} is not a regular file (a device, pipe or socket)"),
            Some("name a PNG or JPEG file".into()),
        ));
    }
    let open = || -> Result<ImageReader<BufReader<fs::File>>, PhotoError> {
        let file = fs::File::open(path).map_err(|e| (format!("cannot read the photo {shown}: {e}"), None))?;
        ImageReader::new(BufReader::new(file))
            .with_guessed_format()
            .map_err(|e| (format!("cannot read the photo {shown}: {e}"), None))
    };
    let mut reader = open()?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg) => {}
        other => {
            let what = match other {
                Some(f) => format!(
                    " (it looks like {})",
                    f.extensions_str().first().unwrap_or(&"another format")
                ),
                None => String::new(),
            };
            return Err((
                format!("the photo {shown} is not a PNG or JPEG image{what}"),
                Some("folio reads PNG and JPEG photos; convert it to one of those".into()),
            ));
        }
    }
    let too_large = |w: u32, h: u32| {
        (
            format!("the photo {shown} is {w} x {h} pixels, too large to read safely"),
            Some(format!(
                "folio accepts photos of up to {PHOTO_MAX_DIMENSION} x {PHOTO_MAX_DIMENSION} pixels; \
                 about 1000 pixels across is plenty"
            )),
        )
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(PHOTO_MAX_DIMENSION);
    limits.max_image_height = Some(PHOTO_MAX_DIMENSION);
    limits.max_alloc = Some(PHOTO_MAX_ALLOC);
    reader.limits(limits);
    let decode_error = |e: ImageError| -> PhotoError {
        match e {
            ImageError::Limits(_) => {
                // Say how big it is, from the header alone.
                match open().ok().and_then(|r| r.into_dimensions().ok()) {
                    Some((w, h)) => too_large(w, h),
                    None => (
                        format!("the photo {shown} is too large to read safely"),
                        Some(format!(
                            "folio accepts photos of up to {PHOTO_MAX_DIMENSION} x {PHOTO_MAX_DIMENSION} pixels"
                        )),
                    ),
                }
            }
            ImageError::Unsupported(e) => (
                format!("the photo {shown} uses an image feature folio cannot read: {e}"),
                re_export(),
            ),
            e => (
                format!("the photo {shown} could not be decoded; it is damaged or incomplete ({e})"),
                re_export(),
            ),
        }
    };
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    if w > PHOTO_MAX_DIMENSION || h > PHOTO_MAX_DIMENSION || decoder.total_bytes() > PHOTO_MAX_ALLOC {
        return Err(too_large(w, h));
    }
    if w == 0 || h == 0 {
        return Err((format!("the photo {shown} has no pixels ({w} x {h})"), re_export()));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    img.apply_orientation(orientation);
    let mut rgb = flatten_on_white(img);
    let (w, h) = rgb.dimensions();
    if w.max(h) > PHOTO_MAX_SIDE {
        let scale = |a: u32, b: u32| {
            ((u64::from(a) * u64::from(PHOTO_MAX_SIDE) + u64::from(b) / 2) / u64::from(b)).max(1) as u32
        };
        let (nw, nh) = if w >= h {
            (PHOTO_MAX_SIDE, scale(h, w))
        } else {
            (scale(w, h), PHOTO_MAX_SIDE)
        };
        rgb = imageops::resize(&rgb, nw, nh, FilterType::Lanczos3);
    }
    let (width, height) = rgb.dimensions();
    Ok(Photo {
        path: path.to_path_buf(),
        width,
        height,
        rgb: rgb.into_raw(),
    })
}

/// 8-bit RGB; transparent parts become white.
fn flatten_on_white(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (src, dst) in rgba.pixels().zip(out.pixels_mut()) {
        let a = u32::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u32::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use crate::diag::Severity;
    use crate::model::Block;

    const BASE: &str = "[profile]\nname = \"Ada\"\n\n[[systems]]\ntitle = \"One\"\n";

    fn covers_all(_: char) -> bool {
        true
    }

    fn run_in(text: &str, dir: &Path, covers: &dyn Fn(char) -> bool) -> (Source, Option<Portfolio>, Vec<Diagnostic>) {
        let src = Source::new("test.toml", text);
        let (p, d) = parse(&src, dir, covers);
        (src, p, d)
    }

    fn run(text: &str) -> (Source, Option<Portfolio>, Vec<Diagnostic>) {
        run_in(text, Path::new("."), &covers_all)
    }

    /// An error as the tests look at it: message, hint, (line, column).
    type Found = (String, Option<String>, Option<(usize, usize)>);

    fn errors(text: &str) -> Vec<Found> {
        let (src, p, diags) = run(text);
        let errs: Vec<_> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                (
                    d.message.clone(),
                    d.hint.clone(),
                    d.span.as_ref().map(|s| src.line_col(s.start)),
                )
            })
            .collect();
        assert_eq!(
            p.is_some(),
            errs.is_empty(),
            "a model comes back exactly when there is no error"
        );
        errs
    }

    /// The only error, or a panic listing them all.
    fn one_error(text: &str) -> Found {
        let mut errs = errors(text);
        assert_eq!(errs.len(), 1, "expected one error, got {errs:#?}");
        errs.remove(0)
    }

    fn ok(text: &str) -> Portfolio {
        let (_, p, diags) = run(text);
        let errs: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(errs.is_empty(), "unexpected errors: {errs:#?}");
        p.unwrap()
    }

    fn temp_dir() -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "folio-content-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn example_path() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/examples/ada-example.toml")
    }

    // ---- the example file ------------------------------------------------

    #[test]
    fn example_file_parses_without_errors_or_warnings() {
        let loaded = load(&example_path(), &covers_all).unwrap_or_else(|r| panic!("{:#?}", r.diagnostics));
        assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
        let p = loaded.portfolio;
        assert_eq!(p.profile.name, "Ada Example");
        assert!(p.profile.summary.as_ref().unwrap().plain().contains("fictional"));
        assert_eq!(p.profile.links.len(), 3);
        assert!(p.profile.email.is_some() && p.profile.phone.is_some());
        assert!(p.profile.location.is_some() && p.profile.website.is_some());
        let photo = p.profile.photo.as_ref().expect("photo");
        assert_eq!((photo.width, photo.height), (600, 600));
        assert_eq!(photo.rgb.len(), 600 * 600 * 3);
        assert!(p.portfolio.as_ref().unwrap().intro.is_some());

        let ids: Vec<&str> = p.systems.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "tiled-attention",
                "vaani",
                "ledger-a-c-pricing-service",
                "bench-harness"
            ]
        );
        for s in &p.systems {
            assert_eq!(s.metrics.len(), 3, "{}", s.id);
            assert!(s.dates.is_some() && s.summary.is_some() && !s.tags.is_empty() && !s.links.is_empty());
            assert!(s.tagline.is_some() && s.status.is_some());
        }
        assert_eq!(p.systems[0].case_study.len(), 8);
        assert!(p.systems[0].case_study[1]
            .1
            .blocks
            .iter()
            .all(|b| matches!(b, Block::Bullet(_))));
        assert_eq!(p.systems[0].dates.unwrap().to_string(), "Mar 2024 – present");
        assert_eq!(p.systems[1].dates.unwrap().to_string(), "2022–2023");
        assert!(p.systems[1].tagline.as_ref().unwrap().starts_with("हिन्दी वॉइस असिस्टेंट"));
        assert_eq!(p.systems[3].dates.unwrap().to_string(), "2025");

        // Special characters survive exactly.
        let ledger = &p.systems[2];
        assert_eq!(ledger.title, "Ledger: a C# pricing service");
        assert_eq!(
            ledger.tagline.as_deref(),
            Some("Quotes in < 5 ms at p99 for $2M/day of orders")
        );
        let arch = &ledger
            .case_study
            .iter()
            .find(|(s, _)| *s == CaseSection::Architecture)
            .unwrap()
            .1;
        assert!(arch.plain().contains(r"'C:\ledger\rules\current.json'"));
        assert!(ledger.summary.as_ref().unwrap().plain().contains("stock & demand"));
        assert!(ledger.metrics[2].value.contains('%'));

        assert_eq!(p.experience.len(), 2);
        assert_eq!(p.experience[0].dates.unwrap().end, Some(End::Present));
        assert_eq!(p.experience[0].highlights.len(), 3);
        assert_eq!(p.education.len(), 2);
        assert_eq!(p.education[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(p.skills.len(), 3);
        assert_eq!(p.publications.len(), 2);
        assert_eq!(
            p.publications[1].date,
            chrono::NaiveDate::from_ymd_opt(2025, 2, 14).map(Date::Day)
        );
        assert_eq!(
            p.resume.systems.as_deref(),
            Some(
                &[
                    "tiled-attention".to_string(),
                    "vaani".into(),
                    "ledger-a-c-pricing-service".into()
                ][..]
            )
        );
        assert_eq!(p.resume.max_systems, Some(3));
    }

    #[test]
    fn example_file_prints_with_the_bundled_fonts() {
        let loaded = load(&example_path(), &crate::fonts::covers).unwrap_or_else(|r| panic!("{:#?}", r.diagnostics));
        assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    }

    #[test]
    fn example_file_uses_every_key() {
        let text = fs::read_to_string(example_path()).unwrap();
        let (doc, errs) = DeTable::parse_recoverable(&text);
        assert!(errs.is_empty());
        fn walk(t: &DeTable<'_>, fields: &'static [Field], used: &mut HashSet<(usize, &'static str)>) {
            for (k, v) in t.iter() {
                let f = fields.iter().find(|f| f.name == k.get_ref().as_ref()).unwrap();
                used.insert((fields.as_ptr() as usize, f.name));
                match (f.kind, v.get_ref()) {
                    (Kind::Table(sub), DeValue::Table(t)) => walk(t, sub, used),
                    (Kind::Tables(sub), DeValue::Array(a)) => {
                        for e in a.iter() {
                            if let DeValue::Table(t) = e.get_ref() {
                                walk(t, sub, used);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut used = HashSet::new();
        walk(doc.get_ref(), ROOT_KEYS, &mut used);
        fn all(fields: &'static [Field], out: &mut HashSet<(usize, &'static str)>) {
            for f in fields {
                if out.insert((fields.as_ptr() as usize, f.name)) {
                    if let Kind::Table(sub) | Kind::Tables(sub) = f.kind {
                        all(sub, out);
                    }
                }
            }
        }
        let mut every = HashSet::new();
        all(ROOT_KEYS, &mut every);
        let unused: Vec<_> = every.difference(&used).map(|(_, n)| *n).collect();
        assert!(unused.is_empty(), "keys the example does not use: {unused:?}");
    }

    #[test]
    fn key_tables_are_consistent() {
        let names: Vec<&str> = CASE_STUDY_KEYS.iter().map(|f| f.name).collect();
        let keys: Vec<&str> = CaseSection::ALL.iter().map(|s| s.key()).collect();
        assert_eq!(names, keys);
        fn check(fields: &'static [Field]) {
            let mut seen = HashSet::new();
            for f in fields {
                assert!(seen.insert(f.name), "`{}` twice", f.name);
                assert!(!f.doc.is_empty());
                if let Kind::Table(sub) | Kind::Tables(sub) = f.kind {
                    check(sub);
                }
            }
        }
        check(ROOT_KEYS);
    }

    // ---- unknown keys ----------------------------------------------------

    #[test]
    fn unknown_key_suggests_the_closest() {
        let (msg, hint, at) = one_error(&format!("{BASE}titel = \"x\"\n"));
        assert_eq!(msg, "unknown key `titel` in [[systems]]");
        assert_eq!(hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(at, Some((6, 1)));
    }

    #[test]
    fn unknown_keys_inside_inline_tables_and_case_study() {
        let text = format!(
            "{BASE}links = [{{ lable = \"Code\", label = \"C\", url = \"https://x.example\" }}]\n\
             metrics = [{{ value = \"1\", label = \"L\", detial = \"d\" }}]\n\
             [systems.case_study]\nmotivaton = \"m\"\n"
        );
        let errs = errors(&text);
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert_eq!(errs[0].0, "unknown key `lable` in [[systems.links]]");
        assert_eq!(errs[0].1.as_deref(), Some("did you mean `label`?"));
        assert_eq!(errs[0].2, Some((6, 12)));
        assert_eq!(errs[1].0, "unknown key `detial` in [[systems.metrics]]");
        assert_eq!(errs[1].1.as_deref(), Some("did you mean `detail`?"));
        assert_eq!(errs[2].0, "unknown key `motivaton` in [systems.case_study]");
        assert_eq!(errs[2].1.as_deref(), Some("did you mean `motivation`?"));
        assert_eq!(errs[2].2, Some((9, 1)));
    }

    #[test]
    fn unknown_key_without_a_close_match_lists_the_known_keys() {
        let (msg, hint, at) = one_error("[profile]\nname = \"A\"\ncolour = \"red\"\n[[systems]]\ntitle = \"S\"\n");
        assert_eq!(msg, "unknown key `colour` in [profile]");
        assert_eq!(
            hint.as_deref(),
            Some("the keys [profile] accepts are: name, headline, summary, email, phone, location, website, links, photo")
        );
        assert_eq!(at, Some((3, 1)));
    }

    #[test]
    fn unknown_key_in_the_wrong_table_says_where_it_belongs() {
        // `tags` after the case-study header lands in the case study.
        let (msg, hint, at) = one_error(&format!(
            "{BASE}[systems.case_study]\nresults = \"r\"\ntags = [\"a\"]\n"
        ));
        assert_eq!(msg, "unknown key `tags` in [systems.case_study]");
        assert!(hint.unwrap().contains("move `tags` above that header"));
        assert_eq!(at, Some((8, 1)));
        // A profile key at the top level.
        let (msg, hint, _) = one_error(&format!("email = \"a@b.example\"\n{BASE}"));
        assert_eq!(msg, "unknown key `email` at the top level");
        assert_eq!(hint.as_deref(), Some("`email` belongs in [profile]"));
        // A case-study section written straight into [[systems]].
        let (msg, hint, _) = one_error(&format!("{BASE}lessons = \"l\"\n"));
        assert_eq!(msg, "unknown key `lessons` in [[systems]]");
        assert_eq!(hint.as_deref(), Some("`lessons` belongs in [systems.case_study]"));
        // A typo of a top-level table.
        let (msg, hint, _) = one_error(&format!("{BASE}[[experiance]]\nrole = \"r\"\n"));
        assert_eq!(msg, "unknown key `experiance` at the top level");
        assert_eq!(hint.as_deref(), Some("did you mean `experience`?"));
    }

    // ---- types -----------------------------------------------------------

    #[test]
    fn wrong_types_say_what_was_expected_and_found() {
        let (msg, hint, at) = one_error(&format!("{BASE}tags = \"CUDA\"\n"));
        assert_eq!(
            msg,
            "`systems[0].tags` should be an array of strings, like [\"a\", \"b\"], but it is a string"
        );
        assert_eq!(hint.as_deref(), Some("write a list: `tags = [\"CUDA\"]`"));
        assert_eq!(at, Some((6, 8)));

        let (msg, hint, at) = one_error(&format!("{BASE}start = true\n"));
        assert_eq!(
            msg,
            "`systems[0].start` should be a date: a year like 2024, or a string like \"2024-03\" or \"2024-03-15\", but it is true/false"
        );
        assert_eq!(hint.as_deref(), Some(DATE_HINT));
        assert_eq!(at, Some((6, 9)));

        let (msg, hint, at) = one_error("[profile]\nname = 3\n[[systems]]\ntitle = \"S\"\n");
        assert_eq!(
            msg,
            "`profile.name` should be a string (text in quotes), but it is a whole number"
        );
        assert_eq!(hint.as_deref(), Some("put text in quotes: `name = \"3\"`"));
        assert_eq!(at, Some((2, 8)));

        let (msg, hint, _) = one_error("[profile]\nname = \"A\"\n[systems]\ntitle = \"S\"\n");
        assert_eq!(msg, "`systems` should be an array of tables, but it is a table");
        assert!(hint.unwrap().contains("[[systems]] (double brackets)"));

        let (msg, _, at) = one_error(&format!("{BASE}links = [\"https://x.example\"]\n"));
        assert_eq!(msg, "`systems[0].links[0]` should be a table, but it is a string");
        assert_eq!(at, Some((6, 10)));

        let (msg, _, _) = one_error(&format!("{BASE}tags = [\"a\", 2]\n"));
        assert_eq!(msg, "`systems[0].tags[1]` should be a string, but it is a whole number");
    }

    // ---- missing and empty -----------------------------------------------

    #[test]
    fn missing_required_fields_point_at_the_table() {
        let (msg, hint, at) = one_error("[profile]\nname = \"A\"\n\n[[systems]]\ntagline = \"t\"\n");
        assert_eq!(msg, "missing `title` in [[systems]]");
        assert_eq!(hint.as_deref(), Some("add `title = \"...\"`: The system's name."));
        assert_eq!(at, Some((4, 1)));

        let (msg, _, at) = one_error(&format!("{BASE}metrics = [{{ value = \"2x\" }}]\n"));
        assert_eq!(msg, "missing `label` in [[systems.metrics]]");
        assert_eq!(at, Some((6, 12)));

        let errs = errors("[portfolio]\ntitle = \"T\"\n");
        let msgs: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "the [profile] table is missing",
                "there is no [[systems]] table; add at least one"
            ]
        );
        assert_eq!(errs[0].2, None);

        let (msg, _, at) = one_error("systems = []\n[profile]\nname = \"A\"\n");
        assert_eq!(msg, "`systems` is empty; add at least one [[systems]] table");
        assert_eq!(at, Some((1, 11)));

        let (msg, _, _) = one_error(&format!("{BASE}[[skills]]\ngroup = \"G\"\nitems = []\n"));
        assert_eq!(msg, "`skills[0].items` is empty");
    }

    #[test]
    fn empty_required_strings_are_errors() {
        let (msg, _, at) = one_error("[profile]\nname = \"A\"\n[[systems]]\ntitle = \"\"\n");
        assert_eq!(msg, "`systems[0].title` is empty");
        assert_eq!(at, Some((4, 9)));
        let (msg, _, _) = one_error("[profile]\nname = \"  \\n \"\n[[systems]]\ntitle = \"S\"\n");
        assert_eq!(msg, "`profile.name` is empty");
        // Empty optional strings are simply absent.
        let p = ok(&format!("{BASE}tagline = \"\"\n"));
        assert_eq!(p.systems[0].tagline, None);
    }

    // ---- ids ---------------------------------------------------------------

    #[test]
    fn duplicate_ids_point_at_the_second_and_name_the_first_line() {
        let text = "[profile]\nname = \"A\"\n[[systems]]\nid = \"x\"\ntitle = \"One\"\n[[systems]]\nid = \"x\"\ntitle = \"Two\"\n";
        let (msg, hint, at) = one_error(text);
        assert_eq!(msg, "duplicate system id `x`");
        assert_eq!(
            hint.as_deref(),
            Some("the first system with the id `x` is on line 4; give this one a different `id = \"...\"`")
        );
        assert_eq!(at, Some((7, 6)));

        // Derived from titles.
        let text = "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"Fast Kernels\"\n\n[[systems]]\ntitle = \"fast kernels!\"\n";
        let (msg, hint, at) = one_error(text);
        assert_eq!(
            msg,
            "duplicate system id `fast-kernels` (made from the title \"fast kernels!\")"
        );
        assert!(hint.unwrap().contains("is on line 3"));
        assert_eq!(at, Some((6, 1)));

        // A given id may clash with a derived one.
        let text = "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"Fast Kernels\"\n[[systems]]\nid = \"fast-kernels\"\ntitle = \"B\"\n";
        assert_eq!(one_error(text).0, "duplicate system id `fast-kernels`");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("FlashAttention-2"), "flashattention-2");
        assert_eq!(slug("  Ledger: a C# pricing service "), "ledger-a-c-pricing-service");
        assert_eq!(slug("Ada's “Fast” Engine — v2"), "adas-fast-engine-v2");
        assert_eq!(slug("Café Über"), "café-über");
        assert_eq!(slug("हिन्दी वॉइस असिस्टेंट"), "हिन्दी-वॉइस-असिस्टेंट");
        assert_eq!(slug("!!!"), "");
        // No id and no letters: a positional id.
        let p = ok("[profile]\nname = \"A\"\n[[systems]]\ntitle = \"S\"\n[[systems]]\ntitle = \"???\"\n");
        assert_eq!(p.systems[1].id, "system-2");
    }

    // ---- dates -------------------------------------------------------------

    #[test]
    fn date_forms() {
        assert_eq!(parse_date("2024"), Ok(Date::Year(2024)));
        assert_eq!(parse_date("2024-03"), Ok(Date::Month(2024, 3)));
        assert_eq!(parse_date("2024-3"), Ok(Date::Month(2024, 3)));
        assert_eq!(
            parse_date(" 2024-02-29 "),
            Ok(Date::Day(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()))
        );
        assert_eq!(parse_date("2024-13"), Err("month 13 does not exist".into()));
        assert_eq!(parse_date("2024-00-10"), Err("month 0 does not exist".into()));
        assert_eq!(
            parse_date("2024-02-30"),
            Err("day 30 does not exist in February 2024".into())
        );
        assert_eq!(
            parse_date("2023-02-29"),
            Err("day 29 does not exist in February 2023".into())
        );
        assert_eq!(
            parse_date("March 2024"),
            Err("\"March 2024\" is not a date folio understands".into())
        );
        assert_eq!(
            parse_date("24-03"),
            Err("\"24-03\" is not a date folio understands".into())
        );
        assert_eq!(
            parse_date("2024/03"),
            Err("\"2024/03\" is not a date folio understands".into())
        );
        assert_eq!(parse_date("1850"), Err("year 1850 is outside 1900–2100".into()));
        assert_eq!(parse_date("2101-01"), Err("year 2101 is outside 1900–2100".into()));
    }

    #[test]
    fn invalid_dates_are_errors_with_the_accepted_forms() {
        let (msg, hint, at) = one_error(&format!("{BASE}start = \"2024-13\"\n"));
        assert_eq!(msg, "`systems[0].start` is not a valid date: month 13 does not exist");
        assert_eq!(
            hint.as_deref(),
            Some("write a year `2024`, a month `\"2024-03\"` or a day `\"2024-03-15\"`")
        );
        assert_eq!(at, Some((6, 9)));

        let (msg, _, _) = one_error(&format!("{BASE}start = \"2024-02-30\"\n"));
        assert_eq!(
            msg,
            "`systems[0].start` is not a valid date: day 30 does not exist in February 2024"
        );

        let (msg, hint, _) = one_error(&format!("{BASE}start = 2020\nend = \"March 2024\"\n"));
        assert_eq!(
            msg,
            "`systems[0].end` is not a valid date: \"March 2024\" is not a date folio understands"
        );
        assert_eq!(
            hint.as_deref(),
            Some("write a year `2024`, a month `\"2024-03\"`, a day `\"2024-03-15\"`, or `\"present\"`")
        );

        let (msg, _, _) = one_error(&format!("{BASE}start = 1850\n"));
        assert_eq!(
            msg,
            "`systems[0].start` is not a valid date: year 1850 is outside 1900–2100"
        );

        let (msg, _, _) = one_error(&format!("{BASE}start = \"present\"\n"));
        assert_eq!(
            msg,
            "`systems[0].start` is not a valid date: \"present\" can only be used for `end`"
        );

        let (msg, _, _) = one_error(&format!("{BASE}[[publications]]\ntitle = \"P\"\ndate = \"present\"\n"));
        assert_eq!(
            msg,
            "`publications[0].date` is not a valid date: \"present\" can only be used for `end`"
        );

        let (msg, _, _) = one_error(&format!("{BASE}start = 2024-03-15T10:00:00\n"));
        assert_eq!(
            msg,
            "`systems[0].start` is not a valid date: a time of day is not accepted, only a date"
        );
    }

    #[test]
    fn date_ranges_are_checked_and_built() {
        let (msg, hint, at) = one_error(&format!("{BASE}start = \"2024-06\"\nend = \"2023-03\"\n"));
        assert_eq!(msg, "`systems[0].end` (Mar 2023) is before `start` (Jun 2024)");
        assert!(hint.is_some());
        assert_eq!(at, Some((7, 7)));

        let (msg, _, at) = one_error(&format!("{BASE}end = 2024\n"));
        assert_eq!(msg, "`systems[0].end` is given without a `start`");
        assert_eq!(at, Some((6, 7)));

        // An invalid start is reported once, not again as "end without start".
        let (msg, _, _) = one_error(&format!("{BASE}start = \"2024-13\"\nend = 2025\n"));
        assert!(msg.contains("month 13"));

        // Overlapping precisions are fine: a month that contains the start day.
        let p = ok(&format!("{BASE}start = \"2024-03-15\"\nend = \"2024-03\"\n"));
        assert_eq!(p.systems[0].dates.unwrap().end, Some(End::Date(Date::Month(2024, 3))));
        let p = ok(&format!("{BASE}start = 2024\nend = \"2024-01-01\"\n"));
        assert!(p.systems[0].dates.is_some());
        // An unquoted TOML date, "present", case-insensitive.
        let p = ok(&format!("{BASE}start = 2024-03-15\nend = \"Present\"\n"));
        let d = p.systems[0].dates.unwrap();
        assert_eq!(
            d.start,
            Date::Day(chrono::NaiveDate::from_ymd_opt(2024, 3, 15).unwrap())
        );
        assert_eq!(d.end, Some(End::Present));
        // Experience and education dates go through the same checks.
        let (msg, _, _) = one_error(&format!(
            "{BASE}[[experience]]\nrole = \"R\"\norganization = \"O\"\nstart = 2022\nend = 2021\n"
        ));
        assert_eq!(msg, "`experience[0].end` (2021) is before `start` (2022)");
        let (msg, _, _) = one_error(&format!("{BASE}[[education]]\ninstitution = \"U\"\nend = 2021\n"));
        assert_eq!(msg, "`education[0].end` is given without a `start`");
    }

    // ---- résumé ------------------------------------------------------------

    #[test]
    fn resume_systems_must_exist() {
        let text = "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"Fast Kernels\"\n[[systems]]\nid = \"vaani\"\ntitle = \"V\"\n\
                    [resume]\nsystems = [\"vaani\", \"fast-kernel\", \"nope\"]\n";
        let errs = errors(text);
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert_eq!(
            errs[0].0,
            "`resume.systems` names `fast-kernel`, but no system has that id"
        );
        assert_eq!(
            errs[0].1.as_deref(),
            Some("did you mean `fast-kernels`? The system ids are: `fast-kernels`, `vaani`")
        );
        assert_eq!(errs[0].2, Some((9, 21)));
        assert_eq!(errs[1].0, "`resume.systems` names `nope`, but no system has that id");
        assert_eq!(
            errs[1].1.as_deref(),
            Some("the system ids are: `fast-kernels`, `vaani`")
        );

        let p = ok(&format!("{BASE}[resume]\nsystems = [\"one\"]\nmax_systems = 2\n"));
        assert_eq!(
            p.resume,
            ResumeConfig {
                systems: Some(vec!["one".into()]),
                max_systems: Some(2)
            }
        );
        let p = ok(BASE);
        assert_eq!(p.resume, ResumeConfig::default());

        let (msg, _, _) = one_error(&format!("{BASE}[resume]\nmax_systems = 0\n"));
        assert_eq!(msg, "`resume.max_systems` must be at least 1, but it is 0");
        let (msg, _, _) = one_error(&format!("{BASE}[resume]\nmax_systems = 2.5\n"));
        assert_eq!(
            msg,
            "`resume.max_systems` should be a positive whole number, but it is a decimal number"
        );
    }

    // ---- links and contact ---------------------------------------------------

    #[test]
    fn links_need_label_and_a_real_url() {
        let text = format!(
            "{BASE}links = [\n  {{ label = \"Code\", url = \"github.com/ada\" }},\n  {{ label = \"Mail\", url = \"mailto:a@b.example\" }},\n  {{ url = \"https://x.example\" }},\n  {{ label = \"Site\", url = \"HTTPS://EXAMPLE.COM\" }},\n]\n"
        );
        let errs = errors(&text);
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert_eq!(
            errs[0].0,
            "`systems[0].links[0].url` must start with https://, http:// or mailto:, but it is \"github.com/ada\""
        );
        assert_eq!(
            errs[0].1.as_deref(),
            Some("write the full address: \"https://github.com/ada\"")
        );
        assert_eq!(errs[0].2, Some((7, 27)));
        assert_eq!(errs[1].0, "missing `label` in [[systems.links]]");
        assert_eq!(errs[1].2, Some((9, 3)));

        let (msg, hint, _) = one_error(&format!(
            "{BASE}links = [{{ label = \"M\", url = \"ada@example.com\" }}]\n"
        ));
        assert!(msg.starts_with("`systems[0].links[0].url` must start with"));
        assert_eq!(
            hint.as_deref(),
            Some("for an email address write \"mailto:ada@example.com\"")
        );

        let (msg, _, at) =
            one_error("[profile]\nname = \"A\"\nemail = \"ada.example.com\"\n[[systems]]\ntitle = \"S\"\n");
        assert_eq!(
            msg,
            "`profile.email` is not an email address: \"ada.example.com\" has no @"
        );
        assert_eq!(at, Some((3, 9)));
    }

    // ---- text ----------------------------------------------------------------

    #[test]
    fn text_is_kept_exactly_and_single_lines_collapse() {
        let text = "[profile]\nname = \"Ada\\n  Example\"\nheadline = \"C#\\tand $ < # & % \\\\ \"\n\
                    summary = \"\"\"\nFirst para\ncontinues.\n\n- one\t& two\n- <three>\n\"\"\"\n\
                    [[systems]]\ntitle = '''C# \\n $x'''\n";
        let p = ok(text);
        assert_eq!(p.profile.name, "Ada Example");
        assert_eq!(p.profile.headline.as_deref(), Some(r"C# and $ < # & % \"));
        assert_eq!(
            p.profile.summary.unwrap().blocks,
            vec![
                Block::Paragraph("First para continues.".into()),
                Block::Bullet("one & two".into()),
                Block::Bullet("<three>".into()),
            ]
        );
        assert_eq!(p.systems[0].title, r"C# \n $x");
    }

    #[test]
    fn control_characters_are_errors() {
        let (msg, hint, at) = one_error(&format!("{BASE}tagline = \"bell\\u0007\"\n"));
        assert_eq!(
            msg,
            "`systems[0].tagline` contains the control character U+0007, which cannot be printed"
        );
        assert!(hint.is_some());
        assert_eq!(at, Some((6, 11)));
        let (msg, _, _) = one_error(&format!("{BASE}summary = \"a\\u007Fb\"\n"));
        assert!(msg.contains("U+007F"), "{msg}");
        let (msg, _, _) = one_error(&format!("{BASE}tags = [\"ok\", \"c1\\u0085\"]\n"));
        assert_eq!(
            msg,
            "`systems[0].tags[1]` contains the control character U+0085, which cannot be printed"
        );
        let (msg, _, _) = one_error(&format!("{BASE}id = \"\\u0000\"\n"));
        assert!(msg.contains("U+0000"));
    }

    #[test]
    fn characters_missing_from_the_fonts_are_warnings() {
        let text = format!(
            "{BASE}[[systems]]\ntitle = \"Two\"\n[[systems]]\ntitle = \"Three\"\ntagline = \"fast 😀 and ☃ and 😀\"\ntags = [\"ok\", \"✓\"]\nid = \"😀\"\n"
        );
        let (src, p, diags) = run_in(&text, Path::new("."), &|c| c != '😀' && c != '☃' && c != '✓');
        assert!(p.is_some(), "warnings do not stop the build");
        assert_eq!(diags.len(), 2, "{diags:#?}");
        assert!(diags.iter().all(|d| d.severity == Severity::Warning));
        assert_eq!(
            diags[0].message,
            "U+1F600 '😀', U+2603 '☃' in `systems[2].tagline` are not in the bundled fonts; they will print as blank boxes or be missing"
        );
        assert_eq!(&src.text[diags[0].span.clone().unwrap()], "\"fast 😀 and ☃ and 😀\"");
        assert_eq!(src.line_col(diags[0].span.as_ref().unwrap().start), (10, 11));
        assert_eq!(
            diags[1].message,
            "U+2713 '✓' in `systems[2].tags[1]` is not in the bundled fonts; it will print as a blank box or be missing"
        );
    }

    // ---- design ----------------------------------------------------------------

    #[test]
    fn design_table_sets_every_choice() {
        use crate::model::{Design, PageSize, ThemeName};
        assert_eq!(ok(BASE).design, Design::default());
        let p = ok(&format!(
            "{BASE}[design]\ntheme = \"Modern\"\npage_size = \"LETTER\"\naccent = \"#1f5fbf\"\n\
             margins = \"0.5in\"\nfont_size = 10.5\n"
        ));
        assert_eq!(
            p.design,
            Design {
                theme: ThemeName::Modern,
                page_size: PageSize::Letter,
                accent: Some([0x1F, 0x5F, 0xBF]),
                margins: Some(36.0),
                font_size: Some(10.5),
            }
        );
        let margins = |m: &str| {
            ok(&format!("{BASE}[design]\nmargins = \"{m}\"\n"))
                .design
                .margins
                .unwrap()
        };
        assert!((margins("18mm") - 51.02).abs() < 0.01);
        assert!((margins("2cm") - 56.69).abs() < 0.01);
        assert_eq!(margins("54pt"), 54.0);
        assert_eq!(margins(" 20 PT "), 20.0);
        assert_eq!(
            ok(&format!("{BASE}[design]\nfont_size = 7\n")).design.font_size,
            Some(7.0)
        );
        // The names the table accepts are the model's.
        let names: Vec<&str> = ThemeName::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names, THEMES);
        let names: Vec<&str> = PageSize::ALL.iter().map(|t| t.name()).collect();
        assert_eq!(names, PAGE_SIZES);
    }

    #[test]
    fn design_mistakes_say_what_is_allowed() {
        let (msg, hint, at) = one_error(&format!("{BASE}[design]\ntheme = \"modrn\"\n"));
        assert_eq!(
            msg,
            "`design.theme` is \"modrn\", which is not one of \"classic\", \"modern\" or \"compact\""
        );
        assert_eq!(
            hint.as_deref(),
            Some("did you mean \"modern\"? The themes are \"classic\", \"modern\" and \"compact\"")
        );
        assert_eq!(at, Some((7, 9)));
        let (_, hint, _) = one_error(&format!("{BASE}[design]\ntheme = \"brutalist\"\n"));
        assert_eq!(
            hint.as_deref(),
            Some("The themes are \"classic\", \"modern\" and \"compact\"")
        );
        let (msg, _, _) = one_error(&format!("{BASE}[design]\npage_size = \"tabloid\"\n"));
        assert_eq!(
            msg,
            "`design.page_size` is \"tabloid\", which is not one of \"a4\" or \"letter\""
        );

        let accent = |a: &str| one_error(&format!("{BASE}[design]\naccent = \"{a}\"\n"));
        assert_eq!(
            accent("1F5FBF").0,
            "`design.accent` is \"1F5FBF\", which is not a colour folio understands"
        );
        assert_eq!(accent("1F5FBF").1.as_deref(), Some("start it with #: \"#1F5FBF\""));
        assert_eq!(accent("#abc").1.as_deref(), Some("write all six digits: \"#AABBCC\""));
        assert!(accent("blue").1.unwrap().contains("six hexadecimal digits"));
        assert!(accent("#12345G").1.unwrap().contains("six hexadecimal digits"));

        let margins = |m: &str| one_error(&format!("{BASE}[design]\nmargins = {m}\n"));
        assert_eq!(
            margins("\"5mm\"").0,
            "`design.margins` is 5 mm (14.17 pt), but margins must be from 7.06 mm to 50.8 mm (20 pt to 144 pt)"
        );
        assert_eq!(
            margins("\"200pt\"").0,
            "`design.margins` is 200 pt, but margins must be from 20 pt to 144 pt"
        );
        assert_eq!(margins("\"18\"").0, "`design.margins` is \"18\": the unit is missing");
        assert_eq!(
            margins("\"18px\"").0,
            "`design.margins` is \"18px\": \"px\" is not a unit folio knows (mm, cm, in, pt)"
        );
        assert_eq!(
            margins("\"-5mm\"").0,
            "`design.margins` is \"-5mm\": a margin cannot be negative"
        );
        let (msg, hint, _) = margins("18");
        assert_eq!(
            msg,
            "`design.margins` should be a length with a unit, in quotes, like \"18mm\", but it is a whole number"
        );
        assert_eq!(
            hint.as_deref(),
            Some("write the unit too, in quotes: `margins = \"18mm\"` (units: mm, cm, in, pt)")
        );

        let size = |s: &str| one_error(&format!("{BASE}[design]\nfont_size = {s}\n"));
        assert_eq!(
            size("6.5").0,
            "`design.font_size` is 6.5 pt, but the body text size must be from 7 pt to 14 pt"
        );
        assert_eq!(
            size("\"10pt\"").1.as_deref(),
            Some("write the number without quotes or unit: `font_size = 10`")
        );

        let (msg, hint, _) = one_error(&format!("{BASE}[design]\ncolor = \"#000000\"\n"));
        assert_eq!(msg, "unknown key `color` in [design]");
        assert!(hint.unwrap().contains("theme, page_size, accent, margins, font_size"));
    }

    #[test]
    fn a_pale_accent_is_a_warning_with_a_darker_suggestion() {
        // The built-in accents pass.
        for rgb in [[0x1F, 0x5F, 0xBF], [0x0F, 0x6E, 0x6E], [0x8A, 0x3B, 0x12]] {
            assert!(contrast_with_white(rgb) >= MIN_ACCENT_CONTRAST, "{rgb:?}");
        }
        assert!((contrast_with_white([0, 0, 0]) - 21.0).abs() < 1e-9);
        assert!((contrast_with_white([255, 255, 255]) - 1.0).abs() < 1e-9);
        // #767676 is the classic lightest grey that passes AA on white.
        assert!(contrast_with_white([0x76, 0x76, 0x76]) >= 4.5);
        assert!(contrast_with_white([0x77, 0x77, 0x77]) < 4.5);

        let text = format!("{BASE}[design]\naccent = \"#7FB3FF\"\n");
        let (src, p, diags) = run(&text);
        assert_eq!(
            p.unwrap().design.accent,
            Some([0x7F, 0xB3, 0xFF]),
            "a warning keeps the colour"
        );
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(
            d.message,
            "white text on the accent #7FB3FF has a contrast of 2.1:1, below the 4.5:1 that WCAG AA asks for"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("choose a darker colour, such as \"#5578AB\" (the same hue, 4.5:1)")
        );
        assert_eq!(src.line_col(d.span.as_ref().unwrap().start), (7, 10));
        let darker = darken_to_contrast([0x7F, 0xB3, 0xFF]);
        assert!(contrast_with_white(darker) >= MIN_ACCENT_CONTRAST);
    }

    // ---- limits --------------------------------------------------------------

    #[test]
    fn values_too_long_to_set_are_errors() {
        let (msg, hint, at) = one_error(&format!("{BASE}tagline = \"{}\"\n", "word ".repeat(500)));
        assert_eq!(
            msg,
            format!("`systems[0].tagline` is 2500 characters long; a one-line field holds at most {MAX_LINE_CHARS}")
        );
        assert!(hint.is_some());
        assert_eq!(at, Some((6, 11)));

        let (msg, _, _) = one_error(&format!("{BASE}summary = \"{}\"\n", "word ".repeat(12_000)));
        assert_eq!(
            msg,
            format!("`systems[0].summary` is 60000 characters long; a text field holds at most {MAX_TEXT_CHARS}")
        );

        let (msg, hint, _) = one_error(&format!("{BASE}summary = \"see {}\"\n", "x".repeat(400)));
        assert_eq!(
            msg,
            format!(
                "`systems[0].summary` has a word of 400 characters (\"{}…\"); a word may be at most 300 characters",
                "x".repeat(19)
            )
        );
        assert!(hint.unwrap().contains("spaces"));
        // Ids and paths are not printed: a long id is fine.
        ok(&format!("{BASE}id = \"{}\"\n", "x".repeat(400)));

        let tags = vec!["\"t\""; MAX_ENTRIES + 1].join(", ");
        let (msg, _, _) = one_error(&format!("{BASE}tags = [{tags}]\n"));
        assert_eq!(
            msg,
            format!(
                "`systems[0].tags` has {} entries; folio accepts at most {MAX_ENTRIES}",
                MAX_ENTRIES + 1
            )
        );
        let many = "[[systems]]\ntitle = \"S\"\n".repeat(MAX_ENTRIES + 1);
        let (msg, _, at) = one_error(&format!("[profile]\nname = \"A\"\n{many}"));
        assert_eq!(
            msg,
            format!(
                "there are {} [[systems]] entries; folio accepts at most {MAX_ENTRIES}",
                MAX_ENTRIES + 1
            )
        );
        assert_eq!(at, Some((3, 1)));
    }

    #[test]
    fn user_text_in_messages_is_clipped() {
        let key = "k".repeat(500);
        let (msg, _, _) = one_error(&format!("{BASE}{key} = 1\n"));
        assert_eq!(msg, format!("unknown key `{}…` in [[systems]]", "k".repeat(59)));
        let (msg, _, _) = one_error(&format!("{BASE}start = \"{}\"\n", "9".repeat(500)));
        assert!(msg.chars().count() < 150, "{msg}");
    }

    #[test]
    fn deep_nesting_is_a_syntax_error_not_a_crash() {
        let text = format!("{BASE}tags = {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let errs = errors(&text);
        assert_eq!(
            errs[0].0,
            "invalid TOML: arrays or tables are nested too deeply to read"
        );
    }

    // ---- many at once, syntax ------------------------------------------------

    #[test]
    fn every_error_in_a_file_is_reported_in_order() {
        let text = "\
[profile]
name = \"\"
email = \"nobody\"

[[systems]]
titel = \"Typo\"
tags = \"CUDA\"
start = \"2024-13\"

[[systems]]
title = \"Fine\"
end = 2020
links = [{ label = \"x\", url = \"ftp://x\" }]

[resume]
systems = [\"missing\"]
max_systems = -1
";
        let errs = errors(text);
        let got: Vec<(usize, &str)> = errs.iter().map(|e| (e.2.unwrap().0, e.0.as_str())).collect();
        assert_eq!(
            got,
            [
                (2, "`profile.name` is empty"),
                (3, "`profile.email` is not an email address: \"nobody\" has no @"),
                // no "missing `title`": the typo below is that title
                (6, "unknown key `titel` in [[systems]]"),
                (
                    7,
                    "`systems[0].tags` should be an array of strings, like [\"a\", \"b\"], but it is a string"
                ),
                (8, "`systems[0].start` is not a valid date: month 13 does not exist"),
                (12, "`systems[1].end` is given without a `start`"),
                (
                    13,
                    "`systems[1].links[0].url` must start with https://, http:// or mailto:, but it is \"ftp://x\""
                ),
                (16, "`resume.systems` names `missing`, but no system has that id"),
                (17, "`resume.max_systems` must be at least 1, but it is -1"),
            ]
        );
    }

    #[test]
    fn syntax_errors_are_all_reported_with_positions() {
        let text = "[profile]\nname = Ada Example\n[[systems]]\ntitle = \"S\"\ntagline = \"open\nstatus = \"ok\"\nstatus = \"again\"\n";
        let errs = errors(text);
        let got: Vec<(&str, Option<(usize, usize)>)> = errs.iter().map(|e| (e.0.as_str(), e.2)).collect();
        assert_eq!(
            got,
            [
                ("invalid TOML: text must be in quotes", Some((2, 8))),
                ("invalid TOML: this string is not closed", Some((5, 16))),
                ("`status` is defined twice", Some((7, 1))),
            ]
        );
        assert_eq!(
            errs[0].1.as_deref(),
            Some("put text in double quotes, e.g. name = \"Ada Example\"")
        );
        // A broken file does not also complain that things are missing.
        let errs = errors("[profile\nname = \"A\"\n");
        let got: Vec<&str> = errs.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            got,
            [
                "invalid TOML: the table header is not closed with ]",
                "unknown key `name` at the top level"
            ]
        );
        assert_eq!(errs[1].1.as_deref(), Some("`name` belongs in [profile]"));
    }

    #[test]
    fn syntax_errors_read_in_plain_words() {
        let first = |line: &str| {
            let errs = errors(&format!("[profile]\n{line}\n"));
            (errs[0].0.clone(), errs[0].1.clone().unwrap_or_default())
        };
        let cases = [
            ("name \"x\"", "a key must be followed by = and a value"),
            ("name = \"x\" extra", "there is more on this line after the value"),
            ("name = [\"a\"", "the array is not closed with ]"),
            ("name = {a = 1", "the inline table is not closed with }"),
            ("name = 'x", "this string is not closed"),
            ("name = \"\"\"abc", "this multi-line string is not closed"),
            ("[[systems]", "the table header is not closed with ]"),
            (
                "name = \"\\q\"",
                "a backslash must start an escape such as \\n or \\u00E9",
            ),
            (
                "name = \"C:\\Users\"",
                "a backslash must start an escape such as \\n or \\u00E9",
            ),
            (
                "name = \"a\u{1b}b\"",
                "a control character (U+001B) is not allowed in a string",
            ),
        ];
        for (line, want) in cases {
            let (msg, hint) = first(line);
            assert_eq!(msg, format!("invalid TOML: {want}"), "{line}");
            assert!(!hint.is_empty(), "{line}");
        }
        assert_eq!(
            first("name = tru").1,
            "put text in double quotes, e.g. name = \"Ada Example\""
        );
    }

    #[test]
    fn an_unclosed_array_does_not_flood_the_report() {
        let text = "[profile]\nname = \"A\"\n[[systems]]\ntitle = \"S\"\ntags = [\"a\", \"b\"\n\
                    start = 2024-03\nend = true\n[[systems]]\ntitle = \"y\"\ntitle = \"z\"\n";
        let errs = errors(text);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(errs[0].0, "invalid TOML: an array opened above is not closed");
        assert_eq!(
            errs[0].1.as_deref(),
            Some("add the ] that closes it (and check the commas between its items)")
        );
        assert_eq!(errs[0].2, Some((6, 1)));
    }

    // ---- photo -----------------------------------------------------------------

    fn with_photo(dir: &Path, photo: &str) -> (String, Vec<Diagnostic>, Option<Portfolio>) {
        let text = format!("[profile]\nname = \"A\"\nphoto = \"{photo}\"\n[[systems]]\ntitle = \"S\"\n");
        let (_, p, d) = run_in(&text, dir, &covers_all);
        (text, d, p)
    }

    fn photo_error(dir: &Path, photo: &str) -> (String, Option<String>) {
        let (text, diags, p) = with_photo(dir, photo);
        assert!(p.is_none());
        assert_eq!(diags.len(), 1, "{diags:#?}");
        let d = &diags[0];
        assert_eq!(&text[d.span.clone().unwrap()], format!("\"{photo}\""));
        (d.message.clone(), d.hint.clone())
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }

    #[test]
    fn photo_missing_folder_and_not_an_image() {
        let dir = temp_dir();
        let (msg, hint) = photo_error(&dir, "nope.jpg");
        assert_eq!(
            msg,
            format!("the photo file was not found: {}", dir.join("nope.jpg").display())
        );
        assert!(hint.unwrap().contains("relative to the folder"));

        // Relative to the current folder: shown as tried, without `./`.
        let (msg, _) = photo_error(Path::new("."), "nope.jpg");
        assert_eq!(msg, "the photo file was not found: nope.jpg");
        let (msg, _) = photo_error(Path::new("content"), "nope.jpg");
        assert_eq!(msg, "the photo file was not found: content/nope.jpg");

        // A named pipe would block the read forever: refused from its type.
        let fifo = dir.join("pipe.png");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let (msg, _) = photo_error(&dir, "pipe.png");
            assert_eq!(
                msg,
                format!(
                    "the photo path {} is not a regular file (a device, pipe or socket)",
                    fifo.display()
                )
            );
        }

        fs::create_dir_all(dir.join("pics")).unwrap();
        let (msg, _) = photo_error(&dir, "pics");
        assert_eq!(
            msg,
            format!(
                "the photo path {} is a folder, not an image file",
                dir.join("pics").display()
            )
        );

        fs::write(dir.join("notes.png"), "just some text, not a picture\n").unwrap();
        let (msg, _) = photo_error(&dir, "notes.png");
        assert_eq!(
            msg,
            format!(
                "the photo {} is not a PNG or JPEG image",
                dir.join("notes.png").display()
            )
        );

        fs::write(dir.join("anim.png"), b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").unwrap();
        let (msg, _) = photo_error(&dir, "anim.png");
        assert!(msg.ends_with("is not a PNG or JPEG image (it looks like gif)"), "{msg}");

        fs::write(dir.join("empty.jpg"), b"").unwrap();
        let (msg, _) = photo_error(&dir, "empty.jpg");
        assert!(msg.contains("is not a PNG or JPEG image"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn photo_truncated_or_corrupt() {
        let dir = temp_dir();
        let img = RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 128]));
        img.save(dir.join("good.png")).unwrap();
        let bytes = fs::read(dir.join("good.png")).unwrap();
        fs::write(dir.join("cut.png"), &bytes[..bytes.len() / 2]).unwrap();
        let (msg, hint) = photo_error(&dir, "cut.png");
        assert!(
            msg.starts_with(&format!(
                "the photo {} could not be decoded",
                dir.join("cut.png").display()
            )),
            "{msg}"
        );
        assert!(hint.unwrap().contains("export it again"));

        img.save(dir.join("good.jpg")).unwrap();
        let bytes = fs::read(dir.join("good.jpg")).unwrap();
        fs::write(dir.join("cut.jpg"), &bytes[..40]).unwrap();
        let (msg, _) = photo_error(&dir, "cut.jpg");
        assert!(msg.contains("could not be decoded"), "{msg}");

        let mut header_only = bytes[..2].to_vec();
        header_only.extend(b"\xFF\xE0garbage garbage garbage");
        fs::write(dir.join("junk.jpg"), header_only).unwrap();
        let (msg, _) = photo_error(&dir, "junk.jpg");
        assert!(msg.contains("could not be decoded"), "{msg}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn photo_decompression_bomb_is_refused_from_the_header() {
        let dir = temp_dir();
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend(100_000u32.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]); // 8-bit RGB
        png_chunk(&mut png, b"IHDR", &ihdr);
        png_chunk(&mut png, b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        png_chunk(&mut png, b"IEND", &[]);
        fs::write(dir.join("bomb.png"), png).unwrap();
        let (msg, hint) = photo_error(&dir, "bomb.png");
        assert_eq!(
            msg,
            format!(
                "the photo {} is 100000 x 100000 pixels, too large to read safely",
                dir.join("bomb.png").display()
            )
        );
        assert!(hint.unwrap().contains("12000 x 12000"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn photo_is_downscaled_flattened_and_rgb() {
        let dir = temp_dir();
        RgbImage::from_pixel(1600, 900, image::Rgb([10, 20, 30]))
            .save(dir.join("wide.png"))
            .unwrap();
        let (_, diags, p) = with_photo(&dir, "wide.png");
        assert!(diags.is_empty(), "{diags:#?}");
        let photo = p.unwrap().profile.photo.unwrap();
        assert_eq!((photo.width, photo.height), (720, 405));
        assert_eq!(photo.rgb.len(), 720 * 405 * 3);
        assert_eq!(&photo.rgb[..3], &[10, 20, 30]);
        assert_eq!(photo.path, dir.join("wide.png"));

        // Transparent pixels become white; 16-bit and grey input become 8-bit RGB.
        image::RgbaImage::from_pixel(10, 30, image::Rgba([0, 0, 0, 0]))
            .save(dir.join("clear.png"))
            .unwrap();
        let photo = with_photo(&dir, "clear.png").2.unwrap().profile.photo.unwrap();
        assert_eq!((photo.width, photo.height), (10, 30));
        assert!(photo.rgb.iter().all(|&b| b == 255));
        image::ImageBuffer::<image::Luma<u16>, Vec<u16>>::from_pixel(900, 1800, image::Luma([65535]))
            .save(dir.join("grey16.png"))
            .unwrap();
        let photo = with_photo(&dir, "grey16.png").2.unwrap().profile.photo.unwrap();
        assert_eq!((photo.width, photo.height), (360, 720));
        assert!(photo.rgb.iter().all(|&b| b >= 254));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn photo_exif_orientation_is_applied() {
        let dir = temp_dir();
        // 40 x 20: left half red, right half blue.
        let img = RgbImage::from_fn(40, 20, |x, _| {
            if x < 20 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        });
        img.save(dir.join("plain.jpg")).unwrap();
        let jpeg = fs::read(dir.join("plain.jpg")).unwrap();
        // An APP1 Exif segment with Orientation = 6 ("rotate 90° clockwise to display").
        let mut tiff = b"MM\x00\x2A\x00\x00\x00\x08".to_vec();
        tiff.extend([
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
        ]);
        tiff.extend([0, 0, 0, 0]);
        let mut app1 = b"Exif\x00\x00".to_vec();
        app1.extend(&tiff);
        let mut rotated = jpeg[..2].to_vec();
        rotated.extend([0xFF, 0xE1]);
        rotated.extend(((app1.len() + 2) as u16).to_be_bytes());
        rotated.extend(&app1);
        rotated.extend(&jpeg[2..]);
        fs::write(dir.join("rotated.jpg"), rotated).unwrap();

        let photo = with_photo(&dir, "plain.jpg").2.unwrap().profile.photo.unwrap();
        assert_eq!((photo.width, photo.height), (40, 20));
        let photo = with_photo(&dir, "rotated.jpg").2.unwrap().profile.photo.unwrap();
        assert_eq!((photo.width, photo.height), (20, 40));
        // After a clockwise turn the red (left) half is on top.
        let px = |x: usize, y: usize| &photo.rgb[(y * 20 + x) * 3..(y * 20 + x) * 3 + 3];
        assert!(px(10, 5)[0] > 200 && px(10, 5)[2] < 60, "{:?}", px(10, 5));
        assert!(px(10, 35)[2] > 200 && px(10, 35)[0] < 60, "{:?}", px(10, 35));
        let _ = fs::remove_dir_all(&dir);
    }

    // ---- load ------------------------------------------------------------------

    fn load_error(path: &Path) -> Report {
        match load(path, &covers_all) {
            Ok(_) => panic!("{} loaded", path.display()),
            Err(r) => r,
        }
    }

    #[test]
    fn load_refuses_missing_folders_huge_and_binary_files() {
        let dir = temp_dir();
        let r = load_error(&dir.join("none.toml"));
        assert!(r.source.is_none());
        assert_eq!(
            r.diagnostics[0].message,
            format!("cannot read {}: there is no such file", dir.join("none.toml").display())
        );

        let r = load_error(&dir);
        assert_eq!(
            r.diagnostics[0].message,
            format!("{} is a folder, not a TOML file", dir.display())
        );

        let big = dir.join("big.toml");
        fs::File::create(&big).unwrap().set_len(20 * 1024 * 1024).unwrap();
        let r = load_error(&big);
        assert_eq!(
            r.diagnostics[0].message,
            format!(
                "{} is 20.0 MB (20971520 bytes); folio reads content files of up to {}",
                big.display(),
                megabytes(MAX_FILE_BYTES)
            )
        );

        let bin = dir.join("bin.toml");
        fs::write(&bin, b"a = 1\n\x00\x01\x02").unwrap();
        let r = load_error(&bin);
        assert!(r.diagnostics[0].message.contains("looks like a binary file"));
        assert!(r.diagnostics[0].message.contains("byte 6"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn empty_files_and_byte_order_marks() {
        let path = Path::new("empty.toml");
        for text in ["", "  \n\t\n", "\u{FEFF}"] {
            let r = from_bytes(path, text.as_bytes().to_vec(), &covers_all).unwrap_err();
            assert!(r.source.is_none());
            assert_eq!(r.diagnostics.len(), 1);
            assert_eq!(r.diagnostics[0].message, "empty.toml is empty");
            assert!(r.diagnostics[0].hint.as_ref().unwrap().contains("[profile]"));
        }
        // A BOM does not count as a column of line 1.
        let r = from_bytes(path, format!("\u{FEFF}colour = 1\n{BASE}").into_bytes(), &covers_all).unwrap_err();
        let src = r.source.as_ref().unwrap();
        assert_eq!(src.line_col(r.diagnostics[0].span.as_ref().unwrap().start), (1, 1));
    }

    #[test]
    fn load_points_at_the_first_byte_that_is_not_utf8() {
        let dir = temp_dir();
        let path = dir.join("latin1.toml");
        fs::write(&path, b"[profile]\nname = \"Ren\xE9\"\n").unwrap();
        let r = load_error(&path);
        let src = r.source.as_ref().unwrap();
        let d = &r.diagnostics[0];
        let span = d.span.clone().unwrap();
        assert_eq!(src.line_col(span.start), (2, 12));
        assert_eq!(&src.text[span], "\u{FFFD}");
        assert!(
            d.message
                .ends_with("is not UTF-8 text: byte 0xE9 at line 2, column 12 cannot be read"),
            "{}",
            d.message
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn load_returns_warnings_or_every_error() {
        let dir = temp_dir();
        let path = dir.join("p.toml");
        fs::write(&path, format!("{BASE}tagline = \"☃\"\n")).unwrap();
        let loaded = load(&path, &|c| c != '☃').unwrap();
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.source.path, path);

        fs::write(&path, format!("{BASE}tagline = \"☃\"\nstart = \"x\"\nend = 1\n")).unwrap();
        let r = load(&path, &|c| c != '☃').unwrap_err();
        assert!(r.source.is_some());
        assert!(r.has_errors());
        let kinds: Vec<Severity> = r.diagnostics.iter().map(|d| d.severity).collect();
        assert_eq!(kinds, [Severity::Warning, Severity::Error, Severity::Error]);
        let _ = fs::remove_dir_all(&dir);
    }
}
