//! Candidates through the pipeline, scheduling, and interviewer packets.

use super::*;
use app::model::{CandidateDetail, PipelineStatus};
use app::server_fns::candidates::{GetCandidate, ListCandidates, SetCandidateStatus};
use app::server_fns::guides::{GetGuideDraft, PublishGuide, SaveGuideDraft};

fn get(candidate_id: &str) -> GetCandidate {
    GetCandidate {
        candidate_id: candidate_id.into(),
    }
}

fn status(candidate_id: &str, status: PipelineStatus) -> SetCandidateStatus {
    SetCandidateStatus {
        candidate_id: candidate_id.into(),
        status,
    }
}

#[tokio::test]
async fn candidates_are_added_read_and_moved_along_the_pipeline() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let role = published_role(&app, &c).await;
        let bad = app
            .attempt(Some(&c.recruiter), &add_candidate(&role, "Zoë", "zoe"))
            .await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let by_manager = add_candidate(&role, "Zoë", "zoe@example.org");
        assert_eq!(
            app.attempt(Some(&c.manager), &by_manager).await.status(),
            StatusCode::FORBIDDEN
        );
        let mut add = add_candidate(&role, "Zoë Nguyễn", "zoe@example.org");
        add.input.notes = "Referred by **Ana**".into();
        let id = app.run(&c.recruiter, add).await;
        let list_candidates = ListCandidates {
            role_id: role.clone(),
        };
        let list = app.run(&c.manager, list_candidates.clone()).await;
        assert_eq!(list.len(), 1, "{backend:?}");
        let detail: CandidateDetail = app.run(&c.manager, get(&id)).await;
        assert_eq!(detail.input.name, "Zoë Nguyễn");
        assert!(detail.notes_html.contains("<strong>Ana</strong>"));
        assert_eq!(
            app.attempt(Some(&c.other_manager), &get(&id))
                .await
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.attempt(Some(&c.interviewer), &get(&id)).await.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.attempt(Some(&c.interviewer), &list_candidates)
                .await
                .status(),
            StatusCode::FORBIDDEN
        );

        app.run(&c.recruiter, status(&id, PipelineStatus::Screening))
            .await;
        assert_eq!(
            app.attempt(Some(&c.manager), &status(&id, PipelineStatus::Hired))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        let detail = app.run(&c.recruiter, get(&id)).await;
        assert_eq!(detail.status, PipelineStatus::Screening);
    }
}

#[tokio::test]
async fn scheduling_uses_the_published_guide_and_warns_about_uneven_panels() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let c = cast(&app).await;
        let role = role_with_profile(&app, &c).await;
        let zoe = app
            .run(&c.recruiter, add_candidate(&role, "Zoë", "zoe@example.org"))
            .await;
        let panel2: [(&str, &[&str]); 2] =
            [(&c.ids["ivan"], &["communication"]), (&c.ids["iris"], &[])];
        let early = app
            .attempt(Some(&c.recruiter), &schedule(&zoe, "panel", &panel2))
            .await;
        assert_eq!(
            early.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "no published guide yet on {backend:?}"
        );

        let draft = app
            .run(
                &c.recruiter,
                GetGuideDraft {
                    role_id: role.clone(),
                },
            )
            .await;
        let save = SaveGuideDraft {
            role_id: role.clone(),
            revision: draft.revision,
            guide: two_stage_guide(),
        };
        let rev = app.run(&c.recruiter, save).await;
        let publish = PublishGuide {
            role_id: role.clone(),
            revision: rev,
        };
        app.run(&c.recruiter, publish).await;

        let mut at = schedule(&zoe, "panel", &panel2);
        at.input.scheduled_at = Some(1795516200000);
        let first = app.run(&c.recruiter, at).await;
        assert!(first.warnings.is_empty(), "{:?}", first.warnings);
        let detail = app.run(&c.recruiter, get(&zoe)).await;
        assert_eq!(detail.interviews.len(), 1);
        assert_eq!(detail.interviews[0].panel.len(), 2);
        assert_eq!(detail.status, PipelineStatus::Interviewing);

        let lukasz = app
            .run(
                &c.recruiter,
                add_candidate(&role, "Łukasz", "l@example.org"),
            )
            .await;
        let ivan = c.ids["ivan"].as_str();
        let lone = app
            .run(&c.recruiter, schedule(&lukasz, "panel", &[(ivan, &[])]))
            .await;
        assert_eq!(lone.warnings.len(), 2, "{backend:?}: {:?}", lone.warnings);

        let off_stage = schedule(&lukasz, "screen", &[(ivan, &["communication"])]);
        let off_stage = app.attempt(Some(&c.recruiter), &off_stage).await;
        assert_eq!(
            off_stage.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "focus outside the stage"
        );
        let by_interviewer = schedule(&lukasz, "screen", &[(ivan, &[])]);
        assert_eq!(
            app.attempt(Some(&c.interviewer2), &by_interviewer)
                .await
                .status(),
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
    let cand = app
        .run(&c.recruiter, add_candidate(&role, name, "bob@example.org"))
        .await;
    let panel: [(&str, &[&str]); 2] = [(&c.ids["ivan"], &["communication"]), (&c.ids["iris"], &[])];
    let scheduled = app
        .run(&c.recruiter, schedule(&cand, "panel", &panel))
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
        .run(
            &c.recruiter,
            GetCandidate {
                candidate_id: cand.clone(),
            },
        )
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
