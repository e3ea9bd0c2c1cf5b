//! Housekeeping that keeps tables from growing with history: a lease so one
//! app server at a time does it, and pruning old idempotency keys. (Expired
//! sessions and stale counters are pruned by their own modules.)

use super::{Db, now_ms};

/// Takes or renews the lease `name` for `holder` until `ttl_ms` from now,
/// if it is free, expired or already `holder`'s. Returns whether `holder`
/// now holds it. Safe to race: one statement decides.
pub async fn try_lease(
    db: &Db,
    name: &str,
    holder: &str,
    ttl_ms: i64,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(super::Lock::OwnRows).await?;
    let won: Option<String> = sqlx::query_scalar(
        "INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.expires_at <= $4 OR leases.holder = excluded.holder
         RETURNING holder",
    )
    .bind(name)
    .bind(holder)
    .bind(now + ttl_ms)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(won.as_deref() == Some(holder))
}

/// Removes up to `batch` scorecard idempotency keys written before
/// `before`; returns how many. A retry older than that is no longer
/// recognised, and the scorecard's version check refuses it instead.
pub async fn delete_old_idempotency_keys(
    db: &Db,
    before: i64,
    batch: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM scorecard_writes WHERE (org_id, user_id, idempotency_key) IN (
             SELECT org_id, user_id, idempotency_key FROM scorecard_writes
             WHERE written_at < $1 LIMIT $2)",
    )
    .bind(before)
    .bind(batch)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
