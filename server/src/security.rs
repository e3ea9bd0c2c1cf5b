//! Request and response hardening: cross-origin refusal, the
//! Content-Security-Policy with its per-response nonce, and the other
//! security headers.
//!
//! Every page gets a policy that lets scripts run only from this origin or
//! carrying the nonce leptos_axum draws for that one response (its `nonce`
//! feature puts it on the hydration script and on every inline script that
//! streams resources), plus `'wasm-unsafe-eval'` for the bundle. Text that
//! slipped into markup anyway cannot run: it has no nonce. Everything else
//! (server function answers, PDFs, static files, redirects) gets a policy
//! that allows nothing. The headers are set by tower-http layers; only the
//! page policy, which depends on the nonce, is set inside the render.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of responses that are not pages: nothing may load or run.
pub const NON_PAGE_POLICY: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// HSTS for installs reached over https: a year, subdomains included.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The Content-Security-Policy of a page whose scripts carry `nonce`.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Puts the page policy for this response's nonce on the response. Called
/// in the context of every page render (the leptos routes and the not-found
/// fallback), after leptos_axum has provided the nonce and the response
/// options; elsewhere (server functions) there is no nonce and it does
/// nothing.
pub fn provide_page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        res.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// `router` with the security headers on every response. `hsts` when the
/// public URL is https.
pub fn with_security_headers(router: Router, hsts: bool) -> Router {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    let default = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    let router = router
        // Pages set their own, with the nonce; a response without one
        // (anything else, or a page that lost it) may run nothing.
        .layer(default(header::CONTENT_SECURITY_POLICY, NON_PAGE_POLICY))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        // The referee's page asks for `no-referrer`: its address is a secret.
        .layer(default(header::REFERRER_POLICY, "same-origin"))
        .layer(set(
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
        .layer(set(
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ))
        // Pages, answers and downloads hold personal data, so they are
        // never stored; static files set their own policy (see
        // `routes::assets`).
        .layer(default(header::CACHE_CONTROL, "no-store"));
    if hsts {
        router.layer(set(header::STRICT_TRANSPORT_SECURITY, HSTS))
    } else {
        router
    }
}

/// Refuses state-changing requests that a browser says come from another
/// site. Leptos server functions and the sign-in form have no CSRF token, so
/// this check is their protection: `Sec-Fetch-Site` when the browser sends
/// it, else `Origin` against the public URL (or, without one, `Host`).
/// Requests with neither come from non-browser clients, which cannot be
/// tricked into sending cookies.
pub async fn reject_cross_origin(
    State(public_url): State<Option<String>>,
    req: Request,
    next: Next,
) -> Response {
    let safe_method = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe_method && is_cross_origin(req.headers(), public_url.as_deref()) {
        tracing::warn!(path = %req.uri().path(), "refused a cross-origin request");
        return (StatusCode::FORBIDDEN, "Cross-origin request refused.").into_response();
    }
    next.run(req).await
}

/// Whether the browser marked the request as coming from another origin.
pub fn is_cross_origin(headers: &HeaderMap, public_url: Option<&str>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if let Some(public_url) = public_url {
        return !origin.eq_ignore_ascii_case(public_url);
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    origin == "null" || origin_host != host
}

#[cfg(test)]
mod tests;
