//! Panel summaries: hiring decisions (append-only, audited) and the reads
//! the summary and the role's rater agreement are assembled from.

use super::{Db, ids, now_ms};
use crate::model::{Decision, DecisionKind, ScorecardContent};
use sqlx::Row;

/// Records a decision on `candidate_id` and its audit entry in one
/// transaction; returns when it was recorded (UTC milliseconds).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_decision(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    actor_id: &str,
    decision: DecisionKind,
    rationale: &str,
) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let id = ids::new_id();
    let mut tx = db
        .begin_write(super::Lock::Candidate {
            org_id,
            candidate_id,
        })
        .await?;
    sqlx::query(
        "INSERT INTO decisions (org_id, id, candidate_id, decision, rationale, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(candidate_id)
    .bind(decision.as_str())
    .bind(rationale)
    .bind(actor_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    // The rationale stays in `decisions`, where an erasure can reach it.
    let detail = serde_json::json!({
        "decision": decision.as_str(),
        "decision_id": id,
    })
    .to_string();
    super::audit::append_in(
        &mut tx,
        &super::audit::AuditEntry {
            org_id,
            actor_id: Some(actor_id),
            action: "candidate.decision",
            subject: candidate_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(now)
}

/// Every decision on `candidate_id`, newest first.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn decisions_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<Decision>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.decision, d.rationale, u.name, d.decided_at
         FROM decisions d JOIN users u ON u.org_id = d.org_id AND u.id = d.decided_by
         WHERE d.org_id = $1 AND d.candidate_id = $2
         ORDER BY d.decided_at DESC, d.id DESC",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("decision")?;
            Ok(Decision {
                decision: DecisionKind::parse(&kind).unwrap_or(DecisionKind::Hold),
                rationale: r.try_get("rationale")?,
                decided_by: r.try_get("name")?,
                decided_at: r.try_get("decided_at")?,
            })
        })
        .collect()
}

/// (interview id, guide version id) of every interview of `candidate_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn interview_guides(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, guide_version_id FROM interviews WHERE org_id = $1 AND candidate_id = $2",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("guide_version_id")?)))
        .collect()
}

/// One submitted scorecard of a role, for the agreement statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleScorecard {
    /// The candidate scored.
    pub candidate_id: String,
    /// The guide version the interview followed.
    pub guide_version_id: String,
    /// The content.
    pub content: ScorecardContent,
}

/// The submitted scorecards of every candidate of `role_id` (drafts are
/// filtered out here, in SQL).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn submitted_for_role(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Vec<RoleScorecard>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.candidate_id, i.guide_version_id, s.content_json
         FROM scorecards s
         JOIN candidates c ON c.org_id = s.org_id AND c.id = s.candidate_id
         JOIN interviews i ON i.org_id = s.org_id AND i.id = s.interview_id
         WHERE s.org_id = $1 AND c.role_id = $2 AND s.status = 'submitted'
         ORDER BY s.candidate_id, s.submitted_at",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let json: String = r.try_get("content_json")?;
            Ok(RoleScorecard {
                candidate_id: r.try_get("candidate_id")?,
                guide_version_id: r.try_get("guide_version_id")?,
                content: serde_json::from_str(&json)
                    .map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            })
        })
        .collect()
}
