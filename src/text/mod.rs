//! Text, a leaf that layout and export both use: the bundled font faces
//! ([`fonts`]), shaping into glyph runs ([`Shaper`], [`ShapedRun`]) and inline
//! markup in text fields ([`markup`]). It knows nothing of pages or PDFs.

pub mod chars;
mod direct;
pub mod fonts;
mod kern;
pub mod markup;
mod run;
mod shape;
pub mod user;

pub use fonts::{covers, FontFace, Style};
pub use run::{Cluster, Glyph, ShapedRun};
#[cfg(test)]
pub use shape::FixedShaper;
pub use shape::{FontShaper, Runs, Shaper};
