//! Retiring a question, and who may act at all.

use super::*;
use app::model::{AuditFilter, AuditPage, GuideDraft, PublishedGuide, QuestionHistory};
use app::server_fns::data::ListAudit;
use app::server_fns::guides::{GetBankCompetencies, GetGuideDraft, GetPublishedGuide};
use app::server_fns::questions::GetQuestionHistories;
use reqwest::StatusCode;

#[tokio::test]
async fn retiring_leaves_the_question_out_of_unstarted_interviews_and_old_summaries_alone() {
    for backend in backends() {
        let w = world(&backend).await;
        let before = w.summary("Ana").await;
        let pdf_before = w.pdf_text("Ana").await;
        assert!(asked(&w.sheet("Ben", "r3").await).contains(&"g2".to_owned()));

        let r = report(
            w.retire("rita", RETIRED, "Candidates read it as a trick question")
                .await,
        )
        .await;
        assert_eq!(r.version, None);
        assert_eq!(r.guides, ["Support Lead v2"], "{backend:?}");
        assert_eq!(r.interviews_moved, 1, "Ben's only: Cleo's has a draft");
        assert_eq!(r.competency_id, "customer-focus");

        // The next guide version and the draft no longer ask it.
        let role_id = w.role_id.clone();
        let latest: Option<PublishedGuide> = w
            .app
            .run(
                w.token("rita"),
                GetPublishedGuide {
                    role_id: role_id.clone(),
                },
            )
            .await;
        let latest = latest.unwrap();
        assert_eq!(latest.version, 2);
        let bank_ids: Vec<Option<String>> = latest.stages[0].sections[0]
            .questions
            .iter()
            .map(|q| q.bank_id.clone())
            .collect();
        assert_eq!(bank_ids, [Some(REVISED.to_owned())]);
        let draft: GuideDraft = w
            .app
            .run(
                w.token("rita"),
                GetGuideDraft {
                    role_id: role_id.clone(),
                },
            )
            .await;
        assert!(
            draft.guide.stages[0].sections[0]
                .questions
                .iter()
                .all(|q| q.id != "g2")
        );

        // Ben (not started) moved; Cleo (draft saved) and Ana (rated) did not.
        assert_eq!(asked(&w.sheet("Ben", "r3").await), ["g1", "g3"]);
        assert_eq!(asked(&w.sheet("Cleo", "r4").await), ["g1", "g2", "g3"]);
        assert_eq!(asked(&w.sheet("Ana", "r1").await), ["g1", "g2", "g3"]);

        // Ana's summary is exactly what it was, page and PDF.
        assert_eq!(w.summary("Ana").await, before, "{backend:?}");
        assert_eq!(w.pdf_text("Ana").await, pdf_before);

        // Not offered for new guides; the library shows why it went.
        let bank: Vec<question_bank::Competency> = w
            .app
            .run(w.token("rita"), GetBankCompetencies { role_id })
            .await;
        assert!(
            bank.iter()
                .flat_map(|c| &c.interview_questions)
                .all(|q| q.id != RETIRED)
        );
        let histories: Vec<QuestionHistory> = w
            .app
            .run(
                w.token("hana"),
                GetQuestionHistories {
                    competency_id: "customer-focus".into(),
                },
            )
            .await;
        let h = histories.iter().find(|h| h.question_id == RETIRED).unwrap();
        let retired = h.retired.as_ref().unwrap();
        assert_eq!(retired.retired_by, "Rita Recruiter");
        assert_eq!(retired.reason, "Candidates read it as a trick question");

        // Once only; and it is in the audit log.
        assert_invalid(w.retire("ada", RETIRED, "again").await, "question_id").await;
        let audit: AuditPage = w
            .app
            .run(
                w.token("ada"),
                ListAudit {
                    filter: AuditFilter::default(),
                },
            )
            .await;
        let entries: Vec<&str> = audit
            .rows
            .iter()
            .filter(|row| row.subject == RETIRED)
            .map(|row| row.action.as_str())
            .collect();
        assert_eq!(entries, ["question.retire"], "{backend:?}");
    }
}

#[tokio::test]
async fn only_recruiters_and_admins_act_and_errors_name_the_field() {
    for backend in backends() {
        let w = world(&backend).await;
        for who in ["hana", "ivan", "r1"] {
            let res = w.retire(who, RETIRED, "no").await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} retiring");
            let res = w
                .revise(who, REVISED, "Tell me about a customer.", "no")
                .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{who} revising");
        }
        let anonymous = w
            .app
            .attempt(
                None,
                &RetireQuestion {
                    input: RetireQuestionInput {
                        question_id: RETIRED.into(),
                        reason: "x".into(),
                    },
                },
            )
            .await;
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

        assert_invalid(w.retire("rita", RETIRED, "  ").await, "reason").await;
        assert_invalid(
            w.revise("rita", REVISED, "Tell me more.", "").await,
            "reason",
        )
        .await;
        assert_invalid(w.revise("rita", REVISED, " ", "why").await, "text").await;
        let template = "Tell me about [a recent customer] you helped.";
        assert_invalid(w.revise("rita", REVISED, template, "why").await, "text").await;
        assert_invalid(
            w.revise("rita", REVISED, "Ask {name} about it.", "why")
                .await,
            "text",
        )
        .await;
        let unknown = w.retire("rita", "no-such-question", "why").await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        // Reference questions have no health notes and are not acted on here.
        let reference = w.retire("rita", "cf-r-key-element", "why").await;
        assert_eq!(reference.status(), StatusCode::NOT_FOUND);

        // A retired question cannot be revised.
        report(w.retire("ada", RETIRED, "Dropped").await).await;
        assert_invalid(
            w.revise("rita", RETIRED, "Tell me more.", "why").await,
            "question_id",
        )
        .await;
    }
}
