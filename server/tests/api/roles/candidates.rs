//! Candidates through the pipeline, scheduling, and interviewer packets.

use super::*;

#[tokio::test]
async fn candidates_are_added_read_and_moved_along_the_pipeline() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let role = published_role(&app, &c).await;
        let bad = app
            .call_json(
                "add_candidate",
                Some(&c.recruiter),
                json!({"role_id": role, "input": {"name": "Zoë", "email": "zoe", "notes": ""}}),
            )
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            app.call_json("add_candidate", Some(&c.manager), json!({"role_id": role, "input": {"name": "Zoë", "email": "zoe@example.org", "notes": ""}})).await.status(),
            StatusCode::FORBIDDEN
        );
        let id: String = app
            .ok("add_candidate", &c.recruiter, json!({"role_id": role, "input": {"name": "Zoë Nguyễn", "email": "zoe@example.org", "notes": "Referred by **Ana**"}}))
            .await;
        let list: Vec<app::model::CandidateSummary> = app
            .ok("list_candidates", &c.manager, json!({"role_id": role}))
            .await;
        assert_eq!(list.len(), 1, "{backend:?}");
        let detail: CandidateDetail = app
            .ok("get_candidate", &c.manager, json!({"candidate_id": id}))
            .await;
        assert_eq!(detail.input.name, "Zoë Nguyễn");
        assert!(detail.notes_html.contains("<strong>Ana</strong>"));
        assert_eq!(
            app.call_json(
                "get_candidate",
                Some(&c.other_manager),
                json!({"candidate_id": id})
            )
            .await
            .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.call_json(
                "get_candidate",
                Some(&c.interviewer),
                json!({"candidate_id": id})
            )
            .await
            .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.call_json(
                "list_candidates",
                Some(&c.interviewer),
                json!({"role_id": role})
            )
            .await
            .status(),
            StatusCode::FORBIDDEN
        );

        let _: Value = app
            .ok(
                "set_candidate_status",
                &c.recruiter,
                json!({"candidate_id": id, "status": "Screening"}),
            )
            .await;
        assert_eq!(
            app.call_json(
                "set_candidate_status",
                Some(&c.manager),
                json!({"candidate_id": id, "status": "Hired"})
            )
            .await
            .status(),
            StatusCode::FORBIDDEN
        );
        let detail: CandidateDetail = app
            .ok("get_candidate", &c.recruiter, json!({"candidate_id": id}))
            .await;
        assert_eq!(detail.status, app::model::PipelineStatus::Screening);
    }
}

#[tokio::test]
async fn scheduling_uses_the_published_guide_and_warns_about_uneven_panels() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let role = role_with_profile(&app, &c).await;
        let zoe: String = app.ok("add_candidate", &c.recruiter, json!({"role_id": role, "input": {"name": "Zoë", "email": "zoe@example.org", "notes": ""}})).await;
        let panel2 = json!([[c.ids["ivan"], ["communication"]], [c.ids["iris"], []]]);
        let early = app.call_json("schedule_interview", Some(&c.recruiter), json!({"input": {"candidate_id": zoe, "stage_id": "panel", "scheduled_at": null, "panel": panel2}})).await;
        assert_eq!(
            early.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no published guide yet on {backend:?}"
        );

        let draft: GuideDraft = app
            .ok("get_guide_draft", &c.recruiter, json!({"role_id": role}))
            .await;
        let rev: i64 = app
            .ok(
                "save_guide_draft",
                &c.recruiter,
                json!({"role_id": role, "revision": draft.revision, "guide": two_stage_guide()}),
            )
            .await;
        let _: i64 = app
            .ok(
                "publish_guide",
                &c.recruiter,
                json!({"role_id": role, "revision": rev}),
            )
            .await;

        let first: ScheduleResult = app
            .ok("schedule_interview", &c.recruiter, json!({"input": {"candidate_id": zoe, "stage_id": "panel", "scheduled_at": 1795516200000i64, "panel": panel2}}))
            .await;
        assert!(first.warnings.is_empty(), "{:?}", first.warnings);
        let detail: CandidateDetail = app
            .ok("get_candidate", &c.recruiter, json!({"candidate_id": zoe}))
            .await;
        assert_eq!(detail.interviews.len(), 1);
        assert_eq!(detail.interviews[0].panel.len(), 2);
        assert_eq!(detail.status, app::model::PipelineStatus::Interviewing);

        let lukasz: String = app.ok("add_candidate", &c.recruiter, json!({"role_id": role, "input": {"name": "Łukasz", "email": "l@example.org", "notes": ""}})).await;
        let lone: ScheduleResult = app
            .ok("schedule_interview", &c.recruiter, json!({"input": {"candidate_id": lukasz, "stage_id": "panel", "scheduled_at": null, "panel": [[c.ids["ivan"], []]]}}))
            .await;
        assert_eq!(lone.warnings.len(), 2, "{backend:?}: {:?}", lone.warnings);

        let off_stage = app
            .call_json("schedule_interview", Some(&c.recruiter), json!({"input": {"candidate_id": lukasz, "stage_id": "screen", "scheduled_at": null, "panel": [[c.ids["ivan"], ["communication"]]]}}))
            .await;
        assert_eq!(
            off_stage.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "focus outside the stage"
        );
        assert_eq!(
            app.call_json("schedule_interview", Some(&c.interviewer2), json!({"input": {"candidate_id": lukasz, "stage_id": "screen", "scheduled_at": null, "panel": [[c.ids["ivan"], []]]}})).await.status(),
            StatusCode::FORBIDDEN
        );
    }
}

#[tokio::test]
async fn interviewer_packets_are_real_pdfs_for_the_panel_only() {
    let app = spawn_app(&Backend::Sqlite).await;
    let c = cast(&app).await;
    let role = published_role(&app, &c).await;
    let name = "O'Brien \"Bob\" Żółć";
    let cand: String = app.ok("add_candidate", &c.recruiter, json!({"role_id": role, "input": {"name": name, "email": "bob@example.org", "notes": ""}})).await;
    let scheduled: ScheduleResult = app
        .ok("schedule_interview", &c.recruiter, json!({"input": {"candidate_id": cand, "stage_id": "panel", "scheduled_at": null, "panel": [[c.ids["ivan"], ["communication"]], [c.ids["iris"], []]]}}))
        .await;
    let path = format!("/interviews/{}/packet.pdf", scheduled.interview_id);

    let res = app.get(&path, Some(&c.interviewer)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"packet-o-brien-bob-zolc-panel.pdf"),
        "{disposition}"
    );
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(&bytes);
    for expected in [
        name,
        "Explain a policy change you had to announce.",
        "What happened next?",
        "Proficiency levels",
        "Your focus",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from the packet:\n{text}"
        );
    }
    // Focus competencies by name, on paper and on the candidate's page.
    let focus = text.split("Your focus").nth(1).unwrap().trim_start();
    assert!(focus.starts_with("Communication\n"), "{focus}");
    let detail: CandidateDetail = app
        .ok("get_candidate", &c.recruiter, json!({"candidate_id": cand}))
        .await;
    let ivan = detail.interviews[0]
        .panel
        .iter()
        .find(|p| p.user_id == c.ids["ivan"])
        .unwrap();
    assert_eq!(ivan.focus, ["communication"]);
    assert_eq!(ivan.focus_names, ["Communication"]);

    // Only the panel, the role's managers and its hiring manager may read it.
    assert_eq!(app.get(&path, None).await.status(), StatusCode::SEE_OTHER);
    let stranger = {
        app.add_user("sam@example.org", Role::Interviewer).await;
        app.login("sam@example.org").await
    };
    assert_eq!(
        app.get(&path, Some(&stranger)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path, Some(&c.other_manager)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&path, Some(&c.manager)).await.status(),
        StatusCode::OK
    );

    let stage = app
        .get(
            &format!("/roles/{role}/packet.pdf?stage=screen&paper=letter"),
            Some(&c.recruiter),
        )
        .await;
    assert_eq!(stage.status(), StatusCode::OK);
    assert!(
        pdf_text(&stage.bytes().await.unwrap()).contains("Tell me about a difficult customer.")
    );
    assert_eq!(
        app.get(&format!("/roles/{role}/packet.pdf"), Some(&stranger))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
