//! Characters that are not drawn as themselves: how folio treats each
//! invisible (default-ignorable) character and each right-to-left script.
//!
//! | character | treatment |
//! | --- | --- |
//! | U+00AD soft hyphen | a break opportunity; a hyphen is drawn only where a line breaks there |
//! | U+200B zero-width space | a break opportunity; nothing is drawn |
//! | U+2060 word joiner, U+FEFF zero-width no-break space | no break there; nothing is drawn |
//! | U+200C ZWNJ, U+200D ZWJ | given to the shaper after a letter of a script that uses them (the Indic scripts), removed elsewhere |
//! | bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) | removed, with a warning: right-to-left text is not supported yet |
//! | variation selectors | given to the shaper (a font may have the variant) |
//! | any other default-ignorable character | removed |
//!
//! Whatever is removed is removed before shaping, so it never gets a glyph and
//! never reaches the text layer. Unusual spaces (U+2000–U+200A, U+202F, U+205F,
//! U+3000) print at their own width, from the font or the shaper's fallback;
//! one the fonts cannot draw (U+1680 OGHAM SPACE MARK) gets the missing-glyph
//! warning like any other character.

use std::borrow::Cow;

pub const SOFT_HYPHEN: char = '\u{AD}';

/// Whether `c` is a bidi control (a mark, embedding, override or isolate).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and the others of the right-to-left blocks), which folio cannot set yet.
pub fn is_rtl(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their supplements
        | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms A
        | 0xFE70..=0xFEFC // Arabic presentation forms B
        | 0x10800..=0x10FFF // historic right-to-left scripts
        | 0x1E800..=0x1EFFF // Mende Kikakui, Adlam, Arabic mathematical symbols
    ) && !is_bidi_control(c)
}

/// Whether `c` is a joiner (ZWNJ, ZWJ).
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Whether the script of `c` uses joiners to choose its shapes (the Indic scripts:
/// half forms, explicit virama, reph).
fn uses_joiners(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0DFF | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF)
}

/// Whether `c` is a variation selector (kept: the font may have the variant).
fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0x180B..=0x180D | 0x180F | 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

/// Unicode's Default_Ignorable_Code_Point: characters that are invisible unless a
/// font or the text explicitly says otherwise.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// Whether `c` is removed before shaping wherever it is (joiners depend on their
/// neighbour: see [`for_shaping`]).
pub fn is_removed(c: char) -> bool {
    is_default_ignorable(c) && !is_joiner(c) && !is_variation_selector(c)
}

/// Whether `c` is invisible: never drawn with a glyph of its own, so never
/// missing from a font.
pub fn is_invisible(c: char) -> bool {
    is_default_ignorable(c)
}

/// The text the shaper gets (and the PDF's bookmarks and document info): every
/// removed character taken out, and each joiner kept only right after a letter
/// of a script that uses joiners.
pub fn for_shaping(text: &str) -> Cow<'_, str> {
    let keep = |prev: Option<char>, c: char| {
        if is_joiner(c) {
            prev.is_some_and(uses_joiners)
        } else {
            !is_removed(c)
        }
    };
    let mut prev = None;
    let mut clean = true;
    for c in text.chars() {
        if !keep(prev, c) {
            clean = false;
            break;
        }
        prev = Some(c);
    }
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    for c in text.chars() {
        if keep(prev, c) {
            out.push(c);
            prev = Some(c);
        }
    }
    Cow::Owned(out)
}

/// Whether the shaper draws `c` without a glyph of its own: the spaces it
/// widens the font's space glyph for when the font lacks them.
pub fn has_space_fallback(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_never_reach_the_shaper() {
        assert_eq!(for_shaping("Co\u{AD}founder"), "Cofounder");
        assert_eq!(for_shaping("pro\u{200B}filing"), "profiling");
        assert_eq!(for_shaping("no\u{2060}break\u{FEFF}"), "nobreak");
        assert_eq!(for_shaping("a \u{202E}b\u{202C} \u{200F}c\u{2066}d\u{2069}"), "a b cd");
        assert_eq!(for_shaping("tag\u{E0041}\u{034F}s"), "tags");
        assert!(matches!(for_shaping("plain text"), Cow::Borrowed(_)));
    }

    #[test]
    fn joiners_stay_only_where_the_script_uses_them() {
        // Latin: no use for a joiner
        assert_eq!(for_shaping("Join\u{200D}ed in\u{200C}to"), "Joined into");
        // Devanagari: क्‍ष keeps its ZWJ (a half form), and so does a ZWNJ after a virama
        assert_eq!(for_shaping("क्\u{200D}ष"), "क्\u{200D}ष");
        assert_eq!(for_shaping("क्\u{200C}ष"), "क्\u{200C}ष");
        // a joiner at the start has nothing to join
        assert_eq!(for_shaping("\u{200D}क"), "क");
    }

    #[test]
    fn variation_selectors_are_kept() {
        assert_eq!(for_shaping("\u{2764}\u{FE0F}"), "\u{2764}\u{FE0F}");
    }

    #[test]
    fn right_to_left_scripts() {
        assert!(is_rtl('ש') && is_rtl('ب') && is_rtl('\u{FEFC}'));
        assert!(!is_rtl('a') && !is_rtl('क') && !is_rtl('\u{200F}') && !is_rtl('\u{FEFF}'));
        assert!(is_bidi_control('\u{202E}') && is_bidi_control('\u{2069}') && !is_bidi_control('\u{200D}'));
    }
}
