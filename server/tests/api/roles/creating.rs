//! Creating roles, who sees which, and profile checks.

use super::*;
use app::model::{ProfileEntry, RoleDetail, RoleInput};
use app::server_fns::roles::{CreateRole, GetRole, ListRoles, SetRoleProfile, UpdateRole};

fn role_input(title: &str) -> RoleInput {
    RoleInput {
        title: title.into(),
        department: String::new(),
        description: String::new(),
    }
}

fn create(title: &str) -> CreateRole {
    CreateRole {
        input: role_input(title),
    }
}

fn entry(competency_id: &str, required_level: u8, weight: u8) -> ProfileEntry {
    ProfileEntry {
        competency_id: competency_id.into(),
        required_level,
        weight,
    }
}

#[tokio::test]
async fn managers_create_roles_and_others_cannot() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let body = create("Analyst");
        for (who, token) in [
            ("interviewer", &c.interviewer),
            ("hiring manager", &c.manager),
        ] {
            let res = app.attempt(Some(token), &body).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} on {backend:?}");
        }
        assert_eq!(
            app.attempt(None, &body).await.status(),
            StatusCode::UNAUTHORIZED
        );
        app.run(&c.admin, body).await;
        let res = app.attempt(Some(&c.recruiter), &create("  ")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let err: app::errors::AppError = res.json().await.unwrap();
        assert_eq!(
            err,
            app::errors::AppError::invalid("title", "a role needs a title")
        );
    }
}

#[tokio::test]
async fn hiring_managers_see_only_the_roles_they_hire_for() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let mine = role_with_profile(&app, &c).await;
        let _other = app.run(&c.recruiter, create("Other")).await;

        let all = app.run(&c.recruiter, ListRoles {}).await;
        assert_eq!(all.len(), 2, "{backend:?}");
        let hana = app.run(&c.manager, ListRoles {}).await;
        assert_eq!(
            hana.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec![mine.as_str()]
        );
        let otto = app.run(&c.other_manager, ListRoles {}).await;
        assert!(otto.is_empty());
        assert_eq!(
            app.attempt(Some(&c.interviewer), &ListRoles {})
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        let get = GetRole {
            role_id: mine.clone(),
        };
        let role: RoleDetail = app.run(&c.manager, get.clone()).await;
        assert_eq!(role.competencies.len(), 3);
        assert_eq!(role.team.len(), 3);
        let hidden = app.attempt(Some(&c.other_manager), &get).await;
        assert_eq!(hidden.status(), StatusCode::NOT_FOUND, "{backend:?}");
        // Reading is not managing.
        let update = UpdateRole {
            role_id: mine.clone(),
            input: role_input("X"),
        };
        let res = app.attempt(Some(&c.manager), &update).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn profiles_are_validated_field_by_field() {
    let app = spawn_app(&Backend::Sqlite).await;
    let c = cast(&app).await;
    let id = role_with_profile(&app, &c).await;
    let cases = [
        (
            "unknown competency",
            vec![entry("juggling", 3, 1)],
            "competencies[0]",
        ),
        (
            "level out of range",
            vec![entry("teamwork", 6, 1)],
            "competencies[0].required_level",
        ),
        (
            "weight zero",
            vec![entry("teamwork", 2, 0)],
            "competencies[0].weight",
        ),
        (
            "listed twice",
            vec![entry("teamwork", 2, 1), entry("teamwork", 2, 1)],
            "competencies[1]",
        ),
    ];
    for (name, entries, field) in cases {
        let profile = SetRoleProfile {
            role_id: id.clone(),
            entries,
        };
        let res = app.attempt(Some(&c.recruiter), &profile).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        match res.json::<app::errors::AppError>().await.unwrap() {
            app::errors::AppError::Invalid { field: f, .. } => assert_eq!(f, field, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    // Nothing already saved was lost.
    let role = app.run(&c.recruiter, GetRole { role_id: id }).await;
    assert_eq!(role.competencies.len(), 3);
}
