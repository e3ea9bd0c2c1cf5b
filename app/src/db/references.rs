//! Reference requests: referees of a candidate, their one-time links, answers
//! and phone checks, and recruiters' reviews of fraud signals.
//!
//! The referee's link carries a random token; only its SHA-256 is stored
//! (see [`super::ids::token_hash`]). Every change a referee makes is a
//! conditional update on that hash and on the request still being open, so
//! a replaced, expired, submitted or declined link changes nothing.

use super::{Db, Lock, ids, now_ms};
use crate::model::{
    PhoneCheck, RefereeInput, ReferenceAnswer, ReferenceMethod, ReferenceTimes, Relationship,
    SignalReview,
};
use sqlx::Row;
use sqlx::any::AnyRow;

/// One reference request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// Opaque id.
    pub id: String,
    /// The candidate.
    pub candidate_id: String,
    /// The referee.
    pub referee: RefereeInput,
    /// Link or phone.
    pub method: ReferenceMethod,
    /// The published guide whose questions are asked, once invited or recorded.
    pub guide_version_id: Option<String>,
    /// The account that sent the latest invitation.
    pub invited_by: Option<String>,
    /// Invitations sent.
    pub send_count: i64,
    /// Status timestamps.
    pub times: ReferenceTimes,
    /// When the referee agreed to answer.
    pub consented_at: Option<i64>,
    /// Why they declined.
    pub decline_reason: String,
    /// The draft or, once submitted, the answers.
    pub answers: Vec<ReferenceAnswer>,
    /// Hash of the candidate id and the submitting address.
    pub submitted_ip_hash: Option<String>,
    /// Set for phone checks.
    pub phone: Option<PhoneCheck>,
}

impl RequestRecord {
    /// Whether the referee can still answer or decline at `now`.
    pub fn is_open(&self, now: i64) -> bool {
        self.times.submitted_at.is_none()
            && self.times.declined_at.is_none()
            && self.times.expires_at.is_some_and(|e| e > now)
    }
}

const COLUMNS: &str = "q.id, q.candidate_id, q.referee_name, q.referee_email, q.referee_phone, q.relationship,
    q.months_worked, q.method, q.guide_version_id, q.invited_by, q.send_count, q.sent_at, q.expires_at,
    q.opened_at, q.consented_at, q.started_at, q.submitted_at, q.declined_at, q.decline_reason,
    q.answers_json, q.submitted_ip_hash, q.phone_called_by, q.phone_called_at";

/// Conditions for a link that still accepts changes; `$2` is now.
const OPEN: &str = "submitted_at IS NULL AND declined_at IS NULL AND expires_at > $2";

/// Adds a referee to `candidate_id`; returns the request's id.
pub async fn insert_request(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    input: &RefereeInput,
    actor_id: &str,
) -> Result<String, sqlx::Error> {
    let id = ids::new_id();
    sqlx::query(
        "INSERT INTO reference_requests (org_id, id, candidate_id, referee_name, referee_email, referee_phone,
           relationship, months_worked, method, send_count, decline_reason, answers_json, created_by,
           created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'link', 0, '', '[]', $9, $10, $10)",
    )
    .bind(org_id)
    .bind(&id)
    .bind(candidate_id)
    .bind(input.name.trim())
    .bind(input.email.trim().to_lowercase())
    .bind(input.phone.trim())
    .bind(input.relationship.as_str())
    .bind(i64::from(input.months_worked))
    .bind(actor_id)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(id)
}

/// The referees of `candidate_id`, oldest first.
pub async fn list_for_candidate(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<RequestRecord>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM reference_requests q
         WHERE q.org_id = $1 AND q.candidate_id = $2 ORDER BY q.created_at, q.id"
    ))
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(record).collect()
}

/// One request.
pub async fn find_request(
    db: &Db,
    org_id: &str,
    id: &str,
) -> Result<Option<RequestRecord>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM reference_requests q WHERE q.org_id = $1 AND q.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(record).transpose()
}

/// A new link for a request.
#[derive(Debug, Clone)]
pub struct NewLink<'a> {
    /// SHA-256 of the new token.
    pub token_hash: &'a str,
    /// The guide whose questions the referee answers.
    pub guide_version_id: &'a str,
    /// When the link stops working.
    pub expires_at: i64,
    /// Who sends it.
    pub actor_id: &'a str,
}

/// Gives request `id` a new link, replacing (and so invalidating) any older
/// one. False when there is no such request or it is already submitted or
/// declined.
pub async fn set_link(
    db: &Db,
    org_id: &str,
    id: &str,
    link: &NewLink<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE reference_requests SET token_hash = $3, guide_version_id = $4, expires_at = $5, invited_by = $6,
           sent_at = $7, send_count = send_count + 1, updated_at = $7
         WHERE org_id = $1 AND id = $2 AND submitted_at IS NULL AND declined_at IS NULL",
    )
    .bind(org_id)
    .bind(id)
    .bind(link.token_hash)
    .bind(link.guide_version_id)
    .bind(link.expires_at)
    .bind(link.actor_id)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A referee's link with what their page needs to say who asks about whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefereeLink {
    /// The organization.
    pub org_id: String,
    /// Its name.
    pub org_name: String,
    /// The request.
    pub request: RequestRecord,
    /// The candidate's name.
    pub candidate_name: String,
    /// The role's title.
    pub role_title: String,
    /// The recruiter who sent the link.
    pub requester_name: String,
    /// Their email.
    pub requester_email: String,
}

/// The request whose current link has the token hashing to `token_hash`.
pub async fn find_by_token(db: &Db, token_hash: &str) -> Result<Option<RefereeLink>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, q.org_id, o.name AS org_name, c.name AS candidate_name, r.title AS role_title,
           COALESCE(u.name, '') AS requester_name, COALESCE(u.email, '') AS requester_email
         FROM reference_requests q
         JOIN organizations o ON o.id = q.org_id
         JOIN candidates c ON c.org_id = q.org_id AND c.id = q.candidate_id
         JOIN roles r ON r.org_id = c.org_id AND r.id = c.role_id
         LEFT JOIN users u ON u.org_id = q.org_id AND u.id = q.invited_by
         WHERE q.token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(RefereeLink {
            org_id: row.try_get("org_id")?,
            org_name: row.try_get("org_name")?,
            request: record(&row)?,
            candidate_name: row.try_get("candidate_name")?,
            role_title: row.try_get("role_title")?,
            requester_name: row.try_get("requester_name")?,
            requester_email: row.try_get("requester_email")?,
        })
    })
    .transpose()
}

/// The name of organization `org_id` (empty if unknown).
pub async fn org_name(db: &Db, org_id: &str) -> Result<String, sqlx::Error> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM organizations WHERE id = $1")
        .bind(org_id)
        .fetch_optional(db.pool())
        .await?;
    Ok(name.unwrap_or_default())
}

/// Notes the first opening of an open link.
pub async fn mark_opened(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE reference_requests SET opened_at = $2, updated_at = $2
         WHERE token_hash = $1 AND opened_at IS NULL AND {OPEN}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Records the referee's consent, which starts the answering. False when the
/// link is not open.
pub async fn consent(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE reference_requests SET consented_at = COALESCE(consented_at, $2),
           started_at = COALESCE(started_at, $2), opened_at = COALESCE(opened_at, $2), updated_at = $2
         WHERE token_hash = $1 AND {OPEN}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Saves the draft; false when the link is not open or consent is missing.
pub async fn save_draft(
    db: &Db,
    token_hash: &str,
    answers: &[ReferenceAnswer],
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(&format!(
        "UPDATE reference_requests SET answers_json = $3, draft_saved_at = $2, updated_at = $2
         WHERE token_hash = $1 AND consented_at IS NOT NULL AND {OPEN}"
    ))
    .bind(token_hash)
    .bind(now_ms())
    .bind(encode(answers)?)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Submits the answers, once: one write transaction whose conditional update
/// only an open, consented, unsubmitted link passes, so of any number of
/// concurrent submissions exactly one is accepted. The audit entry commits
/// with it. False when the link was not open.
pub async fn submit(
    db: &Db,
    token_hash: &str,
    answers: &[ReferenceAnswer],
    ip_hash: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let updated: Option<(String, String)> = sqlx::query_as(&format!(
        "UPDATE reference_requests SET answers_json = $3, submitted_at = $2, submitted_ip_hash = $4,
           draft_saved_at = $2, updated_at = $2
         WHERE token_hash = $1 AND consented_at IS NOT NULL AND {OPEN}
         RETURNING org_id, id"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(encode(answers)?)
    .bind(ip_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((org_id, id)) = updated else {
        tx.rollback().await?;
        return Ok(false);
    };
    audit_in(&mut tx, &org_id, None, "reference.submit", &id, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// Declines with an optional reason. False when the link was not open.
pub async fn decline(db: &Db, token_hash: &str, reason: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let updated: Option<(String, String)> = sqlx::query_as(&format!(
        "UPDATE reference_requests SET declined_at = $2, decline_reason = $3, updated_at = $2
         WHERE token_hash = $1 AND {OPEN}
         RETURNING org_id, id"
    ))
    .bind(token_hash)
    .bind(now)
    .bind(reason.trim())
    .fetch_optional(&mut *tx)
    .await?;
    let Some((org_id, id)) = updated else {
        tx.rollback().await?;
        return Ok(false);
    };
    audit_in(&mut tx, &org_id, None, "reference.decline", &id, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// A reference taken by phone.
#[derive(Debug, Clone)]
pub struct PhoneRecord<'a> {
    /// The guide whose questions were asked.
    pub guide_version_id: &'a str,
    /// Who called.
    pub called_by: &'a str,
    /// When (UTC milliseconds).
    pub called_at: i64,
    /// The answers.
    pub answers: &'a [ReferenceAnswer],
    /// The recruiter recording it.
    pub actor_id: &'a str,
}

/// Records request `id` as answered by phone; its link, if any, then shows
/// the thank-you page. False when there is no such request or it was already
/// submitted.
pub async fn record_phone_check(
    db: &Db,
    org_id: &str,
    id: &str,
    phone: &PhoneRecord<'_>,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let mut tx = db.begin_write(Lock::OwnRows).await?;
    let done = sqlx::query(
        "UPDATE reference_requests SET method = 'phone', guide_version_id = $3, phone_called_by = $4,
           phone_called_at = $5, answers_json = $6, recorded_by = $7, submitted_at = $8, updated_at = $8
         WHERE org_id = $1 AND id = $2 AND submitted_at IS NULL",
    )
    .bind(org_id)
    .bind(id)
    .bind(phone.guide_version_id)
    .bind(phone.called_by)
    .bind(phone.called_at)
    .bind(encode(phone.answers)?)
    .bind(phone.actor_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    audit_in(
        &mut tx,
        org_id,
        Some(phone.actor_id),
        "reference.phone_check",
        id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Appends a review of fraud signal `signal_key` of `candidate_id`.
pub async fn add_signal_review(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
    signal_key: &str,
    note: &str,
    actor_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO reference_signal_reviews (org_id, id, candidate_id, signal_key, note, reviewed_by, reviewed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(org_id)
    .bind(ids::new_id())
    .bind(candidate_id)
    .bind(signal_key)
    .bind(note.trim())
    .bind(actor_id)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The newest review of each reviewed signal of `candidate_id`, by signal key.
pub async fn latest_signal_reviews(
    db: &Db,
    org_id: &str,
    candidate_id: &str,
) -> Result<Vec<(String, SignalReview)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT v.signal_key, v.note, v.reviewed_at, u.name
         FROM reference_signal_reviews v JOIN users u ON u.org_id = v.org_id AND u.id = v.reviewed_by
         WHERE v.org_id = $1 AND v.candidate_id = $2
         ORDER BY v.reviewed_at DESC, v.id",
    )
    .bind(org_id)
    .bind(candidate_id)
    .fetch_all(db.pool())
    .await?;
    let mut latest: Vec<(String, SignalReview)> = Vec::new();
    for row in rows {
        let key: String = row.try_get("signal_key")?;
        if latest.iter().any(|(k, _)| *k == key) {
            continue;
        }
        latest.push((
            key,
            SignalReview {
                note: row.try_get("note")?,
                reviewed_by: row.try_get("name")?,
                reviewed_at: row.try_get("reviewed_at")?,
            },
        ));
    }
    Ok(latest)
}

/// An audit entry inside the transaction that makes the change it records.
async fn audit_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    org_id: &str,
    actor_id: Option<&str>,
    action: &str,
    subject: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (org_id, id, at, actor_id, action, subject, detail)
         VALUES ($1, $2, $3, $4, $5, $6, '{}')",
    )
    .bind(org_id)
    .bind(ids::new_id())
    .bind(at)
    .bind(actor_id)
    .bind(action)
    .bind(subject)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn encode(answers: &[ReferenceAnswer]) -> Result<String, sqlx::Error> {
    serde_json::to_string(answers).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

fn record(row: &AnyRow) -> Result<RequestRecord, sqlx::Error> {
    let relationship: String = row.try_get("relationship")?;
    let method: String = row.try_get("method")?;
    let answers: String = row.try_get("answers_json")?;
    let months: i64 = row.try_get("months_worked")?;
    let called_by: Option<String> = row.try_get("phone_called_by")?;
    let called_at: Option<i64> = row.try_get("phone_called_at")?;
    Ok(RequestRecord {
        id: row.try_get("id")?,
        candidate_id: row.try_get("candidate_id")?,
        referee: RefereeInput {
            name: row.try_get("referee_name")?,
            email: row.try_get("referee_email")?,
            phone: row.try_get("referee_phone")?,
            relationship: Relationship::parse(&relationship).unwrap_or(Relationship::Peer),
            months_worked: u32::try_from(months).unwrap_or(0),
        },
        method: if method == "phone" {
            ReferenceMethod::Phone
        } else {
            ReferenceMethod::Link
        },
        guide_version_id: row.try_get("guide_version_id")?,
        invited_by: row.try_get("invited_by")?,
        send_count: row.try_get("send_count")?,
        times: ReferenceTimes {
            sent_at: row.try_get("sent_at")?,
            expires_at: row.try_get("expires_at")?,
            opened_at: row.try_get("opened_at")?,
            started_at: row.try_get("started_at")?,
            submitted_at: row.try_get("submitted_at")?,
            declined_at: row.try_get("declined_at")?,
        },
        consented_at: row.try_get("consented_at")?,
        decline_reason: row.try_get("decline_reason")?,
        answers: serde_json::from_str(&answers).map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
        submitted_ip_hash: row.try_get("submitted_ip_hash")?,
        phone: match (called_by, called_at) {
            (Some(called_by), Some(called_at)) => Some(PhoneCheck {
                called_by,
                called_at,
            }),
            _ => None,
        },
    })
}
