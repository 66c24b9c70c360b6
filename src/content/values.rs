//! The values a content file holds, read from text and checked, with no TOML in
//! sight: dates, link addresses, colours, lengths, the names of choices, slugs,
//! and the cleaning and quoting of user text in messages. `folio import` uses
//! the same rules (dates, addresses, slugs) as the checker.

use std::ops::RangeInclusive;

use crate::model::{Date, MetricVisual, PageSize, ThemeName};

/// The years a date may name.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;

/// The contrast between white text and the accent colour that WCAG AA asks for.
pub const MIN_ACCENT_CONTRAST: f64 = 4.5;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

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

pub fn check_year(y: i64) -> Result<i32, String> {
    match i32::try_from(y) {
        Ok(y) if YEARS.contains(&y) => Ok(y),
        _ => Err(format!("year {y} is outside {}–{}", YEARS.start(), YEARS.end())),
    }
}

pub fn check_month(m: u32) -> Result<u32, String> {
    if (1..=12).contains(&m) {
        Ok(m)
    } else {
        Err(format!("month {m} does not exist"))
    }
}

pub fn check_day(y: i32, m: u32, d: u32) -> Result<Date, String> {
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

/// A date as a content file writes it: `2024`, `"2024-03"`, `"2024-03-15"`.
pub fn date_text(d: Date) -> String {
    match d {
        Date::Year(y) => y.to_string(),
        Date::Month(y, m) => format!("{y}-{m:02}"),
        Date::Day(d) => d.format("%Y-%m-%d").to_string(),
    }
}

// ---------------------------------------------------------------------------
// Link addresses
// ---------------------------------------------------------------------------

/// The beginnings a link address may have.
pub const URL_SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];

/// What is wrong with a link address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// It contains white space.
    Space,
    /// It does not start with one of [`URL_SCHEMES`] (or is nothing but one).
    Scheme,
}

/// What is wrong with a link address, if anything.
pub fn url_problem(url: &str) -> Option<UrlProblem> {
    if url.chars().any(char::is_whitespace) {
        return Some(UrlProblem::Space);
    }
    let lower = url.to_ascii_lowercase();
    let ok = URL_SCHEMES.iter().any(|p| lower.starts_with(p) && url.len() > p.len());
    (!ok).then_some(UrlProblem::Scheme)
}

/// The scheme a link written without one most likely needs: `mailto:` before an
/// email address, `https://` before a host name.
pub fn likely_scheme(url: &str) -> Option<&'static str> {
    if url.contains('@') && !url.contains(':') {
        Some("mailto:")
    } else if !url.contains("://") && url.contains('.') {
        Some("https://")
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Choices
// ---------------------------------------------------------------------------

/// A value chosen by name (`[design] theme`, `page_size`): the names the format
/// accepts are the model's own, in its order.
pub trait Named: Copy + PartialEq + std::fmt::Debug + 'static {
    const ALL: &'static [Self];
    const NAMES: &'static [&'static str];
    /// What the names are, in a message: "themes".
    const WHAT: &'static str;
}

/// The names of every value of a model enum with `ALL` and a `const fn name`.
macro_rules! names_of {
    ($t:ty) => {{
        const N: usize = <$t>::ALL.len();
        const NAMES: [&str; N] = {
            let mut out = [""; N];
            let mut i = 0;
            while i < N {
                out[i] = <$t>::ALL[i].name();
                i += 1;
            }
            out
        };
        &NAMES
    }};
}

impl Named for ThemeName {
    const ALL: &'static [Self] = &ThemeName::ALL;
    const NAMES: &'static [&'static str] = names_of!(ThemeName);
    const WHAT: &'static str = "themes";
}

impl Named for PageSize {
    const ALL: &'static [Self] = &PageSize::ALL;
    const NAMES: &'static [&'static str] = names_of!(PageSize);
    const WHAT: &'static str = "page sizes";
}

impl Named for MetricVisual {
    const ALL: &'static [Self] = &MetricVisual::ALL;
    const NAMES: &'static [&'static str] = names_of!(MetricVisual);
    const WHAT: &'static str = "metric visuals";
}

// ---------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------

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
pub fn hex([r, g, b]: [u8; 3]) -> String {
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
pub fn floor1(x: f64) -> String {
    format!("{:.1}", (x * 10.0).floor() / 10.0)
}

/// The lightest shade of `rgb` (the same hue, scaled towards black) that white text
/// on it reaches [`MIN_ACCENT_CONTRAST`] with.
pub fn darken_to_contrast(rgb: [u8; 3]) -> [u8; 3] {
    (0..=100)
        .rev()
        .map(|k| rgb.map(|c| (f64::from(c) * f64::from(k) / 100.0).round() as u8))
        .find(|&c| contrast_with_white(c) >= MIN_ACCENT_CONTRAST)
        .unwrap_or([0, 0, 0])
}

// ---------------------------------------------------------------------------
// Lengths
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Mm,
    Cm,
    In,
    Pt,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Mm, Unit::Cm, Unit::In, Unit::Pt];

    /// `mm, cm, in, pt`
    pub fn names() -> String {
        Unit::ALL.map(Unit::name).join(", ")
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Mm => "mm",
            Unit::Cm => "cm",
            Unit::In => "in",
            Unit::Pt => "pt",
        }
    }

    /// Points in one of this unit.
    pub fn points(self) -> f32 {
        match self {
            Unit::Mm => 72.0 / 25.4,
            Unit::Cm => 72.0 / 2.54,
            Unit::In => 72.0,
            Unit::Pt => 1.0,
        }
    }

    /// A usual page margin in this unit.
    pub fn usual_margin(self) -> &'static str {
        match self {
            Unit::Mm => "18mm",
            Unit::Cm => "1.8cm",
            Unit::In => "0.75in",
            Unit::Pt => "54pt",
        }
    }
}

/// `"18mm"` → (points, unit, amount in that unit), or what is wrong.
pub fn parse_length(raw: &str) -> Result<(f32, Unit, f32), String> {
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
        _ => {
            return Err(format!(
                "\"{}\" is not a unit folio knows ({})",
                clip(unit),
                Unit::names()
            ))
        }
    };
    Ok((amount * unit.points(), unit, amount))
}

/// `12`, `7.1`, `0.28`: a number for a message, without needless digits.
pub fn number(x: f32) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

// ---------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------

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
// User text
// ---------------------------------------------------------------------------

/// Single-line text: tabs become spaces, lines are trimmed and joined by one space.
pub fn clean_line(raw: &str) -> String {
    raw.replace('\t', " ")
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Multi-line text before [`crate::model::Text::parse`]: tabs become spaces, line ends become `\n`.
pub fn clean_text(raw: &str) -> std::borrow::Cow<'_, str> {
    // (two byte searches: far cheaper than a search for either character)
    if !raw.as_bytes().contains(&b'\r') && !raw.as_bytes().contains(&b'\t') {
        return std::borrow::Cow::Borrowed(raw);
    }
    raw.replace("\r\n", "\n").replace('\r', "\n").replace('\t', " ").into()
}

/// C0 (except newline, carriage return, tab), DEL and C1.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// `U+0007`, `U+2603 '☃'`: a character named in a message (a space or an
/// invisible one by its code alone: a bidi control would turn the message around).
pub fn describe_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || crate::text::chars::is_invisible(c) {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

/// User text quoted in a message, cut to a readable length.
pub fn clip(s: &str) -> String {
    clip_to(s, 60)
}

/// `s`, or its first `max - 1` characters and `…`.
pub fn clip_to(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `systems[0]` and `title` → `systems[0].title`; the top level has no path.
pub fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

pub fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}
