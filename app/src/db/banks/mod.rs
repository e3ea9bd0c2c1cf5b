//! Imported question banks: storing them (`import`), what still uses their
//! questions (`usage`), and reading and searching them.

mod import;
mod store;
mod usage;

pub use import::{
    BankImport, ImportError, ImportOptions, ImportProblem, ImportReport, RemovedQuestion,
    import_banks,
};

use super::{Db, escape_like};
use crate::model::{QuestionFilter, QuestionHit};
use question_bank::Competency;
use sqlx::Row;

/// Why a stored bank could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BankStoreError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// A stored model does not decode (written by an incompatible version).
    #[error("stored competency {id} cannot be read: {source}")]
    Decode {
        /// The competency.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
}

/// A stored competency and where it was imported from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBank {
    /// The competency.
    pub competency: Competency,
    /// The file or source it was imported from.
    pub source: String,
}

/// Every competency of `org_id` with its source (to check new banks against).
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn stored_banks(db: &Db, org_id: &str) -> Result<Vec<StoredBank>, BankStoreError> {
    let rows = sqlx::query("SELECT id, source, model_json FROM competencies WHERE org_id = $1")
        .bind(org_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(StoredBank {
                competency: decode_row(row)?,
                source: row.try_get("source")?,
            })
        })
        .collect()
}

/// Every competency of `org_id`, by name.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_competencies(db: &Db, org_id: &str) -> Result<Vec<Competency>, BankStoreError> {
    let rows =
        sqlx::query("SELECT id, model_json FROM competencies WHERE org_id = $1 ORDER BY name")
            .bind(org_id)
            .fetch_all(db.pool())
            .await?;
    rows.iter().map(decode_row).collect()
}

/// One competency of `org_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_competency(
    db: &Db,
    org_id: &str,
    id: &str,
) -> Result<Option<Competency>, BankStoreError> {
    let row = sqlx::query("SELECT id, model_json FROM competencies WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(decode_row).transpose()
}

fn decode_row(row: &sqlx::any::AnyRow) -> Result<Competency, BankStoreError> {
    let id: String = row.try_get("id")?;
    let json: String = row.try_get("model_json")?;
    serde_json::from_str(&json).map_err(|source| BankStoreError::Decode { id, source })
}

/// The questions of `org_id` matching `filter`, in bank order, at most `limit`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn search_questions(
    db: &Db,
    org_id: &str,
    filter: &QuestionFilter,
    limit: i64,
) -> Result<Vec<QuestionHit>, sqlx::Error> {
    // Built from fixed fragments only; every value is a bound parameter.
    let mut sql = String::from(
        "SELECT q.id, q.competency_id, q.kind, q.title, q.text, q.targets
         FROM bank_questions q JOIN competencies c ON c.org_id = q.org_id AND c.id = q.competency_id
         WHERE q.org_id = $1",
    );
    let mut binds: Vec<String> = vec![org_id.to_owned()];
    let mut push = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace("{}", &format!("${}", binds.len())));
    };
    if let Some(c) = non_empty(&filter.competency_id) {
        push(&mut sql, " AND q.competency_id = {}", c.to_owned());
    }
    if let Some(k) = non_empty(&filter.key_element_id) {
        push(
            &mut sql,
            " AND q.targets LIKE {} ESCAPE '\\'",
            format!("% {} %", escape_like(k)),
        );
    }
    if let Some(kind) = non_empty(&filter.kind) {
        push(&mut sql, " AND q.kind = {}", kind.to_owned());
    }
    if let Some(text) = non_empty(&filter.text) {
        for word in text.to_lowercase().split_whitespace().take(8) {
            push(
                &mut sql,
                " AND q.search_text LIKE {} ESCAPE '\\'",
                format!("%{}%", escape_like(word)),
            );
        }
    }
    sql.push_str(&format!(
        " ORDER BY c.name, q.position LIMIT {}",
        limit.clamp(1, 500)
    ));
    let mut query = sqlx::query(&sql);
    for value in &binds {
        query = query.bind(value);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter()
        .map(|row| {
            let targets: String = row.try_get("targets")?;
            Ok(QuestionHit {
                id: row.try_get("id")?,
                competency_id: row.try_get("competency_id")?,
                kind: row.try_get("kind")?,
                title: row.try_get("title")?,
                text: row.try_get("text")?,
                targets: targets.split_whitespace().map(str::to_owned).collect(),
            })
        })
        .collect()
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_search_words_are_literal() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
