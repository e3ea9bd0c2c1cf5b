//! Sessions: idle and absolute expiry, pruning under a lease, ending every
//! session of an account on a password change or deactivation (through the
//! command line), and the per-account sign-in throttle that cannot lock the
//! owner's own browser out.

use crate::helpers::*;
use app::db::sessions::{SessionPolicy, find_session_user};
use app::db::users::DEFAULT_ORG;
use app::model::Role;
use app::server_fns::session::SessionUser;
use reqwest::StatusCode;
use server::config::ServeConfig;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");

#[tokio::test]
async fn sessions_end_when_idle_and_at_their_lifetime() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("rita@example.org", Role::Recruiter).await;
        let token = app.login("rita@example.org").await;
        let policy = SessionPolicy::default();
        assert!(
            find_session_user(&app.db, &token, &policy)
                .await
                .unwrap()
                .is_some()
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
        let idle = SessionPolicy {
            idle_ms: 10,
            ..policy
        };
        assert!(
            find_session_user(&app.db, &token, &idle)
                .await
                .unwrap()
                .is_none(),
            "{backend:?}: idle session still open"
        );
        // Sessions made with a short lifetime end at it, however active.
        let user = app::db::users::find_for_login(&app.db, DEFAULT_ORG, "rita@example.org")
            .await
            .unwrap()
            .unwrap()
            .0;
        let brief = SessionPolicy {
            lifetime_ms: 10,
            ..policy
        };
        let short = app::db::sessions::create_session(&app.db, &user, None, &brief)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(30)).await;
        assert!(
            find_session_user(&app.db, &short, &policy)
                .await
                .unwrap()
                .is_none(),
            "{backend:?}: expired session still open"
        );
    }
}

#[tokio::test]
async fn pruning_removes_dead_sessions_on_one_server_at_a_time() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("rita@example.org", Role::Recruiter).await;
        let live = app.login("rita@example.org").await;
        let user = app::db::users::find_for_login(&app.db, DEFAULT_ORG, "rita@example.org")
            .await
            .unwrap()
            .unwrap()
            .0;
        let brief = SessionPolicy {
            lifetime_ms: 1,
            ..SessionPolicy::default()
        };
        for _ in 0..3 {
            app::db::sessions::create_session(&app.db, &user, None, &brief)
                .await
                .unwrap();
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        let policy = SessionPolicy::default();
        let first = server::housekeeping::run_once(&app.db, "server-a", &policy)
            .await
            .unwrap()
            .expect("the lease was free");
        assert_eq!(first.sessions, 3, "{backend:?}");
        // Another server finds the lease taken and does nothing.
        assert_eq!(
            server::housekeeping::run_once(&app.db, "server-b", &policy)
                .await
                .unwrap(),
            None,
            "{backend:?}"
        );
        // The holder renews it; nothing is left to prune; the live session stays.
        let again = server::housekeeping::run_once(&app.db, "server-a", &policy)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.sessions, 0);
        assert!(
            find_session_user(&app.db, &live, &policy)
                .await
                .unwrap()
                .is_some()
        );
    }
}

fn cli(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run panelkit");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn a_new_password_or_deactivation_ends_every_session_of_the_account() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("rita@example.org", Role::Recruiter).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let laptop = app.login("rita@example.org").await;
        let phone = app.login("rita@example.org").await;
        let other = app.login("ada@example.org").await;
        let signed_in = |token: String| {
            let app = &app;
            async move { app.run(&token, SessionUser {}).await.is_some() }
        };

        // The laptop was in use moments ago: the server keeps its session
        // in memory, and a change made by another process reaches it within
        // KEEP_MS.
        assert!(signed_in(laptop.clone()).await, "{backend:?}");
        let out = cli(
            &app.database_url,
            &["user", "set-password", "--email", "rita@example.org"],
            "a brand new passphrase\n",
        );
        assert!(out.status.success(), "{out:?}");
        tokio::time::sleep(Duration::from_millis(app::db::sessions::KEEP_MS as u64)).await;
        assert!(
            !signed_in(laptop).await && !signed_in(phone).await,
            "{backend:?}"
        );
        assert!(
            signed_in(other.clone()).await,
            "{backend:?}: other accounts stay"
        );
        let token = app
            .login_with("rita@example.org", "a brand new passphrase")
            .await;

        let out = cli(
            &app.database_url,
            &["user", "deactivate", "--email", "rita@example.org"],
            "",
        );
        assert!(out.status.success(), "{out:?}");
        assert!(!signed_in(token).await, "{backend:?}");
        let res = app
            .post_login("rita@example.org", "a brand new passphrase", None)
            .await;
        assert_eq!(location(res.headers()), "/login?error=credentials");

        let out = cli(
            &app.database_url,
            &["user", "deactivate", "--email", "nobody@example.org"],
            "",
        );
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("no account"));
    }
}

/// Posts the sign-in form with extra cookies and returns the response.
async fn sign_in(app: &TestApp, password: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut req = client()
        .post(app.url("/auth/login"))
        .form(&[("email", "rita@example.org"), ("password", password)]);
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn an_attacked_account_still_opens_from_its_owners_browser() {
    let config = ServeConfig {
        login_failures_per_account: 3,
        ..ServeConfig::default()
    };
    let app = spawn_app_with(&Backend::Sqlite, config).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    // Rita signed in from her browser once: it holds a device cookie.
    let res = sign_in(&app, PASSWORD, None).await;
    let device = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("panelkit_device="))
        .expect("a device cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    // Someone guesses her password.
    for _ in 0..3 {
        let res = sign_in(&app, "guess", None).await;
        assert_eq!(location(res.headers()), "/login?error=credentials");
    }
    // Now the account is throttled for everyone else, even with the right password…
    let res = sign_in(&app, PASSWORD, None).await;
    assert_eq!(location(res.headers()), "/login?error=rate");
    assert!(res.headers().get("retry-after").is_some());
    assert!(session_from(res.headers()).is_none());
    // …and a forged device cookie does not help…
    let forged = format!("panelkit_device={}", "a".repeat(64));
    let res = sign_in(&app, PASSWORD, Some(&forged)).await;
    assert_eq!(location(res.headers()), "/login?error=rate");
    // …but Rita's own browser still signs in.
    let res = sign_in(&app, PASSWORD, Some(&device)).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(res.headers()), "/");
    assert!(session_from(res.headers()).is_some());
}
