//! Legal holds: admins place them on a candidate or a role, with a reason,
//! and lift them, with a reason; while one is in force the candidate (or
//! every candidate of the role) can be neither erased nor anonymised.

use crate::db::Db;
use crate::errors::AppError;
use crate::model::{CurrentUser, HoldScope, LegalHold, Role};

/// The longest reason accepted.
pub const MAX_REASON_CHARS: usize = 2_000;

fn require_admin(user: &CurrentUser) -> Result<(), AppError> {
    if user.has_role(&[Role::Admin]) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn reason(field: &str, text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid(field, "say why"));
    }
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::invalid(
            field,
            format!("at most {MAX_REASON_CHARS} characters"),
        ));
    }
    Ok(text.to_owned())
}

/// Places a hold; returns its id.
pub async fn place(
    db: &Db,
    admin: &CurrentUser,
    scope: HoldScope,
    subject_id: &str,
    why: &str,
) -> Result<String, AppError> {
    require_admin(admin)?;
    let why = reason("reason", why)?;
    crate::db::holds::place(db, &admin.org_id, Some(&admin.id), scope, subject_id, &why)
        .await?
        .ok_or(AppError::NotFound)
}

/// Lifts hold `hold_id`.
pub async fn lift(db: &Db, admin: &CurrentUser, hold_id: &str, why: &str) -> Result<(), AppError> {
    require_admin(admin)?;
    let why = reason("reason", why)?;
    if crate::db::holds::lift(db, &admin.org_id, Some(&admin.id), hold_id, &why).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Every hold of the organization, or only those on `subject_ids`.
pub async fn list(
    db: &Db,
    admin: &CurrentUser,
    subject_ids: Option<&[&str]>,
) -> Result<Vec<LegalHold>, AppError> {
    require_admin(admin)?;
    Ok(crate::db::holds::list(db, &admin.org_id, subject_ids).await?)
}
