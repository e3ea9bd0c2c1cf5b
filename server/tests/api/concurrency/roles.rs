//! Concurrent calls on roles: their fields, profile and team.

use super::fixtures::*;
use super::support::*;
use app::model::{RoleDetail, RoleInput, TeamRole};
use app::server_fns::guides::GetGuideDraft;
use app::server_fns::roles::{CreateRole, GetRole, SetRoleProfile, SetRoleTeam, UpdateRole};
use std::collections::HashSet;

pub async fn create_role(w: &World) {
    let input = RoleInput {
        title: "Same title".into(),
        department: String::new(),
        description: String::new(),
    };
    let answers = w
        .identical("create_role", "rita", CreateRole { input })
        .await;
    let ids: HashSet<String> = answers.iter().map(Answer::value::<String>).collect();
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
        let role_id = id.clone();
        let draft = w.run("rita", GetGuideDraft { role_id }).await;
        assert_eq!(draft.revision, 1, "create_role: every role gets its draft");
    }
}

pub async fn update_role(w: &World) {
    let role = w.role().await;
    let update = |title: &str| UpdateRole {
        role_id: role.clone(),
        input: RoleInput {
            title: title.into(),
            department: "Care".into(),
            description: "Front line.".into(),
        },
    };
    let answers = w
        .identical("update_role identical", "rita", update("Renamed"))
        .await;
    assert!(answers.iter().all(Answer::ok), "update_role: {answers:?}");
    assert_eq!(
        w.audits("role.update", &role).await,
        1,
        "update_role: one change took effect"
    );

    let titles: Vec<String> = (0..AT_ONCE).map(|i| format!("Title {i}")).collect();
    let calls = titles.iter().map(|t| call("rita", update(t))).collect();
    let answers = w.burst("update_role conflicting", calls).await;
    assert!(answers.iter().all(Answer::ok), "update_role: {answers:?}");
    let stored = w
        .run(
            "rita",
            GetRole {
                role_id: role.clone(),
            },
        )
        .await;
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
    let set = |competencies: &[&str]| SetRoleProfile {
        role_id: role.clone(),
        entries: profile(competencies),
    };
    let answers = w
        .identical("set_role_profile identical", "rita", set(PROFILES[0]))
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
        .map(|p| call("rita", set(p)))
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
    let role_id = role.into();
    let stored: RoleDetail = w.run("rita", GetRole { role_id }).await;
    stored
        .competencies
        .into_iter()
        .map(|c| c.competency_id)
        .collect()
}

pub async fn set_role_team(w: &World) {
    let role = w.role().await;
    use TeamRole::{HiringManager, Interviewer, Recruiter};
    let teams = [
        vec![(w.id("hana"), HiringManager), (w.id("ivan"), Interviewer)],
        vec![(w.id("iris"), Interviewer)],
        vec![(w.id("ada"), Recruiter), (w.id("iris"), HiringManager)],
        vec![
            (w.id("rita"), Recruiter),
            (w.id("ivan"), HiringManager),
            (w.id("hana"), Interviewer),
        ],
    ];
    let body = |team: &[(String, TeamRole)]| SetRoleTeam {
        role_id: role.clone(),
        members: team.to_vec(),
    };
    let answers = w
        .identical("set_role_team identical", "rita", body(&teams[0]))
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
        .map(|t| call("rita", body(t)))
        .collect::<Vec<_>>();
    let calls = calls
        .into_iter()
        .chain([call("rita", body(&teams[1]))])
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

fn team_set(team: &[(String, TeamRole)]) -> HashSet<(String, String)> {
    team.iter()
        .map(|(u, p)| (u.clone(), p.as_str().to_owned()))
        .collect()
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
