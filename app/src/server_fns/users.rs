//! Accounts, for admins.

use crate::errors::AppError;
use crate::model::UserSummary;
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;

/// Every account of the caller's organization. Admins only.
#[server(prefix = "/api", endpoint = "list_users", output = TextJson)]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use crate::model::Role;
    let admin = crate::auth::require_role(&[Role::Admin])?;
    let db = crate::state::db()?;
    Ok(crate::db::users::list_users(&db, &admin.org_id).await?)
}
