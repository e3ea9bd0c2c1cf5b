//! The autosaves of a batch in two statements, whatever its size.
//!
//! Each statement is a round trip to the database (on SQLite a hand-over
//! to the connection's thread and back), and under load the single writer
//! spent its time in those trips rather than in SQLite. A batch of plain
//! saves, each of its own scorecard under a key of its own (what many
//! interviewers autosaving at once send), therefore records every key in
//! one multi-row insert and stores every scorecard in one update joined to
//! the batch's rows. What that cannot settle falls back: a retry or a
//! reused key is looked up, a first save inserts its scorecard, and a
//! conflict sends the batch back to run behind savepoints, as in
//! [`super::group`].

use super::write::{Request, WriteError, candidate_not_erased, insert_first, saved};
use crate::db::{Backend, now_ms};
use crate::model::{ScorecardStatus, WriteOutcome};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use std::collections::{HashMap, HashSet};

/// Whether `batch` can go through [`apply`]: saves only, no two under the
/// same key and no two of the same scorecard, so that each row the two
/// statements touch belongs to exactly one write. Two tabs of one
/// interviewer in the same batch, or a submission, take the statements of
/// one write each instead.
pub(super) fn eligible<'a>(batch: impl IntoIterator<Item = &'a Request>) -> bool {
    let mut keys = HashSet::new();
    let mut scorecards = HashSet::new();
    batch
        .into_iter()
        .all(|r| r.is_save() && keys.insert(key_of(r)) && scorecards.insert(scorecard_of(r)))
}

/// Applies the saves of an [`eligible`] batch in `tx`. `None` when a write
/// cannot be answered without undoing what it did (a conflict after its key
/// was recorded) or a statement failed: the batch must then be rolled back
/// and run behind savepoints, as after [`super::write::apply_unguarded`].
pub(super) async fn apply(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    batch: &[&Request],
) -> Option<Vec<Result<WriteOutcome, WriteError>>> {
    let now = now_ms();
    let recorded = record_keys(tx, backend, batch, now).await.ok()?;
    let fresh: Vec<&Request> = batch
        .iter()
        .zip(&recorded)
        .filter_map(|(r, new)| new.then_some(*r))
        .collect();
    let stored = store(tx, backend, &fresh, now).await.ok()?;
    let mut stored = stored.into_iter();
    let mut answers = Vec::with_capacity(batch.len());
    for (r, new) in batch.iter().zip(recorded) {
        let answer = if !new {
            // The key was used before: a retry gets its recorded answer.
            match super::idempotency::replay(&mut **tx, r).await {
                Ok(Some(done)) => Ok(done),
                Err(WriteError::KeyReused) => Err(WriteError::KeyReused),
                Ok(None) | Err(WriteError::Db(_)) => return None,
            }
        } else if stored.next()? {
            Ok(saved(r.base_version + 1, now))
        } else if r.base_version == 0 {
            // No scorecard yet: the first save creates it.
            match insert_first(tx, r, now).await {
                Ok(Some(_)) => Ok(saved(1, now)),
                Ok(None) | Err(_) => return None,
            }
        } else {
            // A stale base version, found after its key was recorded.
            return None;
        };
        answers.push(answer);
    }
    Some(answers)
}

type Key<'a> = (&'a str, &'a str, &'a str);

fn key_of(r: &Request) -> Key<'_> {
    (&r.org_id, &r.user_id, &r.idempotency_key)
}

fn scorecard_of(r: &Request) -> Key<'_> {
    (&r.org_id, &r.user_id, &r.interview_id)
}

/// Records every write's idempotency key; for each write, whether its key
/// was new. A key already recorded (a retry, or a reuse) is left as it was.
async fn record_keys(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    batch: &[&Request],
    now: i64,
) -> Result<Vec<bool>, sqlx::Error> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO scorecard_writes (org_id, user_id, idempotency_key, interview_id, request_hash, result_version, written_at)
         VALUES {}
         ON CONFLICT (org_id, user_id, idempotency_key) DO NOTHING
         RETURNING org_id, user_id, idempotency_key",
        values(backend, batch.len(), 7, 0)
    );
    let mut query = sqlx::query(&sql).persistent(false);
    for r in batch {
        query = query
            .bind(&r.org_id)
            .bind(&r.user_id)
            .bind(&r.idempotency_key)
            .bind(&r.interview_id)
            .bind(&r.hash)
            .bind(r.base_version + 1)
            .bind(now);
    }
    let rows = query.fetch_all(&mut **tx).await?;
    returned(
        &rows,
        batch,
        key_of,
        ["org_id", "user_id", "idempotency_key"],
    )
}

/// Stores each write's content as its next version where the scorecard is
/// still a draft at the write's base version; for each write, whether it
/// was stored.
async fn store(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    batch: &[&Request],
    now: i64,
) -> Result<Vec<bool>, sqlx::Error> {
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    // The joined rows are `VALUES` columns, which both engines name
    // column1, column2, …: org, interviewer, interview, base version,
    // content. The placeholders are bound in the order they appear in the
    // text (see `values`): the time, the rows, then the status.
    let width = 5;
    let status = placeholder(backend, batch.len() * width + 2);
    let sql = format!(
        "UPDATE scorecards SET content_json = v.column5, version = version + 1, updated_at = {}
         FROM (VALUES {}) AS v
         WHERE scorecards.org_id = v.column1 AND scorecards.interviewer_id = v.column2
           AND scorecards.interview_id = v.column3 AND scorecards.version = v.column4
           AND scorecards.status = {status} AND {}
         RETURNING scorecards.org_id, scorecards.interviewer_id, scorecards.interview_id",
        placeholder(backend, 1),
        values(backend, batch.len(), width, 1),
        candidate_not_erased!()
    );
    let mut query = sqlx::query(&sql).persistent(false).bind(now);
    for r in batch {
        query = query
            .bind(&r.org_id)
            .bind(&r.user_id)
            .bind(&r.interview_id)
            .bind(r.base_version)
            .bind(&r.content_json);
    }
    let rows = query
        .bind(ScorecardStatus::Draft.as_str())
        .fetch_all(&mut **tx)
        .await?;
    returned(
        &rows,
        batch,
        scorecard_of,
        ["org_id", "interviewer_id", "interview_id"],
    )
}

/// For each write of `batch`, whether a row of `rows` names it: `columns`
/// read back what `key` makes of a write.
fn returned(
    rows: &[AnyRow],
    batch: &[&Request],
    key: fn(&Request) -> Key<'_>,
    columns: [&str; 3],
) -> Result<Vec<bool>, sqlx::Error> {
    let index: HashMap<Key<'_>, usize> =
        batch.iter().enumerate().map(|(i, r)| (key(r), i)).collect();
    let mut found = vec![false; batch.len()];
    for row in rows {
        let [a, b, c] = columns.map(|column| row.try_get::<String, _>(column));
        if let Some(&i) = index.get(&(a?.as_str(), b?.as_str(), c?.as_str())) {
            found[i] = true;
        }
    }
    Ok(found)
}

/// Appends the `n`th placeholder of a statement whose placeholders are
/// bound in the order they appear in its text. SQLite gets a plain `?`: it
/// numbers those as it reads them, whereas it takes `$n` for a name, and
/// both reading a name and binding a value by name search every name
/// before it. With the 1,800 placeholders of a full batch, that search was
/// the writer's busiest work.
fn push_placeholder(sql: &mut String, backend: Backend, n: usize) {
    use std::fmt::Write;
    match backend {
        Backend::Sqlite => sql.push('?'),
        Backend::Postgres => {
            let _ = write!(sql, "${n}");
        }
    }
}

/// The `n`th placeholder alone (see [`push_placeholder`]).
fn placeholder(backend: Backend, n: usize) -> String {
    let mut sql = String::new();
    push_placeholder(&mut sql, backend, n);
    sql
}

/// `rows` rows of `width` placeholders each for `VALUES`, numbered on from
/// `$(before + 1)`.
fn values(backend: Backend, rows: usize, width: usize, before: usize) -> String {
    let mut sql = String::with_capacity(rows * width * 7);
    for i in 0..rows {
        sql.push_str(if i == 0 { "(" } else { ", (" });
        for j in 0..width {
            if j > 0 {
                sql.push_str(", ");
            }
            push_placeholder(&mut sql, backend, before + i * width + j + 1);
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::values;
    use crate::db::Backend;

    #[test]
    fn values_number_their_placeholders_on_from_those_before() {
        assert_eq!(
            values(Backend::Postgres, 2, 3, 0),
            "($1, $2, $3), ($4, $5, $6)"
        );
        assert_eq!(values(Backend::Postgres, 1, 2, 2), "($3, $4)");
    }

    #[test]
    fn sqlite_placeholders_are_numbered_by_their_place() {
        assert_eq!(values(Backend::Sqlite, 2, 2, 1), "(?, ?), (?, ?)");
    }
}
