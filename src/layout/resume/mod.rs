//! The one-page résumé: selection and focus ranking (`select`), fitting
//! (`fit`) and the page itself (`compose`).
//!
//! The résumé is always exactly one page. Fitting works in two steps:
//! 1. tighten: lay the content out at a series of densities, from the design's
//!    own down to a floor that stays readable (no text below 8.5 pt);
//! 2. drop: when even the floor is too long, leave out the lowest-priority items in
//!    a fixed order ([`drop_order`]) until it fits, and report each one.
//!
//! The fewest drops that fit at the floor are found by binary search (leaving out
//! more never makes the page longer); then the loosest density that fits with
//! those drops is used, so a résumé is only as dense as it has to be.

mod compose;
mod fit;
mod select;

pub(crate) use compose::lower_first;
pub use compose::{text_sizes, Density, Drop, MIN_TEXT_SIZE};
pub use fit::{densities, drop_order, drop_warnings, fit, Fitted, NoFit, DENSITIES};
pub use select::{matches, select, select_from, Selection};

#[cfg(test)]
mod tests;
