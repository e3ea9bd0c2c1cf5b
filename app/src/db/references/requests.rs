//! The recruiter's side of reference requests: adding referees, giving them
//! links, recording phone checks and reviewing fraud signals.

use super::{COLUMNS, RequestRecord, encode, record};
use crate::db::audit::record_in;
use crate::db::{Db, Lock, ids, now_ms};
use crate::model::{RefereeInput, ReferenceAnswer, SignalReview};
use sqlx::Row;
use std::collections::HashMap;

/// Adds a referee to `candidate_id`; returns the request's id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_request(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    input: &RefereeInput,
    actor_id: &str,
) -> Result<String, sqlx::Error> {
    let id = ids::new_id();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    sqlx::query(
        "INSERT INTO reference_requests (org_id, id, candidate_id, referee_name, referee_email, referee_phone,
           relationship, months_worked, method, send_count, decline_reason, answers_json, created_by,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'link', 0, '', '[]', $9, $10, $10)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(candidate_id)
    .bind(input.name.trim())
    .bind(input.email.trim().to_lowercase())
    .bind(input.phone.trim())
    .bind(input.relationship.as_str())
    .bind(i64::from(input.months_worked))
    .bind(actor_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    record_in(&mut tx, org_id, Some(actor_id), "referee.add", &id).await?;
    tx.commit().await?;
    Ok(id)
}

/// The referees of `candidate_id`, oldest first.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<RequestRecord>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM reference_requests q
         WHERE q.org_id = $1 AND q.candidate_id = $2 ORDER BY q.created_at, q.id"
    ))
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(record).collect()
}

/// The referees of each of `candidate_ids`, oldest first within each: one
/// statement per [`IN_CHUNK`] candidates, for lists that would otherwise ask
/// once per candidate.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_for_candidates(
    db: &Db,
    org_id: &str,
    candidate_ids: &[&str],
) -> Result<HashMap<String, Vec<RequestRecord>>, sqlx::Error> {
    let mut by_candidate: HashMap<String, Vec<RequestRecord>> = HashMap::new();
    for row in rows_of(db, org_id, candidate_ids, requests_of_sql).await? {
        let r = record(&row)?;
        by_candidate
            .entry(r.candidate_id.clone())
            .or_default()
            .push(r);
    }
    Ok(by_candidate)
}

/// [`list_for_candidates`]'s query for `count` candidates (`$2`…).
pub(crate) fn requests_of_sql(count: usize) -> String {
    format!(
        "SELECT {COLUMNS} FROM reference_requests q
         WHERE q.org_id = $1 AND q.candidate_id IN ({})
         ORDER BY q.candidate_id, q.created_at, q.id",
        placeholders(2, count)
    )
}

/// [`latest_signal_reviews_of`]'s query for `count` candidates (`$2`…).
pub(crate) fn signal_reviews_of_sql(count: usize) -> String {
    format!(
        "SELECT v.candidate_id, v.signal_key, v.note, v.reviewed_at, u.name
         FROM reference_signal_reviews v JOIN users u ON u.org_id = v.org_id AND u.id = v.reviewed_by
         WHERE v.org_id = $1 AND v.candidate_id IN ({})
         ORDER BY v.reviewed_at DESC, v.id",
        placeholders(2, count)
    )
}

/// The rows of `sql_for(n)` for `candidate_ids`, `$1` being the
/// organisation and `$2`… a chunk of [`IN_CHUNK`] candidates.
async fn rows_of(
    db: &Db,
    org_id: &str,
    candidate_ids: &[&str],
    sql_for: fn(usize) -> String,
) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
    let mut rows = Vec::new();
    for chunk in candidate_ids.chunks(IN_CHUNK) {
        let sql = sql_for(chunk.len());
        let mut query = sqlx::query(&sql).bind(org_id);
        for id in chunk {
            query = query.bind(*id);
        }
        rows.extend(query.fetch_all(db.pool()).await?);
    }
    Ok(rows)
}

/// Candidates per `IN (…)` list: well under either engine's limit on
/// bound values.
const IN_CHUNK: usize = 200;

/// `$first, $first+1, …`, `count` of them.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One request.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_request(
    db: &Db,
    org_id: &str,
    id: &str,
) -> Result<Option<RequestRecord>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM reference_requests q WHERE q.org_id = $1 AND q.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(record).transpose()
}

/// A new link for a request.
#[derive(Debug, Clone)]
pub struct NewLink<'a> {
    /// SHA-256 of the new token.
    pub token_hash: &'a str,
    /// The guide whose questions the referee answers.
    pub guide_version_id: &'a str,
    /// When the link stops working.
    pub expires_at: i64,
    /// Who sends it.
    pub actor_id: &'a str,
}

/// Gives request `id` a new link, replacing (and so invalidating) any older
/// one. False when there is no such request or it is already submitted or
/// declined.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_link(
    db: &Db,
    org_id: &str,
    id: &str,
    link: &NewLink<'_>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let done = sqlx::query(
        "UPDATE reference_requests SET token_hash = $3, guide_version_id = $4, expires_at = $5, invited_by = $6,
           sent_at = $7, send_count = send_count + 1, updated_at = $7
         WHERE org_id = $1 AND id = $2 AND submitted_at IS NULL AND declined_at IS NULL",
    )
    .bind(org_id)
    .bind(id)
    .bind(link.token_hash)
    .bind(link.guide_version_id)
    .bind(link.expires_at)
    .bind(link.actor_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    record_in(&mut tx, org_id, Some(link.actor_id), "reference.invite", id).await?;
    tx.commit().await?;
    Ok(true)
}

/// The name of organization `org_id` (empty if unknown).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn org_name(db: &Db, org_id: &str) -> Result<String, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organizations WHERE id = $1")
        .bind(org_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(name.unwrap_or_default())
}

/// A reference taken by phone.
#[derive(Debug, Clone)]
pub struct PhoneRecord<'a> {
    /// The guide whose questions were asked.
    pub guide_version_id: &'a str,
    /// Who called.
    pub called_by: &'a str,
    /// When (UTC milliseconds).
    pub called_at: i64,
    /// The answers.
    pub answers: &'a [ReferenceAnswer],
    /// The recruiter recording it.
    pub actor_id: &'a str,
}

/// Records request `id` as answered by phone; its link, if any, then shows
/// the thank-you page. False when there is no such request or it was already
/// submitted.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn record_phone_check(
    db: &Db,
    org_id: &str,
    id: &str,
    phone: &PhoneRecord<'_>,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let done = sqlx::query(
        "UPDATE reference_requests SET method = 'phone', guide_version_id = $3, phone_called_by = $4,
           phone_called_at = $5, answers_json = $6, recorded_by = $7, submitted_at = $8, updated_at = $8
         WHERE org_id = $1 AND id = $2 AND submitted_at IS NULL",
    )
    .bind(org_id)
    .bind(id)
    .bind(phone.guide_version_id)
    .bind(phone.called_by)
    .bind(phone.called_at)
    .bind(encode(phone.answers)?)
    .bind(phone.actor_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    record_in(
        &mut tx,
        org_id,
        Some(phone.actor_id),
        "reference.phone_check",
        id,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Appends a review of fraud signal `signal_key` of `candidate_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn add_signal_review(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    signal_key: &str,
    note: &str,
    actor_id: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    sqlx::query(
        "INSERT INTO reference_signal_reviews (org_id, id, candidate_id, signal_key, note, reviewed_by, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(ids::new_id())
    .bind(candidate_id)
    .bind(signal_key)
    .bind(note.trim())
    .bind(actor_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    record_in(
        &mut tx,
        org_id,
        Some(actor_id),
        "reference.signal_review",
        candidate_id,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The newest review of each reviewed signal of `candidate_id`, by signal key.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn latest_signal_reviews(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<(String, SignalReview)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.signal_key, v.note, v.reviewed_at, u.name
         FROM reference_signal_reviews v JOIN users u ON u.org_id = v.org_id AND u.id = v.reviewed_by
         WHERE v.org_id = $1 AND v.candidate_id = $2
         ORDER BY v.reviewed_at DESC, v.id",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    let mut latest: Vec<(String, SignalReview)> = Vec::new();
    for row in &rows {
        keep_latest(&mut latest, row)?;
    }
    Ok(latest)
}

/// [`latest_signal_reviews`] of each of `candidate_ids`, in one statement
/// per [`IN_CHUNK`] candidates.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn latest_signal_reviews_of(
    db: &Db,
    org_id: &str,
    candidate_ids: &[&str],
) -> Result<HashMap<String, Vec<(String, SignalReview)>>, sqlx::Error> {
    let mut latest: HashMap<String, Vec<(String, SignalReview)>> = HashMap::new();
    for row in rows_of(db, org_id, candidate_ids, signal_reviews_of_sql).await? {
        let candidate: String = row.try_get("candidate_id")?;
        keep_latest(latest.entry(candidate).or_default(), &row)?;
    }
    Ok(latest)
}

/// Adds `row`'s review to `latest` unless a newer one of its signal is
/// there (rows come newest first).
fn keep_latest(
    latest: &mut Vec<(String, SignalReview)>,
    row: &sqlx::any::AnyRow,
) -> Result<(), sqlx::Error> {
    let key: String = row.try_get("signal_key")?;
    if latest.iter().any(|(k, _)| *k == key) {
        return Ok(());
    }
    latest.push((
        key,
        SignalReview {
            note: row.try_get("note")?,
            reviewed_by: row.try_get("name")?,
            reviewed_at: row.try_get("reviewed_at")?,
        },
    ));
    Ok(())
}
