//! Concurrent calls on roles, guides, candidates and scheduling.

use super::support::*;
use app::model::RoleDetail;
use serde_json::{Value, json};
use std::collections::HashSet;

pub async fn create_role(w: &World) {
    let body = json!({"input": {"title": "Same title", "department": "", "description": ""}});
    let answers = w
        .identical("create_role", "create_role", "rita", body)
        .await;
    let ids: HashSet<String> = answers.iter().map(|a| a.value::<String>()).collect();
    assert_eq!(
        ids.len(),
        AT_ONCE,
        "create_role: each call creates its own role"
    );
    for id in &ids {
        assert_eq!(
            w.audits("role.create", id).await,
            1,
            "create_role: one audit entry each"
        );
        let draft: Value = w
            .ok("get_guide_draft", "rita", json!({"role_id": id}))
            .await;
        assert_eq!(
            draft["revision"], 1,
            "create_role: every role gets its draft"
        );
    }
}

pub async fn update_role(w: &World) {
    let role = w.role().await;
    let input = |t: &str| json!({"title": t, "department": "Care", "description": "Front line."});
    let answers = w
        .identical(
            "update_role identical",
            "update_role",
            "rita",
            json!({"role_id": role, "input": input("Renamed")}),
        )
        .await;
    assert!(answers.iter().all(Answer::ok), "update_role: {answers:?}");
    assert_eq!(
        w.audits("role.update", &role).await,
        1,
        "update_role: one change took effect"
    );

    let titles: Vec<String> = (0..AT_ONCE).map(|i| format!("Title {i}")).collect();
    let calls = titles
        .iter()
        .map(|t| {
            call(
                "update_role",
                "rita",
                json!({"role_id": role, "input": input(t)}),
            )
        })
        .collect();
    let answers = w.burst("update_role conflicting", calls).await;
    assert!(answers.iter().all(Answer::ok), "update_role: {answers:?}");
    let stored: RoleDetail = w.ok("get_role", "rita", json!({"role_id": role})).await;
    assert!(
        titles.contains(&stored.input.title),
        "update_role: {:?}",
        stored.input
    );
    assert_eq!(stored.input.description, "Front line.");
    assert_eq!(w.audits("role.update", &role).await, 1 + AT_ONCE as i64);
}

/// Profiles of disjoint competencies, so a merge of two would show.
const PROFILES: [&[&str]; AT_ONCE] = [
    &["customer-focus", "teamwork"],
    &["communication", "integrity"],
    &["problem-solving", "adaptability"],
    &["leadership", "planning-and-organising"],
];

pub async fn set_role_profile(w: &World) {
    let role = w.role().await;
    let body = json!({"role_id": role, "entries": profile(PROFILES[0])});
    let answers = w
        .identical(
            "set_role_profile identical",
            "set_role_profile",
            "rita",
            body,
        )
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_role_profile: {answers:?}"
    );
    assert_eq!(stored_profile(w, &role).await, PROFILES[0]);
    assert_eq!(
        w.audits("role.profile", &role).await,
        1,
        "set_role_profile: one change took effect"
    );

    let calls = PROFILES[1..]
        .iter()
        .chain(&PROFILES[..1])
        .map(|p| {
            call(
                "set_role_profile",
                "rita",
                json!({"role_id": role, "entries": profile(p)}),
            )
        })
        .collect();
    let answers = w.burst("set_role_profile conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_role_profile: {answers:?}"
    );
    let stored = stored_profile(w, &role).await;
    assert!(
        PROFILES.iter().any(|p| *p == stored),
        "set_role_profile: a mix: {stored:?}"
    );
    let audits = w.audits("role.profile", &role).await;
    // The request equal to the stored profile changes nothing if it runs first.
    assert!(
        (AT_ONCE as i64..=1 + AT_ONCE as i64).contains(&audits),
        "set_role_profile: {audits}"
    );
}

async fn stored_profile(w: &World, role: &str) -> Vec<String> {
    let stored: RoleDetail = w.ok("get_role", "rita", json!({"role_id": role})).await;
    stored
        .competencies
        .into_iter()
        .map(|c| c.competency_id)
        .collect()
}

pub async fn set_role_team(w: &World) {
    let role = w.role().await;
    let teams = [
        vec![
            (w.id("hana"), "HiringManager"),
            (w.id("ivan"), "Interviewer"),
        ],
        vec![(w.id("iris"), "Interviewer")],
        vec![(w.id("ada"), "Recruiter"), (w.id("iris"), "HiringManager")],
        vec![
            (w.id("rita"), "Recruiter"),
            (w.id("ivan"), "HiringManager"),
            (w.id("hana"), "Interviewer"),
        ],
    ];
    let body = |team: &[(String, &str)]| json!({"role_id": role, "members": team});
    let answers = w
        .identical(
            "set_role_team identical",
            "set_role_team",
            "rita",
            body(&teams[0]),
        )
        .await;
    assert!(answers.iter().all(Answer::ok), "set_role_team: {answers:?}");
    assert_eq!(stored_team(w, &role).await, team_set(&teams[0]));
    assert_eq!(
        w.audits("role.team", &role).await,
        1,
        "set_role_team: one change took effect"
    );

    let calls = teams[1..]
        .iter()
        .map(|t| call("set_role_team", "rita", body(t)))
        .collect::<Vec<_>>();
    let calls = calls
        .into_iter()
        .chain([call("set_role_team", "rita", body(&teams[1]))])
        .collect();
    let answers = w.burst("set_role_team conflicting", calls).await;
    assert!(answers.iter().all(Answer::ok), "set_role_team: {answers:?}");
    let stored = stored_team(w, &role).await;
    assert!(
        teams[1..].iter().any(|t| team_set(t) == stored),
        "set_role_team: not one request's team: {stored:?}"
    );
    let audits = w.audits("role.team", &role).await;
    assert!(
        (3..=4).contains(&(audits - 1)),
        "set_role_team: {audits} entries"
    );
}

fn team_set(team: &[(String, &str)]) -> HashSet<(String, String)> {
    let spelled = |part: &str| match part {
        "HiringManager" => "hiring-manager".to_owned(),
        other => other.to_lowercase(),
    };
    team.iter().map(|(u, p)| (u.clone(), spelled(p))).collect()
}

async fn stored_team(w: &World, role: &str) -> HashSet<(String, String)> {
    let users = w
        .texts(
            "SELECT user_id FROM role_team WHERE role_id = $1 ORDER BY user_id, member_role",
            &[role],
        )
        .await;
    let parts = w
        .texts(
            "SELECT member_role FROM role_team WHERE role_id = $1 ORDER BY user_id, member_role",
            &[role],
        )
        .await;
    users.into_iter().zip(parts).collect()
}

pub async fn save_guide_draft(w: &World) {
    let role = w.profiled_role().await;
    let body = |stage: &str| json!({"role_id": role, "revision": 1, "guide": guide(stage)});
    let answers = w
        .identical(
            "save_guide_draft identical",
            "save_guide_draft",
            "rita",
            body("Panel"),
        )
        .await;
    for a in &answers {
        assert!(
            a.ok(),
            "save_guide_draft: a repeated save is not a conflict: {a:?}"
        );
        assert_eq!(a.value::<i64>(), 2);
    }

    let stages: Vec<String> = (0..AT_ONCE).map(|i| format!("Stage {i}")).collect();
    let calls = stages
        .iter()
        .map(|s| {
            call(
                "save_guide_draft",
                "rita",
                json!({"role_id": role, "revision": 2, "guide": guide(s)}),
            )
        })
        .collect();
    let answers = w.burst("save_guide_draft conflicting", calls).await;
    let winners: Vec<usize> = (0..AT_ONCE).filter(|&i| answers[i].ok()).collect();
    assert_eq!(
        winners.len(),
        1,
        "save_guide_draft: one save wins: {answers:?}"
    );
    for (i, a) in answers.iter().enumerate() {
        if i != winners[0] {
            assert_eq!(a.status, 409, "save_guide_draft: {a:?}");
            assert!(
                a.message().contains("Someone else saved this guide"),
                "{}",
                a.message()
            );
        }
    }
    let draft: Value = w
        .ok("get_guide_draft", "rita", json!({"role_id": role}))
        .await;
    assert_eq!(draft["revision"], 3);
    assert_eq!(
        draft["guide"]["stages"][0]["name"],
        stages[winners[0]].as_str()
    );
}

pub async fn publish_guide(w: &World) {
    let role = w.published_role().await;
    let revision = w.save_draft(&role, guide("Panel, second edition")).await;
    let body = json!({"role_id": role, "revision": revision});
    let answers = w
        .identical("publish_guide identical", "publish_guide", "rita", body)
        .await;
    let published: Vec<&Answer> = answers.iter().filter(|a| a.ok()).collect();
    assert_eq!(
        published.len(),
        1,
        "publish_guide: one version: {answers:?}"
    );
    assert_eq!(published[0].value::<i64>(), 2);
    for a in answers.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 409, "publish_guide: {a:?}");
        assert!(
            a.message().contains("Nothing changed since version 2"),
            "{}",
            a.message()
        );
    }

    // Two publish the current draft while two publish a stale revision.
    let revision = w.save_draft(&role, guide("Panel, third edition")).await;
    let calls = [revision, revision, revision - 1, revision - 1]
        .iter()
        .map(|r| {
            call(
                "publish_guide",
                "rita",
                json!({"role_id": role, "revision": r}),
            )
        })
        .collect();
    let answers = w.burst("publish_guide conflicting", calls).await;
    assert_eq!(
        answers.iter().filter(|a| a.ok()).count(),
        1,
        "publish_guide: {answers:?}"
    );
    for a in &answers[2..] {
        assert_eq!(a.status, 409);
        assert!(
            a.message().contains("changed since you opened it"),
            "{}",
            a.message()
        );
    }
    let versions = w
        .texts(
            "SELECT CAST(version AS TEXT) FROM guide_versions WHERE role_id = $1",
            &[&role],
        )
        .await;
    assert_gapless(
        "publish_guide",
        versions.iter().map(|v| v.parse().unwrap()).collect(),
    );
    assert_eq!(
        w.audits("guide.publish", &role).await,
        3,
        "publish_guide: one entry per version"
    );
}

pub async fn add_candidate(w: &World) {
    let role = w.role().await;
    let input = |n: usize| json!({"role_id": role, "input": {"name": format!("Zoë {n}"), "email": format!("zoe{n}@cand.example"), "notes": ""}});
    let answers = w
        .identical("add_candidate identical", "add_candidate", "rita", input(0))
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
    let calls = (1..=AT_ONCE)
        .map(|n| call("add_candidate", "rita", input(n)))
        .collect();
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
    let body = |s: &str| json!({"candidate_id": candidate, "status": s});
    let answers = w
        .identical(
            "set_candidate_status identical",
            "set_candidate_status",
            "rita",
            body("Screening"),
        )
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_candidate_status: {answers:?}"
    );
    assert_eq!(w.audits("candidate.status", &candidate).await, 1);

    let statuses = ["Offer", "Hired", "Rejected", "Withdrawn"];
    let calls = statuses
        .iter()
        .map(|s| call("set_candidate_status", "rita", body(s)))
        .collect();
    let answers = w.burst("set_candidate_status conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_candidate_status: {answers:?}"
    );
    let stored = w
        .texts("SELECT status FROM candidates WHERE id = $1", &[&candidate])
        .await;
    assert!(
        statuses.iter().any(|s| s.to_lowercase() == stored[0]),
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
        .identical(
            "schedule_interview identical",
            "schedule_interview",
            "rita",
            body,
        )
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
        .map(|p| call("schedule_interview", "rita", schedule(&candidate, p)))
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
