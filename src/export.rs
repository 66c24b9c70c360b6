//! PDF export: the only module that knows printpdf.
//!
//! Walks the laid-out [`Document`] once, flips the y axis in one place
//! ([`Flip`]), and returns the PDF bytes. Fonts are subset here with typst's
//! `subsetter` (printpdf only subsets with its heavy `text_layout` feature), so
//! the glyph ids the shaper produced are renumbered on the way out; ToUnicode
//! maps come from the shaped clusters, and Devanagari runs carry an
//! `/ActualText` so conjuncts extract as the characters that were written.
//!
//! Output is deterministic: resource names are fixed per face, there is no
//! wall-clock date, and the trailer `/ID` is a hash of the content.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, DictItem, FontId, LinePoint, LinkAnnotation, Op, PaintMode,
    ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt,
    RawImage, RawImageData, RawImageFormat, TextMatrix, WindingOrder, XObject, XObjectId, XObjectTransform,
};

use crate::fonts::FontFace;
use crate::layout::frame::{Color, Document, Item, Rect, TextItem};

/// Turn a laid-out document into PDF bytes.
pub fn to_pdf(doc: &Document) -> Vec<u8> {
    let fonts = SubsetFonts::new(doc);
    let flip = Flip { height: doc.height };
    let mut pdf = PdfDocument::new(&doc.metadata.title);

    for (face, subset) in &fonts.faces {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings).expect("subset font parses");
        pdf.resources
            .fonts
            .map
            .insert(FontId(face.tag().to_string()), PdfFont::new(parsed));
    }
    let images = prepare_images(doc);
    for (i, img) in images.iter().enumerate() {
        let raw = RawImage {
            pixels: RawImageData::U8(img.rgb.clone()),
            width: img.width as usize,
            height: img.height as usize,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        };
        pdf.resources.xobjects.map.insert(image_id(i), XObject::Image(raw));
    }

    let mm = |pt: f32| printpdf::Mm(pt * 25.4 / 72.0);
    for page in &doc.pages {
        let mut ops = Vec::with_capacity(page.items.len() * 4);
        let mut state = TextState::default();
        for item in &page.items {
            if !matches!(item, Item::Text(_)) {
                state.end_text(&mut ops);
            }
            match item {
                Item::Text(t) => text_ops(&mut ops, &mut state, t, &fonts, flip),
                Item::Rect { rect, fill, radius } => {
                    state.fill(&mut ops, *fill);
                    ops.push(Op::DrawPolygon {
                        polygon: rounded_rect(flip.rect(*rect), *radius, PaintMode::Fill),
                    });
                }
                Item::Line {
                    from,
                    to,
                    width,
                    color: c,
                } => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor { col: color(*c) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![flip.point(from.0, from.1), flip.point(to.0, to.1)]
                                .into_iter()
                                .map(|p| LinePoint { p, bezier: false })
                                .collect(),
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Image { rect, image, radius } => {
                    let r = flip.rect(*rect);
                    let img = &images[*image];
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::DrawPolygon {
                        polygon: rounded_rect(r, *radius, PaintMode::Clip),
                    });
                    ops.push(Op::UseXobject {
                        id: image_id(*image),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(r.x)),
                            translate_y: Some(Pt(r.y)),
                            scale_x: Some(r.w / img.width as f32),
                            scale_y: Some(r.h / img.height as f32),
                            dpi: Some(72.0),
                            ..Default::default()
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Link { rect, url } => {
                    let r = flip.rect(*rect);
                    ops.push(Op::LinkAnnotation {
                        link: LinkAnnotation::new(
                            printpdf::Rect {
                                x: Pt(r.x),
                                y: Pt(r.y),
                                width: Pt(r.w),
                                height: Pt(r.h),
                                mode: None,
                                winding_order: None,
                            },
                            Actions::Uri(url.clone()),
                            Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                            Some(ColorArray::Transparent),
                            None,
                        ),
                    });
                }
            }
        }
        state.end_text(&mut ops);
        pdf.pages.push(PdfPage::new(mm(doc.width), mm(doc.height), ops));
    }

    set_metadata(&mut pdf, doc);

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
    patch_id(&mut bytes);
    bytes
}

/// An image as it goes into the PDF: cropped to the shape it is shown in and
/// resampled to 300 dpi at its largest size on the page.
struct Prepared {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
    jpeg: Vec<u8>,
}

const IMAGE_DPI: f32 = 300.0;

fn prepare_images(doc: &Document) -> Vec<Prepared> {
    doc.images
        .iter()
        .enumerate()
        .map(|(i, img)| {
            // the largest rectangle this image is drawn into
            let rect = doc
                .pages
                .iter()
                .flat_map(|p| &p.items)
                .filter_map(|item| match item {
                    Item::Image { rect, image, .. } if *image == i => Some(*rect),
                    _ => None,
                })
                .fold(None, |acc: Option<Rect>, r| match acc {
                    Some(a) if a.w * a.h >= r.w * r.h => Some(a),
                    _ => Some(r),
                });
            let src = image::RgbImage::from_raw(img.width, img.height, img.rgb.clone()).expect("rgb image of its size");
            let Some(rect) = rect else { return encode(src) };
            // crop to the rectangle's aspect ratio, centred
            let aspect = rect.w / rect.h;
            let (w, h) = (img.width as f32, img.height as f32);
            let (cw, ch) = if w / h > aspect {
                ((h * aspect).round(), h)
            } else {
                (w, (w / aspect).round())
            };
            let (cw, ch) = ((cw as u32).clamp(1, img.width), (ch as u32).clamp(1, img.height));
            let cropped =
                image::imageops::crop_imm(&src, (img.width - cw) / 2, (img.height - ch) / 2, cw, ch).to_image();
            let tw = ((rect.w / 72.0 * IMAGE_DPI).ceil() as u32).clamp(1, cw);
            let th = ((rect.h / 72.0 * IMAGE_DPI).ceil() as u32).clamp(1, ch);
            let out = if (tw, th) == (cw, ch) {
                cropped
            } else {
                image::imageops::resize(&cropped, tw, th, image::imageops::FilterType::CatmullRom)
            };
            encode(out)
        })
        .collect()
}

fn encode(img: image::RgbImage) -> Prepared {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88)
        .encode_image(&img)
        .expect("encoding a JPEG in memory cannot fail");
    Prepared {
        width: img.width(),
        height: img.height(),
        rgb: img.into_raw(),
        jpeg,
    }
}

fn image_id(i: usize) -> XObjectId {
    XObjectId(format!("Im{i}"))
}

/// The one place where top-left page coordinates become PDF's bottom-left ones.
#[derive(Clone, Copy)]
struct Flip {
    height: f32,
}

impl Flip {
    fn point(self, x: f32, y: f32) -> Point {
        Point {
            x: Pt(x),
            y: Pt(self.height - y),
        }
    }

    /// A rectangle in PDF coordinates: `y` is its bottom edge.
    fn rect(self, r: Rect) -> Rect {
        Rect {
            x: r.x,
            y: self.height - r.y - r.h,
            w: r.w,
            h: r.h,
        }
    }
}

fn color(c: Color) -> printpdf::Color {
    printpdf::Color::Rgb(printpdf::Rgb {
        r: c.r,
        g: c.g,
        b: c.b,
        icc_profile: None,
    })
}

/// A rectangle (PDF coordinates) with corners rounded by `radius`, as one closed path.
fn rounded_rect(r: Rect, radius: f32, mode: PaintMode) -> Polygon {
    let rad = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    let pt = |x: f32, y: f32, bezier: bool| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier,
    };
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    let points = if rad <= 0.0 {
        vec![
            pt(x0, y0, false),
            pt(x1, y0, false),
            pt(x1, y1, false),
            pt(x0, y1, false),
        ]
    } else {
        let k = 0.552_284_8 * rad;
        vec![
            pt(x0 + rad, y0, false),
            pt(x1 - rad, y0, false),
            pt(x1 - rad + k, y0, true),
            pt(x1, y0 + rad - k, true),
            pt(x1, y0 + rad, false),
            pt(x1, y1 - rad, false),
            pt(x1, y1 - rad + k, true),
            pt(x1 - rad + k, y1, true),
            pt(x1 - rad, y1, false),
            pt(x0 + rad, y1, false),
            pt(x0 + rad - k, y1, true),
            pt(x0, y1 - rad + k, true),
            pt(x0, y1 - rad, false),
            pt(x0, y0 + rad, false),
            pt(x0, y0 + rad - k, true),
            pt(x0 + rad - k, y0, true),
            pt(x0 + rad, y0, false),
        ]
    };
    Polygon {
        rings: vec![PolygonRing { points }],
        mode,
        winding_order: WindingOrder::NonZero,
    }
}

/// What the content stream has set so far, so that operators are written only
/// when something changes.
#[derive(Default)]
struct TextState {
    in_text: bool,
    font: Option<(FontFace, f32)>,
    fill: Option<Color>,
}

impl TextState {
    fn begin_text(&mut self, ops: &mut Vec<Op>) {
        if !self.in_text {
            ops.push(Op::StartTextSection);
            self.in_text = true;
        }
    }

    fn end_text(&mut self, ops: &mut Vec<Op>) {
        if self.in_text {
            ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill(&mut self, ops: &mut Vec<Op>, c: Color) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn font(&mut self, ops: &mut Vec<Op>, face: FontFace, size: f32) {
        if self.font != Some((face, size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(face.tag().to_string())),
                size: Pt(size),
            });
            self.font = Some((face, size));
        }
    }
}

/// Ops drawing one shaped run: glyphs on the baseline go out as one `TJ` whose
/// kern numbers reproduce the shaper's advances; a glyph the shaper moved off
/// the baseline (a Devanagari mark) gets its own text matrix.
fn text_ops(ops: &mut Vec<Op>, state: &mut TextState, t: &TextItem, fonts: &SubsetFonts, flip: Flip) {
    let run = &t.run;
    if run.glyphs.is_empty() {
        return;
    }
    let subset = &fonts.faces[&run.face];
    state.begin_text(ops);
    state.font(ops, run.face, t.size);
    state.fill(ops, t.color);
    let actual = matches!(run.face, FontFace::DevanagariRegular | FontFace::DevanagariBold);
    if actual {
        ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_string(),
            properties: DictItem::Dict {
                map: BTreeMap::from([(
                    "ActualText".to_string(),
                    DictItem::String {
                        data: utf16be(&run.text),
                        literal: false,
                    },
                )]),
            },
        });
    }
    let scale = t.size / 1000.0;
    let mut pen = 0.0f32; // thousandths of an em from the run start
    let mut pending: Vec<Codepoint> = Vec::new();
    let mut pending_start: Option<(f32, f32)> = None;
    let flush = |ops: &mut Vec<Op>, pending: &mut Vec<Codepoint>, start: &mut Option<(f32, f32)>| {
        if let Some((x, y)) = start.take() {
            let p = flip.point(x, y);
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(p.x, p.y),
            });
            ops.push(Op::ShowText {
                items: vec![printpdf::TextItem::GlyphIds(std::mem::take(pending))],
            });
        }
    };
    for g in &run.glyphs {
        let new_id = subset.remap[g.id as usize];
        let width = subset.widths[g.id as usize];
        let text = subset.unicode[g.id as usize].clone();
        if g.y_offset != 0.0 || g.x_offset != 0.0 {
            // a positioned mark: draw it alone at its exact place
            flush(ops, &mut pending, &mut pending_start);
            let x = t.x + (pen + g.x_offset) * scale;
            let y = t.baseline - g.y_offset * scale;
            pending_start = Some((x, y));
            pending.push(Codepoint::with_cid(new_id, 0.0, text));
            flush(ops, &mut pending, &mut pending_start);
        } else {
            if pending_start.is_none() {
                pending_start = Some((t.x + pen * scale, t.baseline));
            }
            // TJ numbers move the pen back by n/1000 em after the glyph's /W width
            pending.push(Codepoint::with_cid(new_id, width - g.advance, text));
        }
        pen += g.advance;
    }
    flush(ops, &mut pending, &mut pending_start);
    if actual {
        ops.push(Op::EndMarkedContentWithProperties);
    }
}

fn utf16be(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        out.extend_from_slice(&u.to_be_bytes());
    }
    out
}

/// A font face cut down to the glyphs a document uses.
struct Subset {
    bytes: Vec<u8>,
    /// Indexed by original glyph id: the glyph id in the subset.
    remap: Vec<u16>,
    /// Indexed by original glyph id: the advance as printpdf writes it in `/W`
    /// (thousandths of an em, truncated).
    widths: Vec<f32>,
    /// Indexed by original glyph id: the text the glyph stands for (ToUnicode).
    unicode: Vec<String>,
}

struct SubsetFonts {
    faces: BTreeMap<FontFace, Subset>,
}

impl SubsetFonts {
    fn new(doc: &Document) -> Self {
        // glyphs per face and the text each stands for: the first cluster text seen
        // wins; a glyph seen only inside clusters maps to a zero-width space
        let mut used: BTreeMap<FontFace, Vec<Option<Option<String>>>> = BTreeMap::new();
        for page in &doc.pages {
            for item in &page.items {
                let Item::Text(t) = item else { continue };
                let slots = used
                    .entry(t.run.face)
                    .or_insert_with(|| vec![None; t.run.face.face().number_of_glyphs() as usize]);
                for g in &t.run.glyphs {
                    let slot = &mut slots[g.id as usize];
                    if !matches!(slot, Some(Some(_))) {
                        *slot = Some((!g.text.is_empty()).then(|| t.run.text[g.text.clone()].to_string()));
                    }
                }
            }
        }
        let faces = used
            .into_iter()
            .map(|(face, slots)| {
                let mut remapper = subsetter::GlyphRemapper::new();
                let mut remap = vec![0u16; slots.len()];
                let mut widths = vec![0.0f32; slots.len()];
                let mut unicode = vec![String::new(); slots.len()];
                let ttf = face.face();
                let upem = ttf.units_per_em() as f32;
                for (id, slot) in slots.into_iter().enumerate() {
                    let Some(text) = slot else { continue };
                    remap[id] = remapper.remap(id as u16);
                    let adv = ttf
                        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(id as u16))
                        .unwrap_or(0);
                    widths[id] = (adv as f32 * 1000.0 / upem).trunc();
                    unicode[id] = text.unwrap_or_else(|| "\u{200B}".to_string());
                }
                let bytes = subsetter::subset(face.bytes(), 0, &remapper).expect("bundled fonts subset");
                (
                    face,
                    Subset {
                        bytes,
                        remap,
                        widths,
                        unicode,
                    },
                )
            })
            .collect();
        SubsetFonts { faces }
    }
}

fn set_metadata(pdf: &mut PdfDocument, doc: &Document) {
    let m = &doc.metadata;
    let info = &mut pdf.metadata.info;
    info.document_title = m.title.clone();
    info.author = m.author.clone();
    info.subject = m.subject.clone();
    info.keywords = m.keywords.clone();
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

/// Fix-ups printpdf cannot express: subset tags on font names, no fake dates,
/// the outline shown on open, and a content-derived `/ID`.
fn finish(lo: &mut lopdf::Document, doc: &Document, fonts: &SubsetFonts, images: &[Prepared]) {
    use lopdf::Object;
    // images go out as JPEG: printpdf wrote the same pixels losslessly, which for
    // a photo is several times larger
    for (_, obj) in lo.objects.iter_mut() {
        let Object::Stream(stream) = obj else { continue };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Image".as_slice()) {
            continue;
        }
        let w = stream.dict.get(b"Width").and_then(Object::as_i64).unwrap_or(-1);
        let h = stream.dict.get(b"Height").and_then(Object::as_i64).unwrap_or(-1);
        if let Some(img) = images.iter().find(|i| i.width as i64 == w && i.height as i64 == h) {
            stream.dict.set("Filter", Object::Name(b"DCTDecode".to_vec()));
            stream.dict.remove(b"DecodeParms");
            stream.set_content(img.jpeg.clone());
            stream.allows_compression = false;
        }
    }
    // printpdf names each font after its resource id (our six-letter tag) or the
    // face's PostScript name; either way it becomes `TAG+PostScriptName`.
    let mut names: BTreeMap<Vec<u8>, Vec<u8>> = BTreeMap::new();
    for f in fonts.faces.keys() {
        let tagged = format!("{}+{}", f.tag(), f.postscript_name()).into_bytes();
        names.insert(f.tag().as_bytes().to_vec(), tagged.clone());
        names.insert(f.postscript_name().as_bytes().to_vec(), tagged);
    }
    for (_, obj) in lo.objects.iter_mut() {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &mut s.dict,
            _ => continue,
        };
        for key in [b"BaseFont".as_slice(), b"FontName".as_slice()] {
            if let Ok(Object::Name(name)) = dict.get_mut(key) {
                if let Some(tagged) = names.get(name.as_slice()) {
                    *name = tagged.clone();
                }
            }
        }
    }
    // no wall-clock or epoch dates unless asked for
    if doc.metadata.created.is_none() {
        if let Ok(Object::Reference(info_id)) = lo.trailer.get(b"Info").cloned() {
            if let Ok(Object::Dictionary(info)) = lo.get_object_mut(info_id) {
                info.remove(b"CreationDate");
                info.remove(b"ModDate");
            }
        }
    }
    write_outline(lo, doc);
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
    // the /ID is filled in from the finished bytes (see `to_pdf`)
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
}

/// Sixteen bytes whose hex form cannot otherwise occur in the file (every other
/// string is short text, every stream is compressed): replaced by the real id.
const ID_PLACEHOLDER: &[u8; 16] = b"folio:ID:pending";

/// Set the trailer `/ID` to a hash of the document (the same content always gives
/// the same id), patching the placeholder in place: same length, same offsets.
fn patch_id(bytes: &mut [u8]) {
    let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02X}")).collect::<String>().into_bytes();
    let needle = hex(ID_PLACEHOLDER);
    let id = hex(&fnv128(bytes));
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(needle.len()).position(|w| w == needle.as_slice()) {
        bytes[at + i..at + i + needle.len()].copy_from_slice(&id);
        at += i + needle.len();
    }
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

/// The outline, in document order, each entry jumping to its block's place on
/// the page. (printpdf's bookmarks sort by title and point at page tops.)
fn write_outline(lo: &mut lopdf::Document, doc: &Document) {
    use lopdf::{dictionary, Object};
    if doc.outline.is_empty() {
        return;
    }
    let pages = lo.get_pages();
    let root = lo.new_object_id();
    let ids: Vec<_> = doc.outline.iter().map(|_| lo.new_object_id()).collect();
    for (i, b) in doc.outline.iter().enumerate() {
        let page = pages[&(b.page as u32 + 1)];
        let top = (doc.height - b.y + 4.0).min(doc.height);
        let mut item = dictionary! {
            "Title" => Object::String(utf16be(&b.title), lopdf::StringFormat::Hexadecimal),
            "Parent" => root,
            "Dest" => vec![page.into(), "XYZ".into(), Object::Null, Object::Real(top), Object::Null],
        };
        if i > 0 {
            item.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            item.set("Next", ids[i + 1]);
        }
        lo.objects.insert(ids[i], Object::Dictionary(item));
    }
    let outlines = dictionary! {
        "Type" => "Outlines",
        "First" => ids[0],
        "Last" => ids[ids.len() - 1],
        "Count" => ids.len() as i64,
    };
    lo.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Outlines", root);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
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
