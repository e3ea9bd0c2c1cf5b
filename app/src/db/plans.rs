//! SQLite's plans for the queries whose cost must follow what a request is
//! about (a candidate, a role, a person's seats), not the organisation's
//! whole history.
//!
//! SQLite keeps no statistics unless asked (Panelkit never runs `ANALYZE`)
//! and then guesses about ten rows per key. With a join written in the
//! wrong order, or an index whose only usable column is `org_id`, it walks
//! every interview, seat or reminder the organisation ever had, once per
//! row of the outer loop: a summary page and a home page each took minutes
//! on a database of a million ratings. Every query below is planned on an
//! empty migrated database, as a deployment plans it, and no step may read
//! a history table by organisation alone.

use super::Db;
use sqlx::Row;

/// Tables that stay small whatever the history (people, roles, teams):
/// reading them by organisation is fine.
const SMALL: &[&str] = &["users", "roles", "role_team", "legal_holds"];

/// Indexes that hold only what is still open or recent, so reading one by
/// organisation reads the work in hand, not the history.
const BOUNDED: &[(&str, &str)] = &[
    (
        "reference_requests_open",
        "only requests still waiting for an answer",
    ),
    (
        "interview_panel_open",
        "only panel seats still owed a scorecard",
    ),
    ("candidates_open", "only candidates still in the pipeline"),
    (
        "sqlite_autoindex_scorecard_writes_1",
        "idempotency keys, pruned after seven days; read whole only by a candidate's export",
    ),
];

/// SQLite's plan for `sql`, with `binds` text parameters: one line per step.
async fn plan(db: &Db, sql: &str, binds: usize) -> Vec<String> {
    let explain = format!("EXPLAIN QUERY PLAN {sql}");
    let mut query = sqlx::query(&explain);
    for n in 0..binds {
        query = query.bind(format!("p{n}"));
    }
    let rows = query.fetch_all(db.pool()).await.expect("plan");
    rows.iter()
        .map(|r| r.try_get::<String, _>("detail").expect("detail"))
        .collect()
}

/// A migrated SQLite database with no rows and no statistics, planned as
/// a deployment's is, and where it lies.
async fn empty_db() -> (Db, std::path::PathBuf) {
    let dir = std::env::temp_dir().join("panelkit-plans");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{}.db", super::ids::new_id()));
    let db = Db::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("open");
    db.migrate().await.expect("migrate");
    (db, path)
}

async fn discard(db: Db, path: &std::path::Path) {
    db.close().await;
    let _ = std::fs::remove_file(path);
}

/// Whether a plan step reads a history table by organisation alone (or
/// whole).
fn reads_all_history(step: &str) -> bool {
    let small = |index: &str| {
        SMALL
            .iter()
            .any(|t| index.contains(&format!("_{t}_")) || index.starts_with(&format!("{t}_")))
    };
    if let Some(rest) = step.strip_prefix("SCAN ") {
        // A bounded index read whole is the work in hand of every
        // organisation, still not the history.
        let bounded = rest
            .split(" INDEX ")
            .nth(1)
            .and_then(|i| i.split(' ').next())
            .is_some_and(|i| BOUNDED.iter().any(|(b, _)| *b == i));
        return !rest.starts_with("CONSTANT ROW")
            && !bounded
            && !SMALL.iter().any(|t| rest.starts_with(&format!("{t} ")));
    }
    let Some(index) = step.split(" INDEX ").nth(1) else {
        return false;
    };
    let name = index.split(' ').next().unwrap_or_default();
    let by_org_alone =
        index.ends_with("(org_id=?)") || UNBOUNDING.iter().any(|k| index.ends_with(k));
    by_org_alone && !small(name) && !BOUNDED.iter().any(|(b, _)| *b == name)
}

/// Index keys that read like more than the organisation but hold nearly
/// every row of its history: "not erased" is true of almost every
/// candidate there ever was.
const UNBOUNDING: &[&str] = &["(org_id=? AND erased_at=?)"];

/// The queries checked: name, SQL, number of parameters.
fn queries() -> Vec<(String, String, usize)> {
    let mut all = vec![
        (
            "summary: the role's scorecards, fingerprint".to_owned(),
            super::summaries::ROLE_FINGERPRINT.to_owned(),
            2,
        ),
        (
            "home: awaiting a decision".to_owned(),
            super::home::awaiting_decision_sql(false, super::Backend::Sqlite),
            2,
        ),
        (
            "home: awaiting a hiring manager's decision".to_owned(),
            super::home::awaiting_decision_sql(true, super::Backend::Sqlite),
            3,
        ),
        (
            "home: how many await a decision".to_owned(),
            super::home::awaiting_decision_count_sql(false, super::Backend::Sqlite),
            1,
        ),
        (
            "home: how many await a hiring manager's decision".to_owned(),
            super::home::awaiting_decision_count_sql(true, super::Backend::Sqlite),
            2,
        ),
        (
            "home: candidates to schedule".to_owned(),
            super::home::without_interview_sql(super::Backend::Sqlite),
            1,
        ),
        (
            "home: candidates with references".to_owned(),
            super::home::with_references_sql(super::Backend::Sqlite),
            1,
        ),
        (
            "home: the references of candidates with references".to_owned(),
            super::references::requests_of_sql(2),
            3,
        ),
        (
            "home: signal reviews of candidates with signals".to_owned(),
            super::references::signal_reviews_of_sql(2),
            3,
        ),
        (
            "home: unsubmitted seats".to_owned(),
            super::home::unsubmitted_seats_sql(),
            2,
        ),
        (
            "home: unanswered requests".to_owned(),
            super::home::unanswered_requests_sql(),
            1,
        ),
        (
            "scheduling: panel sizes".to_owned(),
            super::interviews::PANEL_SIZES.to_owned(),
            3,
        ),
        (
            "calibration: a role's interviewers".to_owned(),
            super::calibration::ROLE_INTERVIEWERS.to_owned(),
            2,
        ),
        (
            "candidate page: reminders".to_owned(),
            super::reminders::views::for_candidate_sql(),
            2,
        ),
        (
            "home: an interviewer's reminders".to_owned(),
            super::reminders::views::FOR_INTERVIEWER.to_owned(),
            2,
        ),
        (
            "reminder sweep: scorecards due".to_owned(),
            super::reminders::due_scorecards_sql(),
            3,
        ),
        (
            "housekeeping: submitted seats still open".to_owned(),
            super::housekeeping::SUBMITTED_OPEN_SEATS.to_owned(),
            1,
        ),
        (
            "my interviews: open seats".to_owned(),
            super::scorecards::open_seats_sql(),
            2,
        ),
        (
            "my interviews: a page of the history".to_owned(),
            super::scorecards::submitted_page_sql(),
            4,
        ),
    ];
    for (table, sql) in super::export::TABLES {
        all.push((format!("export: {table}"), (*sql).to_owned(), 2));
    }
    all
}

#[tokio::test]
async fn no_query_reads_the_organisations_whole_history() {
    let (db, path) = empty_db().await;
    let mut found = Vec::new();
    for (name, sql, binds) in queries() {
        let steps = plan(&db, &sql, binds).await;
        assert!(!steps.is_empty(), "{name}: no plan");
        for step in steps.iter().filter(|s| reads_all_history(s)) {
            found.push(format!("{name}: {step}"));
        }
    }
    discard(db, &path).await;
    assert!(
        found.is_empty(),
        "steps that read the whole history:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_knows_a_walk_of_the_history_when_it_sees_one() {
    // The plan the summary's version notes had before they were fixed.
    assert!(reads_all_history(
        "SEARCH i USING INDEX interviews_by_candidate (org_id=?)"
    ));
    assert!(reads_all_history(
        "SEARCH s USING COVERING INDEX scorecards_by_interviewer (org_id=?)"
    ));
    assert!(reads_all_history("SCAN scorecards"));
    assert!(reads_all_history(
        "SEARCH c USING INDEX candidates_by_erasure (org_id=? AND erased_at=?)"
    ));
    assert!(!reads_all_history(
        "SEARCH c USING INDEX candidates_open (org_id=?)"
    ));
    assert!(!reads_all_history(
        "SEARCH c USING INDEX candidates_by_role (org_id=? AND role_id=?)"
    ));
    assert!(!reads_all_history(
        "SEARCH u USING INDEX sqlite_autoindex_users_1 (org_id=?)"
    ));
    assert!(!reads_all_history("SCAN CONSTANT ROW"));
    assert!(!reads_all_history("USE TEMP B-TREE FOR ORDER BY"));
}

#[tokio::test]
async fn the_summary_starts_from_the_roles_candidates() {
    let (db, path) = empty_db().await;
    let steps = plan(&db, super::summaries::ROLE_FINGERPRINT, 2).await;
    discard(db, &path).await;
    let first = steps
        .iter()
        .find(|s| s.starts_with("SEARCH") || s.starts_with("SCAN"));
    assert_eq!(
        first.map(String::as_str),
        Some("SEARCH c USING INDEX candidates_by_role (org_id=? AND role_id=?)"),
        "{steps:#?}"
    );
    // Checked on every view of a summary page: from the index alone, no
    // scorecard row (and its content) is read.
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("SEARCH s USING COVERING INDEX scorecards_by_candidate")),
        "{steps:#?}"
    );
}

#[tokio::test]
async fn my_interviews_read_open_seats_and_a_page_of_history_from_the_seat_index() {
    let (db, path) = empty_db().await;
    let open = plan(&db, &super::scorecards::open_seats_sql(), 2).await;
    let page = plan(&db, &super::scorecards::submitted_page_sql(), 4).await;
    discard(db, &path).await;
    for steps in [&open, &page] {
        // The seats first, by the user's seat index: an interviewer's
        // history is never walked to find what is still open.
        let first = steps
            .iter()
            .find(|s| s.starts_with("SEARCH") || s.starts_with("SCAN"));
        assert!(
            first.is_some_and(|s| s.starts_with("SEARCH p USING INDEX interview_panel_by_user")),
            "{steps:#?}"
        );
    }
    assert!(
        open.iter().any(|s| s.contains("submitted_at=?")),
        "open seats by `submitted_at IS NULL`: {open:#?}"
    );
    // The page is the index read backwards: no sort of the whole history
    // (seats submitted in the same millisecond are ordered among themselves).
    assert!(
        !page.iter().any(|s| s == "USE TEMP B-TREE FOR ORDER BY"),
        "{page:#?}"
    );
    assert!(
        page.iter().any(|s| s.contains("submitted_at>?")),
        "{page:#?}"
    );
}
