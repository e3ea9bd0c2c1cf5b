//! Account administration (admins) and each person's own password; the
//! one-time set-password links are public endpoints authenticated by the
//! link's token alone. Rules live in `services::accounts`.

use crate::errors::AppError;
use crate::model::{AccountView, InviteInput, PasswordLink, PasswordLinkFor, Role};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::services::accounts::LinkDelivery;

    /// Where links point (`base`) and the mailer, from the server's settings.
    pub fn delivery<'a>(
        settings: &'a crate::settings::ReferenceSettings,
        base: &'a str,
    ) -> LinkDelivery<'a> {
        LinkDelivery {
            base_url: base,
            mailer: settings.mailer.as_deref(),
        }
    }

    /// The session token the request carries, under either cookie name.
    pub fn session_token() -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == "panelkit_session" || *n == "__Host-panelkit_session")
            .map(|(_, v)| v.to_owned())
    }
}

/// Every account with its state. Admins only.
#[server(prefix = "/api", endpoint = "list_accounts", input = Json, output = TextJson)]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::accounts::list(&db, &user).await
}

/// Invites a person by email with a role: their account and a one-time
/// link to set a password. Admins only.
#[server(prefix = "/api", endpoint = "invite_user", input = Json, output = TextJson)]
pub async fn invite_user(input: InviteInput) -> Result<PasswordLink, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    let settings = crate::settings::references();
    let base = crate::services::references::invitation::base_url(&settings);
    let delivery = ssr::delivery(&settings, &base);
    crate::services::accounts::invite(&db, &user, &input, delivery).await
}

/// Gives an account another role. Admins only; the last active admin stays one.
#[server(prefix = "/api", endpoint = "set_user_role", input = Json, output = TextJson)]
pub async fn set_user_role(user_id: String, role: Role) -> Result<bool, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::accounts::set_role(&db, &user, &user_id, role).await
}

/// Deactivates (its sessions end at once) or reactivates an account.
/// Admins only; the last active admin stays active.
#[server(prefix = "/api", endpoint = "set_user_active", input = Json, output = TextJson)]
pub async fn set_user_active(user_id: String, active: bool) -> Result<bool, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::accounts::set_active(&db, &user, &user_id, active).await
}

/// A new one-time link for an account to set a new password. Admins only.
#[server(prefix = "/api", endpoint = "reset_password_link", input = Json, output = TextJson)]
pub async fn reset_password_link(user_id: String) -> Result<PasswordLink, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    let settings = crate::settings::references();
    let base = crate::services::references::invitation::base_url(&settings);
    let delivery = ssr::delivery(&settings, &base);
    crate::services::accounts::reset_link(&db, &user, &user_id, delivery).await
}

/// Changes the caller's own password; their other sessions end.
#[server(prefix = "/api", endpoint = "change_own_password", input = Json, output = TextJson)]
pub async fn change_own_password(current: String, new_password: String) -> Result<(), AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    let keep = ssr::session_token();
    crate::services::accounts::change_own_password(
        &db,
        &user,
        &current,
        &new_password,
        keep.as_deref(),
    )
    .await
}

/// Who a one-time set-password link is for, while it works.
#[server(prefix = "/api", endpoint = "password_link_info", input = Json, output = TextJson)]
pub async fn password_link_info(token: String) -> Result<PasswordLinkFor, AppError> {
    let db = crate::state::db()?;
    crate::services::accounts::link_info(&db, &token).await
}

/// Sets a password through a one-time link, which then stops working;
/// returns the account's email for signing in.
#[server(prefix = "/api", endpoint = "set_password_by_link", input = Json, output = TextJson)]
pub async fn set_password_by_link(token: String, password: String) -> Result<String, AppError> {
    let db = crate::state::db()?;
    crate::services::accounts::use_link(&db, &token, &password).await
}
