//! The candidate summary PDF: `GET /candidates/{id}/summary.pdf?paper=a4|letter`,
//! for admins, recruiters and the hiring managers of the candidate's role
//! who do not owe a scorecard on the candidate's panel.

use crate::pdf::{Paper, candidate_summary};
use crate::routes::download::pdf_response;
use app::db::Db;
use app::errors::AppError;
use app::model::CurrentUser;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;

/// What the route needs besides the request.
#[derive(Clone)]
struct SummaryState {
    db: Db,
    /// References that must answer before their ratings are combined.
    threshold: usize,
}

/// `GET /candidates/{id}/summary.pdf`.
pub fn router(db: Db, config: &crate::config::ServeConfig) -> Router {
    Router::new()
        .route("/candidates/{candidate_id}/summary.pdf", get(summary_pdf))
        .with_state(SummaryState {
            db,
            threshold: usize::from(config.references.reference_threshold),
        })
}

/// Query of the summary route.
#[derive(Debug, Deserialize)]
pub struct SummaryQuery {
    paper: Option<String>,
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "cannot make a candidate summary");
    AppError::Internal.into_response()
}

async fn summary_pdf(
    State(state): State<SummaryState>,
    user: Option<Extension<CurrentUser>>,
    Path(candidate_id): Path<String>,
    Query(q): Query<SummaryQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    // The same rule and assembly as the summary page: role readers only,
    // and never before the caller submitted their own scorecard.
    let summary =
        match app::services::summary::summary_for(&state.db, &user, &candidate_id, state.threshold)
            .await
        {
            Ok(s) => s,
            Err(AppError::Internal) => return internal("assembling the summary failed"),
            Err(e) => return e.into_response(),
        };
    if let Err(e) =
        app::services::audit_log::record_read(&state.db, &user, "summary.pdf", &candidate_id).await
    {
        return e.into_response();
    }
    let paper = match q.paper.as_deref() {
        Some("letter") => Paper::Letter,
        _ => Paper::A4,
    };
    let name = format!("summary {}", summary.candidate_name);
    // Layout takes milliseconds of CPU: keep it off the async workers.
    match tokio::task::spawn_blocking(move || candidate_summary(&summary, paper)).await {
        Ok(Ok(bytes)) => pdf_response(bytes, &name),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}
