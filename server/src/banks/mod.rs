//! The question banks shipped inside the binary, and importing banks.

use anyhow::Context;
use app::db::Db;
use app::db::banks::{BankImport, ImportReport};
use question_bank::{BankError, Competency, content_hash, parse_str};

/// The banks in `question-bank/banks/`, compiled in so a server needs no
/// files beside its binary. A test checks that this list matches the folder.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "adaptability.md",
        include_str!("../../question-bank/banks/adaptability.md"),
    ),
    (
        "communication.md",
        include_str!("../../question-bank/banks/communication.md"),
    ),
    (
        "customer-focus.md",
        include_str!("../../question-bank/banks/customer-focus.md"),
    ),
    (
        "integrity.md",
        include_str!("../../question-bank/banks/integrity.md"),
    ),
    (
        "leadership.md",
        include_str!("../../question-bank/banks/leadership.md"),
    ),
    (
        "planning-and-organising.md",
        include_str!("../../question-bank/banks/planning-and-organising.md"),
    ),
    (
        "problem-solving.md",
        include_str!("../../question-bank/banks/problem-solving.md"),
    ),
    (
        "teamwork.md",
        include_str!("../../question-bank/banks/teamwork.md"),
    ),
];

/// A parsed bank ready to import.
#[derive(Debug, Clone)]
pub struct ParsedBank {
    /// Where it came from.
    pub source: String,
    /// The model.
    pub competency: Competency,
    /// Hash of its text.
    pub content_hash: String,
}

/// Parses the shipped banks; an error here is a bug in a shipped file.
pub fn shipped() -> Result<Vec<ParsedBank>, Vec<BankError>> {
    let mut banks = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in SHIPPED {
        let source = format!("question-bank/banks/{name}");
        match parse_str(&source, text) {
            Ok(competency) => banks.push(ParsedBank {
                source,
                competency,
                content_hash: content_hash(text.as_bytes()),
            }),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(banks)
    } else {
        Err(errors)
    }
}

/// Imports `banks` into the default organization.
pub async fn import(db: &Db, banks: &[ParsedBank]) -> anyhow::Result<ImportReport> {
    let imports: Vec<BankImport<'_>> = banks
        .iter()
        .map(|b| BankImport {
            competency: &b.competency,
            source: &b.source,
            content_hash: &b.content_hash,
        })
        .collect();
    app::db::banks::import_banks(db, app::db::users::DEFAULT_ORG, &imports)
        .await
        .context("importing question banks")
}

/// Imports the shipped banks (at server start).
pub async fn import_shipped(db: &Db) -> anyhow::Result<ImportReport> {
    let banks = shipped().map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("a shipped question bank is invalid:\n{}", lines.join("\n"))
    })?;
    import(db, &banks).await
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
