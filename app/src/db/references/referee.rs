//! What a referee's one-time link may do: be found, opened, consented to,
//! drafted, submitted or declined. Every change is a conditional update on
//! the token's hash and on the request still being open.

use super::{COLUMNS, OPEN, RequestRecord, encode, record};
use crate::db::audit::record_in;
use crate::db::{Db, Lock, now_ms};
use crate::model::ReferenceAnswer;
use sqlx::Row;

/// A referee's link with what their page needs to say who asks about whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefereeLink {
    /// The organization.
    pub org_id: String,
    /// Its name.
    pub org_name: String,
    /// The request.
    pub request: RequestRecord,
    /// The candidate's name.
    pub candidate_name: String,
    /// The role's title.
    pub role_title: String,
    /// The recruiter who sent the link.
    pub requester_name: String,
    /// Their email.
    pub requester_email: String,
}

/// The request whose current link has the token hashing to `token_hash`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_by_token(db: &Db, token_hash: &str) -> Result<Option<RefereeLink>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, q.org_id, o.name AS org_name, c.name AS candidate_name, r.title AS role_title,
           COALESCE(u.name, '') AS requester_name, COALESCE(u.email, '') AS requester_email
         FROM reference_requests q
         JOIN organizations o ON o.id = q.org_id
         JOIN candidates c ON c.org_id = q.org_id AND c.id = q.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         LEFT JOIN users u ON u.org_id = q.org_id AND u.id = q.invited_by
         WHERE q.token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(RefereeLink {
            org_id: row.try_get("org_id")?,
            org_name: row.try_get("org_name")?,
            request: record(&row)?,
            candidate_name: row.try_get("candidate_name")?,
            role_title: row.try_get("role_title")?,
            requester_name: row.try_get("requester_name")?,
            requester_email: row.try_get("requester_email")?,
        })
    })
    .transpose()
}

/// Notes the first opening of an open link.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn mark_opened(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE reference_requests SET opened_at = $2, updated_at = $2
         WHERE token_hash = $1 AND opened_at IS NULL AND {OPEN}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records the referee's consent, which starts the answering. False when the
/// link is not open.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn consent(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE reference_requests SET consented_at = COALESCE(consented_at, $2),
           started_at = COALESCE(started_at, $2), opened_at = COALESCE(opened_at, $2), updated_at = $2
         WHERE token_hash = $1 AND {OPEN}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Saves the draft; false when the link is not open or consent is missing.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn save_draft(
    db: &Db,
    token_hash: &str,
    answers: &[ReferenceAnswer],
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE reference_requests SET answers_json = $3, draft_saved_at = $2, updated_at = $2
         WHERE token_hash = $1 AND consented_at IS NOT NULL AND {OPEN}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .bind(encode(answers)?)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Submits the answers, once: one write transaction whose conditional update
/// only an open, consented, unsubmitted link passes, so of any number of
/// concurrent submissions exactly one is accepted. The audit entry commits
/// with it. False when the link was not open.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn submit(
    db: &Db,
    token_hash: &str,
    answers: &[ReferenceAnswer],
    ip_hash: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let updated: Option<(String, String)> = sqlx::query_as(&format!(
        "UPDATE reference_requests SET answers_json = $3, submitted_at = $2, submitted_ip_hash = $4,
           draft_saved_at = $2, updated_at = $2
         WHERE token_hash = $1 AND consented_at IS NOT NULL AND {OPEN}
         RETURNING org_id, id"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(encode(answers)?)
    .bind(ip_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((org_id, id)) = updated else {
        tx.rollback().await?;
        return Ok(false);
    };
    record_in(&mut tx, &org_id, None, "reference.submit", &id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Declines with an optional reason. False when the link was not open.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn decline(db: &Db, token_hash: &str, reason: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let updated: Option<(String, String)> = sqlx::query_as(&format!(
        "UPDATE reference_requests SET declined_at = $2, decline_reason = $3, updated_at = $2
         WHERE token_hash = $1 AND {OPEN}
         RETURNING org_id, id"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(reason.trim())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((org_id, id)) = updated else {
        tx.rollback().await?;
        return Ok(false);
    };
    record_in(&mut tx, &org_id, None, "reference.decline", &id).await?;
    tx.commit().await?;
    Ok(true)
}
