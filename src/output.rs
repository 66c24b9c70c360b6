//! Writing output files atomically: a temporary file in the same folder, then a
//! rename over the target, so readers see either the old file or the new one,
//! never a half-written PDF.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Location};

/// Write `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(Location::None, format!("cannot {what} {}: {e}", dir.display()))
            .with_hint("choose a folder you can write to with --out-dir")
    };
    fs::create_dir_all(dir).map_err(|e| fail("create the output folder", e))?;
    if path.is_dir() {
        return Err(Diagnostic::error(
            Location::None,
            format!("cannot write {}: it is a folder", path.display()),
        )
        .with_hint("remove the folder or choose another --out-dir"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(
            Diagnostic::error(Location::None, format!("cannot write {}: {e}", path.display()))
                .with_hint("check that the output folder is writable, or choose another with --out-dir"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("folio-out-{}", std::process::id()));
        let path = dir.join("sub").join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_in_the_way_is_an_error() {
        let dir = std::env::temp_dir().join(format!("folio-out-dir-{}", std::process::id()));
        fs::create_dir_all(dir.join("a.pdf")).unwrap();
        assert!(write_atomic(&dir.join("a.pdf"), b"x").is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
