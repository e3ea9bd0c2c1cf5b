//! Concurrent calls retiring and revising a bank question: one retirement,
//! gapless versions, one guide version per change that took effect, and
//! the guide ending on the bank's current text.

use super::fixtures::*;
use super::support::*;
use app::model::{QuestionActionReport, RetireQuestionInput, ReviseQuestionInput};
use app::server_fns::questions::{RetireQuestion, ReviseQuestion};

/// A published role whose `q1` is a copy of bank question `bank_id`.
async fn role_asking(w: &World, bank_id: &str) -> String {
    let role = w.profiled_role().await;
    let mut g = guide("Panel");
    let q = &mut g.stages[0].sections[0].questions[0];
    q.bank_id = Some(bank_id.into());
    w.save_draft(&role, g).await;
    let draft: app::model::GuideDraft = w
        .run(
            "rita",
            app::server_fns::guides::GetGuideDraft {
                role_id: role.clone(),
            },
        )
        .await;
    let _: i64 = w
        .run(
            "rita",
            app::server_fns::guides::PublishGuide {
                role_id: role.clone(),
                revision: draft.revision,
            },
        )
        .await;
    role
}

async fn guide_versions(w: &World, role: &str) -> i64 {
    w.number(
        "SELECT COUNT(*) FROM guide_versions WHERE role_id = $1",
        &[role],
    )
    .await
}

pub async fn retire_question(w: &World) {
    let bank_id = "cf-q-difficult-relationship";
    let role = role_asking(w, bank_id).await;
    let retire = RetireQuestion {
        input: RetireQuestionInput {
            question_id: bank_id.into(),
            reason: "Rarely answered well.".into(),
        },
    };
    let answers = w
        .identical("retire_question identical", "rita", retire)
        .await;
    let done: Vec<&Answer> = answers.iter().filter(|a| a.ok()).collect();
    assert_eq!(
        done.len(),
        1,
        "retire_question: one retirement: {answers:?}"
    );
    assert_eq!(done[0].value::<QuestionActionReport>().guides.len(), 1);
    for a in answers.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 422, "retire_question: {a:?}");
        assert!(a.message().contains("already retired"), "{}", a.message());
    }
    assert_eq!(guide_versions(w, &role).await, 2);
    assert_eq!(w.audits("question.retire", bank_id).await, 1);
}

pub async fn revise_question(w: &World) {
    let bank_id = "cf-q-fostering-customer-focus";
    let role = role_asking(w, bank_id).await;
    let revise = |text: &str| ReviseQuestion {
        input: ReviseQuestionInput {
            question_id: bank_id.into(),
            text: text.into(),
            reason: "Clearer.".into(),
        },
    };
    let answers = w
        .identical(
            "revise_question identical",
            "rita",
            revise("Tell me how you made a team put customers first."),
        )
        .await;
    let done: Vec<&Answer> = answers.iter().filter(|a| a.ok()).collect();
    assert_eq!(done.len(), 1, "revise_question: one revision: {answers:?}");
    for a in answers.iter().filter(|a| !a.ok()) {
        assert!(
            matches!(a.status.as_u16(), 409 | 422),
            "revise_question: {a:?}"
        );
    }

    // Different texts at once: each revision that takes effect is a version.
    let texts: Vec<String> = (0..AT_ONCE)
        .map(|i| format!("Tell me about practice {i} that put customers first."))
        .collect();
    let calls = texts.iter().map(|t| call("rita", revise(t))).collect();
    let answers = w.burst("revise_question conflicting", calls).await;
    for a in answers.iter().filter(|a| !a.ok()) {
        assert!(
            matches!(a.status.as_u16(), 409 | 422),
            "revise_question: {a:?}"
        );
    }
    let versions: Vec<i64> = w
        .texts(
            "SELECT CAST(version AS TEXT) FROM question_versions WHERE question_id = $1",
            &[bank_id],
        )
        .await
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
    let revisions = versions.len() as i64 - 1;
    assert_eq!(
        revisions,
        1 + answers.iter().filter(|a| a.ok()).count() as i64
    );
    assert_gapless("revise_question", versions);
    assert_eq!(w.audits("question.revise", bank_id).await, revisions);
    // A revision whose newer sibling reached the guide first adds no
    // guide version (the guide keeps the newer text).
    let published = guide_versions(w, &role).await;
    assert!(
        (2..=1 + revisions).contains(&published),
        "{published} guide versions"
    );
    // The guide ends on the bank's current text.
    let current = w
        .texts(
            "SELECT text FROM question_versions WHERE question_id = $1 ORDER BY version DESC",
            &[bank_id],
        )
        .await;
    let latest = w
        .texts(
            "SELECT snapshot_json FROM guide_versions WHERE role_id = $1 ORDER BY version DESC",
            &[&role],
        )
        .await;
    assert!(
        latest[0].contains(&current[0]),
        "the newest guide asks the newest version"
    );
}
