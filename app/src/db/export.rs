//! Everything stored about one candidate, table by table, for an export.
//!
//! Each table's rows come back whole (every column), so a column added
//! later is exported without anyone remembering to; JSON held in a `*_json`
//! column is exported as JSON. Link tokens' hashes are left out: they are
//! secrets of the app, not data about the person.

use super::Db;
use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{Column, Row};

/// The ids of the candidate's interviews (`$1` organization, `$2` candidate).
const INTERVIEWS: &str = "SELECT id FROM interviews WHERE org_id = $1 AND candidate_id = $2";
/// The ids of the candidate's scorecards.
const SCORECARDS: &str = "SELECT id FROM scorecards WHERE org_id = $1 AND candidate_id = $2";
/// The ids of the candidate's reference requests.
const REFERENCES: &str =
    "SELECT id FROM reference_requests WHERE org_id = $1 AND candidate_id = $2";

/// The rows of a table with a `subject_id` that are about the candidate:
/// mail and reminders whose subject is the candidate, one of their
/// interviews or one of their reference requests (`$1` organization, `$2`
/// candidate). One `IN` list, not three joined by `OR`: SQLite uses the
/// subject index for the one and read the organisation's every row for the
/// other. A macro so that it joins the literal queries below.
macro_rules! about_the_candidate {
    () => {
        "subject_id IN (SELECT $2 \
         UNION ALL SELECT id FROM interviews WHERE org_id = $1 AND candidate_id = $2 \
         UNION ALL SELECT id FROM reference_requests WHERE org_id = $1 AND candidate_id = $2)"
    };
}
pub(crate) use about_the_candidate;

/// Every table that holds data about a candidate, with the query that
/// selects the candidate's rows (`$1` organization, `$2` candidate). The
/// export has one section per table, under the table's name.
pub const TABLES: &[(&str, &str)] = &[
    (
        "candidates",
        "SELECT * FROM candidates WHERE org_id = $1 AND id = $2",
    ),
    (
        "interviews",
        "SELECT * FROM interviews WHERE org_id = $1 AND candidate_id = $2 ORDER BY created_at, id",
    ),
    (
        "interview_panel",
        "SELECT * FROM interview_panel WHERE org_id = $1 AND interview_id IN (SELECT id FROM interviews WHERE org_id = $1 AND candidate_id = $2) ORDER BY interview_id, user_id",
    ),
    (
        "scorecards",
        "SELECT * FROM scorecards WHERE org_id = $1 AND candidate_id = $2 ORDER BY created_at, id",
    ),
    (
        "scorecard_versions",
        "SELECT * FROM scorecard_versions WHERE org_id = $1 AND scorecard_id IN (SELECT id FROM scorecards WHERE org_id = $1 AND candidate_id = $2) ORDER BY scorecard_id, version",
    ),
    (
        "scorecard_writes",
        "SELECT * FROM scorecard_writes WHERE org_id = $1 AND interview_id IN (SELECT id FROM interviews WHERE org_id = $1 AND candidate_id = $2) ORDER BY written_at",
    ),
    (
        "reference_requests",
        "SELECT * FROM reference_requests WHERE org_id = $1 AND candidate_id = $2 ORDER BY created_at, id",
    ),
    (
        "reference_signal_reviews",
        "SELECT * FROM reference_signal_reviews WHERE org_id = $1 AND candidate_id = $2 ORDER BY reviewed_at, id",
    ),
    (
        "decisions",
        "SELECT * FROM decisions WHERE org_id = $1 AND candidate_id = $2 ORDER BY decided_at, id",
    ),
    (
        "outbox",
        concat!(
            "SELECT * FROM outbox WHERE org_id = $1 AND ",
            about_the_candidate!(),
            " ORDER BY created_at, id"
        ),
    ),
    (
        "reminders",
        concat!(
            "SELECT * FROM reminders WHERE org_id = $1 AND ",
            about_the_candidate!(),
            " ORDER BY created_at, id"
        ),
    ),
    (
        "legal_holds",
        "SELECT * FROM legal_holds WHERE org_id = $1 AND scope = 'candidate' AND subject_id = $2 ORDER BY placed_at, id",
    ),
];

/// Columns never exported.
const SECRET_COLUMNS: &[&str] = &["token_hash"];

/// The candidate's rows of every table in [`TABLES`], by table name.
pub async fn candidate_tables(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Map<String, Value>, sqlx::Error> {
    let mut out = Map::new();
    for (table, sql) in TABLES {
        let rows = sqlx::query(sql)
            .bind(org_id)
            .bind(candidate_id)
            .fetch_all(db.pool())
            .await?;
        let rows: Vec<Value> = rows.iter().map(row_json).collect();
        out.insert((*table).to_owned(), Value::Array(rows));
    }
    Ok(out)
}

/// The audit entries about the candidate and their interviews, scorecards
/// and references, oldest first, as objects of every column.
pub async fn candidate_audit(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<Value>, sqlx::Error> {
    let sql = format!(
        "SELECT * FROM audit_log a WHERE a.org_id = $1 AND (a.subject = $2
           OR a.subject IN ({INTERVIEWS}) OR a.subject IN ({SCORECARDS}) OR a.subject IN ({REFERENCES}))
         ORDER BY a.at, a.id"
    );
    let rows = sqlx::query(&sql)
        .bind(org_id)
        .bind(candidate_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().map(row_json).collect())
}

/// One row as a JSON object of every column but the secret ones.
fn row_json(row: &AnyRow) -> Value {
    let mut obj = Map::new();
    for (i, col) in row.columns().iter().enumerate() {
        let name = col.name();
        if SECRET_COLUMNS.contains(&name) {
            continue;
        }
        let value = if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else if let Ok(v) = row.try_get::<Option<String>, _>(i) {
            match v {
                Some(text) if name.ends_with("_json") => {
                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                }
                Some(text) => Value::String(text),
                None => Value::Null,
            }
        } else if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
            v.map_or(Value::Null, Value::from)
        } else {
            Value::Null
        };
        obj.insert(name.to_owned(), value);
    }
    Value::Object(obj)
}
