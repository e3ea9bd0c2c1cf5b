//! Downloads about candidate data: a candidate's export archive
//! (`GET /candidates/{id}/export.zip`, admins) and the audit log as CSV
//! (`GET /audit.csv?…filter…`, admins and recruiters). Both are recorded in
//! the audit log.

use crate::routes::download::safe_filename;
use app::db::Db;
use app::errors::AppError;
use app::model::{AuditFilter, CurrentUser};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

#[derive(Clone)]
struct DataState {
    db: Db,
    threshold: usize,
}

/// The routes.
pub fn router(db: Db, config: &crate::config::ServeConfig) -> Router {
    Router::new()
        .route("/candidates/{candidate_id}/export.zip", get(export_zip))
        .route("/audit.csv", get(audit_csv))
        .with_state(DataState {
            db,
            threshold: usize::from(config.references.reference_threshold),
        })
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "cannot make a candidate-data download");
    AppError::Internal.into_response()
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

async fn export_zip(
    State(state): State<DataState>,
    user: Option<Extension<CurrentUser>>,
    Path(candidate_id): Path<String>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    let export =
        match app::services::export::export_for(&state.db, &user, &candidate_id, state.threshold)
            .await
        {
            Ok(e) => e,
            Err(AppError::Internal) => return internal("assembling the export failed"),
            Err(e) => return e.into_response(),
        };
    let name = format!("{}.zip", safe_filename(&export.name));
    match tokio::task::spawn_blocking(move || {
        crate::candidate_export::archive(&export, crate::pdf::Paper::A4)
    })
    .await
    {
        Ok(Ok(bytes)) => attachment(bytes, "application/zip", &name),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}

async fn audit_csv(
    State(state): State<DataState>,
    user: Option<Extension<CurrentUser>>,
    Query(filter): Query<AuditFilter>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    match app::services::audit_log::csv(&state.db, &user, &filter).await {
        Ok(csv) => attachment(csv.into_bytes(), "text/csv; charset=utf-8", "audit-log.csv"),
        Err(AppError::Internal) => internal("reading the audit log failed"),
        Err(e) => e.into_response(),
    }
}
