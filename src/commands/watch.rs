//! `folio build --watch`: build, then rebuild on every save of a content file or
//! of the photo it names.
//!
//! The folders holding those files are watched (inotify on Linux, through
//! `notify`), not the files themselves, so a save by rename (write a temporary
//! file, rename it over the original, as many editors do) is seen like any other.
//! Events are debounced ([`DEBOUNCE`]): the burst of events one save makes is one
//! rebuild. Reading a file is not a change (the build itself reads the content
//! and the photo). A failed build writes nothing, so the last good PDFs stay in place.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};

use crate::pipeline::{base_dir, build, BuildOptions, Built, Failed};

/// How long the files must be quiet after an event before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(40);

/// What one build gave, and how long it took.
pub struct Outcome<'a> {
    pub opts: &'a BuildOptions,
    pub result: Result<Built, Failed>,
    pub took: Duration,
    /// The first build, before anything changed.
    pub first: bool,
}

/// One content file being watched.
struct Target {
    opts: BuildOptions,
    /// The content file and its photo, as absolute paths of the watched folders
    /// joined with the file names (what the watcher reports).
    content: PathBuf,
    photo: Option<PathBuf>,
}

/// Build every one of `builds`, then rebuild each whenever its content file or
/// photo changes, calling `report` after every build. Returns only when the watcher
/// fails (an error to show).
pub fn watch(builds: &[BuildOptions], mut report: impl FnMut(Outcome<'_>)) -> Result<(), String> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch for changes: {e}"))?;
    let mut watched: HashSet<PathBuf> = HashSet::new();
    let mut targets: Vec<Target> = builds
        .iter()
        .map(|opts| Target {
            content: absolute(&opts.content),
            photo: photo_of(&opts.content),
            opts: opts.clone(),
        })
        .collect();
    let mut watch_dirs = |targets: &[Target]| -> Result<(), String> {
        for t in targets {
            for (file, required) in [(Some(&t.content), true), (t.photo.as_ref(), false)] {
                let Some(dir) = file.and_then(|f| f.parent()) else {
                    continue;
                };
                if watched.contains(dir) {
                    continue;
                }
                match watcher.watch(dir, RecursiveMode::NonRecursive) {
                    Ok(()) => {
                        watched.insert(dir.to_path_buf());
                    }
                    // A photo in a missing folder is reported by the build.
                    Err(_) if !required => {}
                    Err(e) => return Err(format!("cannot watch {}: {e}", dir.display())),
                }
            }
        }
        Ok(())
    };
    // Watch before the first build, so that a save during it is not missed.
    watch_dirs(&targets)?;
    for t in &targets {
        run(t, true, &mut report);
    }
    loop {
        // Wait for a change to one of the files, then until they have been quiet for DEBOUNCE.
        let mut changed: HashSet<PathBuf> = HashSet::new();
        let mut deadline: Option<Instant> = None;
        loop {
            let event = match deadline {
                None => rx.recv().map_err(|_| "the file watcher stopped".to_string())?,
                Some(d) => match rx.recv_timeout(d.saturating_duration_since(Instant::now())) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Err("the file watcher stopped".into()),
                },
            };
            let event = match event {
                Ok(event) if is_change(event.kind) => event,
                Ok(_) => continue,
                // Events may have been lost (a full queue): rebuild everything.
                Err(_) => {
                    changed.extend(targets.iter().map(|t| t.content.clone()));
                    deadline = Some(Instant::now() + DEBOUNCE);
                    continue;
                }
            };
            let ours: Vec<PathBuf> = event
                .paths
                .into_iter()
                .filter(|p| {
                    targets
                        .iter()
                        .any(|t| *p == t.content || t.photo.as_ref().is_some_and(|photo| p == photo))
                })
                .collect();
            if !ours.is_empty() {
                changed.extend(ours);
                deadline = Some(Instant::now() + DEBOUNCE);
            }
        }
        for t in targets.iter_mut() {
            if changed.contains(&t.content) || t.photo.as_ref().is_some_and(|p| changed.contains(p)) {
                run(t, false, &mut report);
                // The content may name another photo now.
                if let Some(photo) = photo_of(&t.opts.content) {
                    t.photo = Some(photo);
                }
            }
        }
        watch_dirs(&targets)?;
    }
}

/// Whether an event may have changed a file: anything but reading it.
fn is_change(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn run(t: &Target, first: bool, report: &mut impl FnMut(Outcome<'_>)) {
    let start = Instant::now();
    let result = build(&t.opts);
    report(Outcome {
        opts: &t.opts,
        result,
        took: start.elapsed(),
        first,
    });
}

/// `path` with its folder made absolute and free of symbolic links (as the watcher
/// reports paths), whether or not the file itself exists right now.
fn absolute(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_path_buf());
    match path.file_name() {
        Some(name) => dir.join(name),
        None => dir,
    }
}

/// The photo a content file names, if it can be read and names one.
fn photo_of(content: &Path) -> Option<PathBuf> {
    let photo = crate::content::photo_path(&fs::read_to_string(content).ok()?)?;
    Some(absolute(&base_dir(content).join(photo)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_absolute_whether_or_not_the_file_exists() {
        let here = fs::canonicalize(".").unwrap();
        assert_eq!(absolute(Path::new("missing.toml")), here.join("missing.toml"));
        assert_eq!(absolute(Path::new("src/lib.rs")), here.join("src/lib.rs"));
    }

    #[test]
    fn the_photo_is_found_next_to_the_content() {
        let dir = std::env::temp_dir().join(format!("folio-watch-unit-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let content = dir.join("p.toml");
        fs::write(&content, "[profile]\nname = \"A\"\nphoto = \" me.png \"\n").unwrap();
        let canonical = fs::canonicalize(&dir).unwrap();
        assert_eq!(photo_of(&content), Some(canonical.join("me.png")));
        fs::write(&content, "[profile]\nname = \"A\"\n").unwrap();
        assert_eq!(photo_of(&content), None);
        fs::write(&content, "[profile\n").unwrap();
        assert_eq!(photo_of(&content), None);
        fs::remove_dir_all(&dir).unwrap();
    }
}
