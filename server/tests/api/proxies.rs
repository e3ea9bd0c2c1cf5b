//! Behind a reverse proxy: forwarding headers decide the client address
//! only when the connecting peer is a trusted proxy.

use crate::helpers::*;
use app::model::Role;
use server::config::ServeConfig;

async fn attempt(app: &TestApp, forwarded_for: &str) -> String {
    let res = client()
        .post(app.url("/auth/login"))
        .header("x-forwarded-for", forwarded_for)
        .form(&[("email", "rita@example.org"), ("password", "wrong!")])
        .send()
        .await
        .unwrap();
    location(res.headers()).to_owned()
}

fn config(trusted: &str) -> ServeConfig {
    ServeConfig {
        login_rate_per_minute: 2,
        login_failures_per_account: 100,
        trusted_proxies: trusted
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| server::config::parse_proxy(s).unwrap())
            .collect(),
        ..ServeConfig::default()
    }
}

#[tokio::test]
async fn a_trusted_proxy_names_the_client_for_rate_limits() {
    let app = spawn_app_with(&Backend::Sqlite, config("127.0.0.1/32")).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    for _ in 0..2 {
        assert_eq!(
            attempt(&app, "198.51.100.1").await,
            "/login?error=credentials"
        );
    }
    assert_eq!(attempt(&app, "198.51.100.1").await, "/login?error=rate");
    // Another client behind the same proxy has its own allowance…
    assert_eq!(
        attempt(&app, "198.51.100.2").await,
        "/login?error=credentials"
    );
    // …and a client cannot buy a new one by prepending addresses.
    assert_eq!(
        attempt(&app, "203.0.113.77, 198.51.100.1").await,
        "/login?error=rate"
    );
}

#[tokio::test]
async fn forwarding_headers_from_anyone_else_are_ignored() {
    let app = spawn_app_with(&Backend::Sqlite, config("")).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    assert_eq!(
        attempt(&app, "198.51.100.1").await,
        "/login?error=credentials"
    );
    assert_eq!(
        attempt(&app, "198.51.100.2").await,
        "/login?error=credentials"
    );
    // A third address in the header is still the same peer: 127.0.0.1.
    assert_eq!(attempt(&app, "198.51.100.3").await, "/login?error=rate");
}
