//! Sessions resolved moments ago, kept in process: autosave and a page's
//! server functions send bursts of requests with the same cookie, and each
//! lookup is a round trip to the database (on SQLite a hand-over to a
//! connection's thread and back), a third of an autosave's.
//!
//! An entry answers for at most [`KEEP_MS`] after the database was asked,
//! and never past its session's expiry or idle timeout. What this process does to a session or an account
//! (sign-out, a new password, deactivation, a new role) forgets the entries
//! concerned as soon as it is committed; done by another app server or the
//! command line, it takes effect here within [`KEEP_MS`].

use crate::model::CurrentUser;
use std::collections::HashMap;
use std::sync::Mutex;

/// How long a resolved session is trusted without asking the database.
pub const KEEP_MS: i64 = 2_000;
/// Most sessions kept: far above the sessions active within
/// [`KEEP_MS`] on one server, so that only a flood of distinct cookies
/// reaches it, and then the cache starts over.
const MAX_ENTRIES: usize = 10_000;

/// The sessions of one database, by the hash of their token.
#[derive(Debug, Default)]
pub(crate) struct SessionCache {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    /// Moves on whenever something is forgotten, so that a lookup that
    /// read the database before a change committed cannot store what it
    /// read after the change forgot it.
    generation: u64,
}

/// A resolved session: its account, and the times that decide whether it
/// is still live, all UTC milliseconds.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) user: CurrentUser,
    /// When the database was asked.
    pub(crate) read_at: i64,
    /// The session's absolute expiry.
    pub(crate) expires_at: i64,
    /// Its last recorded use.
    pub(crate) last_seen_at: i64,
}

impl Entry {
    /// Whether the entry may answer at `now` for sessions that end after
    /// `idle_ms` without use.
    fn live(&self, now: i64, idle_ms: i64) -> bool {
        now < self.read_at + KEEP_MS && now < self.expires_at && now - self.last_seen_at < idle_ms
    }
}

impl SessionCache {
    /// The account of session `hash`, if it was resolved within
    /// [`KEEP_MS`] of `now` and is neither past its expiry nor idle for
    /// `idle_ms`.
    pub(crate) fn get(&self, hash: &str, now: i64, idle_ms: i64) -> Option<CurrentUser> {
        let inner = self.inner.lock().ok()?;
        let entry = inner.entries.get(hash)?;
        entry.live(now, idle_ms).then(|| entry.user.clone())
    }

    /// The generation to hand to [`SessionCache::keep`] after reading the
    /// database.
    pub(crate) fn generation(&self) -> u64 {
        self.inner.lock().map_or(0, |inner| inner.generation)
    }

    /// Keeps `entry` for session `hash`, unless something was forgotten
    /// since `generation` was read.
    pub(crate) fn keep(&self, hash: String, entry: Entry, generation: u64) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner.entries.insert(hash, entry);
    }

    /// Forgets session `hash` (signed out, or replaced by a new sign-in).
    pub(crate) fn forget(&self, hash: &str) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.generation += 1;
            inner.entries.remove(hash);
        }
    }

    /// Forgets every session of account `user_id` (a new password, a new
    /// role, deactivation).
    pub(crate) fn forget_user(&self, org_id: &str, user_id: &str) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.generation += 1;
            inner
                .entries
                .retain(|_, e| !(e.user.org_id == org_id && e.user.id == user_id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    const IDLE: i64 = 60_000;

    /// Ivan's session read at 0, used at 0, expiring at `expires_at`.
    fn entry(id: &str, expires_at: i64) -> Entry {
        Entry {
            user: CurrentUser {
                id: id.into(),
                org_id: "org".into(),
                email: format!("{id}@example.org"),
                name: id.into(),
                role: Role::Interviewer,
            },
            read_at: 0,
            expires_at,
            last_seen_at: 0,
        }
    }

    #[test]
    fn an_entry_answers_for_a_moment_and_never_past_its_session() {
        let cache = SessionCache::default();
        cache.keep("h".into(), entry("ivan", 1_000_000), cache.generation());
        let id = |now, idle| cache.get("h", now, idle).map(|u| u.id);
        assert_eq!(id(KEEP_MS - 1, IDLE), Some("ivan".into()));
        assert_eq!(id(KEEP_MS, IDLE), None, "kept too long");
        assert_eq!(id(100, 100), None, "idle by the caller's policy");
        assert_eq!(cache.get("other", 0, IDLE), None);
        cache.keep("s".into(), entry("ivan", 500), cache.generation());
        assert!(cache.get("s", 499, IDLE).is_some());
        assert!(cache.get("s", 500, IDLE).is_none(), "past its expiry");
    }

    #[test]
    fn forgetting_a_session_or_an_account_takes_effect_at_once() {
        let cache = SessionCache::default();
        for (hash, id) in [("a", "ivan"), ("b", "ivan"), ("c", "iris")] {
            cache.keep(hash.into(), entry(id, 1_000), cache.generation());
        }
        cache.forget("a");
        assert!(cache.get("a", 0, IDLE).is_none());
        assert!(cache.get("b", 0, IDLE).is_some());
        cache.forget_user("org", "ivan");
        assert!(cache.get("b", 0, IDLE).is_none());
        assert!(cache.get("c", 0, IDLE).is_some(), "other accounts stay");
    }

    #[test]
    fn what_was_read_before_a_change_is_not_kept_after_it() {
        let cache = SessionCache::default();
        let read_at = cache.generation();
        cache.forget_user("org", "ivan");
        cache.keep("a".into(), entry("ivan", 1_000), read_at);
        assert!(cache.get("a", 0, IDLE).is_none());
    }
}
