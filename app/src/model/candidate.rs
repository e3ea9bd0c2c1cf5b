//! Candidates, their pipeline and their scheduled interviews.

use serde::{Deserialize, Serialize};

/// Where a candidate stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PipelineStatus {
    /// Added, nothing done yet.
    New,
    /// In screening.
    Screening,
    /// Interviews under way.
    Interviewing,
    /// References being checked.
    References,
    /// Offer made.
    Offer,
    /// Hired.
    Hired,
    /// Not going ahead.
    Rejected,
    /// Withdrew.
    Withdrawn,
}

impl PipelineStatus {
    /// Every status, in pipeline order.
    pub const ALL: [PipelineStatus; 8] = [
        PipelineStatus::New,
        PipelineStatus::Screening,
        PipelineStatus::Interviewing,
        PipelineStatus::References,
        PipelineStatus::Offer,
        PipelineStatus::Hired,
        PipelineStatus::Rejected,
        PipelineStatus::Withdrawn,
    ];

    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PipelineStatus::New => "new",
            PipelineStatus::Screening => "screening",
            PipelineStatus::Interviewing => "interviewing",
            PipelineStatus::References => "references",
            PipelineStatus::Offer => "offer",
            PipelineStatus::Hired => "hired",
            PipelineStatus::Rejected => "rejected",
            PipelineStatus::Withdrawn => "withdrawn",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<PipelineStatus> {
        PipelineStatus::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// Shown to people.
    pub fn label(self) -> &'static str {
        match self {
            PipelineStatus::New => "New",
            PipelineStatus::Screening => "Screening",
            PipelineStatus::Interviewing => "Interviewing",
            PipelineStatus::References => "Reference checks",
            PipelineStatus::Offer => "Offer",
            PipelineStatus::Hired => "Hired",
            PipelineStatus::Rejected => "Not proceeding",
            PipelineStatus::Withdrawn => "Withdrawn",
        }
    }
}

/// The fields of a new candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateInput {
    /// Full name as the candidate writes it.
    pub name: String,
    /// Email.
    pub email: String,
    /// Recruiter's notes (Markdown).
    pub notes: String,
}

/// A candidate in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateSummary {
    /// Opaque id.
    pub id: String,
    /// The role applied for.
    pub role_id: String,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Pipeline status.
    pub status: PipelineStatus,
    /// Interviews scheduled.
    pub interviews: i64,
}

/// A panel member of one interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelMember {
    /// Account id.
    pub user_id: String,
    /// Name.
    pub name: String,
    /// Competency ids they focus on; empty means all of the stage's.
    pub focus: Vec<String>,
    /// The same competencies by name, as the interview's guide version
    /// calls them: what people read.
    #[serde(default)]
    pub focus_names: Vec<String>,
}

/// A scheduled interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterviewSummary {
    /// Opaque id.
    pub id: String,
    /// Stage id in the guide version.
    pub stage_id: String,
    /// Stage name.
    pub stage_name: String,
    /// Guide version it follows.
    pub guide_version: i64,
    /// When, UTC milliseconds, if set.
    pub scheduled_at: Option<i64>,
    /// When it ends, UTC milliseconds, if set (always after `scheduled_at`).
    #[serde(default)]
    pub ends_at: Option<i64>,
    /// Start and end in the viewer's time zone, the zone named; empty
    /// without a time. Formatted by the server, which holds the zone data.
    #[serde(default)]
    pub when: String,
    /// The panel.
    pub panel: Vec<PanelMember>,
}

/// Everything about one candidate that the recruiter's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateDetail {
    /// Opaque id.
    pub id: String,
    /// The role.
    pub role_id: String,
    /// Role title.
    pub role_title: String,
    /// Name, email, notes.
    pub input: CandidateInput,
    /// Notes rendered to safe HTML.
    pub notes_html: String,
    /// Pipeline status.
    pub status: PipelineStatus,
    /// Interviews, earliest first.
    pub interviews: Vec<InterviewSummary>,
    /// Whether the caller may change the candidate and schedule interviews.
    pub viewer_can_manage: bool,
    /// Whether the caller administers candidate data (export, holds, erasure).
    #[serde(default)]
    pub viewer_is_admin: bool,
    /// The caller's time zone, in which times are shown and typed; `None`
    /// while they have not chosen one (then UTC).
    #[serde(default)]
    pub viewer_time_zone: Option<String>,
    /// Reminders sent to panel members about their scorecards, latest per
    /// seat; only for recruiters and admins (to a panel member who has not
    /// submitted, it would tell who else is late).
    #[serde(default)]
    pub panel_reminders: Vec<super::PanelReminder>,
    /// Whether their personal data was erased: the page then offers nothing
    /// more to record about them.
    #[serde(default)]
    pub erased: bool,
}

/// A request to schedule one stage with one candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleInput {
    /// The candidate.
    pub candidate_id: String,
    /// The stage of the role's latest published guide.
    pub stage_id: String,
    /// When, UTC milliseconds, if known.
    pub scheduled_at: Option<i64>,
    /// When it ends, UTC milliseconds; only with a start, and after it.
    #[serde(default)]
    pub ends_at: Option<i64>,
    /// The start as typed in a `datetime-local` picker (`2026-03-10T09:00`),
    /// read in the caller's time zone; when given it replaces `scheduled_at`.
    #[serde(default)]
    pub starts_local: String,
    /// The end, likewise; when given it replaces `ends_at`.
    #[serde(default)]
    pub ends_local: String,
    /// Panel: account id and focus competency ids (empty = all).
    pub panel: Vec<(String, Vec<String>)>,
}

/// The scheduled interview, with anything the recruiter should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleResult {
    /// The new interview.
    pub interview_id: String,
    /// E.g. a panel size that differs from other candidates'.
    pub warnings: Vec<String>,
}
