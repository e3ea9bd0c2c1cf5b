//! Sign-in, sign-out, sessions and the cross-origin check.

use crate::helpers::*;
use app::model::Role;
use app::server_fns::session::SessionUser;
use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;
use server::config::ServeConfig;

#[tokio::test]
async fn signing_in_opens_pages_and_signing_out_ends_the_session_server_side() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("rita@example.org", Role::Recruiter).await;

        let signed_out = app.get("/", None).await;
        assert_eq!(signed_out.status(), StatusCode::SEE_OTHER, "{backend:?}");
        assert_eq!(location(signed_out.headers()), "/login");

        let res = app.post_login("Rita@Example.org", PASSWORD, None).await;
        let cookie = res
            .headers()
            .get(SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        let token = session_from(res.headers()).unwrap();

        let home = app.get("/", Some(&token)).await;
        assert_eq!(home.status(), StatusCode::OK, "{backend:?}");
        assert!(home.text().await.unwrap().contains("rita@example.org"));

        let out = client()
            .post(app.url("/auth/logout"))
            .header("cookie", format!("panelkit_session={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(out.status(), StatusCode::SEE_OTHER);
        assert!(
            out.headers()
                .get(SET_COOKIE)
                .unwrap()
                .to_str()
                .unwrap()
                .contains("Max-Age=0")
        );
        assert_eq!(
            out.headers()
                .get("clear-site-data")
                .map(|v| v.to_str().unwrap()),
            Some("\"storage\""),
            "the browser is told to drop what it keeps for the site"
        );

        // The old cookie no longer opens anything, even if a browser kept it.
        let replay = app.get("/", Some(&token)).await;
        assert_eq!(location(replay.headers()), "/login", "{backend:?}");
        let api = app.run(&token, SessionUser {}).await;
        assert_eq!(api, None);
    }
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("rita@example.org", Role::Recruiter).await;

        let wrong = app
            .post_login("rita@example.org", "not the password", None)
            .await;
        let unknown = app.post_login("nobody@example.org", PASSWORD, None).await;
        assert_eq!(wrong.status(), unknown.status(), "{backend:?}");
        assert_eq!(location(wrong.headers()), location(unknown.headers()));
        assert_eq!(location(wrong.headers()), "/login?error=credentials");
        assert!(
            session_from(wrong.headers()).is_none() && session_from(unknown.headers()).is_none()
        );
        assert_eq!(wrong.text().await.unwrap(), unknown.text().await.unwrap());
    }
}

#[tokio::test]
async fn signing_in_again_rotates_the_session_id() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ivan@example.org", Role::Interviewer).await;
        let first = app.login("ivan@example.org").await;

        let res = app
            .post_login("ivan@example.org", PASSWORD, Some(&first))
            .await;
        let second = session_from(res.headers()).unwrap();
        assert_ne!(first, second, "{backend:?}");
        assert_eq!(
            app.get("/", Some(&first)).await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(app.get("/", Some(&second)).await.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn the_database_stores_no_usable_session_token() {
    let app = spawn_app(&Backend::Sqlite).await;
    app.add_user("ada@example.org", Role::Admin).await;
    let token = app.login("ada@example.org").await;
    let stored: Vec<String> = sqlx::query_scalar::<_, String>("SELECT token_hash FROM sessions")
        .fetch_all(&sqlx::SqlitePool::connect(&app.database_url).await.unwrap())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    // The stored value does not work as a cookie.
    assert_eq!(
        app.get("/", Some(&stored[0])).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn cross_origin_posts_are_refused() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let token = app.login("ada@example.org").await;

        for (name, header, value) in [
            ("foreign Origin", "origin", "https://evil.example"),
            ("cross-site fetch metadata", "sec-fetch-site", "cross-site"),
        ] {
            let res = client()
                .post(app.url("/api/list_users"))
                .header("cookie", format!("panelkit_session={token}"))
                .header(header, value)
                .form(&[("", "")])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name} on {backend:?}");

            let login = client()
                .post(app.url("/auth/login"))
                .header(header, value)
                .form(&[("email", "ada@example.org"), ("password", PASSWORD)])
                .send()
                .await
                .unwrap();
            assert_eq!(
                login.status(),
                StatusCode::FORBIDDEN,
                "{name} sign-in on {backend:?}"
            );
        }

        let same_origin = client()
            .post(app.url("/api/list_users"))
            .header("cookie", format!("panelkit_session={token}"))
            .header("origin", format!("http://{}", app.addr))
            .form(&[("", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(same_origin.status(), StatusCode::OK, "{backend:?}");
    }
}

#[tokio::test]
async fn sign_in_attempts_are_rate_limited_per_address() {
    let config = ServeConfig {
        login_rate_per_minute: 3,
        ..ServeConfig::default()
    };
    let app = spawn_app_with(&Backend::Sqlite, config).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    for attempt in 1..=3 {
        let res = app
            .post_login("rita@example.org", "wrong password!", None)
            .await;
        assert_eq!(
            location(res.headers()),
            "/login?error=credentials",
            "attempt {attempt}"
        );
    }
    // Even the right password waits once the limit is reached.
    let res = app.post_login("rita@example.org", PASSWORD, None).await;
    assert_eq!(location(res.headers()), "/login?error=rate");
    assert!(session_from(res.headers()).is_none());
}

#[tokio::test]
async fn healthz_reports_whether_the_database_answers() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        assert_eq!(
            app.get("/healthz", None).await.status(),
            StatusCode::OK,
            "{backend:?}"
        );
        app.db.close().await;
        assert_eq!(
            app.get("/healthz", None).await.status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn responses_carry_security_headers() {
    let app = spawn_app(&Backend::Sqlite).await;
    let res = app.get("/login", None).await;
    let h = res.headers();
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("x-frame-options").unwrap(), "DENY");
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
}
