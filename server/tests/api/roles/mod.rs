//! Roles, guides, candidates and scheduling: every server function, with
//! the permission denials.

mod candidates;
mod creating;
mod guides;
mod people;

use crate::fixtures::{self, person};
use crate::helpers::*;
use app::model::{
    CandidateInput, Guide, GuideQuestion, GuideQuestionKind, Role, ScheduleInput, Section, Stage,
    TeamRole,
};
use app::server_fns::candidates::{AddCandidate, ScheduleInterview};
use reqwest::StatusCode;

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

pub(super) fn question(id: &str, competency: &str, text: &str) -> GuideQuestion {
    GuideQuestion {
        title: format!("Q {id}"),
        text: text.into(),
        probes: vec!["What happened next?".into()],
        ..fixtures::question(id, competency, GuideQuestionKind::Custom)
    }
}

fn section(id: &str, competency: &str, minutes: u32, question: GuideQuestion) -> Section {
    Section {
        id: id.into(),
        competency_id: competency.into(),
        minutes,
        questions: vec![question],
    }
}

/// A phone screen on Customer Focus, a panel on Communication and Problem
/// Solving, and one reference question.
pub(super) fn two_stage_guide() -> Guide {
    let screen = "Tell me about a difficult customer.";
    let policy = "Explain a policy change you had to announce.";
    let problem = "Walk me through a problem you solved.";
    Guide {
        stages: vec![
            Stage {
                id: "screen".into(),
                name: "Phone screen".into(),
                sections: vec![section(
                    "s1",
                    "customer-focus",
                    15,
                    question("q1", "customer-focus", screen),
                )],
            },
            Stage {
                id: "panel".into(),
                name: "Panel".into(),
                sections: vec![
                    section(
                        "s2",
                        "communication",
                        20,
                        question("q2", "communication", policy),
                    ),
                    section(
                        "s3",
                        "problem-solving",
                        20,
                        question("q3", "problem-solving", problem),
                    ),
                ],
            },
        ],
        reference_questions: vec![GuideQuestion {
            title: "Service".into(),
            text: "How did {candidate} treat customers?".into(),
            ..fixtures::question("r1", "customer-focus", GuideQuestionKind::Reference)
        }],
    }
}

/// A guide with no stage and no reference question.
pub(super) fn empty_guide() -> Guide {
    Guide {
        stages: Vec::new(),
        reference_questions: Vec::new(),
    }
}

/// A candidate for `role_id` without notes.
pub(super) fn add_candidate(role_id: &str, name: &str, email: &str) -> AddCandidate {
    AddCandidate {
        role_id: role_id.into(),
        input: CandidateInput {
            name: name.into(),
            email: email.into(),
            notes: String::new(),
        },
    }
}

/// Stage `stage_id` for the candidate, unscheduled, with `panel`: account
/// ids with their focus competencies (none: all).
pub(super) fn schedule(
    candidate_id: &str,
    stage_id: &str,
    panel: &[(&str, &[&str])],
) -> ScheduleInterview {
    ScheduleInterview {
        input: ScheduleInput {
            candidate_id: candidate_id.into(),
            stage_id: stage_id.into(),
            scheduled_at: None,
            panel: panel
                .iter()
                .map(|(id, focus)| {
                    let focus = focus.iter().map(|c| (*c).to_owned()).collect();
                    ((*id).to_owned(), focus)
                })
                .collect(),
            ..Default::default()
        },
    }
}

pub(super) async fn published_role(app: &TestApp, c: &Cast) -> String {
    let id = role_with_profile(app, c).await;
    let (_, version) = app
        .recruiter(&c.recruiter)
        .publish(&id, two_stage_guide())
        .await;
    assert_eq!(version, 1);
    id
}
