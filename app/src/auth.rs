//! Who is calling: the checks every server function starts with.
//!
//! The server's session middleware resolves the cookie to a [`CurrentUser`]
//! and stores it in the request's extensions; these helpers read it back.
//! A refusal's HTTP status comes from the error itself, set by the server.

use crate::errors::AppError;
use crate::model::{CurrentUser, Role};
use http::request::Parts;
use leptos::prelude::*;

/// The signed-in account, if the request carries a live session.
pub fn current_user() -> Option<CurrentUser> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
}

/// The signed-in account, or a 401.
pub fn require_user() -> Result<CurrentUser, AppError> {
    current_user().ok_or(AppError::Unauthenticated)
}

/// The signed-in account if it has one of `roles`; else a 401 or 403.
pub fn require_role(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if user.has_role(roles) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Roles that manage roles, guides and candidates.
pub use crate::services::access::MANAGERS;

/// The caller if they manage roles, guides and candidates (admins and recruiters).
pub fn require_manager() -> Result<CurrentUser, AppError> {
    require_role(MANAGERS)
}

/// The caller if they may read role `role_id` (the rule is
/// [`crate::services::access::may_read_role`]); a role the caller may not see
/// is reported as not found, so its existence does not leak.
pub async fn require_role_reader(
    db: &crate::db::Db,
    role_id: &str,
) -> Result<CurrentUser, AppError> {
    let user = require_role(&[Role::Admin, Role::Recruiter, Role::HiringManager])?;
    crate::services::access::require_role_reader(db, &user, role_id).await?;
    Ok(user)
}

/// A 404.
pub fn not_found() -> AppError {
    AppError::NotFound
}

/// A 422 for `field`.
pub fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, message)
}
