//! Concurrent calls on candidates: adding them, their status, scheduling.

use super::fixtures::*;
use super::support::*;
use app::model::{CandidateInput, PipelineStatus};
use app::server_fns::candidates::{AddCandidate, SetCandidateStatus};

pub async fn add_candidate(w: &World) {
    let role = w.role().await;
    let input = |n: usize| AddCandidate {
        role_id: role.clone(),
        input: CandidateInput {
            name: format!("Zoë {n}"),
            email: format!("zoe{n}@cand.example"),
            notes: String::new(),
        },
    };
    let answers = w
        .identical("add_candidate identical", "rita", input(0))
        .await;
    assert_eq!(
        answers.iter().filter(|a| a.ok()).count(),
        1,
        "add_candidate: {answers:?}"
    );
    for a in answers.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 409);
        assert!(
            a.message().contains("already a candidate"),
            "{}",
            a.message()
        );
    }
    let calls = (1..=AT_ONCE).map(|n| call("rita", input(n))).collect();
    let answers = w.burst("add_candidate conflicting", calls).await;
    assert!(answers.iter().all(Answer::ok), "add_candidate: {answers:?}");
    let ids = w
        .texts("SELECT id FROM candidates WHERE role_id = $1", &[&role])
        .await;
    assert_eq!(ids.len(), 1 + AT_ONCE);
    for id in &ids {
        assert_eq!(
            w.audits("candidate.add", id).await,
            1,
            "add_candidate: one entry each"
        );
    }
}

pub async fn set_candidate_status(w: &World) {
    let role = w.role().await;
    let candidate = w.candidate(&role).await;
    let body = |status: PipelineStatus| SetCandidateStatus {
        candidate_id: candidate.clone(),
        status,
    };
    let answers = w
        .identical(
            "set_candidate_status identical",
            "rita",
            body(PipelineStatus::Screening),
        )
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_candidate_status: {answers:?}"
    );
    assert_eq!(w.audits("candidate.status", &candidate).await, 1);

    let statuses = [
        PipelineStatus::Offer,
        PipelineStatus::Hired,
        PipelineStatus::Rejected,
        PipelineStatus::Withdrawn,
    ];
    let calls = statuses.iter().map(|s| call("rita", body(*s))).collect();
    let answers = w.burst("set_candidate_status conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_candidate_status: {answers:?}"
    );
    let stored = w
        .texts("SELECT status FROM candidates WHERE id = $1", &[&candidate])
        .await;
    assert!(
        statuses.iter().any(|s| s.as_str() == stored[0]),
        "{stored:?}"
    );
    assert_eq!(
        w.audits("candidate.status", &candidate).await,
        1 + AT_ONCE as i64
    );
}

pub async fn schedule_interview(w: &World) {
    let role = w.published_role().await;
    let candidate = w.candidate(&role).await;
    let (ivan, iris) = (w.id("ivan"), w.id("iris"));
    let body = schedule(&candidate, &[(&ivan, &["customer-focus"]), (&iris, &[])]);
    let answers = w
        .identical("schedule_interview identical", "rita", body)
        .await;
    assert_eq!(
        answers.iter().filter(|a| a.ok()).count(),
        1,
        "schedule_interview: {answers:?}"
    );
    for a in answers.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 409);
        assert!(a.message().contains("already scheduled"), "{}", a.message());
    }

    let panels: [Vec<(&str, &[&str])>; AT_ONCE] = [
        vec![(&ivan, &[])],
        vec![(&iris, &[])],
        vec![(&ivan, &["teamwork"]), (&iris, &[])],
        vec![(&ivan, &[]), (&iris, &["customer-focus"])],
    ];
    let calls = panels
        .iter()
        .map(|p| call("rita", schedule(&candidate, p)))
        .collect();
    let answers = w.burst("schedule_interview conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "schedule_interview: {answers:?}"
    );
    let ids = w
        .texts(
            "SELECT id FROM interviews WHERE candidate_id = $1",
            &[&candidate],
        )
        .await;
    assert_eq!(ids.len(), 1 + AT_ONCE);
    for id in &ids {
        assert_eq!(
            w.audits("interview.schedule", id).await,
            1,
            "schedule_interview: one entry each"
        );
    }
    assert_eq!(
        w.audits("candidate.status", &candidate).await,
        1,
        "New to Interviewing once"
    );
}
