//! Each person's own time zone: reading it, the names to choose from, and
//! choosing one. Rules live in `services::time`.

use crate::errors::AppError;
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The caller's time zone (an IANA name), or `None` while they have not
/// chosen one and times are shown to them in UTC.
#[server(prefix = "/api", endpoint = "my_time_zone", input = Json, output = TextJson)]
pub async fn my_time_zone() -> Result<Option<String>, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    Ok(crate::db::users::time_zone(&db, &user.org_id, &user.id).await?)
}

/// Every time zone name a person may choose, sorted.
#[server(prefix = "/api", endpoint = "time_zone_names", input = Json, output = TextJson)]
pub async fn time_zone_names() -> Result<Vec<String>, AppError> {
    crate::auth::require_user()?;
    Ok(crate::services::time::zone_names())
}

/// Sets the caller's time zone and returns its name as stored; an unknown
/// name is a `time_zone` field error.
#[server(prefix = "/api", endpoint = "set_my_time_zone", input = Json, output = TextJson)]
pub async fn set_my_time_zone(time_zone: String) -> Result<String, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::time::set_zone(&db, &user, &time_zone).await
}
