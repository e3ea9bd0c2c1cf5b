//! Importing banks: idempotent, all or nothing, and never destructive
//! without being told. A competency that came from another file or source is
//! only replaced with [`ImportOptions::replace`]; a question that published
//! guides or scorecards still use is only deleted with
//! [`ImportOptions::remove_used`]. Otherwise the whole import is refused,
//! with every reason, and nothing is written.

use super::super::Db;
use super::store::{question_rows, write_bank};
use super::usage::question_usage;
use question_bank::{Competency, same_source};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One bank to import: its model, where it came from and its content hash.
#[derive(Debug, Clone)]
pub struct BankImport<'a> {
    /// The parsed competency.
    pub competency: &'a Competency,
    /// The file (or other origin) it was read from; compared with the stored
    /// source by [`question_bank::same_source`].
    pub source: &'a str,
    /// [`question_bank::model_hash`] of the competency; an unchanged hash
    /// means nothing to do.
    pub content_hash: &'a str,
}

/// What an import may do beyond adding and updating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Replace a competency that was imported from another file or source.
    pub replace: bool,
    /// Delete questions that published guides or scorecards still use.
    pub remove_used: bool,
}

/// What an import did to each competency, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// New competencies.
    pub added: Vec<String>,
    /// Competencies whose content changed.
    pub changed: Vec<String>,
    /// Competencies already imported with the same content.
    pub unchanged: Vec<String>,
    /// Changed competencies that came from another source before.
    pub replaced: Vec<String>,
    /// Questions deleted because the new version no longer has them.
    pub removed: Vec<RemovedQuestion>,
}

/// A question an import deletes (or would delete).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedQuestion {
    /// Its competency.
    pub competency: String,
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What still uses it (published guides, scorecards); empty if nothing.
    pub used_by: Vec<String>,
}

/// Why an import was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    /// The competency came from another file or source.
    #[error(
        "competency \"{competency}\" was imported from {stored_source}; {new_source} would replace it (use --replace to do that)"
    )]
    OtherSource {
        /// The competency.
        competency: String,
        /// Where the stored one came from.
        stored_source: String,
        /// Where the new one comes from.
        new_source: String,
    },
    /// A question id belongs to another competency.
    #[error("id \"{id}\" in {file} already belongs to competency \"{owner}\" in the database")]
    IdTaken {
        /// The id.
        id: String,
        /// The file (source) that reuses it.
        file: String,
        /// The competency it belongs to.
        owner: String,
    },
    /// The new version drops a question that is still in use.
    #[error(
        "competency \"{}\" would remove question \"{}\" ({}), still used by {} (use --remove-used to remove it anyway; guides keep their own copy of its text)",
        .0.competency, .0.id, .0.title, .0.used_by.join(", ")
    )]
    UsedQuestion(RemovedQuestion),
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    /// Importing would replace or delete what it must not; nothing was written.
    #[error("nothing was imported:\n{}", problem_lines(.0))]
    Refused(Vec<ImportProblem>),
}

fn problem_lines(problems: &[ImportProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("  {problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Imports `banks` into `org_id` in one transaction. A bank whose hash is
/// already stored is left alone, so importing twice changes nothing. If any
/// bank may not be imported (see [`ImportOptions`]), nothing is.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn import_banks(
    db: &Db,
    org_id: &str,
    banks: &[BankImport<'_>],
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::default();
    let mut problems = Vec::new();
    let mut usage: Option<HashMap<String, Vec<String>>> = None;
    let mut tx = db
        .begin_write(crate::db::Lock::Organization(org_id))
        .await?;
    for bank in banks {
        let c = bank.competency;
        let stored: Option<(String, String)> = sqlx::query_as(
            "SELECT content_hash, source FROM competencies WHERE org_id = $1 AND id = $2",
        )
        .bind(org_id)
        .bind(&c.id)
        .fetch_optional(&mut *tx)
        .await?;
        let replacing = match &stored {
            Some((hash, _)) if hash == bank.content_hash => {
                report.unchanged.push(c.id.clone());
                continue;
            }
            Some((_, source)) if !same_source(bank.source, source) => {
                if !options.replace {
                    problems.push(ImportProblem::OtherSource {
                        competency: c.id.clone(),
                        stored_source: source.clone(),
                        new_source: bank.source.to_owned(),
                    });
                    continue;
                }
                true
            }
            _ => false,
        };

        let existing: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, competency_id, title FROM bank_questions WHERE org_id = $1 ORDER BY position",
        )
        .bind(org_id)
        .fetch_all(&mut *tx)
        .await?;
        let rows = question_rows(c);
        let mut blocked = false;
        for row in &rows {
            if let Some((_, owner, _)) = existing
                .iter()
                .find(|(id, owner, _)| id == row.id && *owner != c.id)
            {
                blocked = true;
                problems.push(ImportProblem::IdTaken {
                    id: row.id.to_owned(),
                    file: bank.source.to_owned(),
                    owner: owner.clone(),
                });
            }
        }
        let mut removed = Vec::new();
        for (id, _, title) in existing
            .iter()
            .filter(|(id, owner, _)| *owner == c.id && !rows.iter().any(|row| row.id == id))
        {
            if usage.is_none() {
                usage = Some(question_usage(&mut tx, org_id).await?);
            }
            let used_by = usage
                .as_ref()
                .and_then(|usage| usage.get(id))
                .cloned()
                .unwrap_or_default();
            removed.push(RemovedQuestion {
                competency: c.id.clone(),
                id: id.clone(),
                title: title.clone(),
                used_by,
            });
        }
        if !options.remove_used {
            for question in removed.iter().filter(|q| !q.used_by.is_empty()) {
                blocked = true;
                problems.push(ImportProblem::UsedQuestion(question.clone()));
            }
        }
        if blocked {
            continue;
        }

        if stored.is_some() {
            report.changed.push(c.id.clone());
        } else {
            report.added.push(c.id.clone());
        }
        if replacing {
            report.replaced.push(c.id.clone());
        }
        report.removed.append(&mut removed);
        write_bank(&mut tx, org_id, bank, &rows).await?;
    }
    if !problems.is_empty() {
        return Err(ImportError::Refused(problems));
    }
    tx.commit().await?;
    Ok(report)
}
