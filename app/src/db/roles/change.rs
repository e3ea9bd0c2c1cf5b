//! Changing a role: its fields, competency profile and hiring team. Each
//! change runs under the role's lock (see [`crate::db::Lock`]), compares
//! with what is stored, and writes and audits only a real change, so
//! concurrent replacements leave one request's whole result and the audit
//! log one entry per change that took effect.

use super::level;
use crate::db::{Db, Lock, now_ms};
use crate::model::{ProfileEntry, RoleInput, TeamRole};
use sqlx::Row;

/// Updates a role's fields; false when they already held `input`. Fails
/// with `RowNotFound` when there is no such role.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn update_role(
    db: &Db,
    org_id: &str,
    actor_id: &str,
    id: &str,
    input: &RoleInput,
) -> Result<bool, sqlx::Error> {
    let mut tx = db
        .begin_write(Lock::Role {
            org_id,
            role_id: id,
        })
        .await?;
    let current = sqlx::query(
        "SELECT title, department, description FROM roles WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let wanted = (
        input.title.trim(),
        input.department.trim(),
        input.description.trim(),
    );
    let stored: (String, String, String) = (
        current.try_get("title")?,
        current.try_get("department")?,
        current.try_get("description")?,
    );
    if (stored.0.as_str(), stored.1.as_str(), stored.2.as_str()) == wanted {
        return Ok(false);
    }
    sqlx::query(
        "UPDATE roles SET title = $3, department = $4, description = $5, updated_at = $6
         WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(id)
    .bind(wanted.0)
    .bind(wanted.1)
    .bind(wanted.2)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit(&mut tx, org_id, actor_id, "role.update", id, input).await?;
    tx.commit().await?;
    Ok(true)
}

/// Replaces a role's competency profile with `entries`, in their order;
/// false when it already was exactly that. Fails with `RowNotFound` when
/// there is no such role. Concurrent replacements queue on the role's lock,
/// so the profile is always one request's entries, never a mix.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_profile(
    db: &Db,
    org_id: &str,
    actor_id: &str,
    role_id: &str,
    entries: &[ProfileEntry],
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write(Lock::Role { org_id, role_id }).await?;
    let stored: Vec<ProfileEntry> = sqlx::query(
        "SELECT competency_id, required_level, weight FROM role_competencies
         WHERE org_id = $1 AND role_id = $2 ORDER BY position",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|r| {
        Ok(ProfileEntry {
            competency_id: r.try_get("competency_id")?,
            required_level: level(r.try_get("required_level")?),
            weight: level(r.try_get("weight")?),
        })
    })
    .collect::<Result<_, sqlx::Error>>()?;
    if stored == entries {
        return Ok(false);
    }
    sqlx::query("DELETE FROM role_competencies WHERE org_id = $1 AND role_id = $2")
        .bind(org_id)
        .bind(role_id)
        .execute(&mut *tx)
        .await?;
    for (position, e) in entries.iter().enumerate() {
        sqlx::query(
            "INSERT INTO role_competencies (org_id, role_id, competency_id, required_level, weight, position)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org_id)
        .bind(role_id)
        .bind(&e.competency_id)
        .bind(i64::from(e.required_level))
        .bind(i64::from(e.weight))
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    audit(&mut tx, org_id, actor_id, "role.profile", role_id, entries).await?;
    tx.commit().await?;
    Ok(true)
}

/// Replaces a role's hiring team; false when it already was exactly those
/// members. Fails with `RowNotFound` when there is no such role.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn set_team(
    db: &Db,
    org_id: &str,
    actor_id: &str,
    role_id: &str,
    members: &[(String, TeamRole)],
) -> Result<bool, sqlx::Error> {
    let mut wanted: Vec<(String, String)> = members
        .iter()
        .map(|(user, part)| (user.clone(), part.as_str().to_owned()))
        .collect();
    wanted.sort();
    wanted.dedup();
    let mut tx = db.begin_write(Lock::Role { org_id, role_id }).await?;
    let stored: Vec<(String, String)> = sqlx::query_as(
        "SELECT user_id, member_role FROM role_team WHERE org_id = $1 AND role_id = $2
         ORDER BY user_id, member_role",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_all(&mut *tx)
    .await?;
    if stored == wanted {
        return Ok(false);
    }
    sqlx::query("DELETE FROM role_team WHERE org_id = $1 AND role_id = $2")
        .bind(org_id)
        .bind(role_id)
        .execute(&mut *tx)
        .await?;
    for (user_id, team_role) in &wanted {
        sqlx::query(
            "INSERT INTO role_team (org_id, role_id, user_id, member_role) VALUES ($1, $2, $3, $4)",
        )
        .bind(org_id)
        .bind(role_id)
        .bind(user_id)
        .bind(team_role)
        .execute(&mut *tx)
        .await?;
    }
    audit(&mut tx, org_id, actor_id, "role.team", role_id, &wanted).await?;
    tx.commit().await?;
    Ok(true)
}

/// The audit entry of a change to role `subject`, with what it was set to.
pub(super) async fn audit(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    org_id: &str,
    actor_id: &str,
    action: &str,
    subject: &str,
    detail: &(impl serde::Serialize + ?Sized),
) -> Result<(), sqlx::Error> {
    let detail = serde_json::to_string(detail).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    crate::db::audit::append_in(
        tx,
        &crate::db::audit::AuditEntry {
            org_id,
            actor_id: Some(actor_id),
            action,
            subject,
            detail: &detail,
        },
    )
    .await
}
