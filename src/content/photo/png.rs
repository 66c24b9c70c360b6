//! PNG photos, decoded row by row and reduced as they come ([`Reducer`]), so any
//! PNG within the size limit (16-bit, with alpha, interlaced) takes a few
//! megabytes. Ancillary chunks that inflate (iCCP, zTXt, iTXt) are skipped
//! unread, and what the decoder keeps besides the pixels is bounded.

use std::io::{BufRead, Seek};

use png::{BitDepth, ColorType, Transformations};

use super::reduce::{on_white, Reducer};
use super::{Decoded, Failure};

/// The most the PNG decoder may allocate besides our copy of the pixels: its row buffers and kept chunks (eXIf).
const PNG_MAX_KEPT: usize = 16 * 1024 * 1024;

/// Adam7's passes: first column, first row, column step, row step.
const ADAM7: [(u32, u32, u32, u32); 7] = [
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
];

/// The rows the decoder gives, in order: (first column, column step, row), with
/// the number of pixels in each.
fn rows(width: u32, height: u32, interlaced: bool) -> Vec<(u32, u32, u32, u32)> {
    if !interlaced {
        return (0..height).map(|y| (0, 1, y, width)).collect();
    }
    let mut out = Vec::new();
    for (x0, y0, dx, dy) in ADAM7 {
        let n = if width > x0 { (width - x0).div_ceil(dx) } else { 0 };
        if n == 0 || height <= y0 {
            continue;
        }
        let mut y = y0;
        while y < height {
            out.push((x0, dx, y, n));
            y += dy;
        }
    }
    out
}

fn failed(e: png::DecodingError) -> Failure {
    match e {
        png::DecodingError::LimitsExceeded => Failure::TooLarge,
        png::DecodingError::Format(e) => Failure::Damaged(e.to_string()),
        png::DecodingError::IoError(e) => Failure::Damaged(e.to_string()),
        png::DecodingError::Parameter(e) => Failure::Unsupported(e.to_string()),
    }
}

/// Decode a PNG from `r`, reduced so that its longer side is at least `side`.
pub(super) fn decode(r: impl BufRead + Seek, side: u32, max_dimension: u32) -> Result<Decoded, Failure> {
    let mut decoder = png::Decoder::new_with_limits(r, png::Limits { bytes: PNG_MAX_KEPT });
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    // Palettes, transparency chunks and low bit depths become 8-bit samples; 16-bit stays.
    decoder.set_transformations(Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(failed)?;
    let (width, height, interlaced) = {
        let info = reader.info();
        (info.width, info.height, info.interlaced)
    };
    if width > max_dimension || height > max_dimension {
        return Err(Failure::Dimensions(width, height));
    }
    let (color, depth) = reader.output_color_type();
    let channels = match color {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb => 3,
        ColorType::Rgba => 4,
        ColorType::Indexed => return Err(Failure::Unsupported("an unexpanded palette".into())),
    };
    let wide = depth == BitDepth::Sixteen;
    let bytes_per_pixel = channels * if wide { 2 } else { 1 };
    let mut reducer = Reducer::new(width, height, side);
    let layout = rows(width, height, interlaced);
    let mut next = layout.iter();
    while let Some(row) = reader.next_row().map_err(failed)? {
        let Some(&(x0, dx, y, n)) = next.next() else {
            return Err(Failure::Damaged("more rows than the header says".into()));
        };
        let data = row.data();
        if data.len() < n as usize * bytes_per_pixel {
            return Err(Failure::Damaged("a row shorter than the header says".into()));
        }
        for (i, px) in data.chunks_exact(bytes_per_pixel).take(n as usize).enumerate() {
            let s = |c: usize| -> u8 {
                if wide {
                    let v = u32::from(u16::from_be_bytes([px[2 * c], px[2 * c + 1]]));
                    ((v * 255 + 32767) / 65535) as u8
                } else {
                    px[c]
                }
            };
            let rgb = match channels {
                1 => [s(0); 3],
                2 => on_white([s(0); 3], s(1)),
                3 => [s(0), s(1), s(2)],
                _ => on_white([s(0), s(1), s(2)], s(3)),
            };
            reducer.add(x0 + i as u32 * dx, y, rgb);
        }
    }
    if next.next().is_some() {
        return Err(Failure::Damaged("the image data ends early".into()));
    }
    Ok(Decoded::new(reducer.finish(), reader.info().exif_metadata.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interlaced_rows_cover_every_pixel_once() {
        for (w, h) in [(1, 1), (3, 2), (8, 8), (13, 7), (1, 9)] {
            let mut seen = vec![0u8; (w * h) as usize];
            for (x0, dx, y, n) in rows(w, h, true) {
                for i in 0..n {
                    seen[(y * w + x0 + i * dx) as usize] += 1;
                }
            }
            assert!(seen.iter().all(|&s| s == 1), "{w} x {h}");
        }
    }
}
