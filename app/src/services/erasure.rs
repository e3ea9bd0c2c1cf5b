//! Erasing a candidate on request (admins, or the command line): refused
//! while a legal hold is in force, recorded with who asked and why.

use crate::db::Db;
use crate::db::erasure::{EraseError, Erasure};
use crate::errors::AppError;
use crate::model::{CurrentUser, Role};

/// The longest reason accepted.
pub const MAX_REASON_CHARS: usize = 2_000;

fn erase_error(err: EraseError) -> AppError {
    match err {
        EraseError::NoCandidate => AppError::NotFound,
        EraseError::Held => AppError::Conflict(
            "A legal hold is in force on this candidate or their role: lift it before erasing."
                .into(),
        ),
        EraseError::Db(e) => e.into(),
    }
}

fn reason(text: &str) -> Result<&str, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(
            "reason",
            "say why (e.g. the candidate asked on 3 May)",
        ));
    }
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::invalid(
            "reason",
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(text)
}

/// Erases `candidate_id` for `admin`. Returns false when they were already erased.
pub async fn erase(
    db: &Db,
    admin: &CurrentUser,
    candidate_id: &str,
    why: &str,
) -> Result<bool, AppError> {
    if !admin.has_role(&[Role::Admin]) {
        return Err(AppError::Forbidden);
    }
    let why = reason(why)?;
    crate::db::erasure::erase_candidate(
        db,
        &admin.org_id,
        candidate_id,
        Erasure {
            actor_id: Some(&admin.id),
            reason: why,
            via: "request",
        },
    )
    .await
    .map_err(erase_error)
}

/// Erases `candidate_id` for the command line (`via` is `request`) or
/// retention (`retention`). Returns false when they were already erased.
pub async fn erase_as_operator(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    why: &str,
    via: &str,
) -> Result<bool, AppError> {
    let why = reason(why)?;
    crate::db::erasure::erase_candidate(
        db,
        org_id,
        candidate_id,
        Erasure {
            actor_id: None,
            reason: why,
            via,
        },
    )
    .await
    .map_err(erase_error)
}
