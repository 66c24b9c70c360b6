//! The files folio reads: the content file and the files it names (the photo, and
//! fonts). Two rules hold for all of them:
//!
//! - only regular files are read: a named pipe, a device or a socket is refused at
//!   once, from its type, and is never opened in a way that could block
//!   ([`open_regular`], [`read_limited`]);
//! - a file the content names lies inside the content file's folder, or inside the
//!   folder `--root` gives, as Typst does ([`Folders::resolve`]): an absolute path,
//!   a `..` that climbs out, or a symbolic link that leads out is an error, so that
//!   content from an untrusted pull request cannot embed any file of the machine.

use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::diag::{display_path, Diagnostic, Location};

/// Where the files a content file names are looked for (`base`, the content file's
/// folder) and the folder they must lie in (`root`: `base`, or `--root`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folders {
    pub base: PathBuf,
    pub root: PathBuf,
}

impl Folders {
    /// Files resolved from `base`, and confined to it.
    pub fn new(base: &Path) -> Folders {
        Folders {
            base: base.to_path_buf(),
            root: base.to_path_buf(),
        }
    }

    /// The folders of the content file at `content`: its own folder, confined to it.
    pub fn of(content: &Path) -> Folders {
        Folders::new(content_folder(content))
    }

    /// The same, confined to `root` instead when one is given (`--root DIR`).
    pub fn with_root(self, root: Option<&Path>) -> Folders {
        match root {
            Some(root) => Folders {
                root: root.to_path_buf(),
                ..self
            },
            None => self,
        }
    }

    /// The file a content value names (`what`: "photo"), relative to the
    /// content file's folder, when it lies inside the root folder.
    ///
    /// Checked twice: lexically first (an absolute path or a `..` that climbs out
    /// is refused without looking at the disk), then, when the file exists, where
    /// it really is once symbolic links are followed. A file that does not exist is
    /// returned, for the caller to say so.
    pub fn resolve(&self, value: &str, what: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.base.join(value);
        let root = normalize(&self.root);
        let lexical = normalize(&path);
        let linked = match (fs::canonicalize(&path), fs::canonicalize(&self.root)) {
            (Ok(real), Ok(real_root)) if !real.starts_with(&real_root) => Some(real),
            _ => None,
        };
        if lexical.starts_with(&root) && linked.is_none() {
            return Ok(path);
        }
        let shown_root = match display_path(&self.root) {
            r if r.is_empty() || r == "." => "the current folder".to_string(),
            r => r,
        };
        // The link as written (not where it leads on this machine), when the file
        // itself is one; else a folder on the way is.
        let how = match (&linked, fs::read_link(&path)) {
            (Some(_), Ok(to)) if lexical.starts_with(&root) => {
                format!(": it is a symbolic link to {}", display_path(&to))
            }
            (Some(_), Err(_)) if lexical.starts_with(&root) => ": a symbolic link on its way leads out".to_string(),
            _ => String::new(),
        };
        let whose = if self.root == self.base {
            "the folder of the content file"
        } else {
            "the --root folder"
        };
        Err(Diagnostic::error(
            Location::None,
            format!("the {what} `{value}` is outside {whose} ({shown_root}){how}"),
        )
        .with_hint(format!(
            "files a portfolio names must lie in its folder or below it: move the {what} there, \
             or let folio read a wider folder with --root DIR"
        )))
    }
}

/// The folder of a file, against which relative paths in it resolve (`.` for a
/// bare file name).
pub fn content_folder(content: &Path) -> &Path {
    match content.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path` made absolute (from the current folder) with `.` and `..` worked out
/// lexically, without looking at the disk.
fn normalize(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What kind of file a path is, when it is not one folio reads.
#[derive(Debug)]
pub enum NotAFile {
    /// There is nothing there.
    Missing,
    Folder,
    /// A named pipe, a device or a socket: what kind, in words ("a named pipe (FIFO)").
    Special(&'static str),
    /// Larger than the limit: its size in bytes.
    TooBig(u64),
    /// It could not be opened or read.
    Io(io::Error),
}

/// A special file's kind, in words; `None` for a regular file or a folder.
fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Open a regular file for reading, refusing anything else from its type without
/// waiting: the file is opened non-blocking (opening a named pipe with no writer
/// would wait forever) and its type checked again on the open handle, so that it
/// cannot be swapped for a pipe in between.
pub fn open_regular(path: &Path) -> Result<(fs::File, fs::Metadata), NotAFile> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => NotAFile::Missing,
        _ => NotAFile::Io(e),
    })?;
    if meta.is_dir() {
        return Err(NotAFile::Folder);
    }
    if let Some(kind) = special_kind(&meta) {
        return Err(NotAFile::Special(kind));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(NotAFile::Io)?;
    let meta = file.metadata().map_err(NotAFile::Io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(NotAFile::Special(kind));
    }
    if meta.is_dir() {
        return Err(NotAFile::Folder);
    }
    Ok((file, meta))
}

/// The bytes of the regular file at `path`, of at most `max` bytes: refused from
/// its size before reading, and read no further than `max` + 1 should it grow.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, NotAFile> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(NotAFile::TooBig(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(NotAFile::Io)?;
    if bytes.len() as u64 > max {
        return Err(NotAFile::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_inside_the_folder_resolve_and_others_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("content");
        fs::create_dir_all(base.join("img")).unwrap();
        fs::write(base.join("img/me.png"), b"x").unwrap();
        fs::write(dir.path().join("secret.png"), b"x").unwrap();
        let folders = Folders::new(&base);
        assert_eq!(folders.resolve("img/me.png", "photo").unwrap(), base.join("img/me.png"));
        assert_eq!(
            folders.resolve("./img/../img/me.png", "photo").unwrap(),
            base.join("./img/../img/me.png")
        );
        // Missing files are the caller's to report.
        assert!(folders.resolve("nope.png", "photo").is_ok());
        for outside in ["../secret.png", "img/../../secret.png", "/etc/passwd"] {
            let d = folders.resolve(outside, "photo").unwrap_err();
            assert!(
                d.message.contains("is outside the folder of the content file"),
                "{}",
                d.message
            );
            assert!(d.hint.unwrap().contains("--root DIR"));
        }
        // --root widens the folder.
        let wide = Folders::new(&base).with_root(Some(dir.path()));
        assert!(wide.resolve("../secret.png", "photo").is_ok());
        assert!(wide.resolve("../../secret.png", "photo").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_that_leads_out_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("content");
        fs::create_dir_all(&base).unwrap();
        fs::write(dir.path().join("secret.png"), b"x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.png"), base.join("me.png")).unwrap();
        fs::write(base.join("real.png"), b"x").unwrap();
        std::os::unix::fs::symlink("real.png", base.join("alias.png")).unwrap();
        let folders = Folders::new(&base);
        let d = folders.resolve("me.png", "photo").unwrap_err();
        assert!(d.message.contains("symbolic link to"), "{}", d.message);
        assert!(folders.resolve("alias.png", "photo").is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo (coreutils) is needed");
        assert!(matches!(
            read_limited(&fifo, 10),
            Err(NotAFile::Special("a named pipe (FIFO)"))
        ));
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 10),
            Err(NotAFile::Special("a device"))
        ));
        assert!(matches!(read_limited(dir.path(), 10), Err(NotAFile::Folder)));
        assert!(matches!(
            read_limited(&dir.path().join("none"), 10),
            Err(NotAFile::Missing)
        ));
        fs::write(dir.path().join("big"), [b'a'; 11]).unwrap();
        assert!(matches!(
            read_limited(&dir.path().join("big"), 10),
            Err(NotAFile::TooBig(11))
        ));
        assert_eq!(read_limited(&dir.path().join("big"), 11).unwrap().len(), 11);
        let socket = std::os::unix::net::UnixListener::bind(dir.path().join("sock")).unwrap();
        assert!(matches!(
            read_limited(&dir.path().join("sock"), 10),
            Err(NotAFile::Special("a socket"))
        ));
        drop(socket);
    }
}
