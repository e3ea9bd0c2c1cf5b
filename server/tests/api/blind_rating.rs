//! Blind rating without exceptions: an admin, a recruiter or a hiring
//! manager who sits on a candidate's panel sees none of the other raters'
//! ratings, notes or recommendations (summary, its PDF, the submitted list,
//! role-level agreement) until they have submitted their own.

use crate::access_matrix::world::{World, complete_scorecard};
use crate::helpers::*;
use app::model::RoleAgreement;
use reqwest::StatusCode;
use serde_json::{Value, json};

const OWN_FIRST: &str = "Submit your own scorecard";

#[tokio::test]
async fn seated_readers_see_no_ratings_until_they_submit() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let rita = w.token("rita").unwrap().to_owned();
        // A second interview whose panel is the admin, the recruiter and the
        // role's hiring manager.
        let panel: Vec<Value> = ["ada", "rita", "hana"]
            .iter()
            .map(|login| json!([w.user_ids[*login], []]))
            .collect();
        let scheduled: Value = w
            .app
            .ok(
                "schedule_interview",
                &rita,
                json!({"input": {"candidate_id": w.candidate_id, "stage_id": "panel",
                       "scheduled_at": 1_900_000_000_000_i64, "panel": panel}}),
            )
            .await;
        let second = scheduled["interview_id"].as_str().unwrap().to_owned();

        for login in ["ada", "rita", "hana"] {
            let token = w.token(login).unwrap();
            let case = format!("{login} on {backend:?}");
            for (name, body) in [
                (
                    "get_candidate_summary",
                    json!({"candidate_id": w.candidate_id}),
                ),
                (
                    "list_submitted_scorecards",
                    json!({"candidate_id": w.candidate_id}),
                ),
            ] {
                let res = w.app.call_json(name, Some(token), body).await;
                assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {case}");
                let text = res.text().await.unwrap();
                assert!(
                    !text.contains("Followed up unprompted"),
                    "{name} leaks evidence: {case}"
                );
                let err: app::errors::AppError = serde_json::from_str(&text).unwrap();
                assert!(err.to_string().contains(OWN_FIRST), "{name}: {case}: {err}");
            }
            let pdf = w
                .app
                .get(
                    &format!("/candidates/{}/summary.pdf", w.candidate_id),
                    Some(token),
                )
                .await;
            assert_eq!(pdf.status(), StatusCode::FORBIDDEN, "summary.pdf: {case}");
            assert!(pdf.text().await.unwrap().contains(OWN_FIRST), "{case}");
            // Role statistics leave this candidate out for them.
            let agreement: RoleAgreement = w
                .app
                .ok("get_role_agreement", token, json!({"role_id": w.role_id}))
                .await;
            assert_eq!(agreement.candidates_scored, 0, "agreement: {case}");
        }

        // Once each has submitted, the same paths open.
        for login in ["ada", "rita", "hana"] {
            let token = w.token(login).unwrap();
            let _: Value = w
                .app
                .ok(
                    "submit_scorecard",
                    token,
                    json!({"write": {"interview_id": second, "base_version": 0,
                            "idempotency_key": format!("{login}-own-scorecard"), "content": complete_scorecard()}}),
                )
                .await;
            let summary: app::model::PanelSummary = w
                .app
                .ok(
                    "get_candidate_summary",
                    token,
                    json!({"candidate_id": w.candidate_id}),
                )
                .await;
            assert!(
                summary.raters.len() >= 2,
                "{login} sees the panel after submitting"
            );
            let pdf = w
                .app
                .get(
                    &format!("/candidates/{}/summary.pdf", w.candidate_id),
                    Some(token),
                )
                .await;
            assert_eq!(
                pdf.status(),
                StatusCode::OK,
                "{login}: summary.pdf after submitting"
            );
            let agreement: RoleAgreement = w
                .app
                .ok("get_role_agreement", token, json!({"role_id": w.role_id}))
                .await;
            assert_eq!(
                agreement.candidates_scored, 1,
                "{login}: agreement after submitting"
            );
        }
    }
}

#[tokio::test]
async fn only_the_roles_hiring_managers_and_admins_record_decisions() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let decide = |login: &'static str| {
            let w = &w;
            async move {
                w.app
                    .call_json(
                        "record_decision",
                        w.token(login),
                        json!({"input": {"candidate_id": w.candidate_id, "decision": "hire",
                               "rationale": format!("Decided by {login}.")}}),
                    )
                    .await
                    .status()
            }
        };
        assert_eq!(decide("rita").await, StatusCode::FORBIDDEN, "{backend:?}");
        assert_eq!(decide("hana").await, StatusCode::OK, "{backend:?}");
        assert_eq!(decide("ada").await, StatusCode::OK, "{backend:?}");
        let summary: app::model::PanelSummary = w
            .app
            .ok(
                "get_candidate_summary",
                w.token("hana").unwrap(),
                json!({"candidate_id": w.candidate_id}),
            )
            .await;
        assert!(summary.may_decide);
        assert_eq!(
            summary.decisions[0].decided_by, "ada",
            "the history names who decided"
        );
        let as_recruiter: app::model::PanelSummary = w
            .app
            .ok(
                "get_candidate_summary",
                w.token("rita").unwrap(),
                json!({"candidate_id": w.candidate_id}),
            )
            .await;
        assert!(!as_recruiter.may_decide);
    }
}
