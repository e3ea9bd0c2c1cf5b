//! Concurrent calls on scorecards and hiring decisions.

use super::fixtures::*;
use super::support::*;
use crate::fixtures::decision;
use app::model::{DecisionKind, ScorecardContent};
use app::server_fns::scorecards::{AmendScorecard, SaveScorecard, SubmitScorecard};

/// An interview Ivan sits on, and the id of his scorecard once it exists.
async fn seat(w: &World) -> String {
    let role = w.published_role().await;
    let candidate = w.candidate(&role).await;
    w.interview(&candidate).await
}

async fn scorecard_of(w: &World, interview: &str) -> (String, i64, String, String) {
    let ivan = w.id("ivan");
    let id = w
        .texts(
            "SELECT id FROM scorecards WHERE interview_id = $1 AND interviewer_id = $2",
            &[interview, &ivan],
        )
        .await;
    let version = w
        .number("SELECT version FROM scorecards WHERE id = $1", &[&id[0]])
        .await;
    let status = w
        .texts("SELECT status FROM scorecards WHERE id = $1", &[&id[0]])
        .await;
    let content = w
        .texts(
            "SELECT content_json FROM scorecards WHERE id = $1",
            &[&id[0]],
        )
        .await;
    (
        id[0].clone(),
        version,
        status[0].clone(),
        content[0].clone(),
    )
}

/// Versions recorded in the scorecard's history (submissions, amendments).
async fn history(w: &World, scorecard: &str) -> Vec<i64> {
    w.texts(
        "SELECT CAST(version AS TEXT) FROM scorecard_versions WHERE scorecard_id = $1",
        &[scorecard],
    )
    .await
    .iter()
    .map(|v| v.parse().unwrap())
    .collect()
}

fn one_saved(case: &str, answers: &[Answer]) -> usize {
    let saved: Vec<usize> = (0..answers.len())
        .filter(|&i| saved_version(&answers[i]).is_some())
        .collect();
    assert_eq!(
        saved.len(),
        1,
        "{case}: exactly one write wins: {answers:?}"
    );
    saved[0]
}

/// A scorecard holding only an overall summary.
fn summary_only(summary: &str) -> ScorecardContent {
    ScorecardContent {
        summary: summary.into(),
        ..Default::default()
    }
}

pub async fn save_scorecard(w: &World) {
    let interview = seat(w).await;
    let first = write(&interview, 0, "same-key-0001", summary_only("first"));
    let answers = w
        .identical(
            "save_scorecard identical",
            "ivan",
            SaveScorecard { write: first },
        )
        .await;
    for a in &answers {
        assert_eq!(
            saved_version(a),
            Some(1),
            "save_scorecard: a retry gets the same answer: {a:?}"
        );
    }
    let calls = (0..AT_ONCE)
        .map(|i| {
            let content = summary_only(&format!("tab {i}"));
            let write = write(&interview, 1, &format!("key-{i:08}"), content);
            call("ivan", SaveScorecard { write })
        })
        .collect();
    let answers = w.burst("save_scorecard conflicting", calls).await;
    let winner = one_saved("save_scorecard", &answers);
    let (_, version, _, content) = scorecard_of(w, &interview).await;
    assert_eq!(version, 2);
    assert!(
        content.contains(&format!("tab {winner}")),
        "save_scorecard: {content}"
    );
}

pub async fn submit_scorecard(w: &World) {
    let interview = seat(w).await;
    let once = write(&interview, 0, "submit-key-01", complete("Solid."));
    let answers = w
        .identical(
            "submit_scorecard identical",
            "ivan",
            SubmitScorecard { write: once },
        )
        .await;
    for a in &answers {
        assert_eq!(saved_version(a), Some(1), "submit_scorecard: {a:?}");
    }
    let (id, _, status, _) = scorecard_of(w, &interview).await;
    assert_eq!(status, "submitted");
    assert_eq!(w.audits("scorecard.submit", &id).await, 1);
    assert_gapless("submit_scorecard", history(w, &id).await);

    // Two tabs racing to submit different content: one is submitted.
    let other = seat(w).await;
    let calls = (0..AT_ONCE)
        .map(|i| {
            let content = complete(&format!("tab {i}"));
            let write = write(&other, 0, &format!("submit-{i:06}"), content);
            call("ivan", SubmitScorecard { write })
        })
        .collect();
    let answers = w.burst("submit_scorecard conflicting", calls).await;
    let winner = one_saved("submit_scorecard", &answers);
    let (id, version, _, content) = scorecard_of(w, &other).await;
    assert_eq!(version, 1);
    assert!(content.contains(&format!("tab {winner}")), "{content}");
    assert_eq!(w.audits("scorecard.submit", &id).await, 1);
}

pub async fn amend_scorecard(w: &World) {
    let interview = seat(w).await;
    let first = write(&interview, 0, "submit-first", complete("Solid."));
    w.run("ivan", SubmitScorecard { write: first }).await;
    let amend = |base: i64, key: &str, summary: &str| AmendScorecard {
        write: write(&interview, base, key, complete(summary)),
        reason: "Mixed up two answers.".into(),
    };
    let answers = w
        .identical(
            "amend_scorecard identical",
            "ivan",
            amend(1, "amend-key-1", "Fixed."),
        )
        .await;
    for a in &answers {
        assert_eq!(saved_version(a), Some(2), "amend_scorecard: {a:?}");
    }
    let (id, ..) = scorecard_of(w, &interview).await;
    assert_eq!(w.audits("scorecard.amend", &id).await, 1);

    let calls = (0..AT_ONCE)
        .map(|i| {
            call(
                "ivan",
                amend(2, &format!("amend-{i:06}"), &format!("tab {i}")),
            )
        })
        .collect();
    let answers = w.burst("amend_scorecard conflicting", calls).await;
    let winner = one_saved("amend_scorecard", &answers);
    let (_, version, _, content) = scorecard_of(w, &interview).await;
    assert_eq!(version, 3);
    assert!(content.contains(&format!("tab {winner}")), "{content}");
    assert_eq!(w.audits("scorecard.amend", &id).await, 2);
    assert_gapless("amend_scorecard", history(w, &id).await);
}

/// Decisions are a history: every recorded decision is kept and audited,
/// and the latest is the current one.
pub async fn record_decision(w: &World) {
    let role = w.published_role().await;
    let candidate = w.candidate(&role).await;
    let body = decision(&candidate, DecisionKind::Hire, "Strong panel.");
    let answers = w.identical("record_decision identical", "hana", body).await;
    assert!(
        answers.iter().all(Answer::ok),
        "record_decision: {answers:?}"
    );
    let kinds = [
        DecisionKind::Hire,
        DecisionKind::NoHire,
        DecisionKind::Hold,
        DecisionKind::Hire,
    ];
    let calls = kinds
        .iter()
        .map(|k| call("hana", decision(&candidate, *k, "Panel read.")))
        .collect();
    let answers = w.burst("record_decision conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "record_decision: {answers:?}"
    );
    let recorded = w
        .number(
            "SELECT COUNT(*) FROM decisions WHERE candidate_id = $1",
            &[&candidate],
        )
        .await;
    assert_eq!(recorded, 2 * AT_ONCE as i64);
    assert_eq!(
        w.audits("candidate.decision", &candidate).await,
        recorded,
        "one entry per decision"
    );
}
