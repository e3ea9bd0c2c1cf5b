//! An account holder changing their own password.

use super::audit_in;
use crate::db::{Db, Lock};

/// The password hash of an active account, for checking its current password.
pub async fn password_hash_of(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE org_id = $1 AND id = $2 AND deactivated_at IS NULL",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await
}

/// Sets the account's own new password and ends every session of it except
/// the one whose token hashes to `keep_session`, audited.
pub async fn change_own_password(
    db: &Db,
    org_id: &str,
    user_id: &str,
    password_hash: &str,
    keep_session: Option<&str>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    sqlx::query("UPDATE users SET password_hash = $3 WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(user_id)
        .bind(password_hash)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE org_id = $1 AND user_id = $2 AND token_hash <> $3")
        .bind(org_id)
        .bind(user_id)
        .bind(keep_session.unwrap_or(""))
        .execute(&mut *tx)
        .await?;
    audit_in(
        &mut tx,
        org_id,
        Some(user_id),
        "user.change_password",
        user_id,
        "{}",
    )
    .await?;
    tx.commit().await?;
    crate::db::sessions::forget_account(db, org_id, user_id);
    Ok(())
}
