//! The browser bundle (`/pkg/…`) and the site's other static files (the
//! favicon), served ahead of the session, client-address and origin layers:
//! a static file needs no session lookup and no database.
//!
//! `build_site` (`.ci/lib.sh`) names the bundle after its content
//! (`panelkit.<hash>.js`, `.wasm`, `.css`, the lazily loaded groups and the
//! referee's bundle of its own), lists them in `hash.txt` at the site root
//! (the file Leptos's `HydrationScripts` reads when `hash_files` is on) and, for release builds, writes brotli (`.br`) and
//! gzip (`.gz`) copies beside each file, which are sent to browsers that
//! accept them. A hashed name never changes meaning, so those files are
//! cached for a year as `immutable`; anything else (the favicon, an
//! unhashed development bundle) is `no-cache`: kept, but checked each time.
//!
//! What `build_site` left, and the addresses pages ask for: [`listing`].

mod listing;

pub use listing::{HASH_FILE, OUTPUT_NAME, SiteAssets};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use tower_http::services::{ServeDir, ServeFile};

/// The cache policy of content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The cache policy of static files whose name does not follow their content.
pub const REVALIDATE: &str = "no-cache";
/// start-up.
pub fn router(site_root: &Path, assets: &SiteAssets) -> Router {
    let pkg = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let mut router = Router::new().nest_service("/pkg", pkg);
    // The hashed files are read once, here, and answered from memory: their
    // names never change meaning, and reading them from disk for every
    // request (open, metadata, reads, each a hop to the blocking pool) held
    // them to a tenth of a trivial route's rate.
    for path in assets.immutable_paths() {
        let Some(file) = path.strip_prefix("/pkg/") else {
            continue;
        };
        match Preloaded::read(&site_root.join("pkg"), file) {
            Some(preloaded) => {
                let preloaded = Arc::new(preloaded);
                router = router.route(
                    &path,
                    axum::routing::get(move |headers: http::HeaderMap| {
                        let preloaded = preloaded.clone();
                        async move { preloaded.respond(&headers) }
                    }),
                );
            }
            None => tracing::warn!(path, "a file hash.txt names is missing from the site"),
        }
    }
    if let Ok(entries) = std::fs::read_dir(site_root) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let plain = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
            if !plain || name == "pkg" || name == HASH_FILE || name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            router = if path.is_dir() {
                router.nest_service(&format!("/{name}"), ServeDir::new(path))
            } else {
                router.route_service(&format!("/{name}"), ServeFile::new(path))
            };
        }
    }
    router.layer(axum::middleware::from_fn_with_state(
        Arc::new(assets.immutable_paths()),
        cache_policy,
    ))
}

/// A hashed file of the bundle in memory, with its brotli and gzip copies
/// when the build wrote them.
struct Preloaded {
    content_type: &'static str,
    plain: Bytes,
    br: Option<Bytes>,
    gzip: Option<Bytes>,
}

impl Preloaded {
    /// `dir/name` and its `.br` and `.gz` copies; `None` if `name` is not there.
    fn read(dir: &Path, name: &str) -> Option<Self> {
        let read = |suffix: &str| {
            std::fs::read(dir.join(format!("{name}{suffix}")))
                .ok()
                .map(Bytes::from)
        };
        let content_type = match name.rsplit('.').next() {
            Some("js") => "text/javascript",
            Some("wasm") => "application/wasm",
            Some("css") => "text/css",
            _ => "application/octet-stream",
        };
        Some(Self {
            content_type,
            plain: read("")?,
            br: read(".br"),
            gzip: read(".gz"),
        })
    }

    /// The best copy the request accepts (brotli, then gzip, then plain).
    fn respond(&self, headers: &http::HeaderMap) -> Response {
        let accept = headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let (body, encoding) = match (&self.br, &self.gzip) {
            (Some(br), _) if accepts(&accept, "br") => (br.clone(), Some("br")),
            (_, Some(gz)) if accepts(&accept, "gzip") => (gz.clone(), Some("gzip")),
            _ => (self.plain.clone(), None),
        };
        let mut res = Response::new(axum::body::Body::from(body));
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        if let Some(encoding) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        res
    }
}

/// Whether an `Accept-Encoding` value accepts `coding` (named, not refused
/// with `q=0`).
fn accepts(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts.next().is_some_and(|c| c.eq_ignore_ascii_case(coding))
            && !parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            })
    })
}

/// `immutable` for the hashed files, `no-cache` for the others, and `Vary`
/// for caches between (tower-http's `ServeDir` sets none); errors keep the
/// server's default (`no-store`).
async fn cache_policy(
    State(immutable): State<Arc<HashSet<String>>>,
    req: Request,
    next: Next,
) -> Response {
    let path = req
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| req.uri().path().to_owned(), |o| o.path().to_owned());
    let mut res = next.run(req).await;
    let status = res.status();
    if status.is_success() || status == http::StatusCode::NOT_MODIFIED {
        let policy = if immutable.contains(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        let headers = res.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        // The same address may be sent as brotli, gzip or plain.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br", "br"));
        assert!(accepts("GZIP", "gzip"));
        assert!(accepts("br;q=0.5, gzip", "br"));
        assert!(!accepts("br;q=0, gzip", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
        assert!(!accepts("x-gzip", "gzip"));
    }
}
