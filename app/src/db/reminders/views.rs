//! What pages show of reminders: those recorded about a candidate or for an
//! interviewer, and the ones recruiters pass on by hand (no mail
//! configured, or the mail server refused them) while the work is open.

use super::{CLOSED, Db, ReminderKind};
use sqlx::Row;
use sqlx::any::AnyRow;

/// One recorded reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRow {
    pub kind: String,
    /// The interview or the reference request.
    pub subject_id: String,
    /// The panel member; empty for a referee.
    pub interviewer_id: String,
    pub seq: i64,
    /// `sending`, `sent`, `failed` or `manual`.
    pub status: String,
    pub created_at: i64,
}

const ROW_COLUMNS: &str = "m.kind, m.subject_id, m.interviewer_id, m.seq, m.status, m.created_at";

fn reminder_row(r: &AnyRow) -> Result<ReminderRow, sqlx::Error> {
    Ok(ReminderRow {
        kind: r.try_get("kind")?,
        subject_id: r.try_get("subject_id")?,
        interviewer_id: r.try_get("interviewer_id")?,
        seq: r.try_get("seq")?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Every reminder about candidate `candidate_id`'s interviews and
/// references, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<ReminderRow>, sqlx::Error> {
    let rows = sqlx::query(&for_candidate_sql())
        .bind(org_id)
        .bind(candidate_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(reminder_row).collect()
}

/// [`for_candidate`]'s query: the reminders about the candidate's
/// interviews and requests, found by subject (otherwise SQLite read every
/// reminder of the organisation); the kind still decides which table the
/// subject is in.
pub(crate) fn for_candidate_sql() -> String {
    format!(
        "SELECT {ROW_COLUMNS} FROM reminders m
         WHERE m.org_id = $1
           AND m.subject_id IN (SELECT id FROM interviews WHERE org_id = $1 AND candidate_id = $2
                                UNION ALL
                                SELECT id FROM reference_requests WHERE org_id = $1 AND candidate_id = $2)
           AND ((m.kind = 'scorecard' AND EXISTS (SELECT 1 FROM interviews i WHERE i.org_id = m.org_id
                                             AND i.id = m.subject_id AND i.candidate_id = $2))
           OR (m.kind = 'reference' AND EXISTS (SELECT 1 FROM reference_requests q WHERE q.org_id = m.org_id
                                               AND q.id = m.subject_id AND q.candidate_id = $2)))
         ORDER BY m.created_at, m.seq, m.id"
    )
}

/// The scorecard reminders interviewer `user_id` was sent, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn for_interviewer(
    db: &Db,
    org_id: &str,
    user_id: &str,
) -> Result<Vec<ReminderRow>, sqlx::Error> {
    let rows = sqlx::query(FOR_INTERVIEWER)
        .bind(org_id)
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(reminder_row).collect()
}

/// [`for_interviewer`]'s query, on `reminders_by_interviewer`.
pub(crate) const FOR_INTERVIEWER: &str =
    "SELECT m.kind, m.subject_id, m.interviewer_id, m.seq, m.status, m.created_at
     FROM reminders m
     WHERE m.org_id = $1 AND m.kind = 'scorecard' AND m.interviewer_id = $2
     ORDER BY m.created_at, m.id";

/// A reminder the recruiter is to pass on, with whom to reach and about
/// what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassOn {
    pub kind: ReminderKind,
    pub candidate_id: String,
    pub candidate_name: String,
    pub role_title: String,
    /// The interviewer or referee.
    pub person_name: String,
    pub person_email: String,
    /// A referee's phone (empty if none or an interviewer).
    pub person_phone: String,
    /// The interview's stage; empty for a referee.
    pub stage_name: String,
    /// The interview's start, or when the referee's link was sent.
    pub since: i64,
    /// When the referee's link stops working; the interview's start for a
    /// scorecard.
    pub until: i64,
    pub seq: i64,
    /// `manual` or `failed`.
    pub status: String,
    pub reminded_at: i64,
}

fn pass_on(kind: ReminderKind, r: &AnyRow) -> Result<PassOn, sqlx::Error> {
    Ok(PassOn {
        kind,
        candidate_id: r.try_get("candidate_id")?,
        candidate_name: r.try_get("candidate_name")?,
        role_title: r.try_get("role_title")?,
        person_name: r.try_get("person_name")?,
        person_email: r.try_get("person_email")?,
        person_phone: r.try_get("person_phone")?,
        stage_name: r.try_get("stage_name")?,
        since: r.try_get("since")?,
        until: r.try_get("until_at")?,
        seq: r.try_get("seq")?,
        status: r.try_get("status")?,
        reminded_at: r.try_get("created_at")?,
    })
}

/// The latest reminder of each subject of `org_id` that was not mailed
/// (`manual` or `failed`) and whose work is still open at `now`: the
/// scorecard unsubmitted, the referee's link unanswered and working, the
/// candidate in the pipeline.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn to_pass_on(db: &Db, org_id: &str, now: i64) -> Result<Vec<PassOn>, sqlx::Error> {
    let scorecards = sqlx::query(&format!(
        "SELECT m.seq, m.status, m.created_at, c.id AS candidate_id, c.name AS candidate_name,
                r.title AS role_title, u.name AS person_name, u.email AS person_email,
                '' AS person_phone, i.stage_name, COALESCE(i.scheduled_at, m.created_at) AS since,
                COALESCE(i.scheduled_at, m.created_at) AS until_at
         FROM reminders m
         JOIN interviews i ON i.org_id = m.org_id AND i.id = m.subject_id
         JOIN interview_panel p ON p.org_id = m.org_id AND p.interview_id = m.subject_id
                                AND p.user_id = m.interviewer_id
         JOIN users u ON u.org_id = m.org_id AND u.id = m.interviewer_id
         JOIN candidates c ON c.org_id = i.org_id AND c.id = i.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         WHERE m.org_id = $1 AND m.kind = 'scorecard' AND m.status IN ('manual', 'failed')
           AND u.deactivated_at IS NULL
           AND c.erased_at IS NULL AND c.status NOT IN {CLOSED}
           AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.org_id = m.org_id
                           AND s.interview_id = m.subject_id AND s.interviewer_id = m.interviewer_id
                           AND s.status = 'submitted')
         ORDER BY m.created_at, m.id"
    ))
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    let references = sqlx::query(&format!(
        "SELECT m.seq, m.status, m.created_at, c.id AS candidate_id, c.name AS candidate_name,
                r.title AS role_title, q.referee_name AS person_name, q.referee_email AS person_email,
                q.referee_phone AS person_phone, '' AS stage_name, q.sent_at AS since,
                q.expires_at AS until_at
         FROM reminders m
         JOIN reference_requests q ON q.org_id = m.org_id AND q.id = m.subject_id
         JOIN candidates c ON c.org_id = q.org_id AND c.id = q.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         WHERE m.org_id = $1 AND m.kind = 'reference' AND m.status IN ('manual', 'failed')
           AND q.submitted_at IS NULL AND q.declined_at IS NULL AND q.expires_at > $2
           AND c.erased_at IS NULL AND c.status NOT IN {CLOSED}
           AND NOT EXISTS (SELECT 1 FROM reminders n WHERE n.org_id = m.org_id AND n.kind = m.kind
                           AND n.subject_id = m.subject_id AND n.seq > m.seq)
         ORDER BY m.created_at, m.id"
    ))
    .bind(org_id)
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(scorecards.len() + references.len());
    for r in &scorecards {
        out.push(pass_on(ReminderKind::Scorecard, r)?);
    }
    for r in &references {
        out.push(pass_on(ReminderKind::Reference, r)?);
    }
    Ok(out)
}
