//! Guide drafts, publishing snapshots, and who may use the guide functions.

use super::*;
use app::model::PublishedGuide;
use app::server_fns::guides::{
    GetBankCompetencies, GetGuideDraft, GetPublishedGuide, PreviewGuide, PreviewMarkdown,
    PublishGuide, SaveGuideDraft,
};
use leptos::server_fn::ServerFn;

fn save(role_id: &str, revision: i64, guide: Guide) -> SaveGuideDraft {
    SaveGuideDraft {
        role_id: role_id.into(),
        revision,
        guide,
    }
}

fn publish(role_id: &str, revision: i64) -> PublishGuide {
    PublishGuide {
        role_id: role_id.into(),
        revision,
    }
}

/// The role's published guide, as the holder of `token` reads it.
async fn published(app: &TestApp, token: &str, role_id: &str) -> PublishedGuide {
    let role_id = role_id.into();
    app.run(token, GetPublishedGuide { role_id })
        .await
        .expect("published")
}

/// What each function that reads a role's guide answers the holder of
/// `token` (none: anonymous), by function.
async fn guide_reads(
    app: &TestApp,
    token: Option<&str>,
    role_id: &str,
) -> Vec<(&'static str, StatusCode)> {
    let role_id = || role_id.to_owned();
    vec![
        (
            GetGuideDraft::PATH,
            app.attempt(token, &GetGuideDraft { role_id: role_id() })
                .await
                .status(),
        ),
        (
            GetPublishedGuide::PATH,
            app.attempt(token, &GetPublishedGuide { role_id: role_id() })
                .await
                .status(),
        ),
        (
            PreviewGuide::PATH,
            app.attempt(token, &PreviewGuide { role_id: role_id() })
                .await
                .status(),
        ),
        (
            GetBankCompetencies::PATH,
            app.attempt(token, &GetBankCompetencies { role_id: role_id() })
                .await
                .status(),
        ),
    ]
}

#[tokio::test]
async fn a_stale_draft_save_is_refused_and_publishing_snapshots_the_text() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let id = role_with_profile(&app, &c).await;
        let draft = app
            .run(
                &c.recruiter,
                GetGuideDraft {
                    role_id: id.clone(),
                },
            )
            .await;

        // An empty guide cannot be published.
        let empty = app
            .attempt(Some(&c.recruiter), &publish(&id, draft.revision))
            .await;
        assert_eq!(
            empty.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );

        let rev = app
            .run(&c.recruiter, save(&id, draft.revision, two_stage_guide()))
            .await;
        assert_eq!(rev, draft.revision + 1);
        let stale = app
            .attempt(Some(&c.admin), &save(&id, draft.revision, empty_guide()))
            .await;
        assert_eq!(stale.status(), StatusCode::CONFLICT, "{backend:?}");

        // A section must assess a competency of the profile.
        let mut bad = two_stage_guide();
        bad.stages[0].sections[0].competency_id = "leadership".into();
        let res = app.attempt(Some(&c.recruiter), &save(&id, rev, bad)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

        let v1 = app.run(&c.recruiter, publish(&id, rev)).await;
        assert_eq!(v1, 1);
        let published_v1 = published(&app, &c.manager, &id).await;
        assert_eq!(published_v1.stages.len(), 2);
        assert_eq!(published_v1.competencies.len(), 3);
        assert_eq!(published_v1.competencies[0].anchors.len(), 5);

        // Editing the draft afterwards leaves version 1 as it was.
        let mut edited = two_stage_guide();
        edited.stages[0].sections[0].questions[0].text = "A different question.".into();
        let rev2 = app.run(&c.recruiter, save(&id, rev, edited)).await;
        let still = published(&app, &c.recruiter, &id).await;
        assert_eq!(
            still.stages[0].sections[0].questions[0].text,
            "Tell me about a difficult customer."
        );
        let v2 = app.run(&c.recruiter, publish(&id, rev2)).await;
        assert_eq!(v2, 2, "{backend:?}");
        let v1_again = app::db::guides::find_version(&app.db, "default", &published_v1.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(v1_again, published_v1);
    }
}

#[tokio::test]
async fn guide_functions_check_the_caller() {
    let app = spawn_app(&Backend::Sqlite).await;
    let c = cast(&app).await;
    let id = published_role(&app, &c).await;
    let interviewer = guide_reads(&app, Some(&c.interviewer), &id).await;
    let anonymous = guide_reads(&app, None, &id).await;
    for ((name, as_interviewer), (_, as_nobody)) in interviewer.into_iter().zip(anonymous) {
        assert_eq!(as_interviewer, StatusCode::FORBIDDEN, "{name}");
        assert_eq!(as_nobody, StatusCode::UNAUTHORIZED, "{name}");
    }
    let draft = GetGuideDraft {
        role_id: id.clone(),
    };
    assert_eq!(
        app.attempt(Some(&c.other_manager), &draft).await.status(),
        StatusCode::NOT_FOUND
    );
    let bank = GetBankCompetencies {
        role_id: id.clone(),
    };
    assert_eq!(
        app.attempt(Some(&c.manager), &bank).await.status(),
        StatusCode::FORBIDDEN
    );
    let bank: Vec<question_bank::Competency> = app.run(&c.recruiter, bank).await;
    assert_eq!(
        bank.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        vec!["customer-focus", "communication", "problem-solving"]
    );
    let save = app
        .attempt(Some(&c.manager), &save(&id, 1, empty_guide()))
        .await;
    assert_eq!(save.status(), StatusCode::FORBIDDEN, "save_guide_draft");
    let publish = app.attempt(Some(&c.manager), &publish(&id, 1)).await;
    assert_eq!(publish.status(), StatusCode::FORBIDDEN, "publish_guide");
    let preview = app
        .run(
            &c.manager,
            PreviewGuide {
                role_id: id.clone(),
            },
        )
        .await;
    assert!(
        preview.stages[0].sections[0].questions[0]
            .text
            .starts_with("<p>"),
        "preview renders Markdown"
    );

    let markdown = PreviewMarkdown {
        markdown: "**Hi** <script>x()</script>".into(),
    };
    let html = app.run(&c.recruiter, markdown).await;
    assert!(
        html.contains("<strong>Hi</strong>") && !html.contains("<script"),
        "{html}"
    );
    let markdown = PreviewMarkdown {
        markdown: "x".into(),
    };
    assert_eq!(
        app.attempt(None, &markdown).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
