//! Storing a scorecard: its status, the caller's stored state, and the
//! versioned, idempotent writes (save, submit, amend) with their outcomes.

use super::ScorecardContent;
use serde::{Deserialize, Serialize};

/// Whether a scorecard is still being written or has been submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScorecardStatus {
    /// Being written; only its author ever sees it.
    Draft,
    /// Submitted and locked; changed only by amendments.
    Submitted,
}

impl ScorecardStatus {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ScorecardStatus::Draft => "draft",
            ScorecardStatus::Submitted => "submitted",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<ScorecardStatus> {
        match s {
            "draft" => Some(ScorecardStatus::Draft),
            "submitted" => Some(ScorecardStatus::Submitted),
            _ => None,
        }
    }
}

/// The caller's own scorecard as stored. Version 0 means nothing saved yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardState {
    /// Grows with every accepted write; the base of the next one.
    pub version: i64,
    /// Draft or submitted.
    pub status: ScorecardStatus,
    /// The content.
    pub content: ScorecardContent,
    /// Last write, UTC milliseconds.
    pub updated_at: Option<i64>,
    /// Submission, UTC milliseconds.
    pub submitted_at: Option<i64>,
    /// Amendments since submission.
    pub amendments: i64,
}

impl ScorecardState {
    /// An interviewer's scorecard before anything was saved.
    pub fn empty() -> Self {
        ScorecardState {
            version: 0,
            status: ScorecardStatus::Draft,
            content: ScorecardContent::default(),
            updated_at: None,
            submitted_at: None,
            amendments: 0,
        }
    }
}

/// One write of a scorecard: a save, a submission or an amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScorecardWrite {
    /// The interview scored.
    pub interview_id: String,
    /// The version this write was made on; a different stored version means
    /// someone else wrote meanwhile and the write is refused.
    pub base_version: i64,
    /// Chosen by the browser (8–64 letters, digits, `-` or `_`); a write
    /// retried with the same key is applied once and answered the same way.
    pub idempotency_key: String,
    /// The whole content (small: a document, not a diff, so a retry is safe).
    pub content: ScorecardContent,
}

/// A write that was committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteAck {
    /// The version the write produced.
    pub version: i64,
    /// When it was committed, UTC milliseconds.
    pub saved_at: i64,
}

/// A write refused because it was not based on the stored version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteConflict {
    /// The version stored now.
    pub current_version: i64,
    /// Its status (a submitted scorecard refuses saves).
    pub status: ScorecardStatus,
    /// When it was last written, UTC milliseconds.
    pub updated_at: Option<i64>,
}

impl WriteConflict {
    /// What the page tells the interviewer.
    pub fn message(&self) -> &'static str {
        match self.status {
            ScorecardStatus::Submitted => {
                "This scorecard was submitted in another tab or window, so this change was not saved. Reload to see what was submitted."
            }
            ScorecardStatus::Draft => {
                "This scorecard was changed in another tab or window, so this change was not saved. Load the saved version, or keep yours and overwrite it."
            }
        }
    }
}

/// The answer to a write. A conflict is an expected outcome of autosave (two
/// tabs, two devices) that carries what the page needs to resolve it, so it
/// is a value here rather than an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteOutcome {
    /// Committed (or committed before, for a retried key).
    Saved(WriteAck),
    /// Refused: the stored version moved on.
    Conflict(WriteConflict),
}
