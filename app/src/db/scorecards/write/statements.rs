//! The statements of one scorecard write: the scorecard stored at its next
//! version (or created by its first write), the idempotency key recorded,
//! and a submission's or amendment's version history and audit entry.

use super::Request;
use crate::db::{Backend, Db, Lock, ids};
use crate::model::{ScorecardStatus, WriteAck, WriteOutcome};
use sqlx::{Any, Transaction};

/// The condition every scorecard write carries: its candidate was not
/// erased. Checked in the write's own statement, not only with the panel
/// seat before it, so that no server writes text about a candidate once
/// the erasure committed, whatever seat it checked moments before. A macro
/// so that it joins the literal queries.
macro_rules! candidate_not_erased {
    () => {
        "NOT EXISTS (SELECT 1 FROM candidates c
           WHERE c.org_id = scorecards.org_id AND c.id = scorecards.candidate_id
             AND c.erased_at IS NOT NULL)"
    };
}
pub(in crate::db::scorecards) use candidate_not_erased;

/// Starts the transaction of `writes`. On PostgreSQL it first takes a
/// share lock on their candidates' rows. An erasure holds its candidate's
/// row locked until it commits, so a write waits for it and then sees it in
/// its own statements (each statement of a READ COMMITTED transaction reads
/// what was committed when it started). Without the lock, a write blocked
/// on a scorecard row the erasure had emptied would, once let through,
/// check the candidate as it was before the erasure and store its text
/// after all. SQLite's one write lock already puts the two in order.
pub(in crate::db::scorecards) async fn begin<'r>(
    db: &Db,
    writes: impl IntoIterator<Item = &'r Request>,
) -> Result<Transaction<'static, Any>, sqlx::Error> {
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    if db.backend() == Backend::Postgres {
        let mut candidates: Vec<(&str, &str)> = writes
            .into_iter()
            .map(|r| (r.org_id.as_str(), r.candidate_id.as_str()))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let rows: Vec<String> = (0..candidates.len())
            .map(|i| format!("(org_id = ${} AND id = ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "SELECT id FROM candidates WHERE {} FOR SHARE",
            rows.join(" OR ")
        );
        let mut query = sqlx::query(&sql);
        for (org_id, candidate_id) in candidates {
            query = query.bind(org_id).bind(candidate_id);
        }
        query.fetch_all(&mut *tx).await?;
    }
    Ok(tx)
}

pub(in crate::db::scorecards) fn saved(version: i64, saved_at: i64) -> WriteOutcome {
    WriteOutcome::Saved(WriteAck { version, saved_at })
}

/// Stores the content as `new_version` if the scorecard is still at the
/// write's base version and status (creating it on its first write), with
/// the version history and the panel seat of a submission. `false` when
/// that check failed: nothing was written.
pub(super) async fn store(
    tx: &mut Transaction<'static, Any>,
    r: &Request,
    new_version: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let updated: Option<String> = sqlx::query_scalar(concat!(
        "UPDATE scorecards SET content_json = $1, version = version + 1, status = $2, updated_at = $3,
           submitted_at = CASE WHEN $4 = 1 THEN $3 ELSE submitted_at END
         WHERE org_id = $5 AND interview_id = $6 AND interviewer_id = $7 AND version = $8 AND status = $9
           AND ",
        candidate_not_erased!(),
        " RETURNING id"
    ))
    .bind(&r.content_json)
    .bind(r.to.as_str())
    .bind(now)
    .bind(i64::from(r.is_submit()))
    .bind(&r.org_id)
    .bind(&r.interview_id)
    .bind(&r.user_id)
    .bind(r.base_version)
    .bind(r.from.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    let scorecard_id = match updated {
        Some(id) => id,
        // The first write of a scorecard creates it; a concurrent first write
        // makes that insert do nothing, and this write a conflict.
        None if r.base_version == 0 && r.from == ScorecardStatus::Draft => {
            match insert_first(tx, r, now).await? {
                Some(id) => id,
                None => return Ok(false),
            }
        }
        None => return Ok(false),
    };
    if !r.is_save() {
        record_version(tx, r, &scorecard_id, new_version, now).await?;
    }
    if r.is_submit() {
        // The seat is no longer owed: "my interviews" and the home pages
        // find open seats by this, without reading the scorecards.
        sqlx::query(
            "UPDATE interview_panel SET submitted_at = $1
             WHERE org_id = $2 AND interview_id = $3 AND user_id = $4",
        )
        .bind(now)
        .bind(&r.org_id)
        .bind(&r.interview_id)
        .bind(&r.user_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(true)
}

/// Creates the scorecard with the write's content as version 1; returns
/// its id, or `None` when a concurrent first write created it meanwhile or
/// the candidate was erased (this insert then did nothing).
pub(in crate::db::scorecards) async fn insert_first(
    tx: &mut Transaction<'static, Any>,
    r: &Request,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let id = ids::new_id();
    let inserted = sqlx::query(
        "INSERT INTO scorecards (org_id, id, interview_id, interviewer_id, candidate_id, version, status,
           content_json, created_at, updated_at, submitted_at)
         SELECT $1, $2, $3, $4, $5, 1, $6, $7, $8, $8, CASE WHEN $9 = 1 THEN $8 ELSE NULL END
         WHERE NOT EXISTS (SELECT 1 FROM candidates c
                           WHERE c.org_id = $1 AND c.id = $5 AND c.erased_at IS NOT NULL)
         ON CONFLICT (org_id, interview_id, interviewer_id) DO NOTHING",
    )
    .bind(&r.org_id)
    .bind(&id)
    .bind(&r.interview_id)
    .bind(&r.user_id)
    .bind(&r.candidate_id)
    .bind(r.to.as_str())
    .bind(&r.content_json)
    .bind(now)
    .bind(i64::from(r.is_submit()))
    .execute(&mut **tx)
    .await?;
    Ok((inserted.rows_affected() == 1).then_some(id))
}

/// Records the write's idempotency key with its answer. `false` when the
/// key is already recorded (by a retry, or a reuse): nothing was written.
pub(super) async fn record_key(
    tx: &mut Transaction<'static, Any>,
    r: &Request,
    new_version: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let recorded = sqlx::query(
        "INSERT INTO scorecard_writes (org_id, user_id, idempotency_key, interview_id, request_hash, result_version, written_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id, user_id, idempotency_key) DO NOTHING",
    )
    .bind(&r.org_id)
    .bind(&r.user_id)
    .bind(&r.idempotency_key)
    .bind(&r.interview_id)
    .bind(&r.hash)
    .bind(new_version)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(recorded.rows_affected() == 1)
}

/// Keeps the submitted or amended content and appends the audit entry, in
/// the write's transaction so neither exists without the other.
async fn record_version(
    tx: &mut Transaction<'static, Any>,
    r: &Request,
    scorecard_id: &str,
    version: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO scorecard_versions (org_id, scorecard_id, version, kind, content_json, reason, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&r.org_id)
    .bind(scorecard_id)
    .bind(version)
    .bind(r.kind)
    .bind(&r.content_json)
    .bind(&r.reason)
    .bind(&r.user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // The reason stays in `scorecard_versions`, where an erasure can reach it.
    let detail = serde_json::json!({ "version": version }).to_string();
    let action = format!("scorecard.{}", r.kind);
    let entry = crate::db::audit::AuditEntry {
        org_id: &r.org_id,
        actor_id: Some(&r.user_id),
        action: &action,
        subject: scorecard_id,
        detail: &detail,
    };
    crate::db::audit::append_in_from(tx, &entry, r.client_addr).await
}
