//! Rater analytics: the interviewers admins and recruiters may look at, and
//! one interviewer's figures (anyone may read their own).
//!
//! Thin: who may see whom is decided in `services::access`, the figures in
//! `services::rater_analytics`. Both count submitted scorecards only.

use crate::errors::AppError;
use crate::model::rater::{RaterReport, RaterSummary};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Every interviewer with a submitted scorecard, by name: admins and
/// recruiters only.
#[server(prefix = "/api", endpoint = "list_raters", input = Json, output = TextJson)]
pub async fn list_raters() -> Result<Vec<RaterSummary>, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::rater_analytics::list_raters(&db, &user).await
}

/// The rater figures of interviewer `rater_id`, or of the caller when it is
/// absent. Admins and recruiters read anyone's; everyone else only their
/// own (another's is answered 404).
#[server(prefix = "/api", endpoint = "get_rater_figures", input = Json, output = TextJson)]
pub async fn get_rater_figures(
    #[server(default)] rater_id: Option<String>,
) -> Result<RaterReport, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    let rater_id = rater_id.unwrap_or_else(|| user.id.clone());
    crate::services::rater_analytics::report_for(&db, &user, &rater_id).await
}
