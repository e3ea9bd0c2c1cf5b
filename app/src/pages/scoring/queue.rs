//! The device's copy of scorecard changes the server has not acknowledged,
//! in `localStorage`: at most one write being sent and the latest edits per
//! scorecard, so it stays small, survives a reload, and is cleared at sign-out.

use crate::model::{ScorecardContent, ScorecardWrite};
use serde::{Deserialize, Serialize};

/// Prefix of every key this module stores.
pub const PREFIX: &str = "panelkit.scorecard.";

/// What waits on the device for one scorecard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRecord {
    /// A write sent and not yet acknowledged. It is resent exactly as it is
    /// (same idempotency key), so if it was committed before the answer was
    /// lost, the server answers the same way instead of applying it twice.
    pub sending: Option<ScorecardWrite>,
    /// Edits made after that write (or since the last save).
    pub pending: Option<ScorecardContent>,
    /// The acknowledged version the edits were made on.
    pub base_version: i64,
}

impl QueueRecord {
    /// Whether nothing waits.
    pub fn is_empty(&self) -> bool {
        self.sending.is_none() && self.pending.is_none()
    }
}

/// The storage key of one interviewer's scorecard for one interview: keyed
/// by account too, so another account on the same browser never picks it up.
pub fn key(interviewer_id: &str, interview_id: &str) -> String {
    format!("{PREFIX}{interviewer_id}.{interview_id}")
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The record under `key`, if any (and readable).
#[cfg(feature = "hydrate")]
pub fn load(key: &str) -> Option<QueueRecord> {
    let text = storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Stores `record` under `key`, or removes the key when nothing waits.
/// Returns false when the browser refused (storage full or disabled).
#[cfg(feature = "hydrate")]
pub fn store(key: &str, record: &QueueRecord) -> bool {
    let Some(storage) = storage() else {
        return false;
    };
    if record.is_empty() {
        return storage.remove_item(key).is_ok();
    }
    serde_json::to_string(record).is_ok_and(|text| storage.set_item(key, &text).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_the_account_and_the_interview() {
        assert_eq!(key("u1", "i9"), "panelkit.scorecard.u1.i9");
        assert!(QueueRecord::default().is_empty());
    }
}
