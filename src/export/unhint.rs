//! TrueType hinting taken out of a subset font program: the `fpgm`, `prep` and
//! `cvt ` tables and every glyph's instructions. Hinting fits outlines to a
//! screen's pixel grid at small sizes; PDF viewers render unhinted (poppler,
//! pdf.js and Acrobat draw the outlines as they are), and in a subset of IBM
//! Plex the hinting is a third or more of the bytes the PDF then stores and
//! deflate must compress. The outlines, metrics and every other table stay as
//! they were (a test compares every glyph's outline before and after).
//!
//! A font this does not understand (no `glyf`, a table out of bounds) is
//! returned as it came: `None`.

/// The tables that only hinting uses.
const HINTING: [&[u8; 4]; 3] = [b"fpgm", b"prep", b"cvt "];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The sum of a table's big-endian 32-bit words (zero-padded), as the table
/// directory records it.
fn checksum(b: &[u8]) -> u32 {
    let mut sum = 0u32;
    let mut words = b.chunks_exact(4);
    for w in &mut words {
        sum = sum.wrapping_add(u32::from_be_bytes(w.try_into().expect("4 bytes")));
    }
    let mut last = [0u8; 4];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    sum.wrapping_add(u32::from_be_bytes(last))
}

/// `font` without its hinting, or `None` when there is none or the font is not
/// one this can read.
pub(super) fn strip(font: &[u8]) -> Option<Vec<u8>> {
    let num_tables = u16_at(font, 4)? as usize;
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(num_tables);
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        tables.push((tag, font.get(offset..offset.checked_add(len)?)?));
    }
    let table = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, b)| *b);
    let (head, glyf, loca, maxp) = (table(b"head")?, table(b"glyf")?, table(b"loca")?, table(b"maxp")?);
    if !tables.iter().any(|(t, _)| HINTING.contains(&t)) {
        return None;
    }
    let long = match u16_at(head, 50)? {
        0 => false,
        1 => true,
        _ => return None,
    };
    let glyphs = u16_at(maxp, 4)? as usize;
    let offset = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|v| v as usize)
        } else {
            u16_at(loca, 2 * i).map(|v| 2 * v as usize)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(loca.len());
    let push_offset = |loca: &mut Vec<u8>, at: usize| {
        if long {
            loca.extend_from_slice(&(at as u32).to_be_bytes());
        } else {
            loca.extend_from_slice(&((at / 2) as u16).to_be_bytes());
        }
    };
    for g in 0..glyphs {
        push_offset(&mut new_loca, new_glyf.len());
        let (start, end) = (offset(g)?, offset(g + 1)?);
        if end < start {
            return None;
        }
        let data = glyf.get(start..end)?;
        if !data.is_empty() {
            unhint_glyph(data, &mut new_glyf)?;
            if new_glyf.len() % 2 == 1 {
                new_glyf.push(0);
            }
        }
    }
    push_offset(&mut new_loca, new_glyf.len());
    if !long && new_glyf.len() / 2 > u16::MAX as usize {
        return None;
    }

    // the font again, its tables in the same (tag) order, hinting left out
    let kept: Vec<([u8; 4], &[u8])> = tables
        .iter()
        .filter(|(t, _)| !HINTING.contains(&t))
        .map(|&(t, b)| match &t {
            b"glyf" => (t, new_glyf.as_slice()),
            b"loca" => (t, new_loca.as_slice()),
            _ => (t, b),
        })
        .collect();
    let n = kept.len();
    let pow = 1usize << (usize::BITS - 1 - n.leading_zeros());
    let mut out = Vec::with_capacity(font.len());
    out.extend_from_slice(font.get(0..4)?);
    for v in [n, pow * 16, pow.trailing_zeros() as usize, n * 16 - pow * 16] {
        out.extend_from_slice(&(v as u16).to_be_bytes());
    }
    let mut at = 12 + 16 * n;
    let mut head_at = None;
    for (tag, body) in &kept {
        out.extend_from_slice(tag);
        let mut sum = checksum(body);
        if tag == b"head" {
            // (a head's checksum is taken with checkSumAdjustment zero)
            sum = sum.wrapping_sub(u32_at(body, 8)?);
            head_at = Some(at);
        }
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(at as u32).to_be_bytes());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        at += body.len().next_multiple_of(4);
    }
    for (_, body) in &kept {
        out.extend_from_slice(body);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let head_at = head_at?;
    out[head_at + 8..head_at + 12].copy_from_slice(&[0; 4]);
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_at + 8..head_at + 12].copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

/// One glyph's outline without its instructions, appended to `out`.
fn unhint_glyph(data: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = u16_at(data, 0)? as i16;
    if contours >= 0 {
        // header, end points, instruction length, instructions, then the points
        let at = 10 + 2 * contours as usize;
        let len = u16_at(data, at)? as usize;
        let rest = data.get(at + 2 + len..)?;
        out.extend_from_slice(data.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    // a composite: its components, without the flag that says instructions follow them
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const INSTRUCTIONS: u16 = 0x0100;
    let start = out.len();
    out.extend_from_slice(data.get(..10)?);
    let mut at = 10;
    loop {
        let flags = u16_at(data, at)?;
        let mut len = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        len += match () {
            _ if flags & TWO_BY_TWO != 0 => 8,
            _ if flags & XY_SCALE != 0 => 4,
            _ if flags & SCALE != 0 => 2,
            _ => 0,
        };
        let component = data.get(at..at + len)?;
        out.extend_from_slice(&(flags & !INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += len;
        if flags & MORE == 0 {
            break;
        }
    }
    debug_assert!(out.len() > start);
    Some(())
}

#[cfg(test)]
mod tests {
    use rustybuzz::ttf_parser::{Face, GlyphId, OutlineBuilder};

    /// Every drawing command of a glyph's outline, as text.
    #[derive(Default)]
    struct Path(String);

    impl OutlineBuilder for Path {
        fn move_to(&mut self, x: f32, y: f32) {
            self.0 += &format!("M{x},{y} ");
        }
        fn line_to(&mut self, x: f32, y: f32) {
            self.0 += &format!("L{x},{y} ");
        }
        fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
            self.0 += &format!("Q{x1},{y1},{x},{y} ");
        }
        fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
            self.0 += &format!("C{x1},{y1},{x2},{y2},{x},{y} ");
        }
        fn close(&mut self) {
            self.0 += "Z ";
        }
    }

    fn outlines(font: &[u8]) -> Vec<(String, Option<u16>)> {
        let face = Face::parse(font, 0).expect("a font");
        (0..face.number_of_glyphs())
            .map(|g| {
                let mut p = Path::default();
                face.outline_glyph(GlyphId(g), &mut p);
                (p.0, face.glyph_hor_advance(GlyphId(g)))
            })
            .collect()
    }

    #[test]
    fn same_outlines_without_the_hinting() {
        let mut checked = 0;
        for face in crate::text::FontFace::ALL {
            let font = face.bytes();
            // a subset with composites and marks in it, as the exporter makes them
            let mut remapper = subsetter::GlyphRemapper::new();
            let ttf = face.face();
            for c in "Aa Éé fi ﬁ Ññ 0123 ‘’ — å ṃ नमस्ते क्ष".chars() {
                if let Some(g) = ttf.glyph_index(c) {
                    remapper.remap(g.0);
                }
            }
            let subset = subsetter::subset(font, 0, &remapper).expect("subset");
            let Some(stripped) = super::strip(&subset) else {
                // (a CFF face has no TrueType hinting to take out)
                assert!(Face::parse(&subset, 0).unwrap().tables().glyf.is_none());
                continue;
            };
            assert!(stripped.len() < subset.len());
            assert_eq!(outlines(&stripped), outlines(&subset));
            let tables = Face::parse(&stripped, 0)
                .unwrap()
                .raw_face()
                .table(rustybuzz::ttf_parser::Tag::from_bytes(b"fpgm"));
            assert!(tables.is_none());
            // the whole-font checksum comes out as the format wants
            assert_eq!(super::checksum(&stripped), 0xB1B0_AFBA);
            checked += 1;
        }
        assert!(checked > 0, "no TrueType face was checked");
    }
}
