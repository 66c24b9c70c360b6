//! Writing the PDFs of a build as one transaction: every file is written in full
//! and synced to a temporary file beside its target before any is renamed into
//! place, so a failure while writing (a full disk, a kill) leaves every old file
//! as it was; only a failure between the final renames, which take microseconds,
//! can leave some new files beside old ones.
//!
//! - Temporary files are named `.<name>.<pid>.tmp`. Those left by a build that was
//!   killed are removed by the next build into the same folder: only names of that
//!   pattern, only when the process they name is gone.
//! - An existing file keeps its permissions.
//! - An output that is a symbolic link is refused: the output folder may come from
//!   a checked-out repository, and writing through a link there would let it point
//!   a build at any file the user can write.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};

/// Write `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_all(&[(path.to_path_buf(), bytes)])
        .map(|_| ())
        .map_err(|(d, _)| d)
}

/// Write every file, as one transaction: all written and synced to temporary files
/// first, then renamed into place in order. On failure, the diagnostic and the
/// files already renamed into place (none unless a rename failed).
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<Vec<PathBuf>, (Diagnostic, Vec<PathBuf>)> {
    let nothing = |d: Diagnostic| (d, Vec::new());
    for (path, _) in files {
        prepare_folder(path).map_err(nothing)?;
    }
    let mut temps: Vec<PathBuf> = Vec::new();
    let remove = |temps: &[PathBuf]| {
        for t in temps {
            let _ = fs::remove_file(t);
        }
    };
    for (path, bytes) in files {
        let tmp = temp_path(path);
        let written = write_temp(&tmp, path, bytes);
        temps.push(tmp);
        if let Err(e) = written {
            remove(&temps);
            return Err(nothing(cannot_write(path, &e)));
        }
    }
    let mut done = Vec::new();
    for (i, ((path, _), tmp)) in files.iter().zip(&temps).enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            remove(&temps[i..]);
            return Err((cannot_write(path, &e), done));
        }
        done.push(path.clone());
    }
    // The renames themselves reach the disk with their folders.
    for path in &done {
        if let Ok(dir) = fs::File::open(folder(path)) {
            let _ = dir.sync_all();
        }
    }
    Ok(done)
}

fn cannot_write(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(Location::None, format!("cannot write {}: {e}", path.display()))
        .with_hint("check that the output folder is writable and has room, or choose another with --out-dir")
}

/// The folder a file is written in.
fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `.<name>.<pid>.tmp` beside `path`.
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// The folder made, the target checked (not a folder, not a symbolic link), and
/// the temporary files of killed builds in it removed.
fn prepare_folder(path: &Path) -> Result<(), Diagnostic> {
    let dir = folder(path);
    fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::error(
            Location::None,
            format!("cannot create the output folder {}: {e}", dir.display()),
        )
        .with_hint("choose a folder you can write to with --out-dir")
    })?;
    if let Ok(meta) = fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            let to = fs::read_link(path)
                .map(|t| format!(" (to {})", t.display()))
                .unwrap_or_default();
            return Err(Diagnostic::error(
                Location::None,
                format!(
                    "cannot write {}: it is a symbolic link{to}, and folio does not write through links",
                    path.display()
                ),
            )
            .with_hint(
                "remove the link (folio then writes a file in its place), or give --out-dir the folder it points into",
            ));
        }
        if meta.is_dir() {
            return Err(Diagnostic::error(
                Location::None,
                format!("cannot write {}: it is a folder", path.display()),
            )
            .with_hint("remove the folder or choose another --out-dir"));
        }
    }
    remove_stale_temps(dir);
    Ok(())
}

/// Write and sync the temporary file, with the permissions of the file it replaces.
fn write_temp(tmp: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // A file of this name is left by an earlier process of the same id.
    let _ = fs::remove_file(tmp);
    let mut f = fs::OpenOptions::new().write(true).create_new(true).open(tmp)?;
    f.write_all(bytes)?;
    if let Ok(meta) = fs::metadata(target) {
        f.set_permissions(meta.permissions())?;
    }
    f.sync_all()
}

/// The process id in a name of folio's temporary-file pattern, `.<name>.<pid>.tmp`.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (stem, pid) = rest.rsplit_once('.')?;
    if stem.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether the process `pid` is running (or might be: when in doubt, yes).
fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // Signal 0 checks that the process exists without touching it.
        // SAFETY: kill with signal 0 sends nothing; it only reports.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Remove the temporary files that builds killed before they finished left in `dir`.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let me = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && pid != me && !alive(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn a_folder_in_the_way_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a.pdf")).unwrap();
        assert!(write_atomic(&dir.path().join("a.pdf"), b"x").is_err());
    }

    #[test]
    fn a_failure_while_writing_leaves_every_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
        fs::write(&a, "old a").unwrap();
        fs::write(&b, "old b").unwrap();
        // The second temporary file cannot be made: a folder holds its name.
        fs::create_dir(temp_path(&b)).unwrap();
        let (d, done) = write_all(&[(a.clone(), b"new a"), (b.clone(), b"new b")]).unwrap_err();
        assert!(d.message.starts_with("cannot write"), "{}", d.message);
        assert!(done.is_empty());
        assert_eq!(fs::read(&a).unwrap(), b"old a");
        assert_eq!(fs::read(&b).unwrap(), b"old b");
        assert!(!temp_path(&a).exists(), "the first temporary file is removed");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_links_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.pdf");
        fs::write(&a, "old").unwrap();
        fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&a, b"new").unwrap();
        assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o640);

        let target = dir.path().join("elsewhere.pdf");
        fs::write(&target, "keep").unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let (d, _) = write_all(&[(a.clone(), b"newer"), (link.clone(), b"x")]).unwrap_err();
        assert!(d.message.contains("is a symbolic link"), "{}", d.message);
        assert_eq!(fs::read(&target).unwrap(), b"keep");
        assert_eq!(
            fs::read(&a).unwrap(),
            b"new",
            "nothing is written when one target is refused"
        );
    }

    #[cfg(unix)]
    #[test]
    fn temporary_files_of_gone_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // A process id that cannot be running (above the kernel's limit), one that
        // is (this one's parent), and names that are not folio's pattern.
        let gone = dir.path().join(".portfolio.pdf.4194305.tmp");
        let parent = std::os::unix::process::parent_id();
        let running = dir.path().join(format!(".resume.pdf.{parent}.tmp"));
        let others = [".portfolio.pdf.tmp", "portfolio.pdf.123.tmp", ".x.12a.tmp", "notes.txt"];
        for p in [&gone, &running] {
            fs::write(p, "partial").unwrap();
        }
        for o in others {
            fs::write(dir.path().join(o), "keep").unwrap();
        }
        write_atomic(&dir.path().join("portfolio.pdf"), b"new").unwrap();
        assert!(!gone.exists());
        assert!(running.exists());
        for o in others {
            assert!(dir.path().join(o).exists(), "{o}");
        }
        assert_eq!(temp_owner(".portfolio.pdf.77.tmp"), Some(77));
        assert_eq!(temp_owner("..77.tmp"), None);
    }
}
