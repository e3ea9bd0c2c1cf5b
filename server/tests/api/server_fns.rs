//! Server functions over plain HTTP: who may call what.

use crate::helpers::*;
use app::model::{Role, UserSummary};
use reqwest::StatusCode;

#[tokio::test]
async fn only_admins_may_list_users() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        app.add_user("ivan@example.org", Role::Interviewer).await;
        app.add_user("rita@example.org", Role::Recruiter).await;

        // Raw form calls: the encoding and the error body are what is checked.
        let anonymous = app.call("list_users", None, &[]).await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{backend:?}");

        for (email, expected) in [
            ("ivan@example.org", StatusCode::FORBIDDEN),
            ("rita@example.org", StatusCode::FORBIDDEN),
            ("ada@example.org", StatusCode::OK),
        ] {
            let token = app.login(email).await;
            let res = app.call("list_users", Some(&token), &[]).await;
            assert_eq!(res.status(), expected, "{email} on {backend:?}");
            let body = res.text().await.unwrap();
            if expected == StatusCode::OK {
                let users: Vec<UserSummary> = serde_json::from_str(&body).unwrap();
                assert_eq!(users.len(), 3);
            } else {
                // A typed error the page turns into a safe message.
                let err: app::errors::AppError = serde_json::from_str(&body).unwrap();
                assert_eq!(err, app::errors::AppError::Forbidden, "{email}");
                assert_eq!(err.to_string(), "You do not have access to this.");
            }
        }
    }
}

#[tokio::test]
async fn server_functions_refuse_get() {
    let app = spawn_app(&Backend::Sqlite).await;
    app.add_user("ada@example.org", Role::Admin).await;
    let token = app.login("ada@example.org").await;
    let res = app.get("/api/list_users", Some(&token)).await;
    assert_ne!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn session_user_names_the_caller() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("hana@example.org", Role::HiringManager).await;
        let token = app.login("hana@example.org").await;
        // A raw form call, decoded by hand: the wire format is what is checked.
        let res = app.call("session_user", Some(&token), &[]).await;
        let user: Option<app::model::CurrentUser> =
            serde_json::from_str(&res.text().await.unwrap()).unwrap();
        let user = user.unwrap();
        assert_eq!(
            (user.email.as_str(), user.role),
            ("hana@example.org", Role::HiringManager),
            "{backend:?}"
        );
    }
}
