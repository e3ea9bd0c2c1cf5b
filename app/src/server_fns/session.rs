//! Who is signed in.

use crate::errors::AppError;
use crate::model::CurrentUser;
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;

/// The account of the caller's session, or `None` when signed out.
#[server(prefix = "/api", endpoint = "session_user", output = TextJson)]
pub async fn session_user() -> Result<Option<CurrentUser>, AppError> {
    Ok(crate::auth::current_user())
}
