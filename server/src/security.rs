//! Request and response hardening: cross-origin refusal and security headers.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Refuses state-changing requests that a browser says come from another
/// site. Leptos server functions and the sign-in form have no CSRF token, so
/// this check is their protection: `Sec-Fetch-Site` when the browser sends
/// it, else `Origin` against `Host`. Requests with neither come from
/// non-browser clients, which cannot be tricked into sending cookies.
pub async fn reject_cross_origin(req: Request, next: Next) -> Response {
    let safe_method = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe_method && is_cross_origin(req.headers()) {
        tracing::warn!(path = %req.uri().path(), "refused a cross-origin request");
        return (StatusCode::FORBIDDEN, "Cross-origin request refused.").into_response();
    }
    next.run(req).await
}

/// Whether the browser marked the request as coming from another origin.
pub fn is_cross_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    origin == "null" || origin_host != host
}

/// Adds headers every response should carry. Pages and API answers hold
/// personal data, so they are never cached; the hashed-name bundle may be.
pub async fn set_security_headers(req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    if !is_asset {
        headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_origin_cases() {
        let cases = [
            (
                "same origin by fetch metadata",
                vec![("sec-fetch-site", "same-origin")],
                false,
            ),
            (
                "other site by fetch metadata",
                vec![("sec-fetch-site", "cross-site")],
                true,
            ),
            (
                "sibling subdomain",
                vec![("sec-fetch-site", "same-site")],
                true,
            ),
            (
                "matching origin",
                vec![
                    ("origin", "http://127.0.0.1:3000"),
                    ("host", "127.0.0.1:3000"),
                ],
                false,
            ),
            (
                "foreign origin",
                vec![
                    ("origin", "https://evil.example"),
                    ("host", "127.0.0.1:3000"),
                ],
                true,
            ),
            (
                "opaque origin",
                vec![("origin", "null"), ("host", "127.0.0.1:3000")],
                true,
            ),
            (
                "no browser headers",
                vec![("host", "127.0.0.1:3000")],
                false,
            ),
        ];
        for (name, pairs, expected) in cases {
            assert_eq!(is_cross_origin(&headers(&pairs)), expected, "{name}");
        }
    }
}
