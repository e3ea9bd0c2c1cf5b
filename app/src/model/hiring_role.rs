//! Roles (job openings): their competency profile and hiring team.

use serde::{Deserialize, Serialize};

/// What a person does on a role's hiring team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamRole {
    /// Runs the process for the role.
    Recruiter,
    /// Decides; reads summaries.
    HiringManager,
    /// Sits on panels.
    Interviewer,
}

impl TeamRole {
    /// Every team role.
    pub const ALL: [TeamRole; 3] = [
        TeamRole::Recruiter,
        TeamRole::HiringManager,
        TeamRole::Interviewer,
    ];

    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Recruiter => "recruiter",
            TeamRole::HiringManager => "hiring-manager",
            TeamRole::Interviewer => "interviewer",
        }
    }

    /// Reads the stored spelling.
    pub fn parse(s: &str) -> Option<TeamRole> {
        TeamRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Shown to people.
    pub fn label(self) -> &'static str {
        match self {
            TeamRole::Recruiter => "Recruiter",
            TeamRole::HiringManager => "Hiring manager",
            TeamRole::Interviewer => "Interviewer",
        }
    }
}

/// A role in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    /// Opaque id.
    pub id: String,
    /// Job title.
    pub title: String,
    /// Department or team.
    pub department: String,
    /// Number of candidates.
    pub candidates: i64,
    /// Latest published guide version, if any.
    pub published_version: Option<i64>,
}

/// The editable fields of a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleInput {
    /// Job title (required).
    pub title: String,
    /// Department or team.
    pub department: String,
    /// What the role is for (Markdown).
    pub description: String,
}

/// One competency of a role's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileEntry {
    /// Competency id.
    pub competency_id: String,
    /// Proficiency level the role requires, 1–5.
    pub required_level: u8,
    /// Relative weight, 1–5.
    pub weight: u8,
}

/// A profile entry with the competency's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCompetency {
    /// Competency id.
    pub competency_id: String,
    /// Competency name.
    pub name: String,
    /// Required level, 1–5.
    pub required_level: u8,
    /// Weight, 1–5.
    pub weight: u8,
}

/// A person on a role's hiring team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    /// Account id.
    pub user_id: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Their part in this role's hiring.
    pub team_role: TeamRole,
    /// Their account's role.
    pub account: super::Role,
}

/// Everything about one role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDetail {
    /// Opaque id.
    pub id: String,
    /// Title, department, description.
    pub input: RoleInput,
    /// The competency profile, in order.
    pub competencies: Vec<RoleCompetency>,
    /// The hiring team.
    pub team: Vec<TeamMember>,
    /// Latest published guide version, if any.
    pub published_version: Option<i64>,
    /// Whether the caller may change the role (set by the server function,
    /// so the server's rendering and the browser's agree).
    pub viewer_can_manage: bool,
}
