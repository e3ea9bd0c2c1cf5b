//! The caller's home page: their to-do lists.

use crate::errors::AppError;
use crate::model::HomeTodo;
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// What the caller has to do next, by list (see `services::home` for who
/// gets which list).
#[server(prefix = "/api", endpoint = "get_home", input = Json, output = TextJson)]
pub async fn get_home() -> Result<HomeTodo, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::home::todo(&db, &user, crate::db::now_ms()).await
}
