//! The profile photo: read, checked and decoded within limits, before layout.
//!
//! Nothing needs more than a few megapixels (a photo prints a few centimetres
//! wide), so a photo is reduced while it is decoded: a PNG row by row
//! ([`png`]), a JPEG by the decoder's DCT scaling ([`jpeg`]). What a decode can
//! take is known from the header before it starts: the file size, the pixel
//! dimensions, and for a progressive JPEG its coefficients; anything past the
//! limits is refused with a hint, so a photo takes at most [`PHOTO_MAX_ALLOC`]
//! bytes (and far less for any usual photo).

mod jpeg;
mod png;
mod reduce;

use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageFormat, RgbImage};

use super::files::{open_regular, NotAFile};
use super::values::megabytes;
use crate::diag::{display_path, Diagnostic, Location};
use crate::model::Photo;

/// The longer side of the decoded photo, in pixels, after downscaling.
pub const PHOTO_MAX_SIDE: u32 = 720;

/// Photos wider or taller than this many pixels are refused before decoding.
pub const PHOTO_MAX_DIMENSION: u32 = 12_000;

/// The most memory a photo decoder may use: a progressive JPEG that needs more is
/// refused from its header (a baseline JPEG or a PNG is reduced as it is decoded,
/// in a few megabytes).
pub const PHOTO_MAX_ALLOC: u64 = 128 * 1024 * 1024;

/// The largest photo file folio reads.
pub const PHOTO_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// A decoded photo, reduced, and how to turn it upright.
struct Decoded {
    rgb: RgbImage,
    orientation: Orientation,
}

impl Decoded {
    /// The reduced pixels, turned as the file's EXIF chunk says (upright without one).
    fn new(rgb: RgbImage, exif: Option<&[u8]>) -> Decoded {
        let orientation = exif
            .and_then(Orientation::from_exif_chunk)
            .unwrap_or(Orientation::NoTransforms);
        Decoded { rgb, orientation }
    }
}

/// Why a decoder stopped.
enum Failure {
    /// Wider or taller than [`PHOTO_MAX_DIMENSION`].
    Dimensions(u32, u32),
    Empty(u32, u32),
    /// A progressive JPEG whose coefficients would take `need` bytes.
    Progressive {
        width: u32,
        height: u32,
        need: u64,
    },
    /// The decoder's own limits.
    TooLarge,
    Unsupported(String),
    Damaged(String),
}

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
    let (file, meta) = open_regular(path).map_err(|e| match e {
        NotAFile::Missing => problem(
            format!("the photo file was not found: {shown}"),
            Some("the photo path is relative to the folder that holds the TOML file".to_string()),
        ),
        NotAFile::Folder => problem(
            format!("the photo path {shown} is a folder, not an image file"),
            Some("name the image file itself, e.g. photo = \"photo.jpg\"".into()),
        ),
        // A named pipe or a device: reading it could block forever or never end.
        NotAFile::Special(_) => problem(
            format!("the photo path {shown} is not a regular file (a device, pipe or socket)"),
            Some("name a PNG or JPEG file".into()),
        ),
        NotAFile::TooBig(_) | NotAFile::Io(_) => {
            let why = match e {
                NotAFile::Io(e) => e.to_string(),
                _ => "too large".into(),
            };
            problem(
                format!("cannot read the photo {shown}: {why}"),
                Some("check the path, and that the file can be read".to_string()),
            )
        }
    })?;
    if meta.len() > PHOTO_MAX_BYTES {
        return Err(problem(
            format!(
                "the photo {shown} is a {} file; folio reads photo files of up to {}",
                megabytes(meta.len()),
                megabytes(PHOTO_MAX_BYTES)
            ),
            Some("export a smaller copy: about 1000 pixels across is plenty".into()),
        ));
    }
    let cannot_read = |e: std::io::Error| problem(format!("cannot read the photo {shown}: {e}"), None);
    let mut reader = BufReader::new(file);
    let mut head = [0u8; 16];
    let got = read_head(&mut reader, &mut head).map_err(cannot_read)?;
    reader.seek(SeekFrom::Start(0)).map_err(cannot_read)?;
    let format = image::guess_format(&head[..got]).ok();
    let decoded = match format {
        Some(ImageFormat::Png) => png::decode(reader, PHOTO_MAX_SIDE, PHOTO_MAX_DIMENSION),
        Some(ImageFormat::Jpeg) => jpeg::decode(reader, PHOTO_MAX_SIDE, PHOTO_MAX_DIMENSION, PHOTO_MAX_ALLOC),
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
    };
    let smaller = |what: String| {
        Some(format!(
            "{what}; export a smaller copy: about 1000 pixels across is plenty"
        ))
    };
    let decoded = decoded.map_err(|f| match f {
        Failure::Dimensions(w, h) => problem(
            format!("the photo {shown} is {w} x {h} pixels, too large to read safely"),
            Some(format!(
                "folio accepts photos of up to {PHOTO_MAX_DIMENSION} x {PHOTO_MAX_DIMENSION} pixels; \
                 about 1000 pixels across is plenty"
            )),
        ),
        Failure::Empty(w, h) => problem(format!("the photo {shown} has no pixels ({w} x {h})"), re_export()),
        Failure::Progressive { width, height, need } => problem(
            format!(
                "the photo {shown} is a progressive JPEG of {width} x {height} pixels: decoding it would take \
                 about {}, more than the {} folio allows a photo",
                megabytes(need),
                megabytes(PHOTO_MAX_ALLOC)
            ),
            Some(
                "save it as a baseline (not progressive) JPEG, which folio reads at a reduced scale, \
                 or export a smaller copy: about 1000 pixels across is plenty"
                    .into(),
            ),
        ),
        Failure::TooLarge => problem(
            format!("the photo {shown} is too large to read safely"),
            smaller(format!(
                "folio accepts photos of up to {PHOTO_MAX_DIMENSION} x {PHOTO_MAX_DIMENSION} pixels"
            )),
        ),
        Failure::Unsupported(e) => problem(
            format!("the photo {shown} uses an image feature folio cannot read: {e}"),
            re_export(),
        ),
        Failure::Damaged(e) => problem(
            format!("the photo {shown} could not be decoded; it is damaged or incomplete ({e})"),
            re_export(),
        ),
    })?;
    let mut img = DynamicImage::ImageRgb8(decoded.rgb);
    img.apply_orientation(decoded.orientation);
    let mut rgb = img.into_rgb8();
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

/// Read up to `buf.len()` bytes from the start of the file (fewer only at its end).
fn read_head(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match r.read(&mut buf[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}
