//! The kinds of value a key can hold, each a type that says how its values are
//! checked ([`Check`]) and what a checked value is. A raw struct names a key's
//! kind by one of these types (`title: Line`, `systems: Tables<System>`).

use std::marker::PhantomData;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::check::{found, At, Check, Checker, Record, DATE_HINT, END_HINT};
use super::keys::{quoted_list, Field, Kind};
use super::values::{
    check_day, check_month, check_year, clean_line, clean_text, clip, join, likely_scheme, number, parse_color,
    parse_date, parse_length, upper_first, url_problem, Named, Unit, UrlProblem,
};
use crate::diag::closest;
use crate::model::{self, End};

/// The margins `[design].margins` allows, in points.
pub const MARGINS: std::ops::RangeInclusive<f32> = 20.0..=144.0;

/// The body text sizes `[design].font_size` allows, in points.
pub const FONT_SIZES: std::ops::RangeInclusive<f32> = 7.0..=14.0;

/// One line of text ([`Kind::Line`]).
pub struct Line;
/// Paragraphs and bullets ([`Kind::Text`]).
pub struct Text;
/// Lines printed as written ([`Kind::Address`]).
pub struct Address;
/// An email address ([`Kind::Email`]).
pub struct Email;
/// A link address ([`Kind::Url`]).
pub struct Url;
/// A file path, relative to the content file ([`Kind::Path`]).
pub struct Path;
/// An identifier ([`Kind::Id`]).
pub struct Id;
/// A date ([`Kind::Date`]).
pub struct Date;
/// A date or `"present"` ([`Kind::EndDate`]).
pub struct EndDate;
/// An array of one-line strings ([`Kind::Lines`]).
pub struct Lines;
/// An array of one-line strings with inline markup (highlights; [`Kind::Lines`]):
/// a marker without its partner is a warning, as in a text field.
pub struct Highlights;
/// An array of identifiers ([`Kind::Ids`]).
pub struct Ids;
/// An array of file paths ([`Kind::Paths`]).
pub struct Paths;
/// A positive whole number ([`Kind::Count`]).
pub struct Count;
/// One of the names of `T` ([`Kind::Choice`]).
pub struct Choice<T>(PhantomData<T>);
/// `"#RRGGBB"` ([`Kind::Color`]).
pub struct Color;
/// A length with a unit, in points once checked ([`Kind::Length`]).
pub struct Length;
/// A size in points ([`Kind::Points`]).
pub struct Points;
/// A table: the raw struct `R` ([`Kind::Table`]).
pub struct Table<R>(PhantomData<R>);
/// An array of tables ([`Kind::Tables`]).
pub struct Tables<R>(PhantomData<R>);

/// A one-line string of `field`'s kind, cleaned; `None` when invalid or empty.
fn line(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<String> {
    let span = v.span();
    let kind = field.kind;
    let path = at.path;
    let DeValue::String(raw) = v.get_ref() else {
        cx.wrong_type(field, v, path, at.schema);
        return None;
    };
    if !cx.no_controls(raw, &span, path) || !cx.fits(raw, &span, path, false, matches!(kind, Kind::Line | Kind::Email))
    {
        return None;
    }
    let s = clean_line(raw);
    if s.is_empty() {
        if field.required {
            cx.error(
                span,
                format!("`{path}` is empty"),
                Some(format!("write the {} between the quotes", field.name)),
            );
        }
        return None;
    }
    if kind.is_printed() {
        cx.check_glyphs(&s, &span, path);
    }
    Some(s)
}

/// Kinds checked by one function, named like their [`Kind`]: `checked_by!(line => String: Line, Path)`.
macro_rules! checked_by {
    ($check:ident => $out:ty: $($kind:ident),*) => {$(
        impl Check for $kind {
            const KIND: Kind = Kind::$kind;
            type Out = $out;
            fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<$out> {
                $check(cx, field, v, at)
            }
        }
    )*};
}

checked_by!(line => String: Line, Path, Id);

impl Check for Email {
    const KIND: Kind = Kind::Email;
    type Out = String;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<String> {
        let s = line(cx, field, v, at)?;
        if !s.contains('@') {
            cx.error(
                v.span(),
                format!("`{}` is not an email address: \"{}\" has no @", at.path, clip(&s)),
                Some("write the address, like \"ada@example.com\"".into()),
            );
            return None;
        }
        Some(s)
    }
}

impl Check for Url {
    const KIND: Kind = Kind::Url;
    type Out = String;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<String> {
        let s = line(cx, field, v, at)?;
        let path = at.path;
        let Some(problem) = url_problem(&s) else {
            return Some(s);
        };
        let (message, hint) = match problem {
            UrlProblem::Space => (
                format!("`{path}` contains a space: \"{}\"", clip(&s)),
                "remove the space, or write it as %20".to_string(),
            ),
            UrlProblem::Scheme => (
                format!(
                    "`{path}` must start with https://, http:// or mailto:, but it is \"{}\"",
                    clip(&s)
                ),
                match likely_scheme(&s) {
                    Some("mailto:") => format!("for an email address write \"mailto:{}\"", clip(&s)),
                    Some(scheme) => format!("write the full address: \"{scheme}{}\"", clip(&s)),
                    None => "write the full address, like \"https://example.com/page\"".to_string(),
                },
            ),
        };
        cx.error(v.span(), message, Some(hint));
        None
    }
}

/// Inline markup (`**`, `*`, `` ` ``) without a partner prints literally: say so,
/// with the words around it, since it is usually a typo.
fn check_markup(cx: &mut Checker<'_>, s: &str, span: &std::ops::Range<usize>, path: &dyn std::fmt::Display) {
    for problem in crate::text::markup::problems(s) {
        let from = s.floor_char_boundary(problem.offset.saturating_sub(16));
        let to = s.ceil_char_boundary((problem.offset + 16).min(s.len()));
        let near = s[from..to].trim();
        cx.warning(
            span.clone(),
            format!("in `{path}`, {} (near \u{201C}{near}\u{201D})", problem.message),
            "close it (**bold**, *italic*, `code`), or write \\* or \\` for the character itself",
        );
    }
}

impl Check for Text {
    const KIND: Kind = Kind::Text;
    type Out = model::Text;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<model::Text> {
        let span = v.span();
        let path = at.path;
        let DeValue::String(raw) = v.get_ref() else {
            cx.wrong_type(field, v, path, at.schema);
            return None;
        };
        let s = clean_text(raw);
        if !cx.no_controls(raw, &span, path) || !cx.fits(raw, &span, path, true, true) {
            return None;
        }
        cx.check_glyphs(&s, &span, path);
        let text = model::Text::parse(&s);
        for block in &text.blocks {
            let (model::Block::Paragraph(b) | model::Block::Bullet(b)) = block;
            check_markup(cx, b, &span, &path);
        }
        if text.blocks.is_empty() {
            if field.required {
                cx.error(span, format!("`{path}` is empty"), None);
            }
            return None;
        }
        Some(text)
    }
}

impl Check for Address {
    const KIND: Kind = Kind::Address;
    type Out = Vec<String>;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<Vec<String>> {
        let span = v.span();
        let path = at.path;
        let DeValue::String(raw) = v.get_ref() else {
            cx.wrong_type(field, v, path, at.schema);
            return None;
        };
        if !cx.no_controls(raw, &span, path) || !cx.fits(raw, &span, path, false, true) {
            return None;
        }
        let lines: Vec<String> = clean_text(raw)
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        cx.check_glyphs(&lines.join("\n"), &span, path);
        (!lines.is_empty()).then_some(lines)
    }
}

enum DateProblem {
    WrongType,
    Invalid(String),
    Empty,
}

/// Why "present" is refused for a start or a single date: the end key of the same
/// table takes it, when the table has one.
fn present_is_for_the_end(fields: &[Field]) -> String {
    match fields.iter().find(|f| f.kind == Kind::EndDate) {
        Some(end) => format!("\"present\" can only be used for `{}`", end.name),
        None => "\"present\" can only be used for an end date".to_string(),
    }
}

fn date_value(v: &DeValue<'_>, allow_present: bool, fields: &[Field]) -> Result<End, DateProblem> {
    match v {
        DeValue::Integer(i) => {
            let y = i64::from_str_radix(i.as_str(), i.radix()).unwrap_or(i64::MAX);
            Ok(End::Date(model::Date::Year(
                check_year(y).map_err(DateProblem::Invalid)?,
            )))
        }
        DeValue::String(s) if s.trim().is_empty() => Err(DateProblem::Empty),
        DeValue::String(s) if s.trim().eq_ignore_ascii_case("present") => {
            if allow_present {
                Ok(End::Present)
            } else {
                Err(DateProblem::Invalid(present_is_for_the_end(fields)))
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

/// A date, or with `allow_present` also "present".
fn end(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>, allow_present: bool) -> Option<End> {
    let span = v.span();
    let path = at.path;
    match date_value(v.get_ref(), allow_present, at.table.fields) {
        Ok(end) => Some(end),
        Err(DateProblem::Empty) => {
            if field.required {
                cx.error(span, format!("`{path}` is empty"), Some(DATE_HINT.into()));
            }
            None
        }
        Err(DateProblem::WrongType) => {
            cx.wrong_type(field, v, path, at.schema);
            None
        }
        Err(DateProblem::Invalid(why)) => {
            let hint = if allow_present { END_HINT } else { DATE_HINT };
            cx.error(span, format!("`{path}` is not a valid date: {why}"), Some(hint.into()));
            None
        }
    }
}

impl Check for Date {
    const KIND: Kind = Kind::Date;
    type Out = model::Date;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<model::Date> {
        match end(cx, field, v, at, false)? {
            End::Date(d) => Some(d),
            End::Present => None,
        }
    }
}

impl Check for EndDate {
    const KIND: Kind = Kind::EndDate;
    type Out = End;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<End> {
        end(cx, field, v, at, true)
    }
}

/// Each one-line string of an array, with its span; `None` when it is not an array.
fn lines(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<Vec<Spanned<String>>> {
    let span = v.span();
    let path = at.path;
    let printed = field.kind.is_printed();
    let DeValue::Array(items) = v.get_ref() else {
        cx.wrong_type(field, v, path, at.schema);
        return None;
    };
    if !cx.not_too_many(items.len(), &span, path, false) {
        return None;
    }
    let mut out = Vec::new();
    let mut bad = false;
    for (i, item) in items.iter().enumerate() {
        let item_path = format!("{path}[{i}]");
        let item_span = item.span();
        let DeValue::String(raw) = item.get_ref() else {
            cx.error(
                item_span,
                format!("`{item_path}` should be a string, but it is {}", found(item.get_ref())),
                Some(format!("put each entry in quotes: `{} = [\"a\", \"b\"]`", field.name)),
            );
            bad = true;
            continue;
        };
        if !cx.no_controls(raw, &item_span, &item_path) || !cx.fits(raw, &item_span, &item_path, false, printed) {
            bad = true;
            continue;
        }
        let s = clean_line(raw);
        if s.is_empty() {
            cx.warning(
                item_span,
                format!("`{item_path}` is empty and is left out"),
                "remove the empty string",
            );
            continue;
        }
        if printed {
            cx.check_glyphs(&s, &item_span, &item_path);
        }
        out.push(Spanned::new(item_span, s));
    }
    if field.required && out.is_empty() && !bad {
        cx.error(
            span,
            format!("`{path}` is empty"),
            Some(format!("list at least one: `{} = [\"...\"]`", field.name)),
        );
    }
    Some(out)
}

checked_by!(lines => Vec<Spanned<String>>: Lines, Ids, Paths);

impl Check for Highlights {
    const KIND: Kind = Kind::Lines;
    type Out = Vec<Spanned<String>>;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<Self::Out> {
        let out = lines(cx, field, v, at)?;
        for (i, item) in out.iter().enumerate() {
            // (the path is written out only for a warning)
            let path = std::fmt::from_fn(|f| write!(f, "{}[{i}]", at.path));
            check_markup(cx, item.get_ref(), &item.span(), &path);
        }
        Some(out)
    }
}

impl Check for Count {
    const KIND: Kind = Kind::Count;
    type Out = usize;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<usize> {
        let span = v.span();
        let DeValue::Integer(i) = v.get_ref() else {
            cx.wrong_type(field, v, at.path, at.schema);
            return None;
        };
        match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) if n >= 1 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => {
                let message = format!(
                    "`{}` must be at least 1, but it is {}",
                    at.path,
                    clip(cx.text_of(&span))
                );
                let hint = format!("write a positive whole number, like `{} = 4`", field.name);
                cx.error(span, message, Some(hint));
                None
            }
        }
    }
}

impl<T: Named> Check for Choice<T> {
    const KIND: Kind = Kind::Choice(T::NAMES);
    type Out = T;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<T> {
        let names = T::NAMES;
        let DeValue::String(raw) = v.get_ref() else {
            cx.wrong_type(field, v, at.path, at.schema);
            return None;
        };
        let word = raw.trim();
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(word)) {
            return Some(T::ALL[i]);
        }
        let what = upper_first(&format!("the {} are", T::WHAT));
        let known = quoted_list(names, "and");
        let hint = match closest(word, names.iter().copied()) {
            Some(best) if !word.is_empty() => format!("did you mean \"{best}\"? {what} {known}"),
            _ => format!("{what} {known}"),
        };
        cx.error(
            v.span(),
            format!(
                "`{}` is \"{}\", which is not one of {}",
                at.path,
                clip(word),
                quoted_list(names, "or")
            ),
            Some(hint),
        );
        None
    }
}

impl Check for Color {
    const KIND: Kind = Kind::Color;
    type Out = [u8; 3];
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<[u8; 3]> {
        let DeValue::String(raw) = v.get_ref() else {
            cx.wrong_type(field, v, at.path, at.schema);
            return None;
        };
        match parse_color(raw) {
            Ok(rgb) => Some(rgb),
            Err(hint) => {
                cx.error(
                    v.span(),
                    format!(
                        "`{}` is \"{}\", which is not a colour folio understands",
                        at.path,
                        clip(raw)
                    ),
                    Some(hint),
                );
                None
            }
        }
    }
}

impl Check for Length {
    const KIND: Kind = Kind::Length;
    type Out = f32;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<f32> {
        let (span, path) = (v.span(), at.path);
        let DeValue::String(raw) = v.get_ref() else {
            cx.wrong_type(field, v, path, at.schema);
            return None;
        };
        let (points, unit, amount) = match parse_length(raw) {
            Ok(l) => l,
            Err(message) => {
                cx.error(
                    span,
                    format!("`{path}` is \"{}\": {message}", clip(raw)),
                    Some("write a number and a unit, like \"18mm\", \"1.8cm\", \"0.75in\" or \"54pt\"".into()),
                );
                return None;
            }
        };
        if MARGINS.contains(&points) {
            return Some(points);
        }
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
        cx.error(
            span,
            format!("`{path}` is {shown}, but margins must be from {range}"),
            Some(format!("{} is usual", unit.usual_margin())),
        );
        None
    }
}

impl Check for Points {
    const KIND: Kind = Kind::Points;
    type Out = f32;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<f32> {
        let span = v.span();
        let size = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).map(|n| n as f64).ok(),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        let Some(size) = size else {
            cx.wrong_type(field, v, at.path, at.schema);
            return None;
        };
        let (lo, hi) = (*FONT_SIZES.start(), *FONT_SIZES.end());
        if !(f64::from(lo)..=f64::from(hi)).contains(&size) {
            let message = format!(
                "`{}` is {} pt, but the body text size must be from {} pt to {} pt",
                at.path,
                clip(cx.text_of(&span)),
                number(lo),
                number(hi)
            );
            cx.error(span, message, Some("9 to 11 pt reads well on A4 and Letter".into()));
            return None;
        }
        Some(size as f32)
    }
}

impl<R: Record> Check for Table<R> {
    const KIND: Kind = Kind::Table(R::FIELDS);
    type Out = R;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<R> {
        let DeValue::Table(t) = v.get_ref() else {
            cx.wrong_type(field, v, at.path, at.schema);
            return None;
        };
        let schema = join(at.schema, field.name);
        Some(cx.record(t, v.span(), at.path.to_string(), &schema, false, Some(at.table)))
    }
}

/// From how many entries an array of tables is checked on all cores (each entry
/// by a checker of its own): a portfolio of many systems, each with its case study.
const PARALLEL_FROM: usize = 16;

impl<R: Record> Check for Tables<R> {
    const KIND: Kind = Kind::Tables(R::FIELDS);
    type Out = Vec<R>;
    fn check(cx: &mut Checker<'_>, field: &Field, v: &Spanned<DeValue<'_>>, at: &At<'_>) -> Option<Vec<R>> {
        let (span, path) = (v.span(), at.path);
        let DeValue::Array(items) = v.get_ref() else {
            cx.wrong_type(field, v, path, at.schema);
            return None;
        };
        let schema = join(at.schema, field.name);
        if !cx.not_too_many(items.len(), &span, &schema, true) {
            return None;
        }
        let entry = |cx: &mut Checker<'_>, i: usize, item: &Spanned<DeValue<'_>>| -> Option<R> {
            let item_path = format!("{path}[{i}]");
            let DeValue::Table(t) = item.get_ref() else {
                not_a_table(cx, item, &item_path, R::FIELDS);
                return None;
            };
            Some(cx.record(t, item.span(), item_path, &schema, true, Some(at.table)))
        };
        let out = if items.len() >= PARALLEL_FROM {
            use rayon::prelude::*;
            // each entry checked apart; what each found is added in the entries'
            // order, so the diagnostics are those one checker would have made
            let (source, covers, recovering) = (cx.source, cx.covers, cx.recovering);
            let checked: Vec<_> = items
                .par_iter()
                .enumerate()
                .map(|(i, item)| {
                    let mut sub = Checker::new(source, covers, recovering);
                    let r = entry(&mut sub, i, item);
                    (r, sub.diags, sub.printed)
                })
                .collect();
            let mut out = Vec::with_capacity(checked.len());
            for (r, diags, printed) in checked {
                cx.diags.extend(diags);
                cx.printed.extend(printed);
                out.extend(r);
            }
            out
        } else {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                out.extend(entry(cx, i, item));
            }
            out
        };
        if field.required && items.is_empty() {
            cx.error(
                span,
                format!("`{path}` is empty; add at least one [[{schema}]] table"),
                None,
            );
        }
        Some(out)
    }
}

fn not_a_table(cx: &mut Checker<'_>, item: &Spanned<DeValue<'_>>, path: &str, fields: &[Field]) {
    let example: Vec<String> = fields.iter().filter(|f| f.required).map(Field::example).collect();
    cx.error(
        item.span(),
        format!("`{path}` should be a table, but it is {}", found(item.get_ref())),
        Some(format!("write each entry as {{ {} }}", example.join(", "))),
    );
}

/// The whole file, checked as the top-level table `R`.
pub fn root<R: Record>(cx: &mut Checker<'_>, doc: &DeTable<'_>) -> R {
    cx.record(doc, 0..0, String::new(), "", false, None)
}
