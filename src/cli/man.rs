//! `folio man`: a man page per command, from the clap definitions (clap_mangen),
//! so every flag is documented where `man` looks.

use std::path::Path;

use clap::CommandFactory;
use folio::diag::{Diagnostic, Location};

use super::args::Args;
use super::print::Printer;

/// `folio man [DIR]`: every page into DIR, or `folio.1` on stdout.
pub fn man(dir: Option<&Path>, out: &Printer) -> bool {
    let pages = match pages() {
        Ok(pages) => pages,
        Err(e) => {
            out.problem(Diagnostic::error(
                Location::None,
                format!("cannot make the man pages: {e}"),
            ));
            return false;
        }
    };
    let Some(dir) = dir else {
        // the first page is folio.1, which lists the others as folio-build(1), ...
        out.stdout(&String::from_utf8_lossy(&pages[0].1));
        return true;
    };
    for (name, roff) in &pages {
        let path = dir.join(name);
        if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, roff)) {
            out.problem(
                Diagnostic::error(Location::None, format!("cannot write {}: {e}", path.display()))
                    .with_hint("give `folio man` a folder you can write to"),
            );
            return false;
        }
        out.line(&format!("wrote {}", path.display()));
    }
    true
}

/// `folio.1`, then a page for each command that is not hidden (`folio-build.1`,
/// ...), each as its file name and roff text.
fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = Args::command().disable_help_subcommand(true);
    // names the subcommands `folio-build` and so on
    cmd.build();
    let mut pages = vec![page(&cmd)?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(page(sub)?);
    }
    Ok(pages)
}

fn page(cmd: &clap::Command) -> std::io::Result<(String, Vec<u8>)> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut roff = Vec::new();
    man.render(&mut roff)?;
    Ok((man.get_filename(), roff))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_listing_its_flags() {
        let pages = pages().unwrap();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "folio.1",
                "folio-build.1",
                "folio-check.1",
                "folio-init.1",
                "folio-schema.1",
                "folio-import.1",
                "folio-completions.1",
                "folio-man.1"
            ]
        );
        let build = String::from_utf8_lossy(&pages[1].1);
        for flag in ["out\\-dir", "strict\\-fit", "focus", "deny\\-warnings", "watch", "only"] {
            assert!(build.contains(flag), "folio-build.1 lacks --{flag}:\n{build}");
        }
        let main = String::from_utf8_lossy(&pages[0].1);
        assert!(main.contains("folio\\-build(1)"), "{main}");
    }
}
