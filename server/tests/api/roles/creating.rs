//! Creating roles, who sees which, and profile checks.

use super::*;

#[tokio::test]
async fn managers_create_roles_and_others_cannot() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let body = json!({"input": {"title": "Analyst", "department": "", "description": ""}});
        for (who, token) in [
            ("interviewer", &c.interviewer),
            ("hiring manager", &c.manager),
        ] {
            let res = app
                .call_json("create_role", Some(token), body.clone())
                .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} on {backend:?}");
        }
        assert_eq!(
            app.call_json("create_role", None, body.clone())
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
        let _: String = app.ok("create_role", &c.admin, body.clone()).await;
        let res = app
            .call_json(
                "create_role",
                Some(&c.recruiter),
                json!({"input": {"title": "  ", "department": "", "description": ""}}),
            )
            .await;
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
        let _other: String = app
            .ok(
                "create_role",
                &c.recruiter,
                json!({"input": {"title": "Other", "department": "", "description": ""}}),
            )
            .await;

        let all: Vec<RoleSummary> = app.ok("list_roles", &c.recruiter, json!({})).await;
        assert_eq!(all.len(), 2, "{backend:?}");
        let hana: Vec<RoleSummary> = app.ok("list_roles", &c.manager, json!({})).await;
        assert_eq!(
            hana.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            vec![mine.as_str()]
        );
        let otto: Vec<RoleSummary> = app.ok("list_roles", &c.other_manager, json!({})).await;
        assert!(otto.is_empty());
        assert_eq!(
            app.call_json("list_roles", Some(&c.interviewer), json!({}))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        let role: RoleDetail = app
            .ok("get_role", &c.manager, json!({"role_id": mine}))
            .await;
        assert_eq!(role.competencies.len(), 3);
        assert_eq!(role.team.len(), 3);
        let hidden = app
            .call_json("get_role", Some(&c.other_manager), json!({"role_id": mine}))
            .await;
        assert_eq!(hidden.status(), StatusCode::NOT_FOUND, "{backend:?}");
        // Reading is not managing.
        let res = app.call_json("update_role", Some(&c.manager), json!({"role_id": mine, "input": {"title": "X", "department": "", "description": ""}})).await;
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
            json!([{"competency_id": "juggling", "required_level": 3, "weight": 1}]),
            "competencies[0]",
        ),
        (
            "level out of range",
            json!([{"competency_id": "teamwork", "required_level": 6, "weight": 1}]),
            "competencies[0].required_level",
        ),
        (
            "weight zero",
            json!([{"competency_id": "teamwork", "required_level": 2, "weight": 0}]),
            "competencies[0].weight",
        ),
        (
            "listed twice",
            json!([{"competency_id": "teamwork", "required_level": 2, "weight": 1}, {"competency_id": "teamwork", "required_level": 2, "weight": 1}]),
            "competencies[1]",
        ),
    ];
    for (name, entries, field) in cases {
        let res = app
            .call_json(
                "set_role_profile",
                Some(&c.recruiter),
                json!({"role_id": id, "entries": entries}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        match res.json::<app::errors::AppError>().await.unwrap() {
            app::errors::AppError::Invalid { field: f, .. } => assert_eq!(f, field, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    // Nothing already saved was lost.
    let role: RoleDetail = app
        .ok("get_role", &c.recruiter, json!({"role_id": id}))
        .await;
    assert_eq!(role.competencies.len(), 3);
}
