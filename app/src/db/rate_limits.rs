//! Fixed-window rate limit counters kept in the database, so every app
//! server behind a load balancer counts against the same limit.

use super::{Db, now_ms};

/// Counts one hit on `bucket` and says whether it is within `max` hits per
/// `window_ms`.
pub async fn hit(db: &Db, bucket: &str, max: i64, window_ms: i64) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let window_start = now - now.rem_euclid(window_ms);
    let mut tx = db.begin_write(super::Lock::OwnRows).await?;
    // One statement for both engines: a new window resets the count.
    let hits: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (bucket) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start = excluded.window_start
                       THEN rate_limits.hits + 1 ELSE 1 END,
           window_start = excluded.window_start
         RETURNING hits",
    )
    .bind(bucket)
    .bind(window_start)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(hits <= max)
}
