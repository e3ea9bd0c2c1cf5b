//! Who is calling: the checks every server function starts with.
//!
//! The server's session middleware resolves the cookie to a [`CurrentUser`]
//! and stores it in the request's extensions; these helpers read it back and
//! set the HTTP status of a refusal.

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
    current_user().ok_or_else(|| refuse(AppError::Unauthenticated))
}

/// The signed-in account if it has one of `roles`; else a 401 or 403.
pub fn require_role(roles: &[Role]) -> Result<CurrentUser, AppError> {
    let user = require_user()?;
    if user.has_role(roles) {
        Ok(user)
    } else {
        Err(refuse(AppError::Forbidden))
    }
}

/// Sets the response status for `err` and hands it back, so a server
/// function can `return Err(refuse(..))` and the browser sees the right code.
pub fn refuse(err: AppError) -> AppError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(err.status_code())
    {
        response.set_status(status);
    }
    err
}
