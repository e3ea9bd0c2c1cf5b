//! The candidate summary PDF: `GET /candidates/{id}/summary.pdf?paper=a4|letter`,
//! for admins, recruiters and the hiring managers of the candidate's role
//! who do not owe a scorecard on the candidate's panel; and the role's
//! candidate slate, `GET /roles/{id}/slate.pdf?sort=…&paper=…`, for the
//! same readers (candidates they owe a scorecard on are left out).

use crate::pdf::{Paper, candidate_slate, candidate_summary};
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
        .route("/roles/{role_id}/slate.pdf", get(slate_pdf))
        .with_state(SummaryState {
            db,
            threshold: usize::from(config.references.reference_threshold),
        })
}

/// Query of the summary route.
#[derive(Debug, Deserialize)]
pub struct SummaryQuery {
    paper: Option<String>,
    /// The slate's order (`overall`, `name` or a competency id).
    sort: Option<String>,
}

impl SummaryQuery {
    fn paper(&self) -> Paper {
        match self.paper.as_deref() {
            Some("letter") => Paper::Letter,
            _ => Paper::A4,
        }
    }
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
    let paper = q.paper();
    let name = format!("summary {}", summary.candidate_name);
    // Layout takes milliseconds of CPU: keep it off the async workers.
    match tokio::task::spawn_blocking(move || candidate_summary(&summary, paper)).await {
        Ok(Ok(bytes)) => pdf_response(bytes, &name),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}

async fn slate_pdf(
    State(state): State<SummaryState>,
    user: Option<Extension<CurrentUser>>,
    Path(role_id): Path<String>,
    Query(q): Query<SummaryQuery>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    let sort = app::model::SlateSort::parse(q.sort.as_deref());
    let slate =
        match app::services::slate::slate_for(&state.db, &user, &role_id, &sort, state.threshold)
            .await
        {
            Ok(s) => s,
            Err(AppError::Internal) => return internal("assembling the slate failed"),
            Err(e) => return e.into_response(),
        };
    if let Err(e) =
        app::services::audit_log::record_read(&state.db, &user, "slate.pdf", &role_id).await
    {
        return e.into_response();
    }
    let paper = q.paper();
    let name = format!("slate {}", slate.role_title);
    match tokio::task::spawn_blocking(move || candidate_slate(&slate, paper)).await {
        Ok(Ok(bytes)) => pdf_response(bytes, &name),
        Ok(Err(e)) => internal(e),
        Err(e) => internal(e),
    }
}
