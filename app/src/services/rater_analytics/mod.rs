//! Rater analytics: how each interviewer applies the rating scale compared
//! with the rest of their panels, so drift from the shared anchors shows.
//!
//! Who sees what ([`crate::services::access`]): admins and recruiters see
//! every interviewer; everyone else only their own figures. Blind rating
//! holds here too: the figures a reader sees leave out every other rater's
//! scorecard on a candidate whose panel the reader sits on and still owes a
//! scorecard for. The rules of the figures themselves are in [`figures`].

pub mod figures;

use crate::db::Db;
use crate::db::rater_analytics::RatedScorecard;
use crate::errors::AppError;
use crate::model::CurrentUser;
use crate::model::rater::{RaterReport, RaterSummary};
use crate::services::access;
use figures::CardRatings;
use std::collections::{BTreeSet, HashMap};

/// The interviewers with submitted scorecards, for admins and recruiters.
pub async fn list_raters(db: &Db, user: &CurrentUser) -> Result<Vec<RaterSummary>, AppError> {
    if !access::may_list_raters(user) {
        return Err(AppError::Forbidden);
    }
    Ok(crate::db::rater_analytics::list_raters(db, &user.org_id).await?)
}

/// The figures of interviewer `rater_id` as `user` may see them. An
/// interviewer the caller may not read is reported as not found, like one
/// that does not exist, so account ids cannot be probed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn report_for(
    db: &Db,
    user: &CurrentUser,
    rater_id: &str,
) -> Result<RaterReport, AppError> {
    if !access::may_read_rater_figures(user, rater_id) {
        return Err(AppError::NotFound);
    }
    let rater_name = crate::db::rater_analytics::account_name(db, &user.org_id, rater_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = crate::db::rater_analytics::scorecards_around(db, &user.org_id, rater_id).await?;
    let hidden = crate::db::scorecards::owed_candidates(db, &user.org_id, &user.id).await?;
    let stages = stage_competencies(db, &user.org_id, rater_id, &rows).await?;
    let cards: Vec<CardRatings> = rows
        .into_iter()
        .map(|row| {
            let asked = asked_of(&row, &stages);
            CardRatings {
                rater_id: row.rater_id,
                candidate_id: row.candidate_id,
                status: row.status,
                submitted_at: row.submitted_at,
                asked,
                levels: row.levels,
            }
        })
        .collect();
    let cards = figures::without_hidden(cards, &user.id, &hidden);
    Ok(RaterReport {
        rater_id: rater_id.to_owned(),
        rater_name,
        is_self: user.id == rater_id,
        overall: figures::rater_figures(&cards, rater_id),
        quarters: figures::quarterly_figures(&cards, rater_id),
    })
}

/// (guide version, stage) → the stage's competency ids.
type StageCompetencies = HashMap<(String, String), BTreeSet<String>>;

/// The competencies of each stage `rater_id`'s scorecards followed, from
/// the published guide versions (each read once): a panel seat with no
/// focus is asked for all of them.
async fn stage_competencies(
    db: &Db,
    org_id: &str,
    rater_id: &str,
    rows: &[RatedScorecard],
) -> Result<StageCompetencies, AppError> {
    let versions: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.rater_id == rater_id && r.focus.is_empty())
        .map(|r| r.guide_version_id.as_str())
        .collect();
    let mut stages = HashMap::new();
    for version_id in versions {
        let Some(guide) = crate::db::guides::find_version(db, org_id, version_id).await? else {
            continue;
        };
        for stage in &guide.stages {
            let competencies = stage
                .sections
                .iter()
                .map(|s| s.competency_id.clone())
                .collect();
            stages.insert((version_id.to_owned(), stage.id.clone()), competencies);
        }
    }
    Ok(stages)
}

/// What `row`'s scorecard asked its rater for: their focus, or every
/// competency of the stage. A stage that cannot be found falls back to the
/// competencies rated, so nothing is counted as unrated on a guess.
fn asked_of(row: &RatedScorecard, stages: &StageCompetencies) -> BTreeSet<String> {
    if !row.focus.is_empty() {
        return row.focus.iter().cloned().collect();
    }
    stages
        .get(&(row.guide_version_id.clone(), row.stage_id.clone()))
        .cloned()
        .unwrap_or_else(|| row.levels.keys().cloned().collect())
}
