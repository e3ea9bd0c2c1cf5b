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

use anyhow::{Context, bail};
use app::components::island_script::{BundleHrefs, OwnBundle as AppOwnBundle};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::{ServeDir, ServeFile};

/// The file, at the site root, that lists the bundle's content hashes.
pub const HASH_FILE: &str = "hash.txt";

/// The cache policy of content-hashed files.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// The cache policy of static files whose name does not follow their content.
pub const REVALIDATE: &str = "no-cache";

/// The base name of the bundle's files (Leptos's output name).
pub const OUTPUT_NAME: &str = "panelkit";

/// A bundle of its own, as `hash.txt` lists it: file names in `pkg/`.
#[derive(Debug, Clone)]
struct OwnBundle {
    islands: Vec<String>,
    js: String,
    wasm: String,
}

/// What `build_site` left in the site root: whether the bundle has hashed
/// names, and which.
#[derive(Debug, Clone, Default)]
pub struct SiteAssets {
    /// Absolute path of `hash.txt`, when the bundle is hashed.
    pub hash_file: Option<PathBuf>,
    /// Hashes by kind (`js`, `wasm`, `css`), as in `hash.txt`.
    hashes: Vec<(String, String)>,
    /// The bundle's other hashed files (`file: <name>` lines): the loader
    /// of the lazily loaded islands and their download groups.
    files: Vec<String>,
    /// Bundles of their own (`bundle: <name> <js> <wasm> <Island>,…`).
    own: Vec<OwnBundle>,
}

impl SiteAssets {
    /// Reads `site_root/hash.txt` if there is one. A bundle without it (a
    /// test's site root, a build made another way) is served by its plain
    /// names. A malformed file is an error naming the file and line.
    pub fn load(site_root: &Path) -> anyhow::Result<Self> {
        let path = site_root.join(HASH_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let mut hashes = Vec::new();
        let mut files = Vec::new();
        let mut own = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some((kind, hash)) = line.split_once(':') else {
                bail!("{}:{}: expected `kind: hash`", path.display(), n + 1);
            };
            let (kind, hash) = (kind.trim(), hash.trim());
            let file_name = |name: &str| {
                let plain = name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
                if !plain || name.starts_with('.') || !name.contains('.') {
                    bail!("{}:{}: bad file name {name:?}", path.display(), n + 1);
                }
                Ok(name.to_owned())
            };
            if kind == "file" {
                files.push(file_name(hash)?);
                continue;
            }
            if kind == "bundle" {
                let fields: Vec<&str> = hash.split_whitespace().collect();
                let [_name, js, wasm, islands] = fields[..] else {
                    bail!(
                        "{}:{}: expected `bundle: <name> <js> <wasm> <Island>,…`",
                        path.display(),
                        n + 1
                    );
                };
                let islands: Vec<String> = islands.split(',').map(str::to_owned).collect();
                if islands
                    .iter()
                    .any(|i| i.is_empty() || !i.chars().all(|c| c.is_ascii_alphanumeric()))
                {
                    bail!(
                        "{}:{}: bad island names {:?}",
                        path.display(),
                        n + 1,
                        fields[3]
                    );
                }
                own.push(OwnBundle {
                    islands,
                    js: file_name(js)?,
                    wasm: file_name(wasm)?,
                });
                continue;
            }
            if !matches!(kind, "js" | "wasm" | "css") {
                bail!(
                    "{}:{}: unknown kind {kind:?} (js, wasm, css, file or bundle)",
                    path.display(),
                    n + 1
                );
            }
            if hash.is_empty() || !hash.chars().all(|c| c.is_ascii_alphanumeric()) {
                bail!("{}:{}: bad hash {hash:?}", path.display(), n + 1);
            }
            hashes.push((kind.to_owned(), hash.to_owned()));
        }
        let absolute =
            std::path::absolute(&path).with_context(|| format!("resolving {}", path.display()))?;
        Ok(Self {
            hash_file: Some(absolute),
            hashes,
            files,
            own,
        })
    }

    /// [`Self::load`], or the plain names (after logging why) when the hash
    /// file cannot be read; `serve` checks it first and refuses to start.
    pub fn load_or_plain(site_root: &Path) -> Self {
        Self::load(site_root).unwrap_or_else(|e| {
            tracing::error!("{e:#}; serving the bundle by its plain names");
            Self::default()
        })
    }

    fn hash_of(&self, kind: &str) -> Option<&str> {
        self.hashes
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, h)| h.as_str())
    }

    /// The stylesheet's address.
    pub fn stylesheet_href(&self) -> String {
        match self.hash_of("css") {
            Some(hash) => format!("/pkg/{OUTPUT_NAME}.{hash}.css"),
            None => format!("/pkg/{OUTPUT_NAME}.css"),
        }
    }

    /// The addresses of the bundles' entry modules and wasm, for the island
    /// script. Without a hash file, the plain names `build_site` writes.
    pub fn bundle_hrefs(&self) -> BundleHrefs {
        match (self.hash_of("js"), self.hash_of("wasm")) {
            (Some(js), Some(wasm)) => BundleHrefs {
                js: format!("/pkg/{OUTPUT_NAME}.{js}.js").into(),
                wasm: format!("/pkg/{OUTPUT_NAME}.{wasm}.wasm").into(),
                own: self
                    .own
                    .iter()
                    .map(|b| AppOwnBundle {
                        islands: b.islands.clone(),
                        js: format!("/pkg/{}", b.js),
                        wasm: format!("/pkg/{}", b.wasm),
                    })
                    .collect(),
            },
            _ => BundleHrefs::default(),
        }
    }

    /// The addresses of the content-hashed files.
    pub fn immutable_paths(&self) -> HashSet<String> {
        self.hashes
            .iter()
            .map(|(kind, hash)| format!("/pkg/{OUTPUT_NAME}.{hash}.{kind}"))
            .chain(self.files.iter().map(|name| format!("/pkg/{name}")))
            .chain(
                self.own
                    .iter()
                    .flat_map(|b| [format!("/pkg/{}", b.js), format!("/pkg/{}", b.wasm)]),
            )
            .collect()
    }
}

/// The static routes: `/pkg/…` from `site_root/pkg`, and each other file
/// or folder at the site root (the favicon) by its name, as they are at
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

    fn site_with(hash_txt: &str) -> PathBuf {
        let site = std::env::temp_dir().join(format!("panelkit-assets-{}", app::db::ids::new_id()));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join(HASH_FILE), hash_txt).unwrap();
        site
    }

    #[test]
    fn the_hash_file_names_the_hashed_files() {
        let site = site_with(
            "js: 0a1b\nwasm: 2c3d\n\ncss: 4e5f\nfile: __wasm_split.0a1b.js\nfile: split_scoring.6a7b.wasm\n\
             bundle: referee referee.8c9d.js referee.8c9d.wasm RefereeFlow\n",
        );
        let assets = SiteAssets::load(&site).unwrap();
        assert!(assets.hash_file.as_ref().unwrap().is_absolute());
        assert_eq!(assets.stylesheet_href(), "/pkg/panelkit.4e5f.css");
        let mut paths: Vec<_> = assets.immutable_paths().into_iter().collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "/pkg/__wasm_split.0a1b.js",
                "/pkg/panelkit.0a1b.js",
                "/pkg/panelkit.2c3d.wasm",
                "/pkg/panelkit.4e5f.css",
                "/pkg/referee.8c9d.js",
                "/pkg/referee.8c9d.wasm",
                "/pkg/split_scoring.6a7b.wasm"
            ]
        );
        assert_eq!(
            assets.bundle_hrefs(),
            BundleHrefs {
                js: "/pkg/panelkit.0a1b.js".into(),
                wasm: "/pkg/panelkit.2c3d.wasm".into(),
                own: vec![AppOwnBundle {
                    islands: vec!["RefereeFlow".into()],
                    js: "/pkg/referee.8c9d.js".into(),
                    wasm: "/pkg/referee.8c9d.wasm".into(),
                }],
            }
        );
        let _ = std::fs::remove_dir_all(site);
    }

    #[test]
    fn no_hash_file_means_plain_names() {
        let site = std::env::temp_dir().join(format!("panelkit-assets-{}", app::db::ids::new_id()));
        let assets = SiteAssets::load(&site).unwrap();
        assert!(assets.hash_file.is_none());
        assert_eq!(assets.stylesheet_href(), "/pkg/panelkit.css");
        assert!(assets.immutable_paths().is_empty());
    }

    #[test]
    fn a_malformed_hash_file_is_refused_naming_its_line() {
        for (text, expected) in [
            ("js: 0a1b\nwasm 2c3d\n", "hash.txt:2: expected `kind: hash`"),
            ("js: 0a1b\nmap: 2c3d\n", "hash.txt:2: unknown kind \"map\""),
            ("file: ../x.js\n", "hash.txt:1: bad file name \"../x.js\""),
            (
                "file: .hidden.js\n",
                "hash.txt:1: bad file name \".hidden.js\"",
            ),
            ("js: ../x\n", "hash.txt:1: bad hash \"../x\""),
            (
                "bundle: referee referee.1.js RefereeFlow\n",
                "hash.txt:1: expected `bundle: <name> <js> <wasm> <Island>,…`",
            ),
            (
                "bundle: referee ../r.js r.wasm RefereeFlow\n",
                "hash.txt:1: bad file name \"../r.js\"",
            ),
            (
                "bundle: referee r.js r.wasm Referee<Flow>\n",
                "hash.txt:1: bad island names \"Referee<Flow>\"",
            ),
            ("css:\n", "hash.txt:1: bad hash \"\""),
        ] {
            let site = site_with(text);
            let err = SiteAssets::load(&site).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
            let _ = std::fs::remove_dir_all(site);
        }
    }
}
