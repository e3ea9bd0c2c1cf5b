//! A role's candidate slate, built from each candidate's panel summary so
//! the figures are the ones the summary page and PDF show.
//!
//! Who may read it: the role's readers (see [`access::require_role_reader`]).
//! Blind rating holds here too: candidates on whose panel the caller still
//! owes a scorecard are left out and counted, never shown.

use super::access;
use crate::db::Db;
use crate::errors::AppError;
use crate::model::{
    PanelSummary, RoleDetail, Slate, SlateCell, SlateColumn, SlateRow, SlateSort, sort_rows,
    weighted_overall,
};

/// The slate of role `role_id` as `user` may see it, sorted by `sort`.
#[tracing::instrument(level = "debug", skip_all, fields(role_id = %role_id))]
pub async fn slate_for(
    db: &Db,
    user: &crate::model::CurrentUser,
    role_id: &str,
    sort: &SlateSort,
    threshold: usize,
) -> Result<Slate, AppError> {
    access::require_role_reader(db, user, role_id).await?;
    let role = crate::services::roles::existing(db, &user.org_id, role_id).await?;
    let hidden = access::blinded_candidates(db, user, role_id).await?;
    let mut summaries = Vec::new();
    let mut withheld = 0;
    for c in crate::db::candidates::list_candidates(db, &user.org_id, role_id).await? {
        if hidden.contains(&c.id) {
            withheld += 1;
            continue;
        }
        let Some(record) = crate::db::candidates::find_candidate(db, &user.org_id, &c.id).await?
        else {
            continue;
        };
        let summary =
            crate::services::summary::load_summary(db, &user.org_id, &record, threshold).await?;
        summaries.push((c.status, summary));
    }
    Ok(build(&role, &summaries, sort, withheld))
}

/// The slate of `role` from its candidates' summaries (pure, for tests).
pub fn build(
    role: &RoleDetail,
    summaries: &[(crate::model::PipelineStatus, PanelSummary)],
    sort: &SlateSort,
    withheld: usize,
) -> Slate {
    let columns: Vec<SlateColumn> = role
        .competencies
        .iter()
        .map(|c| SlateColumn {
            id: c.competency_id.clone(),
            name: c.name.clone(),
            required_level: c.required_level,
            weight: c.weight,
        })
        .collect();
    let mut rows: Vec<SlateRow> = summaries
        .iter()
        .map(|(status, s)| {
            let cells: Vec<SlateCell> = columns
                .iter()
                .map(|col| {
                    s.competencies
                        .iter()
                        .find(|r| r.id == col.id)
                        .map(|r| SlateCell {
                            median: r.median,
                            split: r.disagreement,
                            raters: r.levels().len(),
                            reference_mean: r.reference_mean,
                        })
                        .unwrap_or_default()
                })
                .collect();
            SlateRow {
                candidate_id: s.candidate_id.clone(),
                name: s.candidate_name.clone(),
                status: *status,
                scorecards: s.raters.len(),
                overall: weighted_overall(&columns, &cells),
                cells,
                decision: s.decision().map(|d| d.decision),
            }
        })
        .collect();
    sort_rows(&mut rows, &columns, sort);
    Slate {
        role_id: role.id.clone(),
        role_title: role.input.title.clone(),
        columns,
        rows,
        withheld,
    }
}
