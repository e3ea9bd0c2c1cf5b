//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use app::db::Db;
use app::errors::AppError;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

/// The health route.
pub fn router(db: Db) -> Router {
    Router::new().route("/healthz", get(healthz)).with_state(db)
}

async fn healthz(State(db): State<Db>) -> Result<&'static str, AppError> {
    if db.ping().await {
        Ok("ok")
    } else {
        Err(AppError::Unavailable)
    }
}
