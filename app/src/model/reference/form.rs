//! What a referee is asked and answers: the questions with their reference
//! anchors, the answers, and the state of their form.

use super::Relationship;
use serde::{Deserialize, Serialize};

/// The field an error about question `question_id`'s answer names: `part` is
/// `rating` or `comments`. The referee's form places messages by it.
pub fn answer_field(question_id: &str, part: &str) -> String {
    format!("answers.{question_id}.{part}")
}

/// One answer to one reference question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceAnswer {
    /// The guide question answered.
    pub question_id: String,
    /// Proficiency level 1–5, if the referee rated.
    pub rating: Option<u8>,
    /// The referee cannot say (then there is no rating).
    pub cant_say: bool,
    /// Free text.
    pub text: String,
}

impl ReferenceAnswer {
    /// Whether the referee rated or said they cannot.
    pub fn is_answered(&self) -> bool {
        self.rating.is_some() || self.cant_say
    }
}

/// One of the five reference anchors shown beside a rating: what a referee
/// would have seen at that level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorView {
    /// 1–5.
    pub level: u8,
    /// Entry … Expert.
    pub name: String,
    /// What that level looks like (safe HTML).
    pub html: String,
}

/// A reference question ready to show: the candidate's name filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceQuestionView {
    /// Guide question id.
    pub id: String,
    /// Competency id.
    pub competency_id: String,
    /// Competency name.
    pub competency_name: String,
    /// Short title.
    pub title: String,
    /// The question (safe HTML).
    pub html: String,
    /// The competency's five reference anchors (never the interview ones).
    pub anchors: Vec<AnchorView>,
}

/// Where the referee's link stands, as the referee sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RefereeFormState {
    /// Answers can be given.
    Open,
    /// Submitted: only a thank-you is shown.
    Submitted,
    /// The referee declined.
    Declined,
    /// The link expired.
    Expired,
}

/// What the referee's page shows. Questions and the draft are present only
/// while the form is open: a finished reference cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefereeForm {
    /// Where the link stands.
    pub state: RefereeFormState,
    /// The organization asking.
    pub org_name: String,
    /// The recruiter asking.
    pub requester_name: String,
    /// Where the referee can reach them.
    pub requester_email: String,
    /// The candidate.
    pub candidate_name: String,
    /// The role applied for.
    pub role_title: String,
    /// The referee's own name.
    pub referee_name: String,
    /// What the candidate said the referee was to them.
    pub relationship: Relationship,
    /// Whether the referee already agreed to answer.
    pub consented: bool,
    /// When the link stops working.
    pub expires_at: i64,
    /// What is stored, for how long and who reads it (the organization's
    /// text, or the built-in one).
    #[serde(default)]
    pub consent_text: String,
    /// How many references must answer before ratings are combined.
    pub aggregate_threshold: usize,
    /// The questions (empty unless open).
    pub questions: Vec<ReferenceQuestionView>,
    /// The saved draft (empty unless open).
    pub draft: Vec<ReferenceAnswer>,
}

/// One answered question, as the recruiter reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweredQuestion {
    /// The question.
    pub question: ReferenceQuestionView,
    /// The answer.
    pub answer: ReferenceAnswer,
}
