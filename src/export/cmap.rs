//! ToUnicode CMaps: the text each glyph code stands for, as PDF readers parse it.

use std::fmt::Write;

/// A ToUnicode CMap for two-byte codes (one-byte ones with `narrow`), from
/// `(code, text)` pairs in code order.
pub(super) fn to_unicode<'a>(name: &str, narrow: bool, entries: impl Iterator<Item = (u16, &'a str)>) -> Vec<u8> {
    // hex digits per code, and the highest code
    let (digits, last) = if narrow { (2, 0xFF) } else { (4, 0xFFFF) };
    let entries: Vec<(u16, &str)> = entries.collect();
    let mut out = String::with_capacity(300 + entries.len() * 16);
    let _ = write!(
        out,
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /{name}-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<{first:0digits$X}> <{last:0digits$X}>\nendcodespacerange\n",
        first = 0
    );
    // at most 100 entries per block (PDF 32000-1, 9.10.3)
    for block in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (code, text) in block {
            let _ = write!(out, "<{code:0digits$X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    #[test]
    fn entries_in_blocks_with_utf16_targets() {
        let cmap = super::to_unicode("T", false, [(1, "a"), (2, "ffi"), (3, "😀")].into_iter());
        let s = String::from_utf8(cmap).unwrap();
        assert!(s.contains("3 beginbfchar\n<0001> <0061>\n<0002> <006600660069>\n<0003> <D83DDE00>\nendbfchar"));
        let many: Vec<(u16, &str)> = (0..250).map(|i| (i, "x")).collect();
        let s = String::from_utf8(super::to_unicode("T", false, many.into_iter())).unwrap();
        assert_eq!(s.matches("beginbfchar").count(), 3);
        assert!(s.contains("50 beginbfchar"));
    }

    #[test]
    fn one_byte_codes_have_a_one_byte_codespace() {
        let cmap = super::to_unicode("T", true, [(1, "a"), (255, "ffi")].into_iter());
        let s = String::from_utf8(cmap).unwrap();
        assert!(s.contains("begincodespacerange\n<00> <FF>\nendcodespacerange"), "{s}");
        assert!(
            s.contains("2 beginbfchar\n<01> <0061>\n<FF> <006600660069>\nendbfchar"),
            "{s}"
        );
    }
}
