//! Reads behind the rater analytics (read-only): the interviewers with
//! submitted scorecards, and the ratings around one interviewer.
//!
//! Every query here filters `status = 'submitted'` in SQL, so a draft never
//! leaves the database for these figures, the rater's own or anyone else's.

use super::Db;
use crate::model::rater::RaterSummary;
use crate::model::{Assessment, ScorecardStatus};
use serde::Deserialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// One submitted scorecard, reduced to its competency levels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatedScorecard {
    /// Who rated.
    pub rater_id: String,
    /// The candidate rated.
    pub candidate_id: String,
    /// Always submitted here; kept so the rules can check it again.
    pub status: ScorecardStatus,
    /// When, UTC ms.
    pub submitted_at: Option<i64>,
    /// The interview's guide version and stage, for the stage's competencies.
    pub guide_version_id: String,
    /// See `guide_version_id`.
    pub stage_id: String,
    /// The rater's focus competencies on that panel; empty means all of the
    /// stage's (also when the seat no longer exists).
    pub focus: Vec<String>,
    /// Competency id → level 1–5, for the competencies rated.
    pub levels: BTreeMap<String, u8>,
}

/// The part of a scorecard's content these figures read: decoding only the
/// assessments skips allocating every note and evidence text.
#[derive(Deserialize)]
struct LevelsOnly {
    #[serde(default)]
    competencies: BTreeMap<String, AssessmentOnly>,
}

#[derive(Deserialize)]
struct AssessmentOnly {
    #[serde(default)]
    assessment: Assessment,
}

/// Every account of `org_id` with at least one submitted scorecard, by name,
/// with how many and the latest change to one. Counted on the index on
/// scorecards by interviewer alone (no scorecard row is read), then one
/// account lookup per interviewer. It walks the organization's scorecards
/// in that index, so it is for the managers' list, not a page every
/// interviewer opens.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_raters(db: &Db, org_id: &str) -> Result<Vec<RaterSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.interviewer_id, u.name, a.n, a.latest
         FROM (SELECT interviewer_id, COUNT(*) AS n, CAST(MAX(updated_at) AS BIGINT) AS latest
               FROM scorecards WHERE org_id = $1 AND status = 'submitted'
               GROUP BY interviewer_id) a
         JOIN users u ON u.org_id = $1 AND u.id = a.interviewer_id
         ORDER BY u.name, a.interviewer_id",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RaterSummary {
                id: r.try_get("interviewer_id")?,
                name: r.try_get("name")?,
                scorecards: r.try_get("n")?,
                last_submitted_at: r.try_get("latest")?,
            })
        })
        .collect()
}

/// The name of account `user_id` of `org_id`, if it exists.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn account_name(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM users WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(user_id)
        .fetch_optional(db.pool())
        .await
}

/// `rater_id`'s submitted scorecards and every other submitted scorecard
/// on the same candidates: what their figures compare. Cost follows the
/// rater's own history (their candidates, by the index on scorecards by
/// interviewer, then each candidate's scorecards by the index on
/// scorecards by candidate), never the organization's.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn scorecards_around(
    db: &Db,
    org_id: &str,
    rater_id: &str,
) -> Result<Vec<RatedScorecard>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.interviewer_id, s.candidate_id, s.status, s.submitted_at, s.content_json,
           i.guide_version_id, i.stage_id, p.focus
         FROM scorecards s
         JOIN interviews i ON i.org_id = s.org_id AND i.id = s.interview_id
         LEFT JOIN interview_panel p
           ON p.org_id = s.org_id AND p.interview_id = s.interview_id AND p.user_id = s.interviewer_id
         WHERE s.org_id = $1 AND s.status = 'submitted'
           AND s.candidate_id IN (
             SELECT o.candidate_id FROM scorecards o
             WHERE o.org_id = $1 AND o.interviewer_id = $2 AND o.status = 'submitted')
         ORDER BY s.candidate_id, s.interviewer_id, s.submitted_at",
    )
    .bind(org_id)
    .bind(rater_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let json: String = r.try_get("content_json")?;
            let content: LevelsOnly =
                serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            let status: String = r.try_get("status")?;
            let focus: Option<String> = r.try_get("focus")?;
            Ok(RatedScorecard {
                rater_id: r.try_get("interviewer_id")?,
                candidate_id: r.try_get("candidate_id")?,
                status: ScorecardStatus::parse(&status).unwrap_or(ScorecardStatus::Draft),
                submitted_at: r.try_get("submitted_at")?,
                guide_version_id: r.try_get("guide_version_id")?,
                stage_id: r.try_get("stage_id")?,
                focus: focus
                    .unwrap_or_default()
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                levels: content
                    .competencies
                    .into_iter()
                    .filter_map(|(id, c)| match c.assessment {
                        Assessment::Rated(level) => Some((id, level.as_u8())),
                        Assessment::Pending | Assessment::NotAssessed => None,
                    })
                    .collect(),
            })
        })
        .collect()
}
