//! Sessions resolved moments ago (`db::recent`): autosave and a page's
//! server functions send bursts of requests with the same cookie. On top of
//! the moment an answer is kept, an entry never answers past its session's
//! expiry or idle timeout.

use crate::db::recent::Recent;
use crate::model::CurrentUser;

/// Resolved sessions by the hash of their token.
pub(crate) type SessionCache = Recent<String, Entry>;

/// A resolved session: its account, and the times that decide whether it
/// is still live, UTC milliseconds.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) user: CurrentUser,
    /// The session's absolute expiry.
    pub(crate) expires_at: i64,
    /// Its last recorded use.
    pub(crate) last_seen_at: i64,
}

impl Entry {
    /// The account, if the session is live at `now` for sessions that end
    /// after `idle_ms` without use.
    pub(crate) fn live(self, now: i64, idle_ms: i64) -> Option<CurrentUser> {
        (now < self.expires_at && now - self.last_seen_at < idle_ms).then_some(self.user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    #[test]
    fn an_entry_never_answers_past_its_session() {
        let entry = Entry {
            user: CurrentUser {
                id: "ivan".into(),
                org_id: "org".into(),
                email: "ivan@example.org".into(),
                name: "Ivan".into(),
                role: Role::Interviewer,
            },
            expires_at: 1_000,
            last_seen_at: 0,
        };
        assert!(entry.clone().live(999, 60_000).is_some());
        assert!(
            entry.clone().live(1_000, 60_000).is_none(),
            "past its expiry"
        );
        assert!(
            entry.live(100, 100).is_none(),
            "idle by the caller's policy"
        );
    }
}
