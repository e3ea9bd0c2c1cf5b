//! Server-side sessions, keyed by the SHA-256 of the cookie's token.
//!
//! A session ends at its absolute expiry or after a period without
//! requests, whichever comes first, and with every other session of its
//! account when the password changes or the account is deactivated.
//! Resolved sessions are kept in process for a moment (`cache`).

mod cache;

pub use super::recent::KEEP_MS;
use super::{Db, ids, now_ms, users::current_user_from_row};
use crate::model::CurrentUser;
use cache::Entry;
pub(crate) use cache::SessionCache;
use sqlx::Row;

/// How long sessions live: in total, and without a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Milliseconds from sign-in until the session ends regardless of use.
    pub lifetime_ms: i64,
    /// Milliseconds without a request after which the session ends.
    pub idle_ms: i64,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            lifetime_ms: 12 * 60 * 60 * 1000,
            idle_ms: 60 * 60 * 1000,
        }
    }
}

/// The last-seen time is written at most this often per session, so a busy
/// page (autosave) does not turn every read into a write.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

/// Starts a session for `user` and returns the secret token for the cookie.
/// When `replaces` names the token of the browser's previous session, that
/// session ends in the same transaction, so a session id never survives a
/// sign-in (no session fixation).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn create_session(
    db: &Db,
    user: &CurrentUser,
    replaces: Option<&str>,
    policy: &SessionPolicy,
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
        "INSERT INTO sessions (token_hash, org_id, user_id, created_at, expires_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $4)",
    )
    .bind(ids::token_hash(&token))
    .bind(&user.org_id)
    .bind(&user.id)
    .bind(now)
    .bind(now + policy.lifetime_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if let Some(old) = replaces {
        let old = ids::token_hash(old);
        db.session_cache().forget(|hash, _| *hash == old);
    }
    Ok(token)
}

/// The account of the live session whose cookie token is `token`: not past
/// its expiry, used within the idle timeout, of an active account. Notes
/// the use, at most once a minute. Answered from the cache when the session
/// was resolved within the last [`KEEP_MS`].
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_session_user(
    db: &Db,
    token: &str,
    policy: &SessionPolicy,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let now = now_ms();
    let hash = ids::token_hash(token);
    let cache = db.session_cache();
    if let Some(user) = cache
        .get(&hash, now)
        .and_then(|entry| entry.live(now, policy.idle_ms))
    {
        return Ok(Some(user));
    }
    let generation = cache.generation();
    let row = sqlx::query(
        "SELECT u.id, u.org_id, u.email, u.name, u.role, s.last_seen_at, s.expires_at
         FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3
           AND u.deactivated_at IS NULL",
    )
    .bind(&hash)
    .bind(now)
    .bind(now - policy.idle_ms)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen >= TOUCH_EVERY_MS {
        sqlx::query(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2",
        )
        .bind(&hash)
        .bind(now)
        .execute(db.pool())
        .await?;
        last_seen = now;
    }
    let user = current_user_from_row(&row)?;
    let entry = Entry {
        user: user.clone(),
        expires_at: row.try_get("expires_at")?,
        last_seen_at: last_seen,
    };
    cache.keep(hash, entry, now, generation);
    Ok(Some(user))
}

/// Ends the session whose cookie token is `token`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn delete_session(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    let hash = ids::token_hash(token);
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(&hash)
        .execute(db.pool())
        .await?;
    db.session_cache().forget(|kept, _| *kept == hash);
    Ok(())
}

/// Ends every session of account `user_id`, inside the caller's transaction
/// (a password change or a deactivation); returns how many ended. Once
/// that transaction committed, the caller tells this process's cache with
/// [`forget_account`].
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn end_sessions_of_user(
    tx: &mut sqlx::AnyConnection,
    org_id: &str,
    user_id: &str,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected())
}

/// Tells this process's cache that account `user_id` changed (a new
/// password, a new role, deactivation): its sessions are looked up again.
/// Called after the change committed, so that no lookup can bring back
/// what was there before.
pub fn forget_account(db: &Db, org_id: &str, user_id: &str) {
    db.session_cache()
        .forget(|_, e| e.user.org_id == org_id && e.user.id == user_id);
}

/// Removes up to `batch` sessions past their expiry or idle timeout at
/// `now`; returns how many. Several servers may run it at once: a row is
/// deleted once whoever gets there first.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn delete_expired_sessions(
    db: &Db,
    policy: &SessionPolicy,
    now: i64,
    batch: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM sessions WHERE token_hash IN (
             SELECT token_hash FROM sessions WHERE expires_at <= $1
             UNION
             SELECT token_hash FROM sessions WHERE last_seen_at <= $2
             LIMIT $3)",
    )
    .bind(now)
    .bind(now - policy.idle_ms)
    .bind(batch)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
