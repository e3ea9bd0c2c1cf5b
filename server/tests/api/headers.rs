//! Security headers on every kind of response: pages (with a fresh CSP
//! nonce that matches the hydration script), server functions, PDFs and
//! static files; HSTS and `__Host-` cookies only under an https public URL.

use crate::fixtures::question;
use crate::helpers::*;
use app::model::{Guide, GuideQuestion, GuideQuestionKind, Role, Section, Stage};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use server::config::ServeConfig;

/// Headers every response carries, whatever it is.
fn assert_common(h: &HeaderMap, what: &str) {
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-resource-policy", "same-origin"),
    ] {
        assert_eq!(
            h.get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{what}: {name}"
        );
    }
    assert!(
        h.get("referrer-policy").is_some(),
        "{what}: referrer-policy"
    );
    assert!(
        h.get("strict-transport-security").is_none(),
        "{what}: no HSTS without an https public URL"
    );
    assert!(request_id(h).is_some(), "{what}: x-request-id");
}

/// The response's request id, if it is one the server made (32 hex digits).
fn request_id(h: &HeaderMap) -> Option<String> {
    let id = h.get("x-request-id")?.to_str().ok()?;
    (id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())).then(|| id.to_owned())
}

fn csp(h: &HeaderMap) -> String {
    h.get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The nonce of a page's policy, checked against the page's scripts.
fn page_nonce(h: &HeaderMap, body: &str, what: &str) -> String {
    let policy = csp(h);
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{what}: no nonce in {policy:?}"))
        .to_owned();
    assert!(nonce.len() >= 16, "{what}: short nonce {nonce}");
    for part in [
        "script-src 'self' 'nonce-",
        "'wasm-unsafe-eval'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(part), "{what}: {part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{what}: {policy}");
    // Every script element of the page carries the nonce, or it would not run.
    let scripts = body.matches("<script").count();
    assert!(scripts >= 1, "{what}: no hydration script");
    assert_eq!(
        body.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "{what}: every script carries this response's nonce"
    );
    nonce
}

#[tokio::test]
async fn pages_get_a_policy_with_a_fresh_nonce_that_their_scripts_carry() {
    let app = spawn_app(&Backend::Sqlite).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    let token = app.login("rita@example.org").await;
    let mut nonces = Vec::new();
    for (what, path, session, status) in [
        ("sign-in page", "/login", None, StatusCode::OK),
        ("sign-in page again", "/login", None, StatusCode::OK),
        ("home page", "/", Some(token.as_str()), StatusCode::OK),
        (
            "not-found page",
            "/no/such/page",
            Some(token.as_str()),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let res = app.get(path, session).await;
        assert_eq!(res.status(), status, "{what}");
        let h = res.headers().clone();
        assert_common(&h, what);
        assert_eq!(h.get("cache-control").unwrap(), "no-store", "{what}");
        let body = res.text().await.unwrap();
        nonces.push(page_nonce(&h, &body, what));
    }
    let mut unique = nonces.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        nonces.len(),
        "a nonce per response: {nonces:?}"
    );
}

#[tokio::test]
async fn every_request_gets_its_own_id_and_a_client_cannot_choose_it() {
    let app = spawn_app(&Backend::Sqlite).await;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..3 {
        let res = client()
            .get(app.url("/healthz"))
            .header("x-request-id", "chosen-by-the-client")
            .send()
            .await
            .unwrap();
        let id = request_id(res.headers()).expect("a server-made request id");
        assert!(seen.insert(id), "ids repeat");
    }
}

#[tokio::test]
async fn server_functions_and_redirects_may_load_nothing() {
    let app = spawn_app(&Backend::Sqlite).await;
    // Raw calls: what is checked is the HTTP answer itself.
    for (what, res) in [
        ("server function", app.call("session_user", None, &[]).await),
        (
            "server function error",
            app.call("list_users", None, &[]).await,
        ),
        ("redirect to sign in", app.get("/", None).await),
        ("health", app.get("/healthz", None).await),
    ] {
        let h = res.headers();
        assert_common(h, what);
        assert_eq!(csp(h), server::security::NON_PAGE_POLICY, "{what}");
        assert_eq!(h.get("cache-control").unwrap(), "no-store", "{what}");
    }
}

#[tokio::test]
async fn pdfs_carry_the_headers_and_are_never_cached() {
    let app = spawn_app(&Backend::Sqlite).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    app.add_user("rita@example.org", Role::Recruiter).await;
    let token = app.login("rita@example.org").await;
    let recruiter = app.recruiter(&token);
    let role = recruiter.role("Advisor").await;
    recruiter.profile(&role, &[("customer-focus", 3, 1)]).await;
    let question = GuideQuestion {
        title: "Q".into(),
        text: "Tell me about a customer.".into(),
        ..question("q1", "customer-focus", GuideQuestionKind::Custom)
    };
    let guide = Guide {
        stages: vec![Stage {
            id: "screen".into(),
            name: "Screen".into(),
            sections: vec![Section {
                id: "s1".into(),
                competency_id: "customer-focus".into(),
                minutes: 15,
                questions: vec![question],
            }],
        }],
        reference_questions: Vec::new(),
    };
    recruiter.publish(&role, guide).await;
    let res = app
        .get(&format!("/roles/{role}/packet.pdf"), Some(&token))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert_eq!(h.get("content-type").unwrap(), "application/pdf");
    assert_common(h, "PDF");
    assert_eq!(csp(h), server::security::NON_PAGE_POLICY);
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
}

#[tokio::test]
async fn static_files_carry_the_headers_and_may_be_cached() {
    let site = std::env::temp_dir().join(format!("panelkit-site-{}", app::db::ids::new_id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/panelkit.css"), "body { color: black; }").unwrap();
    std::fs::write(site.join("pkg/panelkit.js"), "export default 1;").unwrap();
    let config = ServeConfig {
        site_root: site.clone(),
        ..ServeConfig::default()
    };
    let app = spawn_app_with(&Backend::Sqlite, config).await;
    for path in ["/pkg/panelkit.css", "/pkg/panelkit.js"] {
        let res = app.get(path, None).await;
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let h = res.headers();
        assert_common(h, path);
        assert_eq!(csp(h), server::security::NON_PAGE_POLICY, "{path}");
        assert_eq!(
            h.get("cache-control").unwrap(),
            server::routes::assets::REVALIDATE,
            "{path}: an unhashed bundle may be kept but is checked each time"
        );
    }
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test]
async fn an_https_public_url_brings_hsts_and_host_prefixed_secure_cookies() {
    let mut config = ServeConfig::default();
    config.references.public_url = Some("https://hire.example.org".into());
    let app = spawn_app_with(&Backend::Sqlite, config).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    let page = app.get("/login", None).await;
    assert_eq!(
        page.headers().get("strict-transport-security").unwrap(),
        server::security::HSTS
    );
    let res = app.post_login("rita@example.org", PASSWORD, None).await;
    assert_eq!(location(res.headers()), "/");
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(!cookies.is_empty());
    for cookie in &cookies {
        assert!(
            cookie.starts_with("__Host-")
                && cookie.contains("; Path=/;")
                && cookie.ends_with("; Secure")
                && !cookie.contains("Domain"),
            "{cookie}"
        );
    }
    // The Host header a request carries changes nothing.
    let forged = client()
        .post(app.url("/auth/login"))
        .header("host", "127.0.0.1")
        .form(&[("email", "rita@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = forged
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cookie.starts_with("__Host-") && cookie.ends_with("; Secure"),
        "{cookie}"
    );
}
