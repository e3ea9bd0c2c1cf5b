//! Reminders: finding the late scorecards and unanswered referees a
//! reminder may be due for, and recording each reminder exactly once.
//!
//! The guarantee lives in the table, not in the lease: [`claim`] inserts
//! the reminder's row under the unique key (organization, kind, subject,
//! interviewer, sequence number) with `ON CONFLICT DO NOTHING`, so when two
//! app servers race for the same reminder one insert wins and only its
//! server sends the mail. The insert also re-checks that the work is still
//! open, so a scorecard submitted (or a reference answered) a moment before
//! is not reminded about. Which reminders are due is decided by
//! `services::reminders`.
//!
//! [`views`] holds what pages show: the latest reminder per subject and the
//! reminders the recruiter passes on by hand.

pub(crate) mod views;

pub use views::*;

use super::Db;
use sqlx::Row;

/// The end of interview `i` (UTC ms), as SQL over the alias `i`. The one
/// place the reminder rules take an interview's end from.
///
/// The end typed when it was scheduled; an interview scheduled without an
/// end is taken to last an hour (as its calendar file says). NULL when the
/// interview has no time, and such interviews get no reminder.
pub const INTERVIEW_END: &str = "COALESCE(i.ends_at, i.scheduled_at + 3600000)";

/// Interviews that ended longer ago than this get no reminder: nobody is
/// nudged about work from a time before reminders were switched on.
pub const STALE_AFTER_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Pipeline states with nothing left to do.
const CLOSED: &str = "('hired', 'rejected', 'withdrawn')";

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    /// A panel member's scorecard is not submitted.
    Scorecard,
    /// A referee has not answered.
    Reference,
}

impl ReminderKind {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::Scorecard => "scorecard",
            ReminderKind::Reference => "reference",
        }
    }
}

/// What became of a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderStatus {
    /// Claimed; the mail is being handed over (stays so if the server
    /// stopped meanwhile: a reminder is never sent twice).
    Sending,
    /// Handed to the SMTP server.
    Sent,
    /// The SMTP server refused it or could not be reached.
    Failed,
    /// No mail is configured: the recruiter passes it on.
    Manual,
}

impl ReminderStatus {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderStatus::Sending => "sending",
            ReminderStatus::Sent => "sent",
            ReminderStatus::Failed => "failed",
            ReminderStatus::Manual => "manual",
        }
    }
}

/// A panel seat whose scorecard is late enough for its (only) reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueScorecard {
    pub interview_id: String,
    pub candidate_name: String,
    pub role_title: String,
    pub stage_name: String,
    pub scheduled_at: i64,
    /// When the interview ended ([`INTERVIEW_END`]).
    pub ended_at: i64,
    pub interviewer_id: String,
    pub interviewer_name: String,
    pub interviewer_email: String,
    /// The interviewer's time zone, if chosen, for the time in the mail.
    pub interviewer_time_zone: Option<String>,
}

/// Seats of `org_id` whose interview ended at or before `ended_by`, not
/// longer than [`STALE_AFTER_MS`] before `now`, with no submitted
/// scorecard and no reminder yet; for active accounts and candidates still
/// in the pipeline.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn due_scorecards(
    db: &Db,
    org_id: &str,
    ended_by: i64,
    now: i64,
) -> Result<Vec<DueScorecard>, sqlx::Error> {
    let rows = sqlx::query(&due_scorecards_sql())
        .bind(org_id)
        .bind(ended_by)
        .bind(now - STALE_AFTER_MS)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DueScorecard {
                interview_id: r.try_get("interview_id")?,
                candidate_name: r.try_get("candidate_name")?,
                role_title: r.try_get("role_title")?,
                stage_name: r.try_get("stage_name")?,
                scheduled_at: r.try_get("scheduled_at")?,
                ended_at: r.try_get("ended_at")?,
                interviewer_id: r.try_get("interviewer_id")?,
                interviewer_name: r.try_get("interviewer_name")?,
                interviewer_email: r.try_get("interviewer_email")?,
                interviewer_time_zone: r.try_get("interviewer_time_zone")?,
            })
        })
        .collect()
}

/// [`due_scorecards`]'s query: from the seats still owed a scorecard
/// (`interview_panel_open`, the work in hand) to their interviews, people
/// and candidates; `CROSS JOIN` fixes that order on SQLite. The sweep runs
/// every few minutes and used to start from every interview ever held.
pub(crate) fn due_scorecards_sql() -> String {
    format!(
        "SELECT i.id AS interview_id, c.name AS candidate_name, r.title AS role_title, i.stage_name,
                i.scheduled_at, {INTERVIEW_END} AS ended_at, u.id AS interviewer_id, u.name AS interviewer_name,
                u.email AS interviewer_email, u.time_zone AS interviewer_time_zone
         FROM interview_panel p CROSS JOIN interviews i
         JOIN users u ON u.org_id = p.org_id AND u.id = p.user_id
         JOIN candidates c ON c.org_id = i.org_id AND c.id = i.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         WHERE p.org_id = $1 AND p.submitted_at IS NULL
           AND i.org_id = p.org_id AND i.id = p.interview_id AND i.scheduled_at IS NOT NULL
           AND {INTERVIEW_END} <= $2 AND {INTERVIEW_END} > $3
           AND u.deactivated_at IS NULL
           AND c.erased_at IS NULL AND c.status NOT IN {CLOSED}
           AND NOT EXISTS (SELECT 1 FROM reminders m WHERE m.org_id = p.org_id AND m.kind = 'scorecard'
                           AND m.subject_id = p.interview_id AND m.interviewer_id = p.user_id)
         ORDER BY i.scheduled_at, i.id, u.id"
    )
}

/// A link request still waiting for its referee, with its reminders so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReference {
    pub request_id: String,
    pub candidate_name: String,
    pub role_title: String,
    pub referee_name: String,
    pub referee_email: String,
    pub sent_at: i64,
    pub expires_at: i64,
    /// Whether the referee has saved a draft.
    pub has_draft: bool,
    /// Who sent the latest invitation (replies go to them).
    pub requester_name: String,
    pub requester_email: String,
    /// Reminders recorded so far.
    pub reminders: i64,
    /// When the latest one was.
    pub last_reminded_at: Option<i64>,
}

/// Link requests of `org_id` sent, not answered, not declined, whose link
/// works past `works_past`, for candidates still in the pipeline.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn open_references(
    db: &Db,
    org_id: &str,
    works_past: i64,
) -> Result<Vec<OpenReference>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT q.id, c.name AS candidate_name, r.title AS role_title, q.referee_name, q.referee_email,
                q.sent_at, q.expires_at, q.draft_saved_at,
                COALESCE(u.name, '') AS requester_name, COALESCE(u.email, '') AS requester_email,
                (SELECT COUNT(*) FROM reminders m WHERE m.org_id = q.org_id AND m.kind = 'reference'
                   AND m.subject_id = q.id) AS reminders,
                (SELECT MAX(m.created_at) FROM reminders m WHERE m.org_id = q.org_id
                   AND m.kind = 'reference' AND m.subject_id = q.id) AS last_reminded_at
         FROM reference_requests q
         JOIN candidates c ON c.org_id = q.org_id AND c.id = q.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         LEFT JOIN users u ON u.org_id = q.org_id AND u.id = q.invited_by
         WHERE q.org_id = $1 AND q.method = 'link' AND q.sent_at IS NOT NULL
           AND q.submitted_at IS NULL AND q.declined_at IS NULL AND q.expires_at > $2
           AND c.erased_at IS NULL AND c.status NOT IN {CLOSED}
         ORDER BY q.sent_at, q.id"
    ))
    .bind(org_id)
    .bind(works_past)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenReference {
                request_id: r.try_get("id")?,
                candidate_name: r.try_get("candidate_name")?,
                role_title: r.try_get("role_title")?,
                referee_name: r.try_get("referee_name")?,
                referee_email: r.try_get("referee_email")?,
                sent_at: r.try_get("sent_at")?,
                expires_at: r.try_get("expires_at")?,
                has_draft: r.try_get::<Option<i64>, _>("draft_saved_at")?.is_some(),
                requester_name: r.try_get("requester_name")?,
                requester_email: r.try_get("requester_email")?,
                reminders: r.try_get("reminders")?,
                last_reminded_at: r.try_get("last_reminded_at")?,
            })
        })
        .collect()
}

/// A reminder to record.
#[derive(Debug, Clone)]
pub struct NewReminder<'a> {
    pub org_id: &'a str,
    pub kind: ReminderKind,
    /// The interview or the reference request.
    pub subject_id: &'a str,
    /// The panel member; empty for a referee.
    pub interviewer_id: &'a str,
    /// 1 for the first reminder of the subject.
    pub seq: i64,
    pub recipient: &'a str,
    pub status: ReminderStatus,
    pub due_at: i64,
    /// The run's clock.
    pub now: i64,
    /// For a referee: the link must still work past this.
    pub works_past: i64,
}

/// Records `reminder` if no reminder with its key exists and its work is
/// still open; returns the new row's id, or `None` when another server
/// (or an earlier run) recorded it first or the work is done. One
/// statement decides, so racing servers get one row between them.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn claim(db: &Db, reminder: &NewReminder<'_>) -> Result<Option<String>, sqlx::Error> {
    let still_open = match reminder.kind {
        ReminderKind::Scorecard => {
            "FROM interviews i WHERE i.org_id = $1 AND i.id = $3
               AND EXISTS (SELECT 1 FROM interview_panel p WHERE p.org_id = i.org_id
                           AND p.interview_id = i.id AND p.user_id = $4)
               AND NOT EXISTS (SELECT 1 FROM scorecards s WHERE s.org_id = i.org_id
                               AND s.interview_id = i.id AND s.interviewer_id = $4
                               AND s.status = 'submitted')"
        }
        ReminderKind::Reference => {
            "FROM reference_requests q WHERE q.org_id = $1 AND q.id = $3
               AND q.submitted_at IS NULL AND q.declined_at IS NULL AND q.expires_at > $10"
        }
    };
    let id = super::ids::new_id();
    // The WHERE clause also keeps SQLite from reading ON CONFLICT as part
    // of the SELECT.
    let sql = format!(
        "INSERT INTO reminders (org_id, id, kind, subject_id, interviewer_id, seq, recipient, status,
                                outbox_id, due_at, created_at)
         SELECT $1, $2, '{kind}', $3, $4, $5, $6, $7, NULL, $8, $9 {still_open}
         ON CONFLICT (org_id, kind, subject_id, interviewer_id, seq) DO NOTHING",
        kind = reminder.kind.as_str(),
    );
    let query = sqlx::query(&sql)
        .bind(reminder.org_id)
        .bind(&id)
        .bind(reminder.subject_id)
        .bind(reminder.interviewer_id)
        .bind(reminder.seq)
        .bind(reminder.recipient)
        .bind(reminder.status.as_str())
        .bind(reminder.due_at)
        .bind(reminder.now);
    let query = match reminder.kind {
        ReminderKind::Scorecard => query,
        ReminderKind::Reference => query.bind(reminder.works_past),
    };
    let done = query.execute(db.pool()).await?;
    Ok((done.rows_affected() == 1).then_some(id))
}

/// Notes what became of reminder `id` and its message in the outbox.
#[tracing::instrument(level = "debug", skip(db), err(level = "warn"))]
pub async fn finish(
    db: &Db,
    org_id: &str,
    id: &str,
    status: ReminderStatus,
    outbox_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE reminders SET status = $3, outbox_id = $4 WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(id)
        .bind(status.as_str())
        .bind(outbox_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
