//! The browser bundle and the other static files: pages ask for the
//! content-hashed names `hash.txt` lists, those are cached for good and
//! everything else is revalidated, brotli and gzip copies go to browsers
//! that accept them, and none of it passes through the session lookup.

use crate::helpers::*;
use app::model::Role;
use reqwest::StatusCode;
use server::config::ServeConfig;
use server::routes::assets::{IMMUTABLE, REVALIDATE};
use std::path::PathBuf;

const JS: &str = "0123456789abcdef";
const WASM: &str = "fedcba9876543210";
const CSS: &str = "00112233aabbccdd";

/// The files of a hashed bundle: (kind, hash, content, content type).
const FILES: [(&str, &str, &str, &str); 3] = [
    ("js", JS, "export default function () {}", "text/javascript"),
    ("wasm", WASM, "\0asm\u{1}\0\0\0", "application/wasm"),
    ("css", CSS, "body { color: black; }", "text/css"),
];

/// A site root as `build_site release` leaves it: hashed names, `.br` and
/// `.gz` copies (the server sends them as they are, so any bytes do), the
/// hash file and the favicon.
fn hashed_site() -> PathBuf {
    let site = std::env::temp_dir().join(format!("panelkit-site-{}", app::db::ids::new_id()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for (kind, hash, content, _) in FILES {
        let name = format!("panelkit.{hash}.{kind}");
        std::fs::write(pkg.join(&name), content).unwrap();
        std::fs::write(pkg.join(format!("{name}.br")), format!("br:{content}")).unwrap();
        std::fs::write(pkg.join(format!("{name}.gz")), format!("gz:{content}")).unwrap();
    }
    std::fs::write(
        site.join("hash.txt"),
        format!("js: {JS}\nwasm: {WASM}\ncss: {CSS}\n"),
    )
    .unwrap();
    std::fs::write(site.join("favicon.svg"), "<svg/>").unwrap();
    site
}

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn pages_ask_for_the_hashed_bundle_which_is_cached_for_good_and_sent_compressed() {
    let site = hashed_site();
    let config = ServeConfig {
        site_root: site.clone(),
        ..ServeConfig::default()
    };
    let app = spawn_app_with(&Backend::Sqlite, config).await;

    let page = app.get("/login", None).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(header(&page, "cache-control"), "no-store", "the page");
    let html = page.text().await.unwrap();
    for (kind, hash, _, _) in FILES {
        let address = format!("/pkg/panelkit.{hash}.{kind}");
        assert!(
            html.contains(&address),
            "the page asks for {address}: {html}"
        );
    }
    assert!(
        !html.contains("panelkit_bg") && !html.contains("/pkg/panelkit.css"),
        "no plain names: {html}"
    );

    for (kind, hash, content, content_type) in FILES {
        let path = format!("/pkg/panelkit.{hash}.{kind}");
        let plain = app.get(&path, None).await;
        assert_eq!(plain.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&plain, "cache-control"), IMMUTABLE, "{path}");
        assert!(
            header(&plain, "content-type").starts_with(content_type),
            "{path}: {}",
            header(&plain, "content-type")
        );
        assert_eq!(header(&plain, "content-encoding"), "", "{path}");
        assert_eq!(plain.text().await.unwrap(), content, "{path}");

        for (accept, encoding) in [("gzip, deflate, br", "br"), ("gzip", "gzip")] {
            let res = client()
                .get(app.url(&path))
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK, "{path} {accept}");
            assert_eq!(
                header(&res, "content-encoding"),
                encoding,
                "{path} {accept}"
            );
            assert_eq!(header(&res, "cache-control"), IMMUTABLE, "{path} {accept}");
            assert!(
                header(&res, "vary")
                    .to_ascii_lowercase()
                    .contains("accept-encoding"),
                "{path} {accept}: caches must keep the encodings apart"
            );
            let short = if encoding == "br" { "br" } else { "gz" };
            assert_eq!(
                res.text().await.unwrap(),
                format!("{short}:{content}"),
                "{path} {accept}"
            );
        }
    }

    let favicon = app.get("/favicon.svg", None).await;
    assert_eq!(favicon.status(), StatusCode::OK);
    assert_eq!(header(&favicon, "cache-control"), REVALIDATE, "favicon");

    let missing = app.get("/pkg/panelkit.0000000000000000.js", None).await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        header(&missing, "cache-control"),
        "no-store",
        "a missing file"
    );
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test]
async fn without_a_hash_file_pages_ask_for_the_plain_names() {
    let site = hashed_site();
    std::fs::remove_file(site.join("hash.txt")).unwrap();
    std::fs::write(site.join("pkg/panelkit.js"), "export default 1;").unwrap();
    let config = ServeConfig {
        site_root: site.clone(),
        ..ServeConfig::default()
    };
    let app = spawn_app_with(&Backend::Sqlite, config).await;
    let html = app.get("/login", None).await.text().await.unwrap();
    for address in [
        "/pkg/panelkit.js",
        "/pkg/panelkit_bg.wasm",
        "/pkg/panelkit.css",
    ] {
        assert!(
            html.contains(address),
            "the page asks for {address}: {html}"
        );
    }
    // A hashed name not listed in hash.txt is not known to be immutable.
    for path in ["/pkg/panelkit.js", &format!("/pkg/panelkit.{JS}.js")] {
        let res = app.get(path, None).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&res, "cache-control"), REVALIDATE, "{path}");
    }
    let _ = std::fs::remove_dir_all(site);
}

/// A session's last-seen time moves when a request looks the session up
/// (at most once a minute); static files must not move it.
#[tokio::test]
async fn static_files_are_served_without_looking_up_the_session() {
    for backend in backends() {
        let site = hashed_site();
        let config = ServeConfig {
            site_root: site.clone(),
            ..ServeConfig::default()
        };
        let app = spawn_app_with(&backend, config).await;
        app.add_user("rita@example.org", Role::Recruiter).await;
        let token = app.login("rita@example.org").await;
        let pool = app.raw_pool().await;
        let last_seen = || async {
            sqlx::query_scalar::<_, i64>("SELECT last_seen_at FROM sessions")
                .fetch_one(&pool)
                .await
                .unwrap()
        };
        sqlx::query("UPDATE sessions SET last_seen_at = last_seen_at - 120000")
            .execute(&pool)
            .await
            .unwrap();
        let before = last_seen().await;

        for path in [
            format!("/pkg/panelkit.{JS}.js"),
            format!("/pkg/panelkit.{WASM}.wasm"),
            format!("/pkg/panelkit.{CSS}.css"),
            "/favicon.svg".to_owned(),
        ] {
            let res = app.get(&path, Some(&token)).await;
            assert_eq!(res.status(), StatusCode::OK, "{backend:?} {path}");
        }
        assert_eq!(
            last_seen().await,
            before,
            "{backend:?}: a static file looked the session up"
        );

        // The same cookie on a page does move it: the check can fail.
        let page = app.get("/", Some(&token)).await;
        assert_eq!(page.status(), StatusCode::OK, "{backend:?}");
        assert!(last_seen().await > before, "{backend:?}: the page did not");
        pool.close().await;
        let _ = std::fs::remove_dir_all(site);
    }
}
