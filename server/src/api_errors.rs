//! Server function answers take their HTTP status from the error they carry.
//!
//! Leptos sends every server function error with status 500 unless the
//! function remembered to set another. This layer, around `/api/`, reads
//! the [`AppError`] back out of each error answer and applies
//! [`AppError::apply_to`] (status, `Retry-After`), so the status follows
//! from the error in one place. It also bounds the request body and, for a
//! body the server could not decode, names the field at fault, which only
//! this layer can: it still holds the body.

use app::errors::{AppError, request};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest server function request body, in bytes.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Error answers are small; a larger one is not an [`AppError`].
const ERROR_LIMIT: usize = 64 * 1024;

/// The header server_fn marks its error answers with.
const SERVER_FN_ERROR: &str = "serverfnerror";

/// The layer's function: see the module documentation.
pub async fn status_from_error(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let too_large = AppError::TooLarge {
        limit_bytes: BODY_LIMIT as u64,
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT) {
        return error_answer(&too_large);
    }
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, BODY_LIMIT).await else {
        return error_answer(&too_large);
    };
    let res = next
        .run(Request::from_parts(parts, Body::from(body.clone())))
        .await;
    if !res.headers().contains_key(SERVER_FN_ERROR) || res.status().is_redirection() {
        // A success, or a no-script form post sent back to its page.
        return res;
    }
    let (mut parts, answer) = res.into_parts();
    let decoded = axum::body::to_bytes(answer, ERROR_LIMIT)
        .await
        .ok()
        .and_then(|b| serde_json::from_slice::<AppError>(&b).ok());
    let err = match decoded {
        Some(err) if is_json => request::name_field(err, &body),
        Some(err) => err,
        None => {
            tracing::error!(path = ?parts.headers.get(SERVER_FN_ERROR), "a server function error is not an AppError");
            AppError::Internal
        }
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut res = Response::from_parts(parts, Body::from(encode(&err)));
    err.apply_to(&mut res);
    res
}

/// A server function style error answer made by this layer itself.
fn error_answer(err: &AppError) -> Response {
    let mut res = (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::HeaderName::from_static(SERVER_FN_ERROR), "layer"),
        ],
        encode(err),
    )
        .into_response();
    err.apply_to(&mut res);
    res
}

fn encode(err: &AppError) -> Bytes {
    serde_json::to_vec(err)
        .map(Bytes::from)
        .unwrap_or_else(|_| Bytes::from_static(b"\"Internal\""))
}
