//! Fraud signals: things about a candidate's references worth a second look,
//! and recruiters' reviews of them.

use serde::{Deserialize, Serialize};

/// The kinds of fraud signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignalKind {
    /// Two referees answered from the same network address.
    SameAddress,
    /// The referee's email is at the candidate's own email domain.
    CandidateDomain,
    /// The form was completed faster than the text could be typed.
    FastCompletion,
    /// A "manager" gave a free-mail address.
    FreeMailManager,
}

/// The newest review of a signal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalReview {
    /// The recruiter's note.
    pub note: String,
    /// Who reviewed.
    pub reviewed_by: String,
    /// When (UTC milliseconds).
    pub reviewed_at: i64,
}

/// Something about a candidate's references worth a second look, with its
/// likely innocent explanations. Nothing is decided from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FraudSignal {
    /// Stable key, for reviews.
    pub key: String,
    /// Kind.
    pub kind: SignalKind,
    /// The requests concerned.
    pub request_ids: Vec<String>,
    /// What was observed, in a sentence.
    pub summary: String,
    /// Likely innocent explanations.
    pub explanations: Vec<String>,
    /// The newest review, if any.
    pub review: Option<SignalReview>,
}
