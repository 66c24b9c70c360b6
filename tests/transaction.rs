//! The output is a transaction: a large `--resume` build killed at 50 moments
//! (half spread over its run, half near its end, where the files are written)
//! never leaves a corrupt PDF. Each output is afterwards the
//! old file or the new one, byte for byte; an old résumé beside a new portfolio
//! happens only when the kill lands between the two final renames (then the new
//! résumé is already complete in its synced temporary file), and the count of how
//! often that happened is printed. The next build leaves no temporary file behind.
//!
//! Every file of a build is in that one transaction, the applications' files in
//! their nested folders too: a build with applications that fails late (an overlong
//! letter in the last application, or a write error on the very last file) leaves
//! every earlier output file untouched.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::files_under;

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

/// A content file with two applications, the second (`engine-co`) with a letter of
/// `paragraphs` paragraphs; `name` is the person's name, printed in every file.
fn with_applications(name: &str, paragraphs: usize) -> String {
    let para = "The engine weaves algebraical patterns just as the Jacquard loom weaves flowers and \
                leaves, and I would like to tell you at length why that matters for your work. "
        .repeat(6);
    let body = vec![para.trim(); paragraphs].join("\n\n");
    format!(
        "[profile]\nname = \"{name}\"\nheadline = \"Analyst\"\n\n\
         [[systems]]\nid = \"notes\"\ntitle = \"Notes on the engine\"\ntags = [\"Mathematics\"]\n\
         summary = \"A program for the engine.\"\n\n\
         [[applications]]\nid = \"brief\"\ncompany = \"Brief Ltd\"\nrole = \"Writer\"\nletter = \"Short.\"\n\n\
         [[applications]]\nid = \"engine-co\"\ncompany = \"Engine Co\"\nrole = \"Programmer\"\n\
         letter = \"\"\"\n{body}\n\"\"\"\n"
    )
}

fn every_format_and_application(content: &Path, out: &Path) -> folio::BuildOptions {
    folio::BuildOptions {
        outputs: folio::Outputs {
            portfolio: true,
            resume: true,
        },
        applications: folio::Applications::All,
        formats: folio::Formats {
            pdf: true,
            txt: true,
            md: true,
            json: true,
        },
        ..folio::BuildOptions::new(content, out)
    }
}

const EVERY_FILE: [&str; 17] = [
    "applications/brief/cover-letter.md",
    "applications/brief/cover-letter.pdf",
    "applications/brief/cover-letter.txt",
    "applications/brief/resume.md",
    "applications/brief/resume.pdf",
    "applications/brief/resume.txt",
    "applications/engine-co/cover-letter.md",
    "applications/engine-co/cover-letter.pdf",
    "applications/engine-co/cover-letter.txt",
    "applications/engine-co/resume.md",
    "applications/engine-co/resume.pdf",
    "applications/engine-co/resume.txt",
    "portfolio.json",
    "portfolio.pdf",
    "resume.md",
    "resume.pdf",
    "resume.txt",
];

#[test]
fn an_application_build_that_fails_late_leaves_every_earlier_file() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let (content, out) = (dir.join("p.toml"), dir.join("out"));
    fs::write(&content, with_applications("Ada Lovelace", 1)).unwrap();
    folio::build(&every_format_and_application(&content, &out)).unwrap();
    let before = files_under(&out);
    let names: Vec<&str> = before.keys().map(|p| p.to_str().unwrap()).collect();
    assert_eq!(names, EVERY_FILE);

    // Every file would change (a new name), but the last application's letter is
    // now too long: the build fails after everything else was made, and writes nothing.
    fs::write(&content, with_applications("Ada King", 30)).unwrap();
    let failed = folio::build(&every_format_and_application(&content, &out)).unwrap_err();
    assert!(failed.written.is_empty());
    let said: Vec<&str> = failed.report.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        said.iter()
            .any(|m| m.starts_with("application `engine-co`: the cover letter does not fit")),
        "{said:?}"
    );
    assert!(
        files_under(&out) == before,
        "an overlong last letter changed an earlier file"
    );

    // A write error on the very last file, after every other one was written and
    // synced to its temporary file: a folder holds that file's temporary name.
    fs::write(&content, with_applications("Ada King", 1)).unwrap();
    let last = out.join("applications/engine-co");
    let blocker = last.join(format!(".cover-letter.md.{}.tmp", std::process::id()));
    fs::create_dir(&blocker).unwrap();
    let failed = folio::build(&every_format_and_application(&content, &out)).unwrap_err();
    assert!(failed.written.is_empty());
    let message = &failed.report.diagnostics.last().unwrap().message;
    assert!(
        message.starts_with("cannot write") && message.contains("cover-letter.md"),
        "{message}"
    );
    fs::remove_dir(&blocker).unwrap();
    assert!(
        files_under(&out) == before,
        "a failed last write changed an earlier file"
    );

    // Without the blocker the same build replaces every file: each one was at stake.
    folio::build(&every_format_and_application(&content, &out)).unwrap();
    let after = files_under(&out);
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>());
    for (name, bytes) in &before {
        assert_ne!(&after[name], bytes, "{} did not change", name.display());
    }
}
