//! The versioned, idempotent writes of an interviewer's scorecard: save,
//! submit, amend.
//!
//! A write looks its idempotency key up (a retry gets the recorded answer),
//! updates the scorecard only if it is still at the write's base version,
//! records submissions and amendments in the version history and the audit
//! log, and records the key, all in one transaction. [`write`] hands it to
//! the group commit (`group`), which runs concurrent writes in one
//! transaction (saves of distinct scorecards in two statements for the
//! whole batch, other writes in two statements each, or each behind its own
//! savepoint when one must be undone) and answers each only after that
//! transaction committed; [`write_alone`] runs it as a transaction of its own, the
//! baseline the group commit is measured against.

use super::idempotency::{refused, replay, request_hash};
use crate::db::{Db, Lock, ids, now_ms};
use crate::model::{ScorecardStatus, ScorecardWrite, WriteAck, WriteOutcome};
use sqlx::{Any, Executor, Transaction};

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
pub(super) use candidate_not_erased;

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

/// One write with everything it needs, owned so that it can wait in the
/// group commit's queue.
#[derive(Debug)]
pub(super) struct Request {
    pub(super) org_id: String,
    pub(super) user_id: String,
    candidate_id: String,
    kind: &'static str,
    reason: String,
    from: ScorecardStatus,
    to: ScorecardStatus,
    pub(super) interview_id: String,
    pub(super) base_version: i64,
    pub(super) idempotency_key: String,
    pub(super) content_json: String,
    pub(super) hash: String,
    /// The client address of the request, for the audit entry.
    client_addr: Option<std::net::IpAddr>,
}

impl Request {
    /// Serialises and hashes `write` (outside any transaction).
    pub(super) fn new(
        org_id: &str,
        user_id: &str,
        candidate_id: &str,
        kind: WriteKind<'_>,
        write: &ScorecardWrite,
    ) -> Result<Request, WriteError> {
        let content_json =
            serde_json::to_string(&write.content).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        let reason = match kind {
            WriteKind::Amend { reason } => reason,
            WriteKind::Save | WriteKind::Submit => "",
        };
        let hash = request_hash(kind.name(), write, reason, &content_json);
        let (from, to) = kind.statuses();
        Ok(Request {
            org_id: org_id.to_owned(),
            user_id: user_id.to_owned(),
            candidate_id: candidate_id.to_owned(),
            kind: kind.name(),
            reason: reason.to_owned(),
            from,
            to,
            interview_id: write.interview_id.clone(),
            base_version: write.base_version,
            idempotency_key: write.idempotency_key.clone(),
            content_json,
            hash,
            client_addr: crate::state::client_addr(),
        })
    }

    pub(super) fn is_save(&self) -> bool {
        self.kind == "save"
    }

    fn is_submit(&self) -> bool {
        self.kind == "submit"
    }
}

/// What applying a write inside a transaction did.
pub(super) enum Applied {
    /// Stored (or a retry answered from its key): the answer once committed.
    Done(WriteOutcome),
    /// The version or status check failed: nothing was written.
    Refused,
}

/// Applies `write` to `user_id`'s scorecard for the interview (whose
/// candidate is `candidate_id`), once per idempotency key, through the group
/// commit: the answer comes back only after the transaction holding the
/// write committed.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn write(
    db: &Db,
    org_id: &str,
    user_id: &str,
    candidate_id: &str,
    kind: WriteKind<'_>,
    write: &ScorecardWrite,
) -> Result<WriteOutcome, WriteError> {
    let request = Request::new(org_id, user_id, candidate_id, kind, write)?;
    super::group::submit(db, request).await
}

/// Applies `write` as a transaction of its own (one commit per write): what
/// [`write`] does, without batching.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn write_alone(
    db: &Db,
    org_id: &str,
    user_id: &str,
    candidate_id: &str,
    kind: WriteKind<'_>,
    write: &ScorecardWrite,
) -> Result<WriteOutcome, WriteError> {
    let request = Request::new(org_id, user_id, candidate_id, kind, write)?;
    run_alone(db, &request).await
}

/// [`write_alone`] of a prepared request.
pub(super) async fn run_alone(db: &Db, r: &Request) -> Result<WriteOutcome, WriteError> {
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    match apply(&mut tx, r).await? {
        Applied::Done(outcome) => {
            tx.commit().await?;
            Ok(outcome)
        }
        Applied::Refused => {
            // Nothing to keep: answer from what is committed.
            tx.rollback().await?;
            let mut conn = db.pool().acquire().await?;
            refused(&mut conn, r).await
        }
    }
}

/// Applies `r` in `tx` behind a savepoint, so that a refusal or an error
/// undoes this write only and the transaction goes on with the next.
pub(super) async fn apply_behind_savepoint(
    tx: &mut Transaction<'static, Any>,
    r: &Request,
) -> Result<WriteOutcome, WriteError> {
    tx.execute("SAVEPOINT scorecard_write").await?;
    let applied = apply(tx, r).await;
    if let Ok(Applied::Done(_)) = applied {
        tx.execute("RELEASE SAVEPOINT scorecard_write").await?;
    } else {
        tx.execute("ROLLBACK TO SAVEPOINT scorecard_write").await?;
        tx.execute("RELEASE SAVEPOINT scorecard_write").await?;
    }
    match applied? {
        Applied::Done(outcome) => Ok(outcome),
        Applied::Refused => refused(tx, r).await,
    }
}

/// The statements of one write, in the caller's transaction: the key looked
/// up (a retry gets its recorded answer), the scorecard stored, the key
/// recorded.
async fn apply(tx: &mut Transaction<'static, Any>, r: &Request) -> Result<Applied, WriteError> {
    if let Some(done) = replay(&mut **tx, r).await? {
        return Ok(Applied::Done(done));
    }
    let now = now_ms();
    let new_version = r.base_version + 1;
    if !store(tx, r, new_version, now).await? {
        return Ok(Applied::Refused);
    }
    if !record_key(tx, r, new_version, now).await? {
        // The same key, committed meanwhile by a different concurrent write.
        return Err(WriteError::KeyReused);
    }
    Ok(Applied::Done(saved(new_version, now)))
}

/// Applies `r` in the group commit's transaction without a savepoint, in
/// two statements where [`apply_behind_savepoint`] takes five: the key is
/// recorded first (a retry is found by that insert doing nothing, not by a
/// read before it), then the scorecard is stored. `None` when the write
/// cannot be answered without undoing what it did (a conflict after its key
/// was recorded) or a statement failed: the batch must then be rolled back
/// and run behind savepoints. Anything else it answers left nothing behind
/// that the answer does not describe.
pub(super) async fn apply_unguarded(
    tx: &mut Transaction<'static, Any>,
    r: &Request,
) -> Option<Result<WriteOutcome, WriteError>> {
    let now = now_ms();
    let new_version = r.base_version + 1;
    if !record_key(tx, r, new_version, now).await.ok()? {
        // The key was used before; nothing was written.
        return match replay(&mut **tx, r).await {
            Ok(Some(done)) => Some(Ok(done)),
            Err(WriteError::KeyReused) => Some(Err(WriteError::KeyReused)),
            Ok(None) | Err(WriteError::Db(_)) => None,
        };
    }
    match store(tx, r, new_version, now).await {
        Ok(true) => Some(Ok(saved(new_version, now))),
        Ok(false) | Err(_) => None,
    }
}

pub(super) fn saved(version: i64, saved_at: i64) -> WriteOutcome {
    WriteOutcome::Saved(WriteAck { version, saved_at })
}

/// Stores the content as `new_version` if the scorecard is still at the
/// write's base version and status (creating it on its first write), with
/// the version history and the panel seat of a submission. `false` when
/// that check failed: nothing was written.
async fn store(
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
pub(super) async fn insert_first(
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
async fn record_key(
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
