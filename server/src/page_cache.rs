//! Pages rendered moments ago, served again to the same session while the
//! database has not changed.
//!
//! A page costs a millisecond or more of rendering (its queries, the view
//! tree, the hydration data); people reload, go back, and open the same
//! scoring sheet in a second tab. What makes keeping a page safe:
//!
//! - **One session's own.** An entry is found by the session token's hash
//!   and the address (path and query): a page is never served to another
//!   session, whatever the two accounts may see.
//! - **Nothing committed since.** The database's change marker
//!   ([`Db::change_marker`]) is read before the render and again after it;
//!   the page is kept only if the two agree, so it shows exactly what was
//!   committed at that marker, and it is served only while the marker is
//!   still the same. Any write by anyone, on any app server sharing the
//!   database, ends every entry. A render that writes (the summary records
//!   each view in the audit log) changes the marker itself, so it is never
//!   kept, and each view is still recorded.
//! - **For seconds.** Pages that say "overdue" or "in 2 hours" move with the
//!   clock: an entry lives [`MAX_AGE`] at most.
//! - **Only plain pages.** A 200 HTML answer without `Set-Cookie`, under
//!   [`MAX_ENTRY`] bytes, to a `GET` of a page by a signed-in session.
//! - **A new nonce each time.** The Content-Security-Policy nonce of the
//!   render is replaced, in the page and its header, by a fresh one for
//!   every answer.
//!
//! Entries are bounded in bytes; the oldest go first.

use crate::security::page_policy;
use app::db::Db;
use app::model::CurrentUser;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an entry may be served.
pub const MAX_AGE: Duration = Duration::from_secs(10);

/// The largest page kept.
pub const MAX_ENTRY: usize = 1 << 20;

/// The header that says an answer came from the cache (`hit`) or was
/// rendered for it (`miss`).
pub const CACHE_HEADER: HeaderName = HeaderName::from_static("x-panelkit-cache");

/// The kept pages of this process.
#[derive(Debug, Clone)]
pub struct PageCache {
    db: Db,
    cookie_name: &'static str,
    budget: usize,
    store: Arc<Mutex<Store>>,
}

/// (session token hash, path and query)
type Key = (String, String);

#[derive(Debug, Default)]
struct Store {
    entries: HashMap<Key, Entry>,
    /// Keys oldest first, each with the serial of the entry it was pushed
    /// for (a key kept again is pushed again; the older push is skipped).
    order: VecDeque<(Key, u64)>,
    bytes: usize,
    serial: u64,
}

#[derive(Debug)]
struct Entry {
    marker: String,
    kept_at: Instant,
    serial: u64,
    headers: HeaderMap,
    /// The page cut where the render's nonce stood.
    parts: Vec<Bytes>,
    bytes: usize,
}

impl PageCache {
    /// A cache of at most `budget` bytes of pages (0 keeps nothing) for
    /// sessions whose cookie is `cookie_name`.
    pub fn new(db: Db, cookie_name: &'static str, budget: usize) -> PageCache {
        PageCache {
            db,
            cookie_name,
            budget,
            store: Arc::default(),
        }
    }

    /// Where `req` would be kept, if it is a request whose answer may be.
    fn key(&self, req: &Request) -> Option<Key> {
        if self.budget == 0
            || req.method() != Method::GET
            || req.extensions().get::<CurrentUser>().is_none()
            || !crate::session::is_page(req.uri().path())
            || req.uri().path() == "/login"
        {
            return None;
        }
        let token = crate::session::cookie_value(req.headers(), self.cookie_name)?;
        let address = req.uri().path_and_query()?.as_str().to_owned();
        Some((app::db::ids::token_hash(&token), address))
    }

    /// The kept answer for `key` at `marker`, with a fresh nonce.
    fn answer(&self, key: &Key, marker: &str) -> Option<Response> {
        let mut store = self
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let fresh = store
            .entries
            .get(key)
            .is_some_and(|e| e.marker == marker && e.kept_at.elapsed() < MAX_AGE);
        if !fresh {
            store.remove(key);
            return None;
        }
        let entry = store.entries.get(key)?;
        let nonce = Bytes::from(leptos::nonce::Nonce::new().to_string());
        // The parts are shared, not copied: the body is the kept parts with
        // the new nonce between them.
        let mut chunks = Vec::with_capacity(2 * entry.parts.len());
        for (i, part) in entry.parts.iter().enumerate() {
            if i > 0 {
                chunks.push(nonce.clone());
            }
            chunks.push(part.clone());
        }
        let length = entry.bytes + (entry.parts.len() - 1) * nonce.len();
        let body = futures_util::stream::iter(chunks.into_iter().map(Ok::<_, Infallible>));
        let mut res = Response::new(Body::from_stream(body));
        *res.headers_mut() = entry.headers.clone();
        res.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        drop(store);
        let nonce = std::str::from_utf8(&nonce).unwrap_or_default();
        if let Ok(policy) = HeaderValue::from_str(&page_policy(nonce)) {
            res.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        res.headers_mut()
            .insert(CACHE_HEADER, HeaderValue::from_static("hit"));
        Some(res)
    }

    /// Keeps `body` of `headers` under `key` at `marker`, the render's
    /// nonce being `nonce`.
    fn keep(&self, key: Key, marker: String, headers: &HeaderMap, nonce: &str, body: &Bytes) {
        let Ok(text) = std::str::from_utf8(body) else {
            return;
        };
        let mut parts = Vec::new();
        let mut start = 0;
        for (at, _) in text.match_indices(nonce) {
            parts.push(body.slice(start..at));
            start = at + nonce.len();
        }
        parts.push(body.slice(start..));
        let mut headers = headers.clone();
        headers.remove(header::CONTENT_LENGTH);
        headers.remove(header::CONTENT_SECURITY_POLICY);
        headers.remove(CACHE_HEADER);
        let bytes = body.len() - (parts.len() - 1) * nonce.len();
        let mut store = self
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        store.serial += 1;
        let serial = store.serial;
        store.remove(&key);
        store.order.push_back((key.clone(), serial));
        store.bytes += bytes;
        store.entries.insert(
            key,
            Entry {
                marker,
                kept_at: Instant::now(),
                serial,
                headers,
                parts,
                bytes,
            },
        );
        while store.bytes > self.budget {
            let Some((old, serial)) = store.order.pop_front() else {
                break;
            };
            if store.entries.get(&old).is_some_and(|e| e.serial == serial) {
                store.remove(&old);
            }
        }
        // Keys pushed again leave stale pushes behind; drop them once they
        // outnumber the entries.
        if store.order.len() > 2 * store.entries.len() + 64 {
            let Store { entries, order, .. } = &mut *store;
            order.retain(|(k, s)| entries.get(k).is_some_and(|e| e.serial == *s));
        }
    }
}

impl Store {
    fn remove(&mut self, key: &Key) {
        if let Some(old) = self.entries.remove(key) {
            self.bytes -= old.bytes;
        }
    }
}

/// The nonce of the page policy in `headers`.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let rest = &policy[policy.find("'nonce-")? + "'nonce-".len()..];
    let nonce = &rest[..rest.find('\'')?];
    (nonce.len() >= 16).then(|| nonce.to_owned())
}

/// Answers a page from the cache when it can, and keeps what it renders
/// when it may (see the module docs).
pub async fn serve_pages(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    let Some(key) = cache.key(&req) else {
        return next.run(req).await;
    };
    let Some(marker) = cache.db.change_marker().await else {
        return next.run(req).await;
    };
    if let Some(res) = cache.answer(&key, &marker) {
        return res;
    }
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let nonce = nonce_of(res.headers());
    let (Some(nonce), true, StatusCode::OK, false) = (
        nonce,
        html,
        res.status(),
        res.headers().contains_key(header::SET_COOKIE),
    ) else {
        return res;
    };
    let (mut parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(e) => {
            tracing::error!("a page failed while rendering: {e}");
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return res;
        }
    };
    if body.len() <= MAX_ENTRY && cache.db.change_marker().await.as_ref() == Some(&marker) {
        cache.keep(key, marker, &parts.headers, &nonce, &body);
    }
    parts
        .headers
        .insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn cache(budget: usize) -> PageCache {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        PageCache::new(db, "panelkit_session", budget)
    }

    const NONCE: &str = "N0nceOfTheRender0000";

    /// Keeps page `n` of `fill` bytes at marker `marker`.
    fn keep(cache: &PageCache, n: u32, marker: &str, fill: usize) {
        let page = page(NONCE, fill);
        cache.keep(key(n), marker.into(), &HeaderMap::new(), NONCE, &page);
    }

    fn key(n: u32) -> Key {
        ("session".into(), format!("/page/{n}"))
    }

    fn page(nonce: &str, fill: usize) -> Bytes {
        Bytes::from(format!(
            "<script nonce=\"{nonce}\">a</script>{}<script nonce=\"{nonce}\">b</script>",
            "x".repeat(fill)
        ))
    }

    async fn text(res: Response) -> (String, String) {
        let policy = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        (String::from_utf8(body.to_vec()).unwrap(), policy)
    }

    #[tokio::test]
    async fn each_answer_carries_a_nonce_of_its_own_in_the_page_and_the_policy() {
        let cache = cache(1 << 20).await;
        keep(&cache, 1, "m1", 10);
        let (first, policy) = text(cache.answer(&key(1), "m1").unwrap()).await;
        let (second, _) = text(cache.answer(&key(1), "m1").unwrap()).await;
        assert!(!first.contains(NONCE) && first != second, "{first}");
        let new = nonce_of(&{
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_SECURITY_POLICY, policy.parse().unwrap());
            h
        })
        .unwrap();
        assert_eq!(first, String::from_utf8(page(&new, 10).to_vec()).unwrap());
    }

    #[tokio::test]
    async fn an_entry_is_served_only_at_its_marker_and_for_its_key() {
        let cache = cache(1 << 20).await;
        keep(&cache, 1, "m1", 10);
        assert!(cache.answer(&key(2), "m1").is_none());
        let other = ("other session".to_owned(), key(1).1);
        assert!(cache.answer(&other, "m1").is_none());
        assert!(cache.answer(&key(1), "m2").is_none());
        // Gone for good once the database moved on.
        assert!(cache.answer(&key(1), "m1").is_none());
    }

    #[tokio::test]
    async fn the_oldest_entries_go_when_the_budget_is_spent() {
        let cache = cache(3_000).await;
        for n in 0..5 {
            keep(&cache, n, "m", 900);
        }
        let kept: Vec<u32> = (0..5)
            .filter(|n| cache.answer(&key(*n), "m").is_some())
            .collect();
        assert_eq!(kept, [2, 3, 4]);
        assert!(cache.store.lock().unwrap().bytes <= 3_000);
    }
}
