//! PDF export: the only module that knows printpdf.
//!
//! Walks the laid-out [`Document`] once and returns the PDF bytes. printpdf
//! writes the document (catalog, page tree, pages with their link annotations,
//! info dictionary); folio writes what printpdf would build an object per glyph
//! for: each page's content stream, as bytes (`content`, `draw`, `text`),
//! and the fonts (`fonts`: subsets with `/W`, `/CIDToGIDMap` and ToUnicode). One
//! file per concern besides: `textmap` decides the text layer (the code of every
//! glyph drawn, the text it stands for, where an `/ActualText` is needed),
//! `geometry` flips the y axis in one place, `images` embeds photos as JPEG,
//! `outline` writes the bookmarks, `metadata` the info dictionary and the
//! `/ID`, `deflate` compresses every stream, `writer` writes the file (printpdf's
//! objects, and the structure tree already as bytes).
//!
//! Output is deterministic: resource names are fixed per face, there is no
//! wall-clock date, and the trailer `/ID` is a hash of the content.

mod cmap;
mod content;
mod deflate;
mod draw;
mod fonts;
mod geometry;
mod images;
mod metadata;
mod outline;
mod tags;
mod text;
mod textmap;
mod writer;

use lopdf::{Object, ObjectId};
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

use crate::layout::frame::Document;
pub use fonts::Programs;
use geometry::Flip;
use textmap::TextLayer;

/// Turn a laid-out document into PDF bytes.
pub fn to_pdf(doc: &Document) -> Vec<u8> {
    to_pdf_with(doc, &Programs::new())
}

/// [`to_pdf`], taking font programs already made from `programs` (and adding
/// the ones it makes): the PDFs of one build share them.
pub fn to_pdf_with(doc: &Document, programs: &Programs) -> Vec<u8> {
    let flip = Flip { height: doc.height };
    let layer = TextLayer::new(doc);
    let images = images::prepare(doc);

    // printpdf writes the document around the pages' content
    let mm = |pt: f32| printpdf::Mm(pt * 25.4 / 72.0);
    let mut pdf = PdfDocument::new(&doc.metadata.title);
    for _ in &doc.pages {
        pdf.pages.push(PdfPage::new(mm(doc.width), mm(doc.height), Vec::new()));
    }
    metadata::set_metadata(&mut pdf, doc);
    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    drop(pdf);

    let fonts = fonts::subsets(&layer, doc.pages.len() >= fonts::ONE_BYTE_FROM_PAGES);
    let cx = draw::Context {
        fonts: &fonts,
        layer: &layer,
        fragments: text::Fragments::new(layer.run_count()),
        flip,
    };
    // the font programs are subset and compressed on the pool while the pages
    // are drawn: a long document's, and a short one's when the pool is running
    // (when both PDFs of a build are made on it, the core the résumé no longer
    // needs takes the portfolio's fonts); a lone short one's would start the
    // pool for nothing
    let parallel = doc.pages.len() >= PARALLEL_PAGES || rayon::current_thread_index().is_some();
    let font_programs = || fonts::programs(&layer, &fonts, programs, parallel);
    let ((streams, tree), font_programs) = if parallel {
        rayon::join(|| page_streams(doc, &cx), font_programs)
    } else {
        (page_streams(doc, &cx), font_programs())
    };
    let font_resources = fonts::embed(&mut lo, &layer, &fonts, &font_programs);
    let image_resources = images::embed(&mut lo, &images);
    drop(images);
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    set_resources(&mut lo, pages.first().copied(), font_resources, image_resources);
    for (id, stream) in pages.iter().zip(streams) {
        if let Ok(Object::Reference(contents)) = lo.get_dictionary(*id).and_then(|d| d.get(b"Contents")).cloned() {
            lo.objects.insert(contents, Object::Stream(stream));
        }
    }
    let mut raw = writer::Raw::default();
    tree.write(&mut lo, &mut raw, &pages);
    // what only the pages' content needed goes before the file is written
    drop(tree);
    drop(fonts);
    drop(layer);
    finish(&mut lo, doc, &pages);
    let mut bytes = writer::save(&mut lo, raw);
    metadata::patch_id(&mut bytes);
    bytes
}

/// Pages from which a document's per-page work (its content streams, its text
/// layer's runs, its structure tree's parts) is done on every core.
const PARALLEL_PAGES: usize = 8;

/// Pages written as one job of the pool, at most.
const PAGES_PER_JOB: usize = 4;

/// Each page's content stream, compressed, and the document's structure tree.
/// A page's part of the tree (what each of its items is) is decided just before
/// it is drawn, from the elements open where it starts; a page's operators go
/// into a buffer reused from page to page and only the compressed stream is
/// kept, so memory grows with a page, not with the document; a long document's
/// pages are written on every core.
fn page_streams(doc: &Document, cx: &draw::Context) -> (Vec<lopdf::Stream>, tags::Tree) {
    use rayon::prelude::*;
    struct Buffers {
        content: Vec<u8>,
        packed: Vec<u8>,
    }
    let starts = tags::open_at_starts(doc);
    let one = |b: &mut Buffers, (p, page): (usize, &crate::layout::frame::Page)| {
        let mut part = tags::PageTree::new(doc, cx.layer, p, &starts[p]);
        let ids = draw::Ids { roles: part.roles() };
        b.content = draw::page_content(p, page, &part.markings, &ids, cx, std::mem::take(&mut b.content));
        part.markings = Vec::new();
        deflate::deflate_into(&b.content, &mut b.packed);
        let stream = if b.packed.len() + 19 < b.content.len() {
            lopdf::Stream::new(lopdf::dictionary! { "Filter" => "FlateDecode" }, b.packed.clone())
        } else {
            lopdf::Stream::new(lopdf::Dictionary::new(), b.content.clone())
        };
        (stream.with_compression(false), part)
    };
    let buffers = || Buffers {
        content: Vec::new(),
        packed: Vec::new(),
    };
    let (streams, parts): (Vec<_>, Vec<_>) = if doc.pages.len() >= PARALLEL_PAGES {
        // (a few pages per job: rayon otherwise leaves one core with a long run of
        // pages at the end, while the other has nothing left to take)
        doc.pages
            .par_iter()
            .enumerate()
            .with_max_len(PAGES_PER_JOB)
            .map_init(buffers, one)
            .unzip()
    } else {
        let mut b = buffers();
        doc.pages.iter().enumerate().map(|page| one(&mut b, page)).unzip()
    };
    (streams, tags::Tree::merge(parts))
}

/// Fill the font and XObject dictionaries every page's resources point to
/// (printpdf makes one of each for the document).
fn set_resources(
    lo: &mut lopdf::Document,
    page: Option<ObjectId>,
    fonts: Vec<(String, ObjectId)>,
    images: Vec<(String, ObjectId)>,
) {
    let Some(page) = page else { return };
    let reference = |lo: &lopdf::Document, id: ObjectId, key: &[u8]| -> Option<ObjectId> {
        match lo.get_dictionary(id).ok()?.get(key).ok()? {
            Object::Reference(r) => Some(*r),
            _ => None,
        }
    };
    let Some(resources) = reference(lo, page, b"Resources") else {
        return;
    };
    for (key, entries) in [(b"Font".as_slice(), fonts), (b"XObject".as_slice(), images)] {
        if let Some(dict) = reference(lo, resources, key) {
            if let Ok(d) = lo.get_dictionary_mut(dict) {
                for (name, id) in entries {
                    d.set(name, id);
                }
            }
        }
    }
}

/// Fix-ups printpdf cannot express: no fake dates, the outline shown on open,
/// exact page sizes, a placeholder `/ID` (filled in from the finished bytes).
fn finish(lo: &mut lopdf::Document, doc: &Document, pages: &[ObjectId]) {
    metadata::strip_dates(lo, doc);
    metadata::archival(lo, doc);
    outline::write(lo, doc);
    // printpdf takes page sizes in millimetres; write the exact points back
    for &id in pages {
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
    metadata::set_id_placeholder(lo);
}
