//! Group commit for scorecard writes: autosave that does not queue behind
//! one commit per save.
//!
//! Each database has one writer task. It takes every write waiting in its
//! queue (up to [`MAX_BATCH`]), opens one write transaction with
//! `write::begin` (the scorecard's conditional update decides who wins, as
//! for a single write), applies the writes and commits once: a
//! batch of saves of distinct scorecards in two statements in all (`bulk`),
//! any other batch in two statements per write. Should a write need undoing
//! (a conflict found after its key was recorded, a failed statement), that
//! transaction is rolled back before anyone was answered and the batch
//! runs again with each write behind a savepoint, so that the conflict or
//! failure undoes that write only. A savepoint costs two more statements
//! per write, and each statement is a round trip to the database, so on the
//! common path the batch goes without them.
//! Only after the commit returned does any caller get its answer; if the
//! commit fails, every write of the batch gets the error and none was
//! stored. While one batch commits, the next one gathers.
//!
//! The validation that needs no database (shape, Markdown, sizes) and the
//! access checks (the caller's panel seat, blind rating) run before a write
//! is queued, in the server function; the savepoint covers what only the
//! database can refuse.

use super::bulk;
use super::write::{
    Request, WriteError, apply_behind_savepoint, apply_unguarded, begin, run_alone,
};
use crate::db::Db;
use crate::model::WriteOutcome;
use sqlx::{Any, Transaction};
use tokio::sync::{mpsc, oneshot};

/// Most writes committed in one transaction.
pub const MAX_BATCH: usize = 256;
/// Writes that may wait per writer before callers wait to queue.
const QUEUE: usize = 4 * MAX_BATCH;

/// A queued write and where its answer goes.
struct Job {
    request: Request,
    answer: oneshot::Sender<Result<WriteOutcome, WriteError>>,
}

/// The queue of a database's writer task.
#[derive(Debug)]
pub(crate) struct Writers {
    queue: mpsc::Sender<Job>,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("request", &self.request)
            .finish()
    }
}

impl Writers {
    /// Starts the writer task of `db` on the current runtime. One, on
    /// PostgreSQL too: with a batch of saves in two statements, one writer
    /// keeps up with what 100 interviewers send at once, and batches grow
    /// where several writers would each commit a share (measured: four
    /// writers 4,900 saves/s, one 5,900/s, BENCHMARKS.md "Autosave").
    fn start(db: &Db) -> Writers {
        let (queue, rx) = mpsc::channel(QUEUE);
        tokio::spawn(run(db.without_writers(), rx));
        Writers { queue }
    }
}

/// Queues `request` and waits for its answer, given after its batch
/// committed. Should the writer be gone (its runtime shut down), the write
/// runs as a transaction of its own instead.
pub(super) async fn submit(db: &Db, request: Request) -> Result<WriteOutcome, WriteError> {
    let queue = &db.writers(Writers::start).queue;
    let (answer, answered) = oneshot::channel();
    match queue.send(Job { request, answer }).await {
        Ok(()) => answered
            .await
            .unwrap_or_else(|_| Err(WriteError::Db(sqlx::Error::WorkerCrashed))),
        Err(mpsc::error::SendError(job)) => run_alone(db, &job.request).await,
    }
}

/// A writer: batches until every sender is gone.
async fn run(db: Db, mut queue: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        commit(&db, &mut batch).await;
    }
}

/// Applies and commits `batch` as one transaction, then answers each write:
/// first without savepoints (in two statements for the whole batch where
/// `bulk` can take it); should one of the writes need undoing (a
/// conflict, a failure), that transaction is rolled back unseen and the
/// batch runs again with each write behind a savepoint.
async fn commit(db: &Db, batch: &mut Vec<Job>) {
    let requests: Vec<&Request> = batch.iter().map(|job| &job.request).collect();
    let Ok(mut tx) = begin(db, requests.iter().copied()).await else {
        return commit_guarded(db, batch).await;
    };
    let answers = if bulk::eligible(requests.iter().copied()) {
        bulk::apply(&mut tx, db.backend(), &requests).await
    } else {
        one_by_one(&mut tx, &requests).await
    };
    let Some(answers) = answers else {
        drop(tx.rollback().await);
        return commit_guarded(db, batch).await;
    };
    if let Err(e) = tx.commit().await {
        return fail(batch, &e);
    }
    answer(batch, answers);
}

/// Each write of `batch` in its two statements; `None` as for
/// [`apply_unguarded`].
async fn one_by_one(
    tx: &mut Transaction<'static, Any>,
    batch: &[&Request],
) -> Option<Vec<Result<WriteOutcome, WriteError>>> {
    let mut answers = Vec::with_capacity(batch.len());
    for request in batch {
        answers.push(apply_unguarded(tx, request).await?);
    }
    Some(answers)
}

/// [`commit`] with each write behind a savepoint, so that a conflict or a
/// failure undoes that write only.
async fn commit_guarded(db: &Db, batch: &mut Vec<Job>) {
    let mut tx = match begin(db, batch.iter().map(|job| &job.request)).await {
        Ok(tx) => tx,
        Err(e) => return fail(batch, &e),
    };
    let mut answers = Vec::with_capacity(batch.len());
    for job in batch.iter() {
        match apply_behind_savepoint(&mut tx, &job.request).await {
            Ok(outcome) => answers.push(Ok(outcome)),
            Err(WriteError::KeyReused) => answers.push(Err(WriteError::KeyReused)),
            Err(WriteError::Db(e)) => {
                // Undone to its savepoint if the transaction still works;
                // if it does not, nothing of the batch can be kept.
                if sqlx::query("SELECT 1").execute(&mut *tx).await.is_err() {
                    drop(tx);
                    return fail(batch, &e);
                }
                answers.push(Err(WriteError::Db(e)));
            }
        }
    }
    if let Err(e) = tx.commit().await {
        return fail(batch, &e);
    }
    answer(batch, answers);
}

/// Gives each write of the committed `batch` its answer.
fn answer(batch: &mut Vec<Job>, answers: Vec<Result<WriteOutcome, WriteError>>) {
    for (job, answer) in batch.drain(..).zip(answers) {
        // A caller that stopped waiting still had its write stored.
        let _ = job.answer.send(answer);
    }
}

/// Answers every write of `batch` with the failure `e`: none was stored.
fn fail(batch: &mut Vec<Job>, e: &sqlx::Error) {
    tracing::error!(error = %e, writes = batch.len(), "a scorecard batch failed");
    for job in batch.drain(..) {
        let failure = sqlx::Error::Protocol(format!("the batch holding this write failed: {e}"));
        let _ = job.answer.send(Err(WriteError::Db(failure)));
    }
}
