//! The append-only audit log. Rows are only ever inserted, preferably in
//! the transaction that makes the change they record ([`append_in`]), so a
//! change that took effect has exactly one entry and a rolled-back one none.

use super::{Db, ids, now_ms};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Transaction};

/// One thing to record: who did what to which subject.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// The organization.
    pub org_id: &'a str,
    /// The account that acted, if any (the command line acts as nobody).
    pub actor_id: Option<&'a str>,
    /// What was done, e.g. `user.create`.
    pub action: &'a str,
    /// What it was done to, e.g. an account id.
    pub subject: &'a str,
    /// Free-form detail as JSON text.
    pub detail: &'a str,
}

/// Appends `entry` to the log on its own.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn append(db: &Db, entry: &AuditEntry<'_>) -> Result<(), sqlx::Error> {
    insert(entry, crate::state::client_addr())
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Appends `entry` inside `tx`, the write transaction of the change.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn append_in(
    tx: &mut Transaction<'static, Any>,
    entry: &AuditEntry<'_>,
) -> Result<(), sqlx::Error> {
    append_in_from(tx, entry, crate::state::client_addr()).await
}

/// [`append_in`] for a change made away from the request that asked for it
/// (the scorecard group commit), with that request's client address.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn append_in_from(
    tx: &mut Transaction<'static, Any>,
    entry: &AuditEntry<'_>,
    client_addr: Option<std::net::IpAddr>,
) -> Result<(), sqlx::Error> {
    insert(entry, client_addr).execute(&mut **tx).await?;
    Ok(())
}

/// The insert of `entry`, with the client address of the request that asked
/// for it, if any.
fn insert<'q>(
    entry: &AuditEntry<'q>,
    client_addr: Option<std::net::IpAddr>,
) -> Query<'q, Any, AnyArguments<'q>> {
    let client_addr = client_addr.map(|ip| ip.to_string());
    sqlx::query(
        "INSERT INTO audit_log (org_id, id, at, actor_id, action, subject, detail, client_addr)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.org_id)
    .bind(ids::new_id())
    .bind(now_ms())
    .bind(entry.actor_id)
    .bind(entry.action)
    .bind(entry.subject)
    .bind(entry.detail)
    .bind(client_addr)
}

/// Which entries a query reads: the filter already checked by the
/// services layer (dates as UTC ms bounds).
#[derive(Debug, Clone, Default)]
pub struct AuditQuery<'a> {
    /// About this candidate and their interviews, scorecards and references.
    pub candidate_id: Option<&'a str>,
    /// About this role and everything of its candidates.
    pub role_id: Option<&'a str>,
    /// By this account.
    pub actor_id: Option<&'a str>,
    /// Action starting with this.
    pub action_prefix: Option<&'a str>,
    /// At or after.
    pub from_ms: Option<i64>,
    /// Before.
    pub until_ms: Option<i64>,
    /// Only entries about roles and candidates (what recruiters may read),
    /// not account administration or settings.
    pub hiring_only: bool,
}

/// The subjects related to the candidates `cands` selects (an SQL query of
/// candidate ids using `$1` for the organization): the candidates, their
/// interviews, scorecards and reference requests.
pub(super) fn about_candidates(cands: &str) -> String {
    format!(
        "a.subject IN ({cands})
         OR a.subject IN (SELECT id FROM interviews WHERE org_id = $1 AND candidate_id IN ({cands}))
         OR a.subject IN (SELECT id FROM scorecards WHERE org_id = $1 AND candidate_id IN ({cands}))
         OR a.subject IN (SELECT id FROM reference_requests WHERE org_id = $1 AND candidate_id IN ({cands}))"
    )
}

/// The WHERE clause and its text binds (after `$1`, the organization) for `q`.
fn where_clause(q: &AuditQuery<'_>) -> (String, Vec<String>, Vec<i64>) {
    let mut sql = String::from("a.org_id = $1");
    let mut texts: Vec<String> = Vec::new();
    let mut n = 1;
    let next = |n: &mut usize| {
        *n += 1;
        *n
    };
    if let Some(c) = q.candidate_id {
        let p = next(&mut n);
        let cands = format!("SELECT id FROM candidates WHERE org_id = $1 AND id = ${p}");
        sql.push_str(&format!(" AND ({})", about_candidates(&cands)));
        texts.push(c.to_owned());
    }
    if let Some(r) = q.role_id {
        let p = next(&mut n);
        let cands = format!("SELECT id FROM candidates WHERE org_id = $1 AND role_id = ${p}");
        sql.push_str(&format!(
            " AND (a.subject = ${p} OR {})",
            about_candidates(&cands)
        ));
        texts.push(r.to_owned());
    }
    if let Some(actor) = q.actor_id {
        let p = next(&mut n);
        sql.push_str(&format!(" AND a.actor_id = ${p}"));
        texts.push(actor.to_owned());
    }
    if let Some(prefix) = q.action_prefix {
        let p = next(&mut n);
        sql.push_str(&format!(" AND substr(a.action, 1, length(${p})) = ${p}"));
        texts.push(prefix.to_owned());
    }
    if q.hiring_only {
        let cands = "SELECT id FROM candidates WHERE org_id = $1";
        sql.push_str(&format!(
            " AND (a.subject IN (SELECT id FROM roles WHERE org_id = $1) OR {})",
            about_candidates(cands)
        ));
    }
    // Integer binds follow the text binds.
    let mut ints = Vec::new();
    for (bound, op) in [(q.from_ms, ">="), (q.until_ms, "<")] {
        if let Some(ms) = bound {
            ints.push(ms);
            sql.push_str(&format!(" AND a.at {op} ${}", texts.len() + ints.len() + 1));
        }
    }
    (sql, texts, ints)
}

/// How many entries of `org_id` match `q`.
pub async fn count(db: &Db, org_id: &str, q: &AuditQuery<'_>) -> Result<i64, sqlx::Error> {
    let (cond, texts, ints) = where_clause(q);
    let sql = format!("SELECT COUNT(*) FROM audit_log a WHERE {cond}");
    let mut query = sqlx::query_scalar(&sql).bind(org_id);
    for t in &texts {
        query = query.bind(t.as_str());
    }
    for i in &ints {
        query = query.bind(*i);
    }
    query.fetch_one(db.pool()).await
}

/// Up to `limit` entries of `org_id` matching `q`, newest first, after
/// skipping `offset`.
pub async fn list(
    db: &Db,
    org_id: &str,
    q: &AuditQuery<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<crate::model::AuditRow>, sqlx::Error> {
    use sqlx::Row;
    let (cond, texts, ints) = where_clause(q);
    let k = texts.len() + ints.len() + 2;
    let sql = format!(
        "SELECT a.id, a.at, a.actor_id, u.name AS actor_name, a.action, a.subject, a.detail, a.client_addr
         FROM audit_log a LEFT JOIN users u ON u.org_id = a.org_id AND u.id = a.actor_id
         WHERE {cond} ORDER BY a.at DESC, a.id DESC LIMIT ${k} OFFSET ${}",
        k + 1
    );
    let mut query = sqlx::query(&sql).bind(org_id);
    for t in &texts {
        query = query.bind(t.as_str());
    }
    for i in &ints {
        query = query.bind(*i);
    }
    let rows = query.bind(limit).bind(offset).fetch_all(db.pool()).await?;
    rows.iter()
        .map(|r| {
            Ok(crate::model::AuditRow {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                actor_id: r
                    .try_get::<Option<String>, _>("actor_id")?
                    .unwrap_or_default(),
                actor_name: r
                    .try_get::<Option<String>, _>("actor_name")?
                    .unwrap_or_default(),
                action: r.try_get("action")?,
                subject: r.try_get("subject")?,
                detail: r.try_get("detail")?,
                client_addr: r
                    .try_get::<Option<String>, _>("client_addr")?
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Appends an entry with no detail inside `tx`: the common case of
/// [`append_in`].
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn record_in(
    tx: &mut Transaction<'static, Any>,
    org_id: &str,
    actor_id: Option<&str>,
    action: &str,
    subject: &str,
) -> Result<(), sqlx::Error> {
    append_in(
        tx,
        &AuditEntry {
            org_id,
            actor_id,
            action,
            subject,
            detail: "{}",
        },
    )
    .await
}
