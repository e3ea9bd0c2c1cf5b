//! The error type every server function and route returns, and the policy
//! behind it.
//!
//! Errors cross the wire as [`AppError`]. Each variant documents the HTTP
//! status it is sent with, and [`AppError::status_code`] is the only place
//! that decides it: the server reads the error back out of every server
//! function's answer and sets the status from it, and plain routes turn an
//! [`AppError`] into their response with the same function, so no caller can
//! forget to set a status. Database and other internal failures are logged on
//! the server and reach the browser only as [`AppError::Internal`], whose
//! message says nothing about SQL, files or stack traces. Validation failures
//! name the form field they concern so the page can show the message beside
//! it; a request the server cannot even decode gets a 400 that names the
//! field too, in words, never in serde's or Rust's type names
//! ([`request`]).

#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
mod request_path;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, in words safe to show to the person who asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 401 Unauthorized: no valid session.
    #[error("Please sign in to continue.")]
    Unauthenticated,
    /// 403 Forbidden: signed in, but this role or person may not do this.
    #[error("You do not have access to this.")]
    Forbidden,
    /// 404 Not Found, or hidden from this caller.
    #[error("Not found.")]
    NotFound,
    /// 422 Unprocessable Entity: a form field is invalid.
    #[error("{field}: {message}")]
    Invalid {
        /// The form field at fault.
        field: String,
        /// What is wrong with it and what is expected.
        message: String,
    },
    /// 403 Forbidden: the caller sits on the candidate's panel and has not
    /// submitted their own scorecard, so the panel's ratings stay hidden.
    #[error(
        "Submit your own scorecard for this candidate first: the panel's ratings, notes and recommendations stay hidden until you have."
    )]
    SubmitOwnFirst,
    /// 400 Bad Request: the request could not be decoded (not JSON, a field
    /// of the wrong type, a missing field).
    #[error("{field}: {message}")]
    BadRequest {
        /// The field at fault, as a path (`input.notes`), or `body`.
        field: String,
        /// What is wrong with it, in words.
        message: String,
    },
    /// 413 Payload Too Large: the request body is over the server's limit.
    #[error("The request is too large: at most {limit_bytes} bytes.")]
    TooLarge {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
    /// 429 Too Many Requests, sent with a `Retry-After` header.
    #[error("Too many requests. Please wait {retry_after_secs} seconds and try again.")]
    TooManyRequests {
        /// Seconds until a new attempt is counted afresh.
        retry_after_secs: u64,
    },
    /// 409 Conflict: the data changed since it was read.
    #[error("{0}")]
    Conflict(String),
    /// 503 Service Unavailable: a dependency (the database) does not answer.
    #[error("The service is unavailable. Please try again shortly.")]
    Unavailable,
    /// 500 Internal Server Error: logged on the server, never detailed here.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// A network failure in the browser: the call itself did not get through.
    /// (The server never sends it: it answers decoding failures with
    /// [`AppError::BadRequest`].)
    #[error("The request could not be completed: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error for `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// The HTTP status this error is sent with: the one place that decides it.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden | Self::SubmitOwnFirst => 403,
            Self::NotFound => 404,
            Self::Invalid { .. } => 422,
            Self::BadRequest { .. } => 400,
            Self::TooLarge { .. } => 413,
            Self::TooManyRequests { .. } => 429,
            Self::Conflict(_) => 409,
            Self::Internal => 500,
            Self::Unavailable => 503,
            Self::Transport(_) => 400,
        }
    }

    /// Seconds the client should wait before trying again, for `Retry-After`.
    pub fn retry_after_secs(&self) -> Option<u64> {
        match self {
            Self::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        }
    }
}

/// A form field that failed validation: which field, and what is expected.
/// Rules return it; it reaches the browser as [`AppError::Invalid`], whose
/// `field` the form uses to place the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The field, as the form names it.
    pub field: String,
    /// What is wrong with it and what is expected.
    pub message: String,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: String, message: String) -> Self {
        Self { field, message }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        Self::Invalid {
            field: e.field,
            message: e.message,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // On the server these only come from decoding the request.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Args(detail)
            | ServerFnErrorErr::Deserialization(detail)
            | ServerFnErrorErr::MissingArg(detail) => request::bad_request(&detail),
            other => Self::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        // A write refused because of a concurrent one is a conflict, not a fault.
        if crate::db::is_write_conflict(&err) {
            tracing::warn!(error = %err, "concurrent write refused");
            return crate::auth::refuse(Self::Conflict(
                "Someone changed this at the same moment. Reload to see the current version, then try again.".into(),
            ));
        }
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Sets the status (and `Retry-After`) that this error calls for on
    /// `res`. Server function answers and plain routes both go through it.
    pub fn apply_to<B>(&self, res: &mut http::Response<B>) {
        *res.status_mut() = http::StatusCode::from_u16(self.status_code())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        if let Some(secs) = self.retry_after_secs() {
            res.headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
    }
}

/// Plain routes (sign-in, downloads, health) answer errors with this: the
/// status from [`AppError::status_code`] and the safe message as text.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let mut res = (
            [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.to_string(),
        )
            .into_response();
        self.apply_to(&mut res);
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_say_nothing_about_their_cause() {
        let shown = AppError::Internal.to_string();
        assert!(!shown.to_lowercase().contains("sql"), "{shown}");
        assert_eq!(AppError::Internal.status_code(), 500);
    }

    #[test]
    fn invalid_names_the_field() {
        let err = AppError::invalid("email", "must contain @");
        assert_eq!(err.to_string(), "email: must contain @");
        assert_eq!(err.status_code(), 422);
    }

    #[test]
    fn too_many_requests_says_when_to_retry() {
        let err = AppError::TooManyRequests {
            retry_after_secs: 42,
        };
        assert_eq!(err.status_code(), 429);
        assert_eq!(err.retry_after_secs(), Some(42));
        assert!(err.to_string().contains("42 seconds"), "{err}");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn plain_routes_answer_with_the_errors_own_status() {
        use axum::response::IntoResponse;
        let cases = [
            (AppError::Unauthenticated, 401),
            (AppError::NotFound, 404),
            (
                AppError::TooManyRequests {
                    retry_after_secs: 7,
                },
                429,
            ),
            (AppError::Internal, 500),
        ];
        for (err, status) in cases {
            let res = err.clone().into_response();
            assert_eq!(res.status().as_u16(), status, "{err:?}");
            assert_eq!(
                res.headers()
                    .get(http::header::RETRY_AFTER)
                    .map(|v| v.to_str().unwrap().to_owned()),
                err.retry_after_secs().map(|s| s.to_string()),
                "{err:?}"
            );
        }
    }
}
