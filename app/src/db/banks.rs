//! Imported question banks: storing them idempotently and reading them back.

use super::{Db, now_ms};
use crate::model::{QuestionFilter, QuestionHit};
use question_bank::{Competency, QuestionKind};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// One bank to import: its model, where it came from and the hash of its text.
#[derive(Debug, Clone)]
pub struct BankImport<'a> {
    /// The parsed competency.
    pub competency: &'a Competency,
    /// The file (or other origin) it was read from, for people.
    pub source: &'a str,
    /// Hash of the file's bytes; an unchanged hash means nothing to do.
    pub content_hash: &'a str,
}

/// What an import did to each competency, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// New competencies.
    pub added: Vec<String>,
    /// Competencies whose text changed.
    pub changed: Vec<String>,
    /// Competencies already imported with the same text.
    pub unchanged: Vec<String>,
}

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

/// Imports `banks` into `org_id` in one transaction. A bank whose hash is
/// already stored is left alone, so importing twice changes nothing.
pub async fn import_banks(
    db: &Db,
    org_id: &str,
    banks: &[BankImport<'_>],
) -> Result<ImportReport, sqlx::Error> {
    let mut report = ImportReport::default();
    let mut tx = db.begin_write(super::Lock::Organization(org_id)).await?;
    for bank in banks {
        let c = bank.competency;
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT content_hash FROM competencies WHERE org_id = $1 AND id = $2",
        )
        .bind(org_id)
        .bind(&c.id)
        .fetch_optional(&mut *tx)
        .await?;
        match stored.as_deref() {
            Some(hash) if hash == bank.content_hash => {
                report.unchanged.push(c.id.clone());
                continue;
            }
            Some(_) => report.changed.push(c.id.clone()),
            None => report.added.push(c.id.clone()),
        }
        let model_json = serde_json::to_string(c).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        sqlx::query(
            "INSERT INTO competencies (org_id, id, name, content_hash, source, model_json, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name,
               content_hash = excluded.content_hash, source = excluded.source,
               model_json = excluded.model_json, updated_at = excluded.updated_at",
        )
        .bind(org_id)
        .bind(&c.id)
        .bind(&c.name)
        .bind(bank.content_hash)
        .bind(bank.source)
        .bind(model_json)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM bank_questions WHERE org_id = $1 AND competency_id = $2")
            .bind(org_id)
            .bind(&c.id)
            .execute(&mut *tx)
            .await?;
        for (position, q) in question_rows(c).into_iter().enumerate() {
            sqlx::query(
                "INSERT INTO bank_questions
                   (org_id, id, competency_id, position, kind, title, text, targets, search_text)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(org_id)
            .bind(q.id)
            .bind(&c.id)
            .bind(position as i64)
            .bind(q.kind)
            .bind(q.title)
            .bind(q.text)
            .bind(format!(" {} ", q.targets.join(" ")))
            .bind(q.search_text)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(report)
}

struct QuestionRow<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    text: &'a str,
    targets: &'a [String],
    search_text: String,
}

fn question_rows(c: &Competency) -> Vec<QuestionRow<'_>> {
    let interview = c.interview_questions.iter().map(|q| QuestionRow {
        id: &q.id,
        kind: match q.kind {
            QuestionKind::Behavioral => "behavioral",
            QuestionKind::Situational => "situational",
        },
        title: &q.title,
        text: &q.text,
        targets: &q.targets,
        search_text: [q.title.as_str(), q.text.as_str()]
            .into_iter()
            .chain(q.probes.iter().map(String::as_str))
            .chain(q.listen_for.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase(),
    });
    let reference = c.reference_questions.iter().map(|q| QuestionRow {
        id: &q.id,
        kind: "reference",
        title: &q.title,
        text: &q.text,
        targets: &q.targets,
        search_text: format!("{}\n{}", q.title, q.text).to_lowercase(),
    });
    interview.chain(reference).collect()
}

/// Every competency of `org_id`, by name.
pub async fn list_competencies(db: &Db, org_id: &str) -> Result<Vec<Competency>, BankStoreError> {
    let rows =
        sqlx::query("SELECT id, model_json FROM competencies WHERE org_id = $1 ORDER BY name")
            .bind(org_id)
            .fetch_all(db.pool())
            .await?;
    rows.iter().map(decode_row).collect()
}

/// One competency of `org_id`.
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

fn escape_like(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_in_search_words_are_literal() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
