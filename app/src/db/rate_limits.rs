//! Fixed-window rate limit counters kept in the database, so every app
//! server behind a load balancer counts against the same limit; and the
//! browsers known to have signed in to an account, which its per-account
//! sign-in throttle lets through.

use super::{Db, ids, now_ms};

/// Counts one hit on `bucket` and says whether it is within `max` hits per
/// `window_ms`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn hit(db: &Db, bucket: &str, max: i64, window_ms: i64) -> Result<bool, sqlx::Error> {
    Ok(count(db, bucket, window_ms, 1).await? <= max)
}

/// Whether `bucket` has already had `max` hits in the current window,
/// without counting one.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn exhausted(
    db: &Db,
    bucket: &str,
    max: i64,
    window_ms: i64,
) -> Result<bool, sqlx::Error> {
    Ok(count(db, bucket, window_ms, 0).await? >= max)
}

/// Adds `add` hits to `bucket` in the current window and returns its count.
async fn count(db: &Db, bucket: &str, window_ms: i64, add: i64) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let window_start = now - now.rem_euclid(window_ms);
    let mut tx = db.begin_write(super::Lock::OwnRows).await?;
    // One statement for both engines: a new window resets the count.
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, $3)
         ON CONFLICT (bucket) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start = excluded.window_start
                       THEN rate_limits.hits + excluded.hits ELSE excluded.hits END,
           window_start = excluded.window_start
         RETURNING hits",
    )
    .bind(bucket)
    .bind(window_start)
    .bind(add)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(hits)
}

/// Whole seconds until the current window of `window_ms` ends (at least 1),
/// for a `Retry-After` header.
pub fn retry_after_secs(window_ms: i64) -> u64 {
    let now = now_ms();
    let left_ms = window_ms - now.rem_euclid(window_ms);
    u64::try_from(left_ms.div_euclid(1000) + 1).unwrap_or(1)
}

/// Remembers that the browser holding device token `token` signed in to
/// account `user_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn remember_device(
    db: &Db,
    org_id: &str,
    user_id: &str,
    token: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO known_devices (token_hash, org_id, user_id, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash) DO NOTHING",
    )
    .bind(ids::token_hash(token))
    .bind(org_id)
    .bind(user_id)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Whether device token `token` signed in to the account with `email`
/// before (and not longer ago than `max_age_ms`).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn is_known_device(
    db: &Db,
    org_id: &str,
    email: &str,
    token: &str,
    max_age_ms: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM known_devices d JOIN users u ON u.org_id = d.org_id AND u.id = d.user_id
         WHERE d.token_hash = $1 AND d.org_id = $2 AND u.email = $3 AND d.created_at > $4",
    )
    .bind(ids::token_hash(token))
    .bind(org_id)
    .bind(email.trim().to_lowercase())
    .bind(now_ms() - max_age_ms)
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// Removes up to `batch` counters whose window started before `before`, and
/// device records created before `devices_before`; returns how many rows.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn delete_stale(
    db: &Db,
    before: i64,
    devices_before: i64,
    batch: i64,
) -> Result<u64, sqlx::Error> {
    let counters = sqlx::query(
        "DELETE FROM rate_limits WHERE bucket IN (
             SELECT bucket FROM rate_limits WHERE window_start < $1 LIMIT $2)",
    )
    .bind(before)
    .bind(batch)
    .execute(db.pool())
    .await?;
    let devices = sqlx::query(
        "DELETE FROM known_devices WHERE token_hash IN (
             SELECT token_hash FROM known_devices WHERE created_at < $1 LIMIT $2)",
    )
    .bind(devices_before)
    .bind(batch)
    .execute(db.pool())
    .await?;
    Ok(counters.rows_affected() + devices.rows_affected())
}
