//! Sessions: the cookie, resolving it to an account, and keeping signed-out
//! visitors on the sign-in page.

use app::db::{Db, sessions};
use app::model::CurrentUser;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "panelkit_session";

/// The session token the browser sent, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

/// The `Set-Cookie` value that stores `token` for `max_age_secs` (0 clears it).
/// `Secure` is added unless the request came to a loopback host, where
/// browsers allow plain http for development.
pub fn session_cookie(token: &str, max_age_secs: i64, headers: &HeaderMap) -> String {
    let secure = if is_loopback_host(headers) {
        ""
    } else {
        "; Secure"
    };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

fn is_loopback_host(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let name = host.rsplit_once(':').map(|(n, _)| n).unwrap_or(host);
    name == "localhost" || name.starts_with("127.") || name == "[::1]"
}

/// Resolves the session cookie to a [`CurrentUser`] in the request's
/// extensions, sends signed-out visitors of a page to `/login`, and
/// signed-in visitors of `/login` home.
pub async fn resolve_session(State(db): State<Db>, mut req: Request, next: Next) -> Response {
    let mut user: Option<CurrentUser> = None;
    if let Some(token) = session_token(req.headers()) {
        match sessions::find_session_user(&db, &token).await {
            Ok(found) => user = found,
            Err(err) => tracing::error!(error = %err, "cannot look up a session"),
        }
    }
    let path = req.uri().path();
    if req.method() == Method::GET && is_page(path) {
        match (&user, path) {
            (None, p) if p != "/login" => return Redirect::to("/login").into_response(),
            (Some(_), "/login") => return Redirect::to("/").into_response(),
            _ => {}
        }
    }
    if let Some(user) = user {
        req.extensions_mut().insert(user);
    }
    next.run(req).await
}

/// Whether `path` is a page (as opposed to an API call, an asset or a probe).
fn is_page(path: &str) -> bool {
    // `/r/` is a referee's one-time link: referees have no account.
    const NOT_PAGES: [&str; 5] = ["/pkg/", "/api/", "/auth/", "/healthz", "/r/"];
    !NOT_PAGES.iter().any(|prefix| path.starts_with(prefix)) && !path.starts_with("/favicon")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn the_session_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; panelkit_session=abc; b=2"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("abc"));
    }

    #[test]
    fn cookies_are_secure_except_on_loopback() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        let local = session_cookie("t", 60, &headers);
        assert!(
            local.contains("HttpOnly")
                && local.contains("SameSite=Lax")
                && !local.contains("Secure")
        );
        headers.insert(header::HOST, HeaderValue::from_static("hiring.example.org"));
        assert!(session_cookie("t", 60, &headers).ends_with("; Secure"));
    }

    #[test]
    fn assets_and_api_calls_are_not_pages() {
        assert!(is_page("/") && is_page("/users") && is_page("/login"));
        assert!(
            !is_page("/pkg/panelkit.js") && !is_page("/api/list_users") && !is_page("/healthz")
        );
        // Referees have no account: their one-time link must not send them to sign in.
        assert!(!is_page("/r/0123abcd"));
    }
}
