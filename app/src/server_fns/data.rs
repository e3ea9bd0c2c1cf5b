//! Candidate data from start to end: the audit log, legal holds, erasure
//! and the organization's data settings (retention, referee consent text).
//! Rules live in `services::{audit_log, holds, erasure, retention}`.

use crate::errors::AppError;
use crate::model::{AuditFilter, AuditPage, DataSettings, HoldScope, LegalHold};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// One page of the audit log: admins see every entry, recruiters those
/// about roles and candidates.
#[server(prefix = "/api", endpoint = "list_audit", input = Json, output = TextJson)]
pub async fn list_audit(filter: AuditFilter) -> Result<AuditPage, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::audit_log::page(&db, &user, &filter).await
}

/// The organization's retention rule and referee consent text. Admins only.
#[server(prefix = "/api", endpoint = "get_data_settings", input = Json, output = TextJson)]
pub async fn get_data_settings() -> Result<DataSettings, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::retention::settings(&db, &user).await
}

/// Saves the organization's data settings. Admins only.
#[server(prefix = "/api", endpoint = "save_data_settings", input = Json, output = TextJson)]
pub async fn save_data_settings(settings: DataSettings) -> Result<(), AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::retention::save_settings(&db, &user, &settings).await
}

/// Legal holds, all or those on the given candidates and roles. Admins only.
#[server(prefix = "/api", endpoint = "list_holds", input = Json, output = TextJson)]
pub async fn list_holds(subject_ids: Option<Vec<String>>) -> Result<Vec<LegalHold>, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    let ids: Option<Vec<&str>> = subject_ids
        .as_ref()
        .map(|v| v.iter().map(String::as_str).collect());
    crate::services::holds::list(&db, &user, ids.as_deref()).await
}

/// Places a legal hold on a candidate or a role, with a reason. Admins only.
#[server(prefix = "/api", endpoint = "place_hold", input = Json, output = TextJson)]
pub async fn place_hold(
    scope: HoldScope,
    subject_id: String,
    reason: String,
) -> Result<String, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::holds::place(&db, &user, scope, &subject_id, &reason).await
}

/// Lifts a legal hold, with a reason. Admins only.
#[server(prefix = "/api", endpoint = "lift_hold", input = Json, output = TextJson)]
pub async fn lift_hold(hold_id: String, reason: String) -> Result<(), AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::holds::lift(&db, &user, &hold_id, &reason).await
}

/// Erases a candidate's personal data, with a reason; refused under a
/// legal hold. Admins only. False when they were already erased.
#[server(prefix = "/api", endpoint = "erase_candidate", input = Json, output = TextJson)]
pub async fn erase_candidate(candidate_id: String, reason: String) -> Result<bool, AppError> {
    let db = crate::state::db()?;
    let user = crate::auth::require_user()?;
    crate::services::erasure::erase(&db, &user, &candidate_id, &reason).await
}
