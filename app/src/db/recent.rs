//! What the database answered moments ago, kept in process for the requests
//! that come in bursts: a session looked up for every call of a page and
//! every autosave, a panel seat checked for every autosave. Each lookup is
//! a round trip to the database (on SQLite a hand-over to a connection's
//! thread and back), and on the autosave path they were most of its cost.
//!
//! An entry answers for at most [`KEEP_MS`] after the database was read.
//! What this process changes forgets the entries concerned as soon as the
//! change committed; a change made by another app server or by the command
//! line is seen here within [`KEEP_MS`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// How long an answer is trusted without asking the database again.
pub const KEEP_MS: i64 = 2_000;
/// Most entries kept: far above what one server reads within [`KEEP_MS`],
/// so that only a flood of distinct keys reaches it, and then the cache
/// starts over.
const MAX_ENTRIES: usize = 10_000;

/// Recent answers by key.
#[derive(Debug)]
pub(crate) struct Recent<K, V> {
    inner: Mutex<Inner<K, V>>,
}

#[derive(Debug)]
struct Inner<K, V> {
    /// Each value with when it was read, UTC milliseconds.
    entries: HashMap<K, (V, i64)>,
    /// Moves on whenever something is forgotten, so that a lookup that
    /// read the database before a change committed cannot store what it
    /// read after the change forgot it.
    generation: u64,
}

impl<K, V> Default for Recent<K, V> {
    fn default() -> Self {
        Recent {
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                generation: 0,
            }),
        }
    }
}

impl<K: Hash + Eq, V: Clone> Recent<K, V> {
    /// The value kept for `key`, if it was read within [`KEEP_MS`] of `now`.
    pub(crate) fn get(&self, key: &K, now: i64) -> Option<V> {
        let inner = self.inner.lock().ok()?;
        let (value, read_at) = inner.entries.get(key)?;
        (now < read_at + KEEP_MS).then(|| value.clone())
    }

    /// The generation to hand to [`Recent::keep`]: read it before reading
    /// the database.
    pub(crate) fn generation(&self) -> u64 {
        self.inner.lock().map_or(0, |inner| inner.generation)
    }

    /// Keeps `value`, read from the database at `read_at`, unless something
    /// was forgotten since `generation` was taken.
    pub(crate) fn keep(&self, key: K, value: V, read_at: i64, generation: u64) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.generation != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner.entries.insert(key, (value, read_at));
    }

    /// Forgets every entry `stale` picks; what is being read meanwhile is
    /// not kept.
    pub(crate) fn forget(&self, stale: impl Fn(&K, &V) -> bool) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.generation += 1;
            inner.entries.retain(|k, (v, _)| !stale(k, v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_used_for_a_moment_and_not_after() {
        let recent = Recent::default();
        recent.keep("a", 1, 100, recent.generation());
        assert_eq!(recent.get(&"a", 100 + KEEP_MS - 1), Some(1));
        assert_eq!(recent.get(&"a", 100 + KEEP_MS), None);
        assert_eq!(recent.get(&"b", 100), None);
    }

    #[test]
    fn forgetting_takes_effect_at_once_for_what_it_picks() {
        let recent = Recent::default();
        for (key, value) in [("a", 1), ("b", 2), ("c", 1)] {
            recent.keep(key, value, 0, recent.generation());
        }
        recent.forget(|_, v| *v == 1);
        assert_eq!(recent.get(&"a", 0), None);
        assert_eq!(recent.get(&"c", 0), None);
        assert_eq!(recent.get(&"b", 0), Some(2), "the others stay");
    }

    #[test]
    fn what_was_read_before_a_change_is_not_kept_after_it() {
        let recent = Recent::default();
        let read_at = recent.generation();
        recent.forget(|_, _: &i32| true);
        recent.keep("a", 1, 0, read_at);
        assert_eq!(recent.get(&"a", 0), None);
    }
}
