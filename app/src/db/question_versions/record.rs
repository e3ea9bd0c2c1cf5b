//! Writing a revision or a retirement of a bank question, with its audit
//! entry, in one transaction under the organization's lock (the bank is the
//! organization's, as in an import).

use super::super::audit::{AuditEntry, append_in};
use super::super::{Db, Lock, now_ms};
use super::encode;
use crate::model::QuestionVersion;
use question_bank::Competency;

/// A revision to store.
#[derive(Debug, Clone)]
pub struct RevisionRecord<'a> {
    /// The competency as it stands with the revision applied.
    pub competency: &'a Competency,
    /// The revised question.
    pub question_id: &'a str,
    /// The text the revision replaces, when it has no version recorded yet
    /// (the first revision, or text changed by an import since).
    pub baseline: Option<&'a QuestionVersion>,
    /// The new version.
    pub version: &'a QuestionVersion,
    /// Who revised it.
    pub actor_id: &'a str,
}

/// Stores `record`: the version rows, the competency's model (so the bank,
/// its export and new guides hold the new text) and its searchable row.
/// A concurrent revision of the same question fails on the version's key
/// (`db::is_write_conflict`).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn record_revision(
    db: &Db,
    org_id: &str,
    record: &RevisionRecord<'_>,
) -> Result<(), sqlx::Error> {
    let c = record.competency;
    let mut tx = db.begin_write(Lock::Organization(org_id)).await?;
    let versions = record
        .baseline
        .iter()
        .map(|v| (*v, None))
        .chain([(record.version, Some(record.actor_id))]);
    for (v, actor) in versions {
        sqlx::query(
            "INSERT INTO question_versions (org_id, question_id, version, competency_id, title,
               text, probes_json, listen_for_json, reason, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(org_id)
        .bind(record.question_id)
        .bind(i64::from(v.version))
        .bind(&c.id)
        .bind(&v.title)
        .bind(&v.text)
        .bind(encode(&v.probes)?)
        .bind(encode(&v.listen_for)?)
        .bind(&v.reason)
        .bind(actor)
        .bind(v.created_at)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "UPDATE competencies SET model_json = $3, content_hash = $4, updated_at = $5
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(&c.id)
    .bind(encode(c)?)
    .bind(question_bank::model_hash(c))
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let v = record.version;
    let search_text = [v.title.as_str(), v.text.as_str()]
        .into_iter()
        .chain(v.probes.iter().map(String::as_str))
        .chain(v.listen_for.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    sqlx::query(
        "UPDATE bank_questions SET text = $3, search_text = $4 WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(record.question_id)
    .bind(&v.text)
    .bind(search_text)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({ "version": v.version, "reason": v.reason }).to_string();
    append_in(
        &mut tx,
        &AuditEntry {
            org_id,
            actor_id: Some(record.actor_id),
            action: "question.revise",
            subject: record.question_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await
}

/// Marks `question_id` retired; `false` when it already was (nothing is
/// written then).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn record_retirement(
    db: &Db,
    org_id: &str,
    competency_id: &str,
    question_id: &str,
    reason: &str,
    actor_id: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write(Lock::Organization(org_id)).await?;
    let inserted = sqlx::query(
        "INSERT INTO question_retirements (org_id, question_id, competency_id, reason, retired_by, retired_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id, question_id) DO NOTHING",
    )
    .bind(org_id)
    .bind(question_id)
    .bind(competency_id)
    .bind(reason)
    .bind(actor_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Ok(false);
    }
    let detail = serde_json::json!({ "reason": reason }).to_string();
    append_in(
        &mut tx,
        &AuditEntry {
            org_id,
            actor_id: Some(actor_id),
            action: "question.retire",
            subject: question_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
