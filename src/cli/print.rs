//! The one place the command prints: reports and summaries on stderr (for
//! people, in colour when stderr is a terminal, or as JSON lines), results on
//! stdout. Colour is decided once, when the printer is made.

use std::io::{IsTerminal, Write};

use folio::diag::{self, Diagnostic, Format, Report};

use super::args::FormatArg;

pub struct Printer {
    format: Format,
}

impl Printer {
    /// A printer for `--format`; for people, colour unless stderr is not a
    /// terminal or `NO_COLOR` is set (and not empty).
    pub fn new(format: FormatArg) -> Printer {
        let format = match format {
            FormatArg::Json => Format::Json,
            FormatArg::Human => Format::Human {
                color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            },
        };
        Printer { format }
    }

    /// Whether output is for people (not JSON lines).
    pub fn human(&self) -> bool {
        matches!(self.format, Format::Human { .. })
    }

    /// Every diagnostic of a report, on stderr.
    pub fn report(&self, report: &Report) {
        let mut err = std::io::stderr().lock();
        diag::emit(&mut err, self.format, report.source.as_ref(), &report.diagnostics);
    }

    /// One diagnostic about no file, on stderr.
    pub fn problem(&self, d: Diagnostic) {
        self.report(&Report {
            source: None,
            diagnostics: vec![d],
        });
    }

    /// The closing line of a report, for people only (JSON output holds just the diagnostics).
    pub fn summary(&self, d: Diagnostic) {
        if self.human() {
            self.problem(d);
        }
    }

    /// A line of progress on stderr, whatever the format.
    pub fn status(&self, line: &str) {
        eprintln!("{line}");
    }

    /// A line for people on stderr; nothing in JSON output.
    pub fn note(&self, line: &str) {
        if self.human() {
            eprintln!("{line}");
        }
    }

    /// A line of the result on stdout.
    pub fn line(&self, line: &str) {
        println!("{line}");
    }

    /// The result on stdout, as it is; a closed pipe (`folio schema | head`) is not an error.
    pub fn stdout(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    }
}
