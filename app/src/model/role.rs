//! The roles a Panelkit account can have.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What an account may do. Stored as its [`Role::as_str`] spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Manages users and question banks; sees the audit log.
    Admin,
    /// Builds roles, guides and candidates; invites referees.
    Recruiter,
    /// Scores the interviews assigned to them.
    Interviewer,
    /// Reads summaries of their roles' candidates and records decisions.
    HiringManager,
}

impl Role {
    /// Every role, in the order they are listed to people.
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Recruiter,
        Role::Interviewer,
        Role::HiringManager,
    ];

    /// The stored and command-line spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Recruiter => "recruiter",
            Role::Interviewer => "interviewer",
            Role::HiringManager => "hiring-manager",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Admin",
            Role::Recruiter => "Recruiter",
            Role::Interviewer => "Interviewer",
            Role::HiringManager => "Hiring manager",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role spelling that is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role \"{0}\" (expected admin, recruiter, interviewer or hiring-manager)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_parses_from_its_own_spelling() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role), "{role:?}");
        }
    }

    #[test]
    fn an_unknown_role_names_the_allowed_ones() {
        let err = "boss".parse::<Role>().unwrap_err();
        assert!(err.to_string().contains("hiring-manager"), "{err}");
    }
}
