//! JPEG photos, decoded at a reduced scale (the decoder's DCT scaling: 1/2, 1/4
//! or 1/8), so a baseline JPEG of any size within the limits takes memory for the
//! reduced image only. A progressive JPEG must keep every coefficient of the whole
//! image until its last scan; one whose coefficients would not fit the memory
//! budget is refused from its header, before decoding.

use std::io::Read;

use jpeg_decoder::{CodingProcess, PixelFormat};

use super::reduce::Reducer;
use super::{Decoded, Failure};

fn failed(e: jpeg_decoder::Error) -> Failure {
    match e {
        jpeg_decoder::Error::Unsupported(u) => Failure::Unsupported(format!("{u:?}")),
        e => Failure::Damaged(e.to_string()),
    }
}

/// The memory a decode of this image takes at full scale: the pixels, and for a
/// progressive (or lossless) JPEG every coefficient of every component, counted as
/// if none were subsampled.
pub(super) fn full_decode_bytes(width: u32, height: u32, format: PixelFormat, process: CodingProcess) -> u64 {
    let components = match format {
        PixelFormat::L8 | PixelFormat::L16 => 1,
        PixelFormat::RGB24 => 3,
        PixelFormat::CMYK32 => 4,
    };
    let pixels = u64::from(width) * u64::from(height);
    let padded = u64::from(width.div_ceil(16) * 16) * u64::from(height.div_ceil(16) * 16);
    let output = pixels * format.pixel_bytes() as u64;
    match process {
        CodingProcess::DctSequential => output,
        CodingProcess::DctProgressive | CodingProcess::Lossless => output + padded * 2 * components,
    }
}

/// Decode a JPEG from `r`, reduced so that its longer side is at least `side`,
/// within `budget` bytes.
pub(super) fn decode(r: impl Read, side: u32, max_dimension: u32, budget: u64) -> Result<Decoded, Failure> {
    let mut decoder = jpeg_decoder::Decoder::new(r);
    decoder.read_info().map_err(failed)?;
    let info = decoder
        .info()
        .ok_or_else(|| Failure::Damaged("no frame header".into()))?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    if width > max_dimension || height > max_dimension {
        return Err(Failure::Dimensions(width, height));
    }
    if width == 0 || height == 0 {
        return Err(Failure::Empty(width, height));
    }
    if info.pixel_format == PixelFormat::L16 {
        return Err(Failure::Unsupported("16-bit lossless JPEG".into()));
    }
    if info.coding_process != CodingProcess::DctSequential {
        let need = full_decode_bytes(width, height, info.pixel_format, info.coding_process);
        if need > budget {
            return Err(Failure::Progressive { width, height, need });
        }
    }
    // The smallest DCT scale that keeps the longer side at least `side`.
    let long = width.max(height);
    let request = |v: u32| {
        (u64::from(v) * u64::from(side.min(long)))
            .div_ceil(u64::from(long))
            .max(1) as u16
    };
    let (w, h) = if info.coding_process == CodingProcess::Lossless {
        (info.width, info.height)
    } else {
        decoder.scale(request(width), request(height)).map_err(failed)?
    };
    decoder.set_max_decoding_buffer_size(budget as usize);
    let pixels = decoder.decode().map_err(failed)?;
    let (w, h) = (u32::from(w), u32::from(h));
    let mut reducer = Reducer::new(w, h, side);
    let bytes = info.pixel_format.pixel_bytes();
    if pixels.len() < w as usize * h as usize * bytes {
        return Err(Failure::Damaged("fewer pixels than the header says".into()));
    }
    for (i, px) in pixels.chunks_exact(bytes).take(w as usize * h as usize).enumerate() {
        let rgb = match info.pixel_format {
            PixelFormat::L8 | PixelFormat::L16 => [px[0]; 3],
            PixelFormat::RGB24 => [px[0], px[1], px[2]],
            PixelFormat::CMYK32 => {
                let k = u32::from(255 - px[3]);
                [0, 1, 2].map(|c| ((u32::from(255 - px[c]) * k + 127) / 255) as u8)
            }
        };
        reducer.add(i as u32 % w, i as u32 / w, rgb);
    }
    drop(pixels);
    Ok(Decoded::new(reducer.finish(), decoder.exif_data()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progressive_jpegs_count_their_coefficients() {
        let (w, h) = (12_000, 12_000);
        assert_eq!(
            full_decode_bytes(w, h, PixelFormat::RGB24, CodingProcess::DctSequential),
            432_000_000
        );
        let progressive = full_decode_bytes(w, h, PixelFormat::RGB24, CodingProcess::DctProgressive);
        assert_eq!(progressive, 432_000_000 + 12_000 * 12_000 * 6);
    }
}
