//! Scorecards: autosave with versions and idempotency keys, submission and
//! its lock, amendments in the audit log, and who may see what.

mod reading;
mod saving;
mod submitting;

use crate::fixtures::person;
use crate::helpers::*;
use app::model::{
    MyInterview, Role, ScorecardStatus, ScoringSheet, SubmittedScorecard, TeamRole, WriteAck,
    WriteConflict, WriteOutcome,
};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

/// A published guide with a screen and a panel stage, one candidate, and
/// two interviews: the screen (Ivan) and the panel (Ivan on Customer Focus,
/// Iris on everything). Otto is an interviewer on neither; Hana is the
/// role's hiring manager, Hugo a hiring manager of other roles.
pub(super) struct Fixture {
    pub(super) app: TestApp,
    pub(super) tokens: HashMap<&'static str, String>,
    pub(super) candidate_id: String,
    pub(super) screen_id: String,
    pub(super) panel_id: String,
}

pub(super) fn question(id: &str, competency: &str) -> Value {
    json!({"id": id, "bank_id": null, "kind": "Custom", "competency_id": competency, "title": format!("Question {id}"),
           "text": format!("Tell me about **{id}**."), "probes": ["What did you do next?"], "listen_for": ["Specifics"]})
}

pub(super) async fn fixture(backend: &Backend) -> Fixture {
    let app = spawn_app(backend).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let people = [
        ("rita", Role::Recruiter),
        ("ada", Role::Admin),
        ("ivan", Role::Interviewer),
        ("iris", Role::Interviewer),
        ("otto", Role::Interviewer),
        ("hana", Role::HiringManager),
        ("hugo", Role::HiringManager),
    ];
    let mut tokens = HashMap::new();
    let mut ids = HashMap::new();
    for (login, role) in people {
        let (id, token) = person(&app, login, login, role).await;
        ids.insert(login, id);
        tokens.insert(login, token);
    }
    let recruiter = app.recruiter(&tokens["rita"]);
    let role_id = recruiter.role("Support Lead").await;
    recruiter
        .profile(&role_id, &[("customer-focus", 3, 3), ("teamwork", 4, 2)])
        .await;
    recruiter
        .team(&role_id, &[(&ids["hana"], TeamRole::HiringManager)])
        .await;
    let guide = json!({
        "stages": [
            {"id": "screen", "name": "Phone screen", "sections": [
                {"id": "s0", "competency_id": "customer-focus", "minutes": 10, "questions": [question("q0", "customer-focus")]}
            ]},
            {"id": "panel", "name": "Panel", "sections": [
                {"id": "s1", "competency_id": "customer-focus", "minutes": 20, "questions": [question("q1", "customer-focus"), question("q2", "customer-focus")]},
                {"id": "s2", "competency_id": "teamwork", "minutes": 15, "questions": [question("q3", "teamwork")]}
            ]}
        ],
        "reference_questions": []
    });
    recruiter
        .publish(&role_id, serde_json::from_value(guide).unwrap())
        .await;
    let candidate_id = recruiter
        .candidate(&role_id, "Carla Candidate", "carla@example.org")
        .await;
    let at = 1_900_000_000_000;
    let screen = recruiter
        .schedule(&candidate_id, "screen", at, &[(&ids["ivan"], &[])])
        .await;
    let panel = recruiter
        .schedule(
            &candidate_id,
            "panel",
            at,
            &[(&ids["ivan"], &["customer-focus"]), (&ids["iris"], &[])],
        )
        .await;
    Fixture {
        app,
        tokens,
        candidate_id,
        screen_id: screen.interview_id,
        panel_id: panel.interview_id,
    }
}

/// A complete scorecard for someone focused on Customer Focus only.
pub(super) fn complete() -> Value {
    json!({
        "questions": {"q1": {"notes": "Calmed an angry customer, *then* fixed the root cause.", "rating": "Advanced"}},
        "competencies": {"customer-focus": {"assessment": {"rated": "Independent"}, "evidence": "Clear story, owned the outcome.",
                          "behaviors": ["cf-empathizes:0"]}},
        "recommendation": "yes",
        "summary": "Solid."
    })
}

pub(super) fn write(interview_id: &str, base_version: i64, key: &str, content: Value) -> Value {
    json!({"write": {"interview_id": interview_id, "base_version": base_version, "idempotency_key": key, "content": content}})
}

pub(super) fn notes(text: &str) -> Value {
    json!({"questions": {"q1": {"notes": text}}})
}

impl Fixture {
    pub(super) fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    pub(super) async fn call(&self, name: &str, who: &str, body: Value) -> reqwest::Response {
        self.app.call_json(name, Some(self.token(who)), body).await
    }

    pub(super) async fn write(&self, name: &str, who: &str, body: Value) -> WriteOutcome {
        self.app.ok(name, self.token(who), body).await
    }

    pub(super) async fn save(
        &self,
        who: &str,
        interview: &str,
        base: i64,
        key: &str,
        content: Value,
    ) -> WriteOutcome {
        self.write("save_scorecard", who, write(interview, base, key, content))
            .await
    }

    pub(super) async fn sheet(&self, who: &str, interview: &str) -> ScoringSheet {
        self.app
            .ok(
                "load_scorecard",
                self.token(who),
                json!({"interview_id": interview}),
            )
            .await
    }

    pub(super) async fn submitted(&self, who: &str, interview: Option<&str>) -> reqwest::Response {
        self.call(
            "list_submitted_scorecards",
            who,
            json!({"candidate_id": self.candidate_id, "interview_id": interview}),
        )
        .await
    }
}

pub(super) fn saved(outcome: WriteOutcome) -> WriteAck {
    match outcome {
        WriteOutcome::Saved(ack) => ack,
        WriteOutcome::Conflict(c) => panic!("expected a save, got {c:?}"),
    }
}

pub(super) fn conflict(outcome: WriteOutcome) -> WriteConflict {
    match outcome {
        WriteOutcome::Conflict(c) => c,
        WriteOutcome::Saved(ack) => panic!("expected a conflict, got {ack:?}"),
    }
}

/// Runs the futures concurrently (a tiny `join_all`, to need no extra crate).
pub(super) async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for f in futures {
        set.push(f);
    }
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = set.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = pinned.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(|o| o.unwrap()).collect()
}
