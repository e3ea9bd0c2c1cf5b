//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use app::db::Db;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;

/// The health route.
pub fn router(db: Db) -> Router {
    Router::new().route("/healthz", get(healthz)).with_state(db)
}

async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    if db.ping().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}
