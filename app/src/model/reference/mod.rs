//! Reference checks: referees, their requests and answers, the referee's
//! form, fraud signals and the per-competency aggregate.
//!
//! This module holds the referee and the request's life cycle; [`form`] what
//! a referee is asked and answers, [`signals`] the fraud signals, and
//! [`panel`] what the recruiter's references panel shows.

mod form;
mod panel;
mod signals;

pub use form::*;
pub use panel::*;
pub use signals::*;

use crate::errors::FieldError;
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

impl RefereeInput {
    /// Checks a referee's details; the error names the field at fault.
    pub fn check(&self) -> Result<(), FieldError> {
        let input = self;
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(FieldError::new(
                "name".into(),
                "a referee needs a name of at most 200 characters".into(),
            ));
        }
        if let Err(e) = crate::model::Email::parse(&input.email) {
            return Err(FieldError::new("email".into(), e.to_string()));
        }
        let phone = input.phone.trim();
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
        if !phone.is_empty()
            && (phone.chars().count() > 40 || !phone.chars().all(allowed) || digits < 6)
        {
            return Err(FieldError::new(
                "phone".into(),
                "a phone number of digits, spaces and + - ( ) . (at least 6 digits), or empty"
                    .into(),
            ));
        }
        if input.months_worked > 600 {
            return Err(FieldError::new(
                "months_worked".into(),
                "at most 600 months (50 years)".into(),
            ));
        }
        Ok(())
    }
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
    /// The latest reminder the referee was sent, if any.
    #[serde(default)]
    pub reminded: Option<crate::model::ReminderNote>,
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
