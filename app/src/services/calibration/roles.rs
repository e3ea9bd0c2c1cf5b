//! A role's calibration requirement: who meets it, the check before a
//! scorecard is loaded or saved, and turning it on or off.

use super::bank_error;
use crate::auth::invalid;
use crate::db::Db;
use crate::db::scorecards::PanelSeat;
use crate::errors::AppError;
use crate::model::{CurrentUser, InterviewerCalibration, RoleCalibration};

/// The role's profile competencies that have an exercise, as (id, name).
async fn role_competencies(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<(String, Vec<(String, String)>), AppError> {
    let role = crate::services::roles::existing(db, org_id, role_id).await?;
    let banks = crate::db::banks::list_competencies(db, org_id)
        .await
        .map_err(bank_error)?;
    let with_samples: Vec<(String, String)> = role
        .competencies
        .iter()
        .filter(|rc| {
            banks
                .iter()
                .any(|c| c.id == rc.competency_id && !c.calibration_samples.is_empty())
        })
        .map(|rc| (rc.competency_id.clone(), rc.name.clone()))
        .collect();
    Ok((role.input.title, with_samples))
}

/// The competencies `user_id` must still pass before scoring for role
/// `role_id`, as (id, name): none when the role requires no calibration.
pub async fn missing_for_role(
    db: &Db,
    org_id: &str,
    user_id: &str,
    role_id: &str,
) -> Result<Vec<(String, String)>, AppError> {
    if !crate::db::calibration::role_requires(db, org_id, role_id).await? {
        return Ok(Vec::new());
    }
    let (_, required) = role_competencies(db, org_id, role_id).await?;
    let passes = crate::db::calibration::passes_of(db, org_id, &[user_id.to_owned()]).await?;
    Ok(required
        .into_iter()
        .filter(|(id, _)| !passes.iter().any(|(_, c, _)| c == id))
        .collect())
}

/// Refuses (422 on the `calibration` field, naming the exercises to take)
/// a scorecard on `seat`'s role to someone who has not passed the
/// calibration it requires.
pub async fn require_calibrated(
    db: &Db,
    user: &CurrentUser,
    seat: &PanelSeat,
) -> Result<(), AppError> {
    if !seat.calibration_required {
        return Ok(());
    }
    let missing = missing_for_role(db, &user.org_id, &user.id, &seat.role_id).await?;
    if missing.is_empty() {
        return Ok(());
    }
    let names: Vec<&str> = missing.iter().map(|(_, name)| name.as_str()).collect();
    Err(invalid(
        "calibration",
        format!(
            "This role asks interviewers to pass a calibration exercise first: {} (at /calibration).",
            names.join(", ")
        ),
    ))
}

/// A role's requirement and who meets it, for its readers.
pub async fn role_status(
    db: &Db,
    user: &CurrentUser,
    role_id: &str,
) -> Result<RoleCalibration, AppError> {
    crate::services::access::require_role_reader(db, user, role_id).await?;
    let (role_title, competencies) = role_competencies(db, &user.org_id, role_id).await?;
    let required = crate::db::calibration::role_requires(db, &user.org_id, role_id).await?;
    let people = crate::db::calibration::role_interviewers(db, &user.org_id, role_id).await?;
    let ids: Vec<String> = people.iter().map(|(id, _)| id.clone()).collect();
    let passes = crate::db::calibration::passes_of(db, &user.org_id, &ids).await?;
    let interviewers = people
        .into_iter()
        .map(|(user_id, name)| InterviewerCalibration {
            passed_at: competencies
                .iter()
                .map(|(c, _)| {
                    passes
                        .iter()
                        .find(|(u, pc, _)| *u == user_id && pc == c)
                        .map(|(_, _, at)| *at)
                })
                .collect(),
            user_id,
            name,
        })
        .collect();
    Ok(RoleCalibration {
        role_id: role_id.to_owned(),
        role_title,
        required,
        competencies,
        interviewers,
        can_manage: user.has_role(crate::services::access::MANAGERS),
    })
}

/// Sets the role's requirement (admins and recruiters).
pub async fn set_required(
    db: &Db,
    user: &CurrentUser,
    role_id: &str,
    required: bool,
) -> Result<RoleCalibration, AppError> {
    if !user.has_role(crate::services::access::MANAGERS) {
        return Err(AppError::Forbidden);
    }
    crate::services::roles::existing(db, &user.org_id, role_id).await?;
    crate::db::calibration::set_role_requires(db, &user.org_id, role_id, &user.id, required)
        .await?;
    role_status(db, user, role_id).await
}
