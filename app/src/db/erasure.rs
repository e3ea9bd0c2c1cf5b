//! Erasing a candidate's personal data, in one transaction under the
//! candidate's lock: their name, email and notes, every free-text field of
//! their scorecards (every version) and decisions, their referees (names,
//! contact details, answers, reviews of signals) and every message composed
//! about them. Ratings, recommendations and decisions stay, de-identified,
//! so a role's statistics still add up. The audit log keeps that the
//! erasure happened, by whom and why, and nothing of what was erased.

use super::{Db, Lock, audit, now_ms};
use crate::model::ScorecardContent;
use sqlx::Row;
use sqlx::{Any, Transaction};

/// The name an erased candidate is shown under.
pub const ERASED_NAME: &str = "Erased candidate";

/// Why a candidate was not erased.
#[derive(Debug, thiserror::Error)]
pub enum EraseError {
    /// There is no such candidate.
    #[error("no such candidate")]
    NoCandidate,
    /// A legal hold is in force on the candidate or their role.
    #[error("a legal hold is in force on this candidate or their role")]
    Held,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Who asked for an erasure, as the audit entry records it.
#[derive(Debug, Clone, Copy)]
pub struct Erasure<'a> {
    /// The account that erased, `None` for the command line or retention.
    pub actor_id: Option<&'a str>,
    /// Why, in the eraser's words (no personal data of the candidate).
    pub reason: &'a str,
    /// `request` (a person asked) or `retention`.
    pub via: &'a str,
}

/// Erases candidate `candidate_id`. Returns false when they were already
/// erased (nothing is done or audited again), so of two concurrent erasures
/// exactly one takes effect.
pub async fn erase_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    erasure: Erasure<'_>,
) -> Result<bool, EraseError> {
    let mut tx = db
        .begin_write(Lock::Candidate {
            org_id,
            candidate_id,
        })
        .await
        .map_err(|e| match e {
            sqlx::Error::RowNotFound => EraseError::NoCandidate,
            e => e.into(),
        })?;
    let erased_at: Option<i64> =
        sqlx::query_scalar("SELECT erased_at FROM candidates WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(candidate_id)
            .fetch_one(&mut *tx)
            .await?;
    if erased_at.is_some() {
        return Ok(false);
    }
    if super::holds::is_held_in(&mut tx, org_id, candidate_id).await? {
        return Err(EraseError::Held);
    }
    let now = now_ms();
    sqlx::query(
        "UPDATE candidates SET name = $3, email = '', notes = '', erased_at = $4, updated_at = $4
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(candidate_id)
    .bind(ERASED_NAME)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    erase_scorecards(&mut tx, org_id, candidate_id).await?;
    sqlx::query("UPDATE decisions SET rationale = '' WHERE org_id = $1 AND candidate_id = $2")
        .bind(org_id)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    // Mail and reminders about the candidate, their interviews or their
    // referees (which name the candidate and the referees), then the
    // referees.
    for table in ["outbox", "reminders"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE org_id = $1 AND {}",
            super::export::about_the_candidate!()
        ))
        .bind(org_id)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    }
    for table in ["reference_signal_reviews", "reference_requests"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE org_id = $1 AND candidate_id = $2"
        ))
        .bind(org_id)
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
    }
    let detail = serde_json::json!({ "via": erasure.via, "reason": erasure.reason }).to_string();
    audit::append_in(
        &mut tx,
        &audit::AuditEntry {
            org_id,
            actor_id: erasure.actor_id,
            action: "candidate.erase",
            subject: candidate_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    // No more autosaves into the erased candidate's scorecards, here at
    // once (see `scorecards::find_seat_to_save`).
    db.seat_cache()
        .forget(|(org, _, _), seat| org == org_id && seat.candidate_id == candidate_id);
    Ok(true)
}

/// Clears the free text of every scorecard of the candidate and of every
/// submitted version, keeping ratings and recommendations.
async fn erase_scorecards(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
    candidate_id: &str,
) -> Result<(), sqlx::Error> {
    let cards = sqlx::query(
        "SELECT id, content_json FROM scorecards WHERE org_id = $1 AND candidate_id = $2",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(&mut **tx)
    .await?;
    for card in &cards {
        let id: String = card.try_get("id")?;
        let content: String = card.try_get("content_json")?;
        sqlx::query("UPDATE scorecards SET content_json = $3 WHERE org_id = $1 AND id = $2")
            .bind(org_id)
            .bind(&id)
            .bind(without_free_text(&content))
            .execute(&mut **tx)
            .await?;
        let versions = sqlx::query(
            "SELECT version, content_json FROM scorecard_versions WHERE org_id = $1 AND scorecard_id = $2",
        )
        .bind(org_id)
        .bind(&id)
        .fetch_all(&mut **tx)
        .await?;
        for v in &versions {
            let version: i64 = v.try_get("version")?;
            let content: String = v.try_get("content_json")?;
            sqlx::query(
                "UPDATE scorecard_versions SET content_json = $4, reason = ''
                 WHERE org_id = $1 AND scorecard_id = $2 AND version = $3",
            )
            .bind(org_id)
            .bind(&id)
            .bind(version)
            .bind(without_free_text(&content))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

/// The scorecard content JSON with every free-text field emptied; content
/// that does not parse is dropped whole.
fn without_free_text(content_json: &str) -> String {
    let Ok(mut content) = serde_json::from_str::<ScorecardContent>(content_json) else {
        return "{}".to_owned();
    };
    for q in content.questions.values_mut() {
        q.notes.clear();
    }
    for c in content.competencies.values_mut() {
        c.evidence.clear();
        c.not_assessed_reason.clear();
    }
    content.summary.clear();
    serde_json::to_string(&content).unwrap_or_else(|_| "{}".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_goes_and_ratings_stay() {
        let json = r#"{"questions":{"q1":{"notes":"SECRET","rating":"Independent"}},
            "competencies":{"c":{"assessment":{"rated":"Independent"},"evidence":"SECRET",
            "not_assessed_reason":"SECRET"}},"recommendation":"yes","summary":"SECRET"}"#;
        let out = without_free_text(json);
        assert!(!out.contains("SECRET"), "{out}");
        assert!(out.contains("Independent") && out.contains("yes"), "{out}");
        assert_eq!(without_free_text("not json"), "{}");
    }
}
