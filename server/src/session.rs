//! Sessions: the cookies, resolving the session cookie to an account, and
//! keeping signed-out visitors on the sign-in page.
//!
//! Whether cookies are `Secure` is decided by the configured public URL
//! alone, never by the Host header a request happens to carry. Under https
//! the cookies take the `__Host-` prefix, which browsers accept only from a
//! secure origin, for the whole host, with `Path=/` and no `Domain`: a
//! sibling subdomain or a plain-http page cannot plant or shadow them.

use app::db::sessions::SessionPolicy;
use app::db::{Db, sessions};
use app::model::CurrentUser;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// What the session layer and the sign-in routes need to know.
#[derive(Debug, Clone)]
pub struct Sessions {
    /// The database.
    pub db: Db,
    /// Lifetime and idle timeout.
    pub policy: SessionPolicy,
    /// Whether the public URL is https.
    pub secure: bool,
}

/// How long a browser is remembered as one that signed in to an account.
pub const DEVICE_MAX_AGE_SECS: i64 = 90 * 24 * 60 * 60;

impl Sessions {
    /// Name of the session cookie.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-panelkit_session"
        } else {
            "panelkit_session"
        }
    }

    /// Name of the cookie that marks a browser that signed in before.
    pub fn device_cookie_name(&self) -> &'static str {
        if self.secure {
            "__Host-panelkit_device"
        } else {
            "panelkit_device"
        }
    }

    /// The session token the browser sent, if any.
    pub fn token(&self, headers: &HeaderMap) -> Option<String> {
        cookie_value(headers, self.cookie_name())
    }

    /// The device token the browser sent, if any.
    pub fn device_token(&self, headers: &HeaderMap) -> Option<String> {
        cookie_value(headers, self.device_cookie_name())
    }

    /// The `Set-Cookie` value that stores session `token` (empty with 0 to clear).
    pub fn session_cookie(&self, token: &str, max_age_secs: i64) -> String {
        self.cookie(self.cookie_name(), token, max_age_secs, "Lax")
    }

    /// The `Set-Cookie` value that stores device `token`. Strict: it is only
    /// read by the sign-in form, which is same-site.
    pub fn device_cookie(&self, token: &str) -> String {
        self.cookie(
            self.device_cookie_name(),
            token,
            DEVICE_MAX_AGE_SECS,
            "Strict",
        )
    }

    fn cookie(&self, name: &str, value: &str, max_age_secs: i64, same_site: &str) -> String {
        let secure = if self.secure { "; Secure" } else { "" };
        format!(
            "{name}={value}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={max_age_secs}{secure}"
        )
    }

    /// Seconds the session cookie is kept by the browser.
    pub fn max_age_secs(&self) -> i64 {
        self.policy.lifetime_ms / 1000
    }
}

pub(crate) fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

/// Resolves the session cookie to a [`CurrentUser`] in the request's
/// extensions, sends signed-out visitors of a page to `/login`, and
/// signed-in visitors of `/login` home.
pub async fn resolve_session(
    State(sessions): State<Sessions>,
    mut req: Request,
    next: Next,
) -> Response {
    let mut user: Option<CurrentUser> = None;
    if let Some(token) = sessions.token(req.headers()) {
        match sessions::find_session_user(&sessions.db, &token, &sessions.policy).await {
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
pub(crate) fn is_page(path: &str) -> bool {
    // `/r/` is a referee's one-time link: referees have no account; nor has
    // someone setting their first password through `/welcome/`.
    const NOT_PAGES: [&str; 6] = ["/pkg/", "/api/", "/auth/", "/healthz", "/r/", "/welcome/"];
    !NOT_PAGES.iter().any(|prefix| path.starts_with(prefix)) && !path.starts_with("/favicon")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    async fn sessions(secure: bool) -> Sessions {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        Sessions {
            db,
            policy: SessionPolicy::default(),
            secure,
        }
    }

    #[tokio::test]
    async fn the_session_token_is_found_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; panelkit_session=abc; __Host-panelkit_session=def"),
        );
        assert_eq!(
            sessions(false).await.token(&headers).as_deref(),
            Some("abc")
        );
        assert_eq!(sessions(true).await.token(&headers).as_deref(), Some("def"));
    }

    #[tokio::test]
    async fn the_public_url_alone_decides_secure_cookies() {
        let plain = sessions(false).await.session_cookie("t", 60);
        assert_eq!(
            plain,
            "panelkit_session=t; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"
        );
        let secure = sessions(true).await.session_cookie("t", 60);
        assert!(
            secure.starts_with("__Host-panelkit_session=t; Path=/;")
                && secure.ends_with("; Secure")
                && !secure.contains("Domain"),
            "{secure}"
        );
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
