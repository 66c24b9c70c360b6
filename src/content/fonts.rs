//! The user's fonts (`[design] fonts = [...]`): read and checked before layout,
//! then registered ([`FontFace::register`]).

use std::path::Path;

use crate::diag::{display_path, Diagnostic, Location};
use crate::text::FontFace;

use super::files::{read_limited, NotAFile};
use super::values::megabytes;

/// The largest font file folio reads (a full CJK font is about 16 MB).
pub const FONT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The most fonts `[design] fonts` may name.
pub const MAX_FONTS: usize = 8;

/// A problem with a font file, at no place yet (the caller puts it at the path's value).
fn problem(message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(Location::None, message).with_hint(hint)
}

/// Read a font file and register it: TrueType or OpenType, one face, within
/// [`FONT_MAX_BYTES`], embeddable. `path` is resolved already (and confined to
/// the root folder, [`super::files::Folders::resolve`]); only a regular file is
/// read.
pub fn load_font(path: &Path) -> Result<FontFace, Diagnostic> {
    let shown = display_path(path.strip_prefix(".").unwrap_or(path));
    let bytes = read_limited(path, FONT_MAX_BYTES).map_err(|e| match e {
        NotAFile::Missing => problem(
            format!("the font file was not found: {shown}"),
            "font paths are relative to the folder that holds the TOML file",
        ),
        NotAFile::Folder => problem(
            format!("the font path {shown} is a folder, not a font file"),
            "name the font file itself, e.g. fonts = [\"fonts/NotoSansSC-Regular.otf\"]",
        ),
        // a named pipe or a device: reading it could block forever or never end
        NotAFile::Special(_) => problem(
            format!("the font path {shown} is not a regular file (a device, pipe or socket)"),
            "name a .ttf or .otf font file",
        ),
        NotAFile::TooBig(len) => problem(
            format!(
                "the font file {shown} is {}, more than the {} folio reads",
                megabytes(len),
                megabytes(FONT_MAX_BYTES)
            ),
            "use a font of one script (Noto Sans SC rather than a pan-Unicode font)",
        ),
        NotAFile::Io(e) => problem(
            format!("cannot read the font file {shown}: {e}"),
            "check the path, and that the file can be read",
        ),
    })?;
    FontFace::register(bytes).map_err(|e| problem(format!("the font file {shown} {}", e.message()), e.hint()))
}
