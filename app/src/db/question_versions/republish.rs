//! Taking a revised or retired bank question into the guides that use it:
//! the role's draft and a new published version get the change, and the
//! role's interviews that have not started (no scorecard saved or
//! submitted) move to that version, so every candidate not yet interviewed
//! is asked the same questions. Interviews with any scorecard stay on the
//! version they were asked.

use super::super::audit::{AuditEntry, append_in};
use super::super::{Db, Lock, ids, now_ms};
use super::{decode, encode};
use crate::model::{Guide, PublishedGuide, QuestionChange};
use sqlx::Row;

/// What republishing one role's guide did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Republished {
    /// The role's title.
    pub role_title: String,
    /// The version published, if the latest published one held the question.
    pub version: Option<i64>,
    /// Interviews moved to it.
    pub interviews_moved: usize,
}

/// The roles whose draft or latest published guide holds bank question
/// `bank_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn roles_using(db: &Db, org_id: &str, bank_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let uses = |stages: &[crate::model::Stage], refs: &[crate::model::GuideQuestion]| {
        stages
            .iter()
            .flat_map(|s| &s.sections)
            .flat_map(|s| &s.questions)
            .chain(refs)
            .any(|q| q.bank_id.as_deref() == Some(bank_id))
    };
    let mut roles = Vec::new();
    let latest = sqlx::query(
        "SELECT g.role_id, g.snapshot_json FROM guide_versions g
         WHERE g.org_id = $1 AND g.version = (SELECT MAX(x.version) FROM guide_versions x
           WHERE x.org_id = g.org_id AND x.role_id = g.role_id)",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    for row in &latest {
        let guide: PublishedGuide = decode(&row.try_get::<String, _>("snapshot_json")?)?;
        if uses(&guide.stages, &guide.reference_questions) {
            roles.push(row.try_get::<String, _>("role_id")?);
        }
    }
    let drafts = sqlx::query("SELECT role_id, draft_json FROM guide_drafts WHERE org_id = $1")
        .bind(org_id)
        .fetch_all(db.pool())
        .await?;
    for row in &drafts {
        let guide: Guide = decode(&row.try_get::<String, _>("draft_json")?)?;
        let role_id: String = row.try_get("role_id")?;
        if uses(&guide.stages, &guide.reference_questions) && !roles.contains(&role_id) {
            roles.push(role_id);
        }
    }
    roles.sort();
    Ok(roles)
}

/// Applies `change` to `role_id`'s draft and, when its latest published
/// version holds the question, publishes the next version with the change
/// and moves the role's unstarted interviews to it; all in one transaction
/// under the role's lock (as a publish is). `None` when the guide did not
/// hold the question (any more).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn republish(
    db: &Db,
    org_id: &str,
    role_id: &str,
    change: &QuestionChange,
    actor_id: &str,
) -> Result<Option<Republished>, sqlx::Error> {
    let mut tx = db.begin_write(Lock::Role { org_id, role_id }).await?;
    let mut draft_changed = false;
    if let Some(row) =
        sqlx::query("SELECT draft_json FROM guide_drafts WHERE org_id = $1 AND role_id = $2")
            .bind(org_id)
            .bind(role_id)
            .fetch_optional(&mut *tx)
            .await?
    {
        let mut draft: Guide = decode(&row.try_get::<String, _>("draft_json")?)?;
        if change.apply(&mut draft.stages, &mut draft.reference_questions) {
            draft_changed = true;
            // A new revision: an editor who opened the draft before must
            // reload rather than save the old question back.
            sqlx::query(
                "UPDATE guide_drafts SET draft_json = $3, revision = revision + 1, updated_by = $4,
                   updated_at = $5 WHERE org_id = $1 AND role_id = $2",
            )
            .bind(org_id)
            .bind(role_id)
            .bind(encode(&draft)?)
            .bind(actor_id)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        }
    }
    let latest = sqlx::query(
        "SELECT snapshot_json FROM guide_versions WHERE org_id = $1 AND role_id = $2
         ORDER BY version DESC LIMIT 1",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_optional(&mut *tx)
    .await?;
    let mut snapshot: Option<PublishedGuide> = latest
        .map(|row| decode(&row.try_get::<String, _>("snapshot_json")?))
        .transpose()?;
    let mut published = false;
    if let Some(g) = snapshot.as_mut()
        && change.apply(&mut g.stages, &mut g.reference_questions)
    {
        g.version += 1;
        g.id = ids::new_id();
        g.published_at = now_ms();
        published = true;
    }
    if !published && !draft_changed {
        return Ok(None);
    }
    let title: String = sqlx::query_scalar("SELECT title FROM roles WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(role_id)
        .fetch_one(&mut *tx)
        .await?;
    let mut out = Republished {
        role_title: title,
        version: None,
        interviews_moved: 0,
    };
    if let Some(g) = snapshot.filter(|_| published) {
        sqlx::query(
            "INSERT INTO guide_versions (org_id, id, role_id, version, snapshot_json, published_by, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(org_id)
        .bind(&g.id)
        .bind(role_id)
        .bind(g.version)
        .bind(encode(&g)?)
        .bind(actor_id)
        .bind(g.published_at)
        .execute(&mut *tx)
        .await?;
        // One conditional statement: an interview whose first scorecard is
        // being saved right now either has it (and stays) or does not yet
        // (and moves before that save reads its guide version). Candidates
        // never change role, so only the role's candidates' interviews are
        // read, not every interview of the organisation.
        let moved = sqlx::query(
            "UPDATE interviews SET guide_version_id = $3
             WHERE org_id = $1 AND guide_version_id <> $3
               AND candidate_id IN (SELECT id FROM candidates WHERE org_id = $1 AND role_id = $2)
               AND guide_version_id IN (SELECT id FROM guide_versions WHERE org_id = $1 AND role_id = $2)
               AND NOT EXISTS (SELECT 1 FROM scorecards s
                 WHERE s.org_id = interviews.org_id AND s.interview_id = interviews.id)",
        )
        .bind(org_id)
        .bind(role_id)
        .bind(&g.id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let detail = serde_json::json!({
            "version": g.version,
            "question": change.bank_id(),
            "interviews_moved": moved,
        })
        .to_string();
        append_in(
            &mut tx,
            &AuditEntry {
                org_id,
                actor_id: Some(actor_id),
                action: "guide.publish",
                subject: role_id,
                detail: &detail,
            },
        )
        .await?;
        out.version = Some(g.version);
        out.interviews_moved = usize::try_from(moved).unwrap_or(usize::MAX);
    }
    tx.commit().await?;
    Ok(Some(out))
}
