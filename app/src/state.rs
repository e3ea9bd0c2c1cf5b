//! Shared server state handed to routes and server functions, and the
//! client address of the request being served.

use crate::db::Db;
use crate::errors::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;
use std::sync::Arc;

/// What every request handler can reach: the Leptos options, the one pool
/// and the reference settings. Shared, not copied: Leptos puts it into the
/// context of every server function call (twice, with the router's state
/// and the render context), and copying the options and settings field by
/// field on each call showed up in the autosave profile.
#[derive(Debug, Clone)]
pub struct AppState(Arc<Shared>);

/// The fields of [`AppState`].
#[derive(Debug)]
pub struct Shared {
    /// Site paths and addresses for rendering.
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: Db,
    /// Reference-check settings and the mailer.
    pub references: crate::settings::ReferenceSettings,
}

impl AppState {
    /// The state of a server.
    pub fn new(
        leptos_options: LeptosOptions,
        db: Db,
        references: crate::settings::ReferenceSettings,
    ) -> AppState {
        AppState(Arc::new(Shared {
            leptos_options,
            db,
            references,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// For Leptos's page and file handlers, which take the options by value.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos_options.clone()
    }
}

/// The database pool, from the context every server function runs in.
pub fn db() -> Result<Db, AppError> {
    // Borrowed, not cloned: the state also holds the Leptos options, whose
    // copy on every server function call showed up in profiles.
    with_context::<AppState, _>(|s| s.db.clone()).ok_or_else(|| {
        tracing::error!("AppState missing from the server function context");
        AppError::Internal
    })
}

/// The address of the client that made the request: the connecting peer,
/// or, when that peer is a trusted reverse proxy, the client it forwards
/// for. The server resolves it once per request (see the server's `proxy`
/// module) and stores it in the request's extensions; rate limits,
/// reference signals and the audit log all read it from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub std::net::IpAddr);

/// The client address of the request being served, if there is one (the
/// command line has none).
pub fn client_addr() -> Option<std::net::IpAddr> {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().copied())
        .map(|ClientAddr(ip)| ip)
}
