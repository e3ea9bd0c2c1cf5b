//! One-time links: invitations and password resets. The token is never
//! stored, only its SHA-256; a link works once and until it expires, and a
//! newer reset link replaces the older ones.

use super::audit_in;
use crate::db::users::{InsertUserError, NewUser};
use crate::db::{Db, Lock, ids, now_ms};
use sqlx::{Any, Row, Transaction};

/// A one-time link to store.
#[derive(Debug, Clone, Copy)]
pub struct NewLink<'a> {
    /// SHA-256 of the token.
    pub token_hash: &'a str,
    /// When it stops working (UTC ms).
    pub expires_at: i64,
}

/// Creates an account that cannot sign in until its invitation link is
/// used (its password hash is of a secret nobody holds), with the link and
/// the audit entry, in one transaction; returns the id.
pub async fn invite(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    user: &NewUser<'_>,
    link: NewLink<'_>,
) -> Result<String, InsertUserError> {
    let id = ids::new_id();
    let now = now_ms();
    let mut tx = db.begin_write(Lock::Organization(org_id)).await?;
    let inserted = sqlx::query(
        "INSERT INTO users (org_id, id, email, name, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(user.email.trim().to_lowercase())
    .bind(user.name.trim())
    .bind(user.role.as_str())
    .bind(user.password_hash)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(InsertUserError::DuplicateEmail(
                user.email.trim().to_lowercase(),
            ));
        }
        Err(e) => return Err(e.into()),
    }
    insert_link(&mut tx, org_id, &id, "invite", actor_id, link, now).await?;
    let detail = serde_json::json!({ "role": user.role.as_str() }).to_string();
    audit_in(&mut tx, org_id, actor_id, "user.invite", &id, &detail).await?;
    tx.commit().await?;
    Ok(id)
}

/// Replaces the account's unused links with a new reset link, audited.
/// Returns false when there is no such account.
pub async fn create_reset_link(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    user_id: &str,
    link: NewLink<'_>,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::Organization(org_id)).await?;
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    if exists.is_none() {
        return Ok(false);
    }
    // An older link stops working: only the newest one is live.
    sqlx::query(
        "DELETE FROM account_tokens WHERE org_id = $1 AND user_id = $2 AND used_at IS NULL",
    )
    .bind(org_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    insert_link(&mut tx, org_id, user_id, "reset", actor_id, link, now).await?;
    audit_in(&mut tx, org_id, actor_id, "user.reset_link", user_id, "{}").await?;
    tx.commit().await?;
    Ok(true)
}

async fn insert_link(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
    user_id: &str,
    purpose: &str,
    actor_id: Option<&str>,
    link: NewLink<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, org_id, user_id, purpose, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(link.token_hash)
    .bind(org_id)
    .bind(user_id)
    .bind(purpose)
    .bind(actor_id)
    .bind(now)
    .bind(link.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A live link: unused, unexpired, of an active account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveLink {
    /// The organization.
    pub org_id: String,
    /// The account.
    pub user_id: String,
    /// Its email.
    pub email: String,
    /// Its name.
    pub name: String,
    /// `invite` or `reset`.
    pub purpose: String,
}

const LIVE: &str = "t.used_at IS NULL AND t.expires_at > $2 AND u.deactivated_at IS NULL";

/// The live link whose token hashes to `token_hash`, if any.
pub async fn find_live_link(db: &Db, token_hash: &str) -> Result<Option<LiveLink>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT t.org_id, t.user_id, u.email, u.name, t.purpose
         FROM account_tokens t JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id
         WHERE t.token_hash = $1 AND {LIVE}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(LiveLink {
            org_id: row.try_get("org_id")?,
            user_id: row.try_get("user_id")?,
            email: row.try_get("email")?,
            name: row.try_get("name")?,
            purpose: row.try_get("purpose")?,
        })
    })
    .transpose()
}

/// Uses the link: marks it used, sets the password and ends the account's
/// sessions, audited, in one transaction. `None` when the link is not live
/// (used, expired, replaced or unknown): of two uses exactly one succeeds.
pub async fn use_link(
    db: &Db,
    token_hash: &str,
    password_hash: &str,
) -> Result<Option<LiveLink>, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let row = sqlx::query(
        "UPDATE account_tokens SET used_at = $2
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
           AND (org_id, user_id) IN (SELECT org_id, id FROM users WHERE deactivated_at IS NULL)
         RETURNING org_id, user_id, purpose",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let org_id: String = row.try_get("org_id")?;
    let user_id: String = row.try_get("user_id")?;
    let purpose: String = row.try_get("purpose")?;
    let user = sqlx::query(
        "UPDATE users SET password_hash = $3 WHERE org_id = $1 AND id = $2 RETURNING email, name",
    )
    .bind(&org_id)
    .bind(&user_id)
    .bind(password_hash)
    .fetch_one(&mut *tx)
    .await?;
    crate::db::sessions::end_sessions_of_user(&mut tx, &org_id, &user_id).await?;
    let action = if purpose == "invite" {
        "user.accept_invite"
    } else {
        "user.reset_password"
    };
    audit_in(&mut tx, &org_id, Some(&user_id), action, &user_id, "{}").await?;
    tx.commit().await?;
    crate::db::sessions::forget_account(db, &org_id, &user_id);
    Ok(Some(LiveLink {
        email: user.try_get("email")?,
        name: user.try_get("name")?,
        org_id,
        user_id,
        purpose,
    }))
}
