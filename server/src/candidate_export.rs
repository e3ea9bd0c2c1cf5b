//! A candidate's export as one archive: `candidate.json` (see
//! `app::services::export` for its shape), `summary.pdf` and a README.

use app::services::export::CandidateExport;

/// What the archive's README says.
const README: &str = "This archive holds everything Panelkit stores about one candidate.\n\n\
candidate.json: every stored record, table by table (see \"format\" and \"version\"): the profile,\n\
interviews and panels, every scorecard with all submitted versions and amendment reasons, notes,\n\
references with their answers and phone checks, reviews of reference signals, decisions with their\n\
rationales, messages composed about the candidate, legal holds and every audit entry about them.\n\
Times are UTC milliseconds since 1970-01-01.\n\n\
summary.pdf: the panel summary as the hiring team reads it (submitted scorecards only).\n";

/// Lays the summary out and packs the archive. CPU-bound: call it off the
/// async workers.
pub fn archive(export: &CandidateExport, paper: crate::pdf::Paper) -> anyhow::Result<Vec<u8>> {
    let pdf = crate::pdf::candidate_summary(&export.summary, paper)?;
    let bytes = crate::archive::zip(
        &[
            ("README.txt", README.as_bytes()),
            ("candidate.json", export.json.as_bytes()),
            ("summary.pdf", &pdf),
        ],
        app::db::now_ms(),
    )?;
    Ok(bytes)
}
