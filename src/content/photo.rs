//! The profile photo: read, checked and decoded within limits, before layout.

use std::fs;
use std::io::BufReader;
use std::path::Path;

use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use crate::diag::{display_path, Diagnostic, Location};
use crate::model::Photo;

/// The longer side of the decoded photo, in pixels, after downscaling.
pub const PHOTO_MAX_SIDE: u32 = 720;

/// Photos wider or taller than this many pixels are refused before decoding.
pub const PHOTO_MAX_DIMENSION: u32 = 12_000;

/// The most memory a photo decoder may use.
pub const PHOTO_MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// A problem with the photo, at no place yet (the caller puts it at the path's value).
fn problem(message: String, hint: Option<String>) -> Diagnostic {
    let d = Diagnostic::error(Location::None, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// Read, check and decode the profile photo: PNG or JPEG, within the size limits,
/// turned upright (EXIF), flattened on white, 8-bit RGB, at most [`PHOTO_MAX_SIDE`].
pub fn load_photo(path: &Path) -> Result<Photo, Diagnostic> {
    // The path as tried, through the TOML file's folder, so that a wrong folder is
    // plain to see (and relative when the content path was given relative).
    let shown = display_path(path.strip_prefix(".").unwrap_or(path));
    let re_export = || Some("open it in an image editor and export it again as PNG or JPEG".to_string());
    let meta = fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            problem(
                format!("the photo file was not found: {shown}"),
                Some("the photo path is relative to the folder that holds the TOML file".to_string()),
            )
        } else {
            problem(
                format!("cannot read the photo {shown}: {e}"),
                Some("check the path, and that the file can be read".to_string()),
            )
        }
    })?;
    if meta.is_dir() {
        return Err(problem(
            format!("the photo path {shown} is a folder, not an image file"),
            Some("name the image file itself, e.g. photo = \"photo.jpg\"".into()),
        ));
    }
    if !meta.is_file() {
        // A named pipe or a device: reading it could block forever or never end.
        return Err(problem(
            format!("the photo path {shown} is not a regular file (a device, pipe or socket)"),
            Some("name a PNG or JPEG file".into()),
        ));
    }
    let open = || -> Result<ImageReader<BufReader<fs::File>>, Diagnostic> {
        let file = fs::File::open(path).map_err(|e| problem(format!("cannot read the photo {shown}: {e}"), None))?;
        ImageReader::new(BufReader::new(file))
            .with_guessed_format()
            .map_err(|e| problem(format!("cannot read the photo {shown}: {e}"), None))
    };
    let mut reader = open()?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg) => {}
        other => {
            let what = match other {
                Some(f) => format!(
                    " (it looks like {})",
                    f.extensions_str().first().unwrap_or(&"another format")
                ),
                None => String::new(),
            };
            return Err(problem(
                format!("the photo {shown} is not a PNG or JPEG image{what}"),
                Some("folio reads PNG and JPEG photos; convert it to one of those".into()),
            ));
        }
    }
    let too_large = |w: u32, h: u32| {
        problem(
            format!("the photo {shown} is {w} x {h} pixels, too large to read safely"),
            Some(format!(
                "folio accepts photos of up to {PHOTO_MAX_DIMENSION} x {PHOTO_MAX_DIMENSION} pixels; \
                 about 1000 pixels across is plenty"
            )),
        )
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(PHOTO_MAX_DIMENSION);
    limits.max_image_height = Some(PHOTO_MAX_DIMENSION);
    limits.max_alloc = Some(PHOTO_MAX_ALLOC);
    reader.limits(limits);
    let decode_error = |e: ImageError| -> Diagnostic {
        match e {
            ImageError::Limits(_) => {
                // Say how big it is, from the header alone.
                match open().ok().and_then(|r| r.into_dimensions().ok()) {
                    Some((w, h)) => too_large(w, h),
                    None => problem(
                        format!("the photo {shown} is too large to read safely"),
                        Some(format!(
                            "folio accepts photos of up to {PHOTO_MAX_DIMENSION} x {PHOTO_MAX_DIMENSION} pixels"
                        )),
                    ),
                }
            }
            ImageError::Unsupported(e) => problem(
                format!("the photo {shown} uses an image feature folio cannot read: {e}"),
                re_export(),
            ),
            e => problem(
                format!("the photo {shown} could not be decoded; it is damaged or incomplete ({e})"),
                re_export(),
            ),
        }
    };
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    if w > PHOTO_MAX_DIMENSION || h > PHOTO_MAX_DIMENSION || decoder.total_bytes() > PHOTO_MAX_ALLOC {
        return Err(too_large(w, h));
    }
    if w == 0 || h == 0 {
        return Err(problem(
            format!("the photo {shown} has no pixels ({w} x {h})"),
            re_export(),
        ));
    }
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    img.apply_orientation(orientation);
    let mut rgb = flatten_on_white(img);
    let (w, h) = rgb.dimensions();
    if w.max(h) > PHOTO_MAX_SIDE {
        let scale = |a: u32, b: u32| {
            ((u64::from(a) * u64::from(PHOTO_MAX_SIDE) + u64::from(b) / 2) / u64::from(b)).max(1) as u32
        };
        let (nw, nh) = if w >= h {
            (PHOTO_MAX_SIDE, scale(h, w))
        } else {
            (scale(w, h), PHOTO_MAX_SIDE)
        };
        rgb = imageops::resize(&rgb, nw, nh, FilterType::Lanczos3);
    }
    let (width, height) = rgb.dimensions();
    Ok(Photo {
        path: path.to_path_buf(),
        width,
        height,
        rgb: rgb.into_raw(),
    })
}

/// 8-bit RGB; transparent parts become white.
fn flatten_on_white(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (src, dst) in rgba.pixels().zip(out.pixels_mut()) {
        let a = u32::from(src[3]);
        for c in 0..3 {
            dst[c] = ((u32::from(src[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}
