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
    let id = hex(&content_hash(bytes));
    // the trailer is the last thing written: look for the placeholder there
    let tail = bytes.len().saturating_sub(1024);
    let mut at = tail;
    while let Some(i) = bytes[at..].windows(needle.len()).position(|w| w == needle.as_slice()) {
        bytes[at + i..at + i + needle.len()].copy_from_slice(&id);
        at += i + needle.len();
    }
}

/// A stable 128-bit document id from the content: two independent 64-bit
/// multiply-and-rotate lanes over 8-byte words (a tenth of the cost of a
/// byte-at-a-time hash; an id needs no cryptographic strength).
fn content_hash(bytes: &[u8]) -> Vec<u8> {
    const K: [u64; 2] = [0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F];
    let mut h = [0x6c62_272e_07bb_0142u64, 0x62b8_2175_6295_c58d];
    let mix = |h: &mut [u64; 2], w: u64| {
        h[0] = (h[0] ^ w).wrapping_mul(K[0]).rotate_left(29);
        h[1] = (h[1] ^ w.rotate_left(32)).wrapping_mul(K[1]).rotate_left(31);
    };
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        mix(&mut h, u64::from_le_bytes(w.try_into().expect("8 bytes")));
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    mix(&mut h, u64::from_le_bytes(last) ^ ((bytes.len() as u64) << 56));
    // final avalanche of each lane
    let fin = |mut x: u64| {
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    };
    let (a, b) = (fin(h[0] ^ h[1].rotate_left(17)), fin(h[1] ^ h[0]));
    [a.to_be_bytes(), b.to_be_bytes()].concat()
}
