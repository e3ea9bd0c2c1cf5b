//! Reference requests: referees of a candidate, their one-time links, answers
//! and phone checks, and recruiters' reviews of fraud signals.
//!
//! The referee's link carries a random token; only its SHA-256 is stored
//! (see [`super::ids::token_hash`]). Every change a referee makes is a
//! conditional update on that hash and on the request still being open, so
//! a replaced, expired, submitted or declined link changes nothing.
//!
//! Split by who acts: [`requests`] holds the recruiter's side (adding
//! referees, links, phone checks, signal reviews), [`referee`] what a
//! referee's token may do.

mod referee;
mod requests;

pub use referee::*;
pub use requests::*;

use crate::model::{
    PhoneCheck, RefereeInput, ReferenceAnswer, ReferenceMethod, ReferenceTimes, Relationship,
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

pub(super) const COLUMNS: &str = "q.id, q.candidate_id, q.referee_name, q.referee_email, q.referee_phone, q.relationship,
    q.months_worked, q.method, q.guide_version_id, q.invited_by, q.send_count, q.sent_at, q.expires_at,
    q.opened_at, q.consented_at, q.started_at, q.submitted_at, q.declined_at, q.decline_reason,
    q.answers_json, q.submitted_ip_hash, q.phone_called_by, q.phone_called_at";

/// Conditions for a link that still accepts changes; `$2` is now.
pub(super) const OPEN: &str = "submitted_at IS NULL AND declined_at IS NULL AND expires_at > $2";

pub(super) fn encode(answers: &[ReferenceAnswer]) -> Result<String, sqlx::Error> {
    serde_json::to_string(answers).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

pub(super) fn record(row: &AnyRow) -> Result<RequestRecord, sqlx::Error> {
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
