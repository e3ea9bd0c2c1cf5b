//! The question banks shipped inside the binary, the ids new banks must not
//! take, and importing banks; `commands` holds `panelkit bank check|import`.

pub mod commands;

use app::db::Db;
use app::db::banks::{BankImport, ImportError, ImportOptions, ImportReport};
use app::db::users::DEFAULT_ORG;
use question_bank::{BankError, Competency, IdRegistry, LoadedBank, load_text, same_source};

/// The banks in `question-bank/banks/`, compiled in so a server needs no
/// files beside its binary. A test checks that this list matches the folder.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "adaptability.md",
        include_str!("../../../question-bank/banks/adaptability.md"),
    ),
    (
        "communication.md",
        include_str!("../../../question-bank/banks/communication.md"),
    ),
    (
        "customer-focus.md",
        include_str!("../../../question-bank/banks/customer-focus.md"),
    ),
    (
        "integrity.md",
        include_str!("../../../question-bank/banks/integrity.md"),
    ),
    (
        "leadership.md",
        include_str!("../../../question-bank/banks/leadership.md"),
    ),
    (
        "planning-and-organising.md",
        include_str!("../../../question-bank/banks/planning-and-organising.md"),
    ),
    (
        "problem-solving.md",
        include_str!("../../../question-bank/banks/problem-solving.md"),
    ),
    (
        "teamwork.md",
        include_str!("../../../question-bank/banks/teamwork.md"),
    ),
];

/// A parsed bank ready to import.
#[derive(Debug, Clone)]
pub struct ParsedBank {
    /// Where it came from (see [`question_bank::LoadedBank::source`]).
    pub source: String,
    /// The model.
    pub competency: Competency,
    /// [`question_bank::model_hash`] of the model.
    pub content_hash: String,
}

impl From<LoadedBank> for ParsedBank {
    fn from(bank: LoadedBank) -> Self {
        ParsedBank {
            source: bank.source,
            competency: bank.competency,
            content_hash: bank.content_hash,
        }
    }
}

/// The source recorded for the shipped bank `name`: its path in the
/// repository, which a copy of the repository's file also matches
/// (see [`question_bank::same_source`]).
fn shipped_source(name: &str) -> String {
    format!("question-bank/banks/{name}")
}

/// Parses the shipped banks, with where each id is written (for checking
/// other banks against them); an error here is a bug in a shipped file.
pub fn shipped_loaded() -> Result<Vec<LoadedBank>, Vec<BankError>> {
    let mut banks = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in SHIPPED {
        let source = shipped_source(name);
        match load_text(&source, &source, text) {
            Ok(bank) => banks.push(bank),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(banks)
    } else {
        Err(errors)
    }
}

/// Parses the shipped banks; an error here is a bug in a shipped file.
pub fn shipped() -> Result<Vec<ParsedBank>, Vec<BankError>> {
    shipped_loaded().map(|banks| banks.into_iter().map(ParsedBank::from).collect())
}

/// Every id a new bank must not take: the shipped banks' and, when `db` is
/// given, those of the competencies stored there (which take precedence
/// over a shipped bank of the same id).
pub async fn known_ids(db: Option<&Db>) -> anyhow::Result<IdRegistry> {
    let mut registry = IdRegistry::default();
    for bank in shipped_loaded().map_err(shipped_invalid)? {
        registry.add_bank(&bank, &bank.source);
    }
    if let Some(db) = db {
        for stored in app::db::banks::stored_banks(db, DEFAULT_ORG).await? {
            registry.add_stored(&stored.competency, &stored.source);
        }
    }
    Ok(registry)
}

/// Imports `banks` into the default organization, refusing to replace a
/// competency from another source or delete a question in use.
pub async fn import(db: &Db, banks: &[ParsedBank]) -> anyhow::Result<ImportReport> {
    Ok(import_with(db, banks, ImportOptions::default()).await?)
}

/// Imports `banks` into the default organization with `options`.
pub async fn import_with(
    db: &Db,
    banks: &[ParsedBank],
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let imports: Vec<BankImport<'_>> = banks
        .iter()
        .map(|b| BankImport {
            competency: &b.competency,
            source: &b.source,
            content_hash: &b.content_hash,
        })
        .collect();
    app::db::banks::import_banks(db, DEFAULT_ORG, &imports, options).await
}

/// Imports the shipped banks (at server start). A shipped competency that
/// was replaced from another file is kept as it is, and one whose update is
/// refused (it would delete a question in use, or take an id imported since)
/// is left unchanged with a warning: starting the server never replaces or
/// deletes what people imported or use.
pub async fn import_shipped(db: &Db) -> anyhow::Result<ImportReport> {
    let banks = shipped().map_err(shipped_invalid)?;
    let stored = app::db::banks::stored_banks(db, DEFAULT_ORG).await?;
    let mut report = ImportReport::default();
    for bank in banks {
        let replaced_locally = stored.iter().any(|s| {
            s.competency.id == bank.competency.id && !same_source(&bank.source, &s.source)
        });
        if replaced_locally {
            report.unchanged.push(bank.competency.id.clone());
            continue;
        }
        match import_with(db, std::slice::from_ref(&bank), ImportOptions::default()).await {
            Ok(one) => {
                report.added.extend(one.added);
                report.changed.extend(one.changed);
                report.unchanged.extend(one.unchanged);
                report.removed.extend(one.removed);
            }
            Err(ImportError::Refused(problems)) => {
                for problem in problems {
                    tracing::warn!(competency = %bank.competency.id, "shipped bank not updated: {problem}");
                }
                report.unchanged.push(bank.competency.id.clone());
            }
            Err(ImportError::Db(e)) => {
                return Err(anyhow::Error::new(e).context("importing question banks"));
            }
        }
    }
    Ok(report)
}

fn shipped_invalid(errors: Vec<BankError>) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    anyhow::anyhow!("a shipped question bank is invalid:\n{}", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bank_file_is_shipped_and_parses() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../question-bank/banks");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".md") && n != "README.md")
            .collect();
        on_disk.sort();
        let listed: Vec<String> = SHIPPED.iter().map(|(n, _)| (*n).to_owned()).collect();
        assert_eq!(
            listed, on_disk,
            "SHIPPED must list every file in question-bank/banks"
        );
        let banks = shipped().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(banks.len() >= 8);
    }
}
