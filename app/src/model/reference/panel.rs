//! What the recruiter's references panel shows and sends: the combined
//! ratings, the invitation's outcome and a phone check.

use super::{FraudSignal, ReferenceAnswer, ReferenceRequestView};
use serde::{Deserialize, Serialize};

/// References' ratings of one competency, combined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyReferenceRating {
    /// Competency id (the same ids as the interviews').
    pub competency_id: String,
    /// Competency name.
    pub name: String,
    /// References that rated it.
    pub references: usize,
    /// Mean of the references' ratings (each reference's own mean first);
    /// `None` while fewer than the threshold rated it.
    pub mean: Option<f64>,
}

/// The per-competency reference ratings of a candidate, held back until
/// enough references answered that no single referee can be singled out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceAggregate {
    /// References that must have answered.
    pub threshold: usize,
    /// References answered so far.
    pub answered: usize,
    /// One entry per competency asked about; empty below the threshold.
    pub competencies: Vec<CompetencyReferenceRating>,
}

/// Everything the references panel of a candidate shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateReferences {
    /// The candidate's name.
    pub candidate_name: String,
    /// The referees, oldest first.
    pub requests: Vec<ReferenceRequestView>,
    /// Signals worth a second look.
    pub signals: Vec<FraudSignal>,
    /// The combined ratings.
    pub aggregate: ReferenceAggregate,
    /// Whether invitations are emailed (else the recruiter sends the link).
    pub mail_configured: bool,
    /// Whether the role's published guide has reference questions.
    pub questions_ready: bool,
    /// Whether the caller may add, invite, record and review.
    pub can_manage: bool,
}

/// What became of an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteResult {
    /// Whether it was emailed to the referee.
    pub emailed: bool,
    /// The one-time link, when the recruiter must send it; shown once.
    pub link: Option<String>,
    /// A message to send with it.
    pub message: String,
    /// Why sending failed, if it did.
    pub mail_error: Option<String>,
    /// When the link stops working (UTC milliseconds).
    pub expires_at: i64,
}

/// A reference taken by phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneCheckInput {
    /// Who made the call.
    pub called_by: String,
    /// When, as `YYYY-MM-DDTHH:MM` in UTC; empty for now.
    pub called_at: String,
    /// The answers.
    pub answers: Vec<ReferenceAnswer>,
}
