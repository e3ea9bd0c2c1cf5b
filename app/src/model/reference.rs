//! Reference checks: referees, their requests and answers, the referee's
//! form, fraud signals and the per-competency aggregate.

use serde::{Deserialize, Serialize};

/// How a referee knows the candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Relationship {
    /// The candidate reported to them.
    Manager,
    /// They worked side by side.
    Peer,
    /// They reported to the candidate.
    DirectReport,
    /// The candidate served them.
    Client,
}

impl Relationship {
    /// Every relationship, in the order offered to people.
    pub const ALL: [Relationship; 4] = [
        Relationship::Manager,
        Relationship::Peer,
        Relationship::DirectReport,
        Relationship::Client,
    ];

    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Relationship::Manager => "manager",
            Relationship::Peer => "peer",
            Relationship::DirectReport => "direct-report",
            Relationship::Client => "client",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<Relationship> {
        Relationship::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Shown to recruiters: what the referee was to the candidate.
    pub fn label(self) -> &'static str {
        match self {
            Relationship::Manager => "Manager",
            Relationship::Peer => "Peer",
            Relationship::DirectReport => "Direct report",
            Relationship::Client => "Client",
        }
    }
}

/// How a reference was (or is being) taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReferenceMethod {
    /// The referee answers through a one-time link.
    Link,
    /// A recruiter called the referee and recorded the answers.
    Phone,
}

impl ReferenceMethod {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceMethod::Link => "link",
            ReferenceMethod::Phone => "phone",
        }
    }
}

/// Where a reference request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReferenceStatus {
    /// Added, no invitation sent yet.
    NotSent,
    /// Invitation sent, link not opened.
    Sent,
    /// The link was opened.
    Opened,
    /// The referee agreed and started answering.
    InProgress,
    /// Answered (through the link or by phone); final.
    Submitted,
    /// The link expired unanswered.
    Expired,
    /// The referee declined.
    Declined,
}

impl ReferenceStatus {
    /// Shown to recruiters.
    pub fn label(self) -> &'static str {
        match self {
            ReferenceStatus::NotSent => "Not sent",
            ReferenceStatus::Sent => "Sent",
            ReferenceStatus::Opened => "Opened",
            ReferenceStatus::InProgress => "In progress",
            ReferenceStatus::Submitted => "Submitted",
            ReferenceStatus::Expired => "Expired",
            ReferenceStatus::Declined => "Declined",
        }
    }

    /// A CSS-friendly name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceStatus::NotSent => "not-sent",
            ReferenceStatus::Sent => "sent",
            ReferenceStatus::Opened => "opened",
            ReferenceStatus::InProgress => "in-progress",
            ReferenceStatus::Submitted => "submitted",
            ReferenceStatus::Expired => "expired",
            ReferenceStatus::Declined => "declined",
        }
    }

    /// Whether nothing more can happen to the request.
    pub fn is_final(self) -> bool {
        matches!(self, ReferenceStatus::Submitted | ReferenceStatus::Declined)
    }
}

/// The timestamps a status is derived from (UTC milliseconds).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceTimes {
    /// Last invitation sent.
    pub sent_at: Option<i64>,
    /// When the current link stops working.
    pub expires_at: Option<i64>,
    /// First opened.
    pub opened_at: Option<i64>,
    /// Consent given; answering began.
    pub started_at: Option<i64>,
    /// Submitted (or recorded by phone).
    pub submitted_at: Option<i64>,
    /// Declined.
    pub declined_at: Option<i64>,
}

/// Days after an invitation without an answer before it counts as overdue.
pub const OVERDUE_AFTER_DAYS: i64 = 3;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

impl ReferenceTimes {
    /// The status at `now`.
    pub fn status(&self, now: i64) -> ReferenceStatus {
        if self.submitted_at.is_some() {
            ReferenceStatus::Submitted
        } else if self.declined_at.is_some() {
            ReferenceStatus::Declined
        } else if self.sent_at.is_none() {
            ReferenceStatus::NotSent
        } else if self.expires_at.is_some_and(|e| e <= now) {
            ReferenceStatus::Expired
        } else if self.started_at.is_some() {
            ReferenceStatus::InProgress
        } else if self.opened_at.is_some() {
            ReferenceStatus::Opened
        } else {
            ReferenceStatus::Sent
        }
    }

    /// Whether the recruiter should follow up: an invitation unanswered for
    /// [`OVERDUE_AFTER_DAYS`] or more, or one that expired unanswered.
    pub fn is_overdue(&self, now: i64) -> bool {
        match self.status(now) {
            ReferenceStatus::Expired => true,
            ReferenceStatus::Sent | ReferenceStatus::Opened | ReferenceStatus::InProgress => self
                .sent_at
                .is_some_and(|s| now - s >= OVERDUE_AFTER_DAYS * DAY_MS),
            _ => false,
        }
    }
}

/// The details of a referee, as a recruiter enters them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefereeInput {
    /// Full name.
    pub name: String,
    /// Email the invitation goes to.
    pub email: String,
    /// Phone number, for a phone check (may be empty).
    pub phone: String,
    /// What they were to the candidate.
    pub relationship: Relationship,
    /// How long they worked together, in months.
    pub months_worked: u32,
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

/// One of the five anchors shown beside a rating.
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
    /// The competency's five anchors.
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
    /// How many references must answer before ratings are combined.
    /// What is stored, for how long and who reads it (the organization's
    /// text, or the built-in one).
    #[serde(default)]
    pub consent_text: String,
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

/// A phone check's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneCheck {
    /// Who made the call.
    pub called_by: String,
    /// When (UTC milliseconds).
    pub called_at: i64,
}

/// One referee of a candidate with the state of their reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceRequestView {
    /// Opaque id.
    pub id: String,
    /// Who they are.
    pub referee: RefereeInput,
    /// Where it stands.
    pub status: ReferenceStatus,
    /// Whether to follow up.
    pub overdue: bool,
    /// The timestamps.
    pub times: ReferenceTimes,
    /// Invitations sent so far.
    pub send_count: i64,
    /// Why they declined, if they said.
    pub decline_reason: String,
    /// Set when the reference was taken by phone.
    pub phone: Option<PhoneCheck>,
    /// The answers, once submitted.
    pub answers: Vec<AnsweredQuestion>,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_timestamps() {
        let now = 100 * DAY_MS;
        let sent = ReferenceTimes {
            sent_at: Some(now - DAY_MS),
            expires_at: Some(now + 6 * DAY_MS),
            ..ReferenceTimes::default()
        };
        let cases = [
            (
                "never sent",
                ReferenceTimes::default(),
                ReferenceStatus::NotSent,
                false,
            ),
            ("sent yesterday", sent, ReferenceStatus::Sent, false),
            (
                "opened",
                ReferenceTimes {
                    opened_at: Some(now),
                    ..sent
                },
                ReferenceStatus::Opened,
                false,
            ),
            (
                "started four days ago",
                ReferenceTimes {
                    sent_at: Some(now - 4 * DAY_MS),
                    started_at: Some(now - DAY_MS),
                    ..sent
                },
                ReferenceStatus::InProgress,
                true,
            ),
            (
                "expired",
                ReferenceTimes {
                    expires_at: Some(now),
                    ..sent
                },
                ReferenceStatus::Expired,
                true,
            ),
            (
                "submitted after expiry",
                ReferenceTimes {
                    expires_at: Some(now - 1),
                    submitted_at: Some(now - 2),
                    ..sent
                },
                ReferenceStatus::Submitted,
                false,
            ),
            (
                "declined",
                ReferenceTimes {
                    declined_at: Some(now),
                    ..sent
                },
                ReferenceStatus::Declined,
                false,
            ),
        ];
        for (name, times, status, overdue) in cases {
            assert_eq!(times.status(now), status, "{name}");
            assert_eq!(times.is_overdue(now), overdue, "{name}");
        }
    }

    #[test]
    fn relationships_parse_from_their_spelling() {
        for r in Relationship::ALL {
            assert_eq!(Relationship::parse(r.as_str()), Some(r), "{r:?}");
        }
        assert_eq!(Relationship::parse("boss"), None);
    }
}
