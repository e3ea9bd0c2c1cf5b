//! Sign-in and sign-out. Plain form posts, so they work before (or without)
//! the wasm bundle, and answer with redirects.
//!
//! Sign-in is throttled twice: per client address (attempts per minute),
//! and per account (failed attempts per 15 minutes), so that guessing one
//! person's password from many addresses is slow too. The account throttle
//! cannot lock its owner out: a browser that signed in to the account
//! before carries a device cookie, and the account throttle lets it through
//! (the address throttle still applies). Everyone else waits for the
//! window to end, so a lockout is never longer than 15 minutes.

use crate::session::Sessions;
use app::db::users::DEFAULT_ORG;
use app::db::{ids, rate_limits, sessions, users};
use app::errors::AppError;
use app::state::ClientAddr;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Extension, Form, Router};
use serde::Deserialize;

/// The window of the per-account throttle.
pub const ACCOUNT_WINDOW_MS: i64 = 15 * 60 * 1000;

/// What the sign-in routes need.
#[derive(Debug, Clone)]
pub struct AuthState {
    /// Sessions and their cookies.
    pub sessions: Sessions,
    /// Sign-in attempts allowed per client address per minute.
    pub login_rate_per_minute: i64,
    /// Failed sign-ins allowed per account per [`ACCOUNT_WINDOW_MS`].
    pub failures_per_account: i64,
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

async fn login(
    State(state): State<AuthState>,
    client: Option<Extension<ClientAddr>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let db = &state.sessions.db;
    let address = client.map_or_else(|| "unknown".to_owned(), |Extension(c)| c.0.to_string());
    if !rate_limits::hit(
        db,
        &format!("login:{address}"),
        state.login_rate_per_minute,
        60_000,
    )
    .await?
    {
        return Ok(too_many(rate_limits::retry_after_secs(60_000)));
    }
    let email: String = form.email.trim().to_lowercase().chars().take(320).collect();
    let account_bucket = format!("login-account:{DEFAULT_ORG}:{email}");
    if rate_limits::exhausted(
        db,
        &account_bucket,
        state.failures_per_account,
        ACCOUNT_WINDOW_MS,
    )
    .await?
        && !known_device(&state, &headers, &email).await?
    {
        return Ok(too_many(rate_limits::retry_after_secs(ACCOUNT_WINDOW_MS)));
    }
    let found = users::find_for_login(db, DEFAULT_ORG, &email).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    // Verified even when the email is unknown, so both failures look alike.
    let verified = app::password::verify_password(form.password, hash).await;
    let Some(user) = user.filter(|_| verified) else {
        rate_limits::hit(db, &account_bucket, i64::MAX, ACCOUNT_WINDOW_MS).await?;
        return Ok(Redirect::to("/login?error=credentials").into_response());
    };
    let previous = state.sessions.token(&headers);
    let token =
        sessions::create_session(db, &user, previous.as_deref(), &state.sessions.policy).await?;
    // A fresh token each time: an old one may belong to another account.
    let device = ids::new_token();
    rate_limits::remember_device(db, &user.org_id, &user.id, &device).await?;
    let mut res = Redirect::to("/").into_response();
    append_cookie(
        &mut res,
        &state
            .sessions
            .session_cookie(&token, state.sessions.max_age_secs()),
    );
    append_cookie(&mut res, &state.sessions.device_cookie(&device));
    Ok(res)
}

/// Whether the browser's device cookie signed in to `email` before.
async fn known_device(
    state: &AuthState,
    headers: &HeaderMap,
    email: &str,
) -> Result<bool, AppError> {
    let Some(token) = state.sessions.device_token(headers) else {
        return Ok(false);
    };
    let max_age_ms = crate::session::DEVICE_MAX_AGE_SECS * 1000;
    Ok(
        rate_limits::is_known_device(&state.sessions.db, DEFAULT_ORG, email, &token, max_age_ms)
            .await?,
    )
}

/// Back to the form with its "too many attempts" message, saying when to retry.
fn too_many(retry_after_secs: u64) -> Response {
    let mut res = Redirect::to("/login?error=rate").into_response();
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    res
}

async fn logout(State(state): State<AuthState>, headers: HeaderMap) -> Result<Response, AppError> {
    if let Some(token) = state.sessions.token(&headers) {
        sessions::delete_session(&state.sessions.db, &token).await?;
    }
    let mut res = Redirect::to("/login").into_response();
    append_cookie(&mut res, &state.sessions.session_cookie("", 0));
    // Whatever this browser keeps for the site (scorecard changes queued
    // while offline, above all) leaves with the person: nothing they wrote
    // stays on a shared device, and the page needs no script for it.
    res.headers_mut().insert(
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"storage\""),
    );
    Ok(res)
}

fn append_cookie(res: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        res.headers_mut().append(header::SET_COOKIE, value);
    }
}
