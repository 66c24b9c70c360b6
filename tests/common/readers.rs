//! Running the programs that read PDFs back. A program that is not installed fails the
//! test with how to install it: nothing here ever skips.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// How to install each program the readers run.
fn install_hint(program: &str) -> &'static str {
    match program {
        "pdftotext" | "pdfinfo" | "pdffonts" | "pdftoppm" => "apt-get install -y poppler-utils",
        "qpdf" => "apt-get install -y qpdf",
        "node" | "npm" => "install Node.js 20.19 or newer, with npm",
        "python3" => "install python3, then pip install -r tests/readers/requirements.txt",
        _ => "run .ci/run, which installs every tool the tests use",
    }
}

/// Run `program` with `args` and return its output, whatever its exit status.
/// A program that cannot be started (not installed) fails the test, naming how to
/// install it.
pub fn run_tool<S: AsRef<OsStr>>(program: &str, args: &[S]) -> Output {
    run_tool_in(program, args, None)
}

fn run_tool_in<S: AsRef<OsStr>>(program: &str, args: &[S], cwd: Option<&Path>) -> Output {
    let mut cmd = Command::new(program);
    cmd.args(args);
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    match cmd.output() {
        Ok(out) => out,
        Err(e) => panic!("cannot run `{program}` ({e}): {}", install_hint(program)),
    }
}
