//! A marker of the database's committed state: a short text that changes
//! whenever any connection, of this process or another, commits a write.
//! Two reads that get the same marker saw the same data, which is what a
//! cache of pages rendered from that data needs to know.
//!
//! - **SQLite**: `PRAGMA data_version` on a connection of its own that
//!   never writes. SQLite changes that number whenever another connection
//!   (of any process) has committed since the connection's last read. The
//!   number restarts with each connection, so the marker also names the
//!   connection it came from.
//! - **PostgreSQL**: the current snapshot (`pg_current_snapshot()`): which
//!   transactions have committed. It changes as soon as any writing
//!   transaction ends, on whichever app server, and is the same for
//!   everyone in between.

use super::{Backend, Db};
use sqlx::any::AnyConnectOptions;
use sqlx::{AnyConnection, ConnectOptions, Row};
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Mutex;

/// Where markers are read: for SQLite, the connection that reads
/// `data_version`, opened on first use and again after a failure.
///
/// Reads are one at a time, and a caller that finds a read finished that
/// *started after it asked* takes that read's marker instead of making its
/// own: the marker then already covers every commit made before the call.
/// Under a burst of requests, one read serves every request that arrived
/// while the read before it was running.
#[derive(Debug)]
pub(crate) struct Watch {
    options: Option<AnyConnectOptions>,
    state: Mutex<State>,
    /// Orders calls and reads: a read taken at ticket `t` covers every call
    /// that took a ticket before `t`.
    tickets: AtomicU64,
    /// Reads made, for the tests.
    reads: AtomicU64,
}

#[derive(Debug, Default)]
struct State {
    conn: Option<(u64, AnyConnection)>,
    opened: u64,
    /// The newest marker and the ticket its read started at.
    last: Option<(u64, String)>,
}

impl Watch {
    /// For a database opened with `options` (SQLite's; `None` for
    /// PostgreSQL and for SQLite in memory, where another connection would
    /// not see the same database).
    pub(crate) fn new(options: Option<AnyConnectOptions>) -> Watch {
        Watch {
            options,
            state: Mutex::default(),
            tickets: AtomicU64::new(0),
            reads: AtomicU64::new(0),
        }
    }
}

impl Db {
    /// The marker of what is committed now (see the module docs): it
    /// reflects every commit made before the call. `None` when it cannot be
    /// read, and then nothing may be assumed unchanged.
    pub async fn change_marker(&self) -> Option<String> {
        let watch = &self.changes;
        let asked = watch.tickets.fetch_add(1, Ordering::SeqCst);
        let mut state = watch.state.lock().await;
        if let Some((started, marker)) = &state.last
            && *started > asked
        {
            return Some(marker.clone());
        }
        let started = watch.tickets.fetch_add(1, Ordering::SeqCst);
        watch.reads.fetch_add(1, Ordering::Relaxed);
        let marker = match self.backend {
            Backend::Postgres => sqlx::query("SELECT pg_current_snapshot()::text")
                .fetch_one(self.pool())
                .await
                .and_then(|row| row.try_get::<String, _>(0))
                .map_err(|e| tracing::warn!("cannot read the change marker: {e}"))
                .ok(),
            Backend::Sqlite => sqlite_data_version(watch.options.as_ref(), &mut state).await,
        };
        state.last = marker.clone().map(|m| (started, m));
        marker
    }
}

async fn sqlite_data_version(
    options: Option<&AnyConnectOptions>,
    state: &mut State,
) -> Option<String> {
    let options = options?;
    if state.conn.is_none() {
        state.opened += 1;
        match options.connect().await {
            Ok(c) => state.conn = Some((state.opened, c)),
            Err(e) => {
                tracing::warn!("cannot open the change marker's connection: {e}");
                return None;
            }
        }
    }
    let (opened, c) = state.conn.as_mut()?;
    let version = sqlx::query("PRAGMA data_version")
        .fetch_one(&mut *c)
        .await
        .and_then(|row| row.try_get::<i64, _>(0));
    match version {
        Ok(v) => Some(format!("{opened}:{v}")),
        Err(e) => {
            tracing::warn!("cannot read the change marker: {e}");
            state.conn = None;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn marker_follows_commits(db: &Db) {
        let before = db.change_marker().await.expect("marker");
        assert_eq!(db.change_marker().await.as_ref(), Some(&before));
        sqlx::query("INSERT INTO organizations (id, name, created_at) VALUES ('m1', 'M', 0)")
            .execute(db.pool())
            .await
            .unwrap();
        let after = db.change_marker().await.expect("marker");
        assert_ne!(before, after);
        assert_eq!(db.change_marker().await.as_ref(), Some(&after));
    }

    /// Many callers at once share reads, and each still gets a marker
    /// read after it asked.
    async fn callers_at_once_share_reads(db: &Db) {
        let before = db.changes.reads.load(Ordering::Relaxed);
        // The callers arrive while a read is under way (the lock held here):
        // a read on a local file can finish within its first poll, and
        // callers that come one after another must each read.
        let busy = db.changes.state.lock().await;
        let mut callers = Box::pin(futures::future::join_all(
            (0..50).map(|_| db.change_marker()),
        ));
        assert!(futures::poll!(&mut callers).is_pending());
        drop(busy);
        let markers: Vec<_> = callers.await;
        let reads = db.changes.reads.load(Ordering::Relaxed) - before;
        assert!(markers.iter().all(|m| m.is_some() && *m == markers[0]));
        assert!((1..50).contains(&reads), "{reads} reads for 50 callers");
    }

    #[tokio::test]
    async fn the_sqlite_marker_changes_with_each_commit_and_only_then() {
        let dir = std::env::temp_dir().join(format!("pk-marker-{}", std::process::id()));
        let db = Db::connect(&format!("sqlite://{}/x.db", dir.display()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        marker_follows_commits(&db).await;
        callers_at_once_share_reads(&db).await;
        db.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn the_postgres_marker_changes_with_each_commit_and_only_then() {
        let Ok(url) = std::env::var("PANELKIT_TEST_POSTGRES_URL") else {
            return;
        };
        let db = Db::connect(&url).await.unwrap();
        let before = db.change_marker().await.expect("marker");
        // A transaction that writes: another session's commit would do the same.
        let mut tx = db.pool().begin().await.unwrap();
        sqlx::query("SELECT pg_current_xact_id()::text")
            .fetch_one(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_ne!(db.change_marker().await.expect("marker"), before);
        callers_at_once_share_reads(&db).await;
        db.close().await;
    }

    #[tokio::test]
    async fn an_in_memory_database_has_no_marker() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        assert_eq!(db.change_marker().await, None);
    }
}
