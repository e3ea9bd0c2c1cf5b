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

/// How many accounts a people search sends at most: a small organisation
/// fits in one answer, and a larger one is searched by name.
pub const PEOPLE_PAGE: usize = 50;

/// The longest people search accepted, in characters: longer than any
/// name or email, short enough that a search stays cheap.
pub const PEOPLE_QUERY_MAX: usize = 200;

/// The organisation's active accounts matching a search, interviewers
/// first, then by name: whom a hiring team or a panel is picked from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    /// Up to [`PEOPLE_PAGE`] of them.
    pub people: Vec<UserSummary>,
    /// More match than were sent: the picker asks for more of a name.
    pub more: bool,
}
