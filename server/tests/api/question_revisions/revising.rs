//! Revising a question: version 2 in the bank's history, asked of the
//! candidates not yet interviewed; summaries and statistics say when
//! candidates were asked different versions.

use super::*;
use app::db::banks::{BankImport, ImportOptions};
use app::model::{QuestionHistory, RoleAgreement};
use app::server_fns::questions::GetQuestionHistories;
use app::server_fns::summaries::GetRoleAgreement;

const NEW_TEXT: &str = "Tell me about the last time you found out what a customer really needed.";

#[tokio::test]
async fn revising_makes_version_two_for_new_interviews_and_says_when_versions_mix() {
    for backend in backends() {
        let w = world(&backend).await;
        let before = w.summary("Ana").await;
        let pdf_before = w.pdf_text("Ana").await;
        let old_text = w.sheet("Ben", "r3").await.sections[0].questions[0]
            .text_html
            .clone();

        let r = report(
            w.revise(
                "rita",
                REVISED,
                NEW_TEXT,
                "Too abstract: ask for a real case",
            )
            .await,
        )
        .await;
        assert_eq!(r.version, Some(2), "{backend:?}");
        assert_eq!(r.guides, ["Support Lead v2"]);
        assert_eq!(r.interviews_moved, 1);

        // The history: version 1 as imported, version 2 with who and why.
        let histories: Vec<QuestionHistory> = w
            .app
            .run(
                w.token("hana"),
                GetQuestionHistories {
                    competency_id: "customer-focus".into(),
                },
            )
            .await;
        let h = histories.iter().find(|h| h.question_id == REVISED).unwrap();
        let versions: Vec<(u32, Option<&str>)> = h
            .versions
            .iter()
            .map(|v| (v.version, v.created_by.as_deref()))
            .collect();
        assert_eq!(versions, [(1, None), (2, Some("Rita Recruiter"))]);
        assert_eq!(h.versions[1].text, NEW_TEXT);
        assert_eq!(h.versions[1].reason, "Too abstract: ask for a real case");
        assert_eq!(h.current_version(), 2);

        // Ben (not started) is asked v2; Cleo (draft) and Ana (rated) v1.
        let ben = w.sheet("Ben", "r3").await;
        assert!(
            ben.sections[0].questions[0]
                .text_html
                .contains("really needed")
        );
        assert_eq!(
            w.sheet("Cleo", "r4").await.sections[0].questions[0].text_html,
            old_text
        );
        assert_eq!(
            w.sheet("Ana", "r1").await.sections[0].questions[0].text_html,
            old_text
        );

        // Nobody has been asked v2 yet: Ana's summary is unchanged.
        assert_eq!(w.summary("Ana").await, before, "{backend:?}");
        assert_eq!(w.pdf_text("Ana").await, pdf_before);

        // Ben is rated on v2: the statistics and both summaries say so.
        w.submit("Ben", "r3", Level::Advanced).await;
        let agreement: RoleAgreement = w
            .app
            .run(
                w.token("rita"),
                GetRoleAgreement {
                    role_id: w.role_id.clone(),
                },
            )
            .await;
        assert!(agreement.may_act);
        let row = agreement.questions.iter().find(|q| q.id == "g1").unwrap();
        assert_eq!(row.bank_id.as_deref(), Some(REVISED));
        assert_eq!(row.versions, [(1, 1), (2, 1)]);
        assert_eq!(
            row.versions_note().unwrap(),
            "The figures mix versions: 1 candidate asked v1, 1 asked v2."
        );
        assert_eq!(row.question_text.as_deref(), Some(NEW_TEXT));
        let g2 = agreement.questions.iter().find(|q| q.id == "g2").unwrap();
        assert!(g2.versions.is_empty() && g2.versions_note().is_none());
        let as_manager: RoleAgreement = w
            .app
            .run(
                w.token("hana"),
                GetRoleAgreement {
                    role_id: w.role_id.clone(),
                },
            )
            .await;
        assert!(!as_manager.may_act);

        let mut ana = w.summary("Ana").await;
        assert_eq!(ana.version_notes.len(), 1, "{:?}", ana.version_notes);
        assert!(
            ana.version_notes[0].ends_with(
                "this candidate's panel was asked v1; other candidates of the role were asked v2."
            ),
            "{}",
            ana.version_notes[0]
        );
        let note = ana.version_notes[0].clone();
        ana.version_notes.clear();
        assert_eq!(ana, before, "only the note is new");
        let pdf = squash(&w.pdf_text("Ana").await);
        assert!(pdf.contains("Question versions"), "{pdf}");
        assert!(
            pdf.contains("other candidates of the role were asked v2"),
            "{pdf}"
        );
        let ben = w.summary("Ben").await;
        assert!(
            ben.version_notes[0]
                .contains("was asked v2; other candidates of the role were asked v1"),
            "{note} / {:?}",
            ben.version_notes
        );

        // The bank holds the new text, and its export imports back unchanged.
        let res = w
            .app
            .get("/export/competency/customer-focus", Some(w.token("rita")))
            .await;
        let markdown = res.text().await.unwrap();
        assert!(
            markdown.contains(NEW_TEXT),
            "the export writes the current version"
        );
        let parsed = question_bank::parse_str("customer-focus.md", &markdown).unwrap();
        let stored = app::db::banks::stored_banks(&w.app.db, DEFAULT_ORG)
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.competency.id == "customer-focus")
            .unwrap();
        let hash = question_bank::model_hash(&parsed);
        let import = [BankImport {
            competency: &parsed,
            source: &stored.source,
            content_hash: &hash,
        }];
        let report =
            app::db::banks::import_banks(&w.app.db, DEFAULT_ORG, &import, ImportOptions::default())
                .await
                .unwrap();
        assert_eq!(report.unchanged, ["customer-focus"], "{backend:?}");

        // Revising again makes version 3; the same text again is refused.
        let again = "Tell me about a customer whose need you uncovered.";
        assert_eq!(report_of(&w, again).await.version, Some(3));
        assert_invalid(w.revise("rita", REVISED, again, "same").await, "text").await;
    }
}

async fn report_of(w: &World, text: &str) -> QuestionActionReport {
    report(w.revise("ada", REVISED, text, "Shorter").await).await
}

/// Whitespace collapsed, so text wrapped across lines compares equal.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
