//! The `folio` command: parse the flags (clap), run the command ([`cli::run`]),
//! which prints through one [`cli::Printer`], and exit with its status (0
//! success, 1 content errors or stale PDFs, 2 command-line misuse).

mod cli;

use clap::Parser;

/// mimalloc: a third faster than glibc's malloc on long portfolios (built
/// without transparent huge pages, which made a two-page build's arena resident
/// at once), asked through [`cli::alloc`].
#[global_allocator]
static GLOBAL: cli::alloc::Allocator = cli::alloc::Allocator;

fn main() {
    let args = cli::Args::parse();
    let out = cli::Printer::new(args.format());
    exit(cli::run(args, &out))
}

/// End the process with `code` once all it printed is out, without running the
/// allocator's teardown: at exit a statically linked mimalloc hands every page
/// it holds back to the system, one `madvise` per 64 KiB (267 calls after
/// `sample 100 --full`, each flushing the other cores' TLBs), for memory the
/// kernel frees anyway when the process ends. Every file is written, synced and
/// renamed into place before this.
fn exit(code: u8) -> ! {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: `_exit` ends the process at once; nothing is left to run.
    unsafe { libc::_exit(i32::from(code)) }
}
