//! Writing a content file: a raw struct ([`super::raw::Root`]) in, TOML text out,
//! with toml's own serializer (quoting, escaping, multi-line strings, tables and
//! arrays of tables). Keys come out in the order the raw structs declare them,
//! so what is written is what the checker reads. `folio import` writes with it.

use serde::ser::{Serialize, Serializer};

use super::check::{Check, Record};
use super::kinds::{
    Address, Choice, Color, Count, Date, Email, EndDate, Highlights, Id, Ids, Length, Line, Lines, Path, Paths, Points,
    Table, Tables, Text, Url,
};
use super::values::{date_text, hex, Named};
use crate::model::{self, Block, End};

/// A kind whose checked values can be written back as TOML.
pub trait Write: Check {
    fn write<S: Serializer>(v: &Self::Out, s: S) -> Result<S::Ok, S::Error>;
}

/// A checked value of kind `K`, ready for serde.
pub struct Wire<'a, K: Write>(pub &'a K::Out);

impl<K: Write> Serialize for Wire<'_, K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        K::write(self.0, s)
    }
}

/// The whole file.
pub fn to_toml<R: Record + Serialize>(root: &R) -> String {
    toml::to_string(root).expect("a checked content file always serializes")
}

macro_rules! write_as_str {
    ($($kind:ty),*) => {$(
        impl Write for $kind {
            fn write<S: Serializer>(v: &String, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(v)
            }
        }
    )*};
}

write_as_str!(Line, Email, Url, Path, Id);

impl Write for Address {
    fn write<S: Serializer>(v: &Vec<String>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.join("\n"))
    }
}

impl Write for Text {
    fn write<S: Serializer>(v: &model::Text, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&text_source(v))
    }
}

/// Text as a content file writes it: paragraphs apart by a blank line, bullets
/// one a line after `- `; [`model::Text::parse`] reads back the same blocks.
pub fn text_source(text: &model::Text) -> String {
    let mut out = String::new();
    let mut bullet_before = false;
    for block in &text.blocks {
        let (bullet, s) = match block {
            Block::Paragraph(s) => (false, s),
            Block::Bullet(s) => (true, s),
        };
        if !out.is_empty() {
            out.push_str(if bullet && bullet_before { "\n" } else { "\n\n" });
        }
        if bullet {
            out.push_str("- ");
        }
        out.push_str(s);
        bullet_before = bullet;
    }
    out
}

fn write_date<S: Serializer>(d: model::Date, s: S) -> Result<S::Ok, S::Error> {
    match d {
        model::Date::Year(y) => s.serialize_i64(y.into()),
        d => s.serialize_str(&date_text(d)),
    }
}

impl Write for Date {
    fn write<S: Serializer>(v: &model::Date, s: S) -> Result<S::Ok, S::Error> {
        write_date(*v, s)
    }
}

impl Write for EndDate {
    fn write<S: Serializer>(v: &End, s: S) -> Result<S::Ok, S::Error> {
        match v {
            End::Date(d) => write_date(*d, s),
            End::Present => s.serialize_str("present"),
        }
    }
}

impl Write for Lines {
    fn write<S: Serializer>(v: &Self::Out, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|item| item.get_ref()))
    }
}

impl Write for Highlights {
    fn write<S: Serializer>(v: &Self::Out, s: S) -> Result<S::Ok, S::Error> {
        Lines::write(v, s)
    }
}

impl Write for Ids {
    fn write<S: Serializer>(v: &Self::Out, s: S) -> Result<S::Ok, S::Error> {
        Lines::write(v, s)
    }
}

impl Write for Paths {
    fn write<S: Serializer>(v: &Self::Out, s: S) -> Result<S::Ok, S::Error> {
        Lines::write(v, s)
    }
}

impl Write for Count {
    fn write<S: Serializer>(v: &usize, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(*v as u64)
    }
}

impl<T: Named> Write for Choice<T> {
    fn write<S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        let i = T::ALL.iter().position(|t| t == v).expect("a choice is one of ALL");
        s.serialize_str(T::NAMES[i])
    }
}

impl Write for Color {
    fn write<S: Serializer>(v: &[u8; 3], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex(*v))
    }
}

impl Write for Length {
    fn write<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        // the shortest digits that read back as the same f32
        s.serialize_str(&format!("{v}pt"))
    }
}

impl Write for Points {
    fn write<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        // 9.5 as the f32 reads it, not its f64 widening 9.5000000001
        s.serialize_f64(v.to_string().parse().unwrap_or(f64::from(*v)))
    }
}

impl<R: Record + Serialize> Write for Table<R> {
    fn write<S: Serializer>(v: &R, s: S) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
}

impl<R: Record + Serialize> Write for Tables<R> {
    fn write<S: Serializer>(v: &Vec<R>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v)
    }
}
