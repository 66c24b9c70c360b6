//! Deflate (zlib format, as PDF's `FlateDecode` wants) with libdeflate at its
//! default level: the same output size as zlib's default level, in well under
//! half the instructions. One compressor per thread, made once and reused
//! (making one costs more than compressing a small stream).

use std::cell::RefCell;

use libdeflater::{CompressionLvl, Compressor};

thread_local! {
    static COMPRESSOR: RefCell<Compressor> = RefCell::new(Compressor::new(CompressionLvl::default()));
}

/// `data` deflated into `out` (cleared first).
pub(super) fn deflate_into(data: &[u8], out: &mut Vec<u8>) {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        out.clear();
        out.resize(c.zlib_compress_bound(data.len()), 0);
        let n = c
            .zlib_compress(data, out)
            .expect("the buffer holds the compression bound");
        out.truncate(n);
    });
}

/// `data` as raw deflate (no zlib header or checksum), its last block final,
/// appended to `out`.
pub(super) fn deflate_raw_into(data: &[u8], out: &mut Vec<u8>) {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let start = out.len();
        out.resize(start + c.deflate_compress_bound(data.len()), 0);
        let n = c
            .deflate_compress(data, &mut out[start..])
            .expect("the buffer holds the compression bound");
        out.truncate(start + n);
    });
}

/// `data` deflated, in a buffer of its own size.
pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    deflate_into(data, &mut out);
    out.shrink_to_fit();
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_through_a_zlib_reader() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i % 251) as u8 ^ (i / 97) as u8).collect();
        let packed = super::deflate(&data);
        assert!(packed.len() < data.len());
        let mut d = libdeflater::Decompressor::new();
        let mut back = vec![0; data.len()];
        assert_eq!(d.zlib_decompress(&packed, &mut back).unwrap(), data.len());
        assert_eq!(back, data);
    }
}
