//! Bounded work and honest errors: malformed requests get a 400 naming the
//! field, oversized bodies a 413, rate limits a 429 with `Retry-After`, and
//! Markdown over its limits is refused when saved and never stored.

use crate::helpers::*;
use app::errors::AppError;
use app::markdown::MAX_DEPTH;
use app::model::{CandidateDetail, CandidateInput, CandidateSummary, Role, RoleInput};
use app::server_fns::candidates::{AddCandidate, GetCandidate, ListCandidates};
use app::server_fns::guides::PreviewMarkdown;
use app::server_fns::referee::LoadRefereeForm;
use app::server_fns::roles::{CreateRole, ListPeople, ListRoles, UpdateRole};
use reqwest::StatusCode;
use serde_json::json;
use server::config::{ReferenceConfig, ServeConfig};

async fn error_of(res: reqwest::Response) -> (StatusCode, AppError) {
    let status = res.status();
    let text = res.text().await.unwrap();
    let err = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status} {e}: {text}"));
    (status, err)
}

/// The role "Advisor" with `description`.
fn role_input(description: &str) -> RoleInput {
    RoleInput {
        title: "Advisor".into(),
        department: String::new(),
        description: description.into(),
    }
}

/// A candidate Zoë with `notes`.
fn add_zoe(role_id: &str, notes: &str) -> AddCandidate {
    AddCandidate {
        role_id: role_id.into(),
        input: CandidateInput {
            name: "Zoë".into(),
            email: "z@example.org".into(),
            notes: notes.into(),
        },
    }
}

/// A recruiter's token and a role id.
async fn recruiter_with_role(app: &TestApp) -> (String, String) {
    app.add_user("rita@example.org", Role::Recruiter).await;
    let token = app.login("rita@example.org").await;
    let input = role_input("");
    let role = app.run(&token, CreateRole { input }).await;
    (token, role)
}

#[tokio::test]
async fn malformed_requests_get_a_400_that_names_the_field_in_words() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let (token, role) = recruiter_with_role(&app).await;
        // Raw bodies: what is checked is how the server reads malformed ones.
        let raw = |body: &'static str| {
            client()
                .post(app.url("/api/add_candidate"))
                .header("cookie", format!("panelkit_session={token}"))
                .header("content-type", "application/json")
                .body(body)
                .send()
        };
        let cases = [
            (
                "not JSON",
                raw("{\"role_id\": nope").await.unwrap(),
                "body",
                "is not valid JSON",
            ),
            (
                "wrong type",
                app.call_json(
                    "add_candidate",
                    Some(&token),
                    json!({"role_id": role, "input": {"name": "Zoë", "email": "z@example.org", "notes": 5}}),
                )
                .await,
                "input.notes",
                "must be text",
            ),
            (
                "missing field",
                app.call_json("add_candidate", Some(&token), json!({"role_id": role}))
                    .await,
                "input",
                "is required",
            ),
        ];
        for (name, res, field, words) in cases {
            let (status, err) = error_of(res).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{name} on {backend:?}");
            let AppError::BadRequest { field: f, message } = &err else {
                panic!("{name}: {err:?}");
            };
            assert_eq!(f, field, "{name}");
            assert!(message.starts_with(words), "{name}: {message}");
            let shown = err.to_string();
            for leak in [
                "serde",
                "String",
                "expected",
                "struct",
                "CandidateInput",
                "u8",
            ] {
                assert!(!shown.contains(leak), "{name}: {shown}");
            }
        }
    }
}

#[tokio::test]
async fn refusals_take_their_status_from_the_error() {
    let app = spawn_app(&Backend::Sqlite).await;
    app.add_user("ivan@example.org", Role::Interviewer).await;
    let token = app.login("ivan@example.org").await;
    let unknown = GetCandidate {
        candidate_id: "x".into(),
    };
    for (name, res, status) in [
        (
            "signed out",
            app.attempt(None, &ListRoles {}).await,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "wrong role",
            app.attempt(Some(&token), &ListPeople {}).await,
            StatusCode::FORBIDDEN,
        ),
        (
            "unknown candidate",
            app.attempt(Some(&token), &unknown).await,
            StatusCode::FORBIDDEN,
        ),
    ] {
        assert_eq!(res.status(), status, "{name}");
    }
}

#[tokio::test]
async fn bodies_over_the_limit_get_a_413() {
    let app = spawn_app(&Backend::Sqlite).await;
    app.add_user("rita@example.org", Role::Recruiter).await;
    let token = app.login("rita@example.org").await;
    let huge = "x".repeat(server::api_errors::BODY_LIMIT + 1);
    // A raw body: what is checked is the size limit on the wire.
    let res = app
        .call_json("preview_markdown", Some(&token), json!({"markdown": huge}))
        .await;
    let (status, err) = error_of(res).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(matches!(err, AppError::TooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn too_many_referee_calls_get_a_429_with_retry_after() {
    let config = ServeConfig {
        references: ReferenceConfig {
            referee_rate_per_minute: 2,
            ..ReferenceConfig::default()
        },
        ..ServeConfig::default()
    };
    let app = spawn_app_with(&Backend::Sqlite, config).await;
    let form = LoadRefereeForm {
        token: "0".repeat(64),
    };
    for _ in 0..2 {
        let res = app.attempt(None, &form).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
    }
    let res = app.attempt(None, &form).await;
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .expect("Retry-After")
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let (status, err) = error_of(res).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(err.retry_after_secs(), Some(retry));
}

#[tokio::test]
async fn markdown_over_the_limits_is_refused_at_save_and_never_stored() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let (token, role) = recruiter_with_role(&app).await;
        let deep = ">".repeat(50_000);
        let nested = format!("{} too deep", "> ".repeat(MAX_DEPTH + 1));
        let update = UpdateRole {
            role_id: role.clone(),
            input: role_input(&nested),
        };
        let preview = PreviewMarkdown { markdown: deep };
        for (name, res, field) in [
            (
                "candidate notes",
                app.attempt(Some(&token), &add_zoe(&role, &nested)).await,
                "notes",
            ),
            (
                "role description",
                app.attempt(Some(&token), &update).await,
                "description",
            ),
            (
                "preview",
                app.attempt(Some(&token), &preview).await,
                "markdown",
            ),
        ] {
            let (status, err) = error_of(res).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            let AppError::Invalid { field: f, message } = &err else {
                panic!("{name}: {err:?}");
            };
            assert_eq!(f, field, "{name}");
            assert!(
                message.contains("too deeply") || message.contains("too long"),
                "{name}: {message}"
            );
        }
        let stored: Vec<CandidateSummary> = app.run(&token, ListCandidates { role_id: role }).await;
        assert!(stored.is_empty(), "{backend:?}: nothing stored");
    }
}

#[tokio::test]
async fn markdown_stored_before_the_limits_is_shown_as_plain_text() {
    let app = spawn_app(&Backend::Sqlite).await;
    let (token, role) = recruiter_with_role(&app).await;
    // Straight into the database, as text saved before the limits existed.
    let notes = format!("{}<script>alert(1)</script>", ">".repeat(50_000));
    let input = CandidateInput {
        name: "Old".into(),
        email: "old@example.org".into(),
        notes,
    };
    let id = app::db::candidates::insert_candidate(&app.db, "default", None, &role, &input)
        .await
        .unwrap();
    let detail: CandidateDetail = app.run(&token, GetCandidate { candidate_id: id }).await;
    assert!(
        detail.notes_html.starts_with("<p class=\"unrendered\">"),
        "{}",
        &detail.notes_html[..80]
    );
    assert!(!detail.notes_html.contains("<script"));
}
