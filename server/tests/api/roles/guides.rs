//! Guide drafts, publishing snapshots, and who may use the guide functions.

use super::*;

#[tokio::test]
async fn a_stale_draft_save_is_refused_and_publishing_snapshots_the_text() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let id = role_with_profile(&app, &c).await;
        let draft: GuideDraft = app
            .ok("get_guide_draft", &c.recruiter, json!({"role_id": id}))
            .await;

        // An empty guide cannot be published.
        let empty = app
            .call_json(
                "publish_guide",
                Some(&c.recruiter),
                json!({"role_id": id, "revision": draft.revision}),
            )
            .await;
        assert_eq!(
            empty.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );

        let rev: i64 = app
            .ok(
                "save_guide_draft",
                &c.recruiter,
                json!({"role_id": id, "revision": draft.revision, "guide": two_stage_guide()}),
            )
            .await;
        assert_eq!(rev, draft.revision + 1);
        let stale = app.call_json("save_guide_draft", Some(&c.admin), json!({"role_id": id, "revision": draft.revision, "guide": {"stages": [], "reference_questions": []}})).await;
        assert_eq!(stale.status(), StatusCode::CONFLICT, "{backend:?}");

        // A section must assess a competency of the profile.
        let mut bad = two_stage_guide();
        bad["stages"][0]["sections"][0]["competency_id"] = json!("leadership");
        let res = app
            .call_json(
                "save_guide_draft",
                Some(&c.recruiter),
                json!({"role_id": id, "revision": rev, "guide": bad}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let v1: i64 = app
            .ok(
                "publish_guide",
                &c.recruiter,
                json!({"role_id": id, "revision": rev}),
            )
            .await;
        assert_eq!(v1, 1);
        let published: PublishedGuide = app
            .ok::<Option<PublishedGuide>>("get_published_guide", &c.manager, json!({"role_id": id}))
            .await
            .expect("published");
        assert_eq!(published.stages.len(), 2);
        assert_eq!(published.competencies.len(), 3);
        assert_eq!(published.competencies[0].anchors.len(), 5);

        // Editing the draft afterwards leaves version 1 as it was.
        let mut edited = two_stage_guide();
        edited["stages"][0]["sections"][0]["questions"][0]["text"] = json!("A different question.");
        let rev2: i64 = app
            .ok(
                "save_guide_draft",
                &c.recruiter,
                json!({"role_id": id, "revision": rev, "guide": edited}),
            )
            .await;
        let still: PublishedGuide = app
            .ok::<Option<PublishedGuide>>(
                "get_published_guide",
                &c.recruiter,
                json!({"role_id": id}),
            )
            .await
            .expect("published");
        assert_eq!(
            still.stages[0].sections[0].questions[0].text,
            "Tell me about a difficult customer."
        );
        let v2: i64 = app
            .ok(
                "publish_guide",
                &c.recruiter,
                json!({"role_id": id, "revision": rev2}),
            )
            .await;
        assert_eq!(v2, 2, "{backend:?}");
        let v1_again = app::db::guides::find_version(&app.db, "default", &published.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v1_again, published);
    }
}

#[tokio::test]
async fn guide_functions_check_the_caller() {
    let app = spawn_app(&Backend::Sqlite).await;
    let c = cast(&app).await;
    let id = published_role(&app, &c).await;
    let body = json!({"role_id": id});
    for name in [
        "get_guide_draft",
        "get_published_guide",
        "preview_guide",
        "get_bank_competencies",
    ] {
        assert_eq!(
            app.call_json(name, Some(&c.interviewer), body.clone())
                .await
                .status(),
            StatusCode::FORBIDDEN,
            "{name}"
        );
        assert_eq!(
            app.call_json(name, None, body.clone()).await.status(),
            StatusCode::UNAUTHORIZED,
            "{name}"
        );
    }
    assert_eq!(
        app.call_json("get_guide_draft", Some(&c.other_manager), body.clone())
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call_json("get_bank_competencies", Some(&c.manager), body.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let bank: Vec<question_bank::Competency> = app
        .ok("get_bank_competencies", &c.recruiter, body.clone())
        .await;
    assert_eq!(
        bank.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        vec!["customer-focus", "communication", "problem-solving"]
    );
    for (name, body) in [
        (
            "save_guide_draft",
            json!({"role_id": id, "revision": 1, "guide": {"stages": [], "reference_questions": []}}),
        ),
        ("publish_guide", json!({"role_id": id, "revision": 1})),
    ] {
        assert_eq!(
            app.call_json(name, Some(&c.manager), body.clone())
                .await
                .status(),
            StatusCode::FORBIDDEN,
            "{name}"
        );
    }
    let preview: PublishedGuide = app.ok("preview_guide", &c.manager, body).await;
    assert!(
        preview.stages[0].sections[0].questions[0]
            .text
            .starts_with("<p>"),
        "preview renders Markdown"
    );

    let html: String = app
        .ok(
            "preview_markdown",
            &c.recruiter,
            json!({"markdown": "**Hi** <script>x()</script>"}),
        )
        .await;
    assert!(
        html.contains("<strong>Hi</strong>") && !html.contains("<script"),
        "{html}"
    );
    assert_eq!(
        app.call_json("preview_markdown", None, json!({"markdown": "x"}))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}
