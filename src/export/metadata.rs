//! Document metadata: the info dictionary (title, author, subject, keywords,
//! creator, dates only when asked for) and a trailer `/ID` derived from the bytes.

use printpdf::PdfDocument;

use crate::layout::frame::Document;
use crate::text::chars::for_shaping as visible;

/// Fill in the info dictionary from the document's metadata.
pub(super) fn set_metadata(pdf: &mut PdfDocument, doc: &Document) {
    let m = &doc.metadata;
    let info = &mut pdf.metadata.info;
    // the invisible characters the pages leave out are left out here too
    info.document_title = visible(&m.title).into_owned();
    info.author = visible(&m.author).into_owned();
    info.subject = visible(&m.subject).into_owned();
    info.keywords = m.keywords.iter().map(|k| visible(k).into_owned()).collect();
    info.creator = format!("folio {}", env!("CARGO_PKG_VERSION"));
    info.producer = format!("folio {} (printpdf)", env!("CARGO_PKG_VERSION"));
    if let Some((y, mo, d, h, mi, s)) = m.created {
        let date = printpdf::OffsetDateTime::new_in_offset(
            printpdf::Date {
                year: y,
                month: mo,
                day: d,
            },
            printpdf::Time {
                hour: h,
                minute: mi,
                second: s,
                millisecond: 0,
            },
            printpdf::Offset {
                hours: 0,
                minutes: 0,
                seconds: 0,
                milliseconds: 0,
            },
        );
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
}

/// Remove the dates printpdf writes when the document asks for none.
pub(super) fn strip_dates(lo: &mut lopdf::Document, doc: &Document) {
    use lopdf::Object;
    // no wall-clock or epoch dates unless asked for
    if doc.metadata.created.is_none() {
        if let Ok(Object::Reference(info_id)) = lo.trailer.get(b"Info").cloned() {
            if let Ok(Object::Dictionary(info)) = lo.get_object_mut(info_id) {
                info.remove(b"CreationDate");
                info.remove(b"ModDate");
            }
        }
    }
}

/// Set a placeholder trailer `/ID`, for [`patch_id`] to fill in from the finished bytes.
pub(super) fn set_id_placeholder(lo: &mut lopdf::Document) {
    use lopdf::Object;
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
}

/// Sixteen bytes whose hex form cannot otherwise occur in the file (every other
/// string is short text, every stream is compressed): replaced by the real id.
const ID_PLACEHOLDER: &[u8; 16] = b"folio:ID:pending";

/// Set the trailer `/ID` to a hash of the document (the same content always gives
/// the same id), patching the placeholder in place: same length, same offsets.
pub(super) fn patch_id(bytes: &mut [u8]) {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>().into_bytes();
    let needle = hex(ID_PLACEHOLDER);
    let id = hex(&fnv128(bytes));
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(needle.len()).position(|w| w == needle.as_slice()) {
        bytes[at + i..at + i + needle.len()].copy_from_slice(&id);
        at += i + needle.len();
    }
}

/// A 128-bit FNV-1a hash: a stable document id from the content.
fn fnv128(bytes: &[u8]) -> Vec<u8> {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for &b in bytes {
        h ^= b as u128;
        h = h.wrapping_mul(0x0000000001000000000000000000013B);
    }
    h.to_be_bytes().to_vec()
}
