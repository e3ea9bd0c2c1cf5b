//! Idempotency keys: a retried write gets the answer recorded the first
//! time, a key reused for a different write is refused, and a version
//! conflict is told apart from a concurrent retry that committed first.

use super::write::{Request, WriteError};
use crate::model::{ScorecardStatus, ScorecardWrite, WriteAck, WriteConflict, WriteOutcome};
use sha2::{Digest, Sha256};
use sqlx::{Any, Executor, Row};

/// The answer recorded for the request's key, if it was used before; an
/// error if it was used for a different write.
pub(super) async fn replay<'c, E>(
    executor: E,
    r: &Request,
) -> Result<Option<WriteOutcome>, WriteError>
where
    E: Executor<'c, Database = Any>,
{
    let row = sqlx::query(
        "SELECT request_hash, result_version, written_at FROM scorecard_writes
         WHERE org_id = $1 AND user_id = $2 AND idempotency_key = $3",
    )
    .bind(&r.org_id)
    .bind(&r.user_id)
    .bind(&r.idempotency_key)
    .fetch_optional(executor)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let stored: String = row.try_get("request_hash")?;
    if stored != r.hash {
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
pub(super) async fn refused(
    conn: &mut sqlx::AnyConnection,
    r: &Request,
) -> Result<WriteOutcome, WriteError> {
    if let Some(done) = replay(&mut *conn, r).await? {
        return Ok(done);
    }
    let row = sqlx::query(
        "SELECT version, status, updated_at FROM scorecards
         WHERE org_id = $1 AND interview_id = $2 AND interviewer_id = $3",
    )
    .bind(&r.org_id)
    .bind(&r.interview_id)
    .bind(&r.user_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(WriteOutcome::Conflict(match row {
        Some(row) => {
            let status: String = row.try_get("status")?;
            WriteConflict {
                current_version: row.try_get("version")?,
                status: ScorecardStatus::parse(&status).unwrap_or(ScorecardStatus::Draft),
                updated_at: row.try_get("updated_at")?,
            }
        }
        None => WriteConflict {
            current_version: 0,
            status: ScorecardStatus::Draft,
            updated_at: None,
        },
    }))
}

/// Identifies a write, so a retry can be told from a different write that
/// reuses its key.
pub(super) fn request_hash(
    kind: &str,
    write: &ScorecardWrite,
    reason: &str,
    content_json: &str,
) -> String {
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
