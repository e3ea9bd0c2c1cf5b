//! The recruiter's side of reference requests: who may read a candidate's
//! references, a request with the guide its questions come from, and
//! checking a referee's details.

use crate::auth::{invalid, not_found};
use crate::db::Db;
use crate::db::candidates::CandidateRecord;
use crate::db::references::RequestRecord;
use crate::errors::AppError;
use crate::model::{CurrentUser, PublishedGuide, Role};

/// The caller and the candidate, if the caller may read the candidate's
/// references: admins and recruiters, and hiring managers of the role.
pub async fn require_candidate_reader(
    db: &Db,
    candidate_id: &str,
) -> Result<(CurrentUser, CandidateRecord), AppError> {
    let user = crate::auth::require_role(&[Role::Admin, Role::Recruiter, Role::HiringManager])?;
    let candidate = crate::db::candidates::find_candidate(db, &user.org_id, candidate_id)
        .await?
        .ok_or_else(not_found)?;
    crate::auth::require_role_reader(db, &candidate.summary.role_id).await?;
    Ok((user, candidate))
}

/// The request, its candidate and the guide its questions come from.
pub async fn request_with_guide(
    db: &Db,
    org_id: &str,
    request_id: &str,
) -> Result<(RequestRecord, CandidateRecord, PublishedGuide), AppError> {
    let request = crate::db::references::find_request(db, org_id, request_id)
        .await?
        .ok_or_else(not_found)?;
    let candidate = crate::db::candidates::find_candidate(db, org_id, &request.candidate_id)
        .await?
        .ok_or_else(not_found)?;
    let pinned = match &request.guide_version_id {
        Some(id) => crate::db::guides::find_version(db, org_id, id).await?,
        None => None,
    };
    let guide = match pinned {
        Some(g) => Some(g),
        None => crate::db::guides::latest_version(db, org_id, &candidate.summary.role_id).await?,
    };
    match guide {
        Some(g) if !g.reference_questions.is_empty() => Ok((request, candidate, g)),
        _ => Err(invalid(
            "guide",
            "publish the role's guide with reference-check questions first",
        )),
    }
}
