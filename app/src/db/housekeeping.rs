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

/// Seats whose scorecard is submitted but which still count as owed: up to
/// `$1` of them, from the open seats (a partial index of the work in hand).
pub(crate) const SUBMITTED_OPEN_SEATS: &str = "SELECT p.org_id, p.interview_id, p.user_id
     FROM interview_panel p CROSS JOIN scorecards s
     WHERE p.submitted_at IS NULL
       AND s.org_id = p.org_id AND s.interview_id = p.interview_id
       AND s.interviewer_id = p.user_id AND s.status = 'submitted'
     LIMIT $1";

/// Closes up to `batch` panel seats whose scorecard is submitted while the
/// seat still counts as owed; returns how many.
///
/// The write that submits closes the seat in its own transaction. A server
/// still running the code from before seats knew their submission time
/// (migration 0016), during a rolling upgrade, submits without closing
/// it, and the seat would stay on the overdue lists and in the reminder
/// sweep; this closes it with the scorecard's submission time.
pub async fn close_submitted_seats(db: &Db, batch: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE interview_panel SET submitted_at = (
             SELECT COALESCE(s.submitted_at, s.updated_at) FROM scorecards s
             WHERE s.org_id = interview_panel.org_id
               AND s.interview_id = interview_panel.interview_id
               AND s.interviewer_id = interview_panel.user_id AND s.status = 'submitted')
         WHERE (org_id, interview_id, user_id) IN ({SUBMITTED_OPEN_SEATS})"
    ))
    .bind(batch)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected())
}
