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
