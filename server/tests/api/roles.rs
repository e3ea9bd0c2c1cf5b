//! Roles, guides, candidates and scheduling: every server function, with
//! the permission denials.

use crate::helpers::*;
use app::model::{
    CandidateDetail, GuideDraft, PublishedGuide, Role, RoleDetail, RoleSummary, ScheduleResult,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A recruiter, an admin, two interviewers and two hiring managers, with
/// the shipped banks imported; returns their session tokens.
struct Cast {
    recruiter: String,
    admin: String,
    interviewer: String,
    interviewer2: String,
    manager: String,
    other_manager: String,
    ids: std::collections::HashMap<&'static str, String>,
}

async fn cast(app: &TestApp) -> Cast {
    server::banks::import_shipped(&app.db).await.unwrap();
    let people = [
        ("rita@example.org", Role::Recruiter),
        ("ada@example.org", Role::Admin),
        ("ivan@example.org", Role::Interviewer),
        ("iris@example.org", Role::Interviewer),
        ("hana@example.org", Role::HiringManager),
        ("otto@example.org", Role::HiringManager),
    ];
    for (email, role) in people {
        app.add_user(email, role).await;
    }
    let users = app::db::users::list_users(&app.db, "default")
        .await
        .unwrap();
    let id_of = |email: &str| users.iter().find(|u| u.email == email).unwrap().id.clone();
    let mut ids = std::collections::HashMap::new();
    for (key, email) in [
        ("ivan", "ivan@example.org"),
        ("iris", "iris@example.org"),
        ("hana", "hana@example.org"),
    ] {
        ids.insert(key, id_of(email));
    }
    Cast {
        recruiter: app.login("rita@example.org").await,
        admin: app.login("ada@example.org").await,
        interviewer: app.login("ivan@example.org").await,
        interviewer2: app.login("iris@example.org").await,
        manager: app.login("hana@example.org").await,
        other_manager: app.login("otto@example.org").await,
        ids,
    }
}

/// A role with three competencies, Hana as hiring manager and two
/// interviewers on the team; returns its id.
async fn role_with_profile(app: &TestApp, c: &Cast) -> String {
    let id: String = app
        .ok("create_role", &c.recruiter, json!({"input": {"title": "Customer Service Advisor", "department": "Service", "description": "Front line."}}))
        .await;
    let _: Value = app
        .ok(
            "set_role_profile",
            &c.recruiter,
            json!({"role_id": id, "entries": [
                {"competency_id": "customer-focus", "required_level": 3, "weight": 3},
                {"competency_id": "communication", "required_level": 3, "weight": 2},
                {"competency_id": "problem-solving", "required_level": 2, "weight": 1}
            ]}),
        )
        .await;
    let _: Value = app
        .ok(
            "set_role_team",
            &c.recruiter,
            json!({"role_id": id, "members": [[c.ids["hana"], "HiringManager"], [c.ids["ivan"], "Interviewer"], [c.ids["iris"], "Interviewer"]]}),
        )
        .await;
    id
}

fn question(id: &str, competency: &str, text: &str) -> Value {
    json!({"id": id, "bank_id": null, "kind": "Custom", "competency_id": competency, "title": format!("Q {id}"),
           "text": text, "probes": ["What happened next?"], "listen_for": []})
}

fn two_stage_guide() -> Value {
    json!({
        "stages": [
            {"id": "screen", "name": "Phone screen", "sections": [
                {"id": "s1", "competency_id": "customer-focus", "minutes": 15, "questions": [question("q1", "customer-focus", "Tell me about a difficult customer.")]}
            ]},
            {"id": "panel", "name": "Panel", "sections": [
                {"id": "s2", "competency_id": "communication", "minutes": 20, "questions": [question("q2", "communication", "Explain a policy change you had to announce.")]},
                {"id": "s3", "competency_id": "problem-solving", "minutes": 20, "questions": [question("q3", "problem-solving", "Walk me through a problem you solved.")]}
            ]}
        ],
        "reference_questions": [
            {"id": "r1", "bank_id": null, "kind": "Reference", "competency_id": "customer-focus", "title": "Service",
             "text": "How did {candidate} treat customers?", "probes": [], "listen_for": []}
        ]
    })
}

async fn published_role(app: &TestApp, c: &Cast) -> String {
    let id = role_with_profile(app, c).await;
    let draft: GuideDraft = app
        .ok("get_guide_draft", &c.recruiter, json!({"role_id": id}))
        .await;
    let rev: i64 = app
        .ok(
            "save_guide_draft",
            &c.recruiter,
            json!({"role_id": id, "revision": draft.revision, "guide": two_stage_guide()}),
        )
        .await;
    let version: i64 = app
        .ok(
            "publish_guide",
            &c.recruiter,
            json!({"role_id": id, "revision": rev}),
        )
        .await;
    assert_eq!(version, 1);
    id
}

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
