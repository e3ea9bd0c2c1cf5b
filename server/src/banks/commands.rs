//! `panelkit bank check` and `bank import` as people run them: ids checked
//! against the shipped banks and the database, every problem on its own
//! located line, and a report of what an import did.

use super::{ParsedBank, import_with, known_ids};
use anyhow::Context;
use app::db::Db;
use app::db::banks::{ImportOptions, ImportReport};
use question_bank::BankError;
use std::path::PathBuf;
use std::process::ExitCode;

/// Whether a database was named on the command line or in the environment
/// (clap fills in a default otherwise, which `bank check` must not create).
pub fn database_named() -> bool {
    std::env::var_os("DATABASE_URL").is_some()
        || std::env::args().any(|arg| arg == "--database-url" || arg.starts_with("--database-url="))
}

/// `bank check`: every problem on its own line (exit 1), or a summary.
/// Ids are checked against the shipped banks and, if given, `db`.
pub async fn check(db: Option<&Db>, paths: &[PathBuf], replace: bool) -> anyhow::Result<ExitCode> {
    let known = known_ids(db).await?;
    match question_bank::load_banks_against(paths, &known, replace) {
        Ok(banks) => {
            let interview: usize = banks
                .iter()
                .map(|b| b.competency.interview_questions.len())
                .sum();
            let reference: usize = banks
                .iter()
                .map(|b| b.competency.reference_questions.len())
                .sum();
            println!(
                "{} banks, {interview} interview questions, {reference} reference-check questions: no problems found.",
                banks.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for error in &errors {
                println!("{error}");
            }
            eprintln!(
                "{} problem{} found.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `bank import`: checks the files as `check` does against the shipped banks
/// and the database, then imports them all or none.
pub async fn import(db: &Db, paths: &[PathBuf], options: ImportOptions) -> anyhow::Result<()> {
    let known = known_ids(Some(db)).await?;
    let loaded =
        question_bank::load_banks_against(paths, &known, options.replace).map_err(bank_errors)?;
    let banks: Vec<ParsedBank> = loaded.into_iter().map(ParsedBank::from).collect();
    let report = import_with(db, &banks, options)
        .await
        .context("the banks cannot be imported as they are")?;
    print_report(&report);
    Ok(())
}

/// What an import did, one line per competency and removed question.
fn print_report(report: &ImportReport) {
    for (verb, ids) in [
        ("added", &report.added),
        ("changed", &report.changed),
        ("unchanged", &report.unchanged),
    ] {
        for id in ids {
            let note = if report.replaced.contains(id) {
                " (replaced the competency from another source)"
            } else {
                ""
            };
            println!("{verb:<9} {id}{note}");
        }
    }
    for question in &report.removed {
        let used = if question.used_by.is_empty() {
            String::new()
        } else {
            format!(", was used by {}", question.used_by.join(", "))
        };
        println!(
            "removed   {}: question {} ({}){used}",
            question.competency, question.id, question.title
        );
    }
    println!(
        "{} added, {} changed, {} left alone, {} questions removed.",
        report.added.len(),
        report.changed.len(),
        report.unchanged.len(),
        report.removed.len()
    );
}

fn bank_errors(errors: Vec<BankError>) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    anyhow::anyhow!(
        "the banks have problems; nothing was imported:\n{}",
        lines.join("\n")
    )
}
