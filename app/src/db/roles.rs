//! Roles: their fields, competency profile and hiring team. Creating and
//! reading here; changing them in `change`.

mod change;

pub use change::{set_profile, set_team, update_role};

use super::{Db, Lock, ids, now_ms};
use crate::model::{RoleCompetency, RoleDetail, RoleInput, RoleSummary, TeamMember, TeamRole};
use sqlx::Row;

/// Creates a role with an empty guide draft and returns its id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_role(
    db: &Db,
    org_id: &str,
    actor_id: &str,
    input: &RoleInput,
) -> Result<String, sqlx::Error> {
    let id = ids::new_id();
    let now = now_ms();
    // Only new rows under a new id: nothing another writer could change.
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    sqlx::query(
        "INSERT INTO roles (org_id, id, title, department, description, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(input.title.trim())
    .bind(input.department.trim())
    .bind(input.description.trim())
    .bind(actor_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO guide_drafts (org_id, role_id, draft_json, revision, updated_by, updated_at)
         VALUES ($1, $2, $3, 1, $4, $5)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(r#"{"stages":[],"reference_questions":[]}"#)
    .bind(actor_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    change::audit(&mut tx, org_id, actor_id, "role.create", &id, input).await?;
    tx.commit().await?;
    Ok(id)
}

/// Roles of `org_id` by title; with `member`, only roles that account is on
/// the hiring team of.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_roles(
    db: &Db,
    org_id: &str,
    member: Option<&str>,
) -> Result<Vec<RoleSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.title, r.department,
           (SELECT COUNT(*) FROM candidates c WHERE c.org_id = r.org_id AND c.role_id = r.id) AS candidates,
           (SELECT MAX(v.version) FROM guide_versions v WHERE v.org_id = r.org_id AND v.role_id = r.id) AS published
         FROM roles r
         WHERE r.org_id = $1 AND ($2 = '' OR EXISTS (
           SELECT 1 FROM role_team t WHERE t.org_id = r.org_id AND t.role_id = r.id AND t.user_id = $2))
         ORDER BY r.title, r.created_at",
    )
    .bind(org_id)
    .bind(member.unwrap_or(""))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(RoleSummary {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                department: row.try_get("department")?,
                candidates: row.try_get("candidates")?,
                published_version: row.try_get("published")?,
            })
        })
        .collect()
}

/// One role with its profile and team.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_role(db: &Db, org_id: &str, id: &str) -> Result<Option<RoleDetail>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "SELECT r.title, r.department, r.description,
           (SELECT MAX(v.version) FROM guide_versions v WHERE v.org_id = r.org_id AND v.role_id = r.id) AS published
         FROM roles r WHERE r.org_id = $1 AND r.id = $2",
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let competencies = sqlx::query(
        "SELECT p.competency_id, c.name, p.required_level, p.weight
         FROM role_competencies p JOIN competencies c ON c.org_id = p.org_id AND c.id = p.competency_id
         WHERE p.org_id = $1 AND p.role_id = $2 ORDER BY p.position",
    )
    .bind(org_id)
    .bind(id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| {
        Ok(RoleCompetency {
            competency_id: r.try_get("competency_id")?,
            name: r.try_get("name")?,
            required_level: level(r.try_get("required_level")?),
            weight: level(r.try_get("weight")?),
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let team = sqlx::query(
        "SELECT t.user_id, u.name, u.email, u.role, t.member_role
         FROM role_team t JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id
         WHERE t.org_id = $1 AND t.role_id = $2 ORDER BY t.member_role, u.name",
    )
    .bind(org_id)
    .bind(id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .filter_map(|r| {
        let role: String = r.try_get("member_role").ok()?;
        Some(TeamMember {
            user_id: r.try_get("user_id").ok()?,
            name: r.try_get("name").ok()?,
            email: r.try_get("email").ok()?,
            team_role: TeamRole::parse(&role)?,
            account: r.try_get::<String, _>("role").ok()?.parse().ok()?,
        })
    })
    .collect();
    Ok(Some(RoleDetail {
        id: id.to_owned(),
        input: RoleInput {
            title: row.try_get("title")?,
            department: row.try_get("department")?,
            description: row.try_get("description")?,
        },
        competencies,
        team,
        published_version: row.try_get("published")?,
        viewer_can_manage: false,
    }))
}

/// The parts `user_id` plays on the team of `role_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn team_roles_of(
    db: &Db,
    org_id: &str,
    role_id: &str,
    user_id: &str,
) -> Result<Vec<TeamRole>, sqlx::Error> {
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT member_role FROM role_team WHERE org_id = $1 AND role_id = $2 AND user_id = $3",
    )
    .bind(org_id)
    .bind(role_id)
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(roles.iter().filter_map(|r| TeamRole::parse(r)).collect())
}

pub(super) fn level(value: i64) -> u8 {
    u8::try_from(value.clamp(1, 5)).unwrap_or(1)
}
