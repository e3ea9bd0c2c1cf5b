//! Every mutating server function, called several times at the same moment
//! (identical calls and conflicting ones) through two app servers sharing
//! one database, on SQLite and on PostgreSQL: no 5xx, the final state is one
//! request's whole result, version numbers have no gaps or repeats, and the
//! audit log has one entry per change that took effect.
//!
//! The list of server functions comes from the server function registry at
//! run time: each must be classified below as a read or a mutation, and
//! each mutation must have a case, so a new server function fails this
//! suite until someone decides how it behaves under concurrency.

mod calibration;
mod candidates;
mod data;
mod fixtures;
mod guides;
mod questions;
mod references;
mod roles;
mod scoring;
mod support;

use crate::helpers::backends;
use support::World;

/// Server functions that change nothing stored.
const READS: &[&str] = &[
    "calibration_gate",
    "get_role_calibration",
    "list_calibrations",
    "load_calibration_exercise",
    "load_calibration_result",
    "get_bank_competencies",
    "get_data_settings",
    "get_candidate",
    "get_candidate_summary",
    "get_competency",
    "get_guide_draft",
    "get_published_guide",
    "get_question_histories",
    "get_rater_figures",
    "get_role",
    "get_role_agreement",
    "list_accounts",
    "list_audit",
    "list_candidates",
    "list_competencies",
    "list_holds",
    "list_my_interviews",
    "get_home",
    "get_slate",
    "find_people",
    "list_people",
    "list_raters",
    "list_references",
    "list_roles",
    "list_submitted_scorecards",
    "list_users",
    "load_scorecard",
    "password_link_info",
    "preview_guide",
    "preview_markdown",
    "reference_questions",
    "reference_summary",
    "search_library",
    "session_user",
    "my_time_zone",
    "time_zone_names",
];

/// Server functions that change what is stored, each with its case.
const MUTATIONS: &[&str] = &[
    "create_role",
    "update_role",
    "set_role_profile",
    "set_role_team",
    "save_guide_draft",
    "publish_guide",
    "add_candidate",
    "set_candidate_status",
    "schedule_interview",
    "save_scorecard",
    "submit_scorecard",
    "amend_scorecard",
    "record_decision",
    "add_referee",
    "send_reference_invitation",
    "record_phone_check",
    "review_reference_signal",
    "load_referee_form",
    "referee_consent",
    "referee_save_draft",
    "referee_submit",
    "referee_decline",
    "invite_user",
    "set_password_by_link",
    "reset_password_link",
    "change_own_password",
    "set_user_role",
    "set_user_active",
    "save_data_settings",
    "place_hold",
    "lift_hold",
    "erase_candidate",
    "retire_question",
    "revise_question",
    "set_my_time_zone",
    "submit_calibration",
    "set_role_calibration",
];

/// Runs the case of mutation `name`; false when it has none.
async fn run_case(name: &str, w: &World) -> bool {
    match name {
        "create_role" => roles::create_role(w).await,
        "update_role" => roles::update_role(w).await,
        "set_role_profile" => roles::set_role_profile(w).await,
        "set_role_team" => roles::set_role_team(w).await,
        "save_guide_draft" => guides::save_guide_draft(w).await,
        "publish_guide" => guides::publish_guide(w).await,
        "add_candidate" => candidates::add_candidate(w).await,
        "set_candidate_status" => candidates::set_candidate_status(w).await,
        "schedule_interview" => candidates::schedule_interview(w).await,
        "save_scorecard" => scoring::save_scorecard(w).await,
        "submit_scorecard" => scoring::submit_scorecard(w).await,
        "amend_scorecard" => scoring::amend_scorecard(w).await,
        "record_decision" => scoring::record_decision(w).await,
        "add_referee" => references::add_referee(w).await,
        "send_reference_invitation" => references::send_reference_invitation(w).await,
        "record_phone_check" => references::record_phone_check(w).await,
        "review_reference_signal" => references::review_reference_signal(w).await,
        "load_referee_form" => references::load_referee_form(w).await,
        "referee_consent" => references::referee_consent(w).await,
        "referee_save_draft" => references::referee_save_draft(w).await,
        "referee_submit" => references::referee_submit(w).await,
        "referee_decline" => references::referee_decline(w).await,
        "invite_user" => data::invite_user(w).await,
        "set_password_by_link" => data::set_password_by_link(w).await,
        "reset_password_link" => data::reset_password_link(w).await,
        "change_own_password" => data::change_own_password(w).await,
        "set_user_role" => data::set_user_role(w).await,
        "set_user_active" => data::set_user_active(w).await,
        "save_data_settings" => data::save_data_settings(w).await,
        "place_hold" => data::place_hold(w).await,
        "lift_hold" => data::lift_hold(w).await,
        "erase_candidate" => data::erase_candidate(w).await,
        "retire_question" => questions::retire_question(w).await,
        "revise_question" => questions::revise_question(w).await,
        "set_my_time_zone" => data::set_my_time_zone(w).await,
        "submit_calibration" => calibration::submit_calibration(w).await,
        "set_role_calibration" => calibration::set_role_calibration(w).await,
        _ => return false,
    }
    true
}

/// The names of the registered server functions (`/api/{name}`).
fn registered() -> Vec<String> {
    // Linking the app's router is what registers its server functions.
    let _ = server::startup::build_router;
    let mut names: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_server_function_is_classified_as_read_or_mutation() {
    let names = registered();
    assert!(names.len() > 20, "the registry looks empty: {names:?}");
    let unclassified: Vec<&String> = names
        .iter()
        .filter(|n| !READS.contains(&n.as_str()) && !MUTATIONS.contains(&n.as_str()))
        .collect();
    assert!(
        unclassified.is_empty(),
        "classify these server functions in server/tests/api/concurrency/mod.rs (and give mutations a case): {unclassified:?}"
    );
    for listed in READS.iter().chain(MUTATIONS) {
        assert!(
            names.iter().any(|n| n == listed),
            "{listed} is classified but no longer registered"
        );
    }
    assert!(
        READS.iter().all(|r| !MUTATIONS.contains(r)),
        "a server function is classified twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_mutation_keeps_one_outcome_under_concurrent_calls() {
    let mutations: Vec<String> = registered()
        .into_iter()
        .filter(|n| !READS.contains(&n.as_str()))
        .collect();
    for backend in backends() {
        let world = World::new(&backend).await;
        for name in &mutations {
            assert!(
                run_case(name, &world).await,
                "{name} changes data but has no concurrency case"
            );
        }
    }
}
