//! Panelkit question banks: the Markdown format, its parser and exporter.
//!
//! One Markdown file describes one competency: its definition, key elements
//! and their behaviors, behavioral anchors for the five proficiency levels,
//! interview and reference-check questions. The format is documented in the
//! crate's `README.md`.
//!
//! - [`parse_str`] and [`parse_file`] read one bank into a [`Competency`],
//!   or return every [`BankError`] in it (`file:line:col: message`).
//! - [`load_banks`] reads files and directories of banks and checks that ids
//!   are unique across them.
//! - [`load_banks_against`] also checks ids against an [`IdRegistry`] of
//!   banks already known (shipped, imported), so a file cannot take an id
//!   that belongs to another competency or silently replace one.
//! - [`to_markdown`] writes a competency back in the same format.
//!
//! The crate has no web or database dependencies and builds for
//! `wasm32-unknown-unknown` (where only the file functions are of no use).

mod error;
mod export;
mod files;
mod level;
mod load;
mod model;
mod parse;
mod registry;

pub use error::BankError;
pub use export::to_markdown;
pub use level::{InvalidLevel, Level};
pub use load::{
    LoadedBank, content_hash, load_banks, load_banks_against, load_text, model_hash, parse_file,
};
pub use model::{
    Anchor, CANDIDATE_PLACEHOLDER, CalibrationSample, Competency, InterviewQuestion, KeyElement,
    QuestionKind, ReferenceQuestion, SampleKind,
};
pub use parse::{IdSite, MAX_FILE_BYTES, parse_str, template_problems};
pub use registry::{IdOwner, IdRegistry, ids_of, same_source};
