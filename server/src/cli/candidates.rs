//! `summary`, `candidate export|erase` and `retention run`: one candidate's
//! documents and data, and the retention sweep, from the command line.

use super::{CandidateCommand, RetentionCommand};
use anyhow::Context;
use app::db::Db;
use app::db::users::DEFAULT_ORG;

/// Runs a `candidate` command.
pub async fn run(db: &Db, command: CandidateCommand) -> anyhow::Result<()> {
    match command {
        CandidateCommand::Export {
            id,
            out,
            reference_threshold,
        } => export_candidate(db, &id, &out, reference_threshold).await,
        CandidateCommand::Erase { id, reason } => {
            let erased =
                app::services::erasure::erase_as_operator(db, DEFAULT_ORG, &id, &reason, "request")
                    .await
                    .map_err(|e| match e {
                        app::errors::AppError::NotFound => {
                            anyhow::anyhow!("no candidate with the id \"{id}\"")
                        }
                        e => anyhow::anyhow!("{e}"),
                    })?;
            if erased {
                println!("Erased the personal data of candidate {id}.");
            } else {
                println!("Candidate {id} was already erased; nothing changed.");
            }
            Ok(())
        }
    }
}

/// Runs a `retention` command.
pub async fn retention(db: &Db, command: RetentionCommand) -> anyhow::Result<()> {
    let RetentionCommand::Run { dry_run } = command;

    let done = app::services::retention::run(db, app::db::now_ms(), dry_run)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for o in &done {
        let what = match (dry_run, o.erased) {
            (true, _) => "due",
            (false, true) => "anonymised",
            (false, false) => "skipped (held or already erased)",
        };
        println!(
            "{}\t{}\t{what}\t{}",
            o.item.candidate_id, o.item.role_id, o.item.why
        );
    }
    let erased = done.iter().filter(|o| o.erased).count();
    if dry_run {
        println!(
            "{} candidate(s) due; nothing changed (--dry-run).",
            done.len()
        );
    } else {
        println!("{erased} candidate(s) anonymised.");
    }
    Ok(())
}

/// `summary`: the candidate's summary PDF, written to `out`.
pub async fn write_summary(
    db: &Db,
    candidate_id: &str,
    out: &std::path::Path,
    paper: &str,
    threshold: usize,
) -> anyhow::Result<()> {
    let candidate = app::db::candidates::find_candidate(db, DEFAULT_ORG, candidate_id)
        .await?
        .with_context(|| format!("no candidate with the id \"{candidate_id}\""))?;
    let summary = app::services::summary::load_summary(db, DEFAULT_ORG, &candidate, threshold)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("assembling the summary")?;
    let paper = if paper == "letter" {
        crate::pdf::Paper::Letter
    } else {
        crate::pdf::Paper::A4
    };
    let bytes = crate::pdf::candidate_summary(&summary, paper).context("laying out the PDF")?;
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!("Wrote {} ({} bytes).", out.display(), bytes.len());
    Ok(())
}

/// `candidate export`: the candidate's archive, written to `out`.
async fn export_candidate(
    db: &Db,
    id: &str,
    out: &std::path::Path,
    threshold: usize,
) -> anyhow::Result<()> {
    let export = app::services::export::export_as_operator(db, DEFAULT_ORG, id, threshold)
        .await
        .map_err(|e| match e {
            app::errors::AppError::NotFound => anyhow::anyhow!("no candidate with the id \"{id}\""),
            e => anyhow::anyhow!("{e}"),
        })?;
    let bytes = crate::candidate_export::archive(&export, crate::pdf::Paper::A4)
        .context("making the archive")?;
    std::fs::write(out, &bytes).with_context(|| format!("--out: writing {}", out.display()))?;
    println!("Wrote {} ({} bytes).", out.display(), bytes.len());
    Ok(())
}
