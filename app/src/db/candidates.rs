//! Candidates of a role and their pipeline status.

use super::{Db, Lock, audit, ids, now_ms};
use crate::model::{CandidateInput, CandidateSummary, PipelineStatus};
use sqlx::Row;
use sqlx::any::AnyRow;
use sqlx::{Any, Transaction};

/// A candidate row with the fields the pages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRecord {
    /// Summary fields.
    pub summary: CandidateSummary,
    /// Recruiter's notes (Markdown).
    pub notes: String,
    /// Role title.
    pub role_title: String,
    /// Whether their personal data was erased: nothing more is recorded
    /// about them.
    pub erased: bool,
}

/// Why a candidate was not added.
#[derive(Debug, thiserror::Error)]
pub enum AddCandidateError {
    /// There is no such role.
    #[error("no such role")]
    NoRole,
    /// Someone with this email is already a candidate for the role.
    #[error("{0} is already a candidate for this role")]
    Duplicate(String),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Adds a candidate to `role_id` with status New, with its audit entry;
/// returns the id. One person (by email) is a candidate for a role once:
/// the check runs under the role's lock, so of concurrent identical adds
/// (a double click) exactly one succeeds.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_candidate(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    role_id: &str,
    input: &CandidateInput,
) -> Result<String, AddCandidateError> {
    let email = input.email.trim().to_lowercase();
    let mut tx = db
        .begin_write(Lock::Role { org_id, role_id })
        .await
        .map_err(|e| match e {
            sqlx::Error::RowNotFound => AddCandidateError::NoRole,
            e => e.into(),
        })?;
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT id FROM candidates WHERE org_id = $1 AND role_id = $2 AND email = $3",
    )
    .bind(org_id)
    .bind(role_id)
    .bind(&email)
    .fetch_optional(&mut *tx)
    .await?;
    if taken.is_some() {
        return Err(AddCandidateError::Duplicate(email));
    }
    let id = ids::new_id();
    sqlx::query(
        "INSERT INTO candidates (org_id, id, role_id, name, email, notes, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(role_id)
    .bind(input.name.trim())
    .bind(&email)
    .bind(input.notes.trim())
    .bind(PipelineStatus::New.as_str())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit::append_in(
        &mut tx,
        &audit::AuditEntry {
            org_id,
            actor_id,
            action: "candidate.add",
            subject: &id,
            detail: "{}",
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

const SELECT: &str = "SELECT c.id, c.role_id, c.name, c.email, c.status, c.notes, r.title AS role_title,
       CASE WHEN c.erased_at IS NULL THEN 0 ELSE 1 END AS erased,
       (SELECT COUNT(*) FROM interviews i WHERE i.org_id = c.org_id AND i.candidate_id = c.id) AS interviews
     FROM candidates c JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id";

/// The candidates of `role_id`, by name.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_candidates(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Vec<CandidateSummary>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.org_id = $1 AND c.role_id = $2 ORDER BY c.name"
    ))
    .bind(org_id)
    .bind(role_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|r| record(r).map(|c| c.summary)).collect()
}

/// One candidate.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_candidate(
    db: &Db,
    org_id: &str,
    id: &str,
) -> Result<Option<CandidateRecord>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.org_id = $1 AND c.id = $2"))
        .bind(org_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(record).transpose()
}

/// What [`set_status`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    Changed,
    /// The candidate already had that status.
    Unchanged,
    /// The candidate's personal data was erased: their status stays as the
    /// erasure left it.
    Erased,
}

/// Moves a candidate along the pipeline, with its audit entry. Fails with
/// `RowNotFound` when there is no such candidate.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_status(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    id: &str,
    status: PipelineStatus,
) -> Result<StatusChange, sqlx::Error> {
    let mut tx = db
        .begin_write(Lock::Candidate {
            org_id,
            candidate_id: id,
        })
        .await?;
    // Read under the candidate's lock, so an erasure cannot slip in between.
    let erased_at: Option<i64> =
        sqlx::query_scalar("SELECT erased_at FROM candidates WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if erased_at.is_some() {
        return Ok(StatusChange::Erased);
    }
    let changed = set_status_in(&mut tx, org_id, actor_id, id, None, status).await?;
    tx.commit().await?;
    Ok(if changed {
        StatusChange::Changed
    } else {
        StatusChange::Unchanged
    })
}

/// Inside a write transaction holding the candidate's lock: sets `status`
/// if the candidate's status is `from` (any status when `None`) and differs
/// from it, and audits it; says whether it changed. An erased candidate's
/// status never changes.
pub(crate) async fn set_status_in(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
    actor_id: Option<&str>,
    id: &str,
    from: Option<PipelineStatus>,
    status: PipelineStatus,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE candidates SET status = $3, updated_at = $4
         WHERE org_id = $1 AND id = $2 AND status <> $3 AND ($5 = '' OR status = $5)
           AND erased_at IS NULL",
    )
    .bind(org_id)
    .bind(id)
    .bind(status.as_str())
    .bind(now_ms())
    .bind(from.map(PipelineStatus::as_str).unwrap_or(""))
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let detail = serde_json::json!({ "status": status.as_str() }).to_string();
    audit::append_in(
        tx,
        &audit::AuditEntry {
            org_id,
            actor_id,
            action: "candidate.status",
            subject: id,
            detail: &detail,
        },
    )
    .await?;
    Ok(true)
}

fn record(row: &AnyRow) -> Result<CandidateRecord, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(CandidateRecord {
        summary: CandidateSummary {
            id: row.try_get("id")?,
            role_id: row.try_get("role_id")?,
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            status: PipelineStatus::parse(&status).unwrap_or(PipelineStatus::New),
            interviews: row.try_get("interviews")?,
        },
        notes: row.try_get("notes")?,
        role_title: row.try_get("role_title")?,
        erased: row.try_get::<i64, _>("erased")? == 1,
    })
}
