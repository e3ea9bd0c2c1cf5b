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
//! transaction committed; [`write_alone`] runs it as a transaction of its
//! own, the baseline the group commit is measured against. The statements
//! themselves are in `statements`.

mod statements;

use super::idempotency::{refused, replay, request_hash};
use crate::db::{Db, now_ms};
use crate::model::{ScorecardStatus, ScorecardWrite, WriteOutcome};
use sqlx::{Any, Executor, Transaction};
pub(super) use statements::{begin, candidate_not_erased, insert_first, saved};
use statements::{record_key, store};

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
    let mut tx = begin(db, [r]).await?;
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
