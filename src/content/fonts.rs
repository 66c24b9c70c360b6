//! The user's fonts (`[design] fonts = [...]`): read and checked before layout,
//! then registered ([`FontFace::register`]).

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::diag::{display_path, Diagnostic, Location};
use crate::text::FontFace;

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
/// [`FONT_MAX_BYTES`], embeddable.
pub fn load_font(path: &Path) -> Result<FontFace, Diagnostic> {
    let shown = display_path(path.strip_prefix(".").unwrap_or(path));
    let meta = fs::metadata(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            problem(
                format!("the font file was not found: {shown}"),
                "font paths are relative to the folder that holds the TOML file",
            )
        } else {
            problem(
                format!("cannot read the font file {shown}: {e}"),
                "check the path, and that the file can be read",
            )
        }
    })?;
    if meta.is_dir() {
        return Err(problem(
            format!("the font path {shown} is a folder, not a font file"),
            "name the font file itself, e.g. fonts = [\"fonts/NotoSansSC-Regular.otf\"]",
        ));
    }
    if !meta.is_file() {
        // a named pipe or a device: reading it could block forever or never end
        return Err(problem(
            format!("the font path {shown} is not a regular file (a device, pipe or socket)"),
            "name a .ttf or .otf font file",
        ));
    }
    if meta.len() > FONT_MAX_BYTES {
        return Err(problem(
            format!(
                "the font file {shown} is {}, more than the {} folio reads",
                megabytes(meta.len()),
                megabytes(FONT_MAX_BYTES)
            ),
            "use a font of one script (Noto Sans SC rather than a pan-Unicode font)",
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(FONT_MAX_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            problem(
                format!("cannot read the font file {shown}: {e}"),
                "check that the file can be read",
            )
        })?;
    FontFace::register(bytes).map_err(|e| problem(format!("the font file {shown} {}", e.message()), e.hint()))
}
