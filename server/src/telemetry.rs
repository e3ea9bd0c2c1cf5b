//! Log output and request tracing: `RUST_LOG` filters (`info` by default),
//! and every request runs in a span carrying its request id, method and
//! path, so a line such as "database error" says which call it came from.
//! Server functions are named by their path (`/api/<function>`). The id is
//! sent back in `x-request-id` for a person reporting a problem to quote.

use axum::Router;
use http::{HeaderName, HeaderValue, Request};
use tower_http::request_id::PropagateRequestIdLayer;
use tower_http::set_header::SetRequestHeaderLayer;
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

/// Installs the log subscriber once; later calls do nothing.
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// The header that carries a request's id.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A new request id: random, so ids from several app servers never collide.
fn new_request_id<B>(_request: &Request<B>) -> Option<HeaderValue> {
    HeaderValue::from_str(&app::db::ids::new_id()).ok()
}

/// `router` with a request id on every request and response, and a span per
/// request. Responses are logged at debug level, failures (5xx) at error.
pub fn with_request_tracing(router: Router) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!(
                "request",
                id = %id,
                method = %request.method(),
                path = %request.uri().path(),
            )
        })
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::DEBUG))
        .on_failure(DefaultOnFailure::new().level(Level::ERROR));
    // Layers run outside in: the id is set first (replacing any a client
    // sent: it could be anything), then the span reads it, and the response
    // carries it back.
    router
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(trace)
        .layer(SetRequestHeaderLayer::overriding(
            REQUEST_ID,
            new_request_id::<axum::body::Body>,
        ))
}
