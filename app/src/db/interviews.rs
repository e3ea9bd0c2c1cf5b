//! Scheduled interviews and their panels.

use super::{Db, Lock, ids, now_ms};
use crate::model::{InterviewSummary, PanelMember, PipelineStatus};
use sqlx::Row;

/// An interview to create.
#[derive(Debug, Clone)]
pub struct NewInterview<'a> {
    /// The candidate.
    pub candidate_id: &'a str,
    /// The published guide version it follows.
    pub guide_version_id: &'a str,
    /// Stage id in that version.
    pub stage_id: &'a str,
    /// Stage name, kept for lists.
    pub stage_name: &'a str,
    /// When, UTC milliseconds.
    pub scheduled_at: Option<i64>,
    /// When it ends, UTC milliseconds (after `scheduled_at`; the caller checks).
    pub ends_at: Option<i64>,
    /// Panel: account id and focus competency ids.
    pub panel: &'a [(String, Vec<String>)],
}

/// An interview with the ids the permission checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewRecord {
    /// Interview id.
    pub id: String,
    /// Candidate.
    pub candidate_id: String,
    /// Role.
    pub role_id: String,
    /// Guide version.
    pub guide_version_id: String,
    /// Stage id.
    pub stage_id: String,
    /// Stage name.
    pub stage_name: String,
    /// When it starts, UTC milliseconds, if set.
    pub scheduled_at: Option<i64>,
    /// When it ends, UTC milliseconds, if set.
    pub ends_at: Option<i64>,
}

/// Why an interview was not scheduled.
#[derive(Debug, thiserror::Error)]
pub enum ScheduleError {
    /// There is no such candidate.
    #[error("no such candidate")]
    NoCandidate,
    /// The same stage is already scheduled with this candidate at the same
    /// time with the same panel (a repeated request).
    #[error("this interview is already scheduled")]
    Duplicate,
    /// The database failed.
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates an interview and its panel, moves a New candidate to
/// Interviewing and audits both, in one transaction holding the candidate's
/// lock; returns the interview's id. A request identical to an interview
/// already scheduled (stage, time and panel) is refused, so a repeated
/// request never schedules the same interview twice.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn insert_interview(
    db: &Db,
    org_id: &str,
    actor_id: &str,
    new: &NewInterview<'_>,
) -> Result<String, ScheduleError> {
    let mut tx = db
        .begin_write(Lock::Candidate {
            org_id,
            candidate_id: new.candidate_id,
        })
        .await
        .map_err(|e| match e {
            sqlx::Error::RowNotFound => ScheduleError::NoCandidate,
            e => e.into(),
        })?;
    let wanted = panel_key(new.panel.iter().map(|(u, f)| (u.clone(), f.join(" "))));
    let same_stage: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM interviews WHERE org_id = $1 AND candidate_id = $2 AND guide_version_id = $3
           AND stage_id = $4 AND COALESCE(scheduled_at, -1) = $5",
    )
    .bind(org_id)
    .bind(new.candidate_id)
    .bind(new.guide_version_id)
    .bind(new.stage_id)
    .bind(new.scheduled_at.unwrap_or(-1))
    .fetch_all(&mut *tx)
    .await?;
    for other in same_stage {
        let members: Vec<(String, String)> = sqlx::query_as(
            "SELECT user_id, focus FROM interview_panel WHERE org_id = $1 AND interview_id = $2",
        )
        .bind(org_id)
        .bind(&other)
        .fetch_all(&mut *tx)
        .await?;
        if panel_key(members) == wanted {
            return Err(ScheduleError::Duplicate);
        }
    }
    let id = ids::new_id();
    sqlx::query(
        "INSERT INTO interviews (org_id, id, candidate_id, guide_version_id, stage_id, stage_name, scheduled_at, created_by, created_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(new.candidate_id)
    .bind(new.guide_version_id)
    .bind(new.stage_id)
    .bind(new.stage_name)
    .bind(new.scheduled_at)
    .bind(actor_id)
    .bind(now_ms())
    .bind(new.ends_at)
    .execute(&mut *tx)
    .await?;
    for (user_id, focus) in new.panel {
        sqlx::query("INSERT INTO interview_panel (org_id, interview_id, user_id, focus) VALUES ($1, $2, $3, $4)")
            .bind(org_id)
            .bind(&id)
            .bind(user_id)
            .bind(focus.join(" "))
            .execute(&mut *tx)
            .await?;
    }
    super::candidates::set_status_in(
        &mut tx,
        org_id,
        Some(actor_id),
        new.candidate_id,
        Some(PipelineStatus::New),
        PipelineStatus::Interviewing,
    )
    .await?;
    super::audit::append_in(
        &mut tx,
        &super::audit::AuditEntry {
            org_id,
            actor_id: Some(actor_id),
            action: "interview.schedule",
            subject: &id,
            detail: "{}",
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A panel as a sorted list, for comparing panels whatever their order.
fn panel_key(members: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut key: Vec<_> = members.into_iter().collect();
    key.sort();
    key
}

/// The interviews of a candidate, earliest first, with their panels.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<InterviewSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT i.id, i.stage_id, i.stage_name, i.scheduled_at, i.ends_at, v.version
         FROM interviews i JOIN guide_versions v ON v.org_id = i.org_id AND v.id = i.guide_version_id
         WHERE i.org_id = $1 AND i.candidate_id = $2
         ORDER BY i.created_at",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    let mut interviews = Vec::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get("id")?;
        interviews.push(InterviewSummary {
            panel: panel(db, org_id, &id).await?,
            id,
            stage_id: row.try_get("stage_id")?,
            stage_name: row.try_get("stage_name")?,
            guide_version: row.try_get("version")?,
            scheduled_at: row.try_get("scheduled_at")?,
            ends_at: row.try_get("ends_at")?,
            when: String::new(),
        });
    }
    Ok(interviews)
}

/// The competency names of a guide snapshot: only this part of it is
/// decoded, since a panel needs nothing else.
#[derive(serde::Deserialize)]
struct SnapshotNames {
    competencies: Vec<NamedCompetency>,
}

#[derive(serde::Deserialize)]
struct NamedCompetency {
    id: String,
    name: String,
}

/// The panel of one interview, by name, with their focus competencies
/// named as the interview's guide version names them.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn panel(
    db: &Db,
    org_id: &str,
    interview_id: &str,
) -> Result<Vec<PanelMember>, sqlx::Error> {
    let snapshot: Option<String> = sqlx::query_scalar(
        "SELECT v.snapshot_json FROM interviews i
         JOIN guide_versions v ON v.org_id = i.org_id AND v.id = i.guide_version_id
         WHERE i.org_id = $1 AND i.id = $2",
    )
    .bind(org_id)
    .bind(interview_id)
    .fetch_optional(db.pool())
    .await?;
    let names: std::collections::HashMap<String, String> = match snapshot {
        Some(json) => serde_json::from_str::<SnapshotNames>(&json)
            .map_err(|e| sqlx::Error::Decode(Box::new(e)))?
            .competencies
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        None => Default::default(),
    };
    let rows = sqlx::query(
        "SELECT p.user_id, u.name, p.focus FROM interview_panel p
         JOIN users u ON u.org_id = p.org_id AND u.id = p.user_id
         WHERE p.org_id = $1 AND p.interview_id = $2 ORDER BY u.name",
    )
    .bind(org_id)
    .bind(interview_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let focus: Vec<String> = r
                .try_get::<String, _>("focus")?
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            let focus_names = focus
                .iter()
                .map(|id| names.get(id).unwrap_or(id).clone())
                .collect();
            Ok(PanelMember {
                user_id: r.try_get("user_id")?,
                name: r.try_get("name")?,
                focus,
                focus_names,
            })
        })
        .collect()
}

/// Panel sizes of the role's other interviews of the same stage, one per interview.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn panel_sizes(
    db: &Db,
    org_id: &str,
    role_id: &str,
    stage_id: &str,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(PANEL_SIZES)
        .bind(org_id)
        .bind(role_id)
        .bind(stage_id)
        .fetch_all(db.pool())
        .await
}

/// [`panel_sizes`]'s query: from the role's candidates to their interviews
/// (`CROSS JOIN` fixes that order on SQLite, which otherwise read every
/// interview of the organisation).
pub(crate) const PANEL_SIZES: &str =
    "SELECT (SELECT COUNT(*) FROM interview_panel p WHERE p.org_id = i.org_id AND p.interview_id = i.id)
     FROM candidates c CROSS JOIN interviews i
     WHERE c.org_id = $1 AND c.role_id = $2
       AND i.org_id = c.org_id AND i.candidate_id = c.id AND i.stage_id = $3";

/// One interview with its candidate's role.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn find_interview(
    db: &Db,
    org_id: &str,
    id: &str,
) -> Result<Option<InterviewRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT i.id, i.candidate_id, c.role_id, i.guide_version_id, i.stage_id,
                i.stage_name, i.scheduled_at, i.ends_at
         FROM interviews i JOIN candidates c ON c.org_id = i.org_id AND c.id = i.candidate_id
         WHERE i.org_id = $1 AND i.id = $2",
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(InterviewRecord {
            id: r.try_get("id")?,
            candidate_id: r.try_get("candidate_id")?,
            role_id: r.try_get("role_id")?,
            guide_version_id: r.try_get("guide_version_id")?,
            stage_id: r.try_get("stage_id")?,
            stage_name: r.try_get("stage_name")?,
            scheduled_at: r.try_get("scheduled_at")?,
            ends_at: r.try_get("ends_at")?,
        })
    })
    .transpose()
}

/// Whether `user_id` sits on the panel of `interview_id`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn is_on_panel(
    db: &Db,
    org_id: &str,
    interview_id: &str,
    user_id: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM interview_panel WHERE org_id = $1 AND interview_id = $2 AND user_id = $3",
    )
    .bind(org_id)
    .bind(interview_id)
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}
