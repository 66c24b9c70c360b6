//! The output is a transaction: a large `--resume` build killed at 50 moments
//! (half spread over its run, half near its end, where the files are written)
//! never leaves a corrupt PDF. Each output is afterwards the
//! old file or the new one, byte for byte; an old résumé beside a new portfolio
//! happens only when the kill lands between the two final renames (then the new
//! résumé is already complete in its synced temporary file), and the count of how
//! often that happened is printed. The next build leaves no temporary file behind.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILLS: usize = 50;

fn folio(dir: &Path, content: &str, out: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_folio"));
    c.args(["build", content, "--resume", "--out-dir", out])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn build(dir: &Path, content: &str, out: &str) {
    let status = folio(dir, content, out).status().unwrap();
    assert!(status.success(), "folio build {content} failed");
}

/// The temporary files in `dir` (folio's pattern: `.NAME.PID.tmp`).
fn temps(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect();
    names.sort();
    names
}

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        below.mul_f64((self.0 % 1_000_000) as f64 / 1_000_000.0)
    }
}

#[test]
fn a_killed_build_never_leaves_a_corrupt_pdf() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let old = folio::testing::sample(30);
    let new = old.replacen("name = \"Test Person\"", "name = \"Test Person Junior\"", 1);
    assert_ne!(old, new);
    fs::write(dir.join("old.toml"), &old).unwrap();
    fs::write(dir.join("new.toml"), &new).unwrap();

    build(dir, "old.toml", "old");
    let start = Instant::now();
    build(dir, "new.toml", "new");
    let took = start.elapsed();
    let read = |p: &str| fs::read(dir.join(p)).unwrap();
    let (old_p, old_r) = (read("old/portfolio.pdf"), read("old/resume.pdf"));
    let (new_p, new_r) = (read("new/portfolio.pdf"), read("new/resume.pdf"));
    assert!(old_p != new_p && old_r != new_r, "the two builds differ");

    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    let mut moments = Moments(0x9E37_79B9_7F4A_7C15);
    let (mut untouched, mut finished, mut mixed, mut with_temps) = (0, 0, 0, 0);
    for i in 0..KILLS {
        // The previous good build, as it was.
        fs::write(out.join("portfolio.pdf"), &old_p).unwrap();
        fs::write(out.join("resume.pdf"), &old_r).unwrap();
        let mut child = folio(dir, "new.toml", "out").spawn().unwrap();
        let pid = child.id();
        // Half the kills anywhere in the run, half near its end, where the files are written.
        let at = if i % 2 == 0 {
            moments.next(took.mul_f64(1.1))
        } else {
            took.mul_f64(0.85) + moments.next(took.mul_f64(0.25))
        };
        std::thread::sleep(at);
        let _ = child.kill();
        child.wait().unwrap();

        let (p, r) = (
            fs::read(out.join("portfolio.pdf")).unwrap(),
            fs::read(out.join("resume.pdf")).unwrap(),
        );
        assert!(
            p == old_p || p == new_p,
            "kill {i}: portfolio.pdf is neither the old nor the new file"
        );
        assert!(
            r == old_r || r == new_r,
            "kill {i}: resume.pdf is neither the old nor the new file"
        );
        let left = temps(&out);
        if !left.is_empty() {
            with_temps += 1;
        }
        match (p == new_p, r == new_r) {
            (false, false) => untouched += 1,
            (true, true) => finished += 1,
            (true, false) => {
                // Killed between the renames: the résumé was already complete.
                mixed += 1;
                let tmp = out.join(format!(".resume.pdf.{pid}.tmp"));
                assert_eq!(
                    fs::read(&tmp).ok().as_deref(),
                    Some(new_r.as_slice()),
                    "kill {i}: an old résumé beside a new portfolio, but the new résumé was not complete"
                );
            }
            (false, true) => panic!("kill {i}: the résumé was replaced before the portfolio"),
        }
    }
    eprintln!(
        "{KILLS} kills over a {took:?} build: {untouched} left the old files, {finished} came after the new ones \
         were in place, {mixed} landed between the final renames (old résumé, new portfolio); \
         {with_temps} left temporary files"
    );
    assert_eq!(untouched + finished + mixed, KILLS);

    // The next build finishes and removes what the killed ones left.
    build(dir, "new.toml", "out");
    assert_eq!(temps(&out), Vec::<String>::new());
    assert_eq!(fs::read(out.join("portfolio.pdf")).unwrap(), new_p);
    assert_eq!(fs::read(out.join("resume.pdf")).unwrap(), new_r);
}
