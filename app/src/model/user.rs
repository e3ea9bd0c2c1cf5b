//! The signed-in account as the pages see it.

use super::Role;
use serde::{Deserialize, Serialize};

/// The account behind the current session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// Opaque account id.
    pub id: String,
    /// The organization (tenant) the account belongs to.
    pub org_id: String,
    /// Sign-in email, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// What the account may do.
    pub role: Role,
}

impl CurrentUser {
    /// Whether the account has one of `roles`.
    pub fn has_role(&self, roles: &[Role]) -> bool {
        roles.contains(&self.role)
    }
}

/// One row of the account list an admin sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Opaque id.
    pub id: String,
    /// Sign-in email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
}
