//! What the recruiter's reference server functions share: who may read a
//! candidate's references, loading them with their questions, checking a
//! referee's details, and the audit entry.

use crate::auth::{invalid, not_found};
use crate::db::Db;
use crate::db::candidates::CandidateRecord;
use crate::db::references::RequestRecord;
use crate::errors::AppError;
use crate::model::{CurrentUser, PublishedGuide, RefereeInput, Role};

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

/// Checks a referee's details; the error names the field at fault.
pub fn check_referee(input: &RefereeInput) -> Result<(), (&'static str, String)> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err((
            "name",
            "a referee needs a name of at most 200 characters".into(),
        ));
    }
    if let Err(e) = crate::model::Email::parse(&input.email) {
        return Err(("email", e.to_string()));
    }
    let phone = input.phone.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = |c: char| c.is_ascii_digit() || " +-().".contains(c);
    if !phone.is_empty()
        && (phone.chars().count() > 40 || !phone.chars().all(allowed) || digits < 6)
    {
        return Err((
            "phone",
            "a phone number of digits, spaces and + - ( ) . (at least 6 digits), or empty".into(),
        ));
    }
    if input.months_worked > 600 {
        return Err(("months_worked", "at most 600 months (50 years)".into()));
    }
    Ok(())
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

/// Appends an audit entry by `user`.
pub async fn audit(
    db: &Db,
    user: &CurrentUser,
    action: &str,
    subject: &str,
) -> Result<(), AppError> {
    crate::db::audit::append(
        db,
        &crate::db::audit::AuditEntry {
            org_id: &user.org_id,
            actor_id: Some(&user.id),
            action,
            subject,
            detail: "{}",
        },
    )
    .await?;
    Ok(())
}
