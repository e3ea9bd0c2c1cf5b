//! Scorecards: the reads behind the scoring page and the independence rules
//! (this file), the versioned, idempotent writes (`write`) and their group
//! commit (`group`).

mod bulk;
mod group;
mod idempotency;
mod write;

pub use group::MAX_BATCH;
pub(crate) use group::Writers;
pub use write::{WriteError, WriteKind, write, write_alone};

use super::Db;
use crate::model::{
    MyInterview, ScorecardContent, ScorecardState, ScorecardStatus, SubmittedScorecard,
};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A seat on an interview panel: the interview as its interviewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelSeat {
    /// The interview.
    pub interview_id: String,
    /// Candidate.
    pub candidate_id: String,
    /// Candidate's name.
    pub candidate_name: String,
    /// Role.
    pub role_id: String,
    /// Role title.
    pub role_title: String,
    /// Published guide version followed.
    pub guide_version_id: String,
    /// Stage id within it.
    pub stage_id: String,
    /// Stage name.
    pub stage_name: String,
    /// When, UTC milliseconds.
    pub scheduled_at: Option<i64>,
    /// When it ends, UTC milliseconds, if set.
    pub ends_at: Option<i64>,
    /// Focus competency ids; empty means all of the stage's.
    pub focus: Vec<String>,
    /// The interviewer's scorecard status, if they saved anything.
    pub status: Option<ScorecardStatus>,
    /// Last save, UTC milliseconds.
    pub updated_at: Option<i64>,
    /// Whether the role asks its interviewers to pass calibration first.
    /// Read with the seat, so a save's checks cost one query, not two.
    pub calibration_required: bool,
}

const SEATS: &str = "SELECT i.id AS interview_id, i.candidate_id, c.name AS candidate_name, c.role_id,
       r.title AS role_title, i.guide_version_id, i.stage_id, i.stage_name, i.scheduled_at, i.ends_at, p.focus,
       s.status, s.updated_at, p.submitted_at,
       COALESCE((SELECT k.required FROM role_calibration k
                 WHERE k.org_id = c.org_id AND k.role_id = c.role_id), 0) AS calibration_required
     FROM interview_panel p
     JOIN interviews i ON i.org_id = p.org_id AND i.id = p.interview_id
     JOIN candidates c ON c.org_id = i.org_id AND c.id = i.candidate_id
     JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
     LEFT JOIN scorecards s ON s.org_id = p.org_id AND s.interview_id = p.interview_id AND s.interviewer_id = p.user_id
     WHERE p.org_id = $1 AND p.user_id = $2";

fn seat(row: &AnyRow) -> Result<PanelSeat, sqlx::Error> {
    let focus: String = row.try_get("focus")?;
    let status: Option<String> = row.try_get("status")?;
    Ok(PanelSeat {
        interview_id: row.try_get("interview_id")?,
        candidate_id: row.try_get("candidate_id")?,
        candidate_name: row.try_get("candidate_name")?,
        role_id: row.try_get("role_id")?,
        role_title: row.try_get("role_title")?,
        guide_version_id: row.try_get("guide_version_id")?,
        stage_id: row.try_get("stage_id")?,
        stage_name: row.try_get("stage_name")?,
        scheduled_at: row.try_get("scheduled_at")?,
        ends_at: row.try_get("ends_at")?,
        focus: focus.split_whitespace().map(str::to_owned).collect(),
        status: status.as_deref().and_then(ScorecardStatus::parse),
        updated_at: row.try_get("updated_at")?,
        calibration_required: row.try_get::<i64, _>("calibration_required")? == 1,
    })
}

/// `user_id`'s seat on the panel of `interview_id`, if they have one and
/// the candidate was not erased: an erased candidate's scorecards keep
/// their ratings and take no more text.
pub async fn find_seat(
    db: &Db,
    org_id: &str,
    interview_id: &str,
    user_id: &str,
) -> Result<Option<PanelSeat>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "{SEATS} AND p.interview_id = $3 AND c.erased_at IS NULL"
    ))
    .bind(org_id)
    .bind(user_id)
    .bind(interview_id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(seat).transpose()
}

/// Panel seats by organization, interviewer and interview, checked for
/// autosaves moments ago (`db::recent`).
pub(crate) type SeatCache = super::recent::Recent<(String, String, String), PanelSeat>;

/// [`find_seat`] for an autosave, answered from the seats read in the last
/// [`super::recent::KEEP_MS`]: an interviewer autosaves every few seconds
/// while typing, and the seat was one of a save's two reads. A seat, once
/// made, never leaves its panel and keeps its candidate and role; of what
/// a save reads from it, only the role's calibration requirement changes,
/// and [`super::calibration::set_role_requires`] forgets the role's seats
/// (as [`super::erasure::erase_candidate`] forgets the candidate's). Its
/// scorecard status and guide version may be out of date: a save reads
/// neither (the write itself checks the status).
pub async fn find_seat_to_save(
    db: &Db,
    org_id: &str,
    interview_id: &str,
    user_id: &str,
) -> Result<Option<PanelSeat>, sqlx::Error> {
    let key = (
        org_id.to_owned(),
        user_id.to_owned(),
        interview_id.to_owned(),
    );
    let now = super::now_ms();
    let cache = db.seat_cache();
    if let Some(seat) = cache.get(&key, now) {
        return Ok(Some(seat));
    }
    let generation = cache.generation();
    let seat = find_seat(db, org_id, interview_id, user_id).await?;
    if let Some(seat) = &seat {
        cache.keep(key, seat.clone(), now, generation);
    }
    Ok(seat)
}

/// Every seat `user_id` has on the panels of role `role_id`'s candidates.
pub async fn seats_in_role(
    db: &Db,
    org_id: &str,
    user_id: &str,
    role_id: &str,
) -> Result<Vec<PanelSeat>, sqlx::Error> {
    let rows = sqlx::query(&format!("{SEATS} AND c.role_id = $3"))
        .bind(org_id)
        .bind(user_id)
        .bind(role_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(seat).collect()
}

/// Every interview `user_id` sits on the panel of, unsorted.
pub async fn list_for_interviewer(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Vec<MyInterview>, sqlx::Error> {
    let rows = sqlx::query(SEATS)
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(my_interview).collect()
}

/// The interviews `user_id` still has to submit a scorecard for (none
/// saved, or a draft), unsorted.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn to_submit_for_interviewer(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Vec<MyInterview>, sqlx::Error> {
    let rows = sqlx::query(&open_seats_sql())
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(my_interview).collect()
}

/// `user_id`'s seats still owed a scorecard. An interviewer's seats are
/// mostly submitted history: the open ones are read from the seat index
/// alone (`submitted_at IS NULL`), not found by testing every seat.
/// An erased candidate's seats are not owed: nothing more can be recorded
/// about them.
pub(crate) fn open_seats_sql() -> String {
    format!("{SEATS} AND p.submitted_at IS NULL AND c.erased_at IS NULL")
}

/// A page of `user_id`'s submitted seats, latest submission first: read
/// backwards from the seat index, so a page costs its own rows. Only what
/// the list shows: a submitted seat's scorecard is submitted by definition,
/// so neither the scorecard nor the role's calibration rule is read. An
/// erased candidate's interviews leave the list, as their scoring page is
/// gone.
pub(crate) fn submitted_page_sql() -> String {
    "SELECT i.id AS interview_id, c.name AS candidate_name, r.title AS role_title,
            i.stage_name, i.scheduled_at, i.ends_at, p.submitted_at
     FROM interview_panel p
     JOIN interviews i ON i.org_id = p.org_id AND i.id = p.interview_id
     JOIN candidates c ON c.org_id = i.org_id AND c.id = i.candidate_id
     JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
     WHERE p.org_id = $1 AND p.user_id = $2 AND p.submitted_at IS NOT NULL
       AND c.erased_at IS NULL
     ORDER BY p.submitted_at DESC, p.interview_id DESC LIMIT $3 OFFSET $4"
        .to_owned()
}

/// Up to `limit` of the interviews `user_id` submitted a scorecard for,
/// latest submission first, skipping `offset`.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn submitted_for_interviewer(
    db: &Db,
    org_id: &str,
    user_id: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<MyInterview>, sqlx::Error> {
    let rows = sqlx::query(&submitted_page_sql())
        .bind(org_id)
        .bind(user_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| {
            let submitted_at = row.try_get("submitted_at")?;
            Ok(MyInterview {
                interview_id: row.try_get("interview_id")?,
                candidate_name: row.try_get("candidate_name")?,
                role_title: row.try_get("role_title")?,
                stage_name: row.try_get("stage_name")?,
                scheduled_at: row.try_get("scheduled_at")?,
                ends_at: row.try_get("ends_at")?,
                when: String::new(),
                status: Some(ScorecardStatus::Submitted),
                // The list needs no later amendment's time.
                updated_at: submitted_at,
                submitted_at,
            })
        })
        .collect()
}

fn my_interview(row: &AnyRow) -> Result<MyInterview, sqlx::Error> {
    let s = seat(row)?;
    Ok(MyInterview {
        interview_id: s.interview_id,
        candidate_name: s.candidate_name,
        role_title: s.role_title,
        stage_name: s.stage_name,
        scheduled_at: s.scheduled_at,
        ends_at: s.ends_at,
        when: String::new(),
        status: s.status,
        updated_at: s.updated_at,
        submitted_at: row.try_get("submitted_at")?,
    })
}

/// The status of `user_id`'s scorecard for each interview of `candidate_id`
/// they sit on (`None`: nothing saved yet). Empty when they sit on none.
pub async fn own_statuses_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    user_id: &str,
) -> Result<Vec<Option<ScorecardStatus>>, sqlx::Error> {
    let rows: Vec<Option<String>> = sqlx::query_scalar(&format!(
        "SELECT s.status FROM ({SEATS}) s WHERE s.candidate_id = $3"
    ))
    .bind(org_id)
    .bind(user_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .iter()
        .map(|s| s.as_deref().and_then(ScorecardStatus::parse))
        .collect())
}

/// The candidates whose panel `user_id` sits on and still owes a scorecard
/// for (none saved, or a draft): what blind rating hides from them in
/// figures across candidates. Led by the user's seats, like "my interviews".
pub async fn owed_candidates(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<std::collections::BTreeSet<String>, sqlx::Error> {
    let rows = sqlx::query(&open_seats_sql())
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| seat(r).map(|s| s.candidate_id))
        .collect()
}

/// `interviewer_id`'s own scorecard for `interview_id`, if anything was saved.
pub async fn load_own(
    db: &Db,
    org_id: &str,
    interview_id: &str,
    interviewer_id: &str,
) -> Result<Option<ScorecardState>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT s.version, s.status, s.content_json, s.updated_at, s.submitted_at,
           (SELECT COUNT(*) FROM scorecard_versions v
            WHERE v.org_id = s.org_id AND v.scorecard_id = s.id AND v.kind = 'amend') AS amendments
         FROM scorecards s WHERE s.org_id = $1 AND s.interview_id = $2 AND s.interviewer_id = $3",
    )
    .bind(org_id)
    .bind(interview_id)
    .bind(interviewer_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        let status: String = r.try_get("status")?;
        Ok(ScorecardState {
            version: r.try_get("version")?,
            status: ScorecardStatus::parse(&status).unwrap_or(ScorecardStatus::Draft),
            content: decode(&r.try_get::<String, _>("content_json")?)?,
            updated_at: r.try_get("updated_at")?,
            submitted_at: r.try_get("submitted_at")?,
            amendments: r.try_get("amendments")?,
        })
    })
    .transpose()
}

/// The submitted scorecards of `candidate_id` (of one interview when
/// `interview_id` is given), by interview then interviewer. Drafts are
/// filtered out here, in SQL, so no caller can hand one out by mistake.
pub async fn submitted_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    interview_id: Option<&str>,
) -> Result<Vec<SubmittedScorecard>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.interview_id, i.stage_name, s.interviewer_id, u.name, s.version, s.submitted_at, s.content_json,
           (SELECT COUNT(*) FROM scorecard_versions v
            WHERE v.org_id = s.org_id AND v.scorecard_id = s.id AND v.kind = 'amend') AS amendments
         FROM scorecards s
         JOIN interviews i ON i.org_id = s.org_id AND i.id = s.interview_id
         JOIN users u ON u.org_id = s.org_id AND u.id = s.interviewer_id
         WHERE s.org_id = $1 AND s.candidate_id = $2 AND s.status = 'submitted'
           AND ($3 = '' OR s.interview_id = $3)
         ORDER BY i.created_at, u.name",
    )
    .bind(org_id)
    .bind(candidate_id)
    .bind(interview_id.unwrap_or(""))
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(SubmittedScorecard {
                interview_id: r.try_get("interview_id")?,
                stage_name: r.try_get("stage_name")?,
                interviewer_id: r.try_get("interviewer_id")?,
                interviewer_name: r.try_get("name")?,
                version: r.try_get("version")?,
                submitted_at: r.try_get::<Option<i64>, _>("submitted_at")?.unwrap_or(0),
                amendments: r.try_get("amendments")?,
                content: decode(&r.try_get::<String, _>("content_json")?)?,
            })
        })
        .collect()
}

fn decode(json: &str) -> Result<ScorecardContent, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
