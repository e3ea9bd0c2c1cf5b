//! Shared server state handed to routes and server functions.

use crate::db::Db;
use crate::errors::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;

/// What every request handler can reach: the Leptos options and the one pool.
#[derive(Debug, Clone, FromRef)]
pub struct AppState {
    /// Site paths and addresses for rendering.
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: Db,
    /// Reference-check settings and the mailer.
    pub references: crate::server_fns::references::ReferenceSettings,
}

/// The database pool, from the context every server function runs in.
pub fn db() -> Result<Db, AppError> {
    use_context::<AppState>().map(|s| s.db).ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}
