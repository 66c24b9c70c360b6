//! A bundled face's font program compressed around what every subset of it
//! shares: the `cvt ` and `fpgm` tables, which come first after the table
//! directory, the same bytes in every subset (about 4 KB of an 11 KB program).
//! `build.rs` compressed them once into deflate blocks that are not the last of
//! a stream and end on a byte boundary; each program's zlib stream is then its
//! table directory as a stored block, those blocks, and the rest compressed here
//! (libdeflate, from an empty window), with the Adler-32 of the whole program.
//! A program that does not hold those bytes where they belong (a user's font, or
//! a subsetter that lays tables out differently), or is too short for splicing
//! to pay, is compressed whole; so are the faces whose shared bytes are few
//! (Plex Mono and Plex Sans Devanagari, 436-452 bytes, see `build.rs`).
//!
//! Both bundled PDFs: 8 programs of 90,332 bytes compressed to 54,986 bytes
//! whole, to 54,792 like this (zlib's level 9 for the shared blocks), with 32 KB
//! less for libdeflate to compress.

use super::super::deflate::{deflate, deflate_raw_into};
use crate::text::FontFace;

include!(concat!(env!("OUT_DIR"), "/prefixes.rs"));

/// `program`, a subset of `face`, as a zlib stream.
pub(super) fn deflate_program(face: FontFace, program: &[u8]) -> Vec<u8> {
    shared(face)
        .and_then(|(bytes, blocks)| spliced(program, bytes, blocks))
        .unwrap_or_else(|| deflate(program))
}

/// The bytes every subset of `face` (a bundled one) holds after its table
/// directory, and their deflate blocks.
fn shared(face: FontFace) -> Option<(&'static [u8], &'static [u8])> {
    if matches!(face, FontFace::User(_)) {
        return None;
    }
    let name = face.postscript_name();
    PREFIXES
        .iter()
        .find(|(stem, _, _)| *stem == name)
        .map(|&(_, bytes, blocks)| (bytes, blocks))
}

/// The zlib stream of `program` made of its directory stored, `blocks` (which
/// stand for `bytes`) and the rest compressed; `None` unless `bytes` follow the
/// directory.
fn spliced(program: &[u8], bytes: &[u8], blocks: &[u8]) -> Option<Vec<u8>> {
    // Below twice the shared bytes, the stored directory and the matches the
    // rest cannot make into the shared part cost more than the blocks save
    // (Plex Sans Regular: 31 bytes more at 7 glyphs, the same at 20, 95 fewer at
    // 200), and such a program takes little compressing anyway.
    if program.len() < 2 * bytes.len() {
        return None;
    }
    let tables = u16::from_be_bytes([*program.get(4)?, *program.get(5)?]) as usize;
    let directory = 12 + 16 * tables;
    let rest = directory + bytes.len();
    let stored = u16::try_from(directory).ok()?;
    if program.get(directory..rest)? != bytes {
        return None;
    }
    let left = program.len() - rest;
    // (room for the rest's compression bound, which is barely above its length)
    let mut out = Vec::with_capacity(7 + directory + blocks.len() + left + left / 16 + 128);
    // zlib header: deflate, 32 KB window, default level, no dictionary
    out.extend_from_slice(&[0x78, 0x9C]);
    // a stored block, not the last: its three header bits are zero, then LEN, NLEN
    out.push(0);
    out.extend_from_slice(&stored.to_le_bytes());
    out.extend_from_slice(&(!stored).to_le_bytes());
    out.extend_from_slice(&program[..directory]);
    out.extend_from_slice(blocks);
    deflate_raw_into(&program[rest..], &mut out);
    out.extend_from_slice(&libdeflater::adler32(program).to_be_bytes());
    out.shrink_to_fit();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::subset_program as subset;
    use super::*;

    fn inflated(stream: &[u8], len: usize) -> Vec<u8> {
        let mut back = vec![0; len];
        let n = libdeflater::Decompressor::new()
            .zlib_decompress(stream, &mut back)
            .unwrap();
        assert_eq!(n, len);
        // and a second, independent inflater
        use std::io::Read;
        let mut again = Vec::new();
        flate2::read::ZlibDecoder::new(stream).read_to_end(&mut again).unwrap();
        assert_eq!(again, back);
        back
    }

    #[test]
    fn every_plex_sans_face_is_spliced_and_inflates_to_its_program() {
        for face in [FontFace::Regular, FontFace::Italic, FontFace::SemiBold, FontFace::Bold] {
            let (bytes, blocks) = shared(face).unwrap_or_else(|| panic!("{face:?} has shared bytes"));
            for glyphs in [
                (0..20).collect::<Vec<u16>>(),
                (0..45).map(|g| g * 3).collect(),
                (0..200).collect(),
            ] {
                let program = subset(face, &glyphs);
                let stream = spliced(&program, bytes, blocks).unwrap_or_else(|| panic!("{face:?} spliced"));
                assert_eq!(inflated(&stream, program.len()), program, "{face:?}");
                // no larger than the program compressed whole (at 20 glyphs, the
                // same give or take a few bytes; smaller from there on)
                let whole = deflate(&program).len();
                assert!(
                    stream.len() <= whole + 8,
                    "{face:?}, {} glyphs: {} bytes against {whole}",
                    glyphs.len(),
                    stream.len()
                );
            }
        }
    }

    #[test]
    fn every_bundled_face_inflates_to_its_program_however_it_is_compressed() {
        for face in FontFace::ALL {
            for glyphs in [vec![0u16], vec![0, 3, 17, 40, 41, 42, 100], (0..200).collect()] {
                let program = subset(face, &glyphs);
                assert_eq!(
                    inflated(&deflate_program(face, &program), program.len()),
                    program,
                    "{face:?}"
                );
            }
        }
        // the faces whose shared bytes are few are compressed whole
        for face in [FontFace::Mono, FontFace::DevanagariRegular, FontFace::DevanagariBold] {
            assert!(shared(face).is_none(), "{face:?}");
        }
        // and a short program too
        let (bytes, blocks) = shared(FontFace::Regular).unwrap();
        assert!(spliced(&subset(FontFace::Regular, &[0, 1, 2]), bytes, blocks).is_none());
    }

    #[test]
    fn a_program_without_the_shared_bytes_is_compressed_whole() {
        let face = FontFace::Regular;
        let mut program = subset(face, &(0..60).collect::<Vec<u16>>());
        let (bytes, blocks) = shared(face).unwrap();
        // one byte of fpgm changed: not the bytes the blocks stand for
        let at = 12 + 16 * u16::from_be_bytes([program[4], program[5]]) as usize + bytes.len() - 8;
        program[at] ^= 1;
        assert!(spliced(&program, bytes, blocks).is_none());
        let stream = deflate_program(face, &program);
        assert_eq!(inflated(&stream, program.len()), program);
        // and a cut-off program is no panic
        assert!(spliced(&program[..100], bytes, blocks).is_none());
        assert!(spliced(&program[..3], bytes, blocks).is_none());
    }
}
