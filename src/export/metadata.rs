//! Document metadata: the info dictionary (title, author, subject, keywords,
//! creator, dates only when asked for), the same again as XMP with the PDF/A-2a
//! and PDF/UA-1 identification, the catalog entries both standards ask for
//! (`/Lang`, `/ViewerPreferences`, the sRGB output intent), and a trailer `/ID`
//! derived from the bytes.

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

/// The sRGB profile of the output intent (littleCMS's built-in one: see
/// `icc/README.md` for where it comes from and its licence).
const SRGB_ICC: &[u8] = include_bytes!("icc/srgb.icc");

/// What PDF/A-2a and PDF/UA-1 ask of the catalog and the info dictionary, with
/// the info dictionary final (dates already stripped or set): its entries that
/// claim nothing true go (printpdf's empty `/GTS_PDFXVersion` reads as a PDF/X
/// claim), the XMP packet repeats what is left, and the header says 1.7.
pub(super) fn archival(lo: &mut lopdf::Document, doc: &Document) {
    use lopdf::{dictionary, Object, Stream};
    let mut info = Vec::new();
    if let Ok(Object::Reference(info_id)) = lo.trailer.get(b"Info").cloned() {
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(info_id) {
            for key in [b"GTS_PDFXVersion".as_slice(), b"Identifier", b"Trapped"] {
                d.remove(key);
            }
            for (k, v) in d.iter() {
                if let Object::String(bytes, _) = v {
                    info.push((String::from_utf8_lossy(k).into_owned(), decode_text(bytes)));
                }
            }
        }
    }
    let xmp = xmp(&info);
    let mut stream = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    );
    // (the packet stays unfiltered, readable by any XMP reader)
    stream.allows_compression = false;
    let metadata = lo.add_object(stream);
    let mut packed = Vec::new();
    super::deflate::deflate_into(SRGB_ICC, &mut packed);
    let icc = Stream::new(dictionary! { "N" => 3, "Filter" => "FlateDecode" }, packed).with_compression(false);
    let icc = lo.add_object(icc);
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "Info" => Object::string_literal("sRGB"),
        "DestOutputProfile" => icc,
    };
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Lang", super::tags::text_string(&doc.metadata.lang));
        catalog.set("ViewerPreferences", dictionary! { "DisplayDocTitle" => true });
        catalog.set("Metadata", metadata);
        catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    }
    lo.version = "1.7".to_string();
}

/// A PDF text string's text: UTF-16BE after its byte-order mark, else
/// PDFDocEncoding (ASCII and Latin-1 as far as folio writes it).
fn decode_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// `D:YYYYMMDDHHmmSS+HH'mm'` as XMP writes a date: `YYYY-MM-DDTHH:mm:SS+HH:mm`.
fn xmp_date(pdf: &str) -> Option<String> {
    let d = pdf.strip_prefix("D:")?;
    let digits = |r: std::ops::Range<usize>| d.get(r).filter(|s| s.bytes().all(|b| b.is_ascii_digit()));
    let (y, mo, da, h, mi, s) = (
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(8..10)?,
        digits(10..12)?,
        digits(12..14)?,
    );
    let zone = match d.get(14..) {
        Some("Z") | None | Some("") => "Z".to_string(),
        Some(z) => {
            let z = z.replace('\'', "");
            format!("{}:{}", z.get(0..3)?, z.get(3..5)?)
        }
    };
    Some(format!("{y}-{mo}-{da}T{h}:{mi}:{s}{zone}"))
}

/// `s` with XML's special characters escaped.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The XMP packet: the info dictionary's entries (`info`, decoded) in their
/// XMP properties, the PDF/A-2a and PDF/UA-1 identification, and the extension
/// schema that PDF/A asks for the `pdfuaid` namespace.
fn xmp(info: &[(String, String)]) -> String {
    let get = |k: &str| info.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    let mut props = String::new();
    let mut prop = |s: String| {
        props.push_str("   ");
        props.push_str(&s);
        props.push('\n');
    };
    if let Some(t) = get("Title") {
        prop(format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            xml(t)
        ));
    }
    if let Some(a) = get("Author") {
        prop(format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            xml(a)
        ));
    }
    if let Some(s) = get("Subject") {
        prop(format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            xml(s)
        ));
    }
    if let Some(k) = get("Keywords") {
        prop(format!("<pdf:Keywords>{}</pdf:Keywords>", xml(k)));
    }
    if let Some(p) = get("Producer") {
        prop(format!("<pdf:Producer>{}</pdf:Producer>", xml(p)));
    }
    if let Some(c) = get("Creator") {
        prop(format!("<xmp:CreatorTool>{}</xmp:CreatorTool>", xml(c)));
    }
    if let Some(d) = get("CreationDate").and_then(xmp_date) {
        prop(format!("<xmp:CreateDate>{d}</xmp:CreateDate>"));
    }
    if let Some(d) = get("ModDate").and_then(xmp_date) {
        prop(format!("<xmp:ModifyDate>{d}</xmp:ModifyDate>"));
        prop(format!("<xmp:MetadataDate>{d}</xmp:MetadataDate>"));
    }
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" \
xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" \
xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" \
xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n\
{props}\
   <pdfaid:part>2</pdfaid:part>\n\
   <pdfaid:conformance>A</pdfaid:conformance>\n\
   <pdfuaid:part>1</pdfuaid:part>\n\
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\
<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\n\
  </rdf:Description>\n\
 </rdf:RDF>\n\
</x:xmpmeta>\n\
<?xpacket end=\"r\"?>"
    )
}
