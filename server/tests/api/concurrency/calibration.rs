//! Concurrent calls on calibration: attempts and a role's requirement.

use super::support::*;
use app::model::SampleRating;
use app::server_fns::calibration::{
    LoadCalibrationExercise, SetRoleCalibration, SubmitCalibration,
};
use std::collections::HashSet;

pub async fn submit_calibration(w: &World) {
    let exercise = w
        .run(
            "ivan",
            LoadCalibrationExercise {
                competency_id: "communication".into(),
            },
        )
        .await;
    let ratings: Vec<SampleRating> = exercise
        .samples
        .iter()
        .map(|s| SampleRating {
            sample_id: s.id.clone(),
            level: 3,
        })
        .collect();
    let args = SubmitCalibration {
        competency_id: "communication".into(),
        ratings,
    };
    let answers = w.identical("submit_calibration", "ivan", args).await;
    let ids: HashSet<String> = answers.iter().map(Answer::value::<String>).collect();
    assert_eq!(
        ids.len(),
        AT_ONCE,
        "submit_calibration: each attempt is kept"
    );
    let stored = w
        .number(
            "SELECT COUNT(*) FROM calibration_attempts WHERE user_id = $1",
            &[&w.id("ivan")],
        )
        .await;
    assert_eq!(
        stored, AT_ONCE as i64,
        "submit_calibration: every attempt stored"
    );
}

pub async fn set_role_calibration(w: &World) {
    let role = w.role().await;
    let set = |required: bool| SetRoleCalibration {
        role_id: role.clone(),
        required,
    };
    let answers = w
        .identical("set_role_calibration identical", "rita", set(true))
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_role_calibration: {answers:?}"
    );
    assert_eq!(
        w.audits("role.calibration_required", &role).await,
        1,
        "set_role_calibration: one change took effect"
    );
    let calls = (0..AT_ONCE)
        .map(|i| call("rita", set(i % 2 == 0)))
        .collect();
    let answers = w.burst("set_role_calibration conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "set_role_calibration: {answers:?}"
    );
    let stored = w
        .number(
            "SELECT COUNT(*) FROM role_calibration WHERE role_id = $1",
            &[&role],
        )
        .await;
    assert_eq!(stored, 1, "set_role_calibration: one row per role");
}
