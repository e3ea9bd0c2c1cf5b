//! Guide rules (server only): what a draft and a publishable guide must
//! satisfy, and the snapshot a published version holds.

pub mod rules;
pub mod snapshot;
