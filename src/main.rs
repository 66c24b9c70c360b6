//! The `folio` command: parse the flags (clap), run the command ([`cli::run`]),
//! which prints through one [`cli::Printer`], and exit with its status (0
//! success, 1 content errors or stale PDFs, 2 command-line misuse).

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc: a third faster than glibc's malloc on long portfolios (built
/// without transparent huge pages, which made a two-page build's arena resident
/// at once), asked through [`cli::alloc`].
#[global_allocator]
static GLOBAL: cli::alloc::Allocator = cli::alloc::Allocator;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let out = cli::Printer::new(args.format());
    cli::run(args, &out)
}
