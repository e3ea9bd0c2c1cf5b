//! Calibration exercises: the list, an exercise to rate blind, submitting
//! an attempt, its results, and a role's calibration requirement.

use crate::errors::AppError;
use crate::model::{
    CalibrationExercise, CalibrationOverview, CalibrationResult, RoleCalibration, SampleRating,
};
use crate::server_fns::codec::TextJson;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Every competency with a calibration exercise, and the caller's latest
/// attempt at each. Any signed-in account may calibrate.
#[server(prefix = "/api", endpoint = "list_calibrations", input = Json, output = TextJson)]
pub async fn list_calibrations() -> Result<Vec<CalibrationOverview>, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::calibration::overview(&db, &user).await
}

/// The exercise of one competency: its anchors and its samples, in the
/// caller's order, without the experts' levels or reasoning.
#[server(prefix = "/api", endpoint = "load_calibration_exercise", input = Json, output = TextJson)]
pub async fn load_calibration_exercise(
    competency_id: String,
) -> Result<CalibrationExercise, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::calibration::exercise(&db, &user, &competency_id).await
}

/// Scores and keeps an attempt (every sample rated once, 1–5); answers the
/// attempt's id, whose results then show the experts' levels.
#[server(prefix = "/api", endpoint = "submit_calibration", input = Json, output = TextJson)]
pub async fn submit_calibration(
    competency_id: String,
    ratings: Vec<SampleRating>,
) -> Result<String, AppError> {
    let user = crate::auth::require_user()?;
    if ratings.len() > 200 {
        return Err(crate::auth::invalid("ratings", "more ratings than samples"));
    }
    let db = crate::state::db()?;
    crate::services::calibration::submit(&db, &user, &competency_id, &ratings).await
}

/// The caller's own attempt with every sample's result: their level beside
/// the experts', the reasoning and the anchors.
#[server(prefix = "/api", endpoint = "load_calibration_result", input = Json, output = TextJson)]
pub async fn load_calibration_result(attempt_id: String) -> Result<CalibrationResult, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::calibration::result(&db, &user, &attempt_id).await
}

/// A role's calibration requirement and which of its interviewers passed,
/// for the role's readers.
#[server(prefix = "/api", endpoint = "get_role_calibration", input = Json, output = TextJson)]
pub async fn get_role_calibration(role_id: String) -> Result<RoleCalibration, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    crate::services::calibration::role_status(&db, &user, &role_id).await
}

/// Sets whether the role's interviewers must pass calibration before
/// scoring (admins and recruiters).
#[server(prefix = "/api", endpoint = "set_role_calibration", input = Json, output = TextJson)]
pub async fn set_role_calibration(
    role_id: String,
    required: bool,
) -> Result<RoleCalibration, AppError> {
    let user = crate::auth::require_manager()?;
    let db = crate::state::db()?;
    crate::services::calibration::set_required(&db, &user, &role_id, required).await
}

/// The competencies the caller must still pass before scoring interview
/// `interview_id`, as (id, name); empty when nothing stands in the way.
/// Only panel members get an answer.
#[server(prefix = "/api", endpoint = "calibration_gate", input = Json, output = TextJson)]
pub async fn calibration_gate(interview_id: String) -> Result<Vec<(String, String)>, AppError> {
    let user = crate::auth::require_user()?;
    let db = crate::state::db()?;
    let seat = crate::services::access::require_seat(&db, &user, &interview_id).await?;
    crate::services::calibration::missing_for_role(&db, &user.org_id, &user.id, &seat.role_id).await
}
