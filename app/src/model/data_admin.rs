//! Account administration, the audit log, legal holds, retention and the
//! referee consent text, as the admin pages see them.

use super::Role;
use serde::{Deserialize, Serialize};

/// One account in the admin list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// Opaque id.
    pub id: String,
    /// Sign-in email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// False once deactivated.
    pub active: bool,
    /// True until the person has set a password through their invitation.
    pub invited: bool,
}

/// An invitation to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteInput {
    /// Sign-in email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
}

/// A one-time link to set a password, for an admin to pass on (or that was
/// mailed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLink {
    /// The account.
    pub user_id: String,
    /// The link (shown once; only its hash is stored).
    pub link: String,
    /// When it stops working (UTC ms).
    pub expires_at: i64,
    /// Whether it was sent by mail.
    pub emailed: bool,
}

/// What a one-time password link is for, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLinkFor {
    /// The account's email.
    pub email: String,
    /// The account's name.
    pub name: String,
    /// True for an invitation, false for a reset.
    pub invitation: bool,
}

/// Which audit entries to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Entries about this candidate (their interviews, scorecards,
    /// references and decisions included).
    #[serde(default)]
    pub candidate_id: String,
    /// Entries about this role and everything of its candidates.
    #[serde(default)]
    pub role_id: String,
    /// Entries by this account.
    #[serde(default)]
    pub actor_id: String,
    /// Entries whose action starts with this, e.g. `candidate.` or `user.invite`.
    #[serde(default)]
    pub action: String,
    /// From this day (YYYY-MM-DD, UTC), inclusive.
    #[serde(default)]
    pub from: String,
    /// Until this day (YYYY-MM-DD, UTC), inclusive.
    #[serde(default)]
    pub to: String,
    /// The page, from 1.
    #[serde(default)]
    pub page: i64,
}

/// One audit entry as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Opaque id.
    pub id: String,
    /// When (UTC ms).
    pub at: i64,
    /// Who acted (empty for the command line or the system).
    pub actor_id: String,
    /// Their name, if the account exists.
    pub actor_name: String,
    /// What was done.
    pub action: String,
    /// What it was done to.
    pub subject: String,
    /// Detail as JSON text.
    pub detail: String,
    /// The client address, if the change came through the web.
    pub client_addr: String,
}

/// One page of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Entries, newest first.
    pub rows: Vec<AuditRow>,
    /// Entries matching the filter in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Entries per page.
    pub per_page: i64,
}

/// Entries per page of the audit log.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// What a legal hold covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HoldScope {
    /// One candidate.
    Candidate,
    /// Every candidate of a role.
    Role,
}

impl HoldScope {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            HoldScope::Candidate => "candidate",
            HoldScope::Role => "role",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<HoldScope> {
        match s {
            "candidate" => Some(HoldScope::Candidate),
            "role" => Some(HoldScope::Role),
            _ => None,
        }
    }
}

/// One legal hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalHold {
    /// Opaque id.
    pub id: String,
    /// What it covers.
    pub scope: HoldScope,
    /// The candidate's or role's id.
    pub subject_id: String,
    /// A label for the subject (candidate name or role title).
    pub subject_label: String,
    /// Why it was placed.
    pub reason: String,
    /// Who placed it.
    pub placed_by: String,
    /// When (UTC ms).
    pub placed_at: i64,
    /// When it was lifted, if it was.
    pub lifted_at: Option<i64>,
    /// Why it was lifted.
    pub lift_reason: String,
}

/// When retention anonymises candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RetentionRule {
    /// Never: data stays until erased by hand.
    Off,
    /// N days after a final decision (hire or no hire).
    AfterDecision,
    /// N days after the last change to anything about the candidate.
    AfterInactivity,
}

impl RetentionRule {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RetentionRule::Off => "off",
            RetentionRule::AfterDecision => "after_decision",
            RetentionRule::AfterInactivity => "after_inactivity",
        }
    }

    /// From the stored name.
    pub fn parse(s: &str) -> Option<RetentionRule> {
        match s {
            "off" => Some(RetentionRule::Off),
            "after_decision" => Some(RetentionRule::AfterDecision),
            "after_inactivity" => Some(RetentionRule::AfterInactivity),
            _ => None,
        }
    }

    /// How the settings page names it.
    pub fn label(self) -> &'static str {
        match self {
            RetentionRule::Off => "Keep until erased by hand",
            RetentionRule::AfterDecision => "Anonymise N days after a hire or no-hire decision",
            RetentionRule::AfterInactivity => "Anonymise N days after the last activity",
        }
    }
}

/// The organization's data settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSettings {
    /// When candidates are anonymised.
    pub retention_rule: RetentionRule,
    /// The N of the rule, in days (1 to 3650).
    pub retention_days: i64,
    /// What referees read before they consent: what is stored, for how
    /// long, who reads it. Empty means [`DEFAULT_CONSENT_TEXT`].
    pub referee_consent_text: String,
}

/// The consent text referees read when the organization has set none.
pub const DEFAULT_CONSENT_TEXT: &str = "We store your name, email and phone number, your working relationship with the candidate and your answers. Only the hiring team of this role (recruiters, the hiring manager and interviewers) and administrators read them. We keep them while the candidate is considered and for as long as our retention policy says, then delete them; a candidate may ask for a copy of what is held about them.";

/// The longest consent text accepted.
pub const MAX_CONSENT_CHARS: usize = 4_000;

/// A candidate due for anonymisation, or anonymised, by retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionItem {
    /// The candidate.
    pub candidate_id: String,
    /// Their role.
    pub role_id: String,
    /// Why they are due.
    pub why: String,
}
