//! The one-page résumé: selection and focus ranking (`select`), fitting
//! (`fit`) and the page itself (`compose`).
//!
//! The résumé is always exactly one page, in the theme's design (its type
//! scale, spacing, margins, accent treatment and photo shape). Fitting works in
//! two steps:
//! 1. tighten: lay the content out at a series of densities ([`densities`]), from
//!    a point and a half above the design's body size (at most [`MAX_BODY`]) down
//!    to a floor that stays readable (no text below 8.5 pt);
//! 2. drop: when even the floor is too long, leave out the lowest-priority items in
//!    a fixed order ([`drop_order`], older items first by their dates) until it
//!    fits, and report each one.
//!
//! The fewest drops that fit at the floor are found by binary search (leaving out
//! more never makes the page longer); then the loosest density that fits with
//! those drops is used, so a résumé is only as dense as it has to be. A sparse
//! résumé, one that fits the loosest density with room to spare, opens up its
//! spacing as far as the page allows, up to [`MAX_GAP`].

mod compose;
mod fit;
mod select;

pub(crate) use compose::lower_first;
pub use compose::{text_sizes, Density, Drop, MIN_TEXT_SIZE};
pub use fit::{densities, drop_order, drop_warnings, fit, oldest_first, Fitted, NoFit, MAX_BODY, MAX_GAP};
pub use select::{matches, select, select_from, Selection};

#[cfg(test)]
mod tests;
