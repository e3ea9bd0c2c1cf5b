//! PDF building blocks: a small layout engine and PDF writer for the
//! interviewer packet, the candidate summary and the slate.
//!
//! This module measures text itself (with ttf-parser, from the same
//! embedded DejaVu Sans and Droid Sans Fallback faces that end up in the
//! file), picks a face per character (DejaVu where it has the glyph, else
//! the CJK face), wraps, paginates, and replaces characters no face can draw
//! with a visible U+FFFD that a note on the same page explains. Faces are
//! embedded as subsets (see `render`).
//!
//! Build a [`Document`], add blocks in reading order, then call
//! [`Document::to_bytes`]:
//!
//! ```
//! use server::pdf::{Document, Paper};
//!
//! let mut doc = Document::new(Paper::A4, "Interview packet");
//! doc.heading(1, "Problem solving").paragraph("Tell me about a time…");
//! let bytes = doc.to_bytes().expect("the embedded fonts parse");
//! assert!(bytes.starts_with(b"%PDF"));
//! ```

mod blocks;
mod chart;
mod document;
mod draw;
mod error;
mod fonts;
mod keep;
mod layout;
mod marginalia;
mod markdown;
mod packet;
mod paper;
mod render;
mod slate;
mod summary;
mod table;
mod text;

pub use chart::ChartRow;
pub use document::Document;
pub use error::PdfError;
pub use packet::{PacketFor, interviewer_packet};
pub use paper::Paper;
pub use slate::candidate_slate;
pub use summary::{candidate_summary, summary_document};
pub use table::{Cell, Column};
