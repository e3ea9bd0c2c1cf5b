//! The outbox: every message the app composes, whether an SMTP server sent it
//! or a recruiter was shown it to send (the sending itself is [`crate::mail`]).
//!
//! Bodies are stored with one-time links withheld, so the outbox holds no
//! usable token.

use super::{Db, ids, now_ms};
use crate::mail::OutgoingMail;
use sqlx::Row;

/// What became of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    /// Handed to the SMTP server.
    Sent,
    /// The SMTP server refused it or could not be reached.
    Failed,
    /// No mail is configured: shown to the recruiter to send.
    Manual,
}

impl OutboxStatus {
    /// Stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::Manual => "manual",
        }
    }
}

/// A message to record.
#[derive(Debug, Clone)]
pub struct OutboxEntry<'a> {
    /// The organization.
    pub org_id: &'a str,
    /// What kind of message, e.g. `reference.invitation`.
    pub kind: &'a str,
    /// What it is about, e.g. a reference request id.
    pub subject_id: &'a str,
    /// The message, its links already withheld.
    pub mail: &'a OutgoingMail,
    /// What became of it.
    pub status: OutboxStatus,
    /// The failure, if any.
    pub error: &'a str,
    /// Who caused it.
    pub created_by: &'a str,
}

/// Appends `entry`; returns the new message's id.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn record(db: &Db, entry: &OutboxEntry<'_>) -> Result<String, sqlx::Error> {
    let id = ids::new_id();
    sqlx::query(
        "INSERT INTO outbox (org_id, id, kind, subject_id, recipient, subject, body, status, error, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(entry.org_id)
    .bind(&id)
    .bind(entry.kind)
    .bind(entry.subject_id)
    .bind(&entry.mail.to)
    .bind(&entry.mail.subject)
    .bind(&entry.mail.body)
    .bind(entry.status.as_str())
    .bind(entry.error)
    .bind(entry.created_by)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(id)
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    /// Recipient.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Body with links withheld.
    pub body: String,
    /// `sent`, `failed` or `manual`.
    pub status: String,
    /// When (UTC milliseconds).
    pub created_at: i64,
}

/// The messages about `subject_id`, oldest first.
#[tracing::instrument(level = "debug", skip_all, err(level = "warn"))]
pub async fn list_for_subject(
    db: &Db,
    org_id: &str,
    subject_id: &str,
) -> Result<Vec<OutboxRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT recipient, subject, body, status, created_at FROM outbox
         WHERE org_id = $1 AND subject_id = $2 ORDER BY created_at, id",
    )
    .bind(org_id)
    .bind(subject_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(OutboxRecord {
                recipient: row.try_get("recipient")?,
                subject: row.try_get("subject")?,
                body: row.try_get("body")?,
                status: row.try_get("status")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}
