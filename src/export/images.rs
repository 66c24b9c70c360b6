//! Images in the PDF: each cropped to the shape it is shown in, resampled to
//! 300 dpi at its largest size on the page, and embedded as JPEG.

use crate::layout::frame::{Document, Item, Rect};

/// An image as it goes into the PDF: cropped to the shape it is shown in and
/// resampled to 300 dpi at its largest size on the page.
pub(super) struct Prepared {
    pub(super) width: u32,
    pub(super) height: u32,
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
        jpeg,
    }
}

/// The resource name of image `i`.
pub(super) fn image_name(i: usize) -> String {
    format!("Im{i}")
}

/// Add the images to `lo` as JPEG XObjects; returns the XObject resource
/// dictionary's entries (`Im0`, `Im1`, ...).
pub(super) fn embed(lo: &mut lopdf::Document, images: &[Prepared]) -> Vec<(String, lopdf::ObjectId)> {
    use lopdf::{dictionary, Stream};
    images
        .iter()
        .enumerate()
        .map(|(i, img)| {
            let stream = Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Image",
                    "Width" => img.width as i64,
                    "Height" => img.height as i64,
                    "ColorSpace" => "DeviceRGB",
                    "BitsPerComponent" => 8,
                    "Filter" => "DCTDecode",
                },
                img.jpeg.clone(),
            )
            .with_compression(false);
            (image_name(i), lo.add_object(stream))
        })
        .collect()
}
