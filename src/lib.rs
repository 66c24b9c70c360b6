//! folio: one TOML file describing an engineer's work becomes a typeset,
//! paginated portfolio PDF and a one-page résumé.
//!
//! A build runs in stages, each a module with one job:
//!
//! 1. [`content`]: TOML text → validated [`model::Portfolio`], every mistake
//!    collected as a [`diag::Diagnostic`] pointing into the file;
//! 2. [`layout`]: model → pages of positioned items ([`layout::frame`]), pure and
//!    PDF-free, measuring text through [`text`] (rustybuzz over the bundled fonts);
//! 3. [`export`]: pages → PDF bytes (the only module that uses printpdf);
//! 4. [`output`]: bytes → file, atomically, so a failed build never leaves a
//!    broken or half-written PDF behind.
//!
//! Besides the PDFs, [`formats`] writes the résumé as plain text and Markdown and
//! the portfolio as a JSON Resume, and [`pipeline::applications`] makes a tailored résumé
//! and a one-page cover letter ([`layout::letter`]) for each job applied to.
//!
//! [`pipeline`] runs them in order and reports exactly what was written; the
//! commands other than `build` and `check` live in [`commands`]. The `folio`
//! binary only parses flags, resolves them into [`BuildOptions`], calls the
//! pipeline and prints what it reports.

pub mod commands;
pub mod content;
pub mod diag;
pub mod export;
pub mod formats;
pub mod layout;
pub mod model;
pub mod output;
pub mod pipeline;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;

pub use formats::Formats;
pub use pipeline::{
    base_dir, build, build_many, check, compare, render, render_portfolio, render_resume, Applications, BuildOptions,
    Built, Failed, Files, Freshness, Outputs, Rendered,
};
