//! Sign-in and sign-out. Plain form posts, so they work before (or without)
//! the wasm bundle, and answer with redirects.

use crate::session::{session_cookie, session_token};
use app::db::users::DEFAULT_ORG;
use app::db::{Db, rate_limits, sessions, users};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use std::net::SocketAddr;

/// What the sign-in routes need.
#[derive(Debug, Clone)]
pub struct AuthState {
    /// The database.
    pub db: Db,
    /// Sign-in attempts allowed per client address per minute.
    pub login_rate_per_minute: i64,
}

/// `POST /auth/login` and `POST /auth/logout`.
pub fn router(state: AuthState) -> Router {
    Router::new()
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .with_state(state)
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

const SESSION_MAX_AGE_SECS: i64 = sessions::SESSION_TTL_MS / 1000;

async fn login(
    State(state): State<AuthState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let bucket = format!("login:{}", peer.ip());
    match rate_limits::hit(&state.db, &bucket, state.login_rate_per_minute, 60_000).await {
        Ok(true) => {}
        Ok(false) => return Redirect::to("/login?error=rate").into_response(),
        Err(err) => return internal(err),
    }
    let found = match users::find_for_login(&state.db, DEFAULT_ORG, &form.email).await {
        Ok(found) => found,
        Err(err) => return internal(err),
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    // Verified even when the email is unknown, so both failures look alike.
    let verified = app::password::verify_password(form.password, hash).await;
    let Some(user) = user.filter(|_| verified) else {
        return Redirect::to("/login?error=credentials").into_response();
    };
    let previous = session_token(&headers);
    match sessions::create_session(&state.db, &user, previous.as_deref()).await {
        Ok(token) => with_cookie(
            Redirect::to("/"),
            &session_cookie(&token, SESSION_MAX_AGE_SECS, &headers),
        ),
        Err(err) => internal(err),
    }
}

async fn logout(State(state): State<AuthState>, headers: HeaderMap) -> Response {
    if let Some(token) = session_token(&headers)
        && let Err(err) = sessions::delete_session(&state.db, &token).await
    {
        return internal(err);
    }
    with_cookie(Redirect::to("/login"), &session_cookie("", 0, &headers))
}

fn with_cookie(redirect: Redirect, cookie: &str) -> Response {
    let mut res = redirect.into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
    res
}

fn internal(err: sqlx::Error) -> Response {
    tracing::error!(error = %err, "sign-in failed");
    (
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side. Please try again.",
    )
        .into_response()
}
