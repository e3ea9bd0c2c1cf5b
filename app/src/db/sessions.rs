//! Server-side sessions, keyed by the SHA-256 of the cookie's token.

use super::{Db, ids, now_ms, users::current_user_from_row};
use crate::model::CurrentUser;

/// How long a session lasts after sign-in.
pub const SESSION_TTL_MS: i64 = 12 * 60 * 60 * 1000;

/// Starts a session for `user` and returns the secret token for the cookie.
/// When `replaces` names the token of the browser's previous session, that
/// session ends in the same transaction, so a session id never survives a
/// sign-in (no session fixation).
pub async fn create_session(
    db: &Db,
    user: &CurrentUser,
    replaces: Option<&str>,
) -> Result<String, sqlx::Error> {
    let token = ids::new_token();
    let now = now_ms();
    let mut tx = db.begin_write(super::Lock::OwnRows).await?;
    if let Some(old) = replaces {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(ids::token_hash(old))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        "INSERT INTO sessions (token_hash, org_id, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(ids::token_hash(&token))
    .bind(&user.org_id)
    .bind(&user.id)
    .bind(now)
    .bind(now + SESSION_TTL_MS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The account of the live session whose cookie token is `token`.
pub async fn find_session_user(db: &Db, token: &str) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT u.id, u.org_id, u.email, u.name, u.role
         FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(ids::token_hash(token))
    .bind(now_ms())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(current_user_from_row).transpose()
}

/// Ends the session whose cookie token is `token`.
pub async fn delete_session(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(ids::token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Removes sessions past their expiry; returns how many.
pub async fn delete_expired_sessions(db: &Db) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now_ms())
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
