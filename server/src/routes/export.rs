//! Downloads of question banks in their Markdown format.

use app::db::Db;
use app::errors::AppError;
use app::model::{CurrentUser, Role};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

/// `GET /export/competency/{id}`.
pub fn router(db: Db) -> Router {
    Router::new()
        .route("/export/competency/{id}", get(export_competency))
        .with_state(db)
}

async fn export_competency(
    State(db): State<Db>,
    user: Option<Extension<CurrentUser>>,
    Path(id): Path<String>,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    if !user.has_role(&[Role::Admin, Role::Recruiter, Role::HiringManager]) {
        return AppError::Forbidden.into_response();
    }
    match app::db::banks::find_competency(&db, &user.org_id, &id).await {
        Ok(Some(competency)) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    // Ids are [a-z0-9-] by the bank format, so safe in a filename.
                    format!("attachment; filename=\"{}.md\"", competency.id),
                ),
            ],
            question_bank::to_markdown(&competency),
        )
            .into_response(),
        Ok(None) => AppError::NotFound.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "cannot export a competency");
            AppError::Internal.into_response()
        }
    }
}
