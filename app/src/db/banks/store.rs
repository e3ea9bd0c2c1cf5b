//! Writing one imported competency: its model row and its searchable
//! question rows.

use super::super::now_ms;
use super::import::{BankImport, ImportError};
use question_bank::{Competency, QuestionKind};

/// Stores a competency and replaces its questions.
pub(super) async fn write_bank(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    org_id: &str,
    bank: &BankImport<'_>,
    rows: &[QuestionRow<'_>],
) -> Result<(), ImportError> {
    let c = bank.competency;
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
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM bank_questions WHERE org_id = $1 AND competency_id = $2")
        .bind(org_id)
        .bind(&c.id)
        .execute(&mut **tx)
        .await?;
    for (position, q) in rows.iter().enumerate() {
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
        .bind(&q.search_text)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub(super) struct QuestionRow<'a> {
    pub id: &'a str,
    kind: &'static str,
    title: &'a str,
    text: &'a str,
    targets: &'a [String],
    search_text: String,
}

pub(super) fn question_rows(c: &Competency) -> Vec<QuestionRow<'_>> {
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
