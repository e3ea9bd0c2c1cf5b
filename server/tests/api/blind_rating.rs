//! Blind rating without exceptions: an admin, a recruiter or a hiring
//! manager who sits on a candidate's panel sees none of the other raters'
//! ratings, notes or recommendations (summary, its PDF, the submitted list,
//! role-level agreement) until they have submitted their own.

use crate::access_matrix::world::{World, complete_content};
use crate::fixtures::{decision, scorecard_write};
use crate::helpers::*;
use app::model::{DecisionKind, RoleAgreement};
use app::server_fns::scorecards::{ListSubmittedScorecards, SubmitScorecard};
use app::server_fns::summaries::{GetCandidateSummary, GetRoleAgreement};
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;

const OWN_FIRST: &str = "Submit your own scorecard";

#[tokio::test]
async fn seated_readers_see_no_ratings_until_they_submit() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let rita = w.token("rita").unwrap().to_owned();
        // A second interview whose panel is the admin, the recruiter and the
        // role's hiring manager.
        let panel = ["ada", "rita", "hana"].map(|login| (w.user_ids[login].as_str(), &[][..]));
        let second = w
            .app
            .recruiter(&rita)
            .schedule(&w.candidate_id, "panel", 1_900_000_000_000, &panel)
            .await
            .interview_id;
        let summary = GetCandidateSummary {
            candidate_id: w.candidate_id.clone(),
        };
        let submitted = ListSubmittedScorecards {
            candidate_id: w.candidate_id.clone(),
            interview_id: None,
        };
        let agreement = GetRoleAgreement {
            role_id: w.role_id.clone(),
        };

        for login in ["ada", "rita", "hana"] {
            let token = w.token(login).unwrap();
            let case = format!("{login} on {backend:?}");
            let reads = [
                (
                    GetCandidateSummary::PATH,
                    w.app.attempt(Some(token), &summary).await,
                ),
                (
                    ListSubmittedScorecards::PATH,
                    w.app.attempt(Some(token), &submitted).await,
                ),
            ];
            for (name, res) in reads {
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
            let stats: RoleAgreement = w.app.run(token, agreement.clone()).await;
            assert_eq!(stats.candidates_scored, 0, "agreement: {case}");
        }

        // Once each has submitted, the same paths open.
        for login in ["ada", "rita", "hana"] {
            let token = w.token(login).unwrap();
            let key = format!("{login}-own-scorecard");
            let write = scorecard_write(&second, 0, &key, complete_content());
            w.app.run(token, SubmitScorecard { write }).await;
            let seen = w.app.run(token, summary.clone()).await;
            assert!(
                seen.raters.len() >= 2,
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
            let stats = w.app.run(token, agreement.clone()).await;
            assert_eq!(
                stats.candidates_scored, 1,
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
                let rationale = format!("Decided by {login}.");
                let hire = decision(&w.candidate_id, DecisionKind::Hire, &rationale);
                w.app.attempt(w.token(login), &hire).await.status()
            }
        };
        assert_eq!(decide("rita").await, StatusCode::FORBIDDEN, "{backend:?}");
        assert_eq!(decide("hana").await, StatusCode::OK, "{backend:?}");
        assert_eq!(decide("ada").await, StatusCode::OK, "{backend:?}");
        let summary = GetCandidateSummary {
            candidate_id: w.candidate_id.clone(),
        };
        let as_manager = w.app.run(w.token("hana").unwrap(), summary.clone()).await;
        assert!(as_manager.may_decide);
        assert_eq!(
            as_manager.decisions[0].decided_by, "ada",
            "the history names who decided"
        );
        let as_recruiter = w.app.run(w.token("rita").unwrap(), summary).await;
        assert!(!as_recruiter.may_decide);
    }
}
