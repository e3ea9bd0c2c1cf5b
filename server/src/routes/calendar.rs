//! Calendar files: `GET /interviews/{id}/invite.ics`, the interview as an
//! iCalendar event for its panel, managers and the role's hiring managers
//! (404 to anyone else, 409 while it has no time). What it says is decided
//! by `app::services::calendar`; this only serves it.

use crate::routes::download::safe_filename;
use app::db::Db;
use app::errors::AppError;
use app::model::CurrentUser;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

/// What the route needs besides the request.
#[derive(Clone)]
struct CalendarState {
    db: Db,
    /// The configured public address, which alone decides links when set.
    public_url: Option<String>,
}

/// `GET /interviews/{id}/invite.ics`.
pub fn router(db: Db, config: &crate::config::ServeConfig) -> Router {
    Router::new()
        .route("/interviews/{interview_id}/invite.ics", get(invite_ics))
        .with_state(CalendarState {
            db,
            public_url: config.references.public_url.clone(),
        })
}

/// Where links in the file point: the public URL, else the address the
/// request came to (links a person follows from their own download).
fn base(state: &CalendarState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.public_url {
        return url.clone();
    }
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map_or_else(
            || "http://localhost:3000".to_owned(),
            |h| format!("http://{h}"),
        )
}

async fn invite_ics(
    State(state): State<CalendarState>,
    user: Option<Extension<CurrentUser>>,
    Path(interview_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(Extension(user)) = user else {
        return AppError::Unauthenticated.into_response();
    };
    let base = base(&state, &headers);
    match app::services::calendar::invite::ics_for(&state.db, &user, &base, &interview_id).await {
        Ok((name, text)) => {
            let mut res = (StatusCode::OK, text).into_response();
            let h = res.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8; method=PUBLISH"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            let disposition = format!("attachment; filename=\"{}.ics\"", safe_filename(&name));
            if let Ok(v) = HeaderValue::from_str(&disposition) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => e.into_response(),
    }
}
