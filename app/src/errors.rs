//! The error type every server function returns, and the policy behind it.
//!
//! Errors cross the wire as [`AppError`]. Each variant documents the HTTP status
//! it is sent with. Database and other internal failures are logged on the
//! server and reach the browser only as [`AppError::Internal`], whose message
//! says nothing about SQL, files or stack traces. Validation failures name the
//! form field they concern so the page can show the message beside it.

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
    /// 409 Conflict: the data changed since it was read.
    #[error("{0}")]
    Conflict(String),
    /// 500 Internal Server Error: logged on the server, never detailed here.
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
    /// 400 Bad Request or a network failure: the call itself did not get through.
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

    /// The HTTP status this error is sent with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::Invalid { .. } => 422,
            Self::Conflict(_) => 409,
            Self::Internal => 500,
            Self::Transport(_) => 400,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
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
}
