//! What the concurrency cases share besides the world: fixtures built
//! through the server functions, and request bodies (profiles, a guide, a
//! panel, scorecard writes).

use super::support::{Answer, World};
use crate::fixtures::Recruiter;
use app::model::{Guide, ScheduleInput, TeamRole, WriteOutcome};
use app::server_fns::candidates::ScheduleInterview;
use serde_json::{Value, json};

/// Fixtures built through the server functions, as the recruiter.
impl World {
    fn recruiter(&self) -> Recruiter<'_> {
        self.apps[0].recruiter(self.token("rita"))
    }

    /// A role with a unique title; returns its id.
    pub async fn role(&self) -> String {
        let title = format!("Support Lead {}", self.unique());
        self.recruiter().role(&title).await
    }

    /// A role with Customer Focus and Teamwork in its profile, Hana as its
    /// hiring manager and both interviewers on its team.
    pub async fn profiled_role(&self) -> String {
        let role = self.role().await;
        let recruiter = self.recruiter();
        recruiter
            .profile(&role, &[("customer-focus", 3, 1), ("teamwork", 3, 1)])
            .await;
        let (hana, ivan, iris) = (self.id("hana"), self.id("ivan"), self.id("iris"));
        recruiter
            .team(
                &role,
                &[
                    (&hana, TeamRole::HiringManager),
                    (&ivan, TeamRole::Interviewer),
                    (&iris, TeamRole::Interviewer),
                ],
            )
            .await;
        role
    }

    /// Saves `guide` as the role's draft; returns the new revision.
    pub async fn save_draft(&self, role: &str, guide: Value) -> i64 {
        let guide: Guide = serde_json::from_value(guide).expect("a guide");
        self.recruiter().save_draft(role, guide).await
    }

    /// A profiled role whose [`guide`] is published as version 1.
    pub async fn published_role(&self) -> String {
        let role = self.profiled_role().await;
        let guide: Guide = serde_json::from_value(guide("Panel")).expect("a guide");
        let (_, version) = self.recruiter().publish(&role, guide).await;
        assert_eq!(version, 1);
        role
    }

    /// A candidate for `role` with a unique address; returns the id.
    pub async fn candidate(&self, role: &str) -> String {
        let n = self.unique();
        self.recruiter()
            .candidate(
                role,
                &format!("Carla {n}"),
                &format!("carla{n}@cand.example"),
            )
            .await
    }

    /// A candidate's panel interview: Ivan on Customer Focus, Iris on all.
    pub async fn interview(&self, candidate: &str) -> String {
        let input: ScheduleInput = serde_json::from_value(
            schedule(
                candidate,
                &[
                    (&self.id("ivan"), &["customer-focus"]),
                    (&self.id("iris"), &[]),
                ],
            )["input"]
                .take(),
        )
        .expect("a schedule");
        let scheduled = self.apps[0]
            .run(self.token("rita"), ScheduleInterview { input })
            .await;
        scheduled.interview_id
    }

    /// A referee of `candidate`; returns the reference request's id.
    pub async fn referee(&self, candidate: &str, relationship: &str, email: &str) -> String {
        self.ok(
            "add_referee",
            "rita",
            json!({"candidate_id": candidate, "input": {"name": "Rhea Referee", "email": email, "phone": "",
                   "relationship": relationship, "months_worked": 24}}),
        )
        .await
    }

    /// Invites the referee of `request`; returns the link's token.
    pub async fn invite(&self, request: &str) -> String {
        let sent: Value = self
            .ok(
                "send_reference_invitation",
                "rita",
                json!({"request_id": request}),
            )
            .await;
        token_of(&sent)
    }
}

/// The token of an invitation's link.
pub fn token_of(invitation: &Value) -> String {
    let link = invitation["link"].as_str().expect("a link to send");
    link.rsplit('/').next().unwrap().to_owned()
}

/// Profile entries for `competencies`, all at level 3, weight 1.
pub fn profile(competencies: &[&str]) -> Value {
    competencies
        .iter()
        .map(|c| json!({"competency_id": c, "required_level": 3, "weight": 1}))
        .collect()
}

fn question(id: &str, competency: &str, kind: &str) -> Value {
    json!({"id": id, "bank_id": null, "kind": kind, "competency_id": competency, "title": format!("Question {id}"),
           "text": format!("Tell me about **{id}**."), "probes": [], "listen_for": []})
}

/// A one-stage guide named `stage` on Customer Focus and Teamwork, with a
/// reference-check question on Customer Focus.
pub fn guide(stage: &str) -> Value {
    json!({
        "stages": [{"id": "panel", "name": stage, "sections": [
            {"id": "s1", "competency_id": "customer-focus", "minutes": 20,
             "questions": [question("q1", "customer-focus", "Custom"), question("q2", "customer-focus", "Custom")]},
            {"id": "s2", "competency_id": "teamwork", "minutes": 15, "questions": [question("q3", "teamwork", "Custom")]}
        ]}],
        "reference_questions": [question("r1", "customer-focus", "Reference")]
    })
}

/// The input of `schedule_interview` for the panel stage.
pub fn schedule(candidate: &str, panel: &[(&str, &[&str])]) -> Value {
    let panel: Vec<Value> = panel.iter().map(|(u, f)| json!([u, f])).collect();
    json!({"input": {"candidate_id": candidate, "stage_id": "panel", "scheduled_at": 1_900_000_000_000_i64, "panel": panel}})
}

/// A complete scorecard for someone focused on Customer Focus, with `summary`.
pub fn complete(summary: &str) -> Value {
    json!({
        "questions": {"q1": {"notes": "Calmed an angry customer, then fixed the cause.", "rating": "Advanced"}},
        "competencies": {"customer-focus": {"assessment": {"rated": "Independent"}, "evidence": "Owned the outcome.",
                          "behaviors": []}},
        "recommendation": "yes",
        "summary": summary
    })
}

/// The body of a scorecard write.
pub fn write(interview: &str, base_version: i64, key: &str, content: Value) -> Value {
    json!({"write": {"interview_id": interview, "base_version": base_version, "idempotency_key": key, "content": content}})
}

/// The version a write was saved as, or `None` for a conflict.
pub fn saved_version(answer: &Answer) -> Option<i64> {
    match answer.value::<WriteOutcome>() {
        WriteOutcome::Saved(ack) => Some(ack.version),
        WriteOutcome::Conflict(_) => None,
    }
}

/// Asserts that `values` are 1, 2, … n with no gap or repeat.
pub fn assert_gapless(case: &str, mut values: Vec<i64>) {
    values.sort_unstable();
    let expected: Vec<i64> = (1..=values.len() as i64).collect();
    assert_eq!(values, expected, "{case}: numbers with gaps or repeats");
}
