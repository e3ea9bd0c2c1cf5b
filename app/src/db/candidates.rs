//! Candidates of a role and their pipeline status.

use super::{Db, ids, now_ms};
use crate::model::{CandidateInput, CandidateSummary, PipelineStatus};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A candidate row with the fields the pages need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRecord {
    /// Summary fields.
    pub summary: CandidateSummary,
    /// Recruiter's notes (Markdown).
    pub notes: String,
    /// Role title.
    pub role_title: String,
}

/// Adds a candidate to `role_id` with status New; returns the id.
pub async fn insert_candidate(
    db: &Db,
    org_id: &str,
    role_id: &str,
    input: &CandidateInput,
) -> Result<String, sqlx::Error> {
    let id = ids::new_id();
    sqlx::query(
        "INSERT INTO candidates (org_id, id, role_id, name, email, notes, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(role_id)
    .bind(input.name.trim())
    .bind(input.email.trim().to_lowercase())
    .bind(input.notes.trim())
    .bind(PipelineStatus::New.as_str())
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(id)
}

const SELECT: &str = "SELECT c.id, c.role_id, c.name, c.email, c.status, c.notes, r.title AS role_title,
       (SELECT COUNT(*) FROM interviews i WHERE i.org_id = c.org_id AND i.candidate_id = c.id) AS interviews
     FROM candidates c JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id";

/// The candidates of `role_id`, by name.
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

/// Moves a candidate along the pipeline; false when there is no such candidate.
pub async fn set_status(
    db: &Db,
    org_id: &str,
    id: &str,
    status: PipelineStatus,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE candidates SET status = $3, updated_at = $4 WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(id)
    .bind(status.as_str())
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
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
    })
}
