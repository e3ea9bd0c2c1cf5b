//! Legal holds on a candidate or a whole role, and the organization's data
//! settings (retention rule, referee consent text).

use super::{Db, Lock, audit, ids, now_ms};
use crate::model::{DataSettings, HoldScope, LegalHold, RetentionRule};
use sqlx::Row;

/// Places a hold on `subject_id` (a candidate or role of `org_id`),
/// audited; returns its id, or `None` when there is no such subject.
pub async fn place(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    scope: HoldScope,
    subject_id: &str,
    reason: &str,
) -> Result<Option<String>, sqlx::Error> {
    // Under the candidate's lock, so a hold and an erasure of the same
    // candidate happen one after the other; a role's hold takes the role's.
    let lock = match scope {
        HoldScope::Candidate => Lock::Candidate {
            org_id,
            candidate_id: subject_id,
        },
        HoldScope::Role => Lock::Role {
            org_id,
            role_id: subject_id,
        },
    };
    let mut tx = match db.begin_write(lock).await {
        Ok(tx) => tx,
        Err(sqlx::Error::RowNotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let id = ids::new_id();
    sqlx::query(
        "INSERT INTO legal_holds (org_id, id, scope, subject_id, reason, placed_by, placed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(scope.as_str())
    .bind(subject_id)
    .bind(reason)
    .bind(actor_id)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let detail =
        serde_json::json!({ "hold_id": id, "scope": scope.as_str(), "reason": reason }).to_string();
    audit::append_in(
        &mut tx,
        &audit::AuditEntry {
            org_id,
            actor_id,
            action: "hold.place",
            subject: subject_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Lifts hold `hold_id`, audited; false when there is no such hold in
/// force.
pub async fn lift(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    hold_id: &str,
    reason: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let subject: Option<String> = sqlx::query_scalar(
        "UPDATE legal_holds SET lifted_by = $3, lifted_at = $4, lift_reason = $5
         WHERE org_id = $1 AND id = $2 AND lifted_at IS NULL RETURNING subject_id",
    )
    .bind(org_id)
    .bind(hold_id)
    .bind(actor_id)
    .bind(now_ms())
    .bind(reason)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(subject) = subject else {
        return Ok(false);
    };
    let detail = serde_json::json!({ "hold_id": hold_id, "reason": reason }).to_string();
    audit::append_in(
        &mut tx,
        &audit::AuditEntry {
            org_id,
            actor_id,
            action: "hold.lift",
            subject: &subject,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The SQL condition "candidate `c` is under a hold in force", for a query
/// with the organization as `$1` and candidates aliased `c`.
pub(super) const HELD: &str = "EXISTS (SELECT 1 FROM legal_holds h WHERE h.org_id = c.org_id
     AND h.lifted_at IS NULL
     AND ((h.scope = 'candidate' AND h.subject_id = c.id) OR (h.scope = 'role' AND h.subject_id = c.role_id)))";

/// Whether candidate `candidate_id` is under a hold in force (their own or
/// their role's), read through `conn` (a transaction holding their lock).
pub async fn is_held_in(
    conn: &mut sqlx::AnyConnection,
    org_id: &str,
    candidate_id: &str,
) -> Result<bool, sqlx::Error> {
    let held: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT 1 FROM candidates c WHERE c.org_id = $1 AND c.id = $2 AND {HELD}"
    ))
    .bind(org_id)
    .bind(candidate_id)
    .fetch_optional(conn)
    .await?;
    Ok(held.is_some())
}

/// Holds of `org_id`: those in force first, then lifted ones, newest first.
/// With `subject_ids`, only holds on those candidates or roles.
pub async fn list(
    db: &Db,
    org_id: &str,
    subject_ids: Option<&[&str]>,
) -> Result<Vec<LegalHold>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT h.id, h.scope, h.subject_id, h.reason, h.placed_at, h.lifted_at, h.lift_reason,
                COALESCE(u.name, '') AS placed_by,
                COALESCE(c.name, r.title, '') AS label
         FROM legal_holds h
         LEFT JOIN users u ON u.org_id = h.org_id AND u.id = h.placed_by
         LEFT JOIN candidates c ON h.scope = 'candidate' AND c.org_id = h.org_id AND c.id = h.subject_id
         LEFT JOIN roles r ON h.scope = 'role' AND r.org_id = h.org_id AND r.id = h.subject_id
         WHERE h.org_id = $1
         ORDER BY (h.lifted_at IS NULL) DESC, h.placed_at DESC",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    let mut holds = Vec::new();
    for row in &rows {
        let subject_id: String = row.try_get("subject_id")?;
        if subject_ids.is_some_and(|ids| !ids.contains(&subject_id.as_str())) {
            continue;
        }
        let scope: String = row.try_get("scope")?;
        holds.push(LegalHold {
            id: row.try_get("id")?,
            scope: HoldScope::parse(&scope).unwrap_or(HoldScope::Candidate),
            subject_id,
            subject_label: row.try_get("label")?,
            reason: row.try_get("reason")?,
            placed_by: row.try_get("placed_by")?,
            placed_at: row.try_get("placed_at")?,
            lifted_at: row.try_get("lifted_at")?,
            lift_reason: row.try_get("lift_reason")?,
        });
    }
    Ok(holds)
}

/// The organization's data settings.
pub async fn settings(db: &Db, org_id: &str) -> Result<DataSettings, sqlx::Error> {
    let row = sqlx::query(
        "SELECT retention_rule, retention_days, referee_consent_text FROM organizations WHERE id = $1",
    )
    .bind(org_id)
    .fetch_one(db.pool())
    .await?;
    let rule: String = row.try_get("retention_rule")?;
    Ok(DataSettings {
        retention_rule: RetentionRule::parse(&rule).unwrap_or(RetentionRule::Off),
        retention_days: row.try_get("retention_days")?,
        referee_consent_text: row.try_get("referee_consent_text")?,
    })
}

/// Replaces the organization's data settings, audited.
pub async fn save_settings(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    settings: &DataSettings,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write(Lock::Organization(org_id)).await?;
    sqlx::query(
        "UPDATE organizations SET retention_rule = $2, retention_days = $3, referee_consent_text = $4
         WHERE id = $1",
    )
    .bind(org_id)
    .bind(settings.retention_rule.as_str())
    .bind(settings.retention_days)
    .bind(&settings.referee_consent_text)
    .execute(&mut *tx)
    .await?;
    let detail = serde_json::json!({
        "retention_rule": settings.retention_rule.as_str(),
        "retention_days": settings.retention_days,
    })
    .to_string();
    audit::append_in(
        &mut tx,
        &audit::AuditEntry {
            org_id,
            actor_id,
            action: "settings.data",
            subject: org_id,
            detail: &detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
