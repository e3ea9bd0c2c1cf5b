//! The organisation-wide lists behind the home pages' to-do items. Each
//! query reads one kind of open work; the services layer decides who sees
//! which (see `services::home`).
//!
//! Candidates whose data was erased, and candidates no longer in the
//! pipeline (hired, rejected, withdrawn), never appear: nothing is left to
//! do for them.

use super::{Backend, Db};
use crate::model::ReferenceTimes;
use sqlx::Row;

/// Pipeline states with nothing left to do.
const CLOSED: &str = "('hired', 'rejected', 'withdrawn')";

/// Candidates still in the pipeline, with their role's title; `$1` is the
/// organization. Callers add conditions and the order.
///
/// Read from the partial index `candidates_open` (migration 0017), so the
/// lists cost the open pipeline, however long the history: its condition
/// is repeated here word for word, and SQLite, which plans without
/// statistics and would as soon take any index on `org_id`, is told to use
/// it (`INDEXED BY` fails the statement, rather than walking the history,
/// should the two ever part).
fn open_candidates(backend: Backend) -> String {
    let hint = match backend {
        Backend::Sqlite => " INDEXED BY candidates_open",
        Backend::Postgres => "",
    };
    format!(
        "SELECT c.id, c.name, c.email, c.role_id, r.title AS role_title, c.status, c.created_at
         FROM candidates c{hint}
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         WHERE c.org_id = $1 AND c.erased_at IS NULL
           AND c.status NOT IN ('hired', 'rejected', 'withdrawn')"
    )
}

/// A role never published, with its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRow {
    pub id: String,
    pub title: String,
    pub created_at: i64,
}

/// Roles of `org_id` without a published guide version.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn roles_without_guide(db: &Db, org_id: &str) -> Result<Vec<RoleRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.title, r.created_at FROM roles r
         WHERE r.org_id = $1
           AND NOT EXISTS (SELECT 1 FROM guide_versions g WHERE g.org_id = r.org_id AND g.role_id = r.id)
         ORDER BY r.created_at, r.id",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RoleRow {
                id: r.try_get("id")?,
                title: r.try_get("title")?,
                created_at: r.try_get("created_at")?,
            })
        })
        .collect()
}

/// A candidate in an open pipeline state, with their role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role_id: String,
    pub role_title: String,
    pub status: String,
    pub created_at: i64,
}

fn candidate_row(r: &sqlx::any::AnyRow) -> Result<CandidateRow, sqlx::Error> {
    Ok(CandidateRow {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        role_id: r.try_get("role_id")?,
        role_title: r.try_get("role_title")?,
        status: r.try_get("status")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Candidates still in the pipeline who have no interview at all.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn candidates_without_interview(
    db: &Db,
    org_id: &str,
) -> Result<Vec<CandidateRow>, sqlx::Error> {
    let rows = sqlx::query(&without_interview_sql(db.backend()))
        .bind(org_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(candidate_row).collect()
}

/// [`candidates_without_interview`]'s query.
pub(crate) fn without_interview_sql(backend: Backend) -> String {
    format!(
        "{}
           AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.org_id = c.org_id AND i.candidate_id = c.id)
         ORDER BY c.created_at, c.id",
        open_candidates(backend)
    )
}

/// Candidates still in the pipeline with at least one interview, every seat
/// of every interview submitted, and no decision recorded: the first
/// `limit` by name (as Rust orders strings, byte by byte), and how many
/// there are in all. With `hiring_manager`, only roles whose team has that
/// account as hiring manager.
///
/// The page and the count are two statements so that an organisation with
/// thousands of candidates waiting does not send every one of them over to
/// show fifty.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn awaiting_decision(
    db: &Db,
    org_id: &str,
    hiring_manager: Option<&str>,
    limit: usize,
) -> Result<(Vec<CandidateRow>, usize), sqlx::Error> {
    let page_sql = awaiting_decision_sql(hiring_manager.is_some(), db.backend());
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = bound(&page_sql, org_id, hiring_manager)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    let rows = rows
        .iter()
        .map(candidate_row)
        .collect::<Result<Vec<_>, _>>()?;
    let total = if rows.len() < usize::try_from(limit).unwrap_or(usize::MAX) {
        rows.len()
    } else {
        let count_sql = awaiting_decision_count_sql(hiring_manager.is_some(), db.backend());
        let count: i64 = bound(&count_sql, org_id, hiring_manager)
            .fetch_one(db.pool())
            .await?
            .try_get(0)?;
        usize::try_from(count).unwrap_or(0)
    };
    Ok((rows, total))
}

/// `sql` with the organisation as `$1` and, if given, the hiring manager
/// as `$2`.
fn bound<'q>(
    sql: &'q str,
    org_id: &'q str,
    hiring_manager: Option<&'q str>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let query = sqlx::query(sql).bind(org_id);
    match hiring_manager {
        Some(user_id) => query.bind(user_id),
        None => query,
    }
}

/// The conditions of [`awaiting_decision`] after [`open_candidates`]. Each
/// candidate's panels are found from their interviews (`CROSS JOIN` fixes
/// that order on SQLite, which otherwise walked every panel seat of the
/// organisation per candidate). The decisions are looked up per open
/// candidate: `OFFSET 0` keeps PostgreSQL from turning the check into a
/// hash join over every decision ever recorded (18 ms at 20,000 decisions,
/// against 1 ms for 400 lookups in the index).
fn awaiting_decision_conditions(for_hiring_manager: bool) -> String {
    let team = if for_hiring_manager {
        "AND EXISTS (SELECT 1 FROM role_team t WHERE t.org_id = c.org_id AND t.role_id = c.role_id
                     AND t.user_id = $2 AND t.member_role = 'hiring-manager')"
    } else {
        ""
    };
    format!(
        "{team}
           AND EXISTS (SELECT 1 FROM interviews i WHERE i.org_id = c.org_id AND i.candidate_id = c.id)
           AND NOT EXISTS (
             SELECT 1 FROM interviews i CROSS JOIN interview_panel p
             WHERE i.org_id = c.org_id AND i.candidate_id = c.id
               AND p.org_id = i.org_id AND p.interview_id = i.id
               AND p.submitted_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.org_id = c.org_id AND d.candidate_id = c.id
                           LIMIT 1 OFFSET 0)"
    )
}

/// [`awaiting_decision`]'s page: the first candidates by name, then by when
/// they were added. PostgreSQL compares names in the database's locale
/// unless told to compare bytes, as SQLite and the home page do.
pub(crate) fn awaiting_decision_sql(for_hiring_manager: bool, backend: Backend) -> String {
    let name = match backend {
        Backend::Sqlite => "c.name",
        Backend::Postgres => "c.name COLLATE \"C\"",
    };
    let limit = if for_hiring_manager { "$3" } else { "$2" };
    format!(
        "{} {}
         ORDER BY {name}, c.created_at, c.id
         LIMIT {limit}",
        open_candidates(backend),
        awaiting_decision_conditions(for_hiring_manager)
    )
}

/// How many candidates [`awaiting_decision`] has in all.
pub(crate) fn awaiting_decision_count_sql(for_hiring_manager: bool, backend: Backend) -> String {
    format!(
        "SELECT COUNT(*) FROM ({} {}) waiting",
        open_candidates(backend),
        awaiting_decision_conditions(for_hiring_manager)
    )
}

/// A panel seat whose scorecard is not submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSeat {
    pub interview_id: String,
    pub candidate_id: String,
    pub candidate_name: String,
    pub role_title: String,
    pub stage_name: String,
    pub interviewer_name: String,
    pub scheduled_at: i64,
}

/// Seats of interviews that started before `before` whose scorecard is not
/// submitted, for candidates still in the pipeline.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn unsubmitted_seats_before(
    db: &Db,
    org_id: &str,
    before: i64,
) -> Result<Vec<OpenSeat>, sqlx::Error> {
    let rows = sqlx::query(&unsubmitted_seats_sql())
        .bind(org_id)
        .bind(before)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenSeat {
                interview_id: r.try_get("interview_id")?,
                candidate_id: r.try_get("candidate_id")?,
                candidate_name: r.try_get("candidate_name")?,
                role_title: r.try_get("role_title")?,
                stage_name: r.try_get("stage_name")?,
                interviewer_name: r.try_get("interviewer_name")?,
                scheduled_at: r.try_get("scheduled_at")?,
            })
        })
        .collect()
}

/// [`unsubmitted_seats_before`]'s query: from the seats still owed a
/// scorecard (`interview_panel_open`, the work in hand however long the
/// history) to their interviews and candidates; `CROSS JOIN` fixes that
/// order on SQLite, which plans without statistics.
pub(crate) fn unsubmitted_seats_sql() -> String {
    format!(
        "SELECT i.id AS interview_id, c.id AS candidate_id, c.name AS candidate_name,
                r.title AS role_title, i.stage_name, u.name AS interviewer_name, i.scheduled_at
         FROM interview_panel p CROSS JOIN interviews i CROSS JOIN candidates c
         JOIN users u ON u.org_id = p.org_id AND u.id = p.user_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         WHERE p.org_id = $1 AND p.submitted_at IS NULL
           AND i.org_id = p.org_id AND i.id = p.interview_id
           AND i.scheduled_at IS NOT NULL AND i.scheduled_at < $2
           AND c.org_id = i.org_id AND c.id = i.candidate_id
           AND c.erased_at IS NULL AND c.status NOT IN {CLOSED}
         ORDER BY i.scheduled_at, i.id, u.name"
    )
}

/// A link invitation sent and not answered (declined ones are done).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequest {
    pub id: String,
    pub candidate_id: String,
    pub candidate_name: String,
    pub role_title: String,
    pub referee_name: String,
    pub times: ReferenceTimes,
}

/// Every sent, unanswered, undeclined link request of candidates still in
/// the pipeline (expired ones included: they need a new link).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn unanswered_requests(db: &Db, org_id: &str) -> Result<Vec<OpenRequest>, sqlx::Error> {
    let rows = sqlx::query(&unanswered_requests_sql())
        .bind(org_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(OpenRequest {
                id: r.try_get("id")?,
                candidate_id: r.try_get("candidate_id")?,
                candidate_name: r.try_get("candidate_name")?,
                role_title: r.try_get("role_title")?,
                referee_name: r.try_get("referee_name")?,
                times: ReferenceTimes {
                    sent_at: r.try_get("sent_at")?,
                    expires_at: r.try_get("expires_at")?,
                    opened_at: r.try_get("opened_at")?,
                    started_at: r.try_get("started_at")?,
                    submitted_at: None,
                    declined_at: None,
                },
            })
        })
        .collect()
}

/// [`unanswered_requests`]'s query, on the index of open requests
/// (`reference_requests_open`, whose condition it repeats).
pub(crate) fn unanswered_requests_sql() -> String {
    format!(
        "SELECT q.id, c.id AS candidate_id, c.name AS candidate_name, r.title AS role_title,
                q.referee_name, q.sent_at, q.expires_at, q.opened_at, q.started_at
         FROM reference_requests q
         JOIN candidates c ON c.org_id = q.org_id AND c.id = q.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         WHERE q.org_id = $1 AND q.method = 'link' AND q.sent_at IS NOT NULL
           AND q.submitted_at IS NULL AND q.declined_at IS NULL
           AND c.erased_at IS NULL AND c.status NOT IN {CLOSED}
         ORDER BY q.expires_at, q.id"
    )
}

/// Candidates still in the pipeline with at least one answered reference:
/// the ones whose fraud signals may need a review.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn candidates_with_references(
    db: &Db,
    org_id: &str,
) -> Result<Vec<CandidateRow>, sqlx::Error> {
    let rows = sqlx::query(&with_references_sql(db.backend()))
        .bind(org_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(candidate_row).collect()
}

/// [`candidates_with_references`]'s query.
pub(crate) fn with_references_sql(backend: Backend) -> String {
    format!(
        "{}
           AND EXISTS (SELECT 1 FROM reference_requests q WHERE q.org_id = c.org_id
                       AND q.candidate_id = c.id AND q.submitted_at IS NOT NULL)
         ORDER BY c.created_at, c.id",
        open_candidates(backend)
    )
}
