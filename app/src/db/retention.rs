//! Which candidates the organization's retention rule makes due for
//! anonymisation: not erased yet, under no legal hold, and past the rule's
//! number of days.

use super::Db;
use super::holds::HELD;
use crate::model::{RetentionItem, RetentionRule};
use sqlx::Row;

/// Candidates of `org_id` due under `rule` with `days` at `now`.
pub async fn due(
    db: &Db,
    org_id: &str,
    rule: RetentionRule,
    days: i64,
    now: i64,
) -> Result<Vec<RetentionItem>, sqlx::Error> {
    let cutoff = now - days * 86_400_000;
    let (condition, why) = match rule {
        RetentionRule::Off => return Ok(Vec::new()),
        // The newest decision is final and older than the cutoff.
        RetentionRule::AfterDecision => (
            "EXISTS (SELECT 1 FROM decisions d WHERE d.org_id = c.org_id AND d.candidate_id = c.id
                 AND d.decision IN ('hire', 'no_hire') AND d.decided_at < $2
                 AND NOT EXISTS (SELECT 1 FROM decisions d2 WHERE d2.org_id = d.org_id
                     AND d2.candidate_id = d.candidate_id AND d2.decided_at > d.decided_at))",
            format!("a final decision more than {days} days ago"),
        ),
        // Nothing about them changed since the cutoff.
        RetentionRule::AfterInactivity => (
            "c.updated_at < $2
             AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.org_id = c.org_id AND i.candidate_id = c.id AND i.created_at >= $2)
             AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.org_id = c.org_id AND s.candidate_id = c.id AND s.updated_at >= $2)
             AND NOT EXISTS (SELECT 1 FROM reference_requests q WHERE q.org_id = c.org_id AND q.candidate_id = c.id AND q.updated_at >= $2)
             AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.org_id = c.org_id AND d.candidate_id = c.id AND d.decided_at >= $2)",
            format!("no activity for more than {days} days"),
        ),
    };
    let rows = sqlx::query(&format!(
        "SELECT c.id, c.role_id FROM candidates c
         WHERE c.org_id = $1 AND c.erased_at IS NULL AND NOT {HELD} AND {condition}
         ORDER BY c.id"
    ))
    .bind(org_id)
    .bind(cutoff)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RetentionItem {
                candidate_id: r.try_get("id")?,
                role_id: r.try_get("role_id")?,
                why: why.clone(),
            })
        })
        .collect()
}

/// The ids of every organization.
pub async fn organizations(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM organizations ORDER BY id")
        .fetch_all(db.pool())
        .await
}
