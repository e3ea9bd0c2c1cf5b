//! Guide drafts and their published versions.

use super::{Db, ids, now_ms};
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
/// returns the new revision.
pub async fn save_draft(
    db: &Db,
    org_id: &str,
    role_id: &str,
    base_revision: i64,
    guide: &Guide,
    actor_id: &str,
) -> Result<i64, SaveDraftError> {
    let json = serde_json::to_string(guide).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let done = sqlx::query(
        "UPDATE guide_drafts SET draft_json = $3, revision = revision + 1, updated_by = $4, updated_at = $5
         WHERE org_id = $1 AND role_id = $2 AND revision = $6",
    )
    .bind(org_id)
    .bind(role_id)
    .bind(json)
    .bind(actor_id)
    .bind(now_ms())
    .bind(base_revision)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 1 {
        return Ok(base_revision + 1);
    }
    match load_draft(db, org_id, role_id).await? {
        Some(_) => Err(SaveDraftError::Conflict),
        None => Err(SaveDraftError::NotFound),
    }
}

/// Stores `snapshot` as the next version of its role's guide; fills in and
/// returns its id and version number.
pub async fn publish(
    db: &Db,
    org_id: &str,
    mut snapshot: PublishedGuide,
    actor_id: &str,
) -> Result<PublishedGuide, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let latest: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(version) FROM guide_versions WHERE org_id = $1 AND role_id = $2",
    )
    .bind(org_id)
    .bind(&snapshot.role_id)
    .fetch_one(&mut *tx)
    .await?;
    snapshot.version = latest.unwrap_or(0) + 1;
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
    tx.commit().await?;
    Ok(snapshot)
}

/// The newest published version of `role_id`'s guide.
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
