//! A candidate's export: everything stored about them, for answering an
//! access request.
//!
//! # The JSON document (`candidate.json` in the archive)
//!
//! ```text
//! {
//!   "format": "panelkit-candidate-export",
//!   "version": 1,
//!   "exported_at": "2025-03-07 14:05 UTC",
//!   "candidate_id": "…",
//!   "tables": {
//!     "candidates": [ {every column of the candidate's row} ],
//!     "interviews": [ … ], "interview_panel": [ … ],
//!     "scorecards": [ … ],            // content_json as JSON: notes, ratings, evidence
//!     "scorecard_versions": [ … ],    // every submission and amendment, with its reason
//!     "scorecard_writes": [ … ],      // the saves' idempotency records
//!     "reference_requests": [ … ],    // referees, answers (answers_json), phone checks
//!     "reference_signal_reviews": [ … ],
//!     "decisions": [ … ],             // with rationales
//!     "outbox": [ … ],                // every message composed about them
//!     "legal_holds": [ … ],
//!     "audit_log": [ … ]              // every entry about them, oldest first
//!   }
//! }
//! ```
//!
//! Each section is an array of objects holding every column of the table's
//! rows (times are UTC milliseconds); link tokens' hashes are left out. The
//! archive also holds the panel summary as `summary.pdf`.

use crate::db::Db;
use crate::db::candidates::CandidateRecord;
use crate::errors::AppError;
use crate::model::{CurrentUser, PanelSummary, Role};
use serde_json::{Value, json};

/// What an export is made of; the server lays the summary out as PDF and
/// packs both into one archive.
#[derive(Debug, Clone)]
pub struct CandidateExport {
    /// The JSON document, pretty-printed.
    pub json: String,
    /// The panel summary, for the PDF.
    pub summary: PanelSummary,
    /// A name for the archive (the candidate's name, or their id once erased).
    pub name: String,
}

/// The export of `candidate_id` for `user` (admins only, and never before
/// they submitted their own scorecards on the candidate's panel), recorded
/// in the audit log.
pub async fn export_for(
    db: &Db,
    user: &CurrentUser,
    candidate_id: &str,
    threshold: usize,
) -> Result<CandidateExport, AppError> {
    if !user.has_role(&[Role::Admin]) {
        return Err(AppError::Forbidden);
    }
    let candidate = crate::db::candidates::find_candidate(db, &user.org_id, candidate_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::services::access::require_ratings_reader(db, user, &candidate).await?;
    build(db, &user.org_id, Some(&user.id), &candidate, threshold).await
}

/// The export of `candidate_id` for the command line, recorded in the
/// audit log as done by nobody.
pub async fn export_as_operator(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    threshold: usize,
) -> Result<CandidateExport, AppError> {
    let candidate = crate::db::candidates::find_candidate(db, org_id, candidate_id)
        .await?
        .ok_or(AppError::NotFound)?;
    build(db, org_id, None, &candidate, threshold).await
}

async fn build(
    db: &Db,
    org_id: &str,
    actor_id: Option<&str>,
    candidate: &CandidateRecord,
    threshold: usize,
) -> Result<CandidateExport, AppError> {
    let id = &candidate.summary.id;
    // Recorded first, so the export lists itself among the reads.
    crate::db::audit::append(
        db,
        &crate::db::audit::AuditEntry {
            org_id,
            actor_id,
            action: "candidate.export",
            subject: id,
            detail: "{}",
        },
    )
    .await?;
    let mut tables = crate::db::export::candidate_tables(db, org_id, id).await?;
    let audit = crate::db::export::candidate_audit(db, org_id, id).await?;
    tables.insert("audit_log".to_owned(), Value::Array(audit));
    let doc = json!({
        "format": "panelkit-candidate-export",
        "version": 1,
        "exported_at": crate::model::format_utc(crate::db::now_ms()),
        "candidate_id": id,
        "tables": tables,
    });
    let json = serde_json::to_string_pretty(&doc).map_err(|_| AppError::Internal)?;
    let summary = crate::services::summary::load_summary(db, org_id, candidate, threshold).await?;
    Ok(CandidateExport {
        json,
        summary,
        name: format!("candidate {}", candidate.summary.name),
    })
}
