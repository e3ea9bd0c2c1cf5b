//! Account administration: invitations and password resets through
//! one-time links, role changes and deactivation, each audited in its own
//! transaction. Every change that could leave the organization without an
//! active admin runs under the organization's lock and re-counts them.
//!
//! A link's token is never stored, only its SHA-256 (as for referee links);
//! a link works once and until it expires.

use super::users::{InsertUserError, NewUser};
use super::{Db, Lock, audit, ids, now_ms};
use crate::model::{AccountView, Role};
use sqlx::Row;
use sqlx::{Any, Transaction};

/// Why an account change was refused.
#[derive(Debug, thiserror::Error)]
pub enum AccountChangeError {
    /// There is no such account.
    #[error("no such account")]
    NoAccount,
    /// The change would leave no active admin.
    #[error("the last active admin cannot be demoted or deactivated")]
    LastAdmin,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Every account of `org_id`, by name, with its state.
pub async fn list_accounts(db: &Db, org_id: &str) -> Result<Vec<AccountView>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.name, u.role, u.deactivated_at,
                (SELECT COUNT(*) FROM account_tokens t
                  WHERE t.org_id = u.org_id AND t.user_id = u.id AND t.purpose = 'invite'
                    AND t.used_at IS NULL) AS open_invites,
                (SELECT COUNT(*) FROM account_tokens t
                  WHERE t.org_id = u.org_id AND t.user_id = u.id AND t.purpose = 'invite'
                    AND t.used_at IS NOT NULL) AS used_invites
         FROM users u WHERE u.org_id = $1 ORDER BY u.name, u.email",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            let open: i64 = row.try_get("open_invites")?;
            let used: i64 = row.try_get("used_invites")?;
            Ok(AccountView {
                id: row.try_get("id")?,
                email: row.try_get("email")?,
                name: row.try_get("name")?,
                role: role.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                active: row.try_get::<Option<i64>, _>("deactivated_at")?.is_none(),
                invited: open > 0 && used == 0,
            })
        })
        .collect()
}

/// The account with `email`, if any: its id.
pub async fn id_by_email(
    db: &Db,
    org_id: &str,
    email: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM users WHERE org_id = $1 AND email = $2")
        .bind(org_id)
        .bind(email.trim().to_lowercase())
        .fetch_optional(db.pool())
        .await
}

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
    super::sessions::end_sessions_of_user(&mut tx, &org_id, &user_id).await?;
    let action = if purpose == "invite" {
        "user.accept_invite"
    } else {
        "user.reset_password"
    };
    audit_in(&mut tx, &org_id, Some(&user_id), action, &user_id, "{}").await?;
    tx.commit().await?;
    Ok(Some(LiveLink {
        email: user.try_get("email")?,
        name: user.try_get("name")?,
        org_id,
        user_id,
        purpose,
    }))
}

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
    Ok(())
}

/// What to change about an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountChange {
    /// Give it this role.
    Role(Role),
    /// Deactivate it (ending its sessions) or reactivate it.
    Active(bool),
}

/// Applies `change` to account `user_id`, audited; refuses one that would
/// leave the organization without an active admin. Returns whether
/// anything changed.
pub async fn change_account(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    user_id: &str,
    change: AccountChange,
) -> Result<bool, AccountChangeError> {
    let mut tx = db.begin_write(Lock::Organization(org_id)).await?;
    let row = sqlx::query("SELECT role, deactivated_at FROM users WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AccountChangeError::NoAccount)?;
    let role: String = row.try_get("role")?;
    let active = row.try_get::<Option<i64>, _>("deactivated_at")?.is_none();
    let is_admin = active && role == Role::Admin.as_str();
    let removes_admin = match change {
        AccountChange::Role(r) => is_admin && r != Role::Admin,
        AccountChange::Active(a) => is_admin && !a,
    };
    if removes_admin {
        let admins: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE org_id = $1 AND role = 'admin' AND deactivated_at IS NULL",
        )
        .bind(org_id)
        .fetch_one(&mut *tx)
        .await?;
        if admins <= 1 {
            return Err(AccountChangeError::LastAdmin);
        }
    }
    let (done, action, detail) = match change {
        AccountChange::Role(r) => {
            let done = sqlx::query(
                "UPDATE users SET role = $3 WHERE org_id = $1 AND id = $2 AND role <> $3",
            )
            .bind(org_id)
            .bind(user_id)
            .bind(r.as_str())
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "from": role, "to": r.as_str() }).to_string();
            (done.rows_affected() > 0, "user.role", detail)
        }
        AccountChange::Active(a) => {
            let done = sqlx::query(
                "UPDATE users SET deactivated_at = $3 WHERE org_id = $1 AND id = $2
                   AND (deactivated_at IS NULL) = ($3 IS NOT NULL)",
            )
            .bind(org_id)
            .bind(user_id)
            .bind((!a).then(now_ms))
            .execute(&mut *tx)
            .await?;
            if !a {
                super::sessions::end_sessions_of_user(&mut tx, org_id, user_id).await?;
            }
            let action = if a {
                "user.reactivate"
            } else {
                "user.deactivate"
            };
            (done.rows_affected() > 0, action, "{}".to_owned())
        }
    };
    if done {
        audit_in(&mut tx, org_id, actor_id, action, user_id, &detail).await?;
    }
    tx.commit().await?;
    Ok(done)
}

async fn audit_in(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
    actor_id: Option<&str>,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    audit::append_in(
        tx,
        &audit::AuditEntry {
            org_id,
            actor_id,
            action,
            subject,
            detail,
        },
    )
    .await
}
