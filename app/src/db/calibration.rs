//! Calibration attempts and a role's calibration requirement: storing an
//! attempt, reading the caller's own, the passes of a set of people, and
//! the role setting with the people who interview for the role.

use super::{Db, Lock, audit, ids, now_ms};
use crate::model::AttemptSummary;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;

/// One stored rating of an attempt: the level given beside the experts'.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredAnswer {
    /// Sample id.
    pub sample_id: String,
    /// The level given, 1–5.
    pub level: u8,
    /// The experts' level when the attempt was taken, 1–5.
    pub expert: u8,
}

/// An attempt as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttempt {
    /// Who took it.
    pub user_id: String,
    /// The competency.
    pub competency_id: String,
    /// The answers, in the order rated.
    pub answers: Vec<StoredAnswer>,
    /// Totals and verdict.
    pub summary: AttemptSummary,
}

/// What a new attempt holds.
pub struct NewAttempt<'a> {
    /// The organization.
    pub org_id: &'a str,
    /// Who took it.
    pub user_id: &'a str,
    /// The competency.
    pub competency_id: &'a str,
    /// The bank's content hash.
    pub bank_hash: &'a str,
    /// The answers, in the order rated.
    pub answers: &'a [StoredAnswer],
    /// Samples within one level.
    pub agreed: u32,
    /// Samples rated.
    pub total: u32,
    /// Whether it passed.
    pub passed: bool,
}

/// Stores an attempt (new rows only) and returns its id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_attempt(db: &Db, attempt: &NewAttempt<'_>) -> Result<String, sqlx::Error> {
    let id = ids::new_id();
    let answers =
        serde_json::to_string(attempt.answers).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    sqlx::query(
        "INSERT INTO calibration_attempts
           (org_id, id, user_id, competency_id, bank_hash, answers_json, agreed, total, passed, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(attempt.org_id)
    .bind(&id)
    .bind(attempt.user_id)
    .bind(attempt.competency_id)
    .bind(attempt.bank_hash)
    .bind(answers)
    .bind(i64::from(attempt.agreed))
    .bind(i64::from(attempt.total))
    .bind(i64::from(attempt.passed))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn summary(row: &AnyRow) -> Result<AttemptSummary, sqlx::Error> {
    let agreed: i64 = row.try_get("agreed")?;
    let total: i64 = row.try_get("total")?;
    let passed: i64 = row.try_get("passed")?;
    Ok(AttemptSummary {
        id: row.try_get("id")?,
        agreed: u32::try_from(agreed).unwrap_or(0),
        total: u32::try_from(total).unwrap_or(0),
        passed: passed != 0,
        submitted_at: row.try_get("submitted_at")?,
    })
}

/// One attempt of `org_id`, whoever took it.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_attempt(
    db: &Db,
    org_id: &str,
    id: &str,
) -> Result<Option<StoredAttempt>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, user_id, competency_id, answers_json, agreed, total, passed, submitted_at
         FROM calibration_attempts WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let json: String = row.try_get("answers_json")?;
    let answers = serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    Ok(Some(StoredAttempt {
        user_id: row.try_get("user_id")?,
        competency_id: row.try_get("competency_id")?,
        answers,
        summary: summary(&row)?,
    }))
}

/// `user_id`'s attempts, newest first, with their competency ids.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn attempts_of(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Vec<(String, AttemptSummary)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, competency_id, agreed, total, passed, submitted_at
         FROM calibration_attempts WHERE org_id = $1 AND user_id = $2
         ORDER BY submitted_at DESC, id",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("competency_id")?, summary(row)?)))
        .collect()
}

/// The latest pass of each (person, competency) among `user_ids` in
/// `org_id`: (user id, competency id, UTC ms).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn passes_of(
    db: &Db,
    org_id: &str,
    user_ids: &[String],
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    let mut passes = Vec::new();
    // One indexed query per person: the lists are a role's interviewers.
    for user_id in user_ids {
        let rows = sqlx::query(
            "SELECT competency_id, MAX(submitted_at) AS at FROM calibration_attempts
             WHERE org_id = $1 AND user_id = $2 AND passed = 1 GROUP BY competency_id",
        )
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
        for row in rows {
            passes.push((
                user_id.clone(),
                row.try_get("competency_id")?,
                row.try_get("at")?,
            ));
        }
    }
    Ok(passes)
}

/// Whether role `role_id` requires a passed calibration.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn role_requires(db: &Db, org_id: &str, role_id: &str) -> Result<bool, sqlx::Error> {
    let required: Option<i64> = sqlx::query_scalar(
        "SELECT required FROM role_calibration WHERE org_id = $1 AND role_id = $2",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(required == Some(1))
}

/// Sets whether role `role_id` requires a passed calibration, with its
/// audit entry when that changes it. Fails with `RowNotFound` when the role does not exist.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_role_requires(
    db: &Db,
    org_id: &str,
    role_id: &str,
    actor_id: &str,
    required: bool,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write(Lock::Role { org_id, role_id }).await?;
    // Under the role's lock: a call that changes nothing writes nothing and
    // leaves no audit entry, however many arrive at once.
    let current: Option<i64> = sqlx::query_scalar(
        "SELECT required FROM role_calibration WHERE org_id = $1 AND role_id = $2",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_optional(&mut *tx)
    .await?;
    if (current == Some(1)) == required {
        tx.rollback().await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO role_calibration (org_id, role_id, required, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (org_id, role_id) DO UPDATE SET required = excluded.required,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(org_id)
    .bind(role_id)
    .bind(i64::from(required))
    .bind(actor_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let action = if required {
        "role.calibration_required"
    } else {
        "role.calibration_not_required"
    };
    audit::record_in(&mut tx, org_id, Some(actor_id), action, role_id).await?;
    tx.commit().await?;
    db.seat_cache()
        .forget(|(org, _, _), seat| org == org_id && seat.role_id == role_id);
    Ok(())
}

/// [`role_interviewers`]'s query. The panels are found from the role's
/// candidates (`CROSS JOIN` fixes that order on SQLite, which otherwise
/// walked every panel seat of the organisation).
pub(crate) const ROLE_INTERVIEWERS: &str = "SELECT u.id, u.name FROM users u
     WHERE u.org_id = $1 AND u.id IN (
       SELECT t.user_id FROM role_team t
       WHERE t.org_id = $1 AND t.role_id = $2 AND t.member_role = 'interviewer'
       UNION
       SELECT p.user_id FROM candidates c CROSS JOIN interviews i CROSS JOIN interview_panel p
       WHERE c.org_id = $1 AND c.role_id = $2
         AND i.org_id = c.org_id AND i.candidate_id = c.id
         AND p.org_id = i.org_id AND p.interview_id = i.id)
     ORDER BY u.name, u.id";

/// The people who interview for role `role_id`: its team's interviewers and
/// everyone on a panel of its candidates, as (id, name), by name.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn role_interviewers(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(ROLE_INTERVIEWERS)
        .bind(org_id)
        .bind(role_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
        .collect()
}
