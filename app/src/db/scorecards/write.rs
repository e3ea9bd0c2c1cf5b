//! The versioned, idempotent writes of an interviewer's scorecard: save,
//! submit, amend.
//!
//! A write is one transaction: look its idempotency key up (a retry gets the
//! recorded answer), update the scorecard only if it is still at the write's
//! base version, record submissions and amendments in the version history and
//! the audit log, record the key, commit. The caller acknowledges the write
//! only after the commit returned.

use super::load_own;
use crate::db::{Db, ids, now_ms};
use crate::model::{ScorecardStatus, ScorecardWrite, WriteAck, WriteConflict, WriteOutcome};
use sha2::{Digest, Sha256};
use sqlx::{Any, Row, Transaction};

/// What a write does besides storing the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteKind<'a> {
    /// An autosave of a draft.
    Save,
    /// Stores the content and locks the scorecard.
    Submit,
    /// Changes a submitted scorecard, for the reason given.
    Amend {
        /// Why, as the interviewer wrote it.
        reason: &'a str,
    },
}

impl WriteKind<'_> {
    fn name(self) -> &'static str {
        match self {
            WriteKind::Save => "save",
            WriteKind::Submit => "submit",
            WriteKind::Amend { .. } => "amend",
        }
    }

    /// The status a scorecard must have for this write, and the one it gets.
    fn statuses(self) -> (ScorecardStatus, ScorecardStatus) {
        match self {
            WriteKind::Save => (ScorecardStatus::Draft, ScorecardStatus::Draft),
            WriteKind::Submit => (ScorecardStatus::Draft, ScorecardStatus::Submitted),
            WriteKind::Amend { .. } => (ScorecardStatus::Submitted, ScorecardStatus::Submitted),
        }
    }
}

/// Why a write failed (a conflict is not a failure: see [`WriteOutcome`]).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The idempotency key was already used for a different write.
    #[error("this idempotency key was already used for a different write")]
    KeyReused,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Applies `write` to `user_id`'s scorecard for the interview (whose
/// candidate is `candidate_id`) as one transaction, once per idempotency key.
pub async fn write(
    db: &Db,
    org_id: &str,
    user_id: &str,
    candidate_id: &str,
    kind: WriteKind<'_>,
    write: &ScorecardWrite,
) -> Result<WriteOutcome, WriteError> {
    let content_json =
        serde_json::to_string(&write.content).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let reason = match kind {
        WriteKind::Amend { reason } => reason,
        WriteKind::Save | WriteKind::Submit => "",
    };
    let hash = request_hash(kind.name(), write, reason, &content_json);
    let (from, to) = kind.statuses();
    let now = now_ms();
    let new_version = write.base_version + 1;

    let mut tx = db.begin_write(crate::db::Lock::OwnRows).await?;
    if let Some(done) = replay(&mut *tx, org_id, user_id, &write.idempotency_key, &hash).await? {
        return Ok(done);
    }
    let updated: Option<String> = sqlx::query_scalar(
        "UPDATE scorecards SET content_json = $1, version = version + 1, status = $2, updated_at = $3,
           submitted_at = CASE WHEN $4 = 1 THEN $3 ELSE submitted_at END
         WHERE org_id = $5 AND interview_id = $6 AND interviewer_id = $7 AND version = $8 AND status = $9
         RETURNING id",
    )
    .bind(&content_json)
    .bind(to.as_str())
    .bind(now)
    .bind(i64::from(kind == WriteKind::Submit))
    .bind(org_id)
    .bind(&write.interview_id)
    .bind(user_id)
    .bind(write.base_version)
    .bind(from.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let scorecard_id = match updated {
        Some(id) => id,
        // The first write of a scorecard creates it; a concurrent first write
        // makes this insert do nothing, and this write a conflict.
        None if write.base_version == 0 && from == ScorecardStatus::Draft => {
            let id = ids::new_id();
            let inserted = sqlx::query(
                "INSERT INTO scorecards (org_id, id, interview_id, interviewer_id, candidate_id, version, status,
                   content_json, created_at, updated_at, submitted_at)
                 VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $8, CASE WHEN $9 = 1 THEN $8 ELSE NULL END)
                 ON CONFLICT (org_id, interview_id, interviewer_id) DO NOTHING",
            )
            .bind(org_id)
            .bind(&id)
            .bind(&write.interview_id)
            .bind(user_id)
            .bind(candidate_id)
            .bind(to.as_str())
            .bind(&content_json)
            .bind(now)
            .bind(i64::from(kind == WriteKind::Submit))
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() == 1 {
                id
            } else {
                drop(tx);
                return refused(
                    db,
                    org_id,
                    user_id,
                    &write.interview_id,
                    &write.idempotency_key,
                    &hash,
                )
                .await;
            }
        }
        None => {
            drop(tx);
            return refused(
                db,
                org_id,
                user_id,
                &write.interview_id,
                &write.idempotency_key,
                &hash,
            )
            .await;
        }
    };
    if kind != WriteKind::Save {
        record_version(
            &mut tx,
            org_id,
            user_id,
            &scorecard_id,
            new_version,
            kind,
            reason,
            &content_json,
            now,
        )
        .await?;
    }
    let recorded = sqlx::query(
        "INSERT INTO scorecard_writes (org_id, user_id, idempotency_key, interview_id, request_hash, result_version, written_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (org_id, user_id, idempotency_key) DO NOTHING",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(&write.idempotency_key)
    .bind(&write.interview_id)
    .bind(&hash)
    .bind(new_version)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if recorded.rows_affected() != 1 {
        // The same key, committed meanwhile by a different concurrent write.
        return Err(WriteError::KeyReused);
    }
    tx.commit().await?;
    Ok(WriteOutcome::Saved(WriteAck {
        version: new_version,
        saved_at: now,
    }))
}

/// The answer recorded for `key`, if it was used before; an error if it was
/// used for a different write.
async fn replay<'c, E>(
    executor: E,
    org_id: &str,
    user_id: &str,
    key: &str,
    hash: &str,
) -> Result<Option<WriteOutcome>, WriteError>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    let row = sqlx::query(
        "SELECT request_hash, result_version, written_at FROM scorecard_writes
         WHERE org_id = $1 AND user_id = $2 AND idempotency_key = $3",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(key)
    .fetch_optional(executor)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let stored: String = row.try_get("request_hash")?;
    if stored != hash {
        return Err(WriteError::KeyReused);
    }
    Ok(Some(WriteOutcome::Saved(WriteAck {
        version: row.try_get("result_version")?,
        saved_at: row.try_get("written_at")?,
    })))
}

/// The answer to a write whose version check failed: the recorded answer if
/// a concurrent retry of the same write committed first, else a conflict
/// naming the stored version.
async fn refused(
    db: &Db,
    org_id: &str,
    user_id: &str,
    interview_id: &str,
    key: &str,
    hash: &str,
) -> Result<WriteOutcome, WriteError> {
    if let Some(done) = replay(db.pool(), org_id, user_id, key, hash).await? {
        return Ok(done);
    }
    let current = load_own(db, org_id, interview_id, user_id).await?;
    Ok(WriteOutcome::Conflict(match current {
        Some(state) => WriteConflict {
            current_version: state.version,
            status: state.status,
            updated_at: state.updated_at,
        },
        None => WriteConflict {
            current_version: 0,
            status: ScorecardStatus::Draft,
            updated_at: None,
        },
    }))
}

/// Keeps the submitted or amended content and appends the audit entry, in
/// the write's transaction so neither exists without the other.
#[expect(
    clippy::too_many_arguments,
    reason = "one row of each table, all in one transaction"
)]
async fn record_version(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
    actor_id: &str,
    scorecard_id: &str,
    version: i64,
    kind: WriteKind<'_>,
    reason: &str,
    content_json: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO scorecard_versions (org_id, scorecard_id, version, kind, content_json, reason, actor_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(org_id)
    .bind(scorecard_id)
    .bind(version)
    .bind(kind.name())
    .bind(content_json)
    .bind(reason)
    .bind(actor_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    // Same columns as `audit::append`, written here to share the transaction.
    // The reason stays in `scorecard_versions`, where an erasure can reach it.
    let detail = serde_json::json!({ "version": version }).to_string();
    sqlx::query(
        "INSERT INTO audit_log (org_id, id, at, actor_id, action, subject, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(ids::new_id())
    .bind(now)
    .bind(actor_id)
    .bind(format!("scorecard.{}", kind.name()))
    .bind(scorecard_id)
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Identifies a write, so a retry can be told from a different write that
/// reuses its key.
fn request_hash(kind: &str, write: &ScorecardWrite, reason: &str, content_json: &str) -> String {
    let mut h = Sha256::new();
    for part in [
        kind,
        &write.interview_id,
        &write.base_version.to_string(),
        reason,
        content_json,
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScorecardContent;

    #[test]
    fn the_request_hash_tells_writes_apart() {
        let w = ScorecardWrite {
            interview_id: "i".into(),
            base_version: 3,
            idempotency_key: "k".into(),
            content: ScorecardContent::default(),
        };
        let base = request_hash("save", &w, "", "{}");
        assert_eq!(base, request_hash("save", &w, "", "{}"));
        assert_ne!(base, request_hash("submit", &w, "", "{}"));
        assert_ne!(base, request_hash("save", &w, "", r#"{"summary":"x"}"#));
        let later = ScorecardWrite {
            base_version: 4,
            ..w.clone()
        };
        assert_ne!(base, request_hash("save", &later, "", "{}"));
    }
}
