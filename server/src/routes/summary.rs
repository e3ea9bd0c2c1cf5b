//! The candidate summary PDF: `GET /candidates/{id}/summary.pdf?paper=a4|letter`,
//! for admins, recruiters and the hiring managers of the candidate's role.

use crate::pdf::{Paper, candidate_summary};
use crate::routes::download::pdf_response;
use app::db::Db;
use app::errors::AppError;
use app::model::CurrentUser;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
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

/// The answer for a refusal, through [`AppError`]'s one mapping to HTTP.
fn refuse(status: StatusCode) -> Response {
    match status {
        StatusCode::UNAUTHORIZED => AppError::Unauthenticated,
        StatusCode::FORBIDDEN => AppError::Forbidden,
        StatusCode::NOT_FOUND => AppError::NotFound,
        _ => AppError::Internal,
    }
    .into_response()
}

fn internal(err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "cannot make a candidate summary");
    refuse(StatusCode::INTERNAL_SERVER_ERROR)
}

async fn summary_pdf(
    State(state): State<SummaryState>,
    user: Option<Extension<CurrentUser>>,
    Path(candidate_id): Path<String>,
    Query(q): Query<SummaryQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return refuse(StatusCode::UNAUTHORIZED);
    };
    let db = &state.db;
    let candidate = match app::db::candidates::find_candidate(db, &user.org_id, &candidate_id).await
    {
        Ok(Some(c)) => c,
        Ok(None) => return refuse(StatusCode::NOT_FOUND),
        Err(e) => return internal(e),
    };
    // Interviewers and hiring managers of other roles are told it does not exist.
    match app::server_fns::summaries::may_read(db, &user, &candidate.summary.role_id).await {
        Ok(true) => {}
        Ok(false) => return refuse(StatusCode::NOT_FOUND),
        Err(e) => return internal(e),
    }
    let summary = match app::server_fns::summaries::load_summary(
        db,
        &user.org_id,
        &candidate,
        state.threshold,
    )
    .await
    {
        Ok(s) => s,
        Err(e) => return internal(e),
    };
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
