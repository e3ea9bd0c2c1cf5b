//! The history of bank questions: their versions and retirements
//! (migration 0014), and writing a revision or a retirement into the bank
//! (`record`) and into the guides that use the question (`republish`).

mod record;
mod republish;

pub use record::{RevisionRecord, record_retirement, record_revision};
pub use republish::{Republished, republish, roles_using};

use super::Db;
use crate::model::{QuestionHistory, QuestionVersion, Retirement};
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

/// The history of every question of `competency_id` that has one (a
/// version or a retirement), by question id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn histories(
    db: &Db,
    org_id: &str,
    competency_id: &str,
) -> Result<BTreeMap<String, QuestionHistory>, sqlx::Error> {
    let versions = sqlx::query(
        "SELECT v.question_id, v.version, v.title, v.text, v.probes_json, v.listen_for_json,
                v.reason, u.name AS created_by, v.created_at
         FROM question_versions v
         LEFT JOIN users u ON u.org_id = v.org_id AND u.id = v.created_by
         WHERE v.org_id = $1 AND v.competency_id = $2
         ORDER BY v.question_id, v.version",
    )
    .bind(org_id)
    .bind(competency_id)
    .fetch_all(db.pool())
    .await?;
    let mut out: BTreeMap<String, QuestionHistory> = BTreeMap::new();
    for row in &versions {
        let id: String = row.try_get("question_id")?;
        let version = version_of_row(row)?;
        history_entry(&mut out, &id).versions.push(version);
    }
    let retired = sqlx::query(
        "SELECT r.question_id, r.reason, u.name AS retired_by, r.retired_at
         FROM question_retirements r
         LEFT JOIN users u ON u.org_id = r.org_id AND u.id = r.retired_by
         WHERE r.org_id = $1 AND r.competency_id = $2",
    )
    .bind(org_id)
    .bind(competency_id)
    .fetch_all(db.pool())
    .await?;
    for row in &retired {
        let id: String = row.try_get("question_id")?;
        history_entry(&mut out, &id).retired = Some(Retirement {
            reason: row.try_get("reason")?,
            retired_by: row
                .try_get::<Option<String>, _>("retired_by")?
                .unwrap_or_default(),
            retired_at: row.try_get("retired_at")?,
        });
    }
    Ok(out)
}

/// The versions of one question, oldest first, and whether it is retired.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn versions_of(
    db: &Db,
    org_id: &str,
    question_id: &str,
) -> Result<(Vec<QuestionVersion>, bool), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.version, v.title, v.text, v.probes_json, v.listen_for_json, v.reason,
                u.name AS created_by, v.created_at
         FROM question_versions v
         LEFT JOIN users u ON u.org_id = v.org_id AND u.id = v.created_by
         WHERE v.org_id = $1 AND v.question_id = $2 ORDER BY v.version",
    )
    .bind(org_id)
    .bind(question_id)
    .fetch_all(db.pool())
    .await?;
    let versions = rows.iter().map(version_of_row).collect::<Result<_, _>>()?;
    let retired: Option<String> = sqlx::query_scalar(
        "SELECT question_id FROM question_retirements WHERE org_id = $1 AND question_id = $2",
    )
    .bind(org_id)
    .bind(question_id)
    .fetch_optional(db.pool())
    .await?;
    Ok((versions, retired.is_some()))
}

/// The ids of the retired questions of `org_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn retired_ids(db: &Db, org_id: &str) -> Result<BTreeSet<String>, sqlx::Error> {
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT question_id FROM question_retirements WHERE org_id = $1")
            .bind(org_id)
            .fetch_all(db.pool())
            .await?;
    Ok(ids.into_iter().collect())
}

/// Question id → (version, text) of every recorded version, for telling
/// which version a guide's copy of a question is.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn version_texts(
    db: &Db,
    org_id: &str,
) -> Result<BTreeMap<String, Vec<(u32, String)>>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT question_id, version, text FROM question_versions WHERE org_id = $1
         ORDER BY question_id, version",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    let mut out: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
    for row in &rows {
        let version: i64 = row.try_get("version")?;
        out.entry(row.try_get("question_id")?)
            .or_default()
            .push((u32::try_from(version).unwrap_or(1), row.try_get("text")?));
    }
    Ok(out)
}

fn history_entry<'a>(
    out: &'a mut BTreeMap<String, QuestionHistory>,
    id: &str,
) -> &'a mut QuestionHistory {
    out.entry(id.to_owned()).or_insert_with(|| QuestionHistory {
        question_id: id.to_owned(),
        versions: Vec::new(),
        retired: None,
    })
}

fn version_of_row(row: &sqlx::any::AnyRow) -> Result<QuestionVersion, sqlx::Error> {
    let version: i64 = row.try_get("version")?;
    Ok(QuestionVersion {
        version: u32::try_from(version).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        title: row.try_get("title")?,
        text: row.try_get("text")?,
        probes: decode(&row.try_get::<String, _>("probes_json")?)?,
        listen_for: decode(&row.try_get::<String, _>("listen_for_json")?)?,
        reason: row.try_get("reason")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
    })
}

fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}
