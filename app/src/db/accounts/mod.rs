//! Account administration: invitations and password resets through
//! one-time links, role changes and deactivation, each audited in its own
//! transaction. Every change that could leave the organization without an
//! active admin runs under the organization's lock and re-counts them.
//!
//! A link's token is never stored, only its SHA-256 (as for referee links);
//! a link works once and until it expires.

use super::{Db, Lock, audit, now_ms};
use crate::model::{AccountView, Role};
use sqlx::Row;
use sqlx::{Any, Transaction};

mod links;
mod passwords;

pub use links::{LiveLink, NewLink, create_reset_link, find_live_link, invite, use_link};
pub use passwords::{change_own_password, password_hash_of};

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
    if done {
        super::sessions::forget_account(db, org_id, user_id);
    }
    Ok(done)
}

pub(super) async fn audit_in(
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
