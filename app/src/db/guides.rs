//! Guide drafts and their published versions.

use super::{Db, Lock, ids, now_ms};
use crate::model::{Guide, GuideDraft, PublishedGuide};
use sqlx::Row;

/// Why a draft could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveDraftError {
    /// Someone saved a newer revision since this edit began.
    #[error("the guide was changed by someone else since you opened it")]
    Conflict,
    /// The role has no draft (no such role).
    #[error("no such guide")]
    NotFound,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// The draft guide of `role_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn load_draft(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Option<GuideDraft>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT draft_json, revision FROM guide_drafts WHERE org_id = $1 AND role_id = $2",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        let json: String = row.try_get("draft_json")?;
        let guide: Guide =
            serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
        Ok(GuideDraft {
            role_id: role_id.to_owned(),
            revision: row.try_get("revision")?,
            guide,
        })
    })
    .transpose()
}

/// Saves `guide` as the draft if the stored revision is still `base_revision`;
/// returns the new revision. A repeat of the save that produced the stored
/// revision (same content, same author: a double click, a retry) gets that
/// revision back instead of a conflict.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn save_draft(
    db: &Db,
    org_id: &str,
    role_id: &str,
    base_revision: i64,
    guide: &Guide,
    actor_id: &str,
) -> Result<i64, SaveDraftError> {
    let json = serde_json::to_string(guide).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut tx = db
        .begin_write(Lock::Role { org_id, role_id })
        .await
        .map_err(missing_as(SaveDraftError::NotFound))?;
    let Some(row) = sqlx::query(
        "SELECT draft_json, revision, updated_by FROM guide_drafts WHERE org_id = $1 AND role_id = $2",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(SaveDraftError::NotFound);
    };
    let revision: i64 = row.try_get("revision")?;
    if revision != base_revision {
        let stored: String = row.try_get("draft_json")?;
        let author: String = row.try_get("updated_by")?;
        if revision == base_revision + 1 && stored == json && author == actor_id {
            return Ok(revision);
        }
        return Err(SaveDraftError::Conflict);
    }
    sqlx::query(
        "UPDATE guide_drafts SET draft_json = $3, revision = $6 + 1, updated_by = $4, updated_at = $5
         WHERE org_id = $1 AND role_id = $2",
    )
    .bind(org_id)
    .bind(role_id)
    .bind(json)
    .bind(actor_id)
    .bind(now_ms())
    .bind(base_revision)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(base_revision + 1)
}

/// Why a guide was not published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The role has no draft (no such role).
    #[error("no such guide")]
    NotFound,
    /// The draft or the role's profile changed since the snapshot was taken.
    #[error("the guide changed since it was read")]
    Stale,
    /// The snapshot equals the latest published version: nothing to publish.
    #[error("nothing changed since version {0}")]
    Unchanged(i64),
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Stores `snapshot`, taken from the draft at `draft_revision`, as the next
/// version of its role's guide; fills in and returns its id and version
/// number. Under the role's lock it checks that the draft and the profile
/// are still what the snapshot was built from, and that the snapshot differs
/// from the latest version ("no change, no new version"), so concurrent
/// publishes of one draft make one version and versions have no gaps.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn publish(
    db: &Db,
    org_id: &str,
    mut snapshot: PublishedGuide,
    draft_revision: i64,
    actor_id: &str,
) -> Result<PublishedGuide, PublishError> {
    let role_id = snapshot.role_id.clone();
    let mut tx = db
        .begin_write(Lock::Role {
            org_id,
            role_id: &role_id,
        })
        .await
        .map_err(missing_as(PublishError::NotFound))?;
    let revision: Option<i64> =
        sqlx::query_scalar("SELECT revision FROM guide_drafts WHERE org_id = $1 AND role_id = $2")
            .bind(org_id)
            .bind(&role_id)
            .fetch_optional(&mut *tx)
            .await?;
    match revision {
        None => return Err(PublishError::NotFound),
        Some(r) if r != draft_revision => return Err(PublishError::Stale),
        Some(_) => {}
    }
    let profile: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT competency_id, required_level, weight FROM role_competencies
         WHERE org_id = $1 AND role_id = $2 ORDER BY position",
    )
    .bind(org_id)
    .bind(&role_id)
    .fetch_all(&mut *tx)
    .await?;
    let snapshot_profile: Vec<(String, i64, i64)> = snapshot
        .competencies
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                i64::from(c.required_level),
                i64::from(c.weight),
            )
        })
        .collect();
    if profile != snapshot_profile {
        return Err(PublishError::Stale);
    }
    let latest = sqlx::query(
        "SELECT version, snapshot_json FROM guide_versions WHERE org_id = $1 AND role_id = $2
         ORDER BY version DESC LIMIT 1",
    )
    .bind(org_id)
    .bind(&role_id)
    .fetch_optional(&mut *tx)
    .await?;
    let latest_version = match latest {
        Some(row) => {
            let version: i64 = row.try_get("version")?;
            let previous = decode(&row.try_get::<String, _>("snapshot_json")?)?;
            if same_content(&previous, &snapshot) {
                return Err(PublishError::Unchanged(version));
            }
            version
        }
        None => 0,
    };
    snapshot.version = latest_version + 1;
    snapshot.id = ids::new_id();
    snapshot.published_at = now_ms();
    let json = serde_json::to_string(&snapshot).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO guide_versions (org_id, id, role_id, version, snapshot_json, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(&snapshot.id)
    .bind(&snapshot.role_id)
    .bind(snapshot.version)
    .bind(json)
    .bind(actor_id)
    .bind(snapshot.published_at)
    .execute(&mut *tx)
    .await?;
    super::audit::append_in(
        &mut tx,
        &super::audit::AuditEntry {
            org_id,
            actor_id: Some(actor_id),
            action: "guide.publish",
            subject: &role_id,
            detail: &format!(r#"{{"version":{}}}"#, snapshot.version),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(snapshot)
}

/// Whether two snapshots hold the same guide, whatever their id, number
/// and publication time.
fn same_content(a: &PublishedGuide, b: &PublishedGuide) -> bool {
    let unnumbered = |g: &PublishedGuide| PublishedGuide {
        id: String::new(),
        version: 0,
        published_at: 0,
        ..g.clone()
    };
    unnumbered(a) == unnumbered(b)
}

/// Maps the write lock's missing parent to `missing`, other errors through.
fn missing_as<E: From<sqlx::Error>>(missing: E) -> impl FnOnce(sqlx::Error) -> E {
    move |e| match e {
        sqlx::Error::RowNotFound => missing,
        e => E::from(e),
    }
}

/// The newest published version of `role_id`'s guide.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn latest_version(
    db: &Db,
    org_id: &str,
    role_id: &str,
) -> Result<Option<PublishedGuide>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT snapshot_json FROM guide_versions WHERE org_id = $1 AND role_id = $2
         ORDER BY version DESC LIMIT 1",
    )
    .bind(org_id)
    .bind(role_id)
    .fetch_optional(db.pool())
    .await?;
    json.map(|j| decode(&j)).transpose()
}

/// One published version by id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_version(
    db: &Db,
    org_id: &str,
    version_id: &str,
) -> Result<Option<PublishedGuide>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT snapshot_json FROM guide_versions WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(version_id)
    .fetch_optional(db.pool())
    .await?;
    json.map(|j| decode(&j)).transpose()
}

fn decode(json: &str) -> Result<PublishedGuide, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_differing_only_in_number_and_time_hold_the_same_guide() {
        let v1 = PublishedGuide {
            id: "a".into(),
            role_id: "r".into(),
            role_title: "Support Lead".into(),
            version: 1,
            published_at: 10,
            competencies: Vec::new(),
            stages: Vec::new(),
            reference_questions: Vec::new(),
        };
        let again = PublishedGuide {
            id: "b".into(),
            version: 2,
            published_at: 20,
            ..v1.clone()
        };
        assert!(same_content(&v1, &again));
        let renamed = PublishedGuide {
            role_title: "Team Lead".into(),
            ..again
        };
        assert!(!same_content(&v1, &renamed), "a renamed role is a change");
    }
}
