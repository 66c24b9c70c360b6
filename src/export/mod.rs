//! PDF export: the only module that knows printpdf.
//!
//! Walks the laid-out [`Document`] once and returns the PDF bytes. One file per
//! concern: `draw` turns each page's items into operators, `geometry` flips
//! the y axis in one place, `text` writes shaped runs, `fonts` subsets the faces (so
//! the glyph ids the shaper produced are renumbered on the way out, and
//! ToUnicode maps come from the shaped clusters), `images` embeds photos as
//! JPEG, `outline` writes the bookmarks and `metadata` the info dictionary
//! and the `/ID`; `textmap` decides the text layer: the code of every glyph drawn
//! and the text it stands for.
//!
//! Output is deterministic: resource names are fixed per face, there is no
//! wall-clock date, and the trailer `/ID` is a hash of the content.

mod draw;
mod fonts;
mod geometry;
mod images;
mod metadata;
mod outline;
mod text;
pub mod textmap;

use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use crate::layout::frame::Document;
use fonts::SubsetFonts;
use geometry::Flip;
use images::Prepared;

/// Turn a laid-out document into PDF bytes.
pub fn to_pdf(doc: &Document) -> Vec<u8> {
    let fonts = SubsetFonts::new(doc);
    let flip = Flip { height: doc.height };
    let mut pdf = PdfDocument::new(&doc.metadata.title);
    fonts.register(&mut pdf);
    let images = images::prepare(doc);
    images::register(&mut pdf, &images);

    let mm = |pt: f32| printpdf::Mm(pt * 25.4 / 72.0);
    for page in &doc.pages {
        let ops = draw::page_ops(page, &fonts, &images, flip);
        pdf.pages.push(PdfPage::new(mm(doc.width), mm(doc.height), ops));
    }

    metadata::set_metadata(&mut pdf, doc);

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: Some(printpdf::ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(printpdf::ImageCompression::Flate),
        }),
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    drop(pdf);
    finish(&mut lo, doc, &fonts, &images);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).expect("writing a PDF to memory cannot fail");
    metadata::patch_id(&mut bytes);
    bytes
}

/// Fix-ups printpdf cannot express: JPEG images, subset tags on font names, no
/// fake dates, the outline shown on open, exact page sizes, compressed streams
/// and a placeholder `/ID` (filled in from the finished bytes).
fn finish(lo: &mut lopdf::Document, doc: &Document, fonts: &SubsetFonts, images: &[Prepared]) {
    use lopdf::Object;
    images::use_jpeg(lo, images);
    fonts.tag_names(lo);
    fonts.fix_dicts(lo);
    metadata::strip_dates(lo, doc);
    outline::write(lo, doc);
    // printpdf takes page sizes in millimetres; write the exact points back
    let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    for id in pages {
        if let Ok(page) = lo.get_dictionary_mut(id) {
            let size = vec![0.into(), 0.into(), Object::Real(doc.width), Object::Real(doc.height)];
            page.set("MediaBox", size.clone());
            for key in [
                b"CropBox".as_slice(),
                b"TrimBox".as_slice(),
                b"BleedBox".as_slice(),
                b"ArtBox".as_slice(),
            ] {
                if page.has(key) {
                    page.set(key, size.clone());
                }
            }
        }
    }
    compress_streams(lo);
    metadata::set_id_placeholder(lo);
}

/// Deflate every stream that has no filter yet, at the default level (lopdf's own
/// `compress` uses the best level: a third of the build time for 1% smaller files).
fn compress_streams(lo: &mut lopdf::Document) {
    use rayon::prelude::*;
    use std::io::Write;
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if !s.dict.has(b"Filter") && s.allows_compression => Some(s),
            _ => None,
        })
        .collect();
    let deflate = |stream: &mut &mut lopdf::Stream| {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&stream.content).expect("deflating in memory cannot fail");
        let packed = enc.finish().expect("deflating in memory cannot fail");
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    };
    // streams are independent: a long document deflates them on every core (a
    // short one is done before a thread pool would have started)
    let total: usize = streams.iter().map(|s| s.content.len()).sum();
    if total > 1 << 20 {
        streams.par_iter_mut().for_each(deflate);
    } else {
        streams.iter_mut().for_each(deflate);
    }
}
