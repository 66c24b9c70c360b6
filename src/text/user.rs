//! The user's fonts (`[design] fonts = [...]`): TrueType or OpenType files,
//! tried after the bundled faces for any character those lack.
//!
//! A font is checked once when it is registered (a single face that parses, may
//! be embedded, and can be subset) and kept for the life of the process, like
//! the bundled faces, so that a `FontFace::User` (which
//! [`super::FontFace::register`] makes of the slot this module gives it) is as
//! cheap to copy and to look up as theirs. The same file registered twice (a rebuild under `--watch`)
//! is the same face.

use std::sync::{Mutex, OnceLock};

/// The most distinct user fonts one process can hold.
pub const MAX_USER_FONTS: usize = 64;

/// A registered font file.
pub struct UserFace {
    pub(super) bytes: &'static [u8],
    pub(super) face: rustybuzz::Face<'static>,
    /// Which Basic Multilingual Plane characters it maps to a glyph, as a bit set.
    pub(super) coverage: Vec<u64>,
    pub(super) tag: String,
    pub(super) postscript_name: String,
}

static FACES: [OnceLock<UserFace>; MAX_USER_FONTS] = [const { OnceLock::new() }; MAX_USER_FONTS];
static REGISTERED: Mutex<usize> = Mutex::new(0);

/// Why a file cannot be used as a font.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// A `.ttc`/`.otc` collection of several faces.
    Collection,
    /// A web font (WOFF or WOFF2), compressed for browsers.
    WebFont,
    /// Not a TrueType or OpenType font at all (or a damaged one).
    NotAFont,
    /// Its licence bits forbid embedding it in a document.
    Restricted,
    /// It parses, but cannot be cut down to the glyphs a document uses.
    CannotSubset,
    /// [`MAX_USER_FONTS`] different fonts are already registered.
    TooMany,
}

impl FontError {
    /// What is wrong, to follow "the font file X".
    pub fn message(&self) -> &'static str {
        match self {
            FontError::Collection => "is a font collection (several faces in one file)",
            FontError::WebFont => "is a web font (WOFF or WOFF2)",
            FontError::NotAFont => "is not a TrueType or OpenType font",
            FontError::Restricted => "does not allow embedding (its licence bits say \"restricted\")",
            FontError::CannotSubset => "cannot be subset for embedding",
            FontError::TooMany => "is one font too many",
        }
    }

    pub fn hint(&self) -> &'static str {
        match self {
            FontError::Collection => {
                "use a single-face .ttf or .otf file (Noto CJK, for one, comes as .otf per language)"
            }
            FontError::WebFont => "use the .ttf or .otf file the web font was made from",
            FontError::NotAFont | FontError::CannotSubset => {
                "name a .ttf or .otf font file, or download the font again"
            }
            FontError::Restricted => {
                "choose a font whose licence allows embedding, such as one under the SIL Open Font License"
            }
            FontError::TooMany => "name fewer fonts",
        }
    }
}

/// Check `bytes` as a font and register it (or find it registered already):
/// its slot.
pub(super) fn register(bytes: Vec<u8>) -> Result<u8, FontError> {
    match bytes.get(..4) {
        Some(b"ttcf") => return Err(FontError::Collection),
        Some(b"wOFF" | b"wOF2") => return Err(FontError::WebFont),
        _ => {}
    }
    let mut count = REGISTERED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(i) = (0..*count).find(|&i| FACES[i].get().is_some_and(|f| f.bytes == bytes.as_slice())) {
        return Ok(i as u8);
    }
    {
        let face = rustybuzz::Face::from_slice(&bytes, 0).ok_or(FontError::NotAFont)?;
        if face.number_of_glyphs() < 2 {
            return Err(FontError::NotAFont);
        }
        if face.permissions() == Some(rustybuzz::ttf_parser::Permissions::Restricted) {
            return Err(FontError::Restricted);
        }
        subsetter::subset(&bytes, 0, &subsetter::GlyphRemapper::new()).map_err(|_| FontError::CannotSubset)?;
    }
    if *count == MAX_USER_FONTS {
        return Err(FontError::TooMany);
    }
    let i = *count;
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let face = rustybuzz::Face::from_slice(bytes, 0).ok_or(FontError::NotAFont)?;
    let user = UserFace {
        coverage: coverage(&face),
        postscript_name: postscript_name(&face).unwrap_or_else(|| format!("UserFont{}", i + 1)),
        tag: format!(
            "FOLU{}{}",
            (b'A' + (i / 26) as u8) as char,
            (b'A' + (i % 26) as u8) as char
        ),
        bytes,
        face,
    };
    if FACES[i].set(user).is_err() {
        unreachable!("slot {i} is filled only under the lock");
    }
    *count += 1;
    Ok(i as u8)
}

/// The registered face in slot `i`.
pub(super) fn get(i: u8) -> &'static UserFace {
    FACES[i as usize]
        .get()
        .expect("a FontFace::User is made only by register")
}

/// The face's Basic Multilingual Plane coverage (its cmap, read once).
pub(super) fn coverage(face: &rustybuzz::Face<'_>) -> Vec<u64> {
    let mut bits = vec![0u64; 0x10000 / 64];
    for sub in face.tables().cmap.iter().flat_map(|c| c.subtables) {
        if !sub.is_unicode() {
            continue;
        }
        sub.codepoints(|cp| {
            if cp < 0x10000 && sub.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                bits[cp as usize / 64] |= 1 << (cp % 64);
            }
        });
    }
    bits
}

/// The face's PostScript name (name id 6), with only the characters a PDF name
/// may hold without escapes.
fn postscript_name(face: &rustybuzz::Face<'_>) -> Option<String> {
    let name = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|n| n.to_string())?;
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(63)
        .collect();
    (!clean.is_empty()).then_some(clean)
}
