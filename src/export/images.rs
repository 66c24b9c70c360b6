//! Images in the PDF: each cropped to the shape it is shown in, resampled to
//! 300 dpi at its largest size on the page, and embedded as JPEG.

use printpdf::{PdfDocument, RawImage, RawImageData, RawImageFormat, XObject, XObjectId};

use crate::layout::frame::{Document, Item, Rect};

/// An image as it goes into the PDF: cropped to the shape it is shown in and
/// resampled to 300 dpi at its largest size on the page.
pub(super) struct Prepared {
    pub(super) width: u32,
    pub(super) height: u32,
    rgb: Vec<u8>,
    jpeg: Vec<u8>,
}

const IMAGE_DPI: f32 = 300.0;

/// Every image of `doc`, prepared.
pub(super) fn prepare(doc: &Document) -> Vec<Prepared> {
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

pub(super) fn image_id(i: usize) -> XObjectId {
    XObjectId(format!("Im{i}"))
}

/// Add the images to the document's resources, as `Im0`, `Im1`, ...
pub(super) fn register(pdf: &mut PdfDocument, images: &[Prepared]) {
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
}

/// Replace each image stream printpdf wrote by the image's JPEG.
pub(super) fn use_jpeg(lo: &mut lopdf::Document, images: &[Prepared]) {
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
}
