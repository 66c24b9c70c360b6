//! The file itself: every object of the lopdf document, and the objects folio
//! wrote as bytes of its own ([`Raw`]: the structure tree's thousands of small
//! dictionaries), in object-number order, then the cross-reference table and
//! the trailer. The syntax is lopdf's own (`Document::save_to` writes the same
//! bytes for the same objects), without its per-object formatting machinery:
//! one buffer sized up front, integers through `itoa`, names escaped through a
//! table.

use std::io::Write as _;

use lopdf::{Dictionary, Object, StringFormat};

/// Objects written as bytes, by object number: each one's body, what goes
/// between `N 0 obj` and `endobj`.
#[derive(Default)]
pub(super) struct Raw {
    objects: Vec<(u32, Vec<u8>)>,
}

impl Raw {
    /// Add object `id`'s body (a dictionary or array, so no separator is needed
    /// around it).
    pub(super) fn insert(&mut self, id: lopdf::ObjectId, body: Vec<u8>) {
        self.objects.push((id.0, body));
    }
}

/// The PDF file of `lo` and `raw` (whose numbers `lo` handed out, so that
/// `lo.max_id` counts them). `lo`'s objects are taken, each dropped once
/// written: the file and the objects are never both held whole.
pub(super) fn save(lo: &mut lopdf::Document, mut raw: Raw) -> Vec<u8> {
    raw.objects.sort_unstable_by_key(|(id, _)| *id);
    let size = lo.max_id as usize + 1;
    let streams: usize = lo
        .objects
        .values()
        .map(|o| match o {
            Object::Stream(s) => s.content.len(),
            _ => 0,
        })
        .sum();
    let bodies: usize = raw.objects.iter().map(|(_, b)| b.len()).sum();
    let mut out = Vec::with_capacity(streams + bodies + 160 * lo.objects.len() + 24 * size + 1024);
    out.extend_from_slice(b"%PDF-");
    out.extend_from_slice(lo.version.as_bytes());
    out.push(b'\n');
    out.push(b'%');
    out.extend_from_slice(&lo.binary_mark);
    out.push(b'\n');

    let mut offsets: Vec<Option<usize>> = vec![None; size];
    let mut raws = raw.objects.into_iter().peekable();
    for ((id, generation), object) in std::mem::take(&mut lo.objects) {
        while let Some((r, body)) = raws.next_if(|(r, _)| *r < id) {
            offsets[r as usize] = Some(out.len());
            indirect_raw(&mut out, r, &body);
        }
        offsets[id as usize] = Some(out.len());
        int(&mut out, id.into());
        out.push(b' ');
        int(&mut out, generation.into());
        out.extend_from_slice(b" obj\n");
        if needs_separator(&object) {
            out.push(b' ');
        }
        write_object(&mut out, &object);
        if needs_end_separator(&object) {
            out.push(b' ');
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    for (r, body) in raws {
        offsets[r as usize] = Some(out.len());
        indirect_raw(&mut out, r, &body);
    }

    let xref_start = out.len();
    xref(&mut out, &offsets);
    lo.trailer.set("Size", size as i64);
    out.extend_from_slice(b"trailer\n");
    dictionary(&mut out, &lo.trailer);
    out.extend_from_slice(b"\nstartxref\n");
    int(&mut out, xref_start as i64);
    out.extend_from_slice(b"\n%%EOF");
    out
}

fn indirect_raw(out: &mut Vec<u8>, id: u32, body: &[u8]) {
    int(out, id.into());
    out.extend_from_slice(b" 0 obj\n");
    out.extend_from_slice(body);
    out.extend_from_slice(b"\nendobj\n");
}

/// The cross-reference table: a section per run of consecutive object numbers
/// (object 0, the head of the free list, starts the first).
fn xref(out: &mut Vec<u8>, offsets: &[Option<usize>]) {
    out.extend_from_slice(b"xref\n");
    let mut id = 0;
    while id < offsets.len() {
        let start = id;
        let mut end = id + 1;
        while end < offsets.len() && offsets[end].is_some() {
            end += 1;
        }
        int(out, start as i64);
        out.push(b' ');
        int(out, (end - start) as i64);
        out.push(b'\n');
        for offset in &offsets[start..end] {
            match offset {
                Some(at) => {
                    let mut digits = [b'0'; 10];
                    let mut v = *at;
                    for d in digits.iter_mut().rev() {
                        *d = b'0' + (v % 10) as u8;
                        v /= 10;
                    }
                    out.extend_from_slice(&digits);
                    out.extend_from_slice(b" 00000 n \n");
                }
                None => out.extend_from_slice(b"0000000000 65535 f \n"),
            }
        }
        id = end;
        while id < offsets.len() && offsets[id].is_none() {
            id += 1;
        }
    }
}

fn needs_separator(o: &Object) -> bool {
    matches!(
        o,
        Object::Null | Object::Boolean(_) | Object::Integer(_) | Object::Real(_) | Object::Reference(_)
    )
}

fn needs_end_separator(o: &Object) -> bool {
    matches!(
        o,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Name(_)
            | Object::Reference(_)
            | Object::Stream(_)
    )
}

pub(super) fn int(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// `id 0 R`.
pub(super) fn reference(out: &mut Vec<u8>, id: lopdf::ObjectId) {
    int(out, id.0.into());
    out.push(b' ');
    int(out, id.1.into());
    out.extend_from_slice(b" R");
}

fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(v) => int(out, *v),
        Object::Real(v) => real(out, *v),
        Object::Name(n) => name(out, n),
        Object::String(s, format) => string(out, s, *format),
        Object::Array(a) => {
            out.push(b'[');
            for (i, o) in a.iter().enumerate() {
                if i > 0 && needs_separator(o) {
                    out.push(b' ');
                }
                write_object(out, o);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => dictionary(out, d),
        Object::Stream(s) => {
            dictionary(out, &s.dict);
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference(id) => reference(out, *id),
    }
}

/// A real as lopdf writes one (the shortest decimal that reads back the same).
pub(super) fn real(out: &mut Vec<u8>, v: f32) {
    let _ = write!(out, "{v}");
}

fn dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in d {
        name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// Whether a byte of a name is written as `#XX`: white space, delimiters, `#`
/// and anything outside `!`..`~`.
const fn escaped_in_name() -> [bool; 256] {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b < 33 || b > 126;
        b += 1;
    }
    let special = b" \t\n\r\x0C()<>[]{}/%#";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
}

const NAME_ESCAPED: [bool; 256] = escaped_in_name();

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// `/Name`, escaped as the PDF syntax wants.
pub(super) fn name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    if !n.iter().any(|&b| NAME_ESCAPED[b as usize]) {
        out.extend_from_slice(n);
        return;
    }
    for &b in n {
        if NAME_ESCAPED[b as usize] {
            out.extend_from_slice(&[b'#', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
        } else {
            out.push(b);
        }
    }
}

/// A string object: literal, with `\`, `\r` and unbalanced parentheses escaped
/// (as lopdf does), or hexadecimal.
pub(super) fn string(out: &mut Vec<u8>, s: &[u8], format: StringFormat) {
    match format {
        StringFormat::Literal => {
            let plain = !s.iter().any(|&b| matches!(b, b'(' | b')' | b'\\' | b'\r'));
            if plain {
                out.push(b'(');
                out.extend_from_slice(s);
                out.push(b')');
                return;
            }
            // the bytes to escape: backslashes, CRs, and parentheses without a partner
            let mut escape = vec![false; s.len()];
            let mut open = Vec::new();
            for (i, &b) in s.iter().enumerate() {
                match b {
                    b'(' => open.push(i),
                    b')' if open.pop().is_none() => escape[i] = true,
                    b'\\' | b'\r' => escape[i] = true,
                    _ => {}
                }
            }
            for i in open {
                escape[i] = true;
            }
            out.push(b'(');
            for (&b, &e) in s.iter().zip(&escape) {
                if e {
                    out.push(b'\\');
                    out.push(if b == b'\r' { b'r' } else { b });
                } else {
                    out.push(b);
                }
            }
            out.push(b')');
        }
        StringFormat::Hexadecimal => {
            out.push(b'<');
            for &b in s {
                out.extend_from_slice(&[HEX[(b >> 4) as usize], HEX[(b & 15) as usize]]);
            }
            out.push(b'>');
        }
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{dictionary, Document, Object, Stream, StringFormat};

    /// A document as printpdf makes them: a cross-reference table.
    fn document() -> Document {
        let mut lo = Document::with_version("1.7");
        lo.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        lo
    }

    /// The same objects give lopdf's own bytes.
    #[test]
    fn writes_what_lopdf_writes() {
        let mut lo = document();
        let pages = lo.new_object_id();
        let font = lo.add_object(dictionary! { "Type" => "Font", "Name" => Object::Name(b"A B#(x)".to_vec()) });
        lo.add_object(Object::Integer(-42));
        lo.add_object(Object::Real(0.1));
        lo.add_object(Object::Null);
        lo.add_object(Object::Boolean(true));
        lo.add_object(Object::Array(vec![
            1.into(),
            Object::Real(2.5),
            font.into(),
            Object::String(b"a(b)c)d\\e\r(f".to_vec(), StringFormat::Literal),
            Object::String(b"plain".to_vec(), StringFormat::Literal),
            Object::String(vec![0, 0x7f, 0xff], StringFormat::Hexadecimal),
            Object::Name(b"N".to_vec()),
            Object::Array(vec![]),
        ]));
        lo.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            b"x\ny\0z".to_vec(),
        ));
        lo.objects.insert(
            pages,
            dictionary! { "Type" => "Pages", "Kids" => vec![font.into()] }.into(),
        );
        // a gap in the numbers: its own xref section
        lo.max_id += 2;
        lo.add_object(Object::Name(b"Last".to_vec()));
        lo.trailer.set("Root", pages);
        let mut expected = Vec::new();
        lo.clone().save_to(&mut expected).unwrap();
        assert_eq!(super::save(&mut lo, super::Raw::default()), expected);
    }

    #[test]
    fn raw_objects_go_in_number_order() {
        let mut lo = document();
        let a = lo.new_object_id();
        let b = lo.add_object(Object::Integer(1));
        let c = lo.new_object_id();
        let mut raw = super::Raw::default();
        raw.insert(c, b"<</C 3>>".to_vec());
        raw.insert(a, b"<</A 1>>".to_vec());
        let mut twin = lo.clone();
        twin.objects.insert(a, dictionary! { "A" => 1 }.into());
        twin.objects.insert(c, dictionary! { "C" => 3 }.into());
        let mut expected = Vec::new();
        twin.save_to(&mut expected).unwrap();
        assert_eq!(super::save(&mut lo, raw), expected);
        assert!(b.0 > a.0);
    }
}
