//! Roles, guides, candidates and scheduling: every server function, with
//! the permission denials.

mod candidates;
mod creating;
mod guides;

use crate::fixtures::person;
use crate::helpers::*;
use app::model::{
    CandidateDetail, GuideDraft, PublishedGuide, Role, RoleDetail, RoleSummary, ScheduleResult,
    TeamRole,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A recruiter, an admin, two interviewers and two hiring managers, with
/// the shipped banks imported; returns their session tokens.
pub(super) struct Cast {
    pub(super) recruiter: String,
    pub(super) admin: String,
    pub(super) interviewer: String,
    interviewer2: String,
    pub(super) manager: String,
    pub(super) other_manager: String,
    pub(super) ids: std::collections::HashMap<&'static str, String>,
}

pub(super) async fn cast(app: &TestApp) -> Cast {
    server::banks::import_shipped(&app.db).await.unwrap();
    let mut ids = std::collections::HashMap::new();
    let mut tokens = std::collections::HashMap::new();
    for (login, role) in [
        ("rita", Role::Recruiter),
        ("ada", Role::Admin),
        ("ivan", Role::Interviewer),
        ("iris", Role::Interviewer),
        ("hana", Role::HiringManager),
        ("otto", Role::HiringManager),
    ] {
        let (id, token) = person(app, login, login, role).await;
        ids.insert(login, id);
        tokens.insert(login, token);
    }
    let mut token = |login: &str| tokens.remove(login).unwrap();
    Cast {
        recruiter: token("rita"),
        admin: token("ada"),
        interviewer: token("ivan"),
        interviewer2: token("iris"),
        manager: token("hana"),
        other_manager: token("otto"),
        ids,
    }
}

/// A role with three competencies, Hana as hiring manager and two
/// interviewers on the team; returns its id.
pub(super) async fn role_with_profile(app: &TestApp, c: &Cast) -> String {
    let recruiter = app.recruiter(&c.recruiter);
    let id = recruiter.role("Customer Service Advisor").await;
    recruiter
        .profile(
            &id,
            &[
                ("customer-focus", 3, 3),
                ("communication", 3, 2),
                ("problem-solving", 2, 1),
            ],
        )
        .await;
    recruiter
        .team(
            &id,
            &[
                (&c.ids["hana"], TeamRole::HiringManager),
                (&c.ids["ivan"], TeamRole::Interviewer),
                (&c.ids["iris"], TeamRole::Interviewer),
            ],
        )
        .await;
    id
}

pub(super) fn question(id: &str, competency: &str, text: &str) -> Value {
    json!({"id": id, "bank_id": null, "kind": "Custom", "competency_id": competency, "title": format!("Q {id}"),
           "text": text, "probes": ["What happened next?"], "listen_for": []})
}

pub(super) fn two_stage_guide() -> Value {
    json!({
        "stages": [
            {"id": "screen", "name": "Phone screen", "sections": [
                {"id": "s1", "competency_id": "customer-focus", "minutes": 15, "questions": [question("q1", "customer-focus", "Tell me about a difficult customer.")]}
            ]},
            {"id": "panel", "name": "Panel", "sections": [
                {"id": "s2", "competency_id": "communication", "minutes": 20, "questions": [question("q2", "communication", "Explain a policy change you had to announce.")]},
                {"id": "s3", "competency_id": "problem-solving", "minutes": 20, "questions": [question("q3", "problem-solving", "Walk me through a problem you solved.")]}
            ]}
        ],
        "reference_questions": [
            {"id": "r1", "bank_id": null, "kind": "Reference", "competency_id": "customer-focus", "title": "Service",
             "text": "How did {candidate} treat customers?", "probes": [], "listen_for": []}
        ]
    })
}

pub(super) async fn published_role(app: &TestApp, c: &Cast) -> String {
    let id = role_with_profile(app, c).await;
    let guide = serde_json::from_value(two_stage_guide()).unwrap();
    let (_, version) = app.recruiter(&c.recruiter).publish(&id, guide).await;
    assert_eq!(version, 1);
    id
}
