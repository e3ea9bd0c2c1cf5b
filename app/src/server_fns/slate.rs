//! A role's candidate slate.

use crate::errors::AppError;
use crate::model::Slate;
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The candidates of role `role_id` side by side, sorted by `sort`
/// (`overall`, `name` or a competency id; default overall), for the role's
/// readers; candidates whose panel the caller still owes a scorecard on are
/// withheld.
#[server(prefix = "/api", endpoint = "get_slate", input = Json, output = TextJson)]
pub async fn get_slate(
    role_id: String,
    #[server(default)] sort: Option<String>,
) -> Result<Slate, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    let sort = crate::model::SlateSort::parse(sort.as_deref());
    let threshold = crate::settings::references().aggregate_threshold;
    crate::services::slate::slate_for(&db, &user, &role_id, &sort, threshold).await
}
