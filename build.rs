//! The hinting programs of the bundled fonts, compressed once, here.
//!
//! Every subset folio embeds of a bundled TrueType face begins, after its table
//! directory, with the face's `cvt ` and `fpgm` tables as they are in the font
//! (about 4 KB of each 11 KB program): the same bytes in every subset. This
//! script compresses them once per face into deflate blocks that end on a byte
//! boundary and are not the last of their stream, so that the exporter can
//! splice them into each font program's stream and compress only the rest
//! (`src/export/fonts/prefix.rs`, which checks the bytes before using them).
//! Written to `$OUT_DIR/prefixes.rs`: for each `fonts/*.ttf` with at least
//! [`MIN_PREFIX`] such bytes, its file stem, the bytes and their compressed blocks.

use std::io::Write;
use std::path::Path;

use flate2::{Compress, Compression, FlushCompress};

/// Fewer shared bytes than this are left to be compressed with the rest.
const MIN_PREFIX: usize = 1024;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=fonts");
    let mut names: Vec<_> = std::fs::read_dir("fonts")
        .expect("fonts/ is readable")
        .map(|e| e.expect("fonts/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ttf"))
        .collect();
    names.sort();
    let mut code = String::from("/// (file stem, the `cvt ` and `fpgm` tables padded, their deflate blocks)\n");
    code.push_str("pub(super) const PREFIXES: &[(&str, &[u8], &[u8])] = &[\n");
    for path in names {
        println!("cargo:rerun-if-changed={}", path.display());
        let font = std::fs::read(&path).expect("font readable");
        // (a few hundred bytes do not pay for the directory stored beside them:
        // Plex Mono's and Plex Sans Devanagari's 436-452 made each program 26-76
        // bytes larger, whatever its glyphs)
        let Some(prefix) = hinting_prefix(&font).filter(|p| p.len() >= MIN_PREFIX) else {
            continue;
        };
        let blocks = deflate_blocks(&prefix);
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("UTF-8 file name");
        let (p, b) = (format!("{stem}.prefix"), format!("{stem}.blocks"));
        std::fs::write(Path::new(&out).join(&p), &prefix).expect("OUT_DIR writable");
        std::fs::write(Path::new(&out).join(&b), &blocks).expect("OUT_DIR writable");
        code.push_str(&format!(
            "    ({stem:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{p}\")), include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{b}\"))),\n"
        ));
    }
    code.push_str("];\n");
    let mut f = std::fs::File::create(Path::new(&out).join("prefixes.rs")).expect("OUT_DIR writable");
    f.write_all(code.as_bytes()).expect("OUT_DIR writable");
}

/// The font's `cvt ` and `fpgm` tables, each padded with zeros to a multiple
/// of four bytes, as a subset lays them out first; `None` for a font with
/// neither (unhinted, or CFF outlines).
fn hinting_prefix(font: &[u8]) -> Option<Vec<u8>> {
    let u16_at = |i: usize| u16::from_be_bytes([font[i], font[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_be_bytes([font[i], font[i + 1], font[i + 2], font[i + 3]]) as usize;
    let tables = u16_at(4);
    let mut prefix = Vec::new();
    for tag in [b"cvt ", b"fpgm"] {
        let record = (0..tables).map(|t| 12 + 16 * t).find(|&r| &font[r..r + 4] == tag);
        if let Some(r) = record {
            let (offset, length) = (u32_at(r + 8), u32_at(r + 12));
            prefix.extend_from_slice(&font[offset..offset + length]);
            prefix.resize(prefix.len().next_multiple_of(4), 0);
        }
    }
    (!prefix.is_empty()).then_some(prefix)
}

/// `data` as raw deflate blocks, compressed from an empty window, none of them
/// final, the last ending on a byte boundary (a sync flush).
fn deflate_blocks(data: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() + 64);
    let status = c.compress_vec(data, &mut out, FlushCompress::Sync).expect("deflate");
    assert_eq!(status, flate2::Status::Ok);
    assert_eq!(c.total_in() as usize, data.len(), "the whole prefix compressed");
    assert!(
        out.ends_with(&[0, 0, 0xFF, 0xFF]),
        "a sync flush ends on an empty stored block"
    );
    out
}
