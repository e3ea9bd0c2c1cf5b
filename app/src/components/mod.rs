//! Reusable widgets.

pub mod nav;
